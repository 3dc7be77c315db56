package committee

import (
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// DateOption is one candidate date of a meeting with the totals of its answers.
type DateOption struct {
	ID             string
	Starts, Ends   time.Time
	Yes, Maybe, No int
	Best           bool // among the dates with the most yes (and then maybe) answers
}

// PollRow is one person's answers, by date id.
type PollRow struct {
	UserID, Name, Organisation string
	Answers                    map[string]string
}

// Poll is the date-finding table of a meeting: dates as columns, people as rows.
type Poll struct {
	Dates []DateOption
	Rows  []PollRow
	Mine  map[string]string // the reader's answers, by date id
	MyOrg string            // the organisation the reader answered for
}

// DatePoll reads the candidate dates and answers that auth may see.
func DatePoll(app core.App, auth *core.Record, m *Meeting) (*Poll, error) {
	q := Query{Filter: "meeting = {:m}", Params: dbx.Params{"m": m.Id}, Sort: "starts"}
	dates, err := All(app, auth, "meeting_dates", q)
	if err != nil {
		return nil, err
	}
	q.Sort = "created"
	answers, err := All(app, auth, "date_answers", q)
	if err != nil {
		return nil, err
	}
	p := &Poll{Mine: map[string]string{}}
	index := map[string]int{}
	for i, d := range dates {
		index[d.Id] = i
		p.Dates = append(p.Dates, DateOption{ID: d.Id, Starts: d.GetDateTime("starts").Time(), Ends: d.GetDateTime("ends").Time()})
	}
	var userIDs, orgIDs []string
	rows := map[string]int{}
	for _, a := range answers {
		i, ok := index[a.GetString("meeting_date")]
		if !ok {
			continue
		}
		switch a.GetString("answer") {
		case "yes":
			p.Dates[i].Yes++
		case "maybe":
			p.Dates[i].Maybe++
		case "no":
			p.Dates[i].No++
		}
		uid := a.GetString("user")
		r, ok := rows[uid]
		if !ok {
			r = len(p.Rows)
			rows[uid] = r
			p.Rows = append(p.Rows, PollRow{UserID: uid, Organisation: a.GetString("organisation"), Answers: map[string]string{}})
			userIDs = append(userIDs, uid)
			orgIDs = append(orgIDs, a.GetString("organisation"))
		}
		p.Rows[r].Answers[a.GetString("meeting_date")] = a.GetString("answer")
		if auth != nil && uid == auth.Id {
			p.Mine[a.GetString("meeting_date")] = a.GetString("answer")
			p.MyOrg = a.GetString("organisation")
		}
	}
	// Names of the people who answered and their organisations: whoever may see the answers
	// may see who gave them.
	names := namesOf(app, "users", "name", userIDs)
	orgNames := namesOf(app, "organisations", "name", orgIDs)
	for i := range p.Rows {
		p.Rows[i].Name = names[p.Rows[i].UserID]
		p.Rows[i].Organisation = orgNames[p.Rows[i].Organisation]
	}
	// The best dates have the most yes answers, then the most maybe answers.
	score := func(d DateOption) int { return d.Yes*1000 + d.Maybe }
	best := 0
	for _, d := range p.Dates {
		best = max(best, score(d))
	}
	for i, d := range p.Dates {
		p.Dates[i].Best = best > 0 && score(d) == best
	}
	return p, nil
}

// namesOf maps ids of a collection to one text field, in one query.
func namesOf(app core.App, collection, field string, ids []string) map[string]string {
	out := map[string]string{}
	var want []any
	for _, id := range ids {
		if id != "" {
			want = append(want, id)
		}
	}
	if len(want) == 0 {
		return out
	}
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	_ = app.DB().Select("id", field+" AS name").From(collection).Where(dbx.In("id", want...)).All(&rows)
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out
}

// AddDate proposes a candidate date (Berlin wall times) for a meeting in draft or date finding.
func AddDate(app core.App, u *User, m *Meeting, date, start, end string) error {
	if !CanOrganise(app, u, m) {
		return ErrForbidden
	}
	errs := Errors{}
	from, to := errs.TimeSpan(date, start, end, true)
	if errs.Any() {
		return errs
	}
	if from.Before(time.Now()) {
		return Errors{"date": "meetings.error.past"}
	}
	coll, err := app.FindCachedCollectionByNameOrId("meeting_dates")
	if err != nil {
		return err
	}
	rec := core.NewRecord(coll)
	rec.Set("meeting", m.Id)
	rec.Set("starts", from)
	rec.Set("ends", to)
	if !CanCreate(app, u.Record, rec, nil) {
		return Errors{"form": "meetings.error.status"}
	}
	return app.Save(rec)
}

// RemoveDate takes a candidate date back (with its answers).
func RemoveDate(app core.App, u *User, m *Meeting, dateID string) error {
	rec, err := First(app, u.Record, "meeting_dates", Query{Filter: "id = {:id} && meeting = {:m}",
		Params: dbx.Params{"id": dateID, "m": m.Id}})
	if err != nil {
		return err
	}
	if !Can(app, u.Record, rec, rec.Collection().DeleteRule) {
		return ErrForbidden
	}
	return app.Delete(rec)
}

// AnswerDates saves a member's answers (date id → yes | maybe | no) during date finding, for
// one of their organisations or personally (orgID ""). Dates left out keep their answer.
func AnswerDates(app core.App, u *User, m *Meeting, answers map[string]string, orgID string) error {
	if u == nil {
		return ErrForbidden
	}
	errs := Errors{}
	for _, a := range answers {
		errs.OneOf("answers", a, []string{"yes", "maybe", "no", ""})
	}
	if orgID != "" && !representsOrBelongs(app, u.Id, orgID) {
		errs.Add("organisation", "error.choice")
	}
	if errs.Any() {
		return errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("date_answers")
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		for dateID, answer := range answers {
			if answer == "" {
				continue
			}
			rec, err := tx.FindFirstRecordByFilter("date_answers", "meeting_date = {:d} && user = {:u}",
				dbx.Params{"d": dateID, "u": u.Id})
			if err != nil {
				rec = core.NewRecord(coll)
				rec.Set("meeting_date", dateID)
				rec.Set("meeting", m.Id)
				rec.Set("user", u.Id)
				rec.Set("organisation", orgID)
				rec.Set("answer", answer)
				if !CanCreate(tx, u.Record, rec, nil) {
					return Errors{"form": "meetings.error.answer_closed"}
				}
			} else {
				rec.Set("organisation", orgID)
				rec.Set("answer", answer)
				if !Can(tx, u.Record, rec, rec.Collection().UpdateRule) {
					return Errors{"form": "meetings.error.answer_closed"}
				}
			}
			if err := tx.Save(rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// representsOrBelongs reports whether the person has an active membership in the organisation.
func representsOrBelongs(app core.App, userID, orgID string) bool {
	n := 0
	_ = app.DB().Select("COUNT(*)").From("memberships").
		Where(dbx.HashExp{"user": userID, "organisation": orgID, "status": "active"}).Row(&n)
	return n > 0
}

// FixDate schedules the meeting on one of its candidate dates; the meeting hooks then invite
// every member, which tells everyone who answered.
// A date that has passed returns ErrDateHasPassed unless confirmed (see ChangeStatus).
func FixDate(app core.App, u *User, m *Meeting, dateID string, confirmed ...bool) error {
	if !CanOrganise(app, u, m) {
		return ErrForbidden
	}
	return app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindRecordById("meetings", m.Id)
		if err != nil {
			return err
		}
		if !(&Meeting{rec}).FindingDate() {
			return Errors{"form": "meetings.error.status"}
		}
		d, err := tx.FindFirstRecordByFilter("meeting_dates", "id = {:d} && meeting = {:m}", dbx.Params{"d": dateID, "m": m.Id})
		if err != nil {
			return ErrNotFound
		}
		rec.Set("starts", d.GetDateTime("starts"))
		rec.Set("ends", d.GetDateTime("ends"))
		if (&Meeting{rec}).Started(time.Now()) && !slices.Contains(confirmed, true) {
			return ErrDateHasPassed
		}
		rec.Set("status", "scheduled")
		if err := tx.Save(rec); err != nil {
			return err
		}
		m.Record = rec
		return nil
	})
}

// MyOrganisationsFor lists the organisations (id → name) a person may answer or register for:
// those with an active membership.
func MyOrganisationsFor(app core.App, userID string) []Option {
	return organisationOptions(listedMemberships(app, userID))
}

// Option is a value with its label, for choices in forms.
type Option struct {
	Value string `db:"value"`
	Label string `db:"label"`
}
