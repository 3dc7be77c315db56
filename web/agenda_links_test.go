package web_test

import (
	"strings"
	"testing"

	"komitee/internal/testkit"
)

// TestURLsInAgendaTextAreLinks: a URL in an agenda item's description becomes a link
// (goldmark's Linkify, sanitised, rel="nofollow"), on the agenda and in the suggestions the
// organisers decide on.
func TestURLsInAgendaTextAreLinks(t *testing.T) {
	k := testkit.New(t)
	k.Record(t, "agenda_items", map[string]any{"meeting": k.PublicMeeting.Id, "title": "Bericht", "status": "accepted", "position": 2,
		"duration": 10, "description": "Unterlagen: https://example.org/unterlagen <script>alert(1)</script>"})
	k.Record(t, "agenda_items", map[string]any{"meeting": k.PublicMeeting.Id, "title": "Vorschlag", "status": "suggested",
		"suggested_by": k.Member.Id, "description": "Siehe www.example.org/vorschlag."})
	s := newSite(t, k)
	s.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	body := s.get("/meetings/"+k.PublicMeeting.Id, 200)
	for _, want := range []string{`<a href="https://example.org/unterlagen" rel="nofollow">https://example.org/unterlagen</a>`,
		`<a href="http://www.example.org/vorschlag" rel="nofollow">www.example.org/vorschlag</a>`, `data-testid="suggestion-description"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the meeting page lacks %s", want)
		}
	}
	if strings.Contains(body, "alert(1)</script>") {
		t.Error("a script in an agenda item's text came through")
	}
}
