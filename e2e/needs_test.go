package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"
)

const (
	nPetraEmail = "petra.partner@example.org"
	nPetraPhone = "+49 3591 PETRA-PHONE"
	nAmalPhone  = "+49 170 AMAL-PHONE"
)

// TestNeedsJourney is the needs issue's journey (Done when, steps 1–3) in a real browser at
// phone size: an MSO's representative posts a need for a meeting room in Bautzen; a partner
// organisation posts a room offer in Bautzen, sees the need among its offer's suggestions and
// responds; the MSO accepts: now both see each other's contact person, and nobody else does
// (checked through /api/ too); the MSO marks the need done with an outcome. Every new page is
// checked with axe-core in German and Arabic.
func TestNeedsJourney(t *testing.T) {
	axe := axeSource(t)
	if chromePath() == "" {
		unavailable(t, "no Chromium found: install chromium or set CHROME_PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	srv := startServer(t)
	people := meetingPeople(t, srv.app) // coordinator; Amal (ar, representative) and Boris (member) of Verein Brücke
	petra := saveRecord(t, srv.app, "users", map[string]any{"name": "Petra Partner", "language": "de", "privacy_accepted": time.Now(), "privacy_version": "1"},
		func(r *core.Record) { r.SetEmail(nPetraEmail); r.SetPassword(mPassword); r.SetVerified(true) })
	partner := saveRecord(t, srv.app, "organisations", map[string]any{"name": "Diakonie Bautzen", "slug": "diakonie-bautzen", "kind": "welfare",
		"status": "partner", "applicant": petra.Id, "municipality": "Bautzen"}, nil)
	saveRecord(t, srv.app, "memberships", map[string]any{"user": petra.Id, "organisation": partner.Id, "role": "representative", "status": "active"}, nil)
	amal := mustUser(t, srv.app, mAmalEmail)
	saveRecord(t, srv.app, "contacts", map[string]any{"user": amal.Id, "kind": "phone", "value": nAmalPhone, "visibility": "nobody"}, nil)
	saveRecord(t, srv.app, "contacts", map[string]any{"user": petra.Id, "kind": "phone", "value": nPetraPhone, "visibility": "nobody"}, nil)
	b := startBrowser(t, ctx, srv.base, axe)

	post := func(kind, title string) string {
		b.open("/needs")
		b.click(`[data-testid="post-need"]`, "/needs/new", `form[data-testid="need-form"]`)
		b.choose("#f-need_kind", kind)
		b.typeInto("#f-title", title)
		b.choose("#f-category", "rooms")
		b.choose("#f-municipality", "Bautzen")
		b.do("tick Arabic", chromedp.Click(chromedp.CSS(`input[name="languages"][value="ar"]`)))
		b.typeInto("#f-when_text", "dienstags 17–19 Uhr")
		b.click(`form[data-testid="need-form"] button[type="submit"]`, "", `[data-testid="need-status"]`)
		return b.path()
	}

	// 1. Amal (Arabic) posts a need for a meeting room in Bautzen; Petra a room offer.
	t.Log("1. post a need and an offer")
	b.login(mAmalEmail)
	b.open("/needs")
	b.auditBoth("needs board, empty", "ar")
	b.click(`[data-testid="post-need"]`, "/needs/new", `form[data-testid="need-form"]`)
	b.auditBoth("post a need", "ar")
	b.click(`form[data-testid="need-form"] button[type="submit"]`, "/needs/new", `[data-testid="error-summary"]`)
	b.audit("post a need with errors")
	needPath := post("need", "Raum für unser Elterncafé")
	b.auditBoth("a need, its owner", "ar")
	if !strings.Contains(b.text(`[data-testid="need-contacts"]`), mAmalEmail) {
		t.Error("the owner does not see the need's own contact person")
	}
	b.logout("")
	b.login(nPetraEmail)
	post("offer", "Gemeindesaal in Bautzen")

	// 2. Petra sees the need among her offer's suggestions and responds.
	t.Log("2. suggestion and response")
	if s := b.text(`[data-testid="suggestions"]`); !strings.Contains(s, "Raum für unser Elterncafé") || !strings.Contains(s, "gleiche Kategorie, Bautzen, Arabisch") {
		t.Fatalf("the offer's suggestions: %q", s)
	}
	b.auditBoth("an offer with suggestions", "de")
	b.click(`[data-testid="suggestion"] a`, needPath, `form[data-testid="respond-form"]`)
	if b.exists(`[data-testid="need-contacts"]`) && strings.Contains(b.text(`[data-testid="need-contacts"]`), mAmalEmail) {
		t.Fatal("the partner sees the owner's contact before any answer")
	}
	b.auditBoth("a need, another organisation", "de")
	b.click(`form[data-testid="respond-form"] button[type="submit"]`, needPath, `[data-testid="error-summary"]`)
	b.typeInto("#f-message", "Unser Gemeindesaal ist dienstags frei.")
	b.click(`form[data-testid="respond-form"] button[type="submit"]`, needPath, `[data-testid="flash"]`)
	if strings.Contains(b.text("main"), mAmalEmail) || strings.Contains(b.text("main"), nAmalPhone) {
		t.Fatal("the owner's contact shows before acceptance")
	}
	if srv.mailTo(t, mAmalEmail, "Unser Gemeindesaal") == nil {
		t.Fatal("the owner was not mailed")
	}
	b.logout("")

	// 3. Amal accepts: both see each other's contact, nobody else does (pages and /api/).
	t.Log("3. accept, contacts, done")
	b.login(mAmalEmail)
	b.open("/needs/mine")
	b.auditBoth("my organisation's needs", "ar")
	b.open(needPath)
	b.click(`[data-testid="response-accept"]`, needPath, `[data-testid="need-contacts"]`)
	if c := b.text(`[data-testid="need-contacts"]`); !strings.Contains(c, nPetraEmail) || !strings.Contains(c, nPetraPhone) {
		t.Fatalf("after accepting, the owner sees: %q", c)
	}
	needID := strings.TrimPrefix(needPath, "/needs/")
	tokens := map[string]string{"amal": people.amalToken, "petra": token(t, petra), "boris": token(t, mustUser(t, srv.app, mBorisEmail)),
		"coordinator": token(t, mustUser(t, srv.app, mCoordEmail)), "public": ""}
	contacts := srv.base + "/api/collections/need_contacts/records?filter=" + url.QueryEscape("need = '"+needID+"'")
	for who, want := range map[string]int{"amal": 3, "petra": 2, "boris": 0, "coordinator": 0, "public": 0} {
		if got := apiCount(t, contacts, tokens[who]); got != want {
			t.Errorf("/api/ need_contacts for %s: %d rows, want %d", who, got, want)
		}
	}
	b.typeInto("#f-outcome", "Gemeindesaal, dienstags 17–19 Uhr")
	b.click(`form[data-testid="done-form"] button[type="submit"]`, needPath, `[data-testid="need-outcome"]`)
	b.auditBoth("a need, done", "ar")
	b.logout("")
	b.login(nPetraEmail)
	b.open(needPath)
	if c := b.text(`[data-testid="need-contacts"]`); !strings.Contains(c, mAmalEmail) || !strings.Contains(c, nAmalPhone) {
		t.Fatalf("after acceptance the partner sees: %q", c)
	}
	b.logout("")
	b.login(mBorisEmail)
	b.open(needPath)
	if m := b.text("main"); strings.Contains(m, nPetraEmail) || strings.Contains(m, mAmalEmail) {
		t.Error("a member of the owner's organisation sees the contacts")
	}
	b.logout("")
	b.login(mCoordEmail)
	b.open(needPath)
	if m := b.text("main"); strings.Contains(m, nPetraEmail) || strings.Contains(m, mAmalEmail) {
		t.Error("the coordinator sees the contacts")
	}
	b.open("/coordination/needs")
	b.auditBoth("coordinators' needs overview", "de")
	for _, e := range b.consoleErrors() {
		t.Errorf("browser console: %s", e)
	}
	t.Logf("axe checked %d page views", len(b.checked))
}

func token(t *testing.T, u *core.Record) string {
	t.Helper()
	tok, err := u.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
