package e2e

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"komitee/demo"
)

// firstLoadBudget is the most a page's first load may weigh: its HTML, app.css and htmx as
// sent (gzip). The benchmark harness (bench/) reports the same sum for its big data set.
const firstLoadBudget = 30_000

var (
	reAsset = regexp.MustCompile(`(?:href|src)="(/static/[^"]+\.(?:css|js))"`)
	reCSRF  = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
)

// TestFirstLoadWeight weighs the first load of the demo's pages, for a visitor, a
// representative and a coordinator: HTML + CSS + JS, gzip, at most 30 KB each.
func TestFirstLoadWeight(t *testing.T) {
	srv, res, find := demoServer(t)
	paths := []string{"/", "/organisations", "/meetings", "/topics",
		"/meetings/" + find("meetings", "status = 'date_finding'", ""),
		"/meetings/" + find("meetings", "status = 'minutes_approved'", "-starts"),
		"/rounds/" + find("rounds", "closed = true", ""),
		"/topics/" + find("topics", "", "-supports")}
	email := map[string]string{}
	for _, l := range res.Logins {
		if email[l.Role] == "" {
			email[l.Role] = l.Email
		}
	}
	for _, who := range []string{"", demo.RoleRepresentative, demo.RoleCoordinator} {
		c := weighClient(t, srv.base, email[who], res.Password)
		assets := 0
		for _, p := range paths {
			html, wire := weigh(t, c, srv.base+p)
			if who == "" && wire == 0 {
				continue // members only
			}
			if assets == 0 {
				for _, m := range reAsset.FindAllStringSubmatch(html, -1) {
					_, w := weigh(t, c, srv.base+m[1])
					assets += w
				}
			}
			total := wire + assets
			t.Logf("%-14s %-30s HTML %6d + CSS/JS %6d = %6d bytes", orDash(who), p, wire, assets, total)
			if total > firstLoadBudget {
				t.Errorf("first load of %s for %s: %d bytes gzip, want at most %d", p, orDash(who), total, firstLoadBudget)
			}
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "visitor"
	}
	return s
}

// weighClient is a browser-like client (cookies, gzip), logged in when email is set.
func weighClient(t *testing.T, base, email, password string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: &http.Transport{DisableCompression: true}}
	if email == "" {
		return c
	}
	page, _ := weigh(t, c, base+"/login")
	m := reCSRF.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the login page has no CSRF field")
	}
	req, _ := http.NewRequest("POST", base+"/login", strings.NewReader(url.Values{"_csrf": {m[1]}, "email": {email}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if html, _ := weigh(t, c, base+"/"); !strings.Contains(html, `data-testid="account-menu"`) {
		t.Fatalf("logging in as %s failed (status %d)", email, res.StatusCode)
	}
	return c
}

// weigh fetches u asking for gzip and returns the body and its size as sent (0 unless 200).
func weigh(t *testing.T, c *http.Client, u string) (string, int) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		return "", 0
	}
	body := raw
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(strings.NewReader(string(raw)))
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(zr)
	}
	return string(body), len(raw)
}

// demoServer starts the app with the demo data (what `go run . demo` writes) and returns a
// finder of one demo record's id by filter and sort.
func demoServer(t *testing.T) (*server, *demo.Result, func(coll, filter, sort string) string) {
	t.Helper()
	srv := startServer(t)
	res, err := demo.Load(srv.app)
	if err != nil {
		t.Fatal(err)
	}
	find := func(coll, filter, sort string) string {
		t.Helper()
		recs, err := srv.app.FindRecordsByFilter(coll, filter, sort, 1, 0)
		if err != nil || len(recs) == 0 {
			t.Fatalf("demo data: no %s with %s: %v", coll, filter, err)
		}
		return recs[0].Id
	}
	return srv, res, find
}
