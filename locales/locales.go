// Package locales holds Komitee's translations (one TOML file per language, German the
// reference) and the helpers that look them up, with CLDR plural rules from go-i18n.
//
//	locales.T("ar", "nav.organisations")                       // plain text
//	locales.Tf("en", "orgs.found", 3, map[string]any{"Count": 3}) // plural and data
package locales

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Each language has its reference file (de.toml) and may have one file per feature
// (needs.de.toml, statements.de.toml): go-i18n reads the language from the name's last part.
//
//go:embed *.toml
var files embed.FS

// Supported lists the UI languages; the first is the default and the reference.
var Supported = []string{"de", "en", "ar"}

// Default is the reference language.
const Default = "de"

var (
	bundle     *i18n.Bundle
	localizers = map[string]*i18n.Localizer{}
	// plain caches messages that need neither data nor plural forms: most lookups are these.
	plain   = map[string]map[string]string{}
	matcher = language.NewMatcher([]language.Tag{language.German, language.English, language.Arabic})
	once    sync.Once
)

func load() {
	bundle = i18n.NewBundle(language.German)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, lang := range Supported {
		m := map[string]string{}
		for _, name := range FileNames(lang) {
			mf, err := bundle.LoadMessageFileFS(files, name)
			if err != nil {
				panic("locales: " + err.Error())
			}
			for _, msg := range mf.Messages {
				if msg.Other != "" && msg.One == "" && msg.Few == "" && !strings.Contains(msg.Other, "{{") {
					m[msg.ID] = msg.Other
				}
			}
		}
		localizers[lang] = i18n.NewLocalizer(bundle, lang)
		plain[lang] = m
	}
}

// FileNames lists the files of lang: its reference file first, then the feature files.
func FileNames(lang string) []string {
	names := []string{lang + ".toml"}
	entries, _ := files.ReadDir(".")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "."+lang+".toml") {
			names = append(names, e.Name())
		}
	}
	return names
}

// Source reads every message of lang from its files as written (a plural message is a map of
// its forms). A key in two files is an error.
func Source(lang string) (map[string]any, error) {
	all := map[string]any{}
	for _, name := range FileNames(lang) {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := toml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for k, v := range m {
			if _, dup := all[k]; dup {
				return nil, fmt.Errorf("%s: %q is in another file of %s too", name, k, lang)
			}
			all[k] = v
		}
	}
	return all, nil
}

// Bundle returns the loaded message bundle (for tests).
func Bundle() *i18n.Bundle { once.Do(load); return bundle }

// Valid reports whether lang is a supported UI language.
func Valid(lang string) bool { return slices.Contains(Supported, lang) }

// Normalize returns lang when supported, else the default.
func Normalize(lang string) string {
	if Valid(lang) {
		return lang
	}
	return Default
}

// Dir returns the text direction of lang: "rtl" for Arabic, else "ltr".
func Dir(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}

// Match picks the best supported language for an Accept-Language header.
func Match(acceptLanguage string) string {
	return MatchIn(acceptLanguage, Supported)
}

// matchers are the matchers for subsets of Supported (the languages a committee enabled).
var matchers sync.Map

// MatchIn picks the best of langs (supported languages) for an Accept-Language header, or
// Default when none fits.
func MatchIn(acceptLanguage string, langs []string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 || len(langs) == 0 {
		return Default
	}
	m := matcher
	if !slices.Equal(langs, Supported) {
		key := strings.Join(langs, ",")
		v, ok := matchers.Load(key)
		if !ok {
			set := make([]language.Tag, len(langs))
			for i, l := range langs {
				set[i] = language.Make(l)
			}
			v, _ = matchers.LoadOrStore(key, language.NewMatcher(set))
		}
		m = v.(language.Matcher)
	}
	_, i, conf := m.Match(tags...)
	if conf == language.No {
		return Default
	}
	return langs[i]
}

// T returns the message key in lang. A missing key returns the key itself, which the
// completeness test catches before it ships.
func T(lang, key string) string {
	once.Do(load)
	if s, ok := plain[Normalize(lang)][key]; ok {
		return s
	}
	return Tf(lang, key, -1, nil)
}

// Tf returns the message key in lang with template data; count >= 0 selects the plural form.
func Tf(lang, key string, count int, data map[string]any) string {
	once.Do(load)
	cfg := &i18n.LocalizeConfig{MessageID: key, TemplateData: data}
	if count >= 0 {
		cfg.PluralCount = count
		if data == nil {
			cfg.TemplateData = map[string]any{"Count": count}
		}
	}
	s, err := localizers[Normalize(lang)].Localize(cfg)
	if err != nil || s == "" {
		return key
	}
	return s
}

// LanguageName names the language code in the UI language lang, from CLDR data
// (golang.org/x/text/language/display); codes it lacks fall back to the locale file.
func LanguageName(lang, code string) string {
	once.Do(load)
	if s, ok := plain[Normalize(lang)]["language."+code]; ok {
		return s
	}
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	namer := display.Languages(language.Make(Normalize(lang)))
	if namer == nil {
		return code
	}
	if name := namer.Name(tag); name != "" {
		return name
	}
	return code
}
