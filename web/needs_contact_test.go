package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
	"komitee/locales"
)

// TestNeedContactsHiddenUntilAccepted plants a response of Partner in each state on a need of
// Listed and checks, for every role, what the entry's page and /api/ (list, view, expand,
// filter) show of the two contact people: each side sees its own; the other side's only once
// the owner accepted; nobody else sees either, the coordinators neither.
func TestNeedContactsHiddenUntilAccepted(t *testing.T) {
	k := testkit.New(t)
	f := testkit.NeedsFixture(t, k, true)
	outsider := k.Registered
	people := map[string]*core.Record{"public": nil, "registered": outsider, "member": k.Member, "requester": k.Requester,
		"applicant": k.Applicant, "deputy": k.Deputy, "rep": k.Rep, "coordinator": k.Coordinator, "partner": f.PartnerRep}
	listedSide := map[string]bool{"rep": true, "deputy": true}
	for state, n := range f.ByState {
		for role, u := range people {
			// What this role may see of each side's contact person.
			seesRep := listedSide[role] || (role == "partner" && state == "accepted")
			seesPartner := role == "partner" || (listedSide[role] && state == "accepted")
			s := newSite(t, k)
			if u != nil {
				s.cookies["komitee_session"] = k.SessionID(t, u)
			}
			status, _, body := s.do(http.MethodGet, "/needs/"+n.Id, nil)
			if u == nil {
				if status != http.StatusNotFound {
					t.Errorf("%s need, public: status %d", state, status)
				}
			} else if role == "registered" || role == "applicant" || role == "requester" {
				if status != http.StatusNotFound {
					t.Errorf("%s need, %s: status %d (not a member)", state, role, status)
				}
			} else if status != http.StatusOK {
				t.Fatalf("%s need, %s: status %d", state, role, status)
			}
			for what, c := range map[string]struct {
				texts []string
				want  bool
			}{"rep": {[]string{testkit.RepEmail, testkit.RepPhone}, seesRep}, "partner": {[]string{testkit.PartnerEmail, testkit.PartnerPhone}, seesPartner}} {
				for _, text := range c.texts {
					if strings.Contains(body, text) != c.want {
						t.Errorf("%s need, %s, page: shows %s's %q = %v, want %v", state, role, what, text, !c.want, c.want)
					}
				}
			}
			// /api/: the contact rows (list, with the person expanded), each row by id, the need
			// with its back-relation expanded, and filters that guess at the contact person.
			api := func(path string) (int, string) { return apiGet(t, k, u, path) }
			_, list := api("/api/collections/need_contacts/records?perPage=200&expand=person&filter=" + url.QueryEscape("need = '"+n.Id+"'"))
			if strings.Contains(list, `"person":"`+k.Rep.Id+`"`) != seesRep || strings.Contains(list, `"person":"`+f.PartnerRep.Id+`"`) != seesPartner {
				t.Errorf("%s need, %s, /api/ need_contacts: rep %v partner %v, want %v %v\n%s", state, role,
					!seesRep, !seesPartner, seesRep, seesPartner, list)
			}
			// (A person's own address comes with their own record, as PocketBase always sends it.)
			hiddenTexts := map[string][]string{"rep": {testkit.PartnerEmail, "PHONE"}, "partner": {testkit.RepEmail, "PHONE"}}[role]
			if hiddenTexts == nil {
				hiddenTexts = []string{testkit.RepEmail, testkit.PartnerEmail, "PHONE"}
			}
			for _, hidden := range hiddenTexts {
				for _, path := range []string{"/api/collections/needs/records/" + n.Id + "?expand=need_contacts_via_need.person,responses_via_need",
					"/api/collections/responses/records?expand=need,organisation,responder&perPage=200",
					"/api/collections/needs/records?perPage=200&expand=created_by,organisation"} {
					if _, b := api(path); strings.Contains(b, hidden) {
						t.Errorf("%s need, %s: %s shows %q", state, role, path, hidden)
					}
				}
				if strings.Contains(list, hidden) {
					t.Errorf("%s need, %s: /api/ need_contacts shows %q", state, role, hidden)
				}
			}
			rows := contactRows(t, k, n.Id)
			for _, r := range rows {
				own := r.GetString("organisation") == k.Listed.Id
				want := (own && seesRep) || (!own && seesPartner)
				if r.GetString("response") == "" {
					want = listedSide[role] // the entry's own row: only its side
				}
				st, _ := api("/api/collections/need_contacts/records/" + r.Id)
				if (st == http.StatusOK) != want {
					t.Errorf("%s need, %s: view of %s's contact row answers %d", state, role, r.GetString("organisation"), st)
				}
			}
			// A right and a wrong guess answer alike for whoever may not see the row; a path
			// from needs or responses into the contacts is refused.
			if !seesPartner {
				right := "need = '" + n.Id + "' && person = '" + f.PartnerRep.Id + "'"
				wrong := "need = '" + n.Id + "' && person = 'zzzzzzzzzzzzzzz'"
				s1, b1 := api("/api/collections/need_contacts/records?filter=" + url.QueryEscape(right))
				s2, b2 := api("/api/collections/need_contacts/records?filter=" + url.QueryEscape(wrong))
				if s1 != s2 || strings.Contains(b1, `"totalItems":1`) != strings.Contains(b2, `"totalItems":1`) {
					t.Errorf("%s need, %s: the guess is answered differently: %d %s / %d %s", state, role, s1, b1, s2, b2)
				}
			}
			for _, probe := range []string{"/api/collections/needs/records?filter=" + url.QueryEscape("need_contacts_via_need.person = '"+f.PartnerRep.Id+"'"),
				"/api/collections/responses/records?filter=" + url.QueryEscape("need.organisation = '"+k.Listed.Id+"'"),
				"/api/collections/needs/records?sort=need_contacts_via_need.person",
				"/api/collections/need_contacts/records?filter=" + url.QueryEscape("person.email ~ 'partner'")} {
				if st, _ := api(probe); st != http.StatusBadRequest {
					t.Errorf("%s need, %s: %s answers %d, want 400", state, role, probe, st)
				}
			}
		}
	}
}

func contactRows(t *testing.T, k *testkit.Kit, need string) []*core.Record {
	t.Helper()
	rows, err := k.App.FindRecordsByFilter("need_contacts", "need = {:n}", "", 0, 0, map[string]any{"n": need})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestNeedContactsFollowTheContact: the contact people on both sides are plain members. Before
// accepting each sees only their own side; after it the responder and the owner's contact see
// each other, a plain member of the partner neither; when the owner names a new contact the
// responder sees the new one, the new one sees the responder and the old one nothing any more;
// and whoever leaves their organisation sees the other side no more (page and /api/).
func TestNeedContactsFollowTheContact(t *testing.T) {
	k := testkit.New(t)
	f := testkit.NeedsFixture(t, k, false)
	anna, _ := k.NeedsPerson(t, "Anna Altkontakt", "anna@example.org", "+49 170 ANNA-PHONE", k.Listed, "member")
	bert, bertIn := k.NeedsPerson(t, "Bert Neukontakt", "bert@example.org", "+49 170 BERT-PHONE", k.Listed, "member")
	rita, ritaIn := k.NeedsPerson(t, "Rita Responder", "rita@example.org", "+49 170 RITA-PHONE", f.Partner, "member")
	peter, _ := k.NeedsPerson(t, "Peter Partnermitglied", "peter@example.org", "+49 170 PETER-PHONE", f.Partner, "member")
	texts := map[*core.Record][]string{anna: {"anna@example.org", "ANNA-PHONE"}, bert: {"bert@example.org", "BERT-PHONE"},
		rita: {"rita@example.org", "RITA-PHONE"}}
	rep := committee.AsUser(k.Rep)
	in := committee.NeedInput{Kind: "need", Title: "Raum gesucht", Category: "rooms", Organisation: k.Listed.Id, Contact: anna.Id,
		Public: true, ValidUntil: time.Now().AddDate(0, 1, 0).In(committee.Berlin).Format(time.DateOnly)}
	n, err := committee.CreateNeed(k.App, rep, in)
	if err != nil {
		t.Fatal(err)
	}
	r, err := committee.Respond(k.App, committee.AsUser(rita), n, f.Partner.Id, "Wir haben einen Raum")
	if err != nil {
		t.Fatal(err)
	}
	// check: what reader sees of whose contact, on the page and as a row of need_contacts.
	check := func(step string, reader, whose *core.Record, want bool) {
		t.Helper()
		s := newSite(t, k)
		s.cookies["komitee_session"] = k.SessionID(t, reader)
		_, _, body := s.do(http.MethodGet, "/needs/"+n.Id, nil)
		for _, text := range texts[whose] {
			if strings.Contains(body, text) != want {
				t.Errorf("%s: %s's page shows %q = %v, want %v", step, reader.GetString("name"), text, !want, want)
			}
		}
		_, list := apiGet(t, k, reader, "/api/collections/need_contacts/records?perPage=200&filter="+url.QueryEscape("need = '"+n.Id+"'"))
		if strings.Contains(list, `"person":"`+whose.Id+`"`) != want {
			t.Errorf("%s: /api/ need_contacts of %s lists %s = %v, want %v\n%s", step, reader.GetString("name"),
				whose.GetString("name"), !want, want, list)
		}
	}
	check("offered", rita, anna, false)
	check("offered", anna, rita, false)
	check("offered", rita, rita, true)
	if err := committee.DecideResponse(k.App, rep, n, r.Id, true); err != nil {
		t.Fatal(err)
	}
	check("accepted", rita, anna, true)
	check("accepted", anna, rita, true)
	check("accepted", peter, anna, false)
	check("accepted", peter, rita, false)
	check("accepted", f.PartnerRep, anna, true)
	// The owner names Bert instead of Anna.
	in.Contact = bert.Id
	if n, err = committee.FindNeed(k.App, k.Rep, n.Id); err != nil {
		t.Fatal(err)
	}
	if err := committee.UpdateNeed(k.App, rep, n, in); err != nil {
		t.Fatal(err)
	}
	check("contact changed", rita, bert, true)
	check("contact changed", rita, anna, false)
	check("contact changed", bert, rita, true)
	check("contact changed", anna, rita, false)
	// Bert leaves Listed, Rita leaves Partner.
	bertIn.Set("status", "ended")
	if err := k.App.Save(bertIn); err != nil {
		t.Fatal(err)
	}
	check("contact left", bert, rita, false)
	check("contact left", rita, bert, true)
	ritaIn.Set("status", "ended")
	if err := k.App.Save(ritaIn); err != nil {
		t.Fatal(err)
	}
	check("responder left", rita, bert, false)
	check("responder left", k.Rep, rita, true) // the owner's managers keep the record of whom they matched
}

// TestNeedPeopleHidden: who responded (responses.responder, the other side's contact) and who
// posted an entry (needs.created_by) come out of /api/ for nobody: not in a list, a view or an
// expand, and not as a filter.
func TestNeedPeopleHidden(t *testing.T) {
	k := testkit.New(t)
	f := testkit.NeedsFixture(t, k, true)
	offered := f.ByState["offered"]
	resp, err := k.App.FindFirstRecordByFilter("responses", "need = {:n}", map[string]any{"n": offered.Id})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []*core.Record{nil, k.Member, k.Rep, k.Coordinator, f.PartnerRep} {
		for _, path := range []string{"/api/collections/responses/records?perPage=200&expand=responder",
			"/api/collections/responses/records/" + resp.Id + "?expand=responder,need",
			"/api/collections/needs/records?perPage=200&expand=created_by",
			"/api/collections/needs/records/" + testkit.NeedPublicID + "?expand=created_by",
			"/api/collections/needs/records/" + offered.Id + "?expand=created_by,responses_via_need.responder",
			"/api/collections/organisations/records?perPage=200&expand=needs_via_organisation.created_by,responses_via_organisation.responder",
			"/api/collections/users/records?perPage=200&expand=responses_via_responder,needs_via_created_by"} {
			st, body := apiGet(t, k, u, path)
			hiddenTexts := []string{`"responder"`, `"created_by"`, `responses_via_responder`, `needs_via_created_by`}
			if u != f.PartnerRep && !strings.Contains(path, "/users/") {
				hiddenTexts = append(hiddenTexts, "Paula Partner")
			}
			for _, hidden := range hiddenTexts {
				if strings.Contains(body, hidden) {
					t.Errorf("%v: %s (%d) shows %s\n%s", u, path, st, hidden, body)
				}
			}
		}
		for _, filter := range []string{"responder = '" + f.PartnerRep.Id + "'", "need.created_by = '" + k.Rep.Id + "'"} {
			if st, _ := apiGet(t, k, u, "/api/collections/responses/records?filter="+url.QueryEscape(filter)); st != http.StatusBadRequest {
				t.Errorf("%v: filter %s answers %d, want 400", u, filter, st)
			}
		}
		if st, _ := apiGet(t, k, u, "/api/collections/needs/records?filter="+url.QueryEscape("created_by = '"+k.Rep.Id+"'")); st != http.StatusBadRequest {
			t.Errorf("%v: filter by created_by answers %d, want 400", u, st)
		}
	}
}

// TestNeedLanguagesSeparator: the languages of an entry are joined with the separator of the
// reader's language, on the entry's page and on the board (Arabic "، ").
func TestNeedLanguagesSeparator(t *testing.T) {
	k := testkit.New(t)
	testkit.NeedsFixture(t, k, false)
	for lang, sep := range map[string]string{"ar": "، ", "de": ", "} {
		s := newSite(t, k)
		s.cookies["komitee_lang"] = lang
		want := locales.LanguageName(lang, "ar") + sep + locales.LanguageName(lang, "de")
		for path, text := range map[string]string{"/needs/" + testkit.NeedPublicID: "<dd>" + want + "</dd>", "/needs": want} {
			if body := s.get(path, http.StatusOK); !strings.Contains(body, text) {
				t.Errorf("%s %s: no %q", lang, path, text)
			}
		}
	}
}
