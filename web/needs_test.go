package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

func signedIn(t *testing.T, k *testkit.Kit, u *core.Record) *site {
	s := newSite(t, k)
	s.cookies["komitee_session"] = k.SessionID(t, u)
	return s
}

// TestNeedsPages: the steps of the board through the pages, as a browser without JavaScript
// takes them: bad input keeps what was typed and names the problem at the field; posting,
// responding (a failed mail is reported, the response kept), accepting, marking done with an
// outcome, renewing an expired entry with one click; HTMX gets only the results with the
// category counts out of band; the coordinators' CSV.
func TestNeedsPages(t *testing.T) {
	k := testkit.New(t)
	f := testkit.NeedsFixture(t, k, false)
	rep := signedIn(t, k, k.Rep)
	until := time.Now().AddDate(0, 1, 0).In(committee.Berlin).Format(time.DateOnly)
	form := url.Values{"kind": {"need"}, "organisation": {k.Listed.Id}, "title": {""}, "category": {"rooms"}, "contact": {k.Rep.Id},
		"municipality": {"Bautzen"}, "languages": {"ar"}, "valid_until": {"2031-01-01"}, "description": {"Für **Elterncafé**"}}
	status, _, body := rep.do(http.MethodPost, "/needs/new", form)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `data-testid="error-summary"`) ||
		!strings.Contains(body, "Für **Elterncafé**") || !strings.Contains(body, `id="e-valid_until"`) {
		t.Fatalf("bad input: %d\n%s", status, body)
	}
	form.Set("title", "Raum für das Elterncafé")
	form.Set("valid_until", until)
	loc := rep.submit("/needs/new", form)
	if !strings.HasPrefix(loc, "/needs/") {
		t.Fatalf("posted to %s", loc)
	}
	id := strings.TrimPrefix(loc, "/needs/")
	page := rep.get(loc, 200)
	if !strings.Contains(page, "<strong>Elterncafé</strong>") || !strings.Contains(page, testkit.OfferTitle) ||
		!strings.Contains(page, "gleiche Kategorie, Bautzen, Arabisch") {
		t.Fatalf("entry page without its description or suggestion:\n%s", page)
	}
	// HTMX: only the results, and the category choice again with its counts.
	_, _, frag := rep.doHeaders(http.MethodGet, "/needs?kind=need", map[string]string{"HX-Request": "true", "HX-Target": "results"})
	if strings.Contains(frag, "<html") || !strings.Contains(frag, `id="results"`) || !strings.Contains(frag, `hx-swap-oob="true"`) ||
		!strings.Contains(frag, "Räume (3)") || strings.Contains(frag, testkit.OfferTitle) {
		t.Fatalf("HTMX fragment:\n%s", frag)
	}
	// The public counts only what the public may see (the one public need).
	_, _, frag = newSite(t, k).doHeaders(http.MethodGet, "/needs?kind=need", map[string]string{"HX-Request": "true", "HX-Target": "results"})
	if !strings.Contains(frag, "Räume (1)") || strings.Contains(frag, testkit.NeedMembersTitle) {
		t.Fatalf("public HTMX fragment:\n%s", frag)
	}

	// Partner responds while the mail server refuses: the response is kept, the page says so.
	restore := k.FailMail(t)
	partner := signedIn(t, k, f.PartnerRep)
	status, _, body = partner.do(http.MethodPost, "/needs/"+id+"/respond", url.Values{"organisation": {f.Partner.Id}, "message": {""}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-message"`) {
		t.Fatalf("empty message: %d", status)
	}
	partner.submit("/needs/"+id+"/respond", url.Values{"organisation": {f.Partner.Id}, "message": {"Unser Saal ist dienstags frei"}})
	if got := partner.cookies["komitee_flash"]; got != "flash.mails_failed.other:2" {
		t.Errorf("flash %q, want the two failed mails", got)
	}
	restore()
	resp, err := k.App.FindFirstRecordByFilter("responses", "need = {:n}", dbx.Params{"n": id})
	if err != nil || resp.GetString("status") != "offered" {
		t.Fatalf("response not kept: %v", err)
	}
	page = rep.get("/needs/"+id, 200)
	if strings.Contains(page, testkit.PartnerEmail) || !strings.Contains(page, `data-testid="response-accept"`) {
		t.Fatal("before accepting: partner's contact shown or no accept button")
	}
	if mine := rep.get("/needs/mine", 200); !strings.Contains(mine, "1 Antwort wartet") {
		t.Error("/needs/mine does not say what waits")
	}
	rep.submit("/needs/"+id+"/responses/"+resp.Id+"/decide", url.Values{"accept": {"1"}})
	if page = rep.get("/needs/"+id, 200); !strings.Contains(page, testkit.PartnerEmail) || !strings.Contains(page, testkit.PartnerPhone) {
		t.Fatal("after accepting the owner does not see the partner's contact")
	}
	if page = partner.get("/needs/"+id, 200); !strings.Contains(page, testkit.RepEmail) {
		t.Fatal("after accepting the partner does not see the owner's contact")
	}
	if page = signedIn(t, k, k.Member).get("/needs/"+id, 200); strings.Contains(page, testkit.PartnerEmail) || strings.Contains(page, testkit.RepEmail) {
		t.Fatal("a member of the owner's organisation sees the contacts")
	}
	status, _, body = rep.do(http.MethodPost, "/needs/"+id+"/step", url.Values{"step": {"done"}, "outcome": {""}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-outcome"`) {
		t.Fatalf("done without outcome: %d", status)
	}
	rep.submit("/needs/"+id+"/step", url.Values{"step": {"done"}, "outcome": {"Saal im Gemeindezentrum, dienstags 17–19"}})
	if page = rep.get("/needs/"+id, 200); !strings.Contains(page, "Saal im Gemeindezentrum") || !strings.Contains(page, "Erledigt") {
		t.Fatal("outcome not shown")
	}

	// An expired entry is renewed with one click.
	if _, _, err := committee.RunNeedJobs(k.App, time.Now().Add(70*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if page = rep.get("/needs/"+testkit.NeedMembersID, 200); !strings.Contains(page, `data-testid="need-step-renew"`) {
		t.Fatal("no renew button on an expired entry")
	}
	rep.submit("/needs/"+testkit.NeedMembersID+"/step", url.Values{"step": {"renew"}})
	if n, _ := committee.FindNeed(k.App, k.Rep, testkit.NeedMembersID); n.Status() != "open" {
		t.Fatalf("renewed: %s", n.Status())
	}

	// The coordinators' overview and its CSV (German: semicolons, a byte order mark).
	coord := signedIn(t, k, k.Coordinator)
	over := coord.get("/coordination/needs", 200)
	if !strings.Contains(over, testkit.NeedMembersTitle) || !strings.Contains(over, "Raum für das Elterncafé") {
		t.Fatalf("overview:\n%s", over)
	}
	csv := coord.get("/coordination/needs?format=csv", 200)
	if !strings.HasPrefix(csv, "\ufeffTeil;Kategorie;") || !strings.Contains(csv, "vermittelt;Räume;Bautzen;Raum für das Elterncafé") {
		t.Fatalf("csv:\n%s", csv)
	}
	if status, _, _ := coord.do(http.MethodGet, "/coordination/needs?from=kaputt&to=2026-12-31", nil); status != 200 {
		t.Fatalf("bad period: %d", status)
	}
}

// TestNeedsThroughAPI: a response written through /api/ brings what one through the page
// does (both sides' contact rows, the entry in contact, the owner mailed), and an entry posted
// there is valid for a year at most.
func TestNeedsThroughAPI(t *testing.T) {
	k := testkit.New(t)
	testkit.NeedsFixture(t, k, false)
	s := newSite(t, k)
	status, _, body := s.sendJSON(http.MethodPost, "/api/collections/responses/records", strings.NewReader(
		`{"need":"`+testkit.OfferPartnerID+`","organisation":"`+k.Listed.Id+`","responder":"`+k.Member.Id+`","message":"Gern","status":"offered"}`),
		k.Token(t, k.Member))
	if status != http.StatusOK {
		t.Fatalf("respond through /api/: %d %s", status, body)
	}
	rows, err := k.App.FindRecordsByFilter("need_contacts", "need = {:n} && response != ''", "", 0, 0, dbx.Params{"n": testkit.OfferPartnerID})
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d contact rows, want both sides (%v)", len(rows), err)
	}
	if n, _ := committee.FindNeed(k.App, k.Member, testkit.OfferPartnerID); n.Status() != "in_contact" || n.Responses() != 1 {
		t.Fatalf("entry %s with %d responses", n.Status(), n.Responses())
	}
	if msgs := k.App.TestMailer.Messages(); len(msgs) != 1 || msgs[0].To[0].Address != testkit.PartnerEmail {
		t.Fatalf("mails %d, want the partner's representative", len(msgs))
	}
	for until, want := range map[string]int{time.Now().AddDate(2, 0, 0).UTC().Format("2006-01-02 15:04:05.000Z"): 400,
		time.Now().AddDate(0, 2, 0).UTC().Format("2006-01-02 15:04:05.000Z"): 200} {
		status, _, body = s.sendJSON(http.MethodPost, "/api/collections/needs/records", strings.NewReader(
			`{"kind":"need","title":"x","category":"rooms","organisation":"`+k.Listed.Id+`","created_by":"`+k.Rep.Id+
				`","status":"open","valid_until":"`+until+`"}`), k.Token(t, k.Rep))
		if status != want {
			t.Errorf("post until %s through /api/: %d, want %d: %s", until, status, want, body)
		}
	}
}
