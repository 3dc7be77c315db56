package committee

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// NeedCaps is what a reader may do on an entry's page.
type NeedCaps struct {
	Manage     bool     // edit it, decide responses, take its steps (needs update rule: its organisation's managers)
	RespondFor []Option // the organisations they may respond for (responses create rule, on the row Respond writes)
	Steps      []string // the owner's steps open in its status (NeedStep)
}

// NeedCan is what auth may do with n.
func NeedCan(app core.App, auth *core.Record, n *Need) NeedCaps {
	var c NeedCaps
	if auth == nil {
		return c
	}
	orgs := ActiveOrganisations(app, auth.Id)
	checks := []check{{record: n.Record, rule: n.Collection().UpdateRule}}
	for _, o := range orgs {
		checks = append(checks, creating(responseTrial(app, auth, n, o.Value)))
	}
	r := canAll(app, auth, checks...)
	c.Manage = r[0]
	for i, o := range orgs {
		if r[i+1] && !responded(app, n.Id, o.Value) {
			c.RespondFor = append(c.RespondFor, o)
		}
	}
	if c.Manage {
		for _, s := range NeedSteps {
			if StepAllowed(s, n.Status()) {
				c.Steps = append(c.Steps, s)
			}
		}
	}
	return c
}

// responded reports whether the organisation has answered the entry (once per organisation).
func responded(app core.App, needID, orgID string) bool {
	n := 0
	_ = app.DB().Select("COUNT(*)").From("responses").Where(dbx.HashExp{"need": needID, "organisation": orgID}).Row(&n)
	return n > 0
}

// MayWithdrawResponse reports whether u may take back the response r (WithdrawResponse).
func MayWithdrawResponse(app core.App, u *User, r *Response) bool {
	return mayWithdrawResponse(app, u, r.Record)
}

// MayPostNeed reports whether auth may post entries: the needs create rule, on the row CreateNeed
// writes for one of the organisations they speak for; it returns those organisations.
func MayPostNeed(app core.App, auth *core.Record) []Option {
	if auth == nil {
		return nil
	}
	var out []Option
	orgs := ManagedOrganisations(app, auth.Id)
	checks := make([]check, len(orgs))
	for i, o := range orgs {
		checks[i] = creating(trial(app, "needs", map[string]any{"kind": "need", "title": "-", "category": "other",
			"organisation": o.Value, "created_by": auth.Id, "status": "open"}))
	}
	for i, ok := range canAll(app, auth, checks...) {
		if ok {
			out = append(out, orgs[i])
		}
	}
	return out
}
