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
			body: `{"title":"Direkt","organisation":"LISTED_ID","status":"open"}`, def: expect{status: 400}, want: seen(200, []string{"Direkt"}, "coordinator")},
		{name: "api: create an action already done", method: "POST", url: at("/api/collections/actions/records"),
			body: `{"title":"Direkt","organisation":"LISTED_ID","status":"done"}`, def: expect{status: 400}},
		{name: "api action reminders", method: "GET", url: apiRecords("action_reminders"), def: expect{status: 403}},
	}
}
