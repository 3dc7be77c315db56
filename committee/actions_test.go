package committee_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
	"komitee/locales"
)

// TestActionStatusFollowsItsUpdates: the action's status and latest note are its latest
// update's, written with the update, whoever writes it; and a save of the action from an old
// copy does not undo them.
func TestActionStatusFollowsItsUpdates(t *testing.T) {
	k := testkit.New(t)
	a := k.Actions(t)
	got, _ := k.App.FindRecordById("actions", a.Public.Id)
	if got.GetString("status") != "in_progress" || got.GetString("note") != testkit.PublicActionNote || got.GetDateTime("progress_at").IsZero() {
		t.Fatalf("kept: %q %q %v", got.GetString("status"), got.GetString("note"), got.GetDateTime("progress_at"))
	}
	stale := got.Clone()
	rep := committee.AsUser(k.Rep)
	item := &committee.ActionItem{Record: got}
	if err := committee.AddActionUpdate(k.App, rep, item, "done", "Erledigt"); err != nil {
		t.Fatal(err)
	}
	stale.Set("title", "Neuer Titel")
	if err := k.App.Save(stale); err != nil {
		t.Fatal(err)
	}
	got, _ = k.App.FindRecordById("actions", a.Public.Id)
	if got.GetString("status") != "done" || got.GetString("note") != "Erledigt" || got.GetString("title") != "Neuer Titel" {
		t.Errorf("after a stale save: %q %q %q", got.GetString("status"), got.GetString("note"), got.GetString("title"))
	}
}

// TestActionUpdateRules: the responsible organisation's managers and coordinators write
// updates; members, other organisations and the public do not; blocked needs a reason.
func TestActionUpdateRules(t *testing.T) {
	k := testkit.New(t)
	a := k.Actions(t)
	item := &committee.ActionItem{Record: a.Members}
	for _, p := range []struct {
		who  string
		user *committee.User
		ok   bool
	}{{"rep", committee.AsUser(k.Rep), true}, {"deputy", committee.AsUser(k.Deputy), true}, {"coordinator", committee.AsUser(k.Coordinator), true},
		{"member", committee.AsUser(k.Member), false}, {"applicant", committee.AsUser(k.Applicant), false}, {"public", nil, false}} {
		err := committee.AddActionUpdate(k.App, p.user, item, "in_progress", "Notiz von "+p.who)
		if (err == nil) != p.ok {
			t.Errorf("%s: %v", p.who, err)
		}
		var auth = k.Rep
		if p.user != nil {
			auth = p.user.Record
		}
		if p.user != nil && committee.ActionCan(k.App, auth, item).Update != p.ok {
			t.Errorf("%s: offered the update form: %v", p.who, !p.ok)
		}
	}
	err := committee.AddActionUpdate(k.App, committee.AsUser(k.Rep), item, "blocked", "  ")
	if errs, ok := err.(committee.Errors); !ok || errs["note"] != "actions.error.blocked_reason" {
		t.Errorf("blocked without a reason: %v", err)
	}
	if err := committee.AddActionUpdate(k.App, committee.AsUser(k.Rep), item, "late", "x"); err == nil {
		t.Error("an unknown status was taken")
	}
	// Only in one's own name, also through /api/ (the create rule).
	coll, _ := k.App.FindCollectionByNameOrId("action_updates")
	other := core.NewRecord(coll)
	other.Load(map[string]any{"action": item.Id, "author": k.Deputy.Id, "status": "done"})
	if committee.CanCreate(k.App, k.Rep, other, nil) {
		t.Error("an update in another's name")
	}
	if committee.ActionCan(k.App, k.Rep, item).Publish || !committee.ActionCan(k.App, k.Coordinator, item).Publish {
		t.Error("only coordinators make actions public")
	}
	if err := committee.SetActionPublic(k.App, committee.AsUser(k.Rep), item, true); err != committee.ErrForbidden {
		t.Errorf("rep made it public: %v", err)
	}
}

// TestCreateActionDirectly: coordinators create actions without a meeting; the decision's
// meeting comes with it; bad input names the field.
func TestCreateActionDirectly(t *testing.T) {
	k := testkit.New(t)
	if committee.MayCreateAction(k.App, k.Rep) || !committee.MayCreateAction(k.App, k.Coordinator) {
		t.Fatal("create: coordinators only")
	}
	if _, err := committee.CreateAction(k.App, committee.AsUser(k.Rep), committee.NewActionInput{Title: "x", Organisation: k.Listed.Id}); err != committee.ErrForbidden {
		t.Errorf("rep: %v", err)
	}
	_, err := committee.CreateAction(k.App, committee.AsUser(k.Coordinator), committee.NewActionInput{Title: "", Organisation: "nope", Due: "31.02.2027"})
	errs, _ := err.(committee.Errors)
	if errs["title"] == "" || errs["organisation"] == "" || errs["due"] == "" {
		t.Errorf("errors: %v", err)
	}
	d, err := k.App.FindFirstRecordByFilter("decisions", "meeting = {:m}", dbx.Params{"m": k.HeldMeeting.Id})
	if err != nil {
		t.Fatal(err)
	}
	a, err := committee.CreateAction(k.App, committee.AsUser(k.Coordinator), committee.NewActionInput{Title: "Raum buchen",
		Organisation: k.Listed.Id, Due: "2027-01-15", Decision: d.Id, Topic: k.PublicTopic.Id})
	if err != nil {
		t.Fatal(err)
	}
	if a.Meeting() != k.HeldMeeting.Id || a.Status() != "open" || a.Topic() != k.PublicTopic.Id || committee.LocalDate(a.Due()) != "2027-01-15" {
		t.Errorf("created: %v", a.PublicExport())
	}
}

// TestActionReminders: the weekly job mails each responsible organisation's managers their
// overdue and soon-due actions in their language, once per week, and again the next week.
func TestActionReminders(t *testing.T) {
	k := testkit.New(t)
	now := time.Date(2027, 3, 1, 7, 0, 0, 0, time.UTC) // a Monday
	k.Record(t, "actions", map[string]any{"title": "Überfällig", "organisation": k.Listed.Id, "status": "in_progress", "due": now.Add(-48 * time.Hour)})
	k.Record(t, "actions", map[string]any{"title": "Bald fällig", "organisation": k.Listed.Id, "status": "open", "due": now.Add(5 * 24 * time.Hour)})
	k.Record(t, "actions", map[string]any{"title": "Später", "organisation": k.Listed.Id, "status": "open", "due": now.Add(40 * 24 * time.Hour)})
	k.Record(t, "actions", map[string]any{"title": "Schon erledigt", "organisation": k.Listed.Id, "status": "done", "due": now.Add(-48 * time.Hour)})
	// Rep and Deputy speak different languages.
	k.Deputy.Set("language", map[string]string{"ar": "de"}[committee.AsUser(k.Rep).Language()]+"")
	if k.Deputy.GetString("language") == "" {
		k.Deputy.Set("language", "ar")
	}
	if err := k.App.Save(k.Deputy); err != nil {
		t.Fatal(err)
	}
	k.App.TestMailer.Reset()
	n, err := committee.SendActionReminders(k.App, now)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || k.App.TestMailer.TotalSend() != 2 { // Rep and Deputy of Listed
		t.Fatalf("sent %d (%d)", n, k.App.TestMailer.TotalSend())
	}
	for _, msg := range k.App.TestMailer.Messages() {
		if !strings.Contains(msg.Text, "Überfällig") || !strings.Contains(msg.Text, "Bald fällig") ||
			strings.Contains(msg.Text, "Später") || strings.Contains(msg.Text, "Schon erledigt") {
			t.Errorf("to %s: %s", msg.To[0].Address, msg.Text)
		}
		to, err := k.App.FindAuthRecordByEmail("users", msg.To[0].Address)
		if err != nil {
			t.Fatal(err)
		}
		lang := committee.AsUser(to).Language()
		if want := locales.Tf(lang, "actions.mail.reminder.subject", -1, map[string]any{"Organisation": k.Listed.GetString("name")}); msg.Subject != want {
			t.Errorf("to %s: subject %q, want %q", msg.To[0].Address, msg.Subject, want)
		}
	}
	k.App.TestMailer.Reset()
	if n, _ := committee.SendActionReminders(k.App, now.Add(3*24*time.Hour)); n != 0 || k.App.TestMailer.TotalSend() != 0 {
		t.Errorf("the same week again: %d", n)
	}
	if n, _ := committee.SendActionReminders(k.App, now.Add(7*24*time.Hour)); n != 2 {
		t.Errorf("the next week: %d", n)
	}
}

// TestActionSummary counts the public actions.
func TestActionSummary(t *testing.T) {
	k := testkit.New(t)
	k.Actions(t)
	k.Record(t, "actions", map[string]any{"title": "A", "organisation": k.Listed.Id, "status": "done", "public": true})
	k.Record(t, "actions", map[string]any{"title": "B", "organisation": k.Listed.Id, "status": "dropped", "public": true})
	if s := committee.ActionSummary(k.App); s != (committee.Summary{Agreed: 2, Done: 1, InProgress: 1}) {
		t.Errorf("summary %+v", s)
	}
}

// TestActionsCountMatchesTheRule: the list's count (COUNT(*) over the rule's joins) is the number
// of actions the list rule lets each person see.
func TestActionsCountMatchesTheRule(t *testing.T) {
	k := testkit.New(t)
	k.Actions(t)
	k.Record(t, "actions", map[string]any{"meeting": k.PublishedMeeting.Id, "title": "Bericht", "organisation": k.Listed.Id, "status": "done"})
	for _, p := range []*core.Record{nil, k.Registered, k.Member, k.Applicant, k.Rep, k.Coordinator} {
		all, err := committee.List(k.App, p, "actions", committee.Query{Page: 1, PerPage: 500})
		if err != nil {
			t.Fatal(err)
		}
		page, rows, err := committee.Actions(k.App, p, committee.ActionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if page.TotalItems != all.TotalItems || len(rows) != len(all.Records) {
			t.Errorf("%v: counted %d (%d rows), the rule lets %d through", p, page.TotalItems, len(rows), all.TotalItems)
		}
	}
	// The count is remembered, and forgotten with each write that changes it.
	count := func(f committee.ActionFilter) int {
		p, _, err := committee.Actions(k.App, k.Member, f)
		if err != nil {
			t.Fatal(err)
		}
		return p.TotalItems
	}
	before, done := count(committee.ActionFilter{}), count(committee.ActionFilter{Status: "done"})
	k.Record(t, "actions", map[string]any{"title": "Neu", "organisation": k.Listed.Id, "status": "open"})
	if got := count(committee.ActionFilter{}); got != before+1 {
		t.Errorf("after a new action: %d, want %d", got, before+1)
	}
	members, _ := k.App.FindRecordById("actions", testkit.MembersActionID)
	if err := committee.AddActionUpdate(k.App, committee.AsUser(k.Rep), &committee.ActionItem{Record: members}, "done", "Fertig"); err != nil {
		t.Fatal(err)
	}
	if got := count(committee.ActionFilter{Status: "done"}); got != done+1 {
		t.Errorf("after an update to done: %d done, want %d", got, done+1)
	}
}

// TestMinutesActionOfADecision: an action item from the minutes names a decision of the same
// meeting only.
func TestMinutesActionOfADecision(t *testing.T) {
	k := testkit.New(t)
	coord := committee.AsUser(k.Coordinator)
	m, err := committee.FindMeeting(k.App, k.Coordinator, k.HeldMeeting.Id)
	if err != nil {
		t.Fatal(err)
	}
	other := k.Record(t, "decisions", map[string]any{"meeting": k.PublishedMeeting.Id, "text": "Anderswo"})
	err = committee.AddAction(k.App, coord, m, committee.ActionInput{Title: "x", Organisation: k.Listed.Id, Decision: other.Id})
	if errs, ok := err.(committee.Errors); !ok || errs["decision"] != "error.choice" {
		t.Errorf("a decision of another meeting: %v", err)
	}
	own, _ := k.App.FindFirstRecordByFilter("decisions", "meeting = {:m}", dbx.Params{"m": m.Id})
	if err := committee.AddAction(k.App, coord, m, committee.ActionInput{Title: "y", Organisation: k.Listed.Id, Decision: own.Id}); err != nil {
		t.Fatal(err)
	}
	links := committee.ActionLinks(k.App, k.Coordinator, "decision = {:d}", dbx.Params{"d": own.Id})
	if len(links) != 1 || links[0].Title != "y" || links[0].Status != "open" {
		t.Errorf("the decision's actions: %+v", links)
	}
}
