package committee

import (
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/locales"
)

// SitemapEntry is one public address for /sitemap.xml; an address exists in each enabled
// language (?lang=) unless it names its Languages, which the sitemap lists as alternates.
type SitemapEntry struct {
	Path      string
	Modified  time.Time // zero: unknown
	Languages []string  // the languages it exists in; nil: every enabled language
}

// SitemapSource lists the public addresses of one feature, read as the public may see them.
type SitemapSource func(app core.App) ([]SitemapEntry, error)

// SitemapSources are the features' sources: a feature adds its own in one line.
var SitemapSources = []SitemapSource{
	sitemapLists,
	sitemapPages,
	sitemapOrganisations,
	sitemapMeetings,
	sitemapTopics,
	sitemapStatements,
}

// Sitemap gathers the entries of every source.
func Sitemap(app core.App) ([]SitemapEntry, error) {
	var out []SitemapEntry
	for _, src := range SitemapSources {
		entries, err := src(app)
		if err != nil {
			return nil, err
		}
		out = append(out, entries...)
	}
	return out, nil
}

// publicRows reads id and updated (and fields) of what the public may list in collection.
func publicRows(app core.App, collection string, q Query) ([]*core.Record, error) {
	q.Fields = append([]string{"updated"}, q.Fields...)
	return All(app, nil, collection, q)
}

func sitemapLists(core.App) ([]SitemapEntry, error) {
	return []SitemapEntry{{Path: "/"}, {Path: "/organisations"}, {Path: "/meetings"}, {Path: "/topics"}, {Path: "/needs"}, {Path: "/actions"}, {Path: "/contact"}}, nil
}

func sitemapPages(app core.App) ([]SitemapEntry, error) {
	rows, err := publicRows(app, "pages", Query{Filter: `slug != "contact"`, Fields: []string{"slug", "language"}, Sort: "slug"})
	if err != nil {
		return nil, err
	}
	written := map[string][]string{}
	for _, r := range rows {
		written[r.GetString("slug")] = append(written[r.GetString("slug")], r.GetString("language"))
	}
	var out []SitemapEntry
	for _, r := range rows {
		if r.GetString("language") != locales.Default { // a page is its German version and its translations
			continue
		}
		out = append(out, SitemapEntry{Path: "/pages/" + r.GetString("slug"), Modified: r.GetDateTime("updated").Time(),
			Languages: inEnabled(app, written[r.GetString("slug")])})
	}
	return out, nil
}

func sitemapOrganisations(app core.App) ([]SitemapEntry, error) {
	rows, err := publicRows(app, "organisations", Query{Fields: []string{"slug"}, Sort: "slug"})
	if err != nil {
		return nil, err
	}
	var out []SitemapEntry
	for _, r := range rows {
		out = append(out, SitemapEntry{Path: "/organisations/" + r.GetString("slug"), Modified: r.GetDateTime("updated").Time()})
	}
	return out, nil
}

// sitemapMeetings lists the public meetings, and the minutes of those published to the public.
func sitemapMeetings(app core.App) ([]SitemapEntry, error) {
	rows, err := publicRows(app, "meetings", Query{Fields: []string{"minutes_audience", "visibility"}, Sort: "-starts"})
	if err != nil {
		return nil, err
	}
	var out []SitemapEntry
	for _, r := range rows {
		out = append(out, SitemapEntry{Path: "/meetings/" + r.Id, Modified: r.GetDateTime("updated").Time()})
		if r.GetString("minutes_audience") == "public" && r.GetString("visibility") == "public" {
			out = append(out, SitemapEntry{Path: "/meetings/" + r.Id + "/minutes"})
		}
	}
	return out, nil
}

func sitemapTopics(app core.App) ([]SitemapEntry, error) {
	rows, err := publicRows(app, "topics", Query{Sort: "-created"})
	if err != nil {
		return nil, err
	}
	var out []SitemapEntry
	for _, r := range rows {
		out = append(out, SitemapEntry{Path: "/topics/" + r.Id, Modified: r.GetDateTime("updated").Time()})
	}
	return out, nil
}

// inEnabled keeps the enabled languages among langs, in the enabled order.
func inEnabled(app core.App, langs []string) []string {
	out := []string{}
	for _, l := range EnabledLanguages(app) {
		if slices.Contains(langs, l) {
			out = append(out, l)
		}
	}
	return out
}

// PageLanguages are the enabled languages page slug is written in (as the public may read it).
func PageLanguages(app core.App, slug string) []string {
	rows, err := publicRows(app, "pages", Query{Filter: "slug = {:s}", Params: dbx.Params{"s": slug}, Fields: []string{"language"}})
	if err != nil {
		return []string{}
	}
	var langs []string
	for _, r := range rows {
		langs = append(langs, r.GetString("language"))
	}
	return inEnabled(app, langs)
}
