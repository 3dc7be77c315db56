package web_test

import (
	"net/http"
	"testing"

	"komitee/internal/testkit"
)

func init() { matrixParts = append(matrixParts, actionsMatrix) }

// withActions adds the action fixtures (internal/testkit/actions.go): a public action of Listed
// with Rep's progress note, a members' action of Listed, and one of Pending in the held
// meeting's draft minutes.
func withActions(t testing.TB, k *testkit.Kit) { k.Actions(t) }

// withMinutesActions adds an action of public minutes with a private progress note, a public
// action of Pending, and a person to forge as an author (internal/testkit/actions.go).
func withMinutesActions(t testing.TB, k *testkit.Kit) { k.Actions(t); k.MinutesActions(t) }

// actionsMatrix: who sees and who changes action items, on the pages and through /api/. Only
// the responsible organisation's managers (Rep, Deputy of Listed) and coordinators change one.
func actionsMatrix() []row {
	loginRedirect := expect{status: http.StatusSeeOther, location: "/login"}
	at := func(path string) func(*testkit.Kit) string { return func(*testkit.Kit) string { return path } }
	apiRecords := func(coll string) func(*testkit.Kit) string {
		return at("/api/collections/" + coll + "/records?perPage=200")
	}
	const (
		pub, members, draft = testkit.PublicActionTitle, testkit.MembersActionTitle, testkit.DraftActionTitle
		update, publish     = `data-testid="update-form"`, `data-testid="publish-form"`
		newAction           = `data-testid="new-action"`
	)
	// The progress of an action of public minutes that no coordinator made public: the action is
	// everyone's (the minutes), its updates only members' and those involved.
	const minutesNote, timeline = testkit.MinutesActionNote, `data-testid="action-timeline"`
	notesOf := func(e expect) map[string]expect {
		return map[string]expect{"member": e, "deputy": e, "rep": e, "coordinator": e}
	}
	membersSee := func(more ...string) expect {
		return expect{status: 200, contains: append([]string{pub, members}, more...), notContains: []string{draft}}
	}
	return []row{
		{name: "actions list", method: "GET", url: at("/actions"), setup: withActions,
			def: expect{status: 200, contains: []string{pub}, notContains: []string{members, draft, newAction}},
			want: map[string]expect{
				// The public: the public ones, grouped by status, with the latest progress note.
				"public":      {status: 200, contains: []string{pub, testkit.PublicActionNote, `data-testid="action-group-in_progress"`}, notContains: []string{members, draft, newAction}},
				"member":      membersSee(),
				"deputy":      membersSee(),
				"rep":         membersSee(),
				"coordinator": {status: 200, contains: []string{pub, members, draft, newAction}},
			}},
		{name: "public action: what is offered", method: "GET", url: at("/actions/" + testkit.PublicActionID), setup: withActions,
			def: expect{status: 200, contains: []string{pub, testkit.PublicActionNote, `data-testid="timeline-entry"`}, notContains: []string{update, publish}},
			want: map[string]expect{
				"deputy":      {status: 200, contains: []string{pub, update}, notContains: []string{publish}},
				"rep":         {status: 200, contains: []string{pub, update}, notContains: []string{publish}},
				"coordinator": {status: 200, contains: []string{pub, update, publish}},
			}},
		{name: "members' action: what is offered", method: "GET", url: at("/actions/" + testkit.MembersActionID), setup: withActions,
			def: expect{status: 404, notContains: []string{members}},
			want: map[string]expect{
				"member":      {status: 200, contains: []string{members}, notContains: []string{update, publish}},
				"deputy":      {status: 200, contains: []string{members, update}, notContains: []string{publish}},
				"rep":         {status: 200, contains: []string{members, update}, notContains: []string{publish}},
				"coordinator": {status: 200, contains: []string{members, update, publish}},
			}},
		{name: "action of draft minutes", method: "GET", url: at("/actions/" + testkit.DraftActionID), setup: withActions,
			def:  expect{status: 404, notContains: []string{draft}},
			want: map[string]expect{"coordinator": {status: 200, contains: []string{draft, update, publish}}}},
		{name: "report progress", method: "POST", url: at("/actions/" + testkit.MembersActionID + "/updates"), setup: withActions,
			body: "status=done&note=Fertig", def: expect{status: 404},
			want: map[string]expect{"public": {status: 403}, "member": {status: 403}, "deputy": {status: 303, location: "/actions/" + testkit.MembersActionID},
				"rep": {status: 303, location: "/actions/" + testkit.MembersActionID}, "coordinator": {status: 303, location: "/actions/" + testkit.MembersActionID}}},
		{name: "report progress on a public action of another organisation", method: "POST", url: at("/actions/" + testkit.PublicActionID + "/updates"), setup: withActions,
			body: "status=done&note=Fertig", def: expect{status: 403}, want: only(303, "deputy", "rep", "coordinator")},
		{name: "block without a reason", method: "POST", url: at("/actions/" + testkit.MembersActionID + "/updates"), setup: withActions,
			body: "status=blocked&note=", def: expect{status: 404},
			want: map[string]expect{"public": {status: 403}, "member": {status: 403},
				"deputy":      {status: 422, contains: []string{`data-testid="error-summary"`, `id="e-note"`, `aria-invalid="true"`}},
				"rep":         {status: 422, contains: []string{`data-testid="error-summary"`, `value="blocked" selected`}},
				"coordinator": {status: 422, contains: []string{`data-testid="error-summary"`}}}},
		{name: "make an action public", method: "POST", url: at("/actions/" + testkit.MembersActionID + "/public"), setup: withActions,
			body: "on=1", def: expect{status: 404},
			want: map[string]expect{"public": {status: 403}, "member": {status: 403}, "deputy": {status: 403}, "rep": {status: 403}, "coordinator": {status: 303}}},
		{name: "new action (form)", method: "GET", url: at("/actions/new"),
			def: expect{status: 403}, want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{`data-testid="action-form"`}}}},
		{name: "create an action", method: "POST", url: at("/actions/new"), body: "title=Raum+buchen&organisation=LISTED_ID",
			def: expect{status: 403}, want: map[string]expect{"coordinator": {status: 303, location: "/actions/"}}},
		{name: "create an action without a title", method: "POST", url: at("/actions/new"), body: "title=&organisation=LISTED_ID",
			def: expect{status: 403}, want: map[string]expect{"coordinator": {status: 422, contains: []string{`data-testid="error-summary"`, `id="e-title"`}}}},
		{name: "home: the actions summary", method: "GET", url: at("/"), setup: withActions,
			def: expect{status: 200, contains: []string{`data-testid="action-summary"`, `href="/actions"`}}},

		// /api/: the same rules.
		{name: "api actions", method: "GET", url: apiRecords("actions"), setup: withActions,
			def: expect{status: 200, contains: []string{pub}, notContains: []string{members, draft}},
			want: map[string]expect{"member": membersSee(), "deputy": membersSee(), "rep": membersSee(),
				"coordinator": {status: 200, contains: []string{pub, members, draft}}}},
		{name: "api action updates", method: "GET", url: apiRecords("action_updates"), setup: withActions,
			def: expect{status: 200, contains: []string{testkit.PublicActionNote}}},
		{name: "api: report progress", method: "POST", url: at("/api/collections/action_updates/records"), setup: withActions,
			body: `{"action":"` + testkit.MembersActionID + `","author":"SELF","status":"done","note":"über die API"}`,
			def:  expect{status: 400}, want: seen(200, []string{`"status":"done"`}, "deputy", "rep", "coordinator")},
		{name: "api: block without a reason", method: "POST", url: at("/api/collections/action_updates/records"), setup: withActions,
			body: `{"action":"` + testkit.MembersActionID + `","author":"SELF","status":"blocked","note":""}`, def: expect{status: 400}},
		{name: "api: set an action's status directly", method: "PATCH", url: at("/api/collections/actions/records/" + testkit.MembersActionID), setup: withActions,
			body: `{"status":"done"}`, def: expect{status: 404}},
		{name: "api: edit an action (coordinators)", method: "PATCH", url: at("/api/collections/actions/records/" + testkit.MembersActionID), setup: withActions,
			body: `{"title":"Umbenannt"}`, def: expect{status: 404}, want: seen(200, []string{"Umbenannt"}, "coordinator")},
		{name: "api: make an action public (coordinators)", method: "PATCH", url: at("/api/collections/actions/records/" + testkit.MembersActionID), setup: withActions,
			body: `{"public":true}`, def: expect{status: 404}, want: seen(200, []string{`"public":true`}, "coordinator")},
		{name: "api: create an action (coordinators)", method: "POST", url: at("/api/collections/actions/records"),
			body: `{"title":"Direkt","organisation":"LISTED_ID","status":"open","direct":true,"created_by":"SELF"}`, def: expect{status: 400}, want: seen(200, []string{"Direkt"}, "coordinator")},
		{name: "api: create an action already done", method: "POST", url: at("/api/collections/actions/records"),
			body: `{"title":"Direkt","organisation":"LISTED_ID","status":"done"}`, def: expect{status: 400}},
		{name: "action of public minutes: its private progress", method: "GET", url: at("/actions/" + testkit.MinutesActionID), setup: withMinutesActions,
			def:  expect{status: 200, contains: []string{testkit.MinutesActionTitle}, notContains: []string{minutesNote, timeline}},
			want: notesOf(expect{status: 200, contains: []string{testkit.MinutesActionTitle, minutesNote, timeline}})},
		{name: "actions list: the latest note of an action of public minutes", method: "GET", url: func(k *testkit.Kit) string { return "/actions?meeting=" + k.PublishedMeeting.Id }, setup: withMinutesActions,
			def: expect{status: 200, contains: []string{testkit.MinutesActionTitle}, notContains: []string{minutesNote}},
			want: func() map[string]expect {
				m := notesOf(expect{status: 200, contains: []string{testkit.MinutesActionTitle, minutesNote}})
				m["public"] = expect{status: 200, contains: []string{`data-testid="action-count"`}, notContains: []string{testkit.MinutesActionTitle, minutesNote}}
				return m
			}()},
		{name: "api: updates of an action of public minutes", method: "GET", url: apiRecords("action_updates"), setup: withMinutesActions,
			def: expect{status: 200, notContains: []string{minutesNote}}, want: notesOf(expect{status: 200, contains: []string{minutesNote}})},
		{name: "api: view an update of an action of public minutes", method: "GET", url: at("/api/collections/action_updates/records/" + testkit.MinutesUpdateID),
			setup: withMinutesActions, def: expect{status: 404, notContains: []string{minutesNote}}, want: notesOf(expect{status: 200, contains: []string{minutesNote}})},
		{name: "api: actions expanding their updates", method: "GET", url: at("/api/collections/actions/records?perPage=200&expand=action_updates_via_action"),
			setup: withMinutesActions, def: expect{status: 200, contains: []string{testkit.MinutesActionTitle}, notContains: []string{minutesNote}},
			want: notesOf(expect{status: 200, contains: []string{testkit.MinutesActionTitle, minutesNote}})},
		{name: "api: an action's kept note and progress time are hidden", method: "GET", url: at("/api/collections/actions/records/" + testkit.MinutesActionID),
			setup: withMinutesActions, def: expect{status: 200, contains: []string{testkit.MinutesActionTitle}, notContains: []string{minutesNote, `"note"`, `"progress_at"`}}},
		{name: "report progress on another organisation's action", method: "POST", url: at("/actions/" + testkit.OtherActionID + "/updates"), setup: withMinutesActions,
			body: "status=done&note=Fremd", def: expect{status: 403}, want: only(303, "coordinator")},
		{name: "api: report progress on another organisation's action", method: "POST", url: at("/api/collections/action_updates/records"), setup: withMinutesActions,
			body: `{"action":"` + testkit.OtherActionID + `","author":"SELF","status":"done","note":"fremd"}`,
			def:  expect{status: 400}, want: only(200, "coordinator")},
		{name: "api: report progress in someone else's name", method: "POST", url: at("/api/collections/action_updates/records"), setup: withMinutesActions,
			body: `{"action":"` + testkit.MembersActionID + `","author":"` + testkit.ForgedAuthorID + `","status":"done","note":"gefälscht"}`, def: expect{status: 400}},
		// Hidden fields: PocketBase drops them from the body of anyone but superusers (the stored
		// note stays: TestActionKeptFieldsHidden).
		{name: "api: set an action's kept note", method: "PATCH", url: at("/api/collections/actions/records/" + testkit.MembersActionID), setup: withActions,
			body: `{"note":"von Hand"}`, def: expect{status: 404}, want: map[string]expect{"coordinator": {status: 200, contains: []string{members}, notContains: []string{"von Hand"}}}},
		{name: "api: set an action's progress time", method: "PATCH", url: at("/api/collections/actions/records/" + testkit.MembersActionID), setup: withActions,
			body: `{"progress_at":"2026-01-01 12:00:00.000Z"}`, def: expect{status: 404}, want: seen(200, []string{members}, "coordinator")},
		{name: "api: create an action in someone else's name", method: "POST", url: at("/api/collections/actions/records"),
			body:  `{"title":"Direkt","organisation":"LISTED_ID","status":"open","direct":true,"created_by":"` + testkit.ForgedAuthorID + `"}`,
			setup: withMinutesActions, def: expect{status: 400}},
		{name: "api action reminders", method: "GET", url: apiRecords("action_reminders"), def: expect{status: 403}},
	}
}
