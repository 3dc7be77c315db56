package web

import (
	"errors"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/views/setup"
)

// setupForm shows the first-run form behind the one-time link from the server log.
func (s *Server) setupForm(c echo.Context) error {
	if !committee.CheckSetupToken(s.app, c.Param("token")) {
		return echo.ErrNotFound
	}
	return s.render(c, setup.Setup(setup.Form{Token: c.Param("token"), Language: c.Get(langKey).(string)}))
}

// setupSave names the committee, creates the first coordinator, logs them in and closes the link.
func (s *Server) setupSave(c echo.Context) error {
	in := committee.SetupInput{Committee: field(c, "committee"), District: field(c, "district"), Name: field(c, "name"),
		Email: field(c, "email"), Password: c.FormValue("password"), Language: field(c, "language"),
		SiteURL: c.Scheme() + "://" + c.Request().Host}
	u, err := committee.CompleteSetup(s.app, c.Param("token"), in)
	if errors.Is(err, committee.ErrSetupClosed) {
		return echo.ErrNotFound
	}
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, setup.Setup(setup.Form{Token: c.Param("token"), Committee: in.Committee, District: in.District,
			Name: in.Name, Email: in.Email, Language: in.Language, Errors: errs}))
	}
	if err := s.login(c, u); err != nil {
		return err
	}
	flash(c, "flash.setup_done")
	return redirect(c, "/coordination")
}
