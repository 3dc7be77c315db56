package committee

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/locales"
)

// Responsibilities: action items (from minutes, or created by coordinators directly), the
// timeline of their updates, reminders, and the public account of what the committee agreed.
// The rules are in pb_migrations/1764116200_actions.go.

// ActionItem is one action item as a record.
type ActionItem struct{ *core.Record }

func (a *ActionItem) Title() string        { return a.GetString("title") }
func (a *ActionItem) Status() string       { return a.GetString("status") }
func (a *ActionItem) Organisation() string { return a.GetString("organisation") }
func (a *ActionItem) Person() string       { return a.GetString("person") }
func (a *ActionItem) Meeting() string      { return a.GetString("meeting") }
func (a *ActionItem) Topic() string        { return a.GetString("topic") }
func (a *ActionItem) Decision() string     { return a.GetString("decision") }
func (a *ActionItem) Public() bool         { return a.GetBool("public") }
func (a *ActionItem) Note() string         { return a.GetString("note") }
func (a *ActionItem) Due() time.Time       { return a.GetDateTime("due").Time() }

// Overdue reports whether the action's due date has passed while it is still to be done.
func (a *ActionItem) Overdue(now time.Time) bool {
	return ActionOverdue(a.Status(), a.Due(), now)
}

// ActionOverdue: due on a day before today in Berlin (a due date is a day, stored as noon
// Berlin: it is not overdue on the day itself), and neither done nor dropped.
func ActionOverdue(status string, due, now time.Time) bool {
	return !due.IsZero() && due.Before(startOfDay(now)) && slices.Contains(ActionOpenStatuses, status)
}

// startOfDay is midnight of t's day in Berlin.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(Berlin).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Berlin)
}

// ActionOpenStatuses are the statuses of an action that is still to be done.
var ActionOpenStatuses = []string{"open", "in_progress", "blocked"}

// FindAction returns the action that auth may view.
func FindAction(app core.App, auth *core.Record, id string) (*ActionItem, error) {
	rec, err := First(app, auth, "actions", Query{Filter: "id = {:id}", Params: dbx.Params{"id": id}})
	if err != nil {
		return nil, err
	}
	return &ActionItem{rec}, nil
}

// ActionFilter narrows the actions list.
type ActionFilter struct {
	Organisation, Status, Meeting, Topic string
	Overdue                              bool
	// PublicOnly keeps the actions coordinators made public (the public's list: actions of
	// minutes published to the public are on those minutes, not on the public account).
	PublicOnly    bool
	Page, PerPage int // PerPage 0: ActionsPerPage
}

// ActionRow is one line of the actions list.
type ActionRow struct {
	ID           string         `db:"id"`
	Title        string         `db:"title"`
	Status       string         `db:"status"`
	Organisation string         `db:"organisation"`
	Due          types.DateTime `db:"due"`
	Meeting      string         `db:"meeting"`
	Topic        string         `db:"topic"`
	Public       bool           `db:"public"`
	Note         string         `db:"note"`
}

// ActionsPerPage is the length of a page of the actions list.
const ActionsPerPage = 50

// Actions lists the actions auth may see, by due date, a page at a time.
func Actions(app core.App, auth *core.Record, f ActionFilter) (*Page, []ActionRow, error) {
	var parts []string
	params := dbx.Params{}
	if f.Status != "" && slices.Contains(ActionStatuses, f.Status) {
		parts, params["status"] = append(parts, "status = {:status}"), f.Status
	}
	for name, v := range map[string]string{"organisation": f.Organisation, "meeting": f.Meeting, "topic": f.Topic} {
		if v != "" {
			parts, params[name] = append(parts, name+" = {:"+name+"}"), v
		}
	}
	if f.PublicOnly {
		parts = append(parts, "public = true")
	}
	if f.Overdue {
		// Before today in Berlin (ActionOverdue); the parameter, and so the count cache's key,
		// changes once a day.
		today, _ := types.ParseDateTime(startOfDay(Now()))
		parts = append(parts, `due != "" && due < {:today} && (status = "open" || status = "in_progress" || status = "blocked")`)
		params["today"] = today.String()
	}
	per := f.PerPage
	if per == 0 {
		per = ActionsPerPage
	}
	q := Query{Filter: strings.Join(parts, " && "), Params: params}
	p := &Page{Page: max(f.Page, 1), PerPage: per}
	var err error
	if p.TotalItems, err = countActions(app, auth, q); err != nil {
		return nil, nil, err
	}
	p.TotalPages = (p.TotalItems + per - 1) / per
	// ListInto's order, but with the actions without a due date last (idx_actions_due).
	query, err := actionsQuery(app, auth, q)
	if err != nil {
		return nil, nil, err
	}
	cols := []string{"[[actions.id]]"}
	for _, c := range []string{"title", "status", "organisation", "due", "meeting", "topic", "public", "note"} {
		cols = append(cols, "[[actions."+c+"]]")
	}
	var rows []ActionRow
	err = query.Select(cols...).OrderBy("([[actions.due]] = '') ASC", "[[actions.due]] ASC").
		Limit(int64(per)).Offset(int64((p.Page - 1) * per)).All(&rows)
	if err != nil {
		return p, rows, err
	}
	// The latest note is the latest update's, which the action_updates rule may keep from a
	// reader who sees the action (one of public minutes, not made public): the kept copy only
	// for public actions (their updates are everyone's), the others read under that rule.
	var private []string
	for i := range rows {
		if !rows[i].Public {
			private, rows[i].Note = append(private, rows[i].ID), ""
		}
	}
	if notes := latestNotes(app, auth, private); len(notes) > 0 {
		for i := range rows {
			if n, ok := notes[rows[i].ID]; ok && !rows[i].Public {
				rows[i].Note = n
			}
		}
	}
	return p, rows, nil
}

// latestNotes maps the ids of actions to the note of their latest update that auth may read.
func latestNotes(app core.App, auth *core.Record, ids []string) map[string]string {
	out := map[string]string{}
	if len(ids) == 0 {
		return out
	}
	params := dbx.Params{}
	ors := make([]string, 0, len(ids))
	for i, id := range ids {
		key := "a" + strconv.Itoa(i)
		params[key] = id
		ors = append(ors, "action = {:"+key+"}")
	}
	var rows []struct {
		ID     string `db:"id"`
		Action string `db:"action"`
		Note   string `db:"note"`
	}
	if _, err := ListInto(app, auth, "action_updates", Query{Filter: "(" + strings.Join(ors, " || ") + ")", Params: params,
		Sort: "-created", Fields: []string{"action", "note"}, NoCount: true, PerPage: 1000}, &rows); err != nil {
		return out
	}
	for _, r := range rows {
		if _, ok := out[r.Action]; !ok {
			out[r.Action] = r.Note
		}
	}
	return out
}

// actionsQuery selects the actions of q under the list rule for auth, with the joins the rule
// needs. The rule joins only single relations (an action's meeting and organisation), so each
// action is one row of the join: no DISTINCT needed.
func actionsQuery(app core.App, auth *core.Record, q Query) (*dbx.SelectQuery, error) {
	_, resolver, query, err := ruleQuery(app, auth, "actions", func(c *core.Collection) *string { return c.ListRule }, q)
	if err != nil {
		return nil, err
	}
	if err := resolver.UpdateQuery(query); err != nil {
		return nil, err
	}
	return query.Distinct(false), nil
}

// countActions counts the actions of q under the list rule for auth. Each action is one row
// of the rule's joins (actionsQuery), so COUNT(*) is exact: ListInto's COUNT(DISTINCT id),
// which must also be right for joins that multiply rows, sorts every id (four times slower at
// 3,000 actions).
//
// The count is remembered per requester and filter until a record that the rule reads is
// written (actionCountGeneration): a pager need not count 3,000 rows on every page.
func countActions(app core.App, auth *core.Record, q Query) (int, error) {
	coll, err := app.FindCachedCollectionByNameOrId("actions")
	if err != nil || coll.ListRule == nil {
		return 0, ErrForbidden
	}
	key := actionCountKey{gen: actionCountGeneration.Load(), data: app.DataDir(), rule: *coll.ListRule, filter: q.Filter, params: fmt.Sprint(q.Params)}
	if auth != nil {
		key.id, key.flags = auth.Id, fmt.Sprint(auth.GetBool("coordinator"), auth.GetBool("member"), auth.GetBool("verified"))
	}
	if v, ok := actionCounts.Load(key); ok {
		return v.(int), nil
	}
	query, err := actionsQuery(app, auth, q)
	if err != nil {
		return 0, err
	}
	n := 0
	if err := query.Select("COUNT(*)").Row(&n); err != nil {
		return 0, err
	}
	if actionCountSize.Add(1) > 2000 { // many filters and people: start over
		actionCounts.Clear()
		actionCountSize.Store(0)
	}
	actionCounts.Store(key, n)
	return n, nil
}

type actionCountKey struct {
	gen                                   int64
	data, rule, filter, params, id, flags string
}

var (
	actionCounts          sync.Map
	actionCountSize       atomic.Int64
	actionCountGeneration atomic.Int64 // raised by every write of what the actions rule reads
)

// actionRuleReads are the collections whose rows decide who sees which action: the actions,
// their meetings (minutes audience, organisers) and organisations (managers, kept from
// memberships), and the people (their flags).
// action_updates set an action's status (which the filters read).
var actionRuleReads = []string{"actions", "action_updates", "meetings", "organisations", "memberships", "users"}

// ActionUpdate is one step of an action's timeline.
type ActionUpdate struct {
	Status, Note, Author string // Author: the name as auth may see it, "" otherwise
	// Credit, when auth may not see the author's name: CreditOrganisation (a manager of the
	// responsible organisation wrote it), CreditCoordination (someone else: a coordinator) or
	// CreditFormer (the account is gone).
	Credit  string
	Created time.Time
}

// Whom a timeline entry is credited to when the reader may not see the author's name.
const (
	CreditOrganisation = "organisation"
	CreditCoordination = "coordination"
	CreditFormer       = "former"
)

// ActionTimeline reads the updates of a, oldest first, as auth may see them.
func ActionTimeline(app core.App, auth *core.Record, a *ActionItem) ([]ActionUpdate, error) {
	recs, err := All(app, auth, "action_updates", Query{Filter: "action = {:a}", Params: dbx.Params{"a": a.Id}, Sort: "created"})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.GetString("author"))
	}
	names := VisibleNames(app, auth, ids)
	var managers []string
	if org, err := app.FindRecordById("organisations", a.Organisation()); err == nil {
		managers = org.GetStringSlice("managers")
	}
	out := make([]ActionUpdate, 0, len(recs))
	for _, r := range recs {
		author := r.GetString("author")
		u := ActionUpdate{Status: r.GetString("status"), Note: r.GetString("note"), Author: names[author], Created: r.GetDateTime("created").Time()}
		switch {
		case author == "" || !exists(app, "users", author):
			u.Credit = CreditFormer
		case slices.Contains(managers, author):
			u.Credit = CreditOrganisation
		default:
			u.Credit = CreditCoordination
		}
		out = append(out, u)
	}
	return out, nil
}

// ActionLink is an action named on another page (minutes, topic), with its status.
type ActionLink struct {
	ID, Title, Status string
}

// ActionLinks are the actions auth may see that match filter (e.g. "topic = {:t}").
func ActionLinks(app core.App, auth *core.Record, filter string, params dbx.Params) []ActionLink {
	recs, err := All(app, auth, "actions", Query{Filter: filter, Params: params, Sort: "created"})
	if err != nil {
		return nil
	}
	out := make([]ActionLink, 0, len(recs))
	for _, r := range recs {
		out = append(out, ActionLink{ID: r.Id, Title: r.GetString("title"), Status: r.GetString("status")})
	}
	return out
}

// NewActionInput is the coordinators' form for an action created directly.
type NewActionInput struct {
	Title, Organisation, Person, Due, Topic, Decision string
}

// CreateAction saves an action created directly (coordinators: the actions create rule).
func CreateAction(app core.App, u *User, in NewActionInput) (*ActionItem, error) {
	if u == nil {
		return nil, ErrForbidden
	}
	coll, err := app.FindCachedCollectionByNameOrId("actions")
	if err != nil {
		return nil, err
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
	var due time.Time
	if in.Due != "" {
		if due, err = ParseLocal(in.Due, "12:00"); err != nil {
			errs.Add("due", TimeErrorKey(err))
		}
	}
	if in.Topic != "" {
		if _, err := FindTopic(app, u.Record, in.Topic); err != nil {
			errs.Add("topic", "error.choice")
		}
	}
	meeting := ""
	if in.Decision != "" {
		d, err := First(app, u.Record, "decisions", Query{Filter: "id = {:d}", Params: dbx.Params{"d": in.Decision}})
		if err != nil {
			errs.Add("decision", "error.choice")
		} else {
			meeting = d.GetString("meeting") // an action of a decision belongs to its meeting
		}
	}
	if errs.Any() {
		return nil, errs
	}
	rec := core.NewRecord(coll)
	rec.Set("title", strings.TrimSpace(in.Title))
	rec.Set("organisation", in.Organisation)
	rec.Set("person", in.Person)
	setTime(rec, "due", due)
	rec.Set("topic", in.Topic)
	rec.Set("decision", in.Decision)
	rec.Set("meeting", meeting)
	rec.Set("status", "open")
	rec.Set("created_by", u.Id)
	rec.Set("direct", true) // not part of the decision's minutes
	if !CanCreate(app, u.Record, rec, nil) {
		return nil, ErrForbidden
	}
	if err := app.Save(rec); err != nil {
		return nil, FromSaveError(err)
	}
	return &ActionItem{rec}, nil
}

// AddActionUpdate records a status and progress note on a (the responsible organisation's
// representatives and deputies, and coordinators: the action_updates create rule). The action's
// status and latest note follow in the same transaction (bindActions).
func AddActionUpdate(app core.App, u *User, a *ActionItem, status, note string) error {
	if u == nil {
		return ErrForbidden
	}
	coll, err := app.FindCachedCollectionByNameOrId("action_updates")
	if err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	rec := core.NewRecord(coll)
	rec.Set("action", a.Id)
	rec.Set("author", u.Id)
	rec.Set("status", "open")
	if !CanCreate(app, u.Record, rec, nil) {
		return ErrForbidden
	}
	errs := Errors{}
	if status == "" {
		errs.Add("status", "error.required")
	}
	errs.OneOf("status", status, ActionStatuses)
	errs.MaxLen("note", note, 2000)
	if status == "blocked" && note == "" {
		errs.Add("note", "actions.error.blocked_reason")
	}
	if status == a.Status() && note == "" && !errs.Any() {
		errs.Add("note", "actions.error.nothing")
	}
	if errs.Any() {
		return errs
	}
	rec.Set("status", status)
	rec.Set("note", note)
	return FromSaveError(app.Save(rec))
}

// SetActionPublic shows a on the public /actions, or takes it off (coordinators: the actions
// update rule).
func SetActionPublic(app core.App, u *User, a *ActionItem, on bool) error {
	if u == nil || !Can(app, u.Record, a.Record, a.Collection().UpdateRule) {
		return ErrForbidden
	}
	a.Set("public", on)
	return FromSaveError(app.Save(a.Record))
}

// ActionCaps is what a reader may do with an action.
type ActionCaps struct {
	Update   bool // set status with a note (action_updates create rule)
	Publish  bool // make it public or not (actions update rule)
	Timeline bool // read its updates (action_updates view rule): not all who may see the action
}

// ActionCan is what auth may do with a, in one query.
func ActionCan(app core.App, auth *core.Record, a *ActionItem) ActionCaps {
	var update check
	if auth != nil {
		update = creating(trial(app, "action_updates", map[string]any{"action": a.Id, "author": auth.Id, "status": "in_progress"}))
	}
	var timeline check
	if coll, err := app.FindCachedCollectionByNameOrId("action_updates"); err == nil {
		timeline = check{record: trial(app, "action_updates", map[string]any{"action": a.Id, "status": "open"}), rule: coll.ViewRule, trial: true}
	}
	r := canAll(app, auth, update, check{record: a.Record, rule: a.Collection().UpdateRule}, timeline)
	return ActionCaps{Update: r[0], Publish: auth != nil && r[1], Timeline: r[2]}
}

// MayCreateAction reports whether auth may create actions directly (the actions create rule,
// on the row CreateAction writes without a decision).
func MayCreateAction(app core.App, auth *core.Record) bool {
	if auth == nil {
		return false
	}
	coll, err := app.FindCachedCollectionByNameOrId("actions")
	if err != nil || coll.CreateRule == nil {
		return false
	}
	// The trial row names no other record, so the answer depends only on the rule and on the
	// requester's id and flags: remembered for them (the list asks on every request).
	key := mayCreateKey{rule: *coll.CreateRule, id: auth.Id, coordinator: auth.GetBool("coordinator"), member: auth.GetBool("member")}
	if v, ok := mayCreateActions.Load(key); ok {
		return v.(bool)
	}
	ok := mayCreate(app, auth, trial(app, "actions", map[string]any{"title": "-", "status": "open", "created_by": auth.Id, "direct": true}))
	if mayCreateSize.Add(1) > 2000 { // many people: start over (as countActions)
		mayCreateActions.Clear()
		mayCreateSize.Store(0)
	}
	mayCreateActions.Store(key, ok)
	return ok
}

type mayCreateKey struct {
	rule, id            string
	coordinator, member bool
}

// mayCreateActions remembers MayCreateAction's answers.
var (
	mayCreateActions sync.Map
	mayCreateSize    atomic.Int64
)

// DecisionOptions are the decisions auth may see, newest first, for linking an action.
func DecisionOptions(app core.App, auth *core.Record) []Option {
	recs, err := List(app, auth, "decisions", Query{Sort: "-created", Page: 1, PerPage: 200})
	if err != nil {
		return nil
	}
	out := make([]Option, 0, len(recs.Records))
	for _, d := range recs.Records {
		out = append(out, Option{Value: d.Id, Label: shorten(d.GetString("text"), 90)})
	}
	return out
}

// TopicOptions are the topics auth may see, newest first.
func TopicOptions(app core.App, auth *core.Record) []Option {
	var rows []struct {
		ID    string `db:"id"`
		Title string `db:"title"`
	}
	if _, err := ListInto(app, auth, "topics", Query{Sort: "-created", Page: 1, PerPage: 200, Fields: []string{"title"}, NoCount: true}, &rows); err != nil {
		return nil
	}
	out := make([]Option, 0, len(rows))
	for _, r := range rows {
		out = append(out, Option{Value: r.ID, Label: r.Title})
	}
	return out
}

// ActionMeetingOptions are the meetings auth may see that have minutes (held or approved).
func ActionMeetingOptions(app core.App, auth *core.Record) []Option {
	var rows []struct {
		ID    string `db:"id"`
		Title string `db:"title"`
	}
	if _, err := ListInto(app, auth, "meetings", Query{Filter: `status = "held" || status = "minutes_approved"`, Sort: "-starts",
		Page: 1, PerPage: 100, Fields: []string{"title"}, NoCount: true}, &rows); err != nil {
		return nil
	}
	out := make([]Option, 0, len(rows))
	for _, r := range rows {
		out = append(out, Option{Value: r.ID, Label: r.Title})
	}
	return out
}

// ActionPeople are the people an action may name: coordinators and active members of listed
// organisations, by name.
func ActionPeople(app core.App) []Option {
	var out []Option
	_ = app.DB().NewQuery(`SELECT id AS value, name AS label FROM users WHERE coordinator = TRUE OR id IN (
		SELECT m.user FROM memberships m JOIN organisations o ON o.id = m.organisation
		WHERE m.status = 'active' AND o.status IN ('member', 'partner')) ORDER BY name LIMIT 1000`).All(&out)
	return out
}

func shorten(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// Summary counts the public actions for the home page: all agreed, done, in progress.
type Summary struct {
	Agreed, Done, InProgress int
}

// ActionSummary counts the actions on the public /actions (public ones, whatever their status;
// dropped ones are not counted as agreed).
func ActionSummary(app core.App) Summary {
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	_ = app.DB().Select("status", "COUNT(*) AS n").From("actions").Where(dbx.HashExp{"public": true}).GroupBy("status").All(&rows)
	var s Summary
	for _, r := range rows {
		if r.Status != "dropped" {
			s.Agreed += r.N
		}
		switch r.Status {
		case "done":
			s.Done += r.N
		case "in_progress":
			s.InProgress += r.N
		}
	}
	return s
}

// bindActions keeps each action's status, note and progress_at from its latest update in the
// writing transaction (pages, /api/ or the dashboard), and starts the weekly reminders.
func bindActions(app core.App) {
	keep := func(key string) func(e *core.RecordEvent) error {
		return keptInTx(nil, func(tx core.App, r *core.Record) error {
			id := r.Id
			if key != "" {
				id = r.GetString(key)
			}
			return keepActionStatus(tx, id)
		})
	}
	app.OnRecordCreateExecute("action_updates").BindFunc(keep("action"))
	app.OnRecordDeleteExecute("action_updates").BindFunc(keep("action"))
	// A save of the action itself writes every column, also those of the copy it was loaded
	// with: take them from the updates again, so an update made meanwhile is not undone.
	app.OnRecordUpdateExecute("actions").BindFunc(keep(""))
	forget := func(e *core.RecordEvent) error {
		actionCountGeneration.Add(1)
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(actionRuleReads...).BindFunc(forget)
	app.OnRecordAfterUpdateSuccess(actionRuleReads...).BindFunc(forget)
	app.OnRecordAfterDeleteSuccess(actionRuleReads...).BindFunc(forget)
	app.OnCollectionAfterUpdateSuccess().BindFunc(func(e *core.CollectionEvent) error {
		actionCountGeneration.Add(1) // a changed rule
		return e.Next()
	})
	app.Cron().MustAdd("action_reminders", "0 7 * * 1", func() {
		if _, err := SendActionReminders(app, Now()); err != nil {
			app.Logger().Error("action reminders", "error", err)
		}
	})
}

// keepActionStatus writes the latest update's status, note and time into the action (nothing
// when it has no updates: the status it was created with stands).
func keepActionStatus(tx core.App, actionID string) error {
	_, err := tx.DB().NewQuery(`UPDATE actions SET status = u.status, note = u.note, progress_at = u.created
		FROM (SELECT status, note, created FROM action_updates WHERE action = {:a} ORDER BY created DESC, rowid DESC LIMIT 1) AS u
		WHERE actions.id = {:a}`).Bind(dbx.Params{"a": actionID}).Execute()
	return err
}

// ActionsSoonDays is how far ahead the weekly reminder looks for actions coming due.
const ActionsSoonDays = 14

// isoWeek names the week of t in Berlin ("2026-W49").
func isoWeek(t time.Time) string {
	y, w := t.In(Berlin).ISOWeek()
	return strconv.Itoa(y) + "-W" + leftPad(strconv.Itoa(w))
}

func leftPad(s string) string {
	if len(s) < 2 {
		return "0" + s
	}
	return s
}

// reminded reports whether orgID got its reminder of week.
func reminded(app core.App, orgID, week string) bool {
	n := 0
	_ = app.DB().Select("COUNT(*)").From("action_reminders").Where(dbx.HashExp{"organisation": orgID, "week": week}).Row(&n)
	return n > 0
}

// SendActionReminders mails each responsible organisation's representatives and deputies (each
// in their language) its overdue actions and those due within ActionsSoonDays, at most once per
// ISO week per organisation (action_reminders remembers it), and returns how many mails it
// sent. A cron job runs it every Monday morning; running it twice in a week sends nothing twice.
func SendActionReminders(app core.App, now time.Time) (int, error) {
	until, err := types.ParseDateTime(now.Add(ActionsSoonDays * 24 * time.Hour))
	if err != nil {
		return 0, err
	}
	var due []*core.Record
	err = app.RecordQuery("actions").AndWhere(dbx.In("status", toAny(ActionOpenStatuses)...)).
		AndWhere(dbx.NewExp("due != '' AND due <= {:until}", dbx.Params{"until": until.String()})).
		OrderBy("organisation", "due").All(&due)
	if err != nil {
		return 0, err
	}
	byOrg := map[string][]*ActionItem{}
	var orgs []string
	for _, rec := range due {
		o := rec.GetString("organisation")
		if _, ok := byOrg[o]; !ok {
			orgs = append(orgs, o)
		}
		byOrg[o] = append(byOrg[o], &ActionItem{rec})
	}
	week := isoWeek(now)
	coll, err := app.FindCachedCollectionByNameOrId("action_reminders")
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for _, orgID := range orgs {
		org, err := app.FindRecordById("organisations", orgID)
		if err != nil {
			continue
		}
		// Marked first: a mail that fails is not sent again to those who have it. Only a mark
		// already there (the unique index, maybe written by another run meanwhile) means done;
		// any other failure is reported and the organisation tried again on the next run.
		if reminded(app, orgID, week) {
			continue
		}
		mark := core.NewRecord(coll)
		mark.Set("organisation", orgID)
		mark.Set("week", week)
		if err := app.Save(mark); err != nil {
			if !reminded(app, orgID, week) {
				errs = append(errs, fmt.Errorf("action reminder of %s: %w", orgID, err))
			}
			continue
		}
		orgSent, orgFailed := 0, 0
		var managers []*core.Record
		if ids := org.GetStringSlice("managers"); len(ids) > 0 {
			managers, _ = app.FindRecordsByIds("users", ids)
		}
		for _, m := range managers {
			u := &User{m}
			lang := u.Language()
			var lines []string
			overdue := 0
			for _, a := range byOrg[orgID] {
				key := "actions.mail.reminder.line"
				if a.Overdue(now) {
					overdue++
					key = "actions.mail.reminder.line_overdue"
				}
				line := locales.Tf(lang, key, -1, map[string]any{"Title": a.Title(), "Due": FormatDate(lang, a.Due())})
				lines = append(lines, line, URL(app, "/actions/"+a.Id), "")
			}
			err := Send(app, Letter{To: m.Email(), Name: u.Name(), Lang: lang,
				Subject: "actions.mail.reminder.subject", Body: "actions.mail.reminder.body",
				Data:   map[string]any{"Organisation": org.GetString("name"), "Count": len(byOrg[orgID]), "Overdue": overdue},
				Action: "actions.mail.reminder.action", Link: URL(app, "/actions?organisation="+orgID), Lines: lines,
				About: "organisations/" + orgID})
			if err != nil {
				errs = append(errs, err)
				orgFailed++
				continue
			}
			sent++
			orgSent++
		}
		if orgFailed > 0 && orgSent == 0 {
			// Nobody got it: not reminded, the next run tries the week again.
			if err := app.Delete(mark); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return sent, errors.Join(errs...)
}
