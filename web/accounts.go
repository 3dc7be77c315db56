package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/views/accounts"
	"komitee/views/pages"
)

func registrationOf(c echo.Context) committee.Registration {
	return committee.Registration{Name: field(c, "name"), Email: field(c, "email"), Password: c.FormValue("password"),
		Language: field(c, "language"), Consent: c.FormValue("consent") == "on"}
}

// registerForm shows the sign-up form.
func (s *Server) registerForm(c echo.Context) error {
	if currentUser(c) != nil {
		return c.Redirect(303, "/")
	}
	return s.render(c, accounts.Register(accounts.RegisterForm{Language: c.Get(langKey).(string)}))
}

// registerSave answers a sign-up the same way whether or not the address has an account
// (committee.Register): a mail goes to the address, and the person confirms it, then logs in.
// Nobody is logged in here, since a taken address must not look different.
func (s *Server) registerSave(c echo.Context) error {
	in := registrationOf(c)
	err := committee.Register(s.app, in)
	if errors.Is(err, committee.ErrMail) {
		flash(c, "flash.registered_mail_failed")
		return redirect(c, "/login")
	}
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, accounts.Register(accounts.RegisterForm{Name: in.Name, Email: in.Email,
			Language: in.Language, Consent: in.Consent, Errors: errs}))
	}
	flash(c, "flash.registered")
	return redirect(c, "/login")
}

// registerValidate checks one field of the sign-up form while the person types (HTMX).
func (s *Server) registerValidate(c echo.Context) error {
	return s.validateOnly(c, registrationOf(c).Validate())
}

// verify confirms the address from the mailed link.
func (s *Server) verify(c echo.Context) error {
	u, err := committee.Verify(s.app, c.Param("token"))
	if err != nil {
		return s.renderStatus(c, 400, pages.MessagePage(pages.Message{Title: "accounts.verify.bad_title",
			Text: "accounts.verify.bad_text", LinkText: "accounts.login.forgot", Link: "/password-reset"}))
	}
	if _, err := c.Cookie(langCookie); err != nil {
		c.Set(langKey, u.Language()) // the link's person reads the page in their language, as the mail
	}
	if currentUser(c) == nil { // registering does not log in: now is the time
		return s.render(c, pages.MessagePage(pages.Message{Title: "accounts.verify.ok_title",
			Text: "accounts.verify.ok_text", LinkText: "nav.login", Link: "/login?next=/organisations"}))
	}
	return s.render(c, pages.MessagePage(pages.Message{Title: "accounts.verify.ok_title",
		Text: "accounts.verify.ok_text", LinkText: "home.join", Link: "/organisations"}))
}

// verifyResend mails a new verification link to the person logged in.
func (s *Server) verifyResend(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	if !u.Verified() {
		if err := committee.SendVerification(s.app, u); err != nil {
			s.app.Logger().Error("verification mail could not be sent", "error", err)
			flash(c, "flash.mail_failed")
			return redirect(c, "/")
		}
	}
	flash(c, "flash.verification_sent")
	return redirect(c, "/")
}

// loginForm shows the log-in form.
func (s *Server) loginForm(c echo.Context) error {
	return s.render(c, accounts.Login(accounts.LoginForm{Next: safeNext(c.QueryParam("next"))}))
}

// loginSave checks the password and starts the session. After repeated failures for the
// address it answers "try again in N seconds" (429) until the delay has passed.
func (s *Server) loginSave(c echo.Context) error {
	f := accounts.LoginForm{Email: field(c, "email"), Next: safeNext(c.FormValue("next"))}
	errs := committee.Errors{}
	errs.Required("email", f.Email, 200)
	errs.Required("password", c.FormValue("password"), 200)
	if !errs.Any() {
		known := false
		if ck, err := c.Cookie(knownCookie); err == nil {
			known = committee.IsKnownDevice(s.app, f.Email, ck.Value)
		}
		u, err := committee.Authenticate(s.app, f.Email, c.FormValue("password"), known)
		var delay *committee.LoginDelay
		if errors.As(err, &delay) {
			f.Wait = delay.Seconds()
			return s.renderStatus(c, http.StatusTooManyRequests, accounts.Login(f))
		}
		if err == nil {
			if err := s.login(c, u); err != nil {
				return err
			}
			// This browser is the owner's from now on: a stranger's failures for the address
			// do not hold it up (committee.KnownDevice).
			c.SetCookie(&http.Cookie{Name: knownCookie, Value: committee.KnownDevice(s.app, u.Email()), Path: "/login",
				MaxAge: 365 * 24 * 3600, HttpOnly: true, Secure: isHTTPS(c), SameSite: http.SameSiteLaxMode})
			return redirect(c, f.Next)
		}
		errs.Add("password", "error.login")
	}
	f.Errors = errs
	return s.renderForm(c, accounts.Login(f))
}

// logout ends the session: the row is deleted, so the cookie's value opens nothing afterwards.
func (s *Server) logout(c echo.Context) error {
	if err := s.logoutHere(c); err != nil {
		return err
	}
	flash(c, "flash.logged_out")
	return redirect(c, "/")
}

func resetRequest(email string, errs map[string]string) accounts.EmailForm {
	return accounts.EmailForm{Title: "accounts.forgot.title", Intro: "accounts.forgot.intro", Submit: "accounts.forgot.submit",
		Action: "/password-reset", Email: email, Errors: errs}
}

// resetRequestForm asks for the address to send a reset link to.
func (s *Server) resetRequestForm(c echo.Context) error {
	if c.QueryParam("sent") != "" { // where the request goes after it was sent (Post/Redirect/Get)
		return s.render(c, pages.MessagePage(pages.Message{Title: "accounts.forgot.sent_title", Text: "accounts.forgot.sent_text"}))
	}
	return s.render(c, accounts.Email(resetRequest("", nil)))
}

// resetRequestSave mails the address: the answer (page, status and about the time) is the
// same whether or not it has an account, and whether or not the mail went out to it.
func (s *Server) resetRequestSave(c echo.Context) error {
	email := field(c, "email")
	errs := committee.Errors{}
	errs.Required("email", email, 200)
	errs.Email("email", email)
	if errs.Any() {
		return s.renderForm(c, accounts.Email(resetRequest(email, errs)))
	}
	err := committee.RequestPasswordReset(s.app, email, c.Get(langKey).(string))
	if errors.Is(err, committee.ErrMail) {
		// The mail to this address failed, account or not: say so, keep the address.
		return s.renderForm(c, accounts.Email(resetRequest(email, committee.Errors{"email": "error.mail_failed"})))
	} else if err != nil {
		return err
	}
	return redirect(c, "/password-reset?sent=1")
}

// resetForm asks for the new password.
func (s *Server) resetForm(c echo.Context) error {
	if _, err := committee.CheckResetToken(s.app, c.Param("token")); err != nil {
		return s.badResetLink(c)
	}
	return s.render(c, accounts.Reset(accounts.ResetForm{Token: c.Param("token")}))
}

// resetSave sets the new password; every other session of the account ends with it.
func (s *Server) resetSave(c echo.Context) error {
	token := c.Param("token")
	err := committee.ResetPassword(s.app, token, c.FormValue("password"), c.FormValue("confirm"))
	if errors.Is(err, committee.ErrNotFound) {
		return s.badResetLink(c)
	}
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, accounts.Reset(accounts.ResetForm{Token: token, Errors: errs}))
	}
	clearCookie(c, sessionCookie) // committee.ResetPassword ended every session of the account
	flash(c, "flash.password_changed")
	return redirect(c, "/login")
}

func (s *Server) badResetLink(c echo.Context) error {
	return s.renderStatus(c, 400, pages.MessagePage(pages.Message{Title: "accounts.reset.bad_title",
		Text: "accounts.reset.bad_text", LinkText: "accounts.forgot.title", Link: "/password-reset"}))
}
