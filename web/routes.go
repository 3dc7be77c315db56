package web

import "github.com/labstack/echo/v4"

// routes is the table of contents of the pages: one line per route, grouped by feature.
func (s *Server) routes() {
	e := s.echo
	// Assets, language, static pages
	e.GET("/static/:version/:file", s.static)
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
}

// publicGET registers a page whose answer to the public is cached (cache.go).
func (s *Server) publicGET(path string, h echo.HandlerFunc) {
	s.echo.GET(path, s.public(h))
}
