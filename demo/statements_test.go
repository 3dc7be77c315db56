package demo

import (
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"komitee/committee"
)

// TestDemoStatements: a published statement with signatories in German and English, one in
// signing with answers and a withdrawal (not counted), one draft in discussion with comments;
// a second load creates none of them again.
func TestDemoStatements(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	committee.Bind(app)
	if _, err := Load(app); err != nil {
		t.Fatal(err)
	}
	pub, err := committee.FindStatement(app, nil, "sprachkurse-mit-kinderbetreuung")
	if err != nil || pub.Signed() != 5 {
		t.Fatalf("published statement: %v, signed %d", err, pub.Signed())
	}
	versions, _ := committee.StatementVersions(app, nil, pub)
	if len(committee.Current(versions)) != 2 {
		t.Fatalf("%d language versions, want German and English", len(committee.Current(versions)))
	}
	signing, err := app.FindFirstRecordByFilter("statements", "slug = 'dolmetschen-in-behoerden'")
	if err != nil || signing.GetInt("signed") != 2 || signing.GetString("status") != "signing" {
		t.Fatalf("statement in signing: %v, signed %d", err, signing.GetInt("signed"))
	}
	if n := count(t, app, "signatures", dbx.HashExp{"statement": signing.Id, "withdrawn": true}); n != 1 {
		t.Fatalf("%d withdrawals, want 1", n)
	}
	draft, err := app.FindFirstRecordByFilter("statements", "slug = 'faire-wohnungsvergabe'")
	if err != nil || draft.GetString("status") != "discussion" || count(t, app, "comments", dbx.HashExp{"statement": draft.Id}) != 2 {
		t.Fatal("no draft in discussion with its comment and reply")
	}
	before := count(t, app, "signatures") + count(t, app, "statement_versions") + count(t, app, "statements")
	again, err := Load(app)
	if err != nil {
		t.Fatal(err)
	}
	if after := count(t, app, "signatures") + count(t, app, "statement_versions") + count(t, app, "statements"); after != before || again.Created != 0 {
		t.Fatalf("the second load created %d records (%d → %d)", again.Created, before, after)
	}
}
