package committee

import (
	"errors"
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

// Register creates an account with the privacy consent (time and policy version) and sends the
// verification mail in the person's language.
func Register(app core.App, in Registration) (*User, error) {
	errs := in.Validate()
	if !in.Consent {
		errs.Add("consent", "error.consent")
	}
	if errs.Any() {
		return nil, errs
	}
	if _, err := app.FindAuthRecordByEmail("users", strings.ToLower(strings.TrimSpace(in.Email))); err == nil {
		return nil, Errors{"email": "error.email_taken"}
	}
	rec, err := newUser(app, in.Name, in.Email, in.Password, in.Language)
	if err != nil {
		return nil, err
	}
	rec.Set("privacy_accepted", time.Now().UTC())
	rec.Set("privacy_version", PrivacyVersion(app))
	if err := app.Save(rec); err != nil {
		return nil, err
	}
	u := &User{rec}
	return u, SendVerification(app, u)
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

// ErrLogin is the one answer to a wrong e-mail or password: it does not say which.
var ErrLogin = errors.New("login failed")

// Authenticate checks an e-mail and password.
func Authenticate(app core.App, email, password string) (*User, error) {
	rec, err := app.FindAuthRecordByEmail("users", strings.ToLower(strings.TrimSpace(email)))
	if err != nil || !rec.ValidatePassword(password) {
		return nil, ErrLogin
	}
	return &User{rec}, nil
}

// RequestPasswordReset mails a reset link when the address has an account. It says nothing
// either way, so that nobody learns who has an account.
func RequestPasswordReset(app core.App, email string) error {
	rec, err := app.FindAuthRecordByEmail("users", strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return nil
	}
	token, err := rec.NewPasswordResetToken()
	if err != nil {
		return err
	}
	return SendTo(app, &User{rec}, Letter{Subject: "mail.reset.subject", Body: "mail.reset.body",
		Action: "mail.reset.action", Link: URL(app, "/password-reset/"+token)})
}

// CheckResetToken returns the user a reset token belongs to.
func CheckResetToken(app core.App, token string) (*User, error) {
	rec, err := app.FindAuthRecordByToken(token, core.TokenTypePasswordReset)
	if err != nil || rec.Collection().Name != "users" {
		return nil, ErrNotFound
	}
	return &User{rec}, nil
}

// ResetPassword sets a new password from a reset token. Saving a new password rotates the
// token key, which ends every session of the account.
func ResetPassword(app core.App, token, password, confirm string) error {
	u, err := CheckResetToken(app, token)
	if err != nil {
		return err
	}
	u.SetVerified(true) // the mail reached them
	return setPassword(app, u, Errors{}, password, confirm)
}

// ChangePassword sets a new password after checking the current one. Rotating the token key
// ends every session of the account; the caller starts a new one for this browser.
func ChangePassword(app core.App, u *User, current, password, confirm string) error {
	errs := Errors{}
	if !u.ValidatePassword(current) {
		errs.Add("current", "error.password_wrong")
	}
	return setPassword(app, u, errs, password, confirm)
}

// setPassword checks a new password and its confirmation (adding to errs), then saves it and
// rotates the token key: every session ends, since cookies hold tokens signed with the old key.
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
	return app.Save(u)
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
		if err := tx.Save(u); err != nil {
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
