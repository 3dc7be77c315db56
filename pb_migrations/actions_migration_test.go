package pb_migrations_test

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// TestActionsMigrationKeepsRows: action items written under the earlier schema (from minutes,
// open or done) stay valid when 1764116200_actions.go turns actions into a tracker, and get
// the new fields' defaults.
func TestActionsMigrationKeepsRows(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	runner := core.NewMigrationsRunner(app, core.AppMigrations)
	files, _ := filepath.Glob("[0-9]*_*.go")
	slices.Sort(files)
	later := 0
	for _, f := range files {
		if f >= "1764116200_actions.go" {
			later++
		}
	}
	// Ours are applied before PocketBase's own last one (see TestDownAndUp).
	reverted, err := runner.Down(later + 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(reverted, "1764116200_actions.go") {
		t.Fatalf("reverted %v", reverted)
	}
	if _, err := app.FindCollectionByNameOrId("action_updates"); err == nil {
		t.Fatal("action_updates exists before the step")
	}
	save := func(coll string, f map[string]any) *core.Record {
		c, err := app.FindCollectionByNameOrId(coll)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(c)
		r.Load(f)
		if err := app.Save(r); err != nil {
			t.Fatalf("%s: %v", coll, err)
		}
		return r
	}
	org := save("organisations", map[string]any{"name": "Alt e. V.", "slug": "alt-ev", "kind": "mso", "status": "member"})
	m := save("meetings", map[string]any{"title": "Alt", "kind": "committee", "status": "minutes_approved", "visibility": "members",
		"starts": time.Now().Add(-48 * time.Hour).UTC()})
	old := save("actions", map[string]any{"meeting": m.Id, "title": "Alte Aufgabe", "organisation": org.Id, "status": "done"})
	if _, err := runner.Up(); err != nil {
		t.Fatal(err)
	}
	got, err := app.FindRecordById("actions", old.Id)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Validate(got); err != nil {
		t.Errorf("the old row is not valid any more: %v", err)
	}
	if got.GetString("status") != "done" || got.GetBool("public") || got.GetString("note") != "" {
		t.Errorf("the old row: %v", got.PublicExport())
	}
	if _, err := app.FindCollectionByNameOrId("action_updates"); err != nil {
		t.Error("action_updates missing after the step")
	}
}
