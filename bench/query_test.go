package main

// The directory's queries on their own, next to a sketch of a cheaper query for the same page
// (not used by the app; it shows what the rule-checked, generic SQL costs), and what gzip
// costs for the page:
//
//	go test ./bench -run '^$' -bench 'Query|Municipalities' -benchmem

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
)

// benchDataDir returns bench/data, generated if it is missing.
func benchDataDir(b *testing.B) string {
	b.Helper()
	root, err := repoRoot()
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(root, "bench", "data")
	if _, err := ensureData(dir, false); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchApp opens bench/data in-process.
func benchApp(b *testing.B) *core.BaseApp {
	b.Helper()
	app, err := openApp(benchDataDir(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = app.ResetBootstrapState() })
	return app
}

// proposedDirectory is the same page of the same rows as committee.Directory, read without the
// List rule: listed organisations are public (the rule's first branch), so the directory's own
// `status IN ('member','partner')` already implies the rule, and the rule only adds SQL.
// Compared with the rule-checked path it counts with COUNT(*) instead of COUNT(DISTINCT
// _rowid_), and reads only the card's columns instead of `organisations.*` (the sort then
// carries short rows, not descriptions, and 50 records are hydrated with 7 fields, not 17).
func proposedDirectory(app core.App, f committee.DirectoryFilter) ([]*core.Record, int, error) {
	where := dbx.And(dbx.NewExp("[[status]] IN ('member','partner')"))
	if f.Kind != "" {
		where = dbx.And(where, dbx.HashExp{"kind": f.Kind})
	}
	if f.Area != "" {
		// as committee.Directory: the JSON array's quoted element
		where = dbx.And(where, dbx.Like("areas", `"`+f.Area+`"`))
	}
	var total int
	if err := app.RecordQuery("organisations").Select("COUNT(*)").Where(where).Row(&total); err != nil {
		return nil, 0, err
	}
	records := []*core.Record{}
	err := app.RecordQuery("organisations").
		Select("id", "name", "slug", "kind", "municipality", "areas", "logo").
		Where(where).OrderBy("name").Limit(committee.DirectoryPageSize).
		Offset(int64(max(f.Page-1, 0) * committee.DirectoryPageSize)).All(&records)
	return records, total, err
}

func names(recs []*core.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.GetString("name")
	}
	return out
}

var queryCases = []struct {
	name string
	f    committee.DirectoryFilter
}{
	{"all", committee.DirectoryFilter{}},
	{"filtered", committee.DirectoryFilter{Kind: filterKind, Area: filterArea}},
	{"page3", committee.DirectoryFilter{Page: 3}},
}

func BenchmarkDirectoryQuery(b *testing.B) {
	app := benchApp(b)
	for _, c := range queryCases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := committee.Directory(app, nil, c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkProposedDirectoryQuery(b *testing.B) {
	app := benchApp(b)
	for _, c := range queryCases {
		page, cards, err := committee.Directory(app, nil, c.f)
		if err != nil {
			b.Fatal(err)
		}
		cardNames := make([]string, len(cards))
		for i, card := range cards {
			cardNames[i] = card.Name
		}
		recs, total, err := proposedDirectory(app, c.f)
		if err != nil {
			b.Fatal(err)
		}
		if total != page.TotalItems || !slices.Equal(names(recs), cardNames) {
			b.Fatalf("%s: the sketch returns other rows (%d vs %d)", c.name, total, page.TotalItems)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := proposedDirectory(app, c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMunicipalities(b *testing.B) {
	app := benchApp(b)
	b.ReportAllocs()
	for b.Loop() {
		committee.Municipalities(app)
	}
}

// BenchmarkGzipPage compresses the directory page (as rendered for the benchmark) at the
// level the Echo middleware uses (5) and at others; "bytes" is the compressed size.
func BenchmarkGzipPage(b *testing.B) {
	h := benchHandler(b)
	req := httptest.NewRequest(http.MethodGet, "/organisations", nil)
	req.Header.Set("Accept-Language", "de")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	page := rec.Body.Bytes()
	if rec.Code != http.StatusOK || len(page) < 10000 {
		b.Fatalf("page: %d, %d bytes", rec.Code, len(page))
	}
	for _, level := range []int{gzip.BestSpeed, 5, gzip.BestCompression} {
		b.Run(fmt.Sprintf("level%d", level), func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				zw, _ := gzip.NewWriterLevel(&buf, level)
				zw.Write(page)
				zw.Close()
			}
			b.ReportMetric(float64(buf.Len()), "bytes")
		})
	}
}

// The meetings list's query (committee.Meetings: rule-checked, 30 rows of 7 columns, counted)
// for the public, page 2 of the past ones, and as the member; then the parts of the big
// meeting's page that the coordinator's page adds: its agenda (committee.Agenda), and the
// agenda form's choices, people and organisations (the same SQL as web's peopleOptions and
// organisationOptions).
func BenchmarkMeetingsQuery(b *testing.B) {
	app := benchApp(b)
	member, err := app.FindFirstRecordByFilter("users", "member = true && coordinator = false")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		auth *core.Record
		f    committee.MeetingFilter
	}{
		{"public", nil, committee.MeetingFilter{}},
		{"past2", nil, committee.MeetingFilter{Past: true, Page: 2}},
		{"member", member, committee.MeetingFilter{}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, rows, err := committee.Meetings(app, c.auth, c.f); err != nil || len(rows) != committee.MeetingsPerPage {
					b.Fatal(len(rows), err)
				}
			}
		})
	}
}

func BenchmarkMeetingPageParts(b *testing.B) {
	app := benchApp(b)
	coord, err := app.FindAuthRecordByEmail("users", coordEmail)
	if err != nil {
		b.Fatal(err)
	}
	m, err := committee.FindMeeting(app, coord, benchMeetingID)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("agenda", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if items, err := committee.Agenda(app, coord, m); err != nil || len(items) != bigAgenda {
				b.Fatal(len(items), err)
			}
		}
	})
	b.Run("people", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var rows []committee.Option
			if err := app.DB().Select("id AS value", "name AS label").From("users").
				Where(dbx.Or(dbx.HashExp{"member": true}, dbx.HashExp{"coordinator": true})).OrderBy("name").All(&rows); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("organisations", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var rows []committee.Option
			if err := app.DB().Select("id AS value", "name AS label").From("organisations").
				Where(dbx.In("status", "member", "partner")).OrderBy("name").All(&rows); err != nil {
				b.Fatal(err)
			}
		}
	})
}
