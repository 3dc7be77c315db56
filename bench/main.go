// Command bench is Komitee's benchmark harness: `go run ./bench` from the module root.
//
// It builds the server as released (CGO off, stripped, outside the temp dir), fills bench/data
// with 500 organisations, 5,000 people and 2,000 meetings (reused when present), starts the
// server, measures the directory and meeting pages (public and signed in) next to PocketBase's
// own JSON lists of the same records and /api/health with wrk at 16 and 32 connections, and
// writes BENCHMARKS.md. When a target is missed it also takes CPU profiles of the directory page
// and of the signed-in meeting pages that missed one (bench/pprofserver). See the top of
// BENCHMARKS.md.
package main

import (
	"bytes"
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
	// As is who asks: "" the public; "member" or "coordinator" signed in (the session cookie on
	// pages, the Authorization header on /api/).
	As string
	// Versus is the key of the JSON row that the "÷ JSON list" column divides by ("" apiList).
	Versus string
	// Targets: the req/s targets (÷ /api/health, ÷ JSON list) apply to this page.
	Targets bool
	// Short names the row in the targets.
	Short string
}

const apiListPath = "/api/collections/organisations/records?perPage=50&sort=name&filter=(status%3D%27member%27%7C%7Cstatus%3D%27partner%27)"

// The meeting rows. The list pages show upcoming meetings soonest first (or past ones latest
// first), 30 a page; /api/ reads the same records with the same filter, order and reader.
var (
	meetingsPast2Path    = "/meetings?when=past&page=2"
	meetingsMemberPath   = "/meetings?page=1" // page 1 spelt out, as memberPath
	meetingPath          = "/meetings/" + benchMeetingID
	meetingsAPIPath      = "/api/collections/meetings/records?perPage=30&sort=starts&filter=" + url.QueryEscape(`(starts=''||ends>=@now)`)
	meetingsPastAPIPath  = "/api/collections/meetings/records?page=2&perPage=30&sort=-starts&filter=" + url.QueryEscape(`(starts!=''&&ends<@now)`)
	agendaAPIPath        = "/api/collections/agenda_items/records?perPage=60&sort=position&filter=" + url.QueryEscape(`meeting='`+benchMeetingID+`'`)
	registrationsAPIPath = "/api/collections/registrations/records?filter=" + url.QueryEscape(`meeting='`+benchMeetingID+`'`) + "&perPage=60"
)

// The topic rows: the topics list by support (50 a page; the public sees the public topics, a
// member all), the bench round's results page (members only) and PocketBase's JSON lists of
// the same records for the same reader.
var (
	topicsPath       = "/topics?sort=support"
	topicsMemberPath = "/topics?sort=support&page=1" // page 1 spelt out, as memberPath
	roundPath        = "/rounds/" + benchRoundID
	topicsAPIPath    = "/api/collections/topics/records?perPage=50&sort=-supports,-created"
	roundAPIPath     = "/api/collections/round_topics/records?filter=" + url.QueryEscape(`round='`+benchRoundID+`'`) + "&perPage=40&sort=-dots"
)

// The rows of needs and offers, the actions, the bench statement and the home page (issues 10
// and 11): the board's open entries newest first (the public sees those marked public, a member
// all), the actions by due date (the public sees the public ones, grouped by status), the bench
// statement with its 200 signing organisations; and PocketBase's JSON lists of the same records
// for the same reader.
var (
	needsPath            = "/needs?status=open"
	needsMemberPath      = "/needs?status=open&page=1"
	needsAPIPath         = "/api/collections/needs/records?perPage=50&sort=-created&filter=" + url.QueryEscape(`status='open'`)
	actionsMemberPath    = "/actions?page=1"
	actionsAPIPath       = "/api/collections/actions/records?perPage=50&sort=due&filter=" + url.QueryEscape(`public=true`)
	actionsAPIMemberPath = "/api/collections/actions/records?perPage=50&sort=due"
	statementPath        = "/statements/" + benchStatementSlug
	signaturesAPIPath    = "/api/collections/signatures/records?perPage=200&filter=" + url.QueryEscape(`statement='`+benchStatementID+`'`)
)

// topicKeys are the topic page rows, also measured on the data set with 1,000 topics.
var topicKeys = []string{"topics", "topicsMember", "round"}

// endpoints in the order run: pages first, then PocketBase's /api/ rows, /api/health last.
var endpoints = []Endpoint{
	{Key: "dir", Label: "Directory `/organisations`", Path: "/organisations", Targets: true, Short: "directory"},
	{Key: "dirFiltered", Label: "Directory filtered `?kind=" + filterKind + "&area=" + filterArea + "`", Path: "/organisations?kind=" + filterKind + "&area=" + filterArea, Short: "filtered directory"},
	{Key: "dirPage3", Label: "Directory page 3 `?page=3`", Path: "/organisations?page=3", Short: "directory page 3"},
	{Key: "dirMember", Label: "Directory as a signed-in member (never cached)", Path: memberPath, As: "member", Targets: true, Short: "directory as a member"},
	{Key: "meet", Label: "Meetings `/meetings` (upcoming, cached ≤ 1 min)", Path: "/meetings", Versus: "meetAPI", Targets: true, Short: "meetings list"},
	{Key: "meetPast2", Label: "Meetings past, page 2 `?when=past&page=2` (cached ≤ 1 min)", Path: meetingsPast2Path, Versus: "meetAPI", Targets: true, Short: "past meetings page 2"},
	{Key: "meetMember", Label: "Meetings as a signed-in member (never cached)", Path: meetingsMemberPath, As: "member", Versus: "meetAPIMember", Targets: true, Short: "meetings list as a member"},
	{Key: "meeting", Label: "Meeting page `/meetings/{id}`, the big meeting (cached ≤ 1 min)", Path: meetingPath, Versus: "agendaAPI", Targets: true, Short: "meeting page"},
	{Key: "meetingCoord", Label: "Meeting page as the coordinator (never cached; organiser tools)", Path: meetingPath, As: "coordinator", Versus: "agendaAPI", Targets: true, Short: "meeting page as the coordinator"},
	{Key: "topics", Label: "Topics by support `/topics?sort=support` (cached)", Path: topicsPath, Versus: "topicsAPI", Targets: true, Short: "topics list"},
	{Key: "topicsMember", Label: "Topics by support as a signed-in member (never cached)", Path: topicsMemberPath, As: "member", Versus: "topicsAPIMember", Targets: true, Short: "topics list as a member"},
	{Key: "round", Label: "Round results `/rounds/{id}`, 40 topics, as a member (members only, never cached)", Path: roundPath, As: "member", Versus: "roundAPI", Targets: true, Short: "round results as a member"},
	{Key: "home", Label: "Home page `/` for visitors (cached ≤ 1 min)", Path: "/", Targets: true, Short: "home page"},
	{Key: "homeMember", Label: "Home page as a signed-in member (never cached)", Path: "/?page=1", As: "member", Targets: true, Short: "home page as a member"},
	{Key: "needs", Label: "Needs board, open entries `/needs?status=open` (the public ones; cached)", Path: needsPath, Versus: "needsAPI", Targets: true, Short: "needs board"},
	{Key: "needsMember", Label: "Needs board, open entries, as a signed-in member (never cached)", Path: needsMemberPath, As: "member", Versus: "needsAPIMember", Targets: true, Short: "needs board as a member"},
	{Key: "actions", Label: "Actions `/actions` for the public (the public ones grouped by status; cached)", Path: "/actions", Versus: "actionsAPI", Targets: true, Short: "public actions"},
	{Key: "actionsMember", Label: "Actions by due date as a signed-in member (never cached)", Path: actionsMemberPath, As: "member", Versus: "actionsAPIMember", Targets: true, Short: "actions as a member"},
	{Key: "statement", Label: "Statement with 200 signing organisations `/statements/{slug}`, public", Path: statementPath, Versus: "signaturesAPI", Targets: true, Short: "statement page"},
	{Key: "statementMember", Label: "Statement with 200 signing organisations as a signed-in member", Path: statementPath + "?page=1", As: "member", Versus: "signaturesAPIMember", Targets: true, Short: "statement page as a member"},
	{Key: "apiList", Label: "PocketBase JSON list, same 50 records", Path: apiListPath, Short: "PocketBase JSON list"},
	{Key: "meetAPI", Label: "PocketBase JSON list, same 30 upcoming meetings", Path: meetingsAPIPath, Versus: "meetAPI", Short: "the JSON list of the same meetings"},
	{Key: "meetAPIMember", Label: "PocketBase JSON list, same 30 meetings as the member", Path: meetingsAPIPath, As: "member", Versus: "meetAPIMember", Short: "the JSON list of the same meetings as the member"},
	{Key: "agendaAPI", Label: "PocketBase JSON list, the big meeting's 12 agenda items as the coordinator", Path: agendaAPIPath, As: "coordinator", Versus: "agendaAPI", Short: "the JSON list of its agenda items"},
	{Key: "regsAPI", Label: "PocketBase JSON list, the big meeting's 60 registrations as the coordinator", Path: registrationsAPIPath, As: "coordinator", Versus: "regsAPI", Short: "the JSON list of its registrations"},
	{Key: "topicsAPI", Label: "PocketBase JSON list, same 50 topics", Path: topicsAPIPath, Versus: "topicsAPI", Short: "the JSON list of the same topics"},
	{Key: "topicsAPIMember", Label: "PocketBase JSON list, same 50 topics as the member", Path: topicsAPIPath, As: "member", Versus: "topicsAPIMember", Short: "the JSON list of the same topics as the member"},
	{Key: "roundAPI", Label: "PocketBase JSON list, the round's 40 totals as the member", Path: roundAPIPath, As: "member", Versus: "roundAPI", Short: "the JSON list of the round's totals"},
	{Key: "needsAPI", Label: "PocketBase JSON list, same 50 open needs and offers", Path: needsAPIPath, Versus: "needsAPI", Short: "the JSON list of the same entries"},
	{Key: "needsAPIMember", Label: "PocketBase JSON list, same 50 open needs and offers as the member", Path: needsAPIPath, As: "member", Versus: "needsAPIMember", Short: "the JSON list of the same entries as the member"},
	{Key: "actionsAPI", Label: "PocketBase JSON list, the first 50 public actions by due date", Path: actionsAPIPath, Versus: "actionsAPI", Short: "the JSON list of public actions"},
	{Key: "actionsAPIMember", Label: "PocketBase JSON list, same 50 actions as the member", Path: actionsAPIMemberPath, As: "member", Versus: "actionsAPIMember", Short: "the JSON list of the same actions as the member"},
	{Key: "signaturesAPI", Label: "PocketBase JSON list, the bench statement's 200 signatures", Path: signaturesAPIPath, Versus: "signaturesAPI", Short: "the JSON list of its signatures"},
	{Key: "signaturesAPIMember", Label: "PocketBase JSON list, the bench statement's 200 signatures as the member", Path: signaturesAPIPath, As: "member", Versus: "signaturesAPIMember", Short: "the JSON list of its signatures as the member"},
	{Key: "health", Label: "`/api/health`", Path: "/api/health", Short: "/api/health"},
}

// versus is the key of the JSON row ep is compared with.
func (ep Endpoint) versus() string {
	if ep.Versus == "" {
		return "apiList"
	}
	return ep.Versus
}

// Run is everything one harness run measured.
type Run struct {
	Started, Finished time.Time
	Machine           Machine
	Data              *DataSet
	DataReused        bool // r.Data.Reused and .Took, kept for -from-json (the marker file leaves them out)
	DataTook          time.Duration
	Duration, Warmup  time.Duration
	Conns             []int
	Sizes             map[string]*Fetched
	Checks            []string // verification notes, one line each
	CheckFailed       bool
	FirstLoad         []Asset    // the directory's
	Loads             []PageLoad // every page's first load, the directory's included
	Notes             map[string]string
	Results           map[int]map[string]*WrkResult
	PeakRSSkB, RSSkB  int
	PagesPeakRSSkB    int // VmHWM after the page rows, before the /api/ rows
	Load1Start        float64
	Profiles          []*ProfileResult // the directory's first, then signed-in meeting pages that missed a target
	ProfileErrs       []string
	// The topic rows at targetP99Conns on the data set with 1,000 topics (bench/data-1k).
	Topics1k     map[string]*WrkResult
	Topics1kData *TopicStats
	Topics1kErr  string
	GoBench      []BenchLine
	GoBenchErr   string
	buildDir     string
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
	profile := flag.String("profile", "auto", "CPU profiles of the directory and the signed-in meeting pages under load: auto (when a target is missed), on, off")
	out := flag.String("o", "BENCHMARKS.md", "report file, relative to the module root")
	quiet := flag.Duration("quiet-wait", time.Minute, "before each row, wait up to this long for other processes to use < 15% of the CPUs")
	topics1k := flag.Bool("topics1k", true, "also run the topic page rows at 16 connections on a data set with 1,000 topics (bench/data-1k) and compare their p99")
	fromJSON := flag.String("from-json", "", "measure nothing: write the report again from a run's bench/.build/last-run.json (after changing the report's text)")
	flag.Parse()
	quietWait = *quiet
	if *fromJSON != "" {
		if err := rewrite(*fromJSON, *out); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*duration, *warmup, *connsFlag, *fresh, *topics1k, *profile, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(duration, warmup time.Duration, connsFlag string, fresh, topics1k bool, profile, out string) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return fmt.Errorf("wrk is not installed; install it with: apt-get install wrk")
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	r := &Run{Started: time.Now(), Duration: duration, Warmup: warmup, Sizes: map[string]*Fetched{},
		Results: map[int]map[string]*WrkResult{}, Notes: map[string]string{}}
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
	r.DataReused, r.DataTook = r.Data.Reused, r.Data.Took
	if r.Data.Reused {
		fmt.Printf("  reused (%d organisations, %d people, %d meetings)\n", r.Data.Organisations, r.Data.Users, r.Data.Meetings)
	} else {
		fmt.Printf("  generated in %s (%d organisations, %d people, %d memberships, %d contacts, %d meetings, %d agenda items, %d registrations)\n",
			r.Data.Took.Round(time.Millisecond), r.Data.Organisations, r.Data.Users, r.Data.MembershipsAll, r.Data.Contacts,
			r.Data.Meetings, r.Data.AgendaItems, r.Data.Registrations)
	}

	if sessions, err = sessionsIn(dataDir); err != nil {
		return fmt.Errorf("sessions: %w", err)
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
	if err := r.check(func(path, as string) (*Fetched, error) { return fetch(srv.Base+path, as) }); err != nil {
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
	for i, ep := range endpoints {
		for _, conns := range r.Conns {
			who := ""
			if ep.As != "" {
				who = " as " + ep.As
			}
			fmt.Printf("==> %-60s c=%d ", shorten(ep.Path, 45)+who, conns)
			if quietWait > 0 {
				waitQuiet(srv.Pid(), quietWait)
			}
			if warmup > 0 {
				if _, err := runWrk(srv.Base+ep.Path, ep.As, conns, warmup); err != nil {
					return err
				}
			}
			res, err := measure(srv.Pid(), srv.Base+ep.Path, ep.As, conns, duration)
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
		if !isAPI(ep.Path) && i+1 < len(endpoints) && isAPI(endpoints[i+1].Path) {
			r.PagesPeakRSSkB, _ = procStatus(srv.Pid(), "VmHWM")
		}
	}
	r.PeakRSSkB, _ = procStatus(srv.Pid(), "VmHWM")
	r.RSSkB, _ = procStatus(srv.Pid(), "VmRSS")
	fmt.Printf("==> server peak RSS (VmHWM) %.1f MB, RSS now %.1f MB\n", float64(r.PeakRSSkB)*1024/1e6, float64(r.RSSkB)*1024/1e6)
	srv.Stop()
	stopped = true

	if topics1k {
		fmt.Println("==> the topic rows on the data set with 1,000 topics (bench/data-1k)")
		if err := r.runTopics1k(bin, root, fresh, warmup, duration); err != nil {
			r.Topics1kErr = err.Error()
			fmt.Println("  failed:", err)
		}
	}

	targets := r.targets()
	missed := slices.ContainsFunc(targets, func(t Target) bool { return !t.Pass })
	if profile == "on" || (profile == "auto" && missed) {
		// The directory always; a signed-in meeting page when it missed a target (or with -profile on).
		toProfile := []Endpoint{endpoints[0]}
		for _, k := range []string{"meetMember", "meetingCoord"} {
			if profile == "on" || slices.ContainsFunc(targets, func(t Target) bool { return t.Key == k && !t.Pass }) {
				toProfile = append(toProfile, endpointOf(k))
			}
		}
		for _, ep := range toProfile {
			fmt.Printf("==> CPU profile of %s under load (bench/pprofserver)\n", ep.Label)
			p, err := profilePage(root, buildDir, dataDir, ep, r.Conns[0], duration)
			if err != nil {
				r.ProfileErrs = append(r.ProfileErrs, ep.Label+": "+err.Error())
				fmt.Println("  profile failed:", err)
				continue
			}
			r.Profiles = append(r.Profiles, p)
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

// runTopics1k measures the topic page rows at targetP99Conns on the full data set with a tenth
// of the topics and votes, so that the report can compare their p99 at 1,000 and 10,000 topics.
func (r *Run) runTopics1k(bin, root string, fresh bool, warmup, duration time.Duration) error {
	dir := filepath.Join(root, "bench", "data-1k")
	ds, err := ensureDataSize(dir, fresh, size1k)
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	r.Topics1kData = &ds.Topic
	fmt.Printf("  %d topics, %d votes (reused %v)\n", ds.Topic.Topics, ds.Topic.Votes, ds.Reused)
	saved := sessions
	defer func() { sessions = saved }()
	if sessions, err = sessionsIn(dir); err != nil {
		return err
	}
	srv, err := startServer(bin, dir, filepath.Join(r.buildDir, "server-1k.log"))
	if err != nil {
		return err
	}
	defer srv.Stop()
	r.Topics1k = map[string]*WrkResult{}
	for _, k := range topicKeys {
		ep := endpointOf(k)
		if f, err := fetch(srv.Base+ep.Path, ep.As); err != nil || f.Status != 200 {
			return fmt.Errorf("%s (as %q) on the 1k data set: %v", ep.Path, ep.As, err)
		}
		fmt.Printf("==> %-60s c=%d ", shorten(ep.Path, 45)+" (1k topics)", targetP99Conns)
		if quietWait > 0 {
			waitQuiet(srv.Pid(), quietWait)
		}
		if warmup > 0 {
			if _, err := runWrk(srv.Base+ep.Path, ep.As, targetP99Conns, warmup); err != nil {
				return err
			}
		}
		res, err := measure(srv.Pid(), srv.Base+ep.Path, ep.As, targetP99Conns, duration)
		if err != nil {
			return err
		}
		r.Topics1k[k] = res
		fmt.Printf("%8.0f req/s  p50 %-8s p99 %-8s\n", res.ReqPerSec, fmtDur(res.P50), fmtDur(res.P99))
	}
	return nil
}

// rewrite writes the report of an earlier run again from its last-run.json.
func rewrite(jsonPath, out string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	b, err := os.ReadFile(jsonPath)
	if err != nil {
		return err
	}
	var r Run
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", jsonPath, err)
	}
	if r.Data == nil || len(r.Results) == 0 {
		return fmt.Errorf("%s holds no run", jsonPath)
	}
	r.Data.Reused, r.Data.Took = r.DataReused, r.DataTook
	if err := os.WriteFile(filepath.Join(root, out), []byte(r.markdown(r.targets())), 0o644); err != nil {
		return err
	}
	fmt.Println("==> wrote", filepath.Join(root, out), "from", jsonPath)
	return nil
}

var (
	reCardName    = regexp.MustCompile(`<li class="card">(?s:.*?)<h2><a [^>]*>([^<]*)</a></h2>`)
	reMeetingCard = regexp.MustCompile(`<li class="card meeting-card">(?s:.*?)<h2><a href="/meetings/([a-z0-9]+)"`)
	reCount       = regexp.MustCompile(`data-testid="(?:org|meeting|topic)-count"[^>]*>([^<]*)<`)
	reStatic      = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)
	reDigits      = regexp.MustCompile(`\d[\d.,\x{202f}\x{a0}]*`)
	reOption      = regexp.MustCompile(`<option\b`)
)

func cardNames(page []byte) []string {
	var out []string
	for _, m := range reCardName.FindAllSubmatch(page, -1) {
		out = append(out, html.UnescapeString(string(m[1])))
	}
	return out
}

// meetingIDs are the ids of the meetings a list page shows, in order.
func meetingIDs(page []byte) []string {
	var out []string
	for _, m := range reMeetingCard.FindAllSubmatch(page, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// pageCount is the "N Organisationen gefunden" (or "N Treffen") figure of a list page, or -1.
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
	Items                                 []struct {
		ID, Name, Title, Meeting, User, Topic string
		Dots                                  int
	}
}

func (l *apiList) ids() []string {
	out := make([]string, len(l.Items))
	for i, it := range l.Items {
		out[i] = it.ID
	}
	return out
}

func (r *Run) note(ok bool, format string, args ...any) {
	mark := "ok:"
	if !ok {
		mark = "FAILED:"
		r.CheckFailed = true
	}
	r.Checks = append(r.Checks, mark+" "+fmt.Sprintf(format, args...))
}

// getter GETs a path of the server as role as ("" for the public): over the network in a run,
// through the handler in the test.
type getter func(path, as string) (*Fetched, error)

// PageLoad is what a first visit to a page loads: its HTML and the CSS and JS it links, as sent.
type PageLoad struct {
	Key, Label, Path string
	HTML, CSSJS      int
}

func (l PageLoad) Total() int { return l.HTML + l.CSSJS }

// check fetches every endpoint once (status, bytes as sent with gzip), compares the pages with
// PocketBase's JSON lists of the same records, counts the filtered and paged rows, and weighs
// the first loads.
func (r *Run) check(get getter) error {
	for _, ep := range endpoints {
		f, err := get(ep.Path, ep.As)
		if err != nil {
			return fmt.Errorf("%s: %w", ep.Path, err)
		}
		if f.Status != 200 {
			return fmt.Errorf("%s (as %q) answered %d:\n%s", ep.Path, ep.As, f.Status, f.Body)
		}
		r.Sizes[ep.Key] = f
		ext := ".html"
		if isAPI(ep.Path) {
			ext = ".json"
		}
		_ = os.WriteFile(filepath.Join(r.buildDir, "response-"+ep.Key+ext), f.Body, 0o644)
	}
	lists := map[string]*apiList{}
	for _, ep := range endpoints {
		if isAPI(ep.Path) && ep.Key != "health" {
			var l apiList
			if err := json.Unmarshal(r.Sizes[ep.Key].Body, &l); err != nil {
				return fmt.Errorf("%s: %w", ep.Key, err)
			}
			lists[ep.Key] = &l
		}
	}
	if err := r.checkDirectory(get, lists["apiList"]); err != nil {
		return err
	}
	if err := r.checkMeetings(get, lists); err != nil {
		return err
	}
	r.checkTopics(lists)
	r.checkSite(lists)
	for _, ep := range endpoints {
		if !isAPI(ep.Path) {
			r.note(r.Sizes[ep.Key].Encoding == "gzip", "%s is sent gzip-compressed (%s)", ep.Key, orNone(r.Sizes[ep.Key].Encoding))
		}
	}

	// First loads: each page, then the assets it links (the same for all pages).
	assets := map[string]*Fetched{}
	for _, ep := range endpoints {
		if isAPI(ep.Path) {
			continue
		}
		page := r.Sizes[ep.Key]
		load := PageLoad{Key: ep.Key, Label: ep.Label, Path: ep.Path, HTML: page.Wire}
		seen := map[string]bool{}
		var css, js bool
		for _, m := range reStatic.FindAllSubmatch(page.Body, -1) {
			u := html.UnescapeString(string(m[1]))
			if seen[u] {
				continue
			}
			seen[u] = true
			f := assets[u]
			if f == nil {
				var err error
				if f, err = get(u, ""); err != nil {
					return err
				}
				if f.Status != 200 {
					return fmt.Errorf("%s answered %d", u, f.Status)
				}
				assets[u] = f
			}
			counted := strings.HasSuffix(u, ".css") || strings.HasSuffix(u, ".js")
			if counted {
				load.CSSJS += f.Wire
			}
			css = css || strings.HasSuffix(u, "/app.css")
			js = js || strings.HasSuffix(u, "/htmx.min.js")
			if ep.Key == "dir" {
				if len(r.FirstLoad) == 0 {
					r.FirstLoad = append(r.FirstLoad, Asset{URL: "/organisations", Wire: page.Wire, Decoded: len(page.Body),
						Encoding: page.Encoding, Counted: true})
				}
				r.FirstLoad = append(r.FirstLoad, Asset{URL: u, Wire: f.Wire, Decoded: len(f.Body), Encoding: f.Encoding, Counted: counted})
			}
		}
		if ep.Key == "dir" || ep.Key == "meet" {
			r.note(css && js, "%s links app.css and htmx.min.js under /static/<version>/", ep.Path)
		}
		r.Loads = append(r.Loads, load)
	}
	return nil
}

// checkDirectory compares the directory with PocketBase's JSON list and counts its rows.
func (r *Run) checkDirectory(get getter, list *apiList) error {
	dir := r.Sizes["dir"].Body
	names := cardNames(dir)
	apiNames := make([]string, len(list.Items))
	for i, it := range list.Items {
		apiNames[i] = it.Name
	}
	same := len(names) == min(50, r.Data.Listed) && slices.Equal(names, apiNames)
	r.note(same, "the JSON list returns the same %d names in the same order as the directory page (page shows %d, first %q, last %q)",
		len(apiNames), len(names), first(names), last(names))
	r.note(pageCount(dir) == list.TotalItems && list.TotalItems == r.Data.Listed,
		"listed organisations: page says %d, JSON list totalItems %d, database %d", pageCount(dir), list.TotalItems, r.Data.Listed)

	filtered := r.Sizes["dirFiltered"].Body
	// Through /api/, `areas ?= 'x'` compares the whole JSON value; `areas:each ?= 'x'` looks inside.
	apiFilter := fmt.Sprintf(`(status='member'||status='partner')&&kind='%s'&&areas:each?='%s'`, filterKind, filterArea)
	fl, err := get("/api/collections/organisations/records?perPage=1&filter="+url.QueryEscape(apiFilter), "")
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
	return nil
}

// checkMeetings compares the meeting lists with PocketBase's JSON lists (same records, same
// order, same totals as the database), and the big meeting's page with its agenda and
// registrations through /api/: what the public sees and what the coordinator sees.
func (r *Run) checkMeetings(get getter, lists map[string]*apiList) error {
	d := r.Data
	compare := func(key, apiKey string, api *apiList, want, wantRows int, what string) {
		ids := meetingIDs(r.Sizes[key].Body)
		r.note(len(ids) == wantRows && slices.Equal(ids, api.ids()) && pageCount(r.Sizes[key].Body) == want && api.TotalItems == want,
			"%s: the page shows %d meetings, the JSON list (%s) returns the same ids in the same order (%v); page says %d, JSON list totalItems %d, database %d",
			what, len(ids), apiKey, slices.Equal(ids, api.ids()), pageCount(r.Sizes[key].Body), api.TotalItems, want)
	}
	compare("meet", "meetAPI", lists["meetAPI"], d.UpcomingPublic, min(30, d.UpcomingPublic), "upcoming meetings, public")
	compare("meetMember", "meetAPIMember", lists["meetAPIMember"], d.UpcomingAll, min(30, d.UpcomingAll), "upcoming meetings, as the member")
	pf, err := get(meetingsPastAPIPath, "")
	if err != nil {
		return err
	}
	var past apiList
	if err := json.Unmarshal(pf.Body, &past); err != nil {
		return fmt.Errorf("past meetings JSON: %w", err)
	}
	compare("meetPast2", "page 2, latest first", &past, d.PastPublic, min(30, max(0, d.PastPublic-30)), "past meetings page 2, public")
	r.note(d.UpcomingPublic < d.UpcomingAll, "the member sees more upcoming meetings (%d) than the public (%d)", d.UpcomingAll, d.UpcomingPublic)

	pub, coord := r.Sizes["meeting"].Body, r.Sizes["meetingCoord"].Body
	items := func(b []byte) int { return bytes.Count(b, []byte(`class="agenda-head"`)) }
	tools := func(b []byte) bool { return bytes.Contains(b, []byte(`class="box organiser"`)) }
	r.note(bytes.Contains(pub, []byte(html.EscapeString(d.Big.Title))) && items(pub) == bigAgenda && items(coord) == bigAgenda,
		"the big meeting's page shows its %d agenda items to the public (%d) and to the coordinator (%d)", bigAgenda, items(pub), items(coord))
	r.note(!tools(pub) && tools(coord) && bytes.Contains(coord, []byte(`data-testid="agenda-form"`)),
		"organiser tools and the agenda form: on the coordinator's page (%v), not on the public's (%v)", tools(coord), tools(pub))
	r.note(bytes.Contains(pub, []byte(`data-testid="register-link"`)),
		"the public page offers registration (a public event ahead, open to guests)")
	opts := len(reOption.FindAll(coord, -1))
	r.Notes["coordOptions"] = strconv.Itoa(opts)
	r.note(true, "the coordinator's page has %d <option>s (the agenda form's presenter and organisation choices) and is %s bytes uncompressed, the public's %s",
		opts, thousands(len(coord)), thousands(len(pub)))
	ag, rg := lists["agendaAPI"], lists["regsAPI"]
	regUsers := map[string]bool{}
	for _, it := range rg.Items {
		regUsers[it.User] = true
	}
	r.note(ag.TotalItems == bigAgenda && len(ag.Items) == bigAgenda && d.Big.Agenda == bigAgenda,
		"the big meeting's agenda through /api/ as the coordinator: %d items (database %d)", ag.TotalItems, d.Big.Agenda)
	r.note(rg.TotalItems == bigRegistrations && len(rg.Items) == bigRegistrations && len(regUsers) == bigRegistrations,
		"the big meeting's registrations through /api/ as the coordinator: %d, of %d different people (database: %d with interpreting, %d with children, %d wheelchair, %d other access needs; %d of %d places taken)",
		rg.TotalItems, len(regUsers), d.Big.Interpreting, d.Big.Children, d.Big.Wheelchair, d.Big.AccessNeeds, d.Big.People, d.Big.Capacity)
	return nil
}

var (
	reTopicCard  = regexp.MustCompile(`<li class="card topic-card"[^>]*>(?s:.*?)<a href="/topics/([a-z0-9]+)"`)
	reResults    = regexp.MustCompile(`(?s)<ol class="results"[^>]*>(.*?)</ol>`)
	reTopicLink  = regexp.MustCompile(`href="/topics/([a-z0-9]+)"`)
	reResultDots = regexp.MustCompile(`data-testid="topic-dots">([^<]*)<`)
)

// topicIDs are the ids of the topics a list page shows, in order.
func topicIDs(page []byte) []string {
	var out []string
	for _, m := range reTopicCard.FindAllSubmatch(page, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// resultIDs are the topic ids of a round's results, in order, with their dots.
func resultIDs(page []byte) ([]string, []int) {
	m := reResults.FindSubmatch(page)
	if m == nil {
		return nil, nil
	}
	var ids []string
	var dots []int
	for _, l := range reTopicLink.FindAllSubmatch(m[1], -1) {
		ids = append(ids, string(l[1]))
	}
	for _, d := range reResultDots.FindAllSubmatch(m[1], -1) {
		dots = append(dots, firstNumber(string(d[1])))
	}
	return ids, dots
}

// checkTopics compares the topics lists with PocketBase's JSON lists (same ids, same order, same
// totals as the database), and the bench round's results with its totals through /api/.
func (r *Run) checkTopics(lists map[string]*apiList) {
	d := r.Data.Topic
	for _, c := range []struct {
		key, apiKey string
		want        int
		who         string
	}{{"topics", "topicsAPI", d.Public, "public"}, {"topicsMember", "topicsAPIMember", d.Topics, "as the member"}} {
		ids, api := topicIDs(r.Sizes[c.key].Body), lists[c.apiKey]
		r.note(len(ids) == min(50, c.want) && slices.Equal(ids, api.ids()) && pageCount(r.Sizes[c.key].Body) == c.want && api.TotalItems == c.want,
			"topics by support, %s: the page shows %d topics, the JSON list returns the same ids in the same order (%v); page says %d, JSON list totalItems %d, database %d",
			c.who, len(ids), slices.Equal(ids, api.ids()), pageCount(r.Sizes[c.key].Body), api.TotalItems, c.want)
	}
	ids, dots := resultIDs(r.Sizes["round"].Body)
	api := lists["roundAPI"]
	apiTopics, apiDots := map[string]int{}, 0
	for _, it := range api.Items {
		apiTopics[it.Topic] = it.Dots
		apiDots += it.Dots
	}
	same, sum := len(ids) == len(apiTopics) && len(dots) == len(ids), 0
	for i, id := range ids {
		if i < len(dots) {
			same = same && apiTopics[id] == dots[i]
			sum += dots[i]
			same = same && (i == 0 || dots[i] <= dots[i-1])
		}
	}
	r.note(same && len(ids) == roundTopicCount && api.TotalItems == roundTopicCount && sum == d.Round.Dots && apiDots == d.Round.Dots,
		"the round's results page ranks its %d topics by dots (%d shown, %d dots; most %s) with the totals of the JSON list (%d records, %d dots; database %d topics, %d dots, %d ballots)",
		roundTopicCount, len(ids), sum, first(ints(dots)), api.TotalItems, apiDots, d.Round.Topics, d.Round.Dots, d.Round.Ballots)
	r.note(d.BadCounts == 0, "kept counts (topics.supports and .comments, round_topics.dots and .voters, rounds.ballots) agree with their rows: %d differ", d.BadCounts)
}

// firstNumber is the first number in s, thousands separators dropped (-1 for none).
func firstNumber(s string) int {
	d := reDigits.FindString(s)
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

func ints(v []int) []string {
	out := make([]string, len(v))
	for i, n := range v {
		out[i] = strconv.Itoa(n)
	}
	return out
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

// load is the first load of the page row key.
func (r *Run) load(key string) PageLoad {
	for _, l := range r.Loads {
		if l.Key == key {
			return l
		}
	}
	return PageLoad{Key: key}
}

func endpointOf(key string) Endpoint {
	for _, ep := range endpoints {
		if ep.Key == key {
			return ep
		}
	}
	panic("no endpoint " + key)
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
