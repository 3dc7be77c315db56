package web_test

import (
	"net/http"
	"testing"
	"time"

	"komitee/internal/testkit"
)

func init() { matrixParts = append(matrixParts, needsMatrix) }

func withNeeds(t testing.TB, k *testkit.Kit)         { testkit.NeedsFixture(t, k, false) }
func withNeedResponses(t testing.TB, k *testkit.Kit) { testkit.NeedsFixture(t, k, true) }
func withMoreNeeds(t testing.TB, k *testkit.Kit) {
	testkit.NeedsMore(t, k, testkit.NeedsFixture(t, k, false))
}

// withFixedResponse adds Partner's offered response on Listed's members' need, with a fixed id
// (its contact rows come from the hooks), and a contact row of a fixed id.
func withFixedResponse(t testing.TB, k *testkit.Kit) {
	f := testkit.NeedsFixture(t, k, false)
	k.Record(t, "responses", map[string]any{"id": fixedResponse, "need": testkit.NeedMembersID, "organisation": f.Partner.Id,
		"responder": f.PartnerRep.Id, "message": "Wir haben einen Raum", "status": "offered"})
	k.Record(t, "need_contacts", map[string]any{"id": fixedContact, "need": testkit.NeedMembersID, "organisation": k.Listed.Id,
		"person": k.Rep.Id, "response": fixedResponse})
}

const (
	fixedResponse = "respfixed000001"
	fixedContact  = "contactfixed001"
)

func fixed(path string) func(*testkit.Kit) string { return func(*testkit.Kit) string { return path } }
func needAPI(coll string) func(*testkit.Kit) string {
	return fixed("/api/collections/" + coll + "/records?perPage=200")
}

// needsMatrix: the board, an entry's page and its forms, /needs/mine, the coordinators'
// overview, and the three collections through /api/.
func needsMatrix() []row {
	loginRedirect := expect{status: http.StatusSeeOther, location: "/login"}
	members := []string{"member", "deputy", "rep", "coordinator"}
	board := seen(200, []string{testkit.NeedPublicTitle, testkit.NeedMembersTitle, testkit.OfferTitle}, members...)
	for _, r := range []string{"deputy", "rep"} {
		board[r] = expect{status: 200, contains: []string{testkit.NeedMembersTitle, `data-testid="post-need"`}}
	}
	membersNeed := seen(200, []string{testkit.NeedMembersTitle}, members...)
	membersNeed["member"] = expect{status: 200, contains: []string{testkit.NeedMembersTitle}, notContains: []string{testkit.RepEmail, testkit.RepPhone, `data-testid="need-edit"`}}
	membersNeed["coordinator"] = expect{status: 200, contains: []string{testkit.NeedMembersTitle}, notContains: []string{testkit.RepEmail, testkit.RepPhone, `data-testid="need-edit"`}}
	for _, r := range []string{"deputy", "rep"} {
		membersNeed[r] = expect{status: 200, contains: []string{`data-testid="need-contacts"`, testkit.RepEmail, testkit.RepPhone,
			`data-testid="need-edit"`, `data-testid="need-step-withdraw"`}, notContains: []string{`data-testid="respond-form"`}}
	}
	offer := seen(200, []string{testkit.OfferTitle, `data-testid="respond-form"`, `data-testid="suggestions"`}, "member", "deputy", "rep")
	offer["coordinator"] = expect{status: 200, contains: []string{testkit.OfferTitle}, notContains: []string{`data-testid="respond-form"`, testkit.PartnerEmail}}
	for r, e := range offer {
		e.notContains = append(e.notContains, testkit.PartnerEmail, testkit.PartnerPhone, `data-testid="need-edit"`)
		offer[r] = e
	}
	respondBody := "organisation=LISTED_ID&message=Wir+haben+einen+Raum"
	stamp := func(d time.Duration) string { return time.Now().Add(d).UTC().Format("2006-01-02 15:04:05.000Z") }
	forbidden := expect{status: http.StatusForbidden}
	return []row{
		{name: "needs board", method: "GET", url: fixed("/needs"), setup: withNeeds,
			def:  expect{status: 200, contains: []string{testkit.NeedPublicTitle}, notContains: []string{testkit.NeedMembersTitle, testkit.OfferTitle, testkit.RepEmail, `data-testid="post-need"`}},
			want: board},
		{name: "needs board filtered by category and municipality", method: "GET", url: fixed("/needs?category=rooms&municipality=Bautzen&kind=offer"), setup: withNeeds,
			def:  expect{status: 200, contains: []string{`data-testid="need-count"`}, notContains: []string{testkit.NeedPublicTitle, testkit.OfferTitle}},
			want: seen(200, []string{testkit.OfferTitle}, members...)},
		{name: "a members' need", method: "GET", url: fixed("/needs/" + testkit.NeedMembersID), setup: withNeeds,
			def: expect{status: 404, notContains: []string{testkit.NeedMembersTitle}}, want: membersNeed},
		{name: "a public need", method: "GET", url: fixed("/needs/" + testkit.NeedPublicID), setup: withNeeds,
			def:  expect{status: 200, contains: []string{testkit.NeedPublicTitle}, notContains: []string{testkit.RepEmail, testkit.RepPhone, `data-testid="need-contacts"`, `data-testid="respond-form"`}},
			want: map[string]expect{"deputy": {status: 200, contains: []string{testkit.RepEmail}}, "rep": {status: 200, contains: []string{testkit.RepEmail}}}},
		{name: "another organisation's offer", method: "GET", url: fixed("/needs/" + testkit.OfferPartnerID), setup: withNeeds,
			def: expect{status: 404, notContains: []string{testkit.OfferTitle}}, want: offer},
		{name: "a need with an offered response", method: "GET", url: fixed("/needs/needstateoffe00"), setup: withNeedResponses,
			def: expect{status: 404, notContains: []string{"NEED-offered"}},
			want: map[string]expect{
				"member":      {status: 200, contains: []string{"NEED-offered"}, notContains: []string{`data-testid="need-response"`, `data-testid="response-accept"`, testkit.PartnerEmail}},
				"coordinator": {status: 200, contains: []string{`data-testid="need-response"`}, notContains: []string{`data-testid="response-accept"`, testkit.PartnerEmail, testkit.RepEmail}},
				"deputy":      {status: 200, contains: []string{`data-testid="response-accept"`, `data-testid="response-decline"`}, notContains: []string{testkit.PartnerEmail, testkit.PartnerPhone}},
				"rep":         {status: 200, contains: []string{`data-testid="response-accept"`, `data-testid="response-decline"`}, notContains: []string{testkit.PartnerEmail, testkit.PartnerPhone}},
			}},
		{name: "a need with an accepted response", method: "GET", url: fixed("/needs/needstateacce00"), setup: withNeedResponses,
			def: expect{status: 404, notContains: []string{"NEED-accepted"}},
			want: map[string]expect{
				"member":      {status: 200, contains: []string{"NEED-accepted"}, notContains: []string{testkit.PartnerEmail, testkit.RepEmail}},
				"coordinator": {status: 200, contains: []string{"NEED-accepted"}, notContains: []string{testkit.PartnerEmail, testkit.RepEmail}},
				"deputy":      {status: 200, contains: []string{testkit.PartnerEmail, testkit.PartnerPhone, `data-testid="done-form"`}, notContains: []string{`data-testid="response-accept"`}},
				"rep":         {status: 200, contains: []string{testkit.PartnerEmail, testkit.PartnerPhone, `data-testid="done-form"`}},
			}},
		{name: "post a need (form)", method: "GET", url: fixed("/needs/new"), setup: withNeeds,
			def: expect{status: 200, contains: []string{`data-message="needs.new.title"`}, notContains: []string{`data-testid="need-form"`}},
			want: map[string]expect{"public": loginRedirect,
				"deputy": {status: 200, contains: []string{`data-testid="need-form"`}}, "rep": {status: 200, contains: []string{`data-testid="need-form"`}}}},
		{name: "post a need", method: "POST", url: fixed("/needs/new"), setup: withNeeds,
			body: "kind=need&organisation=LISTED_ID&title=Raum&category=rooms&contact=SELF&valid_until=2020-01-01",
			def:  expect{status: 403}, want: map[string]expect{"deputy": {status: 422}, "rep": {status: 422}}},
		{name: "edit a need (form)", method: "GET", url: fixed("/needs/" + testkit.NeedMembersID + "/edit"), setup: withNeeds,
			def: expect{status: 404}, want: map[string]expect{"public": loginRedirect, "member": {status: 403}, "coordinator": {status: 403},
				"deputy": {status: 200, contains: []string{`data-testid="need-form"`}}, "rep": {status: 200, contains: []string{`data-testid="need-form"`}}}},
		{name: "respond to an offer", method: "POST", url: fixed("/needs/" + testkit.OfferPartnerID + "/respond"), body: respondBody, setup: withNeeds,
			def: expect{status: 404}, want: map[string]expect{"public": {status: 403}, "coordinator": {status: 403},
				"member": {status: 303, location: "/needs/" + testkit.OfferPartnerID}, "deputy": {status: 303}, "rep": {status: 303}}},
		{name: "respond without a message", method: "POST", url: fixed("/needs/" + testkit.OfferPartnerID + "/respond"), body: "organisation=LISTED_ID&message=", setup: withNeeds,
			def: expect{status: 404}, want: map[string]expect{"public": {status: 403}, "coordinator": {status: 403},
				"member": {status: 422}, "deputy": {status: 422}, "rep": {status: 422}}},
		{name: "withdraw a need", method: "POST", url: fixed("/needs/" + testkit.NeedMembersID + "/step"), body: "step=withdraw", setup: withNeeds,
			def: expect{status: 404}, want: map[string]expect{"public": {status: 403}, "member": {status: 403}, "coordinator": {status: 403},
				"deputy": {status: 303}, "rep": {status: 303}}},
		{name: "my organisation's needs", method: "GET", url: fixed("/needs/mine"), setup: withNeeds,
			def: expect{status: 200, contains: []string{`data-testid="mine-waiting"`}, notContains: []string{testkit.NeedMembersTitle}},
			want: map[string]expect{"public": loginRedirect, "member": {status: 200, contains: []string{testkit.NeedMembersTitle}},
				"deputy": {status: 200, contains: []string{testkit.NeedMembersTitle, `data-testid="post-need"`}}, "rep": {status: 200, contains: []string{testkit.NeedMembersTitle}}}},
		{name: "coordinators' needs overview", method: "GET", url: fixed("/coordination/needs"), setup: withNeeds,
			def: expect{status: 403}, want: map[string]expect{"public": loginRedirect,
				"coordinator": {status: 200, contains: []string{`data-testid="needs-groups"`, testkit.NeedMembersTitle, `data-testid="needs-csv"`}, notContains: []string{testkit.RepEmail}}}},
		{name: "api needs", method: "GET", url: needAPI("needs"), setup: withNeeds,
			def:  expect{status: 200, contains: []string{testkit.NeedPublicTitle}, notContains: []string{testkit.NeedMembersTitle, `"reminded"`}},
			want: seen(200, []string{testkit.NeedPublicTitle, testkit.NeedMembersTitle, testkit.OfferTitle}, members...)},
		{name: "api responses", method: "GET", url: needAPI("responses"), setup: withNeedResponses,
			def:  expect{status: 200, contains: []string{`"totalItems":0`}},
			want: seen(200, []string{`"status":"offered"`, `"status":"accepted"`, `"status":"withdrawn"`}, "deputy", "rep", "coordinator")},
		{name: "api need contacts", method: "GET", url: needAPI("need_contacts"), setup: withNeeds,
			def:  expect{status: 200, contains: []string{`"totalItems":0`}},
			want: seen(200, []string{`"need":"` + testkit.NeedMembersID + `"`}, "deputy", "rep")},
		{name: "api: respond for one's organisation", method: "POST", url: fixed("/api/collections/responses/records"), setup: withNeeds,
			body: `{"need":"` + testkit.OfferPartnerID + `","organisation":"LISTED_ID","responder":"SELF","message":"x","status":"offered"}`,
			def:  expect{status: 400}, want: only(200, "member", "deputy", "rep")},
		{name: "api: respond already accepted", method: "POST", url: fixed("/api/collections/responses/records"), setup: withNeeds,
			body: `{"need":"` + testkit.OfferPartnerID + `","organisation":"LISTED_ID","responder":"SELF","message":"x","status":"accepted"}`,
			def:  expect{status: 400}},
		{name: "api: respond to one's own need", method: "POST", url: fixed("/api/collections/responses/records"), setup: withNeeds,
			body: `{"need":"` + testkit.NeedMembersID + `","organisation":"LISTED_ID","responder":"SELF","message":"x","status":"offered"}`,
			def:  expect{status: 400}},
		{name: "api: post a need", method: "POST", url: fixed("/api/collections/needs/records"), setup: withNeeds,
			body: `{"kind":"need","title":"x","category":"rooms","organisation":"LISTED_ID","created_by":"SELF","status":"open","valid_until":"2027-06-01 00:00:00.000Z"}`,
			def:  expect{status: 400}, want: only(200, "deputy", "rep")},
		{name: "api: mark a need done", method: "PATCH", url: fixed("/api/collections/needs/records/" + testkit.NeedMembersID), setup: withNeeds,
			body: `{"status":"done"}`, def: expect{status: 404}},
		{name: "api: edit a need", method: "PATCH", url: fixed("/api/collections/needs/records/" + testkit.NeedMembersID), setup: withNeeds,
			body: `{"title":"Neu"}`, def: expect{status: 404}, want: only(200, "deputy", "rep")},
		{name: "a matched need with a second offered response", method: "GET", url: fixed("/needs/" + testkit.NeedMatchedID), setup: withMoreNeeds,
			def: expect{status: 404, notContains: []string{testkit.NeedMatchedTitle}},
			want: map[string]expect{
				"member":      {status: 200, contains: []string{testkit.NeedMatchedTitle}, notContains: []string{`data-testid="response-decline"`, `data-testid="response-accept"`}},
				"coordinator": {status: 200, contains: []string{testkit.NeedMatchedTitle}, notContains: []string{`data-testid="response-decline"`, `data-testid="response-accept"`}},
				"deputy":      {status: 200, contains: []string{`data-testid="response-decline"`}, notContains: []string{`data-testid="response-accept"`}},
				"rep":         {status: 200, contains: []string{`data-testid="response-decline"`}, notContains: []string{`data-testid="response-accept"`}},
			}},
		{name: "needs board: the active entries by default", method: "GET", url: fixed("/needs"), setup: withMoreNeeds,
			def:  expect{status: 200, contains: []string{testkit.NeedPublicTitle}, notContains: []string{testkit.NeedGoneTitle, testkit.NeedMatchedTitle}},
			want: map[string]expect{"member": {status: 200, contains: []string{testkit.NeedMembersTitle}, notContains: []string{testkit.NeedGoneTitle, testkit.NeedMatchedTitle}}}},
		{name: "needs board: all entries", method: "GET", url: fixed("/needs?status=all"), setup: withMoreNeeds,
			def:  expect{status: 200, contains: []string{testkit.NeedPublicTitle, `value="all" selected`}, notContains: []string{testkit.NeedGoneTitle}},
			want: seen(200, []string{testkit.NeedMembersTitle, testkit.NeedGoneTitle, testkit.NeedMatchedTitle}, members...)},
		{name: "needs board: the withdrawn entries", method: "GET", url: fixed("/needs?status=withdrawn"), setup: withMoreNeeds,
			def:  expect{status: 200, contains: []string{`data-testid="need-count"`}, notContains: []string{testkit.NeedGoneTitle, testkit.NeedPublicTitle}},
			want: seen(200, []string{testkit.NeedGoneTitle}, members...)},
		{name: "api: set a need's matched_at", method: "PATCH", url: fixed("/api/collections/needs/records/" + testkit.NeedMembersID), setup: withNeeds,
			body: `{"matched_at":"` + stamp(0) + `"}`, def: expect{status: 404}},
		{name: "api: a need valid beyond a year", method: "PATCH", url: fixed("/api/collections/needs/records/" + testkit.NeedMembersID), setup: withNeeds,
			body: `{"valid_until":"` + stamp(400*24*time.Hour) + `"}`, def: expect{status: 404}},
		{name: "api: write a need's outcome", method: "PATCH", url: fixed("/api/collections/needs/records/" + testkit.NeedMembersID), setup: withNeeds,
			body: `{"outcome":"erledigt"}`, def: expect{status: 404}},
		{name: "api: accept a response", method: "PATCH", url: fixed("/api/collections/responses/records/" + fixedResponse), setup: withFixedResponse,
			body: `{"status":"accepted"}`, def: forbidden},
		{name: "api: change a response's message", method: "PATCH", url: fixed("/api/collections/responses/records/" + fixedResponse), setup: withFixedResponse,
			body: `{"message":"anders"}`, def: forbidden},
		{name: "api: delete a response", method: "DELETE", url: fixed("/api/collections/responses/records/" + fixedResponse), setup: withFixedResponse,
			def: forbidden},
		{name: "api: show oneself a contact row", method: "PATCH", url: fixed("/api/collections/need_contacts/records/" + fixedContact), setup: withFixedResponse,
			body: `{"shown_person":"SELF","shown_org":"LISTED_ID"}`, def: forbidden},
		{name: "api: delete a contact row", method: "DELETE", url: fixed("/api/collections/need_contacts/records/" + fixedContact), setup: withFixedResponse,
			def: forbidden},
		{name: "api: show oneself a contact", method: "POST", url: fixed("/api/collections/need_contacts/records"), setup: withNeeds,
			body: `{"need":"` + testkit.NeedMembersID + `","organisation":"LISTED_ID","person":"SELF","shown_person":"SELF"}`, def: expect{status: 403}},
	}
}
