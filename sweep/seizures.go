package sweep

import (
	"fmt"
	"io"
	"math"
	"unicode/utf8"

	"borderflow/numfmt"
)

// seizureTable prints, per policy in definition order, the kilograms and
// the loads seized side by side, each with the half-width of its 95%
// interval, and their paired differences from the baseline: kilograms are
// dominated by the luck of a few heavy loads, the count of loads is the
// steadier measure of what a policy catches.
func (r *Results) seizureTable(w io.Writer) error {
	m := &r.Manifest
	kg, ld := r.metric(mKgSeized), r.metric(mLoadsSeized)
	if kg < 0 || ld < 0 {
		return nil
	}
	pm := func(mean, lo, hi float64, signed bool) string {
		s := numfmt.Count(mean)
		if signed {
			s = numfmt.Signed(mean, numfmt.Count)
		}
		if math.IsNaN(lo) {
			return s
		}
		return s + " +/-" + numfmt.Count((hi-lo)/2)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, numfmt.Wrap(fmt.Sprintf("Seizures: kg and loads, mean +/- the half-width of the 95%% interval over replications, and the paired difference from %s", m.Policies[0].Name), 118, "  "))
	tb := numfmt.Table{Left: 2}
	tb.Row("policy", "kg seized", "loads seized", "diff kg", "diff loads")
	for p := range m.Policies {
		name := m.Policies[p].Name
		if utf8.RuneCountInString(name) > 20 {
			name = string([]rune(name)[:19]) + "~"
		}
		k, klo, khi := r.Mean(p, kg)
		l, llo, lhi := r.Mean(p, ld)
		dk, dl := "-", "-"
		if p != 0 {
			d, lo, hi := r.Paired(p, kg)
			dk = pm(d, lo, hi, true)
			d, lo, hi = r.Paired(p, ld)
			dl = pm(d, lo, hi, true)
		}
		tb.Row(name, pm(k, klo, khi, false), pm(l, llo, lhi, false), dk, dl)
	}
	_, err := tb.WriteTo(w)
	return err
}
