package web

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/locales"
	"komitee/views"
	"komitee/views/pages"
)

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes a full page with status 200.
func (s *Server) render(c echo.Context, comp templ.Component) error {
	return s.renderStatus(c, http.StatusOK, comp)
}

// renderStatus renders into a buffer first, so that a failing template never sends half a page.
func (s *Server) renderStatus(c echo.Context, status int, comp templ.Component) error {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	c.Set(statusKey, status) // an error page names no canonical address (sitePageData)
	ctx := views.With(c.Request().Context(), s.pageData(c))
	if err := comp.Render(ctx, buf); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Vary", "HX-Request, Cookie, Accept-Language, Accept-Encoding")
	if c.Request().Header.Get("HX-Request") == "true" {
		if to := ownerOf(c); to != "" { // a POST-only form's answer: show its page's address
			h.Set("HX-Push-Url", to)
		}
	}
	if buf.Len() < 1024 || !strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		return c.HTMLBlob(status, buf.Bytes())
	}
	zbuf := buffers.Get().(*bytes.Buffer)
	zbuf.Reset()
	defer buffers.Put(zbuf)
	if err := gzipTo(zbuf, buf.Bytes()); err != nil {
		return err
	}
	h.Set("Content-Encoding", "gzip")
	return c.HTMLBlob(status, zbuf.Bytes())
}

// renderForm renders a form again after bad input: 422 with the problems next to the fields.
func (s *Server) renderForm(c echo.Context, comp templ.Component) error {
	return s.renderStatus(c, http.StatusUnprocessableEntity, comp)
}

// pageData builds what the layout needs: language, person, CSRF token, committee, flash.
func (s *Server) pageData(c echo.Context) *views.Page {
	lang, _ := c.Get(langKey).(string)
	lang = locales.Normalize(lang)
	p := &views.Page{Lang: lang, Dir: locales.Dir(lang), Path: c.Request().URL.RequestURI(), Committee: "Komitee"}
	p.CSRF, _ = c.Get("csrf").(string)
	if com := committee.LoadCommittee(s.app); com != nil {
		p.Committee = com.Name()
		p.FunderNotice = com.FunderNoticeHTML()
	}
	s.sitePageData(c, p)
	if u := currentUser(c); u != nil {
		p.User = &views.User{Name: u.Name(), Coordinator: committee.MayCoordinate(u.Record)}
	}
	if ck, err := c.Cookie(flashCookie); err == nil && strings.HasPrefix(ck.Value, "flash.") {
		p.Flash, p.FlashCount = splitFlash(ck.Value)
		clearCookie(c, flashCookie)
	}
	return p
}

// redirect answers a successful POST: 303 See Other, or HX-Location for HTMX, which then
// loads the target without a full reload. When the answer starts or ends a session or sets
// the language, the next page may speak another language: HTMX would swap only the body and
// keep the old <html lang dir>, so it gets HX-Redirect, a full load, instead.
func redirect(c echo.Context, to string) error {
	if c.Request().Header.Get("HX-Request") == "true" {
		if mayChangeLanguage(c) {
			c.Response().Header().Set("HX-Redirect", to)
		} else {
			c.Response().Header().Set("HX-Location", to)
		}
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, to)
}

// mayChangeLanguage reports whether the response sets the session or the language cookie.
func mayChangeLanguage(c echo.Context) bool {
	for _, ck := range c.Response().Header().Values("Set-Cookie") {
		if strings.HasPrefix(ck, sessionCookie+"=") || strings.HasPrefix(ck, langCookie+"=") {
			return true
		}
	}
	return false
}

// errorPage is the translated page for an error status code ("404" → error.404.title, …).
func errorPage(code string) templ.Component {
	return pages.MessagePage(pages.Message{Title: "error." + code + ".title", Text: "error." + code + ".text",
		LinkText: "error.home", Link: "/"})
}

// formErrors splits a workflow error into field problems (shown at the fields) and other
// errors (returned to the error page).
func formErrors(err error) (committee.Errors, error) {
	if err == nil {
		return nil, nil
	}
	var errs committee.Errors
	if errors.As(committee.FromSaveError(err), &errs) {
		return errs, nil
	}
	return nil, err
}

// field is a trimmed form value.
func field(c echo.Context, name string) string { return strings.TrimSpace(c.FormValue(name)) }

// fields returns all values of a repeated form field (checkboxes).
func fields(c echo.Context, name string) []string {
	if err := c.Request().ParseMultipartForm(32 << 20); err != nil && err != http.ErrNotMultipart {
		_ = c.Request().ParseForm()
	}
	return c.Request().Form[name]
}

// validateOnly answers HTMX inline validation: the error slot of the field that changed.
func (s *Server) validateOnly(c echo.Context, errs committee.Errors) error {
	name := c.Request().Header.Get("HX-Trigger-Name")
	return s.renderStatus(c, http.StatusOK, views.FieldError(name, errs[name]))
}
