package committee

import (
	"crypto/subtle"
	"errors"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"komitee/locales"
)

// Committee is the one record that names the committee.
type Committee struct {
	*core.Record
	funderHTML string
}

func (c *Committee) Name() string     { return c.GetString("name") }
func (c *Committee) District() string { return c.GetString("district") }

// FunderNoticeHTML is the funder notice rendered and sanitised once per change.
func (c *Committee) FunderNoticeHTML() string { return c.funderHTML }
func (c *Committee) SetupDone() bool          { return !c.GetDateTime("setup_done").IsZero() }

// committeeKey is where the app's store keeps the committee record between changes; hooks in
// roles.go forget it. (The store is per app, and transactions share their app's store.)
const committeeKey = "komitee.committee"

// LoadCommittee returns the committee record, or nil before the first run created it.
func LoadCommittee(app core.App) *Committee {
	if c, ok := app.Store().Get(committeeKey).(*Committee); ok && c != nil {
		return c
	}
	rec, err := app.FindFirstRecordByFilter("committee", "")
	if err != nil {
		return nil
	}
	c := &Committee{Record: rec, funderHTML: SanitizeHTML(rec.GetString("funder_notice"))}
	app.Store().Set(committeeKey, c)
	return c
}

// CommitteeName returns the committee's name, or "Komitee" before setup.
func CommitteeName(app core.App) string {
	if c := LoadCommittee(app); c != nil && c.Name() != "" {
		return c.Name()
	}
	return "Komitee"
}

func forgetCommittee(app core.App) { app.Store().Remove(committeeKey) }

// SetupToken returns the one-time setup token, creating it on the first call. It returns ""
// once setup is done: the link is closed for good.
func SetupToken(app core.App) (string, error) {
	c := LoadCommittee(app)
	if c != nil && c.SetupDone() {
		return "", nil
	}
	if c != nil && c.GetString("setup_token") != "" {
		return c.GetString("setup_token"), nil
	}
	coll, err := app.FindCollectionByNameOrId("committee")
	if err != nil {
		return "", err
	}
	rec := core.NewRecord(coll)
	if c != nil {
		rec = c.Record
	} else {
		rec.Set("name", "Komitee")
		rec.Set("languages", locales.Supported)
	}
	token := security.RandomString(32)
	rec.Set("setup_token", token)
	if err := app.Save(rec); err != nil {
		return "", err
	}
	forgetCommittee(app)
	return token, nil
}

// SetupInput is the first-run form. SiteURL is the address the setup page was opened at.
type SetupInput struct {
	Committee, District, Name, Email, Password, Language string
	SiteURL                                              string
}

// ErrSetupClosed means the setup link is wrong or was used already.
var ErrSetupClosed = errors.New("setup closed")

// CheckSetupToken reports whether token opens the setup page.
func CheckSetupToken(app core.App, token string) bool {
	c := LoadCommittee(app)
	if c == nil || c.SetupDone() || token == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(c.GetString("setup_token")), []byte(token)) == 1
}

// CompleteSetup names the committee and creates the first coordinator, in one transaction,
// and closes the setup link.
func CompleteSetup(app core.App, token string, in SetupInput) (*User, error) {
	if !CheckSetupToken(app, token) {
		return nil, ErrSetupClosed
	}
	errs := Registration{Name: in.Name, Email: in.Email, Password: in.Password, Language: in.Language}.Validate()
	errs.Required("committee", in.Committee, 200)
	errs.MaxLen("district", in.District, 200)
	if errs.Any() {
		return nil, errs
	}
	var user *User
	err := app.RunInTransaction(func(tx core.App) error {
		c, err := tx.FindFirstRecordByFilter("committee", "")
		if err != nil {
			return err
		}
		c.Set("name", strings.TrimSpace(in.Committee))
		c.Set("district", strings.TrimSpace(in.District))
		c.Set("setup_token", "")
		c.Set("setup_done", time.Now().UTC())
		if err := tx.Save(c); err != nil {
			return err
		}
		u, err := newUser(tx, in.Name, in.Email, in.Password, in.Language)
		if err != nil {
			return err
		}
		u.Set("verified", true)
		u.Set("coordinator", true)
		u.Set("privacy_accepted", time.Now().UTC())
		u.Set("privacy_version", PrivacyVersion(tx))
		if err := tx.Save(u); err != nil {
			return err
		}
		user = &User{u}
		return EnsurePages(tx)
	})
	forgetCommittee(app)
	if err != nil {
		return nil, err
	}
	// Links in mails point at the application URL; PocketBase's default is localhost. The
	// address setup was opened at is the best first guess (the dashboard can change it).
	if meta := &app.Settings().Meta; in.SiteURL != "" && (meta.AppURL == "" || meta.AppURL == "http://localhost:8090") {
		meta.AppURL = in.SiteURL
		if err := app.Save(app.Settings()); err != nil {
			return nil, err
		}
	}
	return user, nil
}

// EnsurePages creates the Impressum and privacy pages in every language if they are missing,
// with a placeholder that tells the operator to fill them in the dashboard.
func EnsurePages(app core.App) error {
	coll, err := app.FindCollectionByNameOrId("pages")
	if err != nil {
		return err
	}
	for _, slug := range []string{"impressum", "datenschutz"} {
		for _, lang := range locales.Supported {
			if _, err := app.FindFirstRecordByFilter(coll, "slug = {:s} && language = {:l}",
				map[string]any{"s": slug, "l": lang}); err == nil {
				continue
			}
			rec := core.NewRecord(coll)
			rec.Set("slug", slug)
			rec.Set("language", lang)
			rec.Set("title", locales.T(lang, "pages."+slug))
			rec.Set("body", locales.T(lang, "pages.placeholder"))
			rec.Set("version", "1")
			if err := app.Save(rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// FindPage returns a page in lang, falling back to German.
func FindPage(app core.App, slug, lang string) (*core.Record, error) {
	for _, l := range []string{lang, locales.Default} {
		rec, err := First(app, nil, "pages", Query{Filter: "slug = {:s} && language = {:l}",
			Params: map[string]any{"s": slug, "l": l}})
		if err == nil {
			return rec, nil
		}
	}
	return nil, ErrNotFound
}

// PrivacyVersion is the version of the privacy policy a person consents to now.
func PrivacyVersion(app core.App) string {
	rec, err := app.FindFirstRecordByFilter("pages", "slug = 'datenschutz' && language = 'de'")
	if err != nil || rec.GetString("version") == "" {
		return "1"
	}
	return rec.GetString("version")
}
