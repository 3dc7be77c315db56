package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestActionKeptFieldsHidden: an action's kept note and progress time are not the /api/'s to
// show or write: a coordinator's PATCH leaves them as the updates wrote them.
func TestActionKeptFieldsHidden(t *testing.T) {
	k := testkit.New(t)
	k.Actions(t)
	s := newSite(t, k)
	code, _, body := s.sendJSON("PATCH", "/api/collections/actions/records/"+testkit.PublicActionID,
		strings.NewReader(`{"note":"VON-HAND","progress_at":"2020-01-01 12:00:00.000Z"}`), k.Token(t, k.Coordinator))
	if strings.Contains(body, "VON-HAND") || strings.Contains(body, testkit.PublicActionNote) || strings.Contains(body, `"progress_at"`) {
		t.Errorf("PATCH answered %d: %s", code, body)
	}
	a, err := k.App.FindRecordById("actions", testkit.PublicActionID)
	if err != nil {
		t.Fatal(err)
	}
	if a.GetString("note") != testkit.PublicActionNote || a.GetDateTime("progress_at").Time().Year() == 2020 {
		t.Errorf("kept fields changed: %q %v", a.GetString("note"), a.GetDateTime("progress_at"))
	}
}

// TestActionUpdateRuleChecksTheNewValues: a coordinator's PATCH may link a decision or agenda
// item only of the action's own meeting (the update rule reads the body, not the stored row).
func TestActionUpdateRuleChecksTheNewValues(t *testing.T) {
	k := testkit.New(t)
	k.Actions(t)
	s := newSite(t, k)
	token := k.Token(t, k.Coordinator)
	patch := func(id, body string) int {
		code, _, _ := s.sendJSON("PATCH", "/api/collections/actions/records/"+id, strings.NewReader(body), token)
		return code
	}
	other := k.Record(t, "decisions", map[string]any{"meeting": k.PublishedMeeting.Id, "text": "Anderswo"})
	own, err := k.App.FindFirstRecordByFilter("decisions", "meeting = {:m}", dbx.Params{"m": k.HeldMeeting.Id})
	if err != nil {
		t.Fatal(err)
	}
	otherItem := k.Record(t, "agenda_items", map[string]any{"meeting": k.PublishedMeeting.Id, "title": "Fremd", "status": "accepted", "position": 1, "duration": 5})
	ownItem := k.Record(t, "agenda_items", map[string]any{"meeting": k.HeldMeeting.Id, "title": "Eigen", "status": "accepted", "position": 1, "duration": 5})
	for _, c := range []struct {
		name, id, body string
		want           int
	}{
		{"a decision of another meeting", testkit.DraftActionID, `{"decision":"` + other.Id + `"}`, 404},
		{"a decision onto an action without a meeting", testkit.MembersActionID, `{"decision":"` + own.Id + `"}`, 404},
		{"an agenda item of another meeting", testkit.DraftActionID, `{"agenda_item":"` + otherItem.Id + `"}`, 404},
		{"the own meeting's decision", testkit.DraftActionID, `{"decision":"` + own.Id + `"}`, 200},
		{"the own meeting's agenda item", testkit.DraftActionID, `{"agenda_item":"` + ownItem.Id + `"}`, 200},
		{"no decision", testkit.DraftActionID, `{"decision":""}`, 200},
		{"a title only", testkit.DraftActionID, `{"title":"Neu"}`, 200},
	} {
		if got := patch(c.id, c.body); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

// TestActionTimelineCredits: who may not see the author's name sees whom the update is from: the
// responsible organisation for its managers, the coordination for a coordinator, a former
// member for an account that is gone.
func TestActionTimelineCredits(t *testing.T) {
	k := testkit.New(t)
	k.Actions(t)
	coord := topicSite(t, k, k.Coordinator)
	coord.submit("/actions/"+testkit.PublicActionID+"/updates", url.Values{"status": {"blocked"}, "note": {"COORD-NOTE"}})
	k.Record(t, "action_updates", map[string]any{"action": testkit.PublicActionID, "status": "blocked", "note": "GONE-NOTE"})
	page := topicSite(t, k, nil).get("/actions/"+testkit.PublicActionID, 200)
	entry := func(note string) string {
		i := strings.Index(page, note)
		if i < 0 {
			t.Fatalf("no %s on the page", note)
		}
		return page[strings.LastIndex(page[:i], `data-testid="timeline-entry"`):i]
	}
	if e := entry(testkit.PublicActionNote); !strings.Contains(e, "Verein der Vielfalt") {
		t.Errorf("Rep's update: %s", e)
	}
	if e := entry("COORD-NOTE"); !strings.Contains(e, "die Koordination") || strings.Contains(e, "Verein der Vielfalt") {
		t.Errorf("the coordinator's update: %s", e)
	}
	if e := entry("GONE-NOTE"); !strings.Contains(e, "ein ehemaliges Mitglied") || strings.Contains(e, "Verein der Vielfalt") {
		t.Errorf("an update without an author: %s", e)
	}
}

// TestDirectActionOfADecisionNotInItsMinutes: an action a coordinator creates for a decision of
// approved minutes is not added to those minutes; it is named under its decision.
func TestDirectActionOfADecisionNotInItsMinutes(t *testing.T) {
	k := testkit.New(t)
	d := k.Record(t, "decisions", map[string]any{"meeting": k.PublishedMeeting.Id, "text": "Wir laden ein"})
	a, err := committee.CreateAction(k.App, committee.AsUser(k.Coordinator), committee.NewActionInput{Title: "SPAETER-ANGELEGT",
		Organisation: k.Listed.Id, Decision: d.Id})
	if err != nil {
		t.Fatal(err)
	}
	if a.Meeting() != k.PublishedMeeting.Id {
		t.Fatalf("meeting %q", a.Meeting())
	}
	page := topicSite(t, k, nil).get("/meetings/"+k.PublishedMeeting.Id+"/minutes", 200)
	if strings.Contains(page, `data-testid="actions"`) || !strings.Contains(page, `data-testid="decision-actions"`) ||
		strings.Count(page, "SPAETER-ANGELEGT") != 1 {
		t.Errorf("the minutes list the later action as theirs:\n%s", page)
	}
}

// TestActionSummaryPunctuation: the home line's separator is the language's.
func TestActionSummaryPunctuation(t *testing.T) {
	k := testkit.New(t)
	k.Actions(t)
	s := topicSite(t, k, nil)
	s.cookies["komitee_lang"] = "ar"
	page := s.get("/", 200)
	i := strings.Index(page, `data-testid="action-summary"`)
	if i < 0 {
		t.Fatal("no summary")
	}
	line := page[i:min(len(page), i+1200)]
	line = line[:strings.Index(line, "</p>")]
	if !strings.Contains(line, "، ") || strings.Contains(line, ", ") {
		t.Errorf("Arabic summary: %s", line)
	}
}
