package committee

import (
	"strings"

	"github.com/pocketbase/dbx"
	_ "github.com/pocketbase/pocketbase/core" // registers the sqlite driver
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
