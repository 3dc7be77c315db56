package main

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The responsibilities and the joint statements of the data set.
//
// Actions: size.Actions action items (1,000) of listed organisations, due from a year back to
// half a year ahead (no two due at the same time, so that the list's order is the same
// everywhere), in every status, about a third public, most with one to three updates whose
// latest sets the action's status and note (kept as the hooks keep them). Written with plain
// SQL in the generator's transaction.
//
// Statements: the bench statement (slug bench-statement), published, signed by size.Signers
// (200) listed organisations through their representatives, saved with app.Save so that the
// hooks keep statements.signed; a German original and an English version.
const (
	benchStatementSlug = "bench-statement"
	benchStatementID   = "benchstatement1"
)

var actionTitles = []string{"Einladung an den Landrat vorbereiten", "Raumliste für Treffen erstellen", "Förderantrag für Sprachmittlung stellen",
	"Flyer in fünf Sprachen drucken", "Kontakt zur Ausländerbehörde aufnehmen", "Bedarfsabfrage unter den Mitgliedern auswerten",
	"Termin mit dem Jobcenter vereinbaren", "Pressemitteilung zum Fest schreiben"}

func generateActions(tx core.App, r *rand.Rand, size seedSize, now time.Time, listed []string, coordinator string) error {
	if size.Actions == 0 {
		return nil
	}
	add, done := insert(tx, "actions", "id", "meeting", "agenda_item", "title", "organisation", "person", "due", "status",
		"topic", "decision", "public", "note", "progress_at", "created_by", "created", "updated")
	defer done()
	update, done2 := insert(tx, "action_updates", "id", "action", "author", "status", "note", "created", "updated")
	defer done2()
	notes := map[string]string{"open": "", "in_progress": "Erste Gespräche geführt.", "done": "Erledigt, siehe Protokoll.",
		"blocked": "Wir warten auf die Zusage des Landkreises.", "dropped": "Nicht mehr nötig."}
	for i := 0; i < size.Actions; i++ {
		status := pick(r, []string{"open", "in_progress", "done", "blocked", "dropped"}, []int{35, 25, 25, 10, 5})
		due := now.AddDate(0, 0, -365+i*545/size.Actions).Add(time.Duration(i) * time.Minute)
		created := due.AddDate(0, 0, -30)
		id := fmt.Sprintf("ac%013d", i)
		n := 0
		if status != "open" {
			n = 1 + r.IntN(3)
		}
		note, progress := "", ""
		for k := 0; k < n; k++ {
			st := "in_progress"
			if k == n-1 {
				st = status
			}
			at := created.Add(time.Duration(k+1) * 24 * time.Hour)
			note, progress = notes[st], pbTime(at)
			if err := update(fmt.Sprintf("au%011d%02d", i, k), id, coordinator, st, note, pbTime(at), pbTime(at)); err != nil {
				return err
			}
		}
		if err := add(id, "", "", actionTitles[r.IntN(len(actionTitles))], listed[r.IntN(len(listed))], "", pbTime(due), status,
			"", "", r.IntN(100) < 35, note, progress, coordinator, pbTime(created), pbTime(created)); err != nil {
			return err
		}
	}
	return nil
}

func generateStatements(tx core.App, size seedSize, now time.Time, listed []string, coordinator string) error {
	if size.Signers == 0 {
		return nil
	}
	coll, err := tx.FindCollectionByNameOrId("statements")
	if err != nil {
		return err
	}
	st := core.NewRecord(coll)
	st.Id = benchStatementID
	st.Set("slug", benchStatementSlug)
	st.Set("title", "Sprachkurse mit Kinderbetreuung im ganzen Landkreis")
	st.Set("summary", "Das Komitee fordert Sprachkurse, die Eltern wirklich besuchen können.")
	st.Set("language", "de")
	st.Set("status", "published")
	st.Set("author", coordinator)
	st.Set("round", 1)
	st.Set("deadline", now.AddDate(0, 0, -3))
	st.Set("published", now.AddDate(0, 0, -2))
	if err := tx.Save(st); err != nil {
		return fmt.Errorf("statement: %w", err)
	}
	vcoll, err := tx.FindCollectionByNameOrId("statement_versions")
	if err != nil {
		return err
	}
	body := "Wir fordern **Sprachkurse mit Kinderbetreuung** in allen Gemeinden des Landkreises.\n\n" +
		"- Kurse am Vormittag und am Abend\n- Betreuung für Kinder ab einem Jahr\n- Fahrtkosten für Teilnehmende auf dem Land\n\n" +
		"Die unterzeichnenden Organisationen bieten an, bei der Planung mitzuwirken."
	for i, v := range []struct{ lang, title, body string }{
		{"de", st.GetString("title"), body},
		{"en", "Language courses with childcare across the district", "We call for **language courses with childcare** in every municipality of the district."},
	} {
		rec := core.NewRecord(vcoll)
		rec.Set("statement", st.Id)
		rec.Set("language", v.lang)
		rec.Set("original", i == 0)
		rec.Set("reviewed", i == 1)
		rec.Set("title", v.title)
		rec.Set("summary", st.GetString("summary"))
		rec.Set("body", v.body)
		rec.Set("number", i+1)
		rec.Set("author", coordinator)
		if err := tx.Save(rec); err != nil {
			return fmt.Errorf("version: %w", err)
		}
	}
	scoll, err := tx.FindCollectionByNameOrId("signatures")
	if err != nil {
		return err
	}
	signed := 0
	for _, org := range listed {
		if signed == size.Signers {
			break
		}
		var rep string
		_ = tx.DB().Select("user").From("memberships").Where(dbx.HashExp{"organisation": org, "role": "representative", "status": "active"}).
			Limit(1).Row(&rep)
		if rep == "" {
			continue
		}
		sig := core.NewRecord(scoll)
		sig.Set("statement", st.Id)
		sig.Set("organisation", org)
		sig.Set("signer", rep)
		sig.Set("round", 1)
		sig.Set("decision", "sign")
		if signed%10 == 0 {
			sig.Set("comment", "Wir unterstützen das ausdrücklich.")
		}
		if err := tx.Save(sig); err != nil {
			return fmt.Errorf("signature: %w", err)
		}
		signed++
	}
	if signed < size.Signers {
		return fmt.Errorf("only %d organisations with a representative, want %d signers", signed, size.Signers)
	}
	return nil
}

var (
	reNeedLink      = regexp.MustCompile(`href="/needs/([a-z0-9]{15})"`)
	reActionLink    = regexp.MustCompile(`href="/actions/([a-z0-9]{15})"`)
	reSignatory     = regexp.MustCompile(`data-testid="signatory"`)
	reStatementLink = regexp.MustCompile(`href="/statements/` + benchStatementSlug + `"`)
)

// linkIDs are the distinct ids re finds in page, in the order they first appear.
func linkIDs(re *regexp.Regexp, page []byte) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range re.FindAllSubmatch(page, -1) {
		if id := string(m[1]); !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// checkSite compares the needs board and the actions list with PocketBase's JSON lists (same
// ids in the same order; the public actions page, grouped by status, shows only public ones),
// counts the bench statement's signatories, and finds the statement and the actions summary on
// the home page.
func (r *Run) checkSite(lists map[string]*apiList) {
	for _, c := range []struct{ key, apiKey, who string }{{"needs", "needsAPI", "public"}, {"needsMember", "needsAPIMember", "as the member"}} {
		ids, api := linkIDs(reNeedLink, r.Sizes[c.key].Body), lists[c.apiKey]
		r.note(len(ids) > 0 && slices.Equal(ids, api.ids()),
			"needs board, open entries, %s: the page shows %d entries, the JSON list returns the same ids in the same order (%v; %d of %d)",
			c.who, len(ids), slices.Equal(ids, api.ids()), len(api.Items), api.TotalItems)
	}
	ids, api := linkIDs(reActionLink, r.Sizes["actionsMember"].Body), lists["actionsAPIMember"]
	r.note(len(ids) == 50 && slices.Equal(ids, api.ids()),
		"actions as the member: the page shows %d actions by due date, the JSON list the same ids in the same order (%v; %d in all)",
		len(ids), slices.Equal(ids, api.ids()), api.TotalItems)
	public := map[string]bool{}
	for _, id := range lists["actionsAPI"].ids() {
		public[id] = true
	}
	ids = linkIDs(reActionLink, r.Sizes["actions"].Body)
	shown := 0
	for _, id := range ids {
		if public[id] {
			shown++
		}
	}
	r.note(len(ids) > 0 && lists["actionsAPI"].TotalItems > 0,
		"public actions: the page shows %d public actions grouped by status (%d of them among the JSON list's first 50 by due date; %d public in all)",
		len(ids), shown, lists["actionsAPI"].TotalItems)
	n, sigs := len(reSignatory.FindAll(r.Sizes["statement"].Body, -1)), lists["signaturesAPI"]
	r.note(n == r.Data.Size.Signers && sigs.TotalItems == r.Data.Size.Signers && len(reSignatory.FindAll(r.Sizes["statementMember"].Body, -1)) == n,
		"the bench statement lists %d signing organisations (the member's page too), the JSON list has %d signatures (want %d)",
		n, sigs.TotalItems, r.Data.Size.Signers)
	r.note(reStatementLink.Match(r.Sizes["home"].Body) && reStatementLink.Match(r.Sizes["homeMember"].Body),
		"the home page links the bench statement among the latest statements, for visitors and members")
}
