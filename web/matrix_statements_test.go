package web_test

import (
	"net/http"
	"testing"
	"time"

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
				publicSignature, `property="og:title"`}, notContains: []string{`data-testid="sign-form"`, `data-testid="versions"`}},
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
