package committee

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/locales"
)

// Attendance counting rules, for one meeting and for a report:
//   - people: the sum of attendance.people (a row without a number counts as one person);
//   - an organisation is a directory organisation (attendance.organisation) or, for walk-ins, the
//     free-text organisation_name (compared trimmed and case-insensitively); a person who came
//     for no organisation counts as a person, not as an organisation;
//   - the group (mso, partner, authority, individual) is the one recorded at check-in.

// orgKey is the SQL expression that names the organisation of an attendance row a (NULL for
// none): its id, or "name:" and the walk-in's organisation name.
const orgKey = `(CASE WHEN a.organisation != '' THEN a.organisation
	WHEN TRIM(a.organisation_name) != '' THEN 'name:' || LOWER(TRIM(a.organisation_name)) END)`

// peopleSum adds up attendance.people, counting a row without a number as one person.
const peopleSum = `COALESCE(SUM(MAX(a.people, 1)), 0)`

// GroupCount is how many people and distinct organisations came in one attendance group.
type GroupCount struct {
	People, Organisations int
}

// OrganisationName names an organisation that attended (for walk-ins, the name they gave).
type OrganisationName struct {
	ID   string `db:"id"` // "" for a walk-in's organisation that is not in the directory
	Name string `db:"name"`
}

// Counts are the attendance figures of one meeting.
type Counts struct {
	People int
	// Organisations represented: distinct directory organisations and walk-ins' organisations.
	Organisations int
	// Groups holds every attendance group (AttendanceGroups), zero when nobody came.
	Groups map[string]GroupCount
	// FirstTime lists the organisations with no attendance at any earlier meeting, by name.
	FirstTime []OrganisationName
}

// groupRow is one row of a per-group count.
type groupRow struct {
	Group         string `db:"grp"`
	People        int    `db:"people"`
	Organisations int    `db:"orgs"`
}

// groupsOf turns group rows into a map that holds every group.
func groupsOf(rows []groupRow) map[string]GroupCount {
	out := make(map[string]GroupCount, len(AttendanceGroups))
	for _, g := range AttendanceGroups {
		out[g] = GroupCount{}
	}
	for _, r := range rows {
		out[r.Group] = GroupCount{People: r.People, Organisations: r.Organisations}
	}
	return out
}

// AttendanceCounts counts who came to a meeting (see the counting rules above), in three
// queries: per group, in total, and the organisations that came for the first time.
func AttendanceCounts(app core.App, meetingID string) (Counts, error) {
	var c Counts
	m, err := app.FindRecordById("meetings", meetingID)
	if err != nil {
		return c, err
	}
	params := dbx.Params{"m": meetingID}
	var rows []groupRow
	err = app.DB().NewQuery(`SELECT a.[[group]] AS grp, ` + peopleSum + ` AS people, COUNT(DISTINCT ` + orgKey + `) AS orgs
		FROM attendance a WHERE a.meeting = {:m} GROUP BY a.[[group]]`).Bind(params).All(&rows)
	if err != nil {
		return c, err
	}
	c.Groups = groupsOf(rows)
	err = app.DB().NewQuery(`SELECT `+peopleSum+`, COUNT(DISTINCT `+orgKey+`)
		FROM attendance a WHERE a.meeting = {:m}`).Bind(params).Row(&c.People, &c.Organisations)
	if err != nil {
		return c, err
	}
	// Earlier meetings are those that start before this one; a meeting without a date has none.
	params["starts"] = m.GetString("starts")
	err = app.DB().NewQuery(`SELECT COALESCE(MIN(o.name), MIN(a.organisation_name)) AS name, MIN(a.organisation) AS id
		FROM attendance a LEFT JOIN organisations o ON o.id = a.organisation
		WHERE a.meeting = {:m} AND ` + orgKey + ` IS NOT NULL AND ` + orgKey + ` NOT IN (
			SELECT ` + orgKey + ` FROM attendance a JOIN meetings e ON e.id = a.meeting
			WHERE e.starts != '' AND {:starts} != '' AND e.starts < {:starts} AND ` + orgKey + ` IS NOT NULL)
		GROUP BY ` + orgKey + ` ORDER BY name`).Bind(params).All(&c.FirstTime)
	return c, err
}

// ReportRow is one meeting of a report.
type ReportRow struct {
	ID            string         `db:"id"`
	Title         string         `db:"title"`
	Kind          string         `db:"kind"`
	Starts        types.DateTime `db:"starts"`
	People        int            `db:"people"`
	Organisations int            `db:"orgs"`
}

// PeriodReport is what a funder asks for: the meetings held in a period and who came to them.
// (It is not called Report: that is the function that makes one.)
type PeriodReport struct {
	From, To time.Time // the period [From, To)
	// Meetings held (status held or minutes_approved), in total and by kind.
	Meetings int
	ByKind   map[string]int
	// People is the sum of participants over all meetings (a person who came twice counts twice).
	People int
	// Organisations represented at least once in the period, and how many of them are MSOs.
	Organisations, MSOs int
	// MSOShare is the MSOs' share of the organisations in percent (0 when there are none).
	MSOShare float64
	// Groups holds people and distinct organisations per attendance group.
	Groups map[string]GroupCount
	// Rows lists the meetings by date.
	Rows []ReportRow
}

// Report counts the meetings held with a start in [from, to) and their attendance, in three
// queries: one row per meeting, the groups, and the distinct organisations of the period.
func Report(app core.App, from, to time.Time) (PeriodReport, error) {
	r := PeriodReport{From: from, To: to, ByKind: map[string]int{}}
	period := `m.status IN ('held', 'minutes_approved') AND m.starts >= {:from} AND m.starts < {:to}`
	params := dbx.Params{"from": dateString(from), "to": dateString(to)}

	err := app.DB().NewQuery(`SELECT m.id, m.title, m.kind, m.starts, ` + peopleSum + ` AS people,
			COUNT(DISTINCT ` + orgKey + `) AS orgs
		FROM meetings m LEFT JOIN attendance a ON a.meeting = m.id
		WHERE ` + period + ` GROUP BY m.id ORDER BY m.starts, m.title`).Bind(params).All(&r.Rows)
	if err != nil {
		return r, err
	}
	for _, row := range r.Rows {
		r.Meetings++
		r.ByKind[row.Kind]++
		r.People += row.People
	}
	var rows []groupRow
	err = app.DB().NewQuery(`SELECT a.[[group]] AS grp, ` + peopleSum + ` AS people, COUNT(DISTINCT ` + orgKey + `) AS orgs
		FROM attendance a JOIN meetings m ON m.id = a.meeting
		WHERE ` + period + ` GROUP BY a.[[group]]`).Bind(params).All(&rows)
	if err != nil {
		return r, err
	}
	r.Groups = groupsOf(rows)
	err = app.DB().NewQuery(`SELECT COUNT(DISTINCT ` + orgKey + `)
		FROM attendance a JOIN meetings m ON m.id = a.meeting WHERE ` + period).Bind(params).Row(&r.Organisations)
	if err != nil {
		return r, err
	}
	r.MSOs = r.Groups["mso"].Organisations
	if r.Organisations > 0 {
		r.MSOShare = 100 * float64(r.MSOs) / float64(r.Organisations)
	}
	return r, nil
}

// dateString is t as PocketBase stores dates ("2006-01-02 15:04:05.000Z"), so that dates
// compare as strings.
func dateString(t time.Time) string {
	d, _ := types.ParseDateTime(t.UTC())
	return d.String()
}

// ShareText is the MSO share rounded to a whole percent, as text.
func (r PeriodReport) ShareText() string {
	return strconv.Itoa(int(math.Round(r.MSOShare)))
}

// CSV is the report as a spreadsheet: one line per meeting (date in Berlin, title, kind,
// participants, organisations) and a totals line, whose organisations are the distinct ones of
// the period. Headers and kinds are in lang. It starts with a UTF-8 byte order mark, so that
// Excel reads umlauts and Arabic correctly, and separates fields as Excel does in lang: with a
// semicolon in German and Arabic, where the comma is the decimal comma or the list separator is
// a semicolon, and with a comma in English.
func (r PeriodReport) CSV(lang string) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = CSVComma(lang)
	t := func(key string) string { return locales.T(lang, key) }
	_ = w.Write([]string{t("report.date"), t("report.meeting"), t("report.kind"), t("report.people"), t("report.organisations")})
	for _, row := range r.Rows {
		_ = w.Write([]string{row.Starts.Time().In(Berlin).Format(time.DateOnly), csvText(row.Title), t("report.kind." + row.Kind),
			strconv.Itoa(row.People), strconv.Itoa(row.Organisations)})
	}
	_ = w.Write([]string{t("report.total"), locales.Tf(lang, "report.meetings_count", r.Meetings, nil), "",
		strconv.Itoa(r.People), strconv.Itoa(r.Organisations)})
	w.Flush()
	return buf.Bytes()
}

// csvText keeps a typed text from being read as a formula by a spreadsheet (CSV injection): a
// leading = + - @ or control character gets an apostrophe before it.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// CSVComma is the field separator of the report's CSV in lang (see PeriodReport.CSV).
func CSVComma(lang string) rune {
	if lang == "en" {
		return ','
	}
	return ';'
}
