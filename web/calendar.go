package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"komitee/committee"
)

// publicCalendar is the feed of the public meetings, for anyone's calendar app.
func (s *Server) publicCalendar(c echo.Context) error {
	ms, err := committee.CalendarMeetings(s.app, nil, true, time.Now())
	if err != nil {
		return err
	}
	return s.sendCalendar(c, "komitee.ics", ms, nil)
}

// meetingCalendar is one meeting to add to a calendar, for whoever may see it.
func (s *Server) meetingCalendar(c echo.Context) error {
	m, err := committee.FindMeeting(s.app, authRecord(c), c.Param("id"))
	if err != nil {
		return err
	}
	if !m.Dated() {
		return echo.ErrNotFound
	}
	return s.sendCalendar(c, calendarFileName(m), []*committee.Meeting{m}, committee.AsUser(authRecord(c)))
}

// calendarFileName names a meeting's file after its title ("sitzung-des-komitees.ics"), or its
// id when the title gives no file name (Slugify says "org" for an Arabic title).
func calendarFileName(m *committee.Meeting) string {
	if slug := committee.Slugify(m.Title()); slug != "org" || strings.Contains(strings.ToLower(m.Title()), "org") {
		return slug + ".ics"
	}
	return "meeting-" + m.Id + ".ics"
}

// personalCalendar is a person's feed of every meeting they may see, at a secret address that
// calendar apps fetch without a session: /calendar/<token>.ics.
func (s *Server) personalCalendar(c echo.Context) error {
	u, err := committee.CalendarOwner(s.app, strings.TrimSuffix(c.Param("token"), ".ics"))
	if err != nil {
		return err
	}
	ms, err := committee.CalendarMeetings(s.app, u.Record, false, time.Now())
	if err != nil {
		return err
	}
	// The address is the secret: keep it out of shared caches.
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	return s.sendCalendar(c, "komitee.ics", ms, u)
}

// calendarToken creates or renews my feed's address; the old one stops working.
func (s *Server) calendarToken(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	if _, err := committee.RenewCalendarToken(s.app, u); err != nil {
		return err
	}
	flash(c, "flash.saved")
	return redirect(c, "/profile#calendar")
}

// sendCalendar answers with an iCalendar file (METHOD:PUBLISH); the description is in the
// person's language when there is one.
func (s *Server) sendCalendar(c echo.Context, name string, ms []*committee.Meeting, u *committee.User) error {
	data, err := committee.ICS(s.app, committee.MethodPublish, ms, u)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", data)
}
