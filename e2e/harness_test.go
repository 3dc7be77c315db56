package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"komitee/committee"
	_ "komitee/pb_migrations"
	"komitee/web"
)

const (
	testTimeout = 3 * time.Minute  // the whole journey
	stepTimeout = 20 * time.Second // one browser step
	viewportW   = 360              // a small phone
	viewportH   = 800
	langCookie  = "komitee_lang"
	oldPageMark = "e2e-old-page" // id of a marker that a page change removes
)

// unavailable skips the test when a tool is missing, or fails it on CI, where it must run.
func unavailable(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// chromePath finds the browser: $CHROME_PATH, else Debian's chromium, else one on $PATH.
func chromePath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// axeSource reads axe-core, installed by `npm ci --prefix e2e`.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		unavailable(t, "axe-core is not installed: run `npm ci --prefix e2e` ("+err.Error()+")")
	}
	return string(b)
}

// server is the app serving on a free port of 127.0.0.1.
type server struct {
	app  *tests.TestApp
	base string // http://127.0.0.1:port
}

// startServer runs the whole app in-process, as main does, on a fresh test database. It stops
// when the test ends.
func startServer(t *testing.T) *server {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	committee.Bind(app)
	web.Register(app)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		app.Cleanup()
		t.Fatal(err)
	}
	s := &server{app: app, base: "http://" + ln.Addr().String()}
	app.Settings().Meta.AppURL = s.base // mailed links point here
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Listener = ln       // the port is ours already: no race for a free one
		se.InstallerFunc = nil // no superuser installer: it would try to open a browser
		return se.Next()
	})
	done := make(chan error, 1)
	go func() { done <- apis.Serve(app, apis.ServeConfig{HttpAddr: ln.Addr().String()}) }()
	t.Cleanup(func() {
		app.Cleanup() // triggers OnTerminate: PocketBase shuts the server down
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("server did not stop within 10s")
		}
	})

	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case err := <-done:
			t.Fatalf("server stopped before it answered: %v", err)
		default:
		}
		if res, err := client.Get(s.base + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("server did not answer /api/health within 30s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// mailTo returns the last captured mail to addr whose text contains want.
func (s *server) mailTo(t *testing.T, addr, want string) *mailer.Message {
	t.Helper()
	msgs := s.app.TestMailer.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, to := range msgs[i].To {
			if strings.EqualFold(to.Address, addr) && strings.Contains(msgs[i].Text, want) {
				return msgs[i]
			}
		}
	}
	var seen []string
	for _, m := range msgs {
		for _, to := range m.To {
			seen = append(seen, fmt.Sprintf("%s: %q", to.Address, m.Subject))
		}
	}
	t.Fatalf("no mail to %s containing %q; captured: %v", addr, want, seen)
	return nil
}

var linkRe = regexp.MustCompile(`https?://[^\s"<>]+`)

// link returns the first link in the mail's text body that contains path.
func link(t *testing.T, m *mailer.Message, path string) string {
	t.Helper()
	for _, l := range linkRe.FindAllString(m.Text, -1) {
		if strings.Contains(l, path) {
			return l
		}
	}
	t.Fatalf("mail %q has no link to %s:\n%s", m.Subject, path, m.Text)
	return ""
}

// browser is one headless Chromium tab, at phone size.
type browser struct {
	t       *testing.T
	ctx     context.Context
	base    string
	axe     string
	checked []string // "page (lang)" for every axe run

	mu       sync.Mutex
	console  []string // errors the page logged
	reported int      // how many of them were reported
}

func startBrowser(t *testing.T, parent context.Context, base, axe string) *browser {
	t.Helper()
	exe := chromePath()
	if exe == "" {
		unavailable(t, "no Chromium found: install chromium or set CHROME_PATH")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(viewportW, viewportH),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("force-color-profile", "srgb"),
		// A German-speaking visitor: pages start in German (Accept-Language).
		chromedp.Flag("lang", "de-DE"),
		chromedp.Flag("accept-lang", "de-DE,de"),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser process to end
	})
	b := &browser{t: t, ctx: ctx, base: base, axe: axe}
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start Chromium (%s): %v", exe, err)
	}
	b.do("set the viewport", chromedp.EmulateViewport(viewportW, viewportH))
	go b.collectConsole()
	return b
}

// collectConsole keeps the errors that the pages log: script errors and CSP violations.
// Failed requests are left out: the 404 and 422 pages are expected.
func (b *browser) collectConsole() {
	for m, err := range chromedp.Console(b.ctx) {
		if err != nil {
			return
		}
		expected := strings.Contains(m.Text, "Failed to load resource")
		if (m.Type == chromedp.ConsoleError || m.IsException()) && !expected {
			b.mu.Lock()
			b.console = append(b.console, fmt.Sprintf("%s (%s:%d)", m.Text, m.URL, m.Line+1))
			b.mu.Unlock()
		}
	}
}

// consoleErrors returns the errors logged since the last call (audit calls it on every page).
func (b *browser) consoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := append([]string(nil), b.console[b.reported:]...)
	b.reported = len(b.console)
	return out
}

// fatalf ends the test with what the browser shows, to make a failure easy to read.
func (b *browser) fatalf(format string, args ...any) {
	b.t.Helper()
	msg := fmt.Sprintf(format, args...)
	if b.ctx.Err() == nil {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		defer cancel()
		if state, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`location.href + "\n" + (document.querySelector("main") || document.body).innerText.slice(0, 1500)`)); err == nil {
			msg += "\n--- page: " + state
		}
		if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			f := filepath.Join(os.TempDir(), fmt.Sprintf("komitee-e2e-%d.png", time.Now().UnixNano()))
			if os.WriteFile(f, png, 0o644) == nil {
				msg += "\n--- screenshot: " + f
			}
		}
	}
	b.t.Fatal(msg)
}

// do runs browser steps with a step timeout.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.fatalf("%s: %v", what, err)
	}
}

// eval evaluates a script and decodes its result.
func eval[T any](b *browser, js string, opts ...chromedp.EvaluateOption) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		b.fatalf("evaluate %.80q: %v", js, err)
	}
	return v
}

// js quotes a Go string for a script.
func js(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// open loads a page with a full navigation and returns its HTTP status.
func (b *browser) open(path string) int64 {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	u := path
	if strings.HasPrefix(path, "/") {
		u = b.base + path
	}
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		b.fatalf("open %s: %v", path, err)
	}
	b.waitSettled("open "+path, "", "body")
	return res.Status
}

// mark puts a marker into the page that the next page (a full load, or HTMX's swap of the
// body after a boosted link or form) removes, so that waiting cannot see the old page.
func (b *browser) mark() {
	b.t.Helper()
	eval[chromedp.Void](b, `document.body.insertAdjacentHTML("beforeend", '<template id="`+oldPageMark+`"></template>')`)
	// A script that measures or animates (a browser extension, axe, a reader's tool) leaves
	// style="" on elements it touched; HTMX's swap must not copy that over (a CSP error).
	eval[chromedp.Void](b, `document.querySelectorAll("[id]").forEach(e => { e.style.setProperty("--e2e", "1"); e.style.removeProperty("--e2e") })`)
}

// waitSettled waits until the old page is gone, HTMX is idle, the URL path is path (when not
// empty) and sel is in the page.
func (b *browser) waitSettled(what, path, sel string) {
	b.t.Helper()
	cond := `!document.getElementById("` + oldPageMark + `") && document.readyState === "complete"` +
		` && !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")` +
		` && (` + js(path) + ` === "" || location.pathname === ` + js(path) + `)` +
		` && !!document.querySelector(` + js(sel) + `)`
	b.waitFor(fmt.Sprintf("%s: %s at %q", what, sel, path), cond)
}

// waitFor waits until the script cond is true. It asks again every few milliseconds, and goes
// on asking through a full page load (when a script cannot run in the page being replaced).
func (b *browser) waitFor(what, cond string) {
	b.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	var last error
	for time.Now().Before(deadline) && b.ctx.Err() == nil {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { try { return !!(`+cond+`) } catch (e) { return false } })()`))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(25 * time.Millisecond)
	}
	b.fatalf("waiting for %s: not within %s (last error: %v)", what, stepTimeout, last)
}

// click clicks sel and waits for the next page at path with sel shown. Boosted links and forms
// swap the body; the marker tells the new page from the old one.
func (b *browser) click(sel, path, wait string) {
	b.t.Helper()
	b.reveal(sel)
	b.mark()
	b.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	b.waitSettled("after clicking "+sel, path, wait)
	if !b.inClosedMenu(wait) {
		b.do("wait for "+wait, chromedp.WaitVisible(chromedp.CSS(wait)))
	}
}

// inClosedMenu tells whether sel is inside the header's menu while that is closed (on a phone).
func (b *browser) inClosedMenu(sel string) bool {
	b.t.Helper()
	return eval[bool](b, `(() => { const e = document.querySelector(`+js(sel)+`);
		const d = e && e.closest("details.site-menu");
		return !!d && !d.open && getComputedStyle(d.querySelector("summary")).display !== "none" })()`)
}

// reveal opens the header's menu with its button, as a person on a phone would, when sel is
// inside it and the menu is closed.
func (b *browser) reveal(sel string) {
	b.t.Helper()
	if b.inClosedMenu(sel) {
		b.do("open the menu", chromedp.Click(chromedp.CSS(`details.site-menu > summary`)))
		b.waitFor("the open menu", `document.querySelector("details.site-menu").open`)
	}
}

// typeInto types text into a field, as a person would (key events, so change events fire).
func (b *browser) typeInto(sel, text string) {
	b.t.Helper()
	b.do("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
	eval[chromedp.Void](b, `document.querySelector(`+js(sel)+`).value = ""`)
	b.do("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// choose picks an option of a select by its value.
func (b *browser) choose(sel, value string) {
	b.t.Helper()
	ok := eval[bool](b, `(() => { const s = document.querySelector(`+js(sel)+`);
		if (!s || ![...s.options].some(o => o.value === `+js(value)+`)) return false;
		s.value = `+js(value)+`; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	if !ok {
		b.fatalf("select %s has no option %q", sel, value)
	}
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	// Text inside the phone's closed header menu is not rendered: its innerText is empty.
	return strings.TrimSpace(eval[string](b, `(e => !e ? "" : e.closest("details.site-menu:not([open])") ? e.textContent : e.innerText)(document.querySelector(`+js(sel)+`))`))
}

func (b *browser) exists(sel string) bool {
	b.t.Helper()
	return eval[bool](b, `!!document.querySelector(`+js(sel)+`)`)
}

func (b *browser) value(sel string) string {
	b.t.Helper()
	return eval[string](b, `(document.querySelector(`+js(sel)+`) || {value: ""}).value`)
}

func (b *browser) path() string {
	b.t.Helper()
	return eval[string](b, `location.pathname + location.search`)
}

// lang is the language and direction the document declares.
func (b *browser) lang() (lang, dir string) {
	b.t.Helper()
	v := eval[[]string](b, `[document.documentElement.lang, document.documentElement.dir]`)
	return v[0], v[1]
}

// expectLang checks the document's declared language and direction.
func (b *browser) expectLang(what, want string) {
	b.t.Helper()
	lang, dir := b.lang()
	wantDir := "ltr"
	if want == "ar" {
		wantDir = "rtl"
	}
	if lang != want || dir != wantDir {
		b.t.Errorf("%s: <html lang=%q dir=%q>, want lang=%q dir=%q", what, lang, dir, want, wantDir)
	}
}

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
	Count            int
}

// audit runs axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page as it is, checks that it fits the
// phone's width without sideways scrolling (WCAG 1.4.10), and reports each problem.
func (b *browser) audit(what string) {
	b.t.Helper()
	lang, _ := b.lang()
	path := b.path()
	if len(path) > 40 { // a token in the link
		path = path[:40] + "…"
	}
	label := fmt.Sprintf("%s (%s, %s)", what, lang, path)
	b.checked = append(b.checked, label)
	if !eval[bool](b, `typeof window.axe === "object"`) {
		eval[chromedp.Void](b, b.axe)
	}
	violations := eval[[]axeViolation](b, `axe.run(document, {runOnly: {type: "tag",
			values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
		.then(r => r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help,
			Count: v.nodes.length, Nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") +
				(n.failureSummary ? " — " + n.failureSummary.replace(/\s+/g, " ") : ""))})))`,
		chromedp.EvalAwaitPromise)
	for _, v := range violations {
		b.t.Errorf("axe: %s: %s [%s]: %s — %d node(s):\n\t%s", label, v.ID, v.Impact, v.Help, v.Count,
			strings.Join(v.Nodes, "\n\t"))
	}
	wide := eval[[]string](b, `(() => {
		const w = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= w) return [];
		return [...document.body.querySelectorAll("*")].filter(e => {
			if (!e.checkVisibility()) return false; // e.g. in a closed <details>
			const r = e.getBoundingClientRect();
			return r.width > 0 && (r.right > w + 1 || r.left < -1);
		}).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
			(e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : ""));
	})()`)
	if len(wide) > 0 {
		b.t.Errorf("reflow: %s is wider than %d px; sticking out: %s", label, viewportW, strings.Join(wide, ", "))
	}
	if h := eval[float64](b, `document.querySelector(".site-header").getBoundingClientRect().height`); h > maxHeaderHeight {
		b.t.Errorf("header: %s: the header is %.0f px high at %d×%d, want at most %d", label, h, viewportW, viewportH, maxHeaderHeight)
	}
	for _, h := range eval[[]string](b, headingBreaksJS) {
		b.t.Errorf("headings: %s: a heading breaks inside a word: %s", label, h)
	}
	for _, tot := range eval[[]string](b, hiddenTotalsJS) {
		b.t.Errorf("date finding: %s: a total is out of sight without scrolling sideways: %s", label, tot)
	}
	for _, e := range b.consoleErrors() {
		b.t.Errorf("browser console: %s: %s", label, e)
	}
}

const maxHeaderHeight = 120 // px at 360×800: the header leaves the phone's screen to the page

// headingBreaksJS lists the words of visible headings that the browser breaks across lines:
// for each word (between spaces, hyphens, dashes and slashes) a Range over its text gives one
// box per line. Hyphenation (hyphens: auto, by the page's lang) is switched off while
// measuring, so that what is found is a break inside a word, not a hyphen the language allows
// (where the browser has the language's dictionary); without hyphenation, a heading's font
// must leave room for a long German word ("Koordinationskomitees") on a phone's line.
const headingBreaksJS = `(() => {
	const out = [];
	for (const h of document.querySelectorAll("h1,h2,h3,h4,h5,h6")) {
		if (!h.getClientRects().length) continue;
		const before = h.style.hyphens;
		h.style.hyphens = "manual";
		const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
		for (let n; (n = walker.nextNode());) {
			const re = /[^\s\-\u2010-\u2015\/]+/g;
			for (let m; (m = re.exec(n.data));) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const boxes = [...r.getClientRects()].filter(x => x.width > 0).sort((a, b) => a.top - b.top);
				let lines = boxes.length ? 1 : 0;
				for (let i = 1; i < boxes.length; i++) if (boxes[i].top - boxes[i-1].top > 2) lines++;
				if (lines > 1) {
					out.push(h.tagName.toLowerCase() + " " + JSON.stringify(h.innerText.trim().slice(0, 80)) + ": " + JSON.stringify(m[0]));
				}
			}
		}
		h.style.hyphens = before;
		if (!h.getAttribute("style")) h.removeAttribute("style");
	}
	return out;
})()`

// hiddenTotalsJS lists the date-finding totals that are shown but cut off: outside the page's
// width, or outside a box that scrolls sideways (a wide table). With a poll on the page, at
// least one total must be shown.
const hiddenTotalsJS = `(() => {
	const all = [...document.querySelectorAll('[data-testid="poll-total"], [data-testid="poll-card-total"]')];
	if (!all.length) return [];
	const shown = all.filter(e => e.getClientRects().length);
	if (!shown.length) return ["no total is shown"];
	const w = document.documentElement.clientWidth, out = [];
	for (const e of shown) {
		const r = e.getBoundingClientRect();
		let ok = r.left >= -1 && r.right <= w + 1;
		for (let p = e.parentElement; p && ok; p = p.parentElement) {
			if (!/auto|scroll|hidden/.test(getComputedStyle(p).overflowX)) continue;
			const q = p.getBoundingClientRect();
			ok = r.left >= q.left - 1 && r.right <= q.right + 1;
		}
		if (!ok) out.push(JSON.stringify(e.innerText.trim()) + " at " + Math.round(r.left) + "–" + Math.round(r.right) + " px");
	}
	return out;
})()`

// zoomed checks the page at other sizes, then goes back to the phone: at 200 % zoom (a
// 1280 px window zoomed twice is 640 CSS px at device scale 2) and at 1280 px, nothing may stick
// out sideways and every date-finding total must be in sight.
func (b *browser) zoomed(what string) {
	b.t.Helper()
	for _, v := range []struct {
		w, h  int64
		scale float64
		name  string
	}{{640, 400, 2, "200 % zoom"}, {1280, 800, 1, "1280 px"}} {
		b.do("viewport "+v.name, chromedp.EmulateViewport(v.w, v.h, chromedp.EmulateScale(v.scale)))
		label := fmt.Sprintf("%s (%s, %s)", what, v.name, b.path())
		if over := eval[int](b, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
			b.t.Errorf("reflow: %s is %d px wider than the window", label, over)
		}
		for _, tot := range eval[[]string](b, hiddenTotalsJS) {
			b.t.Errorf("date finding: %s: a total is out of sight without scrolling sideways: %s", label, tot)
		}
		for _, h := range eval[[]string](b, headingBreaksJS) {
			b.t.Errorf("headings: %s: a heading breaks inside a word: %s", label, h)
		}
	}
	b.do("viewport back to the phone", chromedp.EmulateViewport(viewportW, viewportH))
}

// otherLang is the language the page is also checked in.
func otherLang(lang string) string {
	if lang == "ar" {
		return "de"
	}
	return "ar"
}

// switchLang switches the page's language with the header's switcher, a plain link (no HTMX):
// /lang sets the cookie and redirects back to the page.
func (b *browser) switchLang(to string) {
	b.t.Helper()
	path := b.path()
	switcher := `nav.langs a[lang="` + to + `"]`
	if !b.exists(switcher) {
		b.fatalf("no language switcher link %s", switcher)
	}
	b.reveal(switcher)
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	_, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(switcher)))
	cancel()
	if err != nil {
		b.fatalf("switch to %s: %v", to, err)
	}
	b.waitSettled("switch to "+to, "", "main")
	if got := b.path(); got != path {
		b.t.Errorf("the language switcher went to %s, want back to %s", got, path)
	}
	b.expectLang(path+" after switching", to)
}

// forgetLang deletes the language cookie and loads path again, in the language the visitor
// would see without the switch.
func (b *browser) forgetLang(path string) {
	b.t.Helper()
	b.do("forget the language choice", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.DeleteCookies, network.DeleteCookiesParams{Name: langCookie, URL: b.base + "/"})
		return err
	}))
	b.open(path)
}

// auditBoth audits a GET page in its own language (want) and, through the header's language
// switcher, in the other one of German and Arabic; then it switches back (for a signed-in
// person the switcher also sets the account's language), forgets the switch and loads the page
// again, so that the journey goes on as before.
func (b *browser) auditBoth(what, want string) {
	b.t.Helper()
	b.expectLang(what, want)
	b.audit(what)
	path := b.path()
	b.switchLang(otherLang(want))
	b.audit(what)
	b.switchLang(want)
	b.forgetLang(path)
	b.expectLang(what+" after switching back", want)
}
