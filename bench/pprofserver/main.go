// Command pprofserver is the Komitee server with net/http/pprof on a second listener, for the
// benchmark harness only (go run ./bench -profile on). It serves exactly what main.go serves.
// Environment:
//
//	KOMITEE_PPROF_ADDR          profiling listener, e.g. 127.0.0.1:6060 (never the public port)
//	KOMITEE_DB_MAX_OPEN_CONNS   data.db pool size (PocketBase's default: 120)
//	KOMITEE_DB_MAX_IDLE_CONNS   idle connections kept (PocketBase's default: 15)
//	KOMITEE_DB_CACHE_KB         SQLite page cache per connection in KiB (PocketBase: 32000)
//	KOMITEE_SKIP_HEALTH_LOG=1   do not write /api/health requests to PocketBase's request log
//
// The DB knobs exist to measure suggestions for the app; the harness's figures come from the
// real binary with PocketBase's defaults.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	_ "komitee/pb_migrations"
	"komitee/web"
)

func envInt(name string) int {
	n, _ := strconv.Atoi(os.Getenv(name))
	return n
}

func main() {
	if addr := os.Getenv("KOMITEE_PPROF_ADDR"); addr != "" {
		go func() { log.Println(http.ListenAndServe(addr, nil)) }()
	}
	cfg := pocketbase.Config{DataMaxOpenConns: envInt("KOMITEE_DB_MAX_OPEN_CONNS"), DataMaxIdleConns: envInt("KOMITEE_DB_MAX_IDLE_CONNS")}
	if kb := envInt("KOMITEE_DB_CACHE_KB"); kb > 0 {
		cfg.DBConnect = func(dbPath string) (*dbx.DB, error) {
			db, err := core.DefaultDBConnect(dbPath)
			if err != nil || !strings.HasSuffix(dbPath, "data.db") {
				return db, err
			}
			db.Close()
			return dbx.Open("sqlite", dbPath+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"+
				"&_pragma=journal_size_limit(200000000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)"+
				"&_pragma=temp_store(MEMORY)&_pragma=cache_size(-"+strconv.Itoa(kb)+")&_defensive=1")
		}
	}
	app := pocketbase.NewWithConfig(cfg)
	if os.Getenv("KOMITEE_SKIP_HEALTH_LOG") == "1" {
		skip := apis.SkipSuccessActivityLog()
		app.OnServe().BindFunc(func(se *core.ServeEvent) error {
			se.Router.BindFunc(func(e *core.RequestEvent) error {
				if e.Request.URL.Path == "/api/health" {
					return skip.Func(e)
				}
				return e.Next()
			})
			return se.Next()
		})
	}
	committee.Bind(app)
	web.Register(app)
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
