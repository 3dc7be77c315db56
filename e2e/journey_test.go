package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"komitee/committee"
	"komitee/locales"
)

// The people and the organisation of the journey.
const (
	committeeName = "Koordinationskomitee Musterkreis" // a long German word for the heading checks
	district      = "Landkreis Musterkreis"
	coordName     = "Clara Koordination"
	coordEmail    = "clara@komitee.example"
	coordPassword = "geheimes Passwort 42"

	amalName     = "Amal Haddad"
	amalEmail    = "amal@example.org"
	amalPassword = "ein sicheres Passwort"

	orgName  = "Frauenverein Morgenland"
	orgEmail = "kontakt@morgenland.example"
	orgPlace = "Bautzen"
)

// TestJourney walks the committee's main path in a real browser at phone size: first-run
// setup, registration (with bad input once), e-mail verification, an organisation's
// application, the coordinator's approval and the public directory. Every page is checked with
// axe-core; GET pages in German and in Arabic.
func TestJourney(t *testing.T) {
	axe := axeSource(t)
	if chromePath() == "" {
		unavailable(t, "no Chromium found: install chromium or set CHROME_PATH")
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()

	srv := startServer(t)
	b := startBrowser(t, ctx, srv.base, axe)
	slug := committee.Slugify(orgName)

	// 1. First-run setup through the one-time link.
	t.Log("1. setup")
	token, err := committee.SetupToken(srv.app)
	if err != nil || token == "" {
		t.Fatalf("setup token: %q, %v", token, err)
	}
	if status := b.open("/setup/" + token); status != 200 {
		b.fatalf("setup link: status %d, want 200", status)
	}
	if w := eval[int](b, `document.documentElement.clientWidth`); w > viewportW {
		t.Fatalf("the page is %d px wide, want a %d px phone", w, viewportW)
	}
	b.auditBoth("setup form", "de")
	b.typeInto("#f-committee", committeeName)
	b.typeInto("#f-district", district)
	b.typeInto("#f-name", coordName)
	b.typeInto("#f-email", coordEmail)
	b.typeInto("#f-password", coordPassword)
	b.choose("#f-language", "de")
	b.click(`form[action="/setup/`+token+`"] button[type="submit"]`, "/coordination", `[data-testid="flash"]`)
	if got, want := b.text(".brand"), committeeName; got != want {
		t.Errorf("header names the committee %q, want %q", got, want)
	}
	if got := b.text(`summary[data-testid="account-menu"]`); got != coordName {
		t.Errorf("account menu says %q, want the coordinator %q", got, coordName)
	}
	b.auditBoth("coordination desk, empty", "de")

	if status := b.open("/setup/" + token); status != 404 {
		t.Errorf("setup link after setup: status %d, want 404", status)
	}
	b.auditBoth("not found page", "de")

	// 2. Log out; register with bad input once, then properly.
	t.Log("2. register")
	b.logout("de")
	b.auditBoth("home page, public", "de")
	b.zoomed("home page, public")
	b.click(`ul.account a[href="/register"]`, "/register", `form[action="/register"]`)
	b.auditBoth("registration form", "de")

	// Inline validation (HTMX) when the e-mail field is left.
	b.typeInto("#f-email", "keine-adresse")
	b.do("leave the e-mail field", chromedp.SendKeys(chromedp.CSS("#f-email"), "\t"))
	b.waitFor("the inline e-mail error", `document.querySelector("#e-email").innerText.trim() === `+
		js(locales.T("de", "error.email")))
	b.typeInto("#f-name", amalName)
	b.typeInto("#f-password", "kurz")
	b.click(`form[action="/register"] button[type="submit"]`, "/register", `[data-testid="error-summary"]`)
	if got := b.value("#f-name"); got != amalName {
		t.Errorf("after bad input the name field holds %q, want the typed %q", got, amalName)
	}
	if got := b.value("#f-email"); got != "keine-adresse" {
		t.Errorf("after bad input the e-mail field holds %q, want the typed value", got)
	}
	if got, want := b.text("#e-email"), locales.T("de", "error.email"); got != want {
		t.Errorf("e-mail error %q, want %q", got, want)
	}
	for _, f := range []string{"password", "consent"} {
		if b.text("#e-"+f) == "" {
			t.Errorf("no error shown at the %s field", f)
		}
		if !b.exists(`[data-testid="error-summary"] a[href="#f-` + f + `"]`) {
			t.Errorf("the error summary does not link to the %s field", f)
		}
	}
	if !b.exists(`#f-email[aria-invalid="true"]`) || !b.exists(`#f-password[aria-invalid="true"]`) {
		t.Error("the invalid fields are not marked aria-invalid")
	}
	if b.value("#f-password") != "" {
		t.Error("the password was sent back into the page")
	}
	b.audit("registration form with errors")
	if n := len(srv.app.TestMailer.Messages()); n != 0 {
		t.Errorf("bad input sent %d mail(s)", n)
	}

	// The same bad input in Arabic (a page reached by POST, in its language).
	b.switchLang("ar")
	b.click(`form[action="/register"] button[type="submit"]`, "/register", `[data-testid="error-summary"]`)
	b.expectLang("registration form with errors", "ar")
	b.audit("registration form with errors")
	b.forgetLang("/register")

	b.typeInto("#f-name", amalName)
	b.typeInto("#f-email", amalEmail)
	b.typeInto("#f-password", amalPassword)
	b.choose("#f-language", "ar")
	b.do("tick the consent", chromedp.Click(chromedp.CSS("#f-consent")))
	// Registering does not log in (a taken address must answer alike): it asks to confirm the
	// address with the mailed link, then to log in.
	b.click(`form[action="/register"] button[type="submit"]`, "/login", `[data-testid="flash"]`)
	if b.exists(`summary[data-testid="account-menu"]`) {
		t.Error("registering logged in")
	}
	b.auditBoth("log-in page after registering", "de")

	// 3. Verify the address with the mailed link.
	t.Log("3. verify")
	verifyMail := srv.mailTo(t, amalEmail, "/verify/")
	if !strings.Contains(verifyMail.HTML, `lang="ar" dir="rtl"`) {
		t.Errorf("the verification mail is not in Amal's language, Arabic:\n%s", verifyMail.HTML)
	}
	verify := link(t, verifyMail, "/verify/")
	if !strings.HasPrefix(verify, srv.base+"/verify/") {
		t.Fatalf("verification link %q does not point at the server %s", verify, srv.base)
	}
	if status := b.open(verify); status != 200 {
		b.fatalf("verification link: status %d", status)
	}
	if got, want := b.text(`[data-testid="message"] h1`), locales.T("ar", "accounts.verify.ok_title"); got != want {
		t.Errorf("verification page says %q, want %q", got, want)
	}
	b.auditBoth("verification confirmed", "ar")
	b.click(`[data-testid="message"] a[href="/login?next=/organisations"]`, "/login", `form[action="/login"]`)
	b.typeInto("#f-email", amalEmail)
	b.typeInto("#f-password", amalPassword)
	b.click(`form[action="/login"] button[type="submit"]`, "/organisations", `summary[data-testid="account-menu"]`)
	b.expectLang("directory after Amal logged in", "ar")

	// 4. Apply for an organisation.
	t.Log("4. apply")
	b.reveal(`summary[data-testid="account-menu"]`)
	b.do("open the account menu", chromedp.Click(chromedp.CSS(`summary[data-testid="account-menu"]`)))
	b.click(`details.account-menu a[href="/organisations/new"]`, "/organisations/new", `form[action="/organisations/new"]`)
	if b.exists(`[data-testid="error-summary"]`) {
		t.Errorf("the application form shows errors to a verified person: %s", b.text(`[data-testid="error-summary"]`))
	}
	b.auditBoth("application form", "ar")
	b.typeInto("#f-name", orgName)
	b.choose("#f-kind", "mso")
	b.typeInto("#f-description", "Wir beraten Frauen und Familien – auf Arabisch und Deutsch.")
	b.do("tick an area and a language",
		chromedp.Click(chromedp.CSS(`input[name="areas"][value="education"]`)),
		chromedp.Click(chromedp.CSS(`input[name="languages"][value="ar"]`)))
	if !eval[bool](b, `document.querySelector('input[name="areas"][value="education"]').checked &&
		document.querySelector('input[name="languages"][value="ar"]').checked`) {
		b.fatalf("clicking the check boxes did not tick them")
	}
	b.typeInto("#f-municipality", orgPlace)
	b.typeInto("#f-email", orgEmail)
	b.choose("#f-email_visibility", "public")
	b.click(`form[action="/organisations/new"] button[type="submit"]`, "/organisations/"+slug, `[data-testid="org-pending"]`)
	if got := b.text("h1"); got != orgName {
		t.Errorf("organisation page heading %q, want %q", got, orgName)
	}
	b.auditBoth("organisation page, pending", "ar")
	srv.mailTo(t, coordEmail, "/coordination") // the coordinators hear of the application

	// 5. The coordinator approves the application.
	t.Log("5. approve")
	b.logout("ar")
	b.expectLang("home page after Amal logged out", "de")
	b.click(`ul.account a[href="/login"]`, "/login", `form[action="/login"]`)
	b.auditBoth("login form", "de")
	b.typeInto("#f-email", coordEmail)
	b.typeInto("#f-password", coordPassword)
	b.click(`form[action="/login"] button[type="submit"]`, "/", `summary[data-testid="account-menu"]`)
	if got := b.text(`summary[data-testid="account-menu"]`); got != coordName {
		t.Errorf("logged in as %q, want %q", got, coordName)
	}
	b.expectLang("home page, coordinator", "de")
	application := `[data-testid="application-` + slug + `"]`
	b.click(`nav.nav a[href="/coordination"]`, "/coordination", application)
	b.auditBoth("coordination desk with an application", "de")
	b.click(application+` form[action$="/approve"] button[type="submit"]`, "/coordination", `[data-testid="flash"]`)
	if b.exists(application) {
		t.Error("the approved application is still on the desk")
	}
	b.audit("coordination desk after approval")
	approved := srv.mailTo(t, amalEmail, "/organisations/"+slug)
	if !strings.Contains(approved.HTML, `lang="ar" dir="rtl"`) {
		t.Errorf("the approval mail is not in Amal's language, Arabic:\n%s", approved.HTML)
	}
	if got := link(t, approved, "/organisations/"); got != srv.base+"/organisations/"+slug {
		t.Errorf("approval mail links to %q, want the organisation page", got)
	}

	// 5b. The other pages a coordinator reaches, each audited in German and Arabic.
	for _, p := range []string{"/profile", "/profile/password", "/profile/delete", "/organisations/" + slug, "/organisations/" + slug + "/people",
		"/organisations/" + slug + "/edit", "/pages/impressum", "/pages/datenschutz"} {
		if status := b.open(p); status != 200 {
			b.fatalf("%s: status %d, want 200", p, status)
		}
		b.auditBoth(p, "de")
	}

	// 6. The public finds the organisation.
	t.Log("6. directory")
	b.logout("")
	if status := b.open("/password-reset"); status != 200 {
		b.fatalf("/password-reset: status %d", status)
	}
	b.auditBoth("password reset form", "de")
	card := `.cards a[href="/organisations/` + slug + `"]`
	b.click(`nav.nav a[href="/organisations"]`, "/organisations", card)
	if got := b.text(card); got != orgName {
		t.Errorf("directory card %q, want %q", got, orgName)
	}
	b.auditBoth("directory", "de")
	b.zoomed("directory")
	b.click(card, "/organisations/"+slug, "h1")
	if got := b.text("h1"); got != orgName {
		t.Errorf("organisation page heading %q, want %q", got, orgName)
	}
	if b.exists(`[data-testid="org-pending"]`) {
		t.Error("the approved organisation is still marked pending")
	}
	if got := b.text(`[data-testid="contact-email"]`); got != orgEmail {
		t.Errorf("public contact e-mail %q, want %q", got, orgEmail)
	}
	b.auditBoth("organisation page, public", "de")

	for _, e := range b.consoleErrors() {
		t.Errorf("browser console: %s", e)
	}
	t.Logf("axe checked %d page views at %dx%d:\n\t%s", len(b.checked), viewportW, viewportH, strings.Join(b.checked, "\n\t"))
	t.Logf("journey took %s", time.Since(start).Round(time.Millisecond))
}

// logout ends the session through the account menu and waits for the public home page.
// With auditLang, the page with the open menu is audited first, in that language.
func (b *browser) logout(auditLang string) {
	b.t.Helper()
	b.reveal(`summary[data-testid="account-menu"]`)
	b.do("open the account menu", chromedp.Click(chromedp.CSS(`summary[data-testid="account-menu"]`)))
	if auditLang != "" {
		b.waitFor("the open account menu", `document.querySelector("details.account-menu").open`)
		b.expectLang("page with the account menu open", auditLang)
		b.audit("page with the account menu open")
	}
	b.click(`details.account-menu form[action="/logout"] button[type="submit"]`, "/", `ul.account a[href="/login"]`)
	if !b.exists(`[data-testid="flash"]`) {
		b.t.Error("no message after logging out")
	}
}
