package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/locales"
	"komitee/views"
	"komitee/views/topics"
)

// topicSorts are the orders of the topics list.
var topicSorts = []string{"newest", "support", "rank"}

// topicSetStatuses are the statuses coordinators set by hand (the rounds and agendas set the rest).
var topicSetStatuses = []string{"proposed", "in_progress", "done", "declined"}

// topics is /topics: the topics and ideas the reader may see, filtered and sorted in the URL.
func (s *Server) topics(c echo.Context) error {
	lang := c.Get(langKey).(string)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	f := topics.Filters{Status: c.QueryParam("status"), Area: c.QueryParam("area"), Kind: c.QueryParam("kind"), Sort: c.QueryParam("sort")}
	if !slices.Contains(committee.TopicStatuses, f.Status) {
		f.Status = ""
	}
	if !slices.Contains(committee.Areas, f.Area) {
		f.Area = ""
	}
	if !slices.Contains(committee.TopicKinds, f.Kind) {
		f.Kind = ""
	}
	if !slices.Contains(topicSorts, f.Sort) {
		f.Sort = "newest"
	}
	result, rows, err := committee.Topics(s.app, authRecord(c),
		committee.TopicFilter{Status: f.Status, Area: f.Area, Kind: f.Kind, Sort: f.Sort, Page: page})
	if err != nil {
		return err
	}
	m := topics.List{Filters: f, Page: result.Page, TotalPages: result.TotalPages, Total: result.TotalItems,
		Statuses: options(lang, "topics.status.", committee.TopicStatuses), Areas: areaOptions(lang),
		Kinds: topicKindOptions(lang), Sorts: options(lang, "topics.sort.", topicSorts), CanPropose: committee.MayProposeTopic(s.app, authRecord(c))}
	for _, r := range rows {
		row := topics.Row{ID: r.ID, Title: r.Title, Kind: r.Kind, Status: r.Status, Supports: r.Supports,
			Comments: r.Comments, Rank: r.LatestRank}
		_ = json.Unmarshal([]byte(r.Areas), &row.Areas)
		m.Rows = append(m.Rows, row)
	}
	if c.Request().Header.Get("HX-Target") == "results" {
		return s.render(c, topics.Results(m))
	}
	return s.render(c, topics.ListPage(m))
}

func topicKindOptions(lang string) []views.Option {
	return options(lang, "topics.kind.", committee.TopicKinds)
}

// topicInput reads the topic form.
func topicInput(c echo.Context) committee.TopicInput {
	return committee.TopicInput{Title: field(c, "title"), Kind: field(c, "kind"), Description: field(c, "description"),
		Organisation: field(c, "organisation"), Areas: fields(c, "areas")}
}

// topicForm builds the form; the kind's problem shows as "topic_kind", whose label names a
// topic's kind (field.kind is an organisation's).
func (s *Server) topicForm(c echo.Context, t *committee.Topic, in committee.TopicInput, errs committee.Errors) topics.Form {
	lang := c.Get(langKey).(string)
	if key, ok := errs["kind"]; ok {
		errs["topic_kind"] = key
		delete(errs, "kind")
	}
	f := topics.Form{TopicTitle: in.Title, Kind: in.Kind, Description: in.Description, Organisation: in.Organisation,
		Areas: in.Areas, Errors: errs, Kinds: topicKindOptions(lang), AreaOptions: areaOptions(lang)}
	if t == nil {
		f.Action, f.Title, f.Submit, f.ShowFor = "/topics/new", "topics.new.title", "topics.new.submit", true
		if u := currentUser(c); u != nil {
			f.Orgs = optionsOf(committee.ManagedOrganisations(s.app, u.Id))
		}
	} else {
		f.Action, f.Title, f.Submit = "/topics/"+t.Id+"/edit", "topics.edit.title", "form.save"
	}
	return f
}

// proposer returns the person asking if they may propose topics.
func (s *Server) proposer(c echo.Context) (*committee.User, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, err
	}
	if !committee.MayProposeTopic(s.app, u.Record) {
		return nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, nil
}

// topicNew shows the form for a new topic or idea (members).
func (s *Server) topicNew(c echo.Context) error {
	if _, err := s.proposer(c); err != nil {
		return err
	}
	return s.render(c, topics.FormPage(s.topicForm(c, nil, committee.TopicInput{Kind: "topic"}, nil)))
}

// topicCreate saves a new topic, proposed personally or for an organisation.
func (s *Server) topicCreate(c echo.Context) error {
	u, err := s.proposer(c)
	if err != nil {
		return err
	}
	in := topicInput(c)
	t, err := committee.ProposeTopic(s.app, u, in)
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, topics.FormPage(s.topicForm(c, nil, in, errs)))
	}
	flash(c, "flash.topic_proposed")
	return redirect(c, "/topics/"+t.Id)
}

// findTopic loads the topic of :id that the reader may view.
func (s *Server) findTopic(c echo.Context) (*committee.Topic, error) {
	return committee.FindTopic(s.app, authRecord(c), c.Param("id"))
}

// editable loads the topic of :id for a person who may edit it.
func (s *Server) editable(c echo.Context) (*committee.User, *committee.Topic, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, nil, err
	}
	t, err := s.findTopic(c)
	if err != nil {
		return nil, nil, err
	}
	if !committee.TopicCan(s.app, u.Record, t).Edit {
		return nil, nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, t, nil
}

// topicEdit shows the topic form filled in.
func (s *Server) topicEdit(c echo.Context) error {
	_, t, err := s.editable(c)
	if err != nil {
		return err
	}
	in := committee.TopicInput{Title: t.Title(), Kind: t.Kind(), Description: t.Description(), Areas: t.Areas()}
	return s.render(c, topics.FormPage(s.topicForm(c, t, in, nil)))
}

// topicUpdate saves the topic form.
func (s *Server) topicUpdate(c echo.Context) error {
	u, t, err := s.editable(c)
	if err != nil {
		return err
	}
	in := topicInput(c)
	in.Organisation = ""
	if errs, err := formErrors(committee.UpdateTopic(s.app, u, t, in)); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, topics.FormPage(s.topicForm(c, t, in, errs)))
	}
	flash(c, "flash.saved")
	return redirect(c, "/topics/"+t.Id)
}

// topicShow is a topic's page.
func (s *Server) topicShow(c echo.Context) error {
	t, err := s.findTopic(c)
	if err != nil {
		return err
	}
	m, err := s.topicModel(c, t)
	if err != nil {
		return err
	}
	return s.render(c, topics.ShowPage(m))
}

func (s *Server) topicModel(c echo.Context, t *committee.Topic) (topics.Show, error) {
	lang := c.Get(langKey).(string)
	u, auth := currentUser(c), authRecord(c)
	can := committee.TopicCan(s.app, auth, t)
	// Names follow the users rule: whoever may not see the person sees the organisation.
	m := topics.Show{ID: t.Id, Title: t.Title(), Kind: t.Kind(), Status: t.Status(), Visibility: t.Visibility(),
		DeclineReason: t.DeclineReason(), Areas: t.Areas(),
		Proposer:     committee.VisibleNames(s.app, auth, []string{t.ProposedBy()})[t.ProposedBy()],
		Organisation: committee.VisibleOrganisationName(s.app, auth, t.Organisation()), Description: committee.Markdown(t.Description()),
		Supports: t.Supports(), Supported: can.Supported, CanSupport: can.Support || can.Unsupport, CanEdit: can.Edit,
		CanCoordinate: can.SetStatus, CanComment: can.Comment, CanReport: can.Report, CanHide: can.Hide}
	if m.CanCoordinate {
		m.Statuses = options(lang, "topics.status.", topicSetStatuses)
		m.Visibilities = options(lang, "topics.visibility.", committee.TopicVisibility)
		if slices.Contains(topicSetStatuses, t.Status()) {
			m.StatusValue = t.Status()
		}
		m.VisibilityValue, m.Reason = t.Visibility(), t.DeclineReason()
	}
	h, err := committee.TopicHistory(s.app, auth, t)
	if err != nil {
		return m, err
	}
	for _, r := range h.Rounds {
		m.Rounds = append(m.Rounds, topics.Round{ID: r.ID, Title: r.Title, Rank: r.Rank, Dots: r.Dots, Closed: r.Closed, Visible: r.Visible})
	}
	m.MeetingID, m.MeetingTitle, m.AgendaItem = h.MeetingID, h.MeetingTitle, h.AgendaItemTitle
	m.Decisions = h.Decisions
	for _, a := range h.Actions {
		m.Actions = append(m.Actions, topics.Action{ID: a.ID, Title: a.Title, Status: a.Status})
	}
	list, err := committee.TopicComments(s.app, auth, t)
	if err != nil {
		return m, err
	}
	m.Comments = commentRows(lang, u, list)
	return m, nil
}

// commentRows are the comments of a topic or a statement as their pages show them, each with
// its replies.
func commentRows(lang string, u *committee.User, list []committee.Comment) []topics.Comment {
	var out []topics.Comment
	for _, cm := range list {
		row := commentOf(lang, u, cm)
		for _, r := range cm.Replies {
			row.Replies = append(row.Replies, commentOf(lang, u, r))
		}
		out = append(out, row)
	}
	return out
}

func commentOf(lang string, u *committee.User, c committee.Comment) topics.Comment {
	return topics.Comment{ID: c.ID, Author: c.AuthorName, Body: c.Body, Hidden: c.Hidden, HiddenReason: c.HiddenReason,
		CanEdit: c.CanEdit(u), When: locales.Tf(lang, "time.at", -1,
			map[string]any{"Date": committee.FormatDate(lang, c.Created), "Time": committee.FormatTime(lang, c.Created)})}
}

// afterTopicStep answers a form on the topic page: back to the page (at anchor) with a flash, or
// the page again with the problem next to the form named form, its input kept (422).
func (s *Server) afterTopicStep(c echo.Context, t *committee.Topic, err error, form string, kept map[string]string,
	ok, anchor string) error {
	errs, err := formErrors(err)
	if err != nil {
		return err
	}
	if errs != nil {
		if fresh, ferr := committee.FindTopic(s.app, authRecord(c), t.Id); ferr == nil {
			t = fresh
		}
		m, err := s.topicModel(c, t)
		if err != nil {
			return err
		}
		m.ErrorFor, m.Errors, m.Kept = form, errs, kept
		if form == "status" {
			m.StatusValue, m.VisibilityValue, m.Reason = kept["status"], kept["visibility"], kept["reason"]
		}
		return s.renderForm(c, topics.ShowPage(m))
	}
	flash(c, ok)
	return redirect(c, "/topics/"+t.Id+anchor)
}

// topicSupport supports the topic (on=1) or takes the support back (on=0).
func (s *Server) topicSupport(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	t, err := s.findTopic(c)
	if err != nil {
		return err
	}
	on := field(c, "on") == "1"
	if err := committee.Support(s.app, u, t, on); err != nil {
		return err
	}
	if on {
		flash(c, "flash.topic_supported")
	} else {
		flash(c, "flash.topic_unsupported")
	}
	return redirect(c, "/topics/"+t.Id)
}

// topicStatus is the coordinators' form: status (with a reason when declined) and visibility.
func (s *Server) topicStatus(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	t, err := s.findTopic(c)
	if err != nil {
		return err
	}
	kept := map[string]string{"status": field(c, "status"), "visibility": field(c, "visibility"), "reason": field(c, "reason")}
	err = committee.SetTopicStatus(s.app, u, t, kept["status"], kept["visibility"], kept["reason"])
	return s.afterTopicStep(c, t, err, "status", kept, "flash.saved", "")
}

// commentAdd writes a comment, or a reply to one (parent).
func (s *Server) commentAdd(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	t, err := s.findTopic(c)
	if err != nil {
		return err
	}
	parent, body := field(c, "parent"), c.FormValue("body")
	form, anchor := commentForm(parent)
	err = committee.AddComment(s.app, u, t, parent, body)
	return s.afterTopicStep(c, t, err, form, map[string]string{"body": body}, "flash.comment_added", anchor)
}

// commentForm names the comment form a post came from (the new comment, or the reply to parent)
// and the place on the page to go back to.
func commentForm(parent string) (form, anchor string) {
	if parent == "" {
		return "comment", "#comments"
	}
	return "reply-" + parent, "#comment-" + parent
}

// commented loads the comment of :id and its topic, as the person asking may see them.
func (s *Server) commented(c echo.Context) (*committee.User, *committee.Topic, string, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, nil, "", err
	}
	rec, err := s.app.FindRecordById("comments", c.Param("id"))
	if err != nil {
		return nil, nil, "", committee.ErrNotFound
	}
	t, err := committee.FindTopic(s.app, u.Record, rec.GetString("topic"))
	if err != nil {
		return nil, nil, "", err
	}
	return u, t, rec.Id, nil
}

// commentEdit saves the author's changes within 15 minutes.
func (s *Server) commentEdit(c echo.Context) error {
	u, t, id, err := s.commented(c)
	if err != nil {
		return err
	}
	body := c.FormValue("body")
	err = committee.EditComment(s.app, u, id, body)
	return s.afterTopicStep(c, t, err, "edit-"+id, map[string]string{"body": body}, "flash.saved", "#comment-"+id)
}

// commentReport tells the coordinators about a comment.
func (s *Server) commentReport(c echo.Context) error {
	u, t, id, err := s.commented(c)
	if err != nil {
		return err
	}
	reason := field(c, "reason")
	err = committee.ReportComment(s.app, u, id, reason)
	return s.afterTopicStep(c, t, err, "report-"+id, map[string]string{"reason": reason}, "flash.comment_reported", "#comment-"+id)
}

// commentHide is a coordinator hiding a comment, with the reason shown in its place.
func (s *Server) commentHide(c echo.Context) error {
	u, t, id, err := s.commented(c)
	if err != nil {
		return err
	}
	reason := field(c, "reason")
	err = committee.HideComment(s.app, u, id, reason)
	return s.afterTopicStep(c, t, err, "hide-"+id, map[string]string{"reason": reason}, "flash.comment_hidden", "#comment-"+id)
}

// commentPage is the page a comment's forms belong to (routes.go, GET on their address): the
// comment on its topic's page.
func (s *Server) commentPage(c echo.Context) (string, error) {
	_, t, id, err := s.commented(c)
	if err != nil {
		return "", err
	}
	return "/topics/" + t.Id + "#comment-" + id, nil
}
