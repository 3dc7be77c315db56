package committee

import (
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Organisation is a member or partner of the committee, or one that applied.
type Organisation struct{ *core.Record }

func (o *Organisation) Name() string          { return o.GetString("name") }
func (o *Organisation) Slug() string          { return o.GetString("slug") }
func (o *Organisation) Kind() string          { return o.GetString("kind") }
func (o *Organisation) Status() string        { return o.GetString("status") }
func (o *Organisation) Description() string   { return o.GetString("description") }
func (o *Organisation) Areas() []string       { return o.GetStringSlice("areas") }
func (o *Organisation) Languages() []string   { return o.GetStringSlice("languages") }
func (o *Organisation) Communities() string   { return o.GetString("communities") }
func (o *Organisation) Municipality() string  { return o.GetString("municipality") }
func (o *Organisation) Logo() string          { return o.GetString("logo") }
func (o *Organisation) DeclineReason() string { return o.GetString("decline_reason") }
func (o *Organisation) Applicant() string     { return o.GetString("applicant") }
func (o *Organisation) MemberSince() time.Time {
	return o.GetDateTime("member_since").Time()
}

// Listed reports whether the organisation shows in the public directory.
func (o *Organisation) Listed() bool { return o.Status() == "member" || o.Status() == "partner" }

// OrganisationInput is the application and edit form.
type OrganisationInput struct {
	Name, Kind, Description, Communities, Municipality string
	Areas, Languages                                   []string
	// Contact values and who may see each: email, phone, website, address.
	Contact    map[string]string
	Visibility map[string]string
	Logo       *filesystem.File
	RemoveLogo bool
}

// Validate checks the organisation form.
func (in *OrganisationInput) Validate() Errors {
	errs := Errors{}
	errs.Required("name", in.Name, 200)
	if in.Kind == "" {
		errs.Add("kind", "error.required")
	}
	errs.OneOf("kind", in.Kind, OrganisationKinds)
	errs.MaxLen("description", in.Description, 20000)
	errs.MaxLen("communities", in.Communities, 300)
	errs.MaxLen("municipality", in.Municipality, 100)
	errs.AllOf("areas", in.Areas, Areas)
	errs.AllOf("languages", in.Languages, Languages)
	errs.Email("email", in.Contact["email"])
	errs.MaxLen("phone", in.Contact["phone"], 50)
	errs.URL("website", in.Contact["website"])
	errs.MaxLen("address", in.Contact["address"], 500)
	for _, k := range ContactKinds {
		errs.OneOf(k+"_visibility", in.Visibility[k], Visibilities)
	}
	if in.Logo != nil {
		switch {
		case in.Logo.Size > 1<<20:
			errs.Add("logo", "error.file_too_big")
		case !isImage(in.Logo):
			errs.Add("logo", "error.image_type")
		}
	}
	return errs
}

func isImage(f *filesystem.File) bool {
	r, err := f.Reader.Open()
	if err != nil {
		return false
	}
	defer r.Close()
	head := make([]byte, 512)
	n, _ := r.Read(head)
	head = head[:n]
	switch {
	case len(head) > 8 && string(head[:8]) == "\x89PNG\r\n\x1a\n":
		return true
	case len(head) > 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF:
		return true
	case len(head) > 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return true
	}
	return false
}

// InputOf fills the edit form from an organisation and its contact rows.
func InputOf(app core.App, o *Organisation) OrganisationInput {
	in := OrganisationInput{Name: o.Name(), Kind: o.Kind(), Description: o.Description(),
		Communities: o.Communities(), Municipality: o.Municipality(), Areas: o.Areas(),
		Languages: o.Languages(), Contact: map[string]string{}, Visibility: map[string]string{}}
	recs, _ := app.FindRecordsByFilter("contacts", "organisation = {:o}", "", 0, 0, dbx.Params{"o": o.Id})
	for _, r := range recs {
		in.Contact[r.GetString("kind")] = r.GetString("value")
		in.Visibility[r.GetString("kind")] = r.GetString("visibility")
	}
	return in
}

func (in *OrganisationInput) apply(rec *core.Record) {
	rec.Set("name", strings.TrimSpace(in.Name))
	rec.Set("kind", in.Kind)
	rec.Set("description", strings.TrimSpace(in.Description))
	rec.Set("communities", strings.TrimSpace(in.Communities))
	rec.Set("municipality", strings.TrimSpace(in.Municipality))
	rec.Set("areas", in.Areas)
	rec.Set("languages", in.Languages)
	if in.Logo != nil {
		rec.Set("logo", in.Logo)
	} else if in.RemoveLogo {
		rec.Set("logo", "")
	}
}

func (in *OrganisationInput) saveContacts(app core.App, orgID string) error {
	for _, k := range ContactKinds {
		if err := setContact(app, "organisation", orgID, k, strings.TrimSpace(in.Contact[k]),
			visibility(in.Visibility[k])); err != nil {
			return err
		}
	}
	return nil
}

// Apply registers an organisation on behalf of a verified person; coordinators decide.
func Apply(app core.App, u *User, in OrganisationInput) (*Organisation, error) {
	if u == nil {
		return nil, ErrForbidden
	}
	if !u.Verified() {
		return nil, Errors{"form": "error.verify_first"}
	}
	if errs := in.Validate(); errs.Any() {
		return nil, errs
	}
	coll, err := app.FindCollectionByNameOrId("organisations")
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(coll)
	err = app.RunInTransaction(func(tx core.App) error {
		in.apply(rec)
		rec.Set("slug", uniqueSlug(tx, in.Name))
		rec.Set("status", "applied")
		rec.Set("applicant", u.Id)
		if err := tx.Save(rec); err != nil {
			return err
		}
		return in.saveContacts(tx, rec.Id)
	})
	if err != nil {
		return nil, err
	}
	notifyCoordinators(app, Letter{Subject: "mail.applied.subject", Body: "mail.applied.body",
		Data: map[string]any{"Organisation": rec.GetString("name")}, Action: "mail.applied.action",
		Link: URL(app, "/coordination")})
	return &Organisation{rec}, nil
}

// UpdateOrganisation saves the edit form; the caller checked CanManage.
func UpdateOrganisation(app core.App, o *Organisation, in OrganisationInput) error {
	if errs := in.Validate(); errs.Any() {
		return errs
	}
	return app.RunInTransaction(func(tx core.App) error {
		in.apply(o.Record)
		if err := tx.Save(o.Record); err != nil {
			return err
		}
		return in.saveContacts(tx, o.Id)
	})
}

// CanManage reports whether auth acts for the organisation: its representatives and deputies,
// and coordinators. It asks the organisations update rule, the same one /api/ applies.
func CanManage(app core.App, auth *core.Record, o *Organisation) bool {
	if auth == nil || o == nil {
		return false
	}
	return Can(app, auth, o.Record, o.Collection().UpdateRule)
}

// mayDecideOrganisations: an organisation's status is the coordinators' (no rule lets anyone
// write it): they approve, decline and change it.
func mayDecideOrganisations(by *User) bool { return by != nil && by.Coordinator() }

// decided reports whether the application is decided, so that SetStatus may change the status
// (Approve and Decline decide an open one).
func (o *Organisation) decided() bool { return o.Status() != "applied" && o.Status() != "declined" }

// Approve makes an applied organisation a member or partner; its applicant becomes its
// representative and hears of it by mail.
func Approve(app core.App, by *User, o *Organisation, status string) error {
	if !mayDecideOrganisations(by) {
		return ErrForbidden
	}
	if status != "member" && status != "partner" {
		return Errors{"status": "error.choice"}
	}
	err := app.RunInTransaction(func(tx core.App) error {
		if err := stillApplied(tx, o); err != nil {
			return err
		}
		o.Set("status", status)
		o.Set("member_since", time.Now().UTC())
		o.Set("decline_reason", "")
		if err := tx.Save(o.Record); err != nil {
			return err
		}
		if o.Applicant() == "" {
			// The applicant deleted their account: a coordinator names a representative later.
			return nil
		}
		return upsertMembership(tx, o.Applicant(), o.Id, "representative", by.Id)
	})
	if err != nil {
		return err
	}
	if applicant, err := app.FindRecordById("users", o.Applicant()); err == nil {
		_ = SendTo(app, &User{applicant}, Letter{Subject: "mail.approved.subject", Body: "mail.approved.body",
			Data: map[string]any{"Organisation": o.Name()}, Action: "mail.approved.action",
			Link: URL(app, "/organisations/"+o.Slug()), About: "organisations/" + o.Id})
	}
	return nil
}

// Decline turns an application down with a reason that the applicant receives by mail.
func Decline(app core.App, by *User, o *Organisation, reason string) error {
	if !mayDecideOrganisations(by) {
		return ErrForbidden
	}
	errs := Errors{}
	errs.Required("reason", reason, 2000)
	if errs.Any() {
		return errs
	}
	err := app.RunInTransaction(func(tx core.App) error {
		if err := stillApplied(tx, o); err != nil {
			return err
		}
		o.Set("status", "declined")
		o.Set("decline_reason", strings.TrimSpace(reason))
		return tx.Save(o.Record)
	})
	if err != nil {
		return err
	}
	if applicant, err := app.FindRecordById("users", o.Applicant()); err == nil {
		_ = SendTo(app, &User{applicant}, Letter{Subject: "mail.declined.subject", Body: "mail.declined.body",
			Data: map[string]any{"Organisation": o.Name(), "Reason": o.DeclineReason()}, About: "organisations/" + o.Id})
	}
	return nil
}

// SetStatus moves a decided organisation between member, partner and inactive (coordinators
// only). An inactive organisation leaves the directory, and its people stop counting as members.
func SetStatus(app core.App, by *User, o *Organisation, status string) error {
	if !mayDecideOrganisations(by) {
		return ErrForbidden
	}
	if !slices.Contains([]string{"member", "partner", "inactive"}, status) {
		return Errors{"status": "error.choice"}
	}
	if !o.decided() {
		return Errors{"status": "coordination.error.undecided"}
	}
	o.Set("status", status)
	return app.Save(o.Record)
}

// stillApplied reads the application again inside a transaction: two coordinators deciding at
// once decide once.
func stillApplied(tx core.App, o *Organisation) error {
	fresh, err := tx.FindRecordById("organisations", o.Id)
	if err != nil {
		return ErrNotFound
	}
	if fresh.GetString("status") != "applied" {
		return Errors{"form": "coordination.error.decided"}
	}
	return nil
}

// DirectoryFilter is the directory's search form; it lives in the URL.
type DirectoryFilter struct {
	Q, Kind, Area, Language, Municipality string
	Page                                  int
}

// Card is one organisation as the directory lists it.
type Card struct {
	ID           string                  `db:"id"`
	Name         string                  `db:"name"`
	Slug         string                  `db:"slug"`
	Kind         string                  `db:"kind"`
	Municipality string                  `db:"municipality"`
	Areas        types.JSONArray[string] `db:"areas"`
	Logo         string                  `db:"logo"`
}

// cardFields are the columns of a Card.
var cardFields = []string{"name", "slug", "kind", "municipality", "areas", "logo"}

// DirectoryPageSize is how many organisations one directory page shows.
const DirectoryPageSize = 50

// Directory lists the organisations auth may see, filtered, 50 a page, by name. Filter values
// outside the known lists are ignored (an old or hand-made URL is not an error).
func Directory(app core.App, auth *core.Record, f DirectoryFilter) (*Page, []Card, error) {
	// The directory shows listed organisations only; pending ones are on the coordination page.
	parts := []string{`(status = "member" || status = "partner")`}
	params := dbx.Params{}
	if slices.Contains(OrganisationKinds, f.Kind) {
		parts, params["kind"] = append(parts, "kind = {:kind}"), f.Kind
	}
	// Select-multiple values are stored as a JSON array: matching the quoted value finds exactly
	// that element without a json_each join.
	if slices.Contains(Areas, f.Area) {
		parts, params["area"] = append(parts, "areas ~ {:area}"), `"`+f.Area+`"`
	}
	if slices.Contains(Languages, f.Language) {
		parts, params["lang"] = append(parts, "languages ~ {:lang}"), `"`+f.Language+`"`
	}
	if f.Municipality != "" {
		parts, params["mun"] = append(parts, "municipality = {:mun}"), f.Municipality
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		parts, params["q"] = append(parts, "(name ~ {:q} || description ~ {:q} || communities ~ {:q})"), q
	}
	cards := []Card{}
	page, err := ListInto(app, auth, "organisations", Query{Filter: strings.Join(parts, " && "), Params: params,
		Sort: "name", Page: f.Page, PerPage: DirectoryPageSize, Fields: cardFields}, &cards)
	return page, cards, err
}

// municipalitiesKey is where the app's store keeps the directory's list of places.
const municipalitiesKey = "komitee.municipalities"

// Municipalities lists the municipalities of listed organisations, for the directory filter.
// It is kept in the app's store until an organisation changes (roles.go).
func Municipalities(app core.App) []string {
	if v, ok := app.Store().Get(municipalitiesKey).([]string); ok {
		return v
	}
	out := []string{}
	_ = app.DB().NewQuery(`SELECT DISTINCT municipality FROM organisations
		WHERE status IN ('member','partner') AND municipality != '' ORDER BY municipality`).Column(&out)
	app.Store().Set(municipalitiesKey, out)
	return out
}

// listedKey is where the app's store keeps the choice list of listed organisations.
const listedKey = "komitee.listed"

// ListedOrganisations are the listed organisations (id and name) by name, for choices in forms.
// The list is kept in the app's store until an organisation changes (roles.go).
func ListedOrganisations(app core.App) []Option {
	if v, ok := app.Store().Get(listedKey).([]Option); ok {
		return v
	}
	out := []Option{}
	_ = app.DB().Select("id AS value", "name AS label").From("organisations").
		Where(dbx.In("status", "member", "partner")).OrderBy("name").All(&out)
	app.Store().Set(listedKey, out)
	return out
}

// OrganisationBySlug finds an organisation that auth may view.
func OrganisationBySlug(app core.App, auth *core.Record, slug string) (*Organisation, error) {
	rec, err := First(app, auth, "organisations", Query{Filter: "slug = {:s}", Params: dbx.Params{"s": slug}})
	if err != nil {
		return nil, err
	}
	return &Organisation{rec}, nil
}

// OrganisationByID finds an organisation that auth may view.
func OrganisationByID(app core.App, auth *core.Record, id string) (*Organisation, error) {
	rec, err := First(app, auth, "organisations", Query{Filter: "id = {:id}", Params: dbx.Params{"id": id}})
	if err != nil {
		return nil, err
	}
	return &Organisation{rec}, nil
}

// Contacts lists the contact rows of an organisation or person that auth may see.
func Contacts(app core.App, auth *core.Record, ownerField, ownerID string) ([]*core.Record, error) {
	return All(app, auth, "contacts", Query{Filter: ownerField + " = {:o}", Params: dbx.Params{"o": ownerID}, Sort: "kind"})
}

// Applications lists the organisations waiting for a decision (coordinators see all of them).
func Applications(app core.App, auth *core.Record) ([]*Organisation, error) {
	recs, err := All(app, auth, "organisations", Query{Filter: `status = "applied"`, Sort: "created"})
	return wrapOrgs(recs), err
}

// MyOrganisations lists the organisations a person belongs to or applied for.
func MyOrganisations(app core.App, auth *core.Record) ([]*Organisation, error) {
	recs, err := All(app, auth, "organisations", Query{Filter: `applicant = {:u} || managers ~ {:u}`,
		Params: dbx.Params{"u": auth.Id}, Sort: "name"})
	return wrapOrgs(recs), err
}

func wrapOrgs(recs []*core.Record) []*Organisation {
	out := make([]*Organisation, len(recs))
	for i, r := range recs {
		out[i] = &Organisation{r}
	}
	return out
}

var translit = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "é", "e", "è", "e", "á", "a",
	"à", "a", "ó", "o", "í", "i", "ú", "u", "ç", "c", "ñ", "n", "č", "c", "š", "s", "ž", "z", "ř", "r", "ł", "l")

// Slugify makes a URL name from an organisation name.
func Slugify(name string) string {
	s := translit.Replace(strings.ToLower(strings.TrimSpace(name)))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 60 {
		out = strings.TrimSuffix(out[:60], "-")
	}
	if out == "" {
		out = "org"
	}
	return out
}

func uniqueSlug(app core.App, name string) string {
	base := Slugify(name)
	slug := base
	for i := 0; i < 20; i++ {
		if _, err := app.FindFirstRecordByData("organisations", "slug", slug); err != nil {
			return slug
		}
		slug = base + "-" + strings.ToLower(security.RandomStringWithAlphabet(4, "abcdefghijkmnpqrstuvwxyz23456789"))
	}
	return slug
}

// notifyCoordinators mails every coordinator, each in their own language.
func notifyCoordinators(app core.App, l Letter) {
	recs, err := app.FindRecordsByFilter("users", "coordinator = true", "", 0, 0)
	if err != nil {
		return
	}
	for _, r := range recs {
		_ = SendTo(app, &User{r}, l)
	}
}
