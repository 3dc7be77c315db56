package demo

import (
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"komitee/committee"
)

// TestLoadNeeds: the demo has needs and offers in several categories and municipalities,
// responses in every state, one entry done with its outcome and an expired one, a contact row
// per side of each response; a second run adds nothing.
func TestLoadNeeds(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	committee.Bind(app)
	if _, err := Load(app); err != nil {
		t.Fatal(err)
	}
	if n := count(t, app, "needs"); n != len(demoNeeds) {
		t.Fatalf("%d needs, want %d", n, len(demoNeeds))
	}
	for _, kind := range committee.NeedKinds {
		if count(t, app, "needs", dbx.HashExp{"kind": kind, "status": "open"}) == 0 {
			t.Errorf("no open %s", kind)
		}
	}
	var cats, places []string
	_ = app.DB().NewQuery("SELECT DISTINCT category FROM needs").Column(&cats)
	_ = app.DB().NewQuery("SELECT DISTINCT municipality FROM needs").Column(&places)
	if len(cats) < 6 || len(places) < 4 {
		t.Errorf("categories %v, municipalities %v", cats, places)
	}
	for _, s := range committee.ResponseStatuses {
		if count(t, app, "responses", dbx.HashExp{"status": s}) == 0 {
			t.Errorf("no response %s", s)
		}
	}
	if count(t, app, "needs", dbx.HashExp{"status": "done"}) != 1 || count(t, app, "needs", dbx.HashExp{"status": "expired"}) != 1 {
		t.Error("want one done and one expired entry")
	}
	if got, want := count(t, app, "need_contacts"), len(demoNeeds)+2*count(t, app, "responses"); got != want {
		t.Errorf("%d contact rows, want %d", got, want)
	}
	res, err := Load(app)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 0 || count(t, app, "needs") != len(demoNeeds) {
		t.Errorf("the second run created %d records", res.Created)
	}
}
