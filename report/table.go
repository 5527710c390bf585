package report

import (
	"fmt"
	"io"
	"math"
	"sort"

	"borderflow/numfmt"
)

// UnstableMark marks an unstable lane in the tables (the rule: Unstable).
const UnstableMark = "UNSTABLE"

// Table prints the summary for a terminal in two tables: per port, one
// row per class with the class's figures (arrivals, vehicles inside at the
// end, waits); then one row per port with the port's (inspections,
// contraband, delay cost); each with the border's total last. Every column has one unit, in
// its heading; with two or more replications the headline figures carry
// their 95% interval [low, high]. An unstable lane is marked on its row
// and on its port's row, so that its delay cost never reads as a plain
// number.
func (s *Summary) Table(w io.Writer) error {
	fmt.Fprintf(w, "%s - %d replication(s), %.0f h simulated after %.0f h warm-up, seed %d\n",
		s.Scenario, s.Replications, s.HorizonHours, s.WarmupHours, s.Seed)
	if s.Replications >= 2 {
		fmt.Fprintf(w, "means over replications [95%% interval]\n")
	} else {
		fmt.Fprintf(w, "one replication: no intervals (run -reps 2 or more for them)\n")
	}
	fmt.Fprintln(w)
	rows := append([]Port(nil), s.Ports...)
	if len(s.Ports) > 1 {
		rows = append(rows, s.Total.Port)
	}
	var costs []float64
	for _, p := range rows {
		costs = append(costs, p.DelayCostUSD)
		if ci, ok := p.CI95["delay_cost_usd"]; ok {
			costs = append(costs, ci[1])
		}
	}
	money := numfmt.MoneyFor(costs...)
	// Two tables, each within a terminal's 120 columns: the lanes' traffic
	// and waits, then the ports' inspections, seizures and cost.
	lanes := numfmt.Table{Left: 2}
	lanes.Row("port", "class", "arrivals", "inside at end", "wait mean min", "wait p95 min", "")
	ports := numfmt.Table{Left: 1}
	ports.Row("port", "secondary", "missed", "loads seized", "kg seized", "kg attempted", "interdiction %", "delay cost "+money.Name, "")
	pct := func(x float64) string { return fmt.Sprintf("%.1f", 100*x) }
	unstable := false
	for i, p := range rows {
		total := len(s.Ports) > 1 && i == len(rows)-1
		if total {
			lanes.Row()
			ports.Row()
		}
		classes := make([]string, 0, len(p.Arrivals))
		for c := range p.Arrivals {
			classes = append(classes, c)
		}
		sort.Strings(classes)
		var marked []string
		for j, c := range classes {
			name := ""
			if j == 0 {
				name = p.Name
			}
			mark := ""
			if p.Unstable[c] {
				mark = UnstableMark
				marked = append(marked, c)
				unstable = true
			}
			wt := p.WaitMinutes[c]
			lanes.Row(name, c, numfmt.Grouped(p.Arrivals[c]), numfmt.Grouped(p.InsideAtEnd[c]),
				withCI(wt.Mean, p.CI95, "wait_minutes."+c+".mean", numfmt.Min), numfmt.Min(wt.P95), mark)
		}
		// The port's row is marked for any unstable lane; the lanes'
		// table above says which.
		mark := ""
		if len(marked) > 0 || (total && s.Total.Unstable) {
			mark = UnstableMark
			unstable = true
		}
		ports.Row(p.Name, numfmt.Grouped(p.SecondaryInspections), numfmt.Grouped(p.MissedReferrals),
			numfmt.Grouped(p.LoadsSeized)+"/"+numfmt.Grouped(p.LoadsAttempted),
			withCI(p.KgSeized, p.CI95, "kg_seized", numfmt.Grouped), numfmt.Grouped(p.KgAttempted),
			withCI(p.InterdictionRate, p.CI95, "interdiction_rate", pct),
			withCI(p.DelayCostUSD, p.CI95, "delay_cost_usd", money.Format), mark)
	}
	if _, err := lanes.WriteTo(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if _, err := ports.WriteTo(w); err != nil {
		return err
	}
	if unstable {
		fmt.Fprintf(w, "\n%s\n", numfmt.Wrap(fmt.Sprintf("%s: vehicles still inside at the end exceed %.0f%% of the lane's mean daily arrivals: the queue was still growing, or is hours long, and its waits and delay cost may depend on the horizon (a longer -horizon tells which; docs/OUTPUTS.md)",
			UnstableMark, 100*UnstableShare), numfmt.MaxWidth, "  "))
	}
	if err := s.costTable(w, rows); err != nil {
		return err
	}
	if err := s.trustedTable(w); err != nil { // trusted.go
		return err
	}
	if err := s.checkpointTable(w); err != nil { // checkpoint.go
		return err
	}
	if err := s.marketTable(w); err != nil { // table_market.go
		return err
	}
	if ds, ok := s.Extra["displacement"].([]CounterfactualDisplacement); ok {
		if err := DisplacementTable(w, ds); err != nil { // displacement.go
			return err
		}
	}
	fmt.Fprintf(w, "\n%s events in %.2f s\n", numfmt.Count(float64(s.Events)), s.WallSeconds)
	return nil
}

// withCI formats x and, when ci holds key's interval, " [lo, hi]" after
// it, in the same unit.
func withCI(x float64, ci map[string][2]float64, key string, f func(float64) string) string {
	iv, ok := ci[key]
	if !ok || math.IsNaN(iv[0]) {
		return f(x)
	}
	return fmt.Sprintf("%s [%s, %s]", f(x), f(iv[0]), f(iv[1]))
}

// moneyFor is the unit of the table's delay-cost column.
func moneyFor(costs []float64) numfmt.Money { return numfmt.MoneyFor(costs...) }

// costPartLabels are the run table's headings of CostPartKeys.
var costPartLabels = []string{"driver time", "cargo time", "checkpoints", "detours", "trips put off", "trips not made"}

// costTable prints the cost of delay by part, one row per port (and the
// border's total): the parts add up to the delay cost of the table above.
func (s *Summary) costTable(w io.Writer, rows []Port) error {
	var all []float64
	for _, p := range rows {
		all = append(all, p.DelayCostUSD)
	}
	money := numfmt.MoneyFor(all...)
	fmt.Fprintf(w, "\ncost of delay by part, %s (the economy's cost; docs/OUTPUTS.md): the parts add up to the delay cost above\n", money.Name)
	tb := numfmt.Table{Left: 1}
	tb.Row(append(append([]string{"port"}, costPartLabels...), "delay cost", "")...)
	for i, p := range rows {
		rec := []string{p.Name}
		for _, k := range costPartKeys {
			rec = append(rec, money.Format(p.DelayCostPartsUSD[k]))
		}
		mark := ""
		for _, u := range p.Unstable {
			if u {
				mark = UnstableMark
			}
		}
		if len(s.Ports) > 1 && i == len(rows)-1 && s.Total.Unstable {
			mark = UnstableMark
		}
		tb.Row(append(rec, money.Format(p.DelayCostUSD), mark)...)
	}
	_, err := tb.WriteTo(w)
	return err
}
