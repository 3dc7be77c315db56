package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/locales"
	"komitee/views"
	"komitee/views/needs"
	"komitee/views/pages"
)

// needs is /needs: the board of needs and offers the reader may see, filtered in the URL, with
// the count of entries per category beside each category choice.
func (s *Server) needs(c echo.Context) error {
	lang := c.Get(langKey).(string)
	auth := authRecord(c)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	f := needs.Filters{Kind: c.QueryParam("kind"), Category: c.QueryParam("category"), Municipality: c.QueryParam("municipality"),
		Language: c.QueryParam("language"), Status: c.QueryParam("status")}
	if !slices.Contains(committee.NeedKinds, f.Kind) {
		f.Kind = ""
	}
	if !slices.Contains(committee.NeedCategories, f.Category) {
		f.Category = ""
	}
	if f.Status != "all" && !slices.Contains(committee.NeedStatuses, f.Status) {
		f.Status = ""
	}
	if !slices.Contains(committee.Languages, f.Language) {
		f.Language = ""
	}
	places := committee.Municipalities(s.app)
	if !slices.Contains(places, f.Municipality) {
		f.Municipality = ""
	}
	// Without a status chosen the board shows the active entries (open, in contact); "all" shows every one.
	status := f.Status
	switch f.Status {
	case "":
		status = committee.NeedStatusActive
	case "all":
		status = ""
	}
	filter := committee.NeedFilter{Kind: f.Kind, Category: f.Category, Municipality: f.Municipality, Language: f.Language,
		Status: status, Page: page}
	result, rows, err := committee.Needs(s.app, auth, filter)
	if err != nil {
		return err
	}
	counts := committee.NeedCategoryCounts(s.app, auth, filter)
	m := needs.List{Filters: f, Page: result.Page, TotalPages: result.TotalPages, Total: result.TotalItems,
		Kinds:     options(lang, "needs.kind.", committee.NeedKinds),
		Statuses:  append(slices.Clone(options(lang, "needs.status.", committee.NeedStatuses)), views.Option{Value: "all", Label: locales.T(lang, "needs.filter.all")}),
		Languages: languageOptions(lang), SignedIn: auth != nil, CanPost: len(committee.MayPostNeed(s.app, auth)) > 0}
	for _, o := range options(lang, "needs.category.", committee.NeedCategories) {
		o.Label = locales.Tf(lang, "needs.filter.count", -1, map[string]any{"Label": o.Label, "Count": counts[o.Value]})
		m.Categories = append(m.Categories, o)
	}
	for _, p := range places {
		m.Places = append(m.Places, views.Option{Value: p, Label: p})
	}
	m.Rows = s.needRows(lang, rows)
	if c.Request().Header.Get("HX-Target") == "results" {
		m.OOB = true
		return s.render(c, needs.Results(m))
	}
	return s.render(c, needs.BoardPage(m))
}

// needRows turns board rows into the view's, with the organisations' names as the reader may see them.
func (s *Server) needRows(lang string, rows []committee.NeedRow) []needs.Row {
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.Organisation)
	}
	names := committee.OrganisationNames(s.app, nil, ids) // listed organisations are public
	out := make([]needs.Row, 0, len(rows))
	for _, r := range rows {
		row := needs.Row{ID: r.ID, Kind: r.Kind, Title: r.Title, Category: r.Category, Status: r.Status,
			Municipality: r.Municipality, Organisation: names[r.Organisation], WhenText: r.WhenText, Public: r.Public,
			Responses: r.Responses, ValidUntil: committee.FormatDay(lang, r.ValidUntil.Time())}
		for _, l := range r.LanguageList() {
			row.Languages = append(row.Languages, locales.LanguageName(lang, l))
		}
		out = append(out, row)
	}
	return out
}

// needInput reads the entry form.
func needInput(c echo.Context) committee.NeedInput {
	return committee.NeedInput{Kind: field(c, "kind"), Title: field(c, "title"), Description: field(c, "description"),
		Category: field(c, "category"), Organisation: field(c, "organisation"), Contact: field(c, "contact"),
		Municipality: field(c, "municipality"), WhenText: field(c, "when_text"), WhenDate: field(c, "when_date"),
		ValidUntil: field(c, "valid_until"), Languages: fields(c, "languages"), Public: field(c, "public") == "on"}
}

// needForm builds the form for a new entry (n nil) or an edit.
func (s *Server) needForm(c echo.Context, n *committee.Need, in committee.NeedInput, errs committee.Errors, orgs []committee.Option) needs.Form {
	lang := c.Get(langKey).(string)
	f := needs.Form{Kind: in.Kind, NeedTitle: in.Title, Description: in.Description, Category: in.Category,
		Organisation: in.Organisation, Contact: in.Contact, Municipality: in.Municipality, WhenText: in.WhenText,
		WhenDate: in.WhenDate, ValidUntil: in.ValidUntil, Languages: in.Languages, Public: in.Public, Errors: errs,
		Kinds: options(lang, "needs.kind.", committee.NeedKinds), Categories: options(lang, "needs.category.", committee.NeedCategories),
		LanguageOptions: languageOptions(lang)}
	for _, p := range committee.Municipalities(s.app) {
		f.Places = append(f.Places, views.Option{Value: p, Label: p})
	}
	org := in.Organisation
	if n == nil {
		f.Action, f.Title, f.Submit, f.New = "/needs/new", "needs.new.title", "needs.new.submit", true
		f.Orgs = optionsOf(orgs)
		if org == "" && len(orgs) > 0 {
			org = orgs[0].Value
		}
	} else {
		f.Action, f.Title, f.Submit = "/needs/"+n.Id+"/edit", "needs.edit.title", "form.save"
		org = n.Organisation()
	}
	// The contact person is one of the organisation's people (of the first one when several).
	f.People = optionsOf(committee.OrganisationPeople(s.app, org))
	return f
}

// poster returns the person asking and the organisations they may post entries for.
func (s *Server) poster(c echo.Context) (*committee.User, []committee.Option, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, nil, err
	}
	orgs := committee.MayPostNeed(s.app, u.Record)
	if len(orgs) == 0 {
		return nil, nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, orgs, nil
}

// needNew shows the form for a new need or offer (representatives and deputies).
// Whoever speaks for no organisation learns who posts entries, instead of a bare 403.
func (s *Server) needNew(c echo.Context) error {
	u, orgs, err := s.poster(c)
	if he, ok := err.(*echo.HTTPError); ok && he.Code == http.StatusForbidden {
		return s.render(c, pages.MessagePage(pages.Message{Title: "needs.new.title", Text: "needs.new.who",
			LinkText: "needs.list.title", Link: "/needs"}))
	}
	if err != nil {
		return err
	}
	kind := c.QueryParam("kind")
	if !slices.Contains(committee.NeedKinds, kind) {
		kind = "need"
	}
	in := committee.NeedInput{Kind: kind, Contact: u.Id, ValidUntil: committee.DefaultValidUntil(), Organisation: orgs[0].Value}
	return s.render(c, needs.FormPage(s.needForm(c, nil, in, nil, orgs)))
}

// needCreate saves a new entry.
func (s *Server) needCreate(c echo.Context) error {
	u, orgs, err := s.poster(c)
	if err != nil {
		return err
	}
	in := needInput(c)
	n, err := committee.CreateNeed(s.app, u, in)
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, needs.FormPage(s.needForm(c, nil, in, errs, orgs)))
	}
	flash(c, "flash.need_posted")
	return redirect(c, "/needs/"+n.Id)
}

// findNeed loads the entry of :id that the reader may view.
func (s *Server) findNeed(c echo.Context) (*committee.Need, error) {
	return committee.FindNeed(s.app, authRecord(c), c.Param("id"))
}

// managedNeed loads the entry of :id for one of its managers.
func (s *Server) managedNeed(c echo.Context) (*committee.User, *committee.Need, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, nil, err
	}
	n, err := s.findNeed(c)
	if err != nil {
		return nil, nil, err
	}
	if !committee.NeedCan(s.app, u.Record, n).Manage {
		return nil, nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, n, nil
}

// needEdit shows the entry form filled in.
func (s *Server) needEdit(c echo.Context) error {
	_, n, err := s.managedNeed(c)
	if err != nil {
		return err
	}
	in := committee.NeedInput{Kind: n.Kind(), Title: n.Title(), Description: n.Description(), Category: n.Category(),
		Organisation: n.Organisation(), Contact: committee.OwnerContact(s.app, n.Id), Municipality: n.Municipality(),
		WhenText: n.WhenText(), Languages: n.Languages(), Public: n.Public(),
		ValidUntil: n.ValidUntil().In(committee.Berlin).Format(time.DateOnly)}
	if !n.WhenDate().IsZero() {
		in.WhenDate = n.WhenDate().In(committee.Berlin).Format(time.DateOnly)
	}
	return s.render(c, needs.FormPage(s.needForm(c, n, in, nil, nil)))
}

// needUpdate saves the entry form.
func (s *Server) needUpdate(c echo.Context) error {
	u, n, err := s.managedNeed(c)
	if err != nil {
		return err
	}
	in := needInput(c)
	in.Organisation = n.Organisation()
	if errs, err := formErrors(committee.UpdateNeed(s.app, u, n, in)); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, needs.FormPage(s.needForm(c, n, in, errs, nil)))
	}
	flash(c, "flash.saved")
	return redirect(c, "/needs/"+n.Id)
}

// needShow is an entry's page.
func (s *Server) needShow(c echo.Context) error {
	n, err := s.findNeed(c)
	if err != nil {
		return err
	}
	m, err := s.needModel(c, n)
	if err != nil {
		return err
	}
	return s.render(c, needs.ShowPage(m))
}

// why is a suggestion's one line: "same category, Bautzen, Arabic".
func why(lang string, sg committee.Suggestion) string {
	var parts []string
	if sg.SameCategory {
		parts = append(parts, locales.T(lang, "needs.why.category"))
	}
	if sg.Municipality != "" {
		parts = append(parts, sg.Municipality)
	}
	for _, l := range sg.Languages {
		parts = append(parts, locales.LanguageName(lang, l))
	}
	return strings.Join(parts, locales.T(lang, "needs.why.separator"))
}

func (s *Server) needModel(c echo.Context, n *committee.Need) (needs.Show, error) {
	lang := c.Get(langKey).(string)
	u, auth := currentUser(c), authRecord(c)
	can := committee.NeedCan(s.app, auth, n)
	m := needs.Show{ID: n.Id, Kind: n.Kind(), Title: n.Title(), Category: n.Category(), Status: n.Status(),
		Municipality: n.Municipality(), Description: committee.Markdown(n.Description()), WhenText: n.WhenText(),
		WhenDate: committee.FormatDay(lang, n.WhenDate()), ValidUntil: committee.FormatDay(lang, n.ValidUntil()),
		Outcome: n.Outcome(), Public: n.Public(), CanEdit: can.Manage, Steps: can.Steps, RespondFor: optionsOf(can.RespondFor)}
	if o, err := committee.First(s.app, auth, "organisations", committee.Query{Filter: "id = {:id}",
		Params: map[string]any{"id": n.Organisation()}}); err == nil {
		m.Organisation, m.OrganisationSlug = o.GetString("name"), o.GetString("slug")
	}
	for _, l := range n.Languages() {
		m.Languages = append(m.Languages, locales.LanguageName(lang, l))
	}
	sugg, err := committee.NeedSuggestions(s.app, auth, n)
	if err != nil {
		return m, err
	}
	for _, sg := range sugg {
		m.Suggestions = append(m.Suggestions, needs.Suggestion{ID: sg.ID, Title: sg.Title, Why: why(lang, sg)})
	}
	rs, err := committee.NeedResponses(s.app, auth, n)
	if err != nil {
		return m, err
	}
	var orgIDs []string
	for _, r := range rs {
		orgIDs = append(orgIDs, r.Organisation())
	}
	names := committee.OrganisationNames(s.app, auth, orgIDs)
	for _, r := range rs {
		m.Responses = append(m.Responses, needs.Response{ID: r.Id, Organisation: names[r.Organisation()], Message: r.Message(),
			Status: r.Status(), When: committee.FormatDay(lang, r.Created()),
			CanAccept: can.Manage && committee.MayDecide(n, r, true), CanDecline: can.Manage && committee.MayDecide(n, r, false), CanWithdraw: committee.MayWithdrawResponse(s.app, u, r)})
	}
	contacts, err := committee.NeedContacts(s.app, auth, n)
	if err != nil {
		return m, err
	}
	for _, ct := range contacts {
		m.Contacts = append(m.Contacts, needs.Contact{Organisation: ct.OrganisationName, Name: ct.Name, Email: ct.Email, Phone: ct.Phone})
	}
	return m, nil
}

// afterNeedStep answers a form on the entry's page: back to it with a flash (or the mail
// outcome), or the page again with the problem next to the form named form, its input kept (422).
func (s *Server) afterNeedStep(c echo.Context, n *committee.Need, err error, form string, kept map[string]string, ok string) error {
	errs, err := formErrors(err)
	if err != nil {
		return err
	}
	if errs != nil {
		if fresh, ferr := committee.FindNeed(s.app, authRecord(c), n.Id); ferr == nil {
			n = fresh
		}
		m, err := s.needModel(c, n)
		if err != nil {
			return err
		}
		m.ErrorFor, m.Errors, m.Kept = form, errs, kept
		return s.renderForm(c, needs.ShowPage(m))
	}
	flash(c, ok)
	return redirect(c, "/needs/"+n.Id)
}

// needRespond is a person responding to an entry for their organisation.
func (s *Server) needRespond(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	n, err := s.findNeed(c)
	if err != nil {
		return err
	}
	if len(committee.NeedCan(s.app, u.Record, n).RespondFor) == 0 {
		return echo.NewHTTPError(http.StatusForbidden)
	}
	kept := map[string]string{"organisation": field(c, "organisation"), "message": c.FormValue("message")}
	since := time.Now()
	_, err = committee.Respond(s.app, u, n, kept["organisation"], kept["message"])
	return s.afterNeedStep(c, n, err, "respond", kept, s.mailOutcome("needs/"+n.Id, since, "flash.need_responded"))
}

// needDecide is the owner accepting (accept=1) or declining a response.
func (s *Server) needDecide(c echo.Context) error {
	u, n, err := s.managedNeed(c)
	if err != nil {
		return err
	}
	accept := field(c, "accept") == "1"
	since := time.Now()
	err = committee.DecideResponse(s.app, u, n, c.Param("response"), accept)
	ok := "flash.response_declined"
	if accept {
		ok = "flash.response_accepted"
	}
	return s.afterNeedStep(c, n, err, "response-"+c.Param("response"), nil, s.mailOutcome("needs/"+n.Id, since, ok))
}

// needWithdrawResponse is the responder taking their offered response back.
func (s *Server) needWithdrawResponse(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	n, err := s.findNeed(c)
	if err != nil {
		return err
	}
	err = committee.WithdrawResponse(s.app, u, n, c.Param("response"))
	return s.afterNeedStep(c, n, err, "response-"+c.Param("response"), nil, "flash.response_withdrawn")
}

// needStep is the owner's step: done (with the outcome), reopen, withdraw, renew.
func (s *Server) needStep(c echo.Context) error {
	u, n, err := s.managedNeed(c)
	if err != nil {
		return err
	}
	step, outcome := field(c, "step"), field(c, "outcome")
	if !slices.Contains(committee.NeedSteps, step) {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	err = committee.NeedStep(s.app, u, n, step, outcome)
	return s.afterNeedStep(c, n, err, step, map[string]string{"outcome": outcome}, "flash.need_"+step)
}

// needsMine is /needs/mine: our organisations' entries and responses.
func (s *Server) needsMine(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	lang := c.Get(langKey).(string)
	mine, err := committee.MineOf(s.app, u)
	if err != nil {
		return err
	}
	m := needs.Mine{Waiting: mine.Waiting, CanPost: len(committee.MayPostNeed(s.app, u.Record)) > 0,
		Entries: s.needRows(lang, mine.Entries)}
	conv := func(rs []committee.MyResponse) []needs.MineResponse {
		var out []needs.MineResponse
		for _, r := range rs {
			out = append(out, needs.MineResponse{ID: r.ID, Need: r.Need, NeedTitle: r.NeedTitle,
				Organisation: mine.OrganisationName[r.Organisation], Status: r.Status, When: committee.FormatDay(lang, r.Created)})
		}
		return out
	}
	m.Sent, m.Got = conv(mine.Sent), conv(mine.Got)
	return s.render(c, needs.MinePage(m))
}

// needsCoordination is /coordination/needs for coordinators, with ?format=csv.
func (s *Server) needsCoordination(c echo.Context) error {
	u, err := requireCoordinator(c)
	if err != nil {
		return err
	}
	lang := c.Get(langKey).(string)
	now := committee.Now()
	period, from, to := reportPeriod(c.QueryParam("from"), c.QueryParam("to"), now)
	m := needs.Coordination{From: period.From, To: period.To, Errors: period.Errors}
	if len(m.Errors) > 0 {
		return s.render(c, needs.CoordinationPage(m))
	}
	m.CSV = strings.Replace(period.CSV, "/coordination/report?", "/coordination/needs?", 1)
	o, err := committee.NeedsReport(s.app, u.Record, from, to, now)
	if err != nil {
		return err
	}
	if c.QueryParam("format") == "csv" {
		h := c.Response().Header()
		h.Set("Content-Disposition", `attachment; filename="komitee-bedarfe-`+m.From+"-"+m.To+`.csv"`)
		h.Set("Cache-Control", "private, no-store")
		return c.Blob(http.StatusOK, "text/csv; charset=utf-8", o.CSV(lang, now))
	}
	for _, g := range o.Groups {
		m.Groups = append(m.Groups, needs.Group{Category: g.Category, Municipality: g.Municipality, Open: g.Open,
			Unanswered: g.Unanswered, Oldest: g.OldestDays})
	}
	conv := func(rows []committee.NeedRow) []needs.Waiting {
		var out []needs.Waiting
		for _, r := range rows {
			out = append(out, needs.Waiting{ID: r.ID, Title: r.Title, Category: r.Category, Municipality: r.Municipality,
				Organisation: o.OrganisationName[r.Organisation], Days: committee.WaitedDays(r, now),
				Date: committee.FormatDay(lang, r.MatchedAt.Time())})
		}
		return out
	}
	m.Waiting, m.Matched = conv(o.Waiting), conv(o.Matched)
	return s.render(c, needs.CoordinationPage(m))
}
