package committee

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// AgendaItem is one item of a meeting's agenda as the pages show it.
type AgendaItem struct {
	ID, Title, Description string // Description is Markdown
	Status, DeclineReason  string
	Duration, Position     int
	Start                  time.Time // running start: the meeting's start plus the items before (zero when undated)
	Presenter              string    // person id
	PresenterName          string
	PresenterOrganisation  string // organisation id
	PresenterOrgName       string
	SuggestedBy            string
	SuggestedByName        string
}

// Agenda reads the items of a meeting that auth may see: accepted items in order with their
// running start times, then suggestions and declined suggestions (organisers and suggesters).
func Agenda(app core.App, auth *core.Record, m *Meeting) ([]AgendaItem, error) {
	recs, err := All(app, auth, "agenda_items", Query{Filter: "meeting = {:m}", Params: dbx.Params{"m": m.Id},
		Sort: "position,created"})
	if err != nil {
		return nil, err
	}
	var users, orgs []string
	for _, r := range recs {
		users = append(users, r.GetString("presenter"), r.GetString("suggested_by"))
		orgs = append(orgs, r.GetString("presenter_organisation"))
	}
	names, orgNames := namesOf(app, "users", "name", users), namesOf(app, "organisations", "name", orgs)
	var accepted, others []AgendaItem
	clock := m.Starts()
	for _, r := range recs {
		it := AgendaItem{ID: r.Id, Title: r.GetString("title"), Description: r.GetString("description"),
			Status: r.GetString("status"), DeclineReason: r.GetString("decline_reason"),
			Duration: r.GetInt("duration"), Position: r.GetInt("position"),
			Presenter: r.GetString("presenter"), PresenterName: names[r.GetString("presenter")],
			PresenterOrganisation: r.GetString("presenter_organisation"), PresenterOrgName: orgNames[r.GetString("presenter_organisation")],
			SuggestedBy: r.GetString("suggested_by"), SuggestedByName: names[r.GetString("suggested_by")]}
		if it.Status != "accepted" {
			others = append(others, it)
			continue
		}
		if !clock.IsZero() {
			it.Start = clock
			clock = clock.Add(time.Duration(it.Duration) * time.Minute)
		}
		accepted = append(accepted, it)
	}
	return append(accepted, others...), nil
}

// AgendaInput is the agenda item form.
type AgendaInput struct {
	Title, Description, Duration, Presenter, PresenterOrganisation string
	duration                                                       int
}

// Validate checks the form for an item of m.
func (in *AgendaInput) Validate(app core.App, m *Meeting) Errors {
	errs := Errors{}
	errs.Required("title", in.Title, 200)
	errs.MaxLen("description", in.Description, 5000)
	in.duration = errs.Int("duration", in.Duration, 0, 600)
	// A presenter is one of the meeting's people (MeetingPeople), whose name the agenda shows.
	if in.Presenter != "" && !slices.ContainsFunc(MeetingPeople(app, m), func(o Option) bool { return o.Value == in.Presenter }) {
		errs.Add("presenter", "error.choice")
	}
	if in.PresenterOrganisation != "" && !exists(app, "organisations", in.PresenterOrganisation) {
		errs.Add("presenter_organisation", "error.choice")
	}
	return errs
}

func exists(app core.App, collection, id string) bool {
	n := 0
	_ = app.DB().Select("COUNT(*)").From(collection).Where(dbx.HashExp{"id": id}).Row(&n)
	return n > 0
}

func (in *AgendaInput) apply(rec *core.Record) {
	rec.Set("title", strings.TrimSpace(in.Title))
	rec.Set("description", strings.TrimSpace(in.Description))
	rec.Set("duration", in.duration)
	rec.Set("presenter", in.Presenter)
	rec.Set("presenter_organisation", in.PresenterOrganisation)
}

// AgendaInputOf fills the form from an item.
func AgendaInputOf(it AgendaItem) AgendaInput {
	in := AgendaInput{Title: it.Title, Description: it.Description, Presenter: it.Presenter,
		PresenterOrganisation: it.PresenterOrganisation}
	if it.Duration > 0 {
		in.Duration = strconv.Itoa(it.Duration)
	}
	return in
}

// AddAgendaItem adds an item: organisers add it to the end of the agenda; members suggest it,
// and the organisers accept or decline the suggestion. Both go through the create rule.
func AddAgendaItem(app core.App, u *User, m *Meeting, in AgendaInput) (suggested bool, err error) {
	if u == nil {
		return false, ErrForbidden
	}
	if errs := in.Validate(app, m); errs.Any() {
		return false, errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("agenda_items")
	if err != nil {
		return false, err
	}
	rec := core.NewRecord(coll)
	rec.Set("meeting", m.Id)
	in.apply(rec)
	organiser := CanOrganise(app, u, m)
	if organiser {
		rec.Set("status", "accepted")
	} else {
		rec.Set("status", "suggested")
		rec.Set("suggested_by", u.Id)
	}
	if !CanCreate(app, u.Record, rec, nil) {
		return false, ErrForbidden
	}
	err = app.RunInTransaction(func(tx core.App) error {
		rec.Set("position", nextPosition(tx, m.Id))
		return tx.Save(rec)
	})
	return !organiser, FromSaveError(err)
}

func nextPosition(app core.App, meetingID string) int {
	n := 0
	_ = app.DB().Select("COALESCE(MAX(position), 0)").From("agenda_items").
		Where(dbx.HashExp{"meeting": meetingID, "status": "accepted"}).Row(&n)
	return n + 1
}

// agendaItem loads an item of m that u may change (the update rule: organisers).
func agendaItem(app core.App, u *User, m *Meeting, itemID string) (*core.Record, error) {
	if u == nil {
		return nil, ErrForbidden
	}
	rec, err := First(app, u.Record, "agenda_items", Query{Filter: "id = {:id} && meeting = {:m}",
		Params: dbx.Params{"id": itemID, "m": m.Id}})
	if err != nil {
		return nil, err
	}
	if !Can(app, u.Record, rec, rec.Collection().UpdateRule) {
		return nil, ErrForbidden
	}
	return rec, nil
}

// UpdateAgendaItem saves the form into an item.
func UpdateAgendaItem(app core.App, u *User, m *Meeting, itemID string, in AgendaInput) error {
	rec, err := agendaItem(app, u, m, itemID)
	if err != nil {
		return err
	}
	if errs := in.Validate(app, m); errs.Any() {
		return errs
	}
	in.apply(rec)
	return FromSaveError(app.Save(rec))
}

// MoveAgendaItem moves an accepted item one place up (dir "up") or down, numbering the accepted
// items 1…n in the same transaction.
func MoveAgendaItem(app core.App, u *User, m *Meeting, itemID, dir string) error {
	if _, err := agendaItem(app, u, m, itemID); err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		items, err := tx.FindRecordsByFilter("agenda_items", "meeting = {:m} && status = 'accepted'", "position,created", 0, 0,
			dbx.Params{"m": m.Id})
		if err != nil {
			return err
		}
		for i, it := range items {
			if it.Id != itemID {
				continue
			}
			j := i - 1
			if dir == "down" {
				j = i + 1
			}
			if j >= 0 && j < len(items) {
				items[i], items[j] = items[j], items[i]
			}
			break
		}
		for i, it := range items {
			if it.GetInt("position") != i+1 {
				it.Set("position", i+1)
				if err := tx.Save(it); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// DecideSuggestion accepts a suggested item (it goes to the end of the agenda) or declines it
// with a reason, which the suggester sees.
func DecideSuggestion(app core.App, u *User, m *Meeting, itemID string, accept bool, reason string) error {
	rec, err := agendaItem(app, u, m, itemID)
	if err != nil {
		return err
	}
	errs := Errors{}
	if !accept {
		errs.Required("reason", reason, 1000)
	}
	if errs.Any() {
		return errs
	}
	if rec.GetString("status") != "suggested" {
		return Errors{"form": "meetings.error.status"}
	}
	return app.RunInTransaction(func(tx core.App) error {
		if accept {
			rec.Set("status", "accepted")
			rec.Set("position", nextPosition(tx, m.Id))
		} else {
			rec.Set("status", "declined")
			rec.Set("decline_reason", strings.TrimSpace(reason))
		}
		return tx.Save(rec)
	})
}

// RemoveAgendaItem deletes an item.
func RemoveAgendaItem(app core.App, u *User, m *Meeting, itemID string) error {
	rec, err := agendaItem(app, u, m, itemID)
	if err != nil {
		return err
	}
	return app.Delete(rec)
}
