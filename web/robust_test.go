package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"komitee/internal/testkit"
)

// TestNoInputYieldsA500 sends every route, as the public, a member, a representative and a
// coordinator, empty, malformed, oversized and wrongly encoded input, with real and made-up ids:
// whatever comes back, it is never a server error.
func TestNoInputYieldsA500(t *testing.T) {
	k := testkit.New(t)
	s := New(k.App)
	ids := map[string][]string{
		":slug":    {k.Listed.GetString("slug"), k.Pending.GetString("slug"), "nope", "%00"},
		":id":      {k.PendingMembership.Id, k.MemberMembership.Id, k.Pending.Id, k.Coordinator.Id, "x"},
		":token":   {"bad", k.SetupToken},
		":version": {"v"},
		":file":    {"app.css", "../main.go"},
	}
	long := strings.Repeat("ü", 30000)
	bodies := []url.Values{
		{},
		{"name": {long}, "email": {long}, "password": {long}, "kind": {"\xff\xfe"}, "areas": {"x", "y"}, "languages": {"\x00"},
			"status": {"applied"}, "role": {"king"}, "reason": {long}, "message": {long}, "language": {"klingon"},
			"email_visibility": {"everyone"}, "website": {"http://[::1"}, "next": {"//evil.example"}, "consent": {"yes"}},
		{"q": {"%"}, "page": {"-1"}, "current": {""}, "confirm": {"\u202e"}},
	}
	people := []*core.Record{nil, k.Member, k.Rep, k.Coordinator}
	statuses := map[int]int{}
	for _, r := range s.echo.Routes() {
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			continue
		}
		for _, path := range expand(r.Path, ids) {
			for _, who := range people {
				for i, form := range bodies {
					var body *bytes.Buffer
					ctype := "application/x-www-form-urlencoded"
					if i == 2 && r.Method == http.MethodPost {
						body, ctype = multipartBody(form)
					} else {
						body = bytes.NewBufferString(form.Encode())
					}
					target := path
					if r.Method == http.MethodGet {
						target += "?" + form.Encode()
						body = &bytes.Buffer{}
					}
					req := httptest.NewRequest(r.Method, target, body)
					req.Header.Set("Content-Type", ctype)
					req.Header.Set("Sec-Fetch-Site", "same-origin")
					if who != nil {
						req.AddCookie(&http.Cookie{Name: sessionCookie, Value: k.Token(t, who)})
					}
					rec := httptest.NewRecorder()
					s.echo.ServeHTTP(rec, req)
					statuses[rec.Code]++
					if rec.Code >= 500 {
						t.Errorf("%s %s (body %d) as %v: %d\n%.300s", r.Method, target, i, who != nil, rec.Code, rec.Body.String())
					}
				}
			}
		}
	}
	// The sweep must have reached the handlers: forms refused, pages shown, redirects made.
	for _, code := range []int{200, 303, 403, 404, 422} {
		if statuses[code] == 0 {
			t.Errorf("no request answered %d: %v", code, statuses)
		}
	}
	t.Logf("answers: %v", statuses)
}

// expand fills a route's parameters with each of their sample values.
func expand(path string, ids map[string][]string) []string {
	out := []string{path}
	for param, values := range ids {
		var next []string
		for _, p := range out {
			if !strings.Contains(p, param) {
				next = append(next, p)
				continue
			}
			for _, v := range values {
				next = append(next, strings.Replace(p, param, url.PathEscape(v), 1))
			}
		}
		out = next
	}
	return out
}

// multipartBody encodes form as multipart with a logo that is not an image.
func multipartBody(form url.Values) (*bytes.Buffer, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, vs := range form {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	f, _ := w.CreateFormFile("logo", "logo.png")
	_, _ = f.Write([]byte("<?php echo 'not a picture'; ?>"))
	_ = w.Close()
	return &b, w.FormDataContentType()
}
