package plots

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"borderflow/internal/chartsynth"
)

var update = flag.Bool("update", false, "rewrite testdata/golden and testdata/run from the current code")

// layout builds a run's figures without rendering them (rendering is the
// slow part under the race detector) and the index page, with empty
// stand-ins for the chart files.
func layout(t *testing.T, files map[string][]byte) (map[string][]byte, []*figure) {
	t.Helper()
	r, figs, err := buildRun(files)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{"index.html": runIndex(r.sum, files, figs)}
	for _, f := range figs {
		out[f.name+".png"], out[f.name+".svg"] = nil, nil
	}
	return out, figs
}

func chartNames(figs []*figure) []string {
	var v []string
	for _, f := range figs {
		v = append(v, f.name)
	}
	return v
}

// drawn is one full drawing of a run with every chart, shared by the
// tests that need rendered bytes (rendering is what takes time under the
// race detector).
var drawn struct {
	once  sync.Once
	files map[string][]byte
	out   map[string][]byte
	figs  []*figure
	err   error
}

func drawAll(t *testing.T) (map[string][]byte, map[string][]byte, []*figure) {
	t.Helper()
	drawn.once.Do(func() {
		drawn.files = chartsynth.Run(2, 72, true, true, true)
		drawn.out, drawn.figs, drawn.err = drawRun(context.Background(), drawn.files)
	})
	if drawn.err != nil {
		t.Fatal(drawn.err)
	}
	return drawn.files, drawn.out, drawn.figs
}

func TestDrawWritesEveryChart(t *testing.T) {
	files, out, figs := drawAll(t)
	want := []string{"throughput", "waits", "secondary", "seizures", "interdiction", "routes"}
	if got := chartNames(figs); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("charts %v, want %v", got, want)
	}
	for _, f := range figs {
		b, ok := out[f.name+".png"]
		if !ok {
			t.Fatalf("%s.png missing", f.name)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s.png: %v", f.name, err)
		}
		if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != widthPx || h != f.heightPx() {
			t.Errorf("%s.png is %d×%d, want %d×%d", f.name, w, h, widthPx, f.heightPx())
		}
		svg := out[f.name+".svg"]
		if !bytes.HasPrefix(svg, []byte("<?xml")) || !bytes.Contains(svg, []byte("<svg")) {
			t.Errorf("%s.svg does not look like SVG", f.name)
		}
		if !bytes.Contains(svg, []byte(`width="900pt"`)) {
			t.Errorf("%s.svg is not 900 points wide", f.name)
		}
	}
	if len(out) != 2*len(figs)+1 {
		t.Errorf("%d files, want %d charts × 2 + index.html", len(out), len(figs))
	}
	for n := range out {
		if _, clash := files[n]; clash {
			t.Errorf("Draw returns %s, which would overwrite an input", n)
		}
	}
}

// The series drawn follow the data: every port up to eight, the rest as
// "other"; lines per class; one mark per port and drug.
func TestSeriesCounts(t *testing.T) {
	for _, tc := range []struct {
		ports int
		want  map[string]int
	}{
		// 2 ports, 2 classes: throughput 2 × (2 ports + demand line);
		// waits 2 classes × (p50, p95) + p95 per port; secondary 3
		// measures + lot per port; seizures 2 panels × 2 bars;
		// interdiction 2 ports + all + 3 drugs; routes 2 ports + Europe.
		{2, map[string]int{"throughput": 6, "waits": 6, "secondary": 5, "seizures": 4, "interdiction": 6, "routes": 3}},
		// 12 ports: eight by name and "other".
		{12, map[string]int{"throughput": 20, "waits": 12, "secondary": 12, "seizures": 4, "interdiction": 12, "routes": 9}},
		// One port: no "all ports" mark and no by-port wait panel.
		{1, map[string]int{"throughput": 4, "waits": 4, "secondary": 4, "seizures": 4, "interdiction": 4, "routes": 2}},
	} {
		_, figs := layout(t, chartsynth.Run(tc.ports, 7*24, true, false, true))
		got := map[string]int{}
		for _, f := range figs {
			got[f.name] = f.series
		}
		for name, n := range tc.want {
			if got[name] != n {
				t.Errorf("%d ports: %s draws %d series, want %d", tc.ports, name, got[name], n)
			}
		}
	}
}

// With many ports the legends name the busiest eight and "other", and the
// panels are rows of 300 pixels.
func TestManyPortsLegend(t *testing.T) {
	_, figs := layout(t, chartsynth.Run(12, 48, false, false, false))
	f := figs[0]
	if f.name != "throughput" || f.heightPx() != 600 {
		t.Fatalf("first chart %s, %d px high", f.name, f.heightPx())
	}
	var labels []string
	for _, e := range f.legend {
		labels = append(labels, e.label)
	}
	joined := strings.Join(labels, "|")
	if !strings.Contains(joined, "other (4 ports)") || !strings.Contains(joined, "Laredo") || strings.Contains(joined, "|Roma|") {
		t.Errorf("legend %q: want the eight busiest and other (4 ports)", joined)
	}
}

func TestPressureThreshold(t *testing.T) {
	legend := func(files map[string][]byte) string {
		_, figs := layout(t, files)
		for _, f := range figs {
			if f.name == "waits" {
				var s []string
				for _, e := range f.legend {
					s = append(s, e.label)
				}
				return strings.Join(s, "|")
			}
		}
		t.Fatal("no waits chart")
		return ""
	}
	if l := legend(chartsynth.Run(2, 24, false, true, false)); !strings.Contains(l, "pressure threshold 45 min (Laredo)") {
		t.Errorf("with pressure_wait_minutes, legend %q has no threshold", l)
	}
	if l := legend(chartsynth.Run(2, 24, false, false, false)); strings.Contains(l, "pressure") {
		t.Errorf("without pressure_wait_minutes, legend %q has a threshold", l)
	}
	// A top-level threshold for every port.
	files := chartsynth.Run(1, 24, false, false, false)
	files["summary.json"] = bytes.Replace(files["summary.json"], []byte(`"horizon_hours"`), []byte(`"pressure_wait_minutes": 30, "horizon_hours"`), 1)
	if l := legend(files); !strings.Contains(l, "pressure threshold 30 min") {
		t.Errorf("top-level pressure_wait_minutes: legend %q", l)
	}
}

// Each input is optional: the charts it feeds are drawn or skipped.
func TestPartialInputs(t *testing.T) {
	full := chartsynth.Run(3, 48, true, false, true)
	only := func(names ...string) map[string][]byte {
		m := map[string][]byte{}
		for _, n := range names {
			m[n] = full[n]
		}
		return m
	}
	for _, tc := range []struct {
		files map[string][]byte
		want  string
	}{
		{map[string][]byte{}, ""},
		{only("series.csv"), "throughput,waits,secondary"},
		{only("summary.json"), "seizures,interdiction"},
		{only("drugs.csv"), "seizures,interdiction"},
		{only("routes.csv"), "routes"},
		{only("summary.json", "series.csv", "drugs.csv", "ports.csv"), "throughput,waits,secondary,seizures,interdiction"},
		// routes.csv without the columns the chart needs is skipped.
		{map[string][]byte{"routes.csv": []byte("a,b\n1,2\n")}, ""},
	} {
		out, figs := layout(t, tc.files)
		if got := strings.Join(chartNames(figs), ","); got != tc.want {
			t.Errorf("from %v: charts %q, want %q", keys(tc.files), got, tc.want)
		}
		if _, ok := out["index.html"]; !ok {
			t.Errorf("from %v: no index.html", keys(tc.files))
		}
		checkRefs(t, tc.files, out)
	}
}

func keys(m map[string][]byte) []string {
	var v []string
	for k := range m {
		v = append(v, k)
	}
	sort.Strings(v)
	return v
}

func TestBadInput(t *testing.T) {
	files := chartsynth.Run(1, 4, false, false, false)
	files["series.csv"] = append(bytes.Clone(files["series.csv"]), []byte("5,1,Laredo,truck,lots,1,1,1,1,1,1,1,1,1,1,1,1\n")...)
	if _, err := Draw(files); err == nil || !strings.Contains(err.Error(), "series.csv:") || !strings.Contains(err.Error(), "arrivals") {
		t.Errorf("a bad number: error %v, want the file, line and column", err)
	}
	files = chartsynth.Run(1, 4, false, false, false)
	files["summary.json"] = []byte("{")
	if _, err := Draw(files); err == nil || !strings.Contains(err.Error(), "summary.json") {
		t.Errorf("bad JSON: error %v", err)
	}
}

var refRE = regexp.MustCompile(`(?:src|href)="([^"]*)"`)

// checkRefs checks that index.html refers only to files that exist: the
// inputs or the files Draw returned.
func checkRefs(t *testing.T, in, out map[string][]byte) {
	t.Helper()
	page := string(out["index.html"])
	if strings.Contains(page, "<script") || strings.Contains(page, "http://") || strings.Contains(page, "https://") {
		t.Errorf("index.html loads a script or something from the network")
	}
	for _, m := range refRE.FindAllStringSubmatch(page, -1) {
		_, a := in[m[1]]
		_, b := out[m[1]]
		if !a && !b {
			t.Errorf("index.html refers to %q, which does not exist", m[1])
		}
	}
}

func TestIndex(t *testing.T) {
	files := chartsynth.Run(2, 48, true, false, true)
	out, figs := layout(t, files)
	checkRefs(t, files, out)
	page := string(out["index.html"])
	for _, f := range figs {
		if !strings.Contains(page, `<img src="`+f.name+`.svg"`) {
			t.Errorf("index.html does not show %s.svg", f.name)
		}
	}
	for _, want := range []string{"synthetic", "Laredo", "Otay Mesa", "total", "<table class=\"summary\">", "routes.csv", "<h2>Headline</h2>"} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	files, a, _ := drawAll(t)
	b, err := Draw(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for n := range a {
		if !bytes.Equal(a[n], b[n]) {
			t.Errorf("%s differs between two draws of the same input", n)
		}
	}
}

// Long runs are averaged into days so that a chart keeps a few hundred
// points.
func TestLongRunIsBinned(t *testing.T) {
	h, err := readSeries(chartsynth.Run(1, 60*24, false, false, false), 0)
	if err != nil {
		t.Fatal(err)
	}
	a := h.axis()
	if len(a.x) > maxPoints || a.unit != 24 {
		t.Fatalf("%d points, unit %v h", len(a.x), a.unit)
	}
	if a.note != "one point per 3 hours" {
		t.Errorf("note %q", a.note)
	}
	// The per-hour rate is kept when bins are grouped: the class's mean
	// arrivals per hour over the run.
	rate := h.rate(a, "arrivals", classIs("truck"))
	var sum float64
	for _, v := range rate {
		sum += v
	}
	want := h.total("arrivals", classIs("truck")) / (60 * 24)
	if got := sum / float64(len(rate)); got < want*0.999 || got > want*1.001 {
		t.Errorf("mean of grouped rates %v, want %v", got, want)
	}
}

func TestSweep(t *testing.T) {
	files := chartsynth.Sweep()
	out, figs, err := drawSweep(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, f := range figs {
		got[f.name] = f.series
		img, err := png.Decode(bytes.NewReader(out[f.name+".png"]))
		if err != nil {
			t.Fatalf("%s.png: %v", f.name, err)
		}
		if img.Bounds().Dx() != widthPx {
			t.Errorf("%s.png is %d wide", f.name, img.Bounds().Dx())
		}
	}
	// volume: interdiction rate, share inspected, wait per class (2);
	// frontier: one point per policy.
	if got["volume"] != 4 || got["frontier"] != 4 || len(figs) != 2 {
		t.Errorf("sweep series %v, want volume 4 and frontier 4", got)
	}
	checkRefs(t, files, out)
	if !strings.Contains(string(out["index.html"]), "operation intercept") {
		t.Errorf("sweep index.html lacks the policies table")
	}
	// Only one of the two files: one chart.
	figs, err = buildSweep(map[string][]byte{"policies.csv": files["policies.csv"]})
	if err != nil || len(figs) != 1 || figs[0].name != "frontier" {
		t.Errorf("policies.csv alone: %v, %v", chartNames(figs), err)
	}
}

func TestPaletteKeyedByName(t *testing.T) {
	a := newPalette(portColours, nil, []string{"Laredo", "Eagle Pass", "Roma"})
	b := newPalette(portColours, nil, []string{"Roma", "Laredo", "Eagle Pass"})
	seen := map[any]string{}
	for _, n := range []string{"Laredo", "Eagle Pass", "Roma"} {
		if a.colour(n) != b.colour(n) {
			t.Errorf("%s: colour depends on the order of names", n)
		}
		if m, dup := seen[a.colour(n)]; dup {
			t.Errorf("%s and %s share a colour", n, m)
		}
		seen[a.colour(n)] = n
	}
	c := newPalette(classSpare, classColours, []string{"truck", "car", "van"})
	if c.colour("truck") != classColours["truck"] || c.colour("van") == c.colour("truck") {
		t.Errorf("class colours: truck %v, van %v", c.colour("truck"), c.colour("van"))
	}
}

// TestGolden pins the SVG of a small run: a change in the drawing shows
// as a diff. Run "go test ./plots -update" to accept it (and to rewrite
// testdata/run, the inputs the command's test redraws).
func TestGolden(t *testing.T) {
	_, figs, err := buildRun(chartsynth.Run(2, 12, true, true, false))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range figs {
		if f.name == "throughput" || f.name == "interdiction" {
			if out[f.name+".svg"], err = f.render("svg"); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, name := range []string{"throughput.svg", "interdiction.svg"} {
		path := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, out[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(out[name], want) {
			t.Errorf("%s differs from %s (run go test -update if the change is wanted)", name, path)
		}
	}
	if *update {
		dir := filepath.Join("testdata", "run")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for n, b := range chartsynth.Run(3, 48, true, true, true) {
			if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// An old folder's hourly.csv (testdata/oldrun, written before series.csv)
// still draws: it reads as the same grid as series.csv of the same numbers
// (testdata/run), with departures standing in for the wait count.
func TestOldHourlyCSV(t *testing.T) {
	read := func(dir string) map[string][]byte {
		ents, err := os.ReadDir(filepath.Join("testdata", dir))
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, e := range ents {
			b, err := os.ReadFile(filepath.Join("testdata", dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[e.Name()] = b
		}
		return files
	}
	oldFiles, newFiles := read("oldrun"), read("run")
	if _, ok := oldFiles["hourly.csv"]; !ok {
		t.Fatal("testdata/oldrun has no hourly.csv")
	}
	if _, ok := newFiles["series.csv"]; !ok {
		t.Fatal("testdata/run has no series.csv")
	}
	old, err := readSeries(oldFiles, 48)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := readSeries(newFiles, 48)
	if err != nil {
		t.Fatal(err)
	}
	if old.waitWeight != "departures" || cur.waitWeight != "wait_count" {
		t.Errorf("wait weights %q and %q", old.waitWeight, cur.waitWeight)
	}
	if len(old.start) != 48 || strings.Join(old.ports, ",") != strings.Join(cur.ports, ",") {
		t.Fatalf("old grid: %d bins, ports %v (new %v)", len(old.start), old.ports, cur.ports)
	}
	for i := range old.start {
		if old.start[i] != cur.start[i] || old.width[i] != cur.width[i] {
			t.Fatalf("bin %d: old [%v +%v], new [%v +%v]", i, old.start[i], old.width[i], cur.start[i], cur.width[i])
		}
	}
	for k, m := range cur.cells {
		for _, c := range seriesCols {
			if c == "wait_count" {
				continue
			}
			for b, v := range m[c] {
				if old.cells[k][c][b] != v {
					t.Fatalf("%v %s bin %d: old %v, new %v", k, c, b, old.cells[k][c][b], v)
				}
			}
		}
	}
	_, figs := layout(t, oldFiles)
	if got := strings.Join(chartNames(figs), ","); !strings.HasPrefix(got, "throughput,waits,secondary") {
		t.Errorf("old folder draws %s", got)
	}
}

// seriesFiles is a series.csv of one port and class, 24 one-hour bins,
// from rows of (wait_count, wait_mean_min, departures, queue_length).
func seriesFiles(rows [][4]string) map[string][]byte {
	recs := [][]string{{"bin_start_hours", "bin_hours", "port", "class", "arrivals", "departures", "wait_count",
		"wait_mean_min", "wait_p50_min", "wait_p95_min", "queue_length"}}
	for i, r := range rows {
		recs = append(recs, []string{chartsynth.Num(float64(i)), "1", "Laredo", "car", "100", r[2], r[0], r[1], r[1], r[1], r[3]})
	}
	return map[string][]byte{"series.csv": chartsynth.CSV(recs)}
}

// A jam is never drawn as a wait of zero: in bins where vehicles queued
// but no wait ended (even with departures, from secondary), the wait is a
// gap, and the chart shades it; a bin with no queue and no waits is a
// plain gap.
func TestWaitsJamIsNotZero(t *testing.T) {
	var rows [][4]string
	for i := 0; i < 24; i++ {
		switch {
		case i >= 10 && i < 14:
			rows = append(rows, [4]string{"0", "", "40", "5000"}) // jammed: departures from secondary only
		case i == 20:
			rows = append(rows, [4]string{"0", "", "0", "0"}) // quiet
		default:
			rows = append(rows, [4]string{"90", chartsynth.Num(30 + float64(i)), "95", "20"})
		}
	}
	files := seriesFiles(rows)
	h, err := readSeries(files, 24)
	if err != nil {
		t.Fatal(err)
	}
	a := h.axis()
	w := h.waitMean(a, "wait_mean_min", all)
	jam := h.jammed(a, all)
	for i := range w {
		gap := (i >= 10 && i < 14) || i == 20
		if gap != math.IsNaN(w[i]) || jam[i] != (i >= 10 && i < 14) {
			t.Errorf("bin %d: wait %v, jammed %v", i, w[i], jam[i])
		}
	}
	_, figs := layout(t, files)
	var f *figure
	for _, g := range figs {
		if g.name == "waits" {
			f = g
		}
	}
	if f == nil {
		t.Fatal("no waits chart")
	}
	legend := legendText(f)
	if !strings.Contains(legend, "queue, no vehicle reached a booth") {
		t.Errorf("legend %q does not explain the shading", legend)
	}
	svg, err := f.render("svg")
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(svg, []byte(svgFill(jamColour))); n < 2 { // the span and the legend box
		t.Errorf("the jam is shaded %d times in the SVG", n)
	}
	// Without a jam, no shading and no legend entry.
	_, figs = layout(t, chartsynth.Run(1, 24, false, false, false))
	if l := legendText(figs[1]); strings.Contains(l, "no vehicle reached") {
		t.Errorf("no jam, but legend %q", l)
	}
}

func legendText(f *figure) string {
	var s []string
	for _, e := range f.legend {
		s = append(s, e.label)
	}
	return strings.Join(s, "|")
}

// svgFill is how vgsvg writes a fill colour.
func svgFill(c color.RGBA) string {
	return fmt.Sprintf("fill:#%02X%02X%02X", c.R, c.G, c.B)
}

// The waits chart's y range follows the waits, not the pressure
// threshold: a threshold far above them is named in the legend as above
// the chart, and the curves keep the panel.
func TestWaitsRangeFollowsData(t *testing.T) {
	files := chartsynth.Run(2, 24, false, false, false)
	files["summary.json"] = bytes.Replace(files["summary.json"], []byte(`"horizon_hours"`), []byte(`"pressure_wait_minutes": 5000, "horizon_hours"`), 1)
	_, figs := layout(t, files)
	f := figs[1]
	if f.name != "waits" {
		t.Fatalf("chart %s", f.name)
	}
	most := 0.0
	h, _ := readSeries(files, 24)
	for _, c := range h.classes {
		for _, v := range h.waitMean(h.axis(), "wait_p95_min", classIs(c)) {
			most = max(most, v)
		}
	}
	for _, row := range f.rows {
		p := row[0]
		if p.Y.Label.Text != "wait, minutes" || p.Y.Max > 1.2*most || p.Y.Max < most {
			t.Errorf("%s: y axis %q up to %v; the waits reach %v min", p.Title.Text, p.Y.Label.Text, p.Y.Max, most)
		}
	}
	if l := legendText(f); !strings.Contains(l, "pressure threshold 5000 min|(above the waits shown)") {
		t.Errorf("legend %q", l)
	}
	// A threshold inside the range is drawn and not called above.
	files = chartsynth.Run(2, 24, false, true, false)
	_, figs = layout(t, files)
	if l := legendText(figs[1]); !strings.Contains(l, "pressure threshold 45 min (Laredo)") || strings.Contains(l, "above") {
		t.Errorf("legend %q", l)
	}
}
