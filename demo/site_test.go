package demo

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"komitee/committee"
)

// TestLoadSitePages: the demo fills the public face's pages from the founding slides, about and
// goals in every language, joining and contact in German (the others fall back with a note).
func TestLoadSitePages(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	committee.Bind(app)
	if _, err := Load(app); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "en", "ar"} {
		for _, slug := range []string{"about", "goals"} {
			p, err := committee.LoadPage(app, nil, slug, lang)
			if err != nil || p.Fallback || p.Description == "" {
				t.Errorf("%s in %s: %+v %v", slug, lang, p, err)
			}
		}
	}
	if p, err := committee.LoadPage(app, nil, "goals", "de"); err != nil || !strings.Contains(p.Body, "gemeinsame politische Stimme") {
		t.Errorf("goals are not the founding slides' goals: %+v", p)
	}
	if p, err := committee.LoadPage(app, nil, "join", "ar"); err != nil || !p.Fallback || p.Lang != "de" {
		t.Errorf("join in Arabic should fall back to German: %+v %v", p, err)
	}
	second, err := Load(app)
	if err != nil || second.Created != 0 {
		t.Errorf("second run: %v, created %d", err, second.Created)
	}
}
