package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"komitee/internal/testkit"
)

// TestLogoUpload: a representative uploads a real PNG and it is kept with thumbnails served by
// PocketBase; a file that only claims to be an image, or a too large one, is refused at the field.
func TestLogoUpload(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	slug := k.Listed.GetString("slug")
	upload := func(name string, data []byte) *httptest.ResponseRecorder {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		for key, v := range map[string]string{"name": "Verein der Vielfalt", "kind": "mso", "email": "public-verein-der-vielfalt@example.org", "email_visibility": "public"} {
			_ = w.WriteField(key, v)
		}
		f, _ := w.CreateFormFile("logo", name)
		_, _ = f.Write(data)
		_ = w.Close()
		req := httptest.NewRequest(http.MethodPost, "/organisations/"+slug+"/edit", &b)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "komitee_session", Value: k.SessionID(t, k.Rep)})
		req.AddCookie(&http.Cookie{Name: "komitee_lang", Value: "de"})
		rec := httptest.NewRecorder()
		s.mux.ServeHTTP(rec, req)
		return rec
	}

	if rec := upload("logo.png", []byte("GIF89a not really")); rec.Code != 422 || !strings.Contains(rec.Body.String(), "PNG, JPEG oder WebP") {
		t.Fatalf("fake image: %d", rec.Code)
	}
	big := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 1<<20+1)...)
	if rec := upload("big.png", big); rec.Code != 422 || !strings.Contains(rec.Body.String(), "zu groß") {
		t.Fatalf("big image: %d", rec.Code)
	}

	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for x := 0; x < 300; x++ {
		img.Set(x, x%200, color.RGBA{11, 83, 148, 255})
	}
	var pngData bytes.Buffer
	_ = png.Encode(&pngData, img)
	if rec := upload("logo.png", pngData.Bytes()); rec.Code != http.StatusSeeOther {
		t.Fatalf("real PNG refused: %d\n%s", rec.Code, rec.Body.String())
	}
	page := s.get("/organisations/"+slug, 200)
	i := strings.Index(page, "/api/files/")
	if i < 0 {
		t.Fatal("logo not shown")
	}
	src := page[i : strings.Index(page[i:], `"`)+i]
	status, _, _ := s.do(http.MethodGet, strings.ReplaceAll(src, "&amp;", "&"), nil)
	if status != 200 {
		t.Fatalf("thumbnail %s: %d", src, status)
	}
}
