package committee_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestEveryCollectionHasAFilterDecision fails when a collection is added without an entry in
// the /api/ filter allow-list (committee/apifilter.go), or when an entry names a field that is
// missing, hidden, an address that follows a person's visibility, or a path into another
// collection.
func TestEveryCollectionHasAFilterDecision(t *testing.T) {
	k := testkit.New(t)
	decisions := committee.FilterDecisions()
	all, err := k.App.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range all {
		seen[c.Name] = true
		fields, ok := decisions[c.Name]
		if !ok {
			t.Errorf("collection %q has no decision in the /api/ filter guard (committee/apifilter.go)", c.Name)
			continue
		}
		for _, name := range fields {
			f := c.Fields.GetByName(name)
			switch {
			case strings.ContainsAny(name, ".:") || strings.Contains(name, "_via_"):
				t.Errorf("%s: %q is a path, not a field of the collection", c.Name, name)
			case f == nil:
				t.Errorf("%s: allowed field %q does not exist", c.Name, name)
			case f.GetHidden():
				t.Errorf("%s: allowed field %q is hidden", c.Name, name)
			case f.Type() == core.FieldTypeEmail || f.Type() == core.FieldTypePassword || name == core.FieldNameTokenKey:
				t.Errorf("%s: allowed field %q is an address or a secret", c.Name, name)
			}
		}
	}
	for name := range decisions {
		if !seen[name] {
			t.Errorf("decision for %q, which is not a collection", name)
		}
	}
}

func TestCheckClientFilter(t *testing.T) {
	ok := []struct{ coll, filter, sort string }{
		{"organisations", "kind = 'mso' && (languages ?= 'ar' || areas:each ?= 'education')", "-name,@random"},
		{"organisations", "name:lower ~ 'verein' && areas:length > 1", "@rowid"},
		{"meetings", "starts >= @now && ends <= @yearEnd", "-starts"},
		{"topics", "", "-supports, -created"},
		{"users", "id = 'abc'", ""},
	}
	for _, c := range ok {
		if err := committee.CheckClientFilter(c.coll, c.filter, c.sort); err != nil {
			t.Errorf("%s %q %q: %v", c.coll, c.filter, c.sort, err)
		}
	}
	refused := []struct{ coll, filter, sort string }{
		{"organisations", "contacts_via_organisation.value ?~ '+49'", ""}, // back-relation, any operator
		{"organisations", "applicant.email ~ 'a'", ""},                    // a path into users
		{"memberships", "organisation.managers ?= 'x'", ""},               // a path to a hidden field
		{"users", "", "email"},                                            // addresses follow visibility
		{"users", "name = 'a' || email:lower ~ 'b'", ""},                  // also behind an allowed one
		{"registrations", "access_needs ~ 'x'", ""},                       // not on the list
		{"organisations", "name:isset = true", ""},                        // an unknown modifier
		{"organisations", "geoDistance(contacts_via_organisation.kind, 1, 2, 3) > 0", ""},
		{"not_a_collection", "id = 'x'", ""}, // no decision: nothing
	}
	for _, c := range refused {
		err := committee.CheckClientFilter(c.coll, c.filter, c.sort)
		if !errors.Is(err, committee.ErrFilterField) {
			t.Errorf("%s %q %q: want ErrFilterField, got %v", c.coll, c.filter, c.sort, err)
		}
	}
	if err := committee.CheckClientFilter("organisations", "name = ", ""); err == nil || errors.Is(err, committee.ErrFilterField) {
		t.Errorf("a filter that does not parse: %v", err)
	}
}
