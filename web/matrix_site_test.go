package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"komitee/internal/testkit"
)

func init() { matrixParts = append(matrixParts, siteMatrix) }

// siteMatrix: the public face. The contact form never reveals an address (a coordinator's or
// anyone's); only coordinators edit pages and settings, on the pages and over /api/.
func siteMatrix() []row {
	loginRedirect := expect{status: http.StatusSeeOther, location: "/login"}
	addresses := []string{"coord@example.org", "member@example.org", "rep@example.org", "deputy@example.org", "registered@example.org", "mailto:"}
	pageID := func(k *testkit.Kit) string {
		rec, err := k.App.FindFirstRecordByFilter("pages", "slug = 'impressum' && language = 'de'")
		if err != nil {
			panic(err)
		}
		return rec.Id
	}
	committeeID := func(k *testkit.Kit) string {
		rec, err := k.App.FindFirstRecordByFilter("committee", "")
		if err != nil {
			panic(err)
		}
		return rec.Id
	}
	return []row{
		{name: "contact page never shows an address", method: "GET", url: func(*testkit.Kit) string { return "/contact" },
			setup: withCoordinatorAddressEverywhere,
			def:   expect{status: 200, contains: []string{`data-testid="contact-form"`, `name="contact_ref"`, `autocomplete="off"`, `name="stamp"`}, notContains: addresses}},
		{name: "contact form sent: one mail per coordinator, no address in the answer", method: "POST", url: func(*testkit.Kit) string { return "/contact" },
			body:  "name=Samira&email=samira%40example.net&message=Hallo+Koordination&stamp=CONTACT_STAMP",
			setup: withTwoCoordinatorsWatched,
			def:   expect{status: http.StatusSeeOther, location: "/contact", notContains: append(addresses, secondCoordinator)}},
		{name: "contact form with a problem: no address in the answer", method: "POST", url: func(*testkit.Kit) string { return "/contact" },
			body:  "name=Samira&email=samira%40example.net&message=&stamp=CONTACT_STAMP",
			setup: withCoordinatorAddressEverywhere,
			def:   expect{status: 422, contains: []string{`data-testid="contact-form"`, `id="e-message"`, "samira@example.net"}, notContains: addresses}},
		{name: "impressum: editing (offered)", method: "GET", url: func(*testkit.Kit) string { return "/pages/impressum" },
			def:  expect{status: 200, contains: []string{`data-testid="page-impressum"`}, notContains: []string{`data-testid="page-edit"`}},
			want: seen(200, []string{`data-testid="page-impressum"`, `data-testid="page-edit"`}, "coordinator")},
		{name: "page editor", method: "GET", url: func(*testkit.Kit) string { return "/pages/impressum/edit?language=de" },
			def: expect{status: 403},
			want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{`data-testid="page-form"`, `data-testid="page-preview-button"`,
				"Bilder erscheinen nur, wenn sie auf dieser Website hochgeladen sind"}}}},
		{name: "page editor: unknown page", method: "GET", url: func(*testkit.Kit) string { return "/pages/geheim/edit" },
			def: expect{status: 404}, want: map[string]expect{"public": loginRedirect}},
		{name: "save a page", method: "POST", url: func(*testkit.Kit) string { return "/pages/impressum/edit" },
			body: "language=de&title=Impressum&body=Neu&action=save", def: expect{status: 403}, want: only(303, "coordinator")},
		{name: "preview a page", method: "POST", url: func(*testkit.Kit) string { return "/pages/about/edit" },
			body: "language=ar&title=T&body=**B**&action=preview", def: expect{status: 403},
			want: seen(200, []string{`data-testid="page-preview"`, "<strong>B</strong>"}, "coordinator")},
		{name: "committee settings", method: "GET", url: func(*testkit.Kit) string { return "/coordination/settings" },
			def:  expect{status: 403},
			want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{`data-testid="settings-form"`}}}},
		{name: "coordination desk: settings (offered)", method: "GET", url: func(*testkit.Kit) string { return "/coordination" },
			def: expect{status: 403}, want: map[string]expect{"public": loginRedirect, "coordinator": {status: 200, contains: []string{`data-testid="settings-link"`}}}},
		{name: "save the committee settings", method: "POST", url: func(*testkit.Kit) string { return "/coordination/settings" },
			body: "name=Komitee&languages=de", def: expect{status: 403}, want: only(303, "coordinator")},
		{name: "sitemap", method: "GET", url: func(*testkit.Kit) string { return "/sitemap.xml" },
			def: expect{status: 200, contains: []string{"<urlset", "/organisations/verein-der-vielfalt?lang=de"}, notContains: []string{"neue-initiative", testkit.MembersMeetingTitle}}},
		{name: "robots.txt", method: "GET", url: func(*testkit.Kit) string { return "/robots.txt" },
			def: expect{status: 200, contains: []string{"Disallow: /api/", "Disallow: /_/", "Sitemap: "}}},
		{name: "api: edit a page", method: "PATCH", url: func(k *testkit.Kit) string { return "/api/collections/pages/records/" + pageID(k) },
			body: `{"title":"Impressum (neu)"}`, def: expect{status: 404}, want: seen(200, []string{"Impressum (neu)"}, "coordinator")},
		{name: "api: create a page", method: "POST", url: func(*testkit.Kit) string { return "/api/collections/pages/records" },
			body: `{"slug":"about","language":"de","title":"Über uns","body":"x"}`, def: expect{status: 400},
			want: map[string]expect{"public": {status: 400}, "coordinator": {status: 200, contains: []string{`"slug":"about"`}}}},
		{name: "api: change the committee's name", method: "PATCH", url: func(k *testkit.Kit) string { return "/api/collections/committee/records/" + committeeID(k) },
			body: `{"name":"Umbenannt"}`, def: expect{status: 404}, want: seen(200, []string{"Umbenannt"}, "coordinator")},
		{name: "api: reopen setup", method: "PATCH", url: func(k *testkit.Kit) string { return "/api/collections/committee/records/" + committeeID(k) },
			body: `{"setup_done":""}`, def: expect{status: 404}},
	}
}

// withCoordinatorAddressEverywhere makes a coordinator's address as easy to leak as can be: it
// is also the committee's contact address, and the coordinator shows it to everyone.
func withCoordinatorAddressEverywhere(t testing.TB, k *testkit.Kit) {
	com, err := k.App.FindFirstRecordByFilter("committee", "")
	if err != nil {
		t.Fatal(err)
	}
	com.Set("contact_email", k.Coordinator.Email())
	if err := k.App.Save(com); err != nil {
		t.Fatal(err)
	}
	k.Coordinator.Set("email_visibility", "public")
	if err := k.App.Save(k.Coordinator); err != nil {
		t.Fatal(err)
	}
}

// secondCoordinator is the address of the coordinator withTwoCoordinatorsWatched adds.
const secondCoordinator = "coord-two@example.org"

// withTwoCoordinatorsWatched adds a second coordinator (Arabic) and checks, when the scenario
// ends, that the contact form sent exactly one mail to each, to them alone, answering to the
// sender, and that no mail shows the other coordinator's address.
func withTwoCoordinatorsWatched(t testing.TB, k *testkit.Kit) {
	withCoordinatorAddressEverywhere(t, k)
	k.Record(t, "users", map[string]any{"name": "Zweite Koordinatorin", "email": secondCoordinator, "password": testkit.Password,
		"verified": true, "coordinator": true, "language": "ar", "privacy_accepted": time.Now(), "privacy_version": "1"})
	// The scenario empties the test mailer before the test ends: keep what is sent as it goes.
	var mu sync.Mutex
	var sent []*mailer.Message
	k.App.OnMailerSend().BindFunc(func(e *core.MailerEvent) error {
		mu.Lock()
		sent = append(sent, e.Message)
		mu.Unlock()
		return e.Next()
	})
	t.Cleanup(func() {
		coordinators := []string{k.Coordinator.Email(), secondCoordinator}
		got := map[string]int{}
		mu.Lock()
		defer mu.Unlock()
		for _, m := range sent {
			if len(m.To) != 1 || len(m.Cc) != 0 || len(m.Bcc) != 0 {
				t.Errorf("a contact mail to %v cc %v bcc %v: one recipient each", m.To, m.Cc, m.Bcc)
				continue
			}
			to := m.To[0].Address
			got[to]++
			if !strings.Contains(m.Headers["Reply-To"], "samira@example.net") || !strings.Contains(m.Text, "Hallo Koordination") {
				t.Errorf("the mail to %s: reply-to %q\n%s", to, m.Headers["Reply-To"], m.Text)
			}
			for _, other := range coordinators {
				if other != to && strings.Contains(fmt.Sprint(m.Headers)+m.Subject+m.Text+m.HTML, other) {
					t.Errorf("the mail to %s shows %s", to, other)
				}
			}
		}
		if len(got) != 2 || got[coordinators[0]] != 1 || got[coordinators[1]] != 1 {
			t.Errorf("contact mails %v, want one to each coordinator", got)
		}
	})
}
