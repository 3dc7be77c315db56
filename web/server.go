// Package web serves Komitee's pages: an Echo instance mounted into PocketBase's router, so
// that /api/ and /_/ stay PocketBase's and every other path comes here. routes.go lists the
// routes; one handler file per feature.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"komitee/committee"
	"komitee/internal/runcmd"
	"komitee/public"
	"komitee/views"
)

// Server holds the Echo instance and the PocketBase app it reads from.
type Server struct {
	app   core.App
	echo  *echo.Echo
	cache *pageCache
}

// Register mounts the pages into PocketBase's router when it serves, and prints the one-time
// setup link while the committee has not been set up. (committee.Bind registers the domain's
// hooks; main calls both.)
func Register(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		s := New(app)
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "komiteeHTMLErrors", Priority: apis.DefaultRateLimitMiddlewarePriority - 1, Func: s.pocketBaseErrors,
		})
		// Uptime checks of /api/health stay out of the request log: at thousands of pings a second
		// the log's batched writes pile up in memory (BENCHMARKS.md).
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{Id: "komiteeQuietHealth", Func: func(e *core.RequestEvent) error {
			if e.Request.URL.Path == "/api/health" {
				return apis.SkipSuccessActivityLog().Func(e)
			}
			return e.Next()
		}})
		// Unknown /api/ paths keep PocketBase's JSON errors instead of falling through to pages.
		se.Router.Any("/api/{path...}", func(e *core.RequestEvent) error { return e.NotFoundError("", nil) })
		se.Router.Any("/{path...}", func(e *core.RequestEvent) error {
			// The visitor's address as PocketBase resolves it (behind a trusted proxy: from its
			// header), for the pages' per-address limits (clientIP).
			r := e.Request.WithContext(context.WithValue(e.Request.Context(), realIPKey{}, e.RealIP()))
			s.echo.ServeHTTP(e.Response, r)
			return nil
		}).Bind(apis.SkipSuccessActivityLog())

		token, err := committee.SetupToken(app)
		if err != nil {
			return err
		}
		if token != "" {
			addr := "http://127.0.0.1:8090"
			if se.Server != nil {
				addr = "http://" + strings.Replace(se.Server.Addr, "0.0.0.0", "127.0.0.1", 1)
			}
			superuser := runcmd.Line(app.DataDir(), "superuser", "upsert", "EMAIL", "PASSWORD")
			app.Logger().Info("Komitee is not set up yet: open the one-time setup link", "url", addr+"/setup/"+token,
				"superuser", superuser)
			println(setupMessage(addr+"/setup/"+token, superuser))
		}
		return se.Next()
	})
}

// realIPKey holds the client address PocketBase resolved in the request's context.
type realIPKey struct{}

// clientIP is the visitor's address: PocketBase's RealIP (which honours the dashboard's
// trusted-proxy settings), or the connection's address when the page was not reached through
// PocketBase's router.
func clientIP(c echo.Context) string {
	if ip, ok := c.Request().Context().Value(realIPKey{}).(string); ok && ip != "" {
		return ip
	}
	return c.RealIP()
}

// setupMessage is what serve prints while the committee is not set up: the one-time link, and
// the command (as this program was started: runcmd) that makes a superuser for the dashboard.
func setupMessage(link, superuser string) string {
	return "\n(!) Komitee is not set up yet. Open this one-time link to set it up:\n    " + link +
		"\n    A superuser for the dashboard (/_/): " + superuser + "\n"
}

// New builds the Echo instance with its middleware and routes.
func New(app core.App) *Server {
	views.SetAssetVersion(public.Version)
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// PocketBase already resolved the client address (and its trusted-proxy settings); Echo
	// must not trust X-Forwarded-For on its own.
	e.IPExtractor = echo.ExtractIPDirect()
	s := &Server{app: app, echo: e, cache: newPageCache(app)}
	e.HTTPErrorHandler = s.errorHandler
	e.Use(middleware.Recover())
	e.Use(securityHeaders)
	e.Use(s.session)
	e.Use(s.locale)
	e.Use(middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup: "form:_csrf,header:X-CSRF-Token", ContextKey: "csrf",
		CookieName: "komitee_csrf", CookiePath: "/", CookieHTTPOnly: true,
		CookieSameSite: http.SameSiteLaxMode, CookieSecure: false,
		// A sibling subdomain is not this site: without this, Echo would fall back to its
		// double-submit token, which a sibling that can set cookies on the parent domain can forge.
		AllowSecFetchSiteFunc: func(echo.Context) (bool, error) {
			return false, echo.NewHTTPError(http.StatusForbidden, "csrf")
		},
		Skipper: func(c echo.Context) bool { return strings.HasPrefix(c.Path(), "/static/") },
		ErrorHandler: func(err error, c echo.Context) error {
			return echo.NewHTTPError(http.StatusForbidden, "csrf").SetInternal(err)
		},
	}))
	s.routes()
	return s
}

// securityHeaders sets a strict Content-Security-Policy: scripts only from this origin (no inline
// scripts, no eval), and the other headers a page should send.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("X-Content-Type-Options", "nosniff")
		return next(c)
	}
}

// pocketBaseErrors renders errors that PocketBase's own middleware returns before a page is
// reached (the rate limiter's 429, the body limit's 413) as HTML pages, for page paths only.
func (s *Server) pocketBaseErrors(e *core.RequestEvent) error {
	err := e.Next()
	if err == nil || strings.HasPrefix(e.Request.URL.Path, "/api/") || strings.HasPrefix(e.Request.URL.Path, "/_/") {
		return err
	}
	var apiErr *router.ApiError
	if !errors.As(err, &apiErr) {
		return err
	}
	c := s.echo.NewContext(e.Request, e.Response)
	if rec, lerr := s.loadAuth(c); lerr == nil && rec != nil {
		c.Set(authKey, rec)
	}
	c.Set(langKey, s.pickLanguage(c, committee.EnabledLanguages(s.app)))
	s.errorHandler(echo.NewHTTPError(apiErr.Status, apiErr.Message), c)
	return nil
}

// errorHandler turns every error into a translated HTML page with the right status.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status := http.StatusInternalServerError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &he):
		status = he.Code
	case errors.Is(err, committee.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, committee.ErrForbidden):
		status = http.StatusForbidden
	}
	if status >= 500 {
		s.app.Logger().Error("page error", slog.String("path", c.Request().URL.Path), slog.Any("error", err))
	}
	if status == http.StatusForbidden && c.Get(authKey) == nil && c.Request().Method == http.MethodGet {
		// Not logged in: send to the login page rather than a dead end.
		_ = redirect(c, "/login?next="+safeNext(c.Request().URL.RequestURI()))
		return
	}
	code := map[int]string{400: "400", 403: "403", 404: "404", 405: "405", 413: "413", 429: "429"}[status]
	if code == "" {
		code = "500"
	}
	_ = s.renderStatus(c, status, errorPage(code))
}
