package committee

import (
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Minutes are what a meeting agreed: notes per agenda item, decisions, action items and the
// "Fazit" (summary).
type Minutes struct {
	Notes     map[string]string // agenda item id → Markdown
	Fazit     string            // Markdown
	Decisions []Decision
	Actions   []Action
	FollowUps []Action // created directly for a decision of the meeting: not part of the minutes
}

// Decision is one decision, with the vote when it was counted.
type Decision struct {
	ID, Text, AgendaItem string
	Counted              bool
	Yes, No, Abstain     int
}

// Action is one action item: what, who answers for it, by when.
type Action struct {
	ID, Title, AgendaItem, Organisation, Person, Status string
	Decision                                            string // the decision it carries out, if any
	Due                                                 time.Time
}

// MayReadMinutes reports whether auth may read m's minutes: the minutes rule (published to
// them, or they organise the meeting), checked on a row for m.
func MayReadMinutes(app core.App, auth *core.Record, m *Meeting) bool {
	coll, err := app.FindCachedCollectionByNameOrId("minutes")
	if err != nil {
		return false
	}
	row := core.NewRecord(coll)
	row.Set("meeting", m.Id)
	return canRow(app, auth, row, coll.ViewRule, nil)
}

// MinutesOf reads the minutes of m that auth may read.
func MinutesOf(app core.App, auth *core.Record, m *Meeting) (*Minutes, error) {
	q := Query{Filter: "meeting = {:m}", Params: dbx.Params{"m": m.Id}, Sort: "created"}
	out := &Minutes{Notes: map[string]string{}}
	notes, err := All(app, auth, "minutes", q)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		if item := n.GetString("agenda_item"); item != "" {
			out.Notes[item] = n.GetString("body")
		} else {
			out.Fazit = n.GetString("body")
		}
	}
	decisions, err := All(app, auth, "decisions", q)
	if err != nil {
		return nil, err
	}
	for _, d := range decisions {
		out.Decisions = append(out.Decisions, Decision{ID: d.Id, Text: d.GetString("text"), AgendaItem: d.GetString("agenda_item"),
			Counted: d.GetBool("counted"), Yes: d.GetInt("votes_yes"), No: d.GetInt("votes_no"), Abstain: d.GetInt("votes_abstain")})
	}
	actions, err := All(app, auth, "actions", q)
	if err != nil {
		return nil, err
	}
	var users, orgs []string
	for _, a := range actions {
		users, orgs = append(users, a.GetString("person")), append(orgs, a.GetString("organisation"))
	}
	names, orgNames := namesOf(app, "users", "name", users), namesOf(app, "organisations", "name", orgs)
	for _, a := range actions {
		if a.GetBool("direct") {
			// Created directly for one of its decisions, maybe after the minutes were approved:
			// not part of the minutes, shown under its decision only.
			out.FollowUps = append(out.FollowUps, Action{ID: a.Id, Title: a.GetString("title"),
				Status: a.GetString("status"), Decision: a.GetString("decision")})
			continue
		}
		out.Actions = append(out.Actions, Action{ID: a.Id, Title: a.GetString("title"), AgendaItem: a.GetString("agenda_item"),
			Organisation: orgNames[a.GetString("organisation")], Person: names[a.GetString("person")],
			Status: a.GetString("status"), Decision: a.GetString("decision"), Due: a.GetDateTime("due").Time()})
	}
	return out, nil
}

// minutesRow prepares a new row of one of the minutes collections for m, or says why u may not
// write it (the collection's create rule: organisers, while the meeting is held).
func minutesRow(app core.App, u *User, m *Meeting, collection string) (*core.Record, error) {
	if u == nil {
		return nil, ErrForbidden
	}
	coll, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(coll)
	rec.Set("meeting", m.Id)
	if collection == "actions" {
		rec.Set("status", "open")   // the actions create rule: a new action is open,
		rec.Set("created_by", u.Id) // and names who created it
	}
	if !CanCreate(app, u.Record, rec, nil) {
		if CanOrganise(app, u, m) {
			return nil, Errors{"form": "minutes.error.not_held"}
		}
		return nil, ErrForbidden
	}
	return rec, nil
}

// SaveMinutes saves the notes per agenda item and the Fazit.
func SaveMinutes(app core.App, u *User, m *Meeting, notes map[string]string, fazit string) error {
	if _, err := minutesRow(app, u, m, "minutes"); err != nil {
		return err
	}
	errs := Errors{}
	for _, text := range notes {
		errs.MaxLen("notes", text, 50000)
	}
	errs.MaxLen("fazit", fazit, 50000)
	if errs.Any() {
		return errs
	}
	notes[""] = fazit
	return app.RunInTransaction(func(tx core.App) error {
		for item, text := range notes {
			if item != "" && !itemOfMeeting(tx, m, item) {
				continue // not an item of this meeting
			}
			rec, err := tx.FindFirstRecordByFilter("minutes", "meeting = {:m} && agenda_item = {:i}", dbx.Params{"m": m.Id, "i": item})
			if err != nil {
				if rec, err = minutesRow(tx, u, m, "minutes"); err != nil {
					return err
				}
				rec.Set("agenda_item", item)
			}
			rec.Set("body", strings.TrimSpace(text))
			if err := tx.Save(rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// DecisionInput is the decision form; the vote counts are optional.
type DecisionInput struct {
	AgendaItem, Text, Yes, No, Abstain string
}

// AddDecision records a decision.
func AddDecision(app core.App, u *User, m *Meeting, in DecisionInput) error {
	rec, err := minutesRow(app, u, m, "decisions")
	if err != nil {
		return err
	}
	errs := Errors{}
	errs.Required("text", in.Text, 2000)
	yes, no, abstain := errs.Int("votes_yes", in.Yes, 0, 10000), errs.Int("votes_no", in.No, 0, 10000),
		errs.Int("votes_abstain", in.Abstain, 0, 10000)
	itemOf(app, errs, m, in.AgendaItem)
	if errs.Any() {
		return errs
	}
	rec.Set("agenda_item", in.AgendaItem)
	rec.Set("text", strings.TrimSpace(in.Text))
	rec.Set("counted", in.Yes != "" || in.No != "" || in.Abstain != "")
	rec.Set("votes_yes", yes)
	rec.Set("votes_no", no)
	rec.Set("votes_abstain", abstain)
	return FromSaveError(app.Save(rec))
}

// itemOf checks an optional agenda item belongs to m.
func itemOf(app core.App, errs Errors, m *Meeting, itemID string) {
	if itemID != "" && !itemOfMeeting(app, m, itemID) {
		errs.Add("agenda_item", "error.choice")
	}
}

// itemOfMeeting reports whether the agenda item belongs to m.
func itemOfMeeting(app core.App, m *Meeting, itemID string) bool {
	n := 0
	_ = app.DB().Select("COUNT(*)").From("agenda_items").Where(dbx.HashExp{"id": itemID, "meeting": m.Id}).Row(&n)
	return n > 0
}

// ActionInput is the action item form.
type ActionInput struct {
	AgendaItem, Title, Organisation, Person, Due string
	Decision                                     string // optional: a decision of the same meeting it carries out
}

// AddAction records an action item, which an organisation answers for (and optionally a person).
func AddAction(app core.App, u *User, m *Meeting, in ActionInput) error {
	rec, err := minutesRow(app, u, m, "actions")
	if err != nil {
		return err
	}
	errs := Errors{}
	errs.Required("title", in.Title, 500)
	if in.Organisation == "" {
		errs.Add("organisation", "error.required")
	} else if !exists(app, "organisations", in.Organisation) {
		errs.Add("organisation", "error.choice")
	}
	if in.Person != "" && !exists(app, "users", in.Person) {
		errs.Add("person", "error.choice")
	}
	itemOf(app, errs, m, in.AgendaItem)
	if in.Decision != "" && !decisionOfMeeting(app, m, in.Decision) {
		errs.Add("decision", "error.choice")
	}
	var due time.Time
	if in.Due != "" {
		// A due date is a day in Berlin; noon keeps it the same day in every zone nearby.
		if due, err = ParseLocal(in.Due, "12:00"); err != nil {
			errs.Add("due", TimeErrorKey(err))
		}
	}
	if errs.Any() {
		return errs
	}
	rec.Set("agenda_item", in.AgendaItem)
	rec.Set("decision", in.Decision)
	rec.Set("title", strings.TrimSpace(in.Title))
	rec.Set("organisation", in.Organisation)
	rec.Set("person", in.Person)
	setTime(rec, "due", due)
	rec.Set("status", "open")
	return FromSaveError(app.Save(rec))
}

// decisionOfMeeting reports whether the decision belongs to m.
func decisionOfMeeting(app core.App, m *Meeting, id string) bool {
	n := 0
	_ = app.DB().Select("COUNT(*)").From("decisions").Where(dbx.HashExp{"id": id, "meeting": m.Id}).Row(&n)
	return n > 0
}

// ApproveMinutes is the coordinators' approval of a held meeting's minutes.
func ApproveMinutes(app core.App, u *User, m *Meeting) error {
	return coordinatorStep(app, u, m, approveFrom, func(rec *core.Record) { rec.Set("status", "minutes_approved") })
}

// PublishMinutes makes approved minutes readable by members or by the public.
func PublishMinutes(app core.App, u *User, m *Meeting, audience string) error {
	if !mayApproveMinutes(u) {
		return ErrForbidden
	}
	errs := Errors{}
	if audience == "" {
		errs.Add("audience", "error.required")
	}
	errs.OneOf("audience", audience, MinutesAudiences)
	if audience == "public" && !m.Public() {
		errs.Add("audience", "minutes.error.members_meeting") // the public cannot see the meeting itself
	}
	if errs.Any() {
		return errs
	}
	return coordinatorStep(app, u, m, publishFrom, func(rec *core.Record) { rec.Set("minutes_audience", audience) })
}

// The statuses in which minutes are approved (held) and published (approved).
const approveFrom, publishFrom = "held", "minutes_approved"

// mayApproveMinutes: the meetings rules leave status and audience to these workflows, the
// coordinators'.
func mayApproveMinutes(u *User) bool { return u != nil && u.Coordinator() }

// coordinatorStep changes a meeting in status from, for coordinators only, in one transaction.
func coordinatorStep(app core.App, u *User, m *Meeting, from string, change func(*core.Record)) error {
	if !mayApproveMinutes(u) {
		return ErrForbidden
	}
	return app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindRecordById("meetings", m.Id)
		if err != nil {
			return err
		}
		if rec.GetString("status") != from {
			return Errors{"form": "meetings.error.status"}
		}
		change(rec)
		if err := tx.Save(rec); err != nil {
			return err
		}
		m.Record = rec
		return nil
	})
}
