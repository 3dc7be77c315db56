package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"komitee/committee"
	"komitee/internal/testkit"
)

// langOf is the page's language from <html lang=…>.
func langOf(body string) string {
	_, rest, _ := strings.Cut(body, `<html lang="`)
	lang, _, _ := strings.Cut(rest, `"`)
	return lang
}

// TestLangParam: ?lang=xx shows any page in that language and remembers it, so a shared link
// such as /meetings/abc?lang=ar opens in Arabic; the page cache never serves a page in the
// wrong language.
func TestLangParam(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	delete(s.cookies, "komitee_lang") // a visitor with a German browser
	meeting := "/meetings/" + k.PublicMeeting.Id
	if got := langOf(s.get(meeting, http.StatusOK)); got != "de" {
		t.Fatalf("without ?lang the page is %q", got)
	}
	body := s.get(meeting+"?lang=ar", http.StatusOK)
	if langOf(body) != "ar" || !strings.Contains(body, `dir="rtl"`) {
		t.Fatalf("?lang=ar shows %q", langOf(body))
	}
	if s.cookies["komitee_lang"] != "ar" {
		t.Fatalf("?lang=ar not remembered: %v", s.cookies)
	}
	if got := langOf(s.get("/organisations", http.StatusOK)); got != "ar" {
		t.Fatalf("the next page is %q, want the remembered ar", got)
	}
	// The cached pages: another visitor gets each in their own language.
	other := newSite(t, k)
	for _, c := range []struct{ path, cookie, want string }{
		{meeting, "de", "de"}, {meeting + "?lang=en", "de", "en"}, {meeting, "en", "en"}, {meeting, "de", "de"},
		{"/organisations?lang=ar", "de", "ar"}, {"/organisations", "de", "de"},
	} {
		other.cookies["komitee_lang"] = c.cookie
		if got := langOf(other.get(c.path, http.StatusOK)); got != c.want {
			t.Errorf("%s with cookie %s: page in %q, want %q", c.path, c.cookie, got, c.want)
		}
	}
	// An unknown language is ignored.
	other.cookies["komitee_lang"] = "de"
	if got := langOf(other.get(meeting+"?lang=xx", http.StatusOK)); got != "de" {
		t.Errorf("?lang=xx: page in %q", got)
	}
}

// TestLanguageSwitcherSavesTheProfile: for a signed-in person the switcher changes the
// account's language (mails follow it), so the next login keeps it; the way back drops a ?lang=
// that would switch again.
func TestLanguageSwitcherSavesTheProfile(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	_, cookie, _ := strings.Cut(k.Session(t, k.Member), "=")
	s.cookies["komitee_session"] = cookie
	status, loc, _ := s.do(http.MethodGet, "/lang?to=ar&next=/topics%3Flang%3Den%26page%3D2", nil)
	if status != http.StatusSeeOther || loc != "/topics?page=2" {
		t.Fatalf("switcher: %d to %q", status, loc)
	}
	u, err := k.App.FindRecordById("users", k.Member.Id)
	if err != nil {
		t.Fatal(err)
	}
	if u.GetString("language") != "ar" {
		t.Fatalf("account language %q after switching to ar", u.GetString("language"))
	}
	// A new login (no language cookie) comes back in Arabic.
	delete(s.cookies, "komitee_lang")
	if got := langOf(s.get("/profile", http.StatusOK)); got != "ar" {
		t.Fatalf("after the switch the profile is in %q", got)
	}
	// The public's switch changes no account.
	pub := newSite(t, k)
	if status, _, _ := pub.do(http.MethodGet, "/lang?to=en&next=/", nil); status != http.StatusSeeOther || pub.cookies["komitee_lang"] != "en" {
		t.Fatalf("public switch: %d %v", status, pub.cookies)
	}
}

// TestRoundResultsRankOnceAndPlural: each result line shows its rank once (the list's own
// number), tied topics share theirs, and the counts read right ("1 Stimme", "1 vote", "صوت واحد").
func TestRoundResultsRankOnceAndPlural(t *testing.T) {
	k := testkit.New(t)
	r, topics := roundWithTopics(t, k, false)
	rep := newSite(t, k)
	rep.cookies["komitee_session"] = k.SessionID(t, k.Rep)
	page := "/rounds/" + r.Id
	rep.submit(page+"/vote", url.Values{"organisation": {k.Listed.Id}, "dots_" + topics[0].Id: {"2"},
		"dots_" + topics[1].Id: {"2"}, "dots_" + topics[2].Id: {"1"}})
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	coord.submit(page+"/close", url.Values{})
	body := coord.get(page, http.StatusOK)
	_, results, _ := strings.Cut(body, `data-testid="results"`)
	results, _, _ = strings.Cut(results, "</section>")
	if strings.Count(results, `<li value="1"`) != 2 || strings.Count(results, `<li value="3"`) != 1 || strings.Contains(results, `class="rank"`) {
		t.Errorf("ranks not once, or the tie does not share its rank:\n%s", results)
	}
	if !strings.Contains(results, "2 Punkte von 1 Stimme<") || strings.Contains(results, "1 Stimmen") {
		t.Errorf("counts bypass the plural rules:\n%s", results)
	}
	for lang, want := range map[string]string{"en": "2 dots from 1 vote<", "ar": "نقطتان من صوت واحد<"} {
		coord.cookies["komitee_lang"] = lang
		if body := coord.get(page, http.StatusOK); !strings.Contains(body, want) {
			t.Errorf("%s: no %q", lang, want)
		}
	}
}

// TestEmptyChoicesSayWhatTheyMean: an optional choice's empty option says what it means
// ("for myself", "no interpreting", "nobody"); "– alle –" stays for list filters.
func TestEmptyChoicesSayWhatTheyMean(t *testing.T) {
	k := testkit.New(t)
	soon := time.Now().Add(40 * 24 * time.Hour).UTC().Truncate(time.Hour)
	poll := k.Record(t, "meetings", map[string]any{"title": "Terminsuche", "kind": "committee", "status": "date_finding", "visibility": "members"})
	k.Record(t, "meeting_dates", map[string]any{"meeting": poll.Id, "starts": soon, "ends": soon.Add(time.Hour)})
	rep := newSite(t, k)
	rep.cookies["komitee_session"] = k.SessionID(t, k.Rep)
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	for _, c := range []struct {
		s     *site
		path  string
		wants []string
	}{
		{rep, "/meetings/" + k.PublicMeeting.Id + "/register", []string{"– für mich selbst –", "– kein Dolmetschen –"}},
		{rep, "/meetings/" + poll.Id, []string{"– für mich selbst –"}},
		{coord, "/meetings/" + k.HeldMeeting.Id + "/minutes/edit", []string{"– niemand –", "– keinem Punkt zugeordnet –"}},
	} {
		body := c.s.get(c.path, http.StatusOK)
		for _, want := range c.wants {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %q", c.path, want)
			}
		}
		if strings.Contains(body, "– alle –") {
			t.Errorf("%s: an empty choice says \"– alle –\"", c.path)
		}
	}
	if body := rep.get("/organisations", http.StatusOK); !strings.Contains(body, "– alle –") {
		t.Error("the directory's filters lost \"– alle –\"")
	}
}

// TestGermanPagesAreGerman: no English field names on German pages.
func TestGermanPagesAreGerman(t *testing.T) {
	k := testkit.New(t)
	rep := newSite(t, k)
	rep.cookies["komitee_session"] = k.SessionID(t, k.Rep)
	body := rep.get("/organisations/new", http.StatusOK)
	if strings.Contains(body, "Communities") || strings.Contains(body, "Community") || !strings.Contains(body, "Gemeinschaften") {
		t.Error("the organisation form says Communities on a German page")
	}
}

var (
	isoDate   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
	invisible = regexp.MustCompile(`(?s)<(script|style|template)\b.*?</(script|style|template)>|<!--.*?-->`)
	dateHint  = regexp.MustCompile(`(?s)<p class="hint"[^>]*>[^<]*</p>`) // a date field's format example ("z. B. 2026-01-31")
	tag       = regexp.MustCompile(`<[^>]*>`)
)

// visibleText is what a reader sees of a page: the text without tags and their attributes
// (datetime=, href=, value= keep ISO dates for machines).
func visibleText(body string) string {
	body = invisible.ReplaceAllString(body, " ")
	body = dateHint.ReplaceAllString(body, " ")
	return tag.ReplaceAllString(body, " ")
}

// TestNoISODatesOnPages renders the main pages in German, English and Arabic and fails on an
// ISO date (2019-03-11) in visible text: every date goes through the formatting functions.
func TestNoISODatesOnPages(t *testing.T) {
	k := testkit.New(t)
	k.Listed.Set("member_since", time.Date(2019, 3, 11, 0, 0, 0, 0, time.UTC))
	if err := k.App.Save(k.Listed); err != nil {
		t.Fatal(err)
	}
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	// An action item with a due date, on the minutes.
	coord.submit("/meetings/"+k.HeldMeeting.Id+"/actions", url.Values{"title": {"Raum buchen"},
		"organisation": {k.Listed.Id}, "due": {"2027-04-30"}})
	pages := []string{"/", "/organisations", "/organisations/" + k.Listed.GetString("slug"),
		"/meetings", "/meetings/" + k.PublicMeeting.Id, "/meetings/" + k.PublishedMeeting.Id + "/minutes",
		"/meetings/" + k.HeldMeeting.Id + "/minutes/edit", "/topics", "/topics/" + k.PublicTopic.Id,
		"/rounds", "/rounds/" + k.Round.Id, "/profile", "/coordination",
		"/coordination/report?from=2000-01-01&to=2040-12-31"}
	for _, lang := range []string{"de", "en", "ar"} {
		coord.cookies["komitee_lang"] = lang
		for _, p := range pages {
			text := visibleText(coord.get(p, http.StatusOK))
			if d := isoDate.FindString(text); d != "" {
				t.Errorf("%s %s shows the ISO date %s", lang, p, d)
			}
		}
	}
	coord.cookies["komitee_lang"] = "de"
	if text := visibleText(coord.get("/organisations/"+k.Listed.GetString("slug"), http.StatusOK)); !strings.Contains(text, "11. März 2019") {
		t.Error("the organisation page does not say since when it is a member")
	}
}

// unisolated lists where name stands in a page's text without its own direction: not alone in
// a <bdi> or in an element with dir="auto". (In an attribute it needs none.)
func unisolated(body, name string) []string {
	var bad []string
	for at := 0; ; {
		i := strings.Index(body[at:], name)
		if i < 0 {
			return bad
		}
		i += at
		at = i + len(name)
		before := body[:i]
		open, close := strings.LastIndex(before, "<"), strings.LastIndex(before, ">")
		if open > close {
			continue // inside a tag: an attribute
		}
		tagStart := strings.LastIndex(before[:close], "<")
		tag := before[tagStart : close+1]
		// Plain text only: the window's title and a choice in a list; and what only a screen
		// reader reads.
		if strings.HasPrefix(tag, "<title") || strings.HasPrefix(tag, "<option") || strings.Contains(tag, "visually-hidden") {
			continue
		}
		between := strings.TrimSpace(before[close+1:])
		after := strings.TrimSpace(body[at:])
		isolating := strings.HasPrefix(tag, "<bdi") || strings.Contains(tag, `dir="auto"`)
		if !isolating || between != "" || !strings.HasPrefix(after, "<") {
			from := max(0, i-120)
			bad = append(bad, body[from:min(len(body), at+20)])
		}
	}
}

// TestPeoplesTextKeepsItsDirection: on an Arabic page a German organisation's name ending in
// "e. V." is isolated (dir="auto" or <bdi>) wherever it appears, so the bidi algorithm does not
// move its full stop (".Syrischer Kulturverein Bautzen e. V"); so are people's names and the
// committee's own texts.
func TestPeoplesTextKeepsItsDirection(t *testing.T) {
	k := testkit.New(t)
	const name = "Syrischer Kulturverein Bautzen e. V."
	k.Listed.Set("name", name)
	k.Listed.Set("member_since", time.Date(2019, 3, 11, 0, 0, 0, 0, time.UTC))
	if err := k.App.Save(k.Listed); err != nil {
		t.Fatal(err)
	}
	// A place written in German.
	const place = "Landratsamt Bautzen, Bahnhofstr. 9."
	k.PublicMeeting.Set("place_name", place)
	k.PublicMeeting.Set("place_room", place)
	k.PublicMeeting.Set("place_address", place)
	if err := k.App.Save(k.PublicMeeting); err != nil {
		t.Fatal(err)
	}
	rep := committee.AsUser(k.Rep)
	topic, err := committee.ProposeTopic(k.App, rep, committee.TopicInput{Title: "Elterncafé", Kind: "topic", Organisation: k.Listed.Id})
	if err != nil {
		t.Fatal(err)
	}
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	coord.submit("/meetings/"+k.HeldMeeting.Id+"/actions", url.Values{"title": {"Raum buchen"},
		"organisation": {k.Listed.Id}, "person": {k.Rep.Id}})
	coord.cookies["komitee_lang"] = "ar"
	repSite := newSite(t, k)
	repSite.cookies["komitee_session"] = k.SessionID(t, k.Rep)
	repSite.cookies["komitee_lang"] = "ar"
	for _, c := range []struct {
		s    *site
		path string
	}{
		{coord, "/organisations"}, {coord, "/organisations/" + k.Listed.GetString("slug")},
		{coord, "/topics"}, {coord, "/topics/" + topic.Id},
		{coord, "/meetings/" + k.HeldMeeting.Id + "/minutes/edit"}, {coord, "/meetings/" + k.PublicMeeting.Id + "/register"},
		{coord, "/coordination"}, {repSite, "/profile"}, {repSite, "/"}, {coord, "/meetings"},
		{coord, "/meetings/" + k.PublicMeeting.Id}, {coord, "/meetings/" + k.HeldMeeting.Id + "/minutes"},
		{repSite, "/rounds/" + k.Round.Id}, {coord, "/meetings/" + k.PublicMeeting.Id + "/attendance"},
	} {
		body := c.s.get(c.path, http.StatusOK)
		for _, b := range unisolated(body, name) {
			t.Errorf("%s: the name is not isolated:\n%s", c.path, b)
		}
		for _, b := range unisolated(body, place) {
			t.Errorf("%s: the place is not isolated:\n%s", c.path, b)
		}
	}
}

// TestInvalidDatesOnForms: "gestern" as a due date and a meeting on 2026-02-31 or until 25:00
// get their own message next to the field, input kept; the daylight-saving message only for
// the hour the clocks skip.
func TestInvalidDatesOnForms(t *testing.T) {
	k := testkit.New(t)
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	status, _, body := coord.do(http.MethodPost, "/meetings/"+k.HeldMeeting.Id+"/actions", url.Values{"title": {"Raum buchen"},
		"organisation": {k.Listed.Id}, "due": {"gestern"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Dieses Datum gibt es nicht") ||
		strings.Contains(body, "Zeitumstellung") || !strings.Contains(body, `value="gestern"`) {
		t.Errorf("due gestern: %d, wrong message or input lost", status)
	}
	meeting := "/meetings/" + k.MembersMeeting.Id + "/edit"
	form := func(date, start, end string) url.Values {
		return url.Values{"title": {"Sitzung"}, "kind": {"committee"}, "visibility": {"members"},
			"date": {date}, "start": {start}, "end": {end}}
	}
	for _, c := range []struct {
		form      url.Values
		want, not string
	}{
		{form("2026-02-31", "10:00", "12:00"), "Dieses Datum gibt es nicht", "Zeitumstellung"},
		{form("2027-05-04", "10:00", "25:00"), "Diese Uhrzeit gibt es nicht", "Zeitumstellung"},
		{form("2027-03-28", "02:30", "04:00"), "Zeitumstellung", "Dieses Datum gibt es nicht"},
	} {
		status, _, body := coord.do(http.MethodPost, meeting, c.form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) || strings.Contains(body, c.not) {
			t.Errorf("%v: %d, want %q and not %q", c.form, status, c.want, c.not)
		}
	}
}
