package report

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"time"

	"borderflow/border"
	"borderflow/ports"
	"borderflow/scenario"
)

// SeriesColumns are the columns of series.csv, in order.
var SeriesColumns = []string{"bin_start_hours", "bin_hours", "port", "class", "arrivals", "departures",
	"wait_count", "wait_mean_min", "wait_p50_min", "wait_p95_min", "queue_length", "referrals", "missed_referrals",
	"secondary", "seizures", "kg_seized", "lot_occupancy", "date"}

// SeriesCSV writes series.csv, the time series: one row per port, class
// and time bin (in that order), with the bin's start in hours after the
// warm-up and its width in hours, and in its last column the bin's start
// on the calendar (date: UTC, ISO 8601 to the minute, from the scenario's
// start) (the last bin is cut at the horizon when
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
	return accumulate(sc, results).SeriesCSV(w)
}

// seriesAcc folds each replication's time series into series.csv's sums
// (one seriesBin per lane and bin) as it comes, in replication order: the
// sums SeriesCSV takes over the kept results, bit for bit. The sums are in
// memory, or on disk with the replications' bins when spill is set
// (spill.go).
type seriesAcc struct {
	win   ports.Window  // the first replication's
	bins  [][]seriesBin // by lane (port by port, in lane order), then bin
	done  bool          // the first replication was added
	spill *seriesSpill
}

// seriesBin is one bin's sums over replications: the counts and time
// averages of series.csv's columns (sums[i] is column i of the rows'
// means: arrivals, departures, queue_length, referrals, missed_referrals,
// secondary, seizures, kg_seized, lot_occupancy), then the waits.
type seriesBin struct {
	sums                     [9]float64
	waitSum, waitN, p50, p95 float64
	// The checkpoint's waits (CheckpointSeriesColumns): sum, count, the
	// 95th percentile weighted by the count, the maximum summed over
	// replications.
	ckSum, ckN, ckP95, ckMax float64
}

// CheckpointSeriesColumns are appended to series.csv when the scenario has
// a staffed checkpoint (checkpoint.go): the waits for it that ended in the
// bin, how many, their mean, 95th percentile and longest (means over
// replications, the percentile weighted as wait_p95_min's), empty where
// none ended.
var CheckpointSeriesColumns = []string{"checkpoint_wait_count", "checkpoint_wait_mean_min", "checkpoint_wait_p95_min", "checkpoint_wait_max_min"}

// add adds one replication's bin of the given width (seconds).
func (a *seriesBin) add(bn *ports.Bin, width float64) {
	a.sums[0] += float64(bn.Arrivals)
	a.sums[1] += float64(bn.Departures)
	a.sums[2] += bn.QueueInt / width
	a.sums[3] += float64(bn.Referrals)
	a.sums[4] += float64(bn.Missed)
	a.sums[5] += float64(bn.Secondary)
	a.sums[6] += float64(bn.Seizures)
	a.sums[7] += bn.KgSeized
	a.sums[8] += bn.LotInt / width
	k := float64(bn.WaitN)
	a.waitSum += bn.WaitSum
	a.waitN += k
	a.p50 += k * float64(bn.WaitP50)
	a.p95 += k * float64(bn.WaitP95)
	ck := float64(bn.CheckpointWaitN)
	a.ckSum += bn.CheckpointWaitSum
	a.ckN += ck
	a.ckP95 += ck * float64(bn.CheckpointWaitP95)
	a.ckMax += float64(bn.CheckpointWaitMax)
}

func (s *seriesAcc) add(sc *scenario.Scenario, r *border.Result) {
	if !s.done {
		s.done = true
		s.win = r.Window
		if s.spill == nil {
			for p := range sc.Ports {
				for l := range sc.Ports[p].Lanes {
					s.bins = append(s.bins, make([]seriesBin, len(r.Ports[p].Lanes[l].Bins)))
				}
			}
		}
	}
	if s.spill != nil {
		s.spill.fold(s.win, r.Replication)
		return
	}
	lane := 0
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			sb := s.bins[lane]
			lane++
			for b := range sb {
				sb[b].add(&r.Ports[p].Lanes[l].Bins[b], binWidth(s.win, b))
			}
		}
	}
}

// write writes series.csv from the sums of reps replications.
func (s *seriesAcc) write(w io.Writer, sc *scenario.Scenario, reps int) error {
	cw := csv.NewWriter(w)
	stages := HasCheckpointStages(sc)
	if stages {
		cw.Write(append(append([]string(nil), SeriesColumns...), CheckpointSeriesColumns...))
	} else {
		cw.Write(SeriesColumns)
	}
	if reps == 0 {
		cw.Flush()
		return cw.Error()
	}
	win := s.win
	nbins := func(lane int) int { return len(s.bins[lane]) }
	get := func(lane, b int) (*seriesBin, error) { return &s.bins[lane][b], nil }
	if sp := s.spill; sp != nil {
		if sp.err != nil {
			return sp.err
		}
		next, done, err := sp.sumsReader()
		if err != nil {
			return err
		}
		defer done()
		nbins = func(int) int { return sp.nbins }
		get = func(int, int) (*seriesBin, error) { return next() }
	}
	n := float64(reps)
	origin := sc.Start
	if origin.IsZero() {
		origin = scenario.DefaultStart
	}
	origin = origin.Add(time.Duration(math.Round(win.Start)) * time.Second) // the statistics' start
	lane := 0
	for _, pc := range sc.Ports {
		for _, lc := range pc.Lanes {
			cls := sc.Classes[lc.Class].Name
			nb := nbins(lane)
			for b := 0; b < nb; b++ {
				sb, err := get(lane, b)
				if err != nil {
					return err
				}
				start := float64(b) * win.BinWidth
				width := min(win.BinWidth, win.End-win.Start-start)
				a := &sb.sums
				waitSum, waitN, p50, p95 := sb.waitSum, sb.waitN, sb.p50, sb.p95
				mean, q50, q95 := "", "", ""
				if waitN > 0 {
					mean, q50, q95 = num(waitSum/waitN/60), num(p50/waitN/60), num(p95/waitN/60)
				}
				row := []string{hours(start), hours(width), pc.Name, cls,
					num(a[0] / n), num(a[1] / n), num(waitN / n), mean, q50, q95,
					num(a[2] / n), num(a[3] / n), num(a[4] / n), num(a[5] / n), num(a[6] / n), num(a[7] / n), num(a[8] / n),
					origin.Add(time.Duration(math.Round(start)) * time.Second).Format("2006-01-02T15:04")}
				if stages {
					ckMean, ckP95, ckMax := "", "", ""
					if sb.ckN > 0 {
						ckMean, ckP95, ckMax = num(sb.ckSum/sb.ckN/60), num(sb.ckP95/sb.ckN/60), num(sb.ckMax/n/60)
					}
					row = append(row, num(sb.ckN/n), ckMean, ckP95, ckMax)
				}
				cw.Write(row)
				if err := cw.Error(); err != nil {
					return err
				}
			}
			lane++
		}
	}
	cw.Flush()
	return cw.Error()
}

// hours writes seconds as hours, exactly (the shortest decimal that reads
// back as the same float): a bin of 20 minutes starts at 0.3333333333333333.
func hours(sec float64) string { return strconv.FormatFloat(sec/scenario.Hour, 'g', -1, 64) }
