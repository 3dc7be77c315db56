package committee_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestListMatchesTheAPIRule: for every person and every collection, the pages' helper (which
// writes the requester's flags into the rule) returns exactly the records PocketBase's own rule
// evaluation allows, record by record. Every collection of the app takes part, so a new one is
// compared as soon as it exists: it needs rows here (or no list and view rule at all).
func TestListMatchesTheAPIRule(t *testing.T) {
	k := testkit.New(t)
	moreRows(t, k)
	people := []*core.Record{nil, k.Registered, k.Member, k.Requester, k.Applicant, k.Deputy, k.Rep, k.Coordinator}
	colls, err := k.App.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, c := range colls {
		if c.System || c.IsView() {
			continue // PocketBase's own (superusers, MFA, OTP, external auths, auth origins)
		}
		coll := c.Name
		if c.ListRule == nil && c.ViewRule == nil {
			// Nobody but superusers: the pages must refuse too.
			for _, p := range people {
				if _, err := committee.List(k.App, p, coll, committee.Query{}); err != committee.ErrForbidden {
					t.Errorf("%s for %s: the rules let nobody in, the pages say %v", coll, name(p), err)
				}
			}
			continue
		}
		if n, _ := k.App.CountRecords(coll); n == 0 {
			t.Errorf("%s has no rows to compare: add some in moreRows", coll)
			continue
		}
		compared++
		all, err := k.App.FindAllRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range people {
			page, err := committee.List(k.App, p, coll, committee.Query{})
			if c.ListRule == nil {
				if err != committee.ErrForbidden {
					t.Errorf("%s for %s: no list rule, the pages say %v", coll, name(p), err)
				}
				page = &committee.Page{}
			} else if err != nil {
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
			if _, err := committee.ListInto(k.App, p, coll, committee.Query{Sort: "-created"}, &rows); err != nil && c.ListRule != nil {
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
			// The capability checks ask many rules in one query (canAll): the same answers, for
			// stored records and for trial rows (the create rule, as CanCreate asks it).
			batch := committee.CanAllOf(k.App, p, all, func(c *core.Collection) *string { return c.ViewRule }, false)
			trials := make([]*core.Record, len(all))
			for i, r := range all {
				trials[i] = r.Clone()
				trials[i].Id = ""
			}
			created := committee.CanAllOf(k.App, p, trials, func(c *core.Collection) *string { return c.CreateRule }, true)
			for i, r := range all {
				if want, _ := k.App.CanAccessRecord(r, info, c.ViewRule); want != batch[i] {
					t.Errorf("batched view %s %s for %s: API rule says %v, canAll says %v", coll, r.Id, name(p), want, batch[i])
				}
				if want := committee.CanCreate(k.App, p, trials[i], nil); want != created[i] {
					t.Errorf("batched create %s like %s for %s: CanCreate says %v, canAll says %v", coll, r.Id, name(p), want, created[i])
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
	if compared < 21 { // the collections of pb_migrations (migrations_test.go names them)
		t.Errorf("only %d collections compared", compared)
	}
}

// moreRows adds rows to the collections the fixtures leave empty, in the states that decide who
// sees them.
func moreRows(t *testing.T, k *testkit.Kit) {
	soon := time.Now().Add(40 * 24 * time.Hour).UTC().Truncate(time.Hour)
	draftDate := k.Record(t, "meeting_dates", map[string]any{"meeting": k.DraftMeeting.Id, "starts": soon, "ends": soon.Add(time.Hour)})
	date := k.Record(t, "meeting_dates", map[string]any{"meeting": k.MembersMeeting.Id, "starts": soon, "ends": soon.Add(time.Hour)})
	k.Record(t, "date_answers", map[string]any{"meeting_date": date.Id, "meeting": k.MembersMeeting.Id, "user": k.Member.Id, "answer": "yes"})
	k.Record(t, "date_answers", map[string]any{"meeting_date": draftDate.Id, "meeting": k.DraftMeeting.Id, "user": k.Coordinator.Id, "answer": "no"})
	k.Record(t, "attendance", map[string]any{"meeting": k.PublicMeeting.Id, "registration": k.MemberRegistration.Id,
		"user": k.Member.Id, "name": "Mehmet", "group": "mso", "people": 1})
	k.Record(t, "attendance", map[string]any{"meeting": k.PublicMeeting.Id, "name": "Gast", "group": "individual", "people": 1})
	k.Record(t, "actions", map[string]any{"meeting": k.HeldMeeting.Id, "title": "Flyer", "organisation": k.Listed.Id,
		"person": k.Member.Id, "status": "open"})
	k.Record(t, "actions", map[string]any{"meeting": k.PublishedMeeting.Id, "title": "Bericht", "organisation": k.Listed.Id, "status": "done"})
	k.Actions(t) // actions in every visibility, with an update (internal/testkit/actions.go)
	c1 := k.Record(t, "comments", map[string]any{"topic": k.PublicTopic.Id, "author": k.Member.Id, "body": "Gut"})
	k.Record(t, "comments", map[string]any{"topic": k.MembersTopic.Id, "author": k.Rep.Id, "body": "Intern"})
	k.Record(t, "comment_reports", map[string]any{"comment": c1.Id, "reporter": k.Requester.Id, "reason": "?"})
	k.Record(t, "supports", map[string]any{"topic": k.PublicTopic.Id, "user": k.Member.Id})
	k.Record(t, "supports", map[string]any{"topic": k.MembersTopic.Id, "user": k.Rep.Id})
	testkit.NeedsFixture(t, k, true) // needs, a response in every state, and their contact rows
	// Statements: a draft with a comment, one in signing with a withdrawn signature, a published one.
	draft := k.Statement(t, "Entwurf", "draft")
	k.Record(t, "comments", map[string]any{"statement": draft.Id, "author": k.Member.Id, "body": "Zum Entwurf"})
	signing := k.Statement(t, "Zur Unterzeichnung", "signing")
	k.Record(t, "signatures", map[string]any{"statement": signing.Id, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 1,
		"decision": "sign", "withdrawn": true})
	k.Statement(t, "Veröffentlicht", "published")
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
