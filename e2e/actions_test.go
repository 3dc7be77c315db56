package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"komitee/committee"
	"komitee/locales"
)

// TestActionsJourney is the responsibilities part of the needs and actions issue, in a real
// browser at phone size: an action item from approved minutes appears on /actions; the
// responsible organisation's representative sets it in progress with a note (a blocked status
// without a reason is stopped at the field), then done; a coordinator marks it public; an
// anonymous visitor sees it on the public /actions with its timeline, in German and in Arabic.
// Every new page is checked with axe-core in German and Arabic.
func TestActionsJourney(t *testing.T) {
	axe := axeSource(t)
	if chromePath() == "" {
		unavailable(t, "no Chromium found: install chromium or set CHROME_PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	srv := startServer(t)
	people := meetingPeople(t, srv.app) // coordinator; Amal (ar, representative) and Boris of Verein Brücke
	coord := committee.AsUser(mustUser(t, srv.app, mCoordEmail))

	// Approved minutes with an action item for Amal's organisation.
	past := time.Now().Add(-3 * 24 * time.Hour).UTC().Truncate(time.Hour)
	held := saveRecord(t, srv.app, "meetings", map[string]any{"title": "Komitee-Sitzung im Herbst", "kind": "committee",
		"status": "held", "visibility": "members", "starts": past, "ends": past.Add(2 * time.Hour)}, nil)
	m, err := committee.FindMeeting(srv.app, coord.Record, held.Id)
	if err != nil {
		t.Fatal(err)
	}
	const title = "Dolmetschpool für Behördengänge aufbauen"
	if err := committee.AddAction(srv.app, coord, m, committee.ActionInput{Title: title, Organisation: people.org,
		Due: committee.LocalDate(time.Now().Add(30 * 24 * time.Hour))}); err != nil {
		t.Fatal(err)
	}
	if err := committee.ApproveMinutes(srv.app, coord, m); err != nil {
		t.Fatal(err)
	}
	if err := committee.PublishMinutes(srv.app, coord, m, "members"); err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, ctx, srv.base, axe)

	// 4. The action is on /actions; the representative sets it in progress with a note, then done.
	t.Log("4. progress by the responsible organisation")
	b.login(mAmalEmail)
	b.open("/actions")
	if !strings.Contains(b.text(`#results`), title) {
		b.fatalf("the action from the minutes is not on /actions:\n%s", b.text("main"))
	}
	b.auditBoth("actions list, representative", "ar")
	b.click(`[data-testid="action-row"] a`, "", `[data-testid="action-timeline"]`)
	actionPath := b.path()
	if !strings.HasPrefix(actionPath, "/actions/") {
		b.fatalf("after the action's link the page is %s", actionPath)
	}
	b.auditBoth("action page, representative", "ar")
	b.zoomed("action page with the progress form")
	// Blocked without a reason: a clear message at the note, the choice kept.
	b.choose("#f-status", "blocked")
	b.click(`[data-testid="update-submit"]`, "", `[data-testid="error-summary"]`)
	if got, want := b.text("#e-note"), locales.T("ar", "actions.error.blocked_reason"); got != want {
		t.Errorf("blocked without a reason says %q, want %q", got, want)
	}
	if b.value("#f-status") != "blocked" {
		t.Errorf("the status chosen was not kept: %q", b.value("#f-status"))
	}
	b.audit("action page, blocked without a reason")
	b.choose("#f-status", "in_progress")
	b.typeInto("#f-note", "Zwei Dolmetscherinnen für Arabisch haben zugesagt.")
	b.click(`[data-testid="update-submit"]`, actionPath, `[data-testid="flash"]`)
	b.choose("#f-status", "done")
	b.typeInto("#f-note", "Der Pool steht: sechs Sprachen.")
	b.click(`[data-testid="update-submit"]`, actionPath, `[data-testid="flash"]`)
	if got := b.text(`[data-testid="action-status"]`); !strings.Contains(got, locales.T("ar", "actions.status.done")) {
		t.Errorf("after the update the status is %q", got)
	}
	if b.exists(`[data-testid="publish-form"]`) {
		t.Error("a representative is offered to make the action public")
	}
	b.logout("")

	// 5. A coordinator marks it public.
	t.Log("5. public")
	b.login(mCoordEmail)
	b.open("/actions/new")
	b.auditBoth("new action form", "de")
	b.open(actionPath)
	b.click(`[data-testid="publish-on"]`, actionPath, `[data-testid="publish-off"]`)
	b.logout("")

	// An anonymous visitor sees it on the public /actions, grouped by status, with its timeline.
	b.open("/actions?lang=de") // remembered: the switcher's way back is /actions
	b.open("/actions")
	group := b.text(`[data-testid="action-group-done"]`)
	if !strings.Contains(group, title) || !strings.Contains(group, "Der Pool steht: sechs Sprachen.") {
		b.fatalf("the public list's done group:\n%s", b.text("main"))
	}
	b.auditBoth("public actions list", "de")
	b.zoomed("public actions list")
	b.click(`[data-testid="action-group-done"] [data-testid="action-row"] a`, actionPath, `[data-testid="action-timeline"]`)
	timeline := b.text(`[data-testid="action-timeline"]`)
	for _, want := range []string{"Zwei Dolmetscherinnen für Arabisch haben zugesagt.", "Der Pool steht: sechs Sprachen.",
		locales.T("de", "actions.status.in_progress"), locales.T("de", "actions.status.done")} {
		if !strings.Contains(timeline, want) {
			t.Errorf("the public timeline lacks %q:\n%s", want, timeline)
		}
	}
	b.auditBoth("public action page", "de")
	b.zoomed("public action page")
	b.open(actionPath + "?lang=ar")
	b.expectLang("public action page in Arabic", "ar")
	if got := b.text(`[data-testid="action-timeline"]`); !strings.Contains(got, locales.T("ar", "actions.status.done")) {
		t.Errorf("the Arabic timeline: %q", got)
	}
	b.audit("public action page in Arabic")
	for _, e := range b.consoleErrors() {
		t.Errorf("browser console: %s", e)
	}
	t.Logf("axe checked %d page views", len(b.checked))
}
