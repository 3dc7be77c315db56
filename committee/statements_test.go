package committee_test

import (
	"testing"

	"komitee/committee"
)

// TestWordDiff: whole words are added and removed, the rest stays; non-Latin text and long
// texts (more distinct words than the surrogate range's start) survive the rune mapping.
func TestWordDiff(t *testing.T) {
	parts := committee.WordDiff("Wir fordern mehr Sprachkurse im Landkreis.", "Wir fordern mehr Sprachkurse und Abendkurse im ganzen Landkreis.")
	var added, removed, same string
	for _, p := range parts {
		switch p.Kind {
		case "add":
			added += p.Text + "|"
		case "del":
			removed += p.Text + "|"
		default:
			same += p.Text
		}
	}
	if added != "und Abendkurse | ganzen|" || removed != "" || same != "Wir fordern mehr Sprachkurse im Landkreis." {
		t.Fatalf("added %q, removed %q (%v)", added, removed, parts)
	}
	parts = committee.WordDiff("نطالب بدورات لغة", "نطالب بدورات لغة للجميع")
	if len(parts) != 2 || parts[1].Kind != "add" || parts[1].Text != " للجميع" {
		t.Fatalf("Arabic: %v", parts)
	}
	var a, b []byte
	for i := 0; i < 60000; i++ {
		a = append(a, []byte("w"+string(rune('a'+i%26))+itoa(i)+" ")...)
	}
	b = append(append([]byte{}, a...), []byte("Ende")...)
	got := ""
	for _, p := range committee.WordDiff(string(a), string(b)) {
		if p.Kind == "add" {
			got += p.Text
		}
	}
	if got != "Ende" {
		t.Fatalf("long text: added %q", got)
	}
}

func itoa(i int) string {
	s := ""
	for {
		s = string(rune('0'+i%10)) + s
		if i /= 10; i == 0 {
			return s
		}
	}
}

// TestTextFor: the reader's language where it exists (its newest version), else the original.
func TestTextFor(t *testing.T) {
	vs := []committee.Version{{ID: "3", Language: "de", Original: true, Number: 3}, {ID: "2", Language: "en", Number: 2},
		{ID: "1", Language: "de", Original: true, Number: 1}}
	if v, ok := committee.TextFor(vs, "en"); !ok || v.ID != "2" {
		t.Fatalf("en: %v %v", v, ok)
	}
	if v, ok := committee.TextFor(vs, "de"); !ok || v.ID != "3" {
		t.Fatalf("de: %v %v", v, ok)
	}
	if v, ok := committee.TextFor(vs, "ar"); ok || v.ID != "3" {
		t.Fatalf("ar falls back to the original: %v %v", v, ok)
	}
	if cur := committee.Current(vs); len(cur) != 2 || !cur[0].Original {
		t.Fatalf("current: %v", cur)
	}
}
