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
	"text/tabwriter"

	"borderflow/sim"
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

// Mean returns the mean of metric k of policy p and its 95% interval
// over replications (sim.MeanCI95).
func (r *Results) Mean(p, k int) (mean, lo, hi float64) { return sim.MeanCI95(r.Column(p, k)) }

// Paired returns the mean difference of metric k between policy p and the
// baseline (policy 0), replication by replication, and its 95% interval
// (sim.PairedCI95).
func (r *Results) Paired(p, k int) (diff, lo, hi float64) {
	return sim.PairedCI95(r.Column(p, k), r.Column(0, k))
}

// num formats a number for the CSV files: six significant digits, as the
// report package writes them.
func num(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

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
	w.Write(head)
	for p, pol := range m.Policies {
		row := []string{pol.Name}
		for k := range m.Metrics {
			mean, lo, hi := r.Mean(p, k)
			row = append(row, num(mean), num(lo), num(hi))
		}
		w.Write(row)
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

// Table prints the policies ranked by kilograms seized per 1,000
// vehicle-hours of delay (the ratio of the two means): what a policy buys
// in seizures for what it costs in time at the port. Differences from the
// baseline are paired, with their 95% intervals.
func (r *Results) Table(w io.Writer) error {
	m := &r.Manifest
	fmt.Fprintf(w, "%s sweep of %s — %d policies × %d replication(s), %s simulated after %s warm-up, seed %d\n",
		m.Sweep, m.Scenario, len(m.Policies), m.Replications, hours(m.HorizonHours), hours(m.WarmupHours), m.Seed)
	fmt.Fprintf(w, "ranked by kg seized per 1,000 vehicle-hours of delay; Δ = paired difference from %s (95%% interval)\n", m.Policies[0].Name)
	fmt.Fprintf(w, "%s\n\n", responseNote(m))

	kg, ir, missed := r.metric(mKgSeized), r.metric(mInterdiction), r.metric(mMissed)
	dh, dc, share := r.metric(mDelayHours), r.metric(mDelayCost), r.metric(mShare)
	waitK, p95K, cls := -1, -1, ""
	for k, name := range m.Metrics {
		if strings.HasPrefix(name, "wait_mean_min_") {
			cls = strings.TrimPrefix(name, "wait_mean_min_")
			waitK, p95K = k, r.metric("wait_p95_min_"+cls)
			break
		}
	}
	type row struct {
		p     int
		score float64
	}
	rows := make([]row, len(m.Policies))
	for p := range m.Policies {
		k, _, _ := r.Mean(p, kg)
		h, _, _ := r.Mean(p, dh)
		rows[p] = row{p, 1000 * ratio(k, h)}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].score > rows[j].score })

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	loads, waved, held := r.metric(mLoadsSeized), r.metric(mWaved), r.metric(mHeld)
	fmt.Fprintf(tw, "rank\tpolicy\tkg/1000 veh-h\tkg seized\tΔ kg seized\tloads seized\tΔ loads seized\tinterdiction\t%s wait\t%s p95\tinspected\t%s inspected\tscanned\tnot inspected: waved/lot full/held/queued/unread\tdelay cost\tΔ delay cost\t\n", cls, cls, cls)
	for i, rw := range rows {
		p := rw.p
		kgM, _, _ := r.Mean(p, kg)
		irM, _, _ := r.Mean(p, ir)
		wM, wP := 0.0, 0.0
		if waitK >= 0 {
			wM, _, _ = r.Mean(p, waitK)
			wP, _, _ = r.Mean(p, p95K)
		}
		sh, _, _ := r.Mean(p, share)
		shc := 0.0
		if k := r.metric(mShare + "_" + cls); k >= 0 {
			shc, _, _ = r.Mean(p, k)
		}
		mi, _, _ := r.Mean(p, missed)
		cost, _, _ := r.Mean(p, dc)
		dKg, dCost, dLoads := "—", "—", "—"
		if p != 0 {
			d, lo, hi := r.Paired(p, kg)
			dKg = fmt.Sprintf("%s [%s, %s]", signed(d, numfmt.Count), signed(lo, numfmt.Count), signed(hi, numfmt.Count))
			if loads >= 0 {
				d, lo, hi = r.Paired(p, loads)
				dLoads = fmt.Sprintf("%s [%s, %s]", signed(d, numfmt.Count), signed(lo, numfmt.Count), signed(hi, numfmt.Count))
			}
			d, lo, hi = r.Paired(p, dc)
			dCost = fmt.Sprintf("%s [%s, %s]", signed(d, numfmt.USD), signed(lo, numfmt.USD), signed(hi, numfmt.USD))
		}
		_, kgLo, kgHi := r.Mean(p, kg)
		kgCell := fmt.Sprintf("%s [%s, %s]", numfmt.Count(kgM), numfmt.Count(kgLo), numfmt.Count(kgHi))
		loadCell, notCell := "—", numfmt.Count(mi)
		if loads >= 0 {
			lm, llo, lhi := r.Mean(p, loads)
			loadCell = fmt.Sprintf("%s [%s, %s]", numfmt.Count(lm), numfmt.Count(llo), numfmt.Count(lhi))
		}
		if waved >= 0 && held >= 0 {
			wv, _, _ := r.Mean(p, waved)
			hd, _, _ := r.Mean(p, held)
			qd := 0.0
			if k := r.metric(mQueued); k >= 0 {
				qd, _, _ = r.Mean(p, k)
			}
			ur := 0.0
			if k := r.metric(mUnread); k >= 0 {
				ur, _, _ = r.Mean(p, k)
			}
			notCell = numfmt.Count(wv) + "/" + numfmt.Count(mi) + "/" + numfmt.Count(hd) + "/" + numfmt.Count(qd) + "/" + numfmt.Count(ur)
		}
		scanCell := "—"
		if k := r.metric(mScanned); k >= 0 {
			x, _, _ := r.Mean(p, k)
			scanCell = numfmt.Pct(x)
		}
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", i+1, m.Policies[p].Name, rw.score,
			kgCell, dKg, loadCell, dLoads, numfmt.Pct(irM), numfmt.Minutes(wM), numfmt.Minutes(wP), numfmt.Pct(sh), numfmt.Pct(shc), scanCell, notCell, numfmt.USD(cost), dCost)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// What each policy overrides of the scenario's rules, and the
	// vehicles it meant to inspect and did not.
	fmt.Fprintf(w, "\nkg and loads: mean over replications [95%% interval]; inspected = entered secondary; scanned = through a pre-primary portal; not inspected = vehicles the referral rule selected that were waved through after a long wait / released because the lot was full / still held at a booth at the end / still in the primary queue at the end (no decision yet; the policy's rate applies to them) / scanned at pre-primary with the image not read in time\n")
	for p := range m.Policies {
		fmt.Fprintf(w, "  %s: %s\n", m.Policies[p].Name, m.Policies[p].Overrides())
	}
	return nil
}

func hours(h float64) string {
	if h >= 48 && math.Mod(h, 24) == 0 {
		return fmt.Sprintf("%gd", h/24)
	}
	return fmt.Sprintf("%gh", h)
}

func signed(x float64, f func(float64) string) string {
	if x < 0 {
		return "−" + f(-x)
	}
	return "+" + f(x)
}
