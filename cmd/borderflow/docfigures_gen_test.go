package main

import (
	"fmt"
	"strings"

	"borderflow/numfmt"
	"borderflow/report"
)

// The generators of the figure blocks (docfigures_test.go): each runs the
// commands its block quotes and writes the block's text from their
// outputs, sentences included, so that what the text says of a result is
// what the run gives.
func init() {
	figureBlocks["eagle-pass-run"] = eaglePassRun
	figureBlocks["surge-eagle-pass"] = func(r *runner) string { return displacementFigures(r, "surge-eagle-pass") }
	figureBlocks["surge-crackdown"] = func(r *runner) string {
		return "\n" + displacementFigures(r, "surge-eagle-pass") + "\n" + displacementFigures(r, "crackdown")
	}
	figureBlocks["surge-market"] = surgeMarket
	figureBlocks["eagle-pass-policies"] = eaglePassPolicies
	figureBlocks["south-texas-referral"] = southTexasReferral
	figureBlocks["south-texas-policies"] = southTexasPolicies
	figureBlocks["imaging"] = imagingFigures
	figureBlocks["unstable-horizon"] = unstableHorizon
	figureBlocks["slowdown-1985"] = slowdown1985
}

// iv formats an interval "x [lo, hi]" (just x without one).
func ivf(v report.Interval, f func(float64) string) string {
	if v.CI95 == [2]float64{} && v.Mean != 0 {
		return f(v.Mean)
	}
	return fmt.Sprintf("%s [%s, %s]", f(v.Mean), f(v.CI95[0]), f(v.CI95[1]))
}

// eaglePassRun is README's first run: the table of `make run` and what it
// says, beside the same year over 20 replications.
func eaglePassRun(r *runner) string {
	out := r.stdout("run", "eagle-pass")
	var keep []string
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if strings.Contains(l, " events in ") || strings.HasPrefix(l, "results in ") {
			continue // the run's time and its folder: not figures
		}
		keep = append(keep, l)
	}
	var one, twenty struct {
		Total report.Total `json:"total"`
	}
	r.summary(r.run("run", "eagle-pass"), &one)
	r.summary(r.run("run", "eagle-pass", "-reps", "20"), &twenty)
	p, q := one.Total.Port, twenty.Total.Port
	var b strings.Builder
	fmt.Fprintf(&b, "`bin/borderflow run eagle-pass` (as `make run`; the run's time and folder left out):\n\n```\n%s\n```\n\n", strings.TrimRight(strings.Join(keep, "\n"), "\n"))
	arrivals := 0.0
	for _, x := range p.Arrivals {
		arrivals += x
	}
	fmt.Fprintf(&b, "About %s loads hide among %.2f million vehicles; %s secondary inspections a year stop %s of them, %s of the kilograms "+
		"(the kilograms seized swing with the luck of a few heavy loads). Over 20 replications (`-reps 20`) the interdiction rate is %s, 95%% interval [%s, %s]. "+
		"The delay cost, %s in the year, is the whole cost of delay (docs/OUTPUTS.md): drivers' time %s, cargo's time %s, detours %s, trips put off %s and not made %s.\n",
		numfmt.Grouped(p.LoadsAttempted), arrivals/1e6, numfmt.Grouped(p.SecondaryInspections), numfmt.Grouped(p.LoadsSeized),
		pct1(p.InterdictionRate), pct1(q.InterdictionRate), pct1(q.CI95["interdiction_rate"][0]), pct1(q.CI95["interdiction_rate"][1]),
		numfmt.USD(p.DelayCostUSD), numfmt.USD(p.DelayCostPartsUSD["driver_time"]), numfmt.USD(p.DelayCostPartsUSD["cargo_time"]),
		numfmt.USD(p.DelayCostPartsUSD["detour"]), numfmt.USD(p.DelayCostPartsUSD["postponed_trips"]), numfmt.USD(p.DelayCostPartsUSD["cancelled_trips"]))
	return b.String()
}

// displacementFigures are a surge scenario's effects against its
// counterfactual (docs/SCENARIOS.md, README).
func displacementFigures(r *runner, name string) string {
	var s struct {
		Seed         uint64                              `json:"seed"`
		Replications int                                 `json:"replications"`
		Displacement []report.CounterfactualDisplacement `json:"displacement"`
		Market       []report.MarketDrug                 `json:"market"`
	}
	r.summary(r.run("run", name), &s)
	if len(s.Displacement) == 0 || s.Displacement[0].Method != "counterfactual" {
		r.t.Fatalf("%s: no displacement against the counterfactual", name)
	}
	kg := func(d report.Paired[report.Policy]) string {
		return fmt.Sprintf("%s kg [%s, %s]", signedKg(d.Difference.Mean), signedKg(d.Difference.CI95[0]), signedKg(d.Difference.CI95[1]))
	}
	pts := func(d report.Paired[report.Policy]) string {
		return fmt.Sprintf("%+.1f points [%+.1f, %+.1f] (from %.1f%%)", 100*d.Difference.Mean, 100*d.Difference.CI95[0], 100*d.Difference.CI95[1], 100*d.Base.Mean)
	}
	var b strings.Builder
	d := s.Displacement[0]
	fmt.Fprintf(&b, "`borderflow run %s` (seed %d, %d replications, each against the same seeds without the surges; 95%% intervals of the paired differences), over the %d decision periods from day %.0f to %.0f:\n\n",
		name, s.Seed, s.Replications, d.Periods, d.DuringDays[0], d.DuringDays[1])
	if name == "surge-eagle-pass" {
		fmt.Fprintf(&b, "- kg planned through Eagle Pass: %s; through the other ports: %s", kg(d.Surged.KgPlanned), kg(d.OtherPortsPlanned))
		var parts []string
		for _, o := range d.Others {
			parts = append(parts, fmt.Sprintf("%s %s", o.Port, signedKg(o.KgPlanned.Difference.Mean)))
		}
		fmt.Fprintf(&b, " (%s)\n", strings.Join(parts, ", "))
		fmt.Fprintf(&b, "- balloon share: %.0f%% [%.0f%%, %.0f%%] of Eagle Pass's reduction reappears elsewhere, %.0f%% at the other ports\n",
			100*d.BalloonShare.Mean, 100*d.BalloonShare.CI95[0], 100*d.BalloonShare.CI95[1], 100*d.BalloonSharePorts.Mean)
	} else {
		fmt.Fprintf(&b, "- kg planned through the four ports: %s\n", kg(d.PortsPlanned))
	}
	fmt.Fprintf(&b, "- outsourced share of the volume: %s during, %s in as many periods after\n", pts(d.OutsourcedShare), pts(d.OutsourcedAfter))
	fmt.Fprintf(&b, "- kg delivered to the US: %s; the organisations' own losses: %s\n", kg(d.USDelivered), kg(d.OwnLoss))
	for _, m := range s.Market {
		if m.Counterfactual == nil || m.Counterfactual.USMarket == nil {
			continue
		}
		u := m.Counterfactual.USMarket
		iv := func(x report.Interval) string {
			return fmt.Sprintf("%s [%s, %s]", signedKg(x.Mean), signedKg(x.CI95[0]), signedKg(x.CI95[1]))
		}
		balloon := "none (nothing fell at the surged ports)"
		if b := u.BalloonShare; b != nil {
			balloon = fmt.Sprintf("%.1f%% [%.1f%%, %.1f%%]", 100*b.Mean, 100*b.CI95[0], 100*b.CI95[1])
		}
		fmt.Fprintf(&b, "- %s into the US, whole run: delivered %s kg = baseline %s − extra seized %s − demand-side fall %s − extra held %s − not sent %s kg; quantity bought %+.3f%% [%+.3f%%, %+.3f%%]; balloon share %s\n",
			m.Drug, signedKg(u.KgDelivered.Treated.Mean), signedKg(u.BaselineKg.Mean), iv(u.ExtraSeizedKg), iv(u.DemandFallKg), iv(u.ExtraHeldKg), iv(u.NotSentKg),
			100*u.QuantityDemanded.Difference.Mean, 100*u.QuantityDemanded.Difference.CI95[0], 100*u.QuantityDemanded.Difference.CI95[1], balloon)
	}
	for _, m := range s.Market {
		if m.Drug == "methamphetamine" && m.Counterfactual != nil {
			c := m.Counterfactual
			fmt.Fprintf(&b, "- methamphetamine, whole run: interdiction's tax %.1f%% of the value delivered; border price %+.2f%% and retail %+.2f%% against no interdiction; against the counterfactual, retail %+.3f points [%+.3f, %+.3f]\n",
				100*m.TaxRate.Mean, m.BorderPct.Mean, m.RetailPct.Mean, c.RetailPct.Difference.Mean, c.RetailPct.Difference.CI95[0], c.RetailPct.Difference.CI95[1])
		}
	}
	return b.String()
}

// surgeMarket is README's paragraph on what the surge's seizures do to
// meth prices, at the border price and at the organisations' own cost.
func surgeMarket(r *runner) string {
	var s struct {
		Replications int                 `json:"replications"`
		Market       []report.MarketDrug `json:"market"`
	}
	r.summary(r.run("run", "surge-eagle-pass"), &s)
	for _, m := range s.Market {
		if m.Drug != "methamphetamine" || m.AtCost == nil {
			continue
		}
		pc := func(x float64) string { return fmt.Sprintf("%.2f%%", x) }
		a := m.AtCost
		return fmt.Sprintf("In `surge-eagle-pass` (`bin/borderflow run surge-eagle-pass`, %d replications) the ports' seizures tax meth by %s of the value delivered: "+
			"border price %+.2f%%, retail %s. Replaced at the organisations' own cost instead (production plus the crossing paid, %s a kilogram of meth; "+
			"`summary.json`'s `market.at_own_cost`, the lower bound), the same seizures raise the border price by %s and retail by %s.\n",
			s.Replications, ivf(m.TaxRate, pct1), m.BorderPct.Mean, ivf(m.RetailPct, pc),
			ivf(a.ReplacementUSD, func(x float64) string { return "$" + numfmt.Grouped(x) }), ivf(a.BorderPct, pc), ivf(a.RetailPct, pc))
	}
	r.t.Fatal("surge-eagle-pass has no meth market at own cost")
	return ""
}

// eaglePassPolicies is README's table of what each policy does to meth's
// retail price at Eagle Pass and what its delay costs.
func eaglePassPolicies(r *runner) string {
	args := []string{"sweep", "eagle-pass", "-reps", "10", "-horizon", "30d", "-quiet", "-no-plots"}
	c := r.csv(r.run(args...), "policies.csv")
	const tax, retail = "effective_tax_rate_methamphetamine", "retail_price_change_pct_methamphetamine"
	var costs []float64
	for i := range c.rows {
		costs = append(costs, c.num(i, "delay_cost_usd"))
	}
	money := numfmt.MoneyFor(costs...)
	var b strings.Builder
	fmt.Fprintf(&b, "`bin/borderflow sweep eagle-pass -reps 10 -horizon 30d` (meth's effective tax and retail change against no interdiction, 95%% interval over replications, and the month's whole delay cost at Eagle Pass, %s):\n\n", money.Name)
	b.WriteString("| policy | kg seized | meth tax | meth retail | delay cost |\n|---|---|---|---|---|\n")
	pp := func(x float64) string { return fmt.Sprintf("%+.1f%%", x) }
	for i, row := range c.rows {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", row[0], c.iv(i, "kg_seized", numfmt.Grouped), pct1(c.num(i, tax)), c.iv(i, retail, pp), money.Format(c.num(i, "delay_cost_usd")))
	}
	// What the table says, from its numbers: the policy that moves retail
	// most, and what the two blanket policies cost for what they move.
	best := 0
	for i := range c.rows {
		if c.num(i, retail) > c.num(best, retail) {
			best = i
		}
	}
	base := c.row("baseline")
	fmt.Fprintf(&b, "\nThe largest retail effect is `%s`'s, %s, at a delay cost of %s (the baseline's: %s). ",
		c.rows[best][0], pp(c.num(best, retail)), numfmt.USD(c.num(best, "delay_cost_usd")), numfmt.USD(c.num(base, "delay_cost_usd")))
	for _, name := range []string{"truck-imaging-100", "inspect-everything"} {
		i := c.row(name)
		fmt.Fprintf(&b, "`%s` costs %s more delay than the baseline in the month for meth retail %s (the baseline's %s). ",
			name, numfmt.USD(c.num(i, "delay_cost_usd")-c.num(base, "delay_cost_usd")), pp(c.num(i, retail)), pp(c.num(base, retail)))
	}
	b.WriteString("\n")
	return b.String()
}

// southTexasReferral is README's sentence on truck referral against the
// adaptive organisations.
func southTexasReferral(r *runner) string {
	args := []string{"sweep", "south-texas", "-sweep", "referral", "-reps", "4", "-horizon", "28d", "-quiet", "-no-plots"}
	c := r.csv(r.run(args...), "policies.csv")
	const retail = "retail_price_change_pct_methamphetamine"
	pp := func(x float64) string { return fmt.Sprintf("%+.2f%%", x) }
	first, last, top := 0, len(c.rows)-1, 0
	for i := range c.rows {
		if c.num(i, retail) > c.num(top, retail) {
			top = i
		}
	}
	extra := func(i int) string {
		return numfmt.Signed(c.num(i, "delay_cost_usd")-c.num(first, "delay_cost_usd"), numfmt.USD)
	}
	level := func(i int) string { return strings.TrimPrefix(c.rows[i][0], "truck-referral-") }
	var b strings.Builder
	fmt.Fprintf(&b, "`bin/borderflow sweep south-texas -sweep referral -reps 4 -horizon 28d` gives meth retail %s with no random truck referral, "+
		"at most %s at truck referral %s (%s of delay in the 28 days), and %s when every truck is referred (%s).",
		c.iv(first, retail, pp), c.iv(top, retail, pp), level(top), extra(top), c.iv(last, retail, pp), extra(last))
	if top != last && c.num(last, "loads_seized") < c.num(top, "loads_seized") {
		fmt.Fprintf(&b, " Past %s fewer loads are seized (%s at %s, %s at 1) while the delay rises: the secondary lots fill and the organisations move to cars and the river (the sweep's market table).",
			level(top), numfmt.Grouped(c.num(top, "loads_seized")), level(top), numfmt.Grouped(c.num(last, "loads_seized")))
	}
	b.WriteString("\n")
	return b.String()
}

// southTexasPolicies is README's policy benchmark table.
func southTexasPolicies(r *runner) string {
	args := []string{"sweep", "south-texas", "-reps", "10", "-horizon", "30d", "-quiet", "-no-plots"}
	dir := r.run(args...)
	c, d := r.csv(dir, "policies.csv"), r.csv(dir, "paired.csv")
	var costs []float64
	for i := range c.rows {
		costs = append(costs, c.num(i, "delay_cost_usd"))
	}
	money := numfmt.MoneyFor(costs...)
	wait := func(m float64) string {
		if m >= 120 {
			return fmt.Sprintf("%.1f h", m/60)
		}
		return fmt.Sprintf("%.0f min", m)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "`bin/borderflow sweep south-texas -reps 10 -horizon 30d` (whole delay cost in %s; ! marks an unstable policy):\n\n", money.Name)
	b.WriteString("| policy | kg seized [95%] | loads seized [95%] | Δ loads vs baseline [95%, paired] | truck wait mean / p95 | not inspected: waved / lot full / held / queued | delay cost |\n|---|---|---|---|---|---|---|\n")
	for i, row := range c.rows {
		delta := "—"
		if i > 0 {
			j := d.row(row[0])
			delta = fmt.Sprintf("%s [%s, %s]", numfmt.Signed(d.num(j, "loads_seized_diff"), oneDec), numfmt.Signed(d.num(j, "loads_seized_diff_lo"), oneDec), numfmt.Signed(d.num(j, "loads_seized_diff_hi"), oneDec))
		}
		mark := ""
		if row[c.col["unstable"]] == "true" {
			mark = " !"
		}
		fmt.Fprintf(&b, "| `%s`%s | %s | %s | %s | %s / %s | %s / %s / %s / %s | %s |\n", row[0], mark,
			c.iv(i, "kg_seized", numfmt.Grouped), c.iv(i, "loads_seized", oneDec), delta,
			wait(c.num(i, "wait_mean_min_truck")), wait(c.num(i, "wait_p95_min_truck")),
			numfmt.Grouped(c.num(i, "not_inspected_waved")), small(c.num(i, "missed_referrals")), small(c.num(i, "not_inspected_held")), numfmt.Grouped(c.num(i, "not_inspected_queued")),
			money.Format(c.num(i, "delay_cost_usd")))
	}
	base, img := c.row("baseline"), c.row("truck-imaging-100")
	more := "more"
	if c.num(img, "loads_seized") < c.num(base, "loads_seized") {
		more = "fewer"
	}
	fmt.Fprintf(&b, "\nImaging every truck makes trucks wait %s on average (p95 %s; the baseline's %s) and seizes %s loads than the baseline (%s against %s).\n",
		wait(c.num(img, "wait_mean_min_truck")), wait(c.num(img, "wait_p95_min_truck")), wait(c.num(base, "wait_mean_min_truck")),
		more, oneDec(c.num(img, "loads_seized")), oneDec(c.num(base, "loads_seized")))
	return b.String()
}

func oneDec(x float64) string { return fmt.Sprintf("%.1f", x) }

// small is one decimal below 100, a grouped whole number above.
func small(x float64) string {
	if x >= 100 {
		return numfmt.Grouped(x)
	}
	return oneDec(x)
}

// imagingFigures is README's table of legacy secondary imaging against
// pre-primary portals.
func imagingFigures(r *runner) string {
	args := []string{"sweep", "preprimary-eagle-pass", "-sweep", "imaging", "-reps", "10", "-horizon", "30d", "-quiet", "-no-plots"}
	dir := r.run(args...)
	c, d := r.csv(dir, "policies.csv"), r.csv(dir, "paired.csv")
	wait := func(m float64) string {
		if m >= 120 {
			return fmt.Sprintf("%.1f h", m/60)
		}
		return fmt.Sprintf("%.1f min", m)
	}
	var b strings.Builder
	b.WriteString("`bin/borderflow sweep preprimary-eagle-pass -sweep imaging -reps 10 -horizon 30d`:\n\n")
	b.WriteString("| policy | share scanned | loads seized [95%] | Δ loads vs first [95%, paired] | kg seized [95%] | not inspected: lot full / image unread | car wait |\n|---|---|---|---|---|---|---|\n")
	for i, row := range c.rows {
		delta := "—"
		if i > 0 {
			j := d.row(row[0])
			delta = fmt.Sprintf("%s [%s, %s]", numfmt.Signed(d.num(j, "loads_seized_diff"), oneDec), numfmt.Signed(d.num(j, "loads_seized_diff_lo"), oneDec), numfmt.Signed(d.num(j, "loads_seized_diff_hi"), oneDec))
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s / %s | %s |\n", row[0], pct1(c.num(i, "share_scanned")),
			c.iv(i, "loads_seized", oneDec), delta, c.iv(i, "kg_seized", numfmt.Grouped),
			numfmt.Grouped(c.num(i, "missed_referrals")), numfmt.Grouped(c.num(i, "not_inspected_unread")), wait(c.num(i, "wait_mean_min_car")))
	}
	// Which policy seizes most, and the car wait of the goal with today's
	// reviewers, from the table.
	top := 0
	for i := range c.rows {
		if c.num(i, "loads_seized") > c.num(top, "loads_seized") {
			top = i
		}
	}
	fmt.Fprintf(&b, "\n`%s` seizes the most loads (%s). ", c.rows[top][0], oneDec(c.num(top, "loads_seized")))
	if i := c.row("portals-goal-reviewers-today"); i >= 0 {
		fmt.Fprintf(&b, "At the goal share with today's image reviewers %s images go unread and cars wait %s on average (`portals-goal`: %s).",
			numfmt.Grouped(c.num(i, "not_inspected_unread")), wait(c.num(i, "wait_mean_min_car")), wait(c.num(c.row("portals-goal"), "wait_mean_min_car")))
	}
	b.WriteString("\n")
	return b.String()
}

// signedKg formats kilograms with their sign and thousands separators.
func signedKg(x float64) string {
	s := fmt.Sprintf("%+.0f", x)
	sign, digits := s[:1], s[1:]
	for i := len(digits) - 3; i > 0; i -= 3 {
		digits = digits[:i] + "," + digits[i:]
	}
	if digits == "0" {
		return "0"
	}
	return sign + digits
}

// unstableHorizon is docs/OUTPUTS.md's case of the unstable mark on a
// queue that is long, not growing: south-texas's policies that inspect
// every truck, their truck wait over 30 and over 60 days.
func unstableHorizon(r *runner) string {
	var b strings.Builder
	waits := map[string][2]float64{}
	marks := map[string][2]string{}
	var names []string
	for k, h := range []string{"30d", "60d"} {
		c := r.csv(r.run("sweep", "south-texas", "-reps", "10", "-horizon", h, "-quiet", "-no-plots"), "policies.csv")
		for _, name := range []string{"truck-imaging-100", "inspect-everything"} {
			i := c.row(name)
			w, m := waits[name], marks[name]
			w[k], m[k] = c.num(i, "wait_mean_min_truck"), c.rows[i][c.col["unstable"]]
			waits[name], marks[name] = w, m
			if k == 0 {
				names = append(names, name)
			}
		}
	}
	b.WriteString("`bin/borderflow sweep south-texas -reps 10 -horizon 30d` and `-horizon 60d`: mean truck wait at primary (min) and the unstable mark\n\n")
	b.WriteString("| policy | 30 days | 60 days |\n|---|---|---|\n")
	for _, n := range names {
		fmt.Fprintf(&b, "| `%s` | %.0f (unstable: %s) | %.0f (unstable: %s) |\n", n, waits[n][0], marks[n][0], waits[n][1], marks[n][1])
	}
	return b.String()
}

// slowdown1985 is docs/SCENARIOS.md's account of slowdown-1985: San
// Ysidro's cars a day during and after the search, the wait at the
// checkpoints, what the drivers did, the whole cost of delay by part, and
// the same seeds without the drivers' response.
func slowdown1985(r *runner) string {
	dir := r.run("run", "slowdown-1985", "-response-counterfactual")
	var s struct {
		Replications int   `json:"replications"`
		Seed         int64 `json:"seed"`
		Total        struct {
			Unstable bool `json:"unstable"`
		} `json:"total"`
		Response struct {
			Ports map[string]map[string]map[string]any `json:"ports"`
			Total map[string]map[string]any            `json:"total"`
			Cost  report.CostParts                     `json:"cost_usd"`
		} `json:"response"`
		RC struct {
			Lanes []struct {
				Port        string                         `json:"port"`
				Class       string                         `json:"class"`
				HoursInPort report.Paired[report.Response] `json:"hours_in_port_mean"`
			} `json:"lanes"`
			DelayCost       report.Paired[report.Response] `json:"delay_cost_usd"`
			UnstableWithout int                            `json:"unstable_lanes_without_response"`
		} `json:"response_counterfactual"`
	}
	r.summary(dir, &s)
	rows, col := readCSVFile(r.t, dir+"/series.csv")
	byDay := map[int]float64{}
	for _, rw := range rows[1:] {
		if rw[col["port"]] != "San Ysidro" || rw[col["class"]] != "car" {
			continue
		}
		var h, d float64
		fmt.Sscan(rw[col["bin_start_hours"]], &h)
		fmt.Sscan(rw[col["departures"]], &d)
		byDay[int(h/24)] += d
	}
	during, lo, hi := 0.0, byDay[11], byDay[11]
	for d := 1; d <= 9; d++ {
		during += byDay[d] / 9
	}
	for d := 11; d <= 13; d++ {
		lo, hi = min(lo, byDay[d]), max(hi, byDay[d])
	}
	round := func(x float64) string { return numfmt.Grouped(500 * float64(int(x/500+0.5))) }
	all := s.Response.Total["car"]
	num := func(k string) float64 { f, _ := all[k].(float64); return f }
	c := s.Response.Cost
	m := func(x float64) string { return fmt.Sprintf("$%.1fM", x/1e6) }
	var with, without float64
	for _, l := range s.RC.Lanes {
		if l.Port == "San Ysidro" && l.Class == "car" {
			with, without = l.HoursInPort.Treated.Mean, l.HoursInPort.Base.Mean
		}
	}
	unstable := "no lane is unstable"
	if s.Total.Unstable {
		unstable = "a lane is unstable"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "What it gives (`borderflow run slowdown-1985 -response-counterfactual`, %d replication(s), seed %d): San Ysidro passes about %s cars a day during the search against %s–%s in the days after (built in: the checkpoint's capacity); "+
		"cars wait %.1f hours on average at its checkpoint (%.2f h over every port). Over the fourteen days %s car trips are given up, %s put off and %s diverted border-wide, "+
		"and the whole cost of delay is %s (driver time %s, cargo time %s, checkpoint waits %s, detours %s, trips put off %s, trips not made %s); %s. "+
		"Without the response (the same seeds, every car waits) a car at San Ysidro spends %.1f h in the port against %.1f h with it; the whole cost of delay is %s without the response against %s with it (%d unstable lanes without it).\n",
		s.Replications, s.Seed, round(during), round(lo), round(hi),
		s.Response.Ports["San Ysidro"]["car"]["checkpoint_wait_hours_mean"].(float64), num("checkpoint_wait_hours_mean"),
		numfmt.Grouped(num("cancelled")), numfmt.Grouped(num("postponed")), numfmt.Grouped(num("diverted_out")),
		m(c.Total), m(c.DriverTime), m(c.CargoTime), m(c.Checkpoint), m(c.Detour), m(c.Postponed), m(c.Cancelled), unstable,
		without, with, numfmt.USD(s.RC.DelayCost.Base.Mean), numfmt.USD(s.RC.DelayCost.Treated.Mean), s.RC.UnstableWithout)
	return b.String()
}
