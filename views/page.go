// Package views holds the templ components: the layout and shared form components here, and
// one folder per feature. Pages read the request's shared data (language, user, CSRF token)
// from ctx through P, and take one typed view model as their argument.
package views

import (
	"context"
	"net/url"

	"github.com/a-h/templ"

	"komitee/locales"
)

// User is who is asking, as the layout needs it.
type User struct {
	Name        string
	Coordinator bool
}

// Page is the request-wide data every page shares.
type Page struct {
	Lang, Dir    string
	CSRF         string
	Path         string // the request path with its query, for the language switcher
	User         *User
	Committee    string
	FunderNotice string // sanitised HTML
	Flash        string // locale key of a one-time message
	FlashCount   int    // its count (plural rules) when above 0: "3 Personen"
	// For search engines and sharing (site): the meta description, the canonical address and
	// the page in each enabled language (hreflang; Href is absolute), and the enabled languages.
	Description string
	Canonical   string
	Alternates  []Alternate
	XDefault    string
	Languages   []string
	Logo        string   // URL of the committee's logo, "" for none
	FunderLogos []string // URLs of the funders' logos
	// Head is extra tags for <head> a page sets before the layout renders (Open Graph, …).
	Head templ.Component
}

// Alternate is the same page in another language.
type Alternate struct {
	Lang, Href string
}

type pageKey struct{}

// With stores the page data in ctx.
func With(ctx context.Context, p *Page) context.Context { return context.WithValue(ctx, pageKey{}, p) }

// P returns the page data of ctx; a zero page in German when there is none.
func P(ctx context.Context) *Page {
	if p, ok := ctx.Value(pageKey{}).(*Page); ok {
		return p
	}
	return &Page{Lang: locales.Default, Dir: "ltr", Committee: "Komitee"}
}

// T translates key into the language of the request.
func T(ctx context.Context, key string) string { return locales.T(P(ctx).Lang, key) }

// Tf translates key with data; count >= 0 picks the plural form and is passed as .Count.
func Tf(ctx context.Context, key string, count int, data map[string]any) string {
	if data != nil && count >= 0 {
		data["Count"] = count
	}
	return locales.Tf(P(ctx).Lang, key, count, data)
}

// LangURL is the link that switches to lang and comes back to this page.
func LangURL(ctx context.Context, lang string) string {
	return "/lang?to=" + lang + "&next=" + url.QueryEscape(P(ctx).Path)
}

// UILanguages are the languages Komitee speaks, each named in itself.
func UILanguages() []Option {
	return []Option{{Value: "de", Label: "Deutsch"}, {Value: "en", Label: "English"}, {Value: "ar", Label: "العربية"}}
}

// EnabledUILanguages are the UILanguages the committee enabled (all when the page does not say).
func EnabledUILanguages(ctx context.Context) []Option {
	enabled := P(ctx).Languages
	if len(enabled) == 0 {
		return UILanguages()
	}
	var out []Option
	for _, o := range UILanguages() {
		for _, l := range enabled {
			if o.Value == l {
				out = append(out, o)
			}
		}
	}
	return out
}

// LanguageName names a language code in the reader's language ("ar" → "Arabisch").
func LanguageName(ctx context.Context, code string) string {
	return locales.LanguageName(P(ctx).Lang, code)
}
