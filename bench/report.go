package main

import (
	"fmt"
	"os"
	"os/exec"
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
	m.Wrk = strings.SplitN(cmdOut(root, "wrk", "-v"), "\n", 2)[0]
	m.Wrk = strings.TrimSpace(strings.Split(m.Wrk, "Copyright")[0])
	return m
}

// Target is one goal with its verdict.
type Target struct {
	Name, Measured string
	Pass           bool
}

const (
	targetHealthRatio = 0.35
	targetListRatio   = 2.0
	targetP99         = 30 * time.Millisecond
	targetP99Conns    = 16
	targetFirstLoad   = 50_000     // bytes: 50 KB
	targetRSS         = 80_000_000 // bytes: 80 MB
)

func (r *Run) targets() []Target {
	var out []Target
	for _, c := range r.Conns {
		res := r.Results[c]
		dir, health, list := res["dir"].ReqPerSec, res["health"].ReqPerSec, res["apiList"].ReqPerSec
		out = append(out,
			Target{fmt.Sprintf("c=%d: directory ≥ %.2f× /api/health req/s", c, targetHealthRatio),
				fmt.Sprintf("%.3f× (%.0f ÷ %.0f)", dir/health, dir, health), dir >= targetHealthRatio*health},
			Target{fmt.Sprintf("c=%d: directory ≥ %.0f× PocketBase JSON list req/s", c, targetListRatio),
				fmt.Sprintf("%.2f× (%.0f ÷ %.0f)", dir/list, dir, list), dir >= targetListRatio*list})
		// The same targets for the page a signed-in member gets, which is rendered every time.
		if m, ok := res["dirMember"]; ok {
			out = append(out,
				Target{fmt.Sprintf("c=%d: directory as a member ≥ %.2f× /api/health req/s", c, targetHealthRatio),
					fmt.Sprintf("%.3f× (%.0f ÷ %.0f)", m.ReqPerSec/health, m.ReqPerSec, health), m.ReqPerSec >= targetHealthRatio*health},
				Target{fmt.Sprintf("c=%d: directory as a member ≥ %.0f× PocketBase JSON list req/s", c, targetListRatio),
					fmt.Sprintf("%.2f× (%.0f ÷ %.0f)", m.ReqPerSec/list, m.ReqPerSec, list), m.ReqPerSec >= targetListRatio*list})
		}
	}
	if res, ok := r.Results[targetP99Conns]; ok {
		for _, k := range []string{"dir", "dirFiltered", "dirPage3", "dirMember"} {
			out = append(out, Target{fmt.Sprintf("c=%d: p99 ≤ %s, %s", targetP99Conns, fmtDur(targetP99), label(k)),
				fmtDur(res[k].P99), res[k].P99 <= targetP99})
		}
	}
	fl := r.firstLoadBytes()
	out = append(out, Target{"first load (HTML + CSS + JS, gzip) ≤ 50 KB", fmt.Sprintf("%s bytes (%.1f KB)", thousands(fl), float64(fl)/1000),
		fl <= targetFirstLoad})
	rss := r.PeakRSSkB * 1024
	out = append(out, Target{"server peak RSS (VmHWM) ≤ 80 MB", fmt.Sprintf("%.1f MB", float64(rss)/1e6), rss > 0 && rss <= targetRSS})
	// A target only counts when every response was a success.
	for _, c := range r.Conns {
		for _, ep := range endpoints {
			if w := r.Results[c][ep.Key]; w.Non2xx > 0 || w.SocketErrors != "" {
				out = append(out, Target{fmt.Sprintf("c=%d: %s without errors", c, ep.Label),
					fmt.Sprintf("non-2xx %d, socket errors %s", w.Non2xx, orNone(w.SocketErrors)), false})
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

How fast the public organisation directory is, next to PocketBase's own JSON API on the same
data. Everything below "Latest run" is written by the harness from what it measured; do not edit
it by hand, run the harness again.

## Running

    export GOTOOLCHAIN=auto
    go run ./bench            # from the module root; takes about 3–4 minutes

Flags: ` + "`-d 10s`" + ` measurement per endpoint and concurrency, ` + "`-warmup 2s`" + `, ` + "`-c 16,32`" + `
connections, ` + "`-quiet-wait 1m`" + ` (before each row, wait up to that long for other processes to leave
the CPUs alone), ` + "`-fresh`" + ` regenerate the data set, ` + "`-profile auto|on|off`" + ` CPU profile of the
directory (auto: only when a target is missed), ` + "`-o BENCHMARKS.md`" + `.
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
   memberships: representatives, deputies, members, some pending, ended or declined. The
   password is hashed once with bcrypt and the hash stored for everyone, so generating takes
   seconds, not minutes.
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
5. Checks the responses once (status 200; the JSON list returns the same 50 names in the same
   order as the directory page; the filter's row count; page 3), and records the body bytes of
   each response as sent with ` + "`Accept-Encoding: gzip`" + `.
6. Runs wrk (2 threads, ` + "`--latency`" + `, headers ` + "`Accept-Encoding: gzip`" + ` and
   ` + "`Accept-Language: de`" + `, anonymous visitor) on each endpoint at each concurrency: a short warm-up
   (discarded), then the measurement. Requests/s, p50 and p99 are wrk's. Endpoint by endpoint,
   pages first. For each row it also reads from /proc the server's CPU time per request, and
   how much CPU other processes used meanwhile.
7. Reads the server's peak RSS (VmHWM in ` + "`/proc/<pid>/status`" + `) after all runs, and after the
   page rows alone.
8. Weighs the first load: the directory HTML plus the ` + "`app.css`" + ` and ` + "`htmx.min.js`" + ` it links
   (found in the HTML under ` + "`/static/<version>/`" + `), compressed bytes as sent.
9. With ` + "`-profile`" + `: builds ` + "`bench/pprofserver`" + ` (the same server plus net/http/pprof on a
   second port, bench tooling only), loads the directory page with wrk and takes a CPU profile;
   the raw profile stays in ` + "`bench/.build/directory.cpu.pprof`" + `
   (` + "`go tool pprof -http=: bench/.build/komitee-pprof bench/.build/directory.cpu.pprof`" + `).
   Then it runs the in-process Go benchmarks (` + "`go test ./bench -run '^$' -bench . -benchmem`" + `;
   add ` + "`-cpuprofile cpu.out`" + ` to profile): the same handler stack through httptest, without the
   network, and the directory's queries on their own next to a sketch of a cheaper query.
   For experiments, ` + "`bench/pprofserver`" + ` also reads ` + "`KOMITEE_DB_MAX_OPEN_CONNS`" + `,
   ` + "`KOMITEE_DB_MAX_IDLE_CONNS`" + `, ` + "`KOMITEE_DB_CACHE_KB`" + ` and ` + "`KOMITEE_SKIP_HEALTH_LOG=1`" + ` (see its doc
   comment); the harness always runs it with PocketBase's defaults.

**wrk and the server share the same machine and its CPUs**, so the absolute figures are lower
than on a server with its own cores; the ratios between endpoints are the stable part.
Units: KB = 1,000 bytes, MB = 1,000,000 bytes.
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
	w("| Load | wrk, 2 threads, %s warm-up + %s per row, on the same %s CPUs as the server; 1-minute load average at the start: %.2f |\n",
		r.Warmup, r.Duration, r.Machine.NProc, r.Load1Start)

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

	w("\n### Checks\n\n")
	for _, c := range r.Checks {
		w("- %s\n", c)
	}

	for _, c := range r.Conns {
		res := r.Results[c]
		w("\n### %d connections\n\n", c)
		w("| Endpoint | req/s | p50 | p99 | server CPU per request | bytes/response (as sent) | uncompressed | ÷ /api/health | ÷ JSON list | other processes' CPU | server VmHWM after | errors |\n")
		w("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
		for _, ep := range endpoints {
			x, f := res[ep.Key], r.Sizes[ep.Key]
			errs := "none"
			if x.Non2xx > 0 || x.SocketErrors != "" {
				errs = fmt.Sprintf("non-2xx %d; socket %s", x.Non2xx, orNone(x.SocketErrors))
			}
			w("| %s | %.0f | %s | %s | %s | %s (%s) | %s | %.3f | %.2f | %.0f%% | %.0f MB | %s |\n", ep.Label, x.ReqPerSec,
				fmtDur(x.P50), fmtDur(x.P99), fmtDur(x.ServerCPUPerReq), thousands(f.Wire), orNone(f.Encoding), thousands(len(f.Body)),
				x.ReqPerSec/res["health"].ReqPerSec, x.ReqPerSec/res["apiList"].ReqPerSec, x.ForeignShare,
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

	w("\n### First load (gzip, bytes as sent)\n\n| File | as sent | uncompressed | counted |\n|---|--:|--:|---|\n")
	for _, a := range r.FirstLoad {
		counted := "yes"
		if !a.Counted {
			counted = "no (not HTML/CSS/JS)"
		}
		w("| `%s` | %s (%s) | %s | %s |\n", a.URL, thousands(a.Wire), orNone(a.Encoding), thousands(a.Decoded), counted)
	}
	w("| **HTML + CSS + JS** | **%s** | | |\n", thousands(r.firstLoadBytes()))

	w("\n### Server memory\n\nPeak RSS (VmHWM) after all runs: **%.1f MB**; RSS at the end: %.1f MB. "+
		"Peak after the page rows alone (before any /api/ row): %.1f MB.\n",
		float64(r.PeakRSSkB)*1024/1e6, float64(r.RSSkB)*1024/1e6, float64(r.PagesPeakRSSkB)*1024/1e6)

	w("\n### Targets\n\n| Target | Measured | |\n|---|---|---|\n")
	for _, t := range targets {
		w("| %s | %s | %s |\n", t.Name, t.Measured, passFail(t.Pass))
	}

	if p := r.Profile; p != nil {
		w("\n### CPU profile: directory page under load\n\n")
		w("`%s` with wrk at %d connections; %s of CPU samples over %s of wall time (%.0f req/s while profiled, %.2f ms CPU per request).\n\n",
			p.Path, p.Conns, p.Total, p.Seconds, p.ReqPerSec, p.CPUPerReqMs)
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
			"(handler_test.go), and the directory's parts on their own (query_test.go). `ProposedDirectoryQuery` is a " +
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
	if r.Profile == nil && r.ProfileErr != "" {
		w("\n### CPU profile\n\nThe profile failed: %s\n", r.ProfileErr)
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
