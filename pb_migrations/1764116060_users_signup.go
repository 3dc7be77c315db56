package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Accounts are created on the page only (/register): PocketBase's own sign-up over /api/
// answers "value must be unique" for an address that has an account, which tells a stranger
// who has one; the page answers the same either way and mails the owner. Superusers (the
// dashboard) still create accounts.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.CreateRule = nil
		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.CreateRule = types.Pointer("@request.body.coordinator:isset = false && @request.body.member:isset = false")
		return app.Save(users)
	})
}
