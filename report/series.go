package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"borderflow/border"
	"borderflow/scenario"
)

// SeriesColumns are the columns of series.csv, in order.
var SeriesColumns = []string{"bin_start_hours", "bin_hours", "port", "class", "arrivals", "departures",
	"wait_count", "wait_mean_min", "wait_p50_min", "wait_p95_min", "queue_length", "referrals", "missed_referrals",
	"secondary", "seizures", "kg_seized", "lot_occupancy"}

// SeriesCSV writes series.csv, the time series: one row per port, class
// and time bin (in that order), with the bin's start in hours after the
// warm-up and its width in hours (the last bin is cut at the horizon when
// the bin does not divide it). Every event is filed in the bin in which it
// happens: arrivals when vehicles arrive, departures when they leave the
// port, a wait when it ends at a primary booth (wait_count of them), so a
// bin in a jam shows the long waits of the vehicles that got through in
// it, and a bin in which no vehicle reached a booth has empty wait cells
// rather than a wait of 0. Counts are means over replications;
// queue_length and lot_occupancy are time averages over the bin;
// wait_mean_min is the mean of all the replications' waits of the bin, and
// the quantiles are each replication's (ports.WaitHist, within ±2.2%)
// averaged over replications weighted by their wait_count.
func SeriesCSV(w io.Writer, sc *scenario.Scenario, results []*border.Result) error {
	cw := csv.NewWriter(w)
	cw.Write(SeriesColumns)
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
			for b := 0; b < nb; b++ {
				start := float64(b) * win.BinWidth
				width := min(win.BinWidth, win.End-win.Start-start)
				var a [9]float64
				var waitSum, waitN, p50, p95 float64
				for _, r := range results { // in replication order: sums never depend on a map
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
					k := float64(bn.WaitN)
					waitSum += bn.WaitSum
					waitN += k
					p50 += k * float64(bn.WaitP50)
					p95 += k * float64(bn.WaitP95)
				}
				mean, q50, q95 := "", "", ""
				if waitN > 0 {
					mean, q50, q95 = num(waitSum/waitN/60), num(p50/waitN/60), num(p95/waitN/60)
				}
				cw.Write([]string{hours(start), hours(width), pc.Name, cls,
					num(a[0] / n), num(a[1] / n), num(waitN / n), mean, q50, q95,
					num(a[2] / n), num(a[3] / n), num(a[4] / n), num(a[5] / n), num(a[6] / n), num(a[7] / n), num(a[8] / n)})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// hours writes seconds as hours, exactly (the shortest decimal that reads
// back as the same float): a bin of 20 minutes starts at 0.3333333333333333.
func hours(sec float64) string { return strconv.FormatFloat(sec/scenario.Hour, 'g', -1, 64) }
