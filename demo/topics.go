package demo

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
)

// The demo topics and ideas. The founding slides of 11 March 2019 asked "Welche Themen sind
// wichtig?" and collected "Ideen für das Komitee"; their purposes (networking, a platform for
// needs, strengthening the MSOs' members, recognition, a common political voice, social policy
// for everyone) and the evening event ("Abend der … 30. März") become the first topics and
// ideas, proposed by representatives for their organisations or by members personally. A few
// more came later. Some are supported and discussed (a comment with a reply); the founding
// topics went through a closed round of the organisations (one voice each, 5 dots, at most 3 on
// one topic), whose top topic is on the agenda of the next committee meeting (in date finding);
// the later topics are in an open round with votes cast.
//
// Records are found again by their keys (a topic by its title, a comment by topic, author and
// text, a round by its title, a support by topic and person), so loading twice creates nothing
// twice. Rounds are made once: a later run leaves them, their votes and their ranks as they are.

type demoTopic struct {
	Title, Kind, Description string
	Areas                    []string
	By, Org                  string // proposer's e-mail; organisation slug ("" personally)
	Public                   bool
	Supporters               []string
	Comments                 []demoComment
}

type demoComment struct {
	By, Body string
	Replies  []demoComment // one level
}

// Titles of the demo rounds, for tests.
const (
	ClosedRoundTitle = "Welche Themen sind wichtig? Prioritäten aus der Gründungssitzung"
	OpenRoundTitle   = "Themenrunde: Was packen wir als Nächstes an?"
)

const topicNote = "\n\n*Fiktives Demo-Thema.*"

// foundingTopics are the topics and ideas of the founding slides, in the closed round.
var foundingTopics = []demoTopic{
	{Title: "Vernetzung der Migrantenorganisationen im Landkreis", Kind: "topic", By: mahmoud, Org: syrian, Public: true,
		Areas: []string{"participation", "integration"},
		Description: "Vernetzung unter den MSOs sowie mit Organisationen und Unterstützungsstrukturen der sogenannten " +
			"Mehrheitsgesellschaft: Wer macht was, wo, in welchen Sprachen? Ein regelmäßiger Austausch und ein " +
			"gemeinsames Verzeichnis sollen helfen.",
		Supporters: []string{fatima, olena, pham, gabriele, yonas, rania, khaled},
		Comments: []demoComment{{By: gabriele, Body: "Das Willkommensbündnis Bischofswerda ist dabei. Ein gemeinsamer Kalender wäre ein guter Anfang.",
			Replies: []demoComment{{By: mahmoud, Body: "Danke! Die Termine können wir schon jetzt im Komitee eintragen."}}}}},
	{Title: "Eine Plattform, auf der Migrant*innen ihre Bedarfe austauschen", Kind: "idea", By: fatima, Org: afghan, Public: true,
		Areas: []string{"participation", "counselling"},
		Description: "Schaffung einer Plattform, in der sich Migrantinnen und Migranten über ihre Bedarfe austauschen: " +
			"Was fehlt vor Ort, welche Unterstützung brauchen wir, wer kann helfen?",
		Supporters: []string{mahmoud, olena, nadia, aminata},
		Comments: []demoComment{{By: olena, Body: "Bitte mehrsprachig, und so, dass es auch auf dem Handy gut funktioniert.",
			Replies: []demoComment{{By: fatima, Body: "Ja, Dari und Ukrainisch sollten dabei sein."}}}}},
	{Title: "Stärkung der Mitglieder von Migrantenselbstorganisationen", Kind: "topic", By: olena, Org: ukrainian,
		Areas:       []string{"education", "participation"},
		Description: "Fortbildungen zu Vereinsrecht, Fördermitteln und Öffentlichkeitsarbeit für die Aktiven der MSOs. MSOs sind mehr als nur Integrationsprojekte!",
		Supporters:  []string{mahmoud, pham, yonas}},
	{Title: "Anerkennung im Landkreis und in der Mehrheitsgesellschaft", Kind: "topic", By: yonas, Org: eritrean, Public: true,
		Areas:       []string{"participation", "antidiscrimination"},
		Description: "Die Arbeit der MSOs soll im Landkreis sichtbar und anerkannt werden: in Gremien, in der Presse und bei der Vergabe von Räumen und Fördermitteln.",
		Supporters:  []string{mahmoud, aminata, swetlana}},
	{Title: "Eine gemeinsame politische Stimme", Kind: "idea", By: mahmoud, Public: true,
		Areas:       []string{"participation"},
		Description: "Das Komitee spricht mit einer gemeinsamen politischen Stimme: gemeinsame Stellungnahmen, die alle Mitgliedsorganisationen mittragen können.",
		Supporters:  []string{olena, gabriele, annett, nadia, omar}},
	{Title: "Integration als Gesellschaftspolitik für alle", Kind: "topic", By: gabriele, Org: welcome,
		Areas: []string{"integration", "participation"},
		Description: "Integration ist keine Einladung oder ein Angebot. Keine Integrationspolitik, sondern Gesellschaftspolitik " +
			"für alle: Angebote, die sich nicht nur an Menschen mit Migrationshintergrund richten. Die Bemühungen müssen von " +
			"allen Mitgliedern und Communities der Gesellschaft getragen werden.",
		Supporters: []string{thomas, michael}},
	{Title: "Abend der Begegnung", Kind: "idea", By: pham, Org: vietnamese, Public: true,
		Areas:       []string{"culture"},
		Description: "Ein Abend für alle, die im Landkreis leben: Essen aus vielen Küchen, Musik und Gespräche (wie der „Abend der …“ am 30. März).",
		Supporters:  []string{mahmoud, fatima, olena, gabriele, aminata, nadia}},
}

// laterTopics came after the founding meeting; they are in the open round.
var laterTopics = []demoTopic{
	{Title: "Sprachmittlung im Gesundheitswesen", Kind: "topic", By: nadia, Org: interprete, Public: true,
		Areas:       []string{"health", "language"},
		Description: "Arztpraxen und Kliniken im Landkreis sollen geschulte Sprachmittlung bekommen – und jemand muss sie bezahlen.",
		Supporters:  []string{mahmoud, fatima, yonas, rania},
		Comments: []demoComment{{By: annett, Body: "Der Landkreis prüft gerade ein Budget dafür. Ich berichte in der nächsten Sitzung.",
			Replies: []demoComment{{By: nadia, Body: "Sehr gut – wir bringen Zahlen aus dem Sprachmittlerpool mit."}}}}},
	{Title: "Kita-Plätze für neu zugezogene Familien", Kind: "topic", By: swetlana, Org: raduga,
		Areas:       []string{"family", "education"},
		Description: "Neu zugezogene Familien warten oft monatelang auf einen Kita-Platz. Wie können wir beraten und Druck machen?",
		Supporters:  []string{olena, iryna}},
	{Title: "Sportangebote für geflüchtete Jugendliche", Kind: "idea", By: khaled,
		Areas:       []string{"sports", "youth"},
		Description: "Kostenloses Training in den Vereinen im ersten Jahr, Fahrdienste zu den Trainingszeiten.",
		Supporters:  []string{mahmoud, rania}},
	{Title: "Erfahrungen mit Rassismus im Alltag sichtbar machen", Kind: "topic", By: aminata, Org: african, Public: true,
		Areas:       []string{"antidiscrimination"},
		Description: "Erfahrungen sammeln (auch anonym) und die Beratungsstellen im Landkreis bekannter machen.",
		Supporters:  []string{yonas, omar, dilan}},
	{Title: "Mehrsprachige Elternabende an Schulen", Kind: "idea", By: olena, Org: ukrainian,
		Areas:       []string{"education", "family", "language"},
		Description: "Elternabende zum sächsischen Schulsystem auf Ukrainisch, Arabisch und Dari, gemeinsam mit der Volkshochschule.",
		Supporters:  []string{fatima, jana}},
}

// roundVotes are the organisations' dots: the voter (a representative or deputy), the
// organisation, and the dots by topic (index into the round's topics).
type roundVote struct {
	By, Org string
	Dots    map[int]int
}

var closedRoundVotes = []roundVote{
	{By: mahmoud, Org: syrian, Dots: map[int]int{0: 3, 4: 2}},
	{By: fatima, Org: afghan, Dots: map[int]int{1: 3, 0: 2}},
	{By: olena, Org: ukrainian, Dots: map[int]int{2: 2, 0: 2, 6: 1}},
	{By: pham, Org: vietnamese, Dots: map[int]int{6: 3, 0: 2}},
	{By: gabriele, Org: welcome, Dots: map[int]int{5: 3, 4: 2}},
	{By: nadia, Org: interprete, Dots: map[int]int{1: 2, 4: 2, 3: 1}},
	{By: aminata, Org: african, Dots: map[int]int{3: 3, 0: 2}},
}

var openRoundVotes = []roundVote{
	{By: rania, Org: syrian, Dots: map[int]int{0: 3, 2: 2}},
	{By: olena, Org: ukrainian, Dots: map[int]int{4: 3, 1: 2}},
	{By: nadia, Org: interprete, Dots: map[int]int{0: 3, 3: 2}},
	{By: aminata, Org: african, Dots: map[int]int{3: 3, 0: 1}},
}

// topics creates the demo topics, supports, comments and rounds, and puts the closed round's
// top topic on the agenda of the meeting in date finding.
func (l *loader) topics() error {
	coord := l.person(people[0].Email)
	var founding, later []*committee.Topic
	for _, list := range []struct {
		topics []demoTopic
		out    *[]*committee.Topic
	}{{foundingTopics, &founding}, {laterTopics, &later}} {
		for _, dt := range list.topics {
			t, err := l.topic(dt, coord)
			if err != nil {
				return fmt.Errorf("demo topic %q: %w", dt.Title, err)
			}
			*list.out = append(*list.out, t)
		}
	}
	now := time.Now()
	closed, err := l.round(coord, ClosedRoundTitle, founding, closedRoundVotes, now.AddDate(0, 0, -3), now.AddDate(0, 0, 1), true)
	if err != nil {
		return fmt.Errorf("demo round %q: %w", ClosedRoundTitle, err)
	}
	if _, err := l.round(coord, OpenRoundTitle, later, openRoundVotes, now.AddDate(0, 0, -2), now.AddDate(0, 0, 10), false); err != nil {
		return fmt.Errorf("demo round %q: %w", OpenRoundTitle, err)
	}
	return l.topToAgenda(coord, closed)
}

// topic finds a demo topic by its title or proposes it, then its supports and comments.
func (l *loader) topic(dt demoTopic, coord *committee.User) (*committee.Topic, error) {
	var t *committee.Topic
	rec, err := l.app.FindFirstRecordByData("topics", "title", dt.Title)
	if err == nil {
		t = &committee.Topic{Record: rec}
	} else {
		by := l.person(dt.By)
		if t, err = committee.ProposeTopic(l.app, by, committee.TopicInput{Title: dt.Title, Kind: dt.Kind,
			Description: dt.Description + topicNote, Areas: dt.Areas, Organisation: l.orgID(dt.Org)}); err != nil {
			return nil, err
		}
		l.res.Created++
		if dt.Public {
			if err := committee.SetTopicStatus(l.app, coord, t, "", "public", ""); err != nil {
				return nil, err
			}
		}
	}
	for _, email := range dt.Supporters {
		u := l.person(email)
		if committee.Supports(l.app, u, t) {
			continue
		}
		if err := committee.Support(l.app, u, t, true); err != nil {
			return nil, fmt.Errorf("support of %s: %w", email, err)
		}
		l.res.Created++
	}
	for _, c := range dt.Comments {
		id, err := l.comment(t, "", c)
		if err != nil {
			return nil, err
		}
		for _, reply := range c.Replies {
			if _, err := l.comment(t, id, reply); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// comment finds a comment by topic, author and text, or writes it; it returns its id.
func (l *loader) comment(t *committee.Topic, parent string, c demoComment) (string, error) {
	author := l.users[c.By]
	find := func() (*core.Record, error) {
		return l.app.FindFirstRecordByFilter("comments", "topic = {:t} && author = {:a} && body = {:b}",
			dbx.Params{"t": t.Id, "a": author.Id, "b": c.Body})
	}
	if rec, err := find(); err == nil {
		return rec.Id, nil
	}
	if err := committee.AddComment(l.app, l.person(c.By), t, parent, c.Body); err != nil {
		return "", fmt.Errorf("comment of %s: %w", c.By, err)
	}
	l.res.Created++
	rec, err := find()
	if err != nil {
		return "", err
	}
	return rec.Id, nil
}

// round opens a round of the organisations over topics (once), casts the votes while it is
// open, and closes it when close is set.
func (l *loader) round(coord *committee.User, title string, topics []*committee.Topic, votes []roundVote,
	opens, closes time.Time, close bool) (*committee.Round, error) {
	if rec, err := l.app.FindFirstRecordByData("rounds", "title", title); err == nil {
		return &committee.Round{Record: rec}, nil // made in an earlier run: left as it is
	}
	ids := make([]string, len(topics))
	for i, t := range topics {
		ids[i] = t.Id
	}
	o, c := opens.In(committee.Berlin), closes.In(committee.Berlin)
	r, err := committee.OpenRound(l.app, coord, committee.RoundInput{Title: title,
		OpensDate: o.Format("2006-01-02"), OpensTime: o.Format("15:04"),
		ClosesDate: c.Format("2006-01-02"), ClosesTime: c.Format("15:04"),
		Dots: "5", MaxPerTopic: "3", Voters: "organisations", Topics: ids})
	if err != nil {
		return nil, err
	}
	l.res.Created += 1 + len(topics)
	for _, v := range votes {
		dots := map[string]int{}
		for i, n := range v.Dots {
			dots[ids[i]] = n
		}
		if err := committee.Vote(l.app, l.person(v.By), r, l.orgID(v.Org), dots); err != nil {
			return nil, fmt.Errorf("vote of %s for %s: %w", v.By, v.Org, err)
		}
		l.res.Created += len(dots)
	}
	if close {
		if err := committee.CloseRound(l.app, coord, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// topToAgenda puts the closed round's top topic on the agenda of the meeting in date finding,
// unless a topic of the round is on that agenda already.
func (l *loader) topToAgenda(coord *committee.User, r *committee.Round) error {
	m, err := l.app.FindFirstRecordByData("meetings", "title", DateFindingTitle)
	if err != nil || !r.Closed() {
		return nil
	}
	n := 0
	if err := l.app.DB().NewQuery(`SELECT COUNT(*) FROM topics t JOIN round_topics rt ON rt.topic = t.id
		JOIN agenda_items a ON a.id = t.agenda_item WHERE rt.round = {:r} AND a.meeting = {:m}`).
		Bind(dbx.Params{"r": r.Id, "m": m.Id}).Row(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	added, err := committee.ToAgenda(l.app, coord, r, m.Id, 1)
	l.res.Created += added
	return err
}

// person is a demo person as saved now: the hooks set users.member after the people step, so
// the record loaded then is out of date.
func (l *loader) person(email string) *committee.User {
	if u := l.users[email]; u != nil {
		if rec, err := l.app.FindRecordById("users", u.Id); err == nil {
			return committee.AsUser(rec)
		}
	}
	return nil
}
