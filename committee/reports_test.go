package committee_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// reportFixture is a year of meetings with attendance of every kind: organisations from the
// directory, walk-ins' organisations typed twice in different spellings, people for no
// organisation, a row without a number of people; and meetings that do not count.
type reportFixture struct {
	k                                       *testkit.Kit
	partner, authority                      *core.Record
	newYear, march, june, scheduled, cancel *core.Record
}

func berlin(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, committee.Berlin).UTC()
}

func newReportFixture(t *testing.T) *reportFixture {
	k := testkit.New(t)
	f := &reportFixture{k: k}
	org := func(name, kind string) *core.Record {
		return k.Record(t, "organisations", map[string]any{"name": name, "slug": committee.Slugify(name), "kind": kind,
			"status": "partner", "municipality": "Bautzen"})
	}
	f.partner = org("Willkommensverein Test", "welcome_initiative")
	f.authority = org("Landratsamt Test", "authority")
	meeting := func(title, kind, status string, starts time.Time) *core.Record {
		return k.Record(t, "meetings", map[string]any{"title": title, "kind": kind, "status": status,
			"visibility": "members", "starts": starts, "ends": starts.Add(2 * time.Hour)})
	}
	came := func(m *core.Record, name string, org *core.Record, orgName, group string, people int) {
		fields := map[string]any{"meeting": m.Id, "name": name, "organisation_name": orgName, "group": group, "people": people}
		if org != nil {
			fields["organisation"] = org.Id
		}
		k.Record(t, "attendance", fields)
	}

	// Half an hour into 2025 in Berlin (still 2024 in UTC); nobody recorded.
	f.newYear = meeting("Neujahrstreffen", "committee", "held", berlin(2025, 1, 1, 0, 30))
	f.march = meeting("Sitzung im März", "committee", "minutes_approved", berlin(2025, 3, 10, 17, 0))
	came(f.march, "Rana", k.Listed, "", "mso", 1)
	came(f.march, "Gruppe des Vereins", k.Listed, "", "mso", 3)
	came(f.march, "Paula", f.partner, "", "partner", 0) // no number: one person
	came(f.march, "Ines", nil, "Initiative X", "partner", 2)
	came(f.march, "Ivo", nil, " initiative x ", "partner", 1)
	came(f.march, "Erika", nil, "", "individual", 1)
	f.june = meeting(`AG "Bildung"; Sprache – التعليم`, "working_group", "held", berlin(2025, 6, 2, 18, 0))
	came(f.june, "Mehmet", k.Listed, "", "mso", 1)
	came(f.june, "Amtsleiterin", f.authority, "", "authority", 2)
	came(f.june, "Ines", nil, "INITIATIVE X", "partner", 1)
	came(f.june, "Nuri", nil, "Neue Gruppe", "mso", 1)
	// Not held: neither counts, whoever was recorded.
	f.scheduled = meeting("Noch nicht gehalten", "committee", "scheduled", berlin(2025, 9, 1, 17, 0))
	came(f.scheduled, "Rana", k.Listed, "", "mso", 5)
	f.cancel = meeting("Abgesagt", "public_event", "cancelled", berlin(2025, 10, 1, 17, 0))
	// Half an hour into 2026 in Berlin (still 2025 in UTC).
	late := meeting("Silvesterfeier", "public_event", "held", berlin(2026, 1, 1, 0, 30))
	came(late, "Gast", nil, "Spätverein", "partner", 7)
	return f
}

func TestAttendanceCounts(t *testing.T) {
	f := newReportFixture(t)
	c, err := committee.AttendanceCounts(f.k.App, f.march.Id)
	if err != nil {
		t.Fatal(err)
	}
	if c.People != 9 || c.Organisations != 3 {
		t.Errorf("March: %d people, %d organisations; want 9 and 3 (Listed, the partner, Initiative X)", c.People, c.Organisations)
	}
	want := map[string]committee.GroupCount{"mso": {People: 4, Organisations: 1}, "partner": {People: 4, Organisations: 2},
		"authority": {}, "individual": {People: 1}}
	if !reflect.DeepEqual(c.Groups, want) {
		t.Errorf("March groups %+v, want %+v", c.Groups, want)
	}
	if len(c.FirstTime) != 3 {
		t.Errorf("March first-timers %+v, want all three", c.FirstTime)
	}

	c, err = committee.AttendanceCounts(f.k.App, f.june.Id)
	if err != nil {
		t.Fatal(err)
	}
	if c.People != 5 || c.Organisations != 4 {
		t.Errorf("June: %d people, %d organisations; want 5 and 4", c.People, c.Organisations)
	}
	// Listed and Initiative X (in any spelling) came in March already.
	wantFirst := []committee.OrganisationName{{ID: f.authority.Id, Name: "Landratsamt Test"}, {Name: "Neue Gruppe"}}
	if !reflect.DeepEqual(c.FirstTime, wantFirst) {
		t.Errorf("June first-timers %+v, want %+v", c.FirstTime, wantFirst)
	}

	c, err = committee.AttendanceCounts(f.k.App, f.newYear.Id)
	if err != nil {
		t.Fatal(err)
	}
	if c.People != 0 || c.Organisations != 0 || len(c.FirstTime) != 0 || len(c.Groups) != 4 {
		t.Errorf("a meeting nobody was recorded at: %+v", c)
	}
	if _, err := committee.AttendanceCounts(f.k.App, "nosuchmeeting00"); err == nil {
		t.Error("no error for an unknown meeting")
	}
}

func TestReport(t *testing.T) {
	f := newReportFixture(t)
	r, err := committee.Report(f.k.App, berlin(2025, 1, 1, 0, 0), berlin(2026, 1, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	// The calendar year 2025 in Berlin: the meeting half an hour into it counts, the one half an
	// hour into 2026 does not; scheduled and cancelled meetings never do.
	var ids []string
	for _, row := range r.Rows {
		ids = append(ids, row.ID)
	}
	if want := []string{f.newYear.Id, f.march.Id, f.june.Id}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("meetings %v, want %v (by date)", ids, want)
	}
	if r.Meetings != 3 || r.ByKind["committee"] != 2 || r.ByKind["working_group"] != 1 || r.ByKind["public_event"] != 0 {
		t.Errorf("meetings %d by kind %v", r.Meetings, r.ByKind)
	}
	// Organisations: Listed, the partner, Initiative X, the authority, Neue Gruppe; two are MSOs.
	if r.People != 14 || r.Organisations != 5 || r.MSOs != 2 || r.MSOShare != 40 || r.ShareText() != "40" {
		t.Errorf("people %d, organisations %d, MSOs %d (%v %%)", r.People, r.Organisations, r.MSOs, r.MSOShare)
	}
	want := map[string]committee.GroupCount{"mso": {People: 6, Organisations: 2}, "partner": {People: 5, Organisations: 2},
		"authority": {People: 2, Organisations: 1}, "individual": {People: 1}}
	if !reflect.DeepEqual(r.Groups, want) {
		t.Errorf("groups %+v, want %+v", r.Groups, want)
	}
	if row := r.Rows[1]; row.People != 9 || row.Organisations != 3 || row.Title != "Sitzung im März" || row.Kind != "committee" {
		t.Errorf("March row %+v", row)
	}
	if row := r.Rows[0]; row.People != 0 || row.Organisations != 0 {
		t.Errorf("a meeting nobody was recorded at: %+v", row)
	}

	// A period without meetings: zeros, and no division by zero.
	empty, err := committee.Report(f.k.App, berlin(2030, 1, 1, 0, 0), berlin(2031, 1, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if empty.Meetings != 0 || empty.People != 0 || empty.Organisations != 0 || empty.MSOShare != 0 || len(empty.Rows) != 0 {
		t.Errorf("empty period: %+v", empty)
	}
}

// TestReportCSV: the CSV parses back, with a byte order mark for Excel, translated headers, one
// line per meeting (titles with quotes, separators and Arabic intact) and a totals line.
func TestReportCSV(t *testing.T) {
	f := newReportFixture(t)
	r, err := committee.Report(f.k.App, berlin(2025, 1, 1, 0, 0), berlin(2026, 1, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "en", "ar"} {
		data := r.CSV(lang)
		if !bytes.HasPrefix(data, []byte("\ufeff")) {
			t.Fatalf("%s: no byte order mark", lang)
		}
		rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
		rd.Comma = committee.CSVComma(lang)
		rows, err := rd.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, data)
		}
		if len(rows) != 5 {
			t.Fatalf("%s: %d lines, want header, 3 meetings, totals:\n%s", lang, len(rows), data)
		}
		header := map[string]string{"de": "Datum", "en": "Date", "ar": "التاريخ"}[lang]
		if rows[0][0] != header {
			t.Errorf("%s header %v", lang, rows[0])
		}
		if got := rows[3]; got[0] != "2025-06-02" || got[1] != `AG "Bildung"; Sprache – التعليم` || got[3] != "5" || got[4] != "4" {
			t.Errorf("%s June line %q", lang, got)
		}
		if got := rows[1][0]; got != "2025-01-01" {
			t.Errorf("%s: the first meeting's date %q is not the day in Berlin", lang, got)
		}
		if got := rows[4]; got[3] != "14" || got[4] != "5" {
			t.Errorf("%s totals line %q", lang, got)
		}
	}
	if string(r.CSV("de")[len("\ufeff"):][:len("Datum;")]) != "Datum;" {
		t.Error("the German CSV is not separated by semicolons")
	}
}
