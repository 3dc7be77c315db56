package committee

import (
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Topic is a topic for the committee's work, or an idea for the committee itself.
type Topic struct{ *core.Record }

func (t *Topic) Title() string         { return t.GetString("title") }
func (t *Topic) Kind() string          { return t.GetString("kind") }
func (t *Topic) Description() string   { return t.GetString("description") }
func (t *Topic) Areas() []string       { return t.GetStringSlice("areas") }
func (t *Topic) Status() string        { return t.GetString("status") }
func (t *Topic) Visibility() string    { return t.GetString("visibility") }
func (t *Topic) ProposedBy() string    { return t.GetString("proposed_by") }
func (t *Topic) Organisation() string  { return t.GetString("organisation") }
func (t *Topic) Supports() int         { return t.GetInt("supports") }
func (t *Topic) Comments() int         { return t.GetInt("comments") }
func (t *Topic) AgendaItem() string    { return t.GetString("agenda_item") }
func (t *Topic) DeclineReason() string { return t.GetString("decline_reason") }
func (t *Topic) LatestRank() int       { return t.GetInt("latest_rank") }

// TopicInput is the topic form.
type TopicInput struct {
	Title, Kind, Description, Organisation string
	Areas                                  []string
}

// Validate checks the form of u.
func (in *TopicInput) Validate(app core.App, u *User) Errors {
	errs := Errors{}
	errs.Required("title", in.Title, 200)
	if in.Kind == "" {
		errs.Add("kind", "error.required")
	}
	errs.OneOf("kind", in.Kind, TopicKinds)
	errs.MaxLen("description", in.Description, 20000)
	errs.AllOf("areas", in.Areas, Areas)
	if in.Organisation != "" && !managesOrganisation(app, u.Id, in.Organisation) {
		errs.Add("organisation", "error.choice")
	}
	return errs
}

// managesOrganisation reports whether the person represents the organisation (representative
// or deputy): only they speak for it.
func managesOrganisation(app core.App, userID, orgID string) bool {
	n := 0
	_ = listedMemberships(app, userID, "representative", "deputy").Select("COUNT(*)").
		AndWhere(dbx.HashExp{"m.organisation": orgID}).Row(&n)
	return n > 0
}

// ManagedOrganisations are the organisations u speaks for (representative or deputy).
func ManagedOrganisations(app core.App, userID string) []Option {
	return organisationOptions(listedMemberships(app, userID, "representative", "deputy"))
}

// listedMemberships queries a person's active memberships (m) in listed organisations (o),
// with one of roles (any role when none).
func listedMemberships(app core.App, userID string, roles ...string) *dbx.SelectQuery {
	q := app.DB().Select().From("memberships m").InnerJoin("organisations o", dbx.NewExp("o.id = m.organisation")).
		Where(dbx.HashExp{"m.user": userID, "m.status": "active"}).AndWhere(dbx.In("o.status", "member", "partner"))
	if len(roles) > 0 {
		q.AndWhere(dbx.In("m.role", toAny(roles)...))
	}
	return q
}

// organisationOptions reads the organisations of a listedMemberships query as choices, by name.
func organisationOptions(q *dbx.SelectQuery) []Option {
	var rows []Option
	_ = q.Select("o.id AS value", "o.name AS label").OrderBy("o.name").All(&rows)
	return rows
}

func (in *TopicInput) apply(rec *core.Record) {
	rec.Set("title", strings.TrimSpace(in.Title))
	rec.Set("kind", in.Kind)
	rec.Set("description", strings.TrimSpace(in.Description))
	rec.Set("areas", in.Areas)
}

// ProposeTopic saves a new topic of a member, for one of their organisations or personally.
func ProposeTopic(app core.App, u *User, in TopicInput) (*Topic, error) {
	if u == nil {
		return nil, ErrForbidden
	}
	if errs := in.Validate(app, u); errs.Any() {
		return nil, errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("topics")
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(coll)
	in.apply(rec)
	rec.Set("organisation", in.Organisation)
	rec.Set("proposed_by", u.Id)
	rec.Set("status", "proposed")
	rec.Set("visibility", "members")
	if !CanCreate(app, u.Record, rec, nil) {
		return nil, ErrForbidden
	}
	if err := app.Save(rec); err != nil {
		return nil, FromSaveError(err)
	}
	return &Topic{rec}, nil
}

// UpdateTopic saves the form into a topic (its proposer while proposed, or a coordinator).
func UpdateTopic(app core.App, u *User, t *Topic, in TopicInput) error {
	if u == nil || !Can(app, u.Record, t.Record, t.Collection().UpdateRule) {
		return ErrForbidden
	}
	in.Organisation = "" // whom a topic is for does not change once proposed
	if errs := in.Validate(app, u); errs.Any() {
		return errs
	}
	in.apply(t.Record)
	return FromSaveError(app.Save(t.Record))
}

// FindTopic returns the topic that auth may view.
func FindTopic(app core.App, auth *core.Record, id string) (*Topic, error) {
	rec, err := First(app, auth, "topics", Query{Filter: "id = {:id}", Params: dbx.Params{"id": id}})
	if err != nil {
		return nil, err
	}
	return &Topic{rec}, nil
}

// TopicFilter narrows and orders the topics list.
type TopicFilter struct {
	Status, Area, Kind string
	Sort               string // "newest" (default), "support", "rank"
	Page               int
}

// TopicRow is one line of the topics list.
type TopicRow struct {
	ID         string `db:"id"`
	Title      string `db:"title"`
	Kind       string `db:"kind"`
	Status     string `db:"status"`
	Areas      string `db:"areas"` // JSON list
	Supports   int    `db:"supports"`
	Comments   int    `db:"comments"`
	LatestRank int    `db:"latest_rank"`
}

// TopicsPerPage is the length of a page of the topics list.
const TopicsPerPage = 50

// Topics lists the topics auth may see, 50 a page.
func Topics(app core.App, auth *core.Record, f TopicFilter) (*Page, []TopicRow, error) {
	var parts []string
	params := dbx.Params{}
	if f.Status != "" && slices.Contains(TopicStatuses, f.Status) {
		parts, params["status"] = append(parts, "status = {:status}"), f.Status
	}
	if f.Kind != "" && slices.Contains(TopicKinds, f.Kind) {
		parts, params["kind"] = append(parts, "kind = {:kind}"), f.Kind
	}
	if f.Area != "" && slices.Contains(Areas, f.Area) {
		// A quoted JSON element: the stored list contains it (see organisations' areas).
		parts, params["area"] = append(parts, "areas ~ {:area}"), `"`+f.Area+`"`
	}
	sort := "-created"
	switch f.Sort {
	case "support":
		sort = "-supports,-created"
	case "rank":
		parts, sort = append(parts, "latest_rank > 0"), "latest_rank,-supports"
	}
	var rows []TopicRow
	p, err := ListInto(app, auth, "topics", Query{Filter: strings.Join(parts, " && "), Params: params, Sort: sort,
		Page: f.Page, PerPage: TopicsPerPage,
		Fields: []string{"title", "kind", "status", "areas", "supports", "comments", "latest_rank"}}, &rows)
	return p, rows, err
}

// Support records u's support for a topic (once), or takes it back. The count on the topic is
// kept by the hooks (bindTopics).
func Support(app core.App, u *User, t *Topic, on bool) error {
	if u == nil {
		return ErrForbidden
	}
	existing, _ := app.FindFirstRecordByFilter("supports", "topic = {:t} && user = {:u}", dbx.Params{"t": t.Id, "u": u.Id})
	if !on {
		if existing == nil {
			return nil
		}
		return app.Delete(existing)
	}
	if existing != nil {
		return nil
	}
	coll, err := app.FindCachedCollectionByNameOrId("supports")
	if err != nil {
		return err
	}
	rec := core.NewRecord(coll)
	rec.Set("topic", t.Id)
	rec.Set("user", u.Id)
	if !CanCreate(app, u.Record, rec, nil) {
		return ErrForbidden
	}
	if err := app.Save(rec); err != nil && !Supports(app, u, t) {
		return err // (a second click at the same moment finds the first support saved)
	}
	return nil
}

// Supports reports whether u supports the topic.
func Supports(app core.App, u *User, t *Topic) bool {
	if u == nil {
		return false
	}
	n := 0
	_ = app.DB().Select("COUNT(*)").From("supports").Where(dbx.HashExp{"topic": t.Id, "user": u.Id}).Row(&n)
	return n > 0
}

// SetTopicStatus is the coordinators' step in a topic's life: in progress, done, declined
// (with a reason), back to proposed; and public or members-only.
func SetTopicStatus(app core.App, u *User, t *Topic, status, visibility, reason string) error {
	if !maySetTopicStatus(u) {
		return ErrForbidden
	}
	errs := Errors{}
	errs.OneOf("status", status, []string{"proposed", "in_progress", "done", "declined"})
	errs.OneOf("visibility", visibility, TopicVisibility)
	if status == "declined" {
		errs.Required("reason", reason, 2000)
	}
	if errs.Any() {
		return errs
	}
	if status != "" {
		t.Set("status", status)
		t.Set("decline_reason", "")
		if status == "declined" {
			t.Set("decline_reason", strings.TrimSpace(reason))
		}
	}
	if visibility != "" {
		t.Set("visibility", visibility)
	}
	return app.Save(t.Record)
}

// maySetTopicStatus: the topics rules leave status and visibility to this workflow, which is
// the coordinators'.
func maySetTopicStatus(u *User) bool { return u != nil && u.Coordinator() }

// mayComment: comments are written by this workflow only (no create rule): members and
// coordinators write them.
func mayComment(u *User) bool { return u != nil && (u.Member() || u.Coordinator()) }

// mayReport: anyone signed in may tell the coordinators about a comment.
func mayReport(u *User) bool { return u != nil }

// mayHide: coordinators hide comments.
func mayHide(u *User) bool { return u != nil && u.Coordinator() }

// Comment is a comment as the topic page shows it.
type Comment struct {
	ID, Parent, Author, AuthorName, Body, HiddenReason string
	Hidden                                             bool
	Created                                            time.Time
	Replies                                            []Comment
}

// commentEditWindow is how long authors may edit their comment.
const commentEditWindow = 15 * time.Minute

// CanEdit reports whether u may still edit the comment (its author, within 15 minutes).
func (c Comment) CanEdit(u *User) bool {
	return u != nil && c.Author == u.Id && !c.Hidden && time.Since(c.Created) < commentEditWindow
}

// TopicComments reads a topic's comments with their replies, oldest first.
func TopicComments(app core.App, auth *core.Record, t *Topic) ([]Comment, error) {
	recs, err := All(app, auth, "comments", Query{Filter: "topic = {:t}", Params: dbx.Params{"t": t.Id}, Sort: "created"})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.GetString("author"))
	}
	names := VisibleNames(app, auth, ids) // as the users rule shows them
	var top []Comment
	index := map[string]int{}
	for _, r := range recs {
		c := Comment{ID: r.Id, Parent: r.GetString("parent"), Author: r.GetString("author"), AuthorName: names[r.GetString("author")],
			Body: r.GetString("body"), Hidden: r.GetBool("hidden"), HiddenReason: r.GetString("hidden_reason"),
			Created: r.GetDateTime("created").Time()}
		if c.Hidden {
			c.Body = "" // hidden: only the reason stays in its place
		}
		if i, ok := index[c.Parent]; ok && c.Parent != "" {
			top[i].Replies = append(top[i].Replies, c)
			continue
		}
		index[c.ID] = len(top)
		top = append(top, c)
	}
	return top, nil
}

// AddComment writes a member's comment on a topic they may see, or a reply to a comment (one
// level: a reply to a reply answers its parent).
func AddComment(app core.App, u *User, t *Topic, parentID, body string) error {
	if !mayComment(u) {
		return ErrForbidden
	}
	return addComment(app, u, "topic", t.Id, parentID, body)
}

// addComment writes u's comment on the topic or statement (on names the comments field, id
// the record), or a reply (one level: a reply to a reply answers its parent).
func addComment(app core.App, u *User, on, id, parentID, body string) error {
	errs := Errors{}
	errs.Required("body", body, 5000)
	if errs.Any() {
		return errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("comments")
	if err != nil {
		return err
	}
	rec := core.NewRecord(coll)
	rec.Set(on, id)
	rec.Set("author", u.Id)
	rec.Set("body", strings.TrimSpace(body))
	if parentID != "" {
		parent, err := app.FindFirstRecordByFilter("comments", "id = {:p} && "+on+" = {:on} && hidden = false", dbx.Params{"p": parentID, "on": id})
		if err != nil {
			return Errors{"body": "error.choice"} // no such comment here, or hidden: no replies to it
		}
		if p := parent.GetString("parent"); p != "" {
			parentID = p
		}
		rec.Set("parent", parentID)
	}
	return app.Save(rec)
}

// EditComment changes the author's comment within 15 minutes of writing it.
func EditComment(app core.App, u *User, commentID, body string) error {
	rec, err := app.FindRecordById("comments", commentID)
	if err != nil {
		return ErrNotFound
	}
	c := Comment{Author: rec.GetString("author"), Hidden: rec.GetBool("hidden"), Created: rec.GetDateTime("created").Time()}
	if !c.CanEdit(u) {
		return Errors{"body": "topics.error.edit_closed"}
	}
	errs := Errors{}
	errs.Required("body", body, 5000)
	if errs.Any() {
		return errs
	}
	rec.Set("body", strings.TrimSpace(body))
	return app.Save(rec)
}

// ReportComment tells the coordinators about a comment (once per person).
func ReportComment(app core.App, u *User, commentID, reason string) error {
	if !mayReport(u) {
		return ErrForbidden
	}
	errs := Errors{}
	errs.MaxLen("reason", reason, 1000)
	if errs.Any() {
		return errs
	}
	comment, err := app.FindRecordById("comments", commentID)
	if err != nil {
		return ErrNotFound
	}
	if existing, _ := app.FindFirstRecordByFilter("comment_reports", "comment = {:c} && reporter = {:u}",
		dbx.Params{"c": commentID, "u": u.Id}); existing != nil {
		return nil
	}
	coll, err := app.FindCachedCollectionByNameOrId("comment_reports")
	if err != nil {
		return err
	}
	rec := core.NewRecord(coll)
	rec.Set("comment", commentID)
	rec.Set("reporter", u.Id)
	rec.Set("reason", strings.TrimSpace(reason))
	if err := app.Save(rec); err != nil {
		return err
	}
	notifyCoordinators(app, Letter{Subject: "mail.report.subject", Body: "mail.report.body",
		Data: map[string]any{"Person": u.Name(), "Reason": strings.TrimSpace(reason)}, Action: "mail.report.action",
		Link: URL(app, commentPath(app, comment))})
	return nil
}

// HideComment is a coordinator hiding a comment; the reason stays visible in its place.
func HideComment(app core.App, u *User, commentID, reason string) error {
	if !mayHide(u) {
		return ErrForbidden
	}
	errs := Errors{}
	errs.Required("reason", reason, 1000)
	if errs.Any() {
		return errs
	}
	rec, err := app.FindRecordById("comments", commentID)
	if err != nil {
		return ErrNotFound
	}
	rec.Set("hidden", true)
	rec.Set("hidden_reason", strings.TrimSpace(reason))
	if body := rec.GetString("body"); body != "" {
		rec.Set("hidden_body", body) // kept for the coordinators (dashboard), never sent out
	}
	rec.Set("body", "")
	return app.Save(rec)
}

// bindTopics keeps the counts of topics and rounds right after any write of supports,
// comments and votes, in the writing transaction, and checks votes (rounds.go).
func bindTopics(app core.App) {
	count := func(key string, sqls ...string) func(e *core.RecordEvent) error {
		return keptInTx(nil, func(tx core.App, r *core.Record) error {
			topic := r.Id
			if key != "" {
				topic = r.GetString(key)
			}
			for _, sql := range sqls {
				if _, err := tx.DB().NewQuery(sql).Bind(dbx.Params{"t": topic}).Execute(); err != nil {
					return err
				}
			}
			return nil
		})
	}
	const supportsSQL = `UPDATE topics SET supports = (SELECT COUNT(*) FROM supports WHERE topic = {:t}) WHERE id = {:t}`
	const commentsSQL = `UPDATE topics SET comments = (SELECT COUNT(*) FROM comments WHERE topic = {:t} AND hidden = FALSE) WHERE id = {:t}`
	supports, comments := count("topic", supportsSQL), count("topic", commentsSQL)
	app.OnRecordCreateExecute("supports").BindFunc(supports)
	app.OnRecordDeleteExecute("supports").BindFunc(supports)
	app.OnRecordCreateExecute("comments").BindFunc(comments)
	app.OnRecordUpdateExecute("comments").BindFunc(comments)
	app.OnRecordDeleteExecute("comments").BindFunc(comments)
	// A save of the topic itself writes every column, also the counts of the copy it was loaded
	// with: count again, so a support given meanwhile is not undone.
	app.OnRecordUpdateExecute("topics").BindFunc(count("", supportsSQL, commentsSQL))
	bindRounds(app)
}

// TopicRound is a round a topic was in, with its rank there (0 while open or hidden).
type TopicRound struct {
	ID, Title  string
	Rank, Dots int
	Closed     bool
	Visible    bool // the reader may see the totals (the round_topics rule)
}

// History is what became of a topic: its rounds, the meeting where it is (or was) discussed,
// and the decisions and action items of that agenda item.
type History struct {
	Rounds                  []TopicRound
	MeetingID, MeetingTitle string
	AgendaItemTitle         string
	Decisions               []string
	// Actions are those of its agenda item and those linked to it directly, with their status.
	Actions []ActionLink
}

// TopicHistory reads a topic's history as auth may see it.
func TopicHistory(app core.App, auth *core.Record, t *Topic) (History, error) {
	var h History
	// The rounds it was in, as the rounds rule shows them; the totals as the round_topics rule
	// shows them (none while a round hides them from auth).
	rounds, err := All(app, auth, "rounds", Query{Filter: "round_topics_via_round.topic ?= {:t}",
		Params: dbx.Params{"t": t.Id}, Sort: "-opens"})
	if err != nil {
		return h, err
	}
	totals := map[string]*core.Record{}
	if len(rounds) > 0 {
		rts, err := All(app, auth, "round_topics", Query{Filter: "topic = {:t}", Params: dbx.Params{"t": t.Id}})
		if err != nil && err != ErrForbidden {
			return h, err
		}
		for _, rt := range rts {
			totals[rt.GetString("round")] = rt
		}
	}
	for _, r := range rounds {
		tr := TopicRound{ID: r.Id, Title: r.GetString("title"), Closed: r.GetBool("closed")}
		if rt := totals[r.Id]; rt != nil {
			tr.Rank, tr.Dots, tr.Visible = rt.GetInt("rank"), rt.GetInt("dots"), true
		}
		h.Rounds = append(h.Rounds, tr)
	}
	h.Actions = ActionLinks(app, auth, "topic = {:t}", dbx.Params{"t": t.Id})
	if t.AgendaItem() == "" {
		return h, nil
	}
	item, err := First(app, auth, "agenda_items", Query{Filter: "id = {:i}", Params: dbx.Params{"i": t.AgendaItem()}})
	if err != nil {
		return h, nil // an agenda the reader may not see
	}
	h.AgendaItemTitle = item.GetString("title")
	if m, err := FindMeeting(app, auth, item.GetString("meeting")); err == nil {
		h.MeetingID, h.MeetingTitle = m.Id, m.Title()
	}
	q := Query{Filter: "agenda_item = {:i}", Params: dbx.Params{"i": item.Id}, Sort: "created"}
	decisions, _ := All(app, auth, "decisions", q)
	for _, d := range decisions {
		h.Decisions = append(h.Decisions, d.GetString("text"))
	}
	seen := map[string]bool{}
	for _, a := range h.Actions {
		seen[a.ID] = true
	}
	for _, a := range ActionLinks(app, auth, "agenda_item = {:i}", dbx.Params{"i": item.Id}) {
		if !seen[a.ID] {
			h.Actions = append(h.Actions, a)
		}
	}
	return h, nil
}
