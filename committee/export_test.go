package committee

import "github.com/pocketbase/pocketbase/core"

// CanAllOf asks canAll, in one query, whether auth passes rule for each record (as stored, or
// as trial rows).
func CanAllOf(app core.App, auth *core.Record, recs []*core.Record, rule func(*core.Collection) *string, trial bool) []bool {
	checks := make([]check, len(recs))
	for i, r := range recs {
		checks[i] = check{record: r, rule: rule(r.Collection()), trial: trial}
	}
	return canAll(app, auth, checks...)
}

// ActionCountEntries is how many counts countActions remembers.
func ActionCountEntries() int {
	n := 0
	actionCounts.Range(func(any, any) bool { n++; return true })
	return n
}
