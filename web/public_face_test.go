package web_test

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"komitee/committee"
	"komitee/internal/testkit"
)

// The public face: editable pages, settings, the contact form, the home page for visitors, the
// sitemap, robots.txt and what every page tells search engines.

func asCoordinator(t *testing.T, k *testkit.Kit) *site {
	s := newSite(t, k)
	s.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	return s
}

func TestPageEditorPreviewsSavesAndFallsBack(t *testing.T) {
	k := testkit.New(t)
	coord := asCoordinator(t, k)
	form := coord.get("/pages/about/edit?language=de", 200)
	if !strings.Contains(form, `data-testid="page-form"`) {
		t.Fatalf("no page form:\n%s", form)
	}
	body := "Wir sind **das Komitee**.\n\n<script>alert(1)</script>"
	in := url.Values{"language": {"de"}, "title": {"Über uns"}, "description": {"Wer wir sind"}, "body": {body}, "action": {"preview"}}
	status, _, preview := coord.do(http.MethodPost, "/pages/about/edit", in)
	if status != 200 || !strings.Contains(preview, `data-testid="page-preview"`) || !strings.Contains(preview, "<strong>das Komitee</strong>") {
		t.Fatalf("preview: %d\n%s", status, preview)
	}
	if strings.Contains(preview, "<script>alert") {
		t.Error("the preview runs a script")
	}
	if !strings.Contains(preview, "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>") {
		t.Error("the preview does not keep the text in the form")
	}
	// A preview saves nothing.
	if status, _, _ := newSite(t, k).do(http.MethodGet, "/pages/about", nil); status != 404 {
		t.Errorf("after a preview the page exists: %d", status)
	}
	// Bad input: the problem at the field, the input kept.
	bad := url.Values{"language": {"de"}, "title": {""}, "body": {"Text bleibt"}, "action": {"save"}}
	status, _, page := coord.do(http.MethodPost, "/pages/about/edit", bad)
	if status != 422 || !strings.Contains(page, `id="e-title"`) || !strings.Contains(page, "Text bleibt</textarea>") ||
		!strings.Contains(page, `aria-invalid="true"`) {
		t.Fatalf("empty title: %d\n%s", status, page)
	}
	in.Set("action", "save")
	if loc := coord.submit("/pages/about/edit", in); loc != "/pages/about" {
		t.Errorf("saved: to %q", loc)
	}
	visitor := newSite(t, k)
	shown := visitor.get("/pages/about", 200)
	if !strings.Contains(shown, "<strong>das Komitee</strong>") || strings.Contains(shown, "<script>alert") ||
		!strings.Contains(shown, `<meta name="description" content="Wer wir sind">`) {
		t.Errorf("the saved page:\n%s", shown)
	}
	if strings.Contains(shown, `data-testid="page-fallback"`) || strings.Contains(shown, `data-testid="page-edit"`) {
		t.Error("German page in German: no fallback note, and no edit link for the public")
	}
	// Missing in English: the German text with a note.
	en := visitor.get("/pages/about?lang=en", 200)
	if !strings.Contains(en, `data-testid="page-fallback"`) || !strings.Contains(en, "<strong>das Komitee</strong>") || !strings.Contains(en, `lang="de"`) {
		t.Errorf("English reader of a German-only page:\n%s", en)
	}
	// The visitor's home page shows it (the cache was emptied by the save).
	if home := visitor.get("/", 200); !strings.Contains(home, `data-testid="home-about"`) || !strings.Contains(home, "<strong>das Komitee</strong>") {
		t.Errorf("home page without the about page:\n%s", home)
	}
	// The English version, once written, replaces the fallback.
	coord.submit("/pages/about/edit", url.Values{"language": {"en"}, "title": {"About us"}, "body": {"We are *the committee*."}, "action": {"save"}})
	if en := visitor.get("/pages/about?lang=en", 200); strings.Contains(en, `data-testid="page-fallback"`) || !strings.Contains(en, "<em>the committee</em>") {
		t.Errorf("English page:\n%s", en)
	}
}

// TestPagesAreSanitised: script, iframe, event handlers and javascript: links written into a
// page never reach the reader, on the page or on the home page.
func TestPagesAreSanitised(t *testing.T) {
	k := testkit.New(t)
	coord := asCoordinator(t, k)
	evil := "# Ziele\n\n<script>alert('s')</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n" +
		"<img src=\"x.png\" onerror=\"alert('e')\">\n\n<a href=\"javascript:alert('a')\">klick</a>\n\n[Verweis](javascript:alert('m'))\n\n" +
		"<p onclick=\"alert('c')\">Absatz</p>\n\n<svg onload=\"alert('o')\"></svg>"
	coord.submit("/pages/goals/edit", url.Values{"language": {"de"}, "title": {"Ziele"}, "body": {evil}, "action": {"save"}})
	for _, path := range []string{"/pages/goals", "/"} {
		body := newSite(t, k).get(path, 200)
		main := body[strings.Index(body, "<main"):]
		for _, bad := range []string{"<script", "<iframe", "onerror", "onclick", "onload", "javascript:", "<svg"} {
			if strings.Contains(main, bad) {
				t.Errorf("%s keeps %q:\n%s", path, bad, main)
			}
		}
		if !strings.Contains(main, "Verweis") {
			t.Errorf("%s lost the harmless text", path)
		}
	}
	// And the preview as well.
	_, _, preview := coord.do(http.MethodPost, "/pages/goals/edit", url.Values{"language": {"de"}, "title": {"Ziele"}, "body": {evil}, "action": {"preview"}})
	section := preview[strings.Index(preview, `data-testid="page-preview"`):strings.Index(preview, `data-testid="page-form"`)]
	for _, bad := range []string{"<script", "<iframe", "onerror", "onclick", "onload", "javascript:"} {
		if strings.Contains(section, bad) {
			t.Errorf("preview keeps %q", bad)
		}
	}
}

func TestCommitteeSettings(t *testing.T) {
	k := testkit.New(t)
	coord := asCoordinator(t, k)
	if form := coord.get("/coordination/settings", 200); !strings.Contains(form, `value="Komitee Musterkreis"`) {
		t.Fatalf("settings form not filled:\n%s", form)
	}
	// German must stay; the input is kept.
	status, _, page := coord.do(http.MethodPost, "/coordination/settings", url.Values{"name": {"Neuer Name"}, "languages": {"en"}})
	if status != 422 || !strings.Contains(page, `id="e-languages"`) || !strings.Contains(page, "Deutsch muss angeboten werden.") || !strings.Contains(page, `value="Neuer Name"`) {
		t.Fatalf("without German: %d\n%s", status, page)
	}
	status, _, page = coord.do(http.MethodPost, "/coordination/settings", url.Values{"name": {""}, "languages": {"de"}, "contact_email": {"kein-at"}})
	if status != 422 || !strings.Contains(page, `id="e-name"`) || !strings.Contains(page, `value="kein-at"`) {
		t.Fatalf("empty name, bad address: %d\n%s", status, page)
	}
	coord.submit("/coordination/settings", url.Values{"name": {"Komitee Neu"}, "district": {"Landkreis Neu"}, "languages": {"de", "en"},
		"funder_notice": {"Gefördert von <strong>X</strong><script>alert(1)</script>"}})
	home := newSite(t, k).get("/", 200)
	if !strings.Contains(home, "Komitee Neu") || !strings.Contains(home, "Landkreis Neu") || !strings.Contains(home, "<strong>X</strong>") || strings.Contains(home, "<script>alert") {
		t.Errorf("home page after the settings:\n%s", home)
	}
	// Arabic is no longer offered: no alternate, no switcher entry.
	if strings.Contains(home, `hreflang="ar"`) || strings.Contains(home, "/lang?to=ar") || !strings.Contains(home, `hreflang="en"`) {
		t.Errorf("languages not followed:\n%s", home)
	}
}

var stampField = regexp.MustCompile(`name="stamp" value="([^"]+)"`)

func contactValues(stamp string) url.Values {
	return url.Values{"name": {"Samira Besucherin"}, "email": {"samira@example.net"}, "subject": {"Frage"},
		"message": {"Wie kann unser Verein mitmachen?"}, "stamp": {stamp}, "contact_ref": {""}}
}

// oldStamp is a fresh contact-form stamp made ten seconds ago (long enough to be a person).
func oldStamp(k *testkit.Kit) string {
	return committee.ContactStamp(k.App, time.Now().Add(-10*time.Second))
}

func TestContactForm(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	page := s.get("/contact", 200)
	m := stampField.FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, `data-testid="contact-form"`) {
		t.Fatalf("no contact form:\n%s", page)
	}
	// At once: too fast for a person; everything kept.
	status, _, again := s.do(http.MethodPost, "/contact", contactValues(m[1]))
	if status != 422 || !strings.Contains(again, "Das ging sehr schnell.") || !strings.Contains(again, `value="samira@example.net"`) ||
		!strings.Contains(again, "Wie kann unser Verein mitmachen?</textarea>") {
		t.Fatalf("sent at once: %d\n%s", status, again)
	}
	if n := len(k.App.TestMailer.Messages()); n != 0 {
		t.Fatalf("%d mails for a form sent at once", n)
	}
	// A forged stamp is refused.
	if status, _, body := s.do(http.MethodPost, "/contact", contactValues("1.forged")); status != 422 || !strings.Contains(body, "Das Formular ist abgelaufen.") {
		t.Errorf("forged stamp: %d", status)
	}
	// A form older than ContactMaxAge (2 h) has expired.
	if status, _, body := s.do(http.MethodPost, "/contact", contactValues(committee.ContactStamp(k.App, time.Now().Add(-3*time.Hour)))); status != 422 ||
		!strings.Contains(body, "Das Formular ist abgelaufen.") {
		t.Errorf("a stamp three hours old: %d", status)
	}
	old := committee.ContactStamp(k.App, time.Now().Add(-10*time.Second))
	// Bad input at the fields.
	bad := contactValues(old)
	bad.Set("email", "keine-adresse")
	bad.Set("message", "")
	status, _, body := s.do(http.MethodPost, "/contact", bad)
	if status != 422 || !strings.Contains(body, `id="e-email"`) || !strings.Contains(body, `id="e-message"`) || !strings.Contains(body, `value="keine-adresse"`) {
		t.Fatalf("bad input: %d\n%s", status, body)
	}
	// The honeypot: the same answer, and nothing is sent.
	bot := contactValues(old)
	bot.Set("contact_ref", "https://spam.example")
	if loc := s.submit("/contact", bot); loc != "/contact" {
		t.Errorf("bot: to %q", loc)
	}
	if n := len(k.App.TestMailer.Messages()); n != 0 {
		t.Fatalf("the honeypot sent %d mails", n)
	}
	// A person: a mail to each coordinator, in their language, answers to the sender.
	if loc := s.submit("/contact", contactValues(old)); loc != "/contact" {
		t.Errorf("sent: to %q", loc)
	}
	if after := s.get("/contact", 200); !strings.Contains(after, "Ihre Nachricht ist bei der Koordination angekommen.") {
		t.Errorf("no confirmation:\n%s", after)
	}
	msgs := k.App.TestMailer.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails, want 1 (one coordinator)", len(msgs))
	}
	msg := msgs[0]
	if msg.To[0].Address != k.Coordinator.Email() || !strings.Contains(msg.Headers["Reply-To"], "samira@example.net") ||
		!strings.Contains(msg.Text, "Wie kann unser Verein mitmachen?") || !strings.Contains(msg.Subject, "Samira Besucherin") {
		t.Errorf("the mail: to %v, reply-to %q, subject %q\n%s", msg.To, msg.Headers["Reply-To"], msg.Subject, msg.Text)
	}
	// The same stamp again (a replay): the form again with a message and the text kept; nothing sent.
	status, _, body = s.do(http.MethodPost, "/contact", contactValues(old))
	if status != 422 || !strings.Contains(body, "Dieses Formular wurde schon einmal abgeschickt.") ||
		!strings.Contains(body, "Wie kann unser Verein mitmachen?</textarea>") || !strings.Contains(body, `value="samira@example.net"`) {
		t.Fatalf("a stamp used twice: %d\n%s", status, body)
	}
	if n := len(k.App.TestMailer.Messages()); n != 1 {
		t.Fatalf("a stamp used twice sent again: %d mails", n)
	}
	// A failing mail server: said so, and the message stays in the form.
	k.App.TestMailer.Reset()
	k.FailMail(t)
	status, _, body = s.do(http.MethodPost, "/contact", contactValues(committee.ContactStamp(k.App, time.Now().Add(-10*time.Second))))
	if status != 422 || !strings.Contains(body, `data-testid="contact-undelivered"`) || !strings.Contains(body, "Wie kann unser Verein mitmachen?</textarea>") {
		t.Fatalf("failed mail: %d\n%s", status, body)
	}
}

func TestContactRateLimit(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	for i := 0; i < committee.ContactPerIP; i++ {
		s.submit("/contact", contactValues(oldStamp(k)))
	}
	status, _, body := s.do(http.MethodPost, "/contact", contactValues(oldStamp(k)))
	if status != http.StatusTooManyRequests || !strings.Contains(body, `data-testid="contact-limited"`) || !strings.Contains(body, `value="samira@example.net"`) {
		t.Fatalf("over the limit: %d\n%s", status, body)
	}
	if n := len(k.App.TestMailer.Messages()); n != committee.ContactPerIP {
		t.Errorf("%d mails, want %d", n, committee.ContactPerIP)
	}
}

// The sitemap protocol, read back with encoding/xml.
type sitemapDoc struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

func TestSitemapAndRobots(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	status, _, body := s.do(http.MethodGet, "/sitemap.xml", nil)
	if status != 200 || !strings.HasPrefix(s.header.Get("Content-Type"), "application/xml") {
		t.Fatalf("sitemap: %d %s", status, s.header.Get("Content-Type"))
	}
	var doc sitemapDoc
	if err := xml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("sitemap does not parse: %v\n%s", err, body)
	}
	locs := map[string]bool{}
	for _, u := range doc.URLs {
		if !strings.HasPrefix(u.Loc, "http://localhost:8090/") {
			t.Errorf("not absolute: %s", u.Loc)
		}
		if u.LastMod != "" {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				t.Errorf("lastmod %q: %v", u.LastMod, err)
			}
		}
		langs := map[string]bool{}
		for _, l := range u.Links {
			if l.Rel != "alternate" {
				t.Errorf("%s: rel %q", u.Loc, l.Rel)
			}
			langs[l.Hreflang] = true
		}
		if len(langs) != 4 || !langs["de"] || !langs["en"] || !langs["ar"] || !langs["x-default"] {
			t.Errorf("%s: alternates %v", u.Loc, langs)
		}
		locs[strings.TrimPrefix(u.Loc, "http://localhost:8090")] = true
	}
	for _, want := range []string{"/?lang=de", "/?lang=ar", "/organisations?lang=en", "/organisations/" + k.Listed.GetString("slug") + "?lang=de",
		"/meetings/" + k.PublicMeeting.Id + "?lang=de", "/meetings/" + k.PublishedMeeting.Id + "/minutes?lang=de",
		"/topics/" + k.PublicTopic.Id + "?lang=de", "/pages/impressum?lang=de", "/pages/datenschutz?lang=en", "/contact?lang=de"} {
		if !locs[want] {
			t.Errorf("sitemap misses %s", want)
		}
	}
	for _, never := range []string{k.Pending.GetString("slug"), k.MembersMeeting.Id, k.DraftMeeting.Id, k.MembersTopic.Id,
		k.HeldMeeting.Id + "/minutes", "/profile", "/coordination"} {
		if strings.Contains(body, never) {
			t.Errorf("sitemap lists %s, which is not public", never)
		}
	}
	robots := s.get("/robots.txt", 200)
	for _, want := range []string{"User-agent: *", "Disallow: /api/", "Disallow: /_/", "Disallow: /profile", "Disallow: /coordination",
		"Disallow: /rounds", "Disallow: /login", "Sitemap: http://localhost:8090/sitemap.xml"} {
		if !strings.Contains(robots, want+"\n") {
			t.Errorf("robots.txt misses %q:\n%s", want, robots)
		}
	}
	if strings.Contains(robots, "Disallow: /\n") || strings.Contains(robots, "Disallow: /organisations\n") {
		t.Errorf("robots.txt keeps public pages out:\n%s", robots)
	}
}

// TestSearchEngineHead: every page has a description, a canonical address in its language and
// the alternates in each enabled language.
func TestSearchEngineHead(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	for _, c := range []struct{ path, canonical string }{
		{"/?lang=ar", "http://localhost:8090/?lang=ar"},
		{"/topics?q=x", "http://localhost:8090/topics"},
		{"/organisations?page=2&q=x&lang=de", "http://localhost:8090/organisations?lang=de&amp;page=2"},
		{"/meetings/" + k.PublicMeeting.Id + "?lang=en", "http://localhost:8090/meetings/" + k.PublicMeeting.Id + "?lang=en"},
	} {
		path, canonical := c.path, c.canonical
		body := s.get(path, 200)
		head := body[:strings.Index(body, "</head>")]
		if !strings.Contains(head, `<link rel="canonical" href="`+canonical+`">`) {
			t.Errorf("%s: canonical, want %s:\n%s", path, canonical, head)
		}
		if !regexp.MustCompile(`<meta name="description" content="[^"]{20,}">`).MatchString(head) {
			t.Errorf("%s: no meta description", path)
		}
		base, _, _ := strings.Cut(canonical, "?")
		for _, l := range []string{"de", "en", "ar"} {
			if !strings.Contains(head, `<link rel="alternate" hreflang="`+l+`" href="`+base+"?") {
				t.Errorf("%s: no alternate in %s:\n%s", path, l, head)
			}
		}
		if !strings.Contains(head, `hreflang="x-default"`) {
			t.Errorf("%s: no x-default", path)
		}
	}
}

// TestVisitorHome: the public sees the organisations by kind, the next public events and the
// latest public minutes; a member keeps their own start page.
func TestVisitorHome(t *testing.T) {
	k := testkit.New(t)
	home := newSite(t, k).get("/", 200)
	for _, want := range []string{`data-testid="home-kinds"`, "/organisations?kind=" + k.Listed.GetString("kind"),
		`data-testid="home-events"`, testkit.PublicMeetingTitle, "/meetings/" + k.PublicMeeting.Id,
		`data-testid="home-minutes"`, "/meetings/" + k.PublishedMeeting.Id + "/minutes", `href="/contact"`} {
		if !strings.Contains(home, want) {
			t.Errorf("visitor home misses %s", want)
		}
	}
	for _, never := range []string{testkit.MembersMeetingTitle, testkit.DraftMeetingTitle, k.HeldMeeting.Id + "/minutes"} {
		if strings.Contains(home, never) {
			t.Errorf("visitor home shows %s", never)
		}
	}
	member := newSite(t, k)
	member.cookies["komitee_session"] = k.SessionID(t, k.Member)
	if mine := member.get("/", 200); strings.Contains(mine, `data-testid="home-kinds"`) || !strings.Contains(mine, "Meine Organisationen") {
		t.Errorf("member home:\n%s", mine)
	}
}

// TestSettingsOverAPIKeepSetupClosed: a coordinator may change the committee over /api/, but
// not reopen the one-time setup (setup_done is refused by the rule, setup_token is hidden).
func TestSettingsOverAPIKeepSetupClosed(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	rec, _ := k.App.FindFirstRecordByFilter("committee", "")
	path := "/api/collections/committee/records/" + rec.Id
	if st, _, body := s.sendJSON("PATCH", path, strings.NewReader(`{"setup_done":""}`), k.Token(t, k.Coordinator)); st != 404 {
		t.Errorf("emptying setup_done: %d %s", st, body)
	}
	s.sendJSON("PATCH", path, strings.NewReader(`{"setup_token":"reopened"}`), k.Token(t, k.Coordinator))
	rec, _ = k.App.FindFirstRecordByFilter("committee", "")
	if rec.GetString("setup_token") != "" || rec.GetDateTime("setup_done").IsZero() {
		t.Errorf("setup reopened: token %q, done %v", rec.GetString("setup_token"), rec.GetDateTime("setup_done"))
	}
}

// TestSettingsLogos: the committee's logo and the funders' logos are uploaded on the settings
// page, shown in the header and footer, and removed again.
func TestSettingsLogos(t *testing.T) {
	k := testkit.New(t)
	coord := asCoordinator(t, k)
	pngBytes := func() []byte {
		var buf bytes.Buffer
		img := image.NewRGBA(image.Rect(0, 0, 4, 4))
		img.Set(1, 1, color.RGBA{R: 200, A: 255})
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}()
	post := func(files map[string][]string, values url.Values) int {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		for k, vs := range values {
			for _, v := range vs {
				w.WriteField(k, v)
			}
		}
		for field, names := range files {
			for _, name := range names {
				fw, _ := w.CreateFormFile(field, name)
				fw.Write(pngBytes)
			}
		}
		w.Close()
		req := httptest.NewRequest(http.MethodPost, "/coordination/settings", &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "komitee_session", Value: coord.cookies["komitee_session"]})
		rec := httptest.NewRecorder()
		coord.mux.ServeHTTP(rec, req)
		return rec.Code
	}
	base := url.Values{"name": {"Komitee Musterkreis"}, "languages": {"de", "en", "ar"}}
	if code := post(map[string][]string{"logo": {"logo.png"}, "funder_logos": {"land.png", "bund.png"}}, base); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	home := newSite(t, k).get("/", 200)
	if !strings.Contains(home, `class="brand-logo"`) || strings.Count(home, `alt="Logo eines Fördermittelgebers"`) != 2 {
		t.Fatalf("logos not shown:\n%s", home)
	}
	com, _ := k.App.FindFirstRecordByFilter("committee", "")
	remove := url.Values{"name": base["name"], "languages": base["languages"], "remove_logo": {"on"},
		"remove_funder_logos": {com.GetStringSlice("funder_logos")[0]}}
	if code := post(nil, remove); code != http.StatusSeeOther {
		t.Fatalf("remove: %d", code)
	}
	home = newSite(t, k).get("/", 200)
	if strings.Contains(home, `class="brand-logo"`) || strings.Count(home, `alt="Logo eines Fördermittelgebers"`) != 1 {
		t.Errorf("logos not removed:\n%s", home)
	}
}

// TestContactLimitCountsTheVisitorBehindAProxy: behind a trusted proxy every message comes from
// the proxy's address; the limit counts the visitor's (X-Forwarded-For, as PocketBase reads it).
func TestContactLimitCountsTheVisitorBehindAProxy(t *testing.T) {
	k := testkit.New(t)
	k.App.Settings().TrustedProxy.Headers = []string{"X-Forwarded-For"}
	s := newSite(t, k)
	from := func(ip string) int {
		status, _, _ := s.sendForm(http.MethodPost, "/contact", contactValues(oldStamp(k)), map[string]string{"X-Forwarded-For": ip})
		return status
	}
	for i := 0; i < committee.ContactPerIP; i++ {
		if status := from("203.0.113.1"); status != http.StatusSeeOther {
			t.Fatalf("message %d from the first visitor: %d", i+1, status)
		}
	}
	if status := from("203.0.113.1"); status != http.StatusTooManyRequests {
		t.Errorf("over the limit for the first visitor: %d", status)
	}
	if status := from("203.0.113.2"); status != http.StatusSeeOther {
		t.Errorf("another visitor behind the same proxy is limited: %d", status)
	}
}

// TestCommitteeKeepsGerman: German is always offered; a coordinator cannot drop it over /api/
// (a plain list or the languages- modifier), and EnabledLanguages puts it first regardless.
func TestCommitteeKeepsGerman(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	com, err := k.App.FindFirstRecordByFilter("committee", "")
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/collections/committee/records/" + com.Id
	for _, body := range []string{`{"languages":["en"]}`, `{"languages":"en"}`, `{"languages":[]}`, `{"languages-":["de"]}`, `{"name":"X","languages":["en","ar"]}`} {
		if status, _, answer := s.sendJSON(http.MethodPatch, path, strings.NewReader(body), k.Token(t, k.Coordinator)); status == 200 {
			t.Errorf("PATCH %s: %d %s", body, status, answer)
		}
	}
	if status, _, answer := s.sendJSON(http.MethodPatch, path, strings.NewReader(`{"languages+":["ar"]}`), k.Token(t, k.Coordinator)); status != 200 {
		t.Errorf("PATCH adding Arabic: %d %s", status, answer)
	}
	if status, _, answer := s.sendJSON(http.MethodPatch, path, strings.NewReader(`{"languages":["de","en"]}`), k.Token(t, k.Coordinator)); status != 200 {
		t.Errorf("PATCH with German: %d %s", status, answer)
	}
	com, _ = k.App.FindRecordById("committee", com.Id)
	com.Set("languages", []string{"ar", "en"}) // the dashboard bypasses the rules
	if err := k.App.Save(com); err != nil {
		t.Fatal(err)
	}
	if got := committee.EnabledLanguages(k.App); strings.Join(got, ",") != "de,en,ar" {
		t.Errorf("EnabledLanguages = %v, want de first", got)
	}
}

// TestOnlyEnabledLanguages: with Arabic switched off, no way of asking gives an Arabic page.
func TestOnlyEnabledLanguages(t *testing.T) {
	k := testkit.New(t)
	com, _ := k.App.FindFirstRecordByFilter("committee", "")
	com.Set("languages", []string{"de", "en"})
	if err := k.App.Save(com); err != nil {
		t.Fatal(err)
	}
	s := newSite(t, k)
	delete(s.cookies, "komitee_lang")
	langOf := func(path string, headers map[string]string) string {
		_, _, body := s.doHeaders(http.MethodGet, path, headers)
		m := regexp.MustCompile(`<html lang="([a-z]+)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no html lang", path)
		}
		return m[1]
	}
	if got := langOf("/?lang=ar", nil); got != "de" {
		t.Errorf("?lang=ar: %s", got)
	}
	if _, ok := s.cookies["komitee_lang"]; ok {
		t.Error("?lang=ar remembered a language that is off")
	}
	if got := langOf("/", map[string]string{"Accept-Language": "ar, en;q=0.8"}); got != "en" {
		t.Errorf("Accept-Language ar, en: %s", got)
	}
	if got := langOf("/", map[string]string{"Accept-Language": "ar"}); got != "de" {
		t.Errorf("Accept-Language ar: %s", got)
	}
	s.cookies["komitee_lang"] = "ar"
	if got := langOf("/", nil); got != "de" {
		t.Errorf("cookie ar: %s", got)
	}
	if status, _, _ := s.do(http.MethodGet, "/lang?to=ar&next=/", nil); status != http.StatusBadRequest {
		t.Errorf("the picker switches to a language that is off: %d", status)
	}
	if got := langOf("/?lang=en", nil); got != "en" {
		t.Errorf("?lang=en: %s", got)
	}
}

// TestErrorPagesNameNoAddress: a 404 page is no page of its own for search engines.
func TestErrorPagesNameNoAddress(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	for _, path := range []string{"/pages/geheim", "/meetings/nonexistent", "/pages/geheim?lang=en"} {
		status, _, body := s.do(http.MethodGet, path, nil)
		if status != 404 || !strings.Contains(body, "<html") {
			t.Fatalf("%s: %d", path, status)
		}
		if strings.Contains(body, `rel="canonical"`) || strings.Contains(body, "hreflang") {
			t.Errorf("%s: the error page names a canonical address or alternates", path)
		}
	}
}

// TestHomeJoinLinkOnlyWhenWritten: "how to join" is linked once the page exists.
func TestHomeJoinLinkOnlyWhenWritten(t *testing.T) {
	k := testkit.New(t)
	visitor := newSite(t, k)
	if home := visitor.get("/", 200); strings.Contains(home, `href="/pages/join"`) {
		t.Error("the home page links to a page that does not exist")
	}
	visitor.get("/pages/join", 404)
	coord := asCoordinator(t, k)
	coord.submit("/pages/join/edit", url.Values{"language": {"de"}, "title": {"So machen Sie mit"}, "body": {"Schreiben Sie uns."}, "action": {"save"}})
	if home := visitor.get("/", 200); !strings.Contains(home, `data-testid="home-join"`) || !strings.Contains(home, `href="/pages/join"`) {
		t.Error("no link to the written join page")
	}
}

// TestUploadProblemsAreNamed: a wrong type, a file too large and too many files each get their
// own message at the field, saying to choose the file again.
func TestUploadProblemsAreNamed(t *testing.T) {
	k := testkit.New(t)
	coord := asCoordinator(t, k)
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, image.NewRGBA(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	type file struct {
		field, name string
		data        []byte
	}
	post := func(files ...file) (int, string) {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		w.WriteField("name", "Komitee Musterkreis")
		w.WriteField("languages", "de")
		for _, f := range files {
			fw, _ := w.CreateFormFile(f.field, f.name)
			fw.Write(f.data)
		}
		w.Close()
		req := httptest.NewRequest(http.MethodPost, "/coordination/settings", &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "komitee_session", Value: coord.cookies["komitee_session"]})
		req.AddCookie(&http.Cookie{Name: "komitee_lang", Value: "de"})
		rec := httptest.NewRecorder()
		coord.mux.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	big := append(bytes.Clone(pngBuf.Bytes()), make([]byte, 3<<20)...)
	var seven []file
	for i := 0; i < 7; i++ {
		seven = append(seven, file{"funder_logos", "logo" + strconv.Itoa(i) + ".png", pngBuf.Bytes()})
	}
	for _, c := range []struct {
		name, field, want string
		files             []file
	}{
		{"wrong type", "logo", "Diese Art von Datei ist hier nicht erlaubt. Bitte wählen Sie eine passende Datei noch einmal aus.", []file{{"logo", "logo.txt", []byte("just text, no image")}}},
		{"too large", "funder_logos", "Die Datei ist zu groß. Bitte wählen Sie eine kleinere Datei noch einmal aus.", []file{{"funder_logos", "gross.png", big}}},
		{"too many", "funder_logos", "Das sind zu viele Dateien. Bitte wählen Sie weniger Dateien noch einmal aus.", seven},
	} {
		status, body := post(c.files...)
		if status != 422 || !strings.Contains(body, `<p class="field-error" id="e-`+c.field+`" aria-live="polite">`+c.want) {
			t.Errorf("%s: %d\n%s", c.name, status, body)
		}
	}
}

// TestAlternatesOnlyInWrittenLanguages: a page written only in German names no English or
// Arabic version, in its head or in the sitemap; the sitemap is kept like the public pages.
func TestAlternatesOnlyInWrittenLanguages(t *testing.T) {
	k := testkit.New(t)
	coord := asCoordinator(t, k)
	coord.submit("/pages/about/edit", url.Values{"language": {"de"}, "title": {"Über uns"}, "body": {"Wir."}, "action": {"save"}})
	s := newSite(t, k)
	en := s.get("/pages/about?lang=en", 200)
	head := en[:strings.Index(en, "</head>")]
	if strings.Contains(head, `hreflang="en"`) || strings.Contains(head, `hreflang="ar"`) || !strings.Contains(head, `hreflang="de"`) ||
		!strings.Contains(head, `hreflang="x-default"`) {
		t.Errorf("alternates of a German-only page:\n%s", head)
	}
	if !strings.Contains(head, `<link rel="canonical" href="http://localhost:8090/pages/about?lang=de">`) {
		t.Errorf("the English address of a German-only page is canonical as itself:\n%s", head)
	}
	// A page in every language keeps every alternate.
	if imp := s.get("/pages/impressum?lang=en", 200); !strings.Contains(imp, `hreflang="ar"`) {
		t.Error("the Impressum lost its Arabic alternate")
	}
	_, _, body := s.do(http.MethodGet, "/sitemap.xml", nil)
	var doc sitemapDoc
	if err := xml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	for _, u := range doc.URLs {
		if !strings.Contains(u.Loc, "/pages/about") {
			continue
		}
		if u.Loc != "http://localhost:8090/pages/about?lang=de" || len(u.Links) != 2 {
			t.Errorf("sitemap entry %s with %d alternates, want only the German with x-default", u.Loc, len(u.Links))
		}
	}
	// Kept like the public pages: the cache sends it compressed (once), in its own type.
	s.doHeaders(http.MethodGet, "/sitemap.xml", map[string]string{"Accept-Encoding": "gzip"})
	if ct := s.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/xml") || s.header.Get("Content-Encoding") != "gzip" {
		t.Errorf("cached sitemap as %q, encoding %q", ct, s.header.Get("Content-Encoding"))
	}
}
