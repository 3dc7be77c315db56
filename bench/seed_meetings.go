package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"komitee/committee"
)

// The meetings of the data set: 2,000 committee meetings, working-group meetings and public
// events over seven years (five behind, two ahead of the day the data set is made), about half
// of them public; the past ones held (most with approved minutes), the ones ahead scheduled.
// Most have a short agenda, public events a few registrations. One of them, the big meeting,
// has a fixed id so that the rows can name it: a public event about six weeks ahead with
// bigAgenda accepted agenda items and bigRegistrations registrations of members with
// interpreting, children and access needs.
const (
	benchMeetingID   = "benchmeeting001" // 15 characters [a-z0-9], as PocketBase's ids
	bigAgenda        = 12
	bigRegistrations = 60
	bigCapacity      = 150
	bigAheadDays     = 45
)

// personOrg is a person with the organisation of their first active membership.
type personOrg struct{ User, Org string }

var (
	meetingKinds       = []string{"committee", "working_group", "public_event"}
	meetingKindWeights = []int{30, 45, 25}
	// The share of public meetings by kind, in percent: public events always, committee
	// meetings mostly, working groups seldom; about half of all.
	publicShare = map[string]int{"committee": 60, "working_group": 25, "public_event": 100}
	monthsDE    = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
		"Oktober", "November", "Dezember"}
	groupThemes = []string{"Bildung", "Arbeit und Ausbildung", "Wohnen", "Gesundheit", "Frauen", "Jugend", "Sport",
		"Antidiskriminierung", "Sprache", "Kultur", "Öffentlichkeitsarbeit", "Fördermittel"}
	eventNames = []string{"Fest der Kulturen", "Interkulturelle Woche: Auftakt", "Infoabend Ausbildung und Beruf",
		"Lesung und Gespräch", "Offenes Begegnungscafé", "Mehrsprachiger Elternabend", "Fußballturnier für alle",
		"Filmabend mit Diskussion", "Tag der offenen Tür", "Nachbarschaftsfrühstück", "Podiumsdiskussion zur Kommunalwahl"}
	venues = []string{"Bürgerhaus", "Rathaus", "Stadtbibliothek", "Volkshochschule", "Kulturzentrum", "Gemeindesaal",
		"Jugendhaus", "Mehrgenerationenhaus"}
	rooms    = []string{"Ratssaal", "Raum 1.12", "Großer Saal", "Seminarraum 2", "Foyer", ""}
	accesses = []string{"Stufenloser Zugang über den Hof, Aufzug zum 1. OG, barrierefreies WC im Erdgeschoss.",
		"Rampe am Haupteingang; Induktionsschleife im Saal.", "Zwei Stufen am Eingang, mobile Rampe auf Nachfrage."}
	meetingParagraphs = []string{
		"Wir laden alle Mitgliedsorganisationen herzlich ein. **Bitte meldet euch bis eine Woche vorher an**, " +
			"damit wir Dolmetschung und Kinderbetreuung planen können.",
		"Auf der Tagesordnung stehen die Berichte aus den Arbeitsgruppen, die Planung der *Interkulturellen Woche* " +
			"und die Verteilung der Fördermittel für das kommende Jahr.",
		"Es gibt Getränke und einen kleinen Imbiss. Die Veranstaltung wird auf Deutsch, Arabisch und Ukrainisch " +
			"gedolmetscht.\n\n- Einlass ab 30 Minuten vorher\n- Kinderbetreuung im Nebenraum\n- Parkplätze am Haus",
		"Die Unterlagen schicken wir eine Woche vorher per E-Mail. Fragen vorab gern an die [Koordination](https://example.org/kontakt).",
	}
	agendaTitles = []string{"Begrüßung und Vorstellungsrunde", "Bericht der Koordination", "Berichte aus den Arbeitsgruppen",
		"Haushalt und Fördermittel", "Planung der Interkulturellen Woche", "Wahl der Sprecherinnen und Sprecher",
		"Neue Mitgliedsorganisationen", "Projekt Sprachpatenschaften", "Kooperation mit dem Jobcenter",
		"Öffentlichkeitsarbeit und Webseite", "Termine und Verschiedenes", "Auswertung und Ausblick"}
	agendaTexts = []string{"", "Kurzer Bericht, danach Fragen.", "Vorlage siehe Anhang; **Beschluss** vorgesehen.",
		"Diskussion in Kleingruppen, Ergebnisse im Plenum:\n\n1. Was lief gut?\n2. Was nehmen wir uns vor?",
		"Mit Gästen aus der Stadtverwaltung und dem [Landesprogramm](https://example.org)."}
	accessNeeds = []string{"Gebärdensprachdolmetschung", "Bitte einen Platz nahe am Ausgang.",
		"Ich bringe meinen Assistenzhund mit.", "Induktionsschleife (Hörgerät)", "Vegetarisches Essen für 2 Personen",
		"Großdruck der Unterlagen", "Kinderwagen, brauche Abstellplatz"}
	interpretingLangs   = []string{"ar", "fa", "uk", "ru", "tr", "ti", "ku", "ps", "so"}
	interpretingWeights = []int{30, 15, 20, 10, 8, 5, 5, 4, 3}
)

// generateMeetings adds the meetings (see above) inside the generator's transaction. listed are
// the listed organisations; people the members who may register and present.
func generateMeetings(tx core.App, r *rand.Rand, size seedSize, now time.Time, listed []string, people []personOrg) error {
	meetColl, err := tx.FindCollectionByNameOrId("meetings")
	if err != nil {
		return err
	}
	itemColl, err := tx.FindCollectionByNameOrId("agenda_items")
	if err != nil {
		return err
	}
	regColl, err := tx.FindCollectionByNameOrId("registrations")
	if err != nil {
		return err
	}
	if len(people) < bigRegistrations || len(listed) < 2 {
		return fmt.Errorf("%d members and %d listed organisations: too few for the big meeting", len(people), len(listed))
	}
	y, mo, d := now.In(committee.Berlin).Date()
	today := time.Date(y, mo, d, 0, 0, 0, 0, committee.Berlin)
	// The lists sort by starts alone: no two meetings start at the same time, so that the order
	// (and a page of it) is the same for the pages and for /api/.
	used := map[time.Time]bool{}
	at := func(day time.Time, hour, minute int) time.Time {
		t := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, committee.Berlin).UTC()
		for used[t] {
			t = t.Add(15 * time.Minute)
		}
		used[t] = true
		return t
	}
	item := func(meetingID string, pos int, title, desc string, minutes int, status string) error {
		it := core.NewRecord(itemColl)
		it.Set("meeting", meetingID)
		it.Set("position", pos)
		it.Set("title", title)
		it.Set("description", desc)
		it.Set("duration", minutes)
		p := people[r.IntN(len(people))]
		if r.IntN(100) < 70 {
			it.Set("presenter", p.User)
			it.Set("presenter_organisation", p.Org)
		}
		it.Set("status", status)
		return tx.Save(it)
	}
	register := func(m *core.Record, p personOrg, seatsTaken *int) error {
		reg := core.NewRecord(regColl)
		reg.Set("meeting", m.Id)
		reg.Set("user", p.User)
		reg.Set("organisation", p.Org)
		answer := pick(r, []string{"yes", "maybe", "no"}, []int{82, 11, 7})
		n := 1
		if answer == "yes" {
			n = pick(r, []int{1, 2, 3, 4}, []int{55, 25, 12, 8})
		}
		reg.Set("answer", answer)
		reg.Set("people", n)
		if r.IntN(100) < 40 {
			reg.Set("interpreting", pick(r, interpretingLangs, interpretingWeights))
		}
		if r.IntN(100) < 30 {
			reg.Set("children", 1+r.IntN(3))
		}
		reg.Set("wheelchair", r.IntN(100) < 8)
		if r.IntN(100) < 25 {
			reg.Set("access_needs", accessNeeds[r.IntN(len(accessNeeds))])
		}
		status := "confirmed"
		if answer == "yes" && m.GetInt("capacity") > 0 {
			if *seatsTaken+n > m.GetInt("capacity") {
				status = "waiting"
			} else {
				*seatsTaken += n
			}
		}
		reg.Set("status", status)
		reg.Set("token", security.RandomString(32))
		return tx.Save(reg)
	}

	for i := 0; i < size.Meetings; i++ {
		big := i == 0
		kind := pick(r, meetingKinds, meetingKindWeights)
		day := today.AddDate(0, 0, -5*365+r.IntN(7*365))
		if big {
			kind, day = "public_event", today.AddDate(0, 0, bigAheadDays)
		}
		var starts time.Time
		var length time.Duration
		switch kind {
		case "committee":
			starts, length = at(day, pick(r, []int{17, 18}, []int{50, 50}), 0), time.Duration(120+30*r.IntN(3))*time.Minute
		case "working_group":
			starts, length = at(day, 16+r.IntN(4), 30*r.IntN(2)), time.Duration(60+30*r.IntN(3))*time.Minute
		default:
			starts, length = at(day, pick(r, []int{11, 14, 15, 17, 18}, []int{15, 20, 20, 25, 20}), 0), time.Duration(120+60*r.IntN(3))*time.Minute
		}
		ends := starts.Add(length)
		visibility := "members"
		if r.IntN(100) < publicShare[kind] {
			visibility = "public"
		}
		status, audience := "scheduled", ""
		switch {
		case !ends.Before(now):
		case ends.After(now.AddDate(0, 0, -45)):
			status = pick(r, []string{"held", "minutes_approved"}, []int{70, 30})
		default:
			status = pick(r, []string{"held", "minutes_approved"}, []int{8, 92})
		}
		if status == "minutes_approved" {
			audience = pick(r, []string{"members", "public", ""}, []int{45, 45, 10})
			if visibility == "members" && audience == "public" {
				audience = "members"
			}
		}
		local := starts.In(committee.Berlin)
		place := places[r.IntN(len(places))]
		var title string
		switch kind {
		case "committee":
			title = fmt.Sprintf("Komitee-Sitzung %s %d", monthsDE[local.Month()-1], local.Year())
		case "working_group":
			title = fmt.Sprintf("AG %s: Treffen am %s", groupThemes[r.IntN(len(groupThemes))], local.Format("02.01.2006"))
		default:
			title = fmt.Sprintf("%s in %s", eventNames[r.IntN(len(eventNames))], place)
		}

		m := core.NewRecord(meetColl)
		if big {
			m.Id = benchMeetingID
			title = "Großes Vernetzungstreffen der Migrantenorganisationen " + fmt.Sprint(local.Year())
		}
		m.Set("title", title)
		m.Set("kind", kind)
		m.Set("status", status)
		m.Set("visibility", visibility)
		if big {
			m.Set("visibility", "public")
			m.Set("status", "scheduled")
		}
		m.Set("starts", starts)
		m.Set("ends", ends)
		m.Set("place_name", venues[r.IntN(len(venues))]+" "+place)
		m.Set("place_room", rooms[r.IntN(len(rooms))])
		m.Set("place_address", fmt.Sprintf("Hauptstraße %d, %s", 1+r.IntN(120), place))
		if r.IntN(100) < 60 || big {
			m.Set("place_access", accesses[r.IntN(len(accesses))])
		}
		if r.IntN(100) < 20 {
			m.Set("online_link", fmt.Sprintf("https://meet.example.org/komitee-%04d", i))
		}
		desc := make([]string, 0, 3)
		for _, p := range r.Perm(len(meetingParagraphs))[:1+r.IntN(3)] {
			desc = append(desc, meetingParagraphs[p])
		}
		m.Set("description", strings.Join(desc, "\n\n"))
		m.Set("organisers", sample(r, listed, 1+r.IntN(2)))
		if kind == "public_event" {
			m.Set("capacity", 40+20*r.IntN(8))
		}
		if big {
			m.Set("capacity", bigCapacity)
		}
		m.Set("minutes_audience", audience)
		if err := tx.Save(m); err != nil {
			return fmt.Errorf("meeting %d: %w", i, err)
		}

		// The agenda: the big meeting's full one, a short one for most others.
		n := r.IntN(5)
		if big {
			n = bigAgenda
		}
		for pos := 1; pos <= n; pos++ {
			title := agendaTitles[(pos-1+r.IntN(3))%len(agendaTitles)]
			if big {
				title = agendaTitles[pos-1]
			}
			if err := item(m.Id, pos, title, agendaTexts[r.IntN(len(agendaTexts))], 10+5*r.IntN(6), "accepted"); err != nil {
				return err
			}
		}
		// Registrations: the big meeting's, and a few for other public events. One per person.
		regs := 0
		switch {
		case big:
			regs = bigRegistrations
		case kind == "public_event":
			regs = r.IntN(13)
		}
		taken := 0
		for _, k := range distinct(r, len(people), regs) {
			if err := register(m, people[k], &taken); err != nil {
				return err
			}
		}
	}
	return nil
}

// distinct returns k distinct numbers below n, in the order drawn.
func distinct(r *rand.Rand, n, k int) []int {
	seen := make(map[int]bool, k)
	out := make([]int, 0, k)
	for len(out) < k {
		if i := r.IntN(n); !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}
