package plots

import (
	"context"
	"fmt"
	"io"
	"maps"
	"runtime"
	"sort"
	"sync"

	"borderflow/bug"
)

// Draw draws the charts of a run from its output files (file name →
// bytes: summary.json, series.csv (or hourly.csv), ports.csv, drugs.csv, routes.csv —
// whichever are present) and returns the files to add: NAME.png and
// NAME.svg for each chart that the inputs allow, and index.html. The
// input map is not changed.
//
// The charts: throughput (by port and class over time), waits (p50 and p95
// over time), secondary (referrals, inspections, missed referrals, lot
// occupancy), seizures (kg attempted and seized by drug and by port),
// interdiction (the rate by port with its 95% interval, and by drug), and
// routes (smugglers' route shares by port over time, with surges).
func Draw(files map[string][]byte) (map[string][]byte, error) {
	return DrawContext(context.Background(), files)
}

// DrawContext is Draw that gives up when ctx is done (a signal): it looks
// before it renders each chart, so that an interrupt is honoured after the
// charts in hand rather than after all of them, and returns ctx's error
// and no files.
func DrawContext(ctx context.Context, files map[string][]byte) (map[string][]byte, error) {
	out, _, err := drawRunFrom(ctx, files, nil)
	return out, err
}

// DrawFromContext is DrawContext of the files in files and, for those not
// in it, the files open opens: a long series.csv is then read from disk
// as it is charted, a row at a time, rather than held. open's error for a
// file that is not there satisfies errors.Is(err, fs.ErrNotExist).
func DrawFromContext(ctx context.Context, files map[string][]byte, open func(name string) (io.ReadCloser, error)) (map[string][]byte, error) {
	out, _, err := drawRunFrom(ctx, files, open)
	return out, err
}

// streamedInputs are the files DrawFromContext may read from open: the
// time series, a row per lane and bin.
var streamedInputs = []string{"series.csv", "series-no-response.csv"}

// DrawSweep draws the charts of a sweep's output folder: volume (the
// interdiction rate and the mean waits against the traffic multiple, from
// volume.csv) and frontier (kg seized against delay cost, one point per
// policy, from policies.csv), with an index.html.
func DrawSweep(files map[string][]byte) (map[string][]byte, error) {
	return DrawSweepContext(context.Background(), files)
}

// DrawSweepContext is DrawSweep that gives up when ctx is done, as
// DrawContext does.
func DrawSweepContext(ctx context.Context, files map[string][]byte) (map[string][]byte, error) {
	out, _, err := drawSweep(ctx, files)
	return out, err
}

// run is what the charts of one run read, parsed once.
type run struct {
	files   map[string][]byte
	open    opener // files, then the streamed inputs
	sum     *summary
	ts      *timeGrid
	ports   *palette
	classes *palette
	drugs   *palette
}

func drawRun(ctx context.Context, files map[string][]byte) (map[string][]byte, []*figure, error) {
	return drawRunFrom(ctx, files, nil)
}

func drawRunFrom(ctx context.Context, files map[string][]byte, open func(string) (io.ReadCloser, error)) (map[string][]byte, []*figure, error) {
	r, figs, err := buildRunFrom(files, open)
	if err != nil {
		return nil, nil, err
	}
	out, err := renderAllContext(ctx, figs)
	if err != nil {
		return nil, nil, err
	}
	links := files
	if open != nil { // the page links to the streamed files too
		links = maps.Clone(files)
		for _, n := range streamedInputs {
			if rc, err := r.open(n); err == nil && rc != nil {
				rc.Close()
				if _, ok := links[n]; !ok {
					links[n] = nil
				}
			}
		}
	}
	out["index.html"] = runIndex(r.sum, links, figs)
	return out, figs, nil
}

// buildRun reads the files and lays out the run's figures, without
// rendering them.
func buildRun(files map[string][]byte) (*run, []*figure, error) {
	return buildRunFrom(files, nil)
}

// buildRunFrom is buildRun of files and what open opens (DrawFromContext).
func buildRunFrom(files map[string][]byte, open func(string) (io.ReadCloser, error)) (_ *run, _ []*figure, err error) {
	defer recoverChart(&err)
	r := &run{files: files, open: inputs(files, open)}
	if r.sum, err = readSummary(files); err != nil {
		return nil, nil, err
	}
	horizon := 0.0
	if r.sum != nil {
		horizon = r.sum.HorizonHours
	}
	if r.ts, err = readSeriesFrom(r.open, "series.csv", horizon); err != nil {
		return nil, nil, err
	}
	if err := r.palettes(); err != nil {
		return nil, nil, err
	}
	var figs []*figure
	for _, build := range []func() (*figure, error){
		r.throughput, r.waits, r.secondary, r.seizures, r.interdiction, r.routes, r.market, // plots/market.go
		r.diversion,     // diversion.go
		r.responseWaits, // response_waits.go
	} {
		f, err := build()
		if err != nil {
			return nil, nil, err
		}
		if f != nil {
			figs = append(figs, f)
		}
	}
	return r, figs, nil
}

// renderAll renders every figure as PNG and SVG, the figures in parallel
// (each is its own drawing, so the bytes do not depend on the order).
func renderAll(figs []*figure) (map[string][]byte, error) {
	return renderAllContext(context.Background(), figs)
}

// renderers is how many drawings renderAllContext renders at once (0:
// GOMAXPROCS), and afterRender, when set, is called as each one is done:
// tests set them.
var (
	renderers   = 0
	afterRender func(name string)
)

// renderAllContext is renderAll that renders no more drawings once ctx is
// done and then returns ctx's error: a drawing takes up to a second, all
// of a run's a dozen.
func renderAllContext(ctx context.Context, figs []*figure) (map[string][]byte, error) {
	formats := []string{"png", "svg"}
	type result struct {
		b   []byte
		err error
	}
	res := make([]result, len(figs)*len(formats))
	var wg sync.WaitGroup
	n := renderers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, n)
	for i, f := range figs {
		for j, format := range formats {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				if err := ctx.Err(); err != nil {
					res[i*len(formats)+j] = result{nil, err}
					return
				}
				b, err := f.render(format)
				res[i*len(formats)+j] = result{b, err}
				if afterRender != nil {
					afterRender(f.name + "." + format)
				}
			}()
		}
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for i, f := range figs {
		for j, format := range formats {
			r := res[i*len(formats)+j]
			if r.err != nil {
				return nil, r.err
			}
			out[f.name+"."+format] = r.b
		}
	}
	return out, nil
}

// recoverChart turns a panic while laying out the charts (gonum/plot
// panics on some data it cannot place) into a bug.Error: a chart must
// never take a finished simulation down with it.
func recoverChart(err *error) {
	if r := recover(); r != nil {
		*err = bug.Recovered("the charts", r)
	}
}

// palettes gives every port, class and drug named in any file its colour
// for all the charts of the run.
func (r *run) palettes() error {
	ports, classes, drugs := set{}, set{}, set{}
	if s := r.sum; s != nil {
		for _, p := range s.Ports {
			ports.add(p.Name)
			for c := range p.Arrivals {
				classes.add(c)
			}
			for d := range p.Drugs {
				drugs.add(d)
			}
		}
		for d := range s.Total.Drugs {
			drugs.add(d)
		}
	}
	if h := r.ts; h != nil {
		ports.add(h.ports...)
		classes.add(h.classes...)
	}
	for _, f := range []struct{ file, col string }{
		{"ports.csv", "port"}, {"ports.csv", "class"}, {"drugs.csv", "port"}, {"drugs.csv", "drug"}, {"routes.csv", "port"},
	} {
		t, err := readTable(r.files, f.file)
		if err != nil {
			return err
		}
		if !t.has(f.col) {
			continue
		}
		for i := range t.rows {
			v := t.str(i, f.col)
			switch {
			case f.col == "class":
				classes.add(v)
			case f.col == "drug":
				drugs.add(v)
			case v != "total":
				ports.add(v)
			}
		}
	}
	r.ports = rankedPalette(portColours, r.portRanking(ports.list()))
	r.classes = newPalette(classSpare, classColours, classes.list())
	r.drugs = newPalette(drugSpare, drugColours, drugs.list())
	return nil
}

// portRanking orders the ports for their colours: first those the time
// charts name (the busiest by arrivals), then those the contraband charts
// name (by kilograms attempted), then the routes chart's, then the rest by
// name. Every chart names at most topPorts (+1), so each chart's ports get
// distinct colours as long as the charts together name no more ports than
// there are colours.
func (r *run) portRanking(names []string) []string {
	var order []string
	seen := set{}
	push := func(ns []string) {
		for _, n := range ns {
			if !seen[n] && n != "" {
				seen[n] = true
				order = append(order, n)
			}
		}
	}
	if r.ts != nil {
		shown, _ := r.ts.shownPorts()
		push(shown)
	}
	if c, err := r.contraband(); err == nil && c != nil {
		shown, _ := c.shownPorts()
		push(shown)
	}
	if ports, total := routeTotals(r.files); len(ports) > 0 {
		shown, _ := top(ports, func(p string) float64 { return total[p] }, topPorts)
		push(shown)
	}
	push(names)
	return order
}

// set is a set of names listed in sorted order.
type set map[string]bool

func (s set) add(names ...string) {
	for _, n := range names {
		if n != "" {
			s[n] = true
		}
	}
}

func (s set) list() []string {
	v := make([]string, 0, len(s))
	for n := range s {
		v = append(v, n)
	}
	sort.Strings(v)
	return v
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
