package committee

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Berlin on machines and containers without a zoneinfo database

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Berlin is the committee's time zone: times are stored in UTC and shown in it.
var Berlin = mustLocation("Europe/Berlin")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Meeting is a committee meeting, a working-group meeting or a public event.
type Meeting struct{ *core.Record }

func (m *Meeting) Title() string           { return m.GetString("title") }
func (m *Meeting) Kind() string            { return m.GetString("kind") }
func (m *Meeting) Status() string          { return m.GetString("status") }
func (m *Meeting) Visibility() string      { return m.GetString("visibility") }
func (m *Meeting) Description() string     { return m.GetString("description") }
func (m *Meeting) PlaceName() string       { return m.GetString("place_name") }
func (m *Meeting) PlaceAddress() string    { return m.GetString("place_address") }
func (m *Meeting) PlaceRoom() string       { return m.GetString("place_room") }
func (m *Meeting) PlaceAccess() string     { return m.GetString("place_access") }
func (m *Meeting) OnlineLink() string      { return m.GetString("online_link") }
func (m *Meeting) Capacity() int           { return m.GetInt("capacity") }
func (m *Meeting) Sequence() int           { return m.GetInt("sequence") }
func (m *Meeting) MinutesAudience() string { return m.GetString("minutes_audience") }
func (m *Meeting) Organisers() []string    { return m.GetStringSlice("organisers") }
func (m *Meeting) Public() bool            { return m.Visibility() == "public" }

// FindingDate reports whether the meeting is in date finding, when a date can be fixed.
func (m *Meeting) FindingDate() bool { return m.Status() == "date_finding" }

// Starts and Ends are the meeting's times in UTC (zero while no date is fixed).
func (m *Meeting) Starts() time.Time { return m.GetDateTime("starts").Time() }
func (m *Meeting) Ends() time.Time   { return m.GetDateTime("ends").Time() }

// Dated reports whether the meeting has a fixed time.
func (m *Meeting) Dated() bool { return !m.Starts().IsZero() }

// Started reports whether the meeting's start has come at now. Only then can it be marked as
// held; scheduling one that has started (its date has passed) needs the organiser's
// confirmation, and invites nobody.
func (m *Meeting) Started(now time.Time) bool { return m.Dated() && !m.Starts().After(now) }

// Place is the place on one line: name, room, address.
func (m *Meeting) Place() string {
	s := ""
	for _, p := range []string{m.PlaceName(), m.PlaceRoom(), m.PlaceAddress()} {
		if p == "" {
			continue
		}
		if s != "" {
			s += ", "
		}
		s += p
	}
	return s
}

// MeetingPeople are the people who may present an item or answer for an action item of m, by
// name: the coordinators, the meeting's organisers, and whoever answered its date finding,
// registered or came. A bounded list, where all members would be thousands of choices.
func MeetingPeople(app core.App, m *Meeting) []Option {
	var out []Option
	// One UNION of ids, each part read through an index, then their names: an OR of the parts
	// would read every user.
	_ = app.DB().NewQuery(`SELECT id AS value, name AS label FROM users WHERE id IN (
		SELECT id FROM users WHERE coordinator = TRUE
		UNION SELECT value FROM json_each((SELECT managers FROM meetings WHERE id = {:m}))
		UNION SELECT user FROM date_answers WHERE meeting = {:m}
		UNION SELECT user FROM registrations WHERE meeting = {:m} AND user != '' AND answer != 'no'
		UNION SELECT user FROM attendance WHERE meeting = {:m} AND user != '')
		ORDER BY name`).Bind(dbx.Params{"m": m.Id}).All(&out)
	return out
}

// OrganiserNames names the organising organisations of m that are listed in the directory.
func OrganiserNames(app core.App, m *Meeting) []string {
	var names []string
	ids := toAny(m.Organisers())
	if len(ids) == 0 {
		return nil
	}
	_ = app.DB().Select("name").From("organisations").Where(dbx.In("id", ids...)).
		AndWhere(dbx.In("status", "member", "partner")).OrderBy("name").Column(&names)
	return names
}

// GroupOf is the report group of an organisation kind: migrant self-organisations (MSOs and
// migrant initiatives), public authorities, and other partners.
func GroupOf(kind string) string {
	switch kind {
	case "mso", "migrant_initiative":
		return "mso"
	case "authority":
		return "authority"
	case "":
		return "individual"
	}
	return "partner"
}

// MeetingInput is the meeting form. Dates are Berlin wall times as typed; the date may stay
// empty while it is still to be found.
type MeetingInput struct {
	Title, Kind, Visibility, Description                        string
	Date, Start, End                                            string
	PlaceName, PlaceAddress, PlaceRoom, PlaceAccess, OnlineLink string
	Capacity                                                    string
	Organisers                                                  []string

	starts, ends time.Time
	capacity     int
}

// Validate checks the form and reads its times.
func (in *MeetingInput) Validate(app core.App) Errors {
	errs := Errors{}
	errs.Required("title", in.Title, 200)
	if in.Kind == "" {
		errs.Add("kind", "error.required")
	}
	errs.OneOf("kind", in.Kind, MeetingKinds)
	if in.Visibility == "" {
		errs.Add("visibility", "error.required")
	}
	errs.OneOf("visibility", in.Visibility, MeetingVisibilities)
	errs.MaxLen("description", in.Description, 20000)
	errs.MaxLen("place_name", in.PlaceName, 200)
	errs.MaxLen("place_address", in.PlaceAddress, 300)
	errs.MaxLen("place_room", in.PlaceRoom, 100)
	errs.MaxLen("place_access", in.PlaceAccess, 1000)
	errs.URL("online_link", in.OnlineLink)
	in.capacity = errs.Int("capacity", in.Capacity, 0, 100000)
	in.starts, in.ends = errs.TimeSpan(in.Date, in.Start, in.End, false)
	if len(in.Organisers) > 20 {
		errs.Add("organisers", "error.choice")
	} else if len(in.Organisers) > 0 {
		n := 0
		_ = app.DB().Select("COUNT(*)").From("organisations").
			Where(dbx.In("id", toAny(in.Organisers)...)).AndWhere(dbx.In("status", "member", "partner")).Row(&n)
		if n != len(in.Organisers) {
			errs.Add("organisers", "error.choice")
		}
	}
	return errs
}

// TimeSpan reads a date with start and end times (Berlin wall times, fields "date", "start",
// "end") into UTC. All three empty is allowed unless required.
func (e Errors) TimeSpan(date, start, end string, required bool) (time.Time, time.Time) {
	if date == "" && start == "" && end == "" && !required {
		return time.Time{}, time.Time{}
	}
	for f, v := range map[string]string{"date": date, "start": start, "end": end} {
		if v == "" {
			e.Add(f, "meetings.error.date_incomplete")
		}
	}
	if date == "" || start == "" || end == "" {
		return time.Time{}, time.Time{}
	}
	from, err := ParseLocal(date, start)
	if errors.Is(err, ErrBadDate) {
		e.Add("date", TimeErrorKey(err))
		return time.Time{}, time.Time{}
	}
	if err != nil {
		e.Add("start", TimeErrorKey(err))
		return time.Time{}, time.Time{}
	}
	to, err := ParseLocal(date, end)
	if err != nil {
		e.Add("end", TimeErrorKey(err))
		return time.Time{}, time.Time{}
	}
	if !to.After(from) {
		e.Add("end", "meetings.error.end_before_start")
	}
	return from, to
}

func toAny(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// apply writes the form into the record.
func (in *MeetingInput) apply(rec *core.Record) {
	rec.Set("title", strings.TrimSpace(in.Title))
	rec.Set("kind", in.Kind)
	rec.Set("visibility", in.Visibility)
	rec.Set("description", strings.TrimSpace(in.Description))
	rec.Set("place_name", strings.TrimSpace(in.PlaceName))
	rec.Set("place_address", strings.TrimSpace(in.PlaceAddress))
	rec.Set("place_room", strings.TrimSpace(in.PlaceRoom))
	rec.Set("place_access", strings.TrimSpace(in.PlaceAccess))
	rec.Set("online_link", in.OnlineLink)
	rec.Set("capacity", in.capacity)
	rec.Set("organisers", in.Organisers)
	setTime(rec, "starts", in.starts)
	setTime(rec, "ends", in.ends)
}

func setTime(rec *core.Record, field string, t time.Time) {
	if t.IsZero() {
		rec.Set(field, "")
		return
	}
	rec.Set(field, t.UTC())
}

// MeetingInputOf fills the form from a meeting, for editing.
func MeetingInputOf(m *Meeting) MeetingInput {
	in := MeetingInput{Title: m.Title(), Kind: m.Kind(), Visibility: m.Visibility(), Description: m.Description(),
		PlaceName: m.PlaceName(), PlaceAddress: m.PlaceAddress(), PlaceRoom: m.PlaceRoom(),
		PlaceAccess: m.PlaceAccess(), OnlineLink: m.OnlineLink(), Organisers: m.Organisers()}
	if m.Capacity() > 0 {
		in.Capacity = strconv.Itoa(m.Capacity())
	}
	if m.Dated() {
		in.Date, in.Start, in.End = LocalDate(m.Starts()), LocalClock(m.Starts()), LocalClock(m.Ends())
	}
	return in
}

// CreateMeeting saves a new meeting as a draft, under the collection's create rule.
func CreateMeeting(app core.App, u *User, in MeetingInput) (*Meeting, error) {
	if u == nil {
		return nil, ErrForbidden
	}
	if errs := in.Validate(app); errs.Any() {
		return nil, errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("meetings")
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(coll)
	in.apply(rec)
	rec.Set("status", "draft")
	if !CanCreate(app, u.Record, rec, nil) {
		return nil, ErrForbidden
	}
	if err := app.Save(rec); err != nil {
		return nil, FromSaveError(err)
	}
	return &Meeting{rec}, nil
}

// UpdateMeeting saves the form into a meeting the person organises. Time and place changes of
// a scheduled meeting are mailed by the meeting hooks (invitations.go).
func UpdateMeeting(app core.App, u *User, m *Meeting, in MeetingInput) error {
	if !CanOrganise(app, u, m) {
		return ErrForbidden
	}
	if errs := in.Validate(app); errs.Any() {
		return errs
	}
	if (m.Status() == "scheduled" || m.Status() == "held") && in.starts.IsZero() {
		return Errors{"date": "meetings.error.date_needed"}
	}
	var movedUp []*core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		in.apply(m.Record)
		if err := tx.Save(m.Record); err != nil {
			return err
		}
		// More places (or none the limit) let the waiting list move up.
		var err error
		movedUp, err = moveUp(tx, m)
		return err
	})
	if err != nil {
		return FromSaveError(err)
	}
	notifyMovedUp(app, m, movedUp)
	return nil
}

// CanOrganise reports whether u organises m: the meetings update rule (coordinators, and the
// representatives and deputies of its organising organisations).
func CanOrganise(app core.App, u *User, m *Meeting) bool {
	if u == nil {
		return false
	}
	return Can(app, u.Record, m.Record, m.Collection().UpdateRule)
}

// FindMeeting returns the meeting id that auth may view.
func FindMeeting(app core.App, auth *core.Record, id string) (*Meeting, error) {
	rec, err := First(app, auth, "meetings", Query{Filter: "id = {:id}", Params: dbx.Params{"id": id}})
	if err != nil {
		return nil, err
	}
	return &Meeting{rec}, nil
}

// MeetingFilter narrows the meetings list.
type MeetingFilter struct {
	Kind string
	Past bool
	Page int
	Now  time.Time
}

// MeetingRow is one line of the meetings list.
type MeetingRow struct {
	ID         string         `db:"id"`
	Title      string         `db:"title"`
	Kind       string         `db:"kind"`
	Status     string         `db:"status"`
	Visibility string         `db:"visibility"`
	PlaceName  string         `db:"place_name"`
	Starts     types.DateTime `db:"starts"`
	Ends       types.DateTime `db:"ends"`
}

// MeetingsPerPage is the length of a page of the meetings list.
const MeetingsPerPage = 30

// longestMeeting bounds how long ago a meeting that is still running may have started. It lets
// the upcoming list read the starts index from there on, instead of every meeting: "ends in the
// future" alone cannot use an index that is sorted by the start.
const longestMeeting = 14 * 24 * time.Hour

// Meetings lists the meetings auth may see: upcoming ones soonest first, with those whose date
// is still to be found at the top of the first page; or past ones latest first.
func Meetings(app core.App, auth *core.Record, f MeetingFilter) (*Page, []MeetingRow, error) {
	if f.Now.IsZero() {
		f.Now = time.Now()
	}
	now, _ := types.ParseDateTime(f.Now)
	since, _ := types.ParseDateTime(f.Now.Add(-longestMeeting))
	kind := ""
	if f.Kind != "" {
		kind = " && kind = {:kind}"
	}
	q := Query{Params: dbx.Params{"now": now.String(), "since": since.String(), "kind": f.Kind}, Page: f.Page,
		PerPage: MeetingsPerPage, Fields: []string{"title", "kind", "status", "visibility", "place_name", "starts", "ends"}}
	if f.Past {
		q.Filter, q.Sort = `starts != "" && ends < {:now}`+kind, "-starts"
	} else {
		q.Filter, q.Sort = `starts >= {:since} && ends >= {:now}`+kind, "starts"
	}
	var rows []MeetingRow
	p, err := ListInto(app, auth, "meetings", q, &rows)
	if err != nil || f.Past || p.Page > 1 {
		return p, rows, err
	}
	// Only a draft or a meeting in date finding has no date (idx_meetings_status finds them).
	var undated []MeetingRow
	q.Filter, q.Sort, q.Page, q.PerPage, q.NoCount = `(status = "draft" || status = "date_finding") && starts = ""`+kind, "created", 0, 0, true
	if _, err := ListInto(app, auth, "meetings", q, &undated); err != nil {
		return nil, nil, err
	}
	p.TotalItems += len(undated)
	return p, append(undated, rows...), nil
}

// transition is one status change a page may ask for.
type transition struct {
	action string
	from   []string
	to     string
	// when is what the meeting must also be at now for the step, nil: always; whyNot says why not.
	when   func(m *Meeting, now time.Time) bool
	whyNot string
}

// allowed reports whether the step may be taken on m at now (ChangeStatus), and so is offered
// (Steps, MeetingCan).
func (t transition) allowed(m *Meeting, now time.Time) bool {
	return slices.Contains(t.from, m.Status()) && (t.when == nil || t.when(m, now))
}

// transitions are the status changes a page may ask for by name, in the order the page offers
// them: from which statuses, to which. A draft is deleted, not cancelled: a cancelled meeting
// is shown to everyone it was for.
var transitions = []transition{
	{"find_date", []string{"draft"}, "date_finding", nil, ""},
	{"schedule", []string{"draft"}, "scheduled", nil, ""},
	{"held", []string{"scheduled"}, "held", (*Meeting).Started, "meetings.error.not_started"},
	{"cancel", []string{"date_finding", "scheduled"}, "cancelled", nil, ""},
}

// Steps are the status changes m can take at now (see ChangeStatus); MeetingCan offers them.
func Steps(m *Meeting, now time.Time) []string {
	var out []string
	for _, t := range transitions {
		if t.allowed(m, now) {
			out = append(out, t.action)
		}
	}
	return out
}

// ErrDateHasPassed is scheduling a meeting whose date has passed without the organiser's
// confirmation (ChangeStatus, FixDate): the page asks first.
var ErrDateHasPassed = errors.New("committee: the meeting's date has passed")

// Confirmed is the organiser's answer to ErrDateHasPassed: yes, schedule it anyway (no
// invitations go out for a meeting in the past). Pass it as the last argument.
const Confirmed = true

// DeleteMeeting deletes a draft, under the collection's delete rule (coordinators).
func DeleteMeeting(app core.App, u *User, m *Meeting) error {
	if u == nil || !Can(app, u.Record, m.Record, m.Collection().DeleteRule) {
		return Errors{"form": "meetings.error.status"}
	}
	return app.Delete(m.Record)
}

// ChangeStatus moves a meeting one step in its life (see transitions), for its organisers.
// Scheduling a meeting whose date has passed returns ErrDateHasPassed unless confirmed.
func ChangeStatus(app core.App, u *User, m *Meeting, action string, confirmed ...bool) error {
	i := slices.IndexFunc(transitions, func(t transition) bool { return t.action == action })
	if i < 0 {
		return Errors{"form": "error.choice"}
	}
	t := transitions[i]
	if !CanOrganise(app, u, m) {
		return ErrForbidden
	}
	return app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindRecordById("meetings", m.Id)
		if err != nil {
			return err
		}
		cur := &Meeting{rec}
		if !slices.Contains(t.from, cur.Status()) {
			return Errors{"form": "meetings.error.status"}
		}
		if !t.allowed(cur, time.Now()) {
			return Errors{"form": t.whyNot}
		}
		switch action {
		case "find_date":
			n := 0
			_ = tx.DB().Select("COUNT(*)").From("meeting_dates").Where(dbx.HashExp{"meeting": m.Id}).Row(&n)
			if n == 0 {
				return Errors{"form": "meetings.error.no_dates"}
			}
		case "schedule":
			if !cur.Dated() {
				return Errors{"form": "meetings.error.date_needed"}
			}
			if cur.Started(time.Now()) && !slices.Contains(confirmed, true) {
				return ErrDateHasPassed
			}
		}
		rec.Set("status", t.to)
		if err := tx.Save(rec); err != nil {
			return err
		}
		m.Record = rec
		return nil
	})
}
