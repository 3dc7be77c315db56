package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"komitee/committee"
	"komitee/views"
	"komitee/views/organisations"
)

// directory is the public list of organisations, with filters kept in the URL.
func (s *Server) directory(c echo.Context) error {
	lang := c.Get(langKey).(string)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	f := committee.DirectoryFilter{Q: c.QueryParam("q"), Kind: c.QueryParam("kind"), Area: c.QueryParam("area"),
		Language: c.QueryParam("language"), Municipality: c.QueryParam("municipality"), Page: page}
	result, cards, err := committee.Directory(s.app, authRecord(c), f)
	if err != nil {
		return err
	}
	m := organisations.Directory{
		Filters: organisations.Filters{Q: f.Q, Kind: f.Kind, Area: f.Area, Language: f.Language, Municipality: f.Municipality},
		Page:    result.Page, TotalPages: result.TotalPages, Total: result.TotalItems,
		Kinds: kindOptions(lang), Areas: areaOptions(lang), Languages: languageOptions(lang),
	}
	for _, place := range committee.Municipalities(s.app) {
		m.Places = append(m.Places, views.Option{Value: place, Label: place})
	}
	for _, card := range cards {
		m.Cards = append(m.Cards, organisations.Card{Slug: card.Slug, Name: card.Name, Kind: card.Kind,
			Municipality: card.Municipality, Areas: card.Areas, Logo: fileURL("organisations", card.ID, card.Logo, "96x96")})
	}
	if c.Request().Header.Get("HX-Target") == "results" {
		return s.render(c, organisations.Results(m))
	}
	return s.render(c, organisations.DirectoryPage(m))
}

// logoURL is the address of an organisation's logo thumbnail, served by PocketBase's file API.
func logoURL(r *core.Record, thumb string) string {
	return fileURL(r.Collection().Name, r.Id, r.GetString("logo"), thumb)
}

// fileURL is the address of a record's file thumbnail ("" when there is no file).
func fileURL(collection, id, name, thumb string) string {
	if name == "" {
		return ""
	}
	return "/api/files/" + collection + "/" + id + "/" + name + "?thumb=" + thumb
}

// findOrganisation loads the organisation of the :slug that the person may view.
func (s *Server) findOrganisation(c echo.Context) (*committee.Organisation, error) {
	return committee.OrganisationBySlug(s.app, authRecord(c), c.Param("slug"))
}

// organisationShow is an organisation's page: what it does, its contacts as far as the reader
// may see them, and joining.
func (s *Server) organisationShow(c echo.Context) error {
	o, err := s.findOrganisation(c)
	if err != nil {
		return err
	}
	m, err := s.showModel(c, o)
	if err != nil {
		return err
	}
	return s.render(c, organisations.ShowPage(m))
}

func (s *Server) showModel(c echo.Context, o *committee.Organisation) (organisations.Show, error) {
	auth := authRecord(c)
	can := committee.OrganisationCan(s.app, auth, o)
	m := organisations.Show{Slug: o.Slug(), Name: o.Name(), Kind: o.Kind(), Status: o.Status(),
		Municipality: o.Municipality(), Communities: o.Communities(), Logo: logoURL(o.Record, "240x240"),
		Description: committee.Markdown(o.Description()), Areas: o.Areas(), Languages: o.Languages(),
		DeclineReason: o.DeclineReason(), CanManage: can.Manage, CanSetStatus: can.SetStatus, CanJoin: can.Join, Listed: o.Listed()}
	if !o.MemberSince().IsZero() {
		m.MemberSince = committee.FormatDay(c.Get(langKey).(string), o.MemberSince())
	}
	contacts, err := committee.Contacts(s.app, auth, "organisation", o.Id)
	if err != nil {
		return m, err
	}
	m.Contacts = contactsOf(contacts)
	people, err := committee.People(s.app, auth, o.Id)
	if err != nil {
		return m, err
	}
	for _, p := range people {
		m.People = append(m.People, organisations.PersonRow{ID: p.Membership.Id, Name: p.User.Name(),
			Role: p.Membership.Role(), Status: p.Membership.Status(), Contacts: contactsOf(p.Contacts)})
	}
	if u := currentUser(c); u != nil && o.Listed() {
		mine := committee.MyMembership(s.app, u.Id, o.Id)
		m.Pending = mine != nil && mine.Status() == "pending"
	}
	return m, nil
}

// organisationJoin asks to join; the organisation's representatives decide.
func (s *Server) organisationJoin(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	o, err := s.findOrganisation(c)
	if err != nil {
		return err
	}
	message, since := field(c, "message"), time.Now()
	if errs, err := formErrors(committee.RequestJoin(s.app, u, o, message)); err != nil {
		return err
	} else if errs != nil {
		m, err := s.showModel(c, o)
		if err != nil {
			return err
		}
		m.JoinErrors, m.JoinMessage = errs, message
		return s.renderForm(c, organisations.ShowPage(m))
	}
	flash(c, s.mailOutcome("organisations/"+o.Id, since, "flash.join_requested"))
	return redirect(c, "/organisations/"+o.Slug())
}

// organisationInput reads the application and edit form.
func organisationInput(c echo.Context) committee.OrganisationInput {
	in := committee.OrganisationInput{Name: field(c, "name"), Kind: field(c, "kind"), Description: field(c, "description"),
		Communities: field(c, "communities"), Municipality: field(c, "municipality"),
		Areas: fields(c, "areas"), Languages: fields(c, "languages"),
		Contact: map[string]string{}, Visibility: map[string]string{}}
	for _, k := range committee.ContactKinds {
		in.Contact[k] = field(c, k)
		in.Visibility[k] = field(c, k+"_visibility")
	}
	if fh, err := c.FormFile("logo"); err == nil && fh.Size > 0 {
		if f, err := filesystem.NewFileFromMultipart(fh); err == nil {
			in.Logo = f
		}
	}
	return in
}

// formModel builds the organisation form: the application when o is nil, else o's edit form.
func (s *Server) formModel(c echo.Context, o *committee.Organisation, in committee.OrganisationInput, errs committee.Errors) organisations.Form {
	lang := c.Get(langKey).(string)
	f := organisations.Form{Name: in.Name, Kind: in.Kind, Description: in.Description, Communities: in.Communities,
		Municipality: in.Municipality, Areas: in.Areas, Languages: in.Languages, Contact: in.Contact,
		Visibility: in.Visibility, Errors: errs, Kinds: kindOptions(lang), AreaOptions: areaOptions(lang),
		LangOptions: languageOptions(lang), Visibilities: visibilityOptions(lang)}
	f.Action, f.Title, f.Submit = "/organisations/new", "orgs.apply.title", "orgs.apply.submit"
	if o != nil {
		f.Action, f.Title, f.Submit, f.Logo = "/organisations/"+o.Slug()+"/edit", "orgs.edit.title", "form.save", logoURL(o.Record, "96x96")
	}
	return f
}

// organisationNew shows the application form.
func (s *Server) organisationNew(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	f := s.formModel(c, nil, committee.OrganisationInput{}, nil)
	if !u.Verified() {
		f.Errors = committee.Errors{"form": "error.verify_first"}
	}
	return s.render(c, organisations.FormPage(f))
}

// organisationCreate registers the application; coordinators are told by mail.
func (s *Server) organisationCreate(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	in := organisationInput(c)
	o, err := committee.Apply(s.app, u, in)
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, organisations.FormPage(s.formModel(c, nil, in, errs)))
	}
	flash(c, "flash.applied")
	return redirect(c, "/organisations/"+o.Slug())
}

// organisationValidate checks one field of the organisation form while it is filled in (HTMX).
func (s *Server) organisationValidate(c echo.Context) error {
	if _, err := requireUser(c); err != nil {
		return err
	}
	in := organisationInput(c)
	return s.validateOnly(c, in.Validate())
}

// organisationEdit shows the edit form to its representatives, deputies and coordinators.
func (s *Server) organisationEdit(c echo.Context) error {
	o, err := s.managedOrganisation(c)
	if err != nil {
		return err
	}
	return s.render(c, organisations.FormPage(s.formModel(c, o, committee.InputOf(s.app, o), nil)))
}

// organisationUpdate saves the edit form.
func (s *Server) organisationUpdate(c echo.Context) error {
	o, err := s.managedOrganisation(c)
	if err != nil {
		return err
	}
	in := organisationInput(c)
	if errs, err := formErrors(committee.UpdateOrganisation(s.app, o, in)); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, organisations.FormPage(s.formModel(c, o, in, errs)))
	}
	flash(c, "flash.saved")
	return redirect(c, "/organisations/"+o.Slug())
}

// managedOrganisation loads the :slug organisation and checks the person acts for it.
func (s *Server) managedOrganisation(c echo.Context) (*committee.Organisation, error) {
	if _, err := requireUser(c); err != nil {
		return nil, err
	}
	o, err := s.findOrganisation(c)
	if err != nil {
		return nil, err
	}
	if !committee.CanManage(s.app, authRecord(c), o) {
		return nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return o, nil
}

// contactsOf turns contact rows into what the page shows.
func contactsOf(recs []*core.Record) []organisations.Contact {
	out := make([]organisations.Contact, len(recs))
	for i, r := range recs {
		out[i] = organisations.Contact{Kind: r.GetString("kind"), Value: r.GetString("value")}
	}
	return out
}
