package sweep

import (
	"borderflow/numfmt"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"borderflow/report"
)

// Results are the metrics of every pair of a sweep.
type Results struct {
	// Manifest describes the whole sweep (shard 0 of 1, every pair).
	Manifest Manifest
	values   [][]float64 // by pair index
}

// Collect checks that recs hold every pair of the sweep of m exactly once
// and returns the results.
func Collect(m Manifest, recs []Record) (*Results, error) {
	m.Shard, m.Shards = 0, 1
	m.Pairs = m.TotalPairs()
	r := &Results{Manifest: m, values: make([][]float64, m.TotalPairs())}
	for _, rec := range recs {
		if rec.Pair < 0 || rec.Pair >= len(r.values) {
			return nil, fmt.Errorf("pair %d is outside the sweep (%d pairs)", rec.Pair, len(r.values))
		}
		if r.values[rec.Pair] != nil {
			p, rep := m.PairOf(rec.Pair)
			return nil, fmt.Errorf("pair (%s, replication %d) appears twice", m.Policies[p].Name, rep)
		}
		if len(rec.Values) != len(m.Metrics) {
			return nil, fmt.Errorf("pair %d has %d metrics, want %d", rec.Pair, len(rec.Values), len(m.Metrics))
		}
		r.values[rec.Pair] = rec.Values
	}
	var missing []string
	n := 0
	for i, v := range r.values {
		if v == nil {
			n++
			if len(missing) < 5 {
				p, rep := m.PairOf(i)
				missing = append(missing, fmt.Sprintf("(%s, replication %d)", m.Policies[p].Name, rep))
			}
		}
	}
	if n > 0 {
		more := ""
		if n > len(missing) {
			more = fmt.Sprintf(" and %d more", n-len(missing))
		}
		return nil, fmt.Errorf("%d of %d pairs missing: %s%s", n, len(r.values), strings.Join(missing, ", "), more)
	}
	return r, nil
}

// Records returns every pair's record in pair order.
func (r *Results) Records() []Record {
	out := make([]Record, len(r.values))
	for i, v := range r.values {
		out[i] = Record{Pair: i, Values: v}
	}
	return out
}

// metric returns the index of a metric, or -1.
func (r *Results) metric(name string) int {
	for i, n := range r.Manifest.Metrics {
		if n == name {
			return i
		}
	}
	return -1
}

// Column returns metric k of policy p over the replications, in
// replication order.
func (r *Results) Column(p, k int) []float64 {
	m := &r.Manifest
	out := make([]float64, m.Replications)
	for rep := range out {
		out[rep] = r.values[m.PairIndex(p, rep)][k]
	}
	return out
}

// metricRange is the range of a metric's values, which shapes its
// interval (report.CI95): the interdiction rate and the shares lie in
// [0, 1]; changes (the market's price changes) take either sign; every
// other metric is a count, kilograms, minutes, hours, dollars or a tax
// rate, never negative.
func metricRange(name string) report.Range {
	switch {
	case name == mInterdiction || strings.Contains(name, "share"):
		return report.Unit
	case strings.Contains(name, "change") || name == mExcess:
		return report.Real
	}
	return report.NonNegative
}

// Mean returns the mean of metric k of policy p over replications and
// its 95% interval (report.CI95, by the metric's range); the bounds are
// NaN, written as empty CSV fields, with fewer than two replications.
func (r *Results) Mean(p, k int) (mean, lo, hi float64) {
	xs := r.Column(p, k)
	lo, hi, ok := report.CI95(xs, metricRange(r.Manifest.Metrics[k]))
	if !ok {
		lo, hi = math.NaN(), math.NaN()
	}
	return report.Mean(xs), lo, hi
}

// Paired returns the mean difference of metric k between policy p and the
// baseline (policy 0), replication by replication, and its 95% interval
// (the paired Student-t interval, sim.PairedCI95); NaN bounds with fewer
// than two replications.
func (r *Results) Paired(p, k int) (diff, lo, hi float64) {
	a, b := r.Column(p, k), r.Column(0, k)
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	lo, hi, ok := report.CI95(d, report.Real)
	if !ok {
		lo, hi = math.NaN(), math.NaN()
	}
	return report.Mean(d), lo, hi
}

// Unstable reports whether policy p overloaded a lane: the overload rule
// (report.Unstable) on means over its replications, as run applies it,
// through the unstable_excess metric, whose mean is above 0 whenever some
// lane's mean vehicles inside at the end exceed its level. A stable queue
// that ends a few of the replications a little above the level (at the
// end of a peak) does not make the policy unstable; CrossedIn counts
// those replications. Results from shards without unstable_excess fall
// back to any replication with an unstable lane.
func (r *Results) Unstable(p int) bool {
	if k := r.metric(mExcess); k >= 0 {
		return report.Mean(r.Column(p, k)) > 0
	}
	return r.CrossedIn(p) > 0
}

// CrossedIn returns how many replications of policy p ended with some
// lane above the overload rule's level (unstable_lanes above 0).
func (r *Results) CrossedIn(p int) int {
	k := r.metric(mUnstable)
	if k < 0 {
		return 0
	}
	n := 0
	for _, x := range r.Column(p, k) {
		if x > 0 {
			n++
		}
	}
	return n
}

// num formats a number for the CSV files as summary.json would
// (numfmt.Exact): counts as integers, full precision, NaN (no interval)
// as an empty field.
func num(x float64) string { return numfmt.Exact(x) }

// Files renders every file of the sweep's output folder:
//
//   - manifest.json: what was run (a whole sweep is shard 0 of 1, so the
//     folder can itself be merged);
//   - pairs.csv: the metrics of every (policy, replication) pair, exact;
//   - policies.csv: per policy in definition order, each metric's mean
//     over replications with its 95% interval (_lo, _hi);
//   - paired.csv: per policy but the baseline, the paired difference from
//     the baseline (_diff) with its 95% interval (_diff_lo, _diff_hi);
//   - volume.csv, when every policy sets a different traffic volume (the
//     volume sweep): interdiction and waits against the volume factor;
//   - targeting.csv, when every policy sets a different targeting quality
//     (the targeting sweep): interdiction and loads against the AUC.
func (r *Results) Files() (map[string][]byte, error) {
	files := map[string][]byte{
		"manifest.json": r.Manifest.JSON(),
		"pairs.csv":     PairsCSV(&r.Manifest, r.Records()),
	}
	m := &r.Manifest

	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := []string{"policy"}
	for _, k := range m.Metrics {
		head = append(head, k, k+"_lo", k+"_hi")
	}
	w.Write(append(head, "unstable"))
	for p, pol := range m.Policies {
		row := []string{pol.Name}
		for k := range m.Metrics {
			mean, lo, hi := r.Mean(p, k)
			row = append(row, num(mean), num(lo), num(hi))
		}
		w.Write(append(row, strconv.FormatBool(r.Unstable(p))))
	}
	w.Flush()
	files["policies.csv"] = bytes.Clone(b.Bytes())

	b.Reset()
	w = csv.NewWriter(&b)
	head = []string{"policy", "baseline"}
	for _, k := range m.Metrics {
		head = append(head, k+"_diff", k+"_diff_lo", k+"_diff_hi")
	}
	w.Write(head)
	for p := 1; p < len(m.Policies); p++ {
		row := []string{m.Policies[p].Name, m.Policies[0].Name}
		for k := range m.Metrics {
			d, lo, hi := r.Paired(p, k)
			row = append(row, num(d), num(lo), num(hi))
		}
		w.Write(row)
	}
	w.Flush()
	files["paired.csv"] = bytes.Clone(b.Bytes())

	if r.isVolumeSweep() {
		files["volume.csv"] = r.volumeCSV()
	}
	if r.isTargetingSweep() {
		files["targeting.csv"] = r.targetingCSV()
	}
	for name, data := range files {
		if data == nil {
			return nil, fmt.Errorf("%s: nothing rendered", name)
		}
	}
	return files, nil
}

// isVolumeSweep reports whether every policy sets its own traffic volume.
func (r *Results) isVolumeSweep() bool {
	seen := map[float64]bool{}
	for _, p := range r.Manifest.Policies {
		if p.Volume <= 0 || seen[p.Volume] {
			return false
		}
		seen[p.Volume] = true
	}
	return len(seen) > 1
}

// volumeCSV writes volume.csv: per volume factor, in ascending order, the
// interdiction rate with its interval, the mean primary wait of each
// class and the share of vehicles inspected.
func (r *Results) volumeCSV() []byte {
	m := &r.Manifest
	var waits []int
	head := []string{"volume_factor", "interdiction_rate", "interdiction_rate_lo", "interdiction_rate_hi"}
	for k, name := range m.Metrics {
		if strings.HasPrefix(name, "wait_mean_min_") {
			waits = append(waits, k)
			head = append(head, name)
		}
	}
	head = append(head, mShare)
	order := make([]int, len(m.Policies))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return m.Policies[order[i]].Volume < m.Policies[order[j]].Volume })
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(head)
	ir, share := r.metric(mInterdiction), r.metric(mShare)
	for _, p := range order {
		mean, lo, hi := r.Mean(p, ir)
		row := []string{num(m.Policies[p].Volume), num(mean), num(lo), num(hi)}
		for _, k := range waits {
			x, _, _ := r.Mean(p, k)
			row = append(row, num(x))
		}
		x, _, _ := r.Mean(p, share)
		row = append(row, num(x))
		w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

// Table prints the policies ranked by kilograms seized per million
// dollars of the whole cost of delay (the ratio of the two means; the
// cost is delay_cost_usd, report.CostParts): what a policy buys in
// seizures for what its delay costs the economy. Differences from the
// baseline are paired, with the half-width of their 95% interval. The
// table fits in 120 columns (policy names are cut at 20 characters);
// policies.csv and paired.csv have every metric with its interval.
func (r *Results) Table(w io.Writer) error {
	m := &r.Manifest
	note := func(text string) { fmt.Fprintln(w, numfmt.Wrap(text, 118, "  ")) }
	note(fmt.Sprintf("%s sweep of %s - %d policies x %d replication(s), %s simulated after %s warm-up, seed %d",
		m.Sweep, m.Scenario, len(m.Policies), m.Replications, hours(m.HorizonHours), hours(m.WarmupHours), m.Seed))
	note(fmt.Sprintf("ranked by kg seized per $1M of delay cost (time in the ports, cargo time, detours, trips put off and not made); means over replications; diff = paired difference from %s, +/- the half-width of its 95%% interval", m.Policies[0].Name))
	note(responseNote(m))
	fmt.Fprintln(w)

	kg, ir, dc, share := r.metric(mKgSeized), r.metric(mInterdiction), r.metric(mDelayCost), r.metric(mShare)
	waitK, cls := -1, ""
	for k, name := range m.Metrics {
		if strings.HasPrefix(name, "wait_mean_min_") {
			cls = strings.TrimPrefix(name, "wait_mean_min_")
			waitK = k
			break
		}
	}
	type row struct {
		p     int
		score float64
	}
	rows := make([]row, len(m.Policies))
	var costs, kgs []float64
	for p := range m.Policies {
		k, _, _ := r.Mean(p, kg)
		c, _, _ := r.Mean(p, dc)
		d, _, hi := r.Paired(p, dc)
		costs = append(costs, c, d, hi)
		dk, _, khi := r.Paired(p, kg)
		kgs = append(kgs, k, dk, khi)
		rows[p] = row{p, 1e6 * ratio(k, c)}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].score > rows[j].score })
	money, mass := numfmt.MoneyFor(costs...), numfmt.KgFor(kgs...)
	pct := func(x float64) string { return fmt.Sprintf("%.1f", 100*x) }
	diff := func(d, lo, hi float64, f func(float64) string) string {
		if math.IsNaN(lo) {
			return numfmt.Signed(d, f)
		}
		return numfmt.Signed(d, f) + " +/-" + f((hi-lo)/2)
	}

	tb := numfmt.Table{Left: 2}
	tb.Row("", "", "kg per", "seized", "diff seized", "interd.", cls+" wait", "inspected", "delay cost", "diff delay", "")
	tb.Row("#", "policy", "$1M delay", mass.Name, mass.Name, "%", "mean min", "%", money.Name, money.Name, "")
	unstable := false
	for i, rw := range rows {
		p := rw.p
		kgM, _, _ := r.Mean(p, kg)
		irM, _, _ := r.Mean(p, ir)
		wM := 0.0
		if waitK >= 0 {
			wM, _, _ = r.Mean(p, waitK)
		}
		sh, _, _ := r.Mean(p, share)
		cost, _, _ := r.Mean(p, dc)
		dKg, dCost := "-", "-"
		if p != 0 {
			d, lo, hi := r.Paired(p, kg)
			dKg = diff(d, lo, hi, mass.Format)
			d, lo, hi = r.Paired(p, dc)
			dCost = diff(d, lo, hi, money.Format)
		}
		mark := ""
		if r.Unstable(p) {
			mark, unstable = "!", true
		}
		name := m.Policies[p].Name
		if utf8.RuneCountInString(name) > 20 {
			name = string([]rune(name)[:19]) + "~"
		}
		tb.Row(strconv.Itoa(i+1), name, fmt.Sprintf("%.1f", rw.score), mass.Format(kgM), dKg, pct(irM),
			numfmt.Min(wM), pct(sh), money.Format(cost), dCost, mark)
	}
	if _, err := tb.WriteTo(w); err != nil {
		return err
	}
	if unstable {
		fmt.Fprintln(w)
		note(fmt.Sprintf("! %s: on average over the replications a lane's vehicles still inside at the end exceeded %.0f%% of its mean daily arrivals (docs/OUTPUTS.md): a queue still growing, or hours long, so the policy's waits and delay cost may depend on the horizon",
			report.UnstableMark, 100*report.UnstableShare))
	}
	if err := r.seizureTable(w); err != nil { // loads beside kg
		return err
	}
	if err := r.marketTable(w); err != nil { // sweep/market.go
		return err
	}
	// What each policy overrides of the scenario's rules, and the
	// vehicles it meant to inspect and did not.
	fmt.Fprintln(w)
	note("inspected = entered secondary. Not inspected = vehicles the referral rule selected that were waved through after a long wait / released because the lot was full / still held at a booth at the end / still in the primary queue at the end (no decision yet) / scanned at pre-primary with the image not read in time. policies.csv and paired.csv hold every metric with its interval.")
	for p := range m.Policies {
		note(fmt.Sprintf("  %s: %s; %s", m.Policies[p].Name, m.Policies[p].Overrides(), r.notInspected(p)))
	}
	return nil
}

// notInspected is policy p's vehicles not inspected, by cause, and the
// share scanned at pre-primary.
func (r *Results) notInspected(p int) string {
	var parts []string
	for _, c := range []struct{ metric, name string }{
		{mWaved, "waved"}, {mMissed, "lot full"}, {mHeld, "held"}, {mQueued, "queued"}, {mUnread, "unread"},
	} {
		if k := r.metric(c.metric); k >= 0 {
			x, _, _ := r.Mean(p, k)
			parts = append(parts, c.name+" "+numfmt.Grouped(x))
		}
	}
	out := "not inspected: " + strings.Join(parts, ", ")
	if k := r.metric(mScanned); k >= 0 {
		x, _, _ := r.Mean(p, k)
		out += "; scanned " + numfmt.Pct(x)
	}
	return out
}

func hours(h float64) string {
	if h >= 48 && math.Mod(h, 24) == 0 {
		return fmt.Sprintf("%gd", h/24)
	}
	return fmt.Sprintf("%gh", h)
}
