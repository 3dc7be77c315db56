package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Settings: the application name, and rate limits for the pages that take passwords and send mails.
// The limited paths are the Echo pages; web/server.go (pocketBaseErrors) renders the limiter's
// 429 as an HTML page.
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.Meta.AppName = "Komitee"
		s.RateLimits.Enabled = true
		s.RateLimits.Rules = append(s.RateLimits.Rules,
			core.RateLimitRule{Label: "POST /login", MaxRequests: 10, Duration: 60},
			core.RateLimitRule{Label: "POST /register", MaxRequests: 5, Duration: 60},
			core.RateLimitRule{Label: "POST /password-reset", MaxRequests: 5, Duration: 60},
			core.RateLimitRule{Label: "POST /verify", MaxRequests: 5, Duration: 60},
		)
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		kept := s.RateLimits.Rules[:0]
		for _, r := range s.RateLimits.Rules {
			switch r.Label {
			case "POST /login", "POST /register", "POST /password-reset", "POST /verify":
			default:
				kept = append(kept, r)
			}
		}
		s.RateLimits.Rules = kept
		s.RateLimits.Enabled = false
		return app.Save(s)
	})
}
