package committee

import (
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/locales"
)

// The public face: the committee's editable pages, its settings, the home page's facts.

// SitePage is one editable page as a reader sees it: in their language, or in German (Fallback)
// when it is missing in theirs.
type SitePage struct {
	Slug, Lang               string // Lang: the language of the text shown
	Title, Description, Body string // Body: Markdown as written
	Fallback                 bool
	Updated                  time.Time
}

// HTML is the page's body rendered and sanitised.
func (p *SitePage) HTML() string { return Markdown(p.Body) }

func sitePageOf(rec *core.Record, fallback bool) *SitePage {
	return &SitePage{Slug: rec.GetString("slug"), Lang: rec.GetString("language"), Title: rec.GetString("title"),
		Description: rec.GetString("description"), Body: rec.GetString("body"), Fallback: fallback,
		Updated: rec.GetDateTime("updated").Time()}
}

// ValidPageSlug reports whether slug names one of the editable pages.
func ValidPageSlug(slug string) bool { return slices.Contains(PageSlugs, slug) }

// LoadPage reads page slug in lang through the pages rule, falling back to German (marked
// Fallback). ErrNotFound when it exists in neither.
func LoadPage(app core.App, auth *core.Record, slug, lang string) (*SitePage, error) {
	if !ValidPageSlug(slug) {
		return nil, ErrNotFound
	}
	for _, l := range []string{locales.Normalize(lang), locales.Default} {
		rec, err := First(app, auth, "pages", Query{Filter: "slug = {:s} && language = {:l}", Params: dbx.Params{"s": slug, "l": l}})
		if err == nil {
			return sitePageOf(rec, l != locales.Normalize(lang)), nil
		}
	}
	return nil, ErrNotFound
}

// pageRecord is the stored page slug in lang, or a new unsaved one.
func pageRecord(app core.App, slug, lang string) (*core.Record, bool, error) {
	rec, err := app.FindFirstRecordByFilter("pages", "slug = {:s} && language = {:l}", dbx.Params{"s": slug, "l": lang})
	if err == nil {
		return rec, true, nil
	}
	coll, err := app.FindCachedCollectionByNameOrId("pages")
	if err != nil {
		return nil, false, err
	}
	rec = core.NewRecord(coll)
	rec.Set("slug", slug)
	rec.Set("language", lang)
	return rec, false, nil
}

// PageCaps is what a reader may do with an editable page.
type PageCaps struct {
	Edit bool // edit it in lang (pages update rule; create rule when it is missing in lang)
}

// PageCan is what auth may do with page slug in lang, from the pages rules.
func PageCan(app core.App, auth *core.Record, slug, lang string) PageCaps {
	if auth == nil || !ValidPageSlug(slug) || !locales.Valid(lang) {
		return PageCaps{}
	}
	rec, stored, err := pageRecord(app, slug, lang)
	if err != nil {
		return PageCaps{}
	}
	if stored {
		return PageCaps{Edit: Can(app, auth, rec, rec.Collection().UpdateRule)}
	}
	rec.Set("title", "-")
	return PageCaps{Edit: CanCreate(app, auth, rec, nil)}
}

// PageInput is the page form.
type PageInput struct {
	Title, Description, Body string
}

// PageInputOf is the form filled from a page (empty when there is none in lang).
func PageInputOf(app core.App, slug, lang string) PageInput {
	rec, stored, err := pageRecord(app, slug, lang)
	if err != nil || !stored {
		return PageInput{}
	}
	return PageInput{Title: rec.GetString("title"), Description: rec.GetString("description"), Body: rec.GetString("body")}
}

// Validate checks the page form.
func (in PageInput) Validate() Errors {
	errs := Errors{}
	errs.Required("title", in.Title, 200)
	errs.MaxLen("description", in.Description, 300)
	errs.Required("body", in.Body, 50000)
	return errs
}

// SavePage writes page slug in lang for u, under the pages rules (update, or create when the
// page is missing in lang).
func SavePage(app core.App, u *User, slug, lang string, in PageInput) error {
	if u == nil || !PageCan(app, u.Record, slug, lang).Edit {
		return ErrForbidden
	}
	if errs := in.Validate(); errs.Any() {
		return errs
	}
	rec, _, err := pageRecord(app, slug, lang)
	if err != nil {
		return err
	}
	rec.Set("title", strings.TrimSpace(in.Title))
	rec.Set("description", strings.TrimSpace(in.Description))
	rec.Set("body", in.Body)
	if slug == "datenschutz" && rec.GetString("version") == "" {
		rec.Set("version", "1")
	}
	return app.Save(rec)
}

// EnabledLanguages are the languages the committee offers (committee.languages), German
// always and first; every supported language before setup or when none is set.
func EnabledLanguages(app core.App) []string {
	c := LoadCommittee(app)
	if c == nil {
		return locales.Supported
	}
	set := c.GetStringSlice("languages")
	if len(set) == 0 {
		return locales.Supported
	}
	out := []string{locales.Default}
	for _, l := range locales.Supported {
		if l != locales.Default && slices.Contains(set, l) {
			out = append(out, l)
		}
	}
	return out
}

// LanguageEnabled reports whether the committee offers lang.
func LanguageEnabled(app core.App, lang string) bool {
	return slices.Contains(EnabledLanguages(app), lang)
}

// SettingsInput is the committee settings form. Files are new uploads; Remove names stored
// files to drop (the logo or funder logos).
type SettingsInput struct {
	Name, District, ContactEmail, ContactAddress, FunderNotice string
	Languages                                                  []string
	Logo                                                       *filesystem.File
	FunderLogos                                                []*filesystem.File
	RemoveLogo                                                 bool
	RemoveFunderLogos                                          []string
}

// SettingsInputOf is the form filled from the committee record.
func SettingsInputOf(c *Committee) SettingsInput {
	return SettingsInput{Name: c.Name(), District: c.District(), ContactEmail: c.GetString("contact_email"),
		ContactAddress: c.GetString("contact_address"), FunderNotice: c.GetString("funder_notice"),
		Languages: c.GetStringSlice("languages")}
}

// MayChangeSettings reports whether auth may change the committee settings (committee update rule).
func MayChangeSettings(app core.App, auth *core.Record) bool {
	c := LoadCommittee(app)
	return auth != nil && c != nil && Can(app, auth, c.Record, c.Collection().UpdateRule)
}

// Validate checks the settings form.
func (in SettingsInput) Validate() Errors {
	errs := Errors{}
	errs.Required("name", in.Name, 200)
	errs.MaxLen("district", in.District, 200)
	errs.Email("contact_email", in.ContactEmail)
	errs.MaxLen("contact_address", in.ContactAddress, 500)
	errs.MaxLen("funder_notice", in.FunderNotice, 5000)
	for _, l := range in.Languages {
		if !locales.Valid(l) {
			errs.Add("languages", "error.invalid")
		}
	}
	if !slices.Contains(in.Languages, locales.Default) {
		errs.Add("languages", "site.error.german_required")
	}
	return errs
}

// SaveSettings changes the committee record for u, under its update rule.
func SaveSettings(app core.App, u *User, in SettingsInput) error {
	if u == nil || !MayChangeSettings(app, u.Record) {
		return ErrForbidden
	}
	if errs := in.Validate(); errs.Any() {
		return errs
	}
	rec, err := app.FindFirstRecordByFilter("committee", "")
	if err != nil {
		return err
	}
	rec.Set("name", strings.TrimSpace(in.Name))
	rec.Set("district", strings.TrimSpace(in.District))
	rec.Set("contact_email", strings.TrimSpace(in.ContactEmail))
	rec.Set("contact_address", strings.TrimSpace(in.ContactAddress))
	rec.Set("funder_notice", in.FunderNotice)
	rec.Set("languages", in.Languages)
	if in.RemoveLogo {
		rec.Set("logo", "")
	}
	if in.Logo != nil {
		rec.Set("logo", in.Logo)
	}
	if len(in.RemoveFunderLogos) > 0 {
		rec.Set("funder_logos-", in.RemoveFunderLogos)
	}
	if len(in.FunderLogos) > 0 {
		rec.Set("funder_logos+", in.FunderLogos)
	}
	err = app.Save(rec)
	forgetCommittee(app)
	return err
}

// KindCount is how many listed organisations of a kind there are.
type KindCount struct {
	Kind  string
	Count int
}

// HomeFacts is what the visitor's home page shows besides the pages.
type HomeFacts struct {
	Kinds   []KindCount  // the listed organisations by kind, in the order of OrganisationKinds
	Events  []MeetingRow // the next public meetings
	Minutes []MeetingRow // the latest meetings with minutes published to the public
}

// HomeFactsFor reads the home page's facts as auth may see them, at now.
func HomeFactsFor(app core.App, auth *core.Record, now time.Time) (*HomeFacts, error) {
	out := &HomeFacts{}
	var orgs []struct {
		Kind string `db:"kind"`
	}
	if _, err := ListInto(app, auth, "organisations", Query{Fields: []string{"kind"}, NoCount: true}, &orgs); err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, o := range orgs {
		counts[o.Kind]++
	}
	for _, k := range OrganisationKinds {
		if counts[k] > 0 {
			out.Kinds = append(out.Kinds, KindCount{Kind: k, Count: counts[k]})
		}
	}
	at, _ := types.ParseDateTime(now)
	fields := []string{"title", "kind", "status", "visibility", "place_name", "starts", "ends"}
	if _, err := ListInto(app, auth, "meetings", Query{Filter: `visibility = "public" && starts != "" && ends >= {:now} && status != "cancelled"`,
		Params: dbx.Params{"now": at.String()}, Sort: "starts", PerPage: 3, NoCount: true, Fields: fields}, &out.Events); err != nil {
		return nil, err
	}
	if _, err := ListInto(app, auth, "meetings", Query{Filter: `visibility = "public" && minutes_audience = "public"`,
		Sort: "-starts", PerPage: 3, NoCount: true, Fields: fields}, &out.Minutes); err != nil {
		return nil, err
	}
	return out, nil
}
