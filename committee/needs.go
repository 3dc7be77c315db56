package committee

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/locales"
)

// Need is an entry of the needs and offers board: a need of an organisation, or an offer.
type Need struct{ *core.Record }

func (n *Need) Kind() string          { return n.GetString("kind") }
func (n *Need) Title() string         { return n.GetString("title") }
func (n *Need) Description() string   { return n.GetString("description") }
func (n *Need) Category() string      { return n.GetString("category") }
func (n *Need) Organisation() string  { return n.GetString("organisation") }
func (n *Need) Languages() []string   { return n.GetStringSlice("languages") }
func (n *Need) Municipality() string  { return n.GetString("municipality") }
func (n *Need) WhenText() string      { return n.GetString("when_text") }
func (n *Need) WhenDate() time.Time   { return n.GetDateTime("when_date").Time() }
func (n *Need) ValidUntil() time.Time { return n.GetDateTime("valid_until").Time() }
func (n *Need) Status() string        { return n.GetString("status") }
func (n *Need) Outcome() string       { return n.GetString("outcome") }
func (n *Need) Public() bool          { return n.GetBool("public") }
func (n *Need) Responses() int        { return n.GetInt("responses") }
func (n *Need) Created() time.Time    { return n.GetDateTime("created").Time() }
func (n *Need) MatchedAt() time.Time  { return n.GetDateTime("matched_at").Time() }
func (n *Need) OtherKind() string {
	return map[string]string{"need": "offer", "offer": "need"}[n.Kind()]
}
func (n *Need) Active() bool { return n.Status() == "open" || n.Status() == "in_contact" }

// NeedValidity is how long an entry stays on the board unless its owner says otherwise; an
// entry is valid for at most NeedMaxValidity.
const (
	NeedValidity    = 8 * 7 * 24 * time.Hour
	NeedMaxValidity = 366 * 24 * time.Hour
	NeedReminder    = 7 * 24 * time.Hour // the owner is reminded this long before it expires
)

// NeedsPerPage is the length of a page of the board.
const NeedsPerPage = 50

// NeedInput is the entry form.
type NeedInput struct {
	Kind, Title, Description, Category, Organisation, Contact string
	Municipality, WhenText, WhenDate, ValidUntil              string // dates as YYYY-MM-DD (Berlin)
	Languages                                                 []string
	Public                                                    bool
}

// parseDay reads a YYYY-MM-DD day in Berlin; the end of that day for valid_until.
func parseDay(s string) (time.Time, bool) {
	d, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), Berlin)
	return d, err == nil && d.Year() >= 2000 && d.Year() < 3000
}

// Validate checks the form; creating also checks the kind and whom it is for (both stay once saved).
func (in *NeedInput) Validate(app core.App, u *User, creating bool) Errors {
	errs := Errors{}
	if creating {
		if in.Kind == "" {
			errs.Add("need_kind", "error.required")
		}
		errs.OneOf("need_kind", in.Kind, NeedKinds)
		if in.Organisation == "" || !managesOrganisation(app, u.Id, in.Organisation) {
			errs.Add("organisation", "error.choice")
		}
	}
	errs.Required("title", in.Title, 200)
	errs.MaxLen("description", in.Description, 20000)
	if in.Category == "" {
		errs.Add("category", "error.required")
	}
	errs.OneOf("category", in.Category, NeedCategories)
	errs.AllOf("languages", in.Languages, Languages)
	if in.Municipality != "" && !slices.Contains(Municipalities(app), in.Municipality) {
		errs.Add("municipality", "error.choice")
	}
	errs.MaxLen("when_text", in.WhenText, 200)
	if in.WhenDate != "" {
		if _, ok := parseDay(in.WhenDate); !ok {
			errs.Add("when_date", "needs.error.date")
		}
	}
	if in.Contact == "" || (in.Organisation != "" && !activeIn(app, in.Contact, in.Organisation)) {
		errs.Add("contact", "error.choice")
	}
	until, ok := parseDay(in.ValidUntil)
	now := Now()
	switch {
	case in.ValidUntil == "":
		errs.Add("valid_until", "error.required")
	case !ok:
		errs.Add("valid_until", "needs.error.date")
	case !until.AddDate(0, 0, 1).After(now):
		errs.Add("valid_until", "needs.error.past")
	case until.After(now.Add(NeedMaxValidity)):
		errs.Add("valid_until", "needs.error.too_far")
	}
	return errs
}

// activeIn reports whether the person has an active membership (any role) in the listed organisation.
func activeIn(app core.App, userID, orgID string) bool {
	n := 0
	_ = listedMemberships(app, userID).Select("COUNT(*)").AndWhere(dbx.HashExp{"m.organisation": orgID}).Row(&n)
	return n > 0
}

// OrganisationPeople are the active people of an organisation, by name: who may be its contact person.
func OrganisationPeople(app core.App, orgID string) []Option {
	var rows []Option
	_ = app.DB().Select("u.id AS value", "u.name AS label").From("memberships m").
		InnerJoin("users u", dbx.NewExp("u.id = m.user")).
		Where(dbx.HashExp{"m.organisation": orgID, "m.status": "active"}).OrderBy("u.name").All(&rows)
	return rows
}

// ActiveOrganisations are the listed organisations u is active in (any role): those they may respond for.
func ActiveOrganisations(app core.App, userID string) []Option {
	return organisationOptions(listedMemberships(app, userID))
}

// DefaultValidUntil is the day an entry made now is valid until (8 weeks), as the form shows it.
func DefaultValidUntil() string { return Now().Add(NeedValidity).In(Berlin).Format(time.DateOnly) }

func (in *NeedInput) apply(rec *core.Record) {
	rec.Set("title", strings.TrimSpace(in.Title))
	rec.Set("description", strings.TrimSpace(in.Description))
	rec.Set("category", in.Category)
	rec.Set("languages", in.Languages)
	rec.Set("municipality", in.Municipality)
	rec.Set("when_text", strings.TrimSpace(in.WhenText))
	rec.Set("when_date", "")
	if d, ok := parseDay(in.WhenDate); ok {
		rec.Set("when_date", d.UTC())
	}
	if d, ok := parseDay(in.ValidUntil); ok {
		rec.Set("valid_until", endOfDay(d))
	}
	rec.Set("public", in.Public)
}

// endOfDay is the last second of day d in Berlin, in UTC.
func endOfDay(d time.Time) time.Time { return d.AddDate(0, 0, 1).Add(-time.Second).UTC() }

// CreateNeed saves a new entry of a representative or deputy for their organisation, with its
// contact person (a need_contacts row only their side sees).
func CreateNeed(app core.App, u *User, in NeedInput) (*Need, error) {
	if u == nil {
		return nil, ErrForbidden
	}
	if errs := in.Validate(app, u, true); errs.Any() {
		return nil, errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("needs")
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(coll)
	in.apply(rec)
	rec.Set("kind", in.Kind)
	rec.Set("organisation", in.Organisation)
	rec.Set("created_by", u.Id)
	rec.Set("status", "open")
	if !CanCreate(app, u.Record, rec, nil) {
		return nil, ErrForbidden
	}
	err = app.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(rec); err != nil {
			return err
		}
		return saveNeedContact(tx, rec.Id, "", in.Organisation, in.Contact)
	})
	if err != nil {
		return nil, FromSaveError(err)
	}
	return &Need{rec}, nil
}

func saveNeedContact(tx core.App, need, response, org, person string) error {
	coll, err := tx.FindCachedCollectionByNameOrId("need_contacts")
	if err != nil {
		return err
	}
	c := core.NewRecord(coll)
	c.Set("need", need)
	c.Set("response", response)
	c.Set("organisation", org)
	c.Set("person", person)
	return tx.Save(c)
}

// OwnerContact is the id of the entry's contact person (read by the workflows, never sent out).
func OwnerContact(app core.App, needID string) string {
	var id string
	_ = app.DB().Select("person").From("need_contacts").
		Where(dbx.HashExp{"need": needID, "response": ""}).Limit(1).Row(&id)
	return id
}

// mayManageNeed: the owner's representatives and deputies manage an entry (the needs update rule).
func mayManageNeed(app core.App, u *User, n *Need) bool {
	return u != nil && Can(app, u.Record, n.Record, n.Collection().UpdateRule)
}

// UpdateNeed saves the form into an entry (its organisation's managers).
func UpdateNeed(app core.App, u *User, n *Need, in NeedInput) error {
	if !mayManageNeed(app, u, n) {
		return ErrForbidden
	}
	in.Kind, in.Organisation = n.Kind(), n.Organisation()
	if errs := in.Validate(app, u, false); errs.Any() {
		return errs
	}
	in.apply(n.Record)
	return FromSaveError(app.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(n.Record); err != nil {
			return err
		}
		// The contact person of the owner's side, on the entry and on the copies for each response,
		// and where the other side's rows show it (accepted responses).
		if _, err := tx.DB().Update("need_contacts", dbx.Params{"person": in.Contact},
			dbx.HashExp{"need": n.Id, "organisation": n.Organisation()}).Execute(); err != nil {
			return err
		}
		_, err := tx.DB().Update("need_contacts", dbx.Params{"shown_person": in.Contact},
			dbx.HashExp{"need": n.Id, "shown_org": n.Organisation()}).Execute()
		return err
	}))
}

// FindNeed returns the entry that auth may view.
func FindNeed(app core.App, auth *core.Record, id string) (*Need, error) {
	rec, err := First(app, auth, "needs", Query{Filter: "id = {:id}", Params: dbx.Params{"id": id}})
	if err != nil {
		return nil, err
	}
	return &Need{rec}, nil
}

// NeedStatusActive as NeedFilter.Status: the entries open or in contact (the board's default).
const NeedStatusActive = "active"

// NeedFilter narrows the board.
type NeedFilter struct {
	Kind, Category, Municipality, Language string
	Status                                 string   // one of NeedStatuses, NeedStatusActive, or "" for any
	Organisations                          []string // only these organisations' entries (mine)
	Page                                   int
}

// NeedRow is one line of the board.
type NeedRow struct {
	ID           string         `db:"id"`
	Kind         string         `db:"kind"`
	Title        string         `db:"title"`
	Category     string         `db:"category"`
	Organisation string         `db:"organisation"`
	Languages    string         `db:"languages"` // JSON list
	Municipality string         `db:"municipality"`
	WhenText     string         `db:"when_text"`
	Status       string         `db:"status"`
	ValidUntil   types.DateTime `db:"valid_until"`
	Created      types.DateTime `db:"created"`
	MatchedAt    types.DateTime `db:"matched_at"`
	Public       bool           `db:"public"`
	Responses    int            `db:"responses"`
	Outcome      string         `db:"outcome"`
}

var needRowFields = []string{"kind", "title", "category", "organisation", "languages", "municipality", "when_text",
	"status", "valid_until", "created", "matched_at", "public", "responses", "outcome"}

// where builds the filter of f; skip names one filter to leave out (the category counts).
func (f NeedFilter) where(skip string) (string, dbx.Params) {
	var parts []string
	params := dbx.Params{}
	if f.Kind != "" && slices.Contains(NeedKinds, f.Kind) {
		parts, params["kind"] = append(parts, "kind = {:kind}"), f.Kind
	}
	if skip != "category" && f.Category != "" && slices.Contains(NeedCategories, f.Category) {
		parts, params["cat"] = append(parts, "category = {:cat}"), f.Category
	}
	if f.Status == NeedStatusActive {
		parts = append(parts, `(status = "open" || status = "in_contact")`)
	} else if f.Status != "" && slices.Contains(NeedStatuses, f.Status) {
		parts, params["status"] = append(parts, "status = {:status}"), f.Status
	}
	if f.Municipality != "" {
		parts, params["mun"] = append(parts, "municipality = {:mun}"), f.Municipality
	}
	if f.Language != "" && slices.Contains(Languages, f.Language) {
		parts, params["lang"] = append(parts, "languages ~ {:lang}"), `"`+f.Language+`"`
	}
	if len(f.Organisations) > 0 {
		var ors []string
		for i, o := range f.Organisations {
			key := "o" + strconv.Itoa(i)
			ors, params[key] = append(ors, "organisation = {:"+key+"}"), o
		}
		parts = append(parts, "("+strings.Join(ors, " || ")+")")
	}
	return strings.Join(parts, " && "), params
}

// Needs lists the entries auth may see, newest first, 50 a page.
func Needs(app core.App, auth *core.Record, f NeedFilter) (*Page, []NeedRow, error) {
	filter, params := f.where("")
	var rows []NeedRow
	p, err := ListInto(app, auth, "needs", Query{Filter: filter, Params: params, Sort: "-created",
		Page: f.Page, PerPage: NeedsPerPage, Fields: needRowFields}, &rows)
	return p, rows, err
}

// NeedCategoryCounts counts the entries auth may see in each category, under f's other filters:
// the number beside each choice of the category filter.
func NeedCategoryCounts(app core.App, auth *core.Record, f NeedFilter) map[string]int {
	filter, params := f.where("category")
	out := map[string]int{}
	_, resolver, q, err := ruleQuery(app, auth, "needs", func(c *core.Collection) *string { return c.ListRule },
		Query{Filter: filter, Params: params})
	if err != nil || resolver.UpdateQuery(q) != nil {
		return out
	}
	var rows []struct {
		Category string `db:"category"`
		N        int    `db:"n"`
	}
	if err := q.Select("[[needs.category]] AS category", "COUNT(DISTINCT [[needs.id]]) AS n").
		GroupBy("category").All(&rows); err != nil {
		return out
	}
	for _, r := range rows {
		out[r.Category] = r.N
	}
	return out
}

// Candidate is an entry as the suggestions compare it.
type Candidate struct {
	ID, Title, Category, Municipality, Organisation string
	Languages                                       []string
	Created                                         time.Time
}

// Suggestion is a ranked candidate with why it was suggested.
type Suggestion struct {
	Candidate
	SameCategory bool
	Municipality string   // the shared municipality, "" for none
	Languages    []string // the shared languages
}

func (s Suggestion) overlap() int {
	n := len(s.Languages)
	if s.Municipality != "" {
		n++
	}
	return n
}

// RankSuggestions orders candidates for an entry: the same category first, then more overlap in
// municipality and languages, then the newest. Candidates of the entry's own organisation and
// those that share nothing with it are left out; at most limit are returned.
func RankSuggestions(entry Candidate, candidates []Candidate, limit int) []Suggestion {
	var out []Suggestion
	for _, c := range candidates {
		if c.ID == entry.ID || (entry.Organisation != "" && c.Organisation == entry.Organisation) {
			continue
		}
		s := Suggestion{Candidate: c, SameCategory: c.Category == entry.Category}
		if entry.Municipality != "" && c.Municipality == entry.Municipality {
			s.Municipality = c.Municipality
		}
		for _, l := range entry.Languages {
			if slices.Contains(c.Languages, l) {
				s.Languages = append(s.Languages, l)
			}
		}
		if !s.SameCategory && s.overlap() == 0 {
			continue
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.SameCategory != b.SameCategory {
			return a.SameCategory
		}
		if a.overlap() != b.overlap() {
			return a.overlap() > b.overlap()
		}
		return a.Created.After(b.Created)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// suggestionPool is how many of the newest entries of the same category, and of the newest
// sharing only a place or a language, the suggestions rank.
const suggestionPool = 300

// NeedSuggestions ranks the open entries of the other side that auth may see for n (10 at most).
func NeedSuggestions(app core.App, auth *core.Record, n *Need) ([]Suggestion, error) {
	params := dbx.Params{"kind": n.OtherKind(), "org": n.Organisation(), "cat": n.Category()}
	var ors []string
	if n.Municipality() != "" {
		ors, params["mun"] = append(ors, "municipality = {:mun}"), n.Municipality()
	}
	for i, l := range n.Languages() {
		key := "l" + strconv.Itoa(i)
		ors, params[key] = append(ors, "languages ~ {:"+key+"}"), `"`+l+`"`
	}
	// The same category ranks first: its newest entries are read on their own, so that many newer
	// entries sharing only a place or a language cannot push them out; then those of other
	// categories that share a place or a language.
	base := `kind = {:kind} && (status = "open" || status = "in_contact") && organisation != {:org} && `
	filters := []string{base + `category = {:cat}`}
	if len(ors) > 0 {
		filters = append(filters, base+`category != {:cat} && (`+strings.Join(ors, " || ")+`)`)
	}
	var cands []Candidate
	for _, filter := range filters {
		var rows []NeedRow
		if _, err := ListInto(app, auth, "needs", Query{Filter: filter, Params: params, Sort: "-created",
			PerPage: suggestionPool, NoCount: true, Fields: needRowFields}, &rows); err != nil {
			return nil, err
		}
		for _, r := range rows {
			cands = append(cands, r.Candidate())
		}
	}
	return RankSuggestions(Candidate{ID: n.Id, Category: n.Category(), Municipality: n.Municipality(),
		Organisation: n.Organisation(), Languages: n.Languages()}, cands, 10), nil
}

// Candidate is the row as the suggestions compare it.
func (r NeedRow) Candidate() Candidate {
	return Candidate{ID: r.ID, Title: r.Title, Category: r.Category, Municipality: r.Municipality,
		Organisation: r.Organisation, Languages: jsonList(r.Languages), Created: r.Created.Time()}
}

// LanguageList is the row's languages.
func (r NeedRow) LanguageList() []string { return jsonList(r.Languages) }

func jsonList(s string) []string {
	s = strings.Trim(strings.TrimSpace(s), "[]")
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.Trim(strings.TrimSpace(p), `"`); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Response is an organisation's answer to an entry.
type Response struct{ *core.Record }

func (r *Response) Need() string         { return r.GetString("need") }
func (r *Response) Organisation() string { return r.GetString("organisation") }
func (r *Response) Responder() string    { return r.GetString("responder") }
func (r *Response) Message() string      { return r.GetString("message") }
func (r *Response) Status() string       { return r.GetString("status") }
func (r *Response) Created() time.Time   { return r.GetDateTime("created").Time() }

// responseTrial is the row Respond would write.
func responseTrial(app core.App, auth *core.Record, n *Need, org string) *core.Record {
	return trial(app, "responses", map[string]any{"need": n.Id, "organisation": org, "responder": idOf(auth),
		"message": "-", "status": "offered"})
}

// ErrAlreadyResponded: the organisation has answered this entry already.
var ErrAlreadyResponded = errors.New("already responded")

// Respond is a person answering an entry for their organisation: a response in state "offered",
// the entry in contact, and each side's contact person on a row only that side sees for now. The
// owner's managers are mailed, each in their language ("needs/ID" in the mail log).
func Respond(app core.App, u *User, n *Need, org, message string) (*Response, error) {
	if u == nil {
		return nil, ErrForbidden
	}
	errs := Errors{}
	errs.Required("message", message, 2000)
	if org == "" {
		errs.Add("organisation", "error.required")
	}
	if errs.Any() {
		return nil, errs
	}
	if existing, _ := app.FindFirstRecordByFilter("responses", "need = {:n} && organisation = {:o}",
		dbx.Params{"n": n.Id, "o": org}); existing != nil {
		return nil, Errors{"organisation": "needs.error.already"}
	}
	rec := responseTrial(app, u.Record, n, org)
	rec.Set("message", strings.TrimSpace(message))
	if !CanCreate(app, u.Record, rec, nil) {
		return nil, Errors{"organisation": "error.choice"}
	}
	// The hooks (bindNeeds) write both sides' contact rows and put the entry in contact, in
	// the same transaction, whoever writes the response.
	if err := app.Save(rec); err != nil {
		return nil, FromSaveError(err)
	}
	mailResponse(app, n, rec)
	return &Response{rec}, nil
}

// mailResponse tells the owner's managers about a new response, each in their language
// ("needs/ID" in the mail log).
func mailResponse(app core.App, n *Need, rec *core.Record) {
	orgName := ""
	if o, err := app.FindRecordById("organisations", rec.GetString("organisation")); err == nil {
		orgName = o.GetString("name")
	}
	mailManagers(app, n.Organisation(), Letter{Subject: "needs.mail.response.subject", Body: "needs.mail.response.body",
		Data:   map[string]any{"Need": n.Title(), "Organisation": orgName, "Message": rec.GetString("message")},
		Action: "needs.mail.response.action", Link: URL(app, "/needs/"+n.Id+"#responses"), About: "needs/" + n.Id})
}

// responseCreated writes what a new response brings, in its transaction: each side's contact
// person on a row of its own (the responder for the responding side, the entry's contact for
// the owner's), and an open entry goes in contact while the response is offered.
func responseCreated(tx core.App, r *core.Record) error {
	need, err := tx.FindRecordById("needs", r.GetString("need"))
	if err != nil {
		return err
	}
	if p := r.GetString("responder"); p != "" {
		if err := saveNeedContact(tx, need.Id, r.Id, r.GetString("organisation"), p); err != nil {
			return err
		}
	}
	if p := ownerContact(tx, need); p != "" {
		if err := saveNeedContact(tx, need.Id, r.Id, need.GetString("organisation"), p); err != nil {
			return err
		}
	}
	if need.GetString("status") == "open" && r.GetString("status") == "offered" {
		need.Set("status", "in_contact")
		return tx.Save(need)
	}
	return nil
}

// ownerContact is the entry's contact person, or who posted it when it has none (posted
// through /api/, which writes no contact row).
func ownerContact(app core.App, need *core.Record) string {
	if p := OwnerContact(app, need.Id); p != "" {
		return p
	}
	return need.GetString("created_by")
}

// NeedResponses reads the responses on n that auth may see (the responses rule), oldest first.
func NeedResponses(app core.App, auth *core.Record, n *Need) ([]*Response, error) {
	if auth == nil {
		return nil, nil
	}
	recs, err := All(app, auth, "responses", Query{Filter: "need = {:n}", Params: dbx.Params{"n": n.Id}, Sort: "created"})
	if err != nil {
		return nil, err
	}
	out := make([]*Response, len(recs))
	for i, r := range recs {
		out[i] = &Response{r}
	}
	return out, nil
}

// DecideResponse is the owner accepting or declining an offered response. Accepting matches the
// entry and shows both sides each other's contact person (shown_org, shown_person on the two
// contact rows of this response); the responder is mailed either way.
func DecideResponse(app core.App, u *User, n *Need, responseID string, accept bool) error {
	if !mayManageNeed(app, u, n) {
		return ErrForbidden
	}
	rec, err := app.FindFirstRecordByFilter("responses", "id = {:r} && need = {:n}", dbx.Params{"r": responseID, "n": n.Id})
	if err != nil {
		return ErrNotFound
	}
	if !MayDecide(n, &Response{rec}, accept) {
		return Errors{"response": "needs.error.state"}
	}
	now := Now().UTC()
	errState := Errors{"response": "needs.error.state"}
	err = app.RunInTransaction(func(tx core.App) error {
		// Checked again inside the transaction (writes are serialised): a withdrawal or another
		// decision that came first wins.
		var err error
		if rec, err = tx.FindRecordById("responses", responseID); err != nil {
			return err
		}
		fresh, err := tx.FindRecordById("needs", n.Id)
		if err != nil {
			return err
		}
		if !MayDecide(&Need{fresh}, &Response{rec}, accept) {
			return errState
		}
		status := "declined"
		if accept {
			status = "accepted"
		}
		rec.Set("status", status)
		rec.Set("decided_at", now)
		if err := tx.Save(rec); err != nil {
			return err
		}
		if accept {
			owner := ownerContact(tx, n.Record)
			for _, side := range []struct{ org, shownOrg, shownPerson string }{
				{n.Organisation(), rec.GetString("organisation"), rec.GetString("responder")},
				{rec.GetString("organisation"), n.Organisation(), owner}} {
				if _, err := tx.DB().Update("need_contacts", dbx.Params{"shown_org": side.shownOrg, "shown_person": side.shownPerson},
					dbx.HashExp{"need": n.Id, "response": rec.Id, "organisation": side.org}).Execute(); err != nil {
					return err
				}
			}
			fresh.Set("status", "matched")
			fresh.Set("matched_at", now)
			return tx.Save(fresh)
		}
		return reopenIfQuiet(tx, fresh)
	})
	if errors.Is(err, errState) || isErrors(err) {
		return errState
	}
	if err != nil {
		return err
	}
	n.Record, _ = app.FindRecordById("needs", n.Id)
	if responder, err := app.FindRecordById("users", rec.GetString("responder")); err == nil {
		subject, body := "needs.mail.declined.subject", "needs.mail.declined.body"
		if accept {
			subject, body = "needs.mail.accepted.subject", "needs.mail.accepted.body"
		}
		_ = SendTo(app, &User{responder}, Letter{Subject: subject, Body: body,
			Data: map[string]any{"Need": n.Title()}, Action: "needs.mail.open", Link: URL(app, "/needs/"+n.Id),
			About: "needs/" + n.Id})
	}
	return nil
}

// MayDecide reports whether the owner may accept (accept) or decline the response r on n: an
// offered response; accepting also needs the entry open or in contact. The page offers the
// buttons by the same predicate.
func MayDecide(n *Need, r *Response, accept bool) bool {
	return r.Status() == "offered" && (!accept || n.Active())
}

func isErrors(err error) bool {
	var e Errors
	return errors.As(err, &e)
}

// reopenIfQuiet puts an entry in contact back to open when no response is offered any more.
func reopenIfQuiet(tx core.App, need *core.Record) error {
	if need.GetString("status") != "in_contact" {
		return nil
	}
	n := 0
	_ = tx.DB().Select("COUNT(*)").From("responses").Where(dbx.HashExp{"need": need.Id, "status": "offered"}).Row(&n)
	if n > 0 {
		return nil
	}
	need.Set("status", "open")
	return tx.Save(need)
}

// mayWithdrawResponse: responses are changed by workflows only (no update rule): the responder
// or a manager of the responding organisation takes an offered response back.
func mayWithdrawResponse(app core.App, u *User, r *core.Record) bool {
	return u != nil && r.GetString("status") == "offered" &&
		(r.GetString("responder") == u.Id || managesOrganisation(app, u.Id, r.GetString("organisation")))
}

// WithdrawResponse takes an offered response back.
func WithdrawResponse(app core.App, u *User, n *Need, responseID string) error {
	rec, err := app.FindFirstRecordByFilter("responses", "id = {:r} && need = {:n}", dbx.Params{"r": responseID, "n": n.Id})
	if err != nil {
		return ErrNotFound
	}
	if !mayWithdrawResponse(app, u, rec) {
		return ErrForbidden
	}
	errState := Errors{"response": "needs.error.state"}
	err = app.RunInTransaction(func(tx core.App) error {
		// Checked again inside the transaction: an acceptance that came first wins.
		fresh, err := tx.FindRecordById("responses", rec.Id)
		if err != nil {
			return err
		}
		if fresh.GetString("status") != "offered" {
			return errState
		}
		rec = fresh
		rec.Set("status", "withdrawn")
		rec.Set("decided_at", Now().UTC())
		if err := tx.Save(rec); err != nil {
			return err
		}
		need, err := tx.FindRecordById("needs", n.Id)
		if err != nil {
			return err
		}
		return reopenIfQuiet(tx, need)
	})
	if isErrors(err) {
		return errState
	}
	return err
}

// The owner's steps in an entry's life (NeedStep).
var NeedSteps = []string{"done", "reopen", "withdraw", "renew"}

// stepAllowed says from which statuses each step may be taken.
var stepAllowed = map[string][]string{
	"done":     {"matched"},
	"reopen":   {"matched", "done"},
	"withdraw": {"open", "in_contact", "matched"},
	"renew":    {"expired"},
}

// StepAllowed reports whether step may be taken on an entry in status.
func StepAllowed(step, status string) bool { return slices.Contains(stepAllowed[step], status) }

// NeedStep is the owner marking an entry done with its outcome, reopening it, withdrawing it, or
// renewing an expired one for another 8 weeks with one click.
func NeedStep(app core.App, u *User, n *Need, step, outcome string) error {
	if !mayManageNeed(app, u, n) {
		return ErrForbidden
	}
	if !StepAllowed(step, n.Status()) {
		return Errors{"step": "needs.error.state"}
	}
	switch step {
	case "done":
		errs := Errors{}
		errs.Required("outcome", outcome, 500)
		if errs.Any() {
			return errs
		}
		n.Set("status", "done")
		n.Set("outcome", strings.TrimSpace(outcome))
	case "reopen":
		// Back on the board: in contact while a response is still offered, open otherwise; the
		// match did not hold, so it no longer counts as matched (matched_at).
		status, offered := "open", 0
		_ = app.DB().Select("COUNT(*)").From("responses").Where(dbx.HashExp{"need": n.Id, "status": "offered"}).Row(&offered)
		if offered > 0 {
			status = "in_contact"
		}
		n.Set("status", status)
		n.Set("outcome", "")
		n.Set("matched_at", "")
	case "withdraw":
		n.Set("status", "withdrawn")
	case "renew":
		n.Set("status", "open")
		if d, ok := parseDay(Now().Add(NeedValidity).In(Berlin).Format(time.DateOnly)); ok {
			n.Set("valid_until", endOfDay(d))
		}
	}
	return app.Save(n.Record)
}

// NeedContact is one side's contact person as the page shows it, once the rule lets the reader see it.
type NeedContact struct {
	Organisation, OrganisationName string
	Name, Email, Phone             string
}

// NeedContacts reads the contact people of n that auth may see: need_contacts through its rule
// (their own side's; the other side's only once the owner accepted). The address and phone of a
// person are read here, on the server, only for the rows the rule returned, whatever the
// person's visibility settings say for everyone else.
func NeedContacts(app core.App, auth *core.Record, n *Need) ([]NeedContact, error) {
	if auth == nil {
		return nil, nil
	}
	recs, err := All(app, auth, "need_contacts", Query{Filter: "need = {:n}", Params: dbx.Params{"n": n.Id}, Sort: "created"})
	if err != nil {
		return nil, err
	}
	var out []NeedContact
	seen := map[string]bool{}
	for _, r := range recs {
		key := r.GetString("organisation") + "/" + r.GetString("person")
		if seen[key] {
			continue
		}
		seen[key] = true
		p, err := app.FindRecordById("users", r.GetString("person"))
		if err != nil {
			continue
		}
		c := NeedContact{Organisation: r.GetString("organisation"), Name: p.GetString("name"), Email: p.Email()}
		_ = app.DB().Select("value").From("contacts").Where(dbx.HashExp{"user": p.Id, "kind": "phone"}).Limit(1).Row(&c.Phone)
		if o, err := app.FindRecordById("organisations", c.Organisation); err == nil {
			c.OrganisationName = o.GetString("name")
		}
		out = append(out, c)
	}
	return out, nil
}

// MyNeeds is /needs/mine: the entries of the organisations u is active in, the responses they
// sent, and the responses on their entries that wait for an answer.
type MyNeeds struct {
	Entries          []NeedRow
	Sent, Got        []MyResponse
	Waiting          int
	OrganisationName map[string]string
}

// MyResponse is a response on /needs/mine with its entry.
type MyResponse struct {
	ID, Need, NeedTitle, Organisation, Status string
	Created                                   time.Time
}

// MineOf reads /needs/mine for u, through the rules.
func MineOf(app core.App, u *User) (MyNeeds, error) {
	var m MyNeeds
	var orgs []string
	for _, o := range ActiveOrganisations(app, u.Id) {
		orgs = append(orgs, o.Value)
	}
	if len(orgs) == 0 {
		return m, nil
	}
	filter, params := NeedFilter{Organisations: orgs}.where("")
	if _, err := ListInto(app, u.Record, "needs", Query{Filter: filter, Params: params, Sort: "-created",
		NoCount: true, Fields: needRowFields}, &m.Entries); err != nil {
		return m, err
	}
	read := func(filter string) ([]MyResponse, error) {
		recs, err := All(app, u.Record, "responses", Query{Filter: filter, Params: params, Sort: "-created"})
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, r := range recs {
			ids = append(ids, r.GetString("need"))
		}
		titles := needTitles(app, u.Record, ids)
		var out []MyResponse
		for _, r := range recs {
			out = append(out, MyResponse{ID: r.Id, Need: r.GetString("need"), NeedTitle: titles[r.GetString("need")],
				Organisation: r.GetString("organisation"), Status: r.GetString("status"), Created: r.GetDateTime("created").Time()})
		}
		return out, nil
	}
	var err error
	if m.Sent, err = read(filter); err != nil {
		return m, err
	}
	if m.Got, err = read(strings.ReplaceAll(filter, "organisation =", "need.organisation =")); err != nil {
		return m, err
	}
	var ids []string
	for _, r := range append(slices.Clone(m.Sent), m.Got...) {
		ids = append(ids, r.Organisation)
	}
	for _, e := range m.Entries {
		ids = append(ids, e.Organisation)
	}
	m.OrganisationName = OrganisationNames(app, u.Record, ids)
	for _, r := range m.Got {
		if r.Status == "offered" {
			m.Waiting++
		}
	}
	return m, nil
}

// needTitles maps entry ids to titles, for those auth may see (the needs rule).
func needTitles(app core.App, auth *core.Record, ids []string) map[string]string {
	out := map[string]string{}
	params, seen := dbx.Params{}, map[string]bool{}
	var ors []string
	for _, id := range ids {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		key := "n" + strconv.Itoa(len(ors))
		params[key] = id
		ors = append(ors, "id = {:"+key+"}")
	}
	if len(ors) == 0 {
		return out
	}
	recs, err := All(app, auth, "needs", Query{Filter: "(" + strings.Join(ors, " || ") + ")", Params: params})
	if err != nil {
		return out
	}
	for _, r := range recs {
		out[r.Id] = r.GetString("title")
	}
	return out
}

// RunNeedJobs is the daily job: it marks open entries whose valid_until has passed as expired,
// and reminds the owners of those that expire within a week, once per valid_until (the hidden
// "reminded" date), so running it twice sends nothing twice. It returns how many entries expired
// and how many reminders went out.
func RunNeedJobs(app core.App, now time.Time) (expired, reminded int, err error) {
	at, err := types.ParseDateTime(now.UTC())
	if err != nil {
		return 0, 0, err
	}
	soon, err := types.ParseDateTime(now.Add(NeedReminder).UTC())
	if err != nil {
		return 0, 0, err
	}
	var due []*core.Record
	if err := app.RecordQuery("needs").AndWhere(dbx.In("status", "open", "in_contact")).
		AndWhere(dbx.NewExp("valid_until < {:now}", dbx.Params{"now": at.String()})).All(&due); err != nil {
		return 0, 0, err
	}
	// One entry that cannot be saved is logged and skipped; the others still expire.
	for _, rec := range due {
		rec.Set("status", "expired")
		if err := app.Save(rec); err != nil {
			app.Logger().Error("needs job: expire", "need", rec.Id, "error", err)
			continue
		}
		expired++
	}
	var remind []*core.Record
	if err := app.RecordQuery("needs").AndWhere(dbx.In("status", "open", "in_contact")).
		AndWhere(dbx.NewExp("valid_until >= {:now} AND valid_until <= {:soon} AND reminded != valid_until",
			dbx.Params{"now": at.String(), "soon": soon.String()})).All(&remind); err != nil {
		return expired, 0, err
	}
	for _, rec := range remind {
		// Marked (directly, no hooks) once at least one manager got it: a reminder nobody got is
		// tried again on the next run; one that some got is not sent twice to them.
		if mailReminder(app, &Need{rec}) == 0 {
			continue
		}
		if _, err := app.DB().Update("needs", dbx.Params{"reminded": rec.GetString("valid_until")},
			dbx.HashExp{"id": rec.Id}).Execute(); err != nil {
			app.Logger().Error("needs job: reminded", "need", rec.Id, "error", err)
		}
		reminded++
	}
	return expired, reminded, nil
}

// mailReminder sends the expiry reminder of n to its owner's managers, the date in each one's
// language; it returns how many were sent.
func mailReminder(app core.App, n *Need) (sent int) {
	var ids []string
	_ = app.DB().Select("user").From("memberships").Where(dbx.HashExp{"organisation": n.Organisation(), "status": "active"}).
		AndWhere(dbx.In("role", "representative", "deputy")).Column(&ids)
	if len(ids) == 0 {
		return 0
	}
	recs, _ := app.FindAllRecords("users", dbx.In("id", toAny(ids)...))
	for _, r := range recs {
		u := &User{r}
		if SendTo(app, u, Letter{Subject: "needs.mail.reminder.subject", Body: "needs.mail.reminder.body",
			Data:   map[string]any{"Need": n.Title(), "Date": FormatDay(u.Language(), n.ValidUntil())},
			Action: "needs.mail.open", Link: URL(app, "/needs/"+n.Id), About: "needs/" + n.Id}) == nil {
			sent++
		}
	}
	return sent
}

// bindNeeds keeps needs.responses right after any write of responses, in the writing
// transaction, and runs the daily job.
func bindNeeds(app core.App) {
	const countSQL = `UPDATE needs SET responses = (SELECT COUNT(*) FROM responses WHERE need = {:n}) WHERE id = {:n}`
	count := func(key string) func(e *core.RecordEvent) error {
		return keptInTx(nil, func(tx core.App, r *core.Record) error {
			id := r.Id
			if key != "" {
				id = r.GetString(key)
			}
			_, err := tx.DB().NewQuery(countSQL).Bind(dbx.Params{"n": id}).Execute()
			return err
		})
	}
	app.OnRecordCreateExecute("responses").BindFunc(keptInTx(nil, func(tx core.App, r *core.Record) error {
		if err := responseCreated(tx, r); err != nil {
			return err
		}
		_, err := tx.DB().NewQuery(countSQL).Bind(dbx.Params{"n": r.GetString("need")}).Execute()
		return err
	}))
	// A response through /api/ mails the owner as the page does (a plain save, as the demo
	// makes, mails nobody).
	app.OnRecordCreateRequest("responses").BindFunc(func(e *core.RecordRequestEvent) error {
		// responder is hidden (PocketBase drops it from the bodies of non-superusers): whoever
		// writes the response is its responder.
		if !e.HasSuperuserAuth() && e.Auth != nil {
			e.Record.Set("responder", e.Auth.Id)
		}
		if err := e.Next(); err != nil {
			return err
		}
		if n, err := e.App.FindRecordById("needs", e.Record.GetString("need")); err == nil {
			mailResponse(e.App, &Need{n}, e.Record)
		}
		return nil
	})
	app.OnRecordDeleteExecute("responses").BindFunc(count("need"))
	app.OnRecordUpdateExecute("needs").BindFunc(count(""))
	// An entry posted through /api/ is valid for at most a year, as the form says (the update
	// rule keeps valid_until for the workflows).
	app.OnRecordCreateRequest("needs").BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() && e.Auth != nil {
			e.Record.Set("created_by", e.Auth.Id) // hidden, as responses.responder
		}
		until := e.Record.GetDateTime("valid_until").Time()
		if !e.HasSuperuserAuth() && (!until.After(Now()) || until.After(Now().Add(NeedMaxValidity))) {
			return e.BadRequestError("valid_until must be within a year from now.", nil)
		}
		return e.Next()
	})
	app.Cron().MustAdd("needs_daily", "7 6 * * *", func() {
		if _, _, err := RunNeedJobs(app, Now()); err != nil {
			app.Logger().Error("needs job", "error", err)
		}
	})
}

// NeedGroup is the open needs of one category in one municipality, for the coordinators.
type NeedGroup struct {
	Category, Municipality string
	Open, Unanswered       int
	OldestDays             int // how long the oldest one has waited
}

// NeedsOverview is /coordination/needs: where support is missing in the district.
type NeedsOverview struct {
	Groups           []NeedGroup
	Waiting          []NeedRow // open needs without any response, longest waiting first (20)
	Matched          []NeedRow // matched in the period
	Open             []NeedRow // every open need, longest waiting first
	OrganisationName map[string]string
}

// WaitedDays is how many whole days r has waited by now.
func WaitedDays(r NeedRow, now time.Time) int {
	return int(now.Sub(r.Created.Time()).Hours() / 24)
}

// NeedsReport reads the coordinators' overview for the period [from, to), through the rules.
func NeedsReport(app core.App, auth *core.Record, from, to, now time.Time) (NeedsOverview, error) {
	var o NeedsOverview
	if _, err := ListInto(app, auth, "needs", Query{Filter: `kind = "need" && (status = "open" || status = "in_contact")`,
		Sort: "created", NoCount: true, Fields: needRowFields}, &o.Open); err != nil {
		return o, err
	}
	// An open need counts as unanswered while no response is offered, accepted or declined: a
	// declined offer was an answer (someone came forward), a withdrawn one was not.
	answered := map[string]bool{}
	if len(o.Open) > 0 {
		recs, err := All(app, auth, "responses", Query{Filter: `status != "withdrawn" && need.kind = "need" && ` +
			`(need.status = "open" || need.status = "in_contact")`})
		if err != nil {
			return o, err
		}
		for _, r := range recs {
			answered[r.GetString("need")] = true
		}
	}
	index := map[string]int{}
	for _, r := range o.Open {
		key := r.Category + "\x00" + r.Municipality
		i, ok := index[key]
		if !ok {
			i = len(o.Groups)
			index[key] = i
			o.Groups = append(o.Groups, NeedGroup{Category: r.Category, Municipality: r.Municipality, OldestDays: WaitedDays(r, now)})
		}
		o.Groups[i].Open++
		if !answered[r.ID] {
			o.Groups[i].Unanswered++
			if len(o.Waiting) < 20 {
				o.Waiting = append(o.Waiting, r)
			}
		}
	}
	sort.SliceStable(o.Groups, func(i, j int) bool {
		a, b := o.Groups[i], o.Groups[j]
		if a.Category != b.Category {
			return slices.Index(NeedCategories, a.Category) < slices.Index(NeedCategories, b.Category)
		}
		return a.Municipality < b.Municipality
	})
	f, _ := types.ParseDateTime(from.UTC())
	t, _ := types.ParseDateTime(to.UTC())
	if _, err := ListInto(app, auth, "needs", Query{Filter: `matched_at >= {:from} && matched_at < {:to}`,
		Params: dbx.Params{"from": f.String(), "to": t.String()}, Sort: "matched_at", NoCount: true, Fields: needRowFields}, &o.Matched); err != nil {
		return o, err
	}
	var ids []string
	for _, r := range append(slices.Clone(o.Open), o.Matched...) {
		ids = append(ids, r.Organisation)
	}
	o.OrganisationName = OrganisationNames(app, auth, ids)
	return o, nil
}

// CSV is the overview as a spreadsheet (the funder report's conventions: a byte order mark, the
// separator of lang, texts kept from being read as formulas): one line per open need by category
// and municipality with its waiting time, then one per entry matched in the period.
func (o NeedsOverview) CSV(lang string, now time.Time) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = CSVComma(lang)
	t := func(key string) string { return locales.T(lang, key) }
	_ = w.Write([]string{t("needs.csv.section"), t("needs.field.category"), t("field.municipality"), t("field.title"),
		t("needs.csv.organisation"), t("needs.csv.since"), t("needs.csv.days"), t("needs.csv.responses")})
	for _, r := range o.Open {
		_ = w.Write([]string{t("needs.csv.open"), t("needs.category." + r.Category), csvText(r.Municipality), csvText(r.Title),
			csvText(o.OrganisationName[r.Organisation]), r.Created.Time().In(Berlin).Format(time.DateOnly),
			strconv.Itoa(WaitedDays(r, now)), strconv.Itoa(r.Responses)})
	}
	for _, r := range o.Matched {
		_ = w.Write([]string{t("needs.csv.matched"), t("needs.category." + r.Category), csvText(r.Municipality), csvText(r.Title),
			csvText(o.OrganisationName[r.Organisation]), r.MatchedAt.Time().In(Berlin).Format(time.DateOnly), "", strconv.Itoa(r.Responses)})
	}
	w.Flush()
	return buf.Bytes()
}
