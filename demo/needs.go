package demo

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
)

// The demo needs and offers: open ones in several categories and municipalities, responses in
// every state (offered, accepted, declined, withdrawn), one done with an outcome and an expired
// one. Entries are posted through committee.CreateNeed (found again by title, so loading twice
// creates nothing twice); the responses are written as the workflows leave them, without the
// mails the workflows send.

type demoNeed struct {
	Kind, Title, Description, Category, Org, Municipality, When string
	Languages                                                   []string
	Public                                                      bool
	Response                                                    *demoResponse
	Outcome                                                     string // done with this outcome
	Expired                                                     bool
}

type demoResponse struct {
	Org, Message, Status string
}

const needNote = "\n\n*Fiktiver Demo-Eintrag.*"

var demoNeeds = []demoNeed{
	{Kind: "need", Title: "Raum für unser Elterncafé", Category: "rooms", Org: syrian, Municipality: "Bautzen", Public: true,
		When: "dienstags 17–19 Uhr", Languages: []string{"ar", "de"},
		Description: "Wir suchen einen Raum für etwa 20 Eltern und ihre Kinder, gern mit kleiner Küche.",
		Response:    &demoResponse{Org: welfare, Message: "Unser Gemeinschaftsraum ist dienstags frei.", Status: "accepted"},
		Outcome:     "Raum im Gemeindezentrum, dienstags 17–19 Uhr"},
	{Kind: "need", Title: "Dolmetscherin für Dari bei Behördengängen", Category: "interpreting", Org: afghan, Municipality: "Hoyerswerda",
		When: "zwei Termine im Monat", Languages: []string{"prs", "fa"},
		Description: "Frauen unserer Gruppe brauchen Begleitung zur Ausländerbehörde und zum Jobcenter.",
		Response:    &demoResponse{Org: interprete, Message: "Wir haben zwei Sprachmittlerinnen für Dari.", Status: "offered"}},
	{Kind: "offer", Title: "Sprachmittlung Arabisch, Dari und Ukrainisch", Category: "interpreting", Org: interprete, Municipality: "Bautzen",
		Languages: []string{"ar", "prs", "uk"}, Public: true,
		Description: "Ehrenamtliche Sprachmittlerinnen und Sprachmittler begleiten zu Terminen im ganzen Landkreis."},
	{Kind: "need", Title: "Fahrdienst zum Sprachkurs", Category: "transport", Org: ukrainian, Municipality: "Kamenz",
		When: "montags und mittwochs morgens", Languages: []string{"uk", "ru"},
		Description: "Drei Mütter aus den Dörfern um Kamenz kommen ohne Auto nicht zum Kurs.",
		Response:    &demoResponse{Org: neighbours, Message: "Leider fahren wir nur in Ottendorf-Okrilla.", Status: "declined"}},
	{Kind: "offer", Title: "Beratung zu Förderanträgen", Category: "funding", Org: welfare, Municipality: "Bautzen", Public: true,
		Languages: []string{"de", "en"}, Description: "Wir lesen Ihren Antrag gegen und helfen bei Kosten- und Finanzierungsplänen."},
	{Kind: "need", Title: "Ehrenamtliche für die Hausaufgabenhilfe", Category: "volunteers", Org: eritrean, Municipality: "Radeberg",
		When: "nachmittags unter der Woche", Languages: []string{"ti", "de"},
		Description: "Für zwölf Kinder suchen wir zwei oder drei Menschen mit etwas Zeit.",
		Response:    &demoResponse{Org: welcome, Message: "Wir fragen in unserem Kreis.", Status: "withdrawn"}},
	{Kind: "offer", Title: "Kinderbetreuung bei Veranstaltungen", Category: "childcare", Org: welcome, Municipality: "Bischofswerda",
		Languages: []string{"de"}, Description: "Zwei erfahrene Betreuerinnen kommen zu Ihren Abendveranstaltungen.",
		Response: &demoResponse{Org: vietnamese, Message: "Für unser Neujahrsfest im Februar wäre das wunderbar.", Status: "accepted"}},
	{Kind: "need", Title: "Material für das Sommerfest", Category: "materials", Org: vietnamese, Municipality: "Hoyerswerda",
		Languages: []string{"vi", "de"}, Description: "Bierzeltgarnituren und ein Pavillon für einen Samstag.", Expired: true},
	{Kind: "offer", Title: "Schulung: Aufenthaltsrecht kompakt", Category: "legal", Org: district, Municipality: "Bautzen", Public: true,
		Languages: []string{"de"}, Description: "Zwei Stunden für Ehrenamtliche: Aufenthaltstitel, Fristen, wohin man sich wendet."},
	{Kind: "need", Title: "Kontakte zu Sportvereinen", Category: "networking", Org: african, Municipality: "Bautzen",
		Languages: []string{"fr", "en", "de"}, Description: "Junge Männer aus unserem Verein möchten Fußball spielen."},
}

// representative is the e-mail of an organisation's representative.
func representative(slug string) string {
	for _, o := range organisations {
		if o.Slug == slug {
			return o.Representative
		}
	}
	return ""
}

// needs posts the demo entries with their responses.
func (l *loader) needs() error {
	now := committee.Now()
	for _, d := range demoNeeds {
		if existing, _ := l.app.FindFirstRecordByFilter("needs", "title = {:t}", dbx.Params{"t": d.Title}); existing != nil {
			continue
		}
		owner := l.person(representative(d.Org))
		if owner == nil || l.orgID(d.Org) == "" {
			continue
		}
		n, err := committee.CreateNeed(l.app, owner, committee.NeedInput{Kind: d.Kind, Title: d.Title, Description: d.Description + needNote,
			Category: d.Category, Organisation: l.orgID(d.Org), Contact: owner.Id, Municipality: d.Municipality, WhenText: d.When,
			Languages: d.Languages, Public: d.Public, ValidUntil: now.Add(committee.NeedValidity).In(committee.Berlin).Format(time.DateOnly)})
		if err != nil {
			return err
		}
		l.res.Created++
		if d.Response != nil {
			if err := l.response(n, owner.Id, d.Response); err != nil {
				return err
			}
		}
		if d.Outcome != "" {
			if err := committee.NeedStep(l.app, owner, n, "done", d.Outcome); err != nil {
				return err
			}
		}
		if d.Expired {
			n.Set("valid_until", now.Add(-3*24*time.Hour).UTC())
			n.Set("status", "expired")
			if err := l.app.Save(n.Record); err != nil {
				return err
			}
		}
	}
	return nil
}

// response writes a response in its state as the workflows leave it, without their mails: the
// response (the hooks add both sides' contact rows), the other side named on them once
// accepted, and the entry's status.
func (l *loader) response(n *committee.Need, ownerContact string, d *demoResponse) error {
	responder := l.person(representative(d.Org))
	if responder == nil {
		return nil
	}
	coll, err := l.app.FindCachedCollectionByNameOrId("responses")
	if err != nil {
		return err
	}
	r := core.NewRecord(coll)
	r.Set("need", n.Id)
	r.Set("organisation", l.orgID(d.Org))
	r.Set("responder", responder.Id)
	r.Set("message", d.Message)
	r.Set("status", d.Status)
	if d.Status != "offered" {
		r.Set("decided_at", committee.Now().UTC())
	}
	if err := l.save(r); err != nil {
		return err
	}
	// The hooks wrote both sides' contact rows; an accepted response names the other side on them.
	if d.Status != "accepted" {
		return nil
	}
	for _, side := range []struct{ org, shownOrg, shownPerson string }{
		{l.orgID(d.Org), n.Organisation(), ownerContact},
		{n.Organisation(), l.orgID(d.Org), responder.Id}} {
		if _, err := l.app.DB().Update("need_contacts", dbx.Params{"shown_org": side.shownOrg, "shown_person": side.shownPerson},
			dbx.HashExp{"need": n.Id, "response": r.Id, "organisation": side.org}).Execute(); err != nil {
			return err
		}
	}
	fresh, err := l.app.FindRecordById("needs", n.Id)
	if err != nil {
		return err
	}
	fresh.Set("status", "matched")
	fresh.Set("matched_at", committee.Now().UTC())
	n.Record = fresh
	return l.app.Save(fresh)
}
