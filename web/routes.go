package web

import (
	"time"

	"github.com/labstack/echo/v4"
)

// routes is the table of contents of the pages: one line per route, grouped by feature.
func (s *Server) routes() {
	e := s.echo
	// Assets, language, static pages
	e.GET("/static/:version/:file", s.static)
	e.GET("/favicon.ico", s.favicon)
	e.GET("/lang", s.setLanguage)
	e.GET("/pages/:slug", s.page)
	s.publicGET("/", s.home)

	// First run
	e.GET("/setup/:token", s.setupForm)
	e.POST("/setup/:token", s.setupSave)

	// Accounts
	e.GET("/register", s.registerForm)
	e.POST("/register", s.registerSave)
	e.POST("/register/validate", s.registerValidate)
	e.GET("/verify/:token", s.verify)
	e.POST("/verify", s.verifyResend)
	e.GET("/login", s.loginForm)
	e.POST("/login", s.loginSave)
	e.POST("/logout", s.logout)
	e.GET("/password-reset", s.resetRequestForm)
	e.POST("/password-reset", s.resetRequestSave)
	e.GET("/password-reset/:token", s.resetForm)
	e.POST("/password-reset/:token", s.resetSave)

	// Profile
	e.GET("/profile", s.profileForm)
	e.POST("/profile", s.profileSave)
	e.GET("/profile/password", s.passwordForm)
	e.POST("/profile/password", s.passwordSave)
	e.GET("/profile/data", s.profileData)
	e.GET("/profile/delete", s.profileDeleteForm)
	e.POST("/profile/delete", s.profileDelete)
	e.POST("/profile/sessions/:id/end", s.sessionEnd)
	e.POST("/profile/sessions/others/end", s.sessionsEndOthers)

	// Organisations
	s.publicGET("/organisations", s.directory)
	e.GET("/organisations/new", s.organisationNew)
	e.POST("/organisations/new", s.organisationCreate)
	e.POST("/organisations/validate", s.organisationValidate)
	s.publicGET("/organisations/:slug", s.organisationShow)
	e.GET("/organisations/:slug/edit", s.organisationEdit)
	e.POST("/organisations/:slug/edit", s.organisationUpdate)
	e.POST("/organisations/:slug/join", s.organisationJoin)
	e.POST("/organisations/:slug/status", s.organisationStatus)

	// Memberships
	e.GET("/organisations/:slug/people", s.people)
	e.POST("/memberships/:id/approve", s.membershipApprove)
	e.POST("/memberships/:id/decline", s.membershipDecline)
	e.POST("/memberships/:id/role", s.membershipRole)
	e.POST("/memberships/:id/remove", s.membershipRemove)

	// Coordination
	e.GET("/coordination", s.coordination)
	e.POST("/coordination/organisations/:id/approve", s.applicationApprove)
	e.POST("/coordination/organisations/:id/decline", s.applicationDecline)
	e.POST("/coordination/coordinators", s.coordinatorAdd)
	e.POST("/coordination/coordinators/:id/remove", s.coordinatorRemove)
	e.GET("/coordination/report", s.report)
	e.POST("/coordination/mail/test", s.mailTest)

	// Meetings
	s.publicTimedGET("/meetings", s.meetings)
	e.GET("/meetings/new", s.meetingNew)
	e.POST("/meetings/new", s.meetingCreate)
	s.publicTimedGET("/meetings/:id", s.meetingShow)
	e.GET("/meetings/:id/edit", s.meetingEdit)
	e.POST("/meetings/:id/edit", s.meetingUpdate)
	e.POST("/meetings/:id/status", s.meetingStatus)

	// Date finding
	e.POST("/meetings/:id/dates", s.dateAdd)
	e.POST("/meetings/:id/dates/:date/remove", s.dateRemove)
	e.POST("/meetings/:id/dates/:date/fix", s.dateFix)
	e.POST("/meetings/:id/answers", s.answersSave)

	// Agenda
	e.POST("/meetings/:id/agenda", s.agendaAdd)
	e.GET("/meetings/:id/agenda/:item/edit", s.agendaEdit)
	e.POST("/meetings/:id/agenda/:item/edit", s.agendaUpdate)
	e.POST("/meetings/:id/agenda/:item/move", s.agendaMove)
	e.POST("/meetings/:id/agenda/:item/decide", s.agendaDecide)
	e.POST("/meetings/:id/agenda/:item/remove", s.agendaRemove)

	// Registration and attendance
	e.GET("/meetings/:id/register", s.registrationForm)
	e.POST("/meetings/:id/register", s.registrationSave)
	e.GET("/registrations/confirm/:token", s.registrationLink)
	e.POST("/registrations/confirm/:token", s.registrationConfirm)
	e.POST("/registrations/cancel/:token", s.registrationCancel)
	e.GET("/meetings/:id/registrations", s.registrations)
	e.GET("/meetings/:id/attendance", s.attendance)
	e.POST("/meetings/:id/attendance", s.attendanceCheckIn)
	e.POST("/meetings/:id/attendance/walk-in", s.attendanceWalkIn)

	// Minutes
	e.GET("/meetings/:id/minutes", s.minutesShow)
	e.GET("/meetings/:id/minutes/edit", s.minutesEdit)
	e.POST("/meetings/:id/minutes/edit", s.minutesSave)
	e.POST("/meetings/:id/decisions", s.decisionAdd)
	e.POST("/meetings/:id/actions", s.actionAdd)
	e.POST("/meetings/:id/minutes/approve", s.minutesApprove)
	e.POST("/meetings/:id/minutes/publish", s.minutesPublish)

	// Topics and comments
	s.publicGET("/topics", s.topics)
	e.GET("/topics/new", s.topicNew)
	e.POST("/topics/new", s.topicCreate)
	s.publicGET("/topics/:id", s.topicShow)
	e.GET("/topics/:id/edit", s.topicEdit)
	e.POST("/topics/:id/edit", s.topicUpdate)
	e.POST("/topics/:id/support", s.topicSupport)
	e.POST("/topics/:id/status", s.topicStatus)
	e.POST("/topics/:id/comments", s.commentAdd)
	e.POST("/comments/:id/edit", s.commentEdit)
	e.POST("/comments/:id/report", s.commentReport)
	e.POST("/comments/:id/hide", s.commentHide)

	// Prioritisation rounds
	e.GET("/rounds", s.rounds)
	e.GET("/rounds/new", s.roundNew)
	e.POST("/rounds/new", s.roundCreate)
	e.GET("/rounds/:id", s.roundShow)
	e.POST("/rounds/:id/vote", s.roundVote)
	e.POST("/rounds/:id/close", s.roundClose)
	e.POST("/rounds/:id/agenda", s.roundAgenda)

	// Calendars
	e.GET("/calendar.ics", s.publicCalendar)
	e.GET("/meetings/:id/calendar.ics", s.meetingCalendar)
	e.GET("/calendar/:token", s.personalCalendar)
	e.POST("/profile/calendar", s.calendarToken)
}

// publicGET registers a page whose answer to the public is cached (cache.go).
func (s *Server) publicGET(path string, h echo.HandlerFunc) {
	s.echo.GET(path, s.public(h, 0))
}

// publicTimedGET is publicGET for pages that also change with the clock: kept a minute at most.
func (s *Server) publicTimedGET(path string, h echo.HandlerFunc) {
	s.echo.GET(path, s.public(h, time.Minute))
}
