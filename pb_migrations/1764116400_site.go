package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
)

// The public face: coordinators edit the committee's pages (about, goals, how to join, contact,
// Impressum, Datenschutz; one record per page and language, with a meta description) and its
// settings (name, district, logo, contact, funder notice and funder logos, enabled languages)
// on the site; superusers keep the dashboard. The setup fields stay the setup workflow's.
func init() {
	const coordinatorEdits = `@request.auth.coordinator = true`
	const noSetup = ` && @request.body.setup_token:isset = false && @request.body.setup_done:isset = false`
	// German is the reference language and always offered. (PocketBase resolves the languages+
	// and languages- modifiers into @request.body.languages before the rule runs.)
	const keepGerman = ` && (@request.body.languages:isset = false || @request.body.languages:each ?= "de")`
	m.Register(func(app core.App) error {
		pages, err := app.FindCollectionByNameOrId("pages")
		if err != nil {
			return err
		}
		pages.Fields.GetByName("slug").(*core.SelectField).Values = committee.PageSlugs
		pages.Fields.Add(&core.TextField{Name: "description", Max: 300, Help: "meta description for search engines"})
		pages.CreateRule = types.Pointer(coordinatorEdits)
		pages.UpdateRule = types.Pointer(coordinatorEdits)
		if err := app.Save(pages); err != nil {
			return err
		}
		com, err := app.FindCollectionByNameOrId("committee")
		if err != nil {
			return err
		}
		com.Fields.Add(&core.FileField{Name: "funder_logos", MaxSelect: 6, MaxSize: 2 << 20,
			MimeTypes: []string{"image/png", "image/jpeg", "image/webp", "image/svg+xml"}, Thumbs: []string{"0x80"}})
		com.UpdateRule = types.Pointer(coordinatorEdits + noSetup + keepGerman)
		return app.Save(com)
	}, func(app core.App) error {
		pages, err := app.FindCollectionByNameOrId("pages")
		if err != nil {
			return err
		}
		if _, err := app.DB().NewQuery("DELETE FROM pages WHERE slug IN ('join', 'contact')").Execute(); err != nil {
			return err
		}
		pages.Fields.GetByName("slug").(*core.SelectField).Values = []string{"impressum", "datenschutz", "about", "goals"}
		pages.Fields.RemoveByName("description")
		pages.CreateRule, pages.UpdateRule = nil, nil
		if err := app.Save(pages); err != nil {
			return err
		}
		com, err := app.FindCollectionByNameOrId("committee")
		if err != nil {
			return err
		}
		com.Fields.RemoveByName("funder_logos")
		com.UpdateRule = nil
		return app.Save(com)
	})
}
