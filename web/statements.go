package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/gorilla/feeds"
	"github.com/labstack/echo/v4"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"komitee/committee"
	"komitee/locales"
	"komitee/views"
	"komitee/views/statements"
)

// statements is /statements: the published statements; members also see the others.
func (s *Server) statements(c echo.Context) error {
	lang := c.Get(langKey).(string)
	auth := authRecord(c)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	f := statements.Filters{Status: c.QueryParam("status")}
	if !slices.Contains(committee.StatementStatuses, f.Status) {
		f.Status = ""
	}
	result, rows, err := committee.Statements(s.app, auth, committee.StatementFilter{Status: f.Status, Page: page})
	if err != nil {
		return err
	}
	m := statements.List{Filters: f, Page: result.Page, TotalPages: result.TotalPages, Total: result.TotalItems,
		CanDraft: committee.MayDraftStatement(auth)}
	if committee.MaySeeUnpublished(s.app, auth) {
		m.Statuses = options(lang, "statements.status.", committee.StatementStatuses)
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	titles := committee.TitlesIn(s.app, auth, ids, lang) // in the reader's language where it exists
	for _, r := range rows {
		if t, ok := titles[r.ID]; ok {
			r.Title, r.Summary = t[0], t[1]
		}
		m.Rows = append(m.Rows, statementRow(lang, r))
	}
	if c.Request().Header.Get("HX-Target") == "results" {
		return s.render(c, statements.Results(m))
	}
	return s.render(c, statements.ListPage(m))
}

func statementRow(lang string, r committee.StatementRow) statements.Row {
	row := statements.Row{Slug: r.Slug, Title: r.Title, Summary: r.Summary, Status: r.Status, Signed: r.Signed, Withdrawn: r.Withdrawn}
	if !r.Published.IsZero() {
		row.Date = committee.FormatDate(lang, r.Published.Time())
	}
	return row
}

// LatestStatements is the home page's section (views/home): the three newest published statements.
func (s *Server) latestStatements(lang string) statements.Latest {
	var m statements.Latest
	list, _ := committee.LatestStatements(s.app, 3)
	var ids []string
	for _, st := range list {
		ids = append(ids, st.Id)
	}
	titles := committee.TitlesIn(s.app, nil, ids, lang)
	for _, st := range list {
		title, summary := st.Title(), st.Summary()
		if t, ok := titles[st.Id]; ok {
			title, summary = t[0], t[1]
		}
		m.Rows = append(m.Rows, statements.Row{Slug: st.Slug(), Title: title, Summary: summary, Status: st.Status(),
			Signed: st.Signed(), Withdrawn: st.Withdrawn(), Date: committee.FormatDate(lang, st.Published())})
	}
	return m
}

// statementInput reads the form of a language version.
func statementInput(c echo.Context) committee.StatementInput {
	in := committee.StatementInput{Title: field(c, "title"), Summary: field(c, "summary"), Body: c.FormValue("body"),
		Language: field(c, "language"), Reviewed: field(c, "reviewed") == "on"}
	if field(c, "links") == "1" { // the form offered the links: none ticked means none
		in.Topics, in.Meetings = append([]string{}, fields(c, "topics")...), append([]string{}, fields(c, "meetings")...)
	}
	return in
}

// statementNew shows the form for a new statement (members).
func (s *Server) statementNew(c echo.Context) error {
	if _, err := s.drafter(c); err != nil {
		return err
	}
	return s.render(c, statements.FormPage(s.statementForm(c, nil, committee.StatementInput{Language: c.Get(langKey).(string)}, nil)))
}

func (s *Server) drafter(c echo.Context) (*committee.User, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, err
	}
	if !committee.MayDraftStatement(u.Record) {
		return nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, nil
}

// statementCreate saves the first draft.
func (s *Server) statementCreate(c echo.Context) error {
	u, err := s.drafter(c)
	if err != nil {
		return err
	}
	in := statementInput(c)
	st, err := committee.DraftStatement(s.app, u, in)
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, statements.FormPage(s.statementForm(c, nil, in, errs)))
	}
	flash(c, "flash.statement_drafted")
	return redirect(c, "/statements/"+st.Slug())
}

// statementForm builds the form: a new statement (st nil), or a version of st in in.Language.
func (s *Server) statementForm(c echo.Context, st *committee.Statement, in committee.StatementInput, errs committee.Errors) statements.Form {
	lang := c.Get(langKey).(string)
	f := statements.Form{Title: in.Title, Summary: in.Summary, Body: in.Body, Language: in.Language, Reviewed: in.Reviewed,
		Errors: errs, Languages: languageOptions(lang), Topics: in.Topics, Meetings: in.Meetings}
	if st == nil || in.Language == st.Language() {
		f.ShowLinks = true
		topics, meetings := committee.StatementLinkOptions(s.app, authRecord(c))
		f.TopicOptions, f.MeetingOptions = optionsOf(topics), optionsOf(meetings)
		if st != nil && in.Topics == nil && in.Meetings == nil {
			f.Topics, f.Meetings = st.Topics(), st.Meetings()
		}
	}
	if st == nil {
		f.Action, f.Heading = "/statements/new", "statements.new.title"
		return f
	}
	f.Slug, f.Action, f.LanguageFixed = st.Slug(), "/statements/"+st.Slug()+"/edit", true
	f.ShowReviewed = in.Language != st.Language()
	f.Signing = st.Status() == "signing"
	if f.Signing {
		f.DeadlineDate, f.DeadlineTime = field(c, "deadline_date"), orDefault(field(c, "deadline_time"), "18:00")
	}
	f.Heading = "statements.edit.title"
	if f.ShowReviewed {
		f.Heading = "statements.translation.title"
	}
	return f
}

// findStatement loads the statement of :slug that the reader may view.
func (s *Server) findStatement(c echo.Context) (*committee.Statement, error) {
	return committee.FindStatement(s.app, authRecord(c), c.Param("slug"))
}

// statementEdit shows the form of a language version (?language=, the original's by default),
// filled with its current text.
func (s *Server) statementEdit(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	if !committee.StatementCan(s.app, u.Record, st).Edit {
		return echo.NewHTTPError(http.StatusForbidden)
	}
	lang := c.QueryParam("language")
	if !slices.Contains(committee.Languages, lang) {
		lang = st.Language()
	}
	in := committee.StatementInput{Language: lang}
	versions, err := committee.StatementVersions(s.app, u.Record, st)
	if err != nil {
		return err
	}
	if v, ok := committee.TextFor(versions, lang); ok {
		in.Title, in.Summary, in.Body, in.Reviewed = v.Title, v.Summary, v.Body, v.Reviewed
	} else if v.ID != "" {
		in.Title, in.Summary, in.Body = v.Title, v.Summary, v.Body // a translation starts from the original
	}
	return s.render(c, statements.FormPage(s.statementForm(c, st, in, nil)))
}

// statementUpdate keeps a new version.
func (s *Server) statementUpdate(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	in := statementInput(c)
	if st.Status() == "signing" && field(c, "deadline_date") != "" { // a change during signing needs a new deadline
		t, perr := committee.ParseLocal(field(c, "deadline_date"), orDefault(field(c, "deadline_time"), "18:00"))
		if perr != nil {
			return s.renderForm(c, statements.FormPage(s.statementForm(c, st, in, committee.Errors{"deadline": committee.TimeErrorKey(perr)})))
		}
		in.Deadline = t
	}
	failed, err := committee.SaveStatementVersion(s.app, u, st, in)
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, statements.FormPage(s.statementForm(c, st, in, errs)))
	}
	if failed > 0 {
		flashCount(c, "flash.statement_mail_failed", failed)
	} else {
		flash(c, "flash.statement_version_saved")
	}
	return redirect(c, "/statements/"+st.Slug())
}

// statementShow is a statement's page; ?text= picks another language version.
func (s *Server) statementShow(c echo.Context) error {
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	m, err := s.statementModel(c, st)
	if err != nil {
		return err
	}
	return s.render(c, statements.ShowPage(m))
}

// versionLabel is a version as the lists of versions name it: no text (its Markdown is not
// rendered for a label).
func versionLabel(lang string, names map[string]string, v committee.Version) statements.Text {
	return statements.Text{ID: v.ID, Language: v.Language, Original: v.Original, Reviewed: v.Reviewed, Number: v.Number,
		Author: names[v.Author], Date: committee.FormatDate(lang, v.Created)}
}

// ogLocales are Open Graph's language_TERRITORY for the languages (the territory where the
// language is most read here or at home); a language without one is its bare code.
var ogLocales = map[string]string{
	"de": "de_DE", "en": "en_GB", "ar": "ar_SY", "fa": "fa_IR", "prs": "fa_AF", "ps": "ps_AF", "ku": "ku_TR", "ckb": "ckb_IQ",
	"tr": "tr_TR", "ru": "ru_RU", "uk": "uk_UA", "pl": "pl_PL", "cs": "cs_CZ", "ro": "ro_RO", "bg": "bg_BG", "hu": "hu_HU",
	"sq": "sq_AL", "sr": "sr_RS", "hr": "hr_HR", "bs": "bs_BA", "ka": "ka_GE", "hy": "hy_AM", "az": "az_AZ", "ti": "ti_ER",
	"so": "so_SO", "am": "am_ET", "fr": "fr_FR", "es": "es_ES", "pt": "pt_PT", "it": "it_IT", "vi": "vi_VN", "zh": "zh_CN",
	"hi": "hi_IN", "ur": "ur_PK", "ta": "ta_IN", "hsb": "hsb_DE",
}

func ogLocale(lang string) string {
	if l, ok := ogLocales[lang]; ok {
		return l
	}
	return lang
}

func textOf(lang string, names map[string]string, v committee.Version) statements.Text {
	return statements.Text{ID: v.ID, Language: v.Language, Title: v.Title, Summary: v.Summary, Body: committee.Markdown(v.Body),
		Original: v.Original, Reviewed: v.Reviewed, Number: v.Number, Author: names[v.Author], Date: committee.FormatDate(lang, v.Created)}
}

func (s *Server) statementModel(c echo.Context, st *committee.Statement) (statements.Show, error) {
	lang := c.Get(langKey).(string)
	u, auth := currentUser(c), authRecord(c)
	can := committee.StatementCan(s.app, auth, st)
	m := statements.Show{Slug: st.Slug(), Status: st.Status(), Round: st.Round(), Signed: st.Signed(),
		Eligible: committee.SigningOrganisations(s.app), SigningOpen: committee.SigningOpen(st), Withdrawn: st.Withdrawn(),
		WithdrawnReason: st.WithdrawnReason(), URL: committee.URL(s.app, "/statements/"+st.Slug()),
		CanEdit: can.Edit, CanComment: can.Comment, CanReport: can.Report, CanHide: can.Hide, CanDiscussion: can.Discussion,
		CanOpenSigning: can.OpenSigning, CanPublish: can.Publish, CanWithdraw: can.Withdraw, CanCoauthor: can.Coauthor,
		SignFor: optionsOf(can.Sign), Languages: languageOptions(lang)}
	if !st.Published().IsZero() {
		m.Date = committee.FormatDate(lang, st.Published())
	} else {
		m.Date = committee.FormatDate(lang, st.GetDateTime("created").Time())
	}
	if st.Status() == "signing" {
		m.Deadline = committee.DateAndTime(lang, st.Deadline())
	}
	versions, err := committee.StatementVersions(s.app, auth, st)
	if err != nil {
		return m, err
	}
	var ids []string
	for _, v := range versions {
		ids = append(ids, v.Author)
	}
	names := committee.VisibleNames(s.app, auth, ids)
	want := lang
	if t := c.QueryParam("text"); slices.Contains(committee.Languages, t) {
		want = t
	}
	text, found := committee.TextFor(versions, want)
	m.Text, m.Fallback = textOf(lang, names, text), !found && text.ID != ""
	m.Locale = ogLocale(text.Language)
	for _, v := range committee.Current(versions) {
		if v.ID != text.ID {
			m.Others = append(m.Others, textOf(lang, names, v))
		}
	}
	if can.Versions {
		for _, v := range versions {
			m.Versions = append(m.Versions, versionLabel(lang, names, v))
		}
		if len(versions) > 1 {
			m.DiffFrom = versions[previousIndex(versions, versions[0])].ID
		}
	}
	for _, a := range st.Attachments() {
		m.Attachments = append(m.Attachments, statements.Link{Text: a, Href: "/statements/" + st.Slug() + "/files/" + url.PathEscape(a)})
	}
	for _, id := range st.Topics() {
		if t, err := committee.FindTopic(s.app, auth, id); err == nil {
			m.Topics = append(m.Topics, statements.Link{Text: t.Title(), Href: "/topics/" + t.Id})
		}
	}
	for _, id := range st.Meetings() {
		if mt, err := committee.FindMeeting(s.app, auth, id); err == nil {
			m.Meetings = append(m.Meetings, statements.Link{Text: mt.Title(), Href: "/meetings/" + mt.Id})
		}
	}
	sigs, err := committee.Signatures(s.app, auth, st)
	if err != nil && err != committee.ErrForbidden {
		return m, err
	}
	sig := func(x committee.Signature) statements.Signatory {
		out := statements.Signatory{ID: x.ID, Name: x.OrgName, Slug: x.OrgSlug, Kind: x.OrgKind, Logo: x.Logo, Comment: x.Comment,
			Decision: x.Decision, Round: x.Round, Withdrawn: x.Withdrawn, Current: x.Round == st.Round(),
			Date: committee.FormatDate(lang, x.Created)}
		if x.Withdrawn {
			out.WithdrawnDate = committee.FormatDate(lang, x.WithdrawnAt)
		}
		return out
	}
	for _, x := range committee.Signatories(sigs, st.Round()) {
		if committee.IsMSO(x.OrgKind) {
			m.MSOs = append(m.MSOs, sig(x))
		} else {
			m.Partners = append(m.Partners, sig(x))
		}
		if m.Image == "" && x.Logo != "" {
			m.Image = committee.URL(s.app, x.Logo)
		}
	}
	if can.History {
		managed := map[string]bool{} // only their own organisations' answers can be theirs to withdraw
		if st.Status() == "signing" {
			for _, o := range committee.ManagedOrganisations(s.app, u.Id) {
				managed[o.Value] = true
			}
		}
		for _, x := range sigs {
			row := sig(x)
			row.CanWithdraw = managed[x.Organisation] && !x.Withdrawn && x.Round == st.Round() &&
				committee.CanWithdrawSignature(s.app, auth, x.ID)
			m.History = append(m.History, row)
		}
	}
	if can.Coauthor {
		m.Members = optionsOf(committee.CoauthorOptions(s.app))
		for _, o := range m.Members {
			if slices.Contains(st.Coauthors(), o.Value) {
				m.Coauthors = append(m.Coauthors, o)
			}
		}
	}
	list, err := committee.StatementComments(s.app, auth, st)
	if err != nil {
		return m, err
	}
	m.Comments = commentRows(lang, u, list)
	return m, nil
}

// afterStatementStep answers a form on the statement page: back to the page (at anchor) with
// a flash, or the page again with the problem at the form, its input kept (422).
func (s *Server) afterStatementStep(c echo.Context, st *committee.Statement, err error, form string, kept map[string]string,
	ok, anchor string) error {
	errs, err := formErrors(err)
	if err != nil {
		return err
	}
	if errs != nil {
		if fresh, ferr := committee.FindStatement(s.app, authRecord(c), st.Slug()); ferr == nil {
			st = fresh
		}
		m, err := s.statementModel(c, st)
		if err != nil {
			return err
		}
		m.ErrorFor, m.Errors, m.Kept = form, errs, kept
		return s.renderForm(c, statements.ShowPage(m))
	}
	flash(c, ok)
	return redirect(c, "/statements/"+st.Slug()+anchor)
}

// statementStatus is a step: discussion, signing (with a deadline), publish, withdraw.
func (s *Server) statementStatus(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	action := field(c, "action")
	kept := map[string]string{"deadline_date": field(c, "deadline_date"), "deadline_time": field(c, "deadline_time"), "reason": field(c, "reason")}
	step := committee.StatementStep{Action: action, Reason: kept["reason"]}
	if action == "signing" && kept["deadline_date"] != "" {
		t, perr := committee.ParseLocal(kept["deadline_date"], orDefault(kept["deadline_time"], "18:00"))
		if perr != nil {
			return s.afterStatementStep(c, st, committee.Errors{"deadline": committee.TimeErrorKey(perr)}, "signing", kept, "", "")
		}
		step.Deadline = t
	}
	err = committee.StepStatement(s.app, u, st, step)
	return s.afterStatementStep(c, st, err, action, kept, "flash.statement_"+action, "")
}

// statementCoauthor adds a co-author (coordinators).
func (s *Server) statementCoauthor(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	kept := map[string]string{"coauthor": field(c, "coauthor")}
	err = committee.StepStatement(s.app, u, st, committee.StatementStep{Action: "coauthor", Coauthor: kept["coauthor"]})
	return s.afterStatementStep(c, st, err, "coauthor", kept, "flash.saved", "")
}

// statementSign is an organisation's answer.
func (s *Server) statementSign(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	kept := map[string]string{"organisation": field(c, "organisation"), "decision": field(c, "decision"), "comment": field(c, "comment")}
	err = committee.Sign(s.app, u, st, kept["organisation"], kept["decision"], kept["comment"])
	return s.afterStatementStep(c, st, err, "sign", kept, "flash.statement_signed", "#signing")
}

// statementWithdrawSignature takes an organisation's answer back.
func (s *Server) statementWithdrawSignature(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	err = committee.WithdrawSignature(s.app, u, st, c.Param("id"))
	return s.afterStatementStep(c, st, err, "sign", nil, "flash.statement_signature_withdrawn", "#signing")
}

// statementAttach adds an attachment.
func (s *Server) statementAttach(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	var f *filesystem.File
	if fh, ferr := c.FormFile("attachment"); ferr == nil && fh.Size > 0 {
		f, _ = filesystem.NewFileFromMultipart(fh)
	}
	err = committee.AddAttachment(s.app, u, st, f)
	return s.afterStatementStep(c, st, err, "attachment", nil, "flash.statement_attached", "")
}

// statementDiff is the word diff between two versions (?from=&to=, the two newest by default).
func (s *Server) statementDiff(c echo.Context) error {
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	versions, err := committee.StatementVersions(s.app, authRecord(c), st)
	if err != nil {
		return err
	}
	if len(versions) == 0 {
		return committee.ErrNotFound
	}
	lang := c.Get(langKey).(string)
	pick := func(id string, def int) committee.Version {
		for _, v := range versions {
			if v.ID == id {
				return v
			}
		}
		return versions[min(def, len(versions)-1)]
	}
	to := pick(c.QueryParam("to"), 0)
	from := pick(c.QueryParam("from"), previousIndex(versions, to))
	m := statements.Diff{Slug: st.Slug(), Title: st.Title(), From: from.ID, To: to.ID}
	var texts []statements.Text
	for _, v := range versions {
		texts = append(texts, versionLabel(lang, nil, v))
	}
	for _, o := range versionChoices(c, texts) {
		m.Versions = append(m.Versions, o)
	}
	whole := func(v committee.Version) string { return v.Title + "\n\n" + v.Summary + "\n\n" + v.Body }
	for _, p := range committee.WordDiff(whole(from), whole(to)) {
		m.Parts = append(m.Parts, statements.Part{Kind: p.Kind, Text: p.Text})
	}
	return s.render(c, statements.DiffPage(m))
}

func versionChoices(c echo.Context, texts []statements.Text) []views.Option {
	lang := c.Get(langKey).(string)
	out := make([]views.Option, len(texts))
	for i, v := range texts {
		out[i] = views.Option{Value: v.ID, Label: locales.Tf(lang, "statements.version", -1, map[string]any{"Number": strconv.Itoa(v.Number)}) +
			" · " + locales.LanguageName(lang, v.Language)}
	}
	return out
}

// statementCompare shows two languages side by side (?a=&b=).
func (s *Server) statementCompare(c echo.Context) error {
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	versions, err := committee.StatementVersions(s.app, authRecord(c), st)
	if err != nil {
		return err
	}
	lang := c.Get(langKey).(string)
	cur := committee.Current(versions)
	if len(cur) == 0 {
		return committee.ErrNotFound
	}
	m := statements.Compare{Slug: st.Slug(), Title: st.Title()}
	for _, v := range cur {
		m.Languages = append(m.Languages, views.Option{Value: v.Language, Label: locales.LanguageName(lang, v.Language)})
	}
	a, _ := committee.TextFor(versions, c.QueryParam("a"))
	b, ok := committee.TextFor(versions, c.QueryParam("b"))
	if !ok && len(cur) > 1 {
		b = cur[1]
	}
	m.A, m.B, m.Left, m.Right = a.Language, b.Language, textOf(lang, nil, a), textOf(lang, nil, b)
	return s.render(c, statements.ComparePage(m))
}

// statementCommentAdd writes a comment on the statement, or a reply (parent).
func (s *Server) statementCommentAdd(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	parent, body := field(c, "parent"), c.FormValue("body")
	form, anchor := commentForm(parent)
	err = committee.AddStatementComment(s.app, u, st, parent, body)
	return s.afterStatementStep(c, st, err, form, map[string]string{"body": body}, "flash.comment_added", anchor)
}

// statementCommented loads the statement of :slug and its comment :id as the person may see them.
func (s *Server) statementCommented(c echo.Context) (*committee.User, *committee.Statement, string, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, nil, "", err
	}
	st, err := s.findStatement(c)
	if err != nil {
		return nil, nil, "", err
	}
	rec, err := s.app.FindRecordById("comments", c.Param("id"))
	if err != nil || rec.GetString("statement") != st.Id {
		return nil, nil, "", committee.ErrNotFound
	}
	return u, st, rec.Id, nil
}

// statementCommentStep is edit, report or hide of a statement's comment (the topics' workflows).
func (s *Server) statementCommentStep(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, st, id, err := s.statementCommented(c)
		if err != nil {
			return err
		}
		switch kind {
		case "edit":
			body := c.FormValue("body")
			err = committee.EditComment(s.app, u, id, body)
			return s.afterStatementStep(c, st, err, "edit-"+id, map[string]string{"body": body}, "flash.saved", "#comment-"+id)
		case "report":
			reason := field(c, "reason")
			err = committee.ReportComment(s.app, u, id, reason)
			return s.afterStatementStep(c, st, err, "report-"+id, map[string]string{"reason": reason}, "flash.comment_reported", "#comment-"+id)
		default:
			reason := field(c, "reason")
			err = committee.HideComment(s.app, u, id, reason)
			return s.afterStatementStep(c, st, err, "hide-"+id, map[string]string{"reason": reason}, "flash.comment_hidden", "#comment-"+id)
		}
	}
}

// statementsAtom is /statements.atom: the published statements as an Atom feed (RFC 4287).
// The ids are tag: URIs (RFC 4151) of the committee's host and the records' ids, the same on
// every fetch and whatever a statement's title becomes.
func (s *Server) statementsAtom(c echo.Context) error {
	list, err := committee.LatestStatements(s.app, 50)
	if err != nil {
		return err
	}
	name := committee.CommitteeName(s.app)
	host := "komitee"
	if u, err := url.Parse(committee.URL(s.app, "/")); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	tag := func(path string) string { return "tag:" + host + ",2026:" + path }
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	// gorilla/feeds' Atom types: the feed's one link is rel="self" (RFC 4287 §4.2.7.2 asks for
	// it); each entry links its page.
	feed := &feeds.AtomFeed{Xmlns: "http://www.w3.org/2005/Atom", Title: name,
		Subtitle: locales.T(locales.Default, "statements.list.title"), Id: tag("statements"),
		Author: &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: name}},
		Link:   &feeds.AtomLink{Rel: "self", Type: "application/atom+xml", Href: committee.URL(s.app, "/statements.atom")}}
	updated := time.Time{}
	for _, st := range list {
		changed := st.GetDateTime("updated").Time()
		if changed.After(updated) {
			updated = changed
		}
		title := st.Title()
		if st.Withdrawn() {
			title += " (" + locales.T(locales.Default, "statements.withdrawn") + ")"
		}
		e := &feeds.AtomEntry{Title: title, Id: tag("statements/" + st.Id),
			Links:     []feeds.AtomLink{{Rel: "alternate", Type: "text/html", Href: committee.URL(s.app, "/statements/"+st.Slug())}},
			Published: stamp(st.Published()), Updated: stamp(changed)}
		if st.Summary() != "" {
			e.Summary = &feeds.AtomSummary{Type: "text", Content: st.Summary()}
		}
		feed.Entries = append(feed.Entries, e)
	}
	if updated.IsZero() {
		updated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	feed.Updated = stamp(updated)
	out, err := feeds.ToXML(feed)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "application/atom+xml; charset=utf-8", []byte(out))
}

// previousIndex is the index of the version before v in its language (newest first), else of
// the version after v in the list.
func previousIndex(versions []committee.Version, v committee.Version) int {
	for i, o := range versions {
		if o.Language == v.Language && o.Number < v.Number {
			return i
		}
	}
	for i, o := range versions {
		if o.ID == v.ID {
			return min(i+1, len(versions)-1)
		}
	}
	return 0
}

// statementFile serves an attachment to whoever may view the statement (the field is
// protected, so /api/files asks the same rule).
func (s *Server) statementFile(c echo.Context) error {
	st, err := s.findStatement(c)
	if err != nil {
		return err
	}
	name := c.Param("name")
	if !slices.Contains(st.Attachments(), name) {
		return committee.ErrNotFound
	}
	fsys, err := s.app.NewFilesystem()
	if err != nil {
		return err
	}
	defer fsys.Close()
	c.Response().Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	c.Response().Header().Set("X-Content-Type-Options", "nosniff")
	return fsys.Serve(c.Response(), c.Request(), st.BaseFilesPath()+"/"+name, name)
}
