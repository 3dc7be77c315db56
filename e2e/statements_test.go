package e2e

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
)

// TestStatementsJourney is the statements issue's journey (Done when, steps 1–5 without the
// sitemap and the home page) in a real browser at phone size: a member drafts a statement
// (bad input first) and adds an English version; another member comments; the author saves a
// second version and the diff shows the change. A coordinator opens signing; the
// representatives of four organisations sign and one withdraws. The deadline passes (a moved
// clock) and the coordinator publishes. A visitor reads it in German and English with three
// signatories, and finds it in the Atom feed. Every new page is checked with axe in German and
// Arabic.
func TestStatementsJourney(t *testing.T) {
	axe := axeSource(t)
	if chromePath() == "" {
		unavailable(t, "no Chromium found: install chromium or set CHROME_PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	srv := startServer(t)
	meetingPeople(t, srv.app) // coordinator; Amal (ar, representative of Verein Brücke) and Boris (member)
	for _, o := range []struct{ org, kind, status, name, email, lang string }{
		{"Integrationshilfe Kamenz", "mso", "member", "Chen Li", "chen@example.org", "en"},
		{"Ukrainischer Verein Bautzen", "mso", "member", "Olena Koval", "olena@example.org", "de"},
		{"Caritas Oberlausitz", "welfare", "partner", "Paul Weber", "paul@example.org", "de"},
	} {
		u := saveRecord(t, srv.app, "users", map[string]any{"name": o.name, "language": o.lang, "privacy_accepted": time.Now(), "privacy_version": "1"},
			func(r *core.Record) { r.SetEmail(o.email); r.SetPassword(mPassword); r.SetVerified(true) })
		org := saveRecord(t, srv.app, "organisations", map[string]any{"name": o.org, "slug": committee.Slugify(o.org), "kind": o.kind,
			"status": o.status, "applicant": u.Id}, nil)
		saveRecord(t, srv.app, "memberships", map[string]any{"user": u.Id, "organisation": org.Id, "role": "representative", "status": "active"}, nil)
	}
	b := startBrowser(t, ctx, srv.base, axe)

	// 1. A member drafts, adds an English version; another comments; a second version and its diff.
	t.Log("1. draft, translate, comment, second version, diff")
	b.login(mBorisEmail)
	b.open("/statements")
	b.auditBoth("statements list, empty", "de")
	b.click(`[data-testid="draft-statement"]`, "/statements/new", `form[data-testid="statement-form"]`)
	b.auditBoth("draft a statement", "de")
	b.typeInto("#f-title", "Sprachkurse für alle")
	b.click(`form[data-testid="statement-form"] button[type="submit"]`, "/statements/new", `[data-testid="error-summary"]`)
	if b.value("#f-title") != "Sprachkurse für alle" {
		t.Error("the title was not kept after the error")
	}
	b.audit("draft with errors")
	b.typeInto("#f-summary", "Das Komitee fordert Sprachkurse mit Kinderbetreuung.")
	b.typeInto("#f-body", "Wir fordern Sprachkurse im ganzen Landkreis.")
	b.click(`form[data-testid="statement-form"] button[type="submit"]`, "/statements/sprachkurse-fuer-alle", `[data-testid="statement"]`)
	page := b.path()
	b.auditBoth("draft statement", "de")
	b.choose("#f-version-language", "en")
	b.click(`[data-testid="add-translation"]`, page+"/edit", `form[data-testid="statement-form"]`)
	b.typeInto("#f-title", "Language courses for all")
	b.typeInto("#f-summary", "The committee calls for language courses with childcare.")
	b.typeInto("#f-body", "We call for language courses in the whole district.")
	b.click(`form[data-testid="statement-form"] button[type="submit"]`, page, `[data-testid="flash"]`)
	b.logout("")
	b.login(mAmalEmail)
	b.open(page)
	b.typeInto(`form[data-testid="comment-form"] textarea`, "Bitte auch Kinderbetreuung nennen.")
	b.click(`form[data-testid="comment-form"] button[type="submit"]`, page, `[data-testid="flash"]`)
	b.auditBoth("statement with a comment", "ar")
	b.logout("")
	b.login(mBorisEmail)
	b.open(page)
	b.click(`[data-testid="edit-statement"]`, page+"/edit", `form[data-testid="statement-form"]`)
	b.auditBoth("edit a statement", "de")
	b.typeInto("#f-body", "Wir fordern Sprachkurse mit Kinderbetreuung im ganzen Landkreis.")
	b.click(`form[data-testid="statement-form"] button[type="submit"]`, page, `[data-testid="flash"]`)
	b.click(`[data-testid="show-diff"]`, page+"/diff", `[data-testid="diff"]`)
	if ins := b.text(`[data-testid="diff"] ins`); !strings.Contains(ins, "Kinderbetreuung") {
		t.Errorf("the diff marks %q as added, want the new words", ins)
	}
	b.auditBoth("diff of two versions", "de")
	b.open(page + "/compare?a=de&b=en")
	b.auditBoth("two languages side by side", "de")
	b.logout("")

	// 2. A coordinator opens signing.
	t.Log("2. open signing")
	b.login(mCoordEmail)
	b.open(page)
	b.setValue("#f-deadline", committee.LocalDate(time.Now().Add(5*24*time.Hour)))
	b.setValue("#f-deadline_time", "18:00")
	b.click(`form[data-testid="open-signing"] button[type="submit"]`, page, `[data-testid="deadline"]`)
	b.auditBoth("statement in signing, coordinator", "de")
	b.logout("")

	// 3. Four representatives sign; one withdraws.
	t.Log("3. sign, withdraw")
	for _, email := range []string{mAmalEmail, "chen@example.org", "olena@example.org", "paul@example.org"} {
		b.login(email)
		b.open(page)
		if email == mAmalEmail {
			b.auditBoth("signing form", "ar")
		}
		b.click(`[data-testid="sign-submit"]`, page, `[data-testid="flash"]`)
		if email == "chen@example.org" {
			b.do("open the history", chromedp.Click(chromedp.CSS(`[data-testid="signature-history"] summary`)))
			b.click(`[data-testid="withdraw-signature"]`, page, `[data-testid="history-withdrawn"]`)
		}
		b.logout("")
	}
	b.login(mCoordEmail)
	b.open(page)
	if got := eval[string](b, `document.querySelector('[data-testid="signed-count"]').dataset.signed`); got != "3" {
		t.Errorf("signed %s, want 3", got)
	}

	// 4. The deadline passes; the coordinator publishes.
	t.Log("4. publish after the deadline")
	restore := committee.SetClock(committee.Offset(6 * 24 * time.Hour))
	defer restore()
	b.open(page)
	b.click(`form[data-testid="publish"] button[type="submit"]`, page, `[data-testid="flash"]`)
	if got := b.text(`[data-testid="statement-status"]`); got != "Veröffentlicht" {
		t.Errorf("status %q after publishing", got)
	}
	b.logout("")

	// 5. A visitor reads it in German and English, with three signatories; it is in the feed.
	t.Log("5. the published statement")
	b.open(page)
	if got := eval[int](b, `document.querySelectorAll('[data-testid="signatory"]').length`); got != 3 {
		t.Errorf("%d signatories, want 3", got)
	}
	if !strings.Contains(b.text(`[data-testid="signatories-msos"]`), "Verein Brücke") || !strings.Contains(b.text(`[data-testid="signatories-partners"]`), "Caritas") ||
		strings.Contains(b.text("main"), "Integrationshilfe Kamenz") {
		t.Error("the signatories are not grouped MSOs, then partners, or the withdrawn one is listed")
	}
	if !strings.Contains(b.text(`[data-testid="statement-body"]`), "Kinderbetreuung im ganzen Landkreis") {
		t.Error("the visitor does not read the newest German text")
	}
	b.auditBoth("published statement, visitor", "de")
	b.open(page + "?lang=en")
	if !strings.Contains(b.text(`[data-testid="statement-body"]`), "We call for language courses") {
		t.Errorf("?lang=en shows %q", b.text(`[data-testid="statement-body"]`))
	}
	b.click(`[data-testid="text-de"]`, page, `[data-testid="statement-body"]`)
	if !strings.Contains(b.text(`[data-testid="statement-body"]`), "Wir fordern") {
		t.Error("the original is not one click away")
	}
	b.forgetLang("/statements")
	b.auditBoth("statements list, visitor", "de")
	res, err := http.Get(srv.base + "/statements.atom")
	if err != nil {
		t.Fatal(err)
	}
	feed, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(feed), "Sprachkurse für alle") || !strings.Contains(string(feed), page) {
		t.Error("the statement is not in the Atom feed")
	}
	// In the sitemap, in every language, and on the visitor's home page.
	res, err = http.Get(srv.base + "/sitemap.xml")
	if err != nil {
		t.Fatal(err)
	}
	sitemap, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, lang := range []string{"de", "en", "ar"} {
		if !strings.Contains(string(sitemap), page+"?lang="+lang+"</loc>") {
			t.Errorf("the sitemap lacks %s?lang=%s", page, lang)
		}
	}
	b.open("/")
	if !strings.Contains(b.text(`[data-testid="latest-statements"]`), "Sprachkurse für alle") {
		t.Errorf("the visitor's home page does not show the statement: %q", b.text(`[data-testid="latest-statements"]`))
	}
	b.click(`[data-testid="latest-statements"] a[href="`+page+`"]`, page, `[data-testid="statement-body"]`)
	for _, e := range b.consoleErrors() {
		t.Errorf("browser console: %s", e)
	}
	t.Logf("axe checked %d page views", len(b.checked))
}
