package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
)

// Rule fragments shared by the collections below.
const (
	ruleAuthed      = `@request.auth.id != ""`
	ruleCoordinator = `@request.auth.coordinator = true`
	ruleMember      = `(@request.auth.member = true || @request.auth.coordinator = true)`
	ruleOrgListed   = `(status = "member" || status = "partner")`
)

// Organisations, memberships and contacts. "managers" (representatives and deputies) is a hidden
// field kept by the committee workflows, so that rules can say "acts for this organisation".
//
// Rules test it with `managers ~ @request.auth.id` ("the stored id list contains the id"; ids are
// 15 random characters, so a match is exact), always behind `@request.auth.id != ""`. The
// multi-match form `managers:each ?= …` means the same but makes every list query a LEFT JOIN
// json_each with SELECT DISTINCT over whole rows, which measured 6.5 ms of CPU per directory
// page (BENCHMARKS.md); the LIKE test needs no join.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}

		orgs := core.NewBaseCollection("organisations")
		orgs.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
			&core.TextField{Name: "slug", Required: true, Max: 80, Pattern: `^[a-z0-9]+(?:-[a-z0-9]+)*$`},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: committee.OrganisationKinds},
			&core.TextField{Name: "description", Max: 20000, Help: "Markdown"},
			&core.SelectField{Name: "areas", MaxSelect: len(committee.Areas), Values: committee.Areas},
			&core.SelectField{Name: "languages", MaxSelect: len(committee.Languages), Values: committee.Languages},
			&core.TextField{Name: "communities", Max: 300},
			&core.TextField{Name: "municipality", Max: 100},
			&core.FileField{Name: "logo", MaxSelect: 1, MaxSize: 1 << 20,
				MimeTypes: []string{"image/png", "image/jpeg", "image/webp"}, Thumbs: []string{"96x96", "240x240"}},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.OrganisationStatuses},
			&core.TextField{Name: "decline_reason", Max: 2000},
			&core.DateField{Name: "member_since"},
			&core.RelationField{Name: "applicant", CollectionId: users.Id, MaxSelect: 1},
			&core.RelationField{Name: "managers", CollectionId: users.Id, MaxSelect: 999, Hidden: true},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		orgs.AddIndex("idx_organisations_slug", true, "slug", "")
		// Lists are sorted by name: with this index SQLite reads a page in order and stops after 50
		// rows instead of sorting every listed organisation (nearly all rows have a listed status,
		// so an index that starts with status would not narrow anything).
		orgs.AddIndex("idx_organisations_name", false, "name", "")
		actsFor := `(managers ~ @request.auth.id || ` + ruleCoordinator + `)`
		// The applicant sees the application while it is open or declined, not for ever.
		ownApplication := `((status = "applied" || status = "declined") && applicant = @request.auth.id)`
		orgs.ListRule = types.Pointer(ruleOrgListed + ` || (` + ruleAuthed + ` && (` + ownApplication + ` || ` + actsFor + `))`)
		orgs.ViewRule = orgs.ListRule
		orgs.CreateRule = types.Pointer(ruleAuthed + ` && @request.auth.verified = true && applicant = @request.auth.id && ` +
			`status = "applied" && @request.body.member_since:isset = false && @request.body.decline_reason:isset = false`)
		orgs.UpdateRule = types.Pointer(ruleAuthed + ` && ` + actsFor + ` && @request.body.status:isset = false && ` +
			`@request.body.applicant:isset = false && @request.body.member_since:isset = false && ` +
			`@request.body.decline_reason:isset = false`)
		// (managers is hidden: PocketBase drops hidden fields from request bodies, so no rule needs
		// to forbid setting it.)
		orgs.DeleteRule = nil
		if err := app.Save(orgs); err != nil {
			return err
		}

		memberships := core.NewBaseCollection("memberships")
		memberships.Fields.Add(
			&core.RelationField{Name: "user", Required: true, CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "organisation", Required: true, CollectionId: orgs.Id, MaxSelect: 1, CascadeDelete: true},
			&core.SelectField{Name: "role", Required: true, MaxSelect: 1, Values: committee.MembershipRoles},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.MembershipStatuses},
			// The join request's note is for the organisation's managers: hidden from /api/.
			&core.TextField{Name: "message", Max: 1000, Hidden: true},
			&core.RelationField{Name: "decided_by", CollectionId: users.Id, MaxSelect: 1},
			&core.DateField{Name: "decided_at"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		memberships.AddIndex("idx_memberships_user_org", true, "user, organisation", "")
		memberships.AddIndex("idx_memberships_org_status", false, "organisation, status", "")
		memberships.ListRule = types.Pointer(ruleAuthed + ` && (user = @request.auth.id || ` + ruleCoordinator +
			` || organisation.managers ~ @request.auth.id || (status = "active" && @request.auth.member = true))`)
		memberships.ViewRule = memberships.ListRule
		memberships.CreateRule = types.Pointer(ruleAuthed + ` && @request.auth.verified = true && user = @request.auth.id && ` +
			`status = "pending" && role = "member" && (organisation.status = "member" || organisation.status = "partner") && ` +
			`@request.body.decided_by:isset = false && @request.body.decided_at:isset = false`)
		// Approving, declining and changing roles are workflows (committee/memberships.go): pages only.
		memberships.UpdateRule = nil
		memberships.DeleteRule = types.Pointer(ruleAuthed + ` && user = @request.auth.id`)
		if err := app.Save(memberships); err != nil {
			return err
		}

		contacts := core.NewBaseCollection("contacts")
		contacts.Fields.Add(
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: committee.ContactKinds},
			&core.TextField{Name: "value", Required: true, Max: 500},
			&core.SelectField{Name: "visibility", Required: true, MaxSelect: 1, Values: committee.Visibilities},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		contacts.AddIndex("idx_contacts_owner_kind", true, "organisation, user, kind", "")
		contacts.AddIndex("idx_contacts_user", false, "user", "")
		ownerListed := `(user != "" || organisation.status = "member" || organisation.status = "partner")`
		contacts.ListRule = types.Pointer(`(visibility = "public" && ` + ownerListed + `) || ` +
			`(visibility = "members" && ` + ruleMember + ` && ` + ownerListed + `) || ` +
			`(` + ruleAuthed + ` && (user = @request.auth.id || organisation.managers ~ @request.auth.id || ` +
			`((organisation.status = "applied" || organisation.status = "declined") && organisation.applicant = @request.auth.id) || ` +
			ruleCoordinator + `))`)
		contacts.ViewRule = contacts.ListRule
		// Contacts are written by the profile and organisation forms only.
		return app.Save(contacts)
	}, func(app core.App) error {
		return deleteCollections(app, "contacts", "memberships", "organisations")
	})
}
