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
