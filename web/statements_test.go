package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/pocketbase/dbx"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestStatementJourney: drafting with bad input (message at the field, input kept), an English
// version, a comment, a second version and its word diff; signing opened (not with a deadline
// in the past), an answer, a withdrawal kept in the history and not counted, a text change
// that starts a new round and mails the signer; publishing only after the deadline; the public
// page in German and English with its signatories and sharing tags; withdrawal with a reason.
func TestStatementJourney(t *testing.T) {
	k := testkit.New(t)
	member := signedIn(t, k, k.Member)
	status, _, body := member.do(http.MethodPost, "/statements/new", url.Values{"language": {"de"}, "title": {"Mehr Sprachkurse"}, "body": {""}})
	if status != 422 || !strings.Contains(body, `id="e-body"`) || !strings.Contains(body, `value="Mehr Sprachkurse"`) ||
		!strings.Contains(body, "Bitte") {
		t.Fatalf("empty body: %d, want 422 with the message at the field and the title kept", status)
	}
	loc := member.submit("/statements/new", url.Values{"language": {"de"}, "title": {"Mehr Sprachkurse"},
		"summary": {"Kurse für alle"}, "body": {"Wir fordern mehr Sprachkurse im Landkreis."}})
	if loc != "/statements/mehr-sprachkurse" {
		t.Fatalf("went to %s", loc)
	}
	page := loc
	member.submit(page+"/edit", url.Values{"language": {"en"}, "title": {"More language courses"}, "summary": {"Courses for all"},
		"body": {"We call for more language courses in the district."}, "reviewed": {"on"}})
	rep := signedIn(t, k, k.Rep)
	rep.submit(page+"/comments", url.Values{"body": {"Bitte auch Abendkurse nennen."}})
	member.submit(page+"/edit", url.Values{"language": {"de"}, "title": {"Mehr Sprachkurse"}, "summary": {"Kurse für alle"},
		"body": {"Wir fordern mehr Sprachkurse und Abendkurse im Landkreis."}})
	body = member.get(page, 200)
	if !strings.Contains(body, "Bitte auch Abendkurse nennen.") || !strings.Contains(body, `data-testid="versions"`) {
		t.Fatal("the comment or the versions are missing")
	}
	diff := member.get(page+"/diff", 200)
	if !strings.Contains(diff, "<ins>und</ins>") && !strings.Contains(diff, "<ins>und Abendkurse") {
		t.Fatalf("the diff does not show the added words:\n%s", diff[strings.Index(diff, `data-testid="diff"`):])
	}
	if strings.Contains(diff, "<del>Wir") {
		t.Fatal("unchanged words are marked as removed")
	}
	if body := member.get(page+"/compare?a=de&b=en", 200); !strings.Contains(body, "More language courses") || !strings.Contains(body, "Abendkurse") {
		t.Fatal("the two languages are not side by side")
	}

	coord := signedIn(t, k, k.Coordinator)
	yesterday := committee.LocalDate(time.Now().Add(-24 * time.Hour))
	status, _, body = coord.do(http.MethodPost, page+"/status", url.Values{"action": {"signing"}, "deadline_date": {yesterday}, "deadline_time": {"18:00"}})
	if status != 422 || !strings.Contains(body, "Die Frist muss in der Zukunft liegen.") || !strings.Contains(body, `value="`+yesterday+`"`) {
		t.Fatalf("a past deadline: %d", status)
	}
	deadline := committee.LocalDate(time.Now().Add(5 * 24 * time.Hour))
	coord.submit(page+"/status", url.Values{"action": {"signing"}, "deadline_date": {deadline}, "deadline_time": {"18:00"}})
	if body := member.get(page, 200); strings.Contains(body, `data-testid="edit-statement"`) || strings.Contains(body, `data-testid="sign-form"`) {
		t.Fatal("during signing the author still edits, or a plain member may sign")
	}
	if body := rep.get(page, 200); !strings.Contains(body, `data-testid="sign-form"`) {
		t.Fatal("the representative gets no signing form")
	}
	rep.submit(page+"/sign", url.Values{"organisation": {k.Listed.Id}, "decision": {"sign"}, "comment": {"Gern"}})
	deputy := signedIn(t, k, k.Deputy)
	status, _, body = deputy.do(http.MethodPost, page+"/sign", url.Values{"organisation": {k.Listed.Id}, "decision": {"sign"}})
	if status != 422 || !strings.Contains(body, "schon geantwortet") {
		t.Fatalf("a second answer for the organisation: %d", status)
	}
	st, _ := committee.FindStatement(k.App, nil, "mehr-sprachkurse")
	if st != nil {
		t.Fatal("the public sees a statement in signing")
	}
	st, _ = committee.FindStatement(k.App, k.Coordinator, "mehr-sprachkurse")
	if st.Signed() != 1 {
		t.Fatalf("signed %d, want 1", st.Signed())
	}
	var sigID string
	_ = k.App.DB().Select("id").From("signatures").Where(dbx.HashExp{"statement": st.Id}).Row(&sigID)
	rep.submit(page+"/signatures/"+sigID+"/withdraw", url.Values{})
	body = member.get(page, 200)
	if !strings.Contains(body, `data-testid="history-withdrawn"`) || !strings.Contains(body, "0 von 1 Organisation hat unterzeichnet") {
		t.Fatal("the withdrawal is not in the history, or still counted")
	}
	deputy.submit(page+"/sign", url.Values{"organisation": {k.Listed.Id}, "decision": {"sign"}})

	// A change of the text during signing starts round 2 and asks the signers again.
	// The change needs a new deadline in the future (the old one may be hours away).
	change := url.Values{"language": {"de"}, "title": {"Mehr Sprachkurse"}, "summary": {"Kurse für alle"},
		"body": {"Wir fordern mehr Sprachkurse und Abendkurse im ganzen Landkreis."}}
	if body := coord.get(page+"/edit", 200); !strings.Contains(body, `name="deadline_date"`) {
		t.Fatal("the form during signing asks for no new deadline")
	}
	status, _, body = coord.do(http.MethodPost, page+"/edit", change)
	if status != 422 || !strings.Contains(body, `<p class="field-error" id="e-deadline" aria-live="polite">Bitte`) ||
		!strings.Contains(body, "im ganzen Landkreis.</textarea>") {
		t.Fatalf("a change during signing without a new deadline: %d, want 422 with the message at the field and the text kept", status)
	}
	change.Set("deadline_date", yesterday)
	if status, _, body = coord.do(http.MethodPost, page+"/edit", change); status != 422 || !strings.Contains(body, "Die Frist muss in der Zukunft liegen.") {
		t.Fatalf("a change with a past deadline: %d", status)
	}
	k.App.TestMailer.Reset()
	later := committee.LocalDate(time.Now().Add(5*24*time.Hour + time.Hour))
	change.Set("deadline_date", later)
	coord.submit(page+"/edit", change)
	st, _ = committee.FindStatement(k.App, k.Coordinator, "mehr-sprachkurse")
	if st.Round() != 2 || st.Signed() != 0 || committee.LocalDate(st.Deadline()) != later {
		t.Fatalf("round %d signed %d deadline %v after the change, want 2, 0 and %s", st.Round(), st.Signed(), st.Deadline(), later)
	}
	asked := false
	for _, m := range k.App.TestMailer.Messages() {
		if strings.Contains(m.Subject, "erneut unterzeichnen") || strings.Contains(m.Subject, "sign again") {
			asked = true
		}
	}
	if !asked {
		t.Fatal("the organisation that signed was not asked again")
	}
	rep.submit(page+"/sign", url.Values{"organisation": {k.Listed.Id}, "decision": {"sign"}, "comment": {"Gern"}})

	status, _, body = coord.do(http.MethodPost, page+"/status", url.Values{"action": {"publish"}})
	if status != 422 || !strings.Contains(body, "erst nach Ablauf der Frist") {
		t.Fatalf("publishing before the deadline: %d", status)
	}
	restore := committee.SetClock(committee.Offset(6 * 24 * time.Hour))
	coord.submit(page+"/status", url.Values{"action": {"publish"}})
	restore()

	public := newSite(t, k)
	body = public.get(page, 200)
	for _, want := range []string{"Wir fordern mehr Sprachkurse und Abendkurse im ganzen Landkreis.", `data-testid="signatories-msos"`,
		"Verein der Vielfalt", `property="og:title"`, `name="twitter:card"`, "1 von 1 Organisation hat unterzeichnet"} {
		if !strings.Contains(body, want) {
			t.Fatalf("the public page lacks %q", want)
		}
	}
	// The published text's versions are public (the versions rule); the members' discussion is not.
	if !strings.Contains(body, `data-testid="versions"`) || strings.Contains(body, "Bitte auch Abendkurse") ||
		strings.Contains(body, `id="comments"`) || strings.Contains(body, `data-testid="signature-history"`) {
		t.Fatal("the public page lacks the versions, or shows the members' discussion or the signing history")
	}
	if !strings.Contains(body, `property="og:locale" content="de_DE"`) {
		t.Fatal("og:locale is not language_TERRITORY")
	}
	if body := member.get(page, 200); !strings.Contains(body, "Bitte auch Abendkurse") || !strings.Contains(body, `data-testid="signature-history"`) {
		t.Fatal("the members lose the discussion or the history once published")
	}
	if body := public.get(page+"?lang=en", 200); !strings.Contains(body, "We call for more language courses") || !strings.Contains(body, `data-testid="text-de"`) {
		t.Fatal("?lang=en does not show the English version with the original a click away")
	}
	if body := public.get("/statements", 200); !strings.Contains(body, "More language courses") && !strings.Contains(body, "Mehr Sprachkurse") {
		t.Fatal("the list lacks the published statement")
	}

	status, _, body = coord.do(http.MethodPost, page+"/status", url.Values{"action": {"withdraw"}, "reason": {""}})
	if status != 422 || !strings.Contains(body, `id="e-withdraw-reason"`) {
		t.Fatalf("withdrawing without a reason: %d", status)
	}
	coord.submit(page+"/status", url.Values{"action": {"withdraw"}, "reason": {"Überholt"}})
	public.cookies = map[string]string{"komitee_lang": "de"}
	if body := public.get(page, 200); !strings.Contains(body, `data-testid="statement-withdrawn"`) || !strings.Contains(body, "Überholt") {
		t.Fatal("a withdrawn statement is not marked so")
	}
}

// TestParallelSignatures: the representative (through the page) and the deputy (through
// /api/) of one organisation sign at the same moment, five times over: exactly one answer
// stands, and the count is 1.
func TestParallelSignatures(t *testing.T) {
	for run := 0; run < 5; run++ {
		k := testkit.New(t)
		st := k.Statement(t, "Gemeinsam", "signing")
		rep := signedIn(t, k, k.Rep)
		token := k.Token(t, k.Deputy)
		var wg sync.WaitGroup
		var pageStatus, apiStatus int
		wg.Add(2)
		go func() {
			defer wg.Done()
			pageStatus, _, _ = rep.do(http.MethodPost, "/statements/gemeinsam/sign", url.Values{"organisation": {k.Listed.Id}, "decision": {"sign"}})
		}()
		go func() {
			defer wg.Done()
			req := httptest.NewRequest(http.MethodPost, "/api/collections/signatures/records", strings.NewReader(
				`{"statement":"`+st.Id+`","organisation":"`+k.Listed.Id+`","signer":"`+k.Deputy.Id+`","round":1,"decision":"sign"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", token)
			rec := httptest.NewRecorder()
			rep.mux.ServeHTTP(rec, req)
			apiStatus = rec.Code
		}()
		wg.Wait()
		n := 0
		_ = k.App.DB().Select("COUNT(*)").From("signatures").Where(dbx.HashExp{"statement": st.Id, "withdrawn": false}).Row(&n)
		fresh, _ := k.App.FindRecordById("statements", st.Id)
		pageOK, apiOK := pageStatus == http.StatusSeeOther, apiStatus == http.StatusOK
		if n != 1 || fresh.GetInt("signed") != 1 || pageOK == apiOK {
			t.Fatalf("run %d: page %d, api %d, %d signatures, signed %d; want exactly one", run, pageStatus, apiStatus, n, fresh.GetInt("signed"))
		}
		if pageStatus != http.StatusSeeOther && pageStatus != http.StatusUnprocessableEntity {
			t.Fatalf("run %d: the page answered %d", run, pageStatus)
		}
	}
}

// TestStatementMarkdownSanitised: script, iframe, event handlers and javascript: links in a
// statement's original and in a translation do not survive onto the page.
func TestStatementMarkdownSanitised(t *testing.T) {
	k := testkit.New(t)
	evil := "Text <script>alert(1)</script> <iframe src=\"https://evil.example\"></iframe> <img src=x onerror=\"alert(2)\"> " +
		"[klick](javascript:alert(3)) <a href=\"javascript:alert(4)\">a</a> <p onclick=\"alert(5)\">p</p>"
	member := signedIn(t, k, k.Member)
	member.submit("/statements/new", url.Values{"language": {"de"}, "title": {"Sauber"}, "body": {evil}})
	member.submit("/statements/sauber/edit", url.Values{"language": {"en"}, "title": {"Clean"}, "body": {evil}})
	for _, path := range []string{"/statements/sauber", "/statements/sauber?text=en", "/statements/sauber/compare?a=de&b=en"} {
		body := member.get(path, 200)
		main := body[strings.Index(body, `<main`):]
		for _, bad := range []string{"<script>alert", "<iframe", "onerror", "onclick", "javascript:"} {
			if strings.Contains(main, bad) {
				t.Fatalf("%s: %q survived", path, bad)
			}
		}
		if !strings.Contains(main, "Text") {
			t.Fatalf("%s: the text itself is gone", path)
		}
	}
}

// TestStatementsAtom: /statements.atom parses back as Atom (RFC 4287: feed and entry ids,
// updated, links) with the published statements only.
func TestStatementsAtom(t *testing.T) {
	k := testkit.New(t)
	k.Statement(t, "Veröffentlicht", "published")
	k.Statement(t, "Noch im Entwurf", "draft")
	s := newSite(t, k)
	status, _, body := s.do(http.MethodGet, "/statements.atom", nil)
	if status != 200 || !strings.Contains(s.header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("status %d, type %s", status, s.header.Get("Content-Type"))
	}
	feed, err := gofeed.NewParser().ParseString(body)
	if err != nil {
		t.Fatal(err)
	}
	if feed.FeedType != "atom" || len(feed.Items) != 1 {
		t.Fatalf("type %s, %d entries; want atom, 1", feed.FeedType, len(feed.Items))
	}
	it := feed.Items[0]
	if it.Title != "Veröffentlicht" || !strings.HasSuffix(it.Link, "/statements/veroeffentlicht") || it.GUID == "" || it.UpdatedParsed == nil {
		t.Fatalf("entry %+v", it)
	}
	if feed.UpdatedParsed == nil || !strings.HasSuffix(feed.FeedLink, "/statements.atom") {
		t.Fatalf("the feed has no updated or no self link (%q)", feed.FeedLink)
	}
	if !regexp.MustCompile(`<feed xmlns="http://www.w3.org/2005/Atom"`).MatchString(body) || !strings.Contains(body, "<id>") {
		t.Fatal("not an Atom document with ids")
	}
	// The ids are the same on the next fetch; the feed names itself (rel="self"); the entry has
	// its publication date.
	ids := regexp.MustCompile(`<id>([^<]+)</id>`)
	_, _, again := s.do(http.MethodGet, "/statements.atom", nil)
	first, second := ids.FindAllStringSubmatch(body, -1), ids.FindAllStringSubmatch(again, -1)
	if len(first) != 2 || len(second) != 2 || first[0][1] != second[0][1] || first[1][1] != second[1][1] ||
		!strings.HasPrefix(first[0][1], "tag:") || first[0][1] == first[1][1] {
		t.Fatalf("ids %v then %v: want two stable, distinct tag: URIs", first, second)
	}
	if !strings.HasSuffix(feed.FeedLink, "/statements.atom") || !strings.Contains(body, `rel="self"`) {
		t.Fatalf("self link %q", feed.FeedLink)
	}
	if it.PublishedParsed == nil || !strings.Contains(body, "<published>") || !strings.Contains(body, "<updated>") {
		t.Fatal("the entry has no published or updated date")
	}
}

// TestStatementReminders: three days before the deadline the organisations that have not
// answered are reminded, once; those that answered are not.
func TestStatementReminders(t *testing.T) {
	k := testkit.New(t)
	other := k.NewPerson(t, "Olga", "olga@example.org", "en")
	k.SigningOrganisation(t, "Partnerschaft Ost", "welfare", "partner", other)
	st := k.Statement(t, "Frist", "signing") // deadline in five days
	k.Record(t, "signatures", map[string]any{"statement": st.Id, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 1, "decision": "sign"})
	now := time.Now()
	if n, err := committee.SendStatementReminders(k.App, now); err != nil || n != 0 {
		t.Fatalf("five days ahead: %d mails, %v", n, err)
	}
	k.App.TestMailer.Reset()
	later := now.Add(2*24*time.Hour + time.Hour)
	if n, err := committee.SendStatementReminders(k.App, later); err != nil || n != 1 {
		t.Fatalf("within three days: %d mails, want 1 (%v)", n, err)
	}
	msgs := k.App.TestMailer.Messages()
	if len(msgs) != 1 || msgs[0].To[0].Address != "olga@example.org" || !strings.Contains(msgs[0].Subject, "Reminder") {
		t.Fatalf("mails: %d", len(msgs))
	}
	if n, _ := committee.SendStatementReminders(k.App, later.Add(time.Hour)); n != 0 {
		t.Fatalf("a second run sent %d", n)
	}
}
