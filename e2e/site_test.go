package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"komitee/committee"
)

// TestSiteJourney is the public face in a real browser at phone size: a coordinator changes the
// committee settings, writes the about page with a preview before saving; a visitor reads the
// home page and the page (in English with the German fallback note), and writes to the
// coordinators through the contact form, first too fast and with a missing field, then right.
// Every new page is checked with axe-core in German and Arabic.
func TestSiteJourney(t *testing.T) {
	axe := axeSource(t)
	if chromePath() == "" {
		unavailable(t, "no Chromium found: install chromium or set CHROME_PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	srv := startServer(t)
	meetingPeople(t, srv.app)
	b := startBrowser(t, ctx, srv.base, axe)

	t.Log("1. settings")
	b.login(mCoordEmail)
	b.open("/coordination")
	b.click(`[data-testid="settings-link"]`, "/coordination/settings", `form[data-testid="settings-form"]`)
	b.auditBoth("committee settings", "de")
	b.typeInto("#f-district", "Landkreis Bautzen (Test)")
	b.click(`[data-testid="settings-save"]`, "/coordination/settings", `[data-testid="flash"]`)
	if got := b.value("#f-district"); got != "Landkreis Bautzen (Test)" {
		t.Errorf("district after saving: %q", got)
	}

	t.Log("2. about page with a preview")
	b.open("/pages/about/edit?language=de")
	b.auditBoth("page editor", "de")
	b.typeInto("#f-title", "Über das Komitee")
	b.typeInto("#f-description", "Wer wir sind und warum es uns gibt.")
	b.typeInto("#f-body", "Wir sind **Migrantenorganisationen und Partner**.")
	b.click(`[data-testid="page-preview-button"]`, "/pages/about/edit", `[data-testid="page-preview"]`)
	if !strings.Contains(b.text(`[data-testid="page-preview"]`), "Migrantenorganisationen und Partner") || !b.exists(`[data-testid="page-preview"] strong`) {
		t.Error("the preview does not show the text")
	}
	b.audit("page editor with a preview")
	if b.value("#f-body") == "" {
		t.Error("the preview lost the text")
	}
	b.click(`[data-testid="page-save"]`, "/pages/about", `[data-testid="page-about"]`)
	b.auditBoth("about page, coordinator", "de")
	b.logout("")

	t.Log("3. the visitor")
	b.open("/")
	// The home page counts the listed organisations by kind (mOrgName is a listed MSO).
	if !b.exists(`[data-testid="home-about"] strong`) {
		t.Error("the visitor's home page lacks the about page")
	}
	if !b.exists(`[data-testid="home-kinds"] a[href="/organisations?kind=mso"]`) {
		t.Errorf("the visitor's home page does not count the listed MSO: %q", b.text(`[data-testid="home-kinds"]`))
	}
	b.auditBoth("home page, visitor", "de")
	b.open("/pages/about?lang=en")
	b.expectLang("about page in English", "en")
	if !b.exists(`[data-testid="page-fallback"]`) {
		t.Error("no note that the page is shown in German")
	}
	b.audit("about page, German fallback")
	b.forgetLang("/")

	t.Log("4. contact form")
	b.open("/")
	b.click(`.site-footer a[href="/contact"]`, "/contact", `form[data-testid="contact-form"]`)
	b.auditBoth("contact form", "de")
	b.typeInto("#f-name", "Samira Besucherin")
	b.click(`[data-testid="contact-send"]`, "/contact", `[data-testid="error-summary"]`)
	b.audit("contact form with errors")
	if b.value("#f-name") != "Samira Besucherin" {
		t.Error("the name was lost")
	}
	b.typeInto("#f-email", "samira@example.net")
	b.typeInto("#f-message", "Wie kann unser Verein mitmachen?")
	time.Sleep(committee.ContactMinFill) // a person takes a moment to write
	b.click(`[data-testid="contact-send"]`, "/contact", `[data-testid="flash"]`)
	b.audit("contact form sent")
	m := srv.mailTo(t, mCoordEmail, "Wie kann unser Verein mitmachen?")
	if !strings.Contains(m.Headers["Reply-To"], "samira@example.net") {
		t.Errorf("the mail answers to %q", m.Headers["Reply-To"])
	}
	if strings.Contains(b.text("body"), mCoordEmail) {
		t.Error("the contact page shows a coordinator's address")
	}
	for _, e := range b.consoleErrors() {
		t.Errorf("console: %s", e)
	}
}
