package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"borderflow/border"
	"borderflow/ports"
	"borderflow/scenario"
)

// JSON returns summary.json's bytes: indented, keys in a fixed order, extra
// sections after the standard ones in name order.
func (s *Summary) JSON() ([]byte, error) {
	type plain Summary
	b, err := json.MarshalIndent((*plain)(s), "", "  ")
	if err != nil {
		return nil, err
	}
	if len(s.Extra) == 0 {
		return append(b, '\n'), nil
	}
	names := make([]string, 0, len(s.Extra))
	for k := range s.Extra {
		names = append(names, k)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	buf.Write(b[:len(b)-2]) // drop "\n}"
	for _, k := range names {
		v, err := json.MarshalIndent(s.Extra[k], "  ", "  ")
		if err != nil {
			return nil, fmt.Errorf("summary section %s: %w", k, err)
		}
		fmt.Fprintf(&buf, ",\n  %q: %s", k, v)
	}
	buf.WriteString("\n}\n")
	return buf.Bytes(), nil
}

// num formats a number for the CSV files: six significant digits, the
// same bytes on every run.
func num(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// PortsCSV writes ports.csv: one row per port × class.
func PortsCSV(w io.Writer, sc *scenario.Scenario, results []*border.Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"port", "state", "class", "arrivals", "departures", "inside_at_end",
		"wait_mean_min", "wait_p50_min", "wait_p95_min", "wait_max_min", "queue_length_mean", "booths_mean",
		"referrals", "secondary_inspections", "missed_referrals", "false_alarms",
		"loads_attempted", "loads_seized", "kg_attempted", "kg_seized", "kg_delivered", "interdiction_rate",
		"delay_vehicle_hours", "delay_cost_usd"})
	n := float64(len(results))
	for p, pc := range sc.Ports {
		for l, lc := range pc.Lanes {
			cls := sc.Classes[lc.Class]
			var v [21]float64
			for _, r := range results {
				ls := &r.Ports[p].Lanes[l]
				t := ls.Totals()
				hours := ls.DelaySeconds() / 3600
				row := [21]float64{float64(ls.Arrivals), float64(ls.Departures), float64(ls.InsideAtEnd()),
					ls.Wait.Mean() / 60, ls.WaitQ.Quantile(0.5) / 60, ls.WaitQ.Quantile(0.95) / 60, ls.Wait.Max() / 60,
					ls.QueueMean, ls.Booths, float64(ls.Referrals), float64(ls.Secondary), float64(ls.Missed),
					float64(ls.FalseAlarms), float64(t.LoadsAttempted), float64(t.LoadsSeized), t.KgAttempted,
					t.KgSeized, t.KgDelivered, ratio(t.KgSeized, t.KgAttempted), hours, hours * cls.ValueOfTime}
				for i := range v {
					v[i] += row[i] / n
				}
			}
			rec := []string{pc.Name, pc.State, cls.Name}
			for _, x := range v {
				rec = append(rec, num(x))
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}

// HourlyCSV writes hourly.csv: per time bin (an hour unless the scenario
// sets another bin), port and class, the means over replications.
func HourlyCSV(w io.Writer, sc *scenario.Scenario, results []*border.Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"hour", "port", "class", "arrivals", "departures", "wait_mean_min", "wait_p50_min", "wait_p95_min",
		"queue_length", "referrals", "missed_referrals", "secondary", "seizures", "kg_seized", "lot_occupancy"})
	if len(results) == 0 {
		cw.Flush()
		return cw.Error()
	}
	win := results[0].Window
	n := float64(len(results))
	for p, pc := range sc.Ports {
		for l, lc := range pc.Lanes {
			cls := sc.Classes[lc.Class].Name
			nb := len(results[0].Ports[p].Lanes[l].Bins)
			nq := len(results[0].Ports[p].Lanes[l].WaitH)
			qs := make([][2]float64, nq)
			for q := 0; q < nq; q++ {
				var h ports.WaitHist
				for _, r := range results {
					h.Merge(&r.Ports[p].Lanes[l].WaitH[q])
				}
				qs[q] = [2]float64{h.Quantile(0.5) / 60, h.Quantile(0.95) / 60}
			}
			for b := 0; b < nb; b++ {
				var a [10]float64
				var waitSum, waitN float64
				width := win.BinWidth
				if end := win.Start + float64(b+1)*win.BinWidth; end > win.End {
					width = win.End - (win.Start + float64(b)*win.BinWidth)
				}
				for _, r := range results {
					bn := &r.Ports[p].Lanes[l].Bins[b]
					a[0] += float64(bn.Arrivals)
					a[1] += float64(bn.Departures)
					a[2] += bn.QueueInt / width
					a[3] += float64(bn.Referrals)
					a[4] += float64(bn.Missed)
					a[5] += float64(bn.Secondary)
					a[6] += float64(bn.Seizures)
					a[7] += bn.KgSeized
					a[8] += bn.LotInt / width
					waitSum += bn.WaitSum
					waitN += float64(bn.WaitN)
				}
				q := qs[int(float64(b)*win.BinWidth/win.QuantileBin)]
				rec := []string{num(float64(b) * win.BinWidth / 3600), pc.Name, cls,
					num(a[0] / n), num(a[1] / n), num(ratio(waitSum, waitN) / 60), num(q[0]), num(q[1]),
					num(a[2] / n), num(a[3] / n), num(a[4] / n), num(a[5] / n), num(a[6] / n), num(a[7] / n), num(a[8] / n)}
				cw.Write(rec)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// DrugsCSV writes drugs.csv: per port and drug, loads and kg attempted,
// seized and delivered (means over replications) and the interdiction
// rate with its 95% interval.
func DrugsCSV(w io.Writer, sc *scenario.Scenario, s *Summary) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"port", "drug", "loads_attempted", "loads_seized", "loads_delivered", "kg_attempted", "kg_seized",
		"kg_delivered", "kg_inside", "interdiction_rate"})
	all := append(append([]Port(nil), s.Ports...), s.Total)
	for _, p := range all {
		for _, d := range sc.Drugs {
			x := p.Drugs[d.Name]
			cw.Write([]string{p.Name, d.Name, num(x.LoadsAttempted), num(x.LoadsSeized), num(x.LoadsDelivered),
				num(x.KgAttempted), num(x.KgSeized), num(x.KgDelivered), num(x.KgInside), num(x.InterdictionRate)})
		}
	}
	cw.Flush()
	return cw.Error()
}
