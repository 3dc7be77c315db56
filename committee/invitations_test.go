package committee_test

import (
	"errors"
	"io"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"komitee/committee"
	"komitee/internal/testkit"
)

// sentMail is one captured mail with its calendar file read back.
type sentMail struct {
	msg  *mailer.Message
	file string // attachment name
	cal  *ical.Calendar
}

// takeMails returns the captured mails by recipient and empties the mailer.
func takeMails(t *testing.T, k *testkit.Kit) map[string]sentMail {
	t.Helper()
	out := map[string]sentMail{}
	for _, msg := range k.App.TestMailer.Messages() {
		s := sentMail{msg: msg}
		for name, r := range msg.Attachments {
			data, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			s.file, s.cal = name, parseICS(t, data)
		}
		to := msg.To[0].Address
		if _, dup := out[to]; dup {
			t.Fatalf("two mails to %s", to)
		}
		out[to] = s
	}
	k.App.TestMailer.Reset()
	return out
}

func recipients(mails map[string]sentMail) string {
	var to []string
	for a := range mails {
		to = append(to, a)
	}
	sort.Strings(to)
	return strings.Join(to, " ")
}

func registration(t *testing.T, k *testkit.Kit, m *committee.Meeting, user *core.Record, name, email, answer, status string) {
	t.Helper()
	f := map[string]any{"meeting": m.Id, "name": name, "email": email, "answer": answer, "status": status, "people": 1}
	if user != nil {
		f["user"] = user.Id
	}
	k.Record(t, "registrations", f)
}

// TestInvitationChangeCancellation follows one meeting: scheduled (invitations to members and
// coordinators), moved (a change to them and to the people registered), saved again unchanged
// (nothing), cancelled. The calendar files keep the UID and raise the SEQUENCE.
func TestInvitationChangeCancellation(t *testing.T) {
	k := testkit.New(t)
	settings := k.App.Settings()
	settings.Meta.SenderAddress = "komitee@example.org"
	if err := k.App.Save(settings); err != nil {
		t.Fatal(err)
	}
	m := calMeeting(t, k, "date_finding", "2027-03-28", "10:00", "12:00", map[string]any{"title": "Sitzung <Komitee> & Partner",
		"place_access": "Rampe am Seiteneingang", "online_link": "https://meet.example.org/k"})
	calAgendaItem(t, k, m, 1, "Begrüßung & <Kaffee>", 15, "accepted")
	calAgendaItem(t, k, m, 2, "Berichte", 30, "accepted")
	calAgendaItem(t, k, m, 3, "Nur ein Vorschlag", 30, "suggested")
	registration(t, k, m, k.Registered, "", "", "yes", "confirmed")
	registration(t, k, m, nil, "Gustav Gast", "gast@example.org", "maybe", "confirmed")
	registration(t, k, m, nil, "Nina Nein", "nein@example.org", "no", "confirmed")
	registration(t, k, m, nil, "Ute Unbestätigt", "offen@example.org", "yes", "unconfirmed")
	k.App.TestMailer.Reset()

	// Scheduled: every member and coordinator, each in their language.
	m.Set("status", "scheduled")
	if err := k.App.Save(m.Record); err != nil {
		t.Fatal(err)
	}
	invites := takeMails(t, k)
	if got := recipients(invites); got != "coord@example.org deputy@example.org member@example.org rep@example.org" {
		t.Fatalf("invitations to %s", got)
	}
	de, en, ar := invites["member@example.org"], invites["deputy@example.org"], invites["rep@example.org"]
	if de.msg.Subject != "Einladung: Sitzung <Komitee> & Partner" || en.msg.Subject != "Invitation: Sitzung <Komitee> & Partner" ||
		!strings.HasPrefix(ar.msg.Subject, "دعوة: ") {
		t.Fatalf("subjects: %q %q %q", de.msg.Subject, en.msg.Subject, ar.msg.Subject)
	}
	if de.file != "einladung.ics" || en.file != "invitation.ics" {
		t.Fatalf("attachments %q %q", de.file, en.file)
	}
	for _, want := range []string{"Wann: Sonntag, 28. März 2027, 10:00–12:00 Uhr", "Wo: Rathaus, Saal 2, Markt 1, 02625 Bautzen",
		"Online: https://meet.example.org/k", "Barrierefreiheit: Rampe am Seiteneingang",
		"Tagesordnung:\n10:00 Begrüßung & <Kaffee>\n10:15 Berichte\n\n", "/meetings/" + m.Id} {
		if !strings.Contains(de.msg.Text, want) {
			t.Errorf("text part lacks %q:\n%s", want, de.msg.Text)
		}
	}
	if strings.Contains(de.msg.Text, "Nur ein Vorschlag") || strings.Contains(de.msg.HTML, "<Kaffee>") ||
		!strings.Contains(de.msg.HTML, "10:00 Begrüßung &amp; &lt;Kaffee&gt;<br>") || !strings.Contains(de.msg.HTML, "Sitzung &lt;Komitee&gt;") {
		t.Errorf("HTML part not escaped, or a suggested item shown:\n%s", de.msg.HTML)
	}
	if !strings.Contains(en.msg.Text, "When: Sunday, 28 March 2027, 10:00–12:00") || !strings.Contains(ar.msg.HTML, `dir="rtl"`) {
		t.Error("English or Arabic invitation not in its language")
	}
	ev := de.cal.Events()[0]
	uid := icsText(t, ev.Props, ical.PropUID)
	if icsText(t, de.cal.Props, ical.PropMethod) != "REQUEST" || ev.Props.Get(ical.PropAttendee).Value != "mailto:member@example.org" ||
		ev.Props.Get(ical.PropOrganizer).Value != "mailto:komitee@example.org" || uid != m.Id+"@"+uidHostOf(k) {
		t.Fatalf("invitation file: %v", ev.Props)
	}
	if seq, _ := ev.Props.Get(ical.PropSequence).Int(); seq != 0 {
		t.Fatalf("first invitation SEQUENCE %d", seq)
	}

	// Moved by an hour: a change to the invited and to the people registered yes or maybe.
	m.Set("starts", wallTime(t, "2027-03-28", "11:00"))
	m.Set("ends", wallTime(t, "2027-03-28", "13:00"))
	if err := k.App.Save(m.Record); err != nil {
		t.Fatal(err)
	}
	changes := takeMails(t, k)
	if got := recipients(changes); got != "coord@example.org deputy@example.org gast@example.org member@example.org registered@example.org rep@example.org" {
		t.Fatalf("changes to %s", got)
	}
	guest := changes["gast@example.org"]
	if guest.msg.Subject != "Geändert: Sitzung <Komitee> & Partner" || guest.msg.To[0].Name != "Gustav Gast" ||
		!strings.Contains(guest.msg.Text, "Wann: Sonntag, 28. März 2027, 11:00–13:00 Uhr") || !strings.Contains(guest.msg.Text, "11:00 Begrüßung") {
		t.Fatalf("change mail to the guest:\n%s\n%s", guest.msg.Subject, guest.msg.Text)
	}
	ev = guest.cal.Events()[0]
	start, _ := ev.DateTimeStart(nil)
	if seq, _ := ev.Props.Get(ical.PropSequence).Int(); seq != 1 || icsText(t, ev.Props, ical.PropUID) != uid ||
		!start.Equal(time.Date(2027, 3, 28, 9, 0, 0, 0, time.UTC)) || ev.Props.Get(ical.PropAttendee).Value != "mailto:gast@example.org" {
		t.Fatalf("change file: SEQUENCE %d, UID %q, start %s", seq, icsText(t, ev.Props, ical.PropUID), start)
	}
	if stored, _ := k.App.FindRecordById("meetings", m.Id); stored.GetInt("sequence") != 1 {
		t.Fatalf("stored SEQUENCE %d", stored.GetInt("sequence"))
	}

	// The same record saved again, and a new description: no mail, no new SEQUENCE.
	if err := k.App.Save(m.Record); err != nil {
		t.Fatal(err)
	}
	m.Set("description", "Neu")
	if err := k.App.Save(m.Record); err != nil {
		t.Fatal(err)
	}
	if n := k.App.TestMailer.TotalSend(); n != 0 || m.Sequence() != 1 {
		t.Fatalf("%d mails and SEQUENCE %d after saves that move nothing", n, m.Sequence())
	}

	// Cancelled: METHOD:CANCEL with the same UID and a higher SEQUENCE.
	m.Set("status", "cancelled")
	if err := k.App.Save(m.Record); err != nil {
		t.Fatal(err)
	}
	cancels := takeMails(t, k)
	if len(cancels) != 6 {
		t.Fatalf("cancellations to %s", recipients(cancels))
	}
	c := cancels["member@example.org"]
	ev = c.cal.Events()[0]
	if c.msg.Subject != "Abgesagt: Sitzung <Komitee> & Partner" || c.file != "absage.ics" ||
		icsText(t, c.cal.Props, ical.PropMethod) != "CANCEL" || icsText(t, ev.Props, ical.PropStatus) != "CANCELLED" ||
		icsText(t, ev.Props, ical.PropUID) != uid {
		t.Fatalf("cancellation: %q %q %v", c.msg.Subject, c.file, ev.Props)
	}
	if seq, _ := ev.Props.Get(ical.PropSequence).Int(); seq != 2 {
		t.Fatalf("cancellation SEQUENCE %d, want 2", seq)
	}
}

// TestInvitationRolledBack: a meeting scheduled in a transaction that fails sends nothing, then
// or later.
func TestInvitationRolledBack(t *testing.T) {
	k := testkit.New(t)
	m := calMeeting(t, k, "date_finding", "2027-03-28", "10:00", "12:00", nil)
	err := k.App.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindRecordById("meetings", m.Id)
		if err != nil {
			return err
		}
		rec.Set("status", "scheduled")
		if err := tx.Save(rec); err != nil {
			return err
		}
		return errors.New("something else failed")
	})
	if err == nil || k.App.TestMailer.TotalSend() != 0 {
		t.Fatalf("rolled back: %v, %d mails", err, k.App.TestMailer.TotalSend())
	}
	m.Set("title", "Anderer Titel")
	if err := k.App.Save(m.Record); err != nil || k.App.TestMailer.TotalSend() != 0 {
		t.Fatalf("a later save sent the rolled-back invitation: %v", err)
	}
	// Scheduled in a transaction that commits: sent once, after the commit.
	err = k.App.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindRecordById("meetings", m.Id)
		if err != nil {
			return err
		}
		rec.Set("status", "scheduled")
		if err := tx.Save(rec); err != nil {
			return err
		}
		rec.Set("place_room", "Saal 3")
		if err := tx.Save(rec); err != nil {
			return err
		}
		if k.App.TestMailer.TotalSend() != 0 {
			t.Error("mail sent before the commit")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mails := takeMails(t, k)
	if len(mails) != 4 || !strings.HasPrefix(mails["member@example.org"].msg.Subject, "Einladung") ||
		!strings.Contains(mails["member@example.org"].msg.Text, "Saal 3") {
		t.Fatalf("after the commit: %s", recipients(mails))
	}
}

// TestSendReminders: two days before, the people registered yes or maybe hear once.
func TestSendReminders(t *testing.T) {
	k := testkit.New(t)
	now := wallTime(t, "2027-03-26", "10:00")
	soon := calMeeting(t, k, "scheduled", "2027-03-28", "09:00", "11:00", nil)  // 46 h later (the clocks change between)
	later := calMeeting(t, k, "scheduled", "2027-03-28", "12:00", "13:00", nil) // 49 h
	off := calMeeting(t, k, "cancelled", "2027-03-27", "10:00", "11:00", nil)
	past := calMeeting(t, k, "scheduled", "2027-03-26", "09:00", "11:00", nil)
	for _, m := range []*committee.Meeting{soon, later, off, past} {
		registration(t, k, m, k.Member, "", "", "yes", "confirmed")
	}
	registration(t, k, soon, k.Deputy, "", "", "maybe", "confirmed")
	registration(t, k, soon, k.Rep, "", "", "no", "confirmed")
	registration(t, k, soon, k.Registered, "", "", "yes", "waiting")
	registration(t, k, soon, nil, "Gustav Gast", "gast@example.org", "yes", "confirmed")
	k.App.TestMailer.Reset()

	n, err := committee.SendReminders(k.App, now)
	if err != nil || n != 3 {
		t.Fatalf("SendReminders = %d, %v; want 3", n, err)
	}
	mails := takeMails(t, k)
	if got := recipients(mails); got != "deputy@example.org gast@example.org member@example.org" {
		t.Fatalf("reminders to %s", got)
	}
	if m := mails["member@example.org"].msg; m.Subject != "Erinnerung: Sitzung des Komitees" ||
		!strings.Contains(m.Text, "Wann: Sonntag, 28. März 2027, 09:00–11:00 Uhr") || len(m.Attachments) != 0 {
		t.Fatalf("reminder: %q\n%s", m.Subject, m.Text)
	}
	if n, err := committee.SendReminders(k.App, now.Add(15*time.Minute)); err != nil || n != 0 {
		t.Fatalf("second run sent %d, %v", n, err)
	}
	if rec, _ := k.App.FindRecordById("meetings", soon.Id); rec.GetDateTime("reminded").IsZero() {
		t.Fatal("reminded not set")
	}
	// An hour later the second meeting is within 48 hours.
	if n, err := committee.SendReminders(k.App, now.Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("later run sent %d, %v; want 1", n, err)
	}
}
