package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"komitee/committee"
	"komitee/internal/testkit"
	"komitee/web"
)

// The roles of the permission matrix, each a person of the testkit (public has none).
var roles = []string{"public", "registered", "member", "requester", "applicant", "deputy", "rep", "coordinator"}

func person(k *testkit.Kit, role string) *core.Record {
	return map[string]*core.Record{"registered": k.Registered, "member": k.Member, "requester": k.Requester,
		"applicant": k.Applicant, "deputy": k.Deputy, "rep": k.Rep, "coordinator": k.Coordinator}[role]
}

// expect is what one role gets from one route. Every expectation asserts something besides the
// status: what the answer contains, or (when it names nothing) what an answer of its status
// must show (defaultContent), or for a redirect where it goes (location, by default anywhere).
type expect struct {
	status      int
	contains    []string
	notContains []string
	location    string // 303: the Location header starts with it
}

// row is one page or API route of the matrix, with what every role gets. A role missing from
// want gets def.
type row struct {
	name   string
	method string
	url    func(k *testkit.Kit) string
	body   string
	def    expect
	want   map[string]expect
	// setup adds what the row needs to each scenario's copy of the fixtures (records with fixed ids).
	setup func(t testing.TB, k *testkit.Kit)
}

// Fixture values the matrix looks for (see internal/testkit).
const (
	listedName    = "Verein der Vielfalt"
	pendingName   = "Neue Initiative"
	publicEmail   = "public-verein-der-vielfalt@example.org"
	pendingEmail  = "public-neue-initiative@example.org"
	membersPhone  = "MEMBERS-ONLY"
	nobodyAddress = "NOBODY"
	memberPhone   = "MEMBER-PHONE"
	requesterName = "Rami Anfrage"
	memberName    = "Mehmet Mitglied"
)

// managers sees everything of the listed organisation; applicants and coordinators see the pending one.
func only(status int, roles ...string) map[string]expect {
	m := map[string]expect{}
	for _, r := range roles {
		m[r] = expect{status: status}
	}
	return m
}

// seen is only, with what each of roles sees.
func seen(status int, contains []string, roles ...string) map[string]expect {
	m := map[string]expect{}
	for _, r := range roles {
		m[r] = expect{status: status, contains: contains}
	}
	return m
}

// matrixParts add the rows of a feature kept in its own file (matrix_needs_test.go: func
// init() { matrixParts = append(matrixParts, needsMatrix) }).
var matrixParts []func() []row

func matrix() []row {
	rows := coreMatrix()
	for _, part := range matrixParts {
		rows = append(rows, part()...)
	}
	return rows
}

func coreMatrix() []row {
	listed := func(k *testkit.Kit) string { return "/organisations/" + k.Listed.GetString("slug") }
	pending := func(k *testkit.Kit) string { return "/organisations/" + k.Pending.GetString("slug") }
	api := func(coll string) func(*testkit.Kit) string {
		return func(*testkit.Kit) string { return "/api/collections/" + coll + "/records?perPage=200" }
	}
	loginRedirect := expect{status: http.StatusSeeOther, location: "/login"}
	meeting := func(m func(*testkit.Kit) *core.Record, suffix string) func(*testkit.Kit) string {
		return func(k *testkit.Kit) string { return "/meetings/" + m(k).Id + suffix }
	}
	return []row{
		// Pages
		{name: "home", method: "GET", url: func(*testkit.Kit) string { return "/" }, def: expect{status: 200, contains: []string{"Komitee Musterkreis"}}},
		{name: "directory", method: "GET", url: func(*testkit.Kit) string { return "/organisations" },
			def: expect{status: 200, contains: []string{listedName}, notContains: []string{pendingName}}},
		{name: "listed organisation", method: "GET", url: listed,
			def: expect{status: 200, contains: []string{listedName, publicEmail}, notContains: []string{membersPhone, nobodyAddress, memberName, memberPhone}},
			want: map[string]expect{
				"member":      {status: 200, contains: []string{membersPhone, memberName, memberPhone}, notContains: []string{nobodyAddress, requesterName}},
				"deputy":      {status: 200, contains: []string{membersPhone, nobodyAddress, memberName, memberPhone}},
				"rep":         {status: 200, contains: []string{membersPhone, nobodyAddress, memberName, memberPhone}},
				"coordinator": {status: 200, contains: []string{membersPhone, nobodyAddress, memberName, memberPhone}},
			}},
		{name: "pending organisation", method: "GET", url: pending,
			def: expect{status: 404, notContains: []string{pendingName}},
			want: map[string]expect{
				"applicant":   {status: 200, contains: []string{pendingName, pendingEmail, nobodyAddress}},
				"coordinator": {status: 200, contains: []string{pendingName, nobodyAddress}},
			}},
		{name: "people page", method: "GET", url: func(k *testkit.Kit) string { return listed(k) + "/people" },
			def:  expect{status: 403, notContains: []string{requesterName}},
			want: map[string]expect{"public": loginRedirect, "requester": {status: 403}, "deputy": {status: 200, contains: []string{requesterName}}, "rep": {status: 200, contains: []string{requesterName}}, "coordinator": {status: 200, contains: []string{requesterName}}}},
		{name: "edit organisation", method: "GET", url: func(k *testkit.Kit) string { return listed(k) + "/edit" },
			def: expect{status: 403},
			want: map[string]expect{"public": loginRedirect, "deputy": {status: 200, contains: []string{nobodyAddress}}, "rep": {status: 200, contains: []string{nobodyAddress}},
				"coordinator": {status: 200, contains: []string{nobodyAddress}}}},
		{name: "edit pending organisation", method: "GET", url: func(k *testkit.Kit) string { return pending(k) + "/edit" },
			def:  expect{status: 404},
			want: map[string]expect{"public": loginRedirect, "applicant": {status: 403}, "coordinator": {status: 200, contains: []string{`action="/organisations/neue-initiative/edit"`}}}},
		{name: "coordination", method: "GET", url: func(*testkit.Kit) string { return "/coordination" },
			def:  expect{status: 403, notContains: []string{pendingName}},
			want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{pendingName}}}},
		{name: "profile", method: "GET", url: func(*testkit.Kit) string { return "/profile" },
			def: expect{status: 200, contains: []string{`action="/profile"`}}, want: map[string]expect{"public": loginRedirect}},
		{name: "profile lists my sessions", method: "GET", url: func(*testkit.Kit) string { return "/profile" },
			def: expect{status: 200, contains: []string{`data-testid="sessions"`, `data-testid="session-current"`}}, want: map[string]expect{"public": loginRedirect}},
		{name: "end the member's session (own only)", method: "POST", url: func(k *testkit.Kit) string { return "/profile/sessions/" + sessionOf(k, k.Member) + "/end" },
			def: expect{status: 404}, want: map[string]expect{"public": {status: 403}, "member": {status: 303}}},
		{name: "end my other sessions", method: "POST", url: func(*testkit.Kit) string { return "/profile/sessions/others/end" },
			def: expect{status: 303}, want: map[string]expect{"public": {status: 403}}},
		{name: "profile data", method: "GET", url: func(*testkit.Kit) string { return "/profile/data" },
			def: expect{status: 200, contains: []string{`"account"`}}, want: map[string]expect{"public": loginRedirect}},
		{name: "apply form", method: "GET", url: func(*testkit.Kit) string { return "/organisations/new" },
			def: expect{status: 200, contains: []string{`action="/organisations/new"`}}, want: map[string]expect{"public": loginRedirect}},
		{name: "impressum", method: "GET", url: func(*testkit.Kit) string { return "/pages/impressum" }, def: expect{status: 200, contains: []string{`<article class="prose">`}}},
		{name: "used setup link", method: "GET", url: func(k *testkit.Kit) string { return "/setup/" + k.SetupToken }, def: expect{status: 404}},
		{name: "login page", method: "GET", url: func(*testkit.Kit) string { return "/login" }, def: expect{status: 200, contains: []string{`action="/login"`}}},
		{name: "register page", method: "GET", url: func(*testkit.Kit) string { return "/register" },
			def: expect{status: 303}, want: map[string]expect{"public": {status: 200, contains: []string{`action="/register"`}}}},
		{name: "password reset page", method: "GET", url: func(*testkit.Kit) string { return "/password-reset" }, def: expect{status: 200, contains: []string{`action="/password-reset"`}}},
		{name: "bad reset link", method: "GET", url: func(*testkit.Kit) string { return "/password-reset/nope" }, def: expect{status: 400, contains: []string{`data-message="accounts.reset.bad_title"`}}},
		{name: "bad verification link", method: "GET", url: func(*testkit.Kit) string { return "/verify/nope" }, def: expect{status: 400, contains: []string{`data-message="accounts.verify.bad_title"`}}},
		{name: "datenschutz", method: "GET", url: func(*testkit.Kit) string { return "/pages/datenschutz" }, def: expect{status: 200, contains: []string{`<article class="prose">`}}},
		{name: "unknown page slug", method: "GET", url: func(*testkit.Kit) string { return "/pages/geheim" }, def: expect{status: 404}},
		{name: "change password page", method: "GET", url: func(*testkit.Kit) string { return "/profile/password" },
			def: expect{status: 200, contains: []string{`action="/profile/password"`}}, want: map[string]expect{"public": loginRedirect}},
		{name: "delete account page", method: "GET", url: func(*testkit.Kit) string { return "/profile/delete" },
			def:  expect{status: 200, contains: []string{`action="/profile/delete"`}, notContains: []string{`data-testid="delete-blocked"`}},
			want: map[string]expect{"public": loginRedirect, "rep": {status: 200, contains: []string{`data-testid="delete-blocked"`}}}},
		{name: "language switch", method: "GET", url: func(*testkit.Kit) string { return "/lang?to=ar&next=//evil.example" },
			def: expect{status: 303}},
		{name: "unknown page", method: "GET", url: func(*testkit.Kit) string { return "/nope" }, def: expect{status: 404}},

		// Meetings
		{name: "meetings list", method: "GET", url: func(*testkit.Kit) string { return "/meetings" },
			def: expect{status: 200, contains: []string{testkit.PublicMeetingTitle}, notContains: []string{testkit.MembersMeetingTitle, testkit.DraftMeetingTitle}},
			want: map[string]expect{
				"member":      {status: 200, contains: []string{testkit.PublicMeetingTitle, testkit.MembersMeetingTitle}, notContains: []string{testkit.DraftMeetingTitle}},
				"deputy":      {status: 200, contains: []string{testkit.MembersMeetingTitle}, notContains: []string{testkit.DraftMeetingTitle}},
				"rep":         {status: 200, contains: []string{testkit.MembersMeetingTitle}, notContains: []string{testkit.DraftMeetingTitle}},
				"coordinator": {status: 200, contains: []string{testkit.PublicMeetingTitle, testkit.MembersMeetingTitle, testkit.DraftMeetingTitle}},
			}},
		{name: "public meeting", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, ""),
			def: expect{status: 200, contains: []string{testkit.PublicMeetingTitle, "Begrüßung"}, notContains: []string{testkit.AccessNeeds}}},
		{name: "members-only meeting", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.MembersMeeting }, ""),
			def: expect{status: 404, notContains: []string{testkit.MembersMeetingTitle}}, want: seen(200, []string{testkit.MembersMeetingTitle}, "member", "deputy", "rep", "coordinator")},
		{name: "draft meeting", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.DraftMeeting }, ""),
			def: expect{status: 404, notContains: []string{testkit.DraftMeetingTitle}}, want: seen(200, []string{testkit.DraftMeetingTitle}, "coordinator")},
		{name: "new meeting form", method: "GET", url: func(*testkit.Kit) string { return "/meetings/new" },
			def: expect{status: 403}, want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{`action="/meetings/new"`}}}},
		{name: "edit meeting (organisers)", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, "/edit"),
			def: expect{status: 403}, want: map[string]expect{"public": loginRedirect, "deputy": {status: 200, contains: []string{`action="/meetings/PUBLIC_MEETING/edit"`}},
				"rep": {status: 200, contains: []string{`action="/meetings/PUBLIC_MEETING/edit"`}}, "coordinator": {status: 200, contains: []string{`action="/meetings/PUBLIC_MEETING/edit"`}}}},
		{name: "registrations with needs (organisers)", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, "/registrations"),
			def: expect{status: 403, notContains: []string{testkit.AccessNeeds}},
			want: map[string]expect{"public": loginRedirect, "deputy": {status: 200, contains: []string{testkit.AccessNeeds, memberName}},
				"rep": {status: 200, contains: []string{testkit.AccessNeeds}}, "coordinator": {status: 200, contains: []string{testkit.AccessNeeds}}}},
		{name: "check-in list (organisers)", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, "/attendance"),
			def:  expect{status: 403},
			want: map[string]expect{"public": loginRedirect, "deputy": {status: 200, contains: []string{memberName}}, "rep": {status: 200, contains: []string{`data-testid="checkin-form"`}}, "coordinator": {status: 200, contains: []string{memberName}}}},
		{name: "registration form", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, "/register"),
			def: expect{status: 200, contains: []string{`data-testid="registration-form"`}}, want: map[string]expect{"public": loginRedirect}},
		{name: "draft minutes", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.HeldMeeting }, "/minutes"),
			def: expect{status: 404, notContains: []string{testkit.DraftMinutes}}, want: map[string]expect{"coordinator": {status: 200, contains: []string{testkit.DraftMinutes, testkit.DraftDecision}}}},
		{name: "minutes editor", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.HeldMeeting }, "/minutes/edit"),
			def: expect{status: 403}, want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{testkit.DraftMinutes}}}},
		{name: "published minutes", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublishedMeeting }, "/minutes"),
			def: expect{status: 200, contains: []string{testkit.PublicFazit}}},
		{name: "public calendar", method: "GET", url: func(*testkit.Kit) string { return "/calendar.ics" },
			def: expect{status: 200, contains: []string{testkit.PublicMeetingTitle}, notContains: []string{testkit.MembersMeetingTitle, testkit.DraftMeetingTitle}}},
		{name: "meeting calendar file", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.MembersMeeting }, "/calendar.ics"),
			def: expect{status: 404}, want: seen(200, []string{"BEGIN:VCALENDAR", testkit.MembersMeetingTitle}, "member", "deputy", "rep", "coordinator")},
		// Topics and rounds
		{name: "topics list", method: "GET", url: func(*testkit.Kit) string { return "/topics" },
			def:  expect{status: 200, contains: []string{testkit.PublicTopicTitle}, notContains: []string{testkit.MembersTopicTitle}},
			want: map[string]expect{"member": {status: 200, contains: []string{testkit.PublicTopicTitle, testkit.MembersTopicTitle}}, "deputy": {status: 200, contains: []string{testkit.MembersTopicTitle}}, "rep": {status: 200, contains: []string{testkit.MembersTopicTitle}}, "coordinator": {status: 200, contains: []string{testkit.MembersTopicTitle}}}},
		{name: "members' topic", method: "GET", url: func(k *testkit.Kit) string { return "/topics/" + k.MembersTopic.Id },
			def: expect{status: 404, notContains: []string{testkit.MembersTopicTitle}}, want: seen(200, []string{testkit.MembersTopicTitle}, "member", "deputy", "rep", "coordinator")},
		{name: "public topic", method: "GET", url: func(k *testkit.Kit) string { return "/topics/" + k.PublicTopic.Id },
			def: expect{status: 200, contains: []string{testkit.PublicTopicTitle}}},
		{name: "propose a topic (form)", method: "GET", url: func(*testkit.Kit) string { return "/topics/new" },
			def: expect{status: 403}, want: map[string]expect{"public": loginRedirect, "member": {status: 200, contains: []string{`action="/topics/new"`}},
				"deputy": {status: 200, contains: []string{`action="/topics/new"`}}, "rep": {status: 200, contains: []string{`action="/topics/new"`}}, "coordinator": {status: 200, contains: []string{`action="/topics/new"`}}}},
		{name: "round (results hidden while open)", method: "GET", url: func(k *testkit.Kit) string { return "/rounds/" + k.Round.Id },
			def: expect{status: 404, notContains: []string{testkit.RoundTitle}},
			want: map[string]expect{"public": loginRedirect,
				"member":      {status: 200, contains: []string{testkit.RoundTitle, `data-testid="results-hidden"`}, notContains: []string{`data-testid="vote-form"`, `data-testid="close-round"`}},
				"deputy":      {status: 200, contains: []string{`data-testid="vote-form"`, `data-testid="results-hidden"`}, notContains: []string{`data-testid="close-round"`, `data-testid="topic-dots"`}},
				"rep":         {status: 200, contains: []string{`data-testid="vote-form"`, `data-testid="results-hidden"`}, notContains: []string{`data-testid="close-round"`, `data-testid="topic-dots"`}},
				"coordinator": {status: 200, contains: []string{`data-testid="topic-dots"`, `data-testid="close-round"`}, notContains: []string{`data-testid="vote-form"`, `data-testid="results-hidden"`}}}},
		{name: "rounds list: opening a round (offered)", method: "GET", url: func(*testkit.Kit) string { return "/rounds" },
			def:  expect{status: 200, contains: []string{`action="/logout"`}, notContains: []string{`data-testid="open-round"`}},
			want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{`data-testid="open-round"`}}}},
		{name: "open a round (form)", method: "GET", url: func(*testkit.Kit) string { return "/rounds/new" },
			def: expect{status: 403}, want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{`data-testid="round-form"`}}}},
		{name: "coordination: mail health and the test mail (offered)", method: "GET", url: func(*testkit.Kit) string { return "/coordination" },
			setup: withFailedMail,
			def:   expect{status: 403, notContains: []string{`data-testid="mail-health"`, failedMailTo}},
			want: map[string]expect{"public": loginRedirect,
				"coordinator": {status: 200, contains: []string{`data-testid="mail-health"`, `data-testid="mail-test"`, failedMailTo}}}},
		{name: "send me a test mail", method: "POST", url: func(*testkit.Kit) string { return "/coordination/mail/test" },
			def: expect{status: 403}, want: only(303, "coordinator")},
		{name: "funder report", method: "GET", url: func(*testkit.Kit) string { return "/coordination/report" },
			def: expect{status: 403}, want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{`data-testid="report-totals"`}}}},

		// What each role is offered: the forms and buttons on the pages, by their data-testid.
		// Each flag comes from the collection rules (committee/can.go); the POST rows above and
		// below show that what is offered is what is allowed.
		{name: "public topic: what is offered", method: "GET", url: func(k *testkit.Kit) string { return "/topics/" + k.PublicTopic.Id },
			// Names follow the users rule: who may not see the proposer does not see the name.
			def: expect{status: 200, contains: []string{testkit.PublicTopicTitle, `data-testid="topic-proposer"`},
				notContains: []string{memberName, `data-testid="support-on"`, `data-testid="comment-form"`, `data-testid="topic-edit"`, `data-testid="status-form"`}},
			want: map[string]expect{
				"member": {status: 200, contains: []string{memberName, `data-testid="support-on"`, `data-testid="comment-form"`},
					notContains: []string{`data-testid="topic-edit"`, `data-testid="status-form"`}},
				"deputy": {status: 200, contains: []string{memberName, `data-testid="support-on"`, `data-testid="comment-form"`},
					notContains: []string{`data-testid="topic-edit"`, `data-testid="status-form"`}},
				"rep": {status: 200, contains: []string{memberName, `data-testid="support-on"`, `data-testid="comment-form"`},
					notContains: []string{`data-testid="topic-edit"`, `data-testid="status-form"`}},
				"coordinator": {status: 200, contains: []string{memberName, `data-testid="support-on"`, `data-testid="comment-form"`,
					`data-testid="topic-edit"`, `data-testid="status-form"`}},
			}},
		{name: "declined topic: no support offered", method: "GET", url: func(*testkit.Kit) string { return "/topics/" + declinedTopic },
			setup: withDeclinedTopic,
			def:   expect{status: 200, contains: []string{`data-testid="decline-reason"`}, notContains: []string{`data-testid="support-on"`}},
			want: map[string]expect{
				"member": {status: 200, contains: []string{`data-testid="decline-reason"`, `data-testid="comment-form"`}, notContains: []string{`data-testid="support-on"`}},
				"rep":    {status: 200, contains: []string{`data-testid="decline-reason"`, `data-testid="comment-form"`}, notContains: []string{`data-testid="support-on"`}},
				"coordinator": {status: 200, contains: []string{`data-testid="decline-reason"`, `data-testid="status-form"`},
					notContains: []string{`data-testid="support-on"`}},
			}},
		{name: "support a declined topic", method: "POST", url: func(*testkit.Kit) string { return "/topics/" + declinedTopic + "/support" },
			setup: withDeclinedTopic, body: "on=1", def: expect{status: 403}},
		{name: "topics list: proposing (offered)", method: "GET", url: func(*testkit.Kit) string { return "/topics" },
			def:  expect{status: 200, contains: []string{testkit.PublicTopicTitle}, notContains: []string{`data-testid="propose-topic"`}},
			want: seen(200, []string{`data-testid="propose-topic"`}, "member", "deputy", "rep", "coordinator")},
		{name: "public meeting: what is offered", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, ""),
			// Not a public event: no registration without an account.
			def: expect{status: 200, contains: []string{testkit.PublicMeetingTitle},
				notContains: []string{`data-testid="register-link"`, `data-testid="agenda-form"`, `data-testid="organise"`}},
			want: map[string]expect{
				"registered": {status: 200, contains: []string{`data-testid="register-link"`}, notContains: []string{`data-testid="agenda-form"`, `data-testid="organise"`}},
				"requester":  {status: 200, contains: []string{`data-testid="register-link"`}, notContains: []string{`data-testid="agenda-form"`, `data-testid="organise"`}},
				"applicant":  {status: 200, contains: []string{`data-testid="register-link"`}, notContains: []string{`data-testid="agenda-form"`, `data-testid="organise"`}},
				"member": {status: 200, contains: []string{`data-testid="register-link"`, `data-testid="agenda-form"`},
					notContains: []string{`data-testid="organise"`, `data-testid="accept-suggestion"`}},
				// Listed organises it: its representative and deputy organise.
				"deputy": {status: 200, contains: []string{`data-testid="register-link"`, `data-testid="agenda-form"`, `data-testid="organise"`, `data-testid="status-cancel"`},
					notContains: []string{`data-testid="status-delete"`, `data-testid="status-held"`}},
				"rep": {status: 200, contains: []string{`data-testid="register-link"`, `data-testid="agenda-form"`, `data-testid="organise"`, `data-testid="status-cancel"`},
					notContains: []string{`data-testid="status-delete"`, `data-testid="status-held"`}},
				"coordinator": {status: 200, contains: []string{`data-testid="register-link"`, `data-testid="agenda-form"`, `data-testid="organise"`, `data-testid="status-cancel"`},
					notContains: []string{`data-testid="status-delete"`, `data-testid="status-held"`}},
			}},
		// "Mark as held" once the meeting has started (committee.Steps, from ChangeStatus's own test).
		{name: "started meeting: marking as held (offered)", method: "GET", url: func(*testkit.Kit) string { return "/meetings/" + startedMeeting },
			setup: withStartedMeeting,
			def:   expect{status: 200, contains: []string{"STARTED-MEETING"}, notContains: []string{`data-testid="status-held"`}},
			want:  seen(200, []string{`data-testid="organise"`, `data-testid="status-held"`}, "coordinator")},
		{name: "mark a started meeting as held", method: "POST", url: func(*testkit.Kit) string { return "/meetings/" + startedMeeting + "/status" },
			setup: withStartedMeeting, body: "action=held", def: expect{status: 403}, want: only(303, "coordinator")},
		{name: "draft meeting: deleting (offered)", method: "GET", url: meeting(func(k *testkit.Kit) *core.Record { return k.DraftMeeting }, ""),
			def:  expect{status: 404},
			want: seen(200, []string{`data-testid="organise"`, `data-testid="status-delete"`, `data-testid="date-form"`}, "coordinator")},
		{name: "meeting in date finding: what is offered", method: "GET", url: func(*testkit.Kit) string { return "/meetings/" + findingMeeting },
			setup: withDateFinding,
			def: expect{status: 200, contains: []string{"FINDING-MEETING"},
				notContains: []string{`data-testid="answer-form"`, `data-testid="date-form"`, `data-testid="fix-0"`, `data-testid="agenda-form"`}},
			want: map[string]expect{
				"member":      {status: 200, contains: []string{`data-testid="answer-form"`, `data-testid="agenda-form"`}, notContains: []string{`data-testid="date-form"`, `data-testid="fix-0"`}},
				"deputy":      {status: 200, contains: []string{`data-testid="answer-form"`, `data-testid="agenda-form"`}, notContains: []string{`data-testid="date-form"`, `data-testid="fix-0"`}},
				"rep":         {status: 200, contains: []string{`data-testid="answer-form"`, `data-testid="agenda-form"`}, notContains: []string{`data-testid="date-form"`, `data-testid="fix-0"`}},
				"coordinator": {status: 200, contains: []string{`data-testid="answer-form"`, `data-testid="agenda-form"`, `data-testid="date-form"`, `data-testid="fix-0"`}},
			}},
		{name: "answer the date finding", method: "POST", url: func(*testkit.Kit) string { return "/meetings/" + findingMeeting + "/answers" },
			setup: withDateFinding, body: "answer_" + findingDate + "=yes",
			def:  expect{status: 422},
			want: map[string]expect{"public": {status: 403}, "member": {status: 303}, "deputy": {status: 303}, "rep": {status: 303}, "coordinator": {status: 303}}},
		{name: "meetings list: creating (offered)", method: "GET", url: func(*testkit.Kit) string { return "/meetings" },
			def:  expect{status: 200, contains: []string{testkit.PublicMeetingTitle}, notContains: []string{`data-testid="new-meeting"`}},
			want: seen(200, []string{`data-testid="new-meeting"`}, "coordinator")},
		{name: "listed organisation: what is offered", method: "GET", url: listed,
			def: expect{status: 200, contains: []string{listedName},
				notContains: []string{`data-testid="join-form"`, `data-testid="edit-organisation"`, `data-testid="people-link"`, `data-testid="status-form"`}},
			want: map[string]expect{
				"registered": {status: 200, contains: []string{`data-testid="join-form"`}, notContains: []string{`data-testid="edit-organisation"`, `data-testid="status-form"`}},
				"applicant":  {status: 200, contains: []string{`data-testid="join-form"`}, notContains: []string{`data-testid="edit-organisation"`, `data-testid="status-form"`}},
				"requester":  {status: 200, contains: []string{`data-testid="join-pending"`}, notContains: []string{`data-testid="join-form"`, `data-testid="edit-organisation"`}},
				"deputy": {status: 200, contains: []string{`data-testid="edit-organisation"`, `data-testid="people-link"`},
					notContains: []string{`data-testid="join-form"`, `data-testid="status-form"`}},
				"rep": {status: 200, contains: []string{`data-testid="edit-organisation"`, `data-testid="people-link"`},
					notContains: []string{`data-testid="join-form"`, `data-testid="status-form"`}},
				"coordinator": {status: 200, contains: []string{`data-testid="edit-organisation"`, `data-testid="people-link"`, `data-testid="status-form"`, `data-testid="join-form"`}},
			}},

		// Page actions (each scenario runs on its own copy of the database)
		{name: "approve join request", method: "POST", url: func(k *testkit.Kit) string { return "/memberships/" + k.PendingMembership.Id + "/approve" },
			// The request is read through the memberships rule: who may not see it gets 404, as on /api/.
			def: expect{status: 404}, want: map[string]expect{"public": {status: 403}, "requester": {status: 403},
				"deputy": {status: 303}, "rep": {status: 303}, "coordinator": {status: 303}}},
		{name: "approve application", method: "POST", url: func(k *testkit.Kit) string { return "/coordination/organisations/" + k.Pending.Id + "/approve" },
			body: "status=member", def: expect{status: 403}, want: only(303, "coordinator")},
		{name: "set an organisation's status", method: "POST", url: func(k *testkit.Kit) string { return listed(k) + "/status" },
			body: "status=inactive", def: expect{status: 403}, want: only(303, "coordinator")},
		{name: "join listed organisation", method: "POST", url: func(k *testkit.Kit) string { return listed(k) + "/join" },
			def: expect{status: 303}, want: map[string]expect{"public": {status: 403}, "member": {status: 422}, "requester": {status: 422},
				"deputy": {status: 422}, "rep": {status: 422}}},
		{name: "join pending organisation", method: "POST", url: func(k *testkit.Kit) string { return pending(k) + "/join" },
			def: expect{status: 404}, want: map[string]expect{"public": {status: 403}, "applicant": {status: 404}, "coordinator": {status: 404}}},

		{name: "change a meeting's status", method: "POST", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, "/status"),
			body: "action=cancel", def: expect{status: 403}, want: only(303, "deputy", "rep", "coordinator")},
		{name: "mark a meeting that has not started as held", method: "POST", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, "/status"),
			body: "action=held", def: expect{status: 403}, want: only(422, "deputy", "rep", "coordinator")},
		{name: "add or suggest an agenda item", method: "POST", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, "/agenda"),
			body: "title=Neuer+Punkt", def: expect{status: 403}, want: only(303, "member", "deputy", "rep", "coordinator")},
		{name: "register for a meeting", method: "POST", url: meeting(func(k *testkit.Kit) *core.Record { return k.PublicMeeting }, "/register"),
			body: "answer=yes", def: expect{status: 303}, want: map[string]expect{"public": {status: 403}}},
		{name: "vote for Listed", method: "POST", url: func(k *testkit.Kit) string { return "/rounds/" + k.Round.Id + "/vote" },
			body: "organisation=LISTED_ID&dots_PUBLIC_TOPIC=1", def: expect{status: 404},
			want: map[string]expect{"public": {status: 403}, "member": {status: 422}, "coordinator": {status: 422}, "deputy": {status: 303}, "rep": {status: 303}}},
		{name: "close a round", method: "POST", url: func(k *testkit.Kit) string { return "/rounds/" + k.Round.Id + "/close" },
			def: expect{status: 403}, want: only(303, "coordinator")},
		{name: "support a topic", method: "POST", url: func(k *testkit.Kit) string { return "/topics/" + k.PublicTopic.Id + "/support" },
			body: "on=1", def: expect{status: 403}, want: only(303, "member", "deputy", "rep", "coordinator")},
		{name: "write minutes", method: "POST", url: meeting(func(k *testkit.Kit) *core.Record { return k.HeldMeeting }, "/decisions"),
			body: "text=Beschluss", def: expect{status: 403}, want: only(303, "coordinator")},
		{name: "publish minutes", method: "POST", url: meeting(func(k *testkit.Kit) *core.Record { return k.HeldMeeting }, "/minutes/approve"),
			def: expect{status: 403}, want: only(303, "coordinator")},

		// REST API: the same rules
		{name: "api organisations", method: "GET", url: api("organisations"),
			def:  expect{status: 200, contains: []string{listedName}, notContains: []string{pendingName, `"managers"`}},
			want: map[string]expect{"applicant": {status: 200, contains: []string{pendingName}}, "coordinator": {status: 200, contains: []string{pendingName}, notContains: []string{`"managers"`}}}},
		{name: "api pending organisation", method: "GET", url: func(k *testkit.Kit) string { return "/api/collections/organisations/records/" + k.Pending.Id },
			def: expect{status: 404}, want: only(200, "applicant", "coordinator")},
		{name: "api memberships", method: "GET", url: api("memberships"),
			def: expect{status: 200, notContains: []string{"PENDING_ID"}},
			want: map[string]expect{
				"public":      {status: 200, contains: []string{`"totalItems":0`}},
				"registered":  {status: 200, contains: []string{`"totalItems":0`}},
				"applicant":   {status: 200, contains: []string{`"totalItems":0`}},
				"requester":   {status: 200, contains: []string{"PENDING_ID"}},
				"deputy":      {status: 200, contains: []string{"PENDING_ID"}},
				"rep":         {status: 200, contains: []string{"PENDING_ID"}},
				"coordinator": {status: 200, contains: []string{"PENDING_ID"}},
			}},
		{name: "api contacts", method: "GET", url: api("contacts"),
			def: expect{status: 200, contains: []string{publicEmail}, notContains: []string{membersPhone, nobodyAddress, pendingEmail, memberPhone}},
			want: map[string]expect{
				"member":      {status: 200, contains: []string{publicEmail, membersPhone, memberPhone}, notContains: []string{nobodyAddress, pendingEmail}},
				"deputy":      {status: 200, contains: []string{membersPhone, nobodyAddress}, notContains: []string{pendingEmail}},
				"rep":         {status: 200, contains: []string{membersPhone, nobodyAddress}, notContains: []string{pendingEmail}},
				"applicant":   {status: 200, contains: []string{pendingEmail, nobodyAddress}, notContains: []string{memberPhone}},
				"coordinator": {status: 200, contains: []string{pendingEmail, nobodyAddress, membersPhone, memberPhone}},
			}},
		{name: "api users", method: "GET", url: api("users"),
			def: expect{status: 200, notContains: []string{memberName, "member@example.org", "privacy_version"}},
			want: map[string]expect{
				"public":      {status: 200, contains: []string{`"totalItems":0`}},
				"member":      {status: 200, contains: []string{memberName, "Rana Vertretung"}, notContains: []string{"Rita Registriert", "rep@example.org", "privacy_version"}},
				"deputy":      {status: 200, contains: []string{memberName}, notContains: []string{"Rita Registriert", "member@example.org"}},
				"rep":         {status: 200, contains: []string{memberName}, notContains: []string{"member@example.org"}},
				"coordinator": {status: 200, contains: []string{memberName, "Rita Registriert"}, notContains: []string{"member@example.org"}},
			}},
		{name: "api: make myself coordinator", method: "PATCH", url: func(k *testkit.Kit) string { return "/api/collections/users/records/SELF" },
			// PocketBase answers 404 when a record exists but the update rule refuses it.
			body: `{"coordinator":true}`, def: expect{status: 404}},
		{name: "api: join as active member", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/memberships/records" },
			body: `{"user":"SELF","organisation":"LISTED_ID","role":"representative","status":"active"}`, def: expect{status: 400}},
		{name: "api: change organisation status", method: "PATCH", url: func(k *testkit.Kit) string { return "/api/collections/organisations/records/" + k.Listed.Id },
			body: `{"status":"inactive"}`, def: expect{status: 404}},
		{name: "api: edit organisation", method: "PATCH", url: func(k *testkit.Kit) string { return "/api/collections/organisations/records/" + k.Listed.Id },
			body: `{"communities":"edited"}`, def: expect{status: 404}, want: only(200, "deputy", "rep", "coordinator")},
		{name: "api: approve membership", method: "PATCH", url: func(k *testkit.Kit) string { return "/api/collections/memberships/records/" + k.PendingMembership.Id },
			body: `{"status":"active"}`, def: expect{status: 403}},
		{name: "api meetings", method: "GET", url: api("meetings"),
			def: expect{status: 200, contains: []string{testkit.PublicMeetingTitle}, notContains: []string{testkit.MembersMeetingTitle, testkit.DraftMeetingTitle, `"managers"`, `"reminded"`}},
			want: map[string]expect{
				"member":      {status: 200, contains: []string{testkit.MembersMeetingTitle}, notContains: []string{testkit.DraftMeetingTitle}},
				"deputy":      {status: 200, contains: []string{testkit.MembersMeetingTitle}, notContains: []string{testkit.DraftMeetingTitle}},
				"rep":         {status: 200, contains: []string{testkit.MembersMeetingTitle}, notContains: []string{testkit.DraftMeetingTitle}},
				"coordinator": {status: 200, contains: []string{testkit.MembersMeetingTitle, testkit.DraftMeetingTitle}, notContains: []string{`"managers"`}},
			}},
		{name: "api registrations (access needs)", method: "GET", url: api("registrations"),
			def: expect{status: 200, contains: []string{`"totalItems":0`}, notContains: []string{testkit.AccessNeeds}},
			want: map[string]expect{"member": {status: 200, contains: []string{testkit.AccessNeeds}}, "deputy": {status: 200, contains: []string{testkit.AccessNeeds}},
				"rep": {status: 200, contains: []string{testkit.AccessNeeds}}, "coordinator": {status: 200, contains: []string{testkit.AccessNeeds}, notContains: []string{`"token"`}}}},
		{name: "api minutes", method: "GET", url: api("minutes"),
			def:  expect{status: 200, contains: []string{testkit.PublicFazit}, notContains: []string{testkit.DraftMinutes}},
			want: map[string]expect{"coordinator": {status: 200, contains: []string{testkit.PublicFazit, testkit.DraftMinutes}}}},
		{name: "api decisions", method: "GET", url: api("decisions"),
			def:  expect{status: 200, notContains: []string{testkit.DraftDecision}},
			want: map[string]expect{"coordinator": {status: 200, contains: []string{testkit.DraftDecision}}}},
		{name: "api agenda items", method: "GET", url: api("agenda_items"), def: expect{status: 200, contains: []string{"Begrüßung"}}},
		{name: "api attendance", method: "GET", url: api("attendance"), def: expect{status: 200, contains: []string{`"totalItems":0`}}},
		{name: "api: register (pages only)", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/registrations/records" },
			body: `{"meeting":"PUBLIC_MEETING","user":"SELF","answer":"yes","status":"confirmed"}`, def: expect{status: 403}},
		{name: "api: cancel a meeting (pages only)", method: "PATCH", url: func(k *testkit.Kit) string { return "/api/collections/meetings/records/" + k.PublicMeeting.Id },
			body: `{"status":"cancelled"}`, def: expect{status: 404}},
		{name: "api: edit a meeting (organisers)", method: "PATCH", url: func(k *testkit.Kit) string { return "/api/collections/meetings/records/" + k.PublicMeeting.Id },
			body: `{"place_room":"Saal 2"}`, def: expect{status: 404}, want: only(200, "deputy", "rep", "coordinator")},
		{name: "api: edit an agenda item (organisers)", method: "PATCH", url: func(k *testkit.Kit) string {
			return "/api/collections/agenda_items/records/" + agendaItemOf(k, k.PublicMeeting)
		}, body: `{"title":"Umbenannt"}`, def: expect{status: 404}, want: only(200, "deputy", "rep", "coordinator")},
		{name: "api: move an agenda item to another meeting", method: "PATCH", url: func(k *testkit.Kit) string {
			return "/api/collections/agenda_items/records/" + agendaItemOf(k, k.PublicMeeting)
		}, body: `{"meeting":"MEMBERS_MEETING"}`, def: expect{status: 404}},
		{name: "api: suggest an agenda item", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/agenda_items/records" },
			body: `{"meeting":"PUBLIC_MEETING","title":"Vorschlag","status":"suggested","suggested_by":"SELF"}`,
			def:  expect{status: 400}, want: only(200, "member", "deputy", "rep", "coordinator")},
		{name: "api: accept an item oneself", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/agenda_items/records" },
			body: `{"meeting":"PUBLIC_MEETING","title":"Vorschlag","status":"accepted"}`,
			def:  expect{status: 400}, want: only(200, "deputy", "rep", "coordinator")},
		{name: "api topics", method: "GET", url: api("topics"),
			def:  expect{status: 200, contains: []string{testkit.PublicTopicTitle}, notContains: []string{testkit.MembersTopicTitle}},
			want: map[string]expect{"member": {status: 200, contains: []string{testkit.MembersTopicTitle}}, "deputy": {status: 200, contains: []string{testkit.MembersTopicTitle}}, "rep": {status: 200, contains: []string{testkit.MembersTopicTitle}}, "coordinator": {status: 200, contains: []string{testkit.MembersTopicTitle}}}},
		{name: "api round totals (hidden while open)", method: "GET", url: api("round_topics"),
			def: expect{status: 200, contains: []string{`"totalItems":0`}}, want: map[string]expect{"coordinator": {status: 200, contains: []string{`"dots":2`}}}},
		{name: "api votes (own organisation's only)", method: "GET", url: api("votes"),
			def: expect{status: 200, contains: []string{`"totalItems":0`}}, want: map[string]expect{"deputy": {status: 200, contains: []string{`"dots":2`}}, "rep": {status: 200, contains: []string{`"dots":2`}}, "coordinator": {status: 200, contains: []string{`"dots":2`}}}},
		{name: "api: vote for an organisation one does not represent", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/votes/records" },
			body: `{"round":"ROUND_ID","topic":"MEMBERS_TOPIC","user":"SELF","organisation":"LISTED_ID","dots":1}`,
			def:  expect{status: 400}, want: map[string]expect{"deputy": {status: 200}, "rep": {status: 200}}},
		{name: "api: support a topic", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/supports/records" },
			body: `{"topic":"PUBLIC_TOPIC","user":"SELF"}`, def: expect{status: 400}, want: only(200, "member", "deputy", "rep", "coordinator")},
		{name: "api: write a comment (pages only)", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/comments/records" },
			body: `{"topic":"PUBLIC_TOPIC","author":"SELF","body":"x"}`, def: expect{status: 403}},
		{name: "api sessions (superusers only)", method: "GET", url: api("sessions"), def: expect{status: 403, notContains: []string{"token_hash"}}},
		{name: "api: view a session", method: "GET", url: func(k *testkit.Kit) string { return "/api/collections/sessions/records/" + sessionOf(k, k.Member) },
			def: expect{status: 403, notContains: []string{"token_hash"}}},
		{name: "api: make a session", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/sessions/records" },
			body: `{"user":"SELF","token_hash":"` + strings.Repeat("a", 64) + `"}`, def: expect{status: 403}},
		{name: "api: end someone's session", method: "DELETE", url: func(k *testkit.Kit) string { return "/api/collections/sessions/records/" + sessionOf(k, k.Member) },
			def: expect{status: 403}},
		{name: "api mail log (superusers only)", method: "GET", url: api("mail_log"), setup: withFailedMail,
			def: expect{status: 403, notContains: []string{failedMailTo}}},
		{name: "api: view a failed mail", method: "GET", url: func(*testkit.Kit) string { return "/api/collections/mail_log/records/" + failedMail },
			setup: withFailedMail, def: expect{status: 403, notContains: []string{failedMailTo}}},
		{name: "api: write the mail log", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/mail_log/records" },
			body: `{"recipient":"x@example.org","kind":"mail.test.subject","status":"failed","attempted":"2026-12-01 10:00:00.000Z"}`, def: expect{status: 403}},
		{name: "api: delete a failed mail", method: "DELETE", url: func(*testkit.Kit) string { return "/api/collections/mail_log/records/" + failedMail },
			setup: withFailedMail, def: expect{status: 403}},
		{name: "api: write a contact", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/contacts/records" },
			body: `{"organisation":"LISTED_ID","kind":"email","value":"x@example.org","visibility":"public"}`, def: expect{status: 403}},
	}
}

// TestPermissionMatrix runs every route of the matrix for every role, on its own database copy:
// pages and /api/ must agree, and nothing private may leave through either.
func TestPermissionMatrix(t *testing.T) {
	k := testkit.New(t)
	for _, r := range matrix() {
		for _, role := range roles {
			e, ok := r.want[role]
			if !ok {
				e = r.def
			}
			u := person(k, role)
			url, body := r.url(k), r.body
			replace := strings.NewReplacer("PENDING_ID", k.PendingMembership.Id, "LISTED_ID", k.Listed.Id, "SELF", selfID(u),
				"PUBLIC_MEETING", k.PublicMeeting.Id, "MEMBERS_MEETING", k.MembersMeeting.Id, "ROUND_ID", k.Round.Id,
				"PUBLIC_TOPIC", k.PublicTopic.Id, "MEMBERS_TOPIC", k.MembersTopic.Id,
				// a contact form shown a minute ago (every copy of the fixtures signs alike)
				"CONTACT_STAMP", committee.ContactStamp(k.App, time.Now().Add(-time.Minute)))
			url, body = replace.Replace(url), replace.Replace(body)
			s := tests.ApiScenario{
				Name: r.name + " as " + role, Method: r.method, URL: url, ExpectedStatus: e.status,
				Headers: map[string]string{"Sec-Fetch-Site": "same-origin"},
				TestAppFactory: func(t testing.TB) *tests.TestApp {
					app := testkit.New(t).App
					web.Register(app)
					return app
				},
			}
			contains := e.contains
			if len(contains) == 0 {
				status := e.status
				if status == 200 && strings.Contains(url, "/records?") {
					status = 0
				}
				contains = defaultContent(status, strings.HasPrefix(url, "/api/"))
			}
			if len(contains) == 0 && e.status != http.StatusSeeOther {
				t.Errorf("%s as %s asserts only the status %d: name what the answer shows", r.name, role, e.status)
				continue
			}
			for _, c := range contains {
				s.ExpectedContent = append(s.ExpectedContent, replace.Replace(c))
			}
			for _, c := range e.notContains {
				s.NotExpectedContent = append(s.NotExpectedContent, replace.Replace(c))
			}
			if e.status == http.StatusSeeOther {
				want := e.location
				s.AfterTestFunc = func(t testing.TB, _ *tests.TestApp, res *http.Response) {
					if loc := res.Header.Get("Location"); loc == "" || !strings.HasPrefix(loc, want) {
						t.Errorf("redirect to %q, want %q…", loc, want)
					}
				}
			}
			if r.setup != nil {
				setup := r.setup
				s.TestAppFactory = func(t testing.TB) *tests.TestApp {
					k := testkit.New(t)
					setup(t, k)
					web.Register(k.App)
					return k.App
				}
			}
			if body != "" {
				s.Body = strings.NewReader(body)
				if strings.HasPrefix(r.url(k), "/api/") {
					s.Headers["Content-Type"] = "application/json"
				} else {
					s.Headers["Content-Type"] = "application/x-www-form-urlencoded"
				}
			} else if r.method == "POST" && !strings.HasPrefix(url, "/api/") {
				s.Body = strings.NewReader("message=")
				s.Headers["Content-Type"] = "application/x-www-form-urlencoded"
			}
			if u != nil {
				if strings.HasPrefix(url, "/api/") {
					s.Headers["Authorization"] = k.Token(t, u)
				} else {
					s.Headers["Cookie"] = k.Session(t, u)
				}
			}
			s.Test(t)
		}
	}
}

// sessionOf is the record id of u's fixture page session (the same in every copy of the
// fixture database).
func sessionOf(k *testkit.Kit, u *core.Record) string {
	r, err := k.App.FindFirstRecordByFilter("sessions", "user = {:u}", dbx.Params{"u": u.Id})
	if err != nil {
		return "none"
	}
	return r.Id
}

// defaultContent is what an answer of status shows when a row names nothing else: the error
// page's title, PocketBase's error body, a list or record of /api/, a form's problem summary.
func defaultContent(status int, api bool) []string {
	if api {
		switch status {
		case 200:
			return []string{`"id":"`}
		case 0: // a list
			return []string{`"items":[`}
		case 204:
			return nil
		}
		return []string{`"status":` + strconv.Itoa(status)}
	}
	switch status {
	case 403, 404:
		return []string{`data-testid="message"`, `data-message="error.` + strconv.Itoa(status) + `.title"`}
	case 422:
		return []string{`data-testid="error-summary"`}
	}
	return nil
}

// Records some rows add to their copy of the fixtures, with fixed ids.
const (
	declinedTopic  = "declinedtopic01"
	findingMeeting = "findingmeeting1"
	findingDate    = "findingdate0001"
	failedMail     = "failedmail00001"
	failedMailTo   = "FAILED-MAIL@example.org"
	startedMeeting = "startedmeeting1"
)

// withFailedMail adds a mail that could not be sent to the mail log.
func withFailedMail(t testing.TB, k *testkit.Kit) {
	k.Record(t, "mail_log", map[string]any{"id": failedMail, "recipient": failedMailTo, "kind": "mail.test.subject",
		"subject": "Test", "status": "failed", "error": "554 refused", "attempted": time.Now().UTC()})
}

// withStartedMeeting adds a public scheduled meeting that began an hour ago.
func withStartedMeeting(t testing.TB, k *testkit.Kit) {
	now := time.Now().UTC()
	k.Record(t, "meetings", map[string]any{"id": startedMeeting, "title": "STARTED-MEETING", "kind": "committee",
		"status": "scheduled", "visibility": "public", "starts": now.Add(-time.Hour), "ends": now.Add(time.Hour)})
}

// withDeclinedTopic adds a public topic of Member that the coordinators declined.
func withDeclinedTopic(t testing.TB, k *testkit.Kit) {
	k.Record(t, "topics", map[string]any{"id": declinedTopic, "title": "DECLINED-TOPIC", "kind": "topic", "proposed_by": k.Member.Id,
		"visibility": "public", "status": "declined", "decline_reason": "Schon erledigt"})
}

// withDateFinding adds a public committee meeting in date finding with one candidate date.
func withDateFinding(t testing.TB, k *testkit.Kit) {
	k.Record(t, "meetings", map[string]any{"id": findingMeeting, "title": "FINDING-MEETING", "kind": "committee",
		"status": "date_finding", "visibility": "public"})
	soon := time.Now().Add(40 * 24 * time.Hour).UTC().Truncate(time.Hour)
	k.Record(t, "meeting_dates", map[string]any{"id": findingDate, "meeting": findingMeeting, "starts": soon, "ends": soon.Add(2 * time.Hour)})
}

// agendaItemOf is the id of a meeting's (first) agenda item.
func agendaItemOf(k *testkit.Kit, m *core.Record) string {
	r, err := k.App.FindFirstRecordByFilter("agenda_items", "meeting = {:m}", dbx.Params{"m": m.Id})
	if err != nil {
		return "none"
	}
	return r.Id
}

func selfID(u *core.Record) string {
	if u == nil {
		return "nobody"
	}
	return u.Id
}
