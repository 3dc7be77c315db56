package committee

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// RegistrationInput is the registration form. Name and Email are for guests without an account.
type RegistrationInput struct {
	Answer, Organisation, People, Interpreting, Children, AccessNeeds string
	Wheelchair                                                        bool
	Name, Email                                                       string

	people, children int
}

// Validate checks the form; userID is "" for a guest.
func (in *RegistrationInput) Validate(app core.App, userID string) Errors {
	errs := Errors{}
	if in.Answer == "" {
		errs.Add("answer", "error.required")
	}
	errs.OneOf("answer", in.Answer, RegistrationAnswers)
	in.people = errs.Int("people", in.People, 1, 20)
	if in.people == 0 && in.People == "" {
		in.people = 1
	}
	errs.OneOf("interpreting", in.Interpreting, Languages)
	in.children = errs.Int("children", in.Children, 0, 20)
	errs.MaxLen("access_needs", in.AccessNeeds, 1000)
	if userID == "" {
		errs.Required("name", in.Name, 200)
		if in.Email == "" {
			errs.Add("email", "error.required")
		}
		errs.Email("email", in.Email)
		if in.Organisation != "" && !exists(app, "organisations", in.Organisation) {
			errs.Add("organisation", "error.choice")
		}
	} else if in.Organisation != "" && !representsOrBelongs(app, userID, in.Organisation) {
		errs.Add("organisation", "error.choice")
	}
	return errs
}

func (in *RegistrationInput) apply(rec *core.Record) {
	rec.Set("answer", in.Answer)
	rec.Set("organisation", in.Organisation)
	rec.Set("people", in.people)
	rec.Set("interpreting", in.Interpreting)
	rec.Set("children", in.children)
	rec.Set("wheelchair", in.Wheelchair)
	rec.Set("access_needs", strings.TrimSpace(in.AccessNeeds))
}

// RegistrationInputOf fills the form from a registration.
func RegistrationInputOf(rec *core.Record) RegistrationInput {
	return RegistrationInput{Answer: rec.GetString("answer"), Organisation: rec.GetString("organisation"),
		People: rec.GetString("people"), Interpreting: rec.GetString("interpreting"), Children: rec.GetString("children"),
		AccessNeeds: rec.GetString("access_needs"), Wheelchair: rec.GetBool("wheelchair")}
}

// Open reports whether the meeting takes registrations: scheduled and not over.
func (m *Meeting) Open() bool {
	return m.Status() == "scheduled" && m.Dated() && m.Ends().After(time.Now())
}

// TakesGuests reports whether people without an account may register: public events.
func (m *Meeting) TakesGuests() bool { return m.Kind() == "public_event" && m.Public() }

// MyRegistration is u's registration for m, or nil.
func MyRegistration(app core.App, u *User, m *Meeting) *core.Record {
	if u == nil {
		return nil
	}
	rec, err := app.FindFirstRecordByFilter("registrations", "meeting = {:m} && user = {:u}", dbx.Params{"m": m.Id, "u": u.Id})
	if err != nil {
		return nil
	}
	return rec
}

// RegisterFor saves u's registration (a new one or a change). With a capacity, a "yes" that does
// not fit goes onto the waiting list; places that a change frees go to the waiting list, whose
// people are mailed. It returns the registration's status.
func RegisterFor(app core.App, u *User, m *Meeting, in RegistrationInput) (string, error) {
	if u == nil {
		return "", ErrForbidden
	}
	if !m.Open() {
		return "", Errors{"form": "registration.error.closed"}
	}
	if errs := in.Validate(app, u.Id); errs.Any() {
		return "", errs
	}
	var status string
	var movedUp []*core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindFirstRecordByFilter("registrations", "meeting = {:m} && user = {:u}", dbx.Params{"m": m.Id, "u": u.Id})
		if err != nil {
			coll, err := tx.FindCachedCollectionByNameOrId("registrations")
			if err != nil {
				return err
			}
			rec = core.NewRecord(coll)
			rec.Set("meeting", m.Id)
			rec.Set("user", u.Id)
		}
		hadPlace := rec.GetString("status") == "confirmed" && rec.GetString("answer") == "yes"
		in.apply(rec)
		rec.Set("status", seatStatus(tx, m, rec))
		if hadPlace && rec.GetString("status") == "waiting" {
			// More people than fit: keep the place there is rather than lose it to the list.
			return Errors{"people": "registration.error.no_room"}
		}
		if err := tx.Save(rec); err != nil {
			return err
		}
		status = rec.GetString("status")
		movedUp, err = moveUp(tx, m)
		return err
	})
	if err != nil {
		return "", FromSaveError(err)
	}
	notifyMovedUp(app, m, movedUp)
	return status, nil
}

// seatStatus is "confirmed" when rec fits (or takes no seat), else "waiting".
func seatStatus(tx core.App, m *Meeting, rec *core.Record) string {
	if rec.GetString("answer") != "yes" || m.Capacity() == 0 {
		return "confirmed"
	}
	if seatsTaken(tx, m.Id, rec.Id)+rec.GetInt("people") <= m.Capacity() {
		return "confirmed"
	}
	return "waiting"
}

// seatsTaken counts the people of confirmed "yes" registrations, except one registration.
func seatsTaken(app core.App, meetingID, except string) int {
	n := 0
	_ = app.DB().Select("COALESCE(SUM(people), 0)").From("registrations").
		Where(dbx.HashExp{"meeting": meetingID, "status": "confirmed", "answer": "yes"}).
		AndWhere(dbx.Not(dbx.HashExp{"id": except})).Row(&n)
	return n
}

// SeatsLeft is the number of free places, or -1 without a capacity.
func SeatsLeft(app core.App, m *Meeting) int {
	if m.Capacity() == 0 {
		return -1
	}
	return max(0, m.Capacity()-seatsTaken(app, m.Id, ""))
}

// moveUp confirms waiting registrations, first come first served, while they fit.
func moveUp(tx core.App, m *Meeting) ([]*core.Record, error) {
	waiting, err := tx.FindRecordsByFilter("registrations", "meeting = {:m} && status = 'waiting'", "created", 0, 0, dbx.Params{"m": m.Id})
	if err != nil {
		return nil, err
	}
	var moved []*core.Record
	free := math.MaxInt // no limit (any more): everyone waiting moves up
	if m.Capacity() > 0 {
		free = m.Capacity() - seatsTaken(tx, m.Id, "")
	}
	for _, r := range waiting {
		if r.GetInt("people") > free {
			continue
		}
		r.Set("status", "confirmed")
		if err := tx.Save(r); err != nil {
			return nil, err
		}
		free -= r.GetInt("people")
		moved = append(moved, r)
	}
	return moved, nil
}

// notifyMovedUp mails the people who got a place from the waiting list.
func notifyMovedUp(app core.App, m *Meeting, moved []*core.Record) {
	for _, r := range moved {
		l := Letter{Subject: "mail.moved_up.subject", Body: "mail.moved_up.body", Data: map[string]any{"Meeting": m.Title()},
			Action: "mail.moved_up.action", Link: URL(app, "/meetings/"+m.Id), About: "meetings/" + m.Id}
		if uid := r.GetString("user"); uid != "" {
			if ur, err := app.FindRecordById("users", uid); err == nil {
				_ = SendTo(app, &User{ur}, l)
			}
			continue
		}
		l.To, l.Name, l.Lang = r.GetString("email"), r.GetString("name"), r.GetString("language")
		_ = Send(app, l)
	}
}

// RegisterGuest takes a registration without an account for a public event and mails a
// confirmation link; the place counts once the link is opened. lang is the page's language.
// When the mail fails, the registration is kept and the answer is ErrMail: the same address
// again mails the link again.
func RegisterGuest(app core.App, m *Meeting, in RegistrationInput, lang string) error {
	if !m.TakesGuests() {
		return ErrForbidden
	}
	if !m.Open() {
		return Errors{"form": "registration.error.closed"}
	}
	if errs := in.Validate(app, ""); errs.Any() {
		return errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("registrations")
	if err != nil {
		return err
	}
	email := strings.ToLower(in.Email)
	var rec *core.Record
	err = app.RunInTransaction(func(tx core.App) error {
		existing, err := tx.FindFirstRecordByFilter("registrations", "meeting = {:m} && user = '' && email = {:e}",
			dbx.Params{"m": m.Id, "e": email})
		switch {
		case err == nil && existing.GetString("answer") != "no":
			// Whoever knows an address must not change its registration: the owner gets the
			// link again, which shows the registration and takes it back.
			rec = existing
			return nil
		case err == nil:
			rec = existing // taken back before: a new registration, confirmed by the link again
		default:
			rec = core.NewRecord(coll)
			rec.Set("meeting", m.Id)
		}
		in.apply(rec)
		rec.Set("status", "unconfirmed")
		rec.Set("name", strings.TrimSpace(in.Name))
		rec.Set("email", email)
		rec.Set("language", lang)
		rec.Set("token", security.RandomString(40))
		return tx.Save(rec)
	})
	if err != nil {
		return FromSaveError(err)
	}
	return mailFailed(app, Send(app, Letter{To: email, Name: rec.GetString("name"), Lang: lang, Subject: "mail.guest.subject",
		Body: "mail.guest.body", Data: map[string]any{"Meeting": m.Title()}, Action: "mail.guest.action",
		Link: URL(app, "/registrations/confirm/"+rec.GetString("token"))}))
}

// GuestRegistration is the registration and meeting of a guest's mailed link.
func GuestRegistration(app core.App, token string) (*core.Record, *Meeting, error) {
	if len(token) < 30 {
		return nil, nil, ErrNotFound
	}
	rec, err := app.FindFirstRecordByFilter("registrations", "token = {:t}", dbx.Params{"t": token})
	if err != nil {
		return nil, nil, ErrNotFound
	}
	mr, err := app.FindRecordById("meetings", rec.GetString("meeting"))
	if err != nil {
		return nil, nil, ErrNotFound
	}
	return rec, &Meeting{mr}, nil
}

// ConfirmGuest confirms a guest's registration from the mailed link: a place, or the waiting
// list when the event is full. Opening the link again changes nothing.
func ConfirmGuest(app core.App, token string) (*Meeting, string, error) {
	if len(token) < 30 {
		return nil, "", ErrNotFound
	}
	var m *Meeting
	var status string
	err := app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindFirstRecordByFilter("registrations", "token = {:t}", dbx.Params{"t": token})
		if err != nil {
			return ErrNotFound
		}
		mr, err := tx.FindRecordById("meetings", rec.GetString("meeting"))
		if err != nil {
			return ErrNotFound
		}
		m = &Meeting{mr}
		if !m.Open() {
			return Errors{"form": "registration.error.closed"}
		}
		if rec.GetString("status") == "unconfirmed" {
			rec.Set("status", seatStatus(tx, m, rec))
			if err := tx.Save(rec); err != nil {
				return err
			}
		}
		status = rec.GetString("status")
		return nil
	})
	return m, status, err
}

// RegistrationRow is one registration as the organisers see it.
type RegistrationRow struct {
	ID, Name, Email, Organisation, Answer, Status, Interpreting, AccessNeeds string
	People, Children                                                         int
	Wheelchair                                                               bool
}

// Count is a value with how often it occurs.
type Count struct {
	Value string
	N     int
}

// Sums are what organisers plan with: the confirmed "yes" registrations and their needs.
type Sums struct {
	Yes, Maybe, No, Waiting, Unconfirmed int
	People, Children, Wheelchair, Needs  int
	Interpreting                         []Count // language → registrations needing it
}

// Registrations reads the registrations auth may see (organisers: all; others: their own) with
// the sums of those that count.
func Registrations(app core.App, auth *core.Record, m *Meeting) ([]RegistrationRow, Sums, error) {
	recs, err := All(app, auth, "registrations", Query{Filter: "meeting = {:m}", Params: dbx.Params{"m": m.Id}, Sort: "created"})
	var sums Sums
	if err != nil {
		return nil, sums, err
	}
	var users, orgs []string
	for _, r := range recs {
		users = append(users, r.GetString("user"))
		orgs = append(orgs, r.GetString("organisation"))
	}
	names, orgNames := namesOf(app, "users", "name", users), namesOf(app, "organisations", "name", orgs)
	langs := map[string]int{}
	rows := make([]RegistrationRow, 0, len(recs))
	for _, r := range recs {
		row := RegistrationRow{ID: r.Id, Name: r.GetString("name"), Email: r.GetString("email"),
			Organisation: orgNames[r.GetString("organisation")], Answer: r.GetString("answer"), Status: r.GetString("status"),
			Interpreting: r.GetString("interpreting"), AccessNeeds: r.GetString("access_needs"),
			People: r.GetInt("people"), Children: r.GetInt("children"), Wheelchair: r.GetBool("wheelchair")}
		if n := names[r.GetString("user")]; n != "" {
			row.Name = n
		}
		rows = append(rows, row)
		switch {
		case row.Status == "unconfirmed":
			sums.Unconfirmed++
			continue
		case row.Status == "waiting":
			sums.Waiting++
			continue
		case row.Answer == "maybe":
			sums.Maybe++
			continue
		case row.Answer == "no":
			sums.No++
			continue
		}
		sums.Yes++
		sums.People += row.People
		sums.Children += row.Children
		if row.Wheelchair {
			sums.Wheelchair++
		}
		if row.AccessNeeds != "" {
			sums.Needs++
		}
		if row.Interpreting != "" {
			langs[row.Interpreting]++
		}
	}
	for lang, n := range langs {
		sums.Interpreting = append(sums.Interpreting, Count{lang, n})
	}
	sort.Slice(sums.Interpreting, func(i, j int) bool {
		a, b := sums.Interpreting[i], sums.Interpreting[j]
		return a.N > b.N || (a.N == b.N && a.Value < b.Value)
	})
	return rows, sums, nil
}

// CancelGuest takes back a guest's registration from the mailed link: the place goes to the
// waiting list, whose people are mailed.
func CancelGuest(app core.App, token string) (*Meeting, error) {
	if len(token) < 30 {
		return nil, ErrNotFound
	}
	var m *Meeting
	var movedUp []*core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindFirstRecordByFilter("registrations", "token = {:t}", dbx.Params{"t": token})
		if err != nil {
			return ErrNotFound
		}
		mr, err := tx.FindRecordById("meetings", rec.GetString("meeting"))
		if err != nil {
			return ErrNotFound
		}
		m = &Meeting{mr}
		if !m.Open() {
			return Errors{"form": "registration.error.closed"}
		}
		rec.Set("answer", "no")
		rec.Set("status", "confirmed")
		if err := tx.Save(rec); err != nil {
			return err
		}
		movedUp, err = moveUp(tx, m)
		return err
	})
	if err != nil {
		return nil, err
	}
	notifyMovedUp(app, m, movedUp)
	return m, nil
}
