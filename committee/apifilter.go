package committee

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/search"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// Why /api/ filters need a guard of their own: PocketBase checks a plain operator on a
// back-relation ("every related row matches", e.g. contacts_via_organisation.value !~ 'x%') in a
// sub-query that does not apply the related collection's list rule, and sorts on any joined
// field without it. A client who may see one related row could read the hidden ones a character
// at a time. So every client filter and sort (list and view requests, realtime subscriptions) of
// everyone but superusers may name only the fields below: each one is returned in full to whoever
// may list the row, so filtering on it tells nothing the answer does not show. No back-relation
// (`_via_`) and no path into another collection is on the list.
//
// Every collection needs its entry (TestEveryCollectionHasAFilterDecision): a collection that is
// missing takes no client filter or sort at all. An empty list is a decision too: the collection
// can be listed (its rule says by whom) but not filtered.
var apiFilterable = map[string][]string{
	// PocketBase's own: only the owner can list them (their rules); _superusers only superusers.
	"_superusers":    {},
	"_mfas":          {"id", "created", "updated"},
	"_otps":          {"id", "created", "updated"},
	"_externalAuths": {"id", "provider", "created", "updated"},
	"_authOrigins":   {"id", "created", "updated"},

	// Not email (it follows each person's visibility; PocketBase sorts on it regardless) and not
	// the contact settings.
	"users":     {"id", "name", "language", "languages", "coordinator", "member", "created", "updated"},
	"committee": {"id", "name", "district", "languages", "created", "updated"},
	"pages":     {"id", "slug", "language", "title", "version", "created", "updated"},
	"organisations": {"id", "name", "slug", "kind", "areas", "languages", "communities", "municipality",
		"status", "member_since", "applicant", "created", "updated"},
	"memberships": {"id", "user", "organisation", "role", "status", "decided_at", "created", "updated"},
	"contacts":    {"id", "organisation", "user", "kind", "visibility", "created", "updated"},
	"sessions":    {}, // page sessions: superusers only (its rules are nil)
	"mail_log":    {}, // failed mails: superusers only (its rules are nil)

	"meetings": {"id", "title", "kind", "status", "starts", "ends", "visibility", "organisers",
		"minutes_audience", "created", "updated"},
	"meeting_dates": {"id", "meeting", "starts", "ends", "created", "updated"},
	"date_answers":  {"id", "meeting", "meeting_date", "user", "organisation", "answer", "created", "updated"},
	"agenda_items": {"id", "meeting", "position", "status", "presenter", "presenter_organisation",
		"suggested_by", "created", "updated"},
	"registrations": {"id", "meeting", "user", "organisation", "answer", "status", "created", "updated"},
	"attendance":    {"id", "meeting", "registration", "user", "organisation", "group", "created", "updated"},
	"minutes":       {"id", "meeting", "agenda_item", "created", "updated"},
	"decisions":     {"id", "meeting", "agenda_item", "counted", "created", "updated"},
	"actions": {"id", "meeting", "agenda_item", "organisation", "person", "due", "status",
		"created", "updated",
		"topic", "decision", "public", "direct"}, // responsibilities (1764116200_actions.go)
	"action_updates":   {"id", "action", "author", "status", "created", "updated"},
	"action_reminders": {}, // which organisation was reminded in which week: superusers only

	"topics": {"id", "title", "kind", "areas", "proposed_by", "organisation", "visibility", "status",
		"agenda_item", "supports", "comments", "latest_rank", "created", "updated"},
	"comments":        {"id", "topic", "statement", "author", "parent", "hidden", "created", "updated"},
	"comment_reports": {"id", "comment", "reporter", "created"},
	"supports":        {"id", "topic", "user", "created"},
	"rounds": {"id", "title", "opens", "closes", "voters", "hide_results", "closed", "ballots",
		"created", "updated"},
	"round_topics": {"id", "round", "topic", "dots", "voters", "rank", "created", "updated"},
	"votes":        {"id", "round", "topic", "user", "organisation", "voter", "dots", "created", "updated"},

	// Needs and offers: not "reminded", "created_by", "responder" (hidden). need_contacts only by its own fields, which
	// whoever may list a row sees in full; nothing reaches into it from needs or responses.
	"needs": {"id", "kind", "title", "category", "organisation", "languages", "municipality", "when_date",
		"valid_until", "status", "public", "responses", "matched_at", "created", "updated"},
	"responses":     {"id", "need", "organisation", "status", "decided_at", "created", "updated"},
	"need_contacts": {"id", "need", "response", "organisation", "person", "shown_org", "shown_person", "created", "updated"},
	"statements": {"id", "slug", "title", "language", "status", "author", "topics", "meetings", "deadline", "round",
		"signed", "published", "withdrawn", "created", "updated"},
	"statement_versions": {"id", "statement", "language", "original", "reviewed", "number", "author", "created", "updated"},
	"signatures":         {"id", "statement", "organisation", "signer", "round", "decision", "withdrawn", "created", "updated"},
}

// filterModifiers are the field modifiers a client filter may use on an allowed field.
var filterModifiers = []string{"lower", "length", "each"}

// FilterDecisions returns the names of the collections that have an entry in the /api/ filter
// allow-list, and the fields each allows (for tests and the README).
func FilterDecisions() map[string][]string {
	out := make(map[string][]string, len(apiFilterable))
	for k, v := range apiFilterable {
		out[k] = slices.Clone(v)
	}
	return out
}

// ErrFilterField is wrapped by CheckClientFilter for a field that is not on the allow-list.
var ErrFilterField = errors.New("field not allowed in /api/ filters and sorts")

// CheckClientFilter reports whether filter and sort (as an /api/ client sends them) name only
// fields the collection's allow-list names. It parses them with PocketBase's own parser, so it
// sees exactly the identifiers PocketBase would resolve, also inside functions.
//
//	err := committee.CheckClientFilter("organisations", "kind = 'mso' && languages ?= 'ar'", "-name")
func CheckClientFilter(collection, filter, sort string) error {
	allowed, ok := apiFilterable[collection]
	if !ok {
		allowed = nil // no decision: nothing is allowed
	}
	g := &filterGuard{collection: collection, allowed: allowed}
	if filter != "" {
		if _, err := search.FilterData(filter).BuildExpr(g); err != nil {
			if g.err != nil {
				return g.err
			}
			return fmt.Errorf("invalid filter: %w", err)
		}
	}
	for _, s := range search.ParseSortFromString(sort) {
		if s.Name == "" || s.Name == "@random" || s.Name == "@rowid" {
			continue
		}
		if err := g.check(s.Name); err != nil {
			return err
		}
	}
	return nil
}

// filterGuard is a search.FieldResolver that resolves nothing: it only checks each identifier
// of a filter against the allow-list (date macros such as @now never reach it).
type filterGuard struct {
	collection string
	allowed    []string
	err        error
}

func (g *filterGuard) UpdateQuery(*dbx.SelectQuery) error { return nil }

func (g *filterGuard) Resolve(field string) (*search.ResolverResult, error) {
	if err := g.check(field); err != nil {
		g.err = err
		return nil, err
	}
	return &search.ResolverResult{Identifier: "NULL"}, nil
}

func (g *filterGuard) check(field string) error {
	name, modifier, hasModifier := strings.Cut(field, ":")
	if (!hasModifier || slices.Contains(filterModifiers, modifier)) && slices.Contains(g.allowed, name) {
		return nil
	}
	return fmt.Errorf("%w: %q cannot be used to filter or sort %s through /api/; allowed: %s",
		ErrFilterField, field, g.collection, strings.Join(g.allowed, ", "))
}

// bindAPIFilterGuard refuses, with 400, every client filter or sort on /api/ record requests and
// realtime subscriptions that names a field outside the allow-list, before any query runs.
// Superusers (the dashboard) are not limited.
func bindAPIFilterGuard(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			collection, ok := recordsPath(e.Request.URL.Path)
			if !ok || e.HasSuperuserAuth() {
				return e.Next()
			}
			q := e.Request.URL.Query()
			if err := checkAPIQuery(e.App, collection, q); err != nil {
				return router.NewApiError(http.StatusBadRequest, err.Error(), nil)
			}
			return e.Next()
		})
		return se.Next()
	})
	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		// PocketBase's own parser of "collection/topic?options={...}" reads each subscription.
		parsed := subscriptions.NewDefaultClient()
		parsed.Subscribe(e.Subscriptions...)
		for sub, opts := range parsed.Subscriptions() {
			collection, _, _ := strings.Cut(sub, "/")
			collection, _, _ = strings.Cut(collection, "?")
			q := url.Values{}
			for k, v := range opts.Query {
				q.Set(k, v)
			}
			if err := checkAPIQuery(e.App, collection, q); err != nil {
				return e.BadRequestError(err.Error(), nil)
			}
		}
		return e.Next()
	})
}

// recordsPath returns the collection named by an /api/collections/{c}/records… path.
func recordsPath(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/api/collections/")
	if !ok {
		return "", false
	}
	collection, tail, _ := strings.Cut(rest, "/")
	return collection, tail == "records" || strings.HasPrefix(tail, "records/")
}

// checkAPIQuery checks the filters and sorts of one request on a collection given by name or id
// (every value of a repeated parameter, although PocketBase reads the first).
func checkAPIQuery(app core.App, collection string, q url.Values) error {
	filters, sorts := q[search.FilterQueryParam], q[search.SortQueryParam]
	if len(filters) == 0 && len(sorts) == 0 {
		return nil
	}
	if c, err := app.FindCachedCollectionByNameOrId(collection); err == nil {
		collection = c.Name
	}
	for _, f := range filters {
		if err := CheckClientFilter(collection, f, ""); err != nil {
			return err
		}
	}
	for _, s := range sorts {
		if err := CheckClientFilter(collection, "", s); err != nil {
			return err
		}
	}
	return nil
}
