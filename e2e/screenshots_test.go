package e2e

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"komitee/demo"
)

// TestScreenshots renders the screenshot set of docs/screenshots/ from the demo data: home,
// directory, a meeting in date finding, a round's results and a topic, in German and Arabic, at
// 360 px and 1280 px, as a representative sees them. It runs only with
// KOMITEE_SCREENSHOTS=<directory> (e.g. ../docs/screenshots), so that test runs do not rewrite
// the committed images:
//
//	KOMITEE_SCREENSHOTS=../docs/screenshots go test ./e2e -run TestScreenshots
//
// Each page is also audited (axe, reflow, header, headings, totals, console) at 360 px.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("KOMITEE_SCREENSHOTS")
	if dir == "" {
		t.Skip("set KOMITEE_SCREENSHOTS=<directory> to render the screenshot set")
	}
	axe := axeSource(t)
	if chromePath() == "" {
		unavailable(t, "no Chromium found: install chromium or set CHROME_PATH")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	srv, res, find := demoServer(t)
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"directory", "/organisations"},
		{"meeting-date-finding", "/meetings/" + find("meetings", "status = 'date_finding'", "")},
		{"round-results", "/rounds/" + find("rounds", "closed = true", "")},
		{"topic", "/topics/" + find("topics", "", "-supports")},
	}
	var rep demo.Login
	for _, l := range res.Logins {
		if l.Role == demo.RoleRepresentative {
			rep = l
		}
	}

	b := startBrowser(t, ctx, srv.base, axe)
	b.open("/login")
	b.typeInto("#f-email", rep.Email)
	b.typeInto("#f-password", res.Password)
	b.click(`form[action="/login"] button[type="submit"]`, "", `summary[data-testid="account-menu"]`)
	for _, lang := range []string{"de", "ar"} {
		b.open("/lang?to=" + lang + "&next=/")
		// The phone's menu, open.
		b.open("/")
		b.reveal(`nav.nav a[href="/meetings"]`)
		b.audit("home with the menu open")
		if err := os.WriteFile(filepath.Join(dir, lang+"-360-menu.png"), b.screenshot(360, 800), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			b.open(p.path)
			b.expectLang(p.name, lang)
			b.audit(p.name)
			for _, w := range []int64{360, 1280} {
				b.do("viewport", chromedp.EmulateViewport(w, 800))
				shot := b.screenshot(w, map[int64]float64{360: 1200, 1280: 800}[w])
				f := filepath.Join(dir, lang+"-"+itoa64(w)+"-"+p.name+".png")
				if err := os.WriteFile(f, shot, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: %d KB", f, len(shot)/1024)
			}
			b.do("viewport back to the phone", chromedp.EmulateViewport(viewportW, viewportH))
		}
	}
}

// screenshot captures the page from its top, at most maxH px high, and compresses the PNG
// better than Chromium does.
func (b *browser) screenshot(w int64, maxH float64) []byte {
	b.t.Helper()
	time.Sleep(100 * time.Millisecond) // layout after the viewport change
	h := eval[float64](b, `document.documentElement.scrollHeight`)
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: ptr(min(h, maxH) > 800), // (beyond the viewport, Chromium misplaces an RTL overlay)
			FromSurface:           ptr(true),
			Clip:                  &page.Viewport{X: 0, Y: 0, Width: float64(w), Height: min(h, maxH), Scale: 1},
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}))
	if err != nil {
		b.fatalf("screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return raw
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, img); err != nil || out.Len() >= len(raw) {
		return raw
	}
	return out.Bytes()
}

func ptr[T any](v T) *T { return &v }

func itoa64(i int64) string {
	b := []byte{}
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
