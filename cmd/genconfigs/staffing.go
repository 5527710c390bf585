package main

// Staffing by shift ([port.lane.CLASS.staffing], scenario/staffing.go):
// every generated lane's primary booths come from a roster of three
// eight-hour shifts (06-14, 14-22, 22-06; assumption: CBP officers work
// eight-hour tours, and a port runs round the clock in three of them).
// The lane's staff budget is shared by the tours in proportion to the
// load of each tour's busiest hour, at least one officer each: a tour
// works the hours of its shift however the traffic moves within it, so
// queues build where demand peaks and drain where it falls — waits
// follow demand, instead of each hour being staffed at ρ ≈ 1 for its own
// traffic.
//
// The budget is fitted per lane to a published mean wait
// (data/published_waits.csv, rows marked fit: the port's own figure, or
// for a lane without one BTS's border-wide average of its class) by
// `genconfigs -fit` (fit.go), which writes data/staffing_fit.csv; the
// budget (officer_hours) is all used by the roster.

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"borderflow/data"
	"borderflow/scenario"
)

// shiftStarts are the hours the three tours begin; each lasts shiftHours.
var shiftStarts = []int{6, 14, 22}

const shiftHours = 8

// staffFit is the fitted staff budget of each lane, officer-hours a day,
// by port and class (data/staffing_fit.csv), and each class's median
// utilisation of the fitted lanes (the tours' busiest hours' load over
// their officers), which staffs a lane the fit has no row for (a port
// added to the data since).
type staffFit struct {
	hours    map[[2]string]float64
	figure   map[[2]string]string // "own" or "border-wide average"
	onYear   map[[2]string]bool   // fitted on a year of southwest-border (fityear.go)
	classRho map[string]float64
}

// readStaffFit reads data/staffing_fit.csv.
func readStaffFit() (*staffFit, error) {
	t, err := data.Read("staffing_fit.csv")
	if err != nil {
		return nil, err
	}
	c, err := t.Cols("port", "class", "officer_hours", "utilisation", "figure", "fitted_on")
	if err != nil {
		return nil, err
	}
	f := &staffFit{hours: map[[2]string]float64{}, figure: map[[2]string]string{}, onYear: map[[2]string]bool{}, classRho: map[string]float64{}}
	fitted := map[string][]float64{}
	for i, r := range t.Rows {
		h, err1 := strconv.ParseFloat(r[c[2]], 64)
		rho, err2 := strconv.ParseFloat(r[c[3]], 64)
		if err1 != nil || err2 != nil || !(h > 0) || !(rho > 0) {
			return nil, fmt.Errorf("data/%s:%d: officer_hours and utilisation: want positive numbers, got %q and %q", t.Name, i+2, r[c[2]], r[c[3]])
		}
		f.hours[[2]string{r[c[0]], r[c[1]]}] = h
		f.figure[[2]string{r[c[0]], r[c[1]]}] = r[c[4]]
		switch r[c[5]] {
		case fittedOnYear:
			f.onYear[[2]string{r[c[0]], r[c[1]]}] = true
		case fittedAlone:
		default:
			return nil, fmt.Errorf("data/%s:%d: fitted_on: want %q or %q, got %q", t.Name, i+2, fittedAlone, fittedOnYear, r[c[5]])
		}
		fitted[r[c[1]]] = append(fitted[r[c[1]]], rho)
	}
	for k, h := range staffOverride {
		f.hours[k] = h
	}
	for class, x := range fitted {
		f.classRho[class] = median(x)
	}
	return f, nil
}

func median(x []float64) float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// budget is the staff budget of port's class lane, officer-hours a day,
// for shift loads load (booths busy in their busiest hours), and where it
// comes from. gs is the share of the lane's traffic its general booths
// serve in this file. The fit staffed the general booths of the lane with
// its trusted parts (trusted.go), so for their share of the traffic; a file
// without trusted parts sends the whole lane through the general booths,
// and the officers who would work the trusted booths work there: the
// fitted budget is scaled by the traffic, keeping the fitted utilisation.
// Left unscaled, a lane with a large trusted share (San Ysidro's cars)
// could not pass its own traffic, and the searches of slowdown-1985 and
// operation-intercept no longer bound.
func (f *staffFit) budget(port, class string, load [3]float64, gs float64) (float64, string) {
	if h, ok := f.hours[[2]string{port, class}]; ok {
		why := "fitted to BTS's border-wide average wait, data/staffing_fit.csv"
		if f.figure[[2]string{port, class}] == "own" {
			why = "fitted to the port's published mean wait, data/staffing_fit.csv"
			if f.onYear[[2]string{port, class}] {
				why = "fitted to the port's published mean wait on a year of southwest-border, the traffic other ports send it in play, data/staffing_fit.csv"
			}
		}
		if fs := 1 - trustedShare(port, class); gs != fs {
			return math.Round(h * gs / fs), fmt.Sprintf("%s, scaled by the traffic: %s for the %s of the lane outside its trusted parts", why, num(h), num(fs))
		}
		return h, why
	}
	rho, ok := f.classRho[class]
	why := fmt.Sprintf("not fitted: the tours' busiest-hour loads over the median utilisation of the fitted %s lanes, %.3g (data/staffing_fit.csv)", class, rho)
	if !ok {
		rho, why = 0.9, "assumption: no fitted lane of the class, utilisation 0.9"
	}
	return math.Round(shiftHours * (load[0] + load[1] + load[2]) / rho), why
}

// nightRho is the utilisation the night tour is staffed for in its
// busiest hour (assumption): it takes over the evening's queue and must
// clear it while its own traffic falls. Staffed at the day tours'
// fitted utilisation (above 1 at the busiest hour), it took over the
// evening's queue with a fifth of their officers and the small hours
// waited longest at most ports above a million cars a year; at 0.7,
// Brownsville's, Del Rio's and Calexico's cars still waited longer at
// night than by day (28 days of southwest-border; docs/VALIDATION.md).
const nightRho = 0.5

// minBudget is one officer on every tour.
const minBudget = shiftHours * 3

// shiftLoads are the booths busy in the busiest hour of each tour of a
// lane whose general traffic averages perHour vehicles an hour (of a busy
// month's average day) at primary time mean seconds, with hour
// multipliers hours. A tour is staffed for its busiest hour: sized for
// its average hour instead, the night tour (whose traffic falls from
// 22:00 to 04:00) had fewer officers still.
func shiftLoads(perHour float64, hours []float64, mean float64) [3]float64 {
	var load [3]float64
	for i, start := range shiftStarts {
		for k := 0; k < shiftHours; k++ {
			load[i] = max(load[i], perHour*hours[(start+k)%24]*mean/3600)
		}
	}
	return load
}

// busiest is the day tour (0 or 1) with the most load per officer.
func busiest(load [3]float64, n [3]int) int {
	if load[1]/float64(n[1]) > load[0]/float64(n[0]) {
		return 1
	}
	return 0
}

// roster spends a budget of officer-hours a day on the three tours: the
// night tour (22:00-06:00) gets the officers its busiest hour needs at
// utilisation nightRho, at least one; the day and evening tours share
// the rest in proportion to their busiest hours' loads, at least one
// officer each, whole officers
// first (largest remainders next); the hours left over, fewer than a
// tour's, go to one officer on a relief tour centred on the busiest hour
// of the day tour with the most load per officer (assumption: ports add
// officers at the peak with overlapping tours), so the budget can be
// fitted hour by hour.
func roster(budget float64, load [3]float64, hours []float64) scenario.Staffing {
	b := max(minBudget, int(math.Round(budget)))
	var n [3]int
	var frac [3]float64
	// The night tour first, at nightRho in its busiest hour.
	n[2] = max(1, int(math.Ceil(load[2]/nightRho-1e-9)))
	day := b - n[2]*shiftHours
	total := load[0] + load[1]
	used := n[2] * shiftHours
	for i := range 2 {
		x := float64(day) / shiftHours / 2
		if total > 0 {
			x = float64(day) / shiftHours * load[i] / total
		}
		n[i] = max(1, int(math.Floor(x)))
		frac[i] = x - math.Floor(x)
		used += n[i] * shiftHours
	}
	frac[2] = -1
	for used > b && (n[0] > 1 || n[1] > 1) { // the tours' one officer each came out of the others' share
		big := 0
		if n[1] > n[0] {
			big = 1
		}
		n[big]--
		used -= shiftHours
	}
	for used+shiftHours <= b {
		best := 0
		if frac[1] > frac[0] {
			best = 1
		}
		n[best]++
		frac[best] = -1
		used += shiftHours
		if frac[0] < 0 && frac[1] < 0 {
			frac[0], frac[1] = 0, 0
		}
	}
	b = max(b, used)
	var s scenario.Staffing
	for i, start := range shiftStarts {
		s.Shifts = append(s.Shifts, scenario.Shift{Start: start, Hours: shiftHours, Officers: n[i]})
	}
	if r := b - used; r > 0 {
		// The relief tour goes to the day tour with the most load per
		// officer, centred on its busiest hour.
		i := busiest(load, n)
		peak, top := shiftStarts[i], 0.0
		for k := 0; k < shiftHours; k++ {
			if h := (shiftStarts[i] + k) % 24; hours[h] > top {
				peak, top = h, hours[h]
			}
		}
		s.Shifts = append(s.Shifts, scenario.Shift{Start: (peak - (r-1)/2 + 24) % 24, Hours: r, Officers: 1})
	}
	for _, c := range s.Booths() {
		s.Lanes = max(s.Lanes, c)
	}
	s.OfficerHours = float64(b)
	return s
}

// staffingLines writes a lane's staffing (in place of booths by hour)
// for its general traffic (gs of the lane).
func (g *gen) staffingLines(r portRow, l laneSizing, gs float64) {
	hours := normalised(l.spec.hours)
	load := shiftLoads(l.meanPerHour*gs*l.monthPeak, hours, l.spec.primaryMean)
	budget, why := g.staff.budget(r.name, l.spec.class, load, gs)
	s := roster(budget, load, hours)
	g.p("  # staffing by shift: a budget of %s officer-hours a day (%s) shared by the tours in proportion to\n", num(s.OfficerHours), why)
	g.p("  # the load of their busiest hour, %.2f veh/h%s × %.3f (a busy month, the third busiest) × the tour's largest hour multiplier × %.0f s / 3600:\n",
		l.meanPerHour*gs, generalNote(gs), l.monthPeak, l.spec.primaryMean)
	for i, sh := range s.Shifts {
		if i < len(load) {
			g.p("  #   %02d:00-%02d:00: %.2f booths busy in its busiest hour, %d officers (utilisation %.2f)\n", sh.Start, (sh.Start+sh.Hours)%24, load[i], sh.Officers, load[i]/float64(sh.Officers))
		} else {
			g.p("  #   relief tour %02d:00-%02d:00 around the busiest hour: the budget's hours left over\n", sh.Start, (sh.Start+sh.Hours)%24)
		}
	}
	g.p("  # lanes: assumption, the lanes built are the most the roster opens at once\n")
	g.p("  staffing = { lanes = %d, officer_hours = %s, shifts = [", s.Lanes, num(s.OfficerHours))
	for i, sh := range s.Shifts {
		if i > 0 {
			g.p(", ")
		}
		g.p("{ start = %d, hours = %d, officers = %d }", sh.Start, sh.Hours, sh.Officers)
	}
	g.p("] }\n")
}
