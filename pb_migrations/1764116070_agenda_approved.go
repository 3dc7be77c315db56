package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Approved minutes name the agenda items: organisers no longer add items to such a meeting
// (the create rule's organiser branch had no status check, while updates and deletes had).
func init() {
	const closed = ` && meeting.status != "minutes_approved"`
	m.Register(func(app core.App) error {
		agenda, err := app.FindCollectionByNameOrId("agenda_items")
		if err != nil {
			return err
		}
		agenda.CreateRule = types.Pointer("(" + *agenda.CreateRule + ")" + closed)
		return app.Save(agenda)
	}, func(app core.App) error {
		agenda, err := app.FindCollectionByNameOrId("agenda_items")
		if err != nil {
			return err
		}
		if r := *agenda.CreateRule; len(r) > len(closed)+2 && r[0] == '(' && r[len(r)-len(closed)-1:] == ")"+closed {
			agenda.CreateRule = types.Pointer(r[1 : len(r)-len(closed)-1])
		}
		return app.Save(agenda)
	})
}
