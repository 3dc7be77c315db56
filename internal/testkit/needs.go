package testkit

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
)

// Fixture ids and texts of the needs and offers (NeedsFixture).
const (
	PartnerName      = "Partnerverein Brücke"
	PartnerEmail     = "partner@example.org"
	PartnerPhone     = "+49 170 PARTNER-PHONE"
	RepPhone         = "+49 170 REP-PHONE"
	RepEmail         = "rep@example.org"
	NeedMembersID    = "needmembers0001" // Listed's need for members (no response)
	NeedPublicID     = "needpublic00001" // Listed's public need
	OfferPartnerID   = "offerpartner001" // Partner's open offer for members: the matrix roles may respond
	NeedMembersTitle = "NEED-MEMBERS-ROOM"
	NeedPublicTitle  = "NEED-PUBLIC-ROOM"
	OfferTitle       = "OFFER-PARTNER-ROOM"
)

// Needs is what NeedsFixture adds.
type Needs struct {
	Partner, PartnerRep *core.Record
	// ByState holds a need of Listed per response state of Partner's response ("offered",
	// "declined", "accepted", "withdrawn"), each made through the workflows.
	ByState map[string]*committee.Need
}

// NeedsFixture adds a partner organisation with its representative (English, a phone nobody may
// see), Rep's phone (nobody), Listed's need for members and its public need (contact: Rep),
// Partner's offer, and when states is set one need of Listed per response state.
func NeedsFixture(t testing.TB, k *Kit, states bool) *Needs {
	t.Helper()
	f := &Needs{ByState: map[string]*committee.Need{}}
	f.PartnerRep = k.person(t, "Paula Partner", PartnerEmail, "en")
	f.Partner = k.organisation(t, PartnerName, "welfare", f.PartnerRep, "partner")
	k.contact(t, "user", f.PartnerRep.Id, "phone", PartnerPhone, "nobody")
	k.contact(t, "user", k.Rep.Id, "phone", RepPhone, "nobody")
	until := time.Now().Add(committee.NeedValidity).UTC()
	need := func(id, kind, title string, org, contact *core.Record, public bool) {
		k.Record(t, "needs", map[string]any{"id": id, "kind": kind, "title": title, "category": "rooms", "organisation": org.Id,
			"municipality": "Bautzen", "languages": []string{"ar", "de"}, "valid_until": until, "status": "open",
			"public": public, "created_by": contact.Id, "description": "Ein **Raum**"})
		k.Record(t, "need_contacts", map[string]any{"need": id, "organisation": org.Id, "person": contact.Id})
	}
	need(NeedMembersID, "need", NeedMembersTitle, k.Listed, k.Rep, false)
	need(NeedPublicID, "need", NeedPublicTitle, k.Listed, k.Rep, true)
	need(OfferPartnerID, "offer", OfferTitle, f.Partner, f.PartnerRep, false)
	if states {
		rep, partner := committee.AsUser(k.Rep), committee.AsUser(f.PartnerRep)
		for _, state := range committee.ResponseStatuses {
			id := "needstate" + state[:4] + "00"
			need(id, "need", "NEED-"+state, k.Listed, k.Rep, false)
			n, err := committee.FindNeed(k.App, k.Rep, id)
			must(t, err)
			r, err := committee.Respond(k.App, partner, n, f.Partner.Id, "Wir haben einen Raum")
			must(t, err)
			switch state {
			case "accepted", "declined":
				must(t, committee.DecideResponse(k.App, rep, n, r.Id, state == "accepted"))
			case "withdrawn":
				must(t, committee.WithdrawResponse(k.App, partner, n, r.Id))
			}
			n, err = committee.FindNeed(k.App, k.Rep, id)
			must(t, err)
			f.ByState[state] = n
		}
	}
	k.App.TestMailer.Reset()
	return f
}

// NeedsPerson adds a person with an active membership of role in org and a phone nobody may
// see (a plain member's contact details for the contact tests); it returns the person and the
// membership.
func (k *Kit) NeedsPerson(t testing.TB, name, email, phone string, org *core.Record, role string) (person, membership *core.Record) {
	t.Helper()
	person = k.person(t, name, email, "de")
	membership = k.membership(t, person, org, role, "active")
	k.contact(t, "user", person.Id, "phone", phone, "nobody")
	return person, membership
}

// Fixture of NeedsMore.
const (
	NeedMatchedID    = "needmatched0001" // Listed's need: Partner's response accepted, Other's still offered
	NeedMatchedTitle = "NEED-MATCHED-SECOND-OFFER"
	NeedGoneID       = "needgone0000001" // Listed's withdrawn need
	NeedGoneTitle    = "NEED-GONE-WITHDRAWN"
	OtherName        = "Zweiter Verein"
)

// NeedsMore adds to NeedsFixture a third organisation (Other, a partner) and two needs of Listed
// for members: one matched on Partner's response while Other's response is still offered, and
// one withdrawn. It returns Other's offered response.
func NeedsMore(t testing.TB, k *Kit, f *Needs) (other *core.Record, offered *core.Record) {
	t.Helper()
	otherRep := k.person(t, "Otto Anderer", "other@example.org", "de")
	other = k.organisation(t, OtherName, "welfare", otherRep, "partner")
	until := time.Now().Add(committee.NeedValidity).UTC()
	for _, e := range []struct{ id, title string }{{NeedMatchedID, NeedMatchedTitle}, {NeedGoneID, NeedGoneTitle}} {
		k.Record(t, "needs", map[string]any{"id": e.id, "kind": "need", "title": e.title, "category": "rooms",
			"organisation": k.Listed.Id, "municipality": "Bautzen", "valid_until": until, "status": "open", "created_by": k.Rep.Id})
		k.Record(t, "need_contacts", map[string]any{"need": e.id, "organisation": k.Listed.Id, "person": k.Rep.Id})
	}
	rep := committee.AsUser(k.Rep)
	n, err := committee.FindNeed(k.App, k.Rep, NeedMatchedID)
	must(t, err)
	first, err := committee.Respond(k.App, committee.AsUser(f.PartnerRep), n, f.Partner.Id, "Wir haben einen Raum")
	must(t, err)
	second, err := committee.Respond(k.App, committee.AsUser(otherRep), n, other.Id, "Wir auch")
	must(t, err)
	must(t, committee.DecideResponse(k.App, rep, n, first.Id, true))
	gone, err := committee.FindNeed(k.App, k.Rep, NeedGoneID)
	must(t, err)
	must(t, committee.NeedStep(k.App, rep, gone, "withdraw", ""))
	k.App.TestMailer.Reset()
	return other, second.Record
}
