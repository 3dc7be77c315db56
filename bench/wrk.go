package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// WrkResult is what one wrk run measured.
type WrkResult struct {
	Requests     int
	ReqPerSec    float64
	P50, P75     time.Duration
	P90, P99     time.Duration
	Non2xx       int
	SocketErrors string // "" when none
	Raw          string
	// CPU accounting over the run (from /proc): the server's CPU time per request, wrk's own CPU,
	// and the CPU that other processes on the machine used, as a share of all CPUs.
	ServerCPUPerReq time.Duration
	ServerCPUShare  float64 // % of all CPUs
	WrkCPUShare     float64
	ForeignShare    float64
	Load1           float64 // 1-minute load average at the end
	HWMkB, RSSkB    int     // server VmHWM and VmRSS after the run
}

var (
	reReqs    = regexp.MustCompile(`(\d+) requests in`)
	reRPS     = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	rePct     = regexp.MustCompile(`(?m)^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$`)
	reNon2xx  = regexp.MustCompile(`Non-2xx or 3xx responses:\s+(\d+)`)
	reSockErr = regexp.MustCompile(`Socket errors:\s+(.*)`)
)

// measure runs wrk like runWrk and accounts for the CPU the server (pid), wrk and everything
// else used meanwhile.
func measure(pid int, url, as string, conns int, d time.Duration) (*WrkResult, error) {
	busy0, total0, err := cpuTicks()
	if err != nil {
		return nil, err
	}
	srv0, err := procCPUTicks(pid)
	if err != nil {
		return nil, err
	}
	res, wrkCPU, err := wrk(url, as, conns, d)
	if err != nil {
		return nil, err
	}
	busy1, total1, _ := cpuTicks()
	srv1, _ := procCPUTicks(pid)
	const hz = 100 // USER_HZ
	all := float64(total1 - total0)
	if all > 0 {
		res.ServerCPUShare = 100 * float64(srv1-srv0) / all
		res.WrkCPUShare = 100 * wrkCPU.Seconds() * hz / all
		res.ForeignShare = max(0, 100*float64(busy1-busy0)/all-res.ServerCPUShare-res.WrkCPUShare)
	}
	if res.Requests > 0 {
		res.ServerCPUPerReq = time.Duration(float64(srv1-srv0) / hz / float64(res.Requests) * float64(time.Second))
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscanf(string(b), "%f", &res.Load1)
	}
	res.HWMkB, _ = procStatus(pid, "VmHWM")
	res.RSSkB, _ = procStatus(pid, "VmRSS")
	return res, nil
}

// waitQuiet waits, up to max, for a second in which processes other than the server (pid) use
// less than 15% of all CPUs: other work on a shared machine distorts the figures. It returns
// the share of the last second measured.
func waitQuiet(pid int, maxWait time.Duration) float64 {
	deadline := time.Now().Add(maxWait)
	for {
		busy0, total0, err := cpuTicks()
		srv0, err2 := procCPUTicks(pid)
		if err != nil || err2 != nil {
			return 0
		}
		time.Sleep(time.Second)
		busy1, total1, _ := cpuTicks()
		srv1, _ := procCPUTicks(pid)
		share := 0.0
		if total1 > total0 {
			share = max(0, 100*(float64(busy1-busy0)-float64(srv1-srv0))/float64(total1-total0))
		}
		if share < 15 || time.Now().After(deadline) {
			return share
		}
	}
}

// cpuTicks reads the machine's busy and total CPU ticks from /proc/stat.
func cpuTicks() (busy, total uint64, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0, fmt.Errorf("unexpected /proc/stat: %q", line)
	}
	var v [8]uint64
	for i := range v {
		v[i], _ = strconv.ParseUint(f[i+1], 10, 64)
	}
	// user nice system idle iowait irq softirq steal
	busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
	return busy, busy + v[3] + v[4], nil
}

// procCPUTicks is a process's user+system CPU time in ticks.
func procCPUTicks(pid int) (uint64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	u, _ := strconv.ParseUint(f[11], 10, 64)
	st, _ := strconv.ParseUint(f[12], 10, 64)
	return u + st, nil
}

// runWrk runs wrk against url as role as ("" for the public) with conns connections (2 threads,
// or 1 for 1 connection) for d.
func runWrk(url, as string, conns int, d time.Duration) (*WrkResult, error) {
	res, _, err := wrk(url, as, conns, d)
	return res, err
}

func wrk(url, as string, conns int, d time.Duration) (*WrkResult, time.Duration, error) {
	threads := 2
	if conns < threads {
		threads = conns
	}
	args := []string{"-t" + strconv.Itoa(threads), "-c" + strconv.Itoa(conns),
		"-d" + strconv.Itoa(int(d.Seconds())) + "s", "--timeout", "10s", "--latency"}
	for k, v := range headersFor(url, as) {
		args = append(args, "-H", k+": "+v)
	}
	args = append(args, url)
	cmd := exec.Command("wrk", args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, 0, fmt.Errorf("wrk %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	res, err := parseWrk(string(out))
	return res, cpu, err
}

func parseWrk(out string) (*WrkResult, error) {
	r := &WrkResult{Raw: out}
	m := reRPS.FindStringSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("no Requests/sec in wrk output:\n%s", out)
	}
	r.ReqPerSec, _ = strconv.ParseFloat(m[1], 64)
	if m := reReqs.FindStringSubmatch(out); m != nil {
		r.Requests, _ = strconv.Atoi(m[1])
	}
	for _, m := range rePct.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute}[m[3]]
		d := time.Duration(v * float64(unit))
		switch m[1] {
		case "50":
			r.P50 = d
		case "75":
			r.P75 = d
		case "90":
			r.P90 = d
		case "99":
			r.P99 = d
		}
	}
	if r.P50 == 0 || r.P99 == 0 {
		return nil, fmt.Errorf("no latency distribution in wrk output:\n%s", out)
	}
	if m := reNon2xx.FindStringSubmatch(out); m != nil {
		r.Non2xx, _ = strconv.Atoi(m[1])
	}
	if m := reSockErr.FindStringSubmatch(out); m != nil {
		r.SocketErrors = strings.TrimSpace(m[1])
	}
	return r, nil
}
