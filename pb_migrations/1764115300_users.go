package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
)

// The users auth collection gets the committee's fields. "coordinator" and "member" are kept by
// the committee workflows (see committee/roles.go) and can never be set through the API.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		if f, ok := users.Fields.GetByName("name").(*core.TextField); ok {
			f.Required = true
			f.Max = 100
		}
		users.Fields.Add(
			&core.SelectField{Name: "language", MaxSelect: 1, Values: []string{"de", "en", "ar"}},
			&core.SelectField{Name: "languages", MaxSelect: len(committee.Languages), Values: committee.Languages},
			&core.SelectField{Name: "email_visibility", MaxSelect: 1, Values: committee.Visibilities},
			&core.SelectField{Name: "phone_visibility", MaxSelect: 1, Values: committee.Visibilities},
			&core.DateField{Name: "privacy_accepted", Hidden: true},
			&core.TextField{Name: "privacy_version", Hidden: true, Max: 40},
			&core.BoolField{Name: "coordinator"},
			&core.BoolField{Name: "member"},
		)
		self := "id = @request.auth.id"
		// privacy_* are hidden fields, which PocketBase drops from request bodies; the consent of an
		// /api/ sign-up is set by a hook (committee/roles.go).
		noRoles := "@request.body.coordinator:isset = false && @request.body.member:isset = false"
		users.ListRule = types.Pointer(self + " || @request.auth.coordinator = true || " +
			"(member = true && @request.auth.member = true)")
		users.ViewRule = users.ListRule
		users.CreateRule = types.Pointer(noRoles)
		users.UpdateRule = types.Pointer(self + " && " + noRoles)
		users.DeleteRule = types.Pointer(self)
		users.AddIndex("idx_users_member", false, "member", "")
		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		for _, name := range []string{"language", "languages", "email_visibility", "phone_visibility",
			"privacy_accepted", "privacy_version", "coordinator", "member"} {
			users.Fields.RemoveByName(name)
		}
		users.RemoveIndex("idx_users_member")
		self := types.Pointer("id = @request.auth.id")
		users.ListRule, users.ViewRule, users.UpdateRule, users.DeleteRule = self, self, self, self
		users.CreateRule = types.Pointer("")
		return app.Save(users)
	})
}
