package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/pocketbase/dbx"

	"komitee/committee"
	"komitee/views"
	"komitee/views/meetings"
)

// meetings is /meetings: upcoming or past meetings the reader may see, filtered by kind.
func (s *Server) meetings(c echo.Context) error {
	lang := c.Get(langKey).(string)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	f := committee.MeetingFilter{Kind: c.QueryParam("kind"), Past: c.QueryParam("when") == "past", Page: page}
	if !slices.Contains(committee.MeetingKinds, f.Kind) {
		f.Kind = ""
	}
	result, rows, err := committee.Meetings(s.app, authRecord(c), f)
	if err != nil {
		return err
	}
	m := meetings.List{Past: f.Past, Kind: f.Kind, Page: result.Page, TotalPages: result.TotalPages, Total: result.TotalItems,
		Kinds: meetingKindOptions(lang), CanCreate: committee.MayCreateMeeting(s.app, authRecord(c))}
	for _, r := range rows {
		m.Rows = append(m.Rows, meetings.Row{ID: r.ID, Title: r.Title, Kind: r.Kind, Status: r.Status, Public: r.Visibility == "public",
			When: when(lang, r.Starts.Time(), r.Ends.Time()), Place: r.PlaceName})
	}
	return s.render(c, meetings.ListPage(m))
}

// when is a time span for the reader in Berlin time ("" while no date is fixed).
func when(lang string, start, end time.Time) string {
	if start.IsZero() {
		return ""
	}
	return committee.FormatRange(lang, start, end)
}

// whenOf is a meeting's time for the reader.
func (s *Server) whenOf(c echo.Context, m *committee.Meeting) string {
	return when(c.Get(langKey).(string), m.Starts(), m.Ends())
}

func meetingKindOptions(lang string) []views.Option {
	return options(lang, "meetings.kind.", committee.MeetingKinds)
}

// findMeeting loads the meeting of :id that the person may view.
func (s *Server) findMeeting(c echo.Context) (*committee.Meeting, error) {
	return committee.FindMeeting(s.app, authRecord(c), c.Param("id"))
}

// organised loads the meeting of :id for a person who organises it.
func (s *Server) organised(c echo.Context) (*committee.User, *committee.Meeting, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.findMeeting(c)
	if err != nil {
		return nil, nil, err
	}
	if !committee.CanOrganise(s.app, u, m) {
		return nil, nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, m, nil
}

// meetingShow is a meeting's page.
func (s *Server) meetingShow(c echo.Context) error {
	m, err := s.findMeeting(c)
	if err != nil {
		return err
	}
	model, err := s.showMeetingModel(c, m)
	if err != nil {
		return err
	}
	return s.render(c, meetings.ShowPage(model))
}

func (s *Server) showMeetingModel(c echo.Context, m *committee.Meeting) (meetings.Show, error) {
	lang := c.Get(langKey).(string)
	u, auth := currentUser(c), authRecord(c)
	can := committee.MeetingCan(s.app, auth, m)
	model := meetings.Show{ID: m.Id, Title: m.Title(), Kind: m.Kind(), Status: m.Status(), Visibility: m.Visibility(),
		When: s.whenOf(c, m), PlaceName: m.PlaceName(), PlaceAddress: m.PlaceAddress(), PlaceRoom: m.PlaceRoom(),
		PlaceAccess: m.PlaceAccess(), OnlineLink: m.OnlineLink(), Description: committee.Markdown(m.Description()),
		Capacity: m.Capacity(), CanOrganise: can.Organise, CanDelete: can.Delete, CanSuggest: can.Suggest, CanEditAgenda: can.EditAgenda,
		CanRegister:     can.Register,
		MinutesReadable: can.ReadMinutes}
	if model.Capacity > 0 {
		model.SeatsLeft = committee.SeatsLeft(s.app, m)
	}
	model.Organisers = committee.OrganiserNames(s.app, m)
	if model.CanOrganise {
		model.Actions = can.Steps
	}
	if m.Status() == "draft" || m.Status() == "date_finding" {
		poll, err := s.pollModel(c, m, can)
		if err != nil {
			return model, err
		}
		model.Poll = poll
	}
	items, err := committee.Agenda(s.app, auth, m)
	if err != nil {
		return model, err
	}
	accepted := 0
	for _, it := range items {
		if it.Status == "accepted" {
			accepted++
		}
	}
	for i, it := range items {
		row := meetings.Item{ID: it.ID, Title: it.Title, Description: committee.Markdown(it.Description), Status: it.Status,
			Duration: it.Duration, DeclineReason: it.DeclineReason, SuggestedBy: it.SuggestedByName,
			Presenter: joinNonEmpty(", ", it.PresenterName, it.PresenterOrgName), First: i == 0, Last: i == accepted-1}
		if !it.Start.IsZero() {
			row.Start = committee.FormatTime(lang, it.Start)
		}
		if it.Status == "accepted" {
			model.Items = append(model.Items, row)
		} else {
			model.Suggestions = append(model.Suggestions, row)
		}
	}
	if model.CanOrganise || model.CanSuggest {
		model.Agenda = s.agendaForm(c, model.CanOrganise, m, committee.AgendaInput{}, nil)
		model.Agenda.Action = "/meetings/" + m.Id + "/agenda"
	}
	if u != nil {
		if r := committee.MyRegistration(s.app, u, m); r != nil {
			model.MyRegistration = r.GetString("answer") + "_" + r.GetString("status")
		}
	}
	return model, nil
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// pollModel builds the date-finding table of m for the reader, with what they may do there.
func (s *Server) pollModel(c echo.Context, m *committee.Meeting, can committee.MeetingCaps) (*meetings.Poll, error) {
	lang := c.Get(langKey).(string)
	u := currentUser(c)
	p, err := committee.DatePoll(s.app, authRecord(c), m)
	if err != nil {
		return nil, err
	}
	first := ""
	if len(p.Dates) > 0 {
		first = p.Dates[0].ID
	}
	poll := committee.PollCan(s.app, authRecord(c), m, first)
	out := &meetings.Poll{Mine: p.Mine, MyOrg: p.MyOrg, CanPropose: poll.ProposeDates, CanFix: can.FixDate, CanAnswer: poll.Answer}
	for _, d := range p.Dates {
		out.Dates = append(out.Dates, meetings.DateColumn{ID: d.ID, When: when(lang, d.Starts, d.Ends), Yes: d.Yes, Maybe: d.Maybe,
			No: d.No, Best: d.Best})
	}
	for _, r := range p.Rows {
		row := meetings.PollRow{Name: r.Name, Organisation: r.Organisation}
		for _, d := range p.Dates {
			row.Answers = append(row.Answers, r.Answers[d.ID])
		}
		out.Rows = append(out.Rows, row)
	}
	if u != nil {
		out.Orgs = optionsOf(committee.MyOrganisationsFor(s.app, u.Id))
	}
	return out, nil
}

func optionsOf(in []committee.Option) []views.Option {
	out := make([]views.Option, len(in))
	for i, o := range in {
		out[i] = views.Option{Value: o.Value, Label: o.Label}
	}
	return out
}

// meetingInput reads the meeting form.
func meetingInput(c echo.Context) committee.MeetingInput {
	return committee.MeetingInput{Title: field(c, "title"), Kind: field(c, "kind"), Visibility: field(c, "visibility"),
		Description: field(c, "description"), Date: field(c, "date"), Start: field(c, "start"), End: field(c, "end"),
		PlaceName: field(c, "place_name"), PlaceAddress: field(c, "place_address"), PlaceRoom: field(c, "place_room"),
		PlaceAccess: field(c, "place_access"), OnlineLink: field(c, "online_link"), Capacity: field(c, "capacity"),
		Organisers: fields(c, "organisers")}
}

func (s *Server) meetingForm(c echo.Context, m *committee.Meeting, in committee.MeetingInput, errs committee.Errors) meetings.Form {
	lang := c.Get(langKey).(string)
	f := meetings.Form{MeetingTitle: in.Title, Kind: in.Kind, Visibility: in.Visibility, Description: in.Description,
		Date: in.Date, Start: in.Start, End: in.End, PlaceName: in.PlaceName, PlaceAddress: in.PlaceAddress,
		PlaceRoom: in.PlaceRoom, PlaceAccess: in.PlaceAccess, OnlineLink: in.OnlineLink, Capacity: in.Capacity,
		Organisers: in.Organisers, Errors: errs, Kinds: meetingKindOptions(lang),
		Visibilities:  options(lang, "meetings.visibility.", committee.MeetingVisibilities),
		Organisations: s.organisationOptions()}
	f.Action, f.Title, f.Submit, f.DateHint = "/meetings/new", "meetings.new.title", "meetings.new.submit", true
	if m != nil {
		f.Action, f.Title, f.Submit = "/meetings/"+m.Id+"/edit", "meetings.edit.title", "form.save"
		f.DateHint = m.Status() == "draft" || m.Status() == "date_finding"
	}
	return f
}

// organisationOptions are the listed organisations, by name.
func (s *Server) organisationOptions() []views.Option {
	return optionsOf(committee.ListedOrganisations(s.app))
}

// meetingCreator returns the person asking if they may create meetings (the create rule).
func (s *Server) meetingCreator(c echo.Context) (*committee.User, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, err
	}
	if !committee.MayCreateMeeting(s.app, u.Record) {
		return nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, nil
}

// meetingNew shows the form for a new meeting (coordinators).
func (s *Server) meetingNew(c echo.Context) error {
	if _, err := s.meetingCreator(c); err != nil {
		return err
	}
	return s.render(c, meetings.FormPage(s.meetingForm(c, nil, committee.MeetingInput{Kind: "committee", Visibility: "members"}, nil)))
}

// meetingCreate saves a new meeting as a draft.
func (s *Server) meetingCreate(c echo.Context) error {
	u, err := s.meetingCreator(c)
	if err != nil {
		return err
	}
	in := meetingInput(c)
	m, err := committee.CreateMeeting(s.app, u, in)
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, meetings.FormPage(s.meetingForm(c, nil, in, errs)))
	}
	flash(c, "flash.saved")
	return redirect(c, "/meetings/"+m.Id)
}

// meetingEdit shows the meeting form filled in.
func (s *Server) meetingEdit(c echo.Context) error {
	_, m, err := s.organised(c)
	if err != nil {
		return err
	}
	return s.render(c, meetings.FormPage(s.meetingForm(c, m, committee.MeetingInputOf(m), nil)))
}

// meetingUpdate saves the meeting form; a changed time or place of a scheduled meeting is
// mailed by the meeting hooks.
func (s *Server) meetingUpdate(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	in := meetingInput(c)
	since := time.Now()
	if errs, err := formErrors(committee.UpdateMeeting(s.app, u, m, in)); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, meetings.FormPage(s.meetingForm(c, m, in, errs)))
	}
	if n, _ := committee.MailFailuresAbout(s.app, "meetings/"+m.Id, since); n > 0 {
		flashCount(c, "flash.mails_failed.change", n)
	} else {
		flash(c, "flash.saved")
	}
	return redirect(c, "/meetings/"+m.Id)
}

// meetingStatus takes one step in the meeting's life (find a date, schedule, held, cancel), or
// deletes a draft.
func (s *Server) meetingStatus(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	if field(c, "action") == "delete" {
		if err := committee.DeleteMeeting(s.app, u, m); err != nil {
			return s.afterStep(c, m, err, "")
		}
		flash(c, "flash.meeting_deleted")
		return redirect(c, "/meetings")
	}
	since := time.Now()
	action := field(c, "action")
	err = committee.ChangeStatus(s.app, u, m, action, field(c, "confirm") == "past")
	if errors.Is(err, committee.ErrDateHasPassed) {
		return s.confirmPast(c, m, s.whenOf(c, m), action)
	}
	return s.afterMeetingMails(c, m, since, err, "flash.saved")
}

// confirmPast asks before scheduling a meeting whose date (starts) has passed: the same form
// again, confirmed. Nothing has changed yet, so a reload only asks again.
func (s *Server) confirmPast(c echo.Context, m *committee.Meeting, when, step string) error {
	return s.render(c, meetings.ConfirmPastPage(meetings.ConfirmPast{MeetingID: m.Id, Title: m.Title(),
		When: when, Action: c.Request().URL.Path, Step: step}))
}

// afterStep answers a step on the meeting page: back to the page with a flash, or the page
// again with the problem (422).
func (s *Server) afterStep(c echo.Context, m *committee.Meeting, err error, ok string) error {
	errs, err := formErrors(err)
	if err != nil {
		return err
	}
	if errs != nil {
		if fresh, ferr := committee.FindMeeting(s.app, authRecord(c), m.Id); ferr == nil {
			m = fresh
		}
		model, err := s.showMeetingModel(c, m)
		if err != nil {
			return err
		}
		if model.Poll != nil {
			model.Poll.Errors = errs
		}
		model.Agenda.Errors = errs
		return s.renderForm(c, meetings.ShowPage(model))
	}
	flash(c, ok)
	return redirect(c, "/meetings/"+m.Id)
}

// dateAdd proposes a candidate date.
func (s *Server) dateAdd(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	date, start, end := field(c, "date"), field(c, "start"), field(c, "end")
	errs, err := formErrors(committee.AddDate(s.app, u, m, date, start, end))
	if err != nil {
		return err
	}
	if errs != nil {
		model, err := s.showMeetingModel(c, m)
		if err != nil {
			return err
		}
		if model.Poll != nil {
			model.Poll.Errors, model.Poll.Date, model.Poll.Start, model.Poll.End = errs, date, start, end
		}
		return s.renderForm(c, meetings.ShowPage(model))
	}
	flash(c, "flash.saved")
	return redirect(c, "/meetings/"+m.Id+"#poll-h")
}

// dateRemove takes a candidate date back.
func (s *Server) dateRemove(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	return s.afterStep(c, m, committee.RemoveDate(s.app, u, m, c.Param("date")), "flash.saved")
}

// dateFix schedules the meeting on a candidate date; everyone is invited.
func (s *Server) dateFix(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	since := time.Now()
	err = committee.FixDate(s.app, u, m, c.Param("date"), field(c, "confirm") == "past")
	if errors.Is(err, committee.ErrDateHasPassed) {
		when := ""
		if d, derr := committee.First(s.app, authRecord(c), "meeting_dates", committee.Query{Filter: "id = {:d} && meeting = {:m}",
			Params: dbx.Params{"d": c.Param("date"), "m": m.Id}}); derr == nil {
			when = committee.FormatRange(c.Get(langKey).(string), d.GetDateTime("starts").Time(), d.GetDateTime("ends").Time())
		}
		return s.confirmPast(c, m, when, "")
	}
	return s.afterMeetingMails(c, m, since, err, "flash.date_fixed")
}

// answersSave saves a member's answers to the candidate dates.
func (s *Server) answersSave(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	m, err := s.findMeeting(c)
	if err != nil {
		return err
	}
	answers := map[string]string{}
	if err := c.Request().ParseForm(); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	for k, v := range c.Request().PostForm {
		if id, ok := strings.CutPrefix(k, "answer_"); ok && len(v) > 0 {
			answers[id] = v[0]
		}
	}
	return s.afterStep(c, m, committee.AnswerDates(s.app, u, m, answers, field(c, "organisation")), "flash.answers_saved")
}

// agendaForm builds the agenda item form with its choices: an organiser adds items (and picks
// presenters), anyone else suggests them.
func (s *Server) agendaForm(c echo.Context, organiser bool, m *committee.Meeting, in committee.AgendaInput, errs committee.Errors) meetings.AgendaForm {
	f := meetings.AgendaForm{Title: in.Title, Description: in.Description, Duration: in.Duration, Presenter: in.Presenter,
		PresenterOrg: in.PresenterOrganisation, Errors: errs, Organisations: s.organisationOptions(), Submit: "form.save"}
	if organiser {
		f.People = optionsOf(committee.MeetingPeople(s.app, m))
		f.Submit = "meetings.agenda.add"
	} else if currentUser(c) != nil {
		f.Submit = "meetings.agenda.suggest"
	}
	return f
}

func agendaInput(c echo.Context) committee.AgendaInput {
	return committee.AgendaInput{Title: field(c, "title"), Description: field(c, "description"), Duration: field(c, "duration"),
		Presenter: field(c, "presenter"), PresenterOrganisation: field(c, "presenter_organisation")}
}

// agendaAdd adds an item (organisers) or suggests one (members).
func (s *Server) agendaAdd(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	m, err := s.findMeeting(c)
	if err != nil {
		return err
	}
	in := agendaInput(c)
	suggested, err := committee.AddAgendaItem(s.app, u, m, in)
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		model, err := s.showMeetingModel(c, m)
		if err != nil {
			return err
		}
		action := model.Agenda.Action
		model.Agenda = s.agendaForm(c, model.CanOrganise, m, in, errs)
		model.Agenda.Action = action
		return s.renderForm(c, meetings.ShowPage(model))
	}
	ok := "flash.item_added"
	if suggested {
		ok = "flash.item_suggested"
	}
	flash(c, ok)
	return redirect(c, "/meetings/"+m.Id+"#agenda-h")
}

// agendaEdit shows one item's form.
func (s *Server) agendaEdit(c echo.Context) error {
	_, m, err := s.organised(c)
	if err != nil {
		return err
	}
	items, err := committee.Agenda(s.app, authRecord(c), m)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.ID == c.Param("item") {
			f := s.agendaForm(c, true, m, committee.AgendaInputOf(it), nil)
			f.Action, f.Submit = "/meetings/"+m.Id+"/agenda/"+it.ID+"/edit", "form.save"
			return s.render(c, meetings.AgendaEditPage(m.Title(), f))
		}
	}
	return committee.ErrNotFound
}

// agendaUpdate saves one item's form.
func (s *Server) agendaUpdate(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	in := agendaInput(c)
	if errs, err := formErrors(committee.UpdateAgendaItem(s.app, u, m, c.Param("item"), in)); err != nil {
		return err
	} else if errs != nil {
		f := s.agendaForm(c, true, m, in, errs)
		f.Action, f.Submit = "/meetings/"+m.Id+"/agenda/"+c.Param("item")+"/edit", "form.save"
		return s.renderForm(c, meetings.AgendaEditPage(m.Title(), f))
	}
	flash(c, "flash.saved")
	return redirect(c, "/meetings/"+m.Id+"#agenda-h")
}

// agendaMove moves an item up or down.
func (s *Server) agendaMove(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	return s.afterStep(c, m, committee.MoveAgendaItem(s.app, u, m, c.Param("item"), field(c, "dir")), "flash.saved")
}

// agendaDecide accepts or declines a suggested item.
func (s *Server) agendaDecide(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	accept := field(c, "decision") == "accept"
	return s.afterStep(c, m, committee.DecideSuggestion(s.app, u, m, c.Param("item"), accept, field(c, "reason")), "flash.saved")
}

// agendaRemove deletes an item.
func (s *Server) agendaRemove(c echo.Context) error {
	u, m, err := s.organised(c)
	if err != nil {
		return err
	}
	return s.afterStep(c, m, committee.RemoveAgendaItem(s.app, u, m, c.Param("item")), "flash.saved")
}
