package web_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"komitee/locales"
)

// TestCountsGoThroughPluralRules scans the locale files, the templates and the Go code of
// web/, committee/ and views/ for counts pasted into text instead of going through the plural
// rules (locales.Tf with a count): "11 Punkte von 1 Stimmen", "(1 Anmeldungen)".
func TestCountsGoThroughPluralRules(t *testing.T) {
	for _, p := range countsInLocales(t) {
		t.Error(p)
	}
	for _, p := range countsInCode(t) {
		t.Error(p)
	}
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}\s*(\pL+)`)

// countsInLocales: a count noun is a word that follows {{.Count}} in some plural message of
// the language. Any other placeholder right before a count noun is a count that bypasses the
// plural rules, and so is {{.Count}} before one in a message without plural forms.
func countsInLocales(t *testing.T) []string {
	t.Helper()
	var problems []string
	for _, lang := range []string{"de", "en", "ar"} {
		m, err := locales.Source(lang)
		if err != nil {
			t.Fatal(err)
		}
		// Words that follow a count without being what is counted ("3 von 5").
		// Besides, the nouns counted in messages that name two numbers.
		nouns := map[string]bool{"stimmen": true, "votes": true, "voters": true, "أصوات": true, "صوت": true}
		notNouns := map[string]bool{"von": true, "of": true, "من": true, "bis": true, "to": true, "und": true, "and": true}
		for _, v := range m {
			if forms, ok := v.(map[string]any); ok {
				for _, f := range forms {
					for _, x := range placeholder.FindAllStringSubmatch(f.(string), -1) {
						if x[1] == "Count" && !notNouns[strings.ToLower(x[2])] {
							nouns[strings.ToLower(x[2])] = true
						}
					}
				}
			}
		}
		for key, v := range m {
			texts := map[string]string{}
			plural := false
			switch v := v.(type) {
			case string:
				texts[""] = v
			case map[string]any:
				plural = true
				for f, s := range v {
					texts[f] = s.(string)
				}
			}
			for form, s := range texts {
				for _, x := range placeholder.FindAllStringSubmatch(s, -1) {
					if !nouns[strings.ToLower(x[2])] || (x[1] == "Count" && plural) {
						continue
					}
					problems = append(problems, lang+" "+key+" "+form+": "+x[0]+" is a count outside the plural rules")
				}
			}
		}
	}
	sort.Strings(problems)
	return problems
}

var (
	// A number turned into text and glued to words: strconv.Itoa(n) + " Personen", "(" + fmt.Sprint(n).
	gluedNumber = regexp.MustCompile(`(strconv\.Itoa|fmt\.Sprint)\([^()]*(\([^()]*\))?[^()]*\)\s*\+\s*"[^"\pL]*\s\pL|"[^"]*\pL\s[^"\pL]*"\s*\+\s*(strconv\.Itoa|fmt\.Sprint)\(`)
	// attribute={ … } in a template: not text.
	templAttr = regexp.MustCompile(`[\w-]+\??=\{[^}]*\}`)
	// fmt.Sprintf("%d Stimmen", n)
	formattedNumber = regexp.MustCompile(`Sprintf\("[^"]*%d\s*\pL`)
	// In a template, a number written as text between words: { strconv.Itoa(n) } Personen.
	templNumber = regexp.MustCompile(`\{\s*(strconv\.Itoa|fmt\.Sprint)\([^}]*\}\s*\pL|\pL\s*\{\s*(strconv\.Itoa|fmt\.Sprint)\(`)
)

// countAllowed are the places where a number stands on its own: an API message (English, for
// programs), a numbered heading, "Label: 3".
var countAllowed = []string{
	"committee/logins.go: Try again in %d seconds", // PocketBase API error text, not a page
}

func countsInCode(t *testing.T) []string {
	t.Helper()
	var problems []string
	for _, dir := range []string{"../web", "../committee", "../views"} {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			isTempl := strings.HasSuffix(path, ".templ")
			if !isTempl && (!strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "_templ.go")) {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel := strings.TrimPrefix(filepath.ToSlash(path), "../")
			for i, line := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "//") {
					continue
				}
				bad := gluedNumber.MatchString(line) || formattedNumber.MatchString(line)
				if isTempl {
					// Inside an attribute or a translation's data the number is no text.
					text := templAttr.ReplaceAllString(line, "")
					if strings.Contains(text, "views.Tf(") || strings.Contains(text, "views.T(") && !strings.Contains(text, "}: {") {
						text = ""
					}
					bad = bad || templNumber.MatchString(text)
				}
				if !bad || allowedCount(rel, line) {
					continue
				}
				problems = append(problems, rel+":"+itoa(i+1)+": a count pasted into text: "+strings.TrimSpace(line))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return problems
}

func allowedCount(file, line string) bool {
	for _, a := range countAllowed {
		f, s, _ := strings.Cut(a, ": ")
		if f == file && strings.Contains(line, s) {
			return true
		}
	}
	return false
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestCountScanFindsPastedCounts: the scan's patterns catch the ways a count gets pasted.
func TestCountScanFindsPastedCounts(t *testing.T) {
	for _, line := range []string{
		`label := strconv.Itoa(n) + " Personen"`,
		`s := "(" + fmt.Sprint(len(regs)) + " Anmeldungen)"`,
		`fmt.Sprintf("%d Stimmen", n)`,
	} {
		if !gluedNumber.MatchString(line) && !formattedNumber.MatchString(line) {
			t.Errorf("not caught: %s", line)
		}
	}
	for _, line := range []string{`<p>{ strconv.Itoa(m.People) } Personen</p>`, `<p>von { strconv.Itoa(m.Voters) }</p>`} {
		if !templNumber.MatchString(line) {
			t.Errorf("not caught in a template: %s", line)
		}
	}
	for _, line := range []string{`v.Set("page", strconv.Itoa(page))`, `<td>{ strconv.Itoa(g.People) }</td>`, `key := "u" + strconv.Itoa(i)`} {
		if gluedNumber.MatchString(line) && !strings.Contains(line, `"u"`) || templNumber.MatchString(line) {
			t.Errorf("caught but fine: %s", line)
		}
	}
}
