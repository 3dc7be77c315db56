package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// mailWalk is the walk both mail tests take: sign-up, a password reset, a guest's registration
// for a public event, and a coordinator scheduling a meeting. It returns the answers' flashes
// and pages for the test to judge; every step asserts that nothing was lost.
type mailWalk struct {
	signUpFlash, resetPage, guestPage, scheduleFlash, meetingPage string
	resetStatus                                                   int
	meeting                                                       *core.Record
}

func walkMail(t *testing.T, k *testkit.Kit) mailWalk {
	t.Helper()
	var w mailWalk
	// Sign-up: the account is kept whatever the mail did.
	visitor := newSite(t, k)
	status, loc, _ := visitor.do(http.MethodPost, "/register", url.Values{"name": {"Neue Person"}, "email": {"neu@example.org"},
		"password": {"ein langes neues passwort"}, "language": {"de"}, "consent": {"on"}})
	if status != http.StatusSeeOther || loc != "/login" {
		t.Fatalf("sign-up: %d %q", status, loc)
	}
	w.signUpFlash = visitor.cookies["komitee_flash"]
	if _, err := k.App.FindAuthRecordByEmail("users", "neu@example.org"); err != nil {
		t.Fatalf("sign-up: the account is lost: %v", err)
	}
	// The password reset of an account.
	// (A success answers with a redirect to the page that says so: Post/Redirect/Get.)
	resetter := newSite(t, k)
	w.resetStatus, loc, w.resetPage = resetter.do(http.MethodPost, "/password-reset", url.Values{"email": {"member@example.org"}})
	if w.resetStatus == http.StatusSeeOther {
		w.resetStatus, _, w.resetPage = resetter.do(http.MethodGet, loc, nil)
	}
	// A guest registers for a public event.
	event := k.Record(t, "meetings", map[string]any{"title": "Sommerfest", "kind": "public_event", "status": "scheduled",
		"visibility": "public", "starts": time.Now().Add(72 * time.Hour).UTC(), "ends": time.Now().Add(74 * time.Hour).UTC()})
	guest := newSite(t, k)
	status, loc, w.guestPage = guest.do(http.MethodPost, "/meetings/"+event.Id+"/register",
		url.Values{"answer": {"yes"}, "name": {"Leyla Gast"}, "email": {"leyla@example.org"}, "people": {"1"}})
	if status == http.StatusSeeOther {
		status, _, w.guestPage = guest.do(http.MethodGet, loc, nil)
	}
	if status != http.StatusOK {
		t.Fatalf("guest registration: %d", status)
	}
	if _, err := k.App.FindFirstRecordByFilter("registrations", "meeting = {:m} && email = 'leyla@example.org'", dbx.Params{"m": event.Id}); err != nil {
		t.Fatalf("guest registration lost: %v", err)
	}
	// A coordinator schedules a meeting: every member and coordinator is invited.
	w.meeting = k.Record(t, "meetings", map[string]any{"title": "Herbstsitzung", "kind": "committee", "status": "draft",
		"visibility": "members", "starts": time.Now().Add(14 * 24 * time.Hour).UTC(), "ends": time.Now().Add(14*24*time.Hour + 2*time.Hour).UTC()})
	coord := loginAs(t, k, k.Coordinator.Email(), firefoxAndroid)
	page := "/meetings/" + w.meeting.Id
	if loc := coord.submit(page+"/status", url.Values{"action": {"schedule"}}); loc != page {
		t.Fatalf("schedule: to %q", loc)
	}
	w.scheduleFlash = coord.cookies["komitee_flash"]
	w.meetingPage = coord.get(page, http.StatusOK)
	if m, _ := k.App.FindRecordById("meetings", w.meeting.Id); m.GetString("status") != "scheduled" {
		t.Fatalf("the meeting is %q, want scheduled", m.GetString("status"))
	}
	return w
}

// invitees counts the people an invitation goes to: members and coordinators.
func invitees(t *testing.T, k *testkit.Kit) int {
	t.Helper()
	n, err := k.App.CountRecords("users", dbx.Or(dbx.HashExp{"member": true}, dbx.HashExp{"coordinator": true}))
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestMailFailingNeverBreaksAPage walks sign-up, a password reset, a guest registration and
// scheduling a meeting with a mail server that refuses everything: no 500 (site fails on any),
// nothing lost, each page says what happened, and the coordinators see every failure.
func TestMailFailingNeverBreaksAPage(t *testing.T) {
	k := testkit.New(t)
	k.FailMail(t)
	w := walkMail(t, k)
	if w.signUpFlash != "flash.registered_mail_failed" {
		t.Errorf("sign-up flash %q", w.signUpFlash)
	}
	if w.resetStatus != http.StatusUnprocessableEntity || !strings.Contains(w.resetPage, "konnte gerade nicht verschickt werden") ||
		!strings.Contains(w.resetPage, "Die Koordination sieht den Fehler.") {
		t.Errorf("password reset: %d, the page does not say the mail failed", w.resetStatus)
	}
	if !strings.Contains(w.guestPage, `data-testid="guest-mail-failed"`) || !strings.Contains(w.guestPage, "Die Koordination sieht den Fehler.") {
		t.Error("guest registration: the page does not say the mail failed")
	}
	n := invitees(t, k)
	if n < 2 {
		t.Fatalf("only %d invitees: the plural is not tested", n)
	}
	if w.scheduleFlash != "flash.mails_failed.invite:"+strconv.Itoa(n) {
		t.Errorf("schedule flash %q, want the %d failed invitations", w.scheduleFlash, n)
	}
	want := "Die Einladungen an " + strconv.Itoa(n) + " Personen konnten aber nicht verschickt werden; die Koordination sieht das unter „Koordination“."
	if !strings.Contains(w.meetingPage, want) {
		t.Errorf("the meeting page does not say %q", want)
	}

	// Every failure is in the log, without a link (links carry secrets).
	logged, err := k.App.FindAllRecords("mail_log")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, r := range logged {
		kinds[r.GetString("kind")]++
		for _, f := range []string{"subject", "error"} {
			if strings.Contains(r.GetString(f), "http") {
				t.Errorf("a logged %s holds a link: %q", f, r.GetString(f))
			}
		}
	}
	for kind, want := range map[string]int{"mail.verify.subject": 1, "mail.reset.subject": 1, "mail.guest.subject": 1, "mail.meeting.invite.subject": n} {
		if kinds[kind] != want {
			t.Errorf("%s logged %d times, want %d", kind, kinds[kind], want)
		}
	}

	// The coordinators see them on their desk.
	desk := loginAs(t, k, k.Coordinator.Email(), firefoxAndroid).get("/coordination", http.StatusOK)
	for _, s := range []string{`data-testid="mail-failures"`, "neu@example.org", "member@example.org", "leyla@example.org",
		"Herbstsitzung", "554 the mail server refuses", `data-testid="mail-no-smtp"`, `href="/_/#/settings/mail"`, `data-testid="mail-test"`} {
		if !strings.Contains(desk, s) {
			t.Errorf("the coordination page lacks %q", s)
		}
	}
	if strings.Contains(desk, "/password-reset/") {
		t.Error("the coordination page shows a reset link")
	}
}

// TestWorkingMailRecordsNoFailure: the same walk with mail working logs nothing, says that the
// mails went out, and the coordinators see no failure.
func TestWorkingMailRecordsNoFailure(t *testing.T) {
	k := testkit.New(t)
	w := walkMail(t, k)
	if w.signUpFlash != "flash.registered" || w.resetStatus != http.StatusOK || w.scheduleFlash != "flash.saved" ||
		strings.Contains(w.guestPage, `data-testid="guest-mail-failed"`) {
		t.Errorf("answers: sign-up %q, reset %d, schedule %q", w.signUpFlash, w.resetStatus, w.scheduleFlash)
	}
	if strings.Contains(w.meetingPage, "nicht verschickt") {
		t.Error("the meeting page reports failed mails")
	}
	if n, _ := k.App.CountRecords("mail_log"); n != 0 {
		t.Errorf("%d mails logged as failed", n)
	}
	if sent := len(k.App.TestMailer.Messages()); sent < 3+invitees(t, k) {
		t.Errorf("only %d mails sent", sent)
	}
	desk := loginAs(t, k, k.Coordinator.Email(), firefoxAndroid).get("/coordination", http.StatusOK)
	if !strings.Contains(desk, `data-testid="mail-no-failures"`) || strings.Contains(desk, `data-testid="mail-failure"`) {
		t.Error("the coordination page lists failures")
	}
}

// TestTestMail: the button mails the coordinator and says so; with mail failing it says that,
// and the failure is listed. Never a 500 (site fails on any).
func TestTestMail(t *testing.T) {
	k := testkit.New(t)
	coord := loginAs(t, k, k.Coordinator.Email(), firefoxAndroid)
	k.App.TestMailer.Reset()
	if loc := coord.submit("/coordination/mail/test", url.Values{}); loc != "/coordination#mail" {
		t.Fatalf("to %q", loc)
	}
	msgs := k.App.TestMailer.Messages()
	if len(msgs) != 1 || msgs[0].To[0].Address != k.Coordinator.Email() || !strings.Contains(msgs[0].Subject, "Test") {
		t.Fatalf("test mail: %d sent", len(msgs))
	}
	if !strings.Contains(coord.get("/coordination", http.StatusOK), "Die Test-E-Mail ist an Ihre Adresse verschickt.") {
		t.Error("no flash for the sent test mail")
	}
	k.FailMail(t)
	coord.submit("/coordination/mail/test", url.Values{})
	desk := coord.get("/coordination", http.StatusOK)
	if !strings.Contains(desk, "Die Test-E-Mail konnte nicht verschickt werden.") || !strings.Contains(desk, `data-testid="mail-failure"`) {
		t.Error("the failed test mail is not reported and listed")
	}
}

// TestSetupSaysMailMustBeSetUp: the first-run page links to the dashboard's mail settings.
func TestSetupSaysMailMustBeSetUp(t *testing.T) {
	k := testkit.New(t)
	com := committee.LoadCommittee(k.App) // reopen setup as if the committee were new
	com.Set("setup_done", "")
	com.Set("setup_token", "")
	if err := k.App.Save(com.Record); err != nil {
		t.Fatal(err)
	}
	token, err := committee.SetupToken(k.App)
	if err != nil || token == "" {
		t.Fatal("no token", err)
	}
	page := newSite(t, k).get("/setup/"+token, http.StatusOK)
	if !strings.Contains(page, `data-testid="setup-mail"`) || !strings.Contains(page, `href="/_/#/settings/mail"`) {
		t.Error("the setup page does not say that mail must be set up")
	}
}

// TestMeetingChangeAndCancelSayMailsFailed: with mail failing, moving a scheduled meeting and
// calling it off are kept, and the page says how many people the mail did not reach.
func TestMeetingChangeAndCancelSayMailsFailed(t *testing.T) {
	k := testkit.New(t)
	starts, err := committee.ParseLocal(committee.LocalDate(time.Now().Add(10*24*time.Hour)), "10:00")
	if err != nil {
		t.Fatal(err)
	}
	starts = starts.UTC()
	m := k.Record(t, "meetings", map[string]any{"title": "Wintersitzung", "kind": "committee", "status": "scheduled",
		"visibility": "members", "starts": starts, "ends": starts.Add(2 * time.Hour), "place_name": "Landratsamt"})
	k.FailMail(t)
	n := strconv.Itoa(invitees(t, k))
	coord := loginAs(t, k, k.Coordinator.Email(), firefoxAndroid)
	page := "/meetings/" + m.Id
	in := url.Values{"title": {"Wintersitzung"}, "kind": {"committee"}, "visibility": {"members"},
		"date": {committee.LocalDate(starts)}, "start": {committee.LocalClock(starts)}, "end": {committee.LocalClock(starts.Add(2 * time.Hour))},
		"place_name": {"Kreistagssaal"}}
	coord.submit(page+"/edit", in)
	if got := coord.cookies["komitee_flash"]; got != "flash.mails_failed.change:"+n {
		t.Errorf("change: flash %q", got)
	}
	if !strings.Contains(coord.get(page, http.StatusOK), "Die Nachricht über die Änderung konnte aber an "+n+" Personen nicht verschickt werden") {
		t.Error("change: the page does not say the mails failed")
	}
	if r, _ := k.App.FindRecordById("meetings", m.Id); r.GetString("place_name") != "Kreistagssaal" {
		t.Error("change: not saved")
	}
	coord.submit(page+"/status", url.Values{"action": {"cancel"}})
	if got := coord.cookies["komitee_flash"]; got != "flash.mails_failed.cancel:"+n {
		t.Errorf("cancel: flash %q", got)
	}
	if r, _ := k.App.FindRecordById("meetings", m.Id); r.GetString("status") != "cancelled" {
		t.Error("cancel: not kept")
	}
}

// TestApprovalSaysMailFailed: an approved application stays approved when the mail to the
// applicant fails, and the desk says that one mail did not go out (one person: singular).
func TestApprovalSaysMailFailed(t *testing.T) {
	k := testkit.New(t)
	k.FailMail(t)
	coord := loginAs(t, k, k.Coordinator.Email(), firefoxAndroid)
	coord.submit("/coordination/organisations/"+k.Pending.Id+"/approve", url.Values{"status": {"member"}})
	if got := coord.cookies["komitee_flash"]; got != "flash.mails_failed.other:1" {
		t.Errorf("flash %q", got)
	}
	desk := coord.get("/coordination", http.StatusOK)
	if !strings.Contains(desk, "Die E-Mail an 1 Person konnte aber nicht verschickt werden") {
		t.Error("the desk does not say the mail failed")
	}
	if r, _ := k.App.FindRecordById("organisations", k.Pending.Id); r.GetString("status") != "member" {
		t.Error("the approval is lost")
	}
}

// TestDeskSaysWhetherSMTPIsSet: without SMTP the desk says that PocketBase falls back to
// sendmail; with it, it names the server.
func TestDeskSaysWhetherSMTPIsSet(t *testing.T) {
	k := testkit.New(t)
	coord := loginAs(t, k, k.Coordinator.Email(), firefoxAndroid)
	if desk := coord.get("/coordination", http.StatusOK); !strings.Contains(desk, `data-testid="mail-no-smtp"`) || !strings.Contains(desk, "sendmail") {
		t.Error("without SMTP the desk does not say so")
	}
	k.App.Settings().SMTP.Enabled, k.App.Settings().SMTP.Host, k.App.Settings().SMTP.Port = true, "smtp.example.org", 587
	if desk := coord.get("/coordination", http.StatusOK); !strings.Contains(desk, `data-testid="mail-smtp"`) || !strings.Contains(desk, "<bdi>smtp.example.org:587</bdi>") ||
		strings.Contains(desk, `data-testid="mail-no-smtp"`) {
		t.Error("with SMTP the desk does not name the server")
	}
}

// TestPocketBaseMailFailureIsLogged: a mail PocketBase writes itself (its /api/ password reset)
// that cannot be sent is in the mail log too, as Komitee's own are.
func TestPocketBaseMailFailureIsLogged(t *testing.T) {
	k := testkit.New(t)
	k.FailMail(t)
	status, _, body := newSite(t, k).sendJSON(http.MethodPost, "/api/collections/users/request-password-reset",
		strings.NewReader(`{"email":"member@example.org"}`), "")
	if status != http.StatusNoContent {
		t.Fatalf("reset over /api/: %d %s", status, body)
	}
	deadline := time.Now().Add(5 * time.Second) // PocketBase sends it in the background
	for {
		if n, _ := k.App.CountRecords("mail_log", dbx.HashExp{"kind": "mail.pocketbase", "recipient": "member@example.org"}); n == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the failed mail of PocketBase is not in the mail log")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestJoinSaysWhenItsMailFailed: a join request is kept when the mail to the representatives
// fails, and the page says so instead of "sent".
func TestJoinSaysWhenItsMailFailed(t *testing.T) {
	k := testkit.New(t)
	k.FailMail(t)
	s := loginAs(t, k, "registered@example.org", firefoxAndroid)
	s.submit("/organisations/"+k.Listed.GetString("slug")+"/join", url.Values{"message": {"Hallo"}})
	if got := s.cookies["komitee_flash"]; !strings.HasPrefix(got, "flash.mails_failed") {
		t.Errorf("flash %q, want the failed-mail message", got)
	}
	if n, _ := k.App.CountRecords("memberships", dbx.HashExp{"user": k.Registered.Id, "status": "pending"}); n != 1 {
		t.Errorf("%d pending requests, want 1", n)
	}
}
