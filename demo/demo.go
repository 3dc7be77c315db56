// Package demo loads a fictional demo data set: `komitee demo`.
//
// The data set is a committee in the district of Bautzen with organisations of every kind,
// people in every role, contacts of every visibility, pending applications and join requests.
// Everything is invented: names, addresses and phone numbers are fictional, e-mail addresses and
// websites use example.org / example.com, descriptions end with a demo note. Loading is
// idempotent: records are found by their unique keys (user e-mail, organisation slug, membership
// user+organisation, contact owner+kind, page slug+language) and updated, never duplicated.
//
//	komitee demo --dir /tmp/demo-data   # then: komitee serve --dir /tmp/demo-data
package demo

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/spf13/cobra"

	"komitee/committee"
	"komitee/internal/runcmd"
	"komitee/locales"
)

// Password is the password of every demo account.
const Password = "demo-passwort-2026"

// CommitteeName and District name the demo committee when Load sets it up.
const (
	CommitteeName = "Koordinationskomitee Musterlandkreis (Demo)"
	District      = "Landkreis Bautzen (Demo-Daten)"
	FunderNotice  = "Gefördert im Rahmen eines (fiktiven) Landesprogramms – Demo. " +
		"Alle Angaben auf dieser Plattform sind frei erfunden."
)

// demoNote ends every organisation description.
const demoNote = "*Fiktiver Demo-Eintrag – Ähnlichkeiten mit echten Organisationen sind zufällig.*"

// Roles of the demo logins, in the order they are printed.
const (
	RoleCoordinator    = "coordinator"
	RoleRepresentative = "representative"
	RoleDeputy         = "deputy"
	RoleMember         = "member"
	RoleRegistered     = "registered"
	RoleApplicant      = "applicant"
	RolePending        = "pending"
)

// Roles lists the login roles in print order.
var Roles = []string{RoleCoordinator, RoleRepresentative, RoleDeputy, RoleMember, RoleRegistered,
	RoleApplicant, RolePending}

// Login is one demo account to try a role with.
type Login struct {
	Role, Name, Email string
	// Organisation is the organisation the role refers to ("" for coordinators and registered people).
	Organisation string
}

// Result tells what Load did.
type Result struct {
	Committee string
	Password  string
	// Logins holds one person of each role (see Roles).
	Logins []Login
	// Totals in the database after loading.
	Users, Organisations, Memberships, Contacts, Pages int
	// Created counts the records this run created (0 on a repeated run).
	Created int
}

// Command is the `demo` command.
func Command(app *pocketbase.PocketBase) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Load the fictional demo data set",
		Long: "Loads a fictional demo data set (a committee in the district of Bautzen with organisations,\n" +
			"people in every role, contacts and pending requests) into the data directory and prints the logins.\n" +
			"Running it again updates the demo records and creates no duplicates.\n" +
			"Use a separate data directory for it, e.g. `komitee demo --dir /tmp/demo-data`.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// The command runs before serve: the app may not be bootstrapped nor migrated yet.
			// committee.Bind(app) was called in main before the commands were registered, so the
			// hooks that keep users.member and organisations.managers are in place; Load checks it.
			if !app.IsBootstrapped() {
				if err := app.Bootstrap(); err != nil {
					return err
				}
			}
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			res, err := Load(app)
			if err != nil {
				return err
			}
			Print(cmd.OutOrStdout(), res, app.DataDir())
			return nil
		},
	}
}

// Print writes the summary and the logins of a Result.
func Print(w io.Writer, res *Result, dataDir string) {
	fmt.Fprintf(w, "Demo data loaded into %s\n", dataDir)
	fmt.Fprintf(w, "Committee: %s\n", res.Committee)
	fmt.Fprintf(w, "%d people, %d organisations, %d memberships, %d contacts, %d pages (%d records new in this run)\n\n",
		res.Users, res.Organisations, res.Memberships, res.Contacts, res.Pages, res.Created)
	fmt.Fprintf(w, "Logins (password for every demo account: %s)\n", res.Password)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, l := range res.Logins {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", l.Role, l.Email, l.Name, l.Organisation)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nStart the server with: %s\n", runcmd.Line(dataDir, "serve"))
}

// ErrRealCommittee refuses to load the demo into a data directory set up for a real committee.
var ErrRealCommittee = errors.New("this data directory belongs to a committee that is not the demo; demo data is not loaded into it")

// Load writes the demo data set into app, creating or updating records; it returns the logins
// and the totals. It sets the committee up when that was not done yet. The committee hooks
// (committee.Bind) must be bound to app: memberships are saved through app.Save so that they
// fill users.member and organisations.managers.
func Load(app core.App) (*Result, error) {
	// Demo accounts share a published password, coordinators among them: never into a real
	// committee's data.
	if c := committee.LoadCommittee(app); c != nil && c.SetupDone() && c.Name() != CommitteeName {
		return nil, fmt.Errorf("%w: %q", ErrRealCommittee, c.Name())
	}
	res := &Result{Password: Password}
	created, err := setUp(app)
	if err != nil {
		return nil, err
	}
	res.Created += created

	err = app.RunInTransaction(func(tx core.App) error {
		l := &loader{app: tx, res: res, users: map[string]*core.Record{}, orgs: map[string]*core.Record{}}
		for _, step := range []func() error{l.committee, l.pages, l.sitePages, l.people, l.organisations, l.memberships, l.check,
			l.meetings, l.topics, l.needs, l.actions, l.statements} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if c, err := app.FindFirstRecordByFilter("committee", ""); err == nil {
		res.Committee = c.GetString("name")
	}
	res.Logins = logins()

	for _, c := range []struct {
		name string
		n    *int
	}{{"users", &res.Users}, {"organisations", &res.Organisations}, {"memberships", &res.Memberships},
		{"contacts", &res.Contacts}, {"pages", &res.Pages}} {
		n, err := app.CountRecords(c.name)
		if err != nil {
			return nil, err
		}
		*c.n = int(n)
	}
	return res, nil
}

// setUp names the demo committee and creates its first coordinator through the regular first-run
// workflow, unless the committee is set up already. It returns the number of records created.
func setUp(app core.App) (int, error) {
	created := 0
	rec, err := app.FindFirstRecordByFilter("committee", "")
	switch {
	case err == nil:
		if !rec.GetDateTime("setup_done").IsZero() {
			return 0, nil
		}
	case errors.Is(err, sql.ErrNoRows):
		// Create the record as committee.SetupToken would. Saving it also makes the committee
		// hooks drop a committee that LoadCommittee cached for another app in the same process.
		coll, err := app.FindCachedCollectionByNameOrId("committee")
		if err != nil {
			return 0, err
		}
		rec = core.NewRecord(coll)
		rec.Set("name", "Komitee")
		rec.Set("languages", locales.Supported)
		if err := app.Save(rec); err != nil {
			return 0, err
		}
		created++
	default:
		return 0, err
	}

	first := people[0]
	if _, err := app.FindAuthRecordByEmail("users", first.Email); err == nil {
		// The coordinator exists already (an interrupted run?): close the setup directly.
		rec.Set("name", CommitteeName)
		rec.Set("district", District)
		rec.Set("setup_token", "")
		rec.Set("setup_done", types.NowDateTime())
		if err := app.Save(rec); err != nil {
			return 0, err
		}
		return created, committee.EnsurePages(app)
	}
	token, err := committee.SetupToken(app)
	if err != nil {
		return 0, err
	}
	before, _ := app.CountRecords("pages")
	if _, err := committee.CompleteSetup(app, token, committee.SetupInput{Committee: CommitteeName, District: District,
		Name: first.Name, Email: first.Email, Password: Password, Language: first.Lang}); err != nil {
		return 0, fmt.Errorf("demo setup: %w", err)
	}
	after, _ := app.CountRecords("pages")
	return created + 1 + int(after-before), nil
}

type loader struct {
	app   core.App
	res   *Result
	users map[string]*core.Record // by e-mail
	orgs  map[string]*core.Record // by slug
	// demo is true when the committee is the demo committee: only then are its record and
	// its pages (Impressum, Datenschutz) overwritten.
	demo bool
}

func (l *loader) save(rec *core.Record) error {
	if rec.IsNew() {
		l.res.Created++
	}
	return l.app.Save(rec)
}

// findOrNew returns the first record of coll that matches filter, or a new record.
func (l *loader) findOrNew(coll, filter string, params dbx.Params) (*core.Record, error) {
	rec, err := l.app.FindFirstRecordByFilter(coll, filter, params)
	if err == nil {
		return rec, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	c, err := l.app.FindCachedCollectionByNameOrId(coll)
	if err != nil {
		return nil, err
	}
	return core.NewRecord(c), nil
}

// committee sets the demo committee's contact data and funder notice.
func (l *loader) committee() error {
	c, err := l.app.FindFirstRecordByFilter("committee", "")
	if err != nil {
		return err
	}
	l.demo = c.GetString("name") == CommitteeName
	if !l.demo {
		return nil // a real committee: its own record stays as it is
	}
	c.Set("district", District)
	c.Set("contact_email", "kontakt@komitee.example.org")
	c.Set("contact_address", "c/o Musterverein e. V., Beispielstraße 1, 02625 Bautzen (fiktive Adresse)")
	c.Set("funder_notice", FunderNotice)
	c.Set("languages", locales.Supported)
	return l.save(c)
}

// pages fills Impressum and Datenschutz with texts that say this is demo data.
func (l *loader) pages() error {
	if err := committee.EnsurePages(l.app); err != nil {
		return err
	}
	if !l.demo {
		return nil
	}
	for _, p := range pageTexts {
		rec, err := l.app.FindFirstRecordByFilter("pages", "slug = {:s} && language = {:l}",
			dbx.Params{"s": p.slug, "l": p.lang})
		if err != nil {
			return err
		}
		body := rec.GetString("body")
		// Only the placeholder or an earlier demo text is replaced, never a real text.
		if body != "" && body != locales.T(p.lang, "pages.placeholder") && !strings.Contains(body, "(Demo)") {
			continue
		}
		rec.Set("body", p.body)
		if err := l.save(rec); err != nil {
			return err
		}
	}
	return nil
}

// people creates or updates every demo account, verified and with privacy consent.
func (l *loader) people() error {
	coll, err := l.app.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	version := committee.PrivacyVersion(l.app)
	for _, p := range people {
		rec, err := l.app.FindAuthRecordByEmail(coll, p.Email)
		switch {
		case err == nil:
			// Keep the password hash (and so the sessions) when it is still the demo password.
			if !rec.ValidatePassword(Password) {
				rec.SetPassword(Password)
			}
		case errors.Is(err, sql.ErrNoRows):
			rec = core.NewRecord(coll)
			rec.SetEmail(p.Email)
			rec.SetPassword(Password)
		default:
			return err
		}
		rec.Set("name", p.Name)
		rec.SetVerified(true)
		rec.Set("language", p.Lang)
		rec.Set("languages", p.Languages)
		rec.Set("coordinator", p.Role == RoleCoordinator)
		rec.Set("email_visibility", visibility(p.EmailVis))
		rec.Set("phone_visibility", visibility(p.PhoneVis))
		if rec.GetDateTime("privacy_accepted").IsZero() {
			rec.Set("privacy_accepted", types.NowDateTime())
		}
		rec.Set("privacy_version", version)
		if err := l.save(rec); err != nil {
			return fmt.Errorf("demo person %s: %w", p.Email, err)
		}
		l.users[p.Email] = rec
		// The profile form keeps the e-mail and phone contact rows with their visibility.
		if p.EmailVis != "" {
			if err := l.contact("user", rec.Id, "email", p.Email, p.EmailVis); err != nil {
				return err
			}
		}
		if p.Phone != "" {
			if err := l.contact("user", rec.Id, "phone", p.Phone, visibility(p.PhoneVis)); err != nil {
				return err
			}
		}
	}
	return nil
}

func visibility(v string) string {
	if v == "" {
		return "nobody"
	}
	return v
}

// organisations creates or updates every demo organisation and its contact rows.
func (l *loader) organisations() error {
	for _, o := range organisations {
		rec, err := l.findOrNew("organisations", "slug = {:s}", dbx.Params{"s": o.Slug})
		if err != nil {
			return err
		}
		rec.Set("slug", o.Slug)
		rec.Set("name", o.Name)
		rec.Set("kind", o.Kind)
		rec.Set("description", strings.TrimSpace(o.Description)+"\n\n"+demoNote)
		rec.Set("areas", o.Areas)
		rec.Set("languages", o.Languages)
		rec.Set("communities", o.Communities)
		rec.Set("municipality", o.Municipality)
		rec.Set("status", o.Status)
		rec.Set("decline_reason", "")
		if o.Since != "" {
			since, err := time.Parse(time.DateOnly, o.Since)
			if err != nil {
				return err
			}
			rec.Set("member_since", since)
		} else {
			rec.Set("member_since", "")
		}
		applicant := o.Applicant
		if applicant == "" {
			applicant = o.Representative
		}
		if u := l.users[applicant]; u != nil {
			rec.Set("applicant", u.Id)
		}
		if err := l.save(rec); err != nil {
			return fmt.Errorf("demo organisation %s: %w", o.Slug, err)
		}
		l.orgs[o.Slug] = rec
		for _, c := range o.Contacts {
			if err := l.contact("organisation", rec.Id, c.Kind, c.Value, c.Visibility); err != nil {
				return err
			}
		}
	}
	return nil
}

// contact creates or updates the contact row of an owner (a user or an organisation) and kind.
func (l *loader) contact(ownerField, ownerID, kind, value, vis string) error {
	rec, err := l.findOrNew("contacts", ownerField+" = {:o} && kind = {:k}", dbx.Params{"o": ownerID, "k": kind})
	if err != nil {
		return err
	}
	rec.Set(ownerField, ownerID)
	rec.Set("kind", kind)
	rec.Set("value", value)
	rec.Set("visibility", vis)
	if err := l.save(rec); err != nil {
		return fmt.Errorf("demo contact %s %s: %w", kind, value, err)
	}
	return nil
}

// memberships creates or updates every membership: each organisation's representative, then
// the deputies, members and join requests. Saved one by one through app.Save, so that the
// committee hooks keep users.member and organisations.managers.
func (l *loader) memberships() error {
	decider := l.users[people[0].Email]
	for _, m := range allMemberships() {
		u, o := l.users[m.Email], l.orgs[m.Org]
		if u == nil || o == nil {
			return fmt.Errorf("demo membership %s in %s: unknown person or organisation", m.Email, m.Org)
		}
		rec, err := l.findOrNew("memberships", "user = {:u} && organisation = {:o}", dbx.Params{"u": u.Id, "o": o.Id})
		if err != nil {
			return err
		}
		rec.Set("user", u.Id)
		rec.Set("organisation", o.Id)
		rec.Set("role", m.Role)
		rec.Set("status", m.Status)
		rec.Set("message", m.Message)
		if m.Status == "active" {
			rec.Set("decided_by", decider.Id)
			decided := o.GetDateTime("member_since")
			if decided.IsZero() {
				decided = types.NowDateTime()
			}
			rec.Set("decided_at", decided)
		} else {
			rec.Set("decided_by", "")
			rec.Set("decided_at", "")
		}
		if err := l.save(rec); err != nil {
			return fmt.Errorf("demo membership %s in %s: %w", m.Email, m.Org, err)
		}
	}
	return nil
}

// check makes sure the committee hooks ran: without them the derived fields stay empty and the
// demo would show nobody as a member.
func (l *loader) check() error {
	o := organisations[0]
	org, err := l.app.FindRecordById("organisations", l.orgs[o.Slug].Id)
	if err != nil {
		return err
	}
	rep, err := l.app.FindRecordById("users", l.users[o.Representative].Id)
	if err != nil {
		return err
	}
	if !slices.Contains(org.GetStringSlice("managers"), rep.Id) || !rep.GetBool("member") {
		return errors.New("demo: organisations.managers and users.member were not filled; " +
			"committee.Bind(app) must be called before loading")
	}
	return nil
}

// logins picks the first person of each role.
func logins() []Login {
	var out []Login
	for _, role := range Roles {
		for _, p := range people {
			if p.Role != role {
				continue
			}
			l := Login{Role: role, Name: p.Name, Email: p.Email}
			for _, m := range allMemberships() {
				if m.Email == p.Email && (m.Role == role || (role == RolePending && m.Status == "pending")) {
					l.Organisation = orgName(m.Org)
					break
				}
			}
			for _, o := range organisations {
				if role == RoleApplicant && o.Applicant == p.Email {
					l.Organisation = o.Name
				}
			}
			out = append(out, l)
			break
		}
	}
	return out
}

func orgName(slug string) string {
	for _, o := range organisations {
		if o.Slug == slug {
			return o.Name
		}
	}
	return slug
}

// ---------------------------------------------------------------------------------------------
// The data set. Every name, address and phone number is invented. Phone numbers use real area
// codes of the district with a local number starting with 0, which is never assigned.
// ---------------------------------------------------------------------------------------------

type person struct {
	Name, Email string
	Lang        string   // UI language: de, en, ar
	Languages   []string // languages spoken
	// Role is the role this person stands for in the data set (one of Roles).
	Role string
	// Optional contact rows of the profile, with their visibility.
	EmailVis, Phone, PhoneVis string
}

var people = []person{
	// Coordinators. The first one is created by the setup workflow.
	{Name: "Katrin Wendler", Email: "katrin.wendler@example.org", Lang: "de", Languages: []string{"de", "en", "hsb"},
		Role: RoleCoordinator, EmailVis: "public", Phone: "+49 3591 0000-100", PhoneVis: "members"},
	{Name: "Samir Haddad", Email: "samir.haddad@example.org", Lang: "ar", Languages: []string{"ar", "de", "en", "fr"},
		Role: RoleCoordinator, EmailVis: "members"},
	{Name: "Lena Nguyen", Email: "lena.nguyen@example.org", Lang: "de", Languages: []string{"de", "vi", "en"},
		Role: RoleCoordinator, EmailVis: "members", Phone: "+49 3571 0000-101", PhoneVis: "nobody"},

	// Representatives, one per organisation (see organisations).
	{Name: "Mahmoud Al-Hassan", Email: "mahmoud.alhassan@example.org", Lang: "ar", Languages: []string{"ar", "ku", "de"},
		Role: RoleRepresentative, EmailVis: "members", Phone: "+49 3591 0000-201", PhoneVis: "members"},
	{Name: "Fatima Rahimi", Email: "fatima.rahimi@example.org", Lang: "de", Languages: []string{"prs", "fa", "de"},
		Role: RoleRepresentative},
	{Name: "Olena Kovalenko", Email: "olena.kovalenko@example.org", Lang: "en", Languages: []string{"uk", "ru", "en", "de"},
		Role: RoleRepresentative, EmailVis: "members"},
	{Name: "Pham Thi Lan", Email: "pham.thilan@example.org", Lang: "de", Languages: []string{"vi", "de"},
		Role: RoleRepresentative, Phone: "+49 3571 0000-204", PhoneVis: "members"},
	{Name: "Yonas Tesfay", Email: "yonas.tesfay@example.org", Lang: "en", Languages: []string{"ti", "am", "en", "de"},
		Role: RoleRepresentative},
	{Name: "Gabriele Schubert", Email: "gabriele.schubert@example.org", Lang: "de", Languages: []string{"de", "en"},
		Role: RoleRepresentative, EmailVis: "public"},
	{Name: "Thomas Richter", Email: "thomas.richter@example.org", Lang: "de", Languages: []string{"de", "ru"},
		Role: RoleRepresentative},
	{Name: "Annett Wagner", Email: "annett.wagner@example.com", Lang: "de", Languages: []string{"de", "en", "fr"},
		Role: RoleRepresentative, EmailVis: "public", Phone: "+49 3591 0000-208", PhoneVis: "public"},
	{Name: "Michael Berger", Email: "michael.berger@example.org", Lang: "de", Languages: []string{"de", "en", "pl"},
		Role: RoleRepresentative},
	{Name: "Dilan Aydın", Email: "dilan.aydin@example.org", Lang: "de", Languages: []string{"de", "tr", "ku", "en"},
		Role: RoleRepresentative, EmailVis: "members"},
	{Name: "Jana Lehmann", Email: "jana.lehmann@example.com", Lang: "de", Languages: []string{"de", "en", "cs"},
		Role: RoleRepresentative},
	{Name: "Omar Suleiman", Email: "omar.suleiman@example.org", Lang: "ar", Languages: []string{"ar", "de"},
		Role: RoleRepresentative},
	{Name: "Matthias Zimmermann", Email: "matthias.zimmermann@example.org", Lang: "de", Languages: []string{"de", "en"},
		Role: RoleRepresentative},
	{Name: "Ronny Schäfer", Email: "ronny.schaefer@example.org", Lang: "de", Languages: []string{"de"},
		Role: RoleRepresentative, Phone: "+49 35952 0000-214", PhoneVis: "members"},
	{Name: "Nadia Benali", Email: "nadia.benali@example.org", Lang: "de", Languages: []string{"ar", "fr", "de", "en"},
		Role: RoleRepresentative},
	{Name: "Aminata Diallo", Email: "aminata.diallo@example.org", Lang: "en", Languages: []string{"fr", "en", "de"},
		Role: RoleRepresentative},
	{Name: "Swetlana Petrowa", Email: "swetlana.petrowa@example.org", Lang: "de", Languages: []string{"ru", "uk", "de"},
		Role: RoleRepresentative},
	{Name: "Uwe Hartmann", Email: "uwe.hartmann@example.org", Lang: "de", Languages: []string{"de", "pl"},
		Role: RoleRepresentative},
	{Name: "Monika Fischer", Email: "monika.fischer@example.org", Lang: "de", Languages: []string{"de", "ru"},
		Role: RoleRepresentative},

	// Deputies.
	{Name: "Rania Khalil", Email: "rania.khalil@example.org", Lang: "ar", Languages: []string{"ar", "de", "en"},
		Role: RoleDeputy, EmailVis: "members"},
	{Name: "Zahra Ahmadi", Email: "zahra.ahmadi@example.org", Lang: "en", Languages: []string{"fa", "prs", "en", "de"},
		Role: RoleDeputy},
	{Name: "Iryna Bondarenko", Email: "iryna.bondarenko@example.org", Lang: "en", Languages: []string{"uk", "ru", "en"},
		Role: RoleDeputy},
	{Name: "Tran Van Minh", Email: "tran.vanminh@example.org", Lang: "de", Languages: []string{"vi", "de"},
		Role: RoleDeputy},
	{Name: "Selam Gebremedhin", Email: "selam.gebremedhin@example.org", Lang: "en", Languages: []string{"ti", "ar", "en", "de"},
		Role: RoleDeputy},
	{Name: "Karin Neumann", Email: "karin.neumann@example.org", Lang: "de", Languages: []string{"de", "en"},
		Role: RoleDeputy, Phone: "+49 3594 0000-306", PhoneVis: "members"},
	{Name: "Hassan Mansour", Email: "hassan.mansour@example.org", Lang: "ar", Languages: []string{"ar", "de"},
		Role: RoleDeputy},
	{Name: "Paul Becker", Email: "paul.becker@example.org", Lang: "de", Languages: []string{"de", "en"},
		Role: RoleDeputy},

	// Members.
	{Name: "Khaled Ibrahim", Email: "khaled.ibrahim@example.org", Lang: "ar", Languages: []string{"ar", "de"},
		Role: RoleMember},
	{Name: "Maryam Sultani", Email: "maryam.sultani@example.org", Lang: "de", Languages: []string{"prs", "fa", "de"},
		Role: RoleMember},
	{Name: "Dmytro Shevchenko", Email: "dmytro.shevchenko@example.org", Lang: "en", Languages: []string{"uk", "ru", "en"},
		Role: RoleMember},
	{Name: "Le Thi Hoa", Email: "le.thihoa@example.org", Lang: "de", Languages: []string{"vi", "de"},
		Role: RoleMember},
	{Name: "Luwam Tekle", Email: "luwam.tekle@example.org", Lang: "en", Languages: []string{"ti", "en"},
		Role: RoleMember},
	{Name: "Ali Haidari", Email: "ali.haidari@example.org", Lang: "de", Languages: []string{"fa", "prs", "de"},
		Role: RoleMember},
	{Name: "Sabine Krüger", Email: "sabine.krueger@example.com", Lang: "de", Languages: []string{"de", "en"},
		Role: RoleMember},
	{Name: "Yusuf Demir", Email: "yusuf.demir@example.org", Lang: "de", Languages: []string{"tr", "de", "ar"},
		Role: RoleMember},

	// Registered, without an organisation.
	{Name: "Johannes Weber", Email: "johannes.weber@example.org", Lang: "de", Languages: []string{"de"},
		Role: RoleRegistered},
	{Name: "Leila Nasser", Email: "leila.nasser@example.org", Lang: "ar", Languages: []string{"ar", "en"},
		Role: RoleRegistered},
	{Name: "Emily Carter", Email: "emily.carter@example.com", Lang: "en", Languages: []string{"en", "de"},
		Role: RoleRegistered},

	// Applicants for organisations waiting for a decision.
	{Name: "Rajesh Iyer", Email: "rajesh.iyer@example.org", Lang: "en", Languages: []string{"ta", "hi", "en", "de"},
		Role: RoleApplicant, EmailVis: "members"},
	{Name: "Ayşe Yılmaz", Email: "ayse.yilmaz@example.org", Lang: "de", Languages: []string{"tr", "ku", "de"},
		Role: RoleApplicant},

	// People waiting for an organisation to accept them.
	{Name: "Nour Saleh", Email: "nour.saleh@example.org", Lang: "ar", Languages: []string{"ar"},
		Role: RolePending},
	{Name: "Kateryna Marchenko", Email: "kateryna.marchenko@example.org", Lang: "en", Languages: []string{"uk", "en"},
		Role: RolePending},
	{Name: "Mohammed Idris", Email: "mohammed.idris@example.org", Lang: "ar", Languages: []string{"ti", "ar"},
		Role: RolePending},
	{Name: "Sophie Lange", Email: "sophie.lange@example.org", Lang: "de", Languages: []string{"de", "fr", "en"},
		Role: RolePending},
}

type contact struct{ Kind, Value, Visibility string }

type organisation struct {
	Slug, Name, Kind, Status, Municipality, Communities, Description string
	Areas, Languages                                                 []string
	Since                                                            string // member_since, YYYY-MM-DD
	// Representative is the e-mail of the active representative (listed and inactive ones);
	// Applicant the e-mail of the person who applied (applications only).
	Representative, Applicant string
	Contacts                  []contact
}

// orgContacts builds the usual contact rows of an organisation; "" leaves one out.
func orgContacts(domain, emailVis, phone, phoneVis, address, addressVis string, website bool) []contact {
	cs := []contact{{"email", "kontakt@" + domain, emailVis}}
	if phone != "" {
		cs = append(cs, contact{"phone", phone, phoneVis})
	}
	if website {
		cs = append(cs, contact{"website", "https://" + domain, "public"})
	}
	if address != "" {
		cs = append(cs, contact{"address", address, addressVis})
	}
	return cs
}

var organisations = []organisation{
	{Slug: "syrischer-kulturverein-bautzen", Name: "Syrischer Kulturverein Bautzen e. V.", Kind: "mso", Status: "member",
		Municipality: "Bautzen", Since: "2019-03-11", Representative: "mahmoud.alhassan@example.org",
		Communities: "Syrische Community; arabisch- und kurdischsprachige Familien",
		Areas:       []string{"culture", "integration", "family", "language", "youth"}, Languages: []string{"ar", "ku", "de"},
		Description: "Wir sind ein Verein von Syrerinnen und Syrern, die seit 2015 in Bautzen und Umgebung leben. " +
			"Wir organisieren **Kulturabende**, Arabischunterricht für Kinder am Samstag und begleiten Familien bei Behördengängen. " +
			"Neue Nachbarinnen und Nachbarn – mit und ohne Fluchtgeschichte – sind bei uns herzlich willkommen.",
		Contacts: orgContacts("syrischer-kulturverein.example.org", "public", "+49 3591 0000-401", "members",
			"Beispielstraße 12, 02625 Bautzen", "public", true)},
	{Slug: "afghanische-frauengruppe-hoyerswerda", Name: "Afghanische Frauengruppe Hoyerswerda", Kind: "migrant_initiative",
		Status: "member", Municipality: "Hoyerswerda", Since: "2020-09-15", Representative: "fatima.rahimi@example.org",
		Communities: "Afghanische Frauen und Mädchen",
		Areas:       []string{"women", "family", "health", "language"}, Languages: []string{"prs", "fa", "ps", "de"},
		Description: "Wir sind eine selbstorganisierte Gruppe afghanischer Frauen in Hoyerswerda. " +
			"Jeden Dienstag treffen wir uns zum **Frauenfrühstück** mit Kinderbetreuung, üben gemeinsam Deutsch und laden Fachleute zu Gesundheitsthemen ein. " +
			"Unser Ziel: Frauen stärken, damit sie ihren Alltag selbstbestimmt gestalten können.",
		Contacts: orgContacts("frauengruppe-hoyerswerda.example.org", "members", "+49 3571 0000-402", "nobody",
			"Musterweg 4, 02977 Hoyerswerda", "nobody", false)},
	{Slug: "ukrainische-elterninitiative-kamenz", Name: "Ukrainische Elterninitiative Kamenz", Kind: "migrant_initiative",
		Status: "member", Municipality: "Kamenz", Since: "2022-10-01", Representative: "olena.kovalenko@example.org",
		Communities: "Ukrainische Familien mit Kindern im Kita- und Schulalter",
		Areas:       []string{"education", "youth", "family", "language"}, Languages: []string{"uk", "ru", "de"},
		Description: "Nach der Flucht aus der Ukraine haben sich 2022 Eltern in Kamenz zusammengetan. " +
			"Wir organisieren **Hausaufgabenhilfe**, ukrainischen Muttersprachunterricht und Elternabende zum sächsischen Schulsystem. " +
			"Wir vermitteln zwischen Familien, Kitas und Schulen.",
		Contacts: orgContacts("elterninitiative-kamenz.example.org", "public", "+49 3578 0000-403", "members",
			"", "", false)},
	{Slug: "vietnamesischer-verein-lausitz", Name: "Vietnamesischer Verein Lausitz e. V.", Kind: "mso", Status: "member",
		Municipality: "Hoyerswerda", Since: "2019-03-11", Representative: "pham.thilan@example.org",
		Communities: "Vietnamesische Community, ehemalige Vertragsarbeiter*innen und ihre Kinder",
		Areas:       []string{"culture", "work", "counselling", "youth"}, Languages: []string{"vi", "de"},
		Description: "Viele unserer Mitglieder kamen in den 1980er Jahren als Vertragsarbeiterinnen und Vertragsarbeiter nach Hoyerswerda. " +
			"Heute beraten wir zu Selbstständigkeit, Aufenthalt und Rente und feiern jedes Jahr gemeinsam das **Tết-Fest**. " +
			"Die zweite Generation engagiert sich besonders in der Jugendarbeit.",
		Contacts: orgContacts("vietnamesischer-verein.example.org", "public", "+49 3571 0000-404", "public",
			"Demogasse 7, 02977 Hoyerswerda", "public", true)},
	{Slug: "eritreische-gemeinschaft-radeberg", Name: "Eritreische Gemeinschaft Radeberg und Umgebung", Kind: "mso",
		Status: "member", Municipality: "Radeberg", Since: "2021-04-20", Representative: "yonas.tesfay@example.org",
		Communities: "Eritreische Community",
		Areas:       []string{"integration", "counselling", "family", "culture"}, Languages: []string{"ti", "am", "ar", "en", "de"},
		Description: "Wir sind die Anlaufstelle für Menschen aus Eritrea in Radeberg und im Rödertal. " +
			"Wir helfen bei Übersetzungen, begleiten zu Terminen und bringen Neuankommende mit erfahrenen Landsleuten zusammen. " +
			"Einmal im Monat laden wir zu einer traditionellen **Kaffeezeremonie** ein – für alle Interessierten.",
		Contacts: orgContacts("eritreische-gemeinschaft.example.org", "members", "+49 3528 0000-405", "members",
			"Musterplatz 2, 01454 Radeberg", "members", false)},
	{Slug: "willkommensbuendnis-bischofswerda", Name: "Willkommensbündnis Bischofswerda", Kind: "welcome_initiative",
		Status: "partner", Municipality: "Bischofswerda", Since: "2019-03-11", Representative: "gabriele.schubert@example.org",
		Areas:     []string{"integration", "language", "housing", "participation"},
		Languages: []string{"de", "en", "ar", "ru"},
		Description: "Das Willkommensbündnis ist ein Zusammenschluss engagierter Bürgerinnen und Bürger aus Bischofswerda. " +
			"Wir bieten ein **Sprachcafé**, Patenschaften und Hilfe bei der Wohnungssuche an. " +
			"Wir setzen uns für ein offenes, solidarisches Miteinander in unserer Stadt ein.",
		Contacts: orgContacts("willkommen-bischofswerda.example.org", "public", "+49 3594 0000-406", "public",
			"Am Beispielmarkt 3, 01877 Bischofswerda", "public", true)},
	{Slug: "netzwerk-ankommen-pulsnitz", Name: "Netzwerk Ankommen Pulsnitz", Kind: "welcome_initiative",
		Status: "partner", Municipality: "Pulsnitz", Since: "2019-06-01", Representative: "thomas.richter@example.org",
		Areas:     []string{"integration", "language", "participation", "antidiscrimination"},
		Languages: []string{"de", "en", "ru"},
		Description: "Unser Netzwerk verbindet Ehrenamtliche, Vereine und Kirchgemeinden in Pulsnitz und den umliegenden Dörfern. " +
			"Wir begleiten Menschen beim Ankommen, organisieren Fahrgemeinschaften zu Behörden in Kamenz und Bautzen " +
			"und veranstalten einmal im Jahr ein **Nachbarschaftsfest**.",
		Contacts: orgContacts("ankommen-pulsnitz.example.org", "public", "", "", "", "", true)},
	{Slug: "integrationsbeauftragte-landkreis", Name: "Integrationsbeauftragte und Ausländerbehörde des Landkreises (Demo)",
		Kind: "authority", Status: "partner", Municipality: "Bautzen", Since: "2019-03-11", Representative: "annett.wagner@example.com",
		Areas:     []string{"integration", "counselling", "participation", "antidiscrimination"},
		Languages: []string{"de", "en", "ru", "ar"},
		Description: "Die Integrationsbeauftragte des Landkreises ist Ansprechpartnerin für Migrantenorganisationen, Kommunen und Verwaltung. " +
			"Gemeinsam mit der Ausländerbehörde informieren wir über **Aufenthalt, Einbürgerung und Förderprogramme** " +
			"und bringen die Anliegen des Komitees in die Kreisverwaltung ein.",
		Contacts: orgContacts("landkreis.example.com", "public", "+49 3591 0000-408", "public",
			"Musterallee 1, 02625 Bautzen", "public", true)},
	{Slug: "sozialwerk-oberland-migrationsberatung", Name: "Sozialwerk Oberland e. V. – Migrationsberatung", Kind: "welfare",
		Status: "partner", Municipality: "Bautzen", Since: "2019-03-11", Representative: "michael.berger@example.org",
		Areas:     []string{"counselling", "housing", "health", "work", "family"},
		Languages: []string{"de", "en", "ar", "fa", "ru"},
		Description: "Als freier Wohlfahrtsverband bieten wir **Migrationsberatung für Erwachsene**, Schuldnerberatung und Unterstützung bei der Wohnungssuche. " +
			"Unsere Beratungsstellen in Bautzen und Kamenz arbeiten mit Sprachmittlerinnen und Sprachmittlern. " +
			"Die Beratung ist kostenlos und vertraulich.",
		Contacts: orgContacts("sozialwerk-oberland.example.org", "public", "+49 3591 0000-409", "public",
			"Beispielring 20, 02625 Bautzen", "public", true)},
	{Slug: "jugendmigrationsdienst-seenland", Name: "Jugendmigrationsdienst Lausitzer Seenland", Kind: "welfare",
		Status: "partner", Municipality: "Hoyerswerda", Since: "2020-01-15", Representative: "dilan.aydin@example.org",
		Areas:     []string{"youth", "education", "work", "counselling"},
		Languages: []string{"de", "en", "ar", "tr", "ku"},
		Description: "Wir begleiten junge Menschen zwischen 12 und 27 Jahren mit Migrationsgeschichte auf dem Weg in **Schule, Ausbildung und Beruf**. " +
			"Neben Einzelberatung bieten wir Bewerbungstrainings und Gruppenangebote an. " +
			"Wir arbeiten eng mit Schulen und dem Jobcenter zusammen.",
		Contacts: orgContacts("jmd-seenland.example.org", "public", "+49 3571 0000-410", "members",
			"Musterstraße 45, 02977 Hoyerswerda", "public", true)},
	{Slug: "volkshochschule-spree-roeder", Name: "Volkshochschule Spree-Röder", Kind: "education", Status: "partner",
		Municipality: "Kamenz", Since: "2019-03-11", Representative: "jana.lehmann@example.com",
		Areas:     []string{"language", "education", "integration", "work"},
		Languages: []string{"de", "en", "ar", "uk", "cs"},
		Description: "Die Volkshochschule bietet **Integrations- und Berufssprachkurse** an Standorten in Kamenz, Radeberg und Bischofswerda an. " +
			"Für Eltern gibt es Kurse mit Kinderbetreuung, für Berufstätige Abendkurse. " +
			"Gern beraten wir zur Einstufung und zur Kostenübernahme.",
		Contacts: orgContacts("vhs-spree-roeder.example.org", "public", "+49 3578 0000-411", "public",
			"Schulweg 5, 01917 Kamenz", "public", true)},
	{Slug: "islamischer-kulturverein-al-nur-bautzen", Name: "Islamischer Kulturverein Al-Nur Bautzen e. V.", Kind: "religious",
		Status: "member", Municipality: "Bautzen", Since: "2019-11-01", Representative: "omar.suleiman@example.org",
		Communities: "Muslimische Gemeinde aus arabisch-, türkisch- und dari-sprachigen Familien",
		Areas:       []string{"religion", "culture", "youth", "antidiscrimination"}, Languages: []string{"ar", "tr", "prs", "de"},
		Description: "Unser Verein unterhält einen Gebetsraum in Bautzen und ist offen für alle Musliminnen und Muslime der Region. " +
			"Neben dem Freitagsgebet bieten wir Hausaufgabenhilfe, Jugendtreffs und **Tage der offenen Moschee** an. " +
			"Der Dialog mit Kirchgemeinden und Nachbarschaft ist uns wichtig.",
		Contacts: orgContacts("al-nur-bautzen.example.org", "public", "+49 3591 0000-412", "members",
			"Demostraße 8, 02625 Bautzen", "public", false)},
	{Slug: "kirchgemeinde-moenchswalde", Name: "Ev.-Luth. Kirchgemeinde Mönchswalde", Kind: "religious", Status: "partner",
		Municipality: "Wilthen", Since: "2020-03-01", Representative: "matthias.zimmermann@example.org",
		Areas:     []string{"religion", "integration", "family", "participation"},
		Languages: []string{"de", "en"},
		Description: "Unsere Kirchgemeinde lädt jeden Donnerstag zum **Begegnungscafé** ins Gemeindehaus ein. " +
			"Ehrenamtliche begleiten Familien, vermitteln Patenschaften und unterstützen bei Behördenpost. " +
			"Wir verstehen Nächstenliebe als gemeinsame Verantwortung für alle, die in Wilthen leben.",
		Contacts: orgContacts("kirche-moenchswalde.example.org", "public", "+49 3592 0000-413", "public",
			"Kirchplatz 1, 02681 Wilthen", "public", true)},
	{Slug: "sg-eintracht-grossroehrsdorf", Name: "SG Eintracht Großröhrsdorf e. V.", Kind: "association", Status: "partner",
		Municipality: "Großröhrsdorf", Since: "2021-07-01", Representative: "ronny.schaefer@example.org",
		Areas:     []string{"sports", "youth", "integration"},
		Languages: []string{"de", "en", "ar", "fa"},
		Description: "Fußball, Tischtennis und Leichtathletik für alle Generationen: Bei uns trainieren Kinder und Erwachsene aus über zehn Ländern gemeinsam. " +
			"Für Neuankommende übernehmen wir im ersten Jahr den **Mitgliedsbeitrag**. " +
			"Schnuppertraining ist jederzeit möglich.",
		Contacts: orgContacts("eintracht-grossroehrsdorf.example.org", "public", "+49 35952 0000-414", "members",
			"Am Sportplatz 9, 01900 Großröhrsdorf", "public", true)},
	{Slug: "sprachmittlerpool-oberlausitz", Name: "Sprachmittlerpool Oberlausitz", Kind: "other", Status: "member",
		Municipality: "Bautzen", Since: "2020-05-01", Representative: "nadia.benali@example.org",
		Communities: "Sprachmittler*innen aus über 15 Herkunftsländern",
		Areas:       []string{"counselling", "health", "participation", "language"},
		Languages:   []string{"ar", "fa", "prs", "ps", "ti", "ru", "uk", "tr", "ku", "fr", "vi", "de"},
		Description: "Wir vermitteln geschulte, ehrenamtliche **Sprachmittlerinnen und Sprachmittler** für Arztbesuche, Elterngespräche und Beratungstermine im ganzen Landkreis. " +
			"Alle Sprachmittelnden haben eine Schulung zu Rollenklarheit und Schweigepflicht durchlaufen. " +
			"Anfragen bitte mindestens drei Werktage im Voraus.",
		Contacts: orgContacts("sprachmittlerpool.example.org", "public", "+49 3591 0000-415", "members",
			"", "", true)},
	{Slug: "afrikanischer-kulturverein-lausitz", Name: "Afrikanischer Kulturverein Lausitz e. V.", Kind: "mso", Status: "member",
		Municipality: "Kamenz", Since: "2022-02-12", Representative: "aminata.diallo@example.org",
		Communities: "Menschen aus Kamerun, Guinea, Nigeria, Kenia und Togo",
		Areas:       []string{"culture", "antidiscrimination", "education", "participation"}, Languages: []string{"fr", "en", "de"},
		Description: "Wir verbinden Menschen afrikanischer Herkunft in der Lausitz und machen afrikanische Kulturen sichtbar: " +
			"mit **Trommelworkshops**, Lesungen und Bildungsangeboten an Schulen. " +
			"Außerdem beraten wir Betroffene von Rassismus und vermitteln an Fachstellen.",
		Contacts: orgContacts("afrika-lausitz.example.org", "public", "+49 3578 0000-416", "nobody",
			"Beispielgasse 11, 01917 Kamenz", "members", true)},
	{Slug: "elternverein-raduga-radeberg", Name: "Elternverein Raduga e. V.", Kind: "mso", Status: "member",
		Municipality: "Radeberg", Since: "2019-03-11", Representative: "swetlana.petrowa@example.org",
		Communities: "Russischsprachige Familien, u. a. Spätaussiedler*innen und Familien aus Kasachstan, der Ukraine und Moldau",
		Areas:       []string{"education", "family", "culture", "youth"}, Languages: []string{"ru", "uk", "de"},
		Description: "„Raduga“ heißt Regenbogen. " +
			"Seit vielen Jahren bieten wir russischsprachigen Familien in Radeberg **zweisprachige Kindergruppen**, Theater und Ferienangebote an. " +
			"Wir unterstützen Eltern bei Fragen rund um Kita und Schule.",
		Contacts: orgContacts("raduga-radeberg.example.org", "public", "+49 3528 0000-417", "members",
			"Musterstraße 3, 01454 Radeberg", "nobody", false)},
	{Slug: "nachbarschaftshilfe-ottendorf-okrilla", Name: "Nachbarschaftshilfe Ottendorf-Okrilla e. V.", Kind: "association",
		Status: "partner", Municipality: "Ottendorf-Okrilla", Since: "2023-03-01", Representative: "uwe.hartmann@example.org",
		Areas:     []string{"participation", "family", "housing", "integration"},
		Languages: []string{"de", "pl"},
		Description: "Wir sind ein Bürgerverein, der Nachbarschaft im Alltag organisiert: Einkaufshilfe, **Fahrdienste** und ein offener Mittagstisch. " +
			"Seit 2023 arbeiten wir gezielt mit neu zugezogenen Familien zusammen und suchen dafür mehrsprachige Ehrenamtliche.",
		Contacts: orgContacts("nachbarschaftshilfe-ottendorf.example.org", "public", "+49 35205 0000-418", "public",
			"Beispielweg 14, 01458 Ottendorf-Okrilla", "public", false)},

	// Applications waiting for a decision by the coordinators.
	{Slug: "indische-community-koenigsbrueck", Name: "Indische Community Königsbrück", Kind: "migrant_initiative",
		Status: "applied", Municipality: "Königsbrück", Applicant: "rajesh.iyer@example.org",
		Communities: "Indische Fachkräfte, Studierende und ihre Familien",
		Areas:       []string{"culture", "work", "family"}, Languages: []string{"hi", "ta", "en", "de"},
		Description: "Wir sind Fachkräfte, Studierende und Familien aus Indien, die in Königsbrück und Umgebung leben und arbeiten. " +
			"Wir möchten Neuankommenden den Start erleichtern und feiern gemeinsam **Diwali** mit unseren Nachbarinnen und Nachbarn. " +
			"Im Komitee möchten wir uns mit anderen Organisationen vernetzen.",
		Contacts: orgContacts("indische-community.example.org", "public", "+49 35795 0000-419", "nobody",
			"", "", false)},
	{Slug: "tuerkisch-deutscher-elternverein-wittichenau", Name: "Türkisch-Deutscher Elternverein Wittichenau", Kind: "mso",
		Status: "applied", Municipality: "Wittichenau", Applicant: "ayse.yilmaz@example.org",
		Communities: "Familien türkischer und kurdischer Herkunft",
		Areas:       []string{"education", "family", "language"}, Languages: []string{"tr", "ku", "de"},
		Description: "Wir sind Eltern türkischer und kurdischer Herkunft und setzen uns für gute Bildungschancen unserer Kinder ein. " +
			"Wir planen Elterncafés, **Lesepatenschaften** und Informationsabende zum Übergang in die weiterführende Schule.",
		Contacts: orgContacts("elternverein-wittichenau.example.com", "members", "", "",
			"Demoweg 6, 02997 Wittichenau", "nobody", false)},

	// A former member whose activities rest.
	{Slug: "frauencafe-schirgiswalde-kirschau", Name: "Internationales Frauencafé Schirgiswalde-Kirschau", Kind: "welcome_initiative",
		Status: "inactive", Municipality: "Schirgiswalde-Kirschau", Since: "2019-03-11", Representative: "monika.fischer@example.org",
		Communities: "Frauen aus aller Welt im Oberland",
		Areas:       []string{"women", "language", "culture"}, Languages: []string{"de", "ar", "ru"},
		Description: "Das Frauencafé war von 2017 bis 2024 ein offener Treffpunkt für Frauen aus aller Welt im Oberland. " +
			"Derzeit **ruht das Angebot**, weil die Räume im Gemeindezentrum nicht mehr zur Verfügung stehen. " +
			"Wir freuen uns über Hinweise auf neue Räume.",
		Contacts: orgContacts("frauencafe-oberland.example.org", "public", "", "", "", "", false)},
}

type membership struct{ Email, Org, Role, Status, Message string }

// extraMemberships are the memberships besides each organisation's representative.
var extraMemberships = []membership{
	// Deputies.
	{Email: "rania.khalil@example.org", Org: "syrischer-kulturverein-bautzen", Role: "deputy", Status: "active"},
	{Email: "zahra.ahmadi@example.org", Org: "afghanische-frauengruppe-hoyerswerda", Role: "deputy", Status: "active"},
	{Email: "iryna.bondarenko@example.org", Org: "ukrainische-elterninitiative-kamenz", Role: "deputy", Status: "active"},
	{Email: "tran.vanminh@example.org", Org: "vietnamesischer-verein-lausitz", Role: "deputy", Status: "active"},
	{Email: "selam.gebremedhin@example.org", Org: "eritreische-gemeinschaft-radeberg", Role: "deputy", Status: "active"},
	{Email: "karin.neumann@example.org", Org: "willkommensbuendnis-bischofswerda", Role: "deputy", Status: "active"},
	{Email: "hassan.mansour@example.org", Org: "islamischer-kulturverein-al-nur-bautzen", Role: "deputy", Status: "active"},
	{Email: "paul.becker@example.org", Org: "sg-eintracht-grossroehrsdorf", Role: "deputy", Status: "active"},
	// Members.
	{Email: "khaled.ibrahim@example.org", Org: "syrischer-kulturverein-bautzen", Role: "member", Status: "active"},
	{Email: "maryam.sultani@example.org", Org: "afghanische-frauengruppe-hoyerswerda", Role: "member", Status: "active"},
	{Email: "maryam.sultani@example.org", Org: "frauencafe-schirgiswalde-kirschau", Role: "member", Status: "active"},
	{Email: "dmytro.shevchenko@example.org", Org: "ukrainische-elterninitiative-kamenz", Role: "member", Status: "active"},
	{Email: "le.thihoa@example.org", Org: "vietnamesischer-verein-lausitz", Role: "member", Status: "active"},
	{Email: "luwam.tekle@example.org", Org: "eritreische-gemeinschaft-radeberg", Role: "member", Status: "active"},
	{Email: "ali.haidari@example.org", Org: "sg-eintracht-grossroehrsdorf", Role: "member", Status: "active"},
	{Email: "sabine.krueger@example.com", Org: "volkshochschule-spree-roeder", Role: "member", Status: "active"},
	{Email: "yusuf.demir@example.org", Org: "islamischer-kulturverein-al-nur-bautzen", Role: "member", Status: "active"},
	// People active in more than one organisation, coordinators among them.
	{Email: "mahmoud.alhassan@example.org", Org: "islamischer-kulturverein-al-nur-bautzen", Role: "member", Status: "active"},
	{Email: "selam.gebremedhin@example.org", Org: "sprachmittlerpool-oberlausitz", Role: "member", Status: "active"},
	{Email: "samir.haddad@example.org", Org: "sprachmittlerpool-oberlausitz", Role: "member", Status: "active"},
	{Email: "lena.nguyen@example.org", Org: "vietnamesischer-verein-lausitz", Role: "member", Status: "active"},
	{Email: "katrin.wendler@example.org", Org: "willkommensbuendnis-bischofswerda", Role: "member", Status: "active"},
	// Join requests waiting for the representatives and deputies.
	{Email: "nour.saleh@example.org", Org: "syrischer-kulturverein-bautzen", Role: "member", Status: "pending",
		Message: "مرحبًا، أسكن منذ شهرين في باوتسن وأرغب في المساعدة في دروس اللغة العربية للأطفال."},
	{Email: "kateryna.marchenko@example.org", Org: "ukrainische-elterninitiative-kamenz", Role: "member", Status: "pending",
		Message: "Hello! My daughter goes to school in Kamenz and I would like to help with the homework club."},
	{Email: "mohammed.idris@example.org", Org: "eritreische-gemeinschaft-radeberg", Role: "member", Status: "pending",
		Message: "Ich bin neu in Radeberg und möchte die Gemeinschaft kennenlernen."},
	{Email: "sophie.lange@example.org", Org: "sprachmittlerpool-oberlausitz", Role: "member", Status: "pending",
		Message: "Ich spreche Französisch und Englisch und würde gern als Sprachmittlerin helfen."},
	{Email: "dmytro.shevchenko@example.org", Org: "sg-eintracht-grossroehrsdorf", Role: "member", Status: "pending",
		Message: "I'd like to join the football team on Wednesdays."},
}

// allMemberships lists the representatives' memberships first, then the others.
func allMemberships() []membership {
	var out []membership
	for _, o := range organisations {
		if o.Representative != "" {
			out = append(out, membership{Email: o.Representative, Org: o.Slug, Role: "representative", Status: "active"})
		}
	}
	return append(out, extraMemberships...)
}

type pageText struct{ slug, lang, body string }

var pageTexts = []pageText{
	{"impressum", "de", `**Dies ist eine Demo-Installation von Komitee.** Alle Organisationen, Personen, Adressen und Telefonnummern sind frei erfunden; Ähnlichkeiten mit echten Organisationen oder Personen sind zufällig.

Angaben gemäß § 5 DDG (Beispiel):

Koordinationskomitee Musterlandkreis (Demo)  
c/o Musterverein e. V.  
Beispielstraße 1  
02625 Bautzen

E-Mail: kontakt@komitee.example.org

Verantwortlich für den Inhalt: Katrin Wendler (fiktive Person)`},
	{"impressum", "en", `**This is a demo installation of Komitee.** All organisations, people, addresses and phone numbers are invented; any resemblance to real organisations or people is coincidental.

Legal notice under § 5 DDG (example):

Koordinationskomitee Musterlandkreis (Demo)  
c/o Musterverein e. V.  
Beispielstraße 1  
02625 Bautzen, Germany

E-mail: kontakt@komitee.example.org

Responsible for the content: Katrin Wendler (fictional person)`},
	{"impressum", "ar", `**هذه نسخة تجريبية من منصة Komitee.** جميع المنظمات والأشخاص والعناوين وأرقام الهاتف خيالية، وأي تشابه مع منظمات أو أشخاص حقيقيين هو محض صدفة.

بيانات الناشر وفق المادة 5 من قانون الخدمات الرقمية (مثال):

Koordinationskomitee Musterlandkreis (Demo)  
c/o Musterverein e. V.  
Beispielstraße 1  
02625 Bautzen

البريد الإلكتروني: kontakt@komitee.example.org

المسؤولة عن المحتوى: Katrin Wendler (شخصية خيالية)`},
	{"datenschutz", "de", `**Demo-Daten (Demo):** Diese Installation enthält ausschließlich fiktive Daten und dient zum Ausprobieren.

Vor dem echten Betrieb trägt die Koordination hier die vollständige Datenschutzerklärung ein: verantwortliche Stelle, Zwecke und Rechtsgrundlagen der Verarbeitung, Speicherdauer und die Rechte der betroffenen Personen.`},
	{"datenschutz", "en", `**Demo data (Demo):** this installation contains fictional data only and is meant for trying things out.

Before real use, the coordination team enters the full privacy policy here: the controller, the purposes and legal bases of processing, retention periods and the rights of the people concerned.`},
	{"datenschutz", "ar", `**بيانات تجريبية (Demo):** تحتوي هذه النسخة على بيانات خيالية فقط، وهي مخصّصة للتجربة.

قبل التشغيل الفعلي يضيف فريق التنسيق هنا سياسة الخصوصية الكاملة: الجهة المسؤولة، وأغراض المعالجة وأسسها القانونية، ومدة الحفظ، وحقوق الأشخاص المعنيين.`},
}
