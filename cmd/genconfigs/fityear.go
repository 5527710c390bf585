package main

// `genconfigs -fit data/staffing_fit.csv -fit-year PORT/CLASS,...`: the
// named lanes' staff budgets fitted again, each on a year of
// southwest-border as the generator writes it (every other lane at its
// fit in the file), so that the year's own conditions are in play: the
// busy months, the weekdays, and the traffic other ports send when their
// waits pass the drivers' tolerance ([response]). A lane whose year is
// ruled by that traffic is not fitted by the 28-day runs of its port
// alone (fit.go), however their target is corrected: a small port next to
// a saturated one (Tecate beside San Ysidro and Otay Mesa) draws more of
// their drivers the more officers it has, so its year waits far longer
// than any 28 days of it alone at the year's average traffic. A year is
// costly, so this is for the lanes the corrections leave out of
// tolerance; the wait of the fitted lane falls as officers are added (the
// traffic it draws grows less than its capacity), and the budget is found
// by bracketing and bisection on the same random numbers (seed 1,
// replication 0, the run TestYearAgainstRealCounts checks).

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strings"
)

// The values of data/staffing_fit.csv's fitted_on column.
const (
	fittedAlone  = "28 days of the port alone"
	fittedOnYear = "a year of southwest-border"
)

// staffOverride replaces fitted budgets (officer-hours a day) when the
// fit is read: the year fit's trial budgets.
var staffOverride map[[2]string]float64

// yearLaneWait is the mean wait, minutes, of port's class lane over a
// year of southwest-border with a staff budget of hours officer-hours a
// day: the general part's when general is set.
// done holds the budgets of the lanes already fitted on a year.
func yearLaneWait(port, class string, hours float64, general bool, done map[[2]string]float64) (float64, error) {
	staffOverride = map[[2]string]float64{{port, class}: hours}
	for k, h := range done {
		if k != [2]string{port, class} {
			staffOverride[k] = h
		}
	}
	defer func() { staffOverride = nil }()
	sc, r, err := generatedYear()
	if err != nil {
		return 0, err
	}
	for _, ps := range r.Ports {
		if ps.Name != port {
			continue
		}
		for _, ls := range ps.Lanes {
			if sc.Classes[ls.Class].Name != class {
				continue
			}
			if general && len(ls.Parts) > 0 {
				return ls.Parts[0].Wait.Mean() / 60, nil
			}
			return ls.Wait.Mean() / 60, nil
		}
	}
	return 0, fmt.Errorf("southwest-border has no %s lane at %s", class, port)
}

// fitOnYear fits each lane of lanes ("PORT/CLASS,...") on a year and
// rewrites its row of the fit file at path.
func fitOnYear(path, lanes string) error {
	pub, err := readPublished()
	if err != nil {
		return err
	}
	f, err := readStaffFit()
	if err != nil {
		return err
	}
	ports, err := readPorts()
	if err != nil {
		return err
	}
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	rows, err := csv.NewReader(in).ReadAll()
	in.Close()
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if len(rows) == 0 {
		return fmt.Errorf("%s: empty", path)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, k := range []string{"port", "class", "officer_hours", "utilisation", "target_min", "model_min", "fitted_on"} {
		if _, ok := col[k]; !ok {
			return fmt.Errorf("%s: no column %s", path, k)
		}
	}
	done := map[[2]string]float64{}
	for _, lane := range strings.Split(lanes, ",") {
		port, class, ok := strings.Cut(strings.TrimSpace(lane), "/")
		if !ok {
			return fmt.Errorf("-fit-year %q: want PORT/CLASS, e.g. Tecate/car", lane)
		}
		key := [2]string{port, class}
		var p *published
		for i := range pub {
			if pub[i].use == "fit" && pub[i].port == port && pub[i].class == class {
				p = &pub[i]
			}
		}
		if p == nil {
			return fmt.Errorf("-fit-year %s: no published wait of the lane marked fit in data/published_waits.csv", lane)
		}
		b0, ok := f.hours[key]
		if !ok {
			return fmt.Errorf("-fit-year %s: no row in %s", lane, path)
		}
		wait := map[int]float64{}
		at := func(h int) (float64, error) {
			if w, ok := wait[h]; ok {
				return w, nil
			}
			w, err := yearLaneWait(port, class, float64(h), p.general, done)
			fmt.Fprintf(os.Stderr, "%s %s: %d officer-hours → %.1f min over a year (published %.1f)\n", port, class, h, w, p.wait)
			wait[h] = w
			return w, err
		}
		// Bracket: lo waits longer than published, hi no longer.
		lo, hi := int(b0), int(b0)
		for {
			w, err := at(hi)
			if err != nil {
				return err
			}
			if w <= p.wait {
				break
			}
			lo, hi = hi, int(math.Ceil(float64(hi)*1.5))
		}
		for {
			w, err := at(lo)
			if err != nil {
				return err
			}
			if w > p.wait || lo <= minBudget {
				break
			}
			lo = max(minBudget, lo*2/3)
		}
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			w, err := at(mid)
			if err != nil {
				return err
			}
			if w > p.wait {
				lo = mid
			} else {
				hi = mid
			}
		}
		best := lo
		if math.Abs(wait[hi]-p.wait) < math.Abs(wait[lo]-p.wait) {
			best = hi
		}
		load := -1.0
		for _, r := range ports {
			if r.name == port {
				load = laneLoad(r, class)
			}
		}
		found := false
		for _, r := range rows[1:] {
			if r[col["port"]] == port && r[col["class"]] == class {
				r[col["officer_hours"]] = fmt.Sprint(best)
				r[col["utilisation"]] = fmt.Sprintf("%.4f", shiftHours*load/float64(best))
				r[col["target_min"]] = fmt.Sprintf("%.1f", p.wait)
				r[col["model_min"]] = fmt.Sprintf("%.1f", wait[best])
				r[col["fitted_on"]] = fittedOnYear
				found = true
			}
		}
		if !found {
			return fmt.Errorf("-fit-year %s: no row in %s", lane, path)
		}
		f.hours[key] = float64(best)
		done[key] = float64(best)
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
