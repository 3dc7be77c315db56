package main

// A small data set made by the same generator, and every row of the harness checked on it through
// the server's handler stack, as the harness checks them over the network: each row answers 200
// for its reader, the pages show the same records as PocketBase's JSON lists, the big meeting has
// its agenda and registrations. A few seconds, so that CI notices when the schema or the pages
// leave the harness behind.
//
//	go test ./bench -run TestSeedAndRows -v

import (
	"strings"
	"testing"
	"time"
)

var smallSize = seedSize{Orgs: 40, Users: 400, Meetings: 200, Topics: 300, Votes: 600, Needs: 100, Actions: 50, Signers: 10}

func TestSeedAndRows(t *testing.T) {
	dir := t.TempDir()
	start := time.Now()
	ds, err := ensureDataSize(dir, false, smallSize)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated in %s: %d organisations (%d listed), %d people, %d meetings (%v, %v), %d agenda items, %d registrations",
		time.Since(start).Round(time.Millisecond), ds.Organisations, ds.Listed, ds.Users, ds.Meetings, ds.MeetingsByKind,
		ds.MeetingsByStatus, ds.AgendaItems, ds.Registrations)

	// The meetings: every kind, the three statuses, about half public, past and future years.
	for _, k := range meetingKinds {
		if ds.MeetingsByKind[k] == 0 {
			t.Errorf("no %s meetings: %v", k, ds.MeetingsByKind)
		}
	}
	for _, s := range []string{"scheduled", "held", "minutes_approved"} {
		if ds.MeetingsByStatus[s] == 0 {
			t.Errorf("no %s meetings: %v", s, ds.MeetingsByStatus)
		}
	}
	if len(ds.MeetingsByStatus) != 3 {
		t.Errorf("statuses %v, want scheduled, held and minutes_approved only", ds.MeetingsByStatus)
	}
	if share := float64(ds.PublicMeetings) / float64(ds.Meetings); share < 0.35 || share > 0.65 {
		t.Errorf("%d of %d meetings public", ds.PublicMeetings, ds.Meetings)
	}
	now := time.Now().Year()
	if ds.FirstYear > now-3 || ds.LastYear < now+1 || ds.UpcomingPublic == 0 || ds.PastPublic <= 30 {
		t.Errorf("meetings from %d to %d, %d public upcoming, %d public past: want past and future years, a past page 2",
			ds.FirstYear, ds.LastYear, ds.UpcomingPublic, ds.PastPublic)
	}
	b := ds.Big
	if b.Agenda != bigAgenda || b.Registrations != bigRegistrations || b.Users != bigRegistrations ||
		b.Interpreting == 0 || b.Children == 0 || b.AccessNeeds == 0 || b.Wheelchair == 0 ||
		b.People > b.Capacity || !b.Starts.After(time.Now()) {
		t.Errorf("big meeting: %+v", b)
	}

	// The same dir again is reused, not generated anew.
	again, err := ensureDataSize(dir, false, smallSize)
	if err != nil || !again.Reused {
		t.Fatalf("second ensureDataSize: reused %v, %v", again != nil && again.Reused, err)
	}

	// Every row, through the handler, checked as the harness checks it.
	app, err := openApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = app.ResetBootstrapState() })
	if sessions, err = sessionsOf(app); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sessions = map[string]string{} })
	h := handlerFor(t, app)
	get := func(path, as string) (*Fetched, error) {
		rec := serve(h, path, as)
		return fetched(rec.Code, rec.Header().Get("Content-Encoding"), rec.Body.Bytes())
	}
	r := &Run{Data: ds, Sizes: map[string]*Fetched{}, Notes: map[string]string{}, buildDir: t.TempDir()}
	if err := r.check(get); err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Checks {
		if strings.HasPrefix(c, "FAILED") {
			t.Error(c)
		} else {
			t.Log(c)
		}
	}
	tp := ds.Topic
	if tp.Topics != smallSize.Topics || tp.Votes != smallSize.Votes || tp.BadCounts != 0 || tp.Public == 0 || tp.Public == tp.Topics ||
		tp.Supports == 0 || tp.Replies == 0 || tp.Round.Topics != roundTopicCount || !tp.Round.Closed || tp.Ranked < roundTopicCount {
		t.Errorf("topics: %+v", tp)
	}
	if len(r.Loads) != 20 || r.load("meeting").Total() == 0 || r.load("statement").Total() == 0 {
		t.Errorf("first loads: %+v", r.Loads)
	}

	// A session that does not work is noticed: no 200 with the sign-in page instead.
	sessions["coordinator"], sessions["coordinator"+pageSession] = "not-a-token", "not-a-session"
	if rec := serve(h, meetingPath+"/edit", "coordinator"); rec.Code == 200 {
		t.Errorf("the meeting form answered 200 to a bad session")
	}
}
