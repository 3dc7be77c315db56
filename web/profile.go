package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/views/profile"
)

func (s *Server) profileView(c echo.Context, u *committee.User, p committee.Profile, errs committee.Errors) (profile.Form, error) {
	lang := c.Get(langKey).(string)
	ms, err := s.myMemberships(u)
	if err != nil {
		return profile.Form{}, err
	}
	sessions, err := s.mySessions(c, u)
	return profile.Form{Name: p.Name, Language: p.Language, Phone: p.Phone, Email: u.Email(),
		EmailVisibility: p.EmailVisibility, PhoneVisibility: p.PhoneVisibility, Languages: p.Languages,
		LangOptions: languageOptions(lang), Visibilities: visibilityOptions(lang), Memberships: ms, Errors: errs,
		CalendarURL: s.calendarURL(u), Sessions: sessions}, err
}

// mySessions lists the browsers I am logged in on, this one marked.
func (s *Server) mySessions(c echo.Context, u *committee.User) ([]profile.Session, error) {
	lang := c.Get(langKey).(string)
	list, current, err := committee.Sessions(s.app, u, sessionID(c))
	out := make([]profile.Session, 0, len(list))
	for _, x := range list {
		out = append(out, profile.Session{ID: x.ID, Browser: x.Browser, OS: x.OS, Current: x.ID == current,
			Created:  committee.FormatRange(lang, x.Created, time.Time{}),
			LastSeen: committee.FormatRange(lang, x.LastSeen, time.Time{})})
	}
	return out, err
}

// sessionEnd logs out one of my sessions ("log out there"); ending this browser's logs me out.
func (s *Server) sessionEnd(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	_, current, err := committee.Sessions(s.app, u, sessionID(c))
	if err != nil {
		return err
	}
	if err := committee.EndSessionOf(s.app, u, c.Param("id")); err != nil {
		return err
	}
	if c.Param("id") == current {
		clearCookie(c, sessionCookie)
		flash(c, "flash.logged_out")
		return redirect(c, "/")
	}
	flash(c, "flash.session_ended")
	return redirect(c, "/profile#sessions")
}

// sessionsEndOthers logs me out everywhere but in this browser.
func (s *Server) sessionsEndOthers(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	if err := committee.EndOtherSessions(s.app, u, sessionID(c)); err != nil {
		return err
	}
	flash(c, "flash.sessions_ended")
	return redirect(c, "/profile#sessions")
}

// calendarURL is the address of my personal calendar feed ("" until I create one).
func (s *Server) calendarURL(u *committee.User) string {
	if token := u.GetString("calendar_token"); token != "" {
		return committee.URL(s.app, "/calendar/"+token+".ics")
	}
	return ""
}

func (s *Server) myMemberships(u *committee.User) ([]profile.Membership, error) {
	ms, orgs, err := committee.MembershipsOf(s.app, u.Id)
	out := make([]profile.Membership, 0, len(ms))
	for _, m := range ms {
		if o := orgs[m.OrganisationID()]; o != nil {
			out = append(out, profile.Membership{ID: m.Id, Name: o.Name(), Slug: o.Slug(), Role: m.Role(), Status: m.Status()})
		}
	}
	return out, err
}

// profileForm shows my profile.
func (s *Server) profileForm(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	f, err := s.profileView(c, u, committee.ProfileOf(s.app, u), nil)
	if err != nil {
		return err
	}
	return s.render(c, profile.Page(f))
}

// profileSave saves my profile; a new language applies at once.
func (s *Server) profileSave(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	p := committee.Profile{Name: field(c, "name"), Language: field(c, "language"), Languages: fields(c, "languages"),
		Phone: field(c, "phone"), EmailVisibility: field(c, "email_visibility"), PhoneVisibility: field(c, "phone_visibility")}
	if errs, err := formErrors(committee.UpdateProfile(s.app, u, p)); err != nil {
		return err
	} else if errs != nil {
		f, err := s.profileView(c, u, p, errs)
		if err != nil {
			return err
		}
		return s.renderForm(c, profile.Page(f))
	}
	clearCookie(c, langCookie)
	flash(c, "flash.saved")
	return redirect(c, "/profile")
}

// profileData downloads everything Komitee stores about me, as JSON.
func (s *Server) profileData(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	data, err := committee.ExportData(s.app, u)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="komitee-data.json"`)
	return c.JSONPretty(http.StatusOK, data, "  ")
}

func (s *Server) deleteView(u *committee.User, errs committee.Errors) (profile.Delete, error) {
	ms, err := s.myMemberships(u)
	if err != nil {
		return profile.Delete{}, err
	}
	sole, err := committee.SoleRepresentations(s.app, u.Id)
	m := profile.Delete{Memberships: ms, Errors: errs}
	for _, o := range sole {
		m.Blockers = append(m.Blockers, profile.Membership{Name: o.Name(), Slug: o.Slug()})
	}
	return m, err
}

// profileDeleteForm says what deleting my account means before asking to confirm.
func (s *Server) profileDeleteForm(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	m, err := s.deleteView(u, nil)
	if err != nil {
		return err
	}
	return s.render(c, profile.DeletePage(m))
}

// profileDelete deletes my account after I confirm with my password.
func (s *Server) profileDelete(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	if !u.ValidatePassword(c.FormValue("password")) {
		m, err := s.deleteView(u, committee.Errors{"password": "error.password_wrong"})
		if err != nil {
			return err
		}
		return s.renderForm(c, profile.DeletePage(m))
	}
	if err := committee.DeleteAccount(s.app, u); errors.Is(err, committee.ErrSoleRepresentative) {
		m, err := s.deleteView(u, nil)
		if err != nil {
			return err
		}
		return s.renderStatus(c, http.StatusConflict, profile.DeletePage(m))
	} else if err != nil {
		return err
	}
	clearCookie(c, sessionCookie) // the account's sessions went with it (cascade)
	flash(c, "flash.deleted")
	return redirect(c, "/")
}

// passwordForm shows the change-password form.
func (s *Server) passwordForm(c echo.Context) error {
	if _, err := requireUser(c); err != nil {
		return err
	}
	return s.render(c, profile.PasswordPage(nil))
}

// passwordSave changes the password: every other session of the account ends, this one stays.
func (s *Server) passwordSave(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	err = committee.ChangePassword(s.app, u, c.FormValue("current"), c.FormValue("password"), c.FormValue("confirm"))
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, profile.PasswordPage(errs))
	}
	if err := s.login(c, u); err != nil { // every session ended: this browser gets a new one
		return err
	}
	flash(c, "flash.password_updated")
	return redirect(c, "/profile")
}
