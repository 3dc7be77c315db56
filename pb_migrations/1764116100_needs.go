package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
)

// Needs and offers (needs), the responses of other organisations (responses), and the contact
// people of both sides (need_contacts).
//
// The contact person is not a field of needs or responses: whoever may view an entry would see
// it. Each side's contact person is a row of need_contacts that only that side's managers and the
// person see, until the owner accepts a response: then the workflow (committee.AcceptResponse)
// names the other side on both rows (shown_org, shown_person), and the rule lets them in too.
// Nobody writes need_contacts but the workflows (no create, update or delete rule).
//
// needs.created_by and responses.responder are hidden (the rules use them; /api/ readers see
// neither, nor can they filter or expand by them): who answers for the other side shows only
// through need_contacts, once accepted.
//
// needs.responses is kept by the committee hooks (committee/needs.go) in the writing
// transaction; needs.reminded (hidden) is the valid_until a reminder was sent for, so the daily
// job mails once per date, and again after a renewal.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		stamps := []core.Field{&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true}}

		needs := core.NewBaseCollection("needs")
		needs.Fields.Add(
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: committee.NeedKinds},
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
			&core.TextField{Name: "description", Max: 20000, Help: "Markdown"},
			&core.SelectField{Name: "category", Required: true, MaxSelect: 1, Values: committee.NeedCategories},
			&core.RelationField{Name: "organisation", Required: true, CollectionId: orgs.Id, MaxSelect: 1, CascadeDelete: true},
			&core.SelectField{Name: "languages", MaxSelect: len(committee.Languages), Values: committee.Languages},
			&core.TextField{Name: "municipality", Max: 100},
			&core.TextField{Name: "when_text", Max: 200},
			&core.DateField{Name: "when_date"},
			&core.DateField{Name: "valid_until", Required: true},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.NeedStatuses},
			&core.TextField{Name: "outcome", Max: 500},
			&core.BoolField{Name: "public", Help: "also on the public board (never with contact details)"},
			&core.RelationField{Name: "created_by", CollectionId: users.Id, MaxSelect: 1, Hidden: true,
				Help: "hidden: who posted it is no business of the readers (the contact person is in need_contacts)"},
			&core.NumberField{Name: "responses", OnlyInt: true, Min: types.Pointer(0.0), Help: "kept by the committee hooks"},
			&core.DateField{Name: "matched_at"},
			&core.DateField{Name: "reminded", Hidden: true, Help: "the valid_until a reminder went out for"},
		)
		needs.Fields.Add(stamps...)
		needs.AddIndex("idx_needs_created", false, "created", "")
		needs.AddIndex("idx_needs_status", false, "status, valid_until", "")
		needs.AddIndex("idx_needs_category", false, "category, municipality", "")
		needs.AddIndex("idx_needs_organisation", false, "organisation", "")
		needs.ListRule = types.Pointer(`(public = true && (status = "open" || status = "in_contact" || status = "matched" || status = "done")) || ` + ruleMember)
		needs.ViewRule = needs.ListRule
		owner := ruleAuthed + ` && organisation.managers ~ @request.auth.id`
		// created_by is hidden, so /api/ cannot send it: the committee hook writes the poster
		// (bindNeeds), as it writes responses.responder.
		needs.CreateRule = types.Pointer(owner + ` && status = "open" && responses = 0 && ` +
			`matched_at = "" && outcome = "" && (organisation.status = "member" || organisation.status = "partner")`)
		// The owner edits the text; status, dates and counts are the workflows' (pages).
		needs.UpdateRule = types.Pointer(owner + ` && @request.body.status:isset = false && @request.body.organisation:isset = false && ` +
			`@request.body.responses:isset = false && @request.body.created_by:isset = false && @request.body.matched_at:isset = false && ` +
			`@request.body.valid_until:isset = false && @request.body.outcome:isset = false && @request.body.kind:isset = false`)
		needs.DeleteRule = nil
		if err := app.Save(needs); err != nil {
			return err
		}

		responses := core.NewBaseCollection("responses")
		responses.Fields.Add(
			&core.RelationField{Name: "need", Required: true, CollectionId: needs.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "organisation", Required: true, CollectionId: orgs.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "responder", CollectionId: users.Id, MaxSelect: 1, Hidden: true,
				Help: "hidden: the responding side's contact, shown to the owner only once accepted (need_contacts)"},
			&core.TextField{Name: "message", Required: true, Max: 2000},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.ResponseStatuses},
			&core.DateField{Name: "decided_at"},
		)
		responses.Fields.Add(stamps...)
		responses.AddIndex("idx_responses_once", true, "need, organisation", "")
		responses.AddIndex("idx_responses_organisation", false, "organisation, status", "")
		responses.ListRule = types.Pointer(ruleAuthed + ` && (responder = @request.auth.id || organisation.managers ~ @request.auth.id || ` +
			`need.organisation.managers ~ @request.auth.id || ` + ruleCoordinator + `)`)
		responses.ViewRule = responses.ListRule
		// A person responds for an organisation they are active in (any role), not the owner's,
		// while the entry is open. Accepting, declining and withdrawing are workflows (pages).
		responses.CreateRule = types.Pointer(ruleAuthed + ` && status = "offered" && decided_at = "" && ` +
			`(need.status = "open" || need.status = "in_contact") && need.organisation != organisation && ` +
			`(organisation.status = "member" || organisation.status = "partner") && ` +
			`@collection.memberships:mine.user ?= @request.auth.id && @collection.memberships:mine.organisation ?= organisation && ` +
			`@collection.memberships:mine.status ?= "active"`)
		if err := app.Save(responses); err != nil {
			return err
		}

		contacts := core.NewBaseCollection("need_contacts")
		contacts.Fields.Add(
			&core.RelationField{Name: "need", Required: true, CollectionId: needs.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "response", CollectionId: responses.Id, MaxSelect: 1, CascadeDelete: true,
				Help: "empty: the owner's contact for the entry itself"},
			&core.RelationField{Name: "organisation", Required: true, CollectionId: orgs.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "person", Required: true, CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "shown_org", CollectionId: orgs.Id, MaxSelect: 1, Help: "the other side, once the response is accepted"},
			&core.RelationField{Name: "shown_person", CollectionId: users.Id, MaxSelect: 1, Help: "the other side's contact, once accepted"},
		)
		contacts.Fields.Add(stamps...)
		contacts.AddIndex("idx_need_contacts_need", false, "need, response", "")
		// A contact person sees the row only while active in the organisation the row names for
		// them (person: organisation; shown_person: shown_org): whoever left sees nothing more.
		contacts.ListRule = types.Pointer(ruleAuthed + ` && (organisation.managers ~ @request.auth.id || shown_org.managers ~ @request.auth.id || ` +
			`(person = @request.auth.id && @collection.memberships:own.user ?= @request.auth.id && ` +
			`@collection.memberships:own.organisation ?= organisation && @collection.memberships:own.status ?= "active") || ` +
			`(shown_person = @request.auth.id && @collection.memberships:shown.user ?= @request.auth.id && ` +
			`@collection.memberships:shown.organisation ?= shown_org && @collection.memberships:shown.status ?= "active"))`)
		contacts.ViewRule = contacts.ListRule
		return app.Save(contacts)
	}, func(app core.App) error {
		return deleteCollections(app, "need_contacts", "responses", "needs")
	})
}
