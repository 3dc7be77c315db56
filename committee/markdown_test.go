package committee

import (
	"strings"
	"testing"
)

func TestMarkdownIsSanitised(t *testing.T) {
	for in, want := range map[string]string{
		"**fett** und [Link](https://example.org)": `<strong>fett</strong>`,
		"<script>alert(1)</script>\n\nText":        "Text",
		"[x](javascript:alert(1))":                 "x",
		`Bild <img src=x onerror="alert(1)"> Ende`: "<p>Bild  Ende</p>", // the tag goes, the text stays
		"- eins\n- zwei":                           "<li>eins</li>",
	} {
		if want == "" {
			t.Fatalf("case %q expects \"\", which every output contains", in)
		}
		got := Markdown(in)
		if !strings.Contains(got, want) || strings.Contains(got, "<script") || strings.Contains(got, "javascript:") || strings.Contains(got, "onerror") {
			t.Errorf("Markdown(%q) = %q", in, got)
		}
	}
	if got := SanitizeHTML(`<p onclick="x()">Gefördert <b>von</b></p><script>1</script>`); got != "<p>Gefördert <b>von</b></p>" {
		t.Errorf("SanitizeHTML = %q", got)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{"Frauen-Café Kamenz": "frauen-cafe-kamenz", "Straße & Größe e.V.": "strasse-groesse-e-v",
		"  ": "org", "جمعية": "org", "Verein 2019": "verein-2019"} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
