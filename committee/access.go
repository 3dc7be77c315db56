package committee

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

// ErrForbidden is returned when a collection's rule lets nobody but superusers in.
var ErrForbidden = errors.New("forbidden")

// ErrNotFound is returned when no record is visible to the person asking.
var ErrNotFound = errors.New("not found")

// Query narrows a rule-checked read. Filter uses PocketBase's filter syntax with {:name}
// placeholders. Unlike /api/ clients, page filters may name hidden fields: they are written by
// the code, not by the person asking.
type Query struct {
	Filter  string
	Params  dbx.Params
	Sort    string // e.g. "name" or "-created"
	Page    int    // 1-based; 0 means 1
	PerPage int    // 0 means all (no paging)
	// Fields limits the columns read (id is always read); empty reads all. A list page that shows
	// a few fields need not read and sort whole rows with long descriptions.
	Fields []string
	// NoCount skips counting (ListInto): the caller needs the rows only.
	NoCount bool
	// IDs, when set, limits the rows to these ids (one IN, where a filter of many "id = x" terms
	// is parsed and planned term by term: 2 ms for 200 organisations).
	IDs []string
}

// Page is one page of records with the total count.
type Page struct {
	Records    []*core.Record
	Page       int
	PerPage    int
	TotalItems int
	TotalPages int
}

// authFlags are the requester's own bool fields that rules test. PocketBase resolves
// @request.auth.<field> with a LEFT JOIN on users, which turns every list query into SELECT
// DISTINCT; the pages know the requester's record already (loaded for this request), so ruleFor
// writes the values in. Same rule, same answer, no join. (/api/ evaluates the rule as written.)
var authFlags = regexp.MustCompile(`@request\.auth\.(coordinator|member|verified)\b`)

// ruleFor returns rule with the requester's flags written in as true or false. The rules are
// few and long: each one is rewritten once per combination of flags, then remembered.
func ruleFor(rule string, auth *core.Record) string {
	key := ruleKey{rule: rule}
	if auth != nil {
		key.coordinator, key.member, key.verified = auth.GetBool("coordinator"), auth.GetBool("member"), auth.GetBool("verified")
	}
	if out, ok := rewritten.Load(key); ok {
		return out.(string)
	}
	out := authFlags.ReplaceAllStringFunc(rule, func(m string) string {
		if auth != nil && auth.GetBool(m[len("@request.auth."):]) {
			return "true"
		}
		return "false"
	})
	rewritten.Store(key, out)
	return out
}

// ruleKey is a rule and the flags ruleFor writes into it.
type ruleKey struct {
	rule                          string
	coordinator, member, verified bool
}

// rewritten remembers ruleFor's answers (a handful of rules times eight flag combinations).
var rewritten sync.Map

// requestInfo builds the rule context for auth (nil for the public), as PocketBase's REST API does.
func requestInfo(auth *core.Record) *core.RequestInfo {
	return &core.RequestInfo{
		Auth: auth, Context: core.RequestInfoContextDefault, Method: "GET",
		Query: map[string]string{}, Headers: map[string]string{}, Body: map[string]any{},
	}
}

// ruleQuery starts a query on collection narrowed by one of its rules (picked by rule) for
// auth, and by q's filter; the resolver then adds the joins both need. It is the part of
// apis/record_crud.go that List and First share.
func ruleQuery(app core.App, auth *core.Record, collection string, rule func(*core.Collection) *string,
	q Query) (*core.Collection, *core.RecordFieldResolver, *dbx.SelectQuery, error) {
	coll, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, nil, nil, err
	}
	info := requestInfo(auth)
	r := rule(coll)
	if r == nil && !info.HasSuperuserAuth() {
		return nil, nil, nil, ErrForbidden
	}
	resolver := core.NewRecordFieldResolver(app, coll, info, true)
	query := app.RecordQuery(coll)
	for _, f := range []string{ruleIfNotSuperuser(r, info, auth), q.Filter} {
		if f == "" {
			continue
		}
		expr, err := search.FilterData(f).BuildExpr(resolver, q.Params)
		if err != nil {
			return nil, nil, nil, err
		}
		query.AndWhere(expr)
	}
	if len(q.IDs) > 0 {
		query.AndWhere(dbx.In(coll.Name+".id", toAny(q.IDs)...))
	}
	return coll, resolver, query, nil
}

// ruleIfNotSuperuser is the rule to apply: none for superusers, the requester's flags written in
// for everyone else.
func ruleIfNotSuperuser(rule *string, info *core.RequestInfo, auth *core.Record) string {
	if rule == nil || info.HasSuperuserAuth() {
		return ""
	}
	return ruleFor(*rule, auth)
}

// List reads records of a collection through its List API rule for auth, the same way
// apis/record_crud.go does for GET /api/collections/{c}/records.
//
//	page, err := committee.List(app, auth, "organisations", committee.Query{
//		Filter: "kind = {:kind}", Params: dbx.Params{"kind": "mso"}, Sort: "name", Page: 1, PerPage: 50})
func List(app core.App, auth *core.Record, collection string, q Query) (*Page, error) {
	coll, resolver, query, err := ruleQuery(app, auth, collection, func(c *core.Collection) *string { return c.ListRule }, q)
	if err != nil {
		return nil, err
	}
	if len(q.Fields) > 0 {
		cols := []string{"[[" + coll.Name + ".id]]"}
		for _, f := range q.Fields {
			cols = append(cols, "[["+coll.Name+"."+f+"]]")
		}
		query.Select(cols...)
	}
	provider := search.NewProvider(resolver).Query(query).CountCol("_rowid_")
	if q.Sort != "" {
		provider.Sort(search.ParseSortFromString(q.Sort))
	}
	if q.PerPage > 0 {
		provider.Page(max(q.Page, 1)).PerPage(q.PerPage)
	} else {
		provider.SkipTotal(true).PerPage(search.MaxPerPage)
	}
	records := []*core.Record{}
	res, err := provider.Exec(&records)
	if err != nil {
		return nil, err
	}
	return &Page{Records: records, Page: res.Page, PerPage: res.PerPage,
		TotalItems: res.TotalItems, TotalPages: res.TotalPages}, nil
}

// ListInto is List for pages that show a few columns of many rows: it scans the rows of one page
// into dest (a pointer to a slice of structs with db tags) instead of building records, and
// counts them, under the same rule. q.Sort names plain fields ("name", "-created").
func ListInto(app core.App, auth *core.Record, collection string, q Query, dest any) (*Page, error) {
	coll, resolver, query, err := ruleQuery(app, auth, collection, func(c *core.Collection) *string { return c.ListRule }, q)
	if err != nil {
		return nil, err
	}
	if err := resolver.UpdateQuery(query); err != nil {
		return nil, err
	}
	p := &Page{Page: max(q.Page, 1), PerPage: q.PerPage}
	if !q.NoCount {
		// Without joins every row is one record: COUNT(*) can read the smallest index, where
		// COUNT(DISTINCT id) sorts every id (a whole-table scan on a long list).
		count := "COUNT(*)"
		if len(query.Info().Join) > 0 {
			count = "COUNT(DISTINCT [[" + coll.Name + ".id]])"
		}
		if err := query.Select(count).Row(&p.TotalItems); err != nil {
			return nil, err
		}
	}
	if q.PerPage > 0 {
		p.TotalPages = (p.TotalItems + q.PerPage - 1) / q.PerPage
		query.Limit(int64(q.PerPage)).Offset(int64((p.Page - 1) * q.PerPage))
	}
	cols := []string{"[[" + coll.Name + ".id]]"}
	for _, f := range q.Fields {
		cols = append(cols, "[["+coll.Name+"."+f+"]]")
	}
	query.Select(cols...)
	for _, s := range strings.Split(q.Sort, ",") {
		if s = strings.TrimSpace(s); s != "" {
			dir := " ASC"
			if strings.HasPrefix(s, "-") {
				s, dir = s[1:], " DESC"
			}
			query.AndOrderBy("[[" + coll.Name + "." + s + "]]" + dir)
		}
	}
	return p, query.All(dest)
}

// All is List without paging: every visible record that matches (up to search.MaxPerPage).
func All(app core.App, auth *core.Record, collection string, q Query) ([]*core.Record, error) {
	q.PerPage = 0
	p, err := List(app, auth, collection, q)
	if err != nil {
		return nil, err
	}
	return p.Records, nil
}

// First returns the first record that matches q and the collection's View rule, or ErrNotFound.
func First(app core.App, auth *core.Record, collection string, q Query) (*core.Record, error) {
	_, resolver, query, err := ruleQuery(app, auth, collection, func(c *core.Collection) *string { return c.ViewRule }, q)
	if err != nil {
		return nil, err
	}
	query.Limit(1)
	if err := resolver.UpdateQuery(query); err != nil {
		return nil, err
	}
	rec := &core.Record{}
	if err := query.One(rec); err != nil {
		return nil, ErrNotFound
	}
	return rec, nil
}

// Can reports whether auth passes rule (one of a collection's rules) for record.
func Can(app core.App, auth *core.Record, record *core.Record, rule *string) bool {
	ok, err := app.CanAccessRecord(record, requestInfo(auth), rule)
	return err == nil && ok
}

// CanCreate reports whether auth may create record under its collection's create rule, with
// body as the request body the rule's @request.body checks see. It is the check of
// apis/record_crud.go: the new row exists only in a WITH clause, and the rule is a WHERE on it.
func CanCreate(app core.App, auth *core.Record, record *core.Record, body map[string]any) bool {
	return canRow(app, auth, record, record.Collection().CreateRule, body)
}

// check is one question for canAll: may auth pass rule for record, a stored record (as Can
// asks) or a trial row that is not stored (as canRow asks)?
type check struct {
	record *core.Record
	rule   *string
	trial  bool
}

// canAll answers several checks in one query, each as Can or canRow would: a page that offers
// five forms asks the database once, not five times. A check without a record is false.
func canAll(app core.App, auth *core.Record, checks ...check) []bool {
	out := make([]bool, len(checks))
	info := requestInfo(auth)
	var parts []string
	var at []int
	params := dbx.Params{}
	for i, c := range checks {
		switch {
		case c.record == nil:
			continue
		case info.HasSuperuserAuth():
			out[i] = true
			continue
		case c.rule == nil:
			continue
		case *c.rule == "":
			out[i] = true
			continue
		}
		var q *dbx.SelectQuery
		if c.trial {
			q = trialQuery(app, auth, c.record, *c.rule, nil)
		} else {
			q = storedQuery(app, auth, c.record, *c.rule)
		}
		if q == nil {
			continue
		}
		built := q.Limit(1).Build()
		sql := built.SQL()
		// Each part's placeholders get a prefix of their own: dbx names them p0, p1… per query.
		prefix := "b" + strconv.Itoa(i) + "_"
		for k, v := range built.Params() {
			sql = strings.ReplaceAll(sql, "{:"+k+"}", "{:"+prefix+k+"}")
			params[prefix+k] = v
		}
		parts = append(parts, "EXISTS ("+sql+")")
		at = append(at, i)
	}
	if len(parts) == 0 {
		return out
	}
	got := make([]any, len(parts))
	vals := make([]bool, len(parts))
	for i := range vals {
		got[i] = &vals[i]
	}
	if err := app.ConcurrentDB().NewQuery("SELECT " + strings.Join(parts, ", ")).Bind(params).Row(got...); err != nil {
		app.Logger().Warn("capabilities", "error", err)
		return out
	}
	for j, i := range at {
		out[i] = vals[j]
	}
	return out
}

// storedQuery selects the stored record if it passes rule for auth (app.CanAccessRecord's query).
func storedQuery(app core.App, auth *core.Record, record *core.Record, rule string) *dbx.SelectQuery {
	coll := record.Collection()
	q := app.ConcurrentDB().Select("(1)").From(coll.Name).AndWhere(dbx.HashExp{coll.Name + ".id": record.Id})
	resolver := core.NewRecordFieldResolver(app, coll, requestInfo(auth), true)
	return narrowed(q, resolver, rule, auth)
}

// narrowed is q with rule for auth as its condition and the joins the rule needs (nil when the
// rule cannot be built).
func narrowed(q *dbx.SelectQuery, resolver *core.RecordFieldResolver, rule string, auth *core.Record) *dbx.SelectQuery {
	expr, err := search.FilterData(ruleFor(rule, auth)).BuildExpr(resolver)
	if err != nil {
		return nil
	}
	q.AndWhere(expr)
	if err := resolver.UpdateQuery(q); err != nil {
		return nil
	}
	return q
}

// canRow reports whether a row that is not (or not yet) stored passes rule for auth.
func canRow(app core.App, auth *core.Record, record *core.Record, rule *string, body map[string]any) bool {
	if requestInfo(auth).HasSuperuserAuth() {
		return true
	}
	if rule == nil {
		return false
	}
	if *rule == "" {
		return true
	}
	q := trialQuery(app, auth, record, *rule, body)
	if q == nil {
		return false
	}
	var ok int
	return q.Limit(1).Row(&ok) == nil && ok == 1
}

// trialQuery selects the row record would be, if it passes rule for auth: the new row exists
// only in a WITH clause, and the rule is a WHERE on it (nil when the rule cannot be built).
func trialQuery(app core.App, auth *core.Record, record *core.Record, rule string, body map[string]any) *dbx.SelectQuery {
	coll := record.Collection()
	info := requestInfo(auth)
	info.Method = "POST"
	if body != nil {
		info.Body = body
	}
	dummy := record.Clone()
	if dummy.Id == "" {
		dummy.Id = "__temp_id__"
	}
	export, err := dummy.DBExport(app)
	if err != nil {
		return nil
	}
	params := dbx.Params{}
	selects := make([]string, 0, len(export))
	for k, v := range export {
		if k != "id" && !strings.Contains(rule, k) {
			continue // a column the rule does not name (the rule's text contains every field it names)
		}
		params["__c_"+k] = v
		selects = append(selects, "{:__c_"+k+"} AS [["+k+"]]")
	}
	// A copy of the collection under another name, so the rule's own fields resolve to the row.
	temp := *coll
	temp.Name = coll.Name + "__create"
	q := app.ConcurrentDB().Select("(1)").
		PreFragment("WITH {{" + temp.Name + "}} AS (SELECT " + strings.Join(selects, ",") + ")").
		From(temp.Name).AndBind(params)
	resolver := core.NewRecordFieldResolver(app, &temp, info, true)
	return narrowed(q, resolver, rule, auth)
}
