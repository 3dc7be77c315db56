package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/locales"
)

// TestTopicsJourney is the topics issue's journey in a real browser at phone size: members
// propose five topics and two comment; a coordinator opens a round with one voice per
// organisation, 5 dots, at most 3 per topic; the representatives of three organisations vote,
// and one that tries to put more than its dots is stopped with a clear message; the round
// closes; the top two topics go onto the next meeting's agenda; a topic's page shows its rank
// and its agenda item. Every page is checked with axe-core in German and Arabic.
func TestTopicsJourney(t *testing.T) {
	axe := axeSource(t)
	if chromePath() == "" {
		unavailable(t, "no Chromium found: install chromium or set CHROME_PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	srv := startServer(t)
	people := meetingPeople(t, srv.app) // coordinator; Amal (ar, representative) and Boris of Verein Brücke
	reps := []string{mAmalEmail}
	for _, o := range []struct{ org, name, email, lang string }{{"Integrationshilfe Kamenz", "Chen Li", "chen@example.org", "en"},
		{"Ukrainischer Verein Bautzen", "Olena Koval", "olena@example.org", "de"}} {
		u := saveRecord(t, srv.app, "users", map[string]any{"name": o.name, "language": o.lang, "privacy_accepted": time.Now(), "privacy_version": "1"},
			func(r *core.Record) { r.SetEmail(o.email); r.SetPassword(mPassword); r.SetVerified(true) })
		org := saveRecord(t, srv.app, "organisations", map[string]any{"name": o.org, "slug": committee.Slugify(o.org), "kind": "mso",
			"status": "member", "applicant": u.Id}, nil)
		saveRecord(t, srv.app, "memberships", map[string]any{"user": u.Id, "organisation": org.Id, "role": "representative", "status": "active"}, nil)
		reps = append(reps, o.email)
	}
	meeting, err := committee.CreateMeeting(srv.app, committee.AsUser(mustUser(t, srv.app, mCoordEmail)),
		committee.MeetingInput{Title: "Nächste Komitee-Sitzung", Kind: "committee", Visibility: "members"})
	if err != nil {
		t.Fatal(err)
	}
	_ = people
	b := startBrowser(t, ctx, srv.base, axe)

	// 1. Members propose five topics; two members comment.
	t.Log("1. propose and comment")
	titles := []string{"Dolmetschpool für Behördengänge", "Elterncafé in Kamenz", "Sprachkurse mit Kinderbetreuung",
		"Interkulturelles Fest", "Beratung zu Arbeit"}
	var topicPaths []string
	for i, title := range titles {
		if i == 0 || i == 3 {
			if i > 0 {
				b.logout("")
			}
			b.login([]string{mAmalEmail, mBorisEmail}[i/3])
		}
		b.open("/topics")
		if i == 0 {
			b.auditBoth("topics list, empty", "ar")
		}
		b.click(`[data-testid="propose-topic"]`, "/topics/new", `form[action="/topics/new"]`)
		if i == 0 {
			b.auditBoth("propose form", "ar")
			b.click(`form[action="/topics/new"] button[type="submit"]`, "/topics/new", `[data-testid="error-summary"]`)
			b.audit("propose form with errors")
		}
		b.typeInto("#f-title", title)
		b.choose("#f-topic_kind", "topic")
		b.typeInto("#f-description", "Warum das wichtig ist: **"+title+"**")
		b.click(`form[action="/topics/new"] button[type="submit"]`, "", `[data-testid="topic-status"]`)
		topicPaths = append(topicPaths, b.path())
	}
	b.auditBoth("topic page, member", "de")
	comment := func(path, text string) {
		b.open(path)
		b.typeInto(`form[data-testid="comment-form"] textarea`, text)
		b.click(`form[data-testid="comment-form"] button[type="submit"]`, path, `[data-testid="flash"]`)
		if !strings.Contains(b.text("main"), text) {
			t.Errorf("the comment %q is not on the page", text)
		}
	}
	comment(topicPaths[0], "Das brauchen wir dringend, vor allem für Arabisch und Ukrainisch.")
	b.logout("")
	b.login(mAmalEmail)
	comment(topicPaths[0], "Wir können zwei Dolmetscherinnen beitragen.")
	b.auditBoth("topic page with comments", "ar")
	b.logout("")

	// 2. The coordinator opens a round: one voice per organisation, 5 dots, at most 3 per topic.
	t.Log("2. open a round")
	b.login(mCoordEmail)
	b.open("/rounds/new")
	b.auditBoth("open a round form", "de")
	b.typeInto("#f-title", "Prioritäten 2027")
	for i := range titles {
		id := strings.TrimPrefix(topicPaths[i], "/topics/")
		b.do("tick a topic", chromedp.Click(chromedp.CSS(`input[name="topics"][value="`+id+`"]`)))
	}
	b.choose("#f-voters", "organisations")
	b.setValue("#f-dots", "5")
	b.setValue("#f-max_per_topic", "3")
	b.click(`form[data-testid="round-form"] button[type="submit"]`, "", `[data-testid="round-state"]`)
	roundPath := b.path()
	if !strings.HasPrefix(roundPath, "/rounds/") {
		b.fatalf("after opening the round the page is %s", roundPath)
	}
	b.auditBoth("round page, coordinator", "de")
	b.logout("")

	// 3. Three organisations vote; one tries to exceed its dots.
	t.Log("3. vote")
	vote := func(email string, dots map[int]string) {
		b.login(email)
		b.open(roundPath)
		for i, n := range dots {
			b.typeInto("#f-dots-"+strings.TrimPrefix(topicPaths[i], "/topics/"), n)
		}
		b.click(`form[data-testid="vote-form"] button[type="submit"]`, roundPath, `[data-testid="flash"]`)
	}
	vote(mAmalEmail, map[int]string{0: "3", 2: "2"})
	b.auditBoth("round page after voting", "ar")
	b.logout("")
	vote("chen@example.org", map[int]string{0: "2", 1: "3"})
	b.logout("")
	b.login("olena@example.org")
	b.open(roundPath)
	for i, n := range map[int]string{1: "3", 2: "3"} {
		b.typeInto("#f-dots-"+strings.TrimPrefix(topicPaths[i], "/topics/"), n)
	}
	b.click(`form[data-testid="vote-form"] button[type="submit"]`, "", `[data-testid="error-summary"]`)
	if got, want := b.text(`[data-testid="error-summary"]`), locales.T("de", "rounds.error.too_many_dots"); !strings.Contains(got, want) {
		t.Errorf("exceeding the dots says %q, want %q", got, want)
	}
	b.audit("round page, too many dots")
	b.typeInto("#f-dots-"+strings.TrimPrefix(topicPaths[2], "/topics/"), "2")
	b.click(`form[data-testid="vote-form"] button[type="submit"]`, roundPath, `[data-testid="flash"]`)
	b.logout("")

	// 4. The round closes; 5. the top two topics go onto the next meeting's agenda.
	t.Log("4. close, 5. agenda")
	b.login(mCoordEmail)
	b.open(roundPath)
	b.click(`[data-testid="close-round"]`, roundPath, `form[data-testid="agenda-form"]`)
	results := eval[[]string](b, `[...document.querySelectorAll('[data-testid="results"] li a')].map(e => e.innerText)`)
	// Dots: Dolmetschpool 5, Elterncafé 6, Sprachkurse 4: the ranking follows them.
	if len(results) < 3 || results[0] != titles[1] || results[1] != titles[0] || results[2] != titles[2] {
		t.Errorf("ranking %q", results)
	}
	if got := b.text(`[data-testid="ballots"]`); !strings.Contains(got, "3") {
		t.Errorf("ballots: %q, want 3 organisations", got)
	}
	b.auditBoth("closed round with results", "de")
	b.choose("#f-meeting", meeting.Id)
	b.click(`form[data-testid="agenda-form"] button[type="submit"]`, "/meetings/"+meeting.Id, `[data-testid="agenda"]`)
	items := eval[[]string](b, `[...document.querySelectorAll('[data-testid="agenda"] li strong')].map(e => e.innerText)`)
	if strings.Join(items, "|") != titles[1]+"|"+titles[0] {
		t.Errorf("the meeting's agenda is %q", items)
	}

	// 6. A topic's page shows its rank in the round and its agenda item.
	t.Log("6. topic history")
	b.open(topicPaths[1])
	history := b.text(`[data-testid="topic-history"]`)
	for _, want := range []string{"Prioritäten 2027", "1", "Nächste Komitee-Sitzung"} {
		if !strings.Contains(history, want) {
			t.Errorf("the topic's history lacks %q:\n%s", want, history)
		}
	}
	b.auditBoth("topic page with history", "de")
	b.open("/topics?sort=rank")
	b.auditBoth("topics ranked", "de")
	for _, e := range b.consoleErrors() {
		t.Errorf("browser console: %s", e)
	}
	t.Logf("axe checked %d page views", len(b.checked))
}

func mustUser(t *testing.T, app core.App, email string) *core.Record {
	t.Helper()
	u, err := app.FindAuthRecordByEmail("users", email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
