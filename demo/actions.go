package demo

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Responsibilities: the action items of the demo minutes get timelines in every status, some
// are public, and the coordinators add a few directly, one of them overdue.

// demoUpdate is one step of an action's timeline, daysAgo days before the demo is loaded.
type demoUpdate struct {
	Status, Note string
	DaysAgo      int
}

// demoAction is an action's timeline and whether it is public; a direct one (Org set) is
// created by the coordinators without minutes.
type demoAction struct {
	Title   string
	Public  bool
	Updates []demoUpdate
	// For a direct action: the responsible organisation, its person, the due date (days from
	// now; negative: overdue), a topic by its title.
	Org, Person, Topic string
	DueIn              int
}

var demoActions = []demoAction{
	{Title: "Themensammlung abschreiben und allen Teilnehmenden schicken", Public: true, Updates: []demoUpdate{
		{"in_progress", "Die Karten von der Pinnwand sind abgeschrieben.", 400},
		{"done", "An alle 27 Teilnehmenden verschickt, auf Deutsch und Arabisch.", 395}}},
	{Title: "Termin und Ort der zweiten Sitzung vorschlagen", Public: true, Updates: []demoUpdate{
		{"done", "Vorschlag: Juni im Bürgerhaus Hoyerswerda; alle haben zugestimmt.", 380}}},
	{Title: "Erste Treffen der Arbeitsgruppen einladen", Public: true, Updates: []demoUpdate{
		{"in_progress", "AG Bildung hat sich getroffen; AG Antidiskriminierung sucht noch einen Termin.", 60}}},
	{Title: "Raum und Sprachmittlung für den Abend der Begegnung organisieren", Public: true, Updates: []demoUpdate{
		{"in_progress", "Sprachmittlerinnen für Arabisch, Dari und Ukrainisch haben zugesagt.", 30},
		{"blocked", "Der Saal im Kulturzentrum ist an dem Abend belegt; wir warten auf die Antwort der Stadt zu einem zweiten Raum.", 10}}},
	{Title: "Mehrsprachige Einladung zu den Elternabenden entwerfen", Updates: []demoUpdate{
		{"in_progress", "Entwurf auf Deutsch und Ukrainisch fertig; Arabisch folgt.", 12}}},
	{Title: "Sprachmittlerliste für Arztpraxen aktualisieren", Public: true, Org: interprete, Person: nadia,
		Topic: "Sprachmittlung im Gesundheitswesen", DueIn: -9, Updates: []demoUpdate{
			{"in_progress", "Die Hälfte der Praxen ist angeschrieben.", 20}}},
	{Title: "Verzeichnis der Beratungsstellen drucken", Org: district, Person: annett, DueIn: 21},
	{Title: "Gemeinsamen Veranstaltungskalender auf Papier verteilen", Public: true, Org: welcome, Person: gabriele, DueIn: -30,
		Updates: []demoUpdate{{"dropped", "Wird durch den Kalender auf der Website ersetzt.", 5}}},
}

// actions gives the demo actions their timelines, once: an action that has updates keeps them.
func (l *loader) actions() error {
	now := time.Now()
	coord := l.userID(people[0].Email)
	for _, da := range demoActions {
		var rec *core.Record
		var err error
		if da.Org != "" {
			rec, err = l.findOrNew("actions", "meeting = '' && title = {:t}", dbx.Params{"t": da.Title})
			if err != nil {
				return err
			}
			if rec.IsNew() {
				rec.Set("title", da.Title)
				rec.Set("organisation", l.orgID(da.Org))
				rec.Set("person", l.userID(da.Person))
				rec.Set("due", daysFrom(now, da.DueIn, 12, 0))
				rec.Set("status", "open")
				rec.Set("created_by", coord)
				rec.Set("direct", true)
				if da.Topic != "" {
					if t, err := l.app.FindFirstRecordByFilter("topics", "title = {:t}", dbx.Params{"t": da.Topic}); err == nil {
						rec.Set("topic", t.Id)
					}
				}
			}
		} else if rec, err = l.app.FindFirstRecordByFilter("actions", "title = {:t}", dbx.Params{"t": da.Title}); err != nil {
			return fmt.Errorf("demo action %q: %w", da.Title, err)
		}
		if rec.IsNew() || rec.GetBool("public") != da.Public {
			rec.Set("public", da.Public)
			if err := l.save(rec); err != nil {
				return fmt.Errorf("demo action %q: %w", da.Title, err)
			}
		}
		n, err := l.app.CountRecords("action_updates", dbx.HashExp{"action": rec.Id})
		if err != nil || n > 0 {
			continue
		}
		author := rec.GetString("person")
		if author == "" {
			author = coord
		}
		coll, err := l.app.FindCachedCollectionByNameOrId("action_updates")
		if err != nil {
			return err
		}
		for _, u := range da.Updates {
			up := core.NewRecord(coll)
			up.Set("action", rec.Id)
			up.Set("author", author)
			up.Set("status", u.Status)
			up.Set("note", u.Note)
			if err := l.save(up); err != nil {
				return fmt.Errorf("demo action %q: %w", da.Title, err)
			}
			// The timeline happened over time: the stamps go back to when it did.
			when := now.Add(-time.Duration(u.DaysAgo) * 24 * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
			if _, err := l.app.DB().Update("action_updates", dbx.Params{"created": when, "updated": when}, dbx.HashExp{"id": up.Id}).Execute(); err != nil {
				return err
			}
		}
		if len(da.Updates) > 0 {
			// Kept again from the updates with their stamps (progress_at).
			fresh, err := l.app.FindRecordById("actions", rec.Id)
			if err != nil {
				return err
			}
			if err := l.app.Save(fresh); err != nil {
				return err
			}
		}
	}
	return nil
}
