package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
)

// Meetings: the meeting, date finding (meeting_dates, date_answers), agenda_items,
// registrations, attendance, and the minutes (minutes, decisions, actions).
//
// "Organisers" are the coordinators and the representatives and deputies of the organising
// organisations; meetings.managers is their hidden, derived id list (committee/roles.go keeps
// it), tested with `~` like organisations.managers.
//
// Workflows that change a meeting's state (fix the date, cancel, hold, approve and publish the
// minutes), its capacity, and registrations (waiting list and mails) are pages only: the rules
// below refuse those fields over /api/. Plain edits by organisers (time, place, agenda, minutes
// while the meeting is held) work through /api/ and the dashboard too, and committee hooks send
// the change mails whoever writes.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		// The personal calendar feed's secret; a new one revokes the old address.
		users.Fields.Add(&core.TextField{Name: "calendar_token", Max: 64, Hidden: true})
		// The few coordinators, found without reading every account (meeting people, mails).
		users.AddIndex("idx_users_coordinator", false, "coordinator", "coordinator = TRUE")
		if err := app.Save(users); err != nil {
			return err
		}

		const organiser = `(` + ruleAuthed + ` && (` + ruleCoordinator + ` || managers ~ @request.auth.id))`
		meetings := core.NewBaseCollection("meetings")
		meetings.Fields.Add(
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: committee.MeetingKinds},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.MeetingStatuses},
			&core.DateField{Name: "starts", Help: "UTC; shown in Europe/Berlin"},
			&core.DateField{Name: "ends", Help: "UTC; shown in Europe/Berlin"},
			&core.TextField{Name: "place_name", Max: 200},
			&core.TextField{Name: "place_address", Max: 300},
			&core.TextField{Name: "place_room", Max: 100},
			&core.TextField{Name: "place_access", Max: 1000, Help: "Step-free access, lifts, toilets"},
			&core.URLField{Name: "online_link"},
			&core.TextField{Name: "description", Max: 20000, Help: "Markdown"},
			&core.RelationField{Name: "organisers", CollectionId: orgs.Id, MaxSelect: 20},
			&core.SelectField{Name: "visibility", Required: true, MaxSelect: 1, Values: committee.MeetingVisibilities},
			&core.NumberField{Name: "capacity", OnlyInt: true, Min: types.Pointer(0.0), Help: "0: no limit"},
			&core.NumberField{Name: "sequence", OnlyInt: true, Min: types.Pointer(0.0), Help: "iCalendar SEQUENCE"},
			&core.SelectField{Name: "minutes_audience", MaxSelect: 1, Values: committee.MinutesAudiences},
			&core.RelationField{Name: "managers", CollectionId: users.Id, MaxSelect: 999, Hidden: true},
			&core.DateField{Name: "reminded", Hidden: true},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		meetings.AddIndex("idx_meetings_starts", false, "starts", "")
		meetings.AddIndex("idx_meetings_kind_starts", false, "kind, starts", "")
		meetings.AddIndex("idx_meetings_status", false, "status", "")
		meetings.ListRule = types.Pointer(`(status != "draft" && (visibility = "public" || ` + ruleMember + `)) || ` + organiser)
		meetings.ViewRule = meetings.ListRule
		meetings.CreateRule = types.Pointer(ruleAuthed + ` && ` + ruleCoordinator + ` && status = "draft" && ` +
			`sequence = 0 && @request.body.minutes_audience:isset = false`)
		meetings.UpdateRule = types.Pointer(organiser + ` && @request.body.status:isset = false && ` +
			`@request.body.sequence:isset = false && @request.body.minutes_audience:isset = false && ` +
			`@request.body.capacity:isset = false`)
		meetings.DeleteRule = types.Pointer(ruleAuthed + ` && ` + ruleCoordinator + ` && status = "draft"`)
		if err := app.Save(meetings); err != nil {
			return err
		}

		// Rule fragments for the collections that belong to a meeting.
		const (
			byOrganiser    = `(` + ruleAuthed + ` && (` + ruleCoordinator + ` || meeting.managers ~ @request.auth.id))`
			meetingForAll  = `(meeting.status != "draft" && (meeting.visibility = "public" || ` + ruleMember + `))`
			meetingMembers = `(meeting.status != "draft" && ` + ruleMember + `)`
			minutesOut     = `((meeting.minutes_audience = "public" && meeting.visibility = "public") || ` +
				`(meeting.minutes_audience != "" && ` + ruleMember + `))`
			// A child row stays with its meeting: /api/ checks update rules against the stored row,
			// so the rule must refuse a new meeting in the body.
			sameMeeting   = `@request.body.meeting:isset = false`
			duringMinutes = `(meeting.status = "held")`
		)
		cascade := func(name string, id string) *core.RelationField {
			return &core.RelationField{Name: name, Required: true, CollectionId: id, MaxSelect: 1, CascadeDelete: true}
		}
		stamps := []core.Field{&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true}}

		dates := core.NewBaseCollection("meeting_dates")
		dates.Fields.Add(cascade("meeting", meetings.Id),
			&core.DateField{Name: "starts", Required: true}, &core.DateField{Name: "ends", Required: true})
		dates.Fields.Add(stamps...)
		dates.AddIndex("idx_meeting_dates_meeting", false, "meeting, starts", "")
		dates.ListRule = types.Pointer(meetingMembers + ` || ` + byOrganiser)
		dates.ViewRule = dates.ListRule
		dates.CreateRule = types.Pointer(byOrganiser + ` && (meeting.status = "draft" || meeting.status = "date_finding")`)
		dates.UpdateRule = types.Pointer(*dates.CreateRule + ` && ` + sameMeeting)
		dates.DeleteRule = dates.CreateRule
		if err := app.Save(dates); err != nil {
			return err
		}

		answers := core.NewBaseCollection("date_answers")
		answers.Fields.Add(cascade("meeting_date", dates.Id), cascade("meeting", meetings.Id),
			cascade("user", users.Id),
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
			&core.SelectField{Name: "answer", Required: true, MaxSelect: 1, Values: committee.DateAnswers})
		answers.Fields.Add(stamps...)
		answers.AddIndex("idx_date_answers_date_user", true, "meeting_date, user", "")
		answers.AddIndex("idx_date_answers_meeting", false, "meeting", "")
		answers.ListRule = dates.ListRule
		answers.ViewRule = dates.ListRule
		own := ruleAuthed + ` && user = @request.auth.id && meeting.status = "date_finding"`
		// Answering for an organisation is checked by the page (an active membership in it).
		answers.CreateRule = types.Pointer(own + ` && ` + ruleMember + ` && meeting_date.meeting = meeting && ` +
			`@request.body.organisation:isset = false`)
		answers.UpdateRule = types.Pointer(own + ` && ` + ruleMember + ` && @request.body.user:isset = false && ` +
			sameMeeting + ` && @request.body.meeting_date:isset = false && @request.body.organisation:isset = false`)
		answers.DeleteRule = types.Pointer(own)
		if err := app.Save(answers); err != nil {
			return err
		}

		agenda := core.NewBaseCollection("agenda_items")
		agenda.Fields.Add(cascade("meeting", meetings.Id),
			&core.NumberField{Name: "position", OnlyInt: true},
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
			&core.TextField{Name: "description", Max: 5000, Help: "Markdown"},
			&core.NumberField{Name: "duration", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(600.0), Help: "minutes"},
			&core.RelationField{Name: "presenter", CollectionId: users.Id, MaxSelect: 1},
			&core.RelationField{Name: "presenter_organisation", CollectionId: orgs.Id, MaxSelect: 1},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.AgendaStatuses},
			&core.RelationField{Name: "suggested_by", CollectionId: users.Id, MaxSelect: 1},
			&core.TextField{Name: "decline_reason", Max: 1000})
		agenda.Fields.Add(stamps...)
		agenda.AddIndex("idx_agenda_items_meeting", false, "meeting, position", "")
		agenda.ListRule = types.Pointer(`(status = "accepted" && ` + meetingForAll + `) || ` +
			`(` + ruleAuthed + ` && suggested_by = @request.auth.id) || ` + byOrganiser)
		agenda.ViewRule = agenda.ListRule
		// Members suggest through /api/ as on the page; organisers add accepted items.
		agenda.CreateRule = types.Pointer(`(` + meetingMembers + ` && status = "suggested" && suggested_by = @request.auth.id && ` +
			`meeting.status != "held" && meeting.status != "minutes_approved" && meeting.status != "cancelled") || ` + byOrganiser)
		// Approved minutes name the items: they stay as they were.
		agendaOpen := byOrganiser + ` && meeting.status != "minutes_approved"`
		agenda.UpdateRule = types.Pointer(agendaOpen + ` && ` + sameMeeting)
		agenda.DeleteRule = types.Pointer(agendaOpen)
		if err := app.Save(agenda); err != nil {
			return err
		}

		regs := core.NewBaseCollection("registrations")
		regs.Fields.Add(cascade("meeting", meetings.Id),
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "name", Max: 200},
			&core.EmailField{Name: "email"},
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
			&core.SelectField{Name: "answer", Required: true, MaxSelect: 1, Values: committee.RegistrationAnswers},
			&core.NumberField{Name: "people", OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(20.0)},
			&core.SelectField{Name: "interpreting", MaxSelect: 1, Values: committee.Languages},
			&core.NumberField{Name: "children", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(20.0)},
			&core.BoolField{Name: "wheelchair"},
			&core.TextField{Name: "access_needs", Max: 1000},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.RegistrationStatuses},
			&core.SelectField{Name: "language", MaxSelect: 1, Values: []string{"de", "en", "ar"}, Help: "A guest's mail language"},
			&core.TextField{Name: "token", Max: 64, Hidden: true})
		regs.Fields.Add(stamps...)
		regs.AddIndex("idx_registrations_meeting", false, "meeting, status", "")
		regs.AddIndex("idx_registrations_user", false, "user", "")
		// One registration per person, and per guest address, and meeting.
		regs.AddIndex("idx_registrations_meeting_user", true, "meeting, user", "user != ''")
		regs.AddIndex("idx_registrations_meeting_email", true, "meeting, email", "user = ''")
		// Access needs are for the person and the organisers, on the page and through /api/.
		regs.ListRule = types.Pointer(`(` + ruleAuthed + ` && user = @request.auth.id) || ` + byOrganiser)
		regs.ViewRule = regs.ListRule
		regs.CreateRule, regs.UpdateRule = nil, nil // capacity, waiting list and mails: pages only
		regs.DeleteRule = nil
		if err := app.Save(regs); err != nil {
			return err
		}

		attendance := core.NewBaseCollection("attendance")
		attendance.Fields.Add(cascade("meeting", meetings.Id),
			&core.RelationField{Name: "registration", CollectionId: regs.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1},
			&core.TextField{Name: "name", Required: true, Max: 200},
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
			&core.TextField{Name: "organisation_name", Max: 200, Help: "A walk-in's organisation that is not in the directory"},
			&core.SelectField{Name: "group", Required: true, MaxSelect: 1, Values: committee.AttendanceGroups},
			&core.NumberField{Name: "people", OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(20.0)})
		attendance.Fields.Add(stamps...)
		attendance.AddIndex("idx_attendance_meeting", false, "meeting", "")
		attendance.AddIndex("idx_attendance_registration", true, "registration", "registration != ''")
		attendance.ListRule = types.Pointer(`(` + ruleAuthed + ` && user = @request.auth.id) || ` + byOrganiser)
		attendance.ViewRule = attendance.ListRule
		attendance.CreateRule = types.Pointer(byOrganiser + ` && (meeting.status = "scheduled" || meeting.status = "held") && ` +
			`(registration = "" || registration.meeting = meeting)`)
		attendance.UpdateRule = types.Pointer(*attendance.CreateRule + ` && ` + sameMeeting + ` && @request.body.registration:isset = false`)
		attendance.DeleteRule = attendance.CreateRule
		if err := app.Save(attendance); err != nil {
			return err
		}

		// Minutes: one row per agenda item's notes, and one without an item for the "Fazit".
		minutes := core.NewBaseCollection("minutes")
		minutes.Fields.Add(cascade("meeting", meetings.Id),
			&core.RelationField{Name: "agenda_item", CollectionId: agenda.Id, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "body", Max: 50000, Help: "Markdown"})
		minutes.Fields.Add(stamps...)
		minutes.AddIndex("idx_minutes_meeting_item", true, "meeting, agenda_item", "")
		readMinutes := types.Pointer(minutesOut + ` || ` + byOrganiser)
		// Written by organisers while the meeting is held, about an item of the same meeting.
		writeMinutes := byOrganiser + ` && ` + duringMinutes
		createMinutes := types.Pointer(writeMinutes + ` && (agenda_item = "" || agenda_item.meeting = meeting)`)
		updateMinutes := types.Pointer(writeMinutes + ` && ` + sameMeeting + ` && @request.body.agenda_item:isset = false`)
		deleteMinutes := types.Pointer(writeMinutes)
		minutes.ListRule, minutes.ViewRule = readMinutes, readMinutes
		minutes.CreateRule, minutes.UpdateRule, minutes.DeleteRule = createMinutes, updateMinutes, deleteMinutes
		if err := app.Save(minutes); err != nil {
			return err
		}

		decisions := core.NewBaseCollection("decisions")
		decisions.Fields.Add(cascade("meeting", meetings.Id),
			&core.RelationField{Name: "agenda_item", CollectionId: agenda.Id, MaxSelect: 1},
			&core.TextField{Name: "text", Required: true, Max: 2000, Presentable: true},
			&core.NumberField{Name: "votes_yes", OnlyInt: true, Min: types.Pointer(0.0)},
			&core.NumberField{Name: "votes_no", OnlyInt: true, Min: types.Pointer(0.0)},
			&core.NumberField{Name: "votes_abstain", OnlyInt: true, Min: types.Pointer(0.0)},
			&core.BoolField{Name: "counted", Help: "Whether votes were counted"})
		decisions.Fields.Add(stamps...)
		decisions.AddIndex("idx_decisions_meeting", false, "meeting", "")
		decisions.ListRule, decisions.ViewRule = readMinutes, readMinutes
		decisions.CreateRule, decisions.UpdateRule, decisions.DeleteRule = createMinutes, updateMinutes, deleteMinutes
		if err := app.Save(decisions); err != nil {
			return err
		}

		actions := core.NewBaseCollection("actions")
		actions.Fields.Add(cascade("meeting", meetings.Id),
			&core.RelationField{Name: "agenda_item", CollectionId: agenda.Id, MaxSelect: 1},
			&core.TextField{Name: "title", Required: true, Max: 500, Presentable: true},
			&core.RelationField{Name: "organisation", Required: true, CollectionId: orgs.Id, MaxSelect: 1},
			&core.RelationField{Name: "person", CollectionId: users.Id, MaxSelect: 1},
			&core.DateField{Name: "due"},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"open", "done"}}) // widened by 1764116200_actions.go
		actions.Fields.Add(stamps...)
		actions.AddIndex("idx_actions_meeting", false, "meeting", "")
		actions.AddIndex("idx_actions_organisation", false, "organisation, status", "")
		// Whoever answers for an action item sees it from the start.
		readActions := types.Pointer(*readMinutes + ` || (` + ruleAuthed + ` && (person = @request.auth.id || organisation.managers ~ @request.auth.id))`)
		actions.ListRule, actions.ViewRule = readActions, readActions
		actions.CreateRule, actions.UpdateRule, actions.DeleteRule = createMinutes, updateMinutes, deleteMinutes
		return app.Save(actions)
	}, func(app core.App) error {
		if err := deleteCollections(app, "actions", "decisions", "minutes", "attendance", "registrations",
			"agenda_items", "date_answers", "meeting_dates", "meetings"); err != nil {
			return err
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.RemoveByName("calendar_token")
		users.RemoveIndex("idx_users_coordinator")
		return app.Save(users)
	})
}
