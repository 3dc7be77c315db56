package pb_migrations_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	_ "komitee/pb_migrations"
)

var ours = []string{"committee", "pages", "organisations", "memberships", "contacts", "meetings", "meeting_dates",
	"date_answers", "agenda_items", "registrations", "attendance", "minutes", "decisions", "actions", "topics", "comments",
	"comment_reports", "supports", "rounds", "round_topics", "votes", "sessions",
	"action_updates", "action_reminders"}

// TestFreshDatabase runs every migration on an empty database and checks the schema and rules.
func TestFreshDatabase(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	for _, name := range ours {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatalf("%s missing: %v", name, err)
		}
		for _, f := range []string{"created", "updated"} {
			if c.Fields.GetByName(f) == nil {
				t.Errorf("%s lacks %s", name, f)
			}
		}
	}
	orgs, _ := app.FindCollectionByNameOrId("organisations")
	if orgs.DeleteRule != nil {
		t.Error("organisations may be deleted through the API")
	}
	if f := orgs.Fields.GetByName("managers"); f == nil || !f.GetHidden() {
		t.Error("organisations.managers must be hidden")
	}
	ms, _ := app.FindCollectionByNameOrId("memberships")
	if ms.UpdateRule != nil {
		t.Error("memberships must change through the workflows only")
	}
	users, _ := app.FindCollectionByNameOrId("users")
	for _, f := range []string{"language", "languages", "email_visibility", "phone_visibility", "privacy_accepted", "privacy_version", "coordinator", "member"} {
		if users.Fields.GetByName(f) == nil {
			t.Errorf("users lacks %s", f)
		}
	}
	if !app.Settings().RateLimits.Enabled {
		t.Error("rate limits are off")
	}
	sessions, _ := app.FindCollectionByNameOrId("sessions")
	if sessions.ListRule != nil || sessions.ViewRule != nil || sessions.CreateRule != nil || sessions.UpdateRule != nil || sessions.DeleteRule != nil {
		t.Error("sessions must be for superusers only")
	}
	if f := sessions.Fields.GetByName("token_hash"); f == nil || !f.GetHidden() {
		t.Error("sessions.token_hash must be hidden")
	}
	// Every index exists in SQLite.
	for _, idx := range []string{"idx_organisations_slug", "idx_memberships_user_org", "idx_contacts_owner_kind", "idx_pages_slug_language",
		"idx_sessions_token_hash", "idx_sessions_user"} {
		var n int
		if err := app.DB().NewQuery("SELECT count(*) FROM sqlite_master WHERE type='index' AND name={:n}").
			Bind(map[string]any{"n": idx}).Row(&n); err != nil || n != 1 {
			t.Errorf("index %s missing", idx)
		}
	}
}

// TestDownAndUp reverts Komitee's migrations with their down steps, then applies them again.
func TestDownAndUp(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	runner := core.NewMigrationsRunner(app, core.AppMigrations)
	// Ours are applied before PocketBase's own last one, so revert that one too.
	files, err := filepath.Glob("[0-9]*_*.go")
	if err != nil || len(files) < 5 {
		t.Fatalf("migration files: %v %v", files, err)
	}
	reverted, err := runner.Down(len(files) + 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !slices.Contains(reverted, f) {
			t.Errorf("%s not reverted (reverted: %v)", f, reverted)
		}
	}
	for _, name := range ours {
		if _, err := app.FindCollectionByNameOrId(name); err == nil {
			t.Errorf("%s still exists after down", name)
		}
	}
	users, _ := app.FindCollectionByNameOrId("users")
	if users.Fields.GetByName("coordinator") != nil {
		t.Error("users.coordinator still exists after down")
	}
	if app.Settings().RateLimits.Enabled {
		t.Error("rate limits still on after down")
	}
	if _, err := runner.Up(); err != nil {
		t.Fatal(err)
	}
	for _, name := range ours {
		if _, err := app.FindCollectionByNameOrId(name); err != nil {
			t.Errorf("%s missing after up again", name)
		}
	}
}
