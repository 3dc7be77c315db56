// Command bench is Komitee's benchmark harness: `go run ./bench` from the module root.
//
// It builds the server as released (CGO off, stripped, outside the temp dir), fills bench/data
// with 500 organisations and 5,000 people (reused when present), starts the server, measures
// the directory pages next to PocketBase's own JSON list and /api/health with wrk at 16 and 32
// connections, and writes BENCHMARKS.md. When a target is missed it also takes a CPU profile of
// the directory page under load (bench/pprofserver). See the top of BENCHMARKS.md.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

var quietWait time.Duration

// Endpoint is one measured URL.
type Endpoint struct {
	Key, Label, Path string
}

const apiListPath = "/api/collections/organisations/records?perPage=50&sort=name&filter=(status%3D%27member%27%7C%7Cstatus%3D%27partner%27)"

var endpoints = []Endpoint{
	{"dir", "Directory `/organisations`", "/organisations"},
	{"dirFiltered", "Directory filtered `?kind=" + filterKind + "&area=" + filterArea + "`", "/organisations?kind=" + filterKind + "&area=" + filterArea},
	{"dirPage3", "Directory page 3 `?page=3`", "/organisations?page=3"},
	{"dirMember", "Directory as a signed-in member (never cached)", memberPath},
	{"apiList", "PocketBase JSON list, same 50 records", apiListPath},
	{"health", "`/api/health`", "/api/health"},
}

// Run is everything one harness run measured.
type Run struct {
	Started, Finished time.Time
	Machine           Machine
	Data              *DataSet
	Duration, Warmup  time.Duration
	Conns             []int
	Sizes             map[string]*Fetched
	Checks            []string // verification notes, one line each
	CheckFailed       bool
	FirstLoad         []Asset
	Results           map[int]map[string]*WrkResult
	PeakRSSkB, RSSkB  int
	PagesPeakRSSkB    int // VmHWM after the page rows, before the /api/ rows
	Load1Start        float64
	Profile           *ProfileResult
	ProfileErr        string
	GoBench           []BenchLine
	GoBenchErr        string
	buildDir          string
}

// Asset is one file of the first load.
type Asset struct {
	URL      string
	Wire     int
	Decoded  int
	Encoding string
	Counted  bool // part of the HTML+CSS+JS sum
}

func main() {
	duration := flag.Duration("d", 10*time.Second, "measurement time per endpoint and concurrency")
	warmup := flag.Duration("warmup", 2*time.Second, "warm-up time before each measurement (discarded)")
	connsFlag := flag.String("c", "16,32", "concurrencies (wrk connections), comma-separated")
	fresh := flag.Bool("fresh", false, "generate bench/data again even if it is complete")
	profile := flag.String("profile", "auto", "CPU profile of the directory under load: auto (when a target is missed), on, off")
	out := flag.String("o", "BENCHMARKS.md", "report file, relative to the module root")
	quiet := flag.Duration("quiet-wait", time.Minute, "before each row, wait up to this long for other processes to use < 15% of the CPUs")
	flag.Parse()
	quietWait = *quiet
	if err := run(*duration, *warmup, *connsFlag, *fresh, *profile, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(duration, warmup time.Duration, connsFlag string, fresh bool, profile, out string) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return fmt.Errorf("wrk is not installed; install it with: apt-get install wrk")
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	r := &Run{Started: time.Now(), Duration: duration, Warmup: warmup, Sizes: map[string]*Fetched{},
		Results: map[int]map[string]*WrkResult{}}
	r.buildDir = filepath.Join(root, "bench", ".build")
	for _, s := range strings.Split(connsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("bad -c %q", connsFlag)
		}
		r.Conns = append(r.Conns, n)
	}
	buildDir := r.buildDir
	dataDir := filepath.Join(root, "bench", "data")
	if err := os.MkdirAll(buildDir, 0o755); err != nil {
		return err
	}

	fmt.Println("==> building the server")
	bin := filepath.Join(buildDir, "komitee")
	if err := build(root, ".", bin, true); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	r.Machine = machine(root)
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscanf(string(b), "%f", &r.Load1Start)
	}

	fmt.Println("==> data set in", dataDir)
	r.Data, err = ensureData(dataDir, fresh)
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if r.Data.Reused {
		fmt.Printf("  reused (%d organisations, %d people)\n", r.Data.Organisations, r.Data.Users)
	} else {
		fmt.Printf("  generated in %s (%d organisations, %d people, %d memberships, %d contacts)\n",
			r.Data.Took.Round(time.Millisecond), r.Data.Organisations, r.Data.Users, r.Data.MembershipsAll, r.Data.Contacts)
	}

	if memberCookie, err = sessionOfMember(dataDir); err != nil {
		return fmt.Errorf("member session: %w", err)
	}

	fmt.Println("==> starting the server")
	srv, err := startServer(bin, dataDir, filepath.Join(buildDir, "server.log"))
	if err != nil {
		return err
	}
	stopped := false
	defer func() {
		if !stopped {
			srv.Stop()
		}
	}()
	fmt.Println("  ", srv.Base, "pid", srv.Pid())

	fmt.Println("==> checking responses and sizes")
	if err := r.check(srv.Base); err != nil {
		return err
	}
	for _, c := range r.Checks {
		fmt.Println("  ", c)
	}

	// Endpoint by endpoint, each at every concurrency: the pages first, so that the server's
	// peak RSS after them is the pages' own, before PocketBase's /api/ rows.
	for _, conns := range r.Conns {
		r.Results[conns] = map[string]*WrkResult{}
	}
	for _, ep := range endpoints {
		for _, conns := range r.Conns {
			fmt.Printf("==> %-45s c=%d ", shorten(ep.Path, 45), conns)
			if quietWait > 0 {
				waitQuiet(srv.Pid(), quietWait)
			}
			if warmup > 0 {
				if _, err := runWrk(srv.Base+ep.Path, conns, warmup); err != nil {
					return err
				}
			}
			res, err := measure(srv.Pid(), srv.Base+ep.Path, conns, duration)
			if err != nil {
				return err
			}
			r.Results[conns][ep.Key] = res
			fmt.Printf("%8.0f req/s  p50 %-8s p99 %-8s server CPU %s/req, other processes %.0f%% of CPUs, VmHWM %.0f MB",
				res.ReqPerSec, fmtDur(res.P50), fmtDur(res.P99), fmtDur(res.ServerCPUPerReq), res.ForeignShare, float64(res.HWMkB)*1024/1e6)
			if res.Non2xx > 0 || res.SocketErrors != "" {
				fmt.Printf("  non-2xx %d, socket errors: %s", res.Non2xx, res.SocketErrors)
			}
			fmt.Println()
		}
		if ep.Key == "dirMember" {
			r.PagesPeakRSSkB, _ = procStatus(srv.Pid(), "VmHWM")
		}
	}
	r.PeakRSSkB, _ = procStatus(srv.Pid(), "VmHWM")
	r.RSSkB, _ = procStatus(srv.Pid(), "VmRSS")
	fmt.Printf("==> server peak RSS (VmHWM) %.1f MB, RSS now %.1f MB\n", float64(r.PeakRSSkB)*1024/1e6, float64(r.RSSkB)*1024/1e6)
	srv.Stop()
	stopped = true

	targets := r.targets()
	missed := slices.ContainsFunc(targets, func(t Target) bool { return !t.Pass })
	if profile == "on" || (profile == "auto" && missed) {
		fmt.Println("==> CPU profile of the directory page under load (bench/pprofserver)")
		p, err := profileDirectory(root, buildDir, dataDir, r.Conns[0], duration)
		if err != nil {
			r.ProfileErr = err.Error()
			fmt.Println("  profile failed:", err)
		} else {
			r.Profile = p
			for _, c := range p.Categories {
				fmt.Printf("  %5.1f%%  %s\n", c.Percent, c.Name)
			}
		}
		fmt.Println("==> in-process Go benchmarks (go test ./bench -bench .)")
		if lines, err := goBenchmarks(root); err != nil {
			r.GoBenchErr = err.Error()
			fmt.Println("  failed:", err)
		} else {
			r.GoBench = lines
			for _, l := range lines {
				fmt.Printf("  %-40s %8.3f ms/op %8d B/op %6d allocs/op\n", l.Name, l.NsPerOp/1e6, l.BytesPerOp, l.AllocsPer)
			}
		}
	}
	r.Finished = time.Now()

	report := r.markdown(targets)
	if err := os.WriteFile(filepath.Join(root, out), []byte(report), 0o644); err != nil {
		return err
	}
	raw, _ := json.MarshalIndent(r, "", "  ")
	_ = os.WriteFile(filepath.Join(buildDir, "last-run.json"), raw, 0o644)
	fmt.Println("==> targets")
	for _, t := range targets {
		fmt.Printf("  %s  %-55s %s\n", passFail(t.Pass), t.Name, t.Measured)
	}
	fmt.Println("==> wrote", filepath.Join(root, out))
	if r.CheckFailed {
		return fmt.Errorf("some response checks failed; see the report")
	}
	return nil
}

var (
	reCardName = regexp.MustCompile(`<li class="card">(?s:.*?)<h2><a [^>]*>([^<]*)</a></h2>`)
	reCount    = regexp.MustCompile(`data-testid="org-count"[^>]*>([^<]*)<`)
	reStatic   = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)
	reDigits   = regexp.MustCompile(`\d[\d.,\x{202f}\x{a0}]*`)
)

func cardNames(page []byte) []string {
	var out []string
	for _, m := range reCardName.FindAllSubmatch(page, -1) {
		out = append(out, html.UnescapeString(string(m[1])))
	}
	return out
}

// pageCount is the "N Organisationen gefunden" figure of a directory page, or -1.
func pageCount(page []byte) int {
	m := reCount.FindSubmatch(page)
	if m == nil {
		return -1
	}
	d := reDigits.FindString(string(m[1]))
	n, err := strconv.Atoi(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, d))
	if err != nil {
		return -1
	}
	return n
}

type apiList struct {
	Page, PerPage, TotalItems, TotalPages int
	Items                                 []struct{ Name string }
}

func (r *Run) note(ok bool, format string, args ...any) {
	mark := "ok:"
	if !ok {
		mark = "FAILED:"
		r.CheckFailed = true
	}
	r.Checks = append(r.Checks, mark+" "+fmt.Sprintf(format, args...))
}

// check fetches every endpoint once (status, bytes as sent with gzip), compares the directory
// with PocketBase's JSON list, counts the filtered rows, and weighs the first load.
func (r *Run) check(base string) error {
	for _, ep := range endpoints {
		f, err := fetch(base + ep.Path)
		if err != nil {
			return fmt.Errorf("%s: %w", ep.Path, err)
		}
		if f.Status != 200 {
			return fmt.Errorf("%s answered %d:\n%s", ep.Path, f.Status, f.Body)
		}
		r.Sizes[ep.Key] = f
		ext := ".html"
		if strings.HasPrefix(ep.Path, "/api/") {
			ext = ".json"
		}
		_ = os.WriteFile(filepath.Join(r.buildDir, "response-"+ep.Key+ext), f.Body, 0o644)
	}
	dir := r.Sizes["dir"].Body
	names := cardNames(dir)
	var list apiList
	if err := json.Unmarshal(r.Sizes["apiList"].Body, &list); err != nil {
		return fmt.Errorf("JSON list: %w", err)
	}
	apiNames := make([]string, len(list.Items))
	for i, it := range list.Items {
		apiNames[i] = it.Name
	}
	same := len(names) == 50 && slices.Equal(names, apiNames)
	r.note(same, "the JSON list returns the same %d names in the same order as the directory page (page shows %d, first %q, last %q)",
		len(apiNames), len(names), first(names), last(names))
	r.note(pageCount(dir) == list.TotalItems && list.TotalItems == r.Data.Listed,
		"listed organisations: page says %d, JSON list totalItems %d, database %d", pageCount(dir), list.TotalItems, r.Data.Listed)

	filtered := r.Sizes["dirFiltered"].Body
	// Through /api/, `areas ?= 'x'` compares the whole JSON value; `areas:each ?= 'x'` looks inside.
	apiFilter := fmt.Sprintf(`(status='member'||status='partner')&&kind='%s'&&areas:each?='%s'`, filterKind, filterArea)
	fl, err := fetch(base + "/api/collections/organisations/records?perPage=1&filter=" + url.QueryEscape(apiFilter))
	if err != nil {
		return err
	}
	var flist apiList
	_ = json.Unmarshal(fl.Body, &flist)
	fn := len(cardNames(filtered))
	r.note(pageCount(filtered) == flist.TotalItems && flist.TotalItems == r.Data.FilterMatches && fn == min(50, flist.TotalItems),
		"filter kind=%s&area=%s matches %d organisations (page says %d and shows %d cards, JSON list totalItems %d, database %d)",
		filterKind, filterArea, r.Data.FilterMatches, pageCount(filtered), fn, flist.TotalItems, r.Data.FilterMatches)
	p3 := cardNames(r.Sizes["dirPage3"].Body)
	r.note(len(p3) == min(50, max(0, r.Data.Listed-100)) && (len(p3) == 0 || !slices.Contains(names, p3[0])),
		"page 3 shows %d cards (records 101–%d of %d)", len(p3), 100+len(p3), r.Data.Listed)
	for _, k := range []string{"dir", "dirFiltered", "dirPage3"} {
		r.note(r.Sizes[k].Encoding == "gzip", "%s is sent gzip-compressed (%s)", k, orNone(r.Sizes[k].Encoding))
	}

	// First load: the page, then the assets it links.
	r.FirstLoad = append(r.FirstLoad, Asset{URL: "/organisations", Wire: r.Sizes["dir"].Wire, Decoded: len(dir),
		Encoding: r.Sizes["dir"].Encoding, Counted: true})
	seen := map[string]bool{}
	for _, m := range reStatic.FindAllSubmatch(dir, -1) {
		u := html.UnescapeString(string(m[1]))
		if seen[u] {
			continue
		}
		seen[u] = true
		f, err := fetch(base + u)
		if err != nil {
			return err
		}
		if f.Status != 200 {
			return fmt.Errorf("%s answered %d", u, f.Status)
		}
		counted := strings.HasSuffix(u, ".css") || strings.HasSuffix(u, ".js")
		r.FirstLoad = append(r.FirstLoad, Asset{URL: u, Wire: f.Wire, Decoded: len(f.Body), Encoding: f.Encoding, Counted: counted})
	}
	var css, js bool
	for _, a := range r.FirstLoad {
		css = css || strings.HasSuffix(a.URL, "/app.css")
		js = js || strings.HasSuffix(a.URL, "/htmx.min.js")
	}
	r.note(css && js, "the page links app.css and htmx.min.js under /static/<version>/")
	return nil
}

func (r *Run) firstLoadBytes() int {
	n := 0
	for _, a := range r.FirstLoad {
		if a.Counted {
			n += a.Wire
		}
	}
	return n
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func last(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}

func orNone(s string) string {
	if s == "" {
		return "identity"
	}
	return s
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= 10*time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
}

func passFail(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}
