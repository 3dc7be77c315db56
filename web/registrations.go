package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/locales"
	"komitee/views/meetings"
)

// registrationInput reads the registration form.
func registrationInput(c echo.Context) committee.RegistrationInput {
	return committee.RegistrationInput{Answer: field(c, "answer"), Organisation: field(c, "organisation"),
		People: field(c, "people"), Interpreting: field(c, "interpreting"), Children: field(c, "children"),
		AccessNeeds: field(c, "access_needs"), Wheelchair: field(c, "wheelchair") == "on",
		Name: field(c, "name"), Email: field(c, "email")}
}

func (s *Server) registerModel(c echo.Context, m *committee.Meeting, in committee.RegistrationInput, errs committee.Errors) meetings.Register {
	lang := c.Get(langKey).(string)
	f := meetings.Register{MeetingID: m.Id, MeetingTitle: m.Title(), When: s.whenOf(c, m), Answer: in.Answer,
		Organisation: in.Organisation, People: in.People, Interpreting: in.Interpreting, Children: in.Children,
		AccessNeeds: in.AccessNeeds, Wheelchair: in.Wheelchair, Name: in.Name, Email: in.Email, Errors: errs,
		Languages: languageOptions(lang), SeatsLeft: committee.SeatsLeft(s.app, m)}
	if u := currentUser(c); u != nil {
		f.Orgs = optionsOf(committee.MyOrganisationsFor(s.app, u.Id))
	} else {
		f.Guest = true
		f.Orgs = s.organisationOptions()
	}
	return f
}

// registrationForm shows the registration form (filled in when changing one's registration).
func (s *Server) registrationForm(c echo.Context) error {
	m, err := s.registrable(c)
	if err != nil {
		return err
	}
	if c.QueryParam("sent") != "" && currentUser(c) == nil { // a guest's registration, sent (Post/Redirect/Get)
		return s.render(c, meetings.GuestSentPage(m.Id, m.Title()))
	}
	in := committee.RegistrationInput{Answer: "yes", People: "1"}
	if r := committee.MyRegistration(s.app, currentUser(c), m); r != nil {
		in = committee.RegistrationInputOf(r)
	}
	return s.render(c, meetings.RegisterPage(s.registerModel(c, m, in, nil)))
}

// registrable loads the meeting of :id if the person asking may register for it: members for
// what they can see, guests for public events.
func (s *Server) registrable(c echo.Context) (*committee.Meeting, error) {
	m, err := s.findMeeting(c)
	if err != nil {
		return nil, err
	}
	if currentUser(c) == nil && !m.TakesGuests() {
		return nil, committee.ErrForbidden
	}
	return m, nil
}

// registrationSave registers a member (at once) or a guest (after the mailed link).
func (s *Server) registrationSave(c echo.Context) error {
	m, err := s.registrable(c)
	if err != nil {
		return err
	}
	in := registrationInput(c)
	u := currentUser(c)
	var status string
	if u != nil {
		status, err = committee.RegisterFor(s.app, u, m, in)
	} else {
		err = committee.RegisterGuest(s.app, m, in, c.Get(langKey).(string))
		if errors.Is(err, committee.ErrMail) {
			// Kept, but the link did not go out: say so, with a button that asks for it again.
			return s.render(c, meetings.GuestMailFailedPage(s.registerModel(c, m, in, nil)))
		}
	}
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, meetings.RegisterPage(s.registerModel(c, m, in, errs)))
	}
	if u == nil {
		return redirect(c, "/meetings/"+m.Id+"/register?sent=1")
	}
	flash(c, "flash.registration_"+status)
	return redirect(c, "/meetings/"+m.Id)
}

// registrationLink is where a guest's mailed link leads: the registration, with a button to
// confirm it (a GET changes nothing: mail scanners open links too) and one to take it back.
func (s *Server) registrationLink(c echo.Context) error {
	return s.guestPage(c, http.StatusOK, "")
}

// registrationConfirm confirms a guest's registration: a place, or the waiting list.
func (s *Server) registrationConfirm(c echo.Context) error {
	_, _, err := committee.ConfirmGuest(s.app, c.Param("token"))
	return s.afterGuestStep(c, err)
}

// registrationCancel takes back a guest's registration; the place goes to the waiting list.
func (s *Server) registrationCancel(c echo.Context) error {
	_, err := committee.CancelGuest(s.app, c.Param("token"))
	return s.afterGuestStep(c, err)
}

func (s *Server) afterGuestStep(c echo.Context, err error) error {
	errs, err := formErrors(err)
	if err != nil {
		return err
	}
	if errs != nil {
		return s.guestPage(c, http.StatusUnprocessableEntity, errs["form"])
	}
	// Done: the link's page shows the registration as it is now (Post/Redirect/Get).
	return redirect(c, "/registrations/confirm/"+url.PathEscape(c.Param("token")))
}

// guestPage shows the registration of the link's token as it is now.
func (s *Server) guestPage(c echo.Context, status int, problem string) error {
	token := c.Param("token")
	rec, m, err := committee.GuestRegistration(s.app, token)
	if err != nil {
		return err
	}
	state := rec.GetString("status")
	if rec.GetString("answer") == "no" {
		state = "cancelled"
	}
	return s.renderStatus(c, status, meetings.GuestPage(meetings.Guest{MeetingID: m.Id, Title: m.Title(), When: s.whenOf(c, m),
		State: state, Token: token, Problem: problem, Open: m.Open()}))
}

// registrations is the organisers' list with the sums of needs.
func (s *Server) registrations(c echo.Context) error {
	_, m, err := s.organised(c)
	if err != nil {
		return err
	}
	rows, sums, err := committee.Registrations(s.app, authRecord(c), m)
	if err != nil {
		return err
	}
	model := meetings.Registrations{MeetingID: m.Id, MeetingTitle: m.Title(), When: s.whenOf(c, m), Yes: sums.Yes,
		Maybe: sums.Maybe, No: sums.No, Waiting: sums.Waiting, Unconfirmed: sums.Unconfirmed, People: sums.People,
		Children: sums.Children, Wheelchair: sums.Wheelchair, Needs: sums.Needs}
	lang := c.Get(langKey).(string)
	for _, n := range sums.Interpreting {
		model.Interpreting = append(model.Interpreting, meetings.Count{Label: locales.LanguageName(lang, n.Value), N: n.N})
	}
	for _, r := range rows {
		model.Rows = append(model.Rows, meetings.Registration{Name: r.Name, Email: r.Email, Organisation: r.Organisation,
			Answer: r.Answer, Status: r.Status, Interpreting: r.Interpreting, AccessNeeds: r.AccessNeeds,
			People: r.People, Children: r.Children, Wheelchair: r.Wheelchair})
	}
	return s.render(c, meetings.RegistrationsPage(model))
}

// attendanceModel builds the check-in page.
func (s *Server) attendanceModel(c echo.Context, m *committee.Meeting) (meetings.Attendance, error) {
	lang := c.Get(langKey).(string)
	model := meetings.Attendance{MeetingID: m.Id, MeetingTitle: m.Title(), When: s.whenOf(c, m),
		Orgs: s.organisationOptions(), GroupOptions: options(lang, "meetings.group.", committee.AttendanceGroups)}
	registered, walkIns, err := committee.CheckInList(s.app, authRecord(c), m)
	if err != nil {
		return model, err
	}
	for _, a := range registered {
		model.Registered = append(model.Registered, meetings.Attendee{RegistrationID: a.RegistrationID, Name: a.Name,
			Organisation: a.Organisation, People: a.People, Present: a.Present})
	}
	for _, a := range walkIns {
		model.WalkIns = append(model.WalkIns, meetings.Attendee{Name: a.Name, Organisation: a.Organisation, Group: a.Group, People: a.People})
	}
	counts, err := committee.AttendanceCounts(s.app, m.Id)
	if err != nil {
		return model, err
	}
	model.People, model.Organisations = counts.People, counts.Organisations
	for _, o := range counts.FirstTime {
		model.FirstTime = append(model.FirstTime, o.Name)
	}
	for _, g := range committee.AttendanceGroups {
		model.Groups = append(model.Groups, meetings.Count{Label: g, N: counts.Groups[g].People, Orgs: counts.Groups[g].Organisations})
	}
	return model, nil
}

// attendance is the check-in list.
func (s *Server) attendance(c echo.Context) error {
	_, m, err := s.organised(c)
	if err != nil {
		return err
	}
	model, err := s.attendanceModel(c, m)
	if err != nil {
		return err
	}
	return s.render(c, meetings.AttendancePage(model))
}

// attendanceCheckIn saves who of the registered people is present.
func (s *Server) attendanceCheckIn(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	return s.afterAttendance(c, m, committee.CheckIn(s.app, u, m, fields(c, "present")), committee.WalkInInput{})
}

// attendanceWalkIn adds a person who came without registering.
func (s *Server) attendanceWalkIn(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	in := committee.WalkInInput{Name: field(c, "name"), Organisation: field(c, "organisation"),
		OrganisationName: field(c, "organisation_name"), Group: field(c, "group"), People: field(c, "people")}
	return s.afterAttendance(c, m, committee.AddWalkIn(s.app, u, m, in), in)
}

func (s *Server) afterAttendance(c echo.Context, m *committee.Meeting, err error, in committee.WalkInInput) error {
	errs, err := formErrors(err)
	if err != nil {
		return err
	}
	if errs != nil {
		model, err := s.attendanceModel(c, m)
		if err != nil {
			return err
		}
		model.Errors, model.Walk.Name, model.Walk.Group, model.WalkOrg, model.WalkOrgName = errs, in.Name, in.Group, in.Organisation, in.OrganisationName
		return s.renderStatus(c, http.StatusUnprocessableEntity, meetings.AttendancePage(model))
	}
	flash(c, "flash.saved")
	return redirect(c, "/meetings/"+m.Id+"/attendance")
}
