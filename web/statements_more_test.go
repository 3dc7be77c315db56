package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestStatementAttachments: a PDF is kept and linked; a file of another type, or a PDF over
// 10 MB, is refused at the field with a clear message (422), nothing kept.
func TestStatementAttachments(t *testing.T) {
	k := testkit.New(t)
	k.Statement(t, "Anhang", "draft")
	s := newSite(t, k)
	upload := func(name string, data []byte) *httptest.ResponseRecorder {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		f, _ := w.CreateFormFile("attachment", name)
		_, _ = f.Write(data)
		_ = w.Close()
		req := httptest.NewRequest(http.MethodPost, "/statements/anhang/attachments", &b)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "komitee_session", Value: k.SessionID(t, k.Member)})
		req.AddCookie(&http.Cookie{Name: "komitee_lang", Value: "de"})
		rec := httptest.NewRecorder()
		s.mux.ServeHTTP(rec, req)
		return rec
	}
	if rec := upload("notiz.html", []byte("<html><script>alert(1)</script></html>")); rec.Code != 422 ||
		!strings.Contains(rec.Body.String(), "nur PDF oder Bilder bis 10 MB") || !strings.Contains(rec.Body.String(), `id="e-attachment"`) {
		t.Fatalf("an HTML file: %d", rec.Code)
	}
	big := append([]byte("%PDF-1.4\n"), make([]byte, 10<<20+1)...)
	if rec := upload("gross.pdf", big); rec.Code != 422 {
		t.Fatalf("a PDF over 10 MB: %d", rec.Code)
	}
	if rec := upload("forderung.pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")); rec.Code != http.StatusSeeOther {
		t.Fatalf("a PDF was refused: %d\n%s", rec.Code, rec.Body.String())
	}
	st, _ := committee.FindStatement(k.App, k.Member, "anhang")
	if len(st.Attachments()) != 1 {
		t.Fatalf("%d attachments kept, want 1", len(st.Attachments()))
	}
	s.cookies["komitee_session"] = k.SessionID(t, k.Member)
	file := "/statements/anhang/files/" + st.Attachments()[0]
	if body := s.get("/statements/anhang", 200); !strings.Contains(body, file) {
		t.Fatal("the attachment is not linked")
	}
	if body := s.get(file, 200); !strings.HasPrefix(body, "%PDF") {
		t.Fatal("the attachment is not served to a member")
	}
	// A draft's file is the members': not for the public, neither here nor through /api/files.
	public := newSite(t, k)
	if status, _, _ := public.do(http.MethodGet, file, nil); status != 404 {
		t.Fatalf("the public got a draft's file: %d", status)
	}
	if status, _, _ := public.do(http.MethodGet, "/api/files/statements/"+st.Id+"/"+st.Attachments()[0], nil); status != 404 {
		t.Fatalf("the public got a draft's file through /api/files: %d", status)
	}
	// Someone who may not edit cannot attach.
	s.cookies["komitee_session"] = k.SessionID(t, k.Rep)
	if status, _, _ := s.do(http.MethodPost, "/statements/anhang/attachments", url.Values{}); status != 403 {
		t.Fatalf("another member attached: %d", status)
	}
}

// TestStatementCoauthorsAndComments: a coordinator adds a co-author, who may then edit; a
// comment on the statement is reported and hidden with the topics' workflows, and its reason
// stays in its place; the topics' kept comment counts are not touched.
func TestStatementCoauthorsAndComments(t *testing.T) {
	k := testkit.New(t)
	k.Statement(t, "Gemeinsam schreiben", "discussion")
	page := "/statements/gemeinsam-schreiben"
	rep := signedIn(t, k, k.Rep)
	if status, _, _ := rep.do(http.MethodGet, page+"/edit", nil); status != 403 {
		t.Fatalf("a member who is not an author edits: %d", status)
	}
	coord := signedIn(t, k, k.Coordinator)
	coord.submit(page+"/coauthors", url.Values{"coauthor": {k.Rep.Id}})
	rep.get(page+"/edit", 200)
	rep.submit(page+"/edit", url.Values{"language": {"de"}, "title": {"Gemeinsam schreiben"}, "body": {"Neuer Text der Mitautorin."}})
	if status, _, body := coord.do(http.MethodPost, page+"/coauthors", url.Values{"coauthor": {"nosuchperson000"}}); status != 422 ||
		!strings.Contains(body, `id="e-coauthor"`) {
		t.Fatalf("an unknown co-author: %d", status)
	}

	topicComments := k.PublicTopic.GetInt("comments")
	member := signedIn(t, k, k.Member)
	member.submit(page+"/comments", url.Values{"body": {"Ein Einwand zum Absatz zwei."}})
	var id string
	_ = k.App.DB().Select("id").From("comments").Where(dbx.NewExp("statement != ''")).Row(&id)
	rep.submit(page+"/comments", url.Values{"body": {"Eine Antwort."}, "parent": {id}})
	rep.submit(page+"/comments/"+id+"/report", url.Values{"reason": {"unsachlich"}})
	if status, _, body := coord.do(http.MethodPost, page+"/comments/"+id+"/hide", url.Values{"reason": {""}}); status != 422 ||
		!strings.Contains(body, `id="e-hide-`+id+`"`) {
		t.Fatalf("hiding without a reason: %d", status)
	}
	coord.submit(page+"/comments/"+id+"/hide", url.Values{"reason": {"Bitte sachlich bleiben."}})
	body := member.get(page, 200)
	if strings.Contains(body, "Ein Einwand zum Absatz zwei.") || !strings.Contains(body, "Bitte sachlich bleiben.") || !strings.Contains(body, "Eine Antwort.") {
		t.Fatal("the hidden comment shows, or its reason or the reply is missing")
	}
	if fresh, _ := k.App.FindRecordById("topics", k.PublicTopic.Id); fresh.GetInt("comments") != topicComments {
		t.Fatal("a statement's comment changed a topic's count")
	}
	// A comment with both a topic and a statement (or neither) is refused.
	coll, _ := k.App.FindCollectionByNameOrId("comments")
	for _, f := range []map[string]any{{"topic": k.PublicTopic.Id, "statement": "x"}, {}} {
		rec := newRecord(coll, f)
		rec.Set("author", k.Member.Id)
		rec.Set("body", "x")
		if f["statement"] == "x" {
			st, _ := committee.FindStatement(k.App, k.Member, "gemeinsam-schreiben")
			rec.Set("statement", st.Id)
		}
		if err := k.App.Save(rec); err == nil {
			t.Fatalf("a comment with %v was saved", f)
		}
	}
}

// TestStatementChangeMailFails: when the mails asking the signers again fail, the new version
// is kept and the page says how many did not go out.
func TestStatementChangeMailFails(t *testing.T) {
	k := testkit.New(t)
	st := k.Statement(t, "Pannen", "signing")
	k.Record(t, "signatures", map[string]any{"statement": st.Id, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 1, "decision": "sign"})
	k.FailMail(t)
	coord := signedIn(t, k, k.Coordinator)
	status, loc, _ := coord.do(http.MethodPost, "/statements/pannen/edit", url.Values{"language": {"de"}, "title": {"Pannen"}, "body": {"Geändert."},
		"deadline_date": {committee.LocalDate(time.Now().Add(7 * 24 * time.Hour))}})
	if status != http.StatusSeeOther {
		t.Fatalf("status %d", status)
	}
	_, body := coord.followed(status, loc, "")
	if !strings.Contains(body, "Mails an die Organisationen gingen nicht hinaus") && !strings.Contains(body, "Mail an die Organisationen ging nicht hinaus") {
		t.Fatal("the page does not say that mails failed")
	}
	if fresh, _ := k.App.FindRecordById("statements", st.Id); fresh.GetInt("round") != 2 {
		t.Fatal("the change was lost")
	}
}

// TestLatestStatementsOnHome: the home page's section lists the newest published statement,
// also for visitors (the cached page is emptied when a statement changes).
func TestLatestStatementsOnHome(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	if body := s.get("/", 200); strings.Contains(body, `data-testid="latest-statements"`) {
		t.Fatal("a section without statements")
	}
	k.Statement(t, "Neu veröffentlicht", "published")
	if body := s.get("/", 200); !strings.Contains(body, `data-testid="latest-statements"`) || !strings.Contains(body, "Neu veröffentlicht") {
		t.Fatal("the home page lacks the published statement")
	}
	k.Statement(t, "Noch im Entwurf", "draft")
	if body := s.get("/sitemap.xml", 200); !strings.Contains(body, "/statements/neu-veroeffentlicht?lang=de</loc>") ||
		strings.Contains(body, "noch-im-entwurf") {
		t.Fatalf("the sitemap should list the published statement and not the draft (%d bytes)", len(body))
	}
}

func newRecord(coll *core.Collection, fields map[string]any) *core.Record {
	rec := core.NewRecord(coll)
	for k, v := range fields {
		if k != "statement" {
			rec.Set(k, v)
		}
	}
	return rec
}

// TestWithdrawThroughAPI: the deputy withdraws the organisation's signature through /api/; the
// row stays (dated), the count drops, and the representative may answer again.
func TestWithdrawThroughAPI(t *testing.T) {
	k := testkit.New(t)
	st := k.Statement(t, "Zurück", "signing")
	sig := k.Record(t, "signatures", map[string]any{"statement": st.Id, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 1, "decision": "sign"})
	s := newSite(t, k)
	if status, _, body := s.sendJSON(http.MethodPatch, "/api/collections/signatures/records/"+sig.Id, strings.NewReader(`{"decision":"decline"}`), k.Token(t, k.Deputy)); status == 200 {
		t.Fatalf("the answer was changed through /api/ instead of withdrawn: %s", body)
	}
	if status, _, body := s.sendJSON(http.MethodPatch, "/api/collections/signatures/records/"+sig.Id, strings.NewReader(`{"withdrawn":true}`), k.Token(t, k.Member)); status == 200 {
		t.Fatalf("a plain member withdrew: %s", body)
	}
	if status, _, body := s.sendJSON(http.MethodPatch, "/api/collections/signatures/records/"+sig.Id, strings.NewReader(`{"withdrawn":true}`), k.Token(t, k.Deputy)); status != 200 {
		t.Fatalf("withdrawing: %d %s", status, body)
	}
	fresh, _ := k.App.FindRecordById("signatures", sig.Id)
	stFresh, _ := k.App.FindRecordById("statements", st.Id)
	if !fresh.GetBool("withdrawn") || fresh.GetDateTime("withdrawn_at").IsZero() || stFresh.GetInt("signed") != 0 {
		t.Fatalf("withdrawn %v at %v, signed %d", fresh.GetBool("withdrawn"), fresh.GetDateTime("withdrawn_at"), stFresh.GetInt("signed"))
	}
	rep := signedIn(t, k, k.Rep)
	rep.submit("/statements/zurueck/sign", url.Values{"organisation": {k.Listed.Id}, "decision": {"sign"}})
}

// TestStatementLinks: the draft form offers the topics and meetings the author may see; the
// ticked ones are linked from the statement's page, and unticking removes them.
func TestStatementLinks(t *testing.T) {
	k := testkit.New(t)
	member := signedIn(t, k, k.Member)
	if body := member.get("/statements/new", 200); !strings.Contains(body, `value="`+k.PublicTopic.Id+`"`) ||
		!strings.Contains(body, `value="`+k.PublicMeeting.Id+`"`) {
		t.Fatal("the form offers no topics or meetings")
	}
	member.submit("/statements/new", url.Values{"language": {"de"}, "title": {"Verknüpft"}, "body": {"Text"}, "links": {"1"},
		"topics": {k.PublicTopic.Id}, "meetings": {k.PublicMeeting.Id}})
	body := member.get("/statements/verknuepft", 200)
	if !strings.Contains(body, `href="/topics/`+k.PublicTopic.Id+`"`) || !strings.Contains(body, `href="/meetings/`+k.PublicMeeting.Id+`"`) {
		t.Fatal("the statement does not link its topic and meeting")
	}
	if body := member.get("/statements/verknuepft/edit", 200); !strings.Contains(body, `value="`+k.PublicTopic.Id+`" checked`) {
		t.Fatal("the edit form forgets the linked topic")
	}
	member.submit("/statements/verknuepft/edit", url.Values{"language": {"de"}, "title": {"Verknüpft"}, "body": {"Text 2"}, "links": {"1"}})
	if body := member.get("/statements/verknuepft", 200); strings.Contains(body, `href="/topics/`+k.PublicTopic.Id+`"`) {
		t.Fatal("unticking kept the link")
	}
}

// TestStatementListInReadersLanguage: the list names a statement in the reader's language where
// a version exists, else in the original's.
func TestStatementListInReadersLanguage(t *testing.T) {
	k := testkit.New(t)
	k.Statement(t, "Zweisprachig", "published")
	s := newSite(t, k)
	if body := s.get("/statements?lang=en", 200); !strings.Contains(body, "Zweisprachig (EN)") || !strings.Contains(body, "Short: Zweisprachig") {
		t.Fatal("the English reader gets the German title")
	}
	if body := s.get("/statements?lang=ar", 200); !strings.Contains(body, ">Zweisprachig<") {
		t.Fatal("without an Arabic version the list does not fall back to the original")
	}
}

// TestNewDeadlineAfterTheOldOne: once the deadline has passed the coordinator may set a new
// one (the answers given stay), and the organisations that have not answered may then sign.
func TestNewDeadlineAfterTheOldOne(t *testing.T) {
	k := testkit.New(t)
	k.Statement(t, "Verlängert", "signing")
	coord := signedIn(t, k, k.Coordinator)
	if body := coord.get("/statements/verlaengert", 200); strings.Contains(body, `data-testid="open-signing"`) {
		t.Fatal("a new deadline is offered before the old one passed")
	}
	restore := committee.SetClock(committee.Offset(6 * 24 * time.Hour))
	defer restore()
	rep := signedIn(t, k, k.Rep)
	if body := rep.get("/statements/verlaengert", 200); strings.Contains(body, `data-testid="sign-form"`) {
		t.Fatal("signing is offered after the deadline")
	}
	if body := coord.get("/statements/verlaengert", 200); !strings.Contains(body, `data-testid="open-signing"`) {
		t.Fatal("no new deadline offered after the old one passed")
	}
	// The form's date is the wall date of the moved clock plus a day (real time plus seven days).
	coord.submit("/statements/verlaengert/status", url.Values{"action": {"signing"},
		"deadline_date": {committee.LocalDate(time.Now().Add(8 * 24 * time.Hour))}, "deadline_time": {"18:00"}})
	st, _ := committee.FindStatement(k.App, k.Coordinator, "verlaengert")
	if st.Round() != 1 || st.Status() != "signing" {
		t.Fatalf("round %d status %s after the new deadline", st.Round(), st.Status())
	}
	rep.submit("/statements/verlaengert/sign", url.Values{"organisation": {k.Listed.Id}, "decision": {"sign"}})
}
