package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/views"
	"komitee/views/rounds"
)

// roundState says where a round is in its time: upcoming, open or closed.
func roundState(r *committee.Round, now time.Time) string {
	switch {
	case r.Closed() || !now.Before(r.Closes()):
		return "closed"
	case now.Before(r.Opens()):
		return "upcoming"
	}
	return "open"
}

// rounds is the list of prioritisation rounds (members).
func (s *Server) rounds(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	list, err := committee.Rounds(s.app, u.Record)
	if err != nil {
		return err
	}
	lang := c.Get(langKey).(string)
	m := rounds.List{CanOpen: committee.MayOpenRounds(u.Record)}
	now := time.Now()
	for _, r := range list {
		m.Rows = append(m.Rows, rounds.Row{ID: r.Id, Title: r.Title(), State: roundState(r, now), When: when(lang, r.Opens(), r.Closes())})
	}
	return s.render(c, rounds.ListPage(m))
}

func (s *Server) roundForm(c echo.Context, in committee.RoundInput, errs committee.Errors) rounds.Form {
	lang := c.Get(langKey).(string)
	f := rounds.Form{Title: in.Title, OpensDate: in.OpensDate, OpensTime: in.OpensTime, ClosesDate: in.ClosesDate,
		ClosesTime: in.ClosesTime, Dots: in.Dots, MaxPerTopic: in.MaxPerTopic, Voters: in.Voters, HideResults: in.HideResults,
		Topics: in.Topics, Errors: errs, VoterOptions: options(lang, "rounds.voters.", committee.RoundVoters)}
	f.TopicOptions = optionsOf(committee.ProposedTopics(s.app, authRecord(c)))
	return f
}

// roundManager returns the person asking if they may open, close and take rounds to an agenda.
func (s *Server) roundManager(c echo.Context) (*committee.User, error) {
	u, err := requireUser(c)
	if err != nil {
		return nil, err
	}
	if !committee.MayOpenRounds(u.Record) {
		return nil, echo.NewHTTPError(http.StatusForbidden)
	}
	return u, nil
}

// roundNew shows the form that opens a round (coordinators), with sensible defaults: from now
// for two weeks, 5 dots, at most 3 on one topic, one voice per organisation.
func (s *Server) roundNew(c echo.Context) error {
	if _, err := s.roundManager(c); err != nil {
		return err
	}
	now := time.Now()
	in := committee.RoundInput{OpensDate: committee.LocalDate(now), OpensTime: committee.LocalClock(now),
		ClosesDate: committee.LocalDate(now.AddDate(0, 0, 14)), ClosesTime: "18:00", Dots: "5", MaxPerTopic: "3",
		Voters: "organisations"}
	return s.render(c, rounds.NewPage(s.roundForm(c, in, nil)))
}

// roundCreate opens a round.
func (s *Server) roundCreate(c echo.Context) error {
	u, err := s.roundManager(c)
	if err != nil {
		return err
	}
	in := committee.RoundInput{Title: field(c, "title"), OpensDate: field(c, "opens_date"), OpensTime: orDefault(field(c, "opens_time"), "00:00"),
		ClosesDate: field(c, "closes_date"), ClosesTime: orDefault(field(c, "closes_time"), "23:59"), Dots: field(c, "dots"),
		MaxPerTopic: field(c, "max_per_topic"), Voters: field(c, "voters"), HideResults: field(c, "hide_results") == "on",
		Topics: fields(c, "topics")}
	r, err := committee.OpenRound(s.app, u, in)
	if errs, err := formErrors(err); err != nil {
		return err
	} else if errs != nil {
		return s.renderForm(c, rounds.NewPage(s.roundForm(c, in, errs)))
	}
	flash(c, "flash.round_opened")
	return redirect(c, "/rounds/"+r.Id)
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// roundShow is a round: the voting form while it is open, and the results as far as the reader
// may see them.
func (s *Server) roundShow(c echo.Context) error {
	return s.renderRound(c, http.StatusOK, field(c, "organisation"), nil, nil)
}

// renderRound builds a round's page; typed holds the dots as typed when a vote was refused.
func (s *Server) renderRound(c echo.Context, status int, org string, typed map[string]string, errs committee.Errors) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	r, err := committee.FindRound(s.app, u.Record, c.Param("id"))
	if err != nil {
		return err
	}
	lang := c.Get(langKey).(string)
	now := time.Now()
	m := rounds.Show{ID: r.Id, Title: r.Title(), When: when(lang, r.Opens(), r.Closes()), State: roundState(r, now),
		Voters: r.Voters(), Dots: r.Dots(), MaxPerTopic: r.MaxPerTopic(), Ballots: r.Ballots(), Errors: errs}
	voter := ""
	if r.ByOrganisation() && r.Open(now) {
		m.Orgs = optionsOf(committee.ManagedOrganisations(s.app, u.Id))
		// Only an organisation the reader votes for: its dots are nobody else's business.
		if !slices.ContainsFunc(m.Orgs, func(o views.Option) bool { return o.Value == org }) {
			org = ""
			if len(m.Orgs) > 0 {
				org = m.Orgs[0].Value
			}
		}
		m.Organisation = org
	}
	can := committee.RoundCan(s.app, u.Record, r, org)
	m.CanVote, m.CanClose, m.CanAgenda = can.Vote, can.Close, can.Agenda
	if can.Vote {
		voter = committee.VoterKey(r, u, org)
	}
	topics, visible, err := committee.RoundResults(s.app, u.Record, r, voter)
	if err != nil {
		return err
	}
	m.Hidden = !visible
	most := 1
	for _, t := range topics {
		most = max(most, t.Dots)
	}
	for _, t := range topics {
		row := rounds.Topic{ID: t.ID, Title: t.Title, Dots: t.Dots, Voters: t.Voters, Rank: t.Rank, Pct: t.Dots * 100 / most,
			OnAgenda: t.AgendaItem != ""}
		if t.Mine > 0 {
			row.Mine = strconv.Itoa(t.Mine)
		}
		if v, ok := typed[t.ID]; ok {
			row.Mine = v
		}
		m.Used += t.Mine
		m.Topics = append(m.Topics, row)
	}
	if m.CanAgenda {
		m.Meetings = optionsOf(committee.UpcomingMeetings(s.app))
	}
	return s.renderStatus(c, status, rounds.ShowPage(m))
}

// roundVote saves the reader's dots (for an organisation in rounds of organisations).
func (s *Server) roundVote(c echo.Context) error {
	u, err := requireUser(c)
	if err != nil {
		return err
	}
	r, err := committee.FindRound(s.app, u.Record, c.Param("id"))
	if err != nil {
		return err
	}
	if err := c.Request().ParseForm(); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	dots, typed := map[string]int{}, map[string]string{}
	errs := committee.Errors{}
	for k, v := range c.Request().PostForm {
		id, ok := strings.CutPrefix(k, "dots_")
		if !ok || len(v) == 0 {
			continue
		}
		typed[id] = strings.TrimSpace(v[0])
		dots[id] = errs.Int("dots", typed[id], 0, 100)
	}
	org := field(c, "organisation")
	if errs.Any() {
		return s.renderRound(c, http.StatusUnprocessableEntity, org, typed, committee.Errors{"form": "rounds.error.number"})
	}
	if errs, err := formErrors(committee.Vote(s.app, u, r, org, dots)); err != nil {
		return err
	} else if errs != nil {
		return s.renderRound(c, http.StatusUnprocessableEntity, org, typed, errs)
	}
	flash(c, "flash.vote_saved")
	next := "/rounds/" + r.Id
	if org != "" {
		next += "?organisation=" + org
	}
	return redirect(c, next)
}

// roundClose closes a round now and ranks its topics (coordinators).
func (s *Server) roundClose(c echo.Context) error {
	u, err := s.roundManager(c)
	if err != nil {
		return err
	}
	r, err := committee.FindRound(s.app, u.Record, c.Param("id"))
	if err != nil {
		return err
	}
	if err := committee.CloseRound(s.app, u, r); err != nil {
		return err
	}
	flash(c, "flash.round_closed")
	return redirect(c, "/rounds/"+r.Id)
}

// roundAgenda puts the top topics of a closed round onto a meeting's agenda.
func (s *Server) roundAgenda(c echo.Context) error {
	u, err := s.roundManager(c)
	if err != nil {
		return err
	}
	r, err := committee.FindRound(s.app, u.Record, c.Param("id"))
	if err != nil {
		return err
	}
	count := committee.Errors{}
	n := count.Int("count", field(c, "count"), 1, 20)
	if count.Any() {
		return s.renderRound(c, http.StatusUnprocessableEntity, "", nil, count)
	}
	meeting := field(c, "meeting")
	if _, err := committee.ToAgenda(s.app, u, r, meeting, n); err != nil {
		errs, err := formErrors(err)
		if err != nil {
			return err
		}
		return s.renderRound(c, http.StatusUnprocessableEntity, "", nil, errs)
	}
	flash(c, "flash.on_agenda")
	return redirect(c, "/meetings/"+meeting+"#agenda-h")
}
