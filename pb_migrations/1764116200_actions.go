package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
)

// Responsibilities: action items become a tracker.
//
// actions: statuses open, in_progress, done, blocked, dropped; the meeting is optional
// (coordinators create actions directly); an optional topic and decision; public (set by
// coordinators). status, note and progress_at are kept from the latest of its action_updates by
// the committee hooks (committee/actions.go), in the writing transaction: nobody sets them
// through /api/. Only coordinators edit an action itself; the responsible organisation's
// representatives and deputies change its status through action_updates, never the row.
//
// note and progress_at are hidden: the latest note is read under the action_updates rule
// (committee.Actions), which is narrower than the actions rule. created_by is whoever creates the
// action; direct marks one created by a coordinator outside the minutes (also for a decision,
// whose meeting it takes: it is not part of those minutes). An action still goes with its
// meeting (the meeting relation's CascadeDelete, from 1764115600_meetings.go, is kept: meetings
// are deleted through the rules only as drafts, before any minutes; a superuser deleting a held
// meeting in the dashboard takes its actions along).
//
// action_updates: the timeline (who, status, note), written by the responsible organisation's
// managers and coordinators, never changed afterwards. A blocked update names its reason. Read:
// those of public actions by everyone, others by members and whoever is involved, never because
// the action stands in public minutes.
//
// action_reminders: which organisation got its weekly reminder in which ISO week (superusers only).
func init() {
	// involved: coordinators, the meeting's organisers, the person and the organisation
	// answering for the action at path p.
	involved := func(p string) string {
		return `(` + ruleAuthed + ` && (` + ruleCoordinator + ` || ` + p + `meeting.managers ~ @request.auth.id)) || ` +
			`(` + ruleAuthed + ` && (` + p + `person = @request.auth.id || ` + p + `organisation.managers ~ @request.auth.id))`
	}
	// read is the actions read rule on the action at path p ("" or "action."): public ones for
	// everyone; direct ones (no meeting) for members; those of minutes as the minutes rule says;
	// and always for whoever answers for it.
	read := func(p string) string {
		return `(` + p + `public = true || (` + p + `meeting = "" && ` + ruleMember + `) || ` +
			`((` + p + `meeting.minutes_audience = "public" && ` + p + `meeting.visibility = "public") || ` +
			`(` + p + `meeting.minutes_audience != "" && ` + ruleMember + `)) || ` + involved(p) + `)`
	}
	// readUpdates is the action_updates read rule: the progress of public actions for everyone,
	// otherwise for members (direct actions, and those of minutes published to them) and whoever
	// is involved. Not the public-minutes clause of read: an action in public minutes is public,
	// its progress notes only once a coordinator makes the action public.
	readUpdates := `(action.public = true || (action.meeting = "" && ` + ruleMember + `) || ` +
		`(action.meeting.minutes_audience != "" && ` + ruleMember + `) || ` + involved("action.") + `)`
	const (
		byOrganiser   = `(` + ruleAuthed + ` && (` + ruleCoordinator + ` || meeting.managers ~ @request.auth.id))`
		minutesOut    = `((meeting.minutes_audience = "public" && meeting.visibility = "public") || (meeting.minutes_audience != "" && ` + ruleMember + `))`
		duringMinutes = `(meeting.status = "held")`
		sameMeeting   = `@request.body.meeting:isset = false`
		coordinator   = `(` + ruleAuthed + ` && ` + ruleCoordinator + `)`
		kept          = `@request.body.status:isset = false && @request.body.note:isset = false && @request.body.progress_at:isset = false`
	)
	// The rules of 1764115600_meetings.go, for the down step.
	oldRead := minutesOut + ` || ` + byOrganiser + ` || (` + ruleAuthed + ` && (person = @request.auth.id || organisation.managers ~ @request.auth.id))`
	oldCreate := byOrganiser + ` && ` + duringMinutes + ` && (agenda_item = "" || agenda_item.meeting = meeting)`
	oldUpdate := byOrganiser + ` && ` + duringMinutes + ` && ` + sameMeeting + ` && @request.body.agenda_item:isset = false`
	oldDelete := byOrganiser + ` && ` + duringMinutes

	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		topics, err := app.FindCollectionByNameOrId("topics")
		if err != nil {
			return err
		}
		decisions, err := app.FindCollectionByNameOrId("decisions")
		if err != nil {
			return err
		}
		actions, err := app.FindCollectionByNameOrId("actions")
		if err != nil {
			return err
		}
		if f, ok := actions.Fields.GetByName("meeting").(*core.RelationField); ok {
			f.Required = false
		}
		if f, ok := actions.Fields.GetByName("status").(*core.SelectField); ok {
			f.Values = committee.ActionStatuses // a superset of open, done: existing rows stay valid
		}
		actions.Fields.Add(
			&core.RelationField{Name: "topic", CollectionId: topics.Id, MaxSelect: 1},
			&core.RelationField{Name: "decision", CollectionId: decisions.Id, MaxSelect: 1},
			&core.BoolField{Name: "public", Help: "on the public /actions (coordinators)"},
			// Hidden: the latest note is read under the action_updates rule, not the actions rule.
			&core.TextField{Name: "note", Max: 2000, Hidden: true, Help: "the latest progress note; kept by the committee hooks"},
			&core.DateField{Name: "progress_at", Hidden: true, Help: "when the latest update came; kept by the committee hooks"},
			&core.RelationField{Name: "created_by", CollectionId: users.Id, MaxSelect: 1},
			// Created directly (not in the minutes): one for a decision takes the decision's
			// meeting but is not part of its minutes (committee.MinutesOf).
			&core.BoolField{Name: "direct", Help: "created directly by a coordinator, not in the minutes"},
		)
		actions.AddIndex("idx_actions_due", false, "due", "")
		// The list's order: by due date, those without one last (committee.Actions).
		actions.AddIndex("idx_actions_due_last", false, "(due = ''), due", "")
		actions.AddIndex("idx_actions_public", false, "public, status, due", "")
		actions.AddIndex("idx_actions_topic", false, "topic", "topic != ''")
		actions.AddIndex("idx_actions_decision", false, "decision", "decision != ''")
		actions.ListRule = types.Pointer(read(""))
		actions.ViewRule = actions.ListRule
		// From the minutes (organisers while held), or directly by coordinators (without a meeting,
		// or for a decision of one, whose meeting it takes); a new action is
		// open, not yet public unless a coordinator makes it so, and its decision and agenda item
		// are of its meeting; created_by is whoever creates it.
		actions.CreateRule = types.Pointer(`((` + oldCreate + ` && public = false && direct = false) || (` + coordinator + ` && (meeting = "" || decision != "") && direct = true)) && ` +
			`created_by = @request.auth.id && status = "open" && note = "" && progress_at = "" && (decision = "" || decision.meeting = meeting) && ` +
			`(agenda_item = "" || agenda_item.meeting = meeting)`)
		// Coordinators edit it (and make it public); the status is its updates'. The meeting stays
		// (sameMeeting), so a new decision or agenda item must be of the stored meeting.
		actions.UpdateRule = types.Pointer(coordinator + ` && ` + kept + ` && ` + sameMeeting + ` && @request.body.created_by:isset = false && @request.body.direct:isset = false && ` +
			`(@request.body.decision:isset = false || @request.body.decision = "" || @request.body.decision.meeting = meeting) && ` +
			`(@request.body.agenda_item:isset = false || @request.body.agenda_item = "" || @request.body.agenda_item.meeting = meeting)`)
		actions.DeleteRule = types.Pointer(coordinator)
		if err := app.Save(actions); err != nil {
			return err
		}

		updates := core.NewBaseCollection("action_updates")
		updates.Fields.Add(
			&core.RelationField{Name: "action", Required: true, CollectionId: actions.Id, MaxSelect: 1, CascadeDelete: true},
			// Not required: a deleted account leaves the timeline ("a former member").
			&core.RelationField{Name: "author", CollectionId: users.Id, MaxSelect: 1},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.ActionStatuses},
			&core.TextField{Name: "note", Max: 2000},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		updates.AddIndex("idx_action_updates_action", false, "action, created", "")
		updates.ListRule = types.Pointer(readUpdates)
		updates.ViewRule = updates.ListRule
		updates.CreateRule = types.Pointer(ruleAuthed + ` && author = @request.auth.id && ` +
			`(` + ruleCoordinator + ` || action.organisation.managers ~ @request.auth.id) && (status != "blocked" || note != "")`)
		updates.UpdateRule, updates.DeleteRule = nil, nil // a timeline is kept as written
		if err := app.Save(updates); err != nil {
			return err
		}

		reminders := core.NewBaseCollection("action_reminders")
		reminders.Fields.Add(
			&core.RelationField{Name: "organisation", Required: true, CollectionId: orgs.Id, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "week", Required: true, Max: 10, Help: "ISO week, 2026-W49"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		reminders.AddIndex("idx_action_reminders_once", true, "organisation, week", "")
		return app.Save(reminders)
	}, func(app core.App) error {
		if err := deleteCollections(app, "action_reminders", "action_updates"); err != nil {
			return err
		}
		actions, err := app.FindCollectionByNameOrId("actions")
		if err != nil {
			return err
		}
		// Rows only this step allows go back to what the earlier schema allows.
		if _, err := app.DB().NewQuery(`UPDATE actions SET status = 'open' WHERE status NOT IN ('open', 'done')`).Execute(); err != nil {
			return err
		}
		if _, err := app.DB().NewQuery(`DELETE FROM actions WHERE meeting = ''`).Execute(); err != nil {
			return err
		}
		for _, name := range []string{"topic", "decision", "public", "note", "progress_at", "created_by", "direct"} {
			actions.Fields.RemoveByName(name)
		}
		for _, idx := range []string{"idx_actions_due", "idx_actions_due_last", "idx_actions_public", "idx_actions_topic", "idx_actions_decision"} {
			actions.RemoveIndex(idx)
		}
		if f, ok := actions.Fields.GetByName("meeting").(*core.RelationField); ok {
			f.Required = true
		}
		if f, ok := actions.Fields.GetByName("status").(*core.SelectField); ok {
			f.Values = []string{"open", "done"}
		}
		actions.ListRule, actions.ViewRule = types.Pointer(oldRead), types.Pointer(oldRead)
		actions.CreateRule, actions.UpdateRule, actions.DeleteRule = types.Pointer(oldCreate), types.Pointer(oldUpdate), types.Pointer(oldDelete)
		return app.Save(actions)
	})
}
