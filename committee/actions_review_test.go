package committee_test

import (
	"strings"
	"testing"
	"time"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestActionOverdueFromTheNextDay: a due date is a day (stored as noon Berlin): the action is
// overdue from the next day in Berlin, in the list's filter as in the badge.
func TestActionOverdueFromTheNextDay(t *testing.T) {
	k := testkit.New(t)
	due, err := committee.ParseLocal("2026-12-01", "12:00")
	if err != nil {
		t.Fatal(err)
	}
	k.Record(t, "actions", map[string]any{"title": "HEUTE-FAELLIG", "organisation": k.Listed.Id, "status": "open", "due": due, "public": true})
	t.Cleanup(committee.SetClock(time.Now))
	for _, c := range []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 12, 1, 15, 0, 0, 0, committee.Berlin), false},
		{time.Date(2026, 12, 1, 23, 59, 0, 0, committee.Berlin), false},
		{time.Date(2026, 12, 2, 0, 1, 0, 0, committee.Berlin), true},
	} {
		if got := committee.ActionOverdue("open", due, c.at); got != c.want {
			t.Errorf("at %v: overdue %v", c.at, got)
		}
		restore := committee.SetClock(committee.Offset(time.Until(c.at)))
		p, _, err := committee.Actions(k.App, k.Coordinator, committee.ActionFilter{Overdue: true})
		if err != nil {
			t.Fatal(err)
		}
		if (p.TotalItems == 1) != c.want {
			t.Errorf("at %v: the overdue filter counts %d", c.at, p.TotalItems)
		}
		restore()
	}
}

// TestActionCountCacheKeyedOnTheDay: the overdue count is remembered per day, not per instant.
func TestActionCountCacheKeyedOnTheDay(t *testing.T) {
	k := testkit.New(t)
	t.Cleanup(committee.SetClock(time.Now)) // restores the clock before the test
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, committee.Berlin)
	committee.SetClock(committee.Offset(time.Until(at)))
	if _, _, err := committee.Actions(k.App, k.Coordinator, committee.ActionFilter{Overdue: true}); err != nil {
		t.Fatal(err)
	}
	before := committee.ActionCountEntries()
	for i := 1; i <= 3; i++ {
		committee.SetClock(committee.Offset(time.Until(at.Add(time.Duration(i) * time.Hour))))
		if _, _, err := committee.Actions(k.App, k.Coordinator, committee.ActionFilter{Overdue: true}); err != nil {
			t.Fatal(err)
		}
	}
	if after := committee.ActionCountEntries(); after != before {
		t.Errorf("the same day remembered %d counts more", after-before)
	}
}

// TestMinutesActionNamesItsCreator: an action of the minutes names who wrote it; the create
// rule refuses another name.
func TestMinutesActionNamesItsCreator(t *testing.T) {
	k := testkit.New(t)
	m, err := committee.FindMeeting(k.App, k.Coordinator, k.HeldMeeting.Id)
	if err != nil {
		t.Fatal(err)
	}
	if err := committee.AddAction(k.App, committee.AsUser(k.Coordinator), m, committee.ActionInput{Title: "Protokollaufgabe", Organisation: k.Listed.Id}); err != nil {
		t.Fatal(err)
	}
	a, err := k.App.FindFirstRecordByFilter("actions", "title = 'Protokollaufgabe'")
	if err != nil {
		t.Fatal(err)
	}
	if a.GetString("created_by") != k.Coordinator.Id || a.GetBool("direct") {
		t.Errorf("created_by %q direct %v", a.GetString("created_by"), a.GetBool("direct"))
	}
	forged := a.Clone()
	forged.Id = ""
	forged.MarkAsNew()
	forged.Set("created_by", k.Rep.Id)
	if committee.CanCreate(k.App, k.Coordinator, forged, nil) {
		t.Error("the create rule lets a coordinator name someone else as creator")
	}
}

// TestDirectActionsNotInMinutesOf: MinutesOf leaves out what was created directly for one of the
// meeting's decisions and names it as the decision's follow-up.
func TestDirectActionsNotInMinutesOf(t *testing.T) {
	k := testkit.New(t)
	d := k.Record(t, "decisions", map[string]any{"meeting": k.PublishedMeeting.Id, "text": "Wir laden ein"})
	if _, err := committee.CreateAction(k.App, committee.AsUser(k.Coordinator), committee.NewActionInput{Title: "DANACH",
		Organisation: k.Listed.Id, Decision: d.Id}); err != nil {
		t.Fatal(err)
	}
	m, err := committee.FindMeeting(k.App, k.Coordinator, k.PublishedMeeting.Id)
	if err != nil {
		t.Fatal(err)
	}
	min, err := committee.MinutesOf(k.App, k.Coordinator, m)
	if err != nil {
		t.Fatal(err)
	}
	if len(min.Actions) != 0 || len(min.FollowUps) != 1 || min.FollowUps[0].Decision != d.Id {
		t.Errorf("actions %+v follow-ups %+v", min.Actions, min.FollowUps)
	}
}

// TestActionRemindersRetryAfterAFailedMail: a week whose reminders all failed is not marked as
// done: the next run sends them; a failure to mark is reported, not taken for "reminded".
func TestActionRemindersRetryAfterAFailedMail(t *testing.T) {
	k := testkit.New(t)
	now := time.Date(2027, 3, 1, 7, 0, 0, 0, time.UTC) // a Monday
	k.Record(t, "actions", map[string]any{"title": "Bald fällig", "organisation": k.Listed.Id, "status": "open", "due": now.Add(5 * 24 * time.Hour)})
	restore := k.FailMail(t)
	n, err := committee.SendActionReminders(k.App, now)
	if err == nil || n != 0 {
		t.Errorf("with a failing mailer: %d, %v", n, err)
	}
	marks := 0
	_ = k.App.DB().Select("COUNT(*)").From("action_reminders").Row(&marks)
	if marks != 0 {
		t.Errorf("%d marks after the failed week", marks)
	}
	restore()
	k.App.TestMailer.Reset()
	if n, err := committee.SendActionReminders(k.App, now.Add(time.Hour)); err != nil || n != 2 {
		t.Errorf("the retry: %d, %v", n, err)
	}
	if n, _ := committee.SendActionReminders(k.App, now.Add(2*time.Hour)); n != 0 {
		t.Errorf("after the retry: %d", n)
	}
	for _, msg := range k.App.TestMailer.Messages() {
		if !strings.Contains(msg.Text, "Bald fällig – ") {
			t.Errorf("line: %s", msg.Text)
		}
	}
	// A mark that cannot be written (not the unique index): reported, nothing sent.
	if _, err := k.App.DB().NewQuery(`CREATE TRIGGER no_marks BEFORE INSERT ON action_reminders BEGIN SELECT RAISE(FAIL, 'disk full'); END`).Execute(); err != nil {
		t.Fatal(err)
	}
	k.App.TestMailer.Reset()
	n, err = committee.SendActionReminders(k.App, now.Add(7*24*time.Hour))
	if err == nil || n != 0 || k.App.TestMailer.TotalSend() != 0 {
		t.Errorf("a mark that fails: %d, %v", n, err)
	}
}
