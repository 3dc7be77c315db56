package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"komitee/committee"
	"komitee/internal/testkit"
)

// roundWithTopics opens a round of organisations (5 dots, at most 3 per topic) on three topics.
func roundWithTopics(t *testing.T, k *testkit.Kit, hide bool) (*committee.Round, []*committee.Topic) {
	t.Helper()
	var topics []*committee.Topic
	for _, title := range []string{"Dolmetschpool", "Elterncafé", "Sprachkurse"} {
		tp, err := committee.ProposeTopic(k.App, committee.AsUser(k.Member), committee.TopicInput{Title: title, Kind: "topic"})
		if err != nil {
			t.Fatal(err)
		}
		topics = append(topics, tp)
	}
	now := time.Now().In(committee.Berlin).Add(-time.Hour)
	r, err := committee.OpenRound(k.App, committee.AsUser(k.Coordinator), committee.RoundInput{Title: "Frühjahrsrunde",
		OpensDate: now.Format("2006-01-02"), OpensTime: now.Format("15:04"), ClosesDate: now.AddDate(0, 0, 7).Format("2006-01-02"),
		ClosesTime: "18:00", Dots: "5", MaxPerTopic: "3", Voters: "organisations", HideResults: hide,
		Topics: []string{topics[0].Id, topics[1].Id, topics[2].Id}})
	if err != nil {
		t.Fatal(err)
	}
	return r, topics
}

// inOrder reports whether every text appears in body, each after the one before it.
func inOrder(body string, texts ...string) bool {
	at := 0
	for _, text := range texts {
		i := strings.Index(body[at:], text)
		if i < 0 {
			return false
		}
		at += i + len(text)
	}
	return true
}

func TestInOrder(t *testing.T) {
	for _, c := range []struct {
		body  string
		texts []string
		want  bool
	}{
		{"a b c", []string{"a", "b", "c"}, true},
		{"a c b", []string{"a", "b", "c"}, false},
		{"a c", []string{"a", "b", "c"}, false}, // a missing text is not "in order"
		{"b c", []string{"a", "b"}, false},
	} {
		if got := inOrder(c.body, c.texts...); got != c.want {
			t.Errorf("inOrder(%q, %q) = %v", c.body, c.texts, got)
		}
	}
}

// TestParallelVotesOfOneOrganisation: the representative (through the page) and the deputy
// (through /api/) of one organisation vote at the same moment, 3 dots each of the
// organisation's 5: one is refused, whichever comes second, and the sum stays 3.
func TestParallelVotesOfOneOrganisation(t *testing.T) {
	for run := 0; run < 5; run++ {
		k := testkit.New(t)
		r, topics := roundWithTopics(t, k, false)
		rep := newSite(t, k)
		rep.cookies["komitee_session"] = k.SessionID(t, k.Rep)
		var wg sync.WaitGroup
		var pageStatus, apiStatus int
		wg.Add(2)
		go func() {
			defer wg.Done()
			pageStatus, _, _ = rep.do(http.MethodPost, "/rounds/"+r.Id+"/vote",
				url.Values{"organisation": {k.Listed.Id}, "dots_" + topics[0].Id: {"3"}})
		}()
		go func() {
			defer wg.Done()
			req := httptest.NewRequest(http.MethodPost, "/api/collections/votes/records", strings.NewReader(
				`{"round":"`+r.Id+`","topic":"`+topics[1].Id+`","user":"`+k.Deputy.Id+`","organisation":"`+k.Listed.Id+`","dots":3}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", k.Token(t, k.Deputy))
			rec := httptest.NewRecorder()
			rep.mux.ServeHTTP(rec, req)
			apiStatus = rec.Code
		}()
		wg.Wait()
		sum := 0
		_ = k.App.DB().Select("COALESCE(SUM(dots), 0)").From("votes").Where(dbx.HashExp{"round": r.Id}).Row(&sum)
		pageOK, apiOK := pageStatus == http.StatusSeeOther, apiStatus == http.StatusOK
		if sum != 3 || pageOK == apiOK {
			t.Fatalf("run %d: page %d, api %d, dots %d; want exactly one of them, 3 dots", run, pageStatus, apiStatus, sum)
		}
		if pageStatus != http.StatusSeeOther && pageStatus != http.StatusUnprocessableEntity {
			t.Fatalf("run %d: the page answered %d", run, pageStatus)
		}
	}
}

// TestRoundPage: the voting form, the clear message when an organisation's dots run out (with
// the input kept), results hidden until the round closes, closing, and the top topics onto an
// agenda.
func TestRoundPage(t *testing.T) {
	k := testkit.New(t)
	r, topics := roundWithTopics(t, k, true)
	rep := newSite(t, k)
	rep.cookies["komitee_session"] = k.SessionID(t, k.Rep)
	page := "/rounds/" + r.Id
	if body := rep.get(page, 200); !strings.Contains(body, `data-testid="vote-form"`) || !strings.Contains(body, `data-testid="results-hidden"`) {
		t.Fatal("the representative sees no voting form, or the results")
	}
	rep.submit(page+"/vote", url.Values{"organisation": {k.Listed.Id}, "dots_" + topics[0].Id: {"3"}, "dots_" + topics[1].Id: {"2"}})
	status, _, body := rep.do(http.MethodPost, page+"/vote", url.Values{"organisation": {k.Listed.Id}, "dots_" + topics[2].Id: {"1"}})
	if status != 422 || !strings.Contains(body, "So viele Punkte hat Ihre Stimme") || !strings.Contains(body, `value="1"`) {
		t.Fatalf("exceeding the dots: %d", status)
	}
	member := newSite(t, k)
	member.cookies["komitee_session"] = k.SessionID(t, k.Member)
	if body := member.get(page, 200); strings.Contains(body, `data-testid="vote-form"`) || strings.Contains(body, `data-testid="topic-dots"`) {
		t.Fatal("a plain member may vote for the organisation, or sees hidden results")
	}
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	coord.submit(page+"/close", url.Values{})
	body = member.get(page, 200)
	if !strings.Contains(body, `data-testid="topic-dots"`) || !inOrder(body, "Dolmetschpool", "Elterncafé", "Sprachkurse") {
		t.Fatal("after closing, the member sees no ranked results")
	}
	status, _, _ = rep.do(http.MethodPost, page+"/vote", url.Values{"organisation": {k.Listed.Id}, "dots_" + topics[2].Id: {"0"}})
	if status != 422 {
		t.Fatalf("a vote after closing: %d", status)
	}
	m, err := committee.CreateMeeting(k.App, committee.AsUser(k.Coordinator), committee.MeetingInput{Title: "Herbstsitzung", Kind: "committee", Visibility: "members"})
	if err != nil {
		t.Fatal(err)
	}
	coord.submit(page+"/agenda", url.Values{"meeting": {m.Id}, "count": {"2"}})
	items, _ := committee.Agenda(k.App, k.Coordinator, m)
	if len(items) != 2 || items[0].Title != "Dolmetschpool" || items[1].Title != "Elterncafé" {
		t.Fatalf("agenda: %+v", items)
	}
	if body := member.get("/rounds", 200); !strings.Contains(body, "Frühjahrsrunde") {
		t.Fatal("the rounds list lacks the round")
	}
	newSite(t, k).get(page, http.StatusSeeOther) // the public: log in first
}
