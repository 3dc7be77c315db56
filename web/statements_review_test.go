package web_test

import (
	"fmt"
	"math/rand"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestSignatureAPIByWorkflowClock: with the workflows' clock past the deadline, /api/ refuses
// an answer as the page does (the rule's @now alone would still take it).
func TestSignatureAPIByWorkflowClock(t *testing.T) {
	k := testkit.New(t)
	st := k.Statement(t, "Uhr", "signing") // deadline in five days
	restore := committee.SetClock(committee.Offset(6 * 24 * time.Hour))
	defer restore()
	s := newSite(t, k)
	body := `{"statement":"` + st.Id + `","organisation":"` + k.Listed.Id + `","signer":"` + k.Rep.Id + `","round":1,"decision":"sign"}`
	if status, _, out := s.sendJSON(http.MethodPost, "/api/collections/signatures/records", strings.NewReader(body), k.Token(t, k.Rep)); status != 400 {
		t.Fatalf("an /api/ answer after the deadline by the workflows' clock: %d %s", status, out)
	}
	rep := signedIn(t, k, k.Rep)
	if status, _, _ := rep.do(http.MethodPost, "/statements/uhr/sign", url.Values{"organisation": {k.Listed.Id}, "decision": {"sign"}}); status != 422 {
		t.Fatalf("the page took an answer after the deadline: %d", status)
	}
	restore()
	if status, _, out := s.sendJSON(http.MethodPost, "/api/collections/signatures/records", strings.NewReader(body), k.Token(t, k.Rep)); status != 200 {
		t.Fatalf("an /api/ answer before the deadline: %d %s", status, out)
	}
}

// TestWithdrawAfterDeadlineUntilPublished: an answer may be taken back after the deadline (the
// page and /api/), until the statement is published.
func TestWithdrawAfterDeadlineUntilPublished(t *testing.T) {
	k := testkit.New(t)
	st := k.Statement(t, "Spät", "signing")
	st.Set("deadline", time.Now().Add(-time.Hour).UTC())
	if err := k.App.Save(st); err != nil {
		t.Fatal(err)
	}
	a := k.Record(t, "signatures", map[string]any{"statement": st.Id, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 1, "decision": "sign"})
	other := k.SigningOrganisation(t, "Partnerschaft West", "welfare", "partner", k.Deputy)
	b := k.Record(t, "signatures", map[string]any{"statement": st.Id, "organisation": other.Id, "signer": k.Deputy.Id, "round": 1, "decision": "sign"})
	s := newSite(t, k)
	if status, _, out := s.sendJSON(http.MethodPatch, "/api/collections/signatures/records/"+a.Id, strings.NewReader(`{"withdrawn":true}`), k.Token(t, k.Rep)); status != 200 {
		t.Fatalf("withdrawing through /api/ after the deadline: %d %s", status, out)
	}
	deputy := signedIn(t, k, k.Deputy)
	if body := deputy.get("/statements/spaet", 200); !strings.Contains(body, `data-testid="withdraw-signature"`) {
		t.Fatal("the page offers no withdrawal after the deadline")
	}
	coord := signedIn(t, k, k.Coordinator)
	coord.submit("/statements/spaet/status", url.Values{"action": {"publish"}})
	if status, _, _ := s.sendJSON(http.MethodPatch, "/api/collections/signatures/records/"+b.Id, strings.NewReader(`{"withdrawn":true}`), k.Token(t, k.Deputy)); status == 200 {
		t.Fatal("a signature was withdrawn from a published statement")
	}
	if status, _, _ := deputy.do(http.MethodPost, "/statements/spaet/signatures/"+b.Id+"/withdraw", url.Values{}); status == http.StatusSeeOther {
		t.Fatal("the page withdrew a signature from a published statement")
	}
}

// TestForgedWithdrawnAt: /api/ cannot date a withdrawal (the hook dates it).
func TestForgedWithdrawnAt(t *testing.T) {
	k := testkit.New(t)
	st := k.Statement(t, "Datum", "signing")
	sig := k.Record(t, "signatures", map[string]any{"statement": st.Id, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 1, "decision": "sign"})
	s := newSite(t, k)
	if status, _, out := s.sendJSON(http.MethodPatch, "/api/collections/signatures/records/"+sig.Id,
		strings.NewReader(`{"withdrawn":true,"withdrawn_at":"2020-01-01 00:00:00.000Z"}`), k.Token(t, k.Rep)); status == 200 {
		t.Fatalf("a forged withdrawal date was taken: %s", out)
	}
	if fresh, _ := k.App.FindRecordById("signatures", sig.Id); fresh.GetBool("withdrawn") {
		t.Fatal("the signature was withdrawn")
	}
}

// TestStepOnStaleStatement: steps and a text change read from pages loaded before each other's
// change keep every change (each decides on the record read again in its transaction).
func TestStepOnStaleStatement(t *testing.T) {
	k := testkit.New(t)
	k.Statement(t, "Alt", "signing")
	coord := committee.AsUser(k.Coordinator)
	stale1, _ := committee.FindStatement(k.App, k.Coordinator, "alt")
	stale2, _ := committee.FindStatement(k.App, k.Coordinator, "alt")
	stale3, _ := committee.FindStatement(k.App, k.Coordinator, "alt")
	deadline := time.Now().Add(9 * 24 * time.Hour).Truncate(time.Second)
	if _, err := committee.SaveStatementVersion(k.App, coord, stale1, committee.StatementInput{Language: "de", Title: "Neu",
		Body: "Neuer Text", Deadline: deadline}); err != nil {
		t.Fatal(err)
	}
	if err := committee.StepStatement(k.App, coord, stale2, committee.StatementStep{Action: "coauthor", Coauthor: k.Rep.Id}); err != nil {
		t.Fatal(err)
	}
	if err := committee.StepStatement(k.App, coord, stale3, committee.StatementStep{Action: "coauthor", Coauthor: k.Deputy.Id}); err != nil {
		t.Fatal(err)
	}
	st, _ := committee.FindStatement(k.App, k.Coordinator, "alt")
	if st.Round() != 2 || st.Title() != "Neu" || !st.Deadline().Equal(deadline) {
		t.Fatalf("round %d title %q deadline %v: a stale step undid the text change", st.Round(), st.Title(), st.Deadline())
	}
	if !slices.Contains(st.Coauthors(), k.Rep.Id) || !slices.Contains(st.Coauthors(), k.Deputy.Id) {
		t.Fatalf("co-authors %v: a stale step undid the other", st.Coauthors())
	}
}

// TestReservedStatementSlug: a statement titled "New" does not take /statements/new.
func TestReservedStatementSlug(t *testing.T) {
	k := testkit.New(t)
	member := signedIn(t, k, k.Member)
	loc := member.submit("/statements/new", url.Values{"language": {"en"}, "title": {"New"}, "body": {"A text."}})
	if loc == "/statements/new" {
		t.Fatal("the statement took the form's address")
	}
	if body := member.get(loc, 200); !strings.Contains(body, `data-testid="statement-title">New<`) {
		t.Fatalf("%s does not show the statement", loc)
	}
}

// TestRemindersAfterNewDeadline: a new deadline set after the old one passed gets its reminder
// too (the round's reminder went out before).
func TestRemindersAfterNewDeadline(t *testing.T) {
	k := testkit.New(t)
	k.Statement(t, "Nochmal", "signing") // deadline in five days
	now := time.Now()
	if n, _ := committee.SendStatementReminders(k.App, now.Add(2*24*time.Hour+time.Hour)); n == 0 {
		t.Fatal("no reminder before the first deadline")
	}
	restore := committee.SetClock(committee.Offset(6 * 24 * time.Hour))
	defer restore()
	st, _ := committee.FindStatement(k.App, k.Coordinator, "nochmal")
	if err := committee.StepStatement(k.App, committee.AsUser(k.Coordinator), st,
		committee.StatementStep{Action: "signing", Deadline: now.Add(10 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	k.App.TestMailer.Reset()
	if n, _ := committee.SendStatementReminders(k.App, now.Add(8*24*time.Hour)); n == 0 {
		t.Fatal("no reminder before the new deadline")
	}
	arabic := 0 // the representative reads Arabic: the deadline as Arabic joins date and time
	for _, m := range k.App.TestMailer.Messages() {
		if strings.Contains(m.Text, "ينتهي الموعد") {
			arabic++
			if !strings.Contains(m.Text, "، الساعة ") {
				t.Fatalf("the reminder does not join the deadline's date and time as Arabic does: %s", m.Text)
			}
		}
	}
	if arabic == 0 {
		t.Fatal("no Arabic reminder")
	}

	if n, _ := committee.SendStatementReminders(k.App, now.Add(8*24*time.Hour+time.Hour)); n != 0 {
		t.Fatalf("the new deadline's reminder went out twice (%d)", n)
	}
}

// TestStatementSeparatorsInArabic: the co-authors' list and the deadline are joined as Arabic
// joins them, not with a Latin comma.
func TestStatementSeparatorsInArabic(t *testing.T) {
	k := testkit.New(t)
	st := k.Statement(t, "Komma", "signing")
	st.Set("coauthors", []string{k.Rep.Id, k.Deputy.Id})
	if err := k.App.Save(st); err != nil {
		t.Fatal(err)
	}
	coord := signedIn(t, k, k.Coordinator)
	body := coord.get("/statements/komma?lang=ar", 200)
	if !strings.Contains(body, "</bdi>، ") {
		t.Fatal("the co-authors are not joined with the Arabic comma")
	}
	i := strings.Index(body, `data-testid="deadline"`)
	if i < 0 || !strings.Contains(body[i:i+300], "، الساعة ") {
		t.Fatal("the deadline's date and time are not joined as Arabic joins them")
	}
}

// TestWordDiffBounded: two long, wholly different texts are compared in bounded time (go-diff's
// default would work for a second on each request).
func TestWordDiffBounded(t *testing.T) {
	gen := func(seed int64) string {
		r := rand.New(rand.NewSource(seed))
		var b strings.Builder
		for b.Len() < 49000 {
			fmt.Fprintf(&b, "w%d ", r.Intn(300))
		}
		return b.String()
	}
	a, b := gen(1), gen(2)
	start := time.Now()
	parts := committee.WordDiff(a, b)
	if took := time.Since(start); took > 600*time.Millisecond || len(parts) == 0 {
		t.Fatalf("the diff took %v (%d parts)", took, len(parts))
	}
}
