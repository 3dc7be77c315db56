package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The committee itself (one record) and its editable pages (Impressum, Datenschutz, about, goals).
func init() {
	m.Register(func(app core.App) error {
		committee := core.NewBaseCollection("committee")
		committee.ListRule = types.Pointer("")
		committee.ViewRule = types.Pointer("")
		committee.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 200},
			&core.TextField{Name: "district", Max: 200},
			&core.FileField{Name: "logo", MaxSelect: 1, MaxSize: 2 << 20,
				MimeTypes: []string{"image/png", "image/jpeg", "image/webp", "image/svg+xml"}, Thumbs: []string{"120x120"}},
			&core.EmailField{Name: "contact_email"},
			&core.TextField{Name: "contact_address", Max: 500},
			&core.EditorField{Name: "funder_notice", MaxSize: 5000},
			&core.SelectField{Name: "languages", MaxSelect: 3, Values: []string{"de", "en", "ar"}},
			// The one-time setup link; hidden, and emptied once setup is done.
			&core.TextField{Name: "setup_token", Hidden: true, Max: 100},
			&core.DateField{Name: "setup_done"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		if err := app.Save(committee); err != nil {
			return err
		}

		pages := core.NewBaseCollection("pages")
		pages.ListRule = types.Pointer("")
		pages.ViewRule = types.Pointer("")
		pages.Fields.Add(
			&core.SelectField{Name: "slug", Required: true, MaxSelect: 1,
				Values: []string{"impressum", "datenschutz", "about", "goals"}},
			&core.SelectField{Name: "language", Required: true, MaxSelect: 1, Values: []string{"de", "en", "ar"}},
			&core.TextField{Name: "title", Required: true, Max: 200},
			&core.TextField{Name: "body", Max: 50000, Help: "Markdown"},
			// For the privacy policy: the version a person consents to.
			&core.TextField{Name: "version", Max: 40},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		pages.AddIndex("idx_pages_slug_language", true, "slug, language", "")
		return app.Save(pages)
	}, func(app core.App) error {
		return deleteCollections(app, "pages", "committee")
	})
}

// deleteCollections removes collections by name, in order; missing ones are skipped.
func deleteCollections(app core.App, names ...string) error {
	for _, name := range names {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			continue
		}
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	return nil
}
