package committee_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestRankSuggestions: the same category first, then more overlap in municipality and
// languages, then the newest; the entry's own organisation and unrelated entries are left out.
func TestRankSuggestions(t *testing.T) {
	now := time.Now()
	entry := committee.Candidate{ID: "e", Category: "rooms", Municipality: "Bautzen", Organisation: "own", Languages: []string{"ar", "de"}}
	cands := []committee.Candidate{
		{ID: "other-cat-both", Category: "transport", Municipality: "Bautzen", Languages: []string{"ar"}, Created: now},
		{ID: "cat-old", Category: "rooms", Created: now.Add(-48 * time.Hour)},
		{ID: "cat-new", Category: "rooms", Created: now.Add(-time.Hour)},
		{ID: "cat-place", Category: "rooms", Municipality: "Bautzen", Created: now.Add(-72 * time.Hour)},
		{ID: "cat-place-lang", Category: "rooms", Municipality: "Bautzen", Languages: []string{"ar"}, Created: now.Add(-96 * time.Hour)},
		{ID: "unrelated", Category: "legal", Municipality: "Kamenz", Languages: []string{"fa"}, Created: now},
		{ID: "own", Category: "rooms", Organisation: "own", Created: now},
	}
	got := committee.RankSuggestions(entry, cands, 10)
	var ids []string
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	want := "cat-place-lang cat-place cat-new cat-old other-cat-both"
	if strings.Join(ids, " ") != want {
		t.Fatalf("order %v, want %s", ids, want)
	}
	if s := got[0]; !s.SameCategory || s.Municipality != "Bautzen" || len(s.Languages) != 1 || s.Languages[0] != "ar" {
		t.Errorf("explanation of the first: %+v", s)
	}
	if len(committee.RankSuggestions(entry, cands, 2)) != 2 {
		t.Error("limit not applied")
	}
}

// TestNeedsWorkflow: a representative posts a need; a member of another organisation responds
// (the owner's managers are mailed, each in their language); accepting matches it; done needs
// an outcome; the response count is kept.
func TestNeedsWorkflow(t *testing.T) {
	k := testkit.New(t)
	f := testkit.NeedsFixture(t, k, false)
	rep := committee.AsUser(k.Rep)
	until := time.Now().Add(30 * 24 * time.Hour).In(committee.Berlin).Format(time.DateOnly)
	if _, err := committee.CreateNeed(k.App, rep, committee.NeedInput{Kind: "need", Title: "", Category: "rooms",
		Organisation: k.Listed.Id, Contact: k.Rep.Id, ValidUntil: "2020-01-01"}); err == nil {
		t.Fatal("bad input saved")
	} else if errs, ok := err.(committee.Errors); !ok || errs["title"] == "" || errs["valid_until"] != "needs.error.past" {
		t.Fatalf("errors %v", err)
	}
	if _, err := committee.CreateNeed(k.App, committee.AsUser(k.Member), committee.NeedInput{Kind: "need", Title: "x",
		Category: "rooms", Organisation: k.Listed.Id, Contact: k.Member.Id, ValidUntil: until}); err == nil {
		t.Fatal("a member who does not speak for the organisation posted for it")
	}
	n, err := committee.CreateNeed(k.App, rep, committee.NeedInput{Kind: "need", Title: "Raum für Elterncafé", Category: "rooms",
		Organisation: k.Listed.Id, Contact: k.Rep.Id, Municipality: "Bautzen", Languages: []string{"ar"}, ValidUntil: until})
	if err != nil {
		t.Fatal(err)
	}
	// Rep's own organisation cannot respond to its own need; Partner's representative can.
	if _, err := committee.Respond(k.App, rep, n, k.Listed.Id, "selbst"); err == nil {
		t.Fatal("responded to its own need")
	}
	if _, err := committee.Respond(k.App, committee.AsUser(k.Registered), n, f.Partner.Id, "fremd"); err == nil {
		t.Fatal("responded for an organisation one is not in")
	}
	r, err := committee.Respond(k.App, committee.AsUser(f.PartnerRep), n, f.Partner.Id, "Wir haben einen Raum")
	if err != nil {
		t.Fatal(err)
	}
	if msgs := k.App.TestMailer.Messages(); len(msgs) != 2 {
		t.Fatalf("%d mails, want the representative and the deputy", len(msgs))
	} else {
		subjects := msgs[0].Subject + "|" + msgs[1].Subject
		if !strings.Contains(subjects, "رد") || !strings.Contains(subjects, "response") {
			t.Errorf("not each in their language: %s", subjects)
		}
	}
	if _, err := committee.Respond(k.App, committee.AsUser(f.PartnerRep), n, f.Partner.Id, "nochmal"); err == nil {
		t.Fatal("responded twice")
	}
	n, _ = committee.FindNeed(k.App, k.Rep, n.Id)
	if n.Status() != "in_contact" || n.Responses() != 1 {
		t.Fatalf("status %s, responses %d", n.Status(), n.Responses())
	}
	if err := committee.DecideResponse(k.App, committee.AsUser(k.Member), n, r.Id, true); !errors.Is(err, committee.ErrForbidden) {
		t.Fatalf("a member decided: %v", err)
	}
	if err := committee.DecideResponse(k.App, rep, n, r.Id, true); err != nil {
		t.Fatal(err)
	}
	if n.Status() != "matched" {
		t.Fatalf("status %s after accepting", n.Status())
	}
	if err := committee.NeedStep(k.App, rep, n, "done", " "); err == nil {
		t.Fatal("done without an outcome")
	}
	if err := committee.NeedStep(k.App, rep, n, "done", "Raum im Gemeindezentrum, dienstags 17–19"); err != nil {
		t.Fatal(err)
	}
	if n.Status() != "done" || n.Responses() != 1 {
		t.Fatalf("status %s responses %d", n.Status(), n.Responses())
	}
}

// TestNeedJobs: entries past their date expire, owners are reminded a week before, once per
// date, with a controlled clock; a renewal makes a new reminder possible.
func TestNeedJobs(t *testing.T) {
	k := testkit.New(t)
	testkit.NeedsFixture(t, k, false)
	now := time.Now()
	set := func(id string, until time.Time) {
		if _, err := k.App.DB().Update("needs", dbx.Params{"valid_until": until.UTC().Format("2006-01-02 15:04:05.000Z")},
			dbx.HashExp{"id": id}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	set(testkit.NeedMembersID, now.Add(3*24*time.Hour)) // reminded
	set(testkit.NeedPublicID, now.Add(-time.Hour))      // expires
	expired, reminded, err := committee.RunNeedJobs(k.App, now)
	if err != nil || expired != 1 || reminded != 1 {
		t.Fatalf("expired %d reminded %d err %v", expired, reminded, err)
	}
	mails := len(k.App.TestMailer.Messages())
	if mails != 2 {
		t.Fatalf("%d reminder mails, want Rep and Deputy", mails)
	}
	if expired, reminded, _ = committee.RunNeedJobs(k.App, now); expired != 0 || reminded != 0 || len(k.App.TestMailer.Messages()) != mails {
		t.Fatal("the second run did something again")
	}
	n, err := committee.FindNeed(k.App, k.Rep, testkit.NeedPublicID)
	if err != nil || n.Status() != "expired" {
		t.Fatalf("status %v %v", n, err)
	}
	if err := committee.NeedStep(k.App, committee.AsUser(k.Member), n, "renew", ""); !errors.Is(err, committee.ErrForbidden) {
		t.Fatalf("a member renewed: %v", err)
	}
	if err := committee.NeedStep(k.App, committee.AsUser(k.Rep), n, "renew", ""); err != nil {
		t.Fatal(err)
	}
	if n.Status() != "open" || n.ValidUntil().Before(now.Add(50*24*time.Hour)) {
		t.Fatalf("renewed: %s until %v", n.Status(), n.ValidUntil())
	}
	// Seven and a half weeks later the renewed entry is reminded again (with Partner's offer).
	_, reminded, _ = committee.RunNeedJobs(k.App, now.Add(52*24*time.Hour))
	if reminded != 2 {
		t.Fatalf("renewed entry reminded %d times", reminded)
	}
}

// TestAcceptAndWithdrawRace: the owner accepting and the responder withdrawing the same offered
// response at the same moment: exactly one wins, and the entry ends in the state of the winner
// (matched with the contacts shown, or open with none shown).
func TestAcceptAndWithdrawRace(t *testing.T) {
	k := testkit.New(t)
	f := testkit.NeedsFixture(t, k, false)
	rep, partner := committee.AsUser(k.Rep), committee.AsUser(f.PartnerRep)
	until := time.Now().Add(30 * 24 * time.Hour).In(committee.Berlin).Format(time.DateOnly)
	for i := 0; i < 30; i++ {
		n, err := committee.CreateNeed(k.App, rep, committee.NeedInput{Kind: "need", Title: "Raum", Category: "rooms",
			Organisation: k.Listed.Id, Contact: k.Rep.Id, ValidUntil: until})
		if err != nil {
			t.Fatal(err)
		}
		r, err := committee.Respond(k.App, partner, n, f.Partner.Id, "Wir haben einen Raum")
		if err != nil {
			t.Fatal(err)
		}
		n1, _ := committee.FindNeed(k.App, k.Rep, n.Id)
		n2, _ := committee.FindNeed(k.App, k.Rep, n.Id)
		start := make(chan struct{})
		var wg sync.WaitGroup
		var acceptErr, withdrawErr error
		wg.Add(2)
		go func() { defer wg.Done(); <-start; acceptErr = committee.DecideResponse(k.App, rep, n1, r.Id, true) }()
		go func() { defer wg.Done(); <-start; withdrawErr = committee.WithdrawResponse(k.App, partner, n2, r.Id) }()
		close(start)
		wg.Wait()
		if (acceptErr == nil) == (withdrawErr == nil) {
			t.Fatalf("run %d: accept %v, withdraw %v: exactly one must succeed", i, acceptErr, withdrawErr)
		}
		resp, _ := k.App.FindRecordById("responses", r.Id)
		need, _ := k.App.FindRecordById("needs", n.Id)
		shown := 0
		_ = k.App.DB().Select("COUNT(*)").From("need_contacts").Where(dbx.HashExp{"need": n.Id}).
			AndWhere(dbx.NewExp("shown_person != ''")).Row(&shown)
		if acceptErr == nil && (resp.GetString("status") != "accepted" || need.GetString("status") != "matched" || shown != 2) {
			t.Fatalf("run %d accepted: response %s, need %s, %d rows shown", i, resp.GetString("status"), need.GetString("status"), shown)
		}
		if withdrawErr == nil && (resp.GetString("status") != "withdrawn" || need.GetString("status") != "open" || shown != 0 ||
			!need.GetDateTime("matched_at").IsZero()) {
			t.Fatalf("run %d withdrawn: response %s, need %s, %d rows shown", i, resp.GetString("status"), need.GetString("status"), shown)
		}
	}
}

// TestSuggestionsKeepTheCategory: more than the pool of newer entries that share only the
// municipality do not push the older one of the same category out of the suggestions.
func TestSuggestionsKeepTheCategory(t *testing.T) {
	k := testkit.New(t)
	f := testkit.NeedsFixture(t, k, false)
	until := time.Now().Add(committee.NeedValidity).UTC()
	for i := 0; i < 310; i++ {
		k.Record(t, "needs", map[string]any{"kind": "offer", "title": "Rechtsberatung", "category": "legal", "organisation": f.Partner.Id,
			"municipality": "Bautzen", "valid_until": until, "status": "open", "created": time.Now().Add(time.Duration(i+1) * time.Minute)})
	}
	n, err := committee.FindNeed(k.App, k.Rep, testkit.NeedMembersID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := committee.NeedSuggestions(k.App, k.Rep, n)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0].ID != testkit.OfferPartnerID || !got[0].SameCategory {
		t.Fatalf("first suggestion %+v, want the offer of the same category", got)
	}
	if len(got) != 10 {
		t.Errorf("%d suggestions, want 10 (filled with the overlapping ones)", len(got))
	}
}

// TestReopenAndDecideOnAMatchedEntry: on an entry matched while another response is still
// offered, that one may be declined but not accepted; reopening puts the entry in contact (not
// open) and forgets when it was matched.
func TestReopenAndDecideOnAMatchedEntry(t *testing.T) {
	k := testkit.New(t)
	f := testkit.NeedsFixture(t, k, false)
	_, offered := testkit.NeedsMore(t, k, f)
	n, err := committee.FindNeed(k.App, k.Rep, testkit.NeedMatchedID)
	if err != nil || n.Status() != "matched" || n.MatchedAt().IsZero() {
		t.Fatalf("fixture: %v %v", n, err)
	}
	r := &committee.Response{Record: offered}
	if committee.MayDecide(n, r, true) || !committee.MayDecide(n, r, false) {
		t.Fatal("on a matched entry an offered response may be declined, not accepted")
	}
	if err := committee.DecideResponse(k.App, committee.AsUser(k.Rep), n, offered.Id, true); err == nil {
		t.Fatal("accepted a second response on a matched entry")
	}
	if err := committee.NeedStep(k.App, committee.AsUser(k.Rep), n, "reopen", ""); err != nil {
		t.Fatal(err)
	}
	n, _ = committee.FindNeed(k.App, k.Rep, n.Id)
	if n.Status() != "in_contact" || !n.MatchedAt().IsZero() {
		t.Fatalf("reopened: %s, matched_at %v", n.Status(), n.MatchedAt())
	}
}

// TestNeedJobsKeepGoing: an entry that cannot be saved does not keep the others from expiring;
// a reminder nobody got (the mailer fails) is tried again on the next run; an entry valid until
// a day expires at the end of that day in Berlin, not before.
func TestNeedJobsKeepGoing(t *testing.T) {
	k := testkit.New(t)
	testkit.NeedsFixture(t, k, false)
	set := func(id string, p dbx.Params) {
		t.Helper()
		if _, err := k.App.DB().Update("needs", p, dbx.HashExp{"id": id}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	stamp := func(at time.Time) string { return at.UTC().Format("2006-01-02 15:04:05.000Z") }
	now := time.Now()
	// Both past their date; the members' need cannot be saved (no title).
	set(testkit.NeedMembersID, dbx.Params{"valid_until": stamp(now.Add(-time.Hour)), "title": ""})
	set(testkit.NeedPublicID, dbx.Params{"valid_until": stamp(now.Add(-2 * time.Hour))})
	set(testkit.OfferPartnerID, dbx.Params{"valid_until": stamp(now.Add(3 * 24 * time.Hour))})
	restore := k.FailMail(t)
	expired, reminded, err := committee.RunNeedJobs(k.App, now)
	restore()
	if err != nil || expired != 1 || reminded != 0 {
		t.Fatalf("with a bad entry and a failing mailer: expired %d reminded %d err %v", expired, reminded, err)
	}
	if n, _ := committee.FindNeed(k.App, k.Rep, testkit.NeedPublicID); n.Status() != "expired" {
		t.Fatalf("the good entry: %s", n.Status())
	}
	if _, reminded, _ = committee.RunNeedJobs(k.App, now); reminded != 1 || len(k.App.TestMailer.Messages()) == 0 {
		t.Fatalf("the failed reminder was not tried again: %d reminded, %d mails", reminded, len(k.App.TestMailer.Messages()))
	}
	if _, reminded, _ = committee.RunNeedJobs(k.App, now); reminded != 0 {
		t.Fatal("reminded twice")
	}
	// Valid until 2030-03-10: still there at 23:59 that day in Berlin, expired at midnight.
	day := time.Date(2030, 3, 10, 0, 0, 0, 0, committee.Berlin)
	set(testkit.OfferPartnerID, dbx.Params{"valid_until": stamp(day.AddDate(0, 0, 1).Add(-time.Second)), "reminded": stamp(day.AddDate(0, 0, 1).Add(-time.Second))})
	if expired, _, _ := committee.RunNeedJobs(k.App, day.Add(23*time.Hour+59*time.Minute)); expired != 0 {
		t.Fatal("expired before the end of its day")
	}
	if expired, _, _ := committee.RunNeedJobs(k.App, day.AddDate(0, 0, 1)); expired != 1 {
		t.Fatal("not expired after the end of its day")
	}
}

// TestUnansweredNeeds: in the coordinators' overview a need whose only response was withdrawn
// waits unanswered; one whose response was declined was answered.
func TestUnansweredNeeds(t *testing.T) {
	k := testkit.New(t)
	f := testkit.NeedsFixture(t, k, true)
	now := time.Now()
	o, err := committee.NeedsReport(k.App, k.Coordinator, now.AddDate(0, -1, 0), now.AddDate(0, 0, 1), now)
	if err != nil {
		t.Fatal(err)
	}
	waiting := map[string]bool{}
	for _, r := range o.Waiting {
		waiting[r.ID] = true
	}
	if !waiting[f.ByState["withdrawn"].Id] || waiting[f.ByState["declined"].Id] || waiting[f.ByState["offered"].Id] {
		t.Fatalf("waiting %v", waiting)
	}
	if len(o.Groups) != 1 || o.Groups[0].Open != 5 || o.Groups[0].Unanswered != 3 {
		t.Fatalf("groups %+v, want 5 open, 3 unanswered (members', public, withdrawn)", o.Groups)
	}
}
