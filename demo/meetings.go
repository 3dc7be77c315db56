package demo

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"komitee/committee"
)

// The demo meetings: the committee's founding meeting of 11 March 2019, whose agenda, notes and
// "Fazit" follow the slides shown that day (the committee's founding document); a
// second meeting in 2019 and two recent ones with published minutes and attendance; and ahead,
// a committee meeting in date finding, a public evening event with registrations, and two
// members-only working groups.
//
// Times are Berlin wall times stored in UTC. Meetings marked Relative are placed relative to
// the day the demo is loaded, so that the demo has something ahead: a later run keeps their
// dates while they are still ahead (and a past one's forever), and moves an upcoming one that
// has passed in the meantime. Records are found again by their keys (a meeting by its title,
// its agenda items by position, attendance and registrations by name, dates by their order,
// answers by date and person), so loading twice creates nothing twice.

type agendaItem struct {
	Title, Description string
	Duration           int    // minutes
	Presenter, Org     string // e-mail and organisation slug, optional
	Notes              string // the minutes of the item, Markdown
	SuggestedBy        string // a member's e-mail: the item is a suggestion, not accepted yet
}

type decision struct {
	Item             int // 1-based agenda position, 0 for none
	Text             string
	Yes, No, Abstain int
	Counted          bool
}

type action struct {
	Item               int // 1-based agenda position, 0 for none
	Title, Org, Person string
	Due                time.Time
	Done               bool
}

// attendee is one row of attendance: a person from the directory (Email, Org) or a walk-in
// (OrgName, Group; neither for a person who came for no organisation).
type attendee struct {
	Name, Email, Org, OrgName, Group string
	People                           int
}

type registration struct {
	Name, Email, Org string // Email of an account, or of a guest (Guest)
	Guest            bool
	People, Children int
	Interpreting     string
	Wheelchair       bool
	Access           string
	Status           string // confirmed, unconfirmed, waiting
}

// dateAnswers are one person's answers to the dates of a date finding, in order.
type dateAnswers struct {
	Email   string
	Answers []string
}

type meeting struct {
	Title, Kind, Status, Visibility, Minutes string // Minutes: the minutes' audience, "" unpublished
	Starts                                   time.Time
	Length                                   time.Duration
	Relative                                 bool
	Place, Room, Address, Access             string
	Description                              string
	Organisers                               []string // organisation slugs
	Capacity                                 int
	Agenda                                   []agendaItem
	Fazit                                    string // the conclusion: the minutes row without an item
	Decisions                                []decision
	Actions                                  []action
	Attendance                               []attendee
	Dates                                    []time.Time // date finding: the options (Length each)
	Answers                                  []dateAnswers
	Registrations                            []registration
}

// wall is a Berlin wall time in UTC.
func wall(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, committee.Berlin).UTC()
}

// daysFrom is the wall time h:min in Berlin, days after the day of now there.
func daysFrom(now time.Time, days, h, min int) time.Time {
	today := now.In(committee.Berlin)
	return wall(today.Year(), today.Month(), today.Day()+days, h, min)
}

// meetings creates or updates the demo meetings and everything that belongs to them.
func (l *loader) meetings() error {
	now := time.Now()
	for _, m := range demoMeetings(now) {
		if err := l.meeting(m, now); err != nil {
			return fmt.Errorf("demo meeting %q: %w", m.Title, err)
		}
	}
	return nil
}

func (l *loader) meeting(m meeting, now time.Time) error {
	rec, err := l.findOrNew("meetings", "title = {:t}", dbx.Params{"t": m.Title})
	if err != nil {
		return err
	}
	starts := m.Starts
	if old := rec.GetDateTime("starts").Time(); m.Relative && !old.IsZero() && (old.After(now) || m.Starts.Before(now)) {
		starts = old // still ahead, or in the past for good: keep it
	}
	rec.Set("title", m.Title)
	rec.Set("kind", m.Kind)
	rec.Set("status", m.Status)
	rec.Set("visibility", m.Visibility)
	rec.Set("minutes_audience", m.Minutes)
	if starts.IsZero() {
		rec.Set("starts", "")
		rec.Set("ends", "")
	} else {
		rec.Set("starts", starts)
		rec.Set("ends", starts.Add(m.Length))
	}
	rec.Set("place_name", m.Place)
	rec.Set("place_room", m.Room)
	rec.Set("place_address", m.Address)
	rec.Set("place_access", m.Access)
	rec.Set("description", m.Description)
	rec.Set("capacity", m.Capacity)
	var organisers []string
	for _, slug := range m.Organisers {
		organisers = append(organisers, l.orgs[slug].Id)
	}
	rec.Set("organisers", organisers)
	if err := l.save(rec); err != nil {
		return err
	}
	items, err := l.agenda(rec.Id, m.Agenda)
	if err != nil {
		return err
	}
	if err := l.minutes(rec.Id, m, items); err != nil {
		return err
	}
	if err := l.attendance(rec.Id, m.Attendance); err != nil {
		return err
	}
	if err := l.dateFinding(rec.Id, m, now); err != nil {
		return err
	}
	return l.registrations(rec.Id, m.Registrations)
}

// agenda saves the agenda items by position and returns their ids in order.
func (l *loader) agenda(meetingID string, agenda []agendaItem) ([]string, error) {
	var ids []string
	for i, a := range agenda {
		rec, err := l.findOrNew("agenda_items", "meeting = {:m} && position = {:p}", dbx.Params{"m": meetingID, "p": i + 1})
		if err != nil {
			return nil, err
		}
		rec.Set("meeting", meetingID)
		rec.Set("position", i+1)
		rec.Set("title", a.Title)
		rec.Set("description", a.Description)
		rec.Set("duration", a.Duration)
		rec.Set("presenter", l.userID(a.Presenter))
		rec.Set("presenter_organisation", l.orgID(a.Org))
		rec.Set("suggested_by", l.userID(a.SuggestedBy))
		if a.SuggestedBy != "" {
			rec.Set("status", "suggested")
		} else {
			rec.Set("status", "accepted")
		}
		if err := l.save(rec); err != nil {
			return nil, err
		}
		ids = append(ids, rec.Id)
	}
	return ids, nil
}

// minutes saves each item's notes, the Fazit (the row without an item), the decisions and the
// action items.
func (l *loader) minutes(meetingID string, m meeting, items []string) error {
	item := func(pos int) string {
		if pos == 0 {
			return ""
		}
		return items[pos-1]
	}
	for i, a := range m.Agenda {
		if a.Notes != "" {
			if err := l.minutesRow(meetingID, items[i], a.Notes); err != nil {
				return err
			}
		}
	}
	if m.Fazit != "" {
		if err := l.minutesRow(meetingID, "", m.Fazit); err != nil {
			return err
		}
	}
	for _, d := range m.Decisions {
		rec, err := l.findOrNew("decisions", "meeting = {:m} && text = {:t}", dbx.Params{"m": meetingID, "t": d.Text})
		if err != nil {
			return err
		}
		rec.Set("meeting", meetingID)
		rec.Set("agenda_item", item(d.Item))
		rec.Set("text", d.Text)
		rec.Set("votes_yes", d.Yes)
		rec.Set("votes_no", d.No)
		rec.Set("votes_abstain", d.Abstain)
		rec.Set("counted", d.Counted)
		if err := l.save(rec); err != nil {
			return err
		}
	}
	for _, a := range m.Actions {
		rec, err := l.findOrNew("actions", "meeting = {:m} && title = {:t}", dbx.Params{"m": meetingID, "t": a.Title})
		if err != nil {
			return err
		}
		rec.Set("meeting", meetingID)
		rec.Set("agenda_item", item(a.Item))
		rec.Set("title", a.Title)
		rec.Set("organisation", l.orgID(a.Org))
		rec.Set("person", l.userID(a.Person))
		rec.Set("due", a.Due)
		if a.Done {
			rec.Set("status", "done")
		} else {
			rec.Set("status", "open")
		}
		if err := l.save(rec); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) minutesRow(meetingID, itemID, body string) error {
	rec, err := l.findOrNew("minutes", "meeting = {:m} && agenda_item = {:i}", dbx.Params{"m": meetingID, "i": itemID})
	if err != nil {
		return err
	}
	rec.Set("meeting", meetingID)
	rec.Set("agenda_item", itemID)
	rec.Set("body", body)
	return l.save(rec)
}

// attendance saves who came, each row in the report group of its organisation's kind.
func (l *loader) attendance(meetingID string, rows []attendee) error {
	for _, a := range rows {
		rec, err := l.findOrNew("attendance", "meeting = {:m} && name = {:n}", dbx.Params{"m": meetingID, "n": a.Name})
		if err != nil {
			return err
		}
		group := a.Group
		if o := l.orgs[a.Org]; o != nil {
			group = committee.GroupOf(o.GetString("kind"))
		} else if group == "" {
			group = committee.GroupOf("")
		}
		rec.Set("meeting", meetingID)
		rec.Set("name", a.Name)
		rec.Set("user", l.userID(a.Email))
		rec.Set("organisation", l.orgID(a.Org))
		rec.Set("organisation_name", a.OrgName)
		rec.Set("group", group)
		rec.Set("people", max(a.People, 1))
		if err := l.save(rec); err != nil {
			return err
		}
	}
	return nil
}

// dateFinding saves the dates to choose from and the answers to them. The dates are updated
// in place (by their order), so the answers stay with them when upcoming dates move on.
func (l *loader) dateFinding(meetingID string, m meeting, now time.Time) error {
	if len(m.Dates) == 0 {
		return nil
	}
	dates, err := l.app.FindRecordsByFilter("meeting_dates", "meeting = {:m}", "starts", 0, 0, dbx.Params{"m": meetingID})
	if err != nil {
		return err
	}
	keep := len(dates) == len(m.Dates) && dates[0].GetDateTime("starts").Time().After(now)
	coll, err := l.app.FindCachedCollectionByNameOrId("meeting_dates")
	if err != nil {
		return err
	}
	for i, starts := range m.Dates {
		if i == len(dates) {
			dates = append(dates, core.NewRecord(coll))
		}
		rec := dates[i]
		if !keep {
			rec.Set("meeting", meetingID)
			rec.Set("starts", starts)
			rec.Set("ends", starts.Add(m.Length))
			if err := l.save(rec); err != nil {
				return err
			}
		}
	}
	for _, a := range m.Answers {
		u := l.users[a.Email]
		for i, answer := range a.Answers {
			rec, err := l.findOrNew("date_answers", "meeting_date = {:d} && user = {:u}", dbx.Params{"d": dates[i].Id, "u": u.Id})
			if err != nil {
				return err
			}
			rec.Set("meeting_date", dates[i].Id)
			rec.Set("meeting", meetingID)
			rec.Set("user", u.Id)
			rec.Set("organisation", l.firstOrganisation(a.Email))
			rec.Set("answer", answer)
			if err := l.save(rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// registrations saves the registrations of a meeting, of people with an account or guests.
func (l *loader) registrations(meetingID string, regs []registration) error {
	for _, r := range regs {
		rec, err := l.findOrNew("registrations", "meeting = {:m} && name = {:n}", dbx.Params{"m": meetingID, "n": r.Name})
		if err != nil {
			return err
		}
		rec.Set("meeting", meetingID)
		rec.Set("name", r.Name)
		rec.Set("email", r.Email)
		if r.Guest {
			rec.Set("user", "")
		} else {
			rec.Set("user", l.userID(r.Email))
		}
		rec.Set("organisation", l.orgID(r.Org))
		rec.Set("answer", "yes")
		rec.Set("people", max(r.People, 1))
		rec.Set("children", r.Children)
		rec.Set("interpreting", r.Interpreting)
		rec.Set("wheelchair", r.Wheelchair)
		rec.Set("access_needs", r.Access)
		rec.Set("status", r.Status)
		if rec.GetString("token") == "" {
			rec.Set("token", security.RandomString(32))
		}
		if err := l.save(rec); err != nil {
			return err
		}
	}
	return nil
}

// userID and orgID look up a demo person by e-mail and an organisation by slug ("" for none).
func (l *loader) userID(email string) string {
	if u := l.users[email]; u != nil {
		return u.Id
	}
	return ""
}

func (l *loader) orgID(slug string) string {
	if o := l.orgs[slug]; o != nil {
		return o.Id
	}
	return ""
}

// firstOrganisation is the id of the first organisation a person is active in ("" for none).
func (l *loader) firstOrganisation(email string) string {
	for _, m := range allMemberships() {
		if m.Email == email && m.Status == "active" {
			return l.orgID(m.Org)
		}
	}
	return ""
}

// ---------------------------------------------------------------------------------------------
// The meetings. The founding meeting follows the founding document; everything else is invented.
// ---------------------------------------------------------------------------------------------

// FoundingTitle names the founding meeting of 11 March 2019.
const FoundingTitle = "Gründung des ständigen Koordinationskomitees"

// Titles of the upcoming demo meetings, for tests and for the printout.
const (
	DateFindingTitle = "Nächste Sitzung des Koordinationskomitees"
	EventTitle       = "Abend der Begegnung"
)

// foundingFazit is the conclusion of the founding slides, as they say it.
const foundingFazit = "Das 1. Treffen zur Gründung eines solchen Komitees wurde geplant und durchgeführt. " +
	"Ziel des ersten Treffens war das Kennenlernen der Idee generell, des Austausches der Migrantenorganisationen " +
	"und Migranteninitiativen sowie eine Diskussion mit bestenfalls einer Vereinbarung der weiteren Vorgehensweise zu führen. " +
	"Diese Veranstaltung war sehr gut besucht von Vertreterinnen und Vertretern der Migrantenorganisationen " +
	"als auch von Behörden und Willkommensvereinen."

// people's e-mails used below.
const (
	mahmoud  = "mahmoud.alhassan@example.org"
	fatima   = "fatima.rahimi@example.org"
	olena    = "olena.kovalenko@example.org"
	pham     = "pham.thilan@example.org"
	yonas    = "yonas.tesfay@example.org"
	gabriele = "gabriele.schubert@example.org"
	thomas   = "thomas.richter@example.org"
	annett   = "annett.wagner@example.com"
	michael  = "michael.berger@example.org"
	dilan    = "dilan.aydin@example.org"
	jana     = "jana.lehmann@example.com"
	omar     = "omar.suleiman@example.org"
	nadia    = "nadia.benali@example.org"
	aminata  = "aminata.diallo@example.org"
	swetlana = "swetlana.petrowa@example.org"
	uwe      = "uwe.hartmann@example.org"
	monika   = "monika.fischer@example.org"
	rania    = "rania.khalil@example.org"
	iryna    = "iryna.bondarenko@example.org"
	hassan   = "hassan.mansour@example.org"
	khaled   = "khaled.ibrahim@example.org"
)

// Organisation slugs used below.
const (
	syrian     = "syrischer-kulturverein-bautzen"
	afghan     = "afghanische-frauengruppe-hoyerswerda"
	ukrainian  = "ukrainische-elterninitiative-kamenz"
	vietnamese = "vietnamesischer-verein-lausitz"
	eritrean   = "eritreische-gemeinschaft-radeberg"
	welcome    = "willkommensbuendnis-bischofswerda"
	pulsnitz   = "netzwerk-ankommen-pulsnitz"
	district   = "integrationsbeauftragte-landkreis"
	welfare    = "sozialwerk-oberland-migrationsberatung"
	jmd        = "jugendmigrationsdienst-seenland"
	vhs        = "volkshochschule-spree-roeder"
	alnur      = "islamischer-kulturverein-al-nur-bautzen"
	interprete = "sprachmittlerpool-oberlausitz"
	african    = "afrikanischer-kulturverein-lausitz"
	raduga     = "elternverein-raduga-radeberg"
	neighbours = "nachbarschaftshilfe-ottendorf-okrilla"
	womenscafe = "frauencafe-schirgiswalde-kirschau"
)

const meetingNote = "\n\n*Fiktiver Demo-Termin.*"

func demoMeetings(now time.Time) []meeting {
	return []meeting{
		{
			Title: FoundingTitle, Kind: "committee", Status: "minutes_approved", Visibility: "public", Minutes: "public",
			Starts: wall(2019, time.March, 11, 15, 0), Length: 3 * time.Hour,
			Place: "Landratsamt Bautzen", Room: "Sitzungssaal", Address: "02625 Bautzen",
			Organisers: []string{district, syrian},
			Description: "Bildung eines ständigen Koordinationskomitees zwischen Migrantenselbstorganisationen (MSOs) " +
				"und Partnerorganisationen im Landkreis Bautzen.\n\n" +
				"Das WSD-Programm ist gefördert durch ENGAGEMENT GLOBAL mit finanzieller Unterstützung des BMZ.\n\n" +
				"*Demo-Eintrag nach den Folien der Gründungssitzung; Teilnehmende und Beschlüsse sind erfunden.*",
			Agenda: []agendaItem{
				{Title: "Begrüßung: Warum treffen wir uns heute?", Duration: 15, Presenter: annett, Org: district,
					Description: "- Austausch, Bekanntmachung des Komitees\n- Diskussion und Vereinbarungen über gemeinsame Ziele, " +
						"Struktur und Verantwortlichkeiten (Planung)\n- Herausfinden von Bedarfen und notwendigen Unterstützungen",
					Notes: "Die Integrationsbeauftragte begrüßt die Anwesenden und stellt die Idee eines **ständigen Koordinationskomitees** vor. " +
						"Das Treffen dient dem Austausch, der Planung gemeinsamer Ziele und dem Herausfinden von Bedarfen."},
				{Title: "Was verbindet uns?", Duration: 20, Presenter: mahmoud, Org: syrian,
					Description: "- gemeinsame Interessen, Ziele und Bedürfnisse\n- (tägliche) Herausforderungen\n" +
						"- Wunsch nach einem „Platz in der Gesellschaft“",
					Notes: "In Kleingruppen sammeln die Teilnehmenden, was sie verbindet: gemeinsame Interessen, Ziele und Bedürfnisse, " +
						"die täglichen Herausforderungen und der Wunsch nach einem „Platz in der Gesellschaft“."},
				{Title: "Warum ist das Komitee wichtig? Warum sind MSOs und deutsche Organisationen eingeladen?", Duration: 20,
					Presenter: mahmoud, Org: syrian,
					Description: "- Integration ist keine Einladung oder ein Angebot\n" +
						"- Keine Integrationspolitik, sondern Gesellschaftspolitik für alle\n" +
						"- Integrationsangebote sind oft nur für Menschen mit Migrationshintergrund\n\n**MSOs sind mehr als nur Integrationsprojekte!**",
					Notes: "Einigkeit: Integration ist keine Einladung und kein Angebot, sondern **Gesellschaftspolitik für alle**. " +
						"MSOs sind mehr als Integrationsprojekte; deshalb sitzen sie und deutsche Organisationen gleichberechtigt am Tisch."},
				{Title: "Die Rolle der Organisationen ohne Migrationshintergrund", Duration: 15, Presenter: gabriele, Org: welcome,
					Description: "Nicht nur Solidarität und Unterstützung: Es liegt im eigenen Interesse in einer demokratischen Gesellschaft, " +
						"mit Migrant*innen zusammenzuarbeiten.",
					Notes: "Die Solidarität war notwendig, aber nun müssen die Bemühungen von allen Mitgliedern und Communities " +
						"der Gesellschaft getragen werden – egal, ob es um eine Minderheit oder Mehrheit geht. " +
						"Die Willkommensvereine sehen sich als Partner, nicht als Betreuer."},
				{Title: "Wofür soll das Komitee da sein?", Duration: 20, Presenter: annett, Org: district,
					Description: "- Vernetzung unter den MSOs sowie mit Organisationen und Unterstützungsstrukturen der Mehrheitsgesellschaft\n" +
						"- eine Plattform, auf der sich Migrant*innen über ihre Bedarfe austauschen\n- Stärkung der Mitglieder von MSOs\n" +
						"- Anerkennung im Landkreis und in der Mehrheitsgesellschaft\n- eine gemeinsame politische Stimme",
					Notes: "Die fünf Zwecke (Vernetzung, Plattform für Bedarfe, Stärkung der MSO-Mitglieder, Anerkennung, " +
						"gemeinsame politische Stimme) finden breite Zustimmung."},
				{Title: "Welche Themen sind wichtig?", Duration: 30,
					Description: "Themensammlung an Stellwänden.",
					Notes: "Gesammelte Themen: Sprachkurse mit Kinderbetreuung, Anerkennung von Abschlüssen, Wohnungssuche, " +
						"Rassismuserfahrungen im Alltag, Räume für Vereine, Sprachmittlung bei Ärzten und Behörden."},
				{Title: "Ideen für das Komitee und weiteres Vorgehen", Duration: 25,
					Notes: "Ideen: regelmäßige Sitzungen reihum in den Städten des Landkreises, ein gemeinsames Verzeichnis der Organisationen, " +
						"Arbeitsgruppen zu Bildung und Antidiskriminierung. Hinweis auf den Abend am 30. März."},
			},
			Fazit: foundingFazit,
			Decisions: []decision{
				{Item: 5, Text: "Das ständige Koordinationskomitee zwischen Migrantenselbstorganisationen und Partnerorganisationen im Landkreis Bautzen wird gegründet.",
					Yes: 17, No: 0, Abstain: 1, Counted: true},
				{Item: 7, Text: "Das Komitee trifft sich etwa vierteljährlich, reihum an verschiedenen Orten im Landkreis."},
			},
			Actions: []action{
				{Item: 6, Title: "Themensammlung abschreiben und allen Teilnehmenden schicken", Org: district, Person: annett,
					Due: wall(2019, time.March, 25, 12, 0), Done: true},
				{Item: 7, Title: "Termin und Ort der zweiten Sitzung vorschlagen", Org: syrian, Person: mahmoud,
					Due: wall(2019, time.April, 15, 12, 0), Done: true},
			},
			Attendance: []attendee{
				{Name: "Mahmoud Al-Hassan", Email: mahmoud, Org: syrian, People: 3},
				{Name: "Pham Thi Lan", Email: pham, Org: vietnamese, People: 2},
				{Name: "Swetlana Petrowa", Email: swetlana, Org: raduga, People: 2},
				{Name: "Gabriele Schubert", Email: gabriele, Org: welcome, People: 2},
				{Name: "Monika Fischer", Email: monika, Org: womenscafe, People: 1},
				{Name: "Annett Wagner", Email: annett, Org: district, People: 2},
				{Name: "Michael Berger", Email: michael, Org: welfare, People: 1},
				{Name: "Jana Lehmann", Email: jana, Org: vhs, People: 1},
				{Name: "Hamid Noori (Demo)", OrgName: "Afghanische Initiative Bautzen (Demo)", Group: "mso", People: 2},
				{Name: "Vertretung der Stadtverwaltung (Demo)", OrgName: "Stadtverwaltung Bautzen (Demo)", Group: "authority", People: 1},
				{Name: "Interessierte Bürgerin (Demo)", People: 1},
			},
		},
		{
			Title: "Zweite Sitzung: Themen und Arbeitsgruppen", Kind: "committee", Status: "minutes_approved",
			Visibility: "public", Minutes: "public", Starts: wall(2019, time.June, 17, 17, 0), Length: 2 * time.Hour,
			Place: "Syrischer Kulturverein Bautzen e. V.", Address: "Beispielstraße 12, 02625 Bautzen",
			Organisers: []string{syrian}, Description: "Aus der Themensammlung der Gründungssitzung werden Arbeitsgruppen." + meetingNote,
			Agenda: []agendaItem{
				{Title: "Rückblick auf die Gründungssitzung", Duration: 15, Presenter: mahmoud, Org: syrian,
					Notes: "Die Themensammlung wurde verschickt; alle Aufgaben der Gründungssitzung sind erledigt."},
				{Title: "Arbeitsgruppen bilden", Duration: 60,
					Notes: "Zwei Arbeitsgruppen entstehen: **Bildung und Sprache** sowie **Antidiskriminierung und Teilhabe**."},
				{Title: "Verschiedenes", Duration: 15, Notes: "Das Netzwerk Ankommen Pulsnitz stellt sich vor."},
			},
			Fazit:     "Das Komitee arbeitet ab jetzt auch in zwei Arbeitsgruppen.",
			Decisions: []decision{{Item: 2, Text: "Es werden die Arbeitsgruppen „Bildung und Sprache“ und „Antidiskriminierung und Teilhabe“ gebildet.", Yes: 14, Counted: true}},
			Actions: []action{{Item: 2, Title: "Erste Treffen der Arbeitsgruppen einladen", Org: welcome, Person: gabriele,
				Due: wall(2019, time.July, 15, 12, 0), Done: true}},
			Attendance: []attendee{
				{Name: "Mahmoud Al-Hassan", Email: mahmoud, Org: syrian, People: 2},
				{Name: "Pham Thi Lan", Email: pham, Org: vietnamese, People: 1},
				{Name: "Swetlana Petrowa", Email: swetlana, Org: raduga, People: 1},
				{Name: "Gabriele Schubert", Email: gabriele, Org: welcome, People: 1},
				{Name: "Thomas Richter", Email: thomas, Org: pulsnitz, People: 2},
				{Name: "Annett Wagner", Email: annett, Org: district, People: 1},
				{Name: "Michael Berger", Email: michael, Org: welfare, People: 1},
				{Name: "Hamid Noori (Demo)", OrgName: "Afghanische Initiative Bautzen (Demo)", Group: "mso", People: 1},
			},
		},
		{
			Title: "Sitzung des Koordinationskomitees: Jahresplanung", Kind: "committee", Status: "minutes_approved",
			Visibility: "members", Minutes: "members", Starts: daysFrom(now, -45, 17, 0), Length: 2 * time.Hour, Relative: true,
			Place: "Volkshochschule Spree-Röder", Room: "Raum 2", Address: "Schulweg 5, 01917 Kamenz",
			Organisers: []string{vhs, ukrainian}, Description: "Jahresplanung, Berichte aus den Arbeitsgruppen, neue Mitglieder." + meetingNote,
			Agenda: []agendaItem{
				{Title: "Neue Mitglieder stellen sich vor", Duration: 20, Notes: "Der Afrikanische Kulturverein Lausitz und der Sprachmittlerpool stellen ihre Arbeit vor."},
				{Title: "Berichte aus den Arbeitsgruppen", Duration: 30, Presenter: olena, Org: ukrainian,
					Notes: "Die AG Bildung und Sprache plant Elternabende in mehreren Sprachen."},
				{Title: "Jahresplanung", Duration: 40, Notes: "Schwerpunkte des Jahres: Sprachmittlung, Kita-Plätze, ein Abend der Begegnung."},
			},
			Fazit: "Das Jahresprogramm steht; der Abend der Begegnung wird vorbereitet.",
			Decisions: []decision{{Item: 3, Text: "Das Komitee veranstaltet in diesem Jahr einen öffentlichen Abend der Begegnung.",
				Yes: 21, No: 1, Abstain: 2, Counted: true}},
			Actions: []action{
				{Item: 3, Title: "Raum und Sprachmittlung für den Abend der Begegnung organisieren", Org: interprete, Person: nadia,
					Due: daysFrom(now, 10, 12, 0)},
				{Item: 2, Title: "Mehrsprachige Einladung zu den Elternabenden entwerfen", Org: ukrainian, Person: olena,
					Due: daysFrom(now, -10, 12, 0), Done: true},
			},
			Attendance: []attendee{
				{Name: "Mahmoud Al-Hassan", Email: mahmoud, Org: syrian, People: 1},
				{Name: "Fatima Rahimi", Email: fatima, Org: afghan, People: 2},
				{Name: "Olena Kovalenko", Email: olena, Org: ukrainian, People: 2},
				{Name: "Yonas Tesfay", Email: yonas, Org: eritrean, People: 1},
				{Name: "Aminata Diallo", Email: aminata, Org: african, People: 2},
				{Name: "Omar Suleiman", Email: omar, Org: alnur, People: 1},
				{Name: "Nadia Benali", Email: nadia, Org: interprete, People: 1},
				{Name: "Gabriele Schubert", Email: gabriele, Org: welcome, People: 1},
				{Name: "Annett Wagner", Email: annett, Org: district, People: 1},
				{Name: "Dilan Aydın", Email: dilan, Org: jmd, People: 1},
				{Name: "Jana Lehmann", Email: jana, Org: vhs, People: 2},
				{Name: "Uwe Hartmann", Email: uwe, Org: neighbours, People: 1},
				{Name: "Gast aus Königsbrück (Demo)", OrgName: "Indische Community Königsbrück", Group: "mso", People: 1},
			},
		},
		{
			Title: "AG Bildung und Sprache: Elternabende", Kind: "working_group", Status: "minutes_approved",
			Visibility: "members", Minutes: "members", Starts: daysFrom(now, -20, 16, 30), Length: 90 * time.Minute, Relative: true,
			Place: "Ukrainische Elterninitiative Kamenz", Address: "01917 Kamenz", Organisers: []string{ukrainian},
			Description: "Die Arbeitsgruppe bereitet mehrsprachige Elternabende zum sächsischen Schulsystem vor." + meetingNote,
			Agenda: []agendaItem{
				{Title: "Termine und Sprachen der Elternabende", Duration: 45, Presenter: olena, Org: ukrainian,
					Notes: "Elternabende auf Ukrainisch, Arabisch und Dari; die VHS stellt Räume."},
				{Title: "Verschiedenes", Duration: 15},
			},
			Fazit:     "Drei Elternabende sind geplant.",
			Decisions: []decision{{Item: 1, Text: "Die Elternabende finden in Kamenz, Hoyerswerda und Radeberg statt."}},
			Actions: []action{{Item: 1, Title: "Räume für die Elternabende reservieren", Org: vhs, Person: jana,
				Due: daysFrom(now, 14, 12, 0)}},
			Attendance: []attendee{
				{Name: "Olena Kovalenko", Email: olena, Org: ukrainian, People: 1},
				{Name: "Iryna Bondarenko", Email: iryna, Org: ukrainian, People: 1},
				{Name: "Swetlana Petrowa", Email: swetlana, Org: raduga, People: 1},
				{Name: "Fatima Rahimi", Email: fatima, Org: afghan, People: 1},
				{Name: "Jana Lehmann", Email: jana, Org: vhs, People: 1},
				{Name: "Dilan Aydın", Email: dilan, Org: jmd, People: 1},
			},
		},
		{
			Title: DateFindingTitle, Kind: "committee", Status: "date_finding", Visibility: "members",
			Length: 2 * time.Hour, Relative: true, Organisers: []string{district, syrian},
			Description: "Wann passt es den meisten? Bitte tragen Sie ein, an welchen Terminen Sie können." + meetingNote,
			Dates:       []time.Time{daysFrom(now, 10, 17, 0), daysFrom(now, 12, 17, 30), daysFrom(now, 17, 16, 0)},
			Answers: []dateAnswers{
				{Email: mahmoud, Answers: []string{"yes", "maybe", "yes"}},
				{Email: fatima, Answers: []string{"no", "yes", "yes"}},
				{Email: olena, Answers: []string{"yes", "yes", "no"}},
				{Email: pham, Answers: []string{"maybe", "yes", "yes"}},
				{Email: annett, Answers: []string{"yes", "no", "yes"}},
				{Email: rania, Answers: []string{"yes", "yes", "maybe"}},
				{Email: khaled, Answers: []string{"no", "maybe", "yes"}},
			},
			Agenda: []agendaItem{
				{Title: "Rückblick auf den Abend der Begegnung", Duration: 20},
				{Title: "Gemeinsame Stellungnahme zur Sprachmittlung im Gesundheitswesen", Duration: 40, Presenter: nadia, Org: interprete},
				{Title: "Sportangebote für geflüchtete Jugendliche", Duration: 15, SuggestedBy: khaled},
			},
		},
		{
			Title: EventTitle, Kind: "public_event", Status: "scheduled", Visibility: "public",
			Starts: daysFrom(now, 20, 18, 0), Length: 3 * time.Hour, Relative: true, Capacity: 40,
			Place: "Bürgerhaus Bautzen (Demo)", Room: "Großer Saal", Address: "Beispielplatz 5, 02625 Bautzen",
			Access:     "Stufenloser Eingang über den Hof, Aufzug, barrierefreie Toilette im Erdgeschoss.",
			Organisers: []string{syrian, welcome, interprete},
			Description: "Ein Abend zum Kennenlernen für alle, die im Landkreis leben: Essen aus vielen Küchen, Musik und Gespräche. " +
				"Sprachmittlung ins Arabische, Ukrainische und Farsi und eine Kinderbetreuung sind organisiert." + meetingNote,
			Agenda: []agendaItem{
				{Title: "Begrüßung", Duration: 15, Presenter: mahmoud, Org: syrian},
				{Title: "Buffet aus vielen Küchen", Duration: 90},
				{Title: "Musik: Trommelgruppe des Afrikanischen Kulturvereins", Duration: 30, Presenter: aminata, Org: african},
			},
			Registrations: []registration{
				{Name: "Mahmoud Al-Hassan", Email: mahmoud, Org: syrian, People: 8, Children: 3, Interpreting: "ar", Status: "confirmed"},
				{Name: "Olena Kovalenko", Email: olena, Org: ukrainian, People: 6, Children: 4, Interpreting: "uk", Status: "confirmed"},
				{Name: "Fatima Rahimi", Email: fatima, Org: afghan, People: 7, Children: 2, Interpreting: "fa",
					Access: "Ein ruhiger Raum zum Stillen wäre schön.", Status: "confirmed"},
				{Name: "Yonas Tesfay", Email: yonas, Org: eritrean, People: 4, Interpreting: "ti", Status: "confirmed"},
				{Name: "Gabriele Schubert", Email: gabriele, Org: welcome, People: 5, Status: "confirmed"},
				{Name: "Heike Sommer (Demo)", Email: "heike.sommer@example.org", Guest: true, People: 1, Wheelchair: true,
					Access: "Ich komme im Rollstuhl und brauche einen Platz am Gang.", Status: "confirmed"},
				{Name: "Reza Karimi (Demo)", Email: "reza.karimi@example.org", Guest: true, People: 2, Children: 1,
					Interpreting: "fa", Status: "confirmed"},
				{Name: "Annett Wagner", Email: annett, Org: district, People: 2, Status: "confirmed"},
				{Name: "Uwe Hartmann", Email: uwe, Org: neighbours, People: 3, Status: "confirmed"},
				{Name: "Nina Hoffmann (Demo)", Email: "nina.hoffmann@example.org", Guest: true, People: 1,
					Access: "Bitte gut lesbare, große Schrift auf den Schildern.", Status: "unconfirmed"},
				{Name: "Hassan Mansour", Email: hassan, Org: alnur, People: 4, Children: 2, Interpreting: "ar", Status: "waiting"},
			},
		},
		{
			Title: "AG Bildung und Sprache: Sprachkurse mit Kinderbetreuung", Kind: "working_group", Status: "scheduled",
			Visibility: "members", Starts: daysFrom(now, 7, 16, 30), Length: 90 * time.Minute, Relative: true,
			Place: "Volkshochschule Spree-Röder", Room: "Raum 4", Address: "Schulweg 5, 01917 Kamenz",
			Organisers: []string{vhs, afghan}, Description: "Wo fehlen Kurse mit Kinderbetreuung, und wer kann helfen?" + meetingNote,
			Agenda: []agendaItem{
				{Title: "Bedarfe aus den Vereinen", Duration: 30, Presenter: fatima, Org: afghan},
				{Title: "Angebote der Volkshochschule", Duration: 30, Presenter: jana, Org: vhs},
			},
		},
		{
			Title: "AG Antidiskriminierung und Teilhabe", Kind: "working_group", Status: "scheduled",
			Visibility: "members", Starts: daysFrom(now, 24, 17, 0), Length: 2 * time.Hour, Relative: true,
			Place: "Afrikanischer Kulturverein Lausitz e. V.", Address: "Beispielgasse 11, 01917 Kamenz",
			Organisers:  []string{african, jmd},
			Description: "Erfahrungen mit Rassismus im Alltag sammeln und Beratungsstellen bekannter machen." + meetingNote,
			Agenda: []agendaItem{
				{Title: "Erfahrungsaustausch", Duration: 45},
				{Title: "Beratungsangebote im Landkreis", Duration: 30, Presenter: dilan, Org: jmd},
			},
		},
	}
}
