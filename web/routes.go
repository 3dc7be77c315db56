package web

import (
	"net/http"
	"net/url"
	"strings"
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
	s.publicGET("/pages/:page", s.page)
	s.publicTimedGET("/", s.home) // shows the next events: kept a minute at most

	// The public face (site.go): editable pages, settings, contact, search engines
	e.GET("/pages/:page/edit", s.pageEdit)
	e.POST("/pages/:page/edit", s.pageSave)
	e.GET("/coordination/settings", s.settings)
	e.POST("/coordination/settings", s.settingsSave)
	e.GET("/contact", s.contact)
	e.POST("/contact", s.contactSend)
	e.GET("/sitemap.xml", s.public(s.sitemap, time.Minute)) // cached like the pages it lists
	e.GET("/robots.txt", s.robots)

	// First run
	e.GET("/setup/:token", s.setupForm)
	e.POST("/setup/:token", s.setupSave)

	// Accounts
	e.GET("/register", s.registerForm)
	e.POST("/register", s.registerSave)
	s.form("/register/validate", s.registerValidate, page("/register"))
	e.GET("/verify/:token", s.verify)
	s.form("/verify", s.verifyResend, page("/login"))
	e.GET("/login", s.loginForm)
	e.POST("/login", s.loginSave)
	s.form("/logout", s.logout, page("/"))
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
	s.form("/profile/sessions/:id/end", s.sessionEnd, page("/profile#sessions"))
	s.form("/profile/sessions/others/end", s.sessionsEndOthers, page("/profile#sessions"))

	// Organisations
	s.publicGET("/organisations", s.directory)
	e.GET("/organisations/new", s.organisationNew)
	e.POST("/organisations/new", s.organisationCreate)
	s.form("/organisations/validate", s.organisationValidate, page("/organisations/new"))
	s.publicGET("/organisations/:slug", s.organisationShow)
	e.GET("/organisations/:slug/edit", s.organisationEdit)
	e.POST("/organisations/:slug/edit", s.organisationUpdate)
	s.form("/organisations/:slug/join", s.organisationJoin, page("/organisations/:slug"))
	s.form("/organisations/:slug/status", s.organisationStatus, page("/organisations/:slug"))

	// Memberships
	e.GET("/organisations/:slug/people", s.people)
	s.form("/memberships/:id/approve", s.membershipApprove, s.membershipPage)
	s.form("/memberships/:id/decline", s.membershipDecline, s.membershipPage)
	s.form("/memberships/:id/role", s.membershipRole, s.membershipPage)
	s.form("/memberships/:id/remove", s.membershipRemove, s.membershipPage)

	// Coordination
	e.GET("/coordination", s.coordination)
	s.form("/coordination/organisations/:id/approve", s.applicationApprove, page("/coordination"))
	s.form("/coordination/organisations/:id/decline", s.applicationDecline, page("/coordination"))
	s.form("/coordination/coordinators", s.coordinatorAdd, page("/coordination"))
	s.form("/coordination/coordinators/:id/remove", s.coordinatorRemove, page("/coordination"))
	e.GET("/coordination/report", s.report)
	s.form("/coordination/mail/test", s.mailTest, page("/coordination"))

	// Meetings
	s.publicTimedGET("/meetings", s.meetings)
	e.GET("/meetings/new", s.meetingNew)
	e.POST("/meetings/new", s.meetingCreate)
	s.publicTimedGET("/meetings/:id", s.meetingShow)
	e.GET("/meetings/:id/edit", s.meetingEdit)
	e.POST("/meetings/:id/edit", s.meetingUpdate)
	s.form("/meetings/:id/status", s.meetingStatus, page("/meetings/:id"))

	// Date finding
	s.form("/meetings/:id/dates", s.dateAdd, page("/meetings/:id#poll-h"))
	s.form("/meetings/:id/dates/:date/remove", s.dateRemove, page("/meetings/:id#poll-h"))
	s.form("/meetings/:id/dates/:date/fix", s.dateFix, page("/meetings/:id#poll-h"))
	s.form("/meetings/:id/answers", s.answersSave, page("/meetings/:id#poll-h"))

	// Agenda
	s.form("/meetings/:id/agenda", s.agendaAdd, page("/meetings/:id#agenda-h"))
	e.GET("/meetings/:id/agenda/:item/edit", s.agendaEdit)
	e.POST("/meetings/:id/agenda/:item/edit", s.agendaUpdate)
	s.form("/meetings/:id/agenda/:item/move", s.agendaMove, page("/meetings/:id#agenda-h"))
	s.form("/meetings/:id/agenda/:item/decide", s.agendaDecide, page("/meetings/:id#agenda-h"))
	s.form("/meetings/:id/agenda/:item/remove", s.agendaRemove, page("/meetings/:id#agenda-h"))

	// Registration and attendance
	e.GET("/meetings/:id/register", s.registrationForm)
	e.POST("/meetings/:id/register", s.registrationSave)
	e.GET("/registrations/confirm/:token", s.registrationLink)
	e.POST("/registrations/confirm/:token", s.registrationConfirm)
	s.form("/registrations/cancel/:token", s.registrationCancel, page("/registrations/confirm/:token"))
	e.GET("/meetings/:id/registrations", s.registrations)
	e.GET("/meetings/:id/attendance", s.attendance)
	e.POST("/meetings/:id/attendance", s.attendanceCheckIn)
	s.form("/meetings/:id/attendance/walk-in", s.attendanceWalkIn, page("/meetings/:id/attendance"))

	// Minutes
	e.GET("/meetings/:id/minutes", s.minutesShow)
	e.GET("/meetings/:id/minutes/edit", s.minutesEdit)
	e.POST("/meetings/:id/minutes/edit", s.minutesSave)
	s.form("/meetings/:id/decisions", s.decisionAdd, page("/meetings/:id/minutes/edit"))
	s.form("/meetings/:id/actions", s.actionAdd, page("/meetings/:id/minutes/edit"))
	s.form("/meetings/:id/minutes/approve", s.minutesApprove, page("/meetings/:id/minutes"))
	s.form("/meetings/:id/minutes/publish", s.minutesPublish, page("/meetings/:id/minutes"))

	// Topics and comments
	s.publicGET("/topics", s.topics)
	e.GET("/topics/new", s.topicNew)
	e.POST("/topics/new", s.topicCreate)
	s.publicGET("/topics/:id", s.topicShow)
	e.GET("/topics/:id/edit", s.topicEdit)
	e.POST("/topics/:id/edit", s.topicUpdate)
	s.form("/topics/:id/support", s.topicSupport, page("/topics/:id"))
	s.form("/topics/:id/status", s.topicStatus, page("/topics/:id"))
	s.form("/topics/:id/comments", s.commentAdd, page("/topics/:id#comments-h"))
	s.form("/comments/:id/edit", s.commentEdit, s.commentPage)
	s.form("/comments/:id/report", s.commentReport, s.commentPage)
	s.form("/comments/:id/hide", s.commentHide, s.commentPage)

	// Needs and offers
	s.publicGET("/needs", s.needs)
	e.GET("/needs/new", s.needNew)
	e.POST("/needs/new", s.needCreate)
	e.GET("/needs/mine", s.needsMine)
	s.publicGET("/needs/:id", s.needShow)
	e.GET("/needs/:id/edit", s.needEdit)
	e.POST("/needs/:id/edit", s.needUpdate)
	s.form("/needs/:id/respond", s.needRespond, page("/needs/:id#respond-h"))
	s.form("/needs/:id/responses/:response/decide", s.needDecide, page("/needs/:id#responses"))
	s.form("/needs/:id/responses/:response/withdraw", s.needWithdrawResponse, page("/needs/:id#responses"))
	s.form("/needs/:id/step", s.needStep, page("/needs/:id"))
	e.GET("/coordination/needs", s.needsCoordination)
	// Statements
	s.publicTimedGET("/statements", s.statements)
	s.publicTimedGET("/statements.atom", s.statementsAtom)
	e.GET("/statements/new", s.statementNew)
	e.POST("/statements/new", s.statementCreate)
	s.publicTimedGET("/statements/:slug", s.statementShow)
	e.GET("/statements/:slug/edit", s.statementEdit)
	e.POST("/statements/:slug/edit", s.statementUpdate)
	e.GET("/statements/:slug/diff", s.statementDiff)
	e.GET("/statements/:slug/compare", s.statementCompare)
	e.GET("/statements/:slug/files/:name", s.statementFile)
	s.form("/statements/:slug/status", s.statementStatus, page("/statements/:slug"))
	s.form("/statements/:slug/coauthors", s.statementCoauthor, page("/statements/:slug"))
	s.form("/statements/:slug/attachments", s.statementAttach, page("/statements/:slug"))
	s.form("/statements/:slug/sign", s.statementSign, page("/statements/:slug#signing"))
	s.form("/statements/:slug/signatures/:id/withdraw", s.statementWithdrawSignature, page("/statements/:slug#signing"))
	s.form("/statements/:slug/comments", s.statementCommentAdd, page("/statements/:slug#comments-h"))
	s.form("/statements/:slug/comments/:id/edit", s.statementCommentStep("edit"), page("/statements/:slug#comments-h"))
	s.form("/statements/:slug/comments/:id/report", s.statementCommentStep("report"), page("/statements/:slug#comments-h"))
	s.form("/statements/:slug/comments/:id/hide", s.statementCommentStep("hide"), page("/statements/:slug#comments-h"))

	// Prioritisation rounds
	e.GET("/rounds", s.rounds)
	e.GET("/rounds/new", s.roundNew)
	e.POST("/rounds/new", s.roundCreate)
	e.GET("/rounds/:id", s.roundShow)
	s.form("/rounds/:id/vote", s.roundVote, page("/rounds/:id"))
	s.form("/rounds/:id/close", s.roundClose, page("/rounds/:id"))
	s.form("/rounds/:id/agenda", s.roundAgenda, page("/rounds/:id"))

	// Responsibilities (action items)
	s.publicTimedGET("/actions", s.actionsList) // overdue changes with the clock
	e.GET("/actions/new", s.actionNew)
	e.POST("/actions/new", s.actionCreate)
	s.publicTimedGET("/actions/:id", s.actionShow)
	s.form("/actions/:id/updates", s.actionUpdateSave, page("/actions/:id"))
	s.form("/actions/:id/public", s.actionPublic, page("/actions/:id"))

	// Calendars
	e.GET("/calendar.ics", s.publicCalendar)
	e.GET("/meetings/:id/calendar.ics", s.meetingCalendar)
	e.GET("/calendar/:token", s.personalCalendar)
	s.form("/profile/calendar", s.calendarToken, page("/profile#calendar"))
}

// publicGET registers a page whose answer to the public is cached (cache.go).
func (s *Server) publicGET(path string, h echo.HandlerFunc) {
	s.echo.GET(path, s.public(h, 0))
}

// publicTimedGET is publicGET for pages that also change with the clock: kept a minute at most.
func (s *Server) publicTimedGET(path string, h echo.HandlerFunc) {
	s.echo.GET(path, s.public(h, time.Minute))
}

// form registers a form's POST-only address together with its GET twin: a GET there (a
// bookmark, a shared link, a reload) goes with 303 to the page the form belongs to, which owner
// names, instead of a 405. A page HTMX gets back from the form (its problems, 422) puts that
// page's address into the address bar (HX-Push-Url, see renderStatus).
func (s *Server) form(path string, h echo.HandlerFunc, owner func(echo.Context) (string, error)) {
	s.echo.POST(path, func(c echo.Context) error {
		c.Set(ownerKey, owner)
		return h(c)
	})
	s.echo.GET(path, func(c echo.Context) error {
		to, err := owner(c)
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, to)
	})
}

// ownerKey holds a form's owner (form) while its POST is handled.
const ownerKey = "formOwner"

// ownerOf is the address of the page the form being handled belongs to, "" when none.
func ownerOf(c echo.Context) string {
	owner, ok := c.Get(ownerKey).(func(echo.Context) (string, error))
	if !ok {
		return ""
	}
	to, err := owner(c)
	if err != nil {
		return ""
	}
	return to
}

// page is the owner at a fixed address, its :params taken from the form's address
// (page("/meetings/:id") for /meetings/:id/status).
func page(pattern string) func(echo.Context) (string, error) {
	return func(c echo.Context) (string, error) {
		parts := strings.Split(pattern, "/")
		for i, p := range parts {
			if name, ok := strings.CutPrefix(p, ":"); ok {
				name, anchor, _ := strings.Cut(name, "#")
				parts[i] = url.PathEscape(c.Param(name))
				if anchor != "" {
					parts[i] += "#" + anchor
				}
			}
		}
		return strings.Join(parts, "/"), nil
	}
}
