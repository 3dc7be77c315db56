package committee

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Round is a prioritisation round: voters spread dots over its topics until it closes.
type Round struct{ *core.Record }

func (r *Round) Title() string        { return r.GetString("title") }
func (r *Round) Opens() time.Time     { return r.GetDateTime("opens").Time() }
func (r *Round) Closes() time.Time    { return r.GetDateTime("closes").Time() }
func (r *Round) Dots() int            { return r.GetInt("dots") }
func (r *Round) MaxPerTopic() int     { return r.GetInt("max_per_topic") }
func (r *Round) Voters() string       { return r.GetString("voters") }
func (r *Round) HideResults() bool    { return r.GetBool("hide_results") }
func (r *Round) Closed() bool         { return r.GetBool("closed") }
func (r *Round) Ballots() int         { return r.GetInt("ballots") }
func (r *Round) ByOrganisation() bool { return r.Voters() == "organisations" }

// Open reports whether votes are taken now.
func (r *Round) Open(now time.Time) bool {
	return !r.Closed() && !now.Before(r.Opens()) && now.Before(r.Closes())
}

// mayManageRounds: rounds have no write rules; opening, closing and taking the results to an
// agenda are these workflows, the coordinators'.
func mayManageRounds(u *User) bool { return u != nil && u.Coordinator() }

// RoundInput is the form that opens a round. Times are Berlin wall times.
type RoundInput struct {
	Title, OpensDate, OpensTime, ClosesDate, ClosesTime, Dots, MaxPerTopic, Voters string
	HideResults                                                                    bool
	Topics                                                                         []string
}

// OpenRound starts a round (coordinators) with its topics, which go "in a round".
func OpenRound(app core.App, u *User, in RoundInput) (*Round, error) {
	if !mayManageRounds(u) {
		return nil, ErrForbidden
	}
	errs := Errors{}
	errs.Required("title", in.Title, 200)
	if in.Voters == "" {
		errs.Add("voters", "error.required")
	}
	errs.OneOf("voters", in.Voters, RoundVoters)
	dots := errs.Int("dots", in.Dots, 1, 100)
	perTopic := errs.Int("max_per_topic", in.MaxPerTopic, 1, 100)
	if in.Dots == "" {
		errs.Add("dots", "error.required")
	}
	if in.MaxPerTopic == "" {
		errs.Add("max_per_topic", "error.required")
	}
	opens, err := ParseLocal(in.OpensDate, in.OpensTime)
	if err != nil {
		errs.Add("opens_date", TimeErrorKey(err))
	}
	closes, err := ParseLocal(in.ClosesDate, in.ClosesTime)
	if err != nil {
		errs.Add("closes_date", TimeErrorKey(err))
	} else if !closes.After(opens) {
		errs.Add("closes_date", "rounds.error.closes_before_opens")
	}
	if len(in.Topics) < 2 {
		errs.Add("topics", "rounds.error.topics")
	}
	if errs.Any() {
		return nil, errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("rounds")
	if err != nil {
		return nil, err
	}
	rtColl, err := app.FindCachedCollectionByNameOrId("round_topics")
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(coll)
	err = app.RunInTransaction(func(tx core.App) error {
		rec.Set("title", strings.TrimSpace(in.Title))
		rec.Set("opens", opens)
		rec.Set("closes", closes)
		rec.Set("dots", dots)
		rec.Set("max_per_topic", min(perTopic, dots))
		rec.Set("voters", in.Voters)
		rec.Set("hide_results", in.HideResults)
		rec.Set("created_by", u.Id)
		if err := tx.Save(rec); err != nil {
			return err
		}
		for _, id := range in.Topics {
			t, err := tx.FindRecordById("topics", id)
			if err != nil || t.GetString("status") == "declined" || t.GetString("status") == "done" {
				return Errors{"topics": "error.choice"}
			}
			rt := core.NewRecord(rtColl)
			rt.Set("round", rec.Id)
			rt.Set("topic", id)
			if err := tx.Save(rt); err != nil {
				return err
			}
			if t.GetString("status") == "proposed" {
				t.Set("status", "in_round")
				if err := tx.Save(t); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, FromSaveError(err)
	}
	return &Round{rec}, nil
}

// FindRound returns the round that auth may view.
func FindRound(app core.App, auth *core.Record, id string) (*Round, error) {
	rec, err := First(app, auth, "rounds", Query{Filter: "id = {:id}", Params: dbx.Params{"id": id}})
	if err != nil {
		return nil, err
	}
	return &Round{rec}, nil
}

// Rounds lists the rounds auth may see, latest first.
func Rounds(app core.App, auth *core.Record) ([]*Round, error) {
	recs, err := All(app, auth, "rounds", Query{Sort: "-opens"})
	out := make([]*Round, len(recs))
	for i, r := range recs {
		out[i] = &Round{r}
	}
	return out, err
}

// RoundTopic is a topic of a round with its totals (zero while they are hidden from the reader).
type RoundTopic struct {
	ID, Title          string
	Dots, Voters, Rank int
	Mine               int // the dots of the reader (or the organisation they vote for)
	AgendaItem         string
}

// RoundTopics is RoundResults without saying whether the totals were shown.
func RoundTopics(app core.App, auth *core.Record, r *Round, voter string) ([]RoundTopic, error) {
	out, _, err := RoundResults(app, auth, r, voter)
	return out, err
}

// RoundResults reads the topics of a round as auth may see them: ranked with their totals when
// the round_topics rule shows them (visible), else by title without totals; with the dots of
// voter ("" for none: "org:<id>" or "user:<id>"), as far as the votes rule shows them.
func RoundResults(app core.App, auth *core.Record, r *Round, voter string) (out []RoundTopic, visible bool, err error) {
	var topics []struct {
		ID         string `db:"id"`
		Title      string `db:"title"`
		AgendaItem string `db:"agenda_item"`
	}
	// Which topics are in the round is part of the round (the reader may view it); the topics
	// rule decides which of them the reader sees.
	if _, err := ListInto(app, auth, "topics", Query{Filter: "round_topics_via_topic.round ?= {:r}",
		Params: dbx.Params{"r": r.Id}, Fields: []string{"title", "agenda_item"}, NoCount: true}, &topics); err != nil {
		return nil, false, err
	}
	// The totals go through the round_topics rule: none while the round hides them from auth.
	var totals []struct {
		Topic  string `db:"topic"`
		Dots   int    `db:"dots"`
		Voters int    `db:"voters"`
		Rank   int    `db:"rank"`
	}
	if _, err := ListInto(app, auth, "round_topics", Query{Filter: "round = {:r}", Params: dbx.Params{"r": r.Id},
		Fields: []string{"topic", "dots", "voters", "rank"}, NoCount: true}, &totals); err != nil && err != ErrForbidden {
		return nil, false, err
	}
	mine := map[string]int{}
	if voter != "" {
		var votes []struct {
			Topic string `db:"topic"`
			Dots  int    `db:"dots"`
		}
		if _, err := ListInto(app, auth, "votes", Query{Filter: "round = {:r} && voter = {:v}",
			Params: dbx.Params{"r": r.Id, "v": voter}, Fields: []string{"topic", "dots"}, NoCount: true}, &votes); err != nil && err != ErrForbidden {
			return nil, false, err
		}
		for _, v := range votes {
			mine[v.Topic] = v.Dots
		}
	}
	visible = len(totals) > 0
	out = make([]RoundTopic, len(topics))
	index := make(map[string]int, len(topics))
	for i, t := range topics {
		out[i] = RoundTopic{ID: t.ID, Title: t.Title, Mine: mine[t.ID], AgendaItem: t.AgendaItem}
		index[t.ID] = i
	}
	for _, rt := range totals {
		if i, ok := index[rt.Topic]; ok {
			out[i].Dots, out[i].Voters, out[i].Rank = rt.Dots, rt.Voters, rt.Rank
		}
	}
	// Ranked: most dots, then most voters, then by title; unranked while hidden (by title, so
	// the order gives nothing away).
	slices.SortStableFunc(out, func(a, b RoundTopic) int {
		if visible {
			if a.Dots != b.Dots {
				return b.Dots - a.Dots
			}
			if a.Voters != b.Voters {
				return b.Voters - a.Voters
			}
		}
		return strings.Compare(a.Title, b.Title)
	})
	return out, visible, nil
}

// VoterKey is who u's dots count for in r: the organisation (org rounds) or the person.
func VoterKey(r *Round, u *User, orgID string) string {
	if r.ByOrganisation() {
		return "org:" + orgID
	}
	return "user:" + u.Id
}

// The ways a vote is refused; pages show them as messages, /api/ as 400.
var (
	ErrRoundClosed   = errors.New("the round is not open")
	ErrTooManyDots   = errors.New("more dots than the round gives")
	ErrTooManyOnOne  = errors.New("more dots on one topic than the round allows")
	ErrNotInRound    = errors.New("the topic is not in the round")
	ErrNotVoterOfOrg = errors.New("only its representative or deputy votes for an organisation")
)

// Vote spreads u's dots (topic id → dots) for the round, for an organisation in rounds of
// organisations. Topics left out keep their dots; 0 takes them back. The checks run in the
// vote hooks (checkVote), inside the writing transaction, for pages and /api/ alike.
func Vote(app core.App, u *User, r *Round, orgID string, dots map[string]int) error {
	if u == nil {
		return ErrForbidden
	}
	if !r.Open(time.Now()) {
		return Errors{"form": "rounds.error.closed"}
	}
	if r.ByOrganisation() && !managesOrganisation(app, u.Id, orgID) {
		return Errors{"organisation": "rounds.error.not_voter"}
	}
	if !r.ByOrganisation() {
		orgID = ""
	}
	coll, err := app.FindCachedCollectionByNameOrId("votes")
	if err != nil {
		return err
	}
	voter := VoterKey(r, u, orgID)
	// Save the decreases first: moving dots from one topic to another must not pass through a
	// moment with more dots than the voter has.
	old := map[string]int{}
	var existing []struct {
		Topic string `db:"topic"`
		Dots  int    `db:"dots"`
	}
	_ = app.DB().Select("topic", "dots").From("votes").Where(dbx.HashExp{"round": r.Id, "voter": voter}).All(&existing)
	for _, e := range existing {
		old[e.Topic] = e.Dots
	}
	order := make([]string, 0, len(dots))
	for topic := range dots {
		order = append(order, topic)
	}
	slices.SortFunc(order, func(a, b string) int { return (dots[a] - old[a]) - (dots[b] - old[b]) })
	err = app.RunInTransaction(func(tx core.App) error {
		for _, topic := range order {
			n := dots[topic]
			rec, err := tx.FindFirstRecordByFilter("votes", "round = {:r} && topic = {:t} && voter = {:v}",
				dbx.Params{"r": r.Id, "t": topic, "v": voter})
			if err != nil {
				if n == 0 {
					continue
				}
				rec = core.NewRecord(coll)
				rec.Set("round", r.Id)
				rec.Set("topic", topic)
				rec.Set("organisation", orgID)
			}
			rec.Set("user", u.Id)
			rec.Set("dots", n)
			if err := tx.Save(rec); err != nil {
				return err
			}
		}
		return nil
	})
	return voteError(err)
}

// voteError turns the vote hooks' refusals into form messages.
func voteError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrRoundClosed):
		return Errors{"form": "rounds.error.closed"}
	case errors.Is(err, ErrTooManyDots):
		return Errors{"form": "rounds.error.too_many_dots"}
	case errors.Is(err, ErrTooManyOnOne):
		return Errors{"form": "rounds.error.too_many_on_one"}
	case errors.Is(err, ErrNotInRound):
		return Errors{"form": "error.choice"}
	case errors.Is(err, ErrNotVoterOfOrg):
		return Errors{"organisation": "rounds.error.not_voter"}
	}
	return FromSaveError(err)
}

// checkVote is the rule of a vote, whoever writes it: the round is open, the topic is in it,
// the voter's dots stay within the round's, and one topic's within the maximum. It sets who the
// dots count for. It runs inside the writing transaction: PocketBase writes one transaction at
// a time, so the sum it reads is the sum there is.
func checkVote(e *core.RecordEvent) error {
	v := e.Record
	if o := v.Original(); !v.IsNew() && o.GetInt("dots") == v.GetInt("dots") && o.GetString("round") == v.GetString("round") &&
		o.GetString("topic") == v.GetString("topic") && o.GetString("organisation") == v.GetString("organisation") {
		// The dots did not change (e.g. the account that cast them was deleted): they stay as
		// they were, counted for whom they were.
		v.Set("voter", o.GetString("voter"))
		return nil
	}
	rr, err := e.App.FindRecordById("rounds", v.GetString("round"))
	if err != nil {
		return ErrNotInRound
	}
	r := &Round{rr}
	if !r.Open(time.Now()) {
		return ErrRoundClosed
	}
	in := 0
	_ = e.App.DB().Select("COUNT(*)").From("round_topics").Where(dbx.HashExp{"round": r.Id, "topic": v.GetString("topic")}).Row(&in)
	if in == 0 {
		return ErrNotInRound
	}
	voter := "user:" + v.GetString("user")
	if r.ByOrganisation() {
		if v.GetString("organisation") == "" || !managesOrganisation(e.App, v.GetString("user"), v.GetString("organisation")) {
			return ErrNotVoterOfOrg
		}
		voter = "org:" + v.GetString("organisation")
	}
	v.Set("voter", voter)
	if v.GetInt("dots") > r.MaxPerTopic() {
		return ErrTooManyOnOne
	}
	others := 0
	_ = e.App.DB().Select("COALESCE(SUM(dots), 0)").From("votes").Where(dbx.HashExp{"round": r.Id, "voter": voter}).
		AndWhere(dbx.Not(dbx.HashExp{"id": v.Id})).Row(&others)
	if others+v.GetInt("dots") > r.Dots() {
		return ErrTooManyDots
	}
	return nil
}

// bindRounds checks votes and keeps the round's totals after any write of a vote; a cron job
// closes rounds whose time is over.
func bindRounds(app core.App) {
	// The check, the write and the totals run in one transaction (keptInTx).
	app.OnRecordCreateExecute("votes").BindFunc(keptInTx(checkVote, recount))
	app.OnRecordUpdateExecute("votes").BindFunc(keptInTx(checkVote, recount))
	// Deletes are checked by the rule (/api/) and by Vote (pages, which sets 0 dots); a vote
	// also goes when its topic, round or organisation is deleted, which must not be refused.
	app.OnRecordDeleteExecute("votes").BindFunc(keptInTx(nil, recount))
	app.Cron().MustAdd("close_rounds", "*/5 * * * *", func() {
		if _, err := CloseDueRounds(app, time.Now()); err != nil {
			app.Logger().Error("closing rounds", "error", err)
		}
	})
}

// recount keeps the totals of the vote's topic in its round, and the round's number of voters.
func recount(app core.App, v *core.Record) error {
	p := dbx.Params{"r": v.GetString("round"), "t": v.GetString("topic")}
	if _, err := app.DB().NewQuery(`UPDATE round_topics SET
		dots = (SELECT COALESCE(SUM(dots), 0) FROM votes WHERE round = {:r} AND topic = {:t}),
		voters = (SELECT COUNT(*) FROM votes WHERE round = {:r} AND topic = {:t} AND dots > 0)
		WHERE round = {:r} AND topic = {:t}`).Bind(p).Execute(); err != nil {
		return err
	}
	_, err := app.DB().NewQuery(`UPDATE rounds SET ballots = (SELECT COUNT(DISTINCT voter) FROM votes
		WHERE round = {:r} AND dots > 0) WHERE id = {:r}`).Bind(p).Execute()
	return err
}

// CloseRound closes a round now (coordinators) and ranks its topics.
func CloseRound(app core.App, u *User, r *Round) error {
	if !mayManageRounds(u) {
		return ErrForbidden
	}
	return closeRound(app, r)
}

// CloseDueRounds closes the rounds whose closing time has passed.
func CloseDueRounds(app core.App, now time.Time) (int, error) {
	recs, err := app.FindRecordsByFilter("rounds", "closed = false && closes <= {:now}", "", 0, 0,
		dbx.Params{"now": now.UTC().Format("2006-01-02 15:04:05.000Z")})
	if err != nil {
		return 0, err
	}
	for _, r := range recs {
		if err := closeRound(app, &Round{r}); err != nil {
			return 0, err
		}
	}
	return len(recs), nil
}

// closeRound ranks the topics (most dots, then most voters; equal totals share a rank) and
// keeps each topic's latest rank.
func closeRound(app core.App, r *Round) error {
	return app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindRecordById("rounds", r.Id)
		if err != nil {
			return err
		}
		if rec.GetBool("closed") {
			return nil
		}
		rts, err := tx.FindRecordsByFilter("round_topics", "round = {:r}", "-dots,-voters", 0, 0, dbx.Params{"r": r.Id})
		if err != nil {
			return err
		}
		rank := 0
		for i, rt := range rts {
			if rt.GetInt("dots") == 0 {
				break // a topic nobody gave a dot has no rank
			}
			if i == 0 || rt.GetInt("dots") != rts[i-1].GetInt("dots") || rt.GetInt("voters") != rts[i-1].GetInt("voters") {
				rank = i + 1
			}
			rt.Set("rank", rank)
			if err := tx.Save(rt); err != nil {
				return err
			}
			if _, err := tx.DB().Update("topics", dbx.Params{"latest_rank": rank}, dbx.HashExp{"id": rt.GetString("topic")}).Execute(); err != nil {
				return err
			}
		}
		// Topics that are in no other open round are proposed again, until they go onto an agenda.
		if _, err := tx.DB().NewQuery(`UPDATE topics SET status = 'proposed' WHERE status = 'in_round'
			AND id IN (SELECT topic FROM round_topics WHERE round = {:r})
			AND id NOT IN (SELECT rt.topic FROM round_topics rt JOIN rounds o ON o.id = rt.round
				WHERE o.closed = FALSE AND o.id != {:r})`).Bind(dbx.Params{"r": r.Id}).Execute(); err != nil {
			return err
		}
		rec.Set("closed", true)
		if time.Now().Before(rec.GetDateTime("closes").Time()) {
			rec.Set("closes", time.Now().UTC()) // closed early: the closing time says when
		}
		if err := tx.Save(rec); err != nil {
			return err
		}
		r.Record = rec
		return nil
	})
}

// ToAgenda puts the top n topics of a closed round onto the agenda of an upcoming meeting, as
// accepted items linked to their topics, which go "on an agenda".
func ToAgenda(app core.App, u *User, r *Round, meetingID string, n int) (int, error) {
	if !mayManageRounds(u) {
		return 0, ErrForbidden
	}
	if !r.Closed() {
		return 0, Errors{"form": "rounds.error.not_closed"}
	}
	if n < 1 || n > 20 {
		return 0, Errors{"count": "error.number"}
	}
	mr, err := app.FindRecordById("meetings", meetingID)
	if err != nil {
		return 0, Errors{"meeting": "error.choice"}
	}
	m := &Meeting{mr}
	if m.Status() == "held" || m.Status() == "minutes_approved" || m.Status() == "cancelled" {
		return 0, Errors{"meeting": "error.choice"}
	}
	top, err := RoundTopics(app, u.Record, r, "")
	if err != nil {
		return 0, err
	}
	coll, err := app.FindCachedCollectionByNameOrId("agenda_items")
	if err != nil {
		return 0, err
	}
	added := 0
	err = app.RunInTransaction(func(tx core.App) error {
		for _, t := range top {
			if added == n {
				break
			}
			if t.AgendaItem != "" {
				continue // already on an agenda
			}
			if t.Dots == 0 {
				break // the rest got no dots: not "top" topics
			}
			if m.Public() && !topicPublic(tx, t.ID) {
				// A public meeting's agenda is public: a members' topic would show there.
				return Errors{"meeting": "rounds.error.members_topic"}
			}
			item := core.NewRecord(coll)
			item.Set("meeting", m.Id)
			item.Set("title", t.Title)
			item.Set("description", fmt.Sprintf("%s (%s)", URL(app, "/topics/"+t.ID), r.Title()))
			item.Set("status", "accepted")
			item.Set("position", nextPosition(tx, m.Id))
			item.Set("duration", 20)
			if err := tx.Save(item); err != nil {
				return err
			}
			if _, err := tx.DB().Update("topics", dbx.Params{"agenda_item": item.Id, "status": "on_agenda"},
				dbx.HashExp{"id": t.ID}).Execute(); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, err
}

func topicPublic(app core.App, topicID string) bool {
	return namesOf(app, "topics", "visibility", []string{topicID})[topicID] == "public"
}

// UpcomingMeetings are the meetings an agenda can still take (for the round's form).
func UpcomingMeetings(app core.App) []Option {
	var rows []Option
	_ = app.DB().Select("id AS value", "title AS label").From("meetings").
		Where(dbx.In("status", "draft", "date_finding", "scheduled")).OrderBy("starts", "created").All(&rows)
	return rows
}

// ProposedTopics are the topics a round can take (proposed ones, most supported first), all of
// them: a round may be about any of them.
func ProposedTopics(app core.App, auth *core.Record) []Option {
	var rows []struct {
		ID    string `db:"id"`
		Title string `db:"title"`
	}
	_, _ = ListInto(app, auth, "topics", Query{Filter: `status = "proposed"`, Sort: "-supports,-created",
		Fields: []string{"title"}, NoCount: true}, &rows)
	out := make([]Option, len(rows))
	for i, r := range rows {
		out[i] = Option{Value: r.ID, Label: r.Title}
	}
	return out
}
