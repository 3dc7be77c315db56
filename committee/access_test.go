package committee_test

import (
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestListMatchesTheAPIRule: for every person and collection, the pages' helper (which writes
// the requester's flags into the rule) returns exactly the records PocketBase's own rule
// evaluation allows, record by record.
func TestListMatchesTheAPIRule(t *testing.T) {
	k := testkit.New(t)
	people := []*core.Record{nil, k.Registered, k.Member, k.Requester, k.Applicant, k.Deputy, k.Rep, k.Coordinator}
	for _, coll := range []string{"organisations", "memberships", "contacts", "users", "pages", "committee",
		"meetings", "agenda_items", "registrations", "minutes", "decisions"} {
		c, err := k.App.FindCollectionByNameOrId(coll)
		if err != nil {
			t.Fatal(err)
		}
		all, err := k.App.FindAllRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range people {
			page, err := committee.List(k.App, p, coll, committee.Query{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, r := range page.Records {
				got[r.Id] = true
			}
			info := &core.RequestInfo{Auth: p, Context: core.RequestInfoContextDefault, Method: "GET"}
			for _, r := range all {
				want, err := k.App.CanAccessRecord(r, info, c.ListRule)
				if err != nil {
					t.Fatal(err)
				}
				if want != got[r.Id] {
					t.Errorf("%s %s for %s: API rule says %v, pages say %v", coll, r.Id, name(p), want, got[r.Id])
				}
			}
			// ListInto (rows into structs) selects the same records.
			var rows []struct {
				ID string `db:"id"`
			}
			if _, err := committee.ListInto(k.App, p, coll, committee.Query{Sort: "-created"}, &rows); err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(got) {
				t.Errorf("%s for %s: ListInto finds %d, List %d", coll, name(p), len(rows), len(got))
			}
			for _, r := range rows {
				if !got[r.ID] {
					t.Errorf("%s for %s: ListInto finds %s, List does not", coll, name(p), r.ID)
				}
			}
			// View goes through the same rewriting.
			for _, r := range all {
				want, _ := k.App.CanAccessRecord(r, info, c.ViewRule)
				_, err := committee.First(k.App, p, coll, committee.Query{Filter: "id = {:id}", Params: dbx.Params{"id": r.Id}})
				if want != (err == nil) {
					t.Errorf("view %s %s for %s: API rule says %v, pages say %v", coll, r.Id, name(p), want, err == nil)
				}
			}
		}
	}
}

func name(p *core.Record) string {
	if p == nil {
		return "the public"
	}
	return p.GetString("name")
}

// TestFromSaveError: PocketBase's own validation failures become form errors.
func TestFromSaveError(t *testing.T) {
	k := testkit.New(t)
	coll, _ := k.App.FindCollectionByNameOrId("organisations")
	r := core.NewRecord(coll)
	r.Set("name", "X")
	r.Set("slug", "Not A Slug!")
	r.Set("kind", "mso")
	r.Set("status", "member")
	err := committee.FromSaveError(k.App.Save(r))
	errs, ok := err.(committee.Errors)
	if !ok || errs["slug"] != "error.invalid" || errs["form"] != "error.invalid_save" {
		t.Fatalf("got %v", err)
	}
	if other := committee.FromSaveError(committee.ErrNotFound); other != committee.ErrNotFound {
		t.Fatal("other errors must stay as they are")
	}
}

// TestDerivedFieldsAfterSaves: member and the e-mail contact follow every save of an account,
// even one from a stale copy.
func TestDerivedFieldsAfterSaves(t *testing.T) {
	k := testkit.New(t)
	u := &committee.User{Record: k.Member}
	if err := committee.UpdateProfile(k.App, u, committee.Profile{Name: "Mehmet", Language: "de", EmailVisibility: "members", PhoneVisibility: "nobody"}); err != nil {
		t.Fatal(err)
	}
	stale := k.Member.Fresh()
	stale.Set("member", false) // a dashboard save with an old value
	stale.SetEmail("neu@example.org")
	if err := k.App.Save(stale); err != nil {
		t.Fatal(err)
	}
	fresh, _ := k.App.FindRecordById("users", k.Member.Id)
	if !fresh.GetBool("member") {
		t.Fatal("member flag lost by a stale save")
	}
	c, err := k.App.FindFirstRecordByFilter("contacts", "user = {:u} && kind = 'email'", dbx.Params{"u": k.Member.Id})
	if err != nil || c.GetString("value") != "neu@example.org" {
		t.Fatal("the e-mail contact still shows the old address")
	}
	// An organisation going inactive and back, saved from one object.
	org := k.Listed
	for _, status := range []string{"inactive", "member"} {
		org.Set("status", status)
		if err := k.App.Save(org); err != nil {
			t.Fatal(err)
		}
	}
	fresh, _ = k.App.FindRecordById("users", k.Member.Id)
	if !fresh.GetBool("member") {
		t.Fatal("member flag wrong after inactive and back")
	}
}
