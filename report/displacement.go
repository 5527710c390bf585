package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"borderflow/numfmt"
)

// displacementRow is one line of displacement.csv: a measure at a port
// (or over several, or none) with the surge and without it.
type displacementRow struct {
	measure, port string
	p             *Paired[Policy] // nil for a share made of differences (balloon)
	iv            Interval        // the balloon shares
}

func displacementRows(d CounterfactualDisplacement) []displacementRow {
	var rows []displacementRow
	add := func(m, port string, p Paired[Policy]) {
		rows = append(rows, displacementRow{measure: m, port: port, p: &p})
	}
	add("kg_planned", d.Surged.Port, d.Surged.KgPlanned)
	for _, o := range d.Others {
		add("kg_planned", o.Port, o.KgPlanned)
	}
	add("kg_planned", "other ports", d.OtherPortsPlanned)
	add("kg_planned", "all ports", d.PortsPlanned)
	add("kg_attempted", d.Surged.Port, d.Surged.KgAttempted)
	for _, o := range d.Others {
		add("kg_attempted", o.Port, o.KgAttempted)
	}
	rows = append(rows, displacementRow{measure: "balloon_share", iv: d.BalloonShare},
		displacementRow{measure: "balloon_share_ports", iv: d.BalloonSharePorts})
	add("outsourced_share", "", d.OutsourcedShare)
	add("outsourced_share_after", "", d.OutsourcedAfter)
	add("kg_outsourced", "", d.Outsourced)
	add("us_kg_delivered", "", d.USDelivered)
	add("kg_own_loss", "", d.OwnLoss)
	return rows
}

// DisplacementCSV writes displacement.csv: for each surge measured against
// the counterfactual (the same seeds without the surges), one row per
// measure and port: `surge_port`, `from_day`, `to_day` (the decision
// periods compared), `measure`, `port` (empty for the organisations'
// totals), `with_surge` and `counterfactual` (means over replications),
// `difference` with its paired 95% interval `difference_lo`,
// `difference_hi` (empty below two replications). The balloon shares
// (the surged port's reduction that reappears elsewhere, and at the other
// ports) have no levels: their value is in `difference`.
func DisplacementCSV(w io.Writer, ds []CounterfactualDisplacement) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"surge_port", "from_day", "to_day", "measure", "port", "with_surge", "counterfactual", "difference", "difference_lo", "difference_hi"})
	bound := func(iv Interval, i int) string {
		if iv.none {
			return ""
		}
		return num(iv.CI95[i])
	}
	for _, d := range ds {
		for _, r := range displacementRows(d) {
			rec := []string{d.Port, num(d.DuringDays[0]), num(d.DuringDays[1]), r.measure, r.port}
			iv := r.iv
			if r.p != nil {
				rec = append(rec, num(r.p.Treated.Mean), num(r.p.Base.Mean))
				iv = r.p.Difference
			} else {
				rec = append(rec, "", "")
			}
			cw.Write(append(rec, num(iv.Mean), bound(iv, 0), bound(iv, 1)))
		}
	}
	cw.Flush()
	return cw.Error()
}

// DisplacementTable prints what each surge displaced, for the run's
// terminal: kilograms planned by port, the balloon share and the change
// in the outsourced share, each a paired difference against the same
// seeds without the surges, with its 95% interval.
func DisplacementTable(w io.Writer, ds []CounterfactualDisplacement) error {
	for _, d := range ds {
		fmt.Fprintf(w, "\ndisplacement: the surge at %s against the same seeds without the surges, days %.0f to %.0f (paired differences [95%%]; displacement.csv)\n",
			d.Port, d.DuringDays[0], d.DuringDays[1])
		tb := numfmt.Table{Left: 2}
		tb.Row("measure", "port", "with surge", "without", "difference")
		kg := func(x float64) string { return numfmt.Grouped(x) }
		pts := func(x float64) string { return fmt.Sprintf("%.1f", 100*x) }
		signed := func(iv Interval, f func(float64) string) string {
			s := numfmt.Signed(iv.Mean, f)
			if iv.none {
				return s
			}
			return fmt.Sprintf("%s [%s, %s]", s, numfmt.Signed(iv.CI95[0], f), numfmt.Signed(iv.CI95[1], f))
		}
		for _, r := range displacementRows(d) {
			switch {
			case r.measure == "kg_planned":
				tb.Row("kg planned", r.port, kg(r.p.Treated.Mean), kg(r.p.Base.Mean), signed(r.p.Difference, kg))
			case strings.HasPrefix(r.measure, "balloon_share"):
				where := "elsewhere"
				if r.measure == "balloon_share_ports" {
					where = "other ports"
				}
				tb.Row("balloon share %", where, "", "", signed(r.iv, pts))
			case r.measure == "outsourced_share":
				tb.Row("outsourced share %", "during", pts(r.p.Treated.Mean), pts(r.p.Base.Mean), signed(r.p.Difference, pts))
			case r.measure == "outsourced_share_after":
				tb.Row("outsourced share %", "after", pts(r.p.Treated.Mean), pts(r.p.Base.Mean), signed(r.p.Difference, pts))
			case r.measure == "us_kg_delivered":
				tb.Row("kg delivered to US", "", kg(r.p.Treated.Mean), kg(r.p.Base.Mean), signed(r.p.Difference, kg))
			}
		}
		if _, err := tb.WriteTo(w); err != nil {
			return err
		}
	}
	return nil
}
