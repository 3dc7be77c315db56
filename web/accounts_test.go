package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestRegisterVerifyApplyApprove walks the foundation's journey on the pages without a
// browser: register, verify from the captured mail, apply, a coordinator approves, the
// organisation is listed, and each mail is in its recipient's language.
func TestRegisterVerifyApplyApprove(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)

	// Registering does not log in: it mails a link, and the person logs in after confirming.
	if loc := s.submit("/register", url.Values{"name": {"Lina Neu"}, "email": {"Lina@Example.org"}, "password": {"ein langes passwort"},
		"language": {"ar"}, "consent": {"on"}}); loc != "/login" {
		t.Fatalf("registration redirected to %q, want /login", loc)
	}
	if !strings.Contains(s.get("/login", 200), "mit dem Link darin") {
		t.Error("no 'check your mail' message after registering")
	}
	mail := k.App.TestMailer.LastMessage()
	if mail.To[0].Address != "lina@example.org" || !strings.Contains(mail.HTML, `lang="ar"`) || !strings.Contains(mail.Subject, "بريد") {
		t.Fatalf("verification mail not in Arabic to the new address: %q %q", mail.To, mail.Subject)
	}
	user, err := k.App.FindAuthRecordByEmail("users", "lina@example.org")
	if err != nil || user.GetString("privacy_version") == "" || user.GetDateTime("privacy_accepted").IsZero() {
		t.Fatalf("consent not stored: %v", err)
	}
	if status, loc, _ := s.do(http.MethodGet, "/profile", nil); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Fatalf("logged in by registering: %d %s", status, loc)
	}
	// Not confirmed yet: the right password gets the one answer a wrong one gets.
	if status, _, body := s.do(http.MethodPost, "/login", url.Values{"email": {"lina@example.org"}, "password": {"ein langes passwort"}}); status != 422 ||
		!strings.Contains(body, "noch nicht bestätigt") {
		t.Fatalf("unconfirmed log-in: %d", status)
	}
	// An unverified person with a session (from before registration stopped logging in) may not apply.
	old := newSite(t, k)
	old.cookies["komitee_session"] = k.SessionID(t, user)
	if status, _, body := old.do(http.MethodPost, "/organisations/new", url.Values{"name": {"Frauen-Café"}, "kind": {"mso"}}); status != 422 ||
		!strings.Contains(body, "bestätigen Sie zuerst") {
		t.Fatalf("unverified apply: %d", status)
	}
	body := s.get(mailLink(t, mail.HTML), 200)
	if !strings.Contains(body, "E-Mail-Adresse bestätigt") || !strings.Contains(body, `href="/login?next=/organisations"`) {
		t.Fatal("verification page does not confirm, or does not lead to log in")
	}
	s.submit("/login", url.Values{"email": {"lina@example.org"}, "password": {"ein langes passwort"}})
	s.cookies["komitee_lang"] = "de"

	loc := s.submit("/organisations/new", url.Values{"name": {"Frauen-Café Kamenz"}, "kind": {"mso"}, "description": {"Wir treffen uns **jeden Montag**. <script>alert(1)</script>"},
		"areas": {"women", "language"}, "languages": {"ar", "fa"}, "municipality": {"Kamenz"},
		"email": {"cafe@example.org"}, "email_visibility": {"public"}, "phone": {"+49 3578 1"}, "phone_visibility": {"nobody"}})
	if loc != "/organisations/frauen-cafe-kamenz" {
		t.Fatalf("redirected to %q", loc)
	}
	body = s.get(loc, 200)
	if !strings.Contains(body, `data-testid="org-pending"`) || strings.Contains(body, "<script>alert") || !strings.Contains(body, "<strong>jeden Montag</strong>") {
		t.Fatal("pending page wrong, or description not sanitised")
	}
	if !strings.Contains(k.App.TestMailer.LastMessage().Subject, "Frauen-Café Kamenz") {
		t.Fatal("coordinators were not told")
	}

	// The public cannot see it yet.
	public := newSite(t, k)
	public.get(loc, 404)
	if strings.Contains(public.get("/organisations", 200), "Frauen-Café") {
		t.Fatal("pending organisation listed")
	}

	// A coordinator approves.
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	org, err := k.App.FindFirstRecordByData("organisations", "slug", "frauen-cafe-kamenz")
	if err != nil {
		t.Fatal(err)
	}
	coord.submit("/coordination/organisations/"+org.Id+"/approve", url.Values{"status": {"member"}})
	approval := k.App.TestMailer.LastMessage()
	if approval.To[0].Address != "lina@example.org" || !strings.Contains(approval.HTML, `dir="rtl"`) {
		t.Fatalf("approval mail not sent in Arabic to the applicant: %v", approval.To)
	}
	// Listed now, with only its public contact.
	list := public.get("/organisations?area=women", 200)
	if !strings.Contains(list, "Frauen-Café Kamenz") {
		t.Fatal("approved organisation not in the filtered directory")
	}
	page := public.get(loc, 200)
	if !strings.Contains(page, "cafe@example.org") || strings.Contains(page, "+49 3578 1") {
		t.Fatal("contact visibility wrong on the public page")
	}
	// The applicant is its representative and may manage it.
	s.get(loc+"/people", 200)
	o, _ := committee.OrganisationBySlug(k.App, nil, "frauen-cafe-kamenz")
	if o == nil || o.MemberSince().IsZero() {
		t.Fatal("member since not set")
	}
}

// TestPasswordResetEndsSessions: the reset mail is in the person's language, the new password
// works, and the old session cookie does not.
func TestPasswordResetEndsSessions(t *testing.T) {
	k := testkit.New(t)
	old := newSite(t, k)
	old.submit("/login", url.Values{"email": {"deputy@example.org"}, "password": {testkit.Password}})
	old.get("/profile", 200)

	anon := newSite(t, k)
	anon.get("/password-reset", 200)
	status, loc, body := anon.do(http.MethodPost, "/password-reset", url.Values{"email": {"deputy@example.org"}})
	if _, body = anon.followed(status, loc, body); status != http.StatusSeeOther || !strings.Contains(body, "Postfach") {
		t.Fatalf("reset request: %d", status)
	}
	mail := k.App.TestMailer.LastMessage()
	if !strings.Contains(mail.HTML, `lang="en"`) { // the deputy reads English
		t.Fatal("reset mail not in the recipient's language")
	}
	link := mailLink(t, mail.HTML)
	anon.get(link, 200)
	if status, _, body := anon.do(http.MethodPost, link, url.Values{"password": {"neues passwort 2026"}, "confirm": {"anderes"}}); status != 422 ||
		!strings.Contains(body, "stimmen nicht überein") {
		t.Fatalf("mismatch accepted: %d", status)
	}
	anon.submit(link, url.Values{"password": {"neues passwort 2026"}, "confirm": {"neues passwort 2026"}})

	// The old session is gone; the new password works; the link is used up.
	if status, loc, _ := old.do(http.MethodGet, "/profile", nil); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Fatalf("old session still works: %d %s", status, loc)
	}
	anon.submit("/login", url.Values{"email": {"deputy@example.org"}, "password": {"neues passwort 2026"}})
	anon.get("/profile", 200)
	if status, _, _ := anon.do(http.MethodGet, link, nil); status != 400 {
		t.Fatalf("used reset link still works: %d", status)
	}

	// Unknown addresses get the same answer; the mail says there is no account (see
	// TestPasswordResetTellsNothing).
	other := newSite(t, k)
	if status, loc, _ := other.do(http.MethodPost, "/password-reset", url.Values{"email": {"nobody@example.org"}}); status != http.StatusSeeOther ||
		!strings.Contains(other.get(loc, 200), "Postfach") {
		t.Fatalf("unknown address handled differently: %d", status)
	}
}

// TestRateLimitIsAnHTMLPage: too many log-in attempts get a translated page, not JSON.
func TestRateLimitIsAnHTMLPage(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	s.cookies["komitee_lang"] = "ar"
	var status int
	var body string
	for i := 0; i < 12; i++ { // another address each time: PocketBase's limit per IP, not the one per account
		status, _, body = s.do(http.MethodPost, "/login", url.Values{"email": {fmt.Sprintf("member%d@example.org", i)}, "password": {"falsch"}})
	}
	if status != http.StatusTooManyRequests || !strings.Contains(body, `dir="rtl"`) || !strings.Contains(body, "<html") {
		t.Fatalf("status %d:\n%s", status, body)
	}
}

// TestSetupOnce: the setup link works once, then never again.
func TestSetupOnce(t *testing.T) {
	k := testkit.New(t)
	// Reopen setup on this copy as if the committee were new.
	com := committee.LoadCommittee(k.App)
	com.Set("setup_done", "")
	com.Set("setup_token", "")
	if err := k.App.Save(com.Record); err != nil {
		t.Fatal(err)
	}
	token, err := committee.SetupToken(k.App)
	if err != nil || token == "" {
		t.Fatal("no token", err)
	}
	s := newSite(t, k)
	s.get("/setup/wrong-token", 404)
	s.get("/setup/"+token, 200)
	if status, _, body := s.do(http.MethodPost, "/setup/"+token, url.Values{"committee": {""}, "email": {"x"}}); status != 422 ||
		!strings.Contains(body, `data-testid="error-summary"`) {
		t.Fatalf("bad setup input: %d", status)
	}
	s.submit("/setup/"+token, url.Values{"committee": {"Komitee Bautzen"}, "district": {"Landkreis Bautzen"}, "name": {"Erste Person"},
		"email": {"erste@example.org"}, "password": {"sehr langes passwort"}, "language": {"de"}})
	if !strings.Contains(s.get("/coordination", 200), "Erste Person") {
		t.Fatal("first coordinator not logged in")
	}
	s.get("/setup/"+token, 404)
	if got := k.App.Settings().Meta.AppURL; got != "http://example.com" { // httptest's host
		t.Fatalf("application URL after setup: %q", got)
	}
	if tok, _ := committee.SetupToken(k.App); tok != "" {
		t.Fatal("setup token handed out again")
	}
}

// TestChangePasswordEndsOtherSessions: the other browser is logged out, this one stays in.
func TestChangePasswordEndsOtherSessions(t *testing.T) {
	k := testkit.New(t)
	other := newSite(t, k)
	other.submit("/login", url.Values{"email": {"member@example.org"}, "password": {testkit.Password}})
	here := newSite(t, k)
	here.submit("/login", url.Values{"email": {"member@example.org"}, "password": {testkit.Password}})
	if status, _, body := here.do(http.MethodPost, "/profile/password", url.Values{"current": {"falsch"}, "password": {"kurz"}, "confirm": {"x"}}); status != 422 ||
		!strings.Contains(body, "Das Passwort ist nicht richtig.") || !strings.Contains(body, "mindestens 10 Zeichen") {
		t.Fatalf("bad input: %d", status)
	}
	here.submit("/profile/password", url.Values{"current": {testkit.Password}, "password": {"ganz neues passwort"}, "confirm": {"ganz neues passwort"}})
	here.get("/profile", 200)
	if status, _, _ := other.do(http.MethodGet, "/profile", nil); status != http.StatusSeeOther {
		t.Fatalf("the other session survived: %d", status)
	}
}

// TestDataExportHasMyOwnHiddenFields: the download holds what Komitee stores about me, my join
// note included (hidden from /api/), and nobody else's data.
func TestDataExportHasMyOwnHiddenFields(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	s.cookies["komitee_session"] = k.SessionID(t, k.Registered)
	s.submit("/organisations/"+k.Listed.GetString("slug")+"/join", url.Values{"message": {"Ich möchte mitmachen"}})
	data := s.get("/profile/data", 200)
	for _, want := range []string{`"email": "registered@example.org"`, "Ich möchte mitmachen", `"privacy_version"`} {
		if !strings.Contains(data, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	if strings.Contains(data, "member@example.org") || strings.Contains(data, "managers") {
		t.Error("export holds other people's data")
	}
}
