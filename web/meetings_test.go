package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestGuestRegistration: a public event takes a registration without an account; the place
// counts once the mailed link is opened, and the same link takes it back.
func TestGuestRegistration(t *testing.T) {
	k := testkit.New(t)
	start := time.Now().Add(10 * 24 * time.Hour).UTC().Truncate(time.Hour)
	event := k.Record(t, "meetings", map[string]any{"title": "Abend der Begegnung", "kind": "public_event", "status": "scheduled",
		"visibility": "public", "capacity": 30, "starts": start, "ends": start.Add(3 * time.Hour)})
	guest := newSite(t, k)
	page := "/meetings/" + event.Id
	if body := guest.get(page, 200); !strings.Contains(body, page+"/register") {
		t.Fatal("the public event offers no registration to the public")
	}
	guest.get(page+"/register", 200)
	// Bad input: the problems at the fields, the input kept.
	status, _, body := guest.do(http.MethodPost, page+"/register", url.Values{"answer": {"yes"}, "name": {"Leyla"}, "email": {"leyla@"}, "children": {"drei"}})
	if status != 422 || !strings.Contains(body, `value="Leyla"`) || !strings.Contains(body, `id="e-email"`) ||
		!strings.Contains(body, `value="drei"`) {
		t.Fatalf("bad guest input: %d", status)
	}
	status, loc, body := guest.do(http.MethodPost, page+"/register", url.Values{"answer": {"yes"}, "name": {"Leyla"},
		"email": {"leyla@example.org"}, "interpreting": {"fa"}, "children": {"1"}})
	if _, body = guest.followed(status, loc, body); status != http.StatusSeeOther || !strings.Contains(body, `data-testid="guest-sent"`) {
		t.Fatalf("guest registration: %d", status)
	}
	if committee.SeatsLeft(k.App, &committee.Meeting{Record: event}) != 30 {
		t.Fatal("an unconfirmed registration took a place")
	}
	link := mailLink(t, k.App.TestMailer.LastMessage().HTML)
	path := strings.TrimPrefix(link, k.App.Settings().Meta.AppURL)
	// Opening the link changes nothing (mail scanners open links too); its button confirms.
	if body := guest.get(path, 200); !strings.Contains(body, `data-testid="guest-confirm"`) ||
		committee.SeatsLeft(k.App, &committee.Meeting{Record: event}) != 30 {
		t.Fatal("the link page offers no confirmation, or confirmed by itself")
	}
	if status, loc, _ := guest.do(http.MethodPost, path, url.Values{}); status != http.StatusSeeOther || loc != path {
		t.Fatalf("confirming: %d %q", status, loc)
	}
	// The same address again changes nothing: the owner gets the link again.
	status, _, _ = guest.do(http.MethodPost, page+"/register", url.Values{"answer": {"yes"}, "name": {"Jemand anderes"},
		"email": {"leyla@example.org"}, "people": {"20"}})
	if r, _ := k.App.FindFirstRecordByFilter("registrations", "email = 'leyla@example.org'"); status != http.StatusSeeOther ||
		r.GetString("name") != "Leyla" || r.GetInt("people") != 1 || r.GetString("status") != "confirmed" {
		t.Fatalf("a second form changed the registration: %d %v", status, r)
	}
	if committee.SeatsLeft(k.App, &committee.Meeting{Record: event}) != 29 {
		t.Fatal("the confirmed guest has no place")
	}
	// The organisers see the guest with the needs; the public page does not.
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	if body := coord.get(page+"/registrations", 200); !strings.Contains(body, "leyla@example.org") || !strings.Contains(body, "1 Kind") {
		t.Error("the organisers do not see the guest's registration and needs")
	}
	if body := guest.get(page, 200); strings.Contains(body, "Leyla") {
		t.Error("the public page names a guest")
	}
	token := path[strings.LastIndex(path, "/")+1:]
	if status, _, _ := guest.do(http.MethodPost, "/registrations/cancel/"+token, url.Values{}); status != http.StatusSeeOther ||
		committee.SeatsLeft(k.App, &committee.Meeting{Record: event}) != 30 {
		t.Fatalf("cancelling: %d", status)
	}
	// A members' meeting takes no guests.
	guest.get("/meetings/"+k.PublicMeeting.Id+"/register", http.StatusSeeOther)
}

// TestMeetingTimesAcrossDST: meetings on the last Sundays of March and October show their Berlin
// wall time, while the database keeps UTC.
func TestMeetingTimesAcrossDST(t *testing.T) {
	k := testkit.New(t)
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	for _, c := range []struct{ date, utc, shown string }{
		{"2027-03-28", "2027-03-28 08:00:00.000Z", "Sonntag, 28. März 2027, 10:00–12:00 Uhr"},
		{"2027-10-31", "2027-10-31 09:00:00.000Z", "Sonntag, 31. Oktober 2027, 10:00–12:00 Uhr"},
	} {
		status, loc, _ := coord.do(http.MethodPost, "/meetings/new", url.Values{"title": {"Sitzung " + c.date}, "kind": {"committee"},
			"visibility": {"public"}, "date": {c.date}, "start": {"10:00"}, "end": {"12:00"}})
		if status != http.StatusSeeOther {
			t.Fatalf("%s: %d", c.date, status)
		}
		m, err := k.App.FindRecordById("meetings", strings.TrimPrefix(loc, "/meetings/"))
		if err != nil {
			t.Fatal(err)
		}
		if got := m.GetDateTime("starts").String(); got != c.utc {
			t.Errorf("%s 10:00 Berlin stored as %s, want %s", c.date, got, c.utc)
		}
		if body := coord.get(loc, 200); !strings.Contains(body, c.shown) {
			t.Errorf("the page does not show %q", c.shown)
		}
	}
	// 02:30 does not exist on the day the clocks go forward.
	status, _, body := coord.do(http.MethodPost, "/meetings/new", url.Values{"title": {"Nachts"}, "kind": {"committee"},
		"visibility": {"public"}, "date": {"2027-03-28"}, "start": {"02:30"}, "end": {"04:00"}})
	if status != 422 || !strings.Contains(body, "Zeitumstellung") || !strings.Contains(body, `value="Nachts"`) {
		t.Errorf("a time that does not exist: %d", status)
	}
}
