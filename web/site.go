package web

import (
	"encoding/xml"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"komitee/committee"
	"komitee/locales"
	"komitee/views"
	"komitee/views/home"
	"komitee/views/site"
)

// The public face: editable pages with their editor, committee settings, the contact form, the
// sitemap and robots.txt, and what every page tells search engines (sitePageData).

// describe sets the page's meta description (shown by search engines and when shared).
func describe(c echo.Context, text string) { c.Set(descriptionKey, text) }

const descriptionKey = "metaDescription"

// pageLanguagesKey holds the languages an editable page exists in: only those are its
// alternates (a language showing the German fallback is no page of its own).
const pageLanguagesKey = "pageLanguages"

// statusKey is the status of the page being rendered (renderStatus).
const statusKey = "renderStatus"

// baseURL is the site's public address without a trailing slash (dashboard → Application URL).
func (s *Server) baseURL() string {
	return strings.TrimRight(s.app.Settings().Meta.AppURL, "/")
}

// canonicalQuery keeps the parts of the query that make a page another page (the pager).
func canonicalQuery(u *url.URL) url.Values {
	out := url.Values{}
	if p := u.Query().Get("page"); p != "" && p != "1" {
		out.Set("page", p)
	}
	return out
}

// sitePageData fills what search engines read from a page: the description, the canonical
// address in the page's language, and the page in every enabled language (hreflang).
func (s *Server) sitePageData(c echo.Context, p *views.Page) {
	p.Description, _ = c.Get(descriptionKey).(string)
	p.Languages = committee.EnabledLanguages(s.app)
	if com := committee.LoadCommittee(s.app); com != nil {
		if logo := com.GetString("logo"); logo != "" {
			p.Logo = fileURL("committee", com.Id, logo, "120x120")
		}
		for _, f := range com.GetStringSlice("funder_logos") {
			p.FunderLogos = append(p.FunderLogos, fileURL("committee", com.Id, f, "0x80"))
		}
	}
	if status, _ := c.Get(statusKey).(int); c.Request().Method != http.MethodGet || status >= 400 {
		return
	}
	base, u := s.baseURL(), c.Request().URL
	at := func(lang string) string {
		q := canonicalQuery(u)
		if lang != "" {
			q.Set("lang", lang)
		}
		if len(q) == 0 {
			return base + u.Path
		}
		return base + u.Path + "?" + q.Encode()
	}
	langs := p.Languages
	if only, ok := c.Get(pageLanguagesKey).([]string); ok {
		langs = only
	}
	// An address with ?lang= is that language's page (or, for a language the page is not
	// written in, the German one it shows); one without is the page for every language
	// (x-default, the language negotiated), canonical as itself.
	switch {
	case !locales.Valid(c.QueryParam("lang")):
		p.Canonical = at("")
	case slices.Contains(langs, p.Lang):
		p.Canonical = at(p.Lang)
	default:
		p.Canonical = at(locales.Default)
	}
	for _, l := range langs {
		p.Alternates = append(p.Alternates, views.Alternate{Lang: l, Href: at(l)})
	}
	p.XDefault = at("")
}

// home is the start page: for visitors who the committee is, its organisations, events and
// minutes; for a signed-in person also what waits for them.
func (s *Server) home(c echo.Context) error {
	lang := c.Get(langKey).(string)
	m := home.Home{Actions: s.actionSummary(), Statements: s.latestStatements(lang)}
	if com := committee.LoadCommittee(s.app); com != nil {
		m.District = com.District()
	}
	if p, _, err := committee.Directory(s.app, authRecord(c), committee.DirectoryFilter{}); err == nil {
		m.Organisations = p.TotalItems
	}
	u := currentUser(c)
	if u == nil {
		v, err := s.visitorHome(c, lang)
		if err != nil {
			return err
		}
		m.Visitor = v
		return s.render(c, home.Page(m))
	}
	if err := s.memberHome(c, u, lang, &m); err != nil {
		return err
	}
	return s.render(c, home.Page(m))
}

// visitorHome reads the public home page's sections.
func (s *Server) visitorHome(c echo.Context, lang string) (*home.Visitor, error) {
	v := &home.Visitor{}
	section := func(slug string) *home.Section {
		p, err := committee.LoadPage(s.app, nil, slug, lang)
		if err != nil {
			return nil
		}
		if slug == "about" && p.Description != "" {
			describe(c, p.Description)
		}
		return &home.Section{Slug: slug, Title: p.Title, HTML: p.HTML(), Lang: p.Lang, Fallback: p.Fallback}
	}
	v.About, v.Goals = section("about"), section("goals")
	if _, err := committee.LoadPage(s.app, nil, "join", lang); err == nil {
		v.Join = true
	}
	if _, ok := c.Get(descriptionKey).(string); !ok {
		describe(c, t(lang, "home.intro"))
	}
	facts, err := committee.HomeFactsFor(s.app, nil, committee.Now())
	if err != nil {
		return nil, err
	}
	for _, k := range facts.Kinds {
		v.Kinds = append(v.Kinds, home.Link{Text: t(lang, "kind."+k.Kind), Href: "/organisations?kind=" + k.Kind, Note: tf(lang, "site.home.organisations", k.Count)})
	}
	for _, e := range facts.Events {
		v.Events = append(v.Events, home.Link{Text: e.Title, Href: "/meetings/" + e.ID, Note: when(lang, e.Starts.Time(), e.Ends.Time())})
	}
	for _, e := range facts.Minutes {
		v.Minutes = append(v.Minutes, home.Link{Text: e.Title, Href: "/meetings/" + e.ID + "/minutes", Note: committee.FormatDay(lang, e.Starts.Time())})
	}
	return v, nil
}

// page shows an editable page in the reader's language, or in German with a note.
func (s *Server) page(c echo.Context) error {
	slug, lang := c.Param("page"), c.Get(langKey).(string)
	if slug == "contact" {
		return c.Redirect(http.StatusSeeOther, "/contact")
	}
	p, err := committee.LoadPage(s.app, authRecord(c), slug, lang)
	if err != nil {
		return err
	}
	c.Set(pageLanguagesKey, committee.PageLanguages(s.app, slug))
	m := site.PageView{Slug: slug, Title: p.Title, HTML: p.HTML(), Fallback: p.Fallback, Lang: p.Lang}
	if committee.PageCan(s.app, authRecord(c), slug, lang).Edit {
		m.EditHref = "/pages/" + slug + "/edit?language=" + lang
	}
	if p.Description != "" {
		describe(c, p.Description)
	}
	return s.render(c, site.Page(m))
}

// pageEditor checks that the person may edit page :slug in the language asked for.
func (s *Server) pageEditor(c echo.Context, language string) (*committee.User, string, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, "", err
	}
	slug := c.Param("page")
	if !committee.ValidPageSlug(slug) || !locales.Valid(language) {
		return nil, "", echo.NewHTTPError(http.StatusNotFound)
	}
	if !committee.PageCan(s.app, u.Record, slug, language).Edit {
		return nil, "", echo.NewHTTPError(http.StatusForbidden)
	}
	return u, slug, nil
}

func (s *Server) editForm(slug, language string, in committee.PageInput, errs committee.Errors) site.EditForm {
	f := site.EditForm{Slug: slug, Language: language, Title: in.Title, Description: in.Description, Body: in.Body, Errors: errs}
	for _, o := range views.UILanguages() {
		for _, l := range committee.EnabledLanguages(s.app) {
			if o.Value == l {
				f.Languages = append(f.Languages, o)
			}
		}
	}
	return f
}

// pageEdit shows the editor of page :slug in ?language= (the reader's language by default).
func (s *Server) pageEdit(c echo.Context) error {
	language := c.QueryParam("language")
	if language == "" {
		language = c.Get(langKey).(string)
	}
	_, slug, err := s.pageEditor(c, language)
	if err != nil {
		return err
	}
	in := committee.PageInputOf(s.app, slug, language)
	return s.render(c, site.Edit(s.editForm(slug, language, in, nil)))
}

// pageSave previews (action=preview: the form again with the rendered text, nothing saved) or
// saves the page.
func (s *Server) pageSave(c echo.Context) error {
	language := field(c, "language")
	u, slug, err := s.pageEditor(c, language)
	if err != nil {
		return err
	}
	in := committee.PageInput{Title: field(c, "title"), Description: field(c, "description"), Body: c.FormValue("body")}
	if c.FormValue("action") == "preview" {
		f := s.editForm(slug, language, in, nil)
		f.Preview = committee.Markdown(in.Body)
		if errs := in.Validate(); errs.Any() {
			f.Errors = errs
			return s.renderForm(c, site.Edit(f))
		}
		return s.render(c, site.Edit(f))
	}
	errs, err := formErrors(committee.SavePage(s.app, u, slug, language, in))
	if err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, site.Edit(s.editForm(slug, language, in, errs)))
	}
	flash(c, "flash.site_page_saved")
	to := "/pages/" + slug
	if language != c.Get(langKey).(string) { // show the version just saved
		to += "?lang=" + language
	}
	return redirect(c, to)
}

// settingsEditor checks that the person may change the committee settings.
func (s *Server) settingsEditor(c echo.Context) (*committee.User, *committee.Committee, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, nil, err
	}
	com := committee.LoadCommittee(s.app)
	if com == nil || !committee.MayChangeSettings(s.app, u.Record) {
		return nil, nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, com, nil
}

func (s *Server) settingsForm(c echo.Context, com *committee.Committee, in committee.SettingsInput, errs committee.Errors) site.SettingsForm {
	lang := c.Get(langKey).(string)
	f := site.SettingsForm{Name: in.Name, District: in.District, ContactEmail: in.ContactEmail, ContactAddress: in.ContactAddress,
		FunderNotice: in.FunderNotice, Languages: in.Languages, LanguageOptions: views.UILanguages(), Errors: errs,
		Logo: fileURL("committee", com.Id, com.GetString("logo"), "120x120")}
	for _, name := range com.GetStringSlice("funder_logos") {
		f.FunderLogos = append(f.FunderLogos, views.Option{Value: name, Label: fileURL("committee", com.Id, name, "0x80")})
	}
	for _, slug := range committee.PageSlugs {
		f.Pages = append(f.Pages, views.Option{Value: "/pages/" + slug + "/edit", Label: t(lang, "site.slug."+slug)})
	}
	return f
}

// settings shows the committee settings form.
func (s *Server) settings(c echo.Context) error {
	_, com, err := s.settingsEditor(c)
	if err != nil {
		return err
	}
	return s.render(c, site.Settings(s.settingsForm(c, com, committee.SettingsInputOf(com), nil)))
}

// settingsSave changes the committee settings.
func (s *Server) settingsSave(c echo.Context) error {
	u, com, err := s.settingsEditor(c)
	if err != nil {
		return err
	}
	in := committee.SettingsInput{Name: field(c, "name"), District: field(c, "district"), ContactEmail: field(c, "contact_email"),
		ContactAddress: field(c, "contact_address"), FunderNotice: c.FormValue("funder_notice"), Languages: fields(c, "languages"),
		RemoveLogo: c.FormValue("remove_logo") == "on", RemoveFunderLogos: fields(c, "remove_funder_logos")}
	if fh, err := c.FormFile("logo"); err == nil && fh.Size > 0 {
		if f, err := filesystem.NewFileFromMultipart(fh); err == nil {
			in.Logo = f
		}
	}
	if form, err := c.MultipartForm(); err == nil {
		for _, fh := range form.File["funder_logos"] {
			if fh.Size == 0 {
				continue
			}
			if f, err := filesystem.NewFileFromMultipart(fh); err == nil {
				in.FunderLogos = append(in.FunderLogos, f)
			}
		}
	}
	errs, err := formErrors(committee.SaveSettings(s.app, u, in))
	if err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, site.Settings(s.settingsForm(c, com, in, errs)))
	}
	flash(c, "flash.site_settings_saved")
	return redirect(c, "/coordination/settings")
}

// contactForm builds the contact page with a fresh stamp (the fill time starts now).
func (s *Server) contactForm(c echo.Context, in committee.ContactInput, errs committee.Errors) site.ContactForm {
	f := site.ContactForm{Name: in.Name, Email: in.Email, Subject: in.Subject, Message: in.Message, Errors: errs,
		Stamp: committee.ContactStamp(s.app, committee.Now())}
	if p, err := committee.LoadPage(s.app, nil, "contact", c.Get(langKey).(string)); err == nil {
		f.Intro, f.IntroLang, f.IntroFallback = p.HTML(), p.Lang, p.Fallback
		if p.Description != "" {
			describe(c, p.Description)
		}
	}
	if com := committee.LoadCommittee(s.app); com != nil {
		f.Address = com.GetString("contact_address")
	}
	return f
}

// contact shows the contact form. It is not cached: every form carries its own stamp.
func (s *Server) contact(c echo.Context) error {
	return s.render(c, site.Contact(s.contactForm(c, committee.ContactInput{}, nil)))
}

// honeypotField is the contact form's trap: a name no browser's autofill knows (an address
// book would fill "website" or "url" for a person, who would then be taken for a bot).
const honeypotField = "contact_ref"

// contactSend mails the message to the coordinators. A bot (honeypot filled) gets the same
// answer as a person and nothing is sent; problems come back at the fields with the input kept.
func (s *Server) contactSend(c echo.Context) error {
	in := committee.ContactInput{Name: field(c, "name"), Email: field(c, "email"), Subject: field(c, "subject"),
		Message: strings.TrimSpace(c.FormValue("message")), Honeypot: c.FormValue(honeypotField), Stamp: c.FormValue("stamp")}
	failed, err := committee.SendContact(s.app, clientIP(c), in)
	var errs committee.Errors
	switch {
	case err == nil || errors.Is(err, committee.ErrContactBot):
		if failed > 0 {
			flash(c, "flash.site_contact_sent_partly")
		} else {
			flash(c, "flash.site_contact_sent")
		}
		return redirect(c, "/contact")
	case errors.Is(err, committee.ErrContactLimited):
		f := s.contactForm(c, in, nil)
		f.Limited = true
		return s.renderStatus(c, http.StatusTooManyRequests, site.Contact(f))
	case errors.Is(err, committee.ErrContactUndelivered):
		f := s.contactForm(c, in, nil)
		f.Undelivered = true
		return s.renderForm(c, site.Contact(f))
	case errors.As(err, &errs):
		return s.renderForm(c, site.Contact(s.contactForm(c, in, errs)))
	}
	return err
}

// The sitemap protocol (sitemaps.org) with xhtml:link alternates for the languages.
type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	XMLNS   string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string        `xml:"loc"`
	LastMod    string        `xml:"lastmod,omitempty"`
	Alternates []sitemapLink `xml:"xhtml:link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemap lists the public pages (committee.SitemapSources), each in every enabled language.
func (s *Server) sitemap(c echo.Context) error {
	entries, err := committee.Sitemap(s.app)
	if err != nil {
		return err
	}
	base, langs := s.baseURL(), committee.EnabledLanguages(s.app)
	set := sitemapURLSet{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, e := range entries {
		langs := langs
		if e.Languages != nil {
			langs = e.Languages
		}
		var alts []sitemapLink
		for _, l := range langs {
			alts = append(alts, sitemapLink{Rel: "alternate", Hreflang: l, Href: base + e.Path + "?lang=" + l})
		}
		alts = append(alts, sitemapLink{Rel: "alternate", Hreflang: "x-default", Href: base + e.Path})
		mod := ""
		if !e.Modified.IsZero() {
			mod = e.Modified.UTC().Format(time.RFC3339)
		}
		for _, l := range langs {
			set.URLs = append(set.URLs, sitemapURL{Loc: base + e.Path + "?lang=" + l, LastMod: mod, Alternates: alts})
		}
	}
	out, err := xml.Marshal(set)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), out...))
}

// robotsDisallowed are the addresses behind a login, the forms and the machine interfaces.
var robotsDisallowed = []string{"/api/", "/_/", "/setup/", "/login", "/logout", "/register", "/verify", "/password-reset",
	"/profile", "/coordination", "/rounds", "/memberships/", "/comments/", "/registrations/", "/calendar/", "/lang",
	"/organisations/new", "/meetings/new", "/topics/new", "/*/edit", "/organisations/*/people",
	"/meetings/*/registrations", "/meetings/*/attendance", "/meetings/*/register"}

// robots keeps search engines out of everything behind a login and names the sitemap.
func (s *Server) robots(c echo.Context) error {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	for _, p := range robotsDisallowed {
		b.WriteString("Disallow: " + p + "\n")
	}
	b.WriteString("\nSitemap: " + s.baseURL() + "/sitemap.xml\n")
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(b.String()))
}
