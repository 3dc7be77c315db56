package web

import (
	"bytes"
	"compress/gzip"
	"io"
)

// compressors bounds how many gzip writers exist. Each holds about 1 MB of tables, and a pool
// that grows with concurrency (as Echo's gzip middleware does) kept 32 of them alive at 32
// connections; compressing a page takes 0.2 ms, so four serve two cores without waiting long.
var compressors = func() chan *gzip.Writer {
	ch := make(chan *gzip.Writer, 4)
	for range cap(ch) {
		w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
		ch <- w
	}
	return ch
}()

// gzipBest compresses b once at the best level, for answers that are kept (assets, cached
// pages): the writer's tables are garbage right after.
func gzipBest(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

// gzipTo compresses src into dst with one of the bounded writers.
func gzipTo(dst io.Writer, src []byte) error {
	w := <-compressors
	defer func() { compressors <- w }()
	w.Reset(dst)
	if _, err := w.Write(src); err != nil {
		return err
	}
	return w.Close()
}
