package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/views/coordination"
	"komitee/views/pages"
)

// requireCoordinator returns the person asking if they coordinate the committee.
func requireCoordinator(c echo.Context) (*committee.User, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, err
	}
	if !committee.MayCoordinate(u.Record) {
		return nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, nil
}

// coordinationModel builds the coordinators' desk; bad holds the problems of one application.
func (s *Server) coordinationModel(c echo.Context, u *committee.User, badID, reason string, bad committee.Errors) (coordination.Page, error) {
	lang := c.Get(langKey).(string)
	m := coordination.Page{}
	apps, err := committee.Applications(s.app, u.Record)
	if err != nil {
		return m, err
	}
	ids := make([]string, len(apps))
	for i, o := range apps {
		ids[i] = o.Applicant()
	}
	applicants, err := s.app.FindRecordsByIds("users", ids)
	if err != nil {
		return m, err
	}
	byID := make(map[string]*core.Record, len(applicants))
	for _, r := range applicants {
		byID[r.Id] = r
	}
	for _, o := range apps {
		a := coordination.Application{ID: o.Id, Name: o.Name(), Slug: o.Slug(), Kind: o.Kind(),
			Created: committee.FormatDay(lang, o.GetDateTime("created").Time())}
		if rec := byID[o.Applicant()]; rec != nil {
			a.Applicant = rec.GetString("name") + " <" + rec.Email() + ">"
		}
		if o.Id == badID {
			a.Errors, a.Reason = bad, reason
		}
		m.Applications = append(m.Applications, a)
	}
	if m.Mail, err = s.mailModel(c, u); err != nil {
		return m, err
	}
	coords, err := committee.All(s.app, u.Record, "users", committee.Query{Filter: "coordinator = true", Sort: "name"})
	for _, r := range coords {
		m.Coordinators = append(m.Coordinators, coordination.Coordinator{ID: r.Id, Name: r.GetString("name"), Email: r.Email()})
	}
	return m, err
}

// coordination is the coordinators' desk.
func (s *Server) coordination(c echo.Context) error {
	u, err := requireCoordinator(c)
	if err != nil {
		return err
	}
	m, err := s.coordinationModel(c, u, "", "", nil)
	if err != nil {
		return err
	}
	return s.render(c, coordination.Desk(m))
}

func (s *Server) application(c echo.Context) (*committee.User, *committee.Organisation, error) {
	u, err := requireCoordinator(c)
	if err != nil {
		return nil, nil, err
	}
	o, err := committee.OrganisationByID(s.app, u.Record, c.Param("id"))
	return u, o, err
}

// applicationApprove makes the organisation a member or partner.
func (s *Server) applicationApprove(c echo.Context) error {
	u, o, err := s.application(c)
	if err != nil {
		return err
	}
	since := time.Now()
	if errs, err := formErrors(committee.Approve(s.app, u, o, c.FormValue("status"))); err != nil {
		return err
	} else if errs != nil {
		return s.renderDesk(c, u, o.Id, "", errs)
	}
	flash(c, s.mailOutcome("organisations/"+o.Id, since, "flash.org_approved"))
	return redirect(c, "/coordination")
}

// applicationDecline turns the application down with a reason.
func (s *Server) applicationDecline(c echo.Context) error {
	u, o, err := s.application(c)
	if err != nil {
		return err
	}
	reason := field(c, "reason")
	since := time.Now()
	if errs, err := formErrors(committee.Decline(s.app, u, o, reason)); err != nil {
		return err
	} else if errs != nil {
		return s.renderDesk(c, u, o.Id, reason, errs)
	}
	flash(c, s.mailOutcome("organisations/"+o.Id, since, "flash.org_declined"))
	return redirect(c, "/coordination")
}

func (s *Server) renderDesk(c echo.Context, u *committee.User, badID, reason string, errs committee.Errors) error {
	m, err := s.coordinationModel(c, u, badID, reason, errs)
	if err != nil {
		return err
	}
	if badID == "" {
		m.Errors = errs
		m.Email = field(c, "email")
	}
	return s.renderForm(c, coordination.Desk(m))
}

// coordinatorAdd names another coordinator by the e-mail of their account.
func (s *Server) coordinatorAdd(c echo.Context) error {
	u, err := requireCoordinator(c)
	if err != nil {
		return err
	}
	email := field(c, "email")
	errs := committee.Errors{}
	errs.Required("email", email, 200)
	errs.Email("email", email)
	if !errs.Any() {
		rec, err := s.app.FindAuthRecordByEmail("users", email)
		if err != nil {
			errs.Add("email", "coordination.error.unknown")
		} else if err := committee.SetCoordinator(s.app, u, rec.Id, true); err != nil {
			return err
		}
	}
	if errs.Any() {
		return s.renderDesk(c, u, "", "", errs)
	}
	flash(c, "flash.saved")
	return redirect(c, "/coordination")
}

// coordinatorRemove ends a coordinator's role; the last one stays.
func (s *Server) coordinatorRemove(c echo.Context) error {
	u, err := requireCoordinator(c)
	if err != nil {
		return err
	}
	err = committee.SetCoordinator(s.app, u, c.Param("id"), false)
	if errors.Is(err, committee.ErrNotFound) {
		return echo.ErrNotFound
	}
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderDesk(c, u, "", "", committee.Errors{"email": errs["user"]})
	}
	flash(c, "flash.saved")
	return redirect(c, "/coordination")
}

// organisationStatus lets a coordinator make an organisation a member, partner or inactive.
func (s *Server) organisationStatus(c echo.Context) error {
	u, err := requireCoordinator(c)
	if err != nil {
		return err
	}
	o, err := committee.OrganisationBySlug(s.app, u.Record, c.Param("slug"))
	if err != nil {
		return err
	}
	if errs, err := formErrors(committee.SetStatus(s.app, u, o, c.FormValue("status"))); err != nil {
		return err
	} else if errs != nil {
		return s.renderStatus(c, http.StatusUnprocessableEntity, pages.MessagePage(pages.Message{
			Title: "people.error.title", Text: errs["status"], LinkText: "error.home", Link: "/organisations/" + o.Slug()}))
	}
	flash(c, "flash.saved")
	return redirect(c, "/organisations/"+o.Slug())
}
