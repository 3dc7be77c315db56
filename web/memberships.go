package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/views/organisations"
	"komitee/views/pages"
)

// people is where representatives and deputies decide join requests and set roles.
func (s *Server) people(c echo.Context) error {
	o, err := s.managedOrganisation(c)
	if err != nil {
		return err
	}
	return s.renderPeople(c, o, http.StatusOK, "")
}

func (s *Server) renderPeople(c echo.Context, o *committee.Organisation, status int, problem string) error {
	people, err := committee.People(s.app, authRecord(c), o.Id)
	if err != nil {
		return err
	}
	m := organisations.People{Slug: o.Slug(), Name: o.Name(), Error: problem}
	for _, p := range people {
		m.Rows = append(m.Rows, organisations.PersonRow{ID: p.Membership.Id, Name: p.User.Name(), Role: p.Membership.Role(),
			Status: p.Membership.Status(), Message: p.Membership.Message()})
	}
	return s.renderStatus(c, status, organisations.PeoplePage(m))
}

// membershipAction runs one membership workflow and goes back to the people page. A problem is
// shown on the people page to those who manage it, and on a page of its own to a person acting
// on their own membership (leaving).
// done is the message afterwards; ownDone when the membership was the person's own.
func (s *Server) membershipAction(c echo.Context, do func(u *committee.User, id string) error, done, ownDone string) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	ms, err := committee.FindMembership(s.app, u.Record, c.Param("id"))
	if err != nil {
		return err
	}
	// Its organisation as it is: who may see a membership may see whose it is (a person leaves
	// an organisation that is no longer listed, too).
	orgRec, err := s.app.FindRecordById("organisations", ms.OrganisationID())
	if err != nil {
		return echo.ErrNotFound
	}
	o := &committee.Organisation{Record: orgRec}
	can := committee.MembershipCan(s.app, u.Record, ms, o)
	manages, own := can.Manage, ms.UserID() == u.Id
	if !manages && !can.Leave {
		return echo.NewHTTPError(http.StatusForbidden)
	}
	since := time.Now()
	err = do(u, ms.Id)
	var problem string
	switch errs, other := formErrors(err); {
	case errors.Is(err, committee.ErrSoleRepresentative):
		problem = "people.error.sole"
	case errs != nil:
		for _, k := range errs {
			problem = k
		}
	case other != nil:
		return other
	}
	switch {
	case problem != "" && manages:
		return s.renderPeople(c, o, http.StatusUnprocessableEntity, problem)
	case problem != "":
		return s.renderStatus(c, http.StatusUnprocessableEntity, pages.MessagePage(pages.Message{
			Title: "people.error.title", Text: problem, LinkText: "nav.profile", Link: "/profile"}))
	}
	if own {
		done = ownDone
	}
	flash(c, s.mailOutcome("memberships/"+ms.Id, since, done))
	// Asked again: who has just left may no longer manage the organisation.
	if !committee.CanManage(s.app, authRecord(c), o) {
		return redirect(c, "/profile")
	}
	return redirect(c, "/organisations/"+o.Slug()+"/people")
}

func (s *Server) membershipApprove(c echo.Context) error {
	return s.membershipAction(c, func(u *committee.User, id string) error {
		return committee.DecideMembership(s.app, u, id, true)
	}, "flash.approved", "flash.approved")
}

func (s *Server) membershipDecline(c echo.Context) error {
	return s.membershipAction(c, func(u *committee.User, id string) error {
		return committee.DecideMembership(s.app, u, id, false)
	}, "flash.declined", "flash.declined")
}

func (s *Server) membershipRole(c echo.Context) error {
	return s.membershipAction(c, func(u *committee.User, id string) error {
		return committee.SetRole(s.app, u, id, c.FormValue("role"))
	}, "flash.saved", "flash.saved")
}

func (s *Server) membershipRemove(c echo.Context) error {
	return s.membershipAction(c, func(u *committee.User, id string) error {
		return committee.EndMembership(s.app, u, id)
	}, "flash.removed", "flash.left")
}

// membershipPage is the page a membership's forms belong to (routes.go, GET on their address):
// its organisation's people page for those who manage it, the profile for the person themself.
func (s *Server) membershipPage(c echo.Context) (string, error) {
	u, err := requireUser(c)
	if err != nil {
		return "", err
	}
	ms, err := committee.FindMembership(s.app, u.Record, c.Param("id"))
	if err != nil {
		return "", err
	}
	orgRec, err := s.app.FindRecordById("organisations", ms.OrganisationID())
	if err != nil {
		return "", echo.ErrNotFound
	}
	if o := (&committee.Organisation{Record: orgRec}); committee.CanManage(s.app, u.Record, o) {
		return "/organisations/" + o.Slug() + "/people", nil
	}
	return "/profile", nil
}
