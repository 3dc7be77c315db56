// Komitee: the platform of a standing coordination committee of migrant organisations and
// their partners. One binary: PocketBase (auth, collections, dashboard at /_/, REST API at
// /api/) with the pages mounted into its router.
package main

import (
	"log"
	"os"
	"runtime/debug"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/pocketbase/pocketbase/tools/osutils"

	"komitee/committee"
	"komitee/demo"
	_ "komitee/pb_migrations"
	"komitee/web"
)

// memoryLimit is the Go heap's soft limit unless GOMEMLIMIT says otherwise: Komitee runs on small
// machines next to other things, and the garbage collector works harder near the limit instead
// of letting the heap grow under load.
const memoryLimit = 64 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	app := pocketbase.NewWithConfig(pocketbase.Config{
		DataMaxOpenConns: committee.DataMaxOpenConns,
		DataMaxIdleConns: committee.DataMaxIdleConns,
		DBConnect:        committee.DBConnect,
	})
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{
		Dir:         "pb_migrations",
		Automigrate: osutils.IsProbablyGoRun(),
	})
	committee.Bind(app)
	web.Register(app)
	app.RootCmd.AddCommand(demo.Command(app))
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
