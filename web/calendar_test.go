package web_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/pocketbase/pocketbase/core"

	"komitee/internal/testkit"
)

// fetchCalendar GETs a calendar as a calendar app would (no cookies unless the site has a
// session) and reads it with go-ical, a parser apart from the library that writes it.
func fetchCalendar(t *testing.T, s *site, path string) *ical.Calendar {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range s.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Fatalf("GET %s: Content-Type %q", path, ct)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") || !strings.HasSuffix(cd, `.ics"`) {
		t.Fatalf("GET %s: Content-Disposition %q", path, cd)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(rec.Body.Bytes())).Decode()
	if err != nil {
		t.Fatalf("GET %s: go-ical cannot read it: %v\n%s", path, err, rec.Body)
	}
	if m := cal.Props.Get(ical.PropMethod); m == nil || m.Value != "PUBLISH" {
		t.Fatalf("GET %s: not METHOD:PUBLISH", path)
	}
	return cal
}

// titles are the events' summaries.
func titles(cal *ical.Calendar) string {
	var out []string
	for _, ev := range cal.Events() {
		if p := ev.Props.Get(ical.PropSummary); p != nil {
			out = append(out, p.Value)
		}
	}
	return strings.Join(out, "|")
}

func calendarMeeting(t *testing.T, k *testkit.Kit, title, status, visibility string, starts time.Time) *core.Record {
	t.Helper()
	f := map[string]any{"title": title, "kind": "committee", "status": status, "visibility": visibility}
	if !starts.IsZero() {
		f["starts"], f["ends"] = starts, starts.Add(2*time.Hour)
	}
	return k.Record(t, "meetings", f)
}

// TestCalendarFeeds: the public feed shows public meetings only; one meeting's file follows the
// view rule; the personal feed shows what its owner may see, and a new address ends the old.
func TestCalendarFeeds(t *testing.T) {
	k := testkit.New(t)
	k.WithoutMeetings(t)
	soon := time.Now().Add(72 * time.Hour).Truncate(time.Minute)
	public := calendarMeeting(t, k, "Offenes Fest", "scheduled", "public", soon)
	members := calendarMeeting(t, k, "Interne Sitzung", "scheduled", "members", soon.Add(24*time.Hour))
	calendarMeeting(t, k, "Entwurf", "draft", "public", soon)
	calendarMeeting(t, k, "Ohne Termin", "date_finding", "public", time.Time{})
	calendarMeeting(t, k, "Abgesagt", "cancelled", "public", soon.Add(48*time.Hour))
	calendarMeeting(t, k, "Vor zwei Jahren", "held", "public", soon.AddDate(-2, 0, 0))

	anon := newSite(t, k)
	if got := titles(fetchCalendar(t, anon, "/calendar.ics")); got != "Abgesagt|Offenes Fest" {
		t.Fatalf("public feed: %q", got)
	}
	cal := fetchCalendar(t, anon, "/meetings/"+public.Id+"/calendar.ics")
	if ev := cal.Events(); len(ev) != 1 || !strings.HasPrefix(ev[0].Props.Get(ical.PropUID).Value, public.Id+"@") {
		t.Fatalf("meeting file: %v", titles(cal))
	}
	anon.get("/meetings/"+members.Id+"/calendar.ics", 404)

	member := newSite(t, k)
	member.cookies["komitee_session"] = k.SessionID(t, k.Member)
	if got := titles(fetchCalendar(t, member, "/meetings/"+members.Id+"/calendar.ics")); got != "Interne Sitzung" {
		t.Fatalf("member's meeting file: %q", got)
	}

	// No address yet: the profile offers to make one.
	if body := member.get("/profile", 200); !strings.Contains(body, "Kalender-Abo") || strings.Contains(body, `data-testid="calendar-url"`) {
		t.Fatal("profile lacks the calendar section, or shows an address before there is one")
	}
	if loc := member.submit("/profile/calendar", url.Values{}); loc != "/profile#calendar" {
		t.Fatalf("redirected to %q", loc)
	}
	feedPath := func(u *core.Record) string {
		rec, err := k.App.FindRecordById("users", u.Id)
		if err != nil || len(rec.GetString("calendar_token")) < 32 {
			t.Fatalf("no calendar token: %v", err)
		}
		return "/calendar/" + rec.GetString("calendar_token") + ".ics"
	}
	first := feedPath(k.Member)
	if body := member.get("/profile", 200); !strings.Contains(body, first+`"`) || !strings.Contains(body, "readonly") {
		t.Fatal("profile does not show the feed address")
	}

	// The calendar app has no session: the address is the key.
	app := newSite(t, k)
	if got := titles(fetchCalendar(t, app, first)); got != "Abgesagt|Interne Sitzung|Offenes Fest" {
		t.Fatalf("member's feed: %q", got)
	}
	if got := titles(fetchCalendar(t, app, strings.TrimSuffix(first, ".ics"))); got != "Abgesagt|Interne Sitzung|Offenes Fest" {
		t.Fatalf("member's feed without .ics: %q", got)
	}

	// A registered person who is not a member sees the public meetings only.
	registered := newSite(t, k)
	registered.cookies["komitee_session"] = k.SessionID(t, k.Registered)
	registered.submit("/profile/calendar", url.Values{})
	if got := titles(fetchCalendar(t, app, feedPath(k.Registered))); got != "Abgesagt|Offenes Fest" {
		t.Fatalf("registered person's feed: %q", got)
	}

	// Renewed: the old address is gone.
	member.submit("/profile/calendar", url.Values{})
	second := feedPath(k.Member)
	if second == first {
		t.Fatal("token not renewed")
	}
	app.get(first, 404)
	fetchCalendar(t, app, second)
	app.get("/calendar/"+strings.Repeat("a", 40)+".ics", 404)
	app.get("/calendar/.ics", 404)

	// Creating one needs a session.
	if status, loc, _ := anon.do(http.MethodPost, "/profile/calendar", url.Values{}); status != http.StatusForbidden && !strings.HasPrefix(loc, "/login") {
		t.Fatalf("anonymous token request: %d %q", status, loc)
	}
}
