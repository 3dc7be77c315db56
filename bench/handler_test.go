package main

// In-process benchmarks of the same handler stack the server runs (PocketBase's router with
// its middlewares, web.Register's Echo mount), on the bench/data data set, without the network:
//
//	go test ./bench -run '^$' -bench . -benchmem -cpuprofile bench/.build/handler.cpu.pprof
//	go tool pprof -top bench/.build/handler.cpu.pprof

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"komitee/public"
	"komitee/web"
)

func benchHandler(b *testing.B) http.Handler {
	b.Helper()
	return handlerFor(b, benchApp(b))
}

// handlerFor is the server's handler stack for app, as `komitee serve` builds it.
func handlerFor(tb testing.TB, app core.App) http.Handler {
	tb.Helper()
	web.Register(app)
	router, err := apis.NewRouter(app)
	if err != nil {
		tb.Fatal(err)
	}
	var handler http.Handler
	se := &core.ServeEvent{App: app, Router: router, Server: &http.Server{Addr: "127.0.0.1:0"}}
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		handler = mux
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return handler
}

// serve sends one GET of path as role as through h, with the harness's headers.
func serve(h http.Handler, path, as string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.RemoteAddr = "127.0.0.1:12345"
	for k, v := range headersFor(path, as) {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// benchSessions sets the signed-in rows' sessions for bench/data.
func benchSessions(b *testing.B) {
	b.Helper()
	var err error
	if sessions, err = sessionsIn(benchDataDir(b)); err != nil {
		b.Fatal(err)
	}
}

func benchmarkPath(b *testing.B, path, as string) {
	h := benchHandler(b)
	if as != "" {
		benchSessions(b)
	}
	if rec := serve(h, path, as); rec.Code != http.StatusOK {
		b.Fatalf("%s (as %q) answered %d", path, as, rec.Code)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		serve(h, path, as)
	}
}

// benchmarkRow is benchmarkPath for the harness's row key.
func benchmarkRow(b *testing.B, key string) {
	ep := endpointOf(key)
	benchmarkPath(b, ep.Path, ep.As)
}

func BenchmarkDirectory(b *testing.B)         { benchmarkRow(b, "dir") }
func BenchmarkDirectoryFiltered(b *testing.B) { benchmarkRow(b, "dirFiltered") }
func BenchmarkDirectoryPage3(b *testing.B)    { benchmarkRow(b, "dirPage3") }

// BenchmarkDirectoryMember is the page a signed-in member gets, rendered every time.
func BenchmarkDirectoryMember(b *testing.B) { benchmarkRow(b, "dirMember") }

func BenchmarkAPIList(b *testing.B) { benchmarkRow(b, "apiList") }
func BenchmarkHealth(b *testing.B)  { benchmarkRow(b, "health") }

// The meeting rows: the public lists and page (from the page cache), and the pages a signed-in
// member and the coordinator get, rendered every time; then PocketBase's JSON lists.
func BenchmarkMeetings(b *testing.B)           { benchmarkRow(b, "meet") }
func BenchmarkMeetingsPast2(b *testing.B)      { benchmarkRow(b, "meetPast2") }
func BenchmarkMeetingsMember(b *testing.B)     { benchmarkRow(b, "meetMember") }
func BenchmarkMeeting(b *testing.B)            { benchmarkRow(b, "meeting") }
func BenchmarkMeetingCoordinator(b *testing.B) { benchmarkRow(b, "meetingCoord") }
func BenchmarkMeetingsAPI(b *testing.B)        { benchmarkRow(b, "meetAPI") }
func BenchmarkMeetingsAPIMember(b *testing.B)  { benchmarkRow(b, "meetAPIMember") }
func BenchmarkAgendaAPI(b *testing.B)          { benchmarkRow(b, "agendaAPI") }
func BenchmarkRegistrationsAPI(b *testing.B)   { benchmarkRow(b, "regsAPI") }

// BenchmarkStaticAsset is app.css, precompressed at start-up, through the same stack: about what
// a page served from a cache of compressed responses would cost.
func BenchmarkStaticAsset(b *testing.B) { benchmarkPath(b, "/static/"+public.Version+"/app.css", "") }

// The topic rows: the topics list by support as the public (cached) and as a member, the bench
// round's results as a member; then PocketBase's JSON lists of the same records.
func BenchmarkTopics(b *testing.B)          { benchmarkRow(b, "topics") }
func BenchmarkTopicsMember(b *testing.B)    { benchmarkRow(b, "topicsMember") }
func BenchmarkRound(b *testing.B)           { benchmarkRow(b, "round") }
func BenchmarkTopicsAPI(b *testing.B)       { benchmarkRow(b, "topicsAPI") }
func BenchmarkTopicsAPIMember(b *testing.B) { benchmarkRow(b, "topicsAPIMember") }
func BenchmarkRoundAPI(b *testing.B)        { benchmarkRow(b, "roundAPI") }

// The rows of issues 10 and 11: the home page, the needs board, the actions list and the bench
// statement with 200 signatories, public and signed in; then PocketBase's JSON lists.
func BenchmarkHome(b *testing.B)                { benchmarkRow(b, "home") }
func BenchmarkHomeMember(b *testing.B)          { benchmarkRow(b, "homeMember") }
func BenchmarkNeeds(b *testing.B)               { benchmarkRow(b, "needs") }
func BenchmarkNeedsMember(b *testing.B)         { benchmarkRow(b, "needsMember") }
func BenchmarkActions(b *testing.B)             { benchmarkRow(b, "actions") }
func BenchmarkActionsMember(b *testing.B)       { benchmarkRow(b, "actionsMember") }
func BenchmarkStatement(b *testing.B)           { benchmarkRow(b, "statement") }
func BenchmarkStatementMember(b *testing.B)     { benchmarkRow(b, "statementMember") }
func BenchmarkNeedsAPIMember(b *testing.B)      { benchmarkRow(b, "needsAPIMember") }
func BenchmarkActionsAPIMember(b *testing.B)    { benchmarkRow(b, "actionsAPIMember") }
func BenchmarkSignaturesAPIMember(b *testing.B) { benchmarkRow(b, "signaturesAPIMember") }
