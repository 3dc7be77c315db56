package committee_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestSessionLifecycle: a session opens its person; the row keeps a hash, never the id; it
// notes its use at most once a minute; it expires after the auth token duration without use;
// ending it ends it.
func TestSessionLifecycle(t *testing.T) {
	k := testkit.New(t)
	u := committee.AsUser(k.Member)
	id, err := committee.StartSession(k.App, u, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36")
	if err != nil || len(id) != 43 {
		t.Fatalf("id %q: %v", id, err)
	}
	if n, _ := k.App.CountRecords("sessions", dbx.NewExp("token_hash = {:id} OR device LIKE {:like}", dbx.Params{"id": id, "like": "%" + id + "%"})); n != 0 {
		t.Fatal("the session id is stored")
	}
	got, err := committee.FindSession(k.App, id)
	if err != nil || got.Id != k.Member.Id {
		t.Fatalf("FindSession: %v", err)
	}
	rec, err := k.App.FindFirstRecordByFilter("sessions", "user = {:u} && device = 'Chrome on Windows'", dbx.Params{"u": u.Id})
	if err != nil {
		t.Fatal(err)
	}
	setSeen := func(ago time.Duration) {
		t.Helper()
		if _, err := k.App.DB().Update("sessions", dbx.Params{"last_seen": types.NowDateTime().Add(-ago).String()}, dbx.HashExp{"id": rec.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	seen := func() time.Time {
		r, _ := k.App.FindRecordById("sessions", rec.Id)
		return r.GetDateTime("last_seen").Time()
	}
	// Used 30 s ago: no write. Used 2 minutes ago: noted now.
	setSeen(30 * time.Second)
	before := seen()
	committee.FindSession(k.App, id)
	if !seen().Equal(before) {
		t.Error("last_seen written within the minute")
	}
	setSeen(2 * time.Minute)
	committee.FindSession(k.App, id)
	if time.Since(seen()) > 10*time.Second {
		t.Error("last_seen not noted after a minute")
	}
	// Unused for longer than the auth token duration: gone.
	users, _ := k.App.FindCollectionByNameOrId("users")
	setSeen(time.Duration(users.AuthToken.Duration)*time.Second + time.Minute)
	if _, err := committee.FindSession(k.App, id); err == nil {
		t.Fatal("an expired session still opens")
	}
	if _, err := k.App.FindRecordById("sessions", rec.Id); err == nil {
		t.Error("the expired session's row is left")
	}
	// Ended: gone.
	id2, _ := committee.StartSession(k.App, u, "")
	if err := committee.EndSession(k.App, id2); err != nil {
		t.Fatal(err)
	}
	if _, err := committee.FindSession(k.App, id2); err == nil {
		t.Fatal("an ended session still opens")
	}
	for _, bad := range []string{"", "x", strings.Repeat("A", 43), k.Token(t, k.Member)} {
		if _, err := committee.FindSession(k.App, bad); err == nil {
			t.Errorf("%q opens a session", bad)
		}
	}
}

// TestEndSessionOfOthers: nobody ends a session that is not theirs, by record id.
func TestEndSessionOfOthers(t *testing.T) {
	k := testkit.New(t)
	id, _ := committee.StartSession(k.App, committee.AsUser(k.Member), "")
	list, current, err := committee.Sessions(k.App, committee.AsUser(k.Member), id)
	if err != nil || current == "" || len(list) != 2 { // the fixture's and this one
		t.Fatalf("sessions %d, current %q: %v", len(list), current, err)
	}
	if err := committee.EndSessionOf(k.App, committee.AsUser(k.Rep), current); err == nil {
		t.Fatal("the rep ended the member's session")
	}
	if _, err := committee.FindSession(k.App, id); err != nil {
		t.Fatal("the member's session is gone")
	}
	if err := committee.EndOtherSessions(k.App, committee.AsUser(k.Member), id); err != nil {
		t.Fatal(err)
	}
	if list, _, _ := committee.Sessions(k.App, committee.AsUser(k.Member), id); len(list) != 1 || list[0].ID != current {
		t.Fatalf("after ending the others: %+v", list)
	}
}

// TestDevice names browsers and systems from real User-Agents.
func TestDevice(t *testing.T) {
	for ua, want := range map[string]string{
		"Mozilla/5.0 (Android 14; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0":                                                                       "Firefox on Android",
		"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36":                            "Chrome on Android",
		"Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36": "Samsung Internet on Android",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1":    "Safari on iPhone",
		"Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/142.0 Mobile/15E148 Safari/604.1":              "Chrome on iPad",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0":              "Edge on Windows",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15":                      "Safari on macOS",
		"Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0":                                                                     "Firefox on Linux",
		"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36":                             "Chrome on ChromeOS",
		"curl/8.0": "",
		"":         "",
	} {
		if got := committee.Device(ua); got != want {
			t.Errorf("Device(%q) = %q, want %q", ua, got, want)
		}
	}
}

// TestPruneSessions: the daily clean-up removes sessions unused beyond the lifetime only.
func TestPruneSessions(t *testing.T) {
	k := testkit.New(t)
	old, _ := committee.StartSession(k.App, committee.AsUser(k.Rep), "")
	if _, err := k.App.DB().NewQuery("UPDATE sessions SET last_seen = '2020-01-01 00:00:00.000Z' WHERE user = {:u} AND device = ''").
		Bind(dbx.Params{"u": k.Rep.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	fresh, _ := committee.StartSession(k.App, committee.AsUser(k.Deputy), "") // (a new session of Rep would remove the old one itself)
	before, _ := k.App.CountRecords("sessions")
	if err := committee.PruneSessions(k.App); err != nil {
		t.Fatal(err)
	}
	if after, _ := k.App.CountRecords("sessions"); after != before-1 {
		t.Errorf("%d sessions removed, want 1", before-after)
	}
	_, errOld := committee.FindSession(k.App, old)
	_, errFresh := committee.FindSession(k.App, fresh)
	if errOld == nil || errFresh != nil {
		t.Errorf("old opens: %v, fresh opens: %v", errOld == nil, errFresh == nil)
	}
}
