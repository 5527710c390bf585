package plots

import (
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"borderflow/internal/chartsynth"
)

// policies builds a policies.csv of (name, kg, delay cost) rows with
// ±10% intervals.
func policies(rows ...[3]string) map[string][]byte {
	recs := [][]string{{"policy", "kg_seized", "kg_seized_lo", "kg_seized_hi", "delay_cost_usd", "delay_cost_usd_lo",
		"delay_cost_usd_hi", "loads_seized"}}
	for _, r := range rows {
		kg, cost := parse(r[1]), parse(r[2])
		recs = append(recs, []string{r[0], r[1], chartsynth.Num(kg * 0.9), chartsynth.Num(kg * 1.1), r[2], chartsynth.Num(cost * 0.9), chartsynth.Num(cost * 1.1), chartsynth.Num(kg / 50)})
	}
	return map[string][]byte{"policies.csv": chartsynth.CSV(recs)}
}

func parse(s string) float64 {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return x
}

func frontierOf(t *testing.T, files map[string][]byte) (*figure, *pointLabels) {
	t.Helper()
	f, err := policyFrontier(files)
	if err != nil || f == nil {
		t.Fatalf("frontier: %v", err)
	}
	if _, err := f.render("svg"); err != nil {
		t.Fatal(err)
	}
	labels := f.labels
	if labels == nil {
		t.Fatal("no labels")
	}
	return f, labels
}

// Delay costs from thousands to billions of dollars: a log axis (the cheap
// policies would be a smudge at zero on a linear one); kilograms within
// 100× stay linear; and back to linear when costs are close.
func TestFrontierLogAxis(t *testing.T) {
	f, _ := frontierOf(t, policies([3]string{"none", "120", "4000"}, [3]string{"targeted", "900", "2e5"},
		[3]string{"image trucks", "2500", "3e7"}, [3]string{"inspect all", "3000", "9e9"}))
	p := f.rows[0][0]
	if _, ok := p.X.Scale.(plot.LogScale); !ok || !strings.Contains(p.X.Label.Text, "log scale") {
		t.Errorf("costs over 6 decades: x scale %T, label %q", p.X.Scale, p.X.Label.Text)
	}
	if _, ok := p.Y.Scale.(plot.LogScale); ok {
		t.Error("kg within 100×: y should be linear")
	}
	if p.X.Min <= 0 || p.X.Min > 4000e-9 || p.X.Max < 9.9 {
		t.Errorf("x range [%v, %v] billion USD", p.X.Min, p.X.Max)
	}
	var labelled []string
	for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if tk.Label != "" {
			labelled = append(labelled, tk.Label)
		}
	}
	if strings.Join(labelled, " ") != "0.00001 0.0001 0.001 0.01 0.1 1 10" {
		t.Errorf("log ticks %v", labelled)
	}
	f, _ = frontierOf(t, chartsynth.Sweep())
	if _, ok := f.rows[0][0].X.Scale.(plot.LogScale); ok {
		t.Error("costs within 16×: x should be linear")
	}
	// A policy that seizes nothing keeps the axis linear (no log of 0).
	f, _ = frontierOf(t, policies([3]string{"none", "0", "4000"}, [3]string{"all", "3000", "9e9"}))
	if _, ok := f.rows[0][0].Y.Scale.(plot.LogScale); ok {
		t.Error("a zero on a log axis")
	}
}

// Policy names never overlap each other or a point, even for policies that
// land on top of one another.
func TestFrontierLabelsDoNotOverlap(t *testing.T) {
	var rows [][3]string
	for i, n := range []string{"baseline", "baseline again", "targeted", "targeted plus", "hold when full",
		"hold when full plus", "random 5%", "random 6%", "scan all", "scan all trucks"} {
		kg := []string{"1000", "1000", "1010", "1005", "1000", "1002", "990", "995", "1003", "4000"}[i]
		cost := []string{"2e6", "2e6", "2e6", "2e6", "2e6", "2e6", "2e6", "2e6", "2e6", "9e6"}[i]
		rows = append(rows, [3]string{n, kg, cost})
	}
	_, l := frontierOf(t, policies(rows...))
	if len(l.placed) != len(rows) {
		t.Fatalf("%d of %d names placed", len(l.placed), len(rows))
	}
	for i, a := range l.placed {
		for j, b := range l.placed[:i] {
			if a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y {
				t.Errorf("%q %v overlaps %q %v", l.text[i], a, l.text[j], b)
			}
		}
	}
}

// Category names sit centred under their bars and marks, wrapped onto
// lines that fit the category; only a word too wide for it slants the
// names, and a slanted name ends at its category.
func TestCategoryNamesUnderTheirBars(t *testing.T) {
	_, figs := layout(t, chartsynth.Run(5, 24, true, false, false))
	for _, f := range figs {
		if f.name != "seizures" && f.name != "interdiction" {
			continue
		}
		for _, p := range f.rows[0] {
			lb := p.X.Tick.Label
			if lb.Rotation != 0 || lb.XAlign != draw.XCenter {
				t.Errorf("%s, %s: names slanted (%v rad) or not centred", f.name, p.Title.Text, lb.Rotation)
			}
			ticks := p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)
			for i, tk := range ticks {
				if tk.Value != float64(i) {
					t.Errorf("%s: tick %q at %v, want %d", f.name, tk.Label, tk.Value, i)
				}
				for _, line := range strings.Split(tk.Label, "\n") {
					if w := lb.Width(line); w > 300/vg.Length(len(ticks)) {
						t.Errorf("%s: %q is %.0f pt wide", f.name, line, w)
					}
				}
			}
		}
	}
	lines, ok := wrapNames(textStyle(sans, 9), []string{"Calexico East", "Rio Grande City", "Roma"}, 45)
	if !ok || strings.Join(lines, "|") != "Calexico\nEast|Rio\nGrande\nCity|Roma" {
		t.Errorf("wrapped %q, %v", lines, ok)
	}
	if _, ok := wrapNames(textStyle(sans, 9), []string{"methamphetamine"}, 30); ok {
		t.Error("a word wider than its room fits")
	}
	// Too many names for their room: slanted, each ending at its tick.
	p := newCategoryPanel("", "", chartsynth.PortNames[:12])
	if p.X.Tick.Label.Rotation == 0 || p.X.Tick.Label.XAlign != draw.XRight {
		t.Error("12 ports' names should slant")
	}
}
