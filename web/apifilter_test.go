package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// apiGet sends an /api/ request as u (nil: the public) and returns status and body.
func apiGet(t *testing.T, k *testkit.Kit, u *core.Record, path string) (int, string) {
	t.Helper()
	s := newSite(t, k)
	h := map[string]string{}
	if u != nil {
		h["Authorization"] = k.Token(t, u)
	}
	status, _, body := s.doHeaders(http.MethodGet, path, h)
	return status, body
}

func records(coll, filter, sort string) string {
	q := url.Values{}
	if filter != "" {
		q.Set("filter", filter)
	}
	if sort != "" {
		q.Set("sort", sort)
	}
	return "/api/collections/" + coll + "/records?" + q.Encode()
}

// oracleFixtures adds what the attacks of the probe needed: a hidden row next to a visible one
// under the same record.
func oracleFixtures(t *testing.T, k *testkit.Kit) (closedRound, personRound, second *core.Record) {
	// Rep: a phone members may see and an address nobody may.
	k.Record(t, "contacts", map[string]any{"user": k.Rep.Id, "kind": "phone", "value": "+49 171 REP-PHONE", "visibility": "members"})
	k.Record(t, "contacts", map[string]any{"user": k.Rep.Id, "kind": "address", "value": "SECRET-STREET 7", "visibility": "nobody"})
	// A closed round where PublicTopic got nothing: its totals are visible to members, while the
	// open round's (2 dots, results hidden) are not.
	closedRound = k.Record(t, "rounds", map[string]any{"title": "Closed", "opens": time.Now().Add(-72 * time.Hour),
		"closes": time.Now().Add(-48 * time.Hour), "dots": 5, "max_per_topic": 3, "voters": "persons", "closed": true})
	k.Record(t, "round_topics", map[string]any{"round": closedRound.Id, "topic": k.PublicTopic.Id})
	// A round of persons where Member and Rep voted: Member sees only her own vote.
	personRound = k.Record(t, "rounds", map[string]any{"title": "Persons", "opens": time.Now().Add(-time.Hour),
		"closes": time.Now().Add(48 * time.Hour), "dots": 5, "max_per_topic": 3, "voters": "persons", "hide_results": true})
	k.Record(t, "round_topics", map[string]any{"round": personRound.Id, "topic": k.PublicTopic.Id})
	for _, u := range []*core.Record{k.Member, k.Rep} {
		if err := committee.Vote(k.App, committee.AsUser(u), &committee.Round{Record: personRound}, "",
			map[string]int{k.PublicTopic.Id: 1}); err != nil {
			t.Fatal(err)
		}
	}
	// Deputy (an active member of Listed, visible to members) asks to join a second organisation.
	second = k.Record(t, "organisations", map[string]any{"name": "Zweiter Verein", "slug": "zweiter-verein",
		"kind": "mso", "status": "member"})
	k.Record(t, "memberships", map[string]any{"user": k.Deputy.Id, "organisation": second.Id, "role": "member", "status": "pending"})
	// Deputy registers for the public meeting too: her own registration is visible to her,
	// Member's (with its access needs) is not.
	k.Record(t, "registrations", map[string]any{"meeting": k.PublicMeeting.Id, "user": k.Deputy.Id, "answer": "yes",
		"people": 1, "status": "confirmed"})
	return closedRound, personRound, second
}

// TestAPIFilterOracles replays the probe's extractions: for each, a guess that matches the
// hidden value and one that does not must get the same answer (the guard refuses both), so
// nothing can be read out one character at a time.
func TestAPIFilterOracles(t *testing.T) {
	k := testkit.New(t)
	_, personRound, _ := oracleFixtures(t, k)
	cases := []struct {
		name        string
		who         *core.Record
		coll        string
		right, miss string // filters: a true guess of the hidden value, and a false one
	}{
		{"organisation's members-only phone, anonymous", nil, "organisations",
			"slug='" + k.Listed.GetString("slug") + "' && contacts_via_organisation.value !~ '+49 3591 MEMBERS%'",
			"slug='" + k.Listed.GetString("slug") + "' && contacts_via_organisation.value !~ '+49 3591 XYZ%'"},
		{"a person's address for nobody, member", k.Member, "users",
			"id='" + k.Rep.Id + "' && contacts_via_user.value !~ 'SECRET%'",
			"id='" + k.Rep.Id + "' && contacts_via_user.value !~ 'PUBLIC%'"},
		{"hidden totals of an open round, member", k.Member, "topics",
			"id='" + k.PublicTopic.Id + "' && round_topics_via_topic.dots != 2",
			"id='" + k.PublicTopic.Id + "' && round_topics_via_topic.dots != 3"},
		{"who voted in a round, member", k.Member, "rounds",
			"id='" + personRound.Id + "' && votes_via_round.user != '" + k.Rep.Id + "'",
			"id='" + personRound.Id + "' && votes_via_round.user != '" + k.Coordinator.Id + "'"},
		{"how many dots someone gave, member", k.Member, "rounds",
			"id='" + personRound.Id + "' && votes_via_round.dots < 1",
			"id='" + personRound.Id + "' && votes_via_round.dots < 2"},
		{"another person's pending join request, member", k.Member, "users",
			"id='" + k.Deputy.Id + "' && memberships_via_user.status != 'pending'",
			"id='" + k.Deputy.Id + "' && memberships_via_user.status != 'declined'"},
		{"access needs of another registration, deputy", k.Deputy, "meetings",
			"id='" + k.PublicMeeting.Id + "' && registrations_via_meeting.access_needs !~ '" + testkit.AccessNeeds[:4] + "%'",
			"id='" + k.PublicMeeting.Id + "' && registrations_via_meeting.access_needs !~ 'QQQQ%'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s1, b1 := apiGet(t, k, c.who, records(c.coll, c.right, ""))
			s2, b2 := apiGet(t, k, c.who, records(c.coll, c.miss, ""))
			if s1 != s2 || b1 != b2 {
				t.Fatalf("the answer depends on the hidden value:\nright guess %d %s\nwrong guess %d %s", s1, b1, s2, b2)
			}
			if s1 != http.StatusBadRequest || !strings.Contains(b1, "_via_") {
				t.Errorf("want 400 naming the refused field, got %d %s", s1, b1)
			}
		})
	}
}

// TestAPISortLeaks: sorting on a back-relation or on hidden addresses is refused.
func TestAPISortLeaks(t *testing.T) {
	k := testkit.New(t)
	oracleFixtures(t, k)
	for _, sort := range []string{"votes_via_user.dots", "email", "-email", "name,email", "contacts_via_user.value"} {
		status, body := apiGet(t, k, k.Member, records("users", "", sort))
		if status != http.StatusBadRequest || !strings.Contains(body, "cannot be used to filter or sort") {
			t.Errorf("sort=%s: got %d %s", sort, status, body)
		}
	}
}

// TestAPIFilterGuardLetsThePagesFiltersThrough: what the pages' own filters and sorts do, an
// /api/ client may do too; superusers (the dashboard) are not limited.
func TestAPIFilterGuardLetsThePagesFiltersThrough(t *testing.T) {
	k := testkit.New(t)
	ok := []struct {
		who          *core.Record
		coll, filter string
		sort         string
	}{
		{nil, "organisations", "(status='member'||status='partner') && kind = 'mso' && languages ?= 'ar' && name ~ 'Verein' && municipality:lower = 'bautzen'", "name"},
		{nil, "organisations", "areas:length > 0 || areas:each ?= 'education'", "-member_since,@random"},
		{k.Member, "meetings", "(starts=''||ends>=@now) && kind = 'committee'", "starts"},
		{k.Member, "topics", "status = 'proposed' && kind = 'topic' && areas ?~ 'edu'", "-supports,-created"},
		{k.Member, "agenda_items", "meeting = '" + k.PublicMeeting.Id + "'", "position"},
		{k.Member, "registrations", "meeting = '" + k.PublicMeeting.Id + "'", ""},
		{k.Member, "round_topics", "round = '" + k.Round.Id + "'", "-dots"},
		{k.Member, "memberships", "organisation = '" + k.Listed.Id + "' && status = 'active'", "-created"},
		{k.Member, "users", "member = true && languages ?= 'ar'", "name"},
	}
	for _, c := range ok {
		if status, body := apiGet(t, k, c.who, records(c.coll, c.filter, c.sort)); status != http.StatusOK {
			t.Errorf("%s %q sort %q: %d %s", c.coll, c.filter, c.sort, status, body)
		}
	}
	superusers, err := k.App.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	super := core.NewRecord(superusers)
	super.SetEmail("root@example.org")
	super.SetPassword(testkit.Password)
	if err := k.App.Save(super); err != nil {
		t.Fatal(err)
	}
	if status, body := apiGet(t, k, super, records("users", "contacts_via_user.value != ''", "email")); status != http.StatusOK {
		t.Errorf("superuser: %d %s", status, body)
	}
	// A view request carries no filter of its own, but a refused one is refused there as well.
	if status, _ := apiGet(t, k, nil, "/api/collections/organisations/records/"+k.Listed.Id+"?filter="+
		url.QueryEscape("contacts_via_organisation.value != ''")); status != http.StatusBadRequest {
		t.Errorf("view with a back-relation filter: %d", status)
	}
	// A repeated filter parameter is checked in every copy.
	if status, _ := apiGet(t, k, nil, records("organisations", "kind='mso'", "")+"&filter="+
		url.QueryEscape("contacts_via_organisation.value != ''")); status != http.StatusBadRequest {
		t.Errorf("second filter parameter: %d", status)
	}
}

// TestRealtimeSubscriptionFilters: a realtime subscription with a back-relation filter is
// refused; one with an allowed filter is taken.
func TestRealtimeSubscriptionFilters(t *testing.T) {
	k := testkit.New(t)
	newSite(t, k) // binds the hooks
	sub := func(filter string) error {
		opts := `{"query":{"filter":"` + strings.ReplaceAll(filter, `"`, `\"`) + `"}}`
		e := &core.RealtimeSubscribeRequestEvent{Subscriptions: []string{"organisations/*?options=" + url.QueryEscape(opts)}}
		e.RequestEvent = &core.RequestEvent{App: k.App}
		e.RequestEvent.Request, _ = http.NewRequest(http.MethodPost, "/api/realtime", nil)
		return k.App.OnRealtimeSubscribeRequest().Trigger(e, func(*core.RealtimeSubscribeRequestEvent) error { return nil })
	}
	if err := sub("contacts_via_organisation.value !~ '+49%'"); err == nil || !strings.Contains(err.Error(), "_via_") {
		t.Errorf("back-relation subscription: %v", err)
	}
	if err := sub("kind = 'mso'"); err != nil {
		t.Errorf("allowed subscription refused: %v", err)
	}
}
