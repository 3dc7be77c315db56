package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/pocketbase/dbx"

	"komitee/committee"
	"komitee/locales"
	"komitee/views/actions"
)

// actionGroups is the order of the public list's groups.
var actionGroups = []string{"in_progress", "open", "blocked", "done", "dropped"}

// actionsList is /actions: the actions the reader may see, filtered in the URL and by due date;
// the public sees the public ones grouped by status with their latest progress note.
func (s *Server) actionsList(c echo.Context) error {
	lang := c.Get(langKey).(string)
	auth := authRecord(c)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	f := actions.Filters{Organisation: c.QueryParam("organisation"), Status: c.QueryParam("status"),
		Meeting: c.QueryParam("meeting"), Topic: c.QueryParam("topic"), Overdue: c.QueryParam("overdue") != ""}
	if !slices.Contains(committee.ActionStatuses, f.Status) {
		f.Status = ""
	}
	for _, v := range []*string{&f.Organisation, &f.Meeting, &f.Topic} {
		if len(*v) > 40 {
			*v = ""
		}
	}
	filter := committee.ActionFilter{Organisation: f.Organisation, Status: f.Status, Meeting: f.Meeting, Topic: f.Topic,
		Overdue: f.Overdue, PublicOnly: auth == nil, Page: page}
	m := actions.List{Filters: f, Grouped: auth == nil, Orgs: s.organisationOptions(),
		Statuses: options(lang, "actions.status.", committee.ActionStatuses), CanCreate: committee.MayCreateAction(s.app, auth)}
	if auth != nil {
		m.Meetings = optionsOf(committee.ActionMeetingOptions(s.app, auth))
		m.Topics = optionsOf(committee.TopicOptions(s.app, auth))
	}
	now := committee.Now()
	var all []committee.ActionRow
	if m.Grouped {
		statuses := actionGroups
		if f.Status != "" {
			statuses = []string{f.Status}
		}
		var groups [][]committee.ActionRow
		for _, st := range statuses {
			g := filter
			g.Status = st
			if f.Status == "" {
				g.Page = 1
			}
			p, rows, err := committee.Actions(s.app, auth, g)
			if err != nil {
				return err
			}
			if p.TotalItems > 0 {
				m.Groups = append(m.Groups, actions.Group{Status: st, Total: p.TotalItems})
				groups = append(groups, rows)
				all = append(all, rows...)
			}
			m.Total += p.TotalItems
			m.Page, m.TotalPages = p.Page, p.TotalPages
		}
		names := s.actionOrgNames(c, all)
		for i := range m.Groups {
			m.Groups[i].Rows = actionRows(lang, groups[i], names, now)
		}
	} else {
		p, rows, err := committee.Actions(s.app, auth, filter)
		if err != nil {
			return err
		}
		m.Page, m.TotalPages, m.Total = p.Page, p.TotalPages, p.TotalItems
		m.Rows = actionRows(lang, rows, s.actionOrgNames(c, rows), now)
	}
	if c.Request().Header.Get("HX-Target") == "results" {
		return s.render(c, actions.Results(m))
	}
	return s.render(c, actions.ListPage(m))
}

// actionOrgNames names the responsible organisations of rows, as the reader may see them.
func (s *Server) actionOrgNames(c echo.Context, rows []committee.ActionRow) map[string]string {
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.Organisation)
	}
	return committee.OrganisationNames(s.app, authRecord(c), ids)
}

func actionRows(lang string, rows []committee.ActionRow, names map[string]string, t time.Time) []actions.Row {
	out := make([]actions.Row, 0, len(rows))
	for _, r := range rows {
		row := actions.Row{ID: r.ID, Title: r.Title, Status: r.Status, Organisation: names[r.Organisation], Public: r.Public, Note: r.Note}
		if due := r.Due.Time(); !due.IsZero() {
			row.Due = committee.FormatDate(lang, due)
			row.Overdue = committee.ActionOverdue(r.Status, due, t)
		}
		out = append(out, row)
	}
	return out
}

// findAction loads the action of :id that the reader may view.
func (s *Server) findAction(c echo.Context) (*committee.ActionItem, error) {
	return committee.FindAction(s.app, authRecord(c), c.Param("id"))
}

// actionShow is an action's page with its timeline.
func (s *Server) actionShow(c echo.Context) error {
	a, err := s.findAction(c)
	if err != nil {
		return err
	}
	m, err := s.actionModel(c, a)
	if err != nil {
		return err
	}
	return s.render(c, actions.ShowPage(m))
}

func (s *Server) actionModel(c echo.Context, a *committee.ActionItem) (actions.Show, error) {
	lang := c.Get(langKey).(string)
	auth := authRecord(c)
	can := committee.ActionCan(s.app, auth, a)
	now := committee.Now()
	m := actions.Show{ID: a.Id, Title: a.Title(), Status: a.Status(), Public: a.Public(), Overdue: a.Overdue(now),
		Person:    committee.VisibleNames(s.app, auth, []string{a.Person()})[a.Person()],
		CanUpdate: can.Update, CanPublish: can.Publish, StatusValue: a.Status(),
		Statuses: options(lang, "actions.status.", committee.ActionStatuses)}
	if due := a.Due(); !due.IsZero() {
		m.Due = committee.FormatDate(lang, due)
	}
	if o, err := committee.First(s.app, auth, "organisations", committee.Query{Filter: "id = {:id}", Params: dbx.Params{"id": a.Organisation()}}); err == nil {
		m.Organisation, m.OrganisationSlug = o.GetString("name"), o.GetString("slug")
	}
	if a.Meeting() != "" {
		if mt, err := committee.FindMeeting(s.app, auth, a.Meeting()); err == nil {
			m.MeetingID, m.MeetingTitle = mt.Id, mt.Title()
		}
	}
	if a.Decision() != "" {
		if d, err := committee.First(s.app, auth, "decisions", committee.Query{Filter: "id = {:id}", Params: dbx.Params{"id": a.Decision()}}); err == nil {
			m.Decision = d.GetString("text")
		}
	}
	if a.Topic() != "" {
		if t, err := committee.FindTopic(s.app, auth, a.Topic()); err == nil {
			m.TopicID, m.TopicTitle = t.Id, t.Title()
		}
	}
	if m.ShowTimeline = can.Timeline; !m.ShowTimeline {
		return m, nil
	}
	timeline, err := committee.ActionTimeline(s.app, auth, a)
	if err != nil {
		return m, err
	}
	for _, u := range timeline {
		// Whoever may not see the person sees who wrote it for: the responsible organisation
		// (its managers), the coordination (anyone else), or a former member.
		author := u.Author
		if author == "" {
			switch u.Credit {
			case committee.CreditOrganisation:
				author = m.Organisation
			case committee.CreditCoordination:
				author = locales.T(lang, "actions.timeline.coordination")
			default:
				author = locales.T(lang, "actions.timeline.former")
			}
		}
		m.Timeline = append(m.Timeline, actions.Update{Status: u.Status, Note: u.Note, Author: author,
			When: committee.FormatDate(lang, u.Created)})
	}
	return m, nil
}

// actionUpdateSave records a status and progress note (the responsible organisation's
// representatives and deputies, and coordinators).
func (s *Server) actionUpdateSave(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	a, err := s.findAction(c)
	if err != nil {
		return err
	}
	if !committee.ActionCan(s.app, u.Record, a).Update {
		return echo.NewHTTPError(http.StatusForbidden)
	}
	status, note := field(c, "status"), field(c, "note")
	if errs, err := formErrors(committee.AddActionUpdate(s.app, u, a, status, note)); err != nil {
		return err
	} else if errs != nil {
		m, err := s.actionModel(c, a)
		if err != nil {
			return err
		}
		m.Errors, m.StatusValue, m.NoteValue = errs, status, note
		return s.renderForm(c, actions.ShowPage(m))
	}
	flash(c, "flash.action_updated")
	return redirect(c, "/actions/"+a.Id)
}

// actionPublic shows an action on the public list, or takes it off (coordinators).
func (s *Server) actionPublic(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	a, err := s.findAction(c)
	if err != nil {
		return err
	}
	if !committee.ActionCan(s.app, u.Record, a).Publish {
		return echo.NewHTTPError(http.StatusForbidden)
	}
	on := field(c, "on") == "1"
	if err := committee.SetActionPublic(s.app, u, a, on); err != nil {
		return err
	}
	if on {
		flash(c, "flash.action_public")
	} else {
		flash(c, "flash.action_private")
	}
	return redirect(c, "/actions/"+a.Id)
}

// actionCreator returns the person asking if they may create actions directly.
func (s *Server) actionCreator(c echo.Context) (*committee.User, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, err
	}
	if !committee.MayCreateAction(s.app, u.Record) {
		return nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, nil
}

func (s *Server) actionForm(c echo.Context, in committee.NewActionInput, errs committee.Errors) actions.Form {
	auth := authRecord(c)
	return actions.Form{Title: in.Title, Organisation: in.Organisation, Person: in.Person, Due: in.Due, Topic: in.Topic,
		Decision: in.Decision, Errors: errs, Orgs: s.organisationOptions(), People: optionsOf(committee.ActionPeople(s.app)),
		Topics: optionsOf(committee.TopicOptions(s.app, auth)), Decisions: optionsOf(committee.DecisionOptions(s.app, auth))}
}

// actionNew shows the form for an action created directly (coordinators).
func (s *Server) actionNew(c echo.Context) error {
	if _, err := s.actionCreator(c); err != nil {
		return err
	}
	return s.render(c, actions.FormPage(s.actionForm(c, committee.NewActionInput{Topic: c.QueryParam("topic")}, nil)))
}

// actionCreate saves an action created directly.
func (s *Server) actionCreate(c echo.Context) error {
	u, err := s.actionCreator(c)
	if err != nil {
		return err
	}
	in := committee.NewActionInput{Title: field(c, "title"), Organisation: field(c, "organisation"), Person: field(c, "person"),
		Due: field(c, "due"), Topic: field(c, "topic"), Decision: field(c, "decision")}
	a, err := committee.CreateAction(s.app, u, in)
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, actions.FormPage(s.actionForm(c, in, errs)))
	}
	flash(c, "flash.action_created")
	return redirect(c, "/actions/"+a.Id)
}

// actionSummary is the home page's line about the public actions.
func (s *Server) actionSummary() actions.Summary {
	sum := committee.ActionSummary(s.app)
	return actions.Summary{Agreed: sum.Agreed, Done: sum.Done, InProgress: sum.InProgress}
}
