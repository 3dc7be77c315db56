package web_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"komitee/internal/testkit"
)

// TestFavicon: /favicon.ico is a real icon (ICO header), served as image/x-icon and cacheable.
func TestFavicon(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	req := httptest.NewRequest(http.MethodGet, "/favicon.ico", nil)
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, req)
	res := rec.Result()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /favicon.ico: status %d, want 200", res.StatusCode)
	}
	if got := res.Header.Get("Content-Type"); got != "image/x-icon" {
		t.Errorf("Content-Type %q, want image/x-icon", got)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "public") || !strings.Contains(cc, "max-age=") {
		t.Errorf("Cache-Control %q: the icon should be cacheable", cc)
	}
	if b := rec.Body.Bytes(); len(b) < 22 || !bytes.Equal(b[:4], []byte{0, 0, 1, 0}) {
		t.Errorf("the body is not an ICO file (%d bytes)", len(b))
	}
}
