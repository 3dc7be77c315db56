package committee

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core" // also registers the sqlite driver
)

// DB pool sizes for a small server: Komitee's pages and PocketBase's API share them. PocketBase's
// defaults (120 open connections, each with a 32 MB page cache) let memory grow to hundreds of
// MB under load on a 2-core machine without serving more requests (BENCHMARKS.md).
const (
	DataMaxOpenConns = 8
	DataMaxIdleConns = 4
)

// DBConnect opens SQLite as PocketBase does, with a 2 MB page cache per connection (SQLite's
// own default) instead of 32 MB: the operating system caches the file anyway.
// (PocketBase's core package registers the "sqlite" driver, modernc.org/sqlite.)
func DBConnect(dbPath string) (*dbx.DB, error) {
	return dbx.Open("sqlite", dbPath+pbPragmas)
}

// pbPragmas are PocketBase's (core/db_connect.go, v0.40.4) but for cache_size.
var pbPragmas = strings.Join([]string{"?_pragma=busy_timeout(10000)", "_pragma=journal_mode(WAL)",
	"_pragma=journal_size_limit(200000000)", "_pragma=synchronous(NORMAL)", "_pragma=foreign_keys(ON)",
	"_pragma=temp_store(MEMORY)", "_pragma=cache_size(-2000)", "_defensive=1"}, "&")

// keptInTx wraps a record write (an Execute hook) in one transaction with a check before it and
// the kept values (counts, derived fields) that change with it. It does so also for a single
// save from /api/ or the dashboard, which PocketBase does not wrap in one, so the row and what
// is kept from it reach the disk together or not at all (a kill -9 between them left counts
// behind). Inside, the reads go through the one write connection, after any other writer's
// transaction. check may be nil.
//
//	app.OnRecordCreateExecute("supports").BindFunc(keptInTx(nil, recountSupports))
func keptInTx(check func(*core.RecordEvent) error, keep func(tx core.App, r *core.Record) error) func(*core.RecordEvent) error {
	return func(e *core.RecordEvent) error {
		orig := e.App
		defer func() { e.App = orig }()
		return e.App.RunInTransaction(func(tx core.App) error {
			e.App = tx
			if check != nil {
				if err := check(e); err != nil {
					return err
				}
			}
			if err := e.Next(); err != nil {
				return err
			}
			return keep(tx, e.Record)
		})
	}
}
