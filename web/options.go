package web

import (
	"sort"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"komitee/committee"
	"komitee/locales"
	"komitee/views"
)

// optionCache holds the translated choice lists: they only change with a new binary.
var optionCache sync.Map

// cachedOptions builds a choice list once per key.
func cachedOptions(key string, build func() []views.Option) []views.Option {
	if v, ok := optionCache.Load(key); ok {
		return v.([]views.Option)
	}
	v, _ := optionCache.LoadOrStore(key, build())
	return v.([]views.Option)
}

// options turns select values into translated choices (prefix + value is the locale key).
func options(lang, prefix string, values []string) []views.Option {
	return cachedOptions(lang+"|"+prefix, func() []views.Option {
		out := make([]views.Option, len(values))
		for i, v := range values {
			out[i] = views.Option{Value: v, Label: locales.T(lang, prefix+v)}
		}
		return out
	})
}

// languageOptions names the language list in lang, sorted the way lang sorts.
func languageOptions(lang string) []views.Option {
	return cachedOptions(lang+"|languages", func() []views.Option { return sortedLanguages(lang) })
}

func sortedLanguages(lang string) []views.Option {
	out := make([]views.Option, len(committee.Languages))
	for i, code := range committee.Languages {
		out[i] = views.Option{Value: code, Label: locales.LanguageName(lang, code)}
	}
	col := collate.New(language.Make(lang))
	sort.SliceStable(out, func(i, j int) bool { return col.CompareString(out[i].Label, out[j].Label) < 0 })
	return out
}

func kindOptions(lang string) []views.Option {
	return options(lang, "kind.", committee.OrganisationKinds)
}
func areaOptions(lang string) []views.Option { return options(lang, "area.", committee.Areas) }
func visibilityOptions(lang string) []views.Option {
	return options(lang, "visibility.", committee.Visibilities)
}
