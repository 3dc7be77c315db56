package locales

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func readFile(t *testing.T, lang string) map[string]any {
	t.Helper()
	m, err := Source(lang)
	if err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	return m
}

// TestMissingTranslations fails when a language lacks a key of the German reference, or has
// one that German does not.
func TestMissingTranslations(t *testing.T) {
	de := readFile(t, "de")
	for _, lang := range Supported[1:] {
		other := readFile(t, lang)
		for k := range de {
			if _, ok := other[k]; !ok {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
		for k := range other {
			if _, ok := de[k]; !ok {
				t.Errorf("%s has %q, which German lacks", lang, k)
			}
		}
	}
}

// TestPluralForms checks every plural message has the CLDR forms of its language:
// one/other for German and English; zero/one/two/few/many/other for Arabic.
func TestPluralForms(t *testing.T) {
	want := map[string][]string{"de": {"one", "other"}, "en": {"one", "other"},
		"ar": {"few", "many", "one", "other", "two", "zero"}}
	for _, lang := range Supported {
		for k, v := range readFile(t, lang) {
			forms, ok := v.(map[string]any)
			if !ok {
				continue
			}
			var got []string
			for f := range forms {
				got = append(got, f)
			}
			sort.Strings(got)
			if strings.Join(got, ",") != strings.Join(want[lang], ",") {
				t.Errorf("%s %q has plural forms %v, want %v", lang, k, got, want[lang])
			}
		}
	}
	// And the bundle picks them: Arabic 2 is the dual, 3 is "few", 11 is "many".
	for n, form := range map[int]string{0: "zero", 1: "one", 2: "two", 3: "few", 11: "many", 100: "other"} {
		got := Tf("ar", "orgs.directory.count", n, nil)
		raw, ok := readFile(t, "ar")["orgs.directory.count"].(map[string]any)[form].(string)
		if !ok {
			t.Errorf("ar orgs.directory.count lacks the %s form", form)
			continue
		}
		if want := strings.ReplaceAll(raw, "{{.Count}}", strconv.Itoa(n)); got != want {
			t.Errorf("ar count %d: got %q, want the %s form %q", n, got, form, want)
		}
	}
}

// TestKeysUsedInCode finds every literal locale key in the Go and templ sources and checks
// German has it, so that a typo in a key cannot ship.
func TestKeysUsedInCode(t *testing.T) {
	de := readFile(t, "de")
	// A key is a quoted string that starts with the first part of some German key.
	prefixes := map[string]bool{}
	for k := range de {
		prefixes[strings.SplitN(k, ".", 2)[0]] = true
	}
	var names []string
	for p := range prefixes {
		names = append(names, regexp.QuoteMeta(p))
	}
	sort.Strings(names)
	key := regexp.MustCompile(`"((?:` + strings.Join(names, "|") + `)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)
	found := 0
	dirs := []string{"../web", "../committee"}
	if err := filepath.WalkDir("../views", func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, path)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !(strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), ".templ")) ||
				strings.HasSuffix(e.Name(), "_templ.go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			src, err := os.ReadFile(dir + "/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range key.FindAllStringSubmatch(string(src), -1) {
				k := m[1]
				if strings.HasSuffix(k, "_") {
					continue // the start of keys made at run time ("flash.registration_" + status)
				}
				found++
				if _, ok := de[k]; !ok {
					t.Errorf("%s/%s uses %q, which German lacks", dir, e.Name(), k)
				}
			}
		}
	}
	if found < 100 {
		t.Fatalf("found only %d keys in the sources: the scan is broken", found)
	}
}

// TestDirection checks Arabic is right to left.
func TestDirection(t *testing.T) {
	if Dir("ar") != "rtl" || Dir("de") != "ltr" || Dir("en") != "ltr" {
		t.Fatal("wrong text direction")
	}
}

// TestMatch checks Accept-Language negotiation.
func TestMatch(t *testing.T) {
	for header, want := range map[string]string{"ar-SY,ar;q=0.9": "ar", "en-GB": "en", "fr-FR": "de", "": "de", "de-AT": "de"} {
		if got := Match(header); got != want {
			t.Errorf("Match(%q) = %q, want %q", header, got, want)
		}
	}
}
