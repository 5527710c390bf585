package main

// `genconfigs -fit`: the staffing utilisation of every lane with a
// published mean wait (data/published_waits.csv, use = fit) fitted so that
// the model's mean wait is the published one, written to
// data/staffing_fit.csv, which the generator reads (staffing.go).
//
// Each lane is fitted on its own port cut out of southwest-border (the
// generator's own single-port file with its trusted parts, pressure
// relief and drivers' response), at the year's average traffic (months
// flattened) for fitDays days after fitWarmup: short runs, one port at a
// time, because the machine is shared; the year-long check is the
// border's (TestNightsQuieterThanDays and the closing figures in
// docs/VALIDATION.md). The wait falls as officers are added, so the
// budget (officer-hours a day) is found by bisection on the same random
// numbers (seed 1, replication 0).

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"borderflow/border"
	"borderflow/data"
	"borderflow/scenario"
)

const (
	fitDays   = 28
	fitWarmup = "2d"
	// fitLo and fitHi bound the utilisation searched (the tours'
	// busiest-hour loads over their officers): from a lane staffed three
	// times over to one three times short.
	fitLo, fitHi = 0.33, 3
)

// published is one row of data/published_waits.csv.
type published struct {
	port, class string
	wait        float64 // minutes
	general     bool    // the figure is of the standard (general) lanes only
	use, period string
	source      string
}

func readPublished() ([]published, error) {
	t, err := data.Read("published_waits.csv")
	if err != nil {
		return nil, err
	}
	c, err := t.Cols("port", "class", "wait_min", "lanes", "use", "period", "source")
	if err != nil {
		return nil, err
	}
	var out []published
	for i, r := range t.Rows {
		w, err := strconv.ParseFloat(r[c[2]], 64)
		if err != nil || !(w > 0) {
			return nil, fmt.Errorf("data/%s:%d: wait_min: want a positive number of minutes, got %q", t.Name, i+2, r[c[2]])
		}
		if r[c[4]] != "fit" && r[c[4]] != "check" {
			return nil, fmt.Errorf("data/%s:%d: use: want fit or check, got %q", t.Name, i+2, r[c[4]])
		}
		out = append(out, published{port: r[c[0]], class: r[c[1]], wait: w, general: r[c[3]] == "general", use: r[c[4]], period: r[c[5]], source: r[c[6]]})
	}
	return out, nil
}

// laneWait is the model's mean wait, minutes, of port's class lane with
// a staff budget of hours officer-hours a day (the port's other lane at
// its current fit): the general part's when general is set.
func laneWait(g *gen, port, class string, hours float64, general bool) (float64, error) {
	key := [2]string{port, class}
	old, had := g.staff.hours[key]
	g.staff.hours[key] = hours
	defer func() {
		if had {
			g.staff.hours[key] = old
		} else {
			delete(g.staff.hours, key)
		}
	}()
	text := g.file(fileSpec{
		name: "fit", description: "fit", horizon: fmt.Sprintf("%dd", fitDays), warmup: fitWarmup, warmupNote: "fit",
		ports: []string{port}, referralOverride: -1, pressure: true, response: true, trusted: true,
	})
	if g.err != nil {
		return 0, g.err
	}
	sc, err := scenario.Parse("fit-"+port+".toml", []byte(text))
	if err != nil {
		return 0, err
	}
	for i := range sc.Ports[0].Lanes {
		ln := &sc.Ports[0].Lanes[i]
		for m := range ln.MonthProfile {
			ln.MonthProfile[m] = 1
		}
	}
	r, err := border.Run(sc, 0, border.Options{Workers: 1})
	if err != nil {
		return 0, err
	}
	for _, ls := range r.Ports[0].Lanes {
		if sc.Classes[ls.Class].Name != class {
			continue
		}
		if general && len(ls.Parts) > 0 {
			return ls.Parts[0].Wait.Mean() / 60, nil
		}
		return ls.Wait.Mean() / 60, nil
	}
	return 0, fmt.Errorf("%s has no %s lane", port, class)
}

// fitStaffing fits every lane with a published wait marked fit and
// writes data/staffing_fit.csv under dir.
//
// With yearPorts (the ports.csv of a year of southwest-border staffed by
// the fit in path), each lane is fitted again to a 28-day target scaled
// by what the year made of the last fit: target = published × the last
// fit's 28-day wait ÷ the year's. A short run at the year's average
// traffic misses what the busy months add to a lane near saturation (a
// small port's wait is steep in its traffic), and a year of one port
// alone costs more than the machine can spare per bisection step; one
// such correction brings the year's means to their published ones.
func fitStaffing(path, yearPorts string) error {
	target := map[[2]string]float64{} // published ÷ the correction
	if yearPorts != "" {
		var err error
		if target, err = yearCorrection(path, yearPorts); err != nil {
			return err
		}
	}
	ports, err := readPorts()
	if err != nil {
		return err
	}
	coords, err := portCoordinates()
	if err != nil {
		return err
	}
	pub, err := readPublished()
	if err != nil {
		return err
	}
	// The generator as generate() sets it up (the drug flows and the
	// detection's simulated-year ratio included), with no fitted staffing
	// yet.
	if err := loadDetectionRatio(); err != nil {
		return err
	}
	g, err := fittedGen()
	if err != nil {
		return err
	}
	g.coords = coords
	g.staff = &staffFit{hours: map[[2]string]float64{}, figure: map[[2]string]string{}, onYear: map[[2]string]bool{}, classRho: map[string]float64{"car": 0.9, "truck": 0.9}}
	var b strings.Builder
	b.WriteString("port,class,officer_hours,utilisation,figure,published_min,target_min,model_min,fitted_on\n")
	var rows []string
	// A port's own figure first; then every lane without one takes the
	// class's border-wide average (the ALL rows).
	var lanes []published
	own := map[[2]string]bool{}
	for _, p := range pub {
		if p.use == "fit" && p.port != "ALL" {
			lanes = append(lanes, p)
			own[[2]string{p.port, p.class}] = true
		}
	}
	for _, p := range pub {
		if p.use != "fit" || p.port != "ALL" {
			continue
		}
		for _, r := range ports {
			if !own[[2]string{r.name, p.class}] && laneLoad(r, p.class) > 0 {
				q := p
				q.port = r.name
				q.source = "border-wide average"
				lanes = append(lanes, q)
			}
		}
	}
	for _, p := range lanes {
		load := -1.0
		for _, r := range ports {
			if r.name == p.port {
				load = laneLoad(r, p.class)
			}
		}
		if !(load > 0) {
			return fmt.Errorf("data/published_waits.csv: no %s lane at %q in data/southwest_ports_summary.csv", p.class, p.port)
		}
		want := p.wait
		if w, ok := target[[2]string{p.port, p.class}]; ok {
			want = w
		}
		// Budgets in whole officer-hours, the wait falling as they grow.
		lo := max(minBudget, int(math.Floor(shiftHours*load/fitHi)))
		hi := max(lo+1, int(math.Ceil(shiftHours*load/fitLo)))
		wait := map[int]float64{}
		at := func(h int) (float64, error) {
			if w, ok := wait[h]; ok {
				return w, nil
			}
			w, err := laneWait(g, p.port, p.class, float64(h), p.general)
			fmt.Fprintf(os.Stderr, "%s %s: %d officer-hours → %.1f min (published %.1f, target %.1f)\n", p.port, p.class, h, w, p.wait, want)
			wait[h] = w
			return w, err
		}
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			w, err := at(mid)
			if err != nil {
				return err
			}
			if w > want {
				lo = mid
			} else {
				hi = mid
			}
		}
		best := lo
		for _, h := range []int{lo, hi} {
			w, err := at(h)
			if err != nil {
				return err
			}
			if math.Abs(w-want) < math.Abs(wait[best]-want) {
				best = h
			}
		}
		g.staff.hours[[2]string{p.port, p.class}] = float64(best)
		figure := "own"
		if p.source == "border-wide average" {
			figure = "border-wide average"
		}
		rows = append(rows, fmt.Sprintf("%s,%s,%d,%.4f,%s,%s,%.1f,%.1f,%s\n", p.port, p.class, best, shiftHours*load/float64(best), figure, num(p.wait), want, wait[best], fittedAlone))
	}
	sort.Strings(rows)
	for _, r := range rows {
		b.WriteString(r)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// laneLoad is the sum of the three tours' busiest-hour loads (booths busy) of port r's class lane as southwest-border staffs it.
func laneLoad(r portRow, class string) float64 {
	for _, spec := range laneSpecs {
		annual := r.cars
		if class == "truck" {
			annual = r.trucks
		}
		if spec.class != class || annual <= 0 {
			continue
		}
		l := sizeLane(spec, annual, monthPeak(r.months[class], annual))
		gs := 1 - trustedShare(r.name, class)
		load := shiftLoads(l.meanPerHour*gs*l.monthPeak, normalised(spec.hours), spec.primaryMean)
		return load[0] + load[1] + load[2]
	}
	return 0
}

// yearCorrection returns each fitted lane's 28-day target: its published
// wait × the 28-day wait of the fit in fitPath ÷ the year's mean wait of
// the lane in yearPorts (a run's ports.csv; the general lanes' mean where
// the published figure is of them).
func yearCorrection(fitPath, yearPorts string) (map[[2]string]float64, error) {
	read := func(path string) ([][]string, map[string]int, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil || len(rows) == 0 {
			return nil, nil, fmt.Errorf("%s: %v", path, err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		return rows[1:], col, nil
	}
	pub, err := readPublished()
	if err != nil {
		return nil, err
	}
	fit, fc, err := read(fitPath)
	if err != nil {
		return nil, err
	}
	year, yc, err := read(yearPorts)
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"port", "class", "model_min", "published_min"} {
		if _, ok := fc[k]; !ok {
			return nil, fmt.Errorf("%s: no column %s", fitPath, k)
		}
	}
	for _, k := range []string{"port", "class", "wait_mean_min", "general_wait_mean_min"} {
		if _, ok := yc[k]; !ok {
			return nil, fmt.Errorf("%s: no column %s", yearPorts, k)
		}
	}
	general := map[[2]string]bool{}
	for _, p := range pub {
		if p.use == "fit" && p.general {
			general[[2]string{p.port, p.class}] = true
		}
	}
	out := map[[2]string]float64{}
	for _, r := range fit {
		k := [2]string{r[fc["port"]], r[fc["class"]]}
		published, _ := strconv.ParseFloat(r[fc["published_min"]], 64)
		short, _ := strconv.ParseFloat(r[fc["model_min"]], 64)
		var long float64
		for _, y := range year {
			if y[yc["port"]] == k[0] && y[yc["class"]] == k[1] {
				col := "wait_mean_min"
				if general[k] && y[yc["general_wait_mean_min"]] != "" {
					col = "general_wait_mean_min"
				}
				long, _ = strconv.ParseFloat(y[yc[col]], 64)
			}
		}
		if !(published > 0) || !(short > 0) || !(long > 0) {
			// A lane that waits nothing in either run keeps its target.
			continue
		}
		out[k] = published * short / long
	}
	return out, nil
}
