package committee

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// bindExpandGuard: PocketBase keeps hidden fields out of the JSON and the filters, but still
// expands hidden relations (?expand=managers on organisations, responses' responder, needs'
// created_by) and back-relations through them. Once the expansion is done, every hidden
// relation, and every back-relation through a hidden field, is taken out of the expanded tree
// again for whoever is not a superuser. It applies to every collection.
func bindExpandGuard(app core.App) {
	app.OnRecordEnrich().BindFunc(func(e *core.RecordEnrichEvent) error {
		rec := e.Record
		if err := e.Next(); err != nil {
			return err
		}
		if e.RequestInfo == nil || !e.RequestInfo.HasSuperuserAuth() {
			stripHiddenExpands(e.App, rec, 0)
		}
		return nil
	})
}

// stripHiddenExpands removes the expansions of hidden relations from r and the records it expands.
func stripHiddenExpands(app core.App, r *core.Record, depth int) {
	exp := r.Expand()
	if len(exp) == 0 || depth > 8 {
		return
	}
	changed := false
	for key, v := range exp {
		if hiddenRelation(app, r.Collection(), key) {
			delete(exp, key)
			changed = true
			continue
		}
		switch x := v.(type) {
		case *core.Record:
			stripHiddenExpands(app, x, depth+1)
		case []*core.Record:
			for _, y := range x {
				stripHiddenExpands(app, y, depth+1)
			}
		}
	}
	if changed {
		r.SetExpand(exp)
	}
}

// hiddenRelation reports whether the expand key names a hidden field of coll, or a back-relation
// (other_via_field) through a hidden field.
func hiddenRelation(app core.App, coll *core.Collection, key string) bool {
	if f := coll.Fields.GetByName(key); f != nil {
		return f.GetHidden()
	}
	other, field, ok := strings.Cut(key, "_via_")
	if !ok {
		return false
	}
	c, err := app.FindCachedCollectionByNameOrId(other)
	if err != nil {
		return false
	}
	f := c.Fields.GetByName(field)
	return f != nil && f.GetHidden()
}
