package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Mail log: one row per mail that could not be sent (committee/mail.go Send writes it), so
// that the coordinators see failures on /coordination. It holds what a later outbox needs to
// retry a mail (recipient, language, subject key and the rendered subject, status, error,
// attempt time), but never a link: reset, confirmation and guest links are secrets, so a row
// says only which mail it was. All rules are nil: superusers only, not reachable through
// /api/. A daily job keeps it small (PruneMailLog).
func init() {
	m.Register(func(app core.App) error {
		log := core.NewBaseCollection("mail_log")
		log.Fields.Add(
			&core.TextField{Name: "recipient", Required: true, Max: 254},
			&core.TextField{Name: "language", Max: 5},
			&core.TextField{Name: "kind", Required: true, Max: 100, Help: `locale key of the subject, e.g. "mail.reset.subject"`},
			&core.TextField{Name: "subject", Max: 300},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"failed", "sent"}},
			&core.TextField{Name: "error", Max: 500},
			&core.TextField{Name: "about", Max: 100, Help: `what the mail is about, e.g. "meetings/ID"`},
			&core.DateField{Name: "attempted", Required: true},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		log.AddIndex("idx_mail_log_attempted", false, "attempted", "")
		log.AddIndex("idx_mail_log_about", false, "about, attempted", "")
		return app.Save(log)
	}, func(app core.App) error {
		return deleteCollections(app, "mail_log")
	})
}
