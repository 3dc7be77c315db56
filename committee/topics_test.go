package committee_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"komitee/committee"
	"komitee/internal/testkit"
)

func propose(t *testing.T, k *testkit.Kit, u *committee.User, title string) *committee.Topic {
	t.Helper()
	topic, err := committee.ProposeTopic(k.App, u, committee.TopicInput{Title: title, Kind: "topic", Areas: []string{"language"}})
	if err != nil {
		t.Fatal(err)
	}
	return topic
}

func openRound(t *testing.T, k *testkit.Kit, voters string, topics ...*committee.Topic) *committee.Round {
	t.Helper()
	now := time.Now().In(committee.Berlin)
	var ids []string
	for _, tp := range topics {
		ids = append(ids, tp.Id)
	}
	r, err := committee.OpenRound(k.App, committee.AsUser(k.Coordinator), committee.RoundInput{Title: "Runde",
		OpensDate: now.Add(-time.Hour).Format("2006-01-02"), OpensTime: now.Add(-time.Hour).Format("15:04"),
		ClosesDate: now.AddDate(0, 0, 7).Format("2006-01-02"), ClosesTime: "18:00",
		Dots: "5", MaxPerTopic: "3", Voters: voters, Topics: ids})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTopicSupportsAndComments: supports are counted once per person and kept on the topic;
// comments have one level of replies, are edited by their author, hidden by coordinators.
func TestTopicSupportsAndComments(t *testing.T) {
	k := testkit.New(t)
	member, rep, coord := committee.AsUser(k.Member), committee.AsUser(k.Rep), committee.AsUser(k.Coordinator)
	if _, err := committee.ProposeTopic(k.App, committee.AsUser(k.Registered), committee.TopicInput{Title: "x", Kind: "topic"}); err == nil {
		t.Fatal("a non-member proposed a topic")
	}
	if _, err := committee.ProposeTopic(k.App, member, committee.TopicInput{Title: "x", Kind: "topic", Organisation: k.Listed.Id}); err == nil {
		t.Fatal("a plain member proposed for the organisation")
	}
	topic := propose(t, k, member, "Dolmetschpool")
	must(t, committee.Support(k.App, member, topic, true))
	must(t, committee.Support(k.App, member, topic, true)) // once
	must(t, committee.Support(k.App, rep, topic, true))
	must(t, committee.Support(k.App, rep, topic, false))
	topic, _ = committee.FindTopic(k.App, k.Member, topic.Id)
	if topic.Supports() != 1 {
		t.Fatalf("supports %d, want 1", topic.Supports())
	}
	must(t, committee.AddComment(k.App, member, topic, "", "Gute Idee"))
	comments, _ := committee.TopicComments(k.App, k.Member, topic)
	must(t, committee.AddComment(k.App, rep, topic, comments[0].ID, "Finde ich auch"))
	comments, _ = committee.TopicComments(k.App, k.Member, topic)
	must(t, committee.AddComment(k.App, member, topic, comments[0].Replies[0].ID, "Antwort auf Antwort"))
	comments, _ = committee.TopicComments(k.App, k.Member, topic)
	if len(comments) != 1 || len(comments[0].Replies) != 2 {
		t.Fatalf("one level of replies: %+v", comments)
	}
	must(t, committee.EditComment(k.App, member, comments[0].ID, "Sehr gute Idee"))
	if err := committee.EditComment(k.App, rep, comments[0].ID, "fremd"); err == nil {
		t.Fatal("someone else edited a comment")
	}
	must(t, committee.ReportComment(k.App, rep, comments[0].ID, "unfreundlich"))
	if err := committee.HideComment(k.App, rep, comments[0].ID, "x"); err == nil {
		t.Fatal("a representative hid a comment")
	}
	must(t, committee.HideComment(k.App, coord, comments[0].ID, "Beleidigend"))
	comments, _ = committee.TopicComments(k.App, k.Member, topic)
	if !comments[0].Hidden || comments[0].Body != "" || comments[0].HiddenReason != "Beleidigend" {
		t.Fatalf("hidden comment: %+v", comments[0])
	}
	topic, _ = committee.FindTopic(k.App, k.Member, topic.Id)
	if topic.Comments() != 2 {
		t.Fatalf("comments counted %d, want the 2 visible", topic.Comments())
	}
}

// TestOneOrganisationOneVoice: the representative and the deputy of one organisation voting at
// the same moment never put more than the organisation's dots; the round's totals and ranks
// follow; the top topics go onto a meeting's agenda and the topic's history shows both.
func TestOneOrganisationOneVoice(t *testing.T) {
	k := testkit.New(t)
	member := committee.AsUser(k.Member)
	var topics []*committee.Topic
	for _, title := range []string{"A", "B", "C"} {
		topics = append(topics, propose(t, k, member, title))
	}
	r := openRound(t, k, "organisations", topics...)
	rep, deputy := committee.AsUser(k.Rep), committee.AsUser(k.Deputy)
	if err := committee.Vote(k.App, member, r, k.Listed.Id, map[string]int{topics[0].Id: 1}); err == nil {
		t.Fatal("a plain member voted for the organisation")
	}
	// 3 + 3 dots from two people of one organisation with 5: exactly one gets through.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, u := range []*committee.User{rep, deputy} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = committee.Vote(k.App, u, r, k.Listed.Id, map[string]int{topics[i].Id: 3})
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("parallel votes: %v / %v; want exactly one refused", errs[0], errs[1])
	}
	var e committee.Errors
	for _, err := range errs {
		if err != nil && (!errors.As(err, &e) || e["form"] != "rounds.error.too_many_dots") {
			t.Fatalf("refusal %v, want the too-many-dots message", err)
		}
	}
	if err := committee.Vote(k.App, rep, r, k.Listed.Id, map[string]int{topics[2].Id: 4}); err == nil {
		t.Fatal("4 dots on one topic were taken (max 3)")
	}
	must(t, committee.Vote(k.App, rep, r, k.Listed.Id, map[string]int{topics[2].Id: 2}))
	must(t, committee.CloseRound(k.App, committee.AsUser(k.Coordinator), r))
	if err := committee.Vote(k.App, rep, r, k.Listed.Id, map[string]int{topics[2].Id: 1}); err == nil {
		t.Fatal("a vote after the round closed was taken")
	}
	r, _ = committee.FindRound(k.App, k.Member, r.Id)
	ranked, _ := committee.RoundTopics(k.App, member.Record, r, "")
	if ranked[0].Dots != 3 || ranked[0].Rank != 1 || ranked[1].Dots != 2 || ranked[2].Dots != 0 || r.Ballots() != 1 {
		t.Fatalf("results: %+v, ballots %d", ranked, r.Ballots())
	}
	m := newMeeting(t, k, committee.MeetingInput{Title: "Nächste Sitzung", Kind: "committee", Visibility: "members"})
	n, err := committee.ToAgenda(k.App, committee.AsUser(k.Coordinator), r, m.Id, 2)
	if err != nil || n != 2 {
		t.Fatalf("to the agenda: %d %v", n, err)
	}
	first, _ := committee.FindTopic(k.App, k.Coordinator, ranked[0].ID)
	h, _ := committee.TopicHistory(k.App, k.Coordinator, first)
	if first.Status() != "on_agenda" || len(h.Rounds) != 1 || h.Rounds[0].Rank != 1 || h.MeetingID != m.Id {
		t.Fatalf("history: %s %+v", first.Status(), h)
	}
}

// TestVotesLastBeyondAccounts: moving dots between topics works whatever the order; deleting an
// account that voted works in open and closed rounds, and the organisation's dots stay.
func TestVotesLastBeyondAccounts(t *testing.T) {
	k := testkit.New(t)
	member := committee.AsUser(k.Member)
	a, b := propose(t, k, member, "A"), propose(t, k, member, "B")
	open := openRound(t, k, "organisations", a, b)
	closed := openRound(t, k, "organisations", a, b)
	deputy := committee.AsUser(k.Deputy)
	for _, r := range []*committee.Round{open, closed} {
		must(t, committee.Vote(k.App, deputy, r, k.Listed.Id, map[string]int{a.Id: 3, b.Id: 2}))
	}
	// From 3+2 to 1+3 (never more than 5 on the way), many times: map order must not matter.
	for i := 0; i < 10; i++ {
		must(t, committee.Vote(k.App, deputy, open, k.Listed.Id, map[string]int{a.Id: 1, b.Id: 3}))
		must(t, committee.Vote(k.App, deputy, open, k.Listed.Id, map[string]int{a.Id: 3, b.Id: 2}))
	}
	must(t, committee.CloseRound(k.App, committee.AsUser(k.Coordinator), closed))
	if err := committee.DeleteAccount(k.App, deputy); err != nil {
		t.Fatalf("an account that voted cannot be deleted: %v", err)
	}
	for _, r := range []*committee.Round{open, closed} {
		r, _ = committee.FindRound(k.App, k.Coordinator, r.Id)
		rows, _ := committee.RoundTopics(k.App, k.Coordinator, r, "org:"+k.Listed.Id)
		sum := 0
		for _, row := range rows {
			sum += row.Mine
		}
		if sum != 5 || r.Ballots() != 1 {
			t.Fatalf("round %s after the deletion: %d dots, %d ballots", r.Title(), sum, r.Ballots())
		}
	}
	// The closed round's topics are proposed again unless another open round has them.
	ta, _ := committee.FindTopic(k.App, k.Coordinator, a.Id)
	if ta.Status() != "in_round" {
		t.Fatalf("a topic in an open round is %s", ta.Status())
	}
}

// TestZeroDots: a topic nobody gave a dot gets no rank and does not go onto an agenda.
func TestZeroDots(t *testing.T) {
	k := testkit.New(t)
	member := committee.AsUser(k.Member)
	a, b := propose(t, k, member, "A"), propose(t, k, member, "B")
	r := openRound(t, k, "persons", a, b)
	must(t, committee.Vote(k.App, member, r, "", map[string]int{a.Id: 2}))
	must(t, committee.CloseRound(k.App, committee.AsUser(k.Coordinator), r))
	rows, _ := committee.RoundTopics(k.App, member.Record, r, "")
	if rows[0].Rank != 1 || rows[1].Rank != 0 {
		t.Fatalf("ranks %+v", rows)
	}
	m := newMeeting(t, k, committee.MeetingInput{Title: "Sitzung", Kind: "committee", Visibility: "members"})
	if n, err := committee.ToAgenda(k.App, committee.AsUser(k.Coordinator), r, m.Id, 2); err != nil || n != 1 {
		t.Fatalf("to the agenda: %d %v; want only the topic with dots", n, err)
	}
}

// TestMembersTopicOnPublicAgenda: a members' topic does not go onto a public meeting's agenda.
func TestMembersTopicOnPublicAgenda(t *testing.T) {
	k := testkit.New(t)
	member := committee.AsUser(k.Member)
	a, b := propose(t, k, member, "A"), propose(t, k, member, "B")
	r := openRound(t, k, "persons", a, b)
	must(t, committee.Vote(k.App, member, r, "", map[string]int{a.Id: 2}))
	must(t, committee.CloseRound(k.App, committee.AsUser(k.Coordinator), r))
	m := newMeeting(t, k, committee.MeetingInput{Title: "Offen", Kind: "committee", Visibility: "public"})
	var errs committee.Errors
	if _, err := committee.ToAgenda(k.App, committee.AsUser(k.Coordinator), r, m.Id, 1); !errors.As(err, &errs) || errs["meeting"] != "rounds.error.members_topic" {
		t.Fatalf("a members' topic went onto a public agenda: %v", err)
	}
	if items, _ := committee.Agenda(k.App, k.Coordinator, m); len(items) != 0 {
		t.Fatalf("agenda: %+v", items)
	}
}
