package web

import (
	"net/http"
	"net/url"
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
	authKey       = "auth"
	langKey       = "lang"
)

// session loads the person from the session cookie: a PocketBase auth token. A password change
// rotates the account's token key, which invalidates every such cookie.
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
	rec, err := s.app.FindAuthRecordByToken(ck.Value, core.TokenTypeAuth)
	if err != nil || rec.Collection().Name != "users" {
		return nil, committee.ErrForbidden
	}
	return rec, nil
}

// login starts a session for u.
func (s *Server) login(c echo.Context, u *committee.User) error {
	token, err := u.NewAuthToken()
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: isHTTPS(c), SameSite: http.SameSiteLaxMode,
		Expires: time.Now().Add(time.Duration(u.Collection().AuthToken.Duration) * time.Second)})
	clearCookie(c, langCookie) // the account's language applies from now on
	return nil
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

// locale picks the page language: the switcher's cookie, else the account's language, else the
// browser's Accept-Language, else German.
func (s *Server) locale(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(langKey, s.pickLanguage(c))
		return next(c)
	}
}

func (s *Server) pickLanguage(c echo.Context) string {
	if ck, err := c.Cookie(langCookie); err == nil && locales.Valid(ck.Value) {
		return ck.Value
	}
	if u := currentUser(c); u != nil && u.GetString("language") != "" {
		return u.Language()
	}
	return locales.Match(c.Request().Header.Get("Accept-Language"))
}

// setLanguage is the language switcher: it remembers the choice in a cookie and goes back to
// the page. (The account's own language, for mails, is set on the profile.)
func (s *Server) setLanguage(c echo.Context) error {
	lang := c.QueryParam("to")
	if !locales.Valid(lang) {
		return echo.ErrBadRequest
	}
	c.SetCookie(&http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: isHTTPS(c)})
	return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
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
