package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/emersion/go-ical"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/locales"
)

// The people of the meetings journey: a coordinator, and two members of one organisation.
const (
	mCoordEmail = "koordination@komitee.example"
	mAmalEmail  = "amal.rep@example.org"
	mBorisEmail = "boris@example.org"
	mPassword   = "ein sicheres Passwort"
	mOrgName    = "Verein Brücke"
)

// TestMeetingJourney is the meetings issue's journey in a real browser at phone size: a
// coordinator creates a public committee meeting with three candidate dates; two members
// answer; the agenda gets three items and a member's suggestion is accepted; fixing the date
// invites everyone (the captured mails carry an .ics, read back with an iCalendar parser);
// members register with interpreting and childcare needs and the organiser sees the sums;
// attendance is taken; minutes with a decision and an action item are approved and published;
// and the public reads the minutes but sees no registration details, on the page or in /api/.
func TestMeetingJourney(t *testing.T) {
	axe := axeSource(t)
	if chromePath() == "" {
		unavailable(t, "no Chromium found: install chromium or set CHROME_PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	srv := startServer(t)
	people := meetingPeople(t, srv.app)
	b := startBrowser(t, ctx, srv.base, axe)

	// 1. The coordinator creates a meeting with three candidate dates.
	t.Log("1. create with three candidate dates")
	b.login(mCoordEmail)
	b.click(`nav.nav a[href="/meetings"]`, "/meetings", `[data-testid="meeting-count"]`)
	b.auditBoth("meetings list, empty", "de")
	b.click(`a[href="/meetings/new"]`, "/meetings/new", `form[action="/meetings/new"]`)
	b.auditBoth("new meeting form", "de")
	b.click(`form[action="/meetings/new"] button[type="submit"]`, "/meetings/new", `[data-testid="error-summary"]`)
	b.typeInto("#f-title", "Komitee-Sitzung Frühjahr")
	b.choose("#f-kind", "committee")
	b.choose("#f-visibility", "public")
	b.typeInto("#f-place_name", "Landratsamt Bautzen")
	b.typeInto("#f-place_access", "Stufenloser Eingang am Hof, Aufzug")
	b.setValue("#f-date", "2020-01-01")
	b.setValue("#f-start", "18:00")
	b.click(`form[action="/meetings/new"] button[type="submit"]`, "/meetings/new", `[data-testid="error-summary"]`)
	if got := b.text("#e-end"); got != locales.T("de", "meetings.error.date_incomplete") {
		t.Errorf("an incomplete date says %q at the end field", got)
	}
	if b.value("#f-title") != "Komitee-Sitzung Frühjahr" || b.value("#f-place_name") != "Landratsamt Bautzen" {
		t.Error("the meeting form lost what was typed")
	}
	b.audit("new meeting form with errors")
	b.setValue("#f-date", "")
	b.setValue("#f-start", "")
	b.click(`form[action="/meetings/new"] button[type="submit"]`, "", `[data-testid="meeting-status"]`)
	id := strings.TrimPrefix(b.path(), "/meetings/")
	if len(id) != 15 {
		b.fatalf("after creating, the page is %q", b.path())
	}
	page := "/meetings/" + id
	days := []time.Time{}
	for i, d := range []int{14, 15, 16} {
		day := time.Now().In(committee.Berlin).AddDate(0, 0, d)
		days = append(days, day)
		b.setValue("#f-cand-date", day.Format("2006-01-02"))
		b.setValue("#f-cand-start", "17:00")
		b.setValue("#f-cand-end", "19:00")
		b.click(`form[data-testid="date-form"] button[type="submit"]`, page, `[data-testid="flash"]`)
		if n := eval[int](b, `document.querySelectorAll(".date-list li").length`); n != i+1 {
			t.Fatalf("after proposing %d dates the page lists %d", i+1, n)
		}
	}
	b.click(`[data-testid="status-find_date"]`, page, `[data-testid="flash"]`)
	b.auditBoth("meeting in date finding, coordinator", "de")

	// 2. Two members answer (Amal in Arabic).
	t.Log("2. members answer")
	b.logout("")
	answer := func(email string, answers ...string) {
		b.login(email)
		b.open(page)
		for i, a := range answers {
			b.do("answer", chromedp.Click(chromedp.CSS(`[data-testid="answer-`+itoa(i)+`-`+a+`"]`)))
		}
		b.click(`form[data-testid="answer-form"] button[type="submit"]`, page, `[data-testid="flash"]`)
	}
	answer(mAmalEmail, "yes", "maybe", "no")
	b.auditBoth("date finding after answering, member", "ar")
	// Amal suggests an agenda item while she is here (step 3).
	b.do("open the suggestion form", chromedp.Click(chromedp.CSS(`details.add-item summary`)))
	b.typeInto("#f-agenda-title", "Dolmetschpool für Elternabende")
	b.typeInto("#f-agenda-duration", "20")
	b.click(`form[data-testid="agenda-form"] button[type="submit"]`, page, `[data-testid="suggestions"]`)
	b.logout("")
	answer(mBorisEmail, "yes", "no", "yes")
	b.logout("")

	// 3. The coordinator builds the agenda: three items, and accepts Amal's suggestion.
	t.Log("3. agenda")
	b.login(mCoordEmail)
	b.open(page)
	if got := b.text(`[data-testid="poll-total"]`); !strings.Contains(got, "Ja 2") {
		t.Errorf("the first date's total says %q, want two yes", got)
	}
	if got := b.text(`[data-testid="poll-card"]`); !strings.Contains(got, "Ja 2") {
		t.Errorf("the first date's card says %q, want two yes", got)
	}
	b.audit("date finding with answers, coordinator")
	b.zoomed("date finding with answers, coordinator")
	for _, item := range []struct{ title, minutes string }{{"Begrüßung", "10"}, {"Warum treffen wir uns heute?", "30"}, {"Welche Themen sind wichtig?", "45"}} {
		b.do("open the agenda form", chromedp.Click(chromedp.CSS(`details.add-item summary`)))
		b.typeInto("#f-agenda-title", item.title)
		b.typeInto("#f-agenda-duration", item.minutes)
		b.click(`form[data-testid="agenda-form"] button[type="submit"]`, page, `[data-testid="flash"]`)
	}
	// A problem at a POST-only form (an item without a title): HTMX shows it with the meeting's
	// address in the address bar (HX-Push-Url), and a reload shows the meeting, not a 405.
	b.do("open the agenda form", chromedp.Click(chromedp.CSS(`details.add-item summary`)))
	b.typeInto("#f-agenda-duration", "5")
	b.click(`form[data-testid="agenda-form"] button[type="submit"]`, page, `form[data-testid="agenda-form"] [aria-invalid="true"]`)
	if status := b.open(b.path()); status != 200 {
		t.Errorf("reloading after a problem at the agenda form: status %d", status)
	}
	b.click(`[data-testid="accept-suggestion"]`, page, `[data-testid="flash"]`)
	// Move the accepted suggestion (last) up by one, without JavaScript's help.
	b.click(`[data-testid="agenda"] li:last-child [data-testid="move-up"]`, page, `[data-testid="flash"]`)
	items := eval[[]string](b, `[...document.querySelectorAll('[data-testid="agenda"] li strong')].map(e => e.innerText)`)
	want := []string{"Begrüßung", "Warum treffen wir uns heute?", "Dolmetschpool für Elternabende", "Welche Themen sind wichtig?"}
	if strings.Join(items, "|") != strings.Join(want, "|") {
		t.Errorf("agenda %q, want %q", items, want)
	}
	b.auditBoth("meeting with agenda, coordinator", "de")
	editItem := eval[string](b, `document.querySelector('[data-testid="agenda"] li a[href$="/edit"]').getAttribute("href")`)
	b.open(editItem)
	b.auditBoth("agenda item form", "de")
	b.open(page)

	// 4. Fixing the best date invites every member with an .ics.
	t.Log("4. fix the date, invitations")
	srv.app.TestMailer.Reset()
	b.click(`[data-testid="fix-0"]`, page, `[data-testid="flash"]`)
	if got := b.text(`[data-testid="meeting-status"]`); !strings.Contains(got, locales.T("de", "meetings.status.scheduled")) {
		t.Errorf("after fixing the date the status is %q", got)
	}
	start, err := committee.ParseLocal(days[0].Format("2006-01-02"), "17:00")
	if err != nil {
		t.Fatal(err)
	}
	// The agenda's running times follow from the fixed start: 17:00, 17:10, 17:40, 18:00.
	times := eval[[]string](b, `[...document.querySelectorAll('[data-testid="agenda"] .agenda-time')].map(e => e.innerText)`)
	if strings.Join(times, " ") != "17:00 17:10 17:40 18:00" {
		t.Errorf("running start times %q", times)
	}
	for _, who := range []string{mAmalEmail, mBorisEmail} {
		mail := srv.mailTo(t, who, page)
		event := icsEvent(t, mail.Attachments)
		if uid, _ := event.Props.Text(ical.PropUID); !strings.HasPrefix(uid, id+"@") {
			t.Errorf("invitation to %s: UID %q does not name the meeting", who, uid)
		}
		if got, err := event.DateTimeStart(time.UTC); err != nil || !got.Equal(start) {
			t.Errorf("invitation to %s starts %v (%v), want %v", who, got, err, start)
		}
		if !strings.Contains(mail.Text, "Dolmetschpool für Elternabende") {
			t.Errorf("the invitation to %s lacks the agenda:\n%s", who, mail.Text)
		}
	}
	if mail := srv.mailTo(t, mAmalEmail, page); !strings.Contains(mail.HTML, `dir="rtl"`) {
		t.Error("Amal's invitation is not in Arabic")
	}

	// 5. Members register with their needs; the organiser sees the sums.
	t.Log("5. registrations")
	b.logout("")
	register := func(email string, fill func()) {
		b.login(email)
		b.open(page)
		b.click(`[data-testid="register-link"]`, page+"/register", `form[data-testid="registration-form"]`)
		fill()
		b.click(`form[data-testid="registration-form"] button[type="submit"]`, page, `[data-testid="my-registration"]`)
	}
	register(mAmalEmail, func() {
		b.auditBoth("registration form", "ar")
		b.do("yes", chromedp.Click(chromedp.CSS(`[data-testid="reg-yes"]`)))
		b.choose("#f-organisation", people.org)
		b.choose("#f-interpreting", "ar")
		b.typeInto("#f-children", "x")
		b.click(`form[data-testid="registration-form"] button[type="submit"]`, page+"/register", `[data-testid="error-summary"]`)
		if b.value("#f-interpreting") != "ar" {
			t.Error("the registration form lost the interpreting choice")
		}
		b.audit("registration form with errors")
		b.typeInto("#f-children", "2")
	})
	b.logout("")
	register(mBorisEmail, func() {
		b.do("yes", chromedp.Click(chromedp.CSS(`[data-testid="reg-yes"]`)))
		b.choose("#f-interpreting", "ar")
		b.do("wheelchair", chromedp.Click(chromedp.CSS(`#f-wheelchair`)))
		b.typeInto("#f-access_needs", "Bitte einen Platz nahe der Tür")
	})
	b.logout("")
	b.login(mCoordEmail)
	if status := b.open(page + "/registrations"); status != 200 {
		b.fatalf("registrations: status %d", status)
	}
	sums := b.text(`[data-testid="sums"]`)
	for _, want := range []string{"2 × Dolmetschen Arabisch", "2 Kinder", "1 Rollstuhlplatz", "2 Personen kommen"} {
		if !strings.Contains(sums, want) {
			t.Errorf("the sums lack %q:\n%s", want, sums)
		}
	}
	b.auditBoth("registrations with sums", "de")

	// 6. Attendance on the day: both registered people, and a walk-in.
	t.Log("6. attendance")
	b.open(page + "/attendance")
	b.do("tick everyone", chromedp.Click(chromedp.CSS(`input[name="present"]:nth-of-type(1)`)))
	eval[chromedp.Void](b, `document.querySelectorAll('input[name="present"]').forEach(e => e.checked = true)`)
	b.click(`form[data-testid="checkin-form"] button[type="submit"]`, page+"/attendance", `[data-testid="flash"]`)
	b.typeInto("#f-walk-name", "Frau Schulz")
	b.typeInto("#f-organisation_name", "Ausländerbehörde")
	b.choose("#f-group", "authority")
	b.click(`form[data-testid="walkin-form"] button[type="submit"]`, page+"/attendance", `[data-testid="walk-ins"]`)
	counts := b.text(`[data-testid="attendance-counts"]`)
	if !strings.Contains(counts, "3 Personen anwesend") || !strings.Contains(counts, "2 Organisationen vertreten") {
		t.Errorf("attendance counts:\n%s", counts)
	}
	b.auditBoth("attendance", "de")

	// 7. Minutes with a decision and an action item, approved and published.
	t.Log("7. minutes")
	// "Mark as held" is offered once the meeting has begun: the day has come.
	b.open(page)
	if b.exists(`[data-testid="status-held"]`) {
		t.Error("a meeting that has not begun offers \"mark as held\"")
	}
	begun, err := srv.app.FindRecordById("meetings", id)
	if err != nil {
		t.Fatal(err)
	}
	begun.Set("starts", time.Now().Add(-time.Hour).UTC())
	begun.Set("ends", time.Now().Add(time.Hour).UTC())
	if err := srv.app.Save(begun); err != nil {
		t.Fatal(err)
	}
	b.open(page)
	b.click(`[data-testid="status-held"]`, page, `[data-testid="flash"]`)
	b.open(page + "/minutes/edit")
	b.auditBoth("minutes editor", "de")
	b.typeInto(`form[data-testid="minutes-form"] textarea`, "Alle stellen sich vor.")
	b.typeInto("#f-fazit", "Wir treffen uns regelmäßig und sprechen mit einer Stimme.")
	b.click(`form[data-testid="minutes-form"] button[type="submit"]`, page+"/minutes/edit", `[data-testid="flash"]`)
	b.typeInto("#f-decision-text", "Das Komitee richtet einen Dolmetschpool ein.")
	b.typeInto("#f-votes_yes", "7")
	b.typeInto("#f-votes_no", "viele")
	b.click(`form[data-testid="decision-form"] button[type="submit"]`, "", `[data-testid="error-summary"]`)
	if b.value("#f-decision-text") != "Das Komitee richtet einen Dolmetschpool ein." {
		t.Error("the decision form lost the text")
	}
	b.typeInto("#f-votes_no", "0")
	b.click(`form[data-testid="decision-form"] button[type="submit"]`, page+"/minutes/edit", `[data-testid="flash"]`)
	b.typeInto("#f-action-title", "Liste der Dolmetscherinnen anlegen")
	b.choose("#f-action-org", people.org)
	b.setValue("#f-due", days[2].Format("2006-01-02"))
	b.click(`form[data-testid="action-form"] button[type="submit"]`, page+"/minutes/edit", `[data-testid="flash"]`)
	b.click(`[data-testid="approve-minutes"]`, page+"/minutes/edit", `[data-testid="publish-minutes"]`)
	b.choose("#f-audience", "public")
	b.click(`[data-testid="publish-minutes"]`, page+"/minutes/edit", `[data-testid="flash"]`)
	b.open("/coordination/report")
	// The report's default period is this calendar year; ask for the days around the meeting
	// (it began an hour ago, see above).
	today := time.Now().In(committee.Berlin)
	b.open("/coordination/report?from=" + today.AddDate(0, 0, -1).Format("2006-01-02") + "&to=" + today.AddDate(0, 0, 1).Format("2006-01-02"))
	if got := b.text(`[data-testid="report-meetings"]`); !strings.Contains(got, "Komitee-Sitzung Frühjahr") || !strings.Contains(got, "3") {
		t.Errorf("the funder report does not list the meeting with its 3 participants:\n%s", got)
	}
	b.auditBoth("funder report", "de")

	// 8. The public reads the minutes, but no registration details anywhere.
	t.Log("8. public")
	b.logout("")
	b.open("/meetings?when=past")
	b.auditBoth("past meetings, public", "de")
	b.open(page + "/minutes")
	b.auditBoth("published minutes, public", "de")
	for sel, want := range map[string]string{`[data-testid="decisions"]`: "Dolmetschpool ein", `[data-testid="actions"]`: mOrgName,
		`[data-testid="fazit"]`: "mit einer Stimme"} {
		if got := b.text(sel); !strings.Contains(got, want) {
			t.Errorf("public minutes %s: %q lacks %q", sel, got, want)
		}
	}
	b.open(page)
	body := b.text("main")
	for _, secret := range []string{"nahe der Tür", "Rollstuhl", "Amal", "Boris"} {
		if strings.Contains(body, secret) {
			t.Errorf("the public meeting page shows %q", secret)
		}
	}
	b.auditBoth("meeting page, public", "de")
	if n := apiCount(t, srv.base+"/api/collections/registrations/records?filter=meeting%3D%27"+id+"%27", ""); n != 0 {
		t.Errorf("the public gets %d registrations from /api/", n)
	}
	if n := apiCount(t, srv.base+"/api/collections/attendance/records", ""); n != 0 {
		t.Errorf("the public gets %d attendance rows from /api/", n)
	}
	if n := apiCount(t, srv.base+"/api/collections/decisions/records", ""); n != 1 {
		t.Errorf("the public gets %d decisions from /api/, want the published one", n)
	}
	if n := apiCount(t, srv.base+"/api/collections/registrations/records", people.amalToken); n != 1 {
		t.Errorf("Amal gets %d registrations from /api/, want her own", n)
	}
	for _, e := range b.consoleErrors() {
		t.Errorf("browser console: %s", e)
	}
	t.Logf("axe checked %d page views", len(b.checked))
}

type journeyPeople struct{ org, amalToken string }

// meetingPeople adds the journey's people directly: the setup and organisation flows have
// their own journey.
func meetingPeople(t *testing.T, app core.App) journeyPeople {
	t.Helper()
	token, err := committee.SetupToken(app)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := committee.CompleteSetup(app, token, committee.SetupInput{Committee: "Komitee Musterkreis", District: "Landkreis Musterkreis",
		Name: "Clara Koordination", Email: mCoordEmail, Password: mPassword, Language: "de"}); err != nil {
		t.Fatal(err)
	}
	person := func(name, email, lang string) *core.Record {
		u := saveRecord(t, app, "users", map[string]any{"name": name, "language": lang, "privacy_accepted": time.Now(), "privacy_version": "1"},
			func(r *core.Record) { r.SetEmail(email); r.SetPassword(mPassword); r.SetVerified(true) })
		return u
	}
	amal, boris := person("Amal Haddad", mAmalEmail, "ar"), person("Boris Novak", mBorisEmail, "de")
	org := saveRecord(t, app, "organisations", map[string]any{"name": mOrgName, "slug": committee.Slugify(mOrgName), "kind": "mso",
		"status": "member", "applicant": amal.Id}, nil)
	saveRecord(t, app, "memberships", map[string]any{"user": amal.Id, "organisation": org.Id, "role": "representative", "status": "active"}, nil)
	saveRecord(t, app, "memberships", map[string]any{"user": boris.Id, "organisation": org.Id, "role": "member", "status": "active"}, nil)
	amal, _ = app.FindRecordById("users", amal.Id)
	tok, err := amal.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return journeyPeople{org: org.Id, amalToken: tok}
}

func saveRecord(t *testing.T, app core.App, coll string, fields map[string]any, more func(*core.Record)) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(coll)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	for k, v := range fields {
		r.Set(k, v)
	}
	if more != nil {
		more(r)
	}
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

// icsEvent reads the one event of the .ics attachment with an iCalendar parser.
func icsEvent(t *testing.T, attachments map[string]io.Reader) *ical.Event {
	t.Helper()
	for name, r := range attachments {
		if !strings.HasSuffix(name, ".ics") {
			continue
		}
		data, _ := io.ReadAll(r)
		attachments[name] = bytes.NewReader(data) // readable again for the next look
		cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", name, err, data)
		}
		if events := cal.Events(); len(events) == 1 {
			return &events[0]
		}
		t.Fatalf("%s has %d events", name, len(cal.Events()))
	}
	t.Fatalf("no .ics attachment among %d", len(attachments))
	return nil
}

// apiCount is the totalItems of a PocketBase list request.
func apiCount(t *testing.T, url, token string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		TotalItems int `json:"totalItems"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != 200 {
		t.Fatalf("%s: status %d, %v", url, res.StatusCode, err)
	}
	return body.TotalItems
}

func itoa(i int) string { return string(rune('0' + i)) }

// login signs in through the login form and waits for the home page.
func (b *browser) login(email string) {
	b.t.Helper()
	b.open("/login")
	b.typeInto("#f-email", email)
	b.typeInto("#f-password", mPassword)
	b.click(`form[action="/login"] button[type="submit"]`, "/", `summary[data-testid="account-menu"]`)
}

// setValue sets a field's value directly (date and time pickers take no typed keys reliably)
// and tells the page it changed.
func (b *browser) setValue(sel, value string) {
	b.t.Helper()
	eval[chromedp.Void](b, `(() => { const e = document.querySelector(`+js(sel)+`); e.value = `+js(value)+`;
		e.dispatchEvent(new Event("change", {bubbles: true})) })()`)
}
