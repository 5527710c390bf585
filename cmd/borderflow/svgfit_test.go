package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// textOutside lists, per SVG file, the text elements Chromium draws
// outside the chart's own area: a legend or label the browser's font made
// wider than the layout allowed is clipped at the chart's edge.
const textOutside = `(() => {
  const box = document.documentElement.getBoundingClientRect();
  const out = [];
  for (const t of document.querySelectorAll('text')) {
    const r = t.getBoundingClientRect();
    if (r.width === 0) continue;
    if (r.right > box.right + 0.5 || r.left < box.left - 0.5 || r.bottom > box.bottom + 0.5 || r.top < box.top - 0.5) {
      out.push(t.textContent + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + '] of [' + Math.round(box.left) + ', ' + Math.round(box.right) + ']');
    }
  }
  return out;
})()`

// clippedText opens each SVG in one headless Chromium and returns the
// texts it draws outside the chart, by file. A browser that fails to
// start (it happens on a machine under heavy load) is started again, up
// to three times.
func clippedText(t *testing.T, exe string, files []string) map[string][]string {
	t.Helper()
	var err error
	for try := 0; try < 3; try++ {
		var out map[string][]string
		if out, err = clippedTextOnce(t, exe, files); err == nil {
			return out
		}
		t.Logf("Chromium, attempt %d: %v", try+1, err)
	}
	t.Fatal(err)
	return nil
}

func clippedTextOnce(t *testing.T, exe string, files []string) (map[string][]string, error) {
	ctx, stop := headless(t, exe, 120*time.Second)
	defer stop()
	out := map[string][]string{}
	for _, f := range files {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1600, 1200), chromedp.Navigate("file://"+f)); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](textOutside))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		out[f] = got
	}
	return out, nil
}

// checkChartsFit fails for any chart of dir whose text Chromium draws
// outside it; it first proves the check can fail, on a copy of one chart
// whose rightmost text (the legend's column) is made longer than the room
// left for it, as a font wider than the layout's did before.
func checkChartsFit(t *testing.T, exe, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatalf("%s has no charts", dir)
	}
	doctored := filepath.Join(t.TempDir(), "clipped-legend.svg")
	os.WriteFile(doctored, clipRightmostText(t, files[0]), 0o644)
	res := clippedText(t, exe, append(files, doctored))
	if len(res[doctored]) == 0 {
		t.Errorf("the check missed a deliberately clipped legend in %s", doctored)
	}
	for _, f := range files {
		for _, s := range res[f] {
			t.Errorf("%s: text drawn outside the chart (clipped): %s", f, s)
		}
	}
}

var svgTextEl = regexp.MustCompile(`(?s)<text x="([0-9.]+)"([^>]*)>([^<]*)</text>`)

func clipRightmostText(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	best, bestX := -1, -1.0
	ms := svgTextEl.FindAllSubmatchIndex(b, -1)
	for i, m := range ms {
		if x, err := strconv.ParseFloat(string(b[m[2]:m[3]]), 64); err == nil && x > bestX {
			best, bestX = i, x
		}
	}
	if best < 0 {
		t.Fatalf("%s has no text", file)
	}
	m := ms[best]
	attrs := regexp.MustCompile(`textLength="[^"]*" lengthAdjust="[^"]*" `).ReplaceAll(b[m[4]:m[5]], nil)
	el := `<text x="` + string(b[m[2]:m[3]]) + `"` + string(attrs) + `>` + strings.Repeat("inspect-everything ", 6) + `</text>`
	return append(append(append([]byte(nil), b[:m[0]]...), el...), b[m[1]:]...)
}
