package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/views/coordination"
)

// report is the coordinators' funder report: the meetings held in a period (from and to are
// days in Berlin, both included; the current calendar year unless given), on the page or, with
// ?format=csv, as a spreadsheet. A bad date shows the form again with the problem at its field.
func (s *Server) report(c echo.Context) error {
	if _, err := requireCoordinator(c); err != nil {
		return err
	}
	lang := c.Get(langKey).(string)
	m, from, to := reportPeriod(c.QueryParam("from"), c.QueryParam("to"), time.Now())
	if len(m.Errors) > 0 {
		return s.render(c, coordination.ReportPage(m))
	}
	r, err := committee.Report(s.app, from, to)
	if err != nil {
		return err
	}
	if c.QueryParam("format") == "csv" {
		h := c.Response().Header()
		h.Set("Content-Disposition", `attachment; filename="komitee-bericht-`+m.From+"-"+m.To+`.csv"`)
		h.Set("Cache-Control", "private, no-store")
		return c.Blob(http.StatusOK, "text/csv; charset=utf-8", r.CSV(lang))
	}
	m.Shown = true
	m.FromDay, m.ToDay = committee.FormatDay(lang, from), committee.FormatDay(lang, to.Add(-time.Hour))
	m.Meetings, m.People, m.Organisations, m.MSOs, m.Share = r.Meetings, r.People, r.Organisations, r.MSOs, r.ShareText()
	for _, kind := range committee.MeetingKinds {
		if n := r.ByKind[kind]; n > 0 {
			m.ByKind = append(m.ByKind, coordination.ReportCount{Key: kind, Meetings: n})
		}
	}
	for _, g := range committee.AttendanceGroups {
		m.Groups = append(m.Groups, coordination.ReportCount{Key: g, People: r.Groups[g].People,
			Organisations: r.Groups[g].Organisations})
	}
	for _, row := range r.Rows {
		m.Rows = append(m.Rows, coordination.ReportMeeting{ID: row.ID, Date: committee.FormatDay(lang, row.Starts.Time()),
			Title: row.Title, Kind: row.Kind, People: row.People, Organisations: row.Organisations})
	}
	return s.render(c, coordination.ReportPage(m))
}

// reportPeriod reads the report form: the days as typed (the calendar year of now in Berlin
// when both are empty) and the period [from, to+1 day) in UTC.
func reportPeriod(fromText, toText string, now time.Time) (m coordination.Report, from, to time.Time) {
	if fromText == "" && toText == "" {
		year := now.In(committee.Berlin).Year()
		fromText = time.Date(year, 1, 1, 0, 0, 0, 0, committee.Berlin).Format(time.DateOnly)
		toText = time.Date(year, 12, 31, 0, 0, 0, 0, committee.Berlin).Format(time.DateOnly)
	}
	m = coordination.Report{From: fromText, To: toText, Errors: map[string]string{}}
	from, errFrom := time.ParseInLocation(time.DateOnly, fromText, committee.Berlin)
	last, errTo := time.ParseInLocation(time.DateOnly, toText, committee.Berlin)
	if errFrom != nil || from.Year() < 1900 {
		m.Errors["from"] = "report.error.date"
	}
	switch {
	case errTo != nil || last.Year() < 1900:
		m.Errors["to"] = "report.error.date"
	case errFrom == nil && last.Before(from):
		m.Errors["to"] = "report.error.order"
	}
	m.CSV = "/coordination/report?" + url.Values{"from": {fromText}, "to": {toText}, "format": {"csv"}}.Encode()
	// The day after the last one, at midnight in Berlin (AddDate keeps daylight saving right).
	return m, from.UTC(), last.AddDate(0, 0, 1).UTC()
}
