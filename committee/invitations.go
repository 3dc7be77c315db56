package committee

import (
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/locales"
)

// meetingMail is one kind of mail about a meeting, with its calendar file.
type meetingMail struct {
	Subject, Body, File, Method string
}

var (
	// invitationMail goes to every member when a meeting is scheduled.
	invitationMail = &meetingMail{"mail.meeting.invite.subject", "mail.meeting.invite.body", "mail.meeting.invite.file", MethodRequest}
	// changeMail says that the time or the place of a scheduled meeting changed.
	changeMail = &meetingMail{"mail.meeting.change.subject", "mail.meeting.change.body", "mail.meeting.invite.file", MethodRequest}
	// cancelMail calls a scheduled meeting off, and takes it out of calendars.
	cancelMail = &meetingMail{"mail.meeting.cancel.subject", "mail.meeting.cancel.body", "mail.meeting.cancel.file", MethodCancel}
	// reminderMail reminds the people registered two days before.
	reminderMail = &meetingMail{"mail.meeting.reminder.subject", "mail.meeting.reminder.body", "", ""}
)

// pendingMails carries what a meeting's update means (which mail) from the update hook, which
// sees the row before the write, to the hook after the commit, which sends it: a rolled-back
// update must send nothing. Keyed by meeting id.
var pendingMails sync.Map

// bindInvitations sends the meeting mails whoever changes a meeting (the pages, /api/ or the
// dashboard), and starts the reminders job.
func bindInvitations(app core.App) {
	app.OnRecordUpdate("meetings").BindFunc(meetingUpdate)
	app.OnRecordAfterUpdateSuccess("meetings").BindFunc(func(e *core.RecordEvent) error {
		if kind, ok := pendingMails.LoadAndDelete(e.Record.Id); ok {
			if err := sendMeetingMails(e.App, &Meeting{e.Record}, kind.(*meetingMail)); err != nil {
				// The change is saved; each failed mail is in the mail log (the coordinators
				// see it, the page that made the change counts it), not the request's error.
				e.App.Logger().Error("meeting mails", "meeting", e.Record.Id, "error", err)
			}
		}
		return e.Next()
	})
	app.OnRecordAfterUpdateError("meetings").BindFunc(func(e *core.RecordErrorEvent) error {
		pendingMails.Delete(e.Record.Id)
		return e.Next()
	})
	app.Cron().MustAdd("meeting_reminders", "*/15 * * * *", func() {
		if _, err := SendReminders(app, time.Now()); err != nil {
			app.Logger().Error("meeting reminders", "error", err)
		}
	})
}

// meetingUpdate decides which mail an update of a meeting sends, and raises the meeting's
// SEQUENCE before the write when calendars must replace the event they have (new time or
// place, or cancelled), so that the mailed .ics carries the higher number.
//
// It compares with the row as stored, not with e.Record.Original(): Original() keeps what was
// loaded even after a save, so a record saved twice would look changed twice and mail twice.
func meetingUpdate(e *core.RecordEvent) error {
	stored, err := e.App.FindRecordById("meetings", e.Record.Id)
	if err != nil {
		return e.Next() // the write fails or creates nothing to mail about
	}
	kind := meetingChange(&Meeting{stored}, &Meeting{e.Record})
	if kind == changeMail || kind == cancelMail {
		e.Record.Set("sequence", max(stored.GetInt("sequence"), e.Record.GetInt("sequence"))+1)
	}
	// A new start time gets its own reminder; a copy loaded before the reminder went out
	// must not write the old mark back either.
	if !stored.GetDateTime("starts").Equal(e.Record.GetDateTime("starts")) {
		e.Record.Set("reminded", "")
	} else {
		e.Record.Set("reminded", stored.GetDateTime("reminded"))
	}
	if err := e.Next(); err != nil {
		return err
	}
	if kind == nil {
		return nil
	}
	// Saves in one transaction send after its commit: an invitation followed by a change there
	// is still an invitation (with the new facts); one followed by its cancellation, nothing.
	if prev, ok := pendingMails.Load(e.Record.Id); ok && prev == invitationMail {
		switch kind {
		case changeMail:
			return nil
		case cancelMail:
			pendingMails.Delete(e.Record.Id)
			return nil
		}
	}
	pendingMails.Store(e.Record.Id, kind)
	return nil
}

// meetingChange is the mail that going from before to after sends, or nil.
func meetingChange(before, after *Meeting) *meetingMail {
	switch {
	case before.Status() != "scheduled" && after.Status() == "scheduled" && after.Started(time.Now()):
		return nil // scheduled after the fact (confirmed, see ErrDateHasPassed): nobody to invite
	case before.Status() != "scheduled" && after.Status() == "scheduled":
		return invitationMail
	case before.Status() == "scheduled" && after.Status() == "cancelled":
		return cancelMail
	case before.Status() == "scheduled" && after.Status() == "scheduled" && moved(before, after):
		return changeMail
	}
	return nil
}

// moved reports whether the time, the place or the online link changed.
func moved(a, b *Meeting) bool {
	return !a.Starts().Equal(b.Starts()) || !a.Ends().Equal(b.Ends()) || a.PlaceName() != b.PlaceName() ||
		a.PlaceAddress() != b.PlaceAddress() || a.PlaceRoom() != b.PlaceRoom() ||
		a.PlaceAccess() != b.PlaceAccess() || a.OnlineLink() != b.OnlineLink()
}

// sendMeetingMails sends one kind of mail about m: an invitation to every member and
// coordinator; a change or a cancellation to them and to everyone registered (yes or maybe),
// guests without an account included.
func sendMeetingMails(app core.App, m *Meeting, kind *meetingMail) error {
	users, err := invitees(app)
	if err != nil {
		return err
	}
	var guests []calendarUser
	if kind != invitationMail {
		var regs []*User
		if regs, guests, err = registered(app, m.Id); err != nil {
			return err
		}
		users = append(users, regs...)
	}
	_, err = sendToAll(app, m, kind, users, guests)
	return err
}

// sendToAll writes the mail to each person once, in their language, with their own .ics, and
// returns how many it sent.
func sendToAll(app core.App, m *Meeting, kind *meetingMail, users []*User, guests []calendarUser) (int, error) {
	agendas, err := acceptedAgendas(app, []*Meeting{m})
	if err != nil {
		return 0, err
	}
	sent := 0
	seen := map[string]bool{}
	var errs []error
	send := func(who calendarUser, lang string) {
		email := strings.ToLower(who.Email)
		if email == "" || seen[email] {
			return
		}
		seen[email] = true
		l, err := meetingLetter(app, m, kind, lang, agendas[m.Id], who)
		if err == nil {
			err = Send(app, l)
		}
		if err == nil {
			sent++
		}
		errs = append(errs, err)
	}
	for _, u := range users {
		send(calendarUser{Name: u.Name(), Email: u.Email()}, u.Language())
	}
	for _, g := range guests {
		send(g, locales.Normalize(g.Lang)) // the page language the guest registered in
	}
	return sent, errors.Join(errs...)
}

// meetingLetter writes one meeting mail for who in lang: what happened, when and where, the
// agenda with its times, a link to the meeting, and the calendar file.
func meetingLetter(app core.App, m *Meeting, kind *meetingMail, lang string, agenda []*core.Record, who calendarUser) (Letter, error) {
	when := FormatRange(lang, m.Starts(), m.Ends())
	l := Letter{To: who.Email, Name: who.Name, Lang: lang, Subject: kind.Subject, Body: kind.Body,
		Data:   map[string]any{"Title": m.Title(), "When": when},
		Action: "mail.meeting.action", Link: URL(app, "/meetings/"+m.Id), About: "meetings/" + m.Id}
	l.Lines = append(l.Lines, locales.Tf(lang, "mail.meeting.when", -1, map[string]any{"When": when}))
	if kind != cancelMail {
		if p := m.Place(); p != "" {
			l.Lines = append(l.Lines, locales.Tf(lang, "mail.meeting.where", -1, map[string]any{"Where": p}))
		}
		if m.OnlineLink() != "" {
			l.Lines = append(l.Lines, locales.Tf(lang, "mail.meeting.online", -1, map[string]any{"Link": m.OnlineLink()}))
		}
		if m.PlaceAccess() != "" {
			l.Lines = append(l.Lines, locales.Tf(lang, "mail.meeting.access", -1, map[string]any{"Access": m.PlaceAccess()}))
		}
		if lines := agendaLines(lang, m, agenda); len(lines) > 0 {
			l.Lines = append(append(l.Lines, "", locales.T(lang, "calendar.agenda")+":"), lines...)
		}
	}
	if kind.Method != "" {
		data, err := writeICS(app, kind.Method, []*Meeting{m}, lang, &who)
		if err != nil {
			return l, err
		}
		l.Attachments = []Attachment{{Name: locales.T(lang, kind.File), Data: data}}
	}
	return l, nil
}

// invitees are the people every invitation goes to: the members and the coordinators.
func invitees(app core.App) ([]*User, error) {
	recs, err := app.FindAllRecords("users", dbx.Or(dbx.HashExp{"member": true}, dbx.HashExp{"coordinator": true}))
	return asUsers(recs), err
}

// registered are the people confirmed for a meeting who answered yes or maybe: users, and
// guests who registered with a name and an e-mail address.
func registered(app core.App, meetingID string) ([]*User, []calendarUser, error) {
	var regs []*core.Record
	err := app.RecordQuery("registrations").
		AndWhere(dbx.HashExp{"meeting": meetingID, "status": "confirmed", "answer": []any{"yes", "maybe"}}).
		OrderBy("created").All(&regs)
	if err != nil {
		return nil, nil, err
	}
	var userIDs []any
	var guests []calendarUser
	for _, r := range regs {
		if id := r.GetString("user"); id != "" {
			userIDs = append(userIDs, id)
		} else if r.GetString("email") != "" {
			guests = append(guests, calendarUser{Name: r.GetString("name"), Email: r.GetString("email"), Lang: r.GetString("language")})
		}
	}
	if len(userIDs) == 0 {
		return nil, guests, nil
	}
	recs, err := app.FindAllRecords("users", dbx.In("id", userIDs...))
	return asUsers(recs), guests, err
}

func asUsers(recs []*core.Record) []*User {
	out := make([]*User, len(recs))
	for i, r := range recs {
		out[i] = &User{r}
	}
	return out
}

// SendReminders reminds the people registered for scheduled meetings that start within the
// next 48 hours from now, once per meeting (the hidden "reminded" date), and returns how many
// mails it sent. A cron job runs it every 15 minutes.
func SendReminders(app core.App, now time.Time) (int, error) {
	from, err := types.ParseDateTime(now)
	if err != nil {
		return 0, err
	}
	until, err := types.ParseDateTime(now.Add(48 * time.Hour))
	if err != nil {
		return 0, err
	}
	var due []*core.Record
	err = app.RecordQuery("meetings").AndWhere(dbx.HashExp{"status": "scheduled", "reminded": ""}).
		AndWhere(dbx.NewExp("starts > {:from} AND starts <= {:until}", dbx.Params{"from": from.String(), "until": until.String()})).
		OrderBy("starts").All(&due)
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for _, rec := range due {
		// Marked first, directly (no hooks, no "updated"): a mail that fails is not retried to
		// everyone who already has it.
		if _, err := app.DB().Update("meetings", dbx.Params{"reminded": from.String()}, dbx.HashExp{"id": rec.Id}).Execute(); err != nil {
			return sent, err
		}
		users, guests, err := registered(app, rec.Id)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n, err := sendToAll(app, &Meeting{rec}, reminderMail, users, guests)
		sent += n
		errs = append(errs, err)
	}
	return sent, errors.Join(errs...)
}
