package committee_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
	"komitee/internal/testkit"
)

// setRule changes one rule of a collection, as a migration would.
func setRule(t *testing.T, k *testkit.Kit, collection string, rule func(c *core.Collection) **string, to *string) {
	t.Helper()
	c, err := k.App.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	*rule(c) = to
	if err := k.App.Save(c); err != nil {
		t.Fatal(err)
	}
}

// TestCapabilitiesFollowTheRules: what the pages offer comes from the collection rules, so a
// changed rule changes the offer, with no second copy to update.
func TestCapabilitiesFollowTheRules(t *testing.T) {
	k := testkit.New(t)
	topic := &committee.Topic{Record: k.PublicTopic}
	if !committee.TopicCan(k.App, k.Member, topic).Support || committee.TopicCan(k.App, k.Registered, topic).Support {
		t.Fatal("support: members yes, registered people no")
	}
	// A declined topic takes no supports (the supports create rule).
	declined := &committee.Topic{Record: k.Record(t, "topics", map[string]any{"title": "Abgelehnt", "kind": "topic",
		"proposed_by": k.Member.Id, "visibility": "public", "status": "declined"})}
	if committee.TopicCan(k.App, k.Member, declined).Support {
		t.Fatal("a declined topic offers support")
	}
	setRule(t, k, "supports", func(c *core.Collection) **string { return &c.CreateRule }, nil)
	if committee.TopicCan(k.App, k.Member, topic).Support {
		t.Fatal("supports closed by the rule, still offered")
	}

	meeting := &committee.Meeting{Record: k.PublicMeeting}
	if !committee.MeetingCan(k.App, k.Member, meeting).Suggest || committee.MeetingCan(k.App, k.Registered, meeting).Suggest {
		t.Fatal("suggesting: members yes, registered people no")
	}
	setRule(t, k, "agenda_items", func(c *core.Collection) **string { return &c.CreateRule },
		types.Pointer(`@request.auth.id != "" && status = "suggested" && suggested_by = @request.auth.id`))
	if !committee.MeetingCan(k.App, k.Registered, meeting).Suggest {
		t.Fatal("suggesting opened to everyone signed in by the rule, not offered")
	}
	if c := committee.MeetingCan(k.App, k.Rep, meeting); !c.Organise || c.Delete || !c.Register || !c.Suggest {
		t.Fatalf("the representative of the organiser: %+v", c)
	}
	if c := committee.MeetingCan(k.App, nil, meeting); c.Organise || c.Register || c.Suggest {
		t.Fatalf("the public: %+v", c)
	}

	round := &committee.Round{Record: k.Round}
	if _, visible, _ := committee.RoundResults(k.App, k.Rep, round, ""); visible {
		t.Fatal("the representative sees the hidden totals")
	}
	if c := committee.RoundCan(k.App, k.Rep, round, k.Listed.Id); !c.Vote || c.Close {
		t.Fatalf("the representative in an open round with hidden results: %+v", c)
	}
	if c := committee.RoundCan(k.App, k.Member, round, k.Listed.Id); c.Vote {
		t.Fatal("a plain member may vote for the organisation")
	}
	if _, visible, _ := committee.RoundResults(k.App, k.Coordinator, round, ""); !visible {
		t.Fatal("the coordinator does not see the totals")
	}
	if c := committee.RoundCan(k.App, k.Coordinator, round, ""); !c.Close || c.Agenda {
		t.Fatalf("the coordinator: %+v", c)
	}
	if h, _ := committee.TopicHistory(k.App, k.Member, topic); len(h.Rounds) != 1 || h.Rounds[0].Visible || h.Rounds[0].Dots != 0 {
		t.Fatalf("the history shows hidden totals: %+v", h)
	}
	if h, _ := committee.TopicHistory(k.App, nil, topic); len(h.Rounds) != 0 {
		t.Fatalf("the public sees the rounds (members only): %+v", h)
	}
	setRule(t, k, "round_topics", func(c *core.Collection) **string { return &c.ListRule }, types.Pointer(`@request.auth.member = true`))
	// The topic's history reads the totals through the same rule.
	if h, err := committee.TopicHistory(k.App, k.Member, topic); err != nil || len(h.Rounds) != 1 || !h.Rounds[0].Visible || h.Rounds[0].Dots != 2 {
		t.Fatalf("history as the rule shows it: %+v %v", h, err)
	}
	rows, visible, err := committee.RoundResults(k.App, k.Member, round, "")
	if err != nil || !visible || len(rows) != 2 || rows[0].Title != testkit.PublicTopicTitle || rows[0].Dots != 2 {
		t.Fatalf("results as the rule shows them: %+v %v", rows, err)
	}

	listed := &committee.Organisation{Record: k.Listed}
	if !committee.OrganisationCan(k.App, k.Registered, listed).Join || committee.OrganisationCan(k.App, k.Member, listed).Join ||
		committee.OrganisationCan(k.App, k.Requester, listed).Join {
		t.Fatal("joining: a registered person yes; a member and someone who asked already no")
	}
	if c := committee.OrganisationCan(k.App, k.Deputy, listed); !c.Manage || c.SetStatus {
		t.Fatalf("the deputy: %+v", c)
	}
}

// TestNamesFollowTheUsersRule: a reader sees the names of the people the users rule shows them.
func TestNamesFollowTheUsersRule(t *testing.T) {
	k := testkit.New(t)
	ids := []string{k.Member.Id, k.Registered.Id}
	if n := committee.VisibleNames(k.App, nil, ids); len(n) != 0 {
		t.Fatalf("the public sees %v", n)
	}
	if n := committee.VisibleNames(k.App, k.Deputy, ids); n[k.Member.Id] == "" || n[k.Registered.Id] != "" {
		t.Fatalf("a member sees %v", n)
	}
	if n := committee.VisibleNames(k.App, k.Coordinator, ids); len(n) != 2 {
		t.Fatalf("a coordinator sees %v", n)
	}
}
