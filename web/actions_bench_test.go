package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"komitee/internal/testkit"
	"komitee/web"
)

// In-process measurements of /actions with 3,000 actions (not the bench harness): the page as
// a member against PocketBase's JSON list of the same 50 records, and the public's grouped list.
//
//	go test ./web -run '^$' -bench BenchmarkActions -benchtime 200x

func actionsBenchHandler(b *testing.B, n int) (http.Handler, *testkit.Kit) {
	k := testkit.New(b)
	now := time.Now().UTC()
	statuses := []string{"open", "in_progress", "done", "blocked", "dropped"}
	orgs := []string{k.Listed.Id, k.Pending.Id}
	err := k.App.RunInTransaction(func(tx core.App) error {
		coll, _ := tx.FindCollectionByNameOrId("actions")
		for i := range n {
			r := core.NewRecord(coll)
			r.Set("title", fmt.Sprintf("Aufgabe %d", i))
			r.Set("organisation", orgs[i%2])
			r.Set("status", statuses[i%5])
			r.Set("public", i%10 == 0)
			r.Set("note", "Zwischenstand")
			r.Set("due", now.Add(time.Duration(i-n/2)*time.Hour))
			if err := tx.SaveNoValidate(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	web.Register(k.App)
	router, err := apis.NewRouter(k.App)
	if err != nil {
		b.Fatal(err)
	}
	var h http.Handler
	se := &core.ServeEvent{App: k.App, Router: router, Server: &http.Server{Addr: "127.0.0.1:0"}}
	if err := k.App.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		h = mux
		return err
	}); err != nil {
		b.Fatal(err)
	}
	return h, k
}

func benchGet(b *testing.B, h http.Handler, path string, headers map[string]string) {
	do := func() int {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.RemoteAddr = "127.0.0.1:12345"
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := do(); code != 200 {
		b.Fatalf("%s: %d", path, code)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		do()
	}
}

func BenchmarkActionsMember(b *testing.B) {
	h, k := actionsBenchHandler(b, 3000)
	benchGet(b, h, "/actions", map[string]string{"Cookie": k.Session(b, k.Member)})
}

func BenchmarkActionsAPIMember(b *testing.B) {
	h, k := actionsBenchHandler(b, 3000)
	benchGet(b, h, "/api/collections/actions/records?perPage=50&sort=due", map[string]string{"Authorization": k.Token(b, k.Member)})
}

func BenchmarkActionsPublic(b *testing.B) {
	h, _ := actionsBenchHandler(b, 3000)
	benchGet(b, h, "/actions", nil)
}

func BenchmarkActionsMember300(b *testing.B) {
	h, k := actionsBenchHandler(b, 300)
	benchGet(b, h, "/actions", map[string]string{"Cookie": k.Session(b, k.Member)})
}
