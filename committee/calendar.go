package committee

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"net/url"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/locales"
)

// The iCalendar methods (RFC 5546) Komitee writes: PUBLISH for feeds and "add to calendar",
// REQUEST for invitations and their changes, CANCEL for cancellations.
const (
	MethodPublish = string(ics.MethodPublish)
	MethodRequest = string(ics.MethodRequest)
	MethodCancel  = string(ics.MethodCancel)
)

// ICS writes meetings as an iCalendar file (RFC 5545), one event per meeting that has a date.
//
// Every event keeps one UID for its meeting's life, and its SEQUENCE is the meeting's, which
// the invitation hooks raise when the time or place changes: a calendar that has the event
// replaces it with a newer copy, and removes it on a CANCEL.
//
// attendee is the person a REQUEST or CANCEL is for (ORGANIZER is the committee's sender
// address, ATTENDEE this person); with PUBLISH it is only the language of the description, and
// may be nil (German).
func ICS(app core.App, method string, meetings []*Meeting, attendee *User) ([]byte, error) {
	lang := locales.Default
	var who *calendarUser
	if attendee != nil {
		lang = attendee.Language()
		who = &calendarUser{Name: attendee.Name(), Email: attendee.Email()}
	}
	return writeICS(app, method, meetings, lang, who)
}

// calendarUser is an ATTENDEE: a user, or a guest who registered with name and e-mail.
type calendarUser struct{ Name, Email, Lang string }

func writeICS(app core.App, method string, meetings []*Meeting, lang string, attendee *calendarUser) ([]byte, error) {
	switch method {
	case MethodPublish, MethodRequest, MethodCancel:
	default:
		return nil, fmt.Errorf("committee: iCalendar method %q", method)
	}
	agendas, err := acceptedAgendas(app, meetings)
	if err != nil {
		return nil, err
	}
	name := CommitteeName(app)
	cal := ics.NewCalendarFor("Komitee")
	cal.SetProductId("-//Komitee//Komitee//DE")
	cal.SetMethod(ics.Method(method))
	cal.SetXWRCalName(calendarText(name))
	if method == MethodPublish {
		cal.SetXPublishedTTL("PT1H") // feeds: ask subscribers to look again every hour
	}
	sender := app.Settings().Meta
	host := uidHost(app)
	now := time.Now()
	for _, m := range meetings {
		if !m.Dated() {
			continue
		}
		ev := cal.AddEvent(m.Id + "@" + host)
		ev.SetSequence(m.Sequence())
		ev.SetDtStampTime(now)
		ev.SetStartAt(m.Starts())
		if m.Ends().After(m.Starts()) {
			ev.SetEndAt(m.Ends())
		}
		ev.SetSummary(calendarText(m.Title()))
		ev.SetDescription(calendarText(eventDescription(lang, m, agendas[m.Id])))
		if where := m.Place(); where != "" {
			ev.SetLocation(calendarText(where))
		} else if m.OnlineLink() != "" {
			ev.SetLocation(calendarText(m.OnlineLink()))
		}
		ev.SetURL(URL(app, "/meetings/"+m.Id))
		if method == MethodCancel || m.Status() == "cancelled" {
			ev.SetStatus(ics.ObjectStatusCancelled)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
		if sender.SenderAddress != "" {
			ev.SetOrganizer(sender.SenderAddress, ics.WithCN(paramText(sender.SenderName)))
		}
		if attendee != nil && method != MethodPublish {
			// Answers are given on the meeting's page, not by mail to the sender address.
			ev.AddAttendee(attendee.Email, ics.WithCN(paramText(attendee.Name)), ics.ParticipationRoleReqParticipant,
				ics.ParticipationStatusNeedsAction, &ics.KeyValues{Key: string(ics.ParameterRsvp), Value: []string{"FALSE"}})
		}
	}
	var buf bytes.Buffer
	// RFC 5545 lines end in CRLF; the library's default is the platform's newline.
	if err := cal.SerializeTo(&buf, ics.WithNewLineWindows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// uidHost is the domain part of event UIDs: the host of the application URL, which stays when
// the meeting changes, so calendars recognise the event.
func uidHost(app core.App) string {
	if u, err := url.Parse(app.Settings().Meta.AppURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "komitee"
}

// calendarText prepares text for an RFC 5545 TEXT value: CRLF, a bare CR and LF are all one line
// break (which the library then escapes as \n; it leaves a bare CR as it is, and a reader that
// ends lines at CR would take the rest for a property of its own), and the other control
// characters, which TEXT does not allow, become spaces. A tab stays.
func calendarText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, s)
}

// paramText makes a name safe as a parameter value (CN): the library escapes , ; : " ' with
// backslashes, which RFC 5545 does not know in parameters, so readers would show them.
func paramText(name string) string {
	return strings.Join(strings.Fields(paramUnsafe.Replace(calendarText(name))), " ")
}

var paramUnsafe = strings.NewReplacer(`"`, "", `\`, "", ",", " ", ";", " ", ":", " ", "'", "’")

// eventDescription is the event's text: the description as written (Markdown reads as plain
// text), the online link, and the accepted agenda with its running start times.
func eventDescription(lang string, m *Meeting, agenda []*core.Record) string {
	var parts []string
	if d := strings.TrimSpace(m.Description()); d != "" {
		parts = append(parts, d)
	}
	if m.OnlineLink() != "" {
		parts = append(parts, locales.Tf(lang, "mail.meeting.online", -1, map[string]any{"Link": m.OnlineLink()}))
	}
	if lines := agendaLines(lang, m, agenda); len(lines) > 0 {
		parts = append(parts, locales.T(lang, "calendar.agenda")+"\n"+strings.Join(lines, "\n"))
	}
	return strings.Join(parts, "\n\n")
}

// acceptedAgendas reads the accepted agenda items of the meetings in order, in one query
// (directly: whoever may see the meeting sees its accepted items).
func acceptedAgendas(app core.App, meetings []*Meeting) (map[string][]*core.Record, error) {
	ids := make([]any, 0, len(meetings))
	for _, m := range meetings {
		if m.Dated() {
			ids = append(ids, m.Id)
		}
	}
	out := map[string][]*core.Record{}
	if len(ids) == 0 {
		return out, nil
	}
	var items []*core.Record
	err := app.RecordQuery("agenda_items").
		AndWhere(dbx.In("meeting", ids...)).AndWhere(dbx.HashExp{"status": "accepted"}).
		OrderBy("meeting", "position", "created").All(&items)
	for _, it := range items {
		out[it.GetString("meeting")] = append(out[it.GetString("meeting")], it)
	}
	return out, err
}

// agendaLines writes the agenda one item a line, each with the time it starts when the items
// take their planned minutes one after another: "10:00 Begrüßung", "10:15 Berichte".
func agendaLines(lang string, m *Meeting, items []*core.Record) []string {
	at := m.Starts()
	lines := make([]string, 0, len(items))
	for _, it := range items {
		line := it.GetString("title")
		if !at.IsZero() {
			line = FormatTime(lang, at) + " " + line
			at = at.Add(time.Duration(it.GetInt("duration")) * time.Minute)
		}
		lines = append(lines, line)
	}
	return lines
}

// calendarTokenLength: 40 random characters from 62 (about 238 bits) cannot be guessed.
const calendarTokenLength = 40

// RenewCalendarToken gives u a new secret address for their personal calendar feed; the old
// address stops working.
func RenewCalendarToken(app core.App, u *User) (string, error) {
	token := security.RandomString(calendarTokenLength)
	u.Set("calendar_token", token)
	return token, app.Save(u.Record)
}

// CalendarOwner finds the user whose personal feed token is token (ErrNotFound for none). The
// token is looked up exactly in the database and compared once more in constant time.
func CalendarOwner(app core.App, token string) (*User, error) {
	if len(token) != calendarTokenLength {
		return nil, ErrNotFound
	}
	rec, err := app.FindFirstRecordByData("users", "calendar_token", token)
	if err != nil || subtle.ConstantTimeCompare([]byte(rec.GetString("calendar_token")), []byte(token)) != 1 {
		return nil, ErrNotFound
	}
	return &User{rec}, nil
}

// calendarStatuses are the meetings a calendar shows: fixed (and held) ones, and cancelled ones
// so that subscribed calendars drop them.
const calendarStatuses = `(status = "scheduled" || status = "held" || status = "minutes_approved" || status = "cancelled")`

// CalendarMeetings are the dated meetings auth may see (under the meetings list rule, as on the
// pages and /api/), newest first; publicOnly narrows them to public ones (the public feed).
// Meetings that started more than a year ago are left out: feeds stay small.
func CalendarMeetings(app core.App, auth *core.Record, publicOnly bool, now time.Time) ([]*Meeting, error) {
	filter := calendarStatuses + ` && starts != "" && starts >= {:since}`
	if publicOnly {
		filter += ` && visibility = "public"`
	}
	page, err := List(app, auth, "meetings", Query{Filter: filter, Sort: "-starts",
		Params: dbx.Params{"since": now.AddDate(-1, 0, 0).UTC().Format(types.DefaultDateLayout)}})
	if err != nil {
		return nil, err
	}
	out := make([]*Meeting, len(page.Records))
	for i, r := range page.Records {
		out[i] = &Meeting{r}
	}
	return out, nil
}
