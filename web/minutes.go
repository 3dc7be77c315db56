package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/views"
	"komitee/views/meetings"
)

// minutesModel builds the minutes of m as the reader may see them.
func (s *Server) minutesModel(c echo.Context, m *committee.Meeting) (meetings.Minutes, error) {
	lang := c.Get(langKey).(string)
	auth := authRecord(c)
	model := meetings.Minutes{MeetingID: m.Id, MeetingTitle: m.Title(), When: s.whenOf(c, m), Place: m.Place(),
		Status: m.Status(), Audience: m.MinutesAudience()}
	items, err := committee.Agenda(s.app, auth, m)
	if err != nil {
		return model, err
	}
	min, err := committee.MinutesOf(s.app, auth, m)
	if err != nil {
		return model, err
	}
	byItem := map[string]*meetings.MinutesItem{}
	for _, it := range items {
		if it.Status != "accepted" {
			continue
		}
		model.Items = append(model.Items, meetings.MinutesItem{ID: it.ID, Title: it.Title,
			Notes: committee.Markdown(min.Notes[it.ID]), NotesSource: min.Notes[it.ID]})
		model.ItemOptions = append(model.ItemOptions, views.Option{Value: it.ID, Label: it.Title})
	}
	for i := range model.Items {
		byItem[model.Items[i].ID] = &model.Items[i]
	}
	target := func(item string) *meetings.MinutesItem {
		if t, ok := byItem[item]; ok {
			return t
		}
		return &model.General
	}
	for _, d := range min.Decisions {
		model.DecisionOptions = append(model.DecisionOptions, views.Option{Value: d.ID, Label: d.Text})
		t := target(d.AgendaItem)
		t.Decisions = append(t.Decisions, meetings.Decision{ID: d.ID, Text: d.Text, Counted: d.Counted, Yes: d.Yes, No: d.No, Abstain: d.Abstain})
	}
	byDecision := map[string][]meetings.Action{} // the actions that carry out a decision
	for _, a := range min.Actions {
		t := target(a.AgendaItem)
		row := meetings.Action{ID: a.ID, Title: a.Title, Organisation: a.Organisation, Person: a.Person, Status: a.Status}
		if !a.Due.IsZero() {
			row.Due = committee.FormatDate(lang, a.Due)
		}
		t.Actions = append(t.Actions, row)
		if a.Decision != "" {
			byDecision[a.Decision] = append(byDecision[a.Decision], row)
		}
	}
	for _, a := range min.FollowUps { // under their decision only
		byDecision[a.Decision] = append(byDecision[a.Decision], meetings.Action{ID: a.ID, Title: a.Title, Status: a.Status})
	}
	for _, t := range append([]*meetings.MinutesItem{&model.General}, itemPointers(model.Items)...) {
		for i := range t.Decisions {
			t.Decisions[i].Actions = byDecision[t.Decisions[i].ID]
		}
	}
	model.Fazit, model.FazitSource = committee.Markdown(min.Fazit), min.Fazit
	can := committee.MinutesCan(s.app, authRecord(c), m)
	model.CanEdit, model.CanApprove, model.CanPublish = can.Write, can.Approve, can.Publish
	if model.CanEdit {
		model.Orgs, model.People = s.organisationOptions(), optionsOf(committee.MeetingPeople(s.app, m))
	}
	model.Audiences = options(lang, "minutes.audience.", committee.MinutesAudiences)
	return model, nil
}

// minutesShow shows the minutes to whoever may read them (printable).
func (s *Server) minutesShow(c echo.Context) error {
	m, err := s.findMeeting(c)
	if err != nil {
		return err
	}
	if !committee.MayReadMinutes(s.app, authRecord(c), m) {
		return committee.ErrNotFound
	}
	model, err := s.minutesModel(c, m)
	if err != nil {
		return err
	}
	return s.render(c, meetings.MinutesPage(model))
}

// minutesEdit is the organisers' page for writing, approving and publishing the minutes.
func (s *Server) minutesEdit(c echo.Context) error {
	_, m, err := s.organised(c)
	if err != nil {
		return err
	}
	model, err := s.minutesModel(c, m)
	if err != nil {
		return err
	}
	return s.render(c, meetings.MinutesEditPage(model))
}

// afterMinutes answers a form of the minutes page: back to it, or the page with the problems
// of that form and its input kept.
func (s *Server) afterMinutes(c echo.Context, m *committee.Meeting, err error, form string, kept map[string]string) error {
	errs, err := formErrors(err)
	if err != nil {
		return err
	}
	if errs != nil {
		if fresh, ferr := committee.FindMeeting(s.app, authRecord(c), m.Id); ferr == nil {
			m = fresh
		}
		model, err := s.minutesModel(c, m)
		if err != nil {
			return err
		}
		if kept == nil {
			kept = map[string]string{}
		}
		kept["form"] = form
		model.Errors, model.Form = errs, kept
		if form == "minutes" {
			for i := range model.Items {
				model.Items[i].NotesSource = kept["note_"+model.Items[i].ID]
			}
			model.FazitSource = kept["fazit"]
		}
		return s.renderStatus(c, http.StatusUnprocessableEntity, meetings.MinutesEditPage(model))
	}
	flash(c, "flash.saved")
	return redirect(c, "/meetings/"+m.Id+"/minutes/edit")
}

// minutesSave saves the notes per agenda item and the Fazit.
func (s *Server) minutesSave(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	if err := c.Request().ParseForm(); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	notes, kept := map[string]string{}, map[string]string{"fazit": field(c, "fazit")}
	for k, v := range c.Request().PostForm {
		if id, ok := strings.CutPrefix(k, "note_"); ok && len(v) > 0 {
			notes[id], kept[k] = v[0], v[0]
		}
	}
	return s.afterMinutes(c, m, committee.SaveMinutes(s.app, u, m, notes, field(c, "fazit")), "minutes", kept)
}

// decisionAdd records a decision.
func (s *Server) decisionAdd(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	in := committee.DecisionInput{AgendaItem: field(c, "agenda_item"), Text: field(c, "text"), Yes: field(c, "votes_yes"),
		No: field(c, "votes_no"), Abstain: field(c, "votes_abstain")}
	kept := map[string]string{"decision_agenda_item": in.AgendaItem, "text": in.Text, "votes_yes": in.Yes, "votes_no": in.No,
		"votes_abstain": in.Abstain}
	return s.afterMinutes(c, m, committee.AddDecision(s.app, u, m, in), "decision", kept)
}

// actionAdd records an action item.
func (s *Server) actionAdd(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	in := committee.ActionInput{AgendaItem: field(c, "agenda_item"), Title: field(c, "title"), Organisation: field(c, "organisation"),
		Person: field(c, "person"), Due: field(c, "due"), Decision: field(c, "decision")}
	kept := map[string]string{"action_agenda_item": in.AgendaItem, "title": in.Title, "organisation": in.Organisation,
		"person": in.Person, "due": in.Due, "decision": in.Decision}
	return s.afterMinutes(c, m, committee.AddAction(s.app, u, m, in), "action", kept)
}

// minutesApprove is the coordinators' approval.
func (s *Server) minutesApprove(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	m, err := s.findMeeting(c)
	if err != nil {
		return err
	}
	return s.afterMinutes(c, m, committee.ApproveMinutes(s.app, u, m), "approve", nil)
}

// minutesPublish makes approved minutes readable by members or the public.
func (s *Server) minutesPublish(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	m, err := s.findMeeting(c)
	if err != nil {
		return err
	}
	return s.afterMinutes(c, m, committee.PublishMinutes(s.app, u, m, field(c, "audience")), "publish", nil)
}

// itemPointers points at each item of the minutes.
func itemPointers(items []meetings.MinutesItem) []*meetings.MinutesItem {
	out := make([]*meetings.MinutesItem, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	return out
}
