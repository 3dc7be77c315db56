package web_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestAPIAuthRefusesUnconfirmedLikeAWrongPassword: an account whose address is not confirmed
// cannot log in over /api/ either, and the answer is that of a wrong password, so that
// registering an address on the page and trying one's own password here tells nothing.
func TestAPIAuthRefusesUnconfirmedLikeAWrongPassword(t *testing.T) {
	k := testkit.New(t)
	users, err := k.App.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(users)
	u.SetEmail("new@example.org")
	u.SetPassword(testkit.Password)
	u.Set("name", "Neu")
	if err := k.App.Save(u); err != nil {
		t.Fatal(err)
	}
	settings := k.App.Settings() // three attempts from one address: PocketBase's limit allows two in 3 s
	settings.RateLimits.Enabled = false
	if err := k.App.Save(settings); err != nil {
		t.Fatal(err)
	}
	s := newSite(t, k)
	auth := func(email, password string) (int, string) {
		status, _, body := s.sendJSON(http.MethodPost, "/api/collections/users/auth-with-password",
			strings.NewReader(`{"identity":"`+email+`","password":"`+password+`"}`), "")
		return status, body
	}
	s1, b1 := auth("new@example.org", testkit.Password)     // unconfirmed, right password
	s2, b2 := auth("member@example.org", "wrong password!") // confirmed, wrong password
	if s1 != http.StatusBadRequest || s1 != s2 || b1 != b2 {
		t.Errorf("unconfirmed: %d %s\nwrong password: %d %s", s1, b1, s2, b2)
	}
	if status, _ := auth("member@example.org", testkit.Password); status != http.StatusOK {
		t.Errorf("a confirmed account with its password: %d", status)
	}
}

// TestParallelLogInAttemptsAreCounted: attempts sent at the same moment are counted as they
// are taken, so only the free ones are checked; before, all of them passed the check of the
// delay before the first failure was counted.
func TestParallelLogInAttemptsAreCounted(t *testing.T) {
	k := testkit.New(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	checked, delayed := 0, 0
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := committee.Authenticate(k.App, "member@example.org", "a wrong guess", false)
			var d *committee.LoginDelay
			mu.Lock()
			defer mu.Unlock()
			if errors.As(err, &d) {
				delayed++
			} else {
				checked++
			}
		}()
	}
	wg.Wait()
	if checked != 5 || delayed != 7 {
		t.Errorf("%d passwords checked and %d delayed, want 5 and 7", checked, delayed)
	}
}

// TestKnownDeviceSkipsTheDelay: a stranger's failures hold up other browsers, but not one that
// logged in to the account before.
func TestKnownDeviceSkipsTheDelay(t *testing.T) {
	k := testkit.New(t)
	owner := loginAs(t, k, "member@example.org", firefoxAndroid)
	owner.do(http.MethodPost, "/logout", nil)
	stranger := newSite(t, k)
	for range 6 {
		stranger.do(http.MethodPost, "/login", url.Values{"email": {"member@example.org"}, "password": {"a wrong guess"}})
	}
	form := url.Values{"email": {"member@example.org"}, "password": {testkit.Password}}
	if status, _, _ := newSite(t, k).do(http.MethodPost, "/login", form); status != http.StatusTooManyRequests {
		t.Errorf("a new browser during the delay: %d, want 429", status)
	}
	forged := newSite(t, k)
	forged.cookies["komitee_known"] = committee.KnownDevice(k.App, "someone-else@example.org")
	if status, _, _ := forged.do(http.MethodPost, "/login", form); status != http.StatusTooManyRequests {
		t.Errorf("a browser known for another address: %d, want 429", status)
	}
	if status, _, body := owner.do(http.MethodPost, "/login", form); status != http.StatusSeeOther {
		t.Errorf("the owner's browser during the delay: %d, want 303\n%s", status, body)
	}
}

// TestEmailChangeTellsNothing: asking over /api/ to change one's address to a taken one answers
// like a free one (204), and nothing is sent to the taken address.
func TestEmailChangeTellsNothing(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	ask := func(email string) (int, string) {
		status, _, body := s.sendJSON(http.MethodPost, "/api/collections/users/request-email-change",
			strings.NewReader(`{"newEmail":"`+email+`"}`), k.Token(t, k.Member))
		return status, body
	}
	s1, b1 := ask("deputy@example.org")
	s2, b2 := ask("free-address@example.org")
	if s1 != http.StatusNoContent || s1 != s2 || b1 != b2 {
		t.Errorf("taken: %d %q; free: %d %q", s1, b1, s2, b2)
	}
	for _, m := range k.App.TestMailer.Messages() {
		for _, to := range m.To {
			if to.Address == "deputy@example.org" {
				t.Error("a mail went to the taken address")
			}
		}
	}
}

// TestApprovedMinutesCloseTheAgenda: once the minutes are approved, organisers are offered no
// agenda tools and cannot add an item, on the page or over /api/ (the create rule had no
// status check for them, while the page offered the forms the update rule refused).
func TestApprovedMinutesCloseTheAgenda(t *testing.T) {
	k := testkit.New(t)
	m := k.PublishedMeeting
	k.Record(t, "agenda_items", map[string]any{"meeting": m.Id, "title": "Bericht", "status": "accepted", "position": 1})
	coord := loginAs(t, k, "coord@example.org", firefoxAndroid)
	page := coord.get("/meetings/"+m.Id, http.StatusOK)
	for _, offer := range []string{`data-testid="agenda-form"`, "/agenda/", `data-testid="accept-suggestion"`} {
		if strings.Contains(page, offer) {
			t.Errorf("an approved meeting offers %s", offer)
		}
	}
	if status, _, _ := coord.do(http.MethodPost, "/meetings/"+m.Id+"/agenda", url.Values{"title": {"Nachtrag"}}); status < 400 {
		t.Errorf("adding an item on the page: %d", status)
	}
	status, _, body := newSite(t, k).sendJSON(http.MethodPost, "/api/collections/agenda_items/records",
		strings.NewReader(`{"meeting":"`+m.Id+`","title":"Nachtrag","status":"accepted"}`), k.Token(t, k.Coordinator))
	if status < 400 {
		t.Errorf("adding an item over /api/: %d %s", status, body)
	}
	if n, _ := k.App.CountRecords("agenda_items", dbx.HashExp{"meeting": m.Id}); n != 1 {
		t.Errorf("%d items, want the one of the minutes", n)
	}
}
