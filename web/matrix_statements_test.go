package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/internal/testkit"
)

func init() { matrixParts = append(matrixParts, statementsMatrix) }

// Statement fixtures of the matrix (withStatements): a draft, one in signing (with Listed's
// withdrawn signature, so Listed may answer again and nothing is counted) and a published one
// signed by Listed.
const (
	draftStatement     = "draftstatement1"
	signingStatement   = "signingstatemen"
	publishedStatement = "publishedstatem"
	draftTitle         = "DRAFT-STATEMENT"
	signingTitle       = "SIGNING-STATEMENT"
	publishedTitle     = "PUBLISHED-STATEMENT"
	publicSignature    = "PUBLIC-SIGNATURE"
	withdrawnSignature = "WITHDRAWN-SIGNATURE"
)

func withStatements(t testing.TB, k *testkit.Kit) {
	now := time.Now().UTC()
	for _, s := range []struct{ id, slug, title, status string }{
		{draftStatement, "entwurf", draftTitle, "draft"},
		{signingStatement, "unterzeichnung", signingTitle, "signing"},
		{publishedStatement, "veroeffentlicht", publishedTitle, "published"},
	} {
		f := map[string]any{"id": s.id, "slug": s.slug, "title": s.title, "language": "de", "status": s.status, "author": k.Member.Id}
		switch s.status {
		case "signing":
			f["round"], f["deadline"] = 1, now.Add(5*24*time.Hour)
		case "published":
			f["round"], f["deadline"], f["published"] = 1, now.Add(-24*time.Hour), now
		}
		k.Record(t, "statements", f)
		k.Record(t, "statement_versions", map[string]any{"statement": s.id, "language": "de", "original": true, "title": s.title,
			"body": s.title + "-BODY", "number": 1, "author": k.Member.Id})
	}
	k.Record(t, "signatures", map[string]any{"statement": signingStatement, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 1,
		"decision": "sign", "comment": withdrawnSignature, "withdrawn": true, "withdrawn_at": now})
	k.Record(t, "signatures", map[string]any{"statement": publishedStatement, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 1,
		"decision": "sign", "comment": publicSignature})
}

func statementsMatrix() []row {
	loginRedirect := expect{status: http.StatusSeeOther, location: "/login"}
	path := func(p string) func(*testkit.Kit) string { return func(*testkit.Kit) string { return p } }
	api := func(coll string) func(*testkit.Kit) string {
		return func(*testkit.Kit) string { return "/api/collections/" + coll + "/records?perPage=200" }
	}
	members := []string{"member", "deputy", "rep", "coordinator"}
	merge := func(ms ...map[string]expect) map[string]expect {
		out := map[string]expect{}
		for _, m := range ms {
			for k, v := range m {
				out[k] = v
			}
		}
		return out
	}
	return []row{
		{name: "statements list", method: "GET", url: path("/statements"), setup: withStatements,
			def:  expect{status: 200, contains: []string{publishedTitle}, notContains: []string{draftTitle, signingTitle}},
			want: seen(200, []string{publishedTitle, draftTitle, signingTitle}, members...)},
		{name: "draft statement (members only)", method: "GET", url: path("/statements/entwurf"), setup: withStatements,
			def: expect{status: 404, notContains: []string{draftTitle}}, want: seen(200, []string{draftTitle + "-BODY"}, members...)},
		{name: "statement in signing: who may sign", method: "GET", url: path("/statements/unterzeichnung"), setup: withStatements,
			def: expect{status: 404, notContains: []string{signingTitle}},
			want: merge(seen(200, []string{signingTitle, `data-signed="0"`}, "member", "coordinator"),
				seen(200, []string{`data-testid="sign-form"`, `data-testid="history-withdrawn"`, `data-signed="0"`}, "deputy", "rep"),
				map[string]expect{"member": {status: 200, contains: []string{signingTitle}, notContains: []string{`data-testid="sign-form"`}},
					"coordinator": {status: 200, contains: []string{`data-testid="publish"`}, notContains: []string{`data-testid="sign-form"`}}})},
		{name: "published statement", method: "GET", url: path("/statements/veroeffentlicht"), setup: withStatements,
			def: expect{status: 200, contains: []string{publishedTitle + "-BODY", `data-signed="1"`, `data-testid="signatories-msos"`,
				publicSignature, `property="og:title"`, `data-testid="versions"`}, notContains: []string{`data-testid="sign-form"`}},
			want: merge(seen(200, []string{publishedTitle + "-BODY", `data-testid="versions"`}, "member", "deputy", "rep"),
				seen(200, []string{`data-testid="withdraw-statement"`}, "coordinator"))},
		{name: "sign for an organisation", method: "POST", url: path("/statements/unterzeichnung/sign"), setup: withStatements,
			body: "organisation=LISTED_ID&decision=sign", def: expect{status: 404},
			want: merge(map[string]expect{"public": {status: 403}}, only(303, "deputy", "rep"), only(403, "member", "coordinator"))},
		{name: "publish a statement", method: "POST", url: path("/statements/unterzeichnung/status"), setup: withStatements,
			body: "action=publish", def: expect{status: 404},
			want: merge(map[string]expect{"public": {status: 403}}, only(403, "member", "deputy", "rep"),
				map[string]expect{"coordinator": {status: 422, contains: []string{`data-testid="publish-error"`}}})},
		{name: "draft a statement (form)", method: "GET", url: path("/statements/new"),
			def:  expect{status: 403},
			want: merge(map[string]expect{"public": loginRedirect}, seen(200, []string{`action="/statements/new"`}, members...))},
		{name: "api statements", method: "GET", url: api("statements"), setup: withStatements,
			def:  expect{status: 200, contains: []string{publishedTitle}, notContains: []string{draftTitle, signingTitle}},
			want: seen(200, []string{publishedTitle, draftTitle, signingTitle}, members...)},
		{name: "api statement versions", method: "GET", url: api("statement_versions"), setup: withStatements,
			def:  expect{status: 200, contains: []string{publishedTitle + "-BODY"}, notContains: []string{draftTitle + "-BODY"}},
			want: seen(200, []string{draftTitle + "-BODY"}, members...)},
		{name: "api signatures (withdrawn ones members only)", method: "GET", url: api("signatures"), setup: withStatements,
			def:  expect{status: 200, contains: []string{publicSignature}, notContains: []string{withdrawnSignature}},
			want: seen(200, []string{publicSignature, withdrawnSignature}, members...)},
		{name: "api: sign for an organisation", method: "POST", url: path("/api/collections/signatures/records"), setup: withStatements,
			body: `{"statement":"` + signingStatement + `","organisation":"LISTED_ID","signer":"SELF","round":1,"decision":"sign"}`,
			def:  expect{status: 400}, want: only(200, "deputy", "rep")},
		{name: "api: sign a published statement", method: "POST", url: path("/api/collections/signatures/records"), setup: withStatements,
			body: `{"statement":"` + publishedStatement + `","organisation":"LISTED_ID","signer":"SELF","round":1,"decision":"decline"}`,
			def:  expect{status: 400}},
		{name: "api: draft a statement (pages only)", method: "POST", url: path("/api/collections/statements/records"),
			body: `{"slug":"x","title":"x","language":"de","status":"published"}`, def: expect{status: 403}},
		{name: "api: comment on a draft statement", method: "GET", url: api("comments"), setup: withStatementComment,
			def:  expect{status: 200, notContains: []string{"DRAFT-COMMENT"}},
			want: seen(200, []string{"DRAFT-COMMENT"}, members...)},
	}
}

// withStatementComment adds a member's comment on the draft statement.
func withStatementComment(t testing.TB, k *testkit.Kit) {
	withStatements(t, k)
	k.Record(t, "comments", map[string]any{"statement": draftStatement, "author": k.Member.Id, "body": "DRAFT-COMMENT"})
}

// Review rows: what stays the members' once a statement is published, and the /api/ writes
// the signing workflow refuses.
func init() { matrixParts = append(matrixParts, statementsReviewMatrix) }

const (
	expiredStatement   = "expiredstatemen"
	standingSignature  = "standingsignatu"
	otherOrgSignature  = "otherorgsignatu"
	otherSigner        = "othersigner0001"
	publishedComment   = "PUBLISHED-COMMENT"
	currentRoundSigned = "CURRENT-ROUND-SIGNATURE"
)

// withPublishedComment: a member's comment from the discussion of the published statement.
func withPublishedComment(t testing.TB, k *testkit.Kit) {
	withStatements(t, k)
	k.Record(t, "comments", map[string]any{"statement": publishedStatement, "author": k.Member.Id, "body": publishedComment})
}

// withEarlierRound: the published statement's text changed during signing; Listed's signature
// of round 1 is history, its answer of round 2 stands.
func withEarlierRound(t testing.TB, k *testkit.Kit) {
	withStatements(t, k)
	st, err := k.App.FindRecordById("statements", publishedStatement)
	if err != nil {
		t.Fatal(err)
	}
	st.Set("round", 2)
	if err := k.App.Save(st); err != nil {
		t.Fatal(err)
	}
	k.Record(t, "signatures", map[string]any{"statement": publishedStatement, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 2,
		"decision": "sign", "comment": currentRoundSigned})
}

// withSigningWrites: a statement whose deadline has passed (still signing), Listed's standing
// answer to the one in signing, another organisation's answer, and a person who is nobody's signer.
func withSigningWrites(t testing.TB, k *testkit.Kit) {
	withStatements(t, k)
	k.Record(t, "statements", map[string]any{"id": expiredStatement, "slug": "abgelaufen", "title": "EXPIRED", "language": "de",
		"status": "signing", "author": k.Member.Id, "round": 1, "deadline": time.Now().Add(-time.Hour).UTC()})
	k.Record(t, "signatures", map[string]any{"id": standingSignature, "statement": signingStatement, "organisation": k.Listed.Id,
		"signer": k.Rep.Id, "round": 1, "decision": "sign"})
	other := k.SigningOrganisation(t, "Andere Organisation", "welfare", "partner", k.NewPerson(t, "Olga Andere", "olga-andere@example.org", "de"))
	k.Record(t, "signatures", map[string]any{"id": otherOrgSignature, "statement": signingStatement, "organisation": other.Id,
		"round": 1, "decision": "sign"})
	users, err := k.App.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(users)
	u.Id = otherSigner
	u.Set("email", "other-signer@example.org")
	u.Set("name", "Otto Fremd")
	u.SetPassword("other-signer-123456")
	u.SetVerified(true)
	if err := k.App.Save(u); err != nil {
		t.Fatal(err)
	}
}

// withInactiveListed: Listed is no longer a member organisation (its managers stay).
func withInactiveListed(t testing.TB, k *testkit.Kit) {
	withStatements(t, k)
	if _, err := k.App.DB().Update("organisations", dbx.Params{"status": "inactive"}, dbx.HashExp{"id": k.Listed.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
}

func statementsReviewMatrix() []row {
	path := func(p string) func(*testkit.Kit) string { return func(*testkit.Kit) string { return p } }
	members := []string{"member", "deputy", "rep", "coordinator"}
	signURL := path("/api/collections/signatures/records")
	patch := func(id string) func(*testkit.Kit) string { return path("/api/collections/signatures/records/" + id) }
	answer := func(statement, signer string) string {
		return `{"statement":"` + statement + `","organisation":"LISTED_ID","signer":"` + signer + `","round":1,"decision":"sign"}`
	}
	return []row{
		{name: "statements list: the status filter for those who see unpublished ones", method: "GET", url: path("/statements"),
			setup: withStatements,
			def:   expect{status: 200, contains: []string{publishedTitle}, notContains: []string{`name="status"`}},
			want:  seen(200, []string{`name="status"`, draftTitle}, members...)},
		{name: "published statement: the discussion stays the members'", method: "GET", url: path("/statements/veroeffentlicht"),
			setup: withPublishedComment,
			def: expect{status: 200, contains: []string{publishedTitle + "-BODY", `data-testid="versions"`},
				notContains: []string{publishedComment, `id="comments"`, `data-testid="signature-history"`}},
			want: seen(200, []string{publishedComment, `data-testid="signature-history"`, `data-testid="versions"`}, members...)},
		{name: "api comments of a published statement (filter, expand)", method: "GET",
			url:   path(`/api/collections/comments/records?perPage=200&filter=` + url.QueryEscape(`statement="`+publishedStatement+`"`) + `&expand=statement`),
			setup: withPublishedComment,
			def:   expect{status: 200, contains: []string{`"items":[]`}, notContains: []string{publishedComment, publishedTitle}},
			want:  seen(200, []string{publishedComment, publishedTitle}, members...)},
		{name: "api comments, every one expanded", method: "GET", url: path(`/api/collections/comments/records?perPage=200&expand=statement`),
			setup: withPublishedComment,
			def:   expect{status: 200, contains: []string{`"items":[`}, notContains: []string{publishedComment, "DRAFT-COMMENT"}},
			want:  seen(200, []string{publishedComment}, members...)},
		{name: "published statement: earlier rounds' answers are the members' history", method: "GET", url: path("/statements/veroeffentlicht"),
			setup: withEarlierRound,
			def:   expect{status: 200, contains: []string{currentRoundSigned}, notContains: []string{publicSignature, `data-testid="history-row"`}},
			want:  seen(200, []string{currentRoundSigned, `data-testid="history-row"`}, members...)},
		{name: "api signatures: earlier rounds are the members'", method: "GET", url: path("/api/collections/signatures/records?perPage=200"),
			setup: withEarlierRound,
			def:   expect{status: 200, contains: []string{currentRoundSigned}, notContains: []string{publicSignature}},
			want:  seen(200, []string{currentRoundSigned, publicSignature}, members...)},
		{name: "api signatures of the published statement (filter, expand)", method: "GET",
			url:   path(`/api/collections/signatures/records?perPage=200&filter=` + url.QueryEscape(`statement="`+publishedStatement+`"`) + `&expand=statement`),
			setup: withEarlierRound,
			def:   expect{status: 200, contains: []string{currentRoundSigned}, notContains: []string{publicSignature}},
			want:  seen(200, []string{currentRoundSigned, publicSignature}, members...)},
		{name: "api versions of a published statement", method: "GET",
			url:   path(`/api/collections/statement_versions/records?perPage=200&filter=` + url.QueryEscape(`statement="`+publishedStatement+`"`)),
			setup: withStatements,
			def:   expect{status: 200, contains: []string{publishedTitle + "-BODY"}, notContains: []string{draftTitle}}},
		{name: "api: sign after the deadline", method: "POST", url: signURL, setup: withSigningWrites,
			body: answer(expiredStatement, "SELF"), def: expect{status: 400}},
		{name: "api: sign for an organisation no longer a member", method: "POST", url: signURL, setup: withInactiveListed,
			body: answer(signingStatement, "SELF"), def: expect{status: 400}},
		{name: "api: sign in another person's name", method: "POST", url: signURL, setup: withSigningWrites,
			body: `{"statement":"` + signingStatement + `","organisation":"LISTED_ID","signer":"` + otherSigner + `","round":1,"decision":"decline"}`,
			def:  expect{status: 400}},
		{name: "api: withdraw with a forged date", method: "PATCH", url: patch(standingSignature), setup: withSigningWrites,
			body: `{"withdrawn":true,"withdrawn_at":"2020-01-01 00:00:00.000Z"}`, def: expect{status: 404}},
		{name: "api: withdraw and change the comment", method: "PATCH", url: patch(standingSignature), setup: withSigningWrites,
			body: `{"withdrawn":true,"comment":"geändert"}`, def: expect{status: 404}},
		{name: "api: withdraw and move to another round", method: "PATCH", url: patch(standingSignature), setup: withSigningWrites,
			body: `{"withdrawn":true,"round":2}`, def: expect{status: 404}},
		{name: "api: withdraw the organisation's answer", method: "PATCH", url: patch(standingSignature), setup: withSigningWrites,
			body: `{"withdrawn":true}`, def: expect{status: 404}, want: seen(200, []string{`"withdrawn":true`}, "deputy", "rep")},
		{name: "api: withdraw another organisation's answer", method: "PATCH", url: patch(otherOrgSignature), setup: withSigningWrites,
			body: `{"withdrawn":true}`, def: expect{status: 404}},
	}
}
