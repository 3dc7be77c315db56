package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"komitee/internal/testkit"
)

// perRequest are the parts of a page that differ on every answer (the CSP nonce, the CSRF
// token): the answers to compare are equal once these are blanked.
var perRequest = regexp.MustCompile(`(nonce|value|content)="[A-Za-z0-9+/=_-]{16,}"`)

func answerOf(t *testing.T, k *testkit.Kit, path string, form url.Values) (int, string, string) {
	t.Helper()
	s := newSite(t, k)
	status, loc, body := s.do(http.MethodPost, path, form)
	return status, loc + "|" + s.cookies["komitee_flash"] + "|" + s.cookies["komitee_session"], perRequest.ReplaceAllString(body, `$1="…"`)
}

// TestPasswordResetTellsNothing: a known and an unknown address get the same page and status,
// byte for byte, with a working mail server and with one that refuses; never a 500. Both get
// a mail: the owner the link, the unknown address a note that there is no account.
func TestPasswordResetTellsNothing(t *testing.T) {
	k := testkit.New(t)
	for _, failing := range []bool{false, true} {
		var restore func()
		if failing {
			restore = k.FailMail(t)
		}
		k.App.TestMailer.Reset()
		ks, kh, kb := answerOf(t, k, "/password-reset", url.Values{"email": {"member@example.org"}})
		us, uh, ub := answerOf(t, k, "/password-reset", url.Values{"email": {"nobody@example.org"}})
		// The form kept after a failed mail holds what each typed: the only difference allowed.
		kb, ub = strings.ReplaceAll(kb, "member@example.org", "TYPED"), strings.ReplaceAll(ub, "nobody@example.org", "TYPED")
		if ks != us || kh != uh || kb != ub {
			t.Errorf("failing mail %v: known %d %q, unknown %d %q; bodies equal: %v", failing, ks, kh, us, uh, kb == ub)
		}
		if failing {
			if ks != http.StatusUnprocessableEntity || !strings.Contains(kb, "konnte gerade nicht verschickt werden") || !strings.Contains(kb, `value="TYPED"`) {
				t.Errorf("failed mail: %d, or the page does not say so and keep the address", ks)
			}
			restore()
			continue
		}
		if ks != http.StatusSeeOther || !strings.HasPrefix(kh, "/password-reset?sent=1|") {
			t.Errorf("status %d, to %q", ks, kh)
		}
		msgs := k.App.TestMailer.Messages()
		if len(msgs) != 2 || !strings.Contains(msgs[0].HTML, "/password-reset/") || !strings.Contains(msgs[1].HTML, "/register") ||
			strings.Contains(msgs[1].HTML, "/password-reset/") {
			t.Errorf("mails: %d", len(msgs))
		}
	}
}

// TestRegisterTellsNothing: a taken address answers exactly like a new one (redirect, flash,
// no session), makes no account and mails the owner in their language; the new one gets an
// account that logs in only once confirmed. With mail failing, both still answer alike.
func TestRegisterTellsNothing(t *testing.T) {
	k := testkit.New(t)
	form := func(email string) url.Values {
		return url.Values{"name": {"Fremde Person"}, "email": {email}, "password": {"ein anderes langes passwort"},
			"language": {"de"}, "consent": {"on"}}
	}
	users, _ := k.App.CountRecords("users")
	ts, th, tb := answerOf(t, k, "/register", form("Rep@example.org")) // Rana Vertretung reads Arabic
	ns, nh, nb := answerOf(t, k, "/register", form("neu@example.org"))
	// Redirect|flash|session cookie: the same, and no session (nobody is logged in).
	if ts != ns || th != nh || tb != nb || ts != http.StatusSeeOther || th != "/login|flash.registered|" {
		t.Fatalf("taken %d %q, new %d %q", ts, th, ns, nh)
	}
	if n, _ := k.App.CountRecords("users"); n != users+1 {
		t.Errorf("%d accounts more, want 1 (the new one)", n-users)
	}
	rep, _ := k.App.FindRecordById("users", k.Rep.Id)
	if rep.GetString("name") != "Rana Vertretung" || !rep.ValidatePassword(testkit.Password) {
		t.Error("the owner's account changed")
	}
	msgs := k.App.TestMailer.Messages()
	if len(msgs) != 2 || msgs[0].To[0].Address != "rep@example.org" || !strings.Contains(msgs[0].HTML, `lang="ar"`) ||
		!strings.Contains(msgs[0].HTML, "/password-reset\"") || !strings.Contains(msgs[1].HTML, "/verify/") {
		t.Fatalf("mails: %d", len(msgs))
	}
	// The stranger's password opens neither: not the owner's account, and not the new,
	// unconfirmed one (the same answer as a wrong password).
	for _, email := range []string{"rep@example.org", "neu@example.org"} {
		status, _, body := newSite(t, k).do(http.MethodPost, "/login", url.Values{"email": {email}, "password": {"ein anderes langes passwort"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "noch nicht bestätigt") {
			t.Errorf("log-in as %s with the stranger's password: %d", email, status)
		}
	}
	// The inline check says nothing about the address either.
	s := newSite(t, k)
	if _, _, body := s.sendForm(http.MethodPost, "/register/validate", url.Values{"email": {"member@example.org"}},
		map[string]string{"HX-Request": "true", "HX-Trigger-Name": "email"}); strings.Contains(body, "Konto") {
		t.Errorf("the inline check tells the address is taken: %q", body)
	}

	// With mail failing: the same answer both ways, no 500.
	k.FailMail(t)
	ts, th, tb = answerOf(t, k, "/register", form("deputy@example.org"))
	ns, nh, nb = answerOf(t, k, "/register", form("neu2@example.org"))
	if ts != ns || th != nh || tb != nb || th != "/login|flash.registered_mail_failed|" {
		t.Fatalf("failing mail: taken %d %q, new %d %q", ts, th, ns, nh)
	}
}

// TestGuestRegistrationSurvivesAFailedMail: the registration is kept, the page says the mail
// did not go out, and asking again with the same address mails the link once mail works.
func TestGuestRegistrationSurvivesAFailedMail(t *testing.T) {
	k := testkit.New(t)
	m := k.Record(t, "meetings", map[string]any{"title": "Sommerfest", "kind": "public_event", "status": "scheduled",
		"visibility": "public", "starts": time.Now().Add(48 * time.Hour).UTC(), "ends": time.Now().Add(50 * time.Hour).UTC()})
	page := "/meetings/" + m.Id
	guest := newSite(t, k)
	restore := k.FailMail(t)
	form := url.Values{"answer": {"yes"}, "name": {"Leyla"}, "email": {"leyla@example.org"}, "people": {"2"}, "access_needs": {"Rampe"}}
	status, _, body := guest.do(http.MethodPost, page+"/register", form)
	if status != 200 || !strings.Contains(body, `data-testid="guest-mail-failed"`) || !strings.Contains(body, `data-testid="guest-resend"`) {
		t.Fatalf("failed mail: %d\n%s", status, body)
	}
	rec, err := k.App.FindFirstRecordByFilter("registrations", "meeting = {:m} && email = 'leyla@example.org'", dbx.Params{"m": m.Id})
	if err != nil || rec.GetString("status") != "unconfirmed" || rec.GetString("access_needs") != "Rampe" {
		t.Fatalf("registration not kept: %v", err)
	}
	// Asking again while mail still fails: the same honest page, still one registration.
	if status, _, body := guest.do(http.MethodPost, page+"/register", form); status != 200 || !strings.Contains(body, `data-testid="guest-mail-failed"`) {
		t.Fatalf("second try: %d", status)
	}
	restore()
	// The button on the page posts the same form again: now the link goes out.
	resend := url.Values{}
	for _, f := range []string{"name", "email", "answer", "people", "access_needs"} {
		resend.Set(f, between(body, `name="`+f+`" value="`, `"`))
	}
	if status, loc, _ := guest.do(http.MethodPost, page+"/register", resend); status != http.StatusSeeOther ||
		!strings.Contains(guest.get(loc, 200), `data-testid="guest-sent"`) {
		t.Fatalf("asking for the link again: %d", status)
	}
	if n, _ := k.App.CountRecords("registrations", dbx.HashExp{"meeting": m.Id, "email": "leyla@example.org"}); n != 1 {
		t.Errorf("%d registrations, want 1", n)
	}
	link := mailLink(t, k.App.TestMailer.LastMessage().HTML)
	if status, _, _ := guest.do(http.MethodPost, link, url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("confirming: %d", status)
	}
	if rec, _ := k.App.FindRecordById("registrations", rec.Id); rec.GetString("status") != "confirmed" {
		t.Errorf("status %q after confirming", rec.GetString("status"))
	}
}

// TestLoginDelayPerAccount: after 5 failures for an address (from any IP: PocketBase's limit
// per IP is off here), further attempts wait a growing delay, told in seconds through the
// plural rules; attempts during the delay do not count; after it, the right password works.
// An address without an account gets the same delay. The same on /api/ auth-with-password.
func TestLoginDelayPerAccount(t *testing.T) {
	k := testkit.New(t)
	k.App.Settings().RateLimits.Enabled = false
	s := newSite(t, k)
	try := func(email, password string) (int, string) {
		status, _, body := s.do(http.MethodPost, "/login", url.Values{"email": {email}, "password": {password}})
		return status, body
	}
	for _, email := range []string{"member@example.org", "niemand@example.org"} {
		for i := 0; i < 5; i++ {
			if status, _ := try(email, "falsch"); status != http.StatusUnprocessableEntity {
				t.Fatalf("%s failure %d: %d", email, i+1, status)
			}
		}
		status, body := try(email, testkit.Password)
		if status != http.StatusTooManyRequests || !strings.Contains(body, `data-testid="login-wait"`) || !strings.Contains(body, "in 2 Sekunden") {
			t.Fatalf("%s: attempt 6 answered %d", email, status)
		}
	}
	// Another account is not affected.
	if status, _ := try("deputy@example.org", testkit.Password); status != http.StatusSeeOther {
		t.Fatalf("another account: %d", status)
	}
	// Attempts during the delay do not lengthen it: after 2 s the right password works.
	for i := 0; i < 3; i++ {
		try("member@example.org", "falsch")
	}
	time.Sleep(2100 * time.Millisecond)
	if status, _ := try("member@example.org", testkit.Password); status != http.StatusSeeOther {
		t.Fatalf("the right password after the delay: %d", status)
	}

	// /api/: the same count for the same account.
	for i := 0; i < 5; i++ {
		if status := apiAuth(t, s, "rep@example.org", "falsch"); status != 400 {
			t.Fatalf("api failure %d: %d", i+1, status)
		}
	}
	if status := apiAuth(t, s, "rep@example.org", testkit.Password); status != http.StatusTooManyRequests {
		t.Fatalf("api attempt 6: %d", status)
	}
	if status, body := try("rep@example.org", testkit.Password); status != http.StatusTooManyRequests || !strings.Contains(body, "Sekunde") {
		t.Fatalf("the page after the api failures: %d", status)
	}
	time.Sleep(2100 * time.Millisecond)
	if status := apiAuth(t, s, "rep@example.org", testkit.Password); status != 200 {
		t.Fatalf("api after the delay: %d", status)
	}
}

// apiAuth asks /api/ for a token with a password, as an /api/ client does.
func apiAuth(t *testing.T, s *site, email, password string) int {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/collections/users/auth-with-password",
		strings.NewReader(fmt.Sprintf(`{"identity":%q,"password":%q}`, email, password)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, req)
	return rec.Code
}
