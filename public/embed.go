// Package public holds the static assets (CSS, htmx, icons), compiled into the binary.
package public

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
)

// Files are the embedded assets, served under /static/{version}/.
//
//go:embed *.css *.js *.svg *.ico
var Files embed.FS

// Version is a short hash of all assets, so that URLs change when any file does.
var Version = func() string {
	h := sha256.New()
	_ = fs.WalkDir(Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := Files.ReadFile(path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:10]
}()
