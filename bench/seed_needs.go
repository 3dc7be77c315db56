package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
)

// The needs and offers of the data set: size.Needs entries (2,000) of listed organisations over
// the year before the data set is made (no two at the same time, so that the board's order is
// the same everywhere), in every category, kind and status, in the data set's municipalities,
// about a quarter marked public; and responses of other organisations, whose number the entry
// keeps (needs.responses), computed here as the hooks would.
var (
	needTitles = map[string][]string{
		"rooms":        {"Raum für Elterncafé", "Saal für Fest", "Büro für Beratung"},
		"interpreting": {"Sprachmittlung Arabisch", "Übersetzung Flyer", "Dolmetschen beim Elternabend"},
		"funding":      {"Hilfe beim Förderantrag", "Beratung Verwendungsnachweis"},
		"legal":        {"Beratung Aufenthaltsrecht", "Fragen zur Anerkennung"},
		"volunteers":   {"Ehrenamtliche für Hausaufgabenhilfe", "Helfende für das Sommerfest"},
		"transport":    {"Kleinbus für Ausflug", "Fahrdienst zur Sitzung"},
		"materials":    {"Stühle und Tische", "Beamer und Leinwand"},
		"expertise":    {"Workshop Vereinsrecht", "Schulung Öffentlichkeitsarbeit"},
		"networking":   {"Kontakt zum Jobcenter", "Kontakt zu Sportvereinen"},
		"childcare":    {"Kinderbetreuung während des Kurses", "Betreuung beim Treffen"},
		"other":        {"Sonstiges Anliegen"},
	}
	needLangs = []string{"de", "ar", "uk", "ru", "fa", "tr", "en"}
)

func generateNeeds(tx core.App, r *rand.Rand, size seedSize, now time.Time, listed []string, people []personOrg) error {
	if size.Needs == 0 {
		return nil
	}
	add, done := insert(tx, "needs", "id", "kind", "title", "description", "category", "organisation", "languages",
		"municipality", "when_text", "when_date", "valid_until", "status", "outcome", "public", "created_by", "responses",
		"matched_at", "reminded", "created", "updated")
	defer done()
	respond, done2 := insert(tx, "responses", "id", "need", "organisation", "responder", "message", "status",
		"decided_at", "created", "updated")
	defer done2()
	for i := 0; i < size.Needs; i++ {
		p := people[r.IntN(len(people))]
		cat := committee.NeedCategories[r.IntN(len(committee.NeedCategories))]
		titles := needTitles[cat]
		kind := pick(r, committee.NeedKinds, []int{60, 40})
		status := pick(r, []string{"open", "in_contact", "matched", "done", "withdrawn", "expired"}, []int{55, 15, 10, 10, 4, 6})
		// A minute apart, the newest a minute before now.
		created := now.Add(-time.Duration(size.Needs-i) * 3 * time.Minute).Add(-time.Duration(i%7) * time.Second)
		valid := created.AddDate(0, 0, 56)
		if status == "expired" {
			valid = now.AddDate(0, 0, -1-r.IntN(30))
		} else if valid.Before(now) {
			valid = now.AddDate(0, 0, 7+r.IntN(50))
		}
		langs, _ := json.Marshal(sample(r, needLangs, 1+r.IntN(3)))
		outcome, matched := "", ""
		if status == "matched" || status == "done" {
			matched = pbTime(created.Add(72 * time.Hour))
			if status == "done" {
				outcome = "Raum im Bürgerhaus, dienstags 17–19 Uhr"
			}
		}
		id := fmt.Sprintf("nd%013d", i)
		nResp := 0
		if status != "open" && status != "withdrawn" {
			nResp = 1 + r.IntN(3)
		} else if r.IntN(100) < 20 {
			nResp = 1
		}
		used := map[string]bool{p.Org: true}
		sent := 0
		for k := 0; k < nResp; k++ {
			q := people[r.IntN(len(people))]
			if used[q.Org] {
				continue
			}
			used[q.Org] = true
			rs := "offered"
			if (status == "matched" || status == "done") && sent == 0 {
				rs = "accepted"
			} else if status != "open" && status != "in_contact" {
				rs = "declined"
			}
			at := created.Add(time.Duration(k+1) * time.Hour)
			if err := respond(fmt.Sprintf("rs%011d%02d", i, k), id, q.Org, q.User,
				"Wir können helfen, meldet euch gern.", rs, "", pbTime(at), pbTime(at)); err != nil {
				return err
			}
			sent++
		}
		if err := add(id, kind, titles[r.IntN(len(titles))], "Wir suchen Unterstützung. **Details** im Gespräch.", cat, p.Org,
			string(langs), places[r.IntN(benchPlaceCnt)], "nach Absprache", "", pbTime(valid), status, outcome,
			r.IntN(100) < 25, p.User, sent, matched, "", pbTime(created), pbTime(created)); err != nil {
			return err
		}
	}
	return nil
}
