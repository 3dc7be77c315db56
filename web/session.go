package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/locales"
)

const (
	sessionCookie = "komitee_session"
	langCookie    = "komitee_lang"
	flashCookie   = "komitee_flash"
	knownCookie   = "komitee_known" // a browser that logged in before (committee.KnownDevice)
	authKey       = "auth"
	sessionKey    = "session"
	langKey       = "lang"
)

// session loads the person from the session cookie: the id of a server-side session
// (committee/sessions.go). Logging out deletes the session, so the cookie's value opens nothing
// afterwards.
func (s *Server) session(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		rec, err := s.loadAuth(c)
		if err != nil {
			clearCookie(c, sessionCookie)
		} else if rec != nil {
			c.Set(authKey, rec)
		}
		return next(c)
	}
}

func (s *Server) loadAuth(c echo.Context) (*core.Record, error) {
	ck, err := c.Cookie(sessionCookie)
	if err != nil || ck.Value == "" {
		return nil, nil
	}
	u, err := committee.FindSession(s.app, ck.Value)
	if err != nil {
		return nil, committee.ErrForbidden
	}
	return u.Record, nil
}

// sessionID is the session id of this request: the one login started, else the cookie's ("" without one).
func sessionID(c echo.Context) string {
	if id, ok := c.Get(sessionKey).(string); ok {
		return id
	}
	if ck, err := c.Cookie(sessionCookie); err == nil {
		return ck.Value
	}
	return ""
}

// login starts a session for u: a new row in sessions, its id in the cookie. A session the
// browser had before (another account, or the same) ends.
func (s *Server) login(c echo.Context, u *committee.User) error {
	_ = committee.EndSession(s.app, sessionID(c))
	id, err := committee.StartSession(s.app, u, c.Request().UserAgent())
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true,
		Secure: isHTTPS(c), SameSite: http.SameSiteLaxMode,
		Expires: time.Now().Add(committee.SessionLifetime(s.app))})
	c.Set(sessionKey, id)      // for the rest of this request
	clearCookie(c, langCookie) // the account's language applies from now on
	return nil
}

// logoutHere ends the browser's session and clears its cookie.
func (s *Server) logoutHere(c echo.Context) error {
	err := committee.EndSession(s.app, sessionID(c))
	clearCookie(c, sessionCookie)
	return err
}

// isHTTPS reports whether the request came over HTTPS, directly or through a proxy that says so
// with X-Forwarded-Proto. (A client that sends the header itself only gets a Secure cookie its
// plain-HTTP requests will not carry: no harm to anyone else.)
func isHTTPS(c echo.Context) bool {
	return c.Request().TLS != nil || strings.EqualFold(c.Request().Header.Get("X-Forwarded-Proto"), "https")
}

func clearCookie(c echo.Context, name string) {
	c.SetCookie(&http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// locale picks the page language among the committee's enabled languages: ?lang=xx in the
// address (a shared link such as /meetings/abc?lang=ar; the choice is remembered in the
// switcher's cookie), else the switcher's cookie, else the account's language, else the
// browser's Accept-Language, else German. (The page cache keys its pages by the language
// picked here and the full address.)
func (s *Server) locale(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		enabled := committee.EnabledLanguages(s.app)
		if lang := c.QueryParam("lang"); locales.Valid(lang) && slices.Contains(enabled, lang) {
			setLangCookie(c, lang)
			c.Set(langKey, lang)
			return next(c)
		}
		c.Set(langKey, s.pickLanguage(c, enabled))
		return next(c)
	}
}

func (s *Server) pickLanguage(c echo.Context, enabled []string) string {
	if ck, err := c.Cookie(langCookie); err == nil && locales.Valid(ck.Value) && slices.Contains(enabled, ck.Value) {
		return ck.Value
	}
	if u := currentUser(c); u != nil && u.GetString("language") != "" && slices.Contains(enabled, u.Language()) {
		return u.Language()
	}
	return locales.MatchIn(c.Request().Header.Get("Accept-Language"), enabled)
}

func setLangCookie(c echo.Context, lang string) {
	c.SetCookie(&http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: isHTTPS(c)})
}

// setLanguage is the language switcher: it remembers the choice in a cookie and goes back to
// the page (without a ?lang= that would switch it back). For a signed-in person it is also the
// account's language, so mails follow it and the next login keeps it.
func (s *Server) setLanguage(c echo.Context) error {
	lang := c.QueryParam("to")
	if !locales.Valid(lang) || !committee.LanguageEnabled(s.app, lang) {
		return echo.ErrBadRequest
	}
	setLangCookie(c, lang)
	if u := currentUser(c); u != nil && u.Language() != lang {
		if err := committee.SetLanguage(s.app, u, lang); err != nil {
			return err
		}
	}
	return c.Redirect(http.StatusSeeOther, withoutLang(safeNext(c.QueryParam("next"))))
}

// withoutLang drops ?lang= from a page address on this site.
func withoutLang(next string) string {
	u, err := url.Parse(next)
	if err != nil || !u.Query().Has("lang") {
		return next
	}
	q := u.Query()
	q.Del("lang")
	u.RawQuery = q.Encode()
	return u.String()
}

// currentUser is the person asking, or nil for the public.
func currentUser(c echo.Context) *committee.User {
	rec, _ := c.Get(authKey).(*core.Record)
	return committee.AsUser(rec)
}

// authRecord is the auth record for rule checks (nil for the public).
func authRecord(c echo.Context) *core.Record {
	rec, _ := c.Get(authKey).(*core.Record)
	return rec
}

// requireUser returns the person asking, or ErrForbidden (which sends the public to log in).
func requireUser(c echo.Context) (*committee.User, error) {
	if u := currentUser(c); u != nil {
		return u, nil
	}
	return nil, committee.ErrForbidden
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	// Browsers read a backslash as a slash: "/\\evil.example" would leave the site.
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(next, "/") ||
		strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') {
		return "/"
	}
	return next
}

// flash leaves a one-time message (a locale key) for the next page.
func flash(c echo.Context, key string) {
	c.SetCookie(&http.Cookie{Name: flashCookie, Value: key, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}
