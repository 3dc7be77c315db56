package web

import (
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"komitee/public"
)

type asset struct {
	plain, gz []byte
	mime      string
}

// assets are read and compressed once at start-up, so serving them costs no CPU.
var assets = func() map[string]asset {
	out := map[string]asset{}
	_ = fs.WalkDir(public.Files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := public.Files.ReadFile(p)
		if err != nil {
			return err
		}
		out[p] = asset{plain: b, gz: gzipBest(b), mime: mime.TypeByExtension(path.Ext(p))}
		return nil
	})
	return out
}()

// static serves an embedded asset. The URL carries the assets' version, so it may be cached
// for a year.
func (s *Server) static(c echo.Context) error {
	a, ok := assets[c.Param("file")]
	if !ok || c.Param("version") != public.Version {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Vary", "Accept-Encoding")
	if strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		return c.Blob(http.StatusOK, a.mime, a.gz)
	}
	return c.Blob(http.StatusOK, a.mime, a.plain)
}

// favicon serves the icon at the address browsers and tools ask for without a <link>. Its
// URL has no version, so it is cached for a day.
func (s *Server) favicon(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, "image/x-icon", assets["favicon.ico"].plain)
}
