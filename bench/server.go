package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// repoRoot finds the module root (the directory with go.mod) from the working directory up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.HasPrefix(b, []byte("module komitee\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run from inside the komitee module (no go.mod with `module komitee` found)")
		}
		dir = parent
	}
}

// underTemp reports whether path lies in the temp dir, where PocketBase switches to dev mode
// (SQL logging) because it takes the binary for `go run`.
func underTemp(path string) bool {
	for _, t := range []string{os.TempDir(), "/tmp"} {
		if rel, err := filepath.Rel(t, path); err == nil && !strings.HasPrefix(rel, "..") {
			return true
		}
	}
	return false
}

// build compiles a main package of the module to out, as released: CGO off, stripped.
func build(root, pkg, out string, strip bool) error {
	if underTemp(out) {
		return fmt.Errorf("%s is under the temp dir: PocketBase would run in dev mode", out)
	}
	args := []string{"build"}
	if strip {
		args = append(args, "-ldflags", "-s -w")
	}
	args = append(args, "-o", out, pkg)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

// Server is a running komitee binary.
type Server struct {
	cmd  *exec.Cmd
	Base string // http://127.0.0.1:port
	log  *os.File
	done chan error
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startServer runs `bin serve --dir dataDir --http 127.0.0.1:port` and waits for /api/health.
func startServer(bin, dataDir, logPath string, env ...string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	lf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd := exec.Command(bin, "serve", "--dir", dataDir, "--http", addr)
	cmd.Stdout, cmd.Stderr = lf, lf
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Start(); err != nil {
		lf.Close()
		return nil, err
	}
	s := &Server{cmd: cmd, Base: "http://" + addr, log: lf, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			lf.Close()
			return nil, fmt.Errorf("server exited during start-up (%v); see %s", err, logPath)
		default:
		}
		res, err := http.Get(s.Base + "/api/health")
		if err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.Stop()
	return nil, fmt.Errorf("server did not answer /api/health within 30 s; see %s", logPath)
}

// Pid is the server process's id.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Stop ends the server (SIGTERM, then SIGKILL after 5 s) and waits for it.
func (s *Server) Stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
	s.log.Close()
}

// procStatus reads a field of /proc/<pid>/status in kB (e.g. VmHWM, VmRSS).
func procStatus(pid int, field string) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
}

// benchHeaders are sent with every request, by wrk and by fetch.
var benchHeaders = map[string]string{"Accept-Encoding": "gzip", "Accept-Language": "de"}

// memberPath is the directory as a signed-in member asks for it (page 1 spelt out, so that the
// row has a URL of its own).
const memberPath = "/organisations?page=1"

// sessions are the auth tokens of the signed-in rows by role ("member", "coordinator"), set
// after the data set (sessionsOf).
var sessions = map[string]string{}

// headersFor returns the request headers for url as role as ("" for the public): benchHeaders,
// plus the person's token as a browser or an /api/ client sends it: the page session cookie for
// pages, the Authorization header for /api/.
func headersFor(url, as string) map[string]string {
	if as == "" {
		return benchHeaders
	}
	h := maps.Clone(benchHeaders)
	key := as
	if !isAPI(url) {
		key += pageSession
	}
	token := sessions[key]
	if token == "" {
		token = "missing-session-for-" + as // answered 401/redirect: the check fails loudly
	}
	if isAPI(url) {
		h["Authorization"] = token
	} else {
		h["Cookie"] = "komitee_session=" + token
	}
	return h
}

// isAPI reports whether url (absolute, or a path) is one of PocketBase's /api/ routes.
func isAPI(url string) bool {
	if i := strings.Index(url, "://"); i >= 0 {
		url = url[i+3:]
		if j := strings.IndexByte(url, '/'); j >= 0 {
			url = url[j:]
		}
	}
	return strings.HasPrefix(url, "/api/")
}

// rawClient does not decompress, so that bodies are counted as sent.
// It does not follow redirects either: a signed-in row whose session fails is sent to the
// sign-in page, and the check must see that.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// Fetched is one response: its body as sent and decoded.
type Fetched struct {
	Status   int
	Encoding string
	Wire     int    // body bytes as sent
	Body     []byte // decoded
}

// fetch GETs url with the benchmark's headers, as role as ("" for the public).
func fetch(url, as string) (*Fetched, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range headersFor(url, as) {
		req.Header.Set(k, v)
	}
	res, err := rawClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	wire, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return fetched(res.StatusCode, res.Header.Get("Content-Encoding"), wire)
}

// fetched is a response as sent: its body decoded.
func fetched(status int, encoding string, wire []byte) (*Fetched, error) {
	f := &Fetched{Status: status, Encoding: encoding, Wire: len(wire), Body: wire}
	if f.Encoding == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(wire))
		if err != nil {
			return nil, err
		}
		if f.Body, err = io.ReadAll(zr); err != nil {
			return nil, err
		}
	}
	return f, nil
}
