package web_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestReportPage: coordinators see the year's meetings and download them as CSV; others may not;
// a bad date shows the form again with the problem at its field.
func TestReportPage(t *testing.T) {
	k := testkit.New(t)
	k.WithoutMeetings(t)
	year := time.Now().In(committee.Berlin).Year()
	starts := time.Date(year, 3, 11, 17, 0, 0, 0, committee.Berlin).UTC()
	m := k.Record(t, "meetings", map[string]any{"title": "Gründungssitzung – تأسيس", "kind": "committee",
		"status": "minutes_approved", "visibility": "public", "starts": starts, "ends": starts.Add(2 * time.Hour)})
	k.Record(t, "attendance", map[string]any{"meeting": m.Id, "name": "Rana", "organisation": k.Listed.Id, "group": "mso", "people": 3})
	k.Record(t, "attendance", map[string]any{"meeting": m.Id, "name": "Gast", "organisation_name": "Willkommensverein", "group": "partner", "people": 1})

	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	if !strings.Contains(coord.get("/coordination", 200), `href="/coordination/report"`) {
		t.Error("the coordination desk does not link to the report")
	}

	// The current calendar year by default.
	body := coord.get("/coordination/report", 200)
	y := strconv.Itoa(year)
	for _, want := range []string{`value="` + y + `-01-01"`, `value="` + y + `-12-31"`, "Gründungssitzung – تأسيس",
		`<th scope="col">`, "<caption>", `data-testid="report-meetings"`, "50 %"} {
		if !strings.Contains(body, want) {
			t.Errorf("the report lacks %q", want)
		}
	}

	// The CSV of the same period.
	csvURL := "/coordination/report?from=" + y + "-01-01&to=" + y + "-12-31&format=csv"
	if !strings.Contains(body, `href="/coordination/report?format=csv&amp;from=`+y+`-01-01&amp;to=`+y+`-12-31"`) {
		t.Errorf("no download link for the same period")
	}
	req := httptest.NewRequest(http.MethodGet, csvURL, nil)
	req.AddCookie(&http.Cookie{Name: "komitee_session", Value: k.SessionID(t, k.Coordinator)})
	req.AddCookie(&http.Cookie{Name: "komitee_lang", Value: "de"})
	rec := httptest.NewRecorder()
	coord.mux.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), `filename="komitee-bericht-`+y+`-01-01-`+y+`-12-31.csv"`) {
		t.Fatalf("CSV: %d %v", rec.Code, rec.Header())
	}
	rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(rec.Body.Bytes(), []byte("\ufeff"))))
	rd.Comma = ';'
	rows, err := rd.ReadAll()
	if err != nil || len(rows) != 3 || rows[1][1] != "Gründungssitzung – تأسيس" || rows[1][3] != "4" || rows[2][4] != "2" {
		t.Fatalf("CSV rows %q (%v)", rows, err)
	}

	// A bad date: the form again, the input kept, the problem at the field.
	body = coord.get("/coordination/report?from=2025-02-30&to="+y+"-12-31", 200)
	if !strings.Contains(body, `value="2025-02-30"`) || !strings.Contains(body, `aria-invalid="true"`) ||
		!strings.Contains(body, "gültiges Datum") || strings.Contains(body, `data-testid="report-meetings"`) {
		t.Errorf("a bad date is not shown at its field:\n%s", body)
	}
	body = coord.get("/coordination/report?from=2025-12-01&to=2025-01-01&format=csv", 200)
	if !strings.Contains(body, "nicht vor dem Anfang") {
		t.Error("an end before the start is not refused")
	}
	if body := coord.get("/coordination/report?from=2030-01-01&to=2030-12-31", 200); !strings.Contains(body, "kein Treffen") {
		t.Error("an empty period does not say so")
	}

	// Members are refused, the public is sent to log in.
	member := newSite(t, k)
	member.cookies["komitee_session"] = k.SessionID(t, k.Member)
	member.get("/coordination/report", 403)
	member.get(csvURL, 403)
	if status, loc, _ := newSite(t, k).do(http.MethodGet, "/coordination/report", nil); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("public: %d %s", status, loc)
	}
}
