package web_test

import (
	"net/http"
	"strings"
	"testing"

	"komitee/internal/testkit"
)

// langOf is the page's language from <html lang=…>.
func langOf(body string) string {
	_, rest, _ := strings.Cut(body, `<html lang="`)
	lang, _, _ := strings.Cut(rest, `"`)
	return lang
}

// TestLangParam: ?lang=xx shows any page in that language and remembers it, so a shared link
// such as /meetings/abc?lang=ar opens in Arabic; the page cache never serves a page in the
// wrong language.
func TestLangParam(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	delete(s.cookies, "komitee_lang") // a visitor with a German browser
	meeting := "/meetings/" + k.PublicMeeting.Id
	if got := langOf(s.get(meeting, http.StatusOK)); got != "de" {
		t.Fatalf("without ?lang the page is %q", got)
	}
	body := s.get(meeting+"?lang=ar", http.StatusOK)
	if langOf(body) != "ar" || !strings.Contains(body, `dir="rtl"`) {
		t.Fatalf("?lang=ar shows %q", langOf(body))
	}
	if s.cookies["komitee_lang"] != "ar" {
		t.Fatalf("?lang=ar not remembered: %v", s.cookies)
	}
	if got := langOf(s.get("/organisations", http.StatusOK)); got != "ar" {
		t.Fatalf("the next page is %q, want the remembered ar", got)
	}
	// The cached pages: another visitor gets each in their own language.
	other := newSite(t, k)
	for _, c := range []struct{ path, cookie, want string }{
		{meeting, "de", "de"}, {meeting + "?lang=en", "de", "en"}, {meeting, "en", "en"}, {meeting, "de", "de"},
		{"/organisations?lang=ar", "de", "ar"}, {"/organisations", "de", "de"},
	} {
		other.cookies["komitee_lang"] = c.cookie
		if got := langOf(other.get(c.path, http.StatusOK)); got != c.want {
			t.Errorf("%s with cookie %s: page in %q, want %q", c.path, c.cookie, got, c.want)
		}
	}
	// An unknown language is ignored.
	other.cookies["komitee_lang"] = "de"
	if got := langOf(other.get(meeting+"?lang=xx", http.StatusOK)); got != "de" {
		t.Errorf("?lang=xx: page in %q", got)
	}
}

// TestLanguageSwitcherSavesTheProfile: for a signed-in person the switcher changes the
// account's language (mails follow it), so the next login keeps it; the way back drops a ?lang=
// that would switch again.
func TestLanguageSwitcherSavesTheProfile(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	_, cookie, _ := strings.Cut(k.Session(t, k.Member), "=")
	s.cookies["komitee_session"] = cookie
	status, loc, _ := s.do(http.MethodGet, "/lang?to=ar&next=/topics%3Flang%3Den%26page%3D2", nil)
	if status != http.StatusSeeOther || loc != "/topics?page=2" {
		t.Fatalf("switcher: %d to %q", status, loc)
	}
	u, err := k.App.FindRecordById("users", k.Member.Id)
	if err != nil {
		t.Fatal(err)
	}
	if u.GetString("language") != "ar" {
		t.Fatalf("account language %q after switching to ar", u.GetString("language"))
	}
	// A new login (no language cookie) comes back in Arabic.
	delete(s.cookies, "komitee_lang")
	if got := langOf(s.get("/profile", http.StatusOK)); got != "ar" {
		t.Fatalf("after the switch the profile is in %q", got)
	}
	// The public's switch changes no account.
	pub := newSite(t, k)
	if status, _, _ := pub.do(http.MethodGet, "/lang?to=en&next=/", nil); status != http.StatusSeeOther || pub.cookies["komitee_lang"] != "en" {
		t.Fatalf("public switch: %d %v", status, pub.cookies)
	}
}
