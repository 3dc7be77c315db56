package committee

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Capabilities: what a reader may do with one record, for the pages to offer exactly that.
//
// Each flag comes from the collection rules (Can on the stored record, or CanCreate / canRow on a
// trial record of the row the form would write), so that a rule changed in pb_migrations changes
// what the pages offer. Where a workflow adds a condition that no rule expresses (a state step,
// a role that only the workflow checks), the flag calls the same predicate the workflow uses.
// Handlers call one of these once per request and pass the flags into their view models.

// trial is a new, unsaved record of collection with fields set: the row a form would write.
func trial(app core.App, collection string, fields map[string]any) *core.Record {
	coll, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil
	}
	rec := core.NewRecord(coll)
	for k, v := range fields {
		rec.Set(k, v)
	}
	return rec
}

// mayCreate reports whether auth may create the trial row (false when there is none).
func mayCreate(app core.App, auth *core.Record, rec *core.Record) bool {
	return rec != nil && CanCreate(app, auth, rec, nil)
}

// creating is the check of the create rule on a trial row (for canAll).
func creating(rec *core.Record) check {
	if rec == nil {
		return check{}
	}
	return check{record: rec, rule: rec.Collection().CreateRule, trial: true}
}

func idOf(auth *core.Record) string {
	if auth == nil {
		return ""
	}
	return auth.Id
}

// MeetingCaps is what a reader may do on a meeting's page.
type MeetingCaps struct {
	Organise    bool // edit it, its agenda, registrations and check-in (meetings update rule)
	Delete      bool // delete the draft (meetings delete rule)
	Suggest     bool // add an item to the agenda: members suggest, organisers add (agenda_items create rule)
	EditAgenda  bool // edit, move, remove and accept items (agenda_items update rule: not once the minutes are approved)
	FixDate     bool // fix one of the dates (FixDate: organisers, during date finding)
	Register    bool // register (RegisterFor / RegisterGuest: open, and guests only at public events)
	ReadMinutes bool // read its minutes, once it is held (minutes view rule)
	// Steps are the status steps organisers may take now (Steps: ChangeStatus's own test of
	// each step, so "held" only once the meeting has started).
	Steps []string
}

// MeetingCan is what auth may do with m, in one query.
func MeetingCan(app core.App, auth *core.Record, m *Meeting) MeetingCaps {
	coll := m.Collection()
	var minutes *core.Record // minutes exist once the meeting is held
	if m.Status() == "held" || m.Status() == "minutes_approved" {
		minutes = trial(app, "minutes", map[string]any{"meeting": m.Id})
	}
	// A suggestion by auth: members may make it while the meeting takes them, organisers always
	// (their items go onto the agenda accepted, under the same rule).
	item := trial(app, "agenda_items", map[string]any{"meeting": m.Id, "title": "-", "status": "suggested", "suggested_by": idOf(auth)})
	accepted := trial(app, "agenda_items", map[string]any{"meeting": m.Id, "title": "-", "status": "accepted"})
	r := canAll(app, auth,
		check{record: m.Record, rule: coll.UpdateRule},
		check{record: m.Record, rule: coll.DeleteRule},
		creating(item),
		check{record: minutes, rule: ruleOf(minutes, func(c *core.Collection) *string { return c.ViewRule }), trial: true},
		check{record: accepted, rule: ruleOf(accepted, func(c *core.Collection) *string { return c.UpdateRule }), trial: true})
	c := MeetingCaps{Organise: r[0], Delete: r[1], Suggest: r[2], ReadMinutes: r[3], EditAgenda: r[4]}
	c.FixDate = c.Organise && m.FindingDate()
	if c.Organise {
		c.Steps = Steps(m, time.Now())
	}
	c.Register = m.Open() && (auth != nil || m.TakesGuests())
	return c
}

// PollCaps is what a reader may do in a meeting's date finding.
type PollCaps struct {
	ProposeDates bool // propose candidate dates (meeting_dates create rule)
	Answer       bool // answer (date_answers create rule, asked for one of the dates)
}

// PollCan is what auth may do in m's date finding; dateID is one of its dates ("" while there
// is none: an answer is about a date).
func PollCan(app core.App, auth *core.Record, m *Meeting, dateID string) PollCaps {
	var answer check
	if auth != nil && dateID != "" {
		answer = creating(trial(app, "date_answers", map[string]any{"meeting": m.Id, "meeting_date": dateID, "user": auth.Id}))
	}
	r := canAll(app, auth, creating(trial(app, "meeting_dates", map[string]any{"meeting": m.Id})), answer)
	return PollCaps{ProposeDates: r[0], Answer: r[1]}
}

func ruleOf(rec *core.Record, rule func(*core.Collection) *string) *string {
	if rec == nil {
		return nil
	}
	return rule(rec.Collection())
}

// MinutesCaps is what a reader may do with a meeting's minutes.
type MinutesCaps struct {
	Write   bool // write notes, decisions and action items (minutes create rule: organisers, while held)
	Approve bool // approve them (ApproveMinutes)
	Publish bool // publish approved ones (PublishMinutes)
}

// MinutesCan is what auth may do with m's minutes.
func MinutesCan(app core.App, auth *core.Record, m *Meeting) MinutesCaps {
	u := AsUser(auth)
	return MinutesCaps{Write: mayCreate(app, auth, trial(app, "minutes", map[string]any{"meeting": m.Id})),
		Approve: mayApproveMinutes(u) && m.Status() == approveFrom, Publish: mayApproveMinutes(u) && m.Status() == publishFrom}
}

// MayCreateMeeting reports whether auth may create meetings (the meetings create rule, on the
// draft CreateMeeting writes).
func MayCreateMeeting(app core.App, auth *core.Record) bool {
	return mayCreate(app, auth, trial(app, "meetings", map[string]any{"title": "-", "kind": "committee",
		"visibility": "members", "status": "draft"}))
}

// TopicCaps is what a reader may do on a topic's page.
type TopicCaps struct {
	Edit      bool // change its text (topics update rule)
	Support   bool // support it (supports create rule: members, not on a declined topic)
	Unsupport bool // take their support back (they gave one; supports delete rule)
	Supported bool // they support it (not a permission: which of the two buttons)
	Comment   bool // write comments and replies (AddComment)
	Report    bool // report a comment (ReportComment)
	Hide      bool // hide a comment (HideComment)
	SetStatus bool // set status and visibility (SetTopicStatus)
}

// TopicCan is what auth may do with t.
func TopicCan(app core.App, auth *core.Record, t *Topic) TopicCaps {
	u := AsUser(auth)
	var c TopicCaps
	support := creating(trial(app, "supports", map[string]any{"topic": t.Id, "user": idOf(auth)}))
	if auth != nil {
		if mine, err := First(app, auth, "supports", Query{Filter: "topic = {:t} && user = {:u}",
			Params: dbx.Params{"t": t.Id, "u": auth.Id}}); err == nil {
			c.Supported = true
			support = check{record: mine, rule: mine.Collection().DeleteRule}
		}
	}
	r := canAll(app, auth, check{record: t.Record, rule: t.Collection().UpdateRule}, support)
	c.Edit = r[0]
	if c.Supported {
		c.Unsupport = r[1]
	} else {
		c.Support = r[1]
	}
	c.Comment = mayComment(u)
	c.Report = mayReport(u)
	c.Hide = mayHide(u)
	c.SetStatus = maySetTopicStatus(u)
	return c
}

// MayProposeTopic reports whether auth may propose topics (the topics create rule, on the row
// ProposeTopic writes for a personal proposal).
func MayProposeTopic(app core.App, auth *core.Record) bool {
	return auth != nil && mayCreate(app, auth, trial(app, "topics", map[string]any{"title": "-", "kind": "topic",
		"proposed_by": auth.Id, "status": "proposed", "visibility": "members"}))
}

// RoundCaps is what a reader may do on a round's page.
type RoundCaps struct {
	Vote   bool // cast dots (votes create rule, for org in rounds of organisations; and the round is open, as checkVote says)
	Close  bool // close it now (CloseRound)
	Agenda bool // put its top topics onto an agenda (ToAgenda)
	// Whether the reader sees the totals is the round_topics list rule, which RoundResults
	// applies as it reads them: the read is the check.
}

// RoundCan is what auth may do with r; org is the organisation they would vote for in a round
// of organisations ("" for none).
func RoundCan(app core.App, auth *core.Record, r *Round, org string) RoundCaps {
	u := AsUser(auth)
	var vote check
	if auth != nil && r.Open(time.Now()) && (!r.ByOrganisation() || org != "") {
		fields := map[string]any{"round": r.Id, "user": auth.Id, "dots": 1}
		if r.ByOrganisation() {
			fields["organisation"] = org
		}
		vote = creating(trial(app, "votes", fields))
	}
	got := canAll(app, auth, vote)
	return RoundCaps{Vote: got[0], Close: mayManageRounds(u) && !r.Closed(),
		Agenda: mayManageRounds(u) && r.Closed()}
}

// MayCoordinate reports whether auth may use the coordinators' desk: decide applications
// (Approve, Decline, SetStatus), which no rule lets anyone else do.
func MayCoordinate(auth *core.Record) bool { return mayDecideOrganisations(AsUser(auth)) }

// MayOpenRounds reports whether auth may open rounds (OpenRound).
func MayOpenRounds(auth *core.Record) bool { return mayManageRounds(AsUser(auth)) }

// OrganisationCaps is what a reader may do on an organisation's page.
type OrganisationCaps struct {
	Manage    bool // edit it and its people (organisations update rule)
	SetStatus bool // make it a member, partner or inactive (SetStatus)
	Join      bool // ask to join (memberships create rule, and RequestJoin's "not already in it")
}

// OrganisationCan is what auth may do with o.
func OrganisationCan(app core.App, auth *core.Record, o *Organisation) OrganisationCaps {
	var join check
	if auth != nil && mayAskAgain(MyMembership(app, auth.Id, o.Id)) {
		join = creating(trial(app, "memberships", map[string]any{"user": auth.Id, "organisation": o.Id,
			"role": "member", "status": "pending"}))
	}
	r := canAll(app, auth, check{record: o.Record, rule: o.Collection().UpdateRule}, join)
	return OrganisationCaps{Manage: auth != nil && r[0], Join: r[1],
		SetStatus: mayDecideOrganisations(AsUser(auth)) && o.decided()}
}

// MembershipCaps is what a reader may do with one membership.
type MembershipCaps struct {
	Manage bool // decide, change the role or remove it: its organisation's managers (membershipFor)
	Leave  bool // end it themselves (memberships delete rule: their own)
}

// MembershipCan is what auth may do with m.
func MembershipCan(app core.App, auth *core.Record, m *Membership, o *Organisation) MembershipCaps {
	if auth == nil {
		return MembershipCaps{}
	}
	r := canAll(app, auth, check{record: o.Record, rule: o.Collection().UpdateRule},
		check{record: m.Record, rule: m.Collection().DeleteRule})
	return MembershipCaps{Manage: r[0], Leave: r[1]}
}

// FindMembership returns the membership id that auth may view.
func FindMembership(app core.App, auth *core.Record, id string) (*Membership, error) {
	rec, err := First(app, auth, "memberships", Query{Filter: "id = {:id}", Params: dbx.Params{"id": id}})
	if err != nil {
		return nil, err
	}
	return &Membership{rec}, nil
}

// VisibleNames maps the ids of people to their names, for those auth may see by the users rule;
// the others are missing (the page shows their organisation, or "a member").
func VisibleNames(app core.App, auth *core.Record, ids []string) map[string]string {
	return namesFor(app, auth, "users", ids)
}

// OrganisationNames maps organisation ids to names, for those auth may see (the organisations rule).
func OrganisationNames(app core.App, auth *core.Record, ids []string) map[string]string {
	return namesFor(app, auth, "organisations", ids)
}

// namesFor maps ids of collection to their name field, for the rows auth may list (one query
// through the collection's rule); the others are missing.
func namesFor(app core.App, auth *core.Record, collection string, ids []string) map[string]string {
	out := map[string]string{}
	var want []string
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
	if _, err := ListInto(app, auth, collection, Query{IDs: want, Fields: []string{"name"}, NoCount: true}, &rows); err != nil {
		return out
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out
}

// VisibleOrganisationName is the name of organisation id if auth may see it ("" otherwise).
func VisibleOrganisationName(app core.App, auth *core.Record, id string) string {
	if id == "" {
		return ""
	}
	o, err := First(app, auth, "organisations", Query{Filter: "id = {:id}", Params: dbx.Params{"id": id}})
	if err != nil {
		return ""
	}
	return o.GetString("name")
}
