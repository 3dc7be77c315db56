package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"komitee/internal/testkit"
)

func membershipOf(t *testing.T, k *testkit.Kit, userID string) string {
	t.Helper()
	m, err := k.App.FindFirstRecordByFilter("memberships", "user = {:u}", dbx.Params{"u": userID})
	if err != nil {
		t.Fatal(err)
	}
	return m.Id
}

// TestRepresentativeRole: a deputy cannot make themselves representative or remove the
// representative; a representative can hand the role on, and then leave.
func TestRepresentativeRole(t *testing.T) {
	k := testkit.New(t)
	deputy := newSite(t, k)
	deputy.cookies["komitee_session"] = k.SessionID(t, k.Deputy)
	depID, repID := membershipOf(t, k, k.Deputy.Id), membershipOf(t, k, k.Rep.Id)
	if status, _, body := deputy.do(http.MethodPost, "/memberships/"+depID+"/role", url.Values{"role": {"representative"}}); status != 422 ||
		!strings.Contains(body, "Nur eine Vertretung") {
		t.Fatalf("deputy promoted themselves: %d", status)
	}
	if status, _, _ := deputy.do(http.MethodPost, "/memberships/"+repID+"/remove", url.Values{}); status != 422 {
		t.Fatalf("deputy removed the representative: %d", status)
	}
	// Managing ordinary members is theirs to do.
	deputy.submit("/memberships/"+k.PendingMembership.Id+"/approve", url.Values{})

	rep := newSite(t, k)
	rep.cookies["komitee_session"] = k.SessionID(t, k.Rep)
	rep.submit("/memberships/"+depID+"/role", url.Values{"role": {"representative"}})
	// Now the former representative may leave from their profile.
	if !strings.Contains(rep.get("/profile", 200), "/memberships/"+repID+"/remove") {
		t.Fatal("no leave button on the profile")
	}
	if loc := rep.submit("/memberships/"+repID+"/remove", url.Values{}); loc != "/profile" {
		t.Fatalf("after leaving: %s", loc)
	}
	// The former applicant (Rep applied for Listed) sees no private contacts any more.
	if body := rep.get("/organisations/"+k.Listed.GetString("slug"), 200); strings.Contains(body, nobodyAddress) {
		t.Fatal("a former representative still sees contacts for nobody")
	}
	status, _, body := rep.doHeaders(http.MethodGet, "/api/collections/contacts/records", map[string]string{"Authorization": k.Token(t, k.Rep)})
	if status != 200 || !strings.Contains(body, `"items"`) || strings.Contains(body, nobodyAddress) {
		t.Fatalf("a former applicant reads contacts for nobody through /api/: %d", status)
	}
}

// TestDeclinedMayNotAskAgainAtOnce: each request mails the managers, so a declined person waits.
func TestDeclinedMayNotAskAgainAtOnce(t *testing.T) {
	k := testkit.New(t)
	rep := newSite(t, k)
	rep.cookies["komitee_session"] = k.SessionID(t, k.Rep)
	rep.submit("/memberships/"+k.PendingMembership.Id+"/decline", url.Values{})
	requester := newSite(t, k)
	requester.cookies["komitee_session"] = k.SessionID(t, k.Requester)
	sent := k.App.TestMailer.TotalSend()
	if status, _, body := requester.do(http.MethodPost, "/organisations/"+k.Listed.GetString("slug")+"/join", url.Values{"message": {"Bitte!"}}); status != 422 ||
		!strings.Contains(body, "in einer Woche") || k.App.TestMailer.TotalSend() != sent {
		t.Fatalf("asked again at once: %d", status)
	}
}

// TestNoSignUpOverTheAPI: accounts are created on the page only. PocketBase's sign-up over
// /api/ told whether an address had an account ("value must be unique"); now it answers 403
// the same for a new and a taken address, and creates nothing.
func TestNoSignUpOverTheAPI(t *testing.T) {
	body := func(email string) *strings.Reader {
		return strings.NewReader(`{"name":"Api Person","email":"` + email + `","password":"lang genug 123","passwordConfirm":"lang genug 123","privacy_consent":true}`)
	}
	for _, email := range []string{"api@example.org", "member@example.org"} {
		s := tests.ApiScenario{Name: email, Method: http.MethodPost, URL: "/api/collections/users/records", Body: body(email),
			ExpectedStatus: 403, ExpectedContent: []string{`"status":403`}, NotExpectedContent: []string{"validation_not_unique"},
			TestAppFactory: factory(nil),
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if _, err := app.FindAuthRecordByEmail("users", "api@example.org"); err == nil {
					t.Fatal("an account was created over /api/")
				}
			}}
		s.Test(t)
	}
}
