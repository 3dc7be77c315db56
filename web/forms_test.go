package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"komitee/internal/testkit"
	"komitee/web"
)

// factory gives each scenario its own copy of the fixture database with the pages mounted.
func factory(setup func(t testing.TB, k *testkit.Kit)) func(t testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		k := testkit.New(t)
		if setup != nil {
			setup(t, k)
		}
		web.Register(k.App)
		return k.App
	}
}

// post builds a same-origin form POST scenario for a person (nil: the public).
func post(t *testing.T, k *testkit.Kit, u *core.Record, path string, form url.Values) tests.ApiScenario {
	h := map[string]string{"Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded"}
	if u != nil {
		h["Cookie"] = k.Session(t, u)
	}
	return tests.ApiScenario{Method: http.MethodPost, URL: path, Body: strings.NewReader(form.Encode()), Headers: h,
		TestAppFactory: factory(nil)}
}

// TestFormsWithBadInput sends every form bad input: it comes back with 422, each problem named
// at its field in the person's language, and what was typed is kept. Never a 500.
func TestFormsWithBadInput(t *testing.T) {
	k := testkit.New(t)
	slug := k.Listed.GetString("slug")
	cases := []struct {
		name     string
		user     *core.Record
		path     string
		form     url.Values
		contains []string
	}{
		{"register: empty", nil, "/register", url.Values{"name": {""}, "email": {"kein-at"}, "password": {"kurz"}, "language": {"xx"}},
			[]string{`data-testid="error-summary"`, "Bitte füllen Sie dieses Feld aus.", "gültige E-Mail-Adresse", "mindestens 10 Zeichen",
				"Bitte wählen Sie einen der angebotenen Werte.", "Bitte stimmen Sie der Datenschutzerklärung zu", `value="kein-at"`, `aria-invalid="true"`}},
		{"register: bad input, name kept", nil, "/register", url.Values{"name": {"Zaid ☕ <b>"}, "email": {"member@example.org"},
			"password": {"kurz"}, "language": {"de"}, "consent": {"on"}},
			[]string{"mindestens 10 Zeichen", `value="Zaid ☕ &lt;b&gt;"`}},
		{"register: addresses only PocketBase refuses", nil, "/register", url.Values{"name": {"Kept Name"}, "email": {"a@-example.org"},
			"password": {"lang-genug-passwort"}, "language": {"de"}, "consent": {"on"}}, []string{"gültige E-Mail-Adresse", `value="Kept Name"`}},
		{"apply: a website longer than a contact may be", k.Rep, "/organisations/new", url.Values{"name": {"Lange Seite"}, "kind": {"mso"},
			"website": {"https://example.org/" + strings.Repeat("x", 600)}}, []string{"Dieser Text ist zu lang.", `value="Lange Seite"`}},
		{"login: wrong password", nil, "/login", url.Values{"email": {"member@example.org"}, "password": {"falsch-falsch"}},
			[]string{"E-Mail-Adresse oder Passwort sind nicht richtig", `value="member@example.org"`}},
		{"password reset: bad email", nil, "/password-reset", url.Values{"email": {"@@"}}, []string{"gültige E-Mail-Adresse", `value="@@"`}},
		{"profile: bad values", k.Member, "/profile", url.Values{"name": {""}, "language": {"de"}, "languages": {"xx"},
			"phone": {strings.Repeat("1", 60)}, "email_visibility": {"everyone"}, "phone_visibility": {"members"}},
			[]string{"Bitte füllen Sie dieses Feld aus.", "Dieser Text ist zu lang.", "Bitte wählen Sie einen der angebotenen Werte.", strings.Repeat("1", 60)}},
		{"apply: bad values, in Arabic", k.Rep, "/organisations/new", url.Values{"name": {"Meine Initiative"}, "kind": {"spaceship"},
			"email": {"nope"}, "website": {"javascript:alert(1)"}, "description": {"Beschreibung bleibt"}},
			[]string{`lang="ar"`, `dir="rtl"`, "يُرجى", `value="Meine Initiative"`, "Beschreibung bleibt", `value="javascript:alert(1)"`}},
		{"edit organisation: empty name", k.Rep, "/organisations/" + slug + "/edit", url.Values{"name": {""}, "kind": {"mso"}, "communities": {"Syrische Community"}},
			[]string{`value="Syrische Community"`}},
		{"join: message too long", k.Registered, "/organisations/" + slug + "/join", url.Values{"message": {strings.Repeat("a", 1001)}},
			[]string{"Dieser Text ist zu lang."}},
		{"decline application without reason", k.Coordinator, "/coordination/organisations/" + k.Pending.Id + "/decline", url.Values{"reason": {"  "}},
			[]string{"Bitte füllen Sie dieses Feld aus."}},
		{"name unknown coordinator", k.Coordinator, "/coordination/coordinators", url.Values{"email": {"niemand@example.org"}},
			[]string{"Zu dieser E-Mail-Adresse gibt es kein Konto.", `value="niemand@example.org"`}},
		{"remove the last coordinator", k.Coordinator, "/coordination/coordinators/" + k.Coordinator.Id + "/remove", url.Values{},
			[]string{"mindestens eine Koordinatorin"}},
		{"delete account: wrong password", k.Member, "/profile/delete", url.Values{"password": {"falsch"}}, []string{"Das Passwort ist nicht richtig."}},
		{"demote the only representative", k.Rep, "/memberships/REP_ID/role", url.Values{"role": {"member"}}, []string{"einzige Vertretung"}},
		{"set an unknown role", k.Rep, "/memberships/" + k.MemberMembership.Id + "/role", url.Values{"role": {"king"}}, []string{"angebotenen Werte"}},
	}
	repID := ""
	if m, err := k.App.FindFirstRecordByFilter("memberships", "user = {:u}", dbx.Params{"u": k.Rep.Id}); err == nil {
		repID = m.Id
	}
	for _, c := range cases {
		s := post(t, k, c.user, strings.Replace(c.path, "REP_ID", repID, 1), c.form)
		s.Name = c.name
		s.ExpectedStatus = http.StatusUnprocessableEntity
		if strings.Contains(c.name, "Arabic") {
			s.Headers["Cookie"] += "; komitee_lang=ar"
		} else {
			s.Headers["Cookie"] += "; komitee_lang=de"
		}
		s.ExpectedContent = c.contains
		s.Test(t)
	}
}

// TestDeleteAccountOfSoleRepresentative: the page says why, and the account stays.
func TestDeleteAccountOfSoleRepresentative(t *testing.T) {
	k := testkit.New(t)
	s := post(t, k, k.Rep, "/profile/delete", url.Values{"password": {testkit.Password}})
	s.Headers["Cookie"] += "; komitee_lang=de"
	s.ExpectedStatus = http.StatusConflict
	s.ExpectedContent = []string{`data-testid="delete-blocked"`, "Verein der Vielfalt"}
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		if _, err := app.FindRecordById("users", k.Rep.Id); err != nil {
			t.Fatal("the only representative's account was deleted")
		}
	}
	s.Test(t)

	// Through /api/ too.
	api := tests.ApiScenario{Name: "api delete", Method: http.MethodDelete, URL: "/api/collections/users/records/" + k.Rep.Id,
		Headers: map[string]string{"Authorization": k.Token(t, k.Rep)}, ExpectedStatus: 400,
		ExpectedContent: []string{"only representative"}, TestAppFactory: factory(nil)}
	api.Test(t)

	// A plain member may go; their membership goes with them.
	ok := post(t, k, k.Member, "/profile/delete", url.Values{"password": {testkit.Password}})
	ok.ExpectedStatus = http.StatusSeeOther
	ok.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		if _, err := app.FindRecordById("users", k.Member.Id); err == nil {
			t.Fatal("account not deleted")
		}
		if n, _ := app.CountRecords("memberships", dbx.HashExp{"user": k.Member.Id}); n != 0 {
			t.Fatalf("%d memberships left", n)
		}
	}
	ok.Test(t)
}

// TestCSRF: a cross-site POST and a POST without token or fetch metadata are refused.
func TestCSRF(t *testing.T) {
	k := testkit.New(t)
	for name, headers := range map[string]map[string]string{
		"cross-site": {"Sec-Fetch-Site": "cross-site"},
		"sibling subdomain with a planted double-submit token": {"Sec-Fetch-Site": "same-site", "X-CSRF-Token": "planted",
			"Cookie": "komitee_csrf=planted"},
		"no token at all": {},
	} {
		headers["Cookie"] = strings.TrimPrefix(headers["Cookie"]+"; "+k.Session(t, k.Coordinator), "; ")
		headers["Content-Type"] = "application/x-www-form-urlencoded"
		s := tests.ApiScenario{Name: name, Method: http.MethodPost, URL: "/coordination/coordinators",
			Body: strings.NewReader("email=member%40example.org"), Headers: headers, ExpectedStatus: http.StatusForbidden,
			ExpectedContent: []string{"Kein Zugriff"}, TestAppFactory: factory(nil),
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				u, _ := app.FindRecordById("users", k.Member.Id)
				if u.GetBool("coordinator") {
					t.Fatal("a forged request named a coordinator")
				}
			}}
		s.Headers["Cookie"] += "; komitee_lang=de"
		s.Test(t)
	}
}

// TestInlineValidation: HTMX asks about the field that changed and gets its error slot alone,
// in the person's language; a good value clears it.
func TestInlineValidation(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	s.cookies["komitee_session"] = k.SessionID(t, k.Rep)
	s.cookies["komitee_lang"] = "en"
	for _, c := range []struct{ path, field, value, want string }{
		{"/organisations/validate", "website", "ftp://x", "https://"},
		{"/organisations/validate", "email", "nope", "valid email"},
		{"/register/validate", "password", "short", "10 characters"},
	} {
		status, _, body := s.sendForm(http.MethodPost, c.path, url.Values{c.field: {c.value}, "name": {"X"}},
			map[string]string{"HX-Request": "true", "HX-Trigger-Name": c.field})
		if status != 200 || !strings.HasPrefix(strings.TrimSpace(body), `<p class="field-error" id="e-`+c.field+`"`) || !strings.Contains(body, c.want) {
			t.Errorf("%s %s: %d %q", c.path, c.field, status, body)
		}
	}
	status, _, body := s.sendForm(http.MethodPost, "/organisations/validate", url.Values{"website": {"https://example.org"}, "name": {"X"}},
		map[string]string{"HX-Request": "true", "HX-Trigger-Name": "website"})
	// The field's error slot, empty: an error page (or none at all) would not clear it.
	if status != 200 || !strings.HasPrefix(strings.TrimSpace(body), `<p class="field-error" id="e-website"`) || strings.Contains(body, "https://") {
		t.Errorf("a good value: %d %q", status, body)
	}
}
