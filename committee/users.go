package committee

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/locales"
)

// User is a person with an account.
type User struct{ *core.Record }

// AsUser wraps an auth record; nil stays nil.
func AsUser(r *core.Record) *User {
	if r == nil || r.Collection().Name != "users" {
		return nil
	}
	return &User{r}
}

func (u *User) Name() string            { return u.GetString("name") }
func (u *User) Language() string        { return locales.Normalize(u.GetString("language")) }
func (u *User) Languages() []string     { return u.GetStringSlice("languages") }
func (u *User) Coordinator() bool       { return u.GetBool("coordinator") }
func (u *User) Member() bool            { return u.GetBool("member") }
func (u *User) EmailVisibility() string { return visibility(u.GetString("email_visibility")) }
func (u *User) PhoneVisibility() string { return visibility(u.GetString("phone_visibility")) }

func visibility(v string) string {
	if v == "" {
		return "nobody"
	}
	return v
}

func newUser(app core.App, name, email, password, lang string) (*core.Record, error) {
	coll, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return nil, err
	}
	u := core.NewRecord(coll)
	u.Set("name", strings.TrimSpace(name))
	u.SetEmail(strings.ToLower(strings.TrimSpace(email)))
	u.SetPassword(password)
	u.Set("language", locales.Normalize(lang))
	u.Set("email_visibility", "nobody")
	u.Set("phone_visibility", "nobody")
	return u, nil
}

// Registration is the sign-up form.
type Registration struct {
	Name, Email, Password, Language string
	Consent                         bool
}

// Validate checks what a new account needs: name, e-mail, password, language. (Consent is
// checked by Register: the first coordinator, set up on the setup page, has none to give.)
func (in Registration) Validate() Errors {
	errs := Errors{}
	errs.Required("name", in.Name, 100)
	errs.Required("email", in.Email, 200)
	errs.Email("email", in.Email)
	errs.Password("password", in.Password)
	errs.OneOf("language", in.Language, locales.Supported)
	return errs
}

// ErrMail is a mail that could not be sent (the SMTP server refused or was not reachable).
// What the person did is kept; the page says that the mail did not go out.
var ErrMail = errors.New("mail could not be sent")

func mailFailed(app core.App, err error) error {
	if err == nil {
		return nil
	}
	app.Logger().Error("mail could not be sent", "error", err)
	return fmt.Errorf("%w: %v", ErrMail, err)
}

// Register answers a sign-up the same way whether or not the address has an account, so that
// nobody learns who has one: a new address gets an unverified account (with the privacy
// consent, time and policy version) and a link that confirms it; a taken address gets no
// account, and its owner a mail in their language that someone tried to register with it
// (with the way to a new password). Either way the person is not logged in: they confirm the
// address, then log in. Both ways hash the password, so both take about as long. A failed
// mail is ErrMail (the new account stays; a new password link confirms it later).
func Register(app core.App, in Registration) error {
	errs := in.Validate()
	if !in.Consent {
		errs.Add("consent", "error.consent")
	}
	if errs.Any() {
		return errs
	}
	rec, err := newUser(app, in.Name, in.Email, in.Password, in.Language)
	if err != nil {
		return err
	}
	if owner, err := app.FindAuthRecordByEmail("users", rec.Email()); err == nil {
		return mailFailed(app, SendTo(app, &User{owner}, Letter{Subject: "mail.register_taken.subject", Body: "mail.register_taken.body",
			Action: "mail.register_taken.action", Link: URL(app, "/password-reset")}))
	}
	rec.Set("privacy_accepted", time.Now().UTC())
	rec.Set("privacy_version", PrivacyVersion(app))
	if err := app.Save(rec); err != nil {
		return err
	}
	return mailFailed(app, SendVerification(app, &User{rec}))
}

// SendVerification mails a link that confirms the address.
func SendVerification(app core.App, u *User) error {
	token, err := u.NewVerificationToken()
	if err != nil {
		return err
	}
	return SendTo(app, u, Letter{Subject: "mail.verify.subject", Body: "mail.verify.body",
		Action: "mail.verify.action", Link: URL(app, "/verify/"+token)})
}

// Verify confirms an address from the mailed token.
func Verify(app core.App, token string) (*User, error) {
	rec, err := app.FindAuthRecordByToken(token, core.TokenTypeVerification)
	if err != nil || rec.Collection().Name != "users" {
		return nil, ErrNotFound
	}
	if rec.Verified() {
		return &User{rec}, nil
	}
	rec.SetVerified(true)
	return &User{rec}, app.Save(rec)
}

// ErrLogin is the one answer to a wrong e-mail, a wrong password and an address not confirmed
// yet: it does not say which, so that nobody learns who has an account (not even by
// registering an address and trying the password they chose).
var ErrLogin = errors.New("login failed")

// Authenticate checks an e-mail and password, after the delay that failed attempts for the
// address have earned (a *LoginDelay while it runs; a known device, the browser's cookie of
// KnownDevice, does not wait). An unknown address is checked against a dummy hash, so it takes
// as long as a wrong password.
func Authenticate(app core.App, email, password string, knownDevice bool) (*User, error) {
	if wait := loginAttempt(app, email, knownDevice); wait > 0 {
		return nil, &LoginDelay{Wait: wait}
	}
	rec, err := app.FindAuthRecordByEmail("users", strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		dummyPasswordCheck(app, password)
	}
	if err != nil || !rec.ValidatePassword(password) || !rec.Verified() {
		return nil, ErrLogin // counted by loginAttempt
	}
	LoginSucceeded(app, email)
	return &User{rec}, nil
}

// RequestPasswordReset mails the address either way, so that the answer, and the time it
// takes, is the same whether or not it has an account: a reset link to an account's owner in
// their language, or a note in lang that there is no account with this address. A failed send
// is ErrMail either way.
func RequestPasswordReset(app core.App, email, lang string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	rec, err := app.FindAuthRecordByEmail("users", email)
	if err != nil {
		return mailFailed(app, Send(app, Letter{To: email, Lang: lang, Subject: "mail.reset_unknown.subject",
			Body: "mail.reset_unknown.body", Action: "mail.reset_unknown.action", Link: URL(app, "/register")}))
	}
	token, err := rec.NewPasswordResetToken()
	if err != nil {
		return err
	}
	return mailFailed(app, SendTo(app, &User{rec}, Letter{Subject: "mail.reset.subject", Body: "mail.reset.body",
		Action: "mail.reset.action", Link: URL(app, "/password-reset/"+token)}))
}

// CheckResetToken returns the user a reset token belongs to.
func CheckResetToken(app core.App, token string) (*User, error) {
	rec, err := app.FindAuthRecordByToken(token, core.TokenTypePasswordReset)
	if err != nil || rec.Collection().Name != "users" {
		return nil, ErrNotFound
	}
	return &User{rec}, nil
}

// ResetPassword sets a new password from a reset token. It ends every page session of the
// account and rotates the token key, which ends its /api/ tokens.
func ResetPassword(app core.App, token, password, confirm string) error {
	u, err := CheckResetToken(app, token)
	if err != nil {
		return err
	}
	u.SetVerified(true) // the mail reached them
	return setPassword(app, u, Errors{}, password, confirm)
}

// ChangePassword sets a new password after checking the current one. Every page session of the
// account ends, this browser's too (the page starts a new one: a copied cookie is worth
// nothing afterwards), and rotating the token key ends its /api/ tokens.
func ChangePassword(app core.App, u *User, current, password, confirm string) error {
	errs := Errors{}
	if !u.ValidatePassword(current) {
		errs.Add("current", "error.password_wrong")
	}
	return setPassword(app, u, errs, password, confirm)
}

// setPassword checks a new password and its confirmation (adding to errs), then saves it and
// rotates the token key; the users hook (userChanged) ends the page sessions with it.
func setPassword(app core.App, u *User, errs Errors, password, confirm string) error {
	errs.Password("password", password)
	if password != confirm {
		errs.Add("confirm", "error.password_mismatch")
	}
	if errs.Any() {
		return errs
	}
	u.SetPassword(password)
	u.RefreshTokenKey()
	return app.Save(u.Record)
}

// Profile is the profile form.
type Profile struct {
	Name, Language, Phone, EmailVisibility, PhoneVisibility string
	Languages                                               []string
}

// ProfileOf fills the profile form from the account and its contact rows.
func ProfileOf(app core.App, u *User) Profile {
	p := Profile{Name: u.Name(), Language: u.Language(), Languages: u.Languages(),
		EmailVisibility: u.EmailVisibility(), PhoneVisibility: u.PhoneVisibility()}
	if c, err := app.FindFirstRecordByFilter("contacts", "user = {:u} && kind = 'phone'", dbx.Params{"u": u.Id}); err == nil {
		p.Phone = c.GetString("value")
	}
	return p
}

// SetLanguage makes lang the person's language: the pages after the next login and the mails.
func SetLanguage(app core.App, u *User, lang string) error {
	if !slices.Contains(locales.Supported, lang) {
		return Errors{"language": "error.choice"}
	}
	u.Set("language", lang)
	return app.Save(u)
}

// UpdateProfile saves the profile and the contact rows that carry its visibility.
func UpdateProfile(app core.App, u *User, p Profile) error {
	errs := Errors{}
	errs.Required("name", p.Name, 100)
	errs.OneOf("language", p.Language, locales.Supported)
	errs.AllOf("languages", p.Languages, Languages)
	errs.MaxLen("phone", p.Phone, 50)
	errs.OneOf("email_visibility", p.EmailVisibility, Visibilities)
	errs.OneOf("phone_visibility", p.PhoneVisibility, Visibilities)
	if errs.Any() {
		return errs
	}
	return app.RunInTransaction(func(tx core.App) error {
		u.Set("name", strings.TrimSpace(p.Name))
		u.Set("language", p.Language)
		u.Set("languages", p.Languages)
		u.Set("email_visibility", visibility(p.EmailVisibility))
		u.Set("phone_visibility", visibility(p.PhoneVisibility))
		if err := tx.Save(u.Record); err != nil {
			return err
		}
		if err := setContact(tx, "user", u.Id, "email", u.Email(), visibility(p.EmailVisibility)); err != nil {
			return err
		}
		return setContact(tx, "user", u.Id, "phone", strings.TrimSpace(p.Phone), visibility(p.PhoneVisibility))
	})
}

// setContact writes (or removes, when value is empty) the contact row of an owner.
func setContact(app core.App, ownerField, ownerID, kind, value, vis string) error {
	rec, err := app.FindFirstRecordByFilter("contacts", ownerField+" = {:o} && kind = {:k}",
		dbx.Params{"o": ownerID, "k": kind})
	if value == "" {
		if err == nil {
			return app.Delete(rec)
		}
		return nil
	}
	if err != nil {
		coll, err := app.FindCollectionByNameOrId("contacts")
		if err != nil {
			return err
		}
		rec = core.NewRecord(coll)
		rec.Set(ownerField, ownerID)
		rec.Set("kind", kind)
	}
	rec.Set("value", value)
	rec.Set("visibility", vis)
	return app.Save(rec)
}

// ExportData gathers everything Komitee stores about a person, for the "download my data" button.
func ExportData(app core.App, u *User) (map[string]any, error) {
	out := map[string]any{
		"account": map[string]any{
			"id": u.Id, "name": u.Name(), "email": u.Email(), "verified": u.Verified(),
			"language": u.Language(), "languages": u.Languages(),
			"email_visibility": u.EmailVisibility(), "phone_visibility": u.PhoneVisibility(),
			"coordinator": u.Coordinator(), "member": u.Member(),
			"privacy_accepted": u.GetDateTime("privacy_accepted").String(),
			"privacy_version":  u.GetString("privacy_version"),
			"created":          u.GetDateTime("created").String(),
		},
	}
	for _, part := range []struct {
		key, collection, filter string
		unhide                  []string // the person's own hidden fields
	}{
		{"contacts", "contacts", "user = {:u}", nil},
		{"memberships", "memberships", "user = {:u}", []string{"message"}},
		{"organisations_applied", "organisations", "applicant = {:u}", nil},
	} {
		recs, err := app.FindRecordsByFilter(part.collection, part.filter, "created", 0, 0, dbx.Params{"u": u.Id})
		if err != nil {
			return nil, err
		}
		rows := make([]map[string]any, 0, len(recs))
		for _, r := range recs {
			rows = append(rows, r.Unhide(part.unhide...).PublicExport())
		}
		out[part.key] = rows
	}
	return out, nil
}

// SoleRepresentations lists the organisations where u is the only active representative:
// deleting the account or leaving would leave them without one.
func SoleRepresentations(app core.App, userID string) ([]*Organisation, error) {
	mine, err := app.FindRecordsByFilter("memberships", "user = {:u} && role = 'representative' && status = 'active'",
		"", 0, 0, dbx.Params{"u": userID})
	if err != nil {
		return nil, err
	}
	var out []*Organisation
	for _, r := range mine {
		m := &Membership{r}
		if !soleRepresentative(app, m) {
			continue
		}
		o, err := app.FindRecordById("organisations", m.OrganisationID())
		if err != nil {
			return nil, err
		}
		out = append(out, &Organisation{o})
	}
	return out, nil
}

// ErrSoleRepresentative blocks a step that would leave an organisation without a representative.
var ErrSoleRepresentative = errors.New("sole representative")

// DeleteAccount removes the account with its memberships and contact rows, unless the person is
// the last representative of an organisation. Check and delete are one transaction, so two
// representatives leaving at once cannot both pass the check.
func DeleteAccount(app core.App, u *User) error {
	return app.RunInTransaction(func(tx core.App) error {
		sole, err := SoleRepresentations(tx, u.Id)
		if err != nil {
			return err
		}
		if len(sole) > 0 {
			return ErrSoleRepresentative
		}
		return tx.Delete(u.Record)
	})
}

// SetCoordinator names or removes a coordinator. Only coordinators may, and nobody removes the
// last one.
func SetCoordinator(app core.App, by *User, userID string, on bool) error {
	if by == nil || !by.Coordinator() {
		return ErrForbidden
	}
	return app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindRecordById("users", userID)
		if err != nil {
			return ErrNotFound
		}
		if !on {
			n, err := tx.CountRecords("users", dbx.HashExp{"coordinator": true})
			if err != nil {
				return err
			}
			if n <= 1 && rec.GetBool("coordinator") {
				return Errors{"user": "coordination.error.last"}
			}
		}
		rec.Set("coordinator", on)
		return tx.Save(rec)
	})
}
