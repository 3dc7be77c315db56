package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"komitee/internal/testkit"
	"komitee/web"
)

// site drives the pages like a browser without JavaScript: one router, a cookie jar, forms
// posted same-origin. For multi-step flows that one ApiScenario cannot express.
type site struct {
	t       *testing.T
	mux     http.Handler
	cookies map[string]string
	header  http.Header // of the last answer
}

// muxes holds one router per test app: several sites (people) share it.
var muxes sync.Map

func newSite(t *testing.T, k *testkit.Kit) *site {
	t.Helper()
	if mux, ok := muxes.Load(k.App); ok {
		return &site{t: t, mux: mux.(http.Handler), cookies: map[string]string{"komitee_lang": "de"}}
	}
	web.Register(k.App)
	router, err := apis.NewRouter(k.App)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = k.App.OnServe().Trigger(&core.ServeEvent{App: k.App, Router: router}, func(e *core.ServeEvent) error {
		m, err := e.Router.BuildMux()
		mux = m
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	muxes.Store(k.App, mux)
	return &site{t: t, mux: mux, cookies: map[string]string{"komitee_lang": "de"}}
}

// do sends one request and returns the status, the Location header and the body.
func (s *site) do(method, path string, form url.Values) (int, string, string) {
	s.t.Helper()
	return s.send(method, path, form, nil)
}

// sendForm posts a form with extra request headers (HTMX's, say).
func (s *site) sendForm(method, path string, form url.Values, headers map[string]string) (int, string, string) {
	s.t.Helper()
	return s.send(method, path, form, headers)
}

// doHeaders is do with extra request headers (HTMX's, say).
func (s *site) doHeaders(method, path string, headers map[string]string) (int, string, string) {
	s.t.Helper()
	return s.send(method, path, nil, headers)
}

func (s *site) send(method, path string, form url.Values, headers map[string]string) (int, string, string) {
	s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	req.RemoteAddr = "192.0.2.10:1234"
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	for k, v := range s.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, req)
	res := rec.Result()
	s.header = res.Header
	for _, c := range res.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(s.cookies, c.Name)
		} else {
			s.cookies[c.Name] = c.Value
		}
	}
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 500 {
		s.t.Fatalf("%s %s: %d\n%s", method, path, res.StatusCode, b)
	}
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

// followed is an answer after its redirect, if it is one (303: the page at Location, which
// must answer 200), as a browser shows it.
func (s *site) followed(status int, loc, body string) (int, string) {
	s.t.Helper()
	if status != http.StatusSeeOther {
		return status, body
	}
	target, _, _ := strings.Cut(loc, "#")
	return 200, s.get(target, 200)
}

// get fetches a page and fails unless it answers want.
func (s *site) get(path string, want int) string {
	s.t.Helper()
	status, _, body := s.do(http.MethodGet, path, nil)
	if status != want {
		s.t.Fatalf("GET %s: status %d, want %d\n%s", path, status, want, body)
	}
	return body
}

// submit posts a form and fails unless it redirects (303); it returns the target.
func (s *site) submit(path string, form url.Values) string {
	s.t.Helper()
	status, loc, body := s.do(http.MethodPost, path, form)
	if status != http.StatusSeeOther {
		s.t.Fatalf("POST %s: status %d, want 303\n%s", path, status, body)
	}
	return loc
}

var linkInMail = regexp.MustCompile(`https?://[^/\s"]+(/[^\s"<]+)`)

// mailLink returns the path of the first link in a mail body.
func mailLink(t *testing.T, html string) string {
	t.Helper()
	m := linkInMail.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no link in mail:\n%s", html)
	}
	return m[1]
}

// sendJSON sends a JSON body to /api/ with an Authorization token, as an /api/ client would.
func (s *site) sendJSON(method, path string, body io.Reader, token string) (int, string, string) {
	s.t.Helper()
	req := httptest.NewRequest(method, path, body)
	req.RemoteAddr = "192.0.2.10:1234"
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Header().Get("Location"), string(b)
}
