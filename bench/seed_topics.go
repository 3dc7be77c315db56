package main

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The topics of the data set: size.Topics topics and ideas (10,000) proposed by members over
// the years before the data set is made (no two at the same time, so that a sorted page is the
// same everywhere), about 60% public, with supports and comments; and prioritisation rounds of
// 40 topics each (one per 5,000 votes), every member voting personally with 5 dots, at most 3 on
// one topic, size.Votes votes (100,000) in all. All rounds are closed and ranked; the latest is
// the bench round with a fixed id, whose results page the rows read.
//
// Written with plain SQL in the generator's transaction (saving 200,000 records one by one
// through the hooks would take minutes), so the counts the hooks keep are computed here and
// written with the rows: topics.supports and .comments, round_topics.dots, .voters and .rank,
// rounds.ballots, topics.latest_rank. describe checks them against the rows.
const (
	benchRoundID    = "benchround00001"
	roundTopicCount = 40
	votesPerRound   = 5000
	roundDots       = 5
	roundMaxPer     = 3
)

var (
	topicStarts = []string{"Mehr Angebote für", "Bessere Information über", "Gemeinsame Aktion:", "Fördermittel für",
		"Räume für", "Sprachmittlung bei", "Ehrenamt stärken:", "Arbeitsgruppe zu", "Veranstaltungsreihe:", "Beratung zu"}
	topicThemes = []string{"Kita und Schule", "Ausbildung und Arbeit", "Wohnungssuche", "Arztbesuche", "Frauen und Mädchen",
		"Jugendliche", "Sport im Verein", "Rassismus im Alltag", "Deutschkurse mit Kinderbetreuung", "Kultur und Feste",
		"Behördengänge", "Anerkennung von Abschlüssen", "Seniorinnen und Senioren", "Mobilität auf dem Land"}
	topicAreas     = []string{"education", "work", "housing", "health", "women", "youth", "sports", "antidiscrimination", "language", "culture", "participation", "counselling", "family", "integration"}
	topicParagraph = []string{
		"In unseren Vereinen hören wir immer wieder davon. **Wir schlagen vor**, das Thema im Komitee gemeinsam anzugehen.",
		"Erste Schritte:\n\n- Bedarfe in den Mitgliedsorganisationen sammeln\n- Gespräch mit dem Landkreis\n- Ergebnisse in der Sitzung vorstellen",
		"Andere Landkreise haben gute Erfahrungen gemacht, siehe [Beispiel](https://example.org).",
		"Wer macht mit? Bitte unterstützt das Thema, wenn es euch wichtig ist.",
	}
	commentBodies = []string{"Sehr wichtig, wir sind dabei!", "Bei uns im Verein ist das auch ein großes Thema.",
		"Können wir dazu eine Arbeitsgruppe bilden?", "Ich kann beim Übersetzen helfen.", "Gibt es dafür Fördermittel?",
		"Danke für den Vorschlag.", "Wir haben dazu schon Material, ich schicke es herum."}
	ballotShapes = [][]int{{3, 2}, {2, 2, 1}, {3, 1, 1}, {2, 1, 1, 1}, {1, 1, 1, 1, 1}, {3}, {2, 2}, {1, 1, 1}}
)

func pbTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }

// insert prepares an INSERT of cols into table and returns a function that writes one row.
func insert(tx core.App, table string, cols ...string) (func(vals ...any) error, func()) {
	ph := make([]string, len(cols))
	for i, c := range cols {
		ph[i] = "{:" + c + "}"
	}
	q := tx.DB().NewQuery(fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, strings.Join(cols, ", "), strings.Join(ph, ", "))).Prepare()
	return func(vals ...any) error {
		p := dbx.Params{}
		for i, c := range cols {
			p[c] = vals[i]
		}
		_, err := q.Bind(p).Execute()
		return err
	}, func() { _ = q.Close() }
}

// generateTopics adds the topics, supports, comments, rounds and votes (see above). people are
// the active members with their first organisation; coordinator opens the rounds.
func generateTopics(tx core.App, r *rand.Rand, size seedSize, now time.Time, people []personOrg, coordinator string) error {
	if size.Topics == 0 {
		return nil
	}
	nRounds := max(1, size.Votes/votesPerRound)
	if nRounds*roundTopicCount > size.Topics || len(people) < 50 {
		return fmt.Errorf("%d topics and %d members: too few for %d rounds of %d topics", size.Topics, len(people), nRounds, roundTopicCount)
	}
	addTopic, done1 := insert(tx, "topics", "id", "title", "kind", "description", "areas", "proposed_by", "organisation",
		"visibility", "status", "decline_reason", "agenda_item", "supports", "comments", "latest_rank", "created", "updated")
	defer done1()
	addSupport, done2 := insert(tx, "supports", "id", "topic", "user", "created", "updated")
	defer done2()
	addComment, done3 := insert(tx, "comments", "id", "topic", "author", "body", "hidden", "hidden_reason", "parent", "created", "updated")
	defer done3()
	addRound, done4 := insert(tx, "rounds", "id", "title", "opens", "closes", "dots", "max_per_topic", "voters", "hide_results",
		"closed", "created_by", "ballots", "created", "updated")
	defer done4()
	addRT, done5 := insert(tx, "round_topics", "id", "round", "topic", "dots", "voters", "rank", "created", "updated")
	defer done5()
	addVote, done6 := insert(tx, "votes", "id", "round", "topic", "user", "organisation", "voter", "dots", "created", "updated")
	defer done6()

	topicID := func(i int) string { return fmt.Sprintf("tp%013d", i) }
	// The rounds' topics: distinct, drawn once; round k has perm[k*40 : k*40+40].
	perm := r.Perm(size.Topics)
	roundOf := map[int]int{}
	for k := 0; k < nRounds; k++ {
		for _, i := range perm[k*roundTopicCount : (k+1)*roundTopicCount] {
			roundOf[i] = k
		}
	}

	// Rounds first (in memory): votes, totals and ranks, so that the topics carry their rank.
	type rtTotals struct{ dots, voters, rank int }
	latestRank := map[int]int{}
	roundStart := func(k int) time.Time { return now.AddDate(0, 0, -30*(nRounds-k)) }
	votesLeft := size.Votes
	supportN, commentN, voteN := 0, 0, 0
	for k := 0; k < nRounds; k++ {
		id := fmt.Sprintf("rd%013d", k)
		if k == nRounds-1 {
			id = benchRoundID
		}
		topics := perm[k*roundTopicCount : (k+1)*roundTopicCount]
		quota := votesLeft / (nRounds - k)
		votesLeft -= quota
		totals := make([]rtTotals, len(topics))
		ballots := 0
		opens := roundStart(k)
		closes := opens.AddDate(0, 0, 14)
		for _, pi := range r.Perm(len(people)) {
			if quota == 0 {
				break
			}
			shape := ballotShapes[r.IntN(len(ballotShapes))]
			if len(shape) > quota {
				shape = shape[:quota]
			}
			// Some topics draw more dots than others.
			chosen := map[int]bool{}
			for _, d := range shape {
				j := int(float64(len(topics)) * r.Float64() * r.Float64())
				for chosen[j] {
					j = (j + 1) % len(topics)
				}
				chosen[j] = true
				voteN++
				if err := addVote(fmt.Sprintf("vt%013d", voteN), id, topicID(topics[j]), people[pi].User, "",
					"user:"+people[pi].User, d, pbTime(opens.Add(time.Duration(voteN)*time.Second)),
					pbTime(opens.Add(time.Duration(voteN)*time.Second))); err != nil {
					return fmt.Errorf("vote: %w", err)
				}
				totals[j].dots += d
				totals[j].voters++
			}
			quota -= len(shape)
			ballots++
		}
		if quota > 0 {
			return fmt.Errorf("round %d: %d members cannot cast its votes", k, len(people))
		}
		// Rank as committee.closeRound does: most dots, then most voters; equal totals share a rank.
		order := make([]int, len(topics))
		for j := range order {
			order[j] = j
		}
		sort.SliceStable(order, func(a, b int) bool {
			x, y := totals[order[a]], totals[order[b]]
			return x.dots > y.dots || x.dots == y.dots && x.voters > y.voters
		})
		rank := 0
		for n, j := range order {
			if n == 0 || totals[j].dots != totals[order[n-1]].dots || totals[j].voters != totals[order[n-1]].voters {
				rank = n + 1
			}
			totals[j].rank = rank
		}
		title := fmt.Sprintf("Prioritätenrunde %s %d", monthsDE[opens.Month()-1], opens.Year())
		if err := addRound(id, title, pbTime(opens), pbTime(closes), roundDots, roundMaxPer, "persons", false, true,
			coordinator, ballots, pbTime(opens), pbTime(closes)); err != nil {
			return fmt.Errorf("round: %w", err)
		}
		for j, i := range topics {
			if err := addRT(fmt.Sprintf("rt%013d", k*roundTopicCount+j), id, topicID(i), totals[j].dots, totals[j].voters,
				totals[j].rank, pbTime(opens), pbTime(closes)); err != nil {
				return fmt.Errorf("round topic: %w", err)
			}
			latestRank[i] = totals[j].rank
		}
	}

	// The topics, oldest first, with their supports and comments.
	first := now.Add(-time.Duration(size.Topics) * 2 * time.Hour)
	for i := 0; i < size.Topics; i++ {
		created := first.Add(time.Duration(i) * 2 * time.Hour)
		p := people[r.IntN(len(people))]
		org := ""
		if r.IntN(100) < 40 {
			org = p.Org
		}
		kind := pick(r, []string{"topic", "idea"}, []int{65, 35})
		visibility := pick(r, []string{"public", "members"}, []int{60, 40})
		status, reason := pick(r, []string{"proposed", "in_progress", "done", "declined"}, []int{75, 10, 8, 7}), ""
		if _, ok := roundOf[i]; ok {
			status = "in_round"
		}
		if status == "declined" {
			reason = "Das Thema wird bereits von der Arbeitsgruppe bearbeitet."
		}
		title := fmt.Sprintf("%s %s in %s", topicStarts[r.IntN(len(topicStarts))], topicThemes[r.IntN(len(topicThemes))],
			places[r.IntN(len(places))])
		desc := make([]string, 0, 3)
		for _, k := range r.Perm(len(topicParagraph))[:1+r.IntN(3)] {
			desc = append(desc, topicParagraph[k])
		}
		areasJSON := `["` + strings.Join(sample(r, topicAreas, 1+r.IntN(3)), `","`) + `"]`

		supports := r.IntN(1 + r.IntN(40))
		for _, k := range distinct(r, len(people), supports) {
			supportN++
			at := pbTime(created.Add(time.Duration(1+k) * time.Minute))
			if err := addSupport(fmt.Sprintf("sp%013d", supportN), topicID(i), people[k].User, at, at); err != nil {
				return fmt.Errorf("support: %w", err)
			}
		}
		comments := pick(r, []int{0, 1, 2, 3, 5}, []int{40, 25, 15, 12, 8})
		parent := ""
		for c := 0; c < comments; c++ {
			commentN++
			id := fmt.Sprintf("cm%013d", commentN)
			at := pbTime(created.Add(time.Duration(10+c) * time.Minute))
			reply := ""
			if c > 0 && r.IntN(2) == 0 {
				reply = parent
			}
			if err := addComment(id, topicID(i), people[r.IntN(len(people))].User, commentBodies[r.IntN(len(commentBodies))],
				false, "", reply, at, at); err != nil {
				return fmt.Errorf("comment: %w", err)
			}
			if c == 0 {
				parent = id
			}
		}
		if err := addTopic(topicID(i), title, kind, strings.Join(desc, "\n\n"), areasJSON, p.User, org, visibility, status,
			reason, "", supports, comments, latestRank[i], pbTime(created), pbTime(created)); err != nil {
			return fmt.Errorf("topic %d: %w", i, err)
		}
	}
	return nil
}

// TopicStats describes the topics of the data set, read back from the database.
type TopicStats struct {
	Topics, Public, Ideas       int
	Supports, Comments, Replies int
	Rounds, RoundTopics, Votes  int
	Ranked                      int // topics with a latest rank
	BadCounts                   int // topics or round totals whose kept counts differ from their rows
	Round                       struct {
		ID, Title       string
		Topics, Ballots int
		Dots, TopDots   int
		Closed          bool
	}
}

func describeTopics(app core.App) (TopicStats, error) {
	var s TopicStats
	db := app.DB()
	q := func(dst any, sql string) error {
		return db.NewQuery(sql).Bind(dbx.Params{"r": benchRoundID}).Row(dst)
	}
	for _, step := range []error{
		q(&s.Topics, "SELECT COUNT(*) FROM topics"),
		q(&s.Public, "SELECT COUNT(*) FROM topics WHERE visibility = 'public'"),
		q(&s.Ideas, "SELECT COUNT(*) FROM topics WHERE kind = 'idea'"),
		q(&s.Supports, "SELECT COUNT(*) FROM supports"),
		q(&s.Comments, "SELECT COUNT(*) FROM comments"),
		q(&s.Replies, "SELECT COUNT(*) FROM comments WHERE parent != ''"),
		q(&s.Rounds, "SELECT COUNT(*) FROM rounds"),
		q(&s.RoundTopics, "SELECT COUNT(*) FROM round_topics"),
		q(&s.Votes, "SELECT COUNT(*) FROM votes"),
		q(&s.Ranked, "SELECT COUNT(*) FROM topics WHERE latest_rank > 0"),
		q(&s.BadCounts, `SELECT
			(SELECT COUNT(*) FROM topics t WHERE t.supports != (SELECT COUNT(*) FROM supports s WHERE s.topic = t.id)
				OR t.comments != (SELECT COUNT(*) FROM comments c WHERE c.topic = t.id AND c.hidden = FALSE))
			+ (SELECT COUNT(*) FROM round_topics rt WHERE rt.dots != (SELECT COALESCE(SUM(dots), 0) FROM votes v WHERE v.round = rt.round AND v.topic = rt.topic)
				OR rt.voters != (SELECT COUNT(*) FROM votes v WHERE v.round = rt.round AND v.topic = rt.topic AND v.dots > 0))
			+ (SELECT COUNT(*) FROM rounds r WHERE r.ballots != (SELECT COUNT(DISTINCT voter) FROM votes v WHERE v.round = r.id AND v.dots > 0))`),
		q(&s.Round.Title, "SELECT COALESCE(MAX(title), '') FROM rounds WHERE id = {:r}"),
		q(&s.Round.Closed, "SELECT COALESCE(MAX(closed), FALSE) FROM rounds WHERE id = {:r}"),
		q(&s.Round.Ballots, "SELECT COALESCE(MAX(ballots), 0) FROM rounds WHERE id = {:r}"),
		q(&s.Round.Topics, "SELECT COUNT(*) FROM round_topics WHERE round = {:r}"),
		q(&s.Round.Dots, "SELECT COALESCE(SUM(dots), 0) FROM round_topics WHERE round = {:r}"),
		q(&s.Round.TopDots, "SELECT COALESCE(MAX(dots), 0) FROM round_topics WHERE round = {:r}"),
	} {
		if step != nil {
			return s, step
		}
	}
	s.Round.ID = benchRoundID
	return s, nil
}
