package demo

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"komitee/committee"
	_ "komitee/pb_migrations"
)

// TestDemoActions: actions in every status with timelines, some public, some overdue; a second
// load adds no update twice.
func TestDemoActions(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	committee.Bind(app)
	if _, err := Load(app); err != nil {
		t.Fatal(err)
	}
	for _, st := range committee.ActionStatuses {
		if count(t, app, "actions", dbx.HashExp{"status": st}) == 0 {
			t.Errorf("no demo action is %s", st)
		}
	}
	if count(t, app, "actions", dbx.HashExp{"public": true}) < 3 || count(t, app, "actions", dbx.HashExp{"public": false}) == 0 {
		t.Error("public and members' actions")
	}
	blocked, err := app.FindFirstRecordByFilter("actions", "status = 'blocked'")
	if err != nil || blocked.GetString("note") == "" {
		t.Errorf("the blocked action says why: %v", err)
	}
	recs, _ := app.FindAllRecords("actions")
	overdue := 0
	for _, r := range recs {
		if (&committee.ActionItem{Record: r}).Overdue(time.Now()) {
			overdue++
		}
	}
	if overdue == 0 {
		t.Error("no overdue demo action")
	}
	updates := count(t, app, "action_updates")
	if _, err := Load(app); err != nil {
		t.Fatal(err)
	}
	if again := count(t, app, "action_updates"); again != updates || updates < 8 {
		t.Errorf("updates: %d, then %d", updates, again)
	}
	if count(t, app, "actions", dbx.HashExp{"status": "blocked"}) == 0 {
		t.Error("a second load reset the statuses")
	}
}
