package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"komitee/internal/testkit"
)

const (
	firefoxAndroid = "Mozilla/5.0 (Android 14; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0"
	safariIPhone   = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)

// loginAs logs a new browser in through the form, with a User-Agent.
func loginAs(t *testing.T, k *testkit.Kit, email, userAgent string) *site {
	t.Helper()
	s := newSite(t, k)
	status, _, body := s.sendForm(http.MethodPost, "/login", url.Values{"email": {email}, "password": {testkit.Password}},
		map[string]string{"User-Agent": userAgent})
	if status != http.StatusSeeOther {
		t.Fatalf("log-in as %s: %d\n%s", email, status, body)
	}
	return s
}

// sentToLogin reports whether a page that needs a login sends s to the log-in page.
func sentToLogin(t *testing.T, s *site) bool {
	t.Helper()
	status, loc, _ := s.do(http.MethodGet, "/profile", nil)
	return status == http.StatusSeeOther && strings.HasPrefix(loc, "/login")
}

// TestLogoutEndsTheSession: after logging out, the old cookie value opens nothing, on the
// pages; the session row is gone.
func TestLogoutEndsTheSession(t *testing.T) {
	k := testkit.New(t)
	s := loginAs(t, k, "member@example.org", firefoxAndroid)
	old := s.cookies["komitee_session"]
	if old == "" || strings.Count(old, ".") == 2 {
		t.Fatalf("the cookie holds %q, not a session id", old)
	}
	s.get("/profile", 200)
	s.submit("/logout", url.Values{})
	if _, ok := s.cookies["komitee_session"]; ok {
		t.Error("the cookie was not cleared")
	}
	replay := newSite(t, k)
	replay.cookies["komitee_session"] = old
	if !sentToLogin(t, replay) {
		t.Fatal("the old cookie value still opens a page that needs a login")
	}
	if n, _ := k.App.CountRecords("sessions", dbx.HashExp{"user": k.Member.Id}); n != 1 { // the fixture's own stays
		t.Errorf("%d sessions left, want the fixture's 1", n)
	}
}

// TestProfileSessions: the profile lists my sessions with their devices and this one marked;
// "log out here" on another ends that one, "log out everywhere else" all but this one, and
// nobody ends another person's session.
func TestProfileSessions(t *testing.T) {
	k := testkit.New(t)
	phone := loginAs(t, k, "member@example.org", firefoxAndroid)
	other := loginAs(t, k, "member@example.org", safariIPhone)
	third := loginAs(t, k, "member@example.org", "curl/8.0")
	phone.cookies["komitee_lang"] = "en"
	page := phone.get("/profile", 200)
	for _, want := range []string{"Firefox on Android", "Safari on iPhone", "Unknown device", `data-testid="sessions-end-others"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the profile lacks %q", want)
		}
	}
	if strings.Count(page, `data-testid="session-current"`) != 1 {
		t.Error("this device is not marked exactly once")
	}
	phoneIdx := strings.Index(page, "Firefox on Android")
	if cur := strings.Index(page, `data-testid="session-current"`); cur < phoneIdx || phoneIdx < 0 {
		t.Error("the mark is not at this device")
	}

	// Log out the iPhone from the phone.
	recs, err := k.App.FindRecordsByFilter("sessions", "user = {:u} && device = 'Safari on iPhone'", "", 0, 0, dbx.Params{"u": k.Member.Id})
	if err != nil || len(recs) != 1 {
		t.Fatalf("iPhone session: %v %d", err, len(recs))
	}
	iphone := recs[0].Id
	if loc := phone.submit("/profile/sessions/"+iphone+"/end", url.Values{}); loc != "/profile#sessions" {
		t.Errorf("redirected to %q", loc)
	}
	if !sentToLogin(t, other) {
		t.Error("the session ended from the profile still works")
	}
	phone.get("/profile", 200)
	third.get("/profile", 200)

	// Nobody ends another person's session: the rep tries the member's.
	rep := loginAs(t, k, "rep@example.org", firefoxAndroid)
	thirdRec, err := k.App.FindFirstRecordByFilter("sessions", "user = {:u} && device = ''", dbx.Params{"u": k.Member.Id})
	if err != nil {
		t.Fatal(err)
	}
	if status, _, _ := rep.do(http.MethodPost, "/profile/sessions/"+thirdRec.Id+"/end", url.Values{}); status != http.StatusNotFound {
		t.Errorf("ending another person's session: %d, want 404", status)
	}
	third.get("/profile", 200)

	// Everywhere else: the third browser goes, the phone stays, the rep is untouched.
	phone.submit("/profile/sessions/others/end", url.Values{})
	if !sentToLogin(t, third) {
		t.Error("'log out everywhere else' left another session")
	}
	phone.get("/profile", 200)
	rep.get("/profile", 200)

	// "Log out here" on this browser's own session logs it out.
	body := phone.get("/profile", 200)
	own := between(body, `action="/profile/sessions/`, `/end"`)
	if loc := phone.submit("/profile/sessions/"+own+"/end", url.Values{}); loc != "/" {
		t.Errorf("ending this session redirected to %q", loc)
	}
	if !sentToLogin(t, phone) {
		t.Error("ending this browser's session did not log it out")
	}
}

func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return ""
}

// TestPasswordChangeEndsEverySession: the change ends every session (rows gone), also this
// browser's old one, so a copy of its cookie opens nothing; this browser stays logged in with a
// new session.
func TestPasswordChangeEndsEverySession(t *testing.T) {
	k := testkit.New(t)
	here := loginAs(t, k, "deputy@example.org", firefoxAndroid)
	other := loginAs(t, k, "deputy@example.org", safariIPhone)
	before := here.cookies["komitee_session"]
	here.submit("/profile/password", url.Values{"current": {testkit.Password}, "password": {"ganz neues passwort"}, "confirm": {"ganz neues passwort"}})
	if here.cookies["komitee_session"] == before || here.cookies["komitee_session"] == "" {
		t.Error("this browser kept its old session id")
	}
	here.get("/profile", 200)
	if !sentToLogin(t, other) {
		t.Error("the other session survived the password change")
	}
	copied := newSite(t, k)
	copied.cookies["komitee_session"] = before
	if !sentToLogin(t, copied) {
		t.Error("a copy of the old cookie still opens the account")
	}
	if n, _ := k.App.CountRecords("sessions", dbx.HashExp{"user": k.Deputy.Id}); n != 1 {
		t.Errorf("%d sessions after the change, want 1", n)
	}
}

// TestPasswordChangeOverTheAPIEndsPageSessions: a new password set over /api/ (or in the
// dashboard) ends the page sessions too, as it ends the /api/ tokens.
func TestPasswordChangeOverTheAPIEndsPageSessions(t *testing.T) {
	k := testkit.New(t)
	page := loginAs(t, k, "deputy@example.org", firefoxAndroid)
	api := newSite(t, k)
	body := strings.NewReader(`{"oldPassword":"` + testkit.Password + `","password":"ganz neues passwort","passwordConfirm":"ganz neues passwort"}`)
	status, _, out := api.sendJSON(http.MethodPatch, "/api/collections/users/records/"+k.Deputy.Id, body, k.Token(t, k.Deputy))
	if status != http.StatusOK {
		t.Fatalf("password change over /api/: %d %s", status, out)
	}
	if !sentToLogin(t, page) {
		t.Error("the page session survived a password change over /api/")
	}
}

// TestPasswordResetEndsAllSessions and TestDeleteAccountEndsSessions: no row is left.
func TestPasswordResetEndsAllSessions(t *testing.T) {
	k := testkit.New(t)
	loginAs(t, k, "deputy@example.org", firefoxAndroid)
	anon := newSite(t, k)
	anon.do(http.MethodPost, "/password-reset", url.Values{"email": {"deputy@example.org"}})
	link := mailLink(t, k.App.TestMailer.LastMessage().HTML)
	anon.submit(link, url.Values{"password": {"neues passwort 2026"}, "confirm": {"neues passwort 2026"}})
	if n, _ := k.App.CountRecords("sessions", dbx.HashExp{"user": k.Deputy.Id}); n != 0 {
		t.Errorf("%d sessions after the reset, want 0", n)
	}
}

func TestDeleteAccountEndsSessions(t *testing.T) {
	k := testkit.New(t)
	s := loginAs(t, k, "member@example.org", firefoxAndroid)
	loginAs(t, k, "member@example.org", safariIPhone)
	s.submit("/profile/delete", url.Values{"password": {testkit.Password}})
	if n, _ := k.App.CountRecords("sessions", dbx.HashExp{"user": k.Member.Id}); n != 0 {
		t.Errorf("%d sessions of the deleted account, want 0", n)
	}
}
