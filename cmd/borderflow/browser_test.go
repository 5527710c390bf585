package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium to drive: $BORDERFLOW_CHROMIUM, else the
// distribution's binary on PATH. When none is installed the browser tests
// skip with a message — unless BORDERFLOW_BROWSER=require (set by .ci/run,
// which installs Chromium), where a missing browser is a failure.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("BORDERFLOW_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("BORDERFLOW_BROWSER") == "require" {
		t.Fatal("no Chromium found (BORDERFLOW_BROWSER=require): install Debian's chromium package or set BORDERFLOW_CHROMIUM")
	}
	t.Skip("no Chromium installed: the browser test of index.html is skipped (apt-get install chromium, or set BORDERFLOW_CHROMIUM)")
	return ""
}

// pageReport is what the browser saw of one page at one width.
type pageReport struct {
	Images []struct {
		Src      string  `json:"src"`
		Complete bool    `json:"complete"`
		Natural  int     `json:"natural"`
		Width    float64 `json:"width"`
	} `json:"images"`
	Rows        [][2]string `json:"rows"`     // the summary table's (port, class) rows
	Policies    []string    `json:"policies"` // the ranked policies' rows
	ScrollWidth float64     `json:"scrollWidth"`
	InnerWidth  float64     `json:"innerWidth"`
	WideText    []string    `json:"wideText"` // text blocks wider than the window
	FirstH2     string      `json:"firstH2"`
}

const inspectPage = `(() => {
  const r = {images: [], rows: [], policies: [], wideText: []};
  for (const i of document.images) {
    r.images.push({src: i.getAttribute('src'), complete: i.complete, natural: i.naturalWidth, width: i.getBoundingClientRect().width});
  }
  for (const tr of document.querySelectorAll('table.summary tr[data-port]')) {
    r.rows.push([tr.dataset.port, tr.dataset.class]);
  }
  for (const tr of document.querySelectorAll('table.policies tr[data-policy]')) r.policies.push(tr.dataset.policy);
  r.scrollWidth = document.documentElement.scrollWidth;
  r.innerWidth = window.innerWidth;
  for (const e of document.querySelectorAll('h1, h2, p, figcaption, dl, li')) {
    const b = e.getBoundingClientRect();
    if (b.right > window.innerWidth + 1) r.wideText.push(e.tagName + ': ' + e.textContent.slice(0, 60));
  }
  const h = document.querySelector('h2');
  r.firstH2 = h ? h.textContent : '';
  return r;
})()`

// headless starts a fresh headless Chromium with the flags a closed
// network and a root user need, and returns its tab's context, bounded by
// limit, and the function that stops it.
func headless(t *testing.T, exe string, limit time.Duration) (context.Context, func()) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // root in CI
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, limit)
	return ctx, func() { cancelT(); cancel(); cancelA() }
}

// openInBrowser loads file in a fresh headless Chromium at the given
// width, and returns what the page holds, the console errors and
// exceptions, and every request that was not for a local file.
func openInBrowser(t *testing.T, exe, file string, width int, shot string) (pageReport, []string, []string) {
	t.Helper()
	ctx, stop := headless(t, exe, 90*time.Second)
	defer stop()

	var mu sync.Mutex
	var problems, remote []string
	if err := chromedp.Do(ctx); err != nil { // starts the browser and its tab
		t.Fatalf("starting %s: %v", exe, err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				problems = append(problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				problems = append(problems, fmt.Sprintf("log %s: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		case *network.EventRequestWillBeSent:
			u, err := url.Parse(e.Request.URL)
			if err != nil || (u.Scheme != "file" && u.Scheme != "data" && u.Scheme != "about") {
				remote = append(remote, e.Request.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		call(ctx, network.Enable, network.EnableParams{}),
		call(ctx, log.Enable, cdp.Empty{}),
		call(ctx, runtime.Enable, cdp.Empty{}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(width), 900),
		chromedp.Navigate("file://"+file),
		chromedp.WaitReady("body"),
	)
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)`))
	}
	var rep pageReport
	if err == nil {
		rep, err = chromedp.Run(ctx, chromedp.Evaluate[pageReport](inspectPage))
	}
	var png []byte
	if err == nil {
		png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	}
	if err != nil {
		t.Fatalf("%s at %d px: %v", file, width, err)
	}
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if d := os.Getenv("BORDERFLOW_SCREENSHOTS"); d != "" {
		_ = os.WriteFile(filepath.Join(d, filepath.Base(shot)), png, 0o644)
	}
	mu.Lock()
	defer mu.Unlock()
	return rep, append([]string(nil), problems...), append([]string(nil), remote...)
}

func call[P, R any](ctx context.Context, c cdp.Command[P, R], p P) error {
	_, err := chromedp.Call(ctx, c, p)
	return err
}

// checkPage asserts what every report page must do in a real browser at
// 1280 px and at a phone's 390 px: every image and SVG loads, nothing is
// logged as an error, nothing is fetched from the network, no text runs
// off the side and the charts scale to the window.
func checkPage(t *testing.T, exe, file, name string) map[int]pageReport {
	out := map[int]pageReport{}
	for _, w := range []int{1280, 390} {
		shot := filepath.Join(t.TempDir(), fmt.Sprintf("%s-%d.png", name, w))
		rep, problems, remote := openInBrowser(t, exe, file, w, shot)
		t.Logf("%s at %d px: %d images, screenshot %s", name, w, len(rep.Images), shot)
		if len(rep.Images) == 0 {
			t.Errorf("%s: no images", name)
		}
		for _, im := range rep.Images {
			if !im.Complete || im.Natural <= 0 {
				t.Errorf("%s at %d px: %s did not load (natural width %d)", name, w, im.Src, im.Natural)
			}
			if im.Width > rep.InnerWidth+1 {
				t.Errorf("%s at %d px: %s is %.0f px wide in a %.0f px window: charts must scale", name, w, im.Src, im.Width, rep.InnerWidth)
			}
		}
		for _, p := range problems {
			t.Errorf("%s at %d px: %s", name, w, p)
		}
		for _, u := range remote {
			t.Errorf("%s at %d px: network request to %s (the report must open with no network)", name, w, u)
		}
		if rep.ScrollWidth > rep.InnerWidth+1 {
			t.Errorf("%s at %d px: the page scrolls sideways (%.0f px of content in %.0f)", name, w, rep.ScrollWidth, rep.InnerWidth)
		}
		for _, s := range rep.WideText {
			t.Errorf("%s at %d px: text wider than the window: %s", name, w, s)
		}
		out[w] = rep
	}
	return out
}

func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a scenario and a sweep and drives Chromium; skipped with -short")
	}
	exe := chromium(t)
	dir := t.TempDir()

	run := filepath.Join(dir, "run")
	if code, _, stderr := borderflow(t, "run", "surge-eagle-pass", "-reps", "2", "-horizon", "3d",
		"-set", "warmup=1d", "-set", "surge[0].start=1d", "-set", "surge[0].end=2d", "-quiet", "-out", run); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	reps := checkPage(t, exe, filepath.Join(run, "index.html"), "run")
	checkChartsFit(t, exe, run)
	var sum struct {
		Ports []struct {
			Name     string             `json:"name"`
			Arrivals map[string]float64 `json:"arrivals"`
		} `json:"ports"`
	}
	b, err := os.ReadFile(filepath.Join(run, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	want := map[[2]string]bool{}
	for _, p := range sum.Ports {
		for c := range p.Arrivals {
			want[[2]string{p.Name, c}] = true
		}
	}
	for w, rep := range reps {
		got := map[[2]string]bool{}
		for _, r := range rep.Rows {
			if got[r] {
				t.Errorf("run at %d px: row %v twice", w, r)
			}
			got[r] = true
		}
		if len(got) != len(want) || len(want) < 8 {
			t.Errorf("run at %d px: the summary table has %d port × class rows, summary.json %d", w, len(got), len(want))
		}
		for k := range want {
			if !got[k] {
				t.Errorf("run at %d px: no summary row for %s %s", w, k[0], k[1])
			}
		}
		if rep.FirstH2 != "Headline" {
			t.Errorf("run at %d px: the page leads with %q, want the headline figures", w, rep.FirstH2)
		}
	}

	sw := filepath.Join(dir, "sweep")
	if code, _, stderr := borderflow(t, "sweep", "eagle-pass", "-reps", "2", "-horizon", "2d", "-quiet", "-out", sw); code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, stderr)
	}
	checkChartsFit(t, exe, sw)
	for w, rep := range checkPage(t, exe, filepath.Join(sw, "index.html"), "sweep") {
		if len(rep.Policies) < 2 {
			t.Errorf("sweep at %d px: %d ranked policies", w, len(rep.Policies))
		}
		if !strings.HasPrefix(rep.FirstH2, "Policies") {
			t.Errorf("sweep at %d px: the page leads with %q, want the ranked policies", w, rep.FirstH2)
		}
		if len(rep.Images) == 0 || !strings.HasPrefix(rep.Images[0].Src, "frontier") {
			t.Errorf("sweep at %d px: the first chart is not the frontier", w)
		}
	}
}
