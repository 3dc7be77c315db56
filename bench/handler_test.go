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
	app := benchApp(b)
	web.Register(app)
	router, err := apis.NewRouter(app)
	if err != nil {
		b.Fatal(err)
	}
	var handler http.Handler
	se := &core.ServeEvent{App: app, Router: router, Server: &http.Server{Addr: "127.0.0.1:0"}}
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		handler = mux
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return handler
}

func benchmarkPath(b *testing.B, path string) {
	h := benchHandler(b)
	serve := func() int {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.RemoteAddr = "127.0.0.1:12345"
		for k, v := range headersFor(path) {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := serve(); code != http.StatusOK {
		b.Fatalf("%s answered %d", path, code)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		serve()
	}
}

func BenchmarkDirectory(b *testing.B)         { benchmarkPath(b, "/organisations") }
func BenchmarkDirectoryFiltered(b *testing.B) { benchmarkPath(b, endpoints[1].Path) }
func BenchmarkDirectoryPage3(b *testing.B)    { benchmarkPath(b, "/organisations?page=3") }

// BenchmarkDirectoryMember is the page a signed-in member gets, rendered every time.
func BenchmarkDirectoryMember(b *testing.B) {
	var err error
	if memberCookie, err = sessionOfMember(benchDataDir(b)); err != nil {
		b.Fatal(err)
	}
	benchmarkPath(b, memberPath)
}

func BenchmarkAPIList(b *testing.B) { benchmarkPath(b, apiListPath) }
func BenchmarkHealth(b *testing.B)  { benchmarkPath(b, "/api/health") }

// BenchmarkStaticAsset is app.css, precompressed at start-up, through the same stack: about what
// a page served from a cache of compressed responses would cost.
func BenchmarkStaticAsset(b *testing.B) { benchmarkPath(b, "/static/"+public.Version+"/app.css") }
