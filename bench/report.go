package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Machine describes where the run happened.
type Machine struct {
	NProc               string
	CPU                 string
	MemTotal            string
	Kernel              string
	Go, PocketBase, Wrk string
	HarnessGo           string
	Source              string // the code measured: its commit, or $KOMITEE_BENCH_SOURCE
}

func cmdOut(dir string, name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput()
	return strings.TrimSpace(string(out))
}

func machine(root string) Machine {
	m := Machine{NProc: cmdOut(root, "nproc"), Go: cmdOut(root, "go", "env", "GOVERSION"), HarnessGo: runtime.Version(),
		PocketBase: cmdOut(root, "go", "list", "-m", "-f", "{{.Version}}", "github.com/pocketbase/pocketbase")}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				m.CPU = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				var kb int
				fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
				m.MemTotal = fmt.Sprintf("%.1f GB", float64(kb)*1024/1e9)
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	m.Source = source(root)
	m.Wrk = strings.SplitN(cmdOut(root, "wrk", "-v"), "\n", 2)[0]
	m.Wrk = strings.TrimSpace(strings.Split(m.Wrk, "Copyright")[0])
	return m
}

// source names the code measured: $KOMITEE_BENCH_SOURCE when set (e.g. for an export of a
// commit), else the checkout's commit, and whether files outside bench/ had uncommitted changes.
func source(root string) string {
	if s := os.Getenv("KOMITEE_BENCH_SOURCE"); s != "" {
		return s
	}
	rev, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown (not a git checkout; set KOMITEE_BENCH_SOURCE)"
	}
	s := "commit " + strings.TrimSpace(string(rev))
	if dirty := cmdOut(root, "git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench"); dirty != "" {
		s += ", with uncommitted changes outside bench/"
	}
	return s
}

// Target is one goal with its verdict.
type Target struct {
	Name, Measured string
	Pass           bool
	Key            string // the endpoint it is about, if one
}

const (
	targetHealthRatio = 0.35
	targetListRatio   = 2.0
	targetP99         = 30 * time.Millisecond
	targetP99Conns    = 16
	targetFirstLoad   = 50_000     // bytes: 50 KB
	targetRSS         = 80_000_000 // bytes: 80 MB
	targetScale       = 1.5        // p99 at 10,000 topics ÷ p99 at 1,000 topics
)

// firstLoadTargets are the pages whose first load has the 50 KB target: the public ones.
var firstLoadTargets = []string{"meet", "meeting", "topics", "home", "needs", "actions", "statement"}

func (r *Run) targets() []Target {
	var out []Target
	for _, c := range r.Conns {
		res := r.Results[c]
		health := res["health"].ReqPerSec
		// The directory, the page a signed-in member gets (rendered every time), and the meeting
		// pages, public (cached) and signed-in: each against /api/health and its JSON list.
		for _, ep := range endpoints {
			if !ep.Targets {
				continue
			}
			x := res[ep.Key].ReqPerSec
			vs := endpointOf(ep.versus())
			list := res[vs.Key].ReqPerSec
			out = append(out,
				Target{fmt.Sprintf("c=%d: %s ≥ %.2f× /api/health req/s", c, ep.Short, targetHealthRatio),
					fmt.Sprintf("%.3f× (%.0f ÷ %.0f)", x/health, x, health), x >= targetHealthRatio*health, ep.Key},
				Target{fmt.Sprintf("c=%d: %s ≥ %.0f× %s req/s", c, ep.Short, targetListRatio, vs.Short),
					fmt.Sprintf("%.2f× (%.0f ÷ %.0f)", x/list, x, list), x >= targetListRatio*list, ep.Key})
		}
	}
	if res, ok := r.Results[targetP99Conns]; ok {
		for _, ep := range endpoints {
			if isAPI(ep.Path) {
				continue
			}
			out = append(out, Target{fmt.Sprintf("c=%d: p99 ≤ %s, %s", targetP99Conns, fmtDur(targetP99), ep.Label),
				fmtDur(res[ep.Key].P99), res[ep.Key].P99 <= targetP99, ep.Key})
		}
	}
	fl := r.firstLoadBytes()
	out = append(out, Target{"first load (HTML + CSS + JS, gzip) ≤ 50 KB", fmt.Sprintf("%s bytes (%.1f KB)", thousands(fl), float64(fl)/1000),
		fl <= targetFirstLoad, "dir"})
	for _, k := range firstLoadTargets {
		l := r.load(k)
		out = append(out, Target{fmt.Sprintf("first load of the %s `%s` (HTML + CSS + JS, gzip) ≤ 50 KB", endpointOf(k).Short, l.Path),
			fmt.Sprintf("%s bytes (%.1f KB)", thousands(l.Total()), float64(l.Total())/1000), l.Total() > 0 && l.Total() <= targetFirstLoad, k})
	}
	if res, ok := r.Results[targetP99Conns]; ok && r.Topics1k != nil {
		for _, k := range topicKeys {
			big, small := res[k], r.Topics1k[k]
			if big == nil || small == nil || small.P99 == 0 {
				continue
			}
			ratio := float64(big.P99) / float64(small.P99)
			out = append(out, Target{fmt.Sprintf("c=%d: p99 at 10,000 topics < %.1f× p99 at 1,000 topics, %s", targetP99Conns, targetScale, endpointOf(k).Short),
				fmt.Sprintf("%.2f× (%s ÷ %s)", ratio, fmtDur(big.P99), fmtDur(small.P99)), ratio < targetScale, k})
		}
	}
	rss := r.PeakRSSkB * 1024
	out = append(out, Target{"server peak RSS (VmHWM) ≤ 80 MB", fmt.Sprintf("%.1f MB", float64(rss)/1e6), rss > 0 && rss <= targetRSS, ""})
	// A target only counts when every response was a success.
	for _, c := range r.Conns {
		for _, ep := range endpoints {
			if w := r.Results[c][ep.Key]; w.Non2xx > 0 || w.SocketErrors != "" {
				out = append(out, Target{fmt.Sprintf("c=%d: %s without errors", c, ep.Label),
					fmt.Sprintf("non-2xx %d, socket errors %s", w.Non2xx, orNone(w.SocketErrors)), false, ep.Key})
			}
		}
	}
	return out
}

func label(key string) string {
	for _, ep := range endpoints {
		if ep.Key == key {
			return ep.Label
		}
	}
	return key
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

const docHeader = `# Benchmarks

How fast Komitee's pages are (the directory, meetings, topics, the needs board, the actions, a
statement with 200 signatories and the home page), next to PocketBase's own JSON API on the
same data. Everything below "Latest run" is written by the harness from what it
measured; do not edit it by hand, run the harness again.

## Running

    export GOTOOLCHAIN=auto
    go run ./bench            # from the module root; takes about 18 minutes

Flags: ` + "`-d 10s`" + ` measurement per endpoint and concurrency, ` + "`-warmup 2s`" + `, ` + "`-c 16,32`" + `
connections, ` + "`-quiet-wait 1m`" + ` (before each row, wait up to that long for other processes to leave
the CPUs alone), ` + "`-fresh`" + ` regenerate the data set, ` + "`-profile auto|on|off`" + ` CPU profiles of the
directory and of the signed-in meeting pages (auto: only when a target is missed, and a meeting
page only when it missed one), ` + "`-o BENCHMARKS.md`" + `.
Needs wrk (` + "`apt-get install wrk`" + `).

What it does, in one run:

1. Builds the server as released: ` + "`CGO_ENABLED=0 go build -ldflags \"-s -w\" -o bench/.build/komitee .`" + `
   The binary must not live under the temp dir: PocketBase takes such a binary for ` + "`go run`" + `
   and switches to dev mode, which logs every SQL statement. ` + "`bench/.build/`" + ` (by
   ` + "`bench/.gitignore`" + `) and ` + "`bench/data/`" + ` are git-ignored.
2. Fills ` + "`bench/data/`" + ` (a throwaway PocketBase data dir, reused while it has the right counts
   and generator version) in-process: all migrations, ` + "`committee.Bind`" + ` (so the hooks keep
   ` + "`users.member`" + ` and ` + "`organisations.managers`" + ` right), the committee set up through
   ` + "`committee.SetupToken`" + ` + ` + "`committee.CompleteSetup`" + `, then 500 organisations of every
   kind (mostly member or partner, some applied) in 15 municipalities, with areas, languages,
   Markdown descriptions and contacts, and 5,000 people (the coordinator included) with
   memberships: representatives, deputies, members, some pending, ended or declined; and
   2,000 meetings (` + "`bench/seed_meetings.go`" + `): committee meetings, working groups and public
   events from five years back to two years ahead of the day the data set is made (UTC, at
   Berlin evening times, no two at the same time so that a sorted page is the same everywhere),
   about half public, held (most with approved minutes) when past and scheduled when ahead, most
   with a short agenda, public events with a few registrations; among them the **big meeting**
   (fixed id ` + "`benchmeeting001`" + `), a public event about six weeks ahead with 12 accepted agenda
   items and 60 registrations of different members with interpreting, children, wheelchair and
   other access needs. Everything is saved with ` + "`app.Save`" + ` in one transaction, hooks included.
   Then 10,000 topics and ideas (` + "`bench/seed_topics.go`" + `, about 60% public) with supports and
   comments, and 20 closed rounds of 40 topics with 100,000 dot votes of members in all; the
   latest is the **bench round** (fixed id ` + "`benchround00001`" + `). These are written with plain SQL in
   the same transaction, the counts the hooks would keep (` + "`topics.supports`" + `, ` + "`.comments`" + `,
   ` + "`.latest_rank`" + `, ` + "`round_topics.dots`" + `, ` + "`.voters`" + `, ` + "`.rank`" + `, ` + "`rounds.ballots`" + `) computed
   with them and checked against the rows. With ` + "`-topics1k`" + ` (on by default) the same data set
   with 1,000 topics and 10,000 votes goes to ` + "`bench/data-1k/`" + ` and the three topic pages are
   measured on it too, at 16 connections.
   Then (` + "`bench/seed_needs.go`" + `, ` + "`bench/seed_more.go`" + `) 2,000 needs and offers of listed
   organisations over the last months, in every category, kind and status, about a quarter public,
   with responses of other organisations (` + "`needs.responses`" + ` kept with them); 1,000 action items
   due from a year back to half a year ahead, in every status, about a third public, with their
   updates (the action's status and note from the latest); and the **bench statement**
   (` + "`/statements/bench-statement`" + `), published, with a German original and an English version,
   signed by 200 listed organisations through their representatives (saved with ` + "`app.Save`" + `, so
   the hooks keep ` + "`statements.signed`" + `).
   The password is hashed once with bcrypt and the hash stored for everyone, so generating takes
   seconds, not minutes. A data set is reused while its big meeting is more than a day ahead.
3. **Switches PocketBase's rate limiter off in that data dir**
   (` + "`Settings().RateLimits.Enabled = false`" + `): its default ` + "`/api/`" + ` rule (300 requests per 10 s per
   IP) would otherwise throttle the benchmark, which sends everything from 127.0.0.1. Production
   keeps it on; the app's own rules (login, register, …) only cover POSTs anyway.
   It also empties PocketBase's request log (` + "`_logs`" + ` in ` + "`auxiliary.db`" + `): PocketBase logs
   every ` + "`/api/`" + ` request (the pages are marked ` + "`SkipSuccessActivityLog`" + `), so earlier runs leave
   hundreds of thousands of rows there. Logging stays on, as in production: its cost is part
   of the ` + "`/api/`" + ` figures, ` + "`/api/health`" + ` included (a large part of that route's cost), and under
   wrk's flood of ` + "`/api/health`" + ` the log writes queue up in the server's memory.
4. Starts ` + "`komitee serve --dir bench/data --http 127.0.0.1:<free port>`" + ` and waits for ` + "`/api/health`" + `.
5. Checks the responses once (status 200, no redirects; the JSON list returns the same 50 names
   in the same order as the directory page; the filter's row count; page 3; the meeting lists
   show the same ids in the same order as PocketBase's JSON lists with the same filter, order,
   page and reader, and the totals the database has; the big meeting's page shows its 12 items,
   the organiser tools only to the coordinator; its agenda and registrations through ` + "`/api/`" + `;
   the topics lists show the same ids in the same order as PocketBase's, the round's results
   the same totals; the needs board and the member's actions list show the JSON lists' ids in
   the same order, the public actions page only public ones; the bench statement lists its 200
   signatories as the JSON list counts them; the home page links the bench statement),
   and records the body bytes of each response as sent with ` + "`Accept-Encoding: gzip`" + `.
   ` + "`go test ./bench`" + ` (` + "`seed_test.go`" + `, a second or two, in CI) runs the same generator on a small
   data set and the same checks through the handler stack.
6. Runs wrk (2 threads, ` + "`--latency`" + `, headers ` + "`Accept-Encoding: gzip`" + ` and
   ` + "`Accept-Language: de`" + `; anonymous, or with the session of the member or the coordinator for the
   signed-in rows) on each endpoint at each concurrency: a short warm-up
   (discarded), then the measurement. Requests/s, p50 and p99 are wrk's. Endpoint by endpoint,
   pages first. For each row it also reads from /proc the server's CPU time per request, and
   how much CPU other processes used meanwhile.
7. Reads the server's peak RSS (VmHWM in ` + "`/proc/<pid>/status`" + `) after all runs, and after the
   page rows alone.
8. Weighs the first load: the directory HTML plus the ` + "`app.css`" + ` and ` + "`htmx.min.js`" + ` it links
   (found in the HTML under ` + "`/static/<version>/`" + `), compressed bytes as sent; the same for every page.
9. With ` + "`-profile`" + `: builds ` + "`bench/pprofserver`" + ` (the same server plus net/http/pprof on a
   second port, bench tooling only), loads the directory page with wrk and takes a CPU profile,
   then the same for the signed-in meeting pages that missed a target;
   the raw profiles stay in ` + "`bench/.build/directory.cpu.pprof`" + ` (and ` + "`<row>.cpu.pprof`" + `)
   (` + "`go tool pprof -http=: bench/.build/komitee-pprof bench/.build/directory.cpu.pprof`" + `).
   Then it runs the in-process Go benchmarks (` + "`go test ./bench -run '^$' -bench . -benchmem`" + `;
   add ` + "`-cpuprofile cpu.out`" + ` to profile): the same handler stack through httptest, without the
   network, the directory's queries on their own next to a sketch of a cheaper query, and the
   meetings list's query and the parts of the coordinator's meeting page.
   For experiments, ` + "`bench/pprofserver`" + ` also reads ` + "`KOMITEE_DB_MAX_OPEN_CONNS`" + `,
   ` + "`KOMITEE_DB_MAX_IDLE_CONNS`" + `, ` + "`KOMITEE_DB_CACHE_KB`" + ` and ` + "`KOMITEE_SKIP_HEALTH_LOG=1`" + ` (see its doc
   comment); the harness always runs it with PocketBase's defaults.

**wrk and the server share the same machine and its CPUs**, so the absolute figures are lower
than on a server with its own cores; the ratios between endpoints are the stable part.
Units: KB = 1,000 bytes, MB = 1,000,000 bytes.

## Lighthouse (by hand, not by the harness)

Lighthouse 12.8.2 (` + "`npm i --prefix /tmp/lh lighthouse@12`" + `), mobile preset, Debian's Chromium, on the
demo data (` + "`komitee demo`" + `) served by the release binary on the same machine:
` + "`CHROME_PATH=/usr/bin/chromium lighthouse http://127.0.0.1:8097/<page> --form-factor=mobile --chrome-flags=\"--headless=new --no-sandbox\"`" + `.
Measured on 2026-12-01 (at commit 8626f0f, while other work used the CPUs); the issue's target is
at least 0.95 in each category.

| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |
|---|---|---|---|---|---|---|---|---|
| ` + "`/`" + ` (visitor's home) | 1.00 | 1.00 | 1.00 | 1.00 | 0.8 s | 1.2 s | 10 ms | 0 |
| ` + "`/?lang=ar`" + ` | 1.00 | 1.00 | 1.00 | 1.00 | 0.8 s | 1.2 s | 80 ms | 0 |
| ` + "`/statements/sprachkurse-mit-kinderbetreuung`" + ` (published, 5 signatories) | 1.00 | 1.00 | 1.00 | 1.00 | 0.8 s | 1.2 s | 90 ms | 0 |
| the same, ` + "`?lang=ar`" + ` | 1.00 | 1.00 | 1.00 | 1.00 | 0.8 s | 1.2 s | 0 ms | 0 |
| ` + "`/needs`" + ` | 1.00 | 1.00 | 1.00 | 1.00 | 0.8 s | 1.3 s | 70 ms | 0 |
| ` + "`/actions?lang=ar`" + ` | 1.00 | 1.00 | 1.00 | 1.00 | 0.8 s | 1.2 s | 10 ms | 0 |
| ` + "`/contact`" + ` | 1.00 | 1.00 | 1.00 | 1.00 | 0.8 s | 1.3 s | 30 ms | 0 |
| ` + "`/pages/about?lang=ar`" + ` | 1.00 | 1.00 | 1.00 | 1.00 | 0.8 s | 1.3 s | 20 ms | 0 |
`

func (r *Run) markdown(targets []Target) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	b.WriteString(docHeader)
	w("\n## Latest run\n\n")
	w("| | |\n|---|---|\n")
	w("| Date | %s (took %s) |\n", r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Finished.Sub(r.Started).Round(time.Second))
	w("| Machine | %s CPUs (nproc), %s, %s RAM, Linux %s |\n", r.Machine.NProc, r.Machine.CPU, r.Machine.MemTotal, r.Machine.Kernel)
	w("| Software | %s (server build), PocketBase %s, %s |\n", r.Machine.Go, r.Machine.PocketBase, r.Machine.Wrk)
	w("| Code measured | %s |\n", orDash(r.Machine.Source))
	w("| Load | wrk, 2 threads, %s warm-up + %s per row, on the same %s CPUs as the server; 1-minute load average at the start: %.2f |\n",
		r.Warmup, r.Duration, r.Machine.NProc, r.Load1Start)
	if runFindings != "" {
		w("\n%s\n", runFindings)
	}

	d := r.Data
	w("\n### Data set\n\n")
	w("%d organisations (%s), %d listed in the directory in %d municipalities; kinds: %s.\n",
		d.Organisations, mapList(d.OrgsByStatus), d.Listed, d.Municipalities, mapList(d.OrgsByKind))
	w("%d people (%d with `member` set by the hooks), %d memberships (%s), %d contacts. ",
		d.Users, d.MemberFlag, d.MembershipsAll, mapList(d.Memberships), d.Contacts)
	if d.Reused {
		w("The data dir was reused from an earlier run.\n")
	} else {
		w("Generated in %s.\n", d.Took.Round(100*time.Millisecond))
	}
	w("The filtered directory (`kind=%s&area=%s`) matches **%d** organisations.\n", filterKind, filterArea, d.FilterMatches)
	w("%d meetings from %d to %d (%s; %s), %d of them public; at the time of the run %d upcoming (%d public: the upcoming "+
		"list), %d public past ones. %d agenda items and %d registrations in all. The big meeting (`/meetings/%s`, a public event on %s) "+
		"has %d accepted agenda items and %d registrations of %d different members (%d yes, %d of %d places taken; %d with interpreting, "+
		"%d with children, %d wheelchair users, %d with other access needs).\n",
		d.Meetings, d.FirstYear, d.LastYear, mapList(d.MeetingsByKind), mapList(d.MeetingsByStatus), d.PublicMeetings,
		d.UpcomingAll, d.UpcomingPublic, d.PastPublic, d.AgendaItems, d.Registrations, d.Big.ID,
		d.Big.Starts.In(time.UTC).Format("2006-01-02 15:04 MST"), d.Big.Agenda, d.Big.Registrations, d.Big.Users, d.Big.Yes,
		d.Big.People, d.Big.Capacity, d.Big.Interpreting, d.Big.Children, d.Big.Wheelchair, d.Big.AccessNeeds)

	w("\n### Checks\n\n")
	for _, c := range r.Checks {
		w("- %s\n", c)
	}

	for _, c := range r.Conns {
		res := r.Results[c]
		w("\n### %d connections\n\n", c)
		w("| Endpoint | req/s | p50 | p99 | server CPU per request | bytes/response (as sent) | uncompressed | ÷ /api/health | ÷ JSON list¹ | other processes' CPU | server VmHWM after | errors |\n")
		w("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
		for _, ep := range endpoints {
			x, f := res[ep.Key], r.Sizes[ep.Key]
			errs := "none"
			if x.Non2xx > 0 || x.SocketErrors != "" {
				errs = fmt.Sprintf("non-2xx %d; socket %s", x.Non2xx, orNone(x.SocketErrors))
			}
			w("| %s | %.0f | %s | %s | %s | %s (%s) | %s | %.3f | %.2f | %.0f%% | %.0f MB | %s |\n", ep.Label, x.ReqPerSec,
				fmtDur(x.P50), fmtDur(x.P99), fmtDur(x.ServerCPUPerReq), thousands(f.Wire), orNone(f.Encoding), thousands(len(f.Body)),
				x.ReqPerSec/res["health"].ReqPerSec, x.ReqPerSec/res[ep.versus()].ReqPerSec, x.ForeignShare,
				float64(x.HWMkB)*1024/1e6, errs)
		}
	}
	worst := 0.0
	for _, c := range r.Conns {
		for _, x := range r.Results[c] {
			worst = max(worst, x.ForeignShare)
		}
	}
	if worst >= 10 {
		w("\n**Other processes used up to %.0f%% of the CPUs during some rows: those rows are disturbed** "+
			"(see the column; the server's CPU per request is the least affected figure).\n", worst)
	}
	w("\nOrder of the rows as run: each endpoint at %s connections, pages first. \"Server CPU per request\" is the "+
		"server process's CPU time (/proc/<pid>/stat) over the row divided by wrk's request count; \"other processes' CPU\" "+
		"is the share of all CPUs that processes other than the server and wrk used meanwhile (other work on the machine; "+
		"rows with a high share are disturbed).\n", joinInts(r.Conns))
	w("\n¹ Each page is divided by PocketBase's JSON list of the same records for the same reader: the directory rows by " +
		"the organisations list; the upcoming meetings (public, and as the member) by the meetings list with the same filter " +
		"(`(starts=''||ends>=@now)`), order (`starts`) and page size (30); the past page 2, which has no row of its own there, by " +
		"the upcoming meetings' list (30 records alike, latest first instead of soonest); both meeting pages by the big " +
		"meeting's agenda items as the coordinator. The JSON rows are divided by themselves, `/api/health` by the " +
		"organisations list. Signed-in rows send the session cookie (pages) or the `Authorization` header (`/api/`) of " +
		"the same person: the member is an active member (not a coordinator); the coordinator is the committee's.\n")

	w("\n### First load (gzip, bytes as sent)\n\n| File | as sent | uncompressed | counted |\n|---|--:|--:|---|\n")
	for _, a := range r.FirstLoad {
		counted := "yes"
		if !a.Counted {
			counted = "no (not HTML/CSS/JS)"
		}
		w("| `%s` | %s (%s) | %s | %s |\n", a.URL, thousands(a.Wire), orNone(a.Encoding), thousands(a.Decoded), counted)
	}
	w("| **HTML + CSS + JS** | **%s** | | |\n", thousands(r.firstLoadBytes()))
	w("\nEvery page's first load (the same CSS and JS for all; the signed-in pages as their person gets them):\n\n")
	w("| Page | HTML as sent | CSS + JS | total |\n|---|--:|--:|--:|\n")
	for _, l := range r.Loads {
		w("| %s | %s | %s | %s |\n", l.Label, thousands(l.HTML), thousands(l.CSSJS), thousands(l.Total()))
	}

	w("\n### Server memory\n\nPeak RSS (VmHWM) after all runs: **%.1f MB**; RSS at the end: %.1f MB. "+
		"Peak after the page rows alone (before any /api/ row): %.1f MB.\n",
		float64(r.PeakRSSkB)*1024/1e6, float64(r.RSSkB)*1024/1e6, float64(r.PagesPeakRSSkB)*1024/1e6)

	w("\n### Targets\n\n| Target | Measured | |\n|---|---|---|\n")
	for _, t := range targets {
		w("| %s | %s | %s |\n", t.Name, t.Measured, passFail(t.Pass))
	}

	r.meetingsSummary(w, targets)
	r.topicsSummary(w, targets)

	for _, p := range r.Profiles {
		who := ""
		if p.As != "" {
			who = " as the " + p.As
		}
		w("\n### CPU profile: %s under load\n\n", p.Label)
		w("`%s`%s with wrk at %d connections; %s of CPU samples over %s of wall time (%.0f req/s while profiled, %.2f ms CPU per request). Raw profile: `bench/.build/%s`.\n\n",
			p.Path, who, p.Conns, p.Total, p.Seconds, p.ReqPerSec, p.CPUPerReqMs, filepath.Base(p.File))
		w("Where the time goes (each sample counted once, under the first matching group from the leaf up):\n\n")
		w("| Share | Group |\n|--:|---|\n")
		for _, c := range p.Categories {
			w("| %.1f%% | %s |\n", c.Percent, c.Name)
		}
		w("\nSelected cumulative figures (share of all samples spent in the function and what it calls). The pure-Go " +
			"SQLite's call stacks are deeper than the profiler keeps, so they lose their outer frames: figures for handlers " +
			"and middleware are too low, those for dbx and below are right; the table above goes by the leaf and is unaffected.\n\n")
		w("| Cum | Function |\n|--:|---|\n")
		for _, c := range p.Cum {
			w("| %.1f%% | `%s` |\n", c.Percent, c.Name)
		}
		w("\n<details><summary><code>go tool pprof -top</code> (flat, first 30)</summary>\n\n```\n%s\n```\n</details>\n", p.Top)
	}
	if len(r.GoBench) > 0 {
		w("\n### In-process benchmarks (go test, one request at a time, no network)\n\n")
		w("`go test ./bench -run '^$' -bench . -benchmem`: the same handler stack through httptest " +
			"(handler_test.go), and the directory's and the meeting pages' parts on their own (query_test.go). " +
			"`MeetingsQuery` is committee.Meetings (rule-checked, counted, 30 rows); `MeetingPageParts` are what the " +
			"coordinator's meeting page reads besides the meeting: its agenda, and the agenda form's choices of people " +
			"and organisations (the SQL of web's peopleOptions and organisationOptions). `ProposedDirectoryQuery` is a " +
			"sketch in query_test.go, not app code: the same rows and total (checked) read without the List rule, " +
			"counted with `COUNT(*)` instead of `COUNT(DISTINCT _rowid_)`, and only the card's columns instead of `organisations.*`. `GzipPage` compresses the directory page at gzip levels 1, 5 (the Echo " +
			"middleware's) and 9; `StaticAsset` is a precompressed asset through the same stack.\n\n")
		w("| Benchmark | time/op | allocated bytes/op | allocs/op | output bytes |\n|---|--:|--:|--:|--:|\n")
		for _, l := range r.GoBench {
			out := ""
			if l.Output > 0 {
				out = thousands(l.Output)
			}
			w("| %s | %.3f ms | %s | %s | %s |\n", l.Name, l.NsPerOp/1e6, thousands(l.BytesPerOp), thousands(l.AllocsPer), out)
		}
	} else if r.GoBenchErr != "" {
		w("\n### In-process benchmarks\n\nFailed: %s\n", r.GoBenchErr)
	}
	for _, e := range r.ProfileErrs {
		w("\n### CPU profile\n\nA profile failed: %s\n", e)
	}
	return b.String()
}

func joinInts(v []int) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, " and ")
}

func mapList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// meetingKeys are the meeting page rows.
var meetingKeys = []string{"meet", "meetPast2", "meetMember", "meeting", "meetingCoord"}

// runFindings is written by hand about the run as a whole: how its figures compare with the
// run before. Keep its date and commit when the run it describes changes.
const runFindings = "**Findings, this run against the one before** (written by hand from the runs of 2026-12-01 at commits b068877, the trust issue, and e6f9475, which adds the day-one issue; this report is the second). Some rows of this run were disturbed by tests running beside it: see the column of other processes' CPU (directory as a member 18 % and 44 %, round results at 16 connections 29 %); the server CPU per request moves less under load. Against the run of 2026-11-26 the signed-in rows are lower (directory as a member 2,182 → 1,258 req/s, 0.86 → 1.23 ms CPU per request; the coordinator's meeting page 911 → 603, 2.06 → 3.06 ms; round results 3,150 → 1,352 at 32 connections, 0.59 → 1.35 ms), but so are PocketBase's own JSON lists, which neither issue touches (organisations 1,011 → 513 req/s, topics as a member 258 → 118), while `/api/health` is faster (59,724 → 73,429): these runs generated the data set afresh (a new checkout), where the run before reused an old data directory. On this data set, the binaries of 7445f28 and b068877 side by side (server CPU time per request for the coordinator, wrk at 4 connections, alternating, while other work loaded the machine, so the absolute figures are high) differ by +5 % (the meeting page, 3.87 → 4.10 ms), +7 % (directory), +12 % (meetings), +19 % (topics) and +15–20 % (round results, 3.3 → 4.0 ms); the organisations JSON list is no slower with the /api/ filter guard. What costs: each capability is one more query (a trial row checked against the create rule in a WITH clause, built by PocketBase's rule resolver, about 0.1–0.2 ms), the round page reads its totals and the reader's votes through the rules (three resolver-built queries instead of one join), and the page session is looked up in `sessions` (one indexed query more than checking a token's signature). A cache of capabilities per request and data version would win most of it back; it was left out on purpose, since a stale permission is worse than a slower page."

// meetingFindings is written by hand after reading a run's figures and profiles: what limits
// the signed-in meeting pages. Keep its date and commit when the run it describes changes.
const meetingFindings = "**Findings, meetings** (written by hand from the run of 2026-11-26 at commit 7445f28; later runs update the figures above, not this text). The public meeting pages come from the page cache and meet every target. The signed-in pages are rendered for every request and, like the signed-in directory, miss the `/api/health` ratio by far.\n\n- *Member's meetings list*: 1,126 / 1,078 req/s, 2.2× / 2.4× its JSON list, p99 27.4 ms: it meets the JSON and p99 targets (the run before measured 1,714 req/s; the figure moves this much between runs on this machine). The first measurement (commit cddd37e) was 858 req/s, p99 38.5 ms: the query read every meeting (PocketBase writes `starts = \"\"` as `(starts = '' OR starts IS NULL)`, and with `|| ends >= now` no index narrowed the rows). Now dated meetings are read from the `starts` index (started at most 14 days ago), undated ones by status (`idx_meetings_status`), and lists count with `COUNT(*)` when the rule needs no join.\n- *Coordinator's meeting page*: 911 / 947 req/s, p99 36.4 ms; 0.41× / 0.45× the JSON list of its 12 agenda items: it misses the JSON and p99 targets. The JSON row reads 12 small records; the page also checks the organiser and minutes rules, reads the agenda with names, the free places and the option lists, and renders the organiser tools and the agenda form. It was 195 req/s (p99 139 ms) when the agenda form offered all 3,994 members as presenters, and 699 req/s while the page checked the organiser rule three times per request (now once).\n- *Peak RSS* 97.9 MB against 80 MB: the pages reach 83 MB at the member's meetings list; PocketBase's own JSON lists take it higher. One request renders a missing cached page while the others wait (singleflight)."

// meetingsSummary is the short account of the meeting rows: what they measure, the targets met
// and missed, and where the signed-in pages spend their time.
func (r *Run) meetingsSummary(w func(string, ...any), targets []Target) {
	w("\n### Meeting pages\n\n")
	w("Measured: the meetings list `/meetings` (upcoming, 30 a page) and page 2 of the past ones as the public, from the page " +
		"cache (a minute at most: the lists change with the clock); the list as a signed-in member, rendered every time; the " +
		"big meeting's page (12 agenda items, registration box) as the public, cached, and as the coordinator, rendered every " +
		"time with the organiser tools and the agenda form. Each next to `/api/health` and to PocketBase's JSON list of the " +
		"same records for the same reader (see ¹ above), with the directory's targets.\n\n")
	var met, missed []Target
	for _, t := range targets {
		if slices.Contains(meetingKeys, t.Key) {
			if t.Pass {
				met = append(met, t)
			} else {
				missed = append(missed, t)
			}
		}
	}
	w("**%d of the %d targets of the meeting pages are met", len(met), len(met)+len(missed))
	if len(missed) == 0 {
		w(".**\n")
	} else {
		w("; missed:**\n\n")
		for _, t := range missed {
			w("- %s: %s\n", t.Name, t.Measured)
		}
	}
	if c := r.Conns[0]; r.Results[c] != nil {
		w("\nAt %d connections:\n\n", c)
		for _, k := range meetingKeys {
			x, ep := r.Results[c][k], endpointOf(k)
			vs := r.Results[c][ep.versus()]
			f := r.Sizes[k]
			w("- %s: %.0f req/s, p99 %s, %s server CPU per request, %s bytes as sent (%s uncompressed); %s: %.0f req/s, %s CPU per request.\n",
				ep.Label, x.ReqPerSec, fmtDur(x.P99), fmtDur(x.ServerCPUPerReq), thousands(f.Wire), thousands(len(f.Body)),
				endpointOf(ep.versus()).Short, vs.ReqPerSec, fmtDur(vs.ServerCPUPerReq))
		}
		if n := r.Notes["coordOptions"]; n != "" {
			w("\nThe coordinator's page carries %s `<option>`s: the agenda form offers every member as a presenter and every listed organisation.\n", n)
		}
	}
	// Where the server's memory grew most, row by row in the order run.
	prev, worst, worstRow, from := 0, 0, "", 0
	for _, ep := range endpoints {
		for _, c := range r.Conns {
			x := r.Results[c][ep.Key]
			if x == nil {
				continue
			}
			if prev > 0 && x.HWMkB-prev > worst {
				worst, worstRow, from = x.HWMkB-prev, fmt.Sprintf("%s at %d connections", ep.Label, c), prev
			}
			prev = x.HWMkB
		}
	}
	if worstRow != "" {
		w("\nServer peak RSS (VmHWM) %.1f MB after all rows; it grew most during the row %s: from %.0f to %.0f MB.\n",
			float64(r.PeakRSSkB)*1024/1e6, worstRow, float64(from)*1024/1e6, float64(from+worst)*1024/1e6)
	}
	for _, p := range r.Profiles {
		if !slices.Contains(meetingKeys, p.Key) || len(p.Categories) == 0 {
			continue
		}
		var top []string
		for _, c := range p.Categories[:min(3, len(p.Categories))] {
			top = append(top, fmt.Sprintf("%.0f%% %s", c.Percent, c.Name))
		}
		w("\nProfile of %s: %s (details below).\n", p.Label, strings.Join(top, "; "))
	}
	if meetingFindings != "" {
		w("\n%s\n", meetingFindings)
	}
}

// topicFindings is written by hand after reading a run's figures: what limits the topic pages.
const topicFindings = "**Findings, topics** (written by hand from the run of 2026-11-26 at commit 7445f28). The public topic list comes from the page cache and meets every target, also the p99 comparison of 1,000 and 10,000 topics (0.95×).\n\n- *Member's topic list* (10,000 topics, by support): 1,533 / 1,641 req/s, 5.9× / 6.3× its JSON list; p99 34.1 ms at 16 connections misses 30 ms; 1.25× the p99 at 1,000 topics meets the 1.5× target. The first measurement (commit f38557a) was 546 req/s, p99 56.9 ms, 2.72× the 1k p99: the page's total was counted with `COUNT(DISTINCT topics.id)` over the whole table. Now `COUNT(*)` reads `idx_topics_visibility`. The count still grows with the topics; a count kept by the hooks per visibility would make it constant.\n- *Round results* (40 topics, as a member): 3,150 / 3,387 req/s, p99 18.7 ms, 1.96× / 1.99× the JSON list of the round's 40 totals: just short of 2×. The page reads the round through the rule engine, joins the round's topics with their titles and renders bars; the JSON list reads 40 short rows."

// topicsSummary is the short account of the topic rows: what they measure, the targets met and
// missed, and how their p99 grows from 1,000 to 10,000 topics.
func (r *Run) topicsSummary(w func(string, ...any), targets []Target) {
	w("\n### Topic pages\n\n")
	t := r.Data.Topic
	w("Data set: %s topics and ideas (%s public, %s ideas), %s supports, %s comments (%s replies), %d closed rounds with %s topics "+
		"and %s votes; the bench round (`/rounds/%s`) has %d topics, %d ballots and %s dots. Measured: the topics list by support "+
		"(`/topics?sort=support`, 50 a page) as the public, from the page cache, and as a signed-in member, rendered every time; the "+
		"bench round's results as a member (rounds are members-only), rendered every time. Each next to `/api/health` and to "+
		"PocketBase's JSON list of the same records for the same reader (`%s`; `%s`), with the directory's targets; and the same "+
		"three pages at %d connections on the same data set with a tenth of the topics and votes (`bench/data-1k`, flag "+
		"`-topics1k`), whose p99 should grow by less than %.1f×.\n\n",
		thousands(t.Topics), thousands(t.Public), thousands(t.Ideas), thousands(t.Supports), thousands(t.Comments), thousands(t.Replies),
		t.Rounds, thousands(t.RoundTopics), thousands(t.Votes), t.Round.ID, t.Round.Topics, t.Round.Ballots, thousands(t.Round.Dots),
		topicsAPIPath, roundAPIPath, targetP99Conns, targetScale)
	var met, missed []Target
	for _, tg := range targets {
		if slices.Contains(topicKeys, tg.Key) {
			if tg.Pass {
				met = append(met, tg)
			} else {
				missed = append(missed, tg)
			}
		}
	}
	w("**%d of the %d targets of the topic pages are met", len(met), len(met)+len(missed))
	if len(missed) == 0 {
		w(".**\n")
	} else {
		w("; missed:**\n\n")
		for _, tg := range missed {
			w("- %s: %s\n", tg.Name, tg.Measured)
		}
	}
	if res := r.Results[targetP99Conns]; res != nil {
		w("\n| At %d connections | req/s (10,000 topics) | p99 (10,000) | req/s (1,000 topics) | p99 (1,000) | p99 ratio |\n|---|--:|--:|--:|--:|--:|\n", targetP99Conns)
		for _, k := range topicKeys {
			x, y := res[k], r.Topics1k[k]
			if x == nil {
				continue
			}
			if y == nil {
				w("| %s | %.0f | %s | – | – | – |\n", endpointOf(k).Label, x.ReqPerSec, fmtDur(x.P99))
				continue
			}
			w("| %s | %.0f | %s | %.0f | %s | %.2f× |\n", endpointOf(k).Label, x.ReqPerSec, fmtDur(x.P99), y.ReqPerSec, fmtDur(y.P99),
				float64(x.P99)/float64(max(y.P99, 1)))
		}
	}
	if d := r.Topics1kData; d != nil {
		w("\nThe 1,000-topic data set: %s topics (%s public), %s supports, %d rounds, %s votes; the same organisations, people and meetings.\n",
			thousands(d.Topics), thousands(d.Public), thousands(d.Supports), d.Rounds, thousands(d.Votes))
	}
	if r.Topics1kErr != "" {
		w("\nThe run on 1,000 topics failed: %s\n", r.Topics1kErr)
	}
	if topicFindings != "" {
		w("\n%s\n", topicFindings)
	}
	if siteFindings != "" {
		w("\n%s\n", siteFindings)
	}
}

// siteFindings is written by hand after reading a run's figures: the rows of issues 10 and 11.
const siteFindings = "**Findings, home, needs, actions, statements** (written by hand from the run of 2026-12-02 at commit 1f874f2; later runs update the figures above, not this text). The visitors' pages come from the page cache and meet every target: home 47,769 req/s, needs board 37,278, public actions 27,763, the statement with 200 signatories 34,384 (p99 8–16 ms; first loads 24.7–36.8 KB). The signed-in pages are rendered for every request and miss the `/api/health` ratio, as the signed-in directory does.\n\n" +
	"- *Statement page as a member* (200 signatories): 178 req/s, 0.52× the JSON list of its 200 signatures, p99 157 ms. The run before (commit a4296ec) measured 83 req/s, and 108 req/s for the public, which was not cached then. The organisations of the signatures were read through the rule with a filter of 200 `id = …` terms (2.1 ms of the page's 18 ms in-process); one `IN` (`Query.IDs`) reads them now. What is left is the signatures and organisations through their rules, the versions, and rendering 200 signatory cards with logos.\n" +
	"- *Needs board as a member*: 267 req/s, 2.03× its JSON list (which pays for the needs rule per row), p99 98 ms: meets the JSON target, misses p99. The category counts are a second query under the same rule.\n" +
	"- *Actions as a member*: 295 req/s, 0.71× the JSON list, p99 89 ms. The page counts under the rule (kept per reader and filter until a write), reads the latest notes under the updates rule and the organisations' names, and builds the meeting and topic filter options.\n" +
	"- *Home page as a member*: 650 req/s, 1.01× the organisations JSON list: the start page reads the person's memberships, what waits for them, the latest statements and the actions summary.\n" +
	"- *Peak RSS* 111 MB against 80 MB (113 MB the run before): PocketBase's JSON lists of topics as the member take it there, as before."
