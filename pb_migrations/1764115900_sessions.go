package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Sessions: the page sessions, one row per signed-in browser. The cookie holds a random id;
// the row keeps only its SHA-256, so a copy of the database opens no session. All rules are
// nil: superusers only, so /api/ neither lists nor changes them (committee/sessions.go does).
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		sessions := core.NewBaseCollection("sessions")
		sessions.Fields.Add(
			&core.RelationField{Name: "user", Required: true, CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "token_hash", Required: true, Min: 64, Max: 64, Hidden: true,
				Help: "hex SHA-256 of the id in the cookie; the id itself is never stored"},
			&core.TextField{Name: "device", Max: 100, Help: `from the User-Agent, e.g. "Firefox on Android"`},
			&core.DateField{Name: "last_seen"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		sessions.AddIndex("idx_sessions_token_hash", true, "token_hash", "")
		sessions.AddIndex("idx_sessions_user", false, "user", "")
		return app.Save(sessions)
	}, func(app core.App) error {
		return deleteCollections(app, "sessions")
	})
}
