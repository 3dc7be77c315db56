package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ProfileResult is a CPU profile of a page under wrk load.
type ProfileResult struct {
	Key, Label  string
	As          string
	Path        string
	Conns       int
	Total       string // total sample time, e.g. "17.2s"
	Seconds     string // profile duration
	ReqPerSec   float64
	CPUPerReqMs float64
	Categories  []Share
	Cum         []Share
	Top         string
	File        string
}

// Share is a part of the profile.
type Share struct {
	Name    string
	Percent float64
}

// profilePage builds bench/pprofserver (once a run), loads the page of ep with wrk and takes a
// CPU profile of d seconds in the middle of the load.
func profilePage(root, buildDir, dataDir string, ep Endpoint, conns int, d time.Duration) (*ProfileResult, error) {
	bin := filepath.Join(buildDir, "komitee-pprof")
	if !pprofBuilt {
		if err := build(root, "./bench/pprofserver", bin, false); err != nil {
			return nil, err
		}
		pprofBuilt = true
	}
	pport, err := freePort()
	if err != nil {
		return nil, err
	}
	pprofAddr := "127.0.0.1:" + strconv.Itoa(pport)
	srv, err := startServer(bin, dataDir, filepath.Join(buildDir, "server-pprof.log"), "KOMITEE_PPROF_ADDR="+pprofAddr)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	path := ep.Path
	if quietWait > 0 {
		waitQuiet(srv.Pid(), quietWait)
	}
	if _, err := runWrk(srv.Base+path, ep.As, conns, 2*time.Second); err != nil {
		return nil, err
	}
	type wrkDone struct {
		res *WrkResult
		err error
	}
	done := make(chan wrkDone, 1)
	go func() {
		res, err := runWrk(srv.Base+path, ep.As, conns, d+3*time.Second)
		done <- wrkDone{res, err}
	}()
	time.Sleep(time.Second)
	secs := int(d.Seconds())
	res, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", pprofAddr, secs))
	if err != nil {
		<-done
		return nil, err
	}
	name := ep.Key
	if ep.Key == "dir" {
		name = "directory"
	}
	file := filepath.Join(buildDir, name+".cpu.pprof")
	f, err := os.Create(file)
	if err != nil {
		res.Body.Close()
		<-done
		return nil, err
	}
	_, err = io.Copy(f, res.Body)
	res.Body.Close()
	f.Close()
	w := <-done
	if err != nil {
		return nil, err
	}
	if w.err != nil {
		return nil, w.err
	}
	if res.StatusCode != 200 {
		return nil, fmt.Errorf("pprof answered %d", res.StatusCode)
	}
	p := &ProfileResult{Key: ep.Key, Label: ep.Label, As: ep.As, Path: path, Conns: conns, ReqPerSec: w.res.ReqPerSec, File: file, Seconds: fmt.Sprintf("%d s", secs)}
	return p, p.analyse(root, bin, file, float64(secs))
}

// pprofBuilt: bench/pprofserver was built in this run.
var pprofBuilt bool

var (
	reTotal   = regexp.MustCompile(`Total samples = ([\d.]+)(ms|s|min)`)
	reTopLine = regexp.MustCompile(`^\s*([\d.]+)(?:ns|us|ms|s|min)?\s+([\d.]+)%\s+([\d.]+)%\s+([\d.]+)(?:ns|us|ms|s|min)?\s+([\d.]+)%\s+(.+)$`)
)

func (p *ProfileResult) analyse(root, bin, file string, secs float64) error {
	pprof := func(args ...string) (string, error) {
		cmd := exec.Command("go", append([]string{"tool", "pprof"}, append(args, bin, file)...)...)
		cmd.Dir = root
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("go tool pprof %s: %w", strings.Join(args, " "), err)
		}
		return string(out), nil
	}
	top, err := pprof("-top", "-nodecount=30")
	if err != nil {
		return err
	}
	p.Top = strings.TrimSpace(top)
	m := reTotal.FindStringSubmatch(top)
	if m == nil {
		return fmt.Errorf("no total in pprof output")
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	total := v * map[string]float64{"ms": 0.001, "s": 1, "min": 60}[m[2]]
	p.Total = fmt.Sprintf("%.1f s", total)
	if p.ReqPerSec > 0 {
		p.CPUPerReqMs = total / (p.ReqPerSec * secs) * 1000
	}

	cum, err := pprof("-top", "-cum", "-nodecount=400")
	if err != nil {
		return err
	}
	for _, line := range strings.Split(cum, "\n") {
		m := reTopLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		pct, _ := strconv.ParseFloat(m[5], 64)
		name := strings.TrimSpace(m[6])
		if pct >= 1 && interesting(name) && len(p.Cum) < 40 {
			p.Cum = append(p.Cum, Share{name, pct})
		}
	}

	traces, err := pprof("-traces")
	if err != nil {
		return err
	}
	p.Categories = categorise(traces)
	return nil
}

// interesting picks the functions worth a line in the cumulative table.
func interesting(name string) bool {
	if strings.Contains(name, ".func") && !strings.HasPrefix(name, "komitee/") {
		return strings.Contains(name, "middleware.")
	}
	for _, s := range []string{"komitee/", "net/http.(*conn).serve", "tools/search.(*Provider).Exec",
		"core.(*RecordFieldResolver)", "search.FilterData", "dbx.(*SelectQuery).All", "dbx.(*Query).All",
		"core.newRecordsFromNullStringMaps", "core.(*Record).Load", "database/sql.(*Rows).Next",
		"modernc.org/sqlite.(*conn).query", "compress/flate.(*compressor).close", "compress/flate.(*Writer).Write",
		"compress/flate.(*Writer).Close", "compress/gzip.(*Writer).Write", "runtime.gcBgMarkWorker", "runtime.mallocgc",
		"go-i18n", "text/template.(*Template).Execute", "goldmark.(*markdown).Convert", "bluemonday.(*Policy).sanitize",
		"crypto/rand.Read", "net/http.(*response).finishRequest", "internal/poll.(*FD).Write", "net/http.(*persistConn)"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// groups attribute a sample to the first frame, from the leaf up, that matches one of them.
var groups = []struct{ name, patterns string }{
	{"gzip compression (Echo Gzip middleware)", "compress/flate.|compress/gzip.|hash/crc32."},
	{"SQLite engine (modernc.org/sqlite, pure-Go libc)", "modernc.org/"},
	{"database/sql + dbx (queries, row scanning)", "database/sql.|github.com/pocketbase/dbx."},
	{"filter/sort/rule parsing and resolution (tools/search, field resolver, fexpr)", "pocketbase/tools/search.|core.(*RecordFieldResolver)|core.NewRecordFieldResolver|ganigeorgiev/fexpr|pocketbase/core.(*collectionRulesResolver)"},
	{"Markdown + HTML sanitising (goldmark, bluemonday)", "yuin/goldmark|microcosm-cc/bluemonday|komitee/committee.Markdown|golang.org/x/net/html"},
	{"i18n (go-i18n, text/template)", "nicksnyder/go-i18n|text/template|komitee/locales."},
	{"templ rendering (views)", "komitee/views|a-h/templ"},
	{"PocketBase core (records, collections, store)", "github.com/pocketbase/pocketbase/core.|pocketbase/tools/store|pocketbase/tools/types|spf13/cast"},
	{"PocketBase router, hooks, middlewares", "github.com/pocketbase/pocketbase/apis.|pocketbase/tools/router|pocketbase/tools/hook"},
	{"CSRF token (Echo middleware, crypto/rand)", "middleware.CSRFWithConfig|echo/v4.randomString|crypto/rand|crypto/internal"},
	{"JSON", "encoding/json|go-json-experiment"},
	{"komitee/committee (other)", "komitee/committee."},
	{"komitee/web + Echo (handlers, middleware, routing)", "komitee/web.|labstack/echo"},
	{"net/http, network I/O, syscalls", "net/http.|net.|internal/poll.|syscall.|bufio.|os.(*File)|vendor/golang.org"},
	{"garbage collector (background)", "runtime.gcBgMarkWorker|runtime.bgsweep|runtime.bgscavenge|runtime.gcMarkDone"},
	{"scheduler, idle, timers", "runtime.mcall|runtime.schedule|runtime.findRunnable|runtime.park_m|runtime.goexit0|runtime.sysmon|runtime.mstart"},
}

func categorise(traces string) []Share {
	sums := map[string]float64{}
	var total float64
	var value float64
	var frames []string
	flush := func() {
		if len(frames) == 0 {
			return
		}
		cat := "other"
	find:
		for _, fr := range frames {
			for _, g := range groups {
				for _, pat := range strings.Split(g.patterns, "|") {
					if strings.Contains(fr, pat) {
						cat = g.name
						break find
					}
				}
			}
		}
		sums[cat] += value
		total += value
		frames = frames[:0]
	}
	sc := bufio.NewScanner(strings.NewReader(traces))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	inTrace := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "-----------+") {
			flush()
			inTrace = true
			continue
		}
		if !inTrace || strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) >= 2 {
			if v, ok := parseDur(fields[0]); ok {
				flush()
				value = v
				frames = append(frames, fields[1])
				continue
			}
		}
		frames = append(frames, fields[0])
	}
	flush()
	out := make([]Share, 0, len(sums))
	for k, v := range sums {
		out = append(out, Share{k, 100 * v / total})
	}
	slices.SortFunc(out, func(a, b Share) int {
		switch {
		case a.Percent > b.Percent:
			return -1
		case a.Percent < b.Percent:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

func parseDur(s string) (float64, bool) {
	for _, u := range []struct {
		suffix string
		mult   float64
	}{{"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"min", 60}, {"s", 1}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err == nil {
				return f * u.mult, true
			}
			return 0, false
		}
	}
	return 0, false
}

// BenchLine is one result of the in-process Go benchmarks (handler_test.go, query_test.go).
type BenchLine struct {
	Name                  string
	NsPerOp               float64
	BytesPerOp, AllocsPer int
	Output                int // the "bytes" metric (compressed size), if reported
}

var reBench = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+([\d.]+) bytes)?\s+(\d+) B/op\s+(\d+) allocs/op`)

// goBenchmarks runs the in-process benchmarks: the handler stack per endpoint, and the
// directory's queries next to the sketch of a cheaper one.
func goBenchmarks(root string) ([]BenchLine, error) {
	cmd := exec.Command("go", "test", "./bench", "-run", "^$", "-bench", ".", "-benchmem", "-benchtime", "1s", "-count", "1")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench: %v\n%s", err, out)
	}
	var lines []BenchLine
	for _, line := range strings.Split(string(out), "\n") {
		m := reBench.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[2], 64)
		outBytes, _ := strconv.ParseFloat(m[3], 64)
		b, _ := strconv.Atoi(m[4])
		a, _ := strconv.Atoi(m[5])
		lines = append(lines, BenchLine{m[1], ns, b, a, int(outBytes)})
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("no benchmark results in:\n%s", out)
	}
	return lines, nil
}
