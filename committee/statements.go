package committee

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/sergi/go-diff/diffmatchpatch"

	"komitee/locales"
)

// StatementStatuses is a statement's way: drafted, discussed by the members, signed by the
// organisations, published (and perhaps withdrawn later, which a flag says).
var StatementStatuses = []string{"draft", "discussion", "signing", "published"}

// SignatureDecisions are an organisation's answers in a signing round.
var SignatureDecisions = []string{"sign", "decline"}

// AttachmentTypes are the files a statement may carry (PDF and images, at most 10 MB each).
var AttachmentTypes = []string{"application/pdf", "image/png", "image/jpeg", "image/webp"}

// StatementReminderBefore is how long before the deadline the organisations that have not
// answered are reminded, once per round.
const StatementReminderBefore = 3 * 24 * time.Hour

// Statement is a joint statement of the committee's organisations.
type Statement struct{ *core.Record }

func (s *Statement) Slug() string            { return s.GetString("slug") }
func (s *Statement) Title() string           { return s.GetString("title") }
func (s *Statement) Summary() string         { return s.GetString("summary") }
func (s *Statement) Language() string        { return s.GetString("language") }
func (s *Statement) Status() string          { return s.GetString("status") }
func (s *Statement) Author() string          { return s.GetString("author") }
func (s *Statement) Coauthors() []string     { return s.GetStringSlice("coauthors") }
func (s *Statement) Topics() []string        { return s.GetStringSlice("topics") }
func (s *Statement) Meetings() []string      { return s.GetStringSlice("meetings") }
func (s *Statement) Attachments() []string   { return s.GetStringSlice("attachments") }
func (s *Statement) Deadline() time.Time     { return s.GetDateTime("deadline").Time() }
func (s *Statement) Round() int              { return s.GetInt("round") }
func (s *Statement) Signed() int             { return s.GetInt("signed") }
func (s *Statement) Published() time.Time    { return s.GetDateTime("published").Time() }
func (s *Statement) Withdrawn() bool         { return s.GetBool("withdrawn") }
func (s *Statement) WithdrawnReason() string { return s.GetString("withdrawn_reason") }

// Authored reports whether u wrote the statement or is one of its co-authors.
func (s *Statement) Authored(u *User) bool {
	return u != nil && (s.Author() == u.Id || slices.Contains(s.Coauthors(), u.Id))
}

// Version is one saved text of a statement in one language.
type Version struct {
	ID, Language       string
	Original, Reviewed bool
	Title, Summary     string
	Body               string // Markdown
	Number             int
	Author             string
	Created            time.Time
}

func versionOf(r *core.Record) Version {
	return Version{ID: r.Id, Language: r.GetString("language"), Original: r.GetBool("original"), Reviewed: r.GetBool("reviewed"),
		Title: r.GetString("title"), Summary: r.GetString("summary"), Body: r.GetString("body"), Number: r.GetInt("number"),
		Author: r.GetString("author"), Created: r.GetDateTime("created").Time()}
}

// StatementInput is the form of one language version.
type StatementInput struct {
	Title, Summary, Body, Language string
	Reviewed                       bool
	Topics, Meetings               []string
	// Deadline is the new signing deadline a change during signing needs (it starts a new round).
	Deadline time.Time
}

// Validate checks the form.
func (in *StatementInput) Validate() Errors {
	errs := Errors{}
	errs.Required("title", in.Title, 200)
	errs.MaxLen("summary", in.Summary, 1000)
	errs.Required("body", in.Body, 50000)
	if in.Language == "" {
		errs.Add("language", "error.required")
	}
	errs.OneOf("language", in.Language, Languages)
	return errs
}

// The workflows' own conditions (the statements rules leave writing to them).

// mayDraftStatement: members and coordinators draft statements.
func mayDraftStatement(u *User) bool { return u != nil && (u.Member() || u.Coordinator()) }

// mayEditStatement: its authors and the coordinators while drafted or discussed; during
// signing only coordinators (and a change starts signing again); never once published.
func mayEditStatement(u *User, s *Statement) bool {
	switch s.Status() {
	case "draft", "discussion":
		return u != nil && (s.Authored(u) || u.Coordinator())
	case "signing":
		return u != nil && u.Coordinator()
	}
	return false
}

// mayCommentStatement: members comment on a statement until it is published.
func mayCommentStatement(u *User, s *Statement) bool {
	return mayComment(u) && s.Status() != "published"
}

func mayCoordinateStatement(u *User) bool { return u != nil && u.Coordinator() }

// mayOpenSigning: coordinators open signing on a draft or a discussed statement, and set a new
// deadline once the old one has passed (a text changed then needs one).
func mayOpenSigning(u *User, s *Statement) bool {
	return mayCoordinateStatement(u) && (s.Status() == "draft" || s.Status() == "discussion" ||
		s.Status() == "signing" && !Now().Before(s.Deadline()))
}

// DraftStatement saves a new statement with its first (original) version.
func DraftStatement(app core.App, u *User, in StatementInput) (*Statement, error) {
	if !mayDraftStatement(u) {
		return nil, ErrForbidden
	}
	if errs := in.Validate(); errs.Any() {
		return nil, errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("statements")
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(coll)
	rec.Set("slug", uniqueStatementSlug(app, in.Title))
	rec.Set("language", in.Language)
	rec.Set("status", "draft")
	rec.Set("author", u.Id)
	st := &Statement{rec}
	err = app.RunInTransaction(func(tx core.App) error {
		setLinks(tx, st, in)
		return saveVersion(tx, u, st, in)
	})
	if err != nil {
		return nil, FromSaveError(err)
	}
	return st, nil
}

// reservedStatementSlugs are the words of the routes under /statements/ (web/routes.go): a
// statement named so would be unreachable.
var reservedStatementSlugs = []string{"new"}

// uniqueStatementSlug makes a free URL name from a title.
func uniqueStatementSlug(app core.App, title string) string {
	base := Slugify(title)
	if base == "org" {
		base = "stellungnahme"
	}
	slug := base
	for i := 2; ; i++ {
		if slices.Contains(reservedStatementSlugs, slug) {
			slug = fmt.Sprintf("%s-%d", base, i)
			continue
		}
		if n, _ := app.CountRecords("statements", dbx.HashExp{"slug": slug}); n == 0 {
			return slug
		}
		slug = fmt.Sprintf("%s-%d", base, i)
	}
}

// setLinks keeps the topics and meetings the form names that exist.
func setLinks(app core.App, st *Statement, in StatementInput) {
	if in.Topics == nil && in.Meetings == nil {
		return
	}
	exist := func(coll string, ids []string) []string {
		var out []string
		for _, id := range ids {
			if id = strings.TrimSpace(id); id != "" {
				if _, err := app.FindRecordById(coll, id); err == nil {
					out = append(out, id)
				}
			}
		}
		return out
	}
	st.Set("topics", exist("topics", in.Topics))
	st.Set("meetings", exist("meetings", in.Meetings))
}

// saveVersion writes a new version of in.Language and, for the original, the statement's
// title and summary; it saves the statement.
func saveVersion(tx core.App, u *User, st *Statement, in StatementInput) error {
	original := st.Language() == in.Language
	if original {
		st.Set("title", strings.TrimSpace(in.Title))
		st.Set("summary", strings.TrimSpace(in.Summary))
	} else if st.IsNew() {
		return Errors{"language": "error.choice"}
	}
	if err := tx.Save(st.Record); err != nil {
		return err
	}
	n := 0
	_ = tx.DB().Select("COALESCE(MAX(number), 0)").From("statement_versions").Where(dbx.HashExp{"statement": st.Id}).Row(&n)
	coll, err := tx.FindCachedCollectionByNameOrId("statement_versions")
	if err != nil {
		return err
	}
	v := core.NewRecord(coll)
	v.Set("statement", st.Id)
	v.Set("language", in.Language)
	v.Set("original", original)
	v.Set("reviewed", in.Reviewed && !original)
	v.Set("title", strings.TrimSpace(in.Title))
	v.Set("summary", strings.TrimSpace(in.Summary))
	v.Set("body", strings.TrimSpace(in.Body))
	v.Set("number", n+1)
	v.Set("author", u.Id)
	return tx.Save(v)
}

// SaveStatementVersion keeps a new version of one language (the original's or a translation).
// During signing it starts a new round: the organisations that signed are told and asked again.
// It returns how many of those mails failed.
func SaveStatementVersion(app core.App, u *User, st *Statement, in StatementInput) (failed int, err error) {
	if !mayEditStatement(u, st) {
		return 0, ErrForbidden
	}
	if errs := in.Validate(); errs.Any() {
		return 0, errs
	}
	var signers []string
	err = app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("statements", st.Id)
		if err != nil {
			return err
		}
		st.Record = fresh
		if !mayEditStatement(u, st) {
			return ErrForbidden
		}
		setLinks(tx, st, in)
		if st.Status() == "signing" {
			// A new round needs a new deadline in the future (the old one may be hours away).
			if in.Deadline.IsZero() {
				return Errors{"deadline": "error.required"}
			} else if !in.Deadline.After(Now()) {
				return Errors{"deadline": "statements.error.deadline_past"}
			}
			st.Set("deadline", in.Deadline.UTC())
			_ = tx.DB().Select("organisation").From("signatures").Where(dbx.HashExp{"statement": st.Id, "round": st.Round(),
				"decision": "sign", "withdrawn": false}).Column(&signers)
			st.Set("round", st.Round()+1)
		}
		return saveVersion(tx, u, st, in)
	})
	if err != nil {
		return 0, FromSaveError(err)
	}
	for _, org := range signers {
		failed += mailManagers(app, org, Letter{Subject: "statements.mail.again.subject", Body: "statements.mail.again.body",
			Data: map[string]any{"Title": st.Title()}, Action: "statements.mail.action",
			Link: URL(app, "/statements/"+st.Slug()+"#signing"), About: "statements/" + st.Id})
	}
	return failed, nil
}

// mailManagers mails the representatives and deputies of an organisation (its kept managers),
// each in their language, with the organisation's name as .Organisation; it returns how many
// mails failed.
func mailManagers(app core.App, orgID string, l Letter) (failed int) {
	org, err := app.FindRecordById("organisations", orgID)
	if err != nil {
		return 0
	}
	data := map[string]any{"Organisation": org.GetString("name")}
	for k, v := range l.Data {
		data[k] = v
	}
	l.Data = data
	managers, _ := app.FindRecordsByIds("users", org.GetStringSlice("managers"))
	for _, r := range managers {
		if SendTo(app, &User{r}, l) != nil {
			failed++
		}
	}
	return failed
}

// FindStatement returns the statement of slug that auth may view.
func FindStatement(app core.App, auth *core.Record, slug string) (*Statement, error) {
	rec, err := First(app, auth, "statements", Query{Filter: "slug = {:s}", Params: dbx.Params{"s": slug}})
	if err != nil {
		return nil, err
	}
	return &Statement{rec}, nil
}

// StatementVersions are all saved versions, newest first, as auth may see them.
func StatementVersions(app core.App, auth *core.Record, st *Statement) ([]Version, error) {
	recs, err := All(app, auth, "statement_versions", Query{Filter: "statement = {:s}", Params: dbx.Params{"s": st.Id}, Sort: "-number"})
	if err != nil {
		return nil, err
	}
	out := make([]Version, 0, len(recs))
	for _, r := range recs {
		out = append(out, versionOf(r))
	}
	return out, nil
}

// Current is the newest version of each language, the original first.
func Current(versions []Version) []Version {
	seen := map[string]bool{}
	var out []Version
	for _, v := range versions { // newest first
		if !seen[v.Language] {
			seen[v.Language] = true
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Original && !out[j].Original })
	return out
}

// TextFor picks the current version in lang, else the original (ok false then).
func TextFor(versions []Version, lang string) (Version, bool) {
	cur := Current(versions)
	for _, v := range cur {
		if v.Language == lang {
			return v, true
		}
	}
	if len(cur) > 0 {
		return cur[0], false
	}
	return Version{}, false
}

// DiffPart is one run of a word diff: "same", "add" or "del".
type DiffPart struct{ Kind, Text string }

var wordToken = regexp.MustCompile(`\s+|[^\s]+`)

// WordDiffTimeout bounds the work of one word diff (go-diff's default is a second).
const WordDiffTimeout = 100 * time.Millisecond

// WordDiff compares two texts word by word (go-diff on words: each distinct word becomes one
// rune, as its DiffLinesToRunes does for lines).
func WordDiff(a, b string) []DiffPart {
	index := map[string]rune{}
	var words []string
	encode := func(s string) []rune {
		var out []rune
		for _, w := range wordToken.FindAllString(s, -1) {
			r, ok := index[w]
			if !ok {
				n := rune(len(words) + 1)
				if n >= 0xD800 {
					n += 0x800 // no surrogates: they do not survive a string
				}
				r, index[w] = n, n
				words = append(words, w)
			}
			out = append(out, r)
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	decode := map[rune]string{}
	for w, r := range index {
		decode[r] = w
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = WordDiffTimeout // two long, wholly different texts: a coarser diff, soon
	diffs := dmp.DiffMainRunes(ra, rb, false)
	diffs = dmp.DiffCleanupMerge(diffs) // word by word: no semantic cleanup, which would swallow short equal words
	var out []DiffPart
	for _, d := range diffs {
		var b strings.Builder
		for _, r := range d.Text {
			b.WriteString(decode[r])
		}
		kind := "same"
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			kind = "add"
		case diffmatchpatch.DiffDelete:
			kind = "del"
		}
		out = append(out, DiffPart{Kind: kind, Text: b.String()})
	}
	return out
}

// StatementStep is a coordinator's (or, for discussion, an author's) step in a statement's life.
type StatementStep struct {
	Action   string    // "discussion", "signing", "publish", "withdraw", "coauthor"
	Deadline time.Time // for signing
	Reason   string    // for withdraw
	Coauthor string    // user id, for coauthor
}

// StepStatement moves a statement on: into discussion (authors, coordinators), into signing
// with a deadline in the future (coordinators; the text is frozen), published after the
// deadline (coordinators), withdrawn with a reason (coordinators), or a co-author added.
//
// It decides on the statement as stored at the moment of the step (read again in the
// transaction), so a page read before another's change does not undo it.
func StepStatement(app core.App, u *User, st *Statement, step StatementStep) error {
	return app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("statements", st.Id)
		if err != nil {
			return err
		}
		st.Record = fresh
		return stepStatement(tx, u, st, step)
	})
}

func stepStatement(app core.App, u *User, st *Statement, step StatementStep) error {
	now := Now()
	errs := Errors{}
	switch step.Action {
	case "discussion":
		if st.Status() != "draft" || !mayEditStatement(u, st) {
			return ErrForbidden
		}
		st.Set("status", "discussion")
	case "signing":
		if !mayOpenSigning(u, st) {
			return ErrForbidden
		}
		if step.Deadline.IsZero() {
			errs.Add("deadline", "error.required")
		} else if !step.Deadline.After(now) {
			errs.Add("deadline", "statements.error.deadline_past")
		}
		if errs.Any() {
			return errs
		}
		if st.Status() != "signing" { // a new deadline after the old one passed keeps the round's answers
			st.Set("round", st.Round()+1)
		}
		st.Set("status", "signing")
		st.Set("deadline", step.Deadline.UTC())
		st.Set("reminded_round", st.Round()-1) // the new deadline gets its reminder too
	case "publish":
		if !mayCoordinateStatement(u) || st.Status() != "signing" {
			return ErrForbidden
		}
		if now.Before(st.Deadline()) {
			return Errors{"publish": "statements.error.before_deadline"}
		}
		st.Set("status", "published")
		st.Set("published", now.UTC())
	case "withdraw":
		if !mayCoordinateStatement(u) || st.Status() != "published" || st.Withdrawn() {
			return ErrForbidden
		}
		errs.Required("reason", step.Reason, 2000)
		if errs.Any() {
			return errs
		}
		st.Set("withdrawn", true)
		st.Set("withdrawn_reason", strings.TrimSpace(step.Reason))
	case "coauthor":
		if !mayCoordinateStatement(u) || st.Status() == "published" {
			return ErrForbidden
		}
		other, err := app.FindRecordById("users", step.Coauthor)
		if err != nil || !(other.GetBool("member") || other.GetBool("coordinator")) {
			return Errors{"coauthor": "error.choice"}
		}
		if other.Id != st.Author() && !slices.Contains(st.Coauthors(), other.Id) {
			st.Set("coauthors", append(st.Coauthors(), other.Id))
		}
	default:
		return ErrForbidden
	}
	return FromSaveError(app.Save(st.Record))
}

// Signature is an organisation's answer in a signing round.
type Signature struct {
	ID, Organisation, OrgName, OrgSlug, OrgKind, Logo string
	Signer, Decision, Comment                         string
	Round                                             int
	Withdrawn                                         bool
	Created, WithdrawnAt                              time.Time
}

// Signatures are a statement's answers as auth may see them, the current round's first, then
// by time (the history: earlier rounds and withdrawals stay).
func Signatures(app core.App, auth *core.Record, st *Statement) ([]Signature, error) {
	recs, err := All(app, auth, "signatures", Query{Filter: "statement = {:s}", Params: dbx.Params{"s": st.Id}, Sort: "-round,created"})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.GetString("organisation"))
	}
	orgs := map[string]*core.Record{}
	if len(ids) > 0 {
		list, _ := All(app, auth, "organisations", Query{IDs: ids, Fields: []string{"name", "slug", "kind", "logo"}})
		for _, o := range list {
			orgs[o.Id] = o
		}
	}
	out := make([]Signature, 0, len(recs))
	for _, r := range recs {
		s := Signature{ID: r.Id, Organisation: r.GetString("organisation"), Signer: r.GetString("signer"),
			Decision: r.GetString("decision"), Comment: r.GetString("comment"), Round: r.GetInt("round"),
			Withdrawn: r.GetBool("withdrawn"), Created: r.GetDateTime("created").Time(), WithdrawnAt: r.GetDateTime("withdrawn_at").Time()}
		if o := orgs[s.Organisation]; o != nil {
			s.OrgName, s.OrgSlug, s.OrgKind = o.GetString("name"), o.GetString("slug"), o.GetString("kind")
			if logo := o.GetString("logo"); logo != "" {
				s.Logo = "/api/files/" + o.Collection().Id + "/" + o.Id + "/" + logo + "?thumb=96x96"
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// Signatories are the organisations that signed in the current round and did not withdraw:
// MSOs first, then the partners, each by name.
func Signatories(sigs []Signature, round int) []Signature {
	var out []Signature
	for _, s := range sigs {
		if s.Round == round && s.Decision == "sign" && !s.Withdrawn {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		mi, mj := IsMSO(out[i].OrgKind), IsMSO(out[j].OrgKind)
		if mi != mj {
			return mi
		}
		return strings.ToLower(out[i].OrgName) < strings.ToLower(out[j].OrgName)
	})
	return out
}

// IsMSO: migrant self-organisations and initiatives (the rest are partners).
func IsMSO(kind string) bool { return kind == "mso" || kind == "migrant_initiative" }

// SigningOrganisations is how many organisations may sign (members and partners).
func SigningOrganisations(app core.App) int {
	n := 0
	_ = app.DB().Select("COUNT(*)").From("organisations").Where(dbx.In("status", "member", "partner")).Row(&n)
	return n
}

// DateAndTime is a moment as a deadline shows it, in lang ("5. Dezember 2026, 18:00 Uhr").
func DateAndTime(lang string, t time.Time) string {
	return locales.Tf(lang, "time.at", -1, map[string]any{"Date": FormatDate(lang, t), "Time": FormatTime(lang, t)})
}

// ListOf joins names as lang does ("A, B" or Arabic "A، B").
func ListOf(lang string, names []string) string {
	return strings.Join(names, locales.T(lang, "statements.list_separator"))
}

// SigningOpen reports whether the statement takes answers now.
func SigningOpen(st *Statement) bool { return st.Status() == "signing" && Now().Before(st.Deadline()) }

// Sign is an organisation's answer, given by its representative or deputy: sign or decline,
// with an optional public comment. One answer per organisation and round (the unique index
// decides between two at the same moment).
func Sign(app core.App, u *User, st *Statement, orgID, decision, comment string) error {
	if u == nil {
		return ErrForbidden
	}
	errs := Errors{}
	if decision == "" {
		errs.Add("decision", "error.required")
	}
	errs.OneOf("decision", decision, SignatureDecisions)
	errs.MaxLen("comment", comment, 1000)
	if orgID == "" || !managesOrganisation(app, u.Id, orgID) {
		return ErrForbidden // only its representative or deputy answers for an organisation
	}
	if errs.Any() {
		return errs
	}
	if !SigningOpen(st) {
		return Errors{"decision": "statements.error.closed"}
	}
	if answered(app, st, orgID) {
		return Errors{"decision": "statements.error.answered"}
	}
	rec := trial(app, "signatures", map[string]any{"statement": st.Id, "organisation": orgID, "signer": u.Id,
		"round": st.Round(), "decision": decision, "comment": strings.TrimSpace(comment)})
	if rec == nil || !CanCreate(app, u.Record, rec, nil) {
		return ErrForbidden
	}
	if err := app.Save(rec); err != nil {
		if answered(app, st, orgID) { // the other manager was a moment faster
			return Errors{"decision": "statements.error.answered"}
		}
		return err
	}
	return nil
}

// answered reports whether the organisation has a standing answer in the current round.
func answered(app core.App, st *Statement, orgID string) bool {
	n := 0
	_ = app.DB().Select("COUNT(*)").From("signatures").Where(dbx.HashExp{"statement": st.Id, "organisation": orgID,
		"round": st.Round(), "withdrawn": false}).Row(&n)
	return n > 0
}

// WithdrawSignature takes an organisation's answer back before publication; the row stays in
// the statement's history, no longer counted.
func WithdrawSignature(app core.App, u *User, st *Statement, sigID string) error {
	if u == nil {
		return ErrForbidden
	}
	rec, err := app.FindFirstRecordByFilter("signatures", "id = {:id} && statement = {:s}", dbx.Params{"id": sigID, "s": st.Id})
	if err != nil {
		return ErrNotFound
	}
	if !canUpdateWith(app, u.Record, rec, map[string]any{"withdrawn": true}) {
		return ErrForbidden
	}
	rec.Set("withdrawn", true)
	rec.Set("withdrawn_at", Now().UTC())
	return app.Save(rec)
}

// canUpdateWith: the update rule for auth with body as the request body.
func canUpdateWith(app core.App, auth *core.Record, rec *core.Record, body map[string]any) bool {
	info := requestInfo(auth)
	info.Method = "PATCH"
	info.Body = body
	ok, err := app.CanAccessRecord(rec, info, rec.Collection().UpdateRule)
	return err == nil && ok
}

// AddAttachment adds a file (PDF or image, type and size checked by the field) to a statement.
func AddAttachment(app core.App, u *User, st *Statement, f *filesystem.File) error {
	if !mayEditStatement(u, st) {
		return ErrForbidden
	}
	if f == nil {
		return Errors{"attachment": "error.required"}
	}
	fresh, err := app.FindRecordById("statements", st.Id)
	if err != nil {
		return err
	}
	fresh.Set("attachments+", f)
	if err := app.Save(fresh); err != nil {
		return Errors{"attachment": "statements.error.attachment"}
	}
	st.Record = fresh
	return nil
}

// StatementComments reads a statement's comments with their replies, oldest first.
func StatementComments(app core.App, auth *core.Record, st *Statement) ([]Comment, error) {
	recs, err := All(app, auth, "comments", Query{Filter: "statement = {:s}", Params: dbx.Params{"s": st.Id}, Sort: "created"})
	if err != nil {
		return nil, err
	}
	return threaded(app, auth, recs), nil
}

// threaded makes comments with one level of replies from records, oldest first.
func threaded(app core.App, auth *core.Record, recs []*core.Record) []Comment {
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.GetString("author"))
	}
	names := VisibleNames(app, auth, ids)
	var top []Comment
	index := map[string]int{}
	for _, r := range recs {
		c := Comment{ID: r.Id, Parent: r.GetString("parent"), Author: r.GetString("author"), AuthorName: names[r.GetString("author")],
			Body: r.GetString("body"), Hidden: r.GetBool("hidden"), HiddenReason: r.GetString("hidden_reason"),
			Created: r.GetDateTime("created").Time()}
		if c.Hidden {
			c.Body = ""
		}
		if i, ok := index[c.Parent]; ok && c.Parent != "" {
			top[i].Replies = append(top[i].Replies, c)
			continue
		}
		index[c.ID] = len(top)
		top = append(top, c)
	}
	return top
}

// AddStatementComment writes a member's comment on a statement, or a reply (one level).
func AddStatementComment(app core.App, u *User, st *Statement, parentID, body string) error {
	if !mayCommentStatement(u, st) {
		return ErrForbidden
	}
	return addComment(app, u, "statement", st.Id, parentID, body)
}

// StatementFilter narrows the statements list.
type StatementFilter struct {
	Status string
	Page   int
}

// StatementRow is one line of the statements list.
type StatementRow struct {
	ID        string         `db:"id"`
	Slug      string         `db:"slug"`
	Title     string         `db:"title"`
	Summary   string         `db:"summary"`
	Language  string         `db:"language"`
	Status    string         `db:"status"`
	Signed    int            `db:"signed"`
	Withdrawn bool           `db:"withdrawn"`
	Published types.DateTime `db:"published"`
	Deadline  types.DateTime `db:"deadline"`
}

// StatementsPerPage is the length of a page of the statements list.
const StatementsPerPage = 50

// Statements lists the statements auth may see (the public: published ones), newest first.
func Statements(app core.App, auth *core.Record, f StatementFilter) (*Page, []StatementRow, error) {
	q := Query{Sort: "-published,-created", Page: f.Page, PerPage: StatementsPerPage,
		Fields: []string{"slug", "title", "summary", "language", "status", "signed", "withdrawn", "published", "deadline"}}
	if slices.Contains(StatementStatuses, f.Status) {
		q.Filter, q.Params = "status = {:st}", dbx.Params{"st": f.Status}
	}
	var rows []StatementRow
	p, err := ListInto(app, auth, "statements", q, &rows)
	return p, rows, err
}

// LatestStatements are the n newest published statements (for the home page and the feed).
func LatestStatements(app core.App, n int) ([]*Statement, error) {
	recs, err := app.FindRecordsByFilter("statements", `status = "published"`, "-published", n, 0)
	if err != nil {
		return nil, err
	}
	out := make([]*Statement, 0, len(recs))
	for _, r := range recs {
		out = append(out, &Statement{r})
	}
	return out, nil
}

// sitemapStatements lists the published statements (withdrawn ones stay readable, so they stay
// listed), read as the public may see them.
func sitemapStatements(app core.App) ([]SitemapEntry, error) {
	rows, err := publicRows(app, "statements", Query{Filter: `status = "published"`, Fields: []string{"slug"}, Sort: "-published"})
	if err != nil {
		return nil, err
	}
	out := []SitemapEntry{{Path: "/statements"}}
	for _, r := range rows {
		out = append(out, SitemapEntry{Path: "/statements/" + r.GetString("slug"), Modified: r.GetDateTime("updated").Time()})
	}
	return out, nil
}

// StatementCaps is what a reader may do on a statement's page.
type StatementCaps struct {
	Edit, Comment, Report, Hide bool
	Discussion                  bool // put the draft up for discussion
	OpenSigning, Publish        bool
	Withdraw, Coauthor          bool
	Sign                        []Option // the organisations they may answer for now
	// Versions: the reader sees the saved versions (the versions rule: the members, and the
	// public once published), so the page lists them with the diff.
	Versions bool
	// History: the reader sees every answer, earlier rounds' and withdrawn ones (the signatures rule).
	History bool
}

// StatementCan is what auth may do with st.
func StatementCan(app core.App, auth *core.Record, st *Statement) StatementCaps {
	u := AsUser(auth)
	c := StatementCaps{Edit: mayEditStatement(u, st), Comment: mayCommentStatement(u, st), Report: mayReport(u), Hide: mayHide(u)}
	coord := mayCoordinateStatement(u)
	c.Discussion = st.Status() == "draft" && c.Edit
	c.OpenSigning = mayOpenSigning(u, st)
	c.Publish = coord && st.Status() == "signing"
	c.Withdraw = coord && st.Status() == "published" && !st.Withdrawn()
	c.Coauthor = coord && st.Status() != "published"
	if vs, err := app.FindCachedCollectionByNameOrId("statement_versions"); err == nil {
		c.Versions = canRow(app, auth, trial(app, "statement_versions", map[string]any{"statement": st.Id, "language": st.Language(),
			"title": st.Title(), "number": 1}), vs.ListRule, nil)
	}
	if sg, err := app.FindCachedCollectionByNameOrId("signatures"); err == nil {
		c.History = canRow(app, auth, trial(app, "signatures", map[string]any{"statement": st.Id, "round": st.Round(),
			"decision": "decline", "withdrawn": true}), sg.ListRule, nil)
	}
	if u != nil && SigningOpen(st) {
		for _, o := range ManagedOrganisations(app, u.Id) {
			if answered(app, st, o.Value) {
				continue
			}
			if mayCreate(app, auth, trial(app, "signatures", map[string]any{"statement": st.Id, "organisation": o.Value,
				"signer": u.Id, "round": st.Round(), "decision": "sign"})) {
				c.Sign = append(c.Sign, o)
			}
		}
	}
	return c
}

// CanWithdrawSignature: the signatures update rule, for the withdrawal.
func CanWithdrawSignature(app core.App, auth *core.Record, sigID string) bool {
	rec, err := app.FindRecordById("signatures", sigID)
	return err == nil && auth != nil && canUpdateWith(app, auth, rec, map[string]any{"withdrawn": true})
}

// MaySeeUnpublished reports whether auth sees statements before publication (the statements
// rule, asked of a draft), so the list offers the status filter.
func MaySeeUnpublished(app core.App, auth *core.Record) bool {
	coll, err := app.FindCachedCollectionByNameOrId("statements")
	if err != nil {
		return false
	}
	return canRow(app, auth, trial(app, "statements", map[string]any{"slug": "x", "title": "x", "language": "de", "status": "draft"}),
		coll.ListRule, nil)
}

// MayDraftStatement reports whether auth may draft statements.
func MayDraftStatement(auth *core.Record) bool { return mayDraftStatement(AsUser(auth)) }

// SendStatementReminders mails the managers of the organisations that have not answered, three
// days before a signing deadline, once per round (reminded_round), and returns how many mails
// it sent. A cron job runs it every 15 minutes.
func SendStatementReminders(app core.App, now time.Time) (int, error) {
	var due []*core.Record
	until := types.NowDateTime()
	_ = until.Scan(now.Add(StatementReminderBefore).UTC())
	from := types.NowDateTime()
	_ = from.Scan(now.UTC())
	err := app.RecordQuery("statements").AndWhere(dbx.HashExp{"status": "signing"}).
		AndWhere(dbx.NewExp("reminded_round < round AND deadline > {:from} AND deadline <= {:until}",
			dbx.Params{"from": from.String(), "until": until.String()})).All(&due)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, rec := range due {
		st := &Statement{rec}
		// Remembered first: a second run (or a crash mid-way) sends nothing twice.
		if _, err := app.DB().Update("statements", dbx.Params{"reminded_round": st.Round()}, dbx.HashExp{"id": st.Id}).Execute(); err != nil {
			return sent, err
		}
		var orgs []string
		err := app.DB().Select("id").From("organisations").Where(dbx.In("status", "member", "partner")).
			AndWhere(dbx.NewExp("id NOT IN (SELECT organisation FROM signatures WHERE statement = {:s} AND round = {:r} AND withdrawn = FALSE)",
				dbx.Params{"s": st.Id, "r": st.Round()})).Column(&orgs)
		if err != nil {
			return sent, err
		}
		for _, org := range orgs {
			o, err := app.FindRecordById("organisations", org)
			if err != nil {
				continue
			}
			managers, _ := app.FindRecordsByIds("users", o.GetStringSlice("managers"))
			for _, m := range managers {
				u := &User{m}
				l := Letter{Subject: "statements.mail.reminder.subject", Body: "statements.mail.reminder.body",
					Data: map[string]any{"Title": st.Title(), "Organisation": o.GetString("name"),
						"Deadline": DateAndTime(u.Language(), st.Deadline())},
					Action: "statements.mail.action", Link: URL(app, "/statements/"+st.Slug()+"#signing"), About: "statements/" + st.Id}
				if SendTo(app, u, l) == nil {
					sent++
				}
			}
		}
	}
	return sent, nil
}

// bindStatements keeps statements.signed in the writing transaction of any signature write
// (also from /api/), checks that a comment belongs to exactly one of topic and statement, and
// runs the reminders.
func bindStatements(app core.App) {
	const signedSQL = `UPDATE statements SET signed = (SELECT COUNT(*) FROM signatures s WHERE s.statement = statements.id ` +
		`AND s.round = statements.round AND s.decision = 'sign' AND s.withdrawn = FALSE) WHERE id = {:s}`
	count := func(key string) func(*core.RecordEvent) error {
		return keptInTx(nil, func(tx core.App, r *core.Record) error {
			id := r.Id
			if key != "" {
				id = r.GetString(key)
			}
			_, err := tx.DB().NewQuery(signedSQL).Bind(dbx.Params{"s": id}).Execute()
			return err
		})
	}
	app.OnRecordCreateExecute("signatures").BindFunc(count("statement"))
	app.OnRecordUpdateExecute("signatures").BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetBool("withdrawn") && e.Record.GetDateTime("withdrawn_at").IsZero() {
			e.Record.Set("withdrawn_at", Now().UTC()) // a withdrawal through /api/ is dated too
		}
		return count("statement")(e)
	})
	app.OnRecordDeleteExecute("signatures").BindFunc(count("statement"))
	// /api/ answers by the workflows' clock (Now), as the pages: the rules' @now is the real
	// time, which a test (or a moved clock) does not move. An answer only while signing is open;
	// a withdrawal until the statement is published.
	app.OnRecordCreateRequest("signatures").BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() {
			rec, err := e.App.FindRecordById("statements", e.Record.GetString("statement"))
			if err != nil || !SigningOpen(&Statement{rec}) {
				return e.BadRequestError("The statement takes no answers now.", nil)
			}
		}
		return e.Next()
	})
	app.OnRecordUpdateRequest("signatures").BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() {
			rec, err := e.App.FindRecordById("statements", e.Record.Original().GetString("statement"))
			if err != nil || rec.GetString("status") != "signing" {
				return e.BadRequestError("The statement is no longer being signed.", nil)
			}
		}
		return e.Next()
	})
	app.OnRecordUpdateExecute("statements").BindFunc(count(""))
	app.OnRecordValidate("comments").BindFunc(func(e *core.RecordEvent) error {
		if (e.Record.GetString("topic") == "") == (e.Record.GetString("statement") == "") {
			return Errors{"topic": "error.choice"}
		}
		return e.Next()
	})
	app.Cron().MustAdd("statement_reminders", "*/15 * * * *", func() {
		if _, err := SendStatementReminders(app, Now()); err != nil {
			app.Logger().Error("statement reminders", "error", err)
		}
	})
}

// commentPath is the address of a comment on its topic's or statement's page.
func commentPath(app core.App, comment *core.Record) string {
	if id := comment.GetString("statement"); id != "" {
		if st, err := app.FindRecordById("statements", id); err == nil {
			return "/statements/" + st.GetString("slug") + "#comment-" + comment.Id
		}
	}
	return "/topics/" + comment.GetString("topic") + "#comment-" + comment.Id
}

// CoauthorOptions are the members a coordinator may add as co-authors, by name.
func CoauthorOptions(app core.App) []Option {
	var rows []Option
	_ = app.DB().Select("id AS value", "name AS label").From("users").
		Where(dbx.NewExp("member = TRUE OR coordinator = TRUE")).OrderBy("name").All(&rows)
	return rows
}

// StatementLinkOptions are the topics and meetings (50 newest each, as auth may see them) a
// statement's form offers to link.
func StatementLinkOptions(app core.App, auth *core.Record) (topics, meetings []Option) {
	if p, err := List(app, auth, "topics", Query{Sort: "-created", PerPage: 50, NoCount: true, Fields: []string{"title"}}); err == nil {
		for _, r := range p.Records {
			topics = append(topics, Option{Value: r.Id, Label: r.GetString("title")})
		}
	}
	if p, err := List(app, auth, "meetings", Query{Sort: "-created", PerPage: 50, NoCount: true, Fields: []string{"title"}}); err == nil {
		for _, r := range p.Records {
			meetings = append(meetings, Option{Value: r.Id, Label: r.GetString("title")})
		}
	}
	return topics, meetings
}

// TitlesIn are the current titles and summaries in lang of the statements ids (as auth may see
// their versions), for lists that speak the reader's language; a statement without a version in
// lang is missing from the map.
func TitlesIn(app core.App, auth *core.Record, ids []string, lang string) map[string][2]string {
	out := map[string][2]string{}
	if len(ids) == 0 {
		return out
	}
	parts := make([]string, len(ids))
	params := dbx.Params{"lang": lang}
	for i, id := range ids {
		parts[i] = fmt.Sprintf("statement = {:s%d}", i)
		params[fmt.Sprintf("s%d", i)] = id
	}
	recs, err := All(app, auth, "statement_versions", Query{Filter: "language = {:lang} && (" + strings.Join(parts, " || ") + ")",
		Params: params, Sort: "-number", Fields: []string{"statement", "title", "summary"}})
	if err != nil {
		return out
	}
	for _, r := range recs { // newest first
		if _, ok := out[r.GetString("statement")]; !ok {
			out[r.GetString("statement")] = [2]string{r.GetString("title"), r.GetString("summary")}
		}
	}
	return out
}
