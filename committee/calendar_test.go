package committee_test

import (
	"bytes"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// parseICS reads a calendar file with go-ical, a parser written apart from the library that
// writes ours, after checking the lines: CRLF, folded at 75 octets. With events it also goes
// through go-ical's encoder, which checks the properties each component must have once.
func parseICS(t *testing.T, data []byte) *ical.Calendar {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("calendar does not end in CRLF:\n%s", data)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(line) > 75 || strings.ContainsAny(line, "\r\n") {
			t.Fatalf("line longer than 75 octets or a bare CR or LF: %q", line)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the calendar: %v\n%s", err, data)
	}
	if len(cal.Events()) > 0 {
		if err := ical.NewEncoder(io.Discard).Encode(cal); err != nil {
			t.Fatalf("go-ical finds the calendar invalid: %v\n%s", err, data)
		}
	}
	return cal
}

// icsText is a property's unescaped text ("" when missing).
func icsText(t *testing.T, props ical.Props, name string) string {
	t.Helper()
	p := props.Get(name)
	if p == nil {
		return ""
	}
	s, err := p.Text()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

// wallTime is a Berlin wall time as the forms send it, in UTC.
func wallTime(t *testing.T, date, clock string) time.Time {
	t.Helper()
	at, err := committee.ParseLocal(date, clock)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// calMeeting saves a meeting with a time (Berlin wall times), a place and a description.
func calMeeting(t *testing.T, k *testkit.Kit, status, date, from, to string, extra map[string]any) *committee.Meeting {
	t.Helper()
	fields := map[string]any{"title": "Sitzung des Komitees", "kind": "committee", "status": status, "visibility": "members",
		"starts": wallTime(t, date, from), "ends": wallTime(t, date, to), "place_name": "Rathaus", "place_room": "Saal 2",
		"place_address": "Markt 1, 02625 Bautzen", "description": "Wir sprechen über *Sprachkurse*; bitte, pünktlich.\r\nZweite Zeile: مرحبا"}
	for f, v := range extra {
		fields[f] = v
	}
	return &committee.Meeting{Record: k.Record(t, "meetings", fields)}
}

func calAgendaItem(t *testing.T, k *testkit.Kit, m *committee.Meeting, pos int, title string, minutes int, status string) *core.Record {
	t.Helper()
	return k.Record(t, "agenda_items", map[string]any{"meeting": m.Id, "position": pos, "title": title,
		"duration": minutes, "status": status})
}

func uidHostOf(k *testkit.Kit) string {
	u, _ := url.Parse(k.App.Settings().Meta.AppURL)
	if u == nil || u.Hostname() == "" {
		return "komitee"
	}
	return u.Hostname()
}

// TestICSPublish: a feed of two meetings across both clock changes, read back field by field.
func TestICSPublish(t *testing.T) {
	k := testkit.New(t)
	march := calMeeting(t, k, "scheduled", "2027-03-28", "10:00", "12:30", nil)
	calAgendaItem(t, k, march, 2, "Berichte", 45, "accepted")
	calAgendaItem(t, k, march, 1, "Begrüßung", 15, "accepted")
	calAgendaItem(t, k, march, 3, "Vorschlag von jemandem", 10, "suggested")
	calAgendaItem(t, k, march, 4, "Verschiedenes", 0, "accepted")
	october := calMeeting(t, k, "held", "2027-10-31", "10:00", "11:00", map[string]any{"title": "Arbeitsgruppe, Sprache; Kurse",
		"place_name": "", "place_room": "", "place_address": "", "online_link": "https://meet.example.org/ag", "description": ""})
	undated := &committee.Meeting{Record: k.Record(t, "meetings", map[string]any{"title": "Noch ohne Termin", "kind": "committee",
		"status": "date_finding", "visibility": "members"})}

	data, err := committee.ICS(k.App, committee.MethodPublish, []*committee.Meeting{march, october, undated}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cal := parseICS(t, data)
	if icsText(t, cal.Props, ical.PropMethod) != "PUBLISH" || icsText(t, cal.Props, ical.PropVersion) != "2.0" ||
		!strings.Contains(icsText(t, cal.Props, ical.PropProductID), "Komitee") {
		t.Fatalf("calendar properties: %v", cal.Props)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want the two dated meetings", len(events))
	}
	ev := events[0]
	if uid := icsText(t, ev.Props, ical.PropUID); uid != march.Id+"@"+uidHostOf(k) {
		t.Errorf("UID %q, want %q", uid, march.Id+"@"+uidHostOf(k))
	}
	start, err1 := ev.DateTimeStart(nil)
	end, err2 := ev.DateTimeEnd(nil)
	if err1 != nil || err2 != nil || !start.Equal(time.Date(2027, 3, 28, 8, 0, 0, 0, time.UTC)) ||
		!end.Equal(time.Date(2027, 3, 28, 10, 30, 0, 0, time.UTC)) {
		t.Errorf("March: %s – %s (%v %v), want 08:00Z – 10:30Z (summer time)", start, end, err1, err2)
	}
	if seq, err := ev.Props.Get(ical.PropSequence).Int(); err != nil || seq != 0 {
		t.Errorf("SEQUENCE %d, %v", seq, err)
	}
	if ev.Props.Get(ical.PropDateTimeStamp) == nil || ev.Props.Get(ical.PropAttendee) != nil {
		t.Error("want a DTSTAMP and no ATTENDEE in a feed")
	}
	if got := icsText(t, ev.Props, ical.PropSummary); got != "Sitzung des Komitees" {
		t.Errorf("SUMMARY %q", got)
	}
	if got := icsText(t, ev.Props, ical.PropLocation); got != "Rathaus, Saal 2, Markt 1, 02625 Bautzen" {
		t.Errorf("LOCATION %q", got)
	}
	desc := icsText(t, ev.Props, ical.PropDescription)
	want := "Wir sprechen über *Sprachkurse*; bitte, pünktlich.\nZweite Zeile: مرحبا\n\nTagesordnung\n" +
		"10:00 Begrüßung\n10:15 Berichte\n11:00 Verschiedenes"
	if desc != want {
		t.Errorf("DESCRIPTION\n%q\nwant\n%q", desc, want)
	}
	if got := ev.Props.Get(ical.PropURL).Value; got != committee.URL(k.App, "/meetings/"+march.Id) {
		t.Errorf("URL %q", got)
	}
	if got := icsText(t, ev.Props, ical.PropStatus); got != "CONFIRMED" {
		t.Errorf("STATUS %q", got)
	}

	ev = events[1]
	if start, _ := ev.DateTimeStart(nil); !start.Equal(time.Date(2027, 10, 31, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("October starts %s, want 09:00Z (winter time)", start)
	}
	if got := icsText(t, ev.Props, ical.PropSummary); got != "Arbeitsgruppe, Sprache; Kurse" {
		t.Errorf("SUMMARY with , and ; = %q", got)
	}
	if icsText(t, ev.Props, ical.PropLocation) != "https://meet.example.org/ag" ||
		icsText(t, ev.Props, ical.PropDescription) != "Online: https://meet.example.org/ag" {
		t.Errorf("online meeting: LOCATION %q, DESCRIPTION %q", icsText(t, ev.Props, ical.PropLocation), icsText(t, ev.Props, ical.PropDescription))
	}

	// The same meeting keeps its UID in every file.
	again, err := committee.ICS(k.App, committee.MethodPublish, []*committee.Meeting{march}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if uid := icsText(t, parseICS(t, again).Events()[0].Props, ical.PropUID); uid != march.Id+"@"+uidHostOf(k) {
		t.Errorf("UID changed: %q", uid)
	}
	// An empty feed is still a calendar.
	empty, err := committee.ICS(k.App, committee.MethodPublish, nil, nil)
	if err != nil || len(parseICS(t, empty).Events()) != 0 {
		t.Fatalf("empty feed: %v", err)
	}
	if _, err := committee.ICS(k.App, "REPLY", nil, nil); err == nil {
		t.Fatal("a method Komitee does not send was accepted")
	}
}

// TestICSControlCharacters: a title, place and description full of control characters cannot
// start a property of their own (a bare CR was written as it was, so a reader that ends lines
// at CR saw an injected ATTENDEE); every kind of line break reads back as one.
func TestICSControlCharacters(t *testing.T) {
	k := testkit.New(t)
	m := calMeeting(t, k, "scheduled", "2027-05-04", "10:00", "12:00", map[string]any{
		"title":      "Sitzung\rATTENDEE:mailto:evil@example.org\nZwei\r\nDrei\x00Vier\x1b\x7fFünf\tTab",
		"place_name": "Rathaus\rLOCATION:Nirgendwo", "place_room": "", "place_address": "",
		"description": "Erste\rZweite\r\nDritte\nVierte\x0bEnde",
	})
	committeeRec, err := k.App.FindFirstRecordByFilter("committee", "")
	if err != nil {
		t.Fatal(err)
	}
	committeeRec.Set("name", "Komitee\rX-INJECTED:yes")
	if err := k.App.Save(committeeRec); err != nil {
		t.Fatal(err)
	}
	cal := parseICS(t, mustICS(t, k, m))
	if cal.Props.Get("X-INJECTED") != nil || icsText(t, cal.Props, "X-WR-CALNAME") != "Komitee\nX-INJECTED:yes" {
		t.Errorf("calendar name: %v", cal.Props)
	}
	ev := cal.Events()[0]
	if got, want := icsText(t, ev.Props, ical.PropSummary), "Sitzung\nATTENDEE:mailto:evil@example.org\nZwei\nDrei Vier  Fünf\tTab"; got != want {
		t.Errorf("SUMMARY %q, want %q", got, want)
	}
	if got := icsText(t, ev.Props, ical.PropLocation); got != "Rathaus\nLOCATION:Nirgendwo" {
		t.Errorf("LOCATION %q", got)
	}
	if got := icsText(t, ev.Props, ical.PropDescription); !strings.HasPrefix(got, "Erste\nZweite\nDritte\nVierte Ende") {
		t.Errorf("DESCRIPTION %q", got)
	}
	if len(ev.Props.Values(ical.PropAttendee)) != 0 || len(ev.Props.Values(ical.PropLocation)) != 1 {
		t.Errorf("injected properties: %v", ev.Props)
	}
}

func mustICS(t *testing.T, k *testkit.Kit, m *committee.Meeting) []byte {
	t.Helper()
	data, err := committee.ICS(k.App, committee.MethodPublish, []*committee.Meeting{m}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestICSRequestAndCancel: an invitation names the committee as ORGANIZER and the person as
// ATTENDEE, in their language; a cancellation keeps the UID and says CANCELLED.
func TestICSRequestAndCancel(t *testing.T) {
	k := testkit.New(t)
	settings := k.App.Settings()
	settings.Meta.SenderName = "Komitee: Koordination, Bautzen"
	settings.Meta.SenderAddress = "komitee@example.org"
	if err := k.App.Save(settings); err != nil {
		t.Fatal(err)
	}
	m := calMeeting(t, k, "scheduled", "2027-10-31", "10:00", "12:00", map[string]any{"sequence": 3})
	calAgendaItem(t, k, m, 1, "Welcome", 20, "accepted")
	deputy := committee.AsUser(k.Deputy) // English

	data, err := committee.ICS(k.App, committee.MethodRequest, []*committee.Meeting{m}, deputy)
	if err != nil {
		t.Fatal(err)
	}
	cal := parseICS(t, data)
	ev := cal.Events()[0]
	if icsText(t, cal.Props, ical.PropMethod) != "REQUEST" {
		t.Fatal("not a REQUEST")
	}
	org, att := ev.Props.Get(ical.PropOrganizer), ev.Props.Get(ical.PropAttendee)
	if org == nil || org.Value != "mailto:komitee@example.org" || org.Params.Get(ical.ParamCommonName) != "Komitee Koordination Bautzen" {
		t.Fatalf("ORGANIZER %+v", org)
	}
	if att == nil || att.Value != "mailto:deputy@example.org" || att.Params.Get(ical.ParamCommonName) != deputy.Name() ||
		att.Params.Get(ical.ParamRole) != "REQ-PARTICIPANT" || att.Params.Get(ical.ParamParticipationStatus) != "NEEDS-ACTION" {
		t.Fatalf("ATTENDEE %+v", att)
	}
	if seq, _ := ev.Props.Get(ical.PropSequence).Int(); seq != 3 {
		t.Errorf("SEQUENCE %d, want the meeting's 3", seq)
	}
	if desc := icsText(t, ev.Props, ical.PropDescription); !strings.HasSuffix(desc, "\n\nAgenda\n10:00 Welcome") {
		t.Errorf("description not in the attendee's language: %q", desc)
	}

	data, err = committee.ICS(k.App, committee.MethodCancel, []*committee.Meeting{m}, deputy)
	if err != nil {
		t.Fatal(err)
	}
	cancelled := parseICS(t, data)
	if icsText(t, cancelled.Props, ical.PropMethod) != "CANCEL" || icsText(t, cancelled.Events()[0].Props, ical.PropStatus) != "CANCELLED" ||
		icsText(t, cancelled.Events()[0].Props, ical.PropUID) != icsText(t, ev.Props, ical.PropUID) {
		t.Fatalf("cancellation:\n%s", data)
	}
}
