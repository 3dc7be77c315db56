package committee

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Page sessions live on the server: the cookie holds a random id, the sessions collection the
// SHA-256 of it with the person, the device and when the session was last used. Logging out
// deletes the row, so the cookie's value opens nothing afterwards. (/api/ clients keep
// PocketBase's auth tokens; see the README.)

// seenEvery is how often a request writes last_seen: at most once a minute per session.
const seenEvery = time.Minute

// bindSessions ends the page sessions of an account whose password changes, limits password log-ins over /api/ as on the pages (logins.go), and removes
// expired sessions once a day (a session of someone who never comes back would stay).
func bindSessions(app core.App) {
	// A new password (any rotation of the token key: the page, /api/, the dashboard) ends every
	// page session of the account, as it ends its /api/ tokens. Bound after the users hook of
	// Bind, so it runs inside that hook's transaction (keptInTx), with the row's write.
	app.OnRecordUpdateExecute("users").BindFunc(func(e *core.RecordEvent) error {
		before := e.Record.Original().GetString(core.FieldNameTokenKey)
		if err := e.Next(); err != nil || e.Record.GetString(core.FieldNameTokenKey) == before {
			return err // (PocketBase rotates the key of a new password during the save)
		}
		_, err := e.App.DB().Delete("sessions", dbx.HashExp{"user": e.Record.Id}).Execute()
		return err
	})
	app.OnRecordAuthWithPasswordRequest("users").BindFunc(limitPasswordAuth)
	app.Cron().MustAdd("expired_sessions", "17 3 * * *", func() {
		if err := PruneSessions(app); err != nil {
			app.Logger().Error("expired sessions", "error", err)
		}
	})
}

// PruneSessions deletes every session unused for longer than the lifetime.
func PruneSessions(app core.App) error {
	_, err := app.DB().Delete("sessions", dbx.NewExp("last_seen < {:cut}",
		dbx.Params{"cut": types.NowDateTime().Add(-sessionLifetime(app)).String()})).Execute()
	return err
}

// Session is one signed-in browser of a person, as the profile lists it.
type Session struct {
	ID                string // the record id (not the secret in the cookie)
	Browser, OS       string // "" when the User-Agent told nothing
	Created, LastSeen time.Time
}

func hashSession(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// sessionLifetime is how long a session lasts without use: the users collection's auth token
// duration (dashboard → users → options), as the tokens it replaces did.
func sessionLifetime(app core.App) time.Duration {
	if coll, err := app.FindCachedCollectionByNameOrId("users"); err == nil && coll.AuthToken.Duration > 0 {
		return time.Duration(coll.AuthToken.Duration) * time.Second
	}
	return 7 * 24 * time.Hour
}

// SessionLifetime is how long a session lasts without use (for the cookie's expiry).
func SessionLifetime(app core.App) time.Duration { return sessionLifetime(app) }

// StartSession opens a session for u and returns its id for the cookie: 32 random bytes,
// base64url. Sessions of u that expired are removed on the way.
func StartSession(app core.App, u *User, userAgent string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id := base64.RawURLEncoding.EncodeToString(b)
	coll, err := app.FindCachedCollectionByNameOrId("sessions")
	if err != nil {
		return "", err
	}
	_, _ = app.DB().Delete(coll.Name, dbx.And(dbx.HashExp{"user": u.Id},
		dbx.NewExp("last_seen < {:cut}", dbx.Params{"cut": types.NowDateTime().Add(-sessionLifetime(app)).String()}))).Execute()
	rec := core.NewRecord(coll)
	rec.Set("user", u.Id)
	rec.Set("token_hash", hashSession(id))
	rec.Set("device", Device(userAgent))
	rec.Set("last_seen", types.NowDateTime())
	if err := app.Save(rec); err != nil {
		return "", err
	}
	return id, nil
}

// FindSession returns the person of a session id, or ErrNotFound for an unknown, ended or
// expired one. It notes the use at most once a minute, so that requests do not all write.
func FindSession(app core.App, id string) (*User, error) {
	if len(id) < 40 || len(id) > 60 {
		return nil, ErrNotFound
	}
	rec, err := app.FindFirstRecordByData("sessions", "token_hash", hashSession(id))
	if err != nil {
		return nil, ErrNotFound
	}
	seen := rec.GetDateTime("last_seen").Time()
	if time.Since(seen) > sessionLifetime(app) {
		_ = app.Delete(rec)
		return nil, ErrNotFound
	}
	u, err := app.FindRecordById("users", rec.GetString("user"))
	if err != nil {
		return nil, ErrNotFound
	}
	if time.Since(seen) >= seenEvery {
		// A direct update: no hooks and no "updated" change for a note of use.
		_, _ = app.DB().Update(rec.Collection().Name, dbx.Params{"last_seen": types.NowDateTime().String()},
			dbx.HashExp{"id": rec.Id}).Execute()
	}
	return &User{u}, nil
}

// EndSession deletes the session of a cookie's id (logging out). An unknown id is no error.
func EndSession(app core.App, id string) error {
	if id == "" {
		return nil
	}
	_, err := app.DB().Delete("sessions", dbx.HashExp{"token_hash": hashSession(id)}).Execute()
	return err
}

// EndSessionOf ends one of u's sessions by its record id (the profile's "log out here").
// Another person's session is ErrNotFound: nobody ends a session that is not theirs.
func EndSessionOf(app core.App, u *User, sessionID string) error {
	rec, err := app.FindRecordById("sessions", sessionID)
	if err != nil || u == nil || rec.GetString("user") != u.Id {
		return ErrNotFound
	}
	return app.Delete(rec)
}

// EndOtherSessions ends every session of u except the one of keepID (the cookie's id); with
// keepID "" it ends them all.
func EndOtherSessions(app core.App, u *User, keepID string) error {
	where := dbx.HashExp{"user": u.Id}
	if keepID == "" {
		_, err := app.DB().Delete("sessions", where).Execute()
		return err
	}
	_, err := app.DB().Delete("sessions", dbx.And(where, dbx.Not(dbx.HashExp{"token_hash": hashSession(keepID)}))).Execute()
	return err
}

// Sessions lists u's active sessions, the most recently used first; current is the record id
// of the session of keepID ("" when none matches).
func Sessions(app core.App, u *User, keepID string) ([]Session, string, error) {
	recs, err := app.FindRecordsByFilter("sessions", "user = {:u} && last_seen >= {:cut}", "-last_seen,-created", 0, 0,
		dbx.Params{"u": u.Id, "cut": types.NowDateTime().Add(-sessionLifetime(app)).String()})
	if err != nil {
		return nil, "", err
	}
	mine := hashSession(keepID)
	out := make([]Session, 0, len(recs))
	current := ""
	for _, r := range recs {
		s := Session{ID: r.Id, Created: r.GetDateTime("created").Time(), LastSeen: r.GetDateTime("last_seen").Time()}
		s.Browser, s.OS, _ = strings.Cut(r.GetString("device"), " on ")
		if r.GetString("token_hash") == mine {
			current = r.Id
		}
		out = append(out, s)
	}
	return out, current, nil
}

// Device names the browser and system of a User-Agent, e.g. "Firefox on Android"; "" when it
// says neither. Rough on purpose: it only helps a person tell their own devices apart.
func Device(userAgent string) string {
	ua := userAgent
	has := func(s string) bool { return strings.Contains(ua, s) }
	browser := ""
	switch {
	case has("Edg/") || has("EdgA/") || has("EdgiOS/"):
		browser = "Edge"
	case has("OPR/") || has("Opera"):
		browser = "Opera"
	case has("SamsungBrowser/"):
		browser = "Samsung Internet"
	case has("Firefox/") || has("FxiOS/"):
		browser = "Firefox"
	case has("Chrome/") || has("CriOS/") || has("Chromium/"):
		browser = "Chrome"
	case has("Safari/"):
		browser = "Safari"
	}
	system := ""
	switch {
	case has("Android"):
		system = "Android"
	case has("iPhone") || has("iPod"):
		system = "iPhone"
	case has("iPad"):
		system = "iPad"
	case has("Windows"):
		system = "Windows"
	case has("CrOS"):
		system = "ChromeOS"
	case has("Macintosh") || has("Mac OS X"):
		system = "macOS"
	case has("Linux"):
		system = "Linux"
	}
	if browser == "" && system == "" {
		return ""
	}
	return browser + " on " + system
}
