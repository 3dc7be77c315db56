// Command pprofserver is the Komitee server with net/http/pprof on a second listener, for the
// benchmark harness only (go run ./bench -profile on). It serves exactly what main.go serves;
// the profiling endpoint listens on $KOMITEE_PPROF_ADDR (e.g. 127.0.0.1:6060), never on the
// public port.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"

	"github.com/pocketbase/pocketbase"

	"komitee/committee"
	_ "komitee/pb_migrations"
	"komitee/web"
)

func main() {
	if addr := os.Getenv("KOMITEE_PPROF_ADDR"); addr != "" {
		go func() { log.Println(http.ListenAndServe(addr, nil)) }()
	}
	app := pocketbase.New()
	committee.Bind(app)
	web.Register(app)
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
