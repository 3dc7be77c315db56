package web

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"komitee/locales"
	"komitee/pb_migrations"
	"komitee/views"
)

// options turns select values into translated choices (prefix + value is the locale key).
func options(lang, prefix string, values []string) []views.Option {
	out := make([]views.Option, len(values))
	for i, v := range values {
		out[i] = views.Option{Value: v, Label: locales.T(lang, prefix+v)}
	}
	return out
}

// languageOptions names the language list in lang, sorted the way lang sorts.
func languageOptions(lang string) []views.Option {
	out := make([]views.Option, len(pb_migrations.Languages))
	for i, code := range pb_migrations.Languages {
		out[i] = views.Option{Value: code, Label: locales.LanguageName(lang, code)}
	}
	col := collate.New(language.Make(lang))
	sort.SliceStable(out, func(i, j int) bool { return col.CompareString(out[i].Label, out[j].Label) < 0 })
	return out
}

func kindOptions(lang string) []views.Option {
	return options(lang, "kind.", pb_migrations.OrganisationKinds)
}
func areaOptions(lang string) []views.Option { return options(lang, "area.", pb_migrations.Areas) }
func visibilityOptions(lang string) []views.Option {
	return options(lang, "visibility.", pb_migrations.Visibilities)
}
