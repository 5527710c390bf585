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
