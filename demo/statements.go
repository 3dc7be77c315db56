package demo

import (
	"time"

	"github.com/pocketbase/dbx"
)

// The demo statements: one published with its signatories and a German original and English
// translation, one in signing with some answers (one withdrawn, one declined), and one draft in
// discussion with a comment. Found again by slug (statements), number (versions), organisation
// and round (signatures) and text (comments): loading twice creates nothing twice.

type demoStatement struct {
	Slug, Status, Author string
	Versions             []demoVersion
	Published, Deadline  time.Duration // from now (published in the past, deadlines ahead or past)
	Signatures           []demoSignature
	Comments             []demoComment
}

type demoVersion struct {
	Lang, Title, Summary, Body string
	Reviewed                   bool
}

type demoSignature struct {
	By, Org, Decision, Comment string
	Withdrawn                  bool
}

const statementNote = "\n\n*Fiktive Demo-Stellungnahme.*"

var demoStatements = []demoStatement{
	{Slug: "sprachkurse-mit-kinderbetreuung", Status: "published", Author: mahmoud, Published: -20 * 24 * time.Hour, Deadline: -21 * 24 * time.Hour,
		Versions: []demoVersion{
			{Lang: "de", Title: "Sprachkurse mit Kinderbetreuung für alle",
				Summary: "Die Organisationen im Komitee fordern Sprachkurse, die Eltern mit kleinen Kindern wirklich besuchen können.",
				Body: "Viele Mütter und Väter können an Integrations- und Sprachkursen nicht teilnehmen, weil es keine Kinderbetreuung gibt.\n\n" +
					"Wir fordern:\n\n- Kinderbetreuung bei jedem Kurs im Landkreis\n- Kurse am Abend und am Wochenende\n- Fahrtkosten für den ländlichen Raum" + statementNote},
			{Lang: "en", Reviewed: true, Title: "Language courses with childcare for everyone",
				Summary: "The committee's organisations call for language courses that parents of small children can actually attend.",
				Body: "Many mothers and fathers cannot attend integration and language courses because there is no childcare.\n\n" +
					"We call for:\n\n- childcare at every course in the district\n- courses in the evening and at weekends\n- travel costs in rural areas" +
					"\n\n*Fictional demo statement.*"},
		},
		Signatures: []demoSignature{{By: mahmoud, Org: syrian, Decision: "sign", Comment: "Ein Anliegen unserer Mitglieder seit Jahren."},
			{By: fatima, Org: afghan, Decision: "sign"}, {By: olena, Org: ukrainian, Decision: "sign"},
			{By: gabriele, Org: welcome, Decision: "sign", Comment: "Wir helfen bei der Betreuung mit."}, {By: nadia, Org: interprete, Decision: "sign"}}},
	{Slug: "dolmetschen-in-behoerden", Status: "signing", Author: nadia, Deadline: 10 * 24 * time.Hour,
		Versions: []demoVersion{{Lang: "de", Title: "Dolmetschen in den Behörden des Landkreises",
			Summary: "Wer ein Amt aufsucht, soll verstanden werden: ein Dolmetschpool für die Behörden.",
			Body: "Termine in Ausländerbehörde, Jobcenter und Sozialamt scheitern oft an der Sprache.\n\n" +
				"Wir fordern einen Dolmetschpool, den die Behörden kostenlos anfragen können." + statementNote}},
		Signatures: []demoSignature{{By: mahmoud, Org: syrian, Decision: "sign"}, {By: olena, Org: ukrainian, Decision: "sign"},
			{By: pham, Org: vietnamese, Decision: "sign", Withdrawn: true}, {By: gabriele, Org: welcome, Decision: "decline",
				Comment: "Wir warten die Haushaltsberatung ab."}}},
	{Slug: "faire-wohnungsvergabe", Status: "discussion", Author: aminata,
		Versions: []demoVersion{{Lang: "de", Title: "Faire Wohnungsvergabe im Landkreis",
			Summary: "Entwurf: Diskriminierung bei der Wohnungssuche benennen und Beratung stärken.",
			Body:    "Menschen mit ausländisch klingenden Namen bekommen seltener eine Besichtigung.\n\nWir schlagen vor …" + statementNote}},
		Comments: []demoComment{{By: yonas, Body: "Können wir Zahlen der Antidiskriminierungsberatung aufnehmen?",
			Replies: []demoComment{{By: aminata, Body: "Ja, ich frage nach."}}}}},
}

// statements creates the demo statements.
func (l *loader) statements() error {
	now := time.Now().UTC()
	for _, ds := range demoStatements {
		st, err := l.findOrNew("statements", "slug = {:s}", dbx.Params{"s": ds.Slug})
		if err != nil {
			return err
		}
		if !st.IsNew() {
			continue // loaded before: leave it as it is now
		}
		orig := ds.Versions[0]
		st.Set("slug", ds.Slug)
		st.Set("title", orig.Title)
		st.Set("summary", orig.Summary)
		st.Set("language", orig.Lang)
		st.Set("status", ds.Status)
		st.Set("author", l.userID(ds.Author))
		if ds.Status == "signing" || ds.Status == "published" {
			st.Set("round", 1)
			st.Set("deadline", now.Add(ds.Deadline))
		}
		if ds.Status == "published" {
			st.Set("published", now.Add(ds.Published))
		}
		if err := l.save(st); err != nil {
			return err
		}
		for i, v := range ds.Versions {
			rec, err := l.findOrNew("statement_versions", "statement = {:s} && number = {:n}", dbx.Params{"s": st.Id, "n": i + 1})
			if err != nil {
				return err
			}
			rec.Set("statement", st.Id)
			rec.Set("language", v.Lang)
			rec.Set("original", i == 0)
			rec.Set("reviewed", v.Reviewed)
			rec.Set("title", v.Title)
			rec.Set("summary", v.Summary)
			rec.Set("body", v.Body)
			rec.Set("number", i+1)
			rec.Set("author", l.userID(ds.Author))
			if err := l.save(rec); err != nil {
				return err
			}
		}
		for _, s := range ds.Signatures {
			rec, err := l.findOrNew("signatures", "statement = {:s} && organisation = {:o} && round = 1",
				dbx.Params{"s": st.Id, "o": l.orgID(s.Org)})
			if err != nil {
				return err
			}
			rec.Set("statement", st.Id)
			rec.Set("organisation", l.orgID(s.Org))
			rec.Set("signer", l.userID(s.By))
			rec.Set("round", 1)
			rec.Set("decision", s.Decision)
			rec.Set("comment", s.Comment)
			if s.Withdrawn {
				rec.Set("withdrawn", true)
				rec.Set("withdrawn_at", now.Add(-24*time.Hour))
			}
			if err := l.save(rec); err != nil {
				return err
			}
		}
		for _, c := range ds.Comments {
			parent, err := l.statementComment(st.Id, "", c)
			if err != nil {
				return err
			}
			for _, r := range c.Replies {
				if _, err := l.statementComment(st.Id, parent, r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (l *loader) statementComment(statement, parent string, c demoComment) (string, error) {
	rec, err := l.findOrNew("comments", "statement = {:s} && author = {:a} && body = {:b}",
		dbx.Params{"s": statement, "a": l.userID(c.By), "b": c.Body})
	if err != nil {
		return "", err
	}
	rec.Set("statement", statement)
	rec.Set("author", l.userID(c.By))
	rec.Set("body", c.Body)
	rec.Set("parent", parent)
	return rec.Id, l.save(rec)
}
