package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestActionsListFilters: the filters are kept in the URL and narrow the list; HTMX gets the
// results alone; overdue ones are marked; the list is by due date, those without one last.
func TestActionsListFilters(t *testing.T) {
	k := testkit.New(t)
	k.Actions(t)
	past := time.Now().Add(-5 * 24 * time.Hour).UTC()
	k.Record(t, "actions", map[string]any{"title": "LATE-ACTION", "organisation": k.Listed.Id, "status": "open", "due": past})
	k.Record(t, "actions", map[string]any{"title": "LATE-BUT-DONE", "organisation": k.Listed.Id, "status": "done", "due": past})
	k.Record(t, "actions", map[string]any{"title": "PENDING-ORG-ACTION", "organisation": k.Pending.Id, "status": "open", "due": past})
	k.Record(t, "actions", map[string]any{"title": "UNDATED-ACTION", "organisation": k.Listed.Id, "status": "open"})
	member := topicSite(t, k, k.Member)
	body := member.get("/actions", 200)
	if !strings.Contains(body, "LATE-ACTION") || !strings.Contains(body, `data-testid="action-overdue"`) ||
		strings.Index(body, "LATE-ACTION") > strings.Index(body, testkit.PublicActionTitle) ||
		strings.Index(body, "UNDATED-ACTION") < strings.Index(body, testkit.PublicActionTitle) {
		t.Fatalf("list by due date with overdue marked:\n%s", body)
	}
	body = member.get("/actions?overdue=1", 200)
	if !strings.Contains(body, "LATE-ACTION") || strings.Contains(body, "LATE-BUT-DONE") || strings.Contains(body, testkit.MembersActionTitle) ||
		!strings.Contains(body, `name="overdue" value="1" checked`) {
		t.Fatalf("overdue filter:\n%s", body)
	}
	body = member.get("/actions?status=done", 200)
	if !strings.Contains(body, "LATE-BUT-DONE") || strings.Contains(body, "LATE-ACTION<") {
		t.Fatalf("status filter:\n%s", body)
	}
	body = member.get("/actions?organisation="+k.Pending.Id, 200)
	if !strings.Contains(body, "PENDING-ORG-ACTION") || strings.Contains(body, testkit.MembersActionTitle) {
		t.Fatalf("organisation filter:\n%s", body)
	}
	_, _, body = member.doHeaders(http.MethodGet, "/actions?status=in_progress", map[string]string{"HX-Request": "true", "HX-Target": "results"})
	if strings.Contains(body, "<html") || !strings.Contains(body, `id="results"`) || !strings.Contains(body, testkit.PublicActionTitle) {
		t.Fatalf("HTMX results:\n%s", body)
	}
	// A filter value that is not one is dropped, never a 500.
	member.get("/actions?status=nonsense&meeting="+strings.Repeat("x", 300), 200)
}

// TestActionsJourneyOnPages: an action item from the minutes is on /actions; the responsible
// organisation reports progress, a coordinator makes it public, and the public sees it with its
// timeline, grouped by status, in German and Arabic; the minutes and the topic show it with
// its status.
func TestActionsJourneyOnPages(t *testing.T) {
	k := testkit.New(t)
	coord := topicSite(t, k, k.Coordinator)
	// The held meeting's minutes get an action item, then are approved and published.
	d, err := k.App.FindFirstRecordByFilter("decisions", "meeting = {:m}", dbx.Params{"m": k.HeldMeeting.Id})
	if err != nil {
		t.Fatal(err)
	}
	if body := coord.get("/meetings/"+k.HeldMeeting.Id+"/minutes/edit", 200); !strings.Contains(body, `name="decision"`) {
		t.Fatalf("the minutes' action form offers no decision:\n%s", body)
	}
	coord.submit("/meetings/"+k.HeldMeeting.Id+"/actions", url.Values{"title": {"Dolmetschpool aufbauen"},
		"organisation": {k.Listed.Id}, "due": {"2027-02-01"}, "decision": {d.Id}})
	a, err := k.App.FindFirstRecordByFilter("actions", "title = 'Dolmetschpool aufbauen'")
	if err != nil {
		t.Fatal(err)
	}
	a.Set("topic", k.PublicTopic.Id)
	if err := k.App.Save(a); err != nil {
		t.Fatal(err)
	}
	coord.submit("/meetings/"+k.HeldMeeting.Id+"/minutes/approve", url.Values{})
	coord.submit("/meetings/"+k.HeldMeeting.Id+"/minutes/publish", url.Values{"audience": {"public"}})

	rep := topicSite(t, k, k.Rep)
	if body := rep.get("/actions", 200); !strings.Contains(body, "Dolmetschpool aufbauen") {
		t.Fatalf("the action is not on /actions:\n%s", body)
	}
	rep.submit("/actions/"+a.Id+"/updates", url.Values{"status": {"in_progress"}, "note": {"Erste Dolmetscherinnen gefunden"}})
	rep.submit("/actions/"+a.Id+"/updates", url.Values{"status": {"done"}, "note": {"Pool steht"}})
	// Not public yet: the public does not see it.
	// Not public yet: not on the public's list (its minutes, published to the public, name it).
	public := newSite(t, k)
	if body := public.get("/actions", 200); strings.Contains(body, "Dolmetschpool aufbauen") {
		t.Fatalf("not public yet, but on the public list:\n%s", body)
	}
	coord.submit("/actions/"+a.Id+"/public", url.Values{"on": {"1"}})
	body := public.get("/actions", 200)
	if !strings.Contains(body, `data-testid="action-group-done"`) || !strings.Contains(body, "Dolmetschpool aufbauen") || !strings.Contains(body, "Pool steht") {
		t.Fatalf("public list:\n%s", body)
	}
	body = public.get("/actions/"+a.Id, 200)
	if strings.Count(body, `data-testid="timeline-entry"`) != 2 || !strings.Contains(body, "Erste Dolmetscherinnen gefunden") ||
		!strings.Contains(body, `data-testid="action-meeting"`) || !strings.Contains(body, `data-testid="action-topic"`) ||
		!strings.Contains(body, testkit.DraftDecision) {
		t.Fatalf("public page:\n%s", body)
	}
	body = public.get("/actions/"+a.Id+"?lang=ar", 200)
	if !strings.Contains(body, `dir="rtl"`) || !strings.Contains(body, "منجزة") {
		t.Fatalf("Arabic page:\n%s", body)
	}
	// Links both ways: the minutes and the topic's history show it with its status.
	body = public.get("/meetings/"+k.HeldMeeting.Id+"/minutes?lang=de", 200)
	if !strings.Contains(body, `href="/actions/`+a.Id+`"`) || !strings.Contains(body, `data-testid="minutes-action-status">Erledigt`) ||
		!strings.Contains(body, `data-testid="decision-actions"`) {
		t.Fatalf("minutes:\n%s", body)
	}
	body = public.get("/topics/"+k.PublicTopic.Id, 200)
	if !strings.Contains(body, `data-testid="topic-actions"`) || !strings.Contains(body, `href="/actions/`+a.Id+`"`) {
		t.Fatalf("topic history:\n%s", body)
	}
	// The home page's line counts it.
	if body := public.get("/", 200); !strings.Contains(body, `data-testid="action-summary"`) || !strings.Contains(body, "1 Aufgabe vereinbart, 1 erledigt, 0 in Arbeit") {
		t.Fatalf("home:\n%s", body)
	}
}

// TestActionNewForm: a coordinator's direct action; bad input at the fields, input kept.
func TestActionNewForm(t *testing.T) {
	k := testkit.New(t)
	coord := topicSite(t, k, k.Coordinator)
	status, _, body := coord.do(http.MethodPost, "/actions/new", url.Values{"title": {"KEEP-ME"}, "organisation": {""}, "due": {"2027-13-45"}})
	if status != 422 || !strings.Contains(body, `value="KEEP-ME"`) || !strings.Contains(body, `id="e-organisation"`) ||
		!strings.Contains(body, `href="#f-due"`) {
		t.Fatalf("bad input: %d\n%s", status, body)
	}
	d, err := k.App.FindFirstRecordByFilter("decisions", "meeting = {:m}", dbx.Params{"m": k.HeldMeeting.Id})
	if err != nil {
		t.Fatal(err)
	}
	loc := coord.submit("/actions/new", url.Values{"title": {"Flyer drucken"}, "organisation": {k.Listed.Id}, "decision": {d.Id}, "due": {"2027-03-01"}})
	body = coord.get(loc, 200)
	if !strings.Contains(body, "Flyer drucken") || !strings.Contains(body, `data-testid="action-decision"`) || !strings.Contains(body, testkit.DraftDecision) {
		t.Fatalf("the new action:\n%s", body)
	}
	// The decision shows it in the minutes.
	if body := coord.get("/meetings/"+k.HeldMeeting.Id+"/minutes", 200); !strings.Contains(body, `data-testid="decision-actions"`) {
		t.Fatalf("the decision does not show its action:\n%s", body)
	}
	_ = committee.Now
}
