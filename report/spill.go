package report

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sync"

	"borderflow/border"
	"borderflow/ports"
)

// The time series on disk (Accumulator.SpillSeries): each replication's
// ports write their bins as they close into a file of the replication's
// own, lane by lane (a lane's bins at their place in the file, whatever
// the order in which the ports run), and the fold, in replication order,
// adds that file to the running sums, a second file read and rewritten in
// one pass. So a run holds a few bins a lane in memory whatever the
// horizon, the sums are those SeriesCSV takes in memory in the same order,
// bit for bit, and the disk holds the sums and the replications not yet
// folded.

// binRecord is a ports.Bin on disk: seven int32 counts, the two float32
// quantiles, the four float64 sums, then the checkpoint waits' count,
// 95th percentile, maximum and sum, little-endian.
const binRecord = 7*4 + 2*4 + 4*8 + 3*4 + 8

// sumRecord is a seriesBin on disk: its seventeen float64s.
const sumRecord = 17 * 8

func putBin(b []byte, bn *ports.Bin) {
	le := binary.LittleEndian
	for i, v := range [7]int32{bn.Arrivals, bn.Departures, bn.Referrals, bn.Missed, bn.Secondary, bn.Seizures, bn.WaitN} {
		le.PutUint32(b[4*i:], uint32(v))
	}
	le.PutUint32(b[28:], math.Float32bits(bn.WaitP50))
	le.PutUint32(b[32:], math.Float32bits(bn.WaitP95))
	for i, v := range [4]float64{bn.WaitSum, bn.KgSeized, bn.QueueInt, bn.LotInt} {
		le.PutUint64(b[36+8*i:], math.Float64bits(v))
	}
	le.PutUint32(b[68:], uint32(bn.CheckpointWaitN))
	le.PutUint32(b[72:], math.Float32bits(bn.CheckpointWaitP95))
	le.PutUint32(b[76:], math.Float32bits(bn.CheckpointWaitMax))
	le.PutUint64(b[80:], math.Float64bits(bn.CheckpointWaitSum))
}

func getBin(b []byte, bn *ports.Bin) {
	le := binary.LittleEndian
	i32 := func(i int) int32 { return int32(le.Uint32(b[4*i:])) }
	f64 := func(i int) float64 { return math.Float64frombits(le.Uint64(b[36+8*i:])) }
	*bn = ports.Bin{Arrivals: i32(0), Departures: i32(1), Referrals: i32(2), Missed: i32(3), Secondary: i32(4),
		Seizures: i32(5), WaitN: i32(6),
		WaitP50: math.Float32frombits(le.Uint32(b[28:])), WaitP95: math.Float32frombits(le.Uint32(b[32:])),
		WaitSum: f64(0), KgSeized: f64(1), QueueInt: f64(2), LotInt: f64(3),
		CheckpointWaitN: i32(17), CheckpointWaitP95: math.Float32frombits(le.Uint32(b[72:])),
		CheckpointWaitMax: math.Float32frombits(le.Uint32(b[76:])), CheckpointWaitSum: math.Float64frombits(le.Uint64(b[80:]))}
}

func (s *seriesBin) put(b []byte) {
	le := binary.LittleEndian
	for i, v := range s.sums {
		le.PutUint64(b[8*i:], math.Float64bits(v))
	}
	for i, v := range [8]float64{s.waitSum, s.waitN, s.p50, s.p95, s.ckSum, s.ckN, s.ckP95, s.ckMax} {
		le.PutUint64(b[72+8*i:], math.Float64bits(v))
	}
}

func (s *seriesBin) get(b []byte) {
	le := binary.LittleEndian
	f := func(i int) float64 { return math.Float64frombits(le.Uint64(b[8*i:])) }
	for i := range s.sums {
		s.sums[i] = f(i)
	}
	s.waitSum, s.waitN, s.p50, s.p95 = f(9), f(10), f(11), f(12)
	s.ckSum, s.ckN, s.ckP95, s.ckMax = f(13), f(14), f(15), f(16)
}

// seriesSpill is where a run's time series goes on disk.
type seriesSpill struct {
	dir   string
	base  []int // the first lane of each port, counting lanes port by port
	lanes int
	nbins int
	sums  bool // the sums file exists (a replication was folded)
	err   error
}

// SpillSeries keeps the time series of the accumulator's replications in
// files in dir (a folder of the caller's, which removes it) rather than in
// memory, and returns the border.Options.Series that writes them. Call it
// before the first Add; every replication added must then have been run
// with it.
func (a *Accumulator) SpillSeries(dir string) func(rep int) (border.SeriesSink, error) {
	sp := &seriesSpill{dir: dir, nbins: border.WindowOf(a.sc).Bins()}
	for _, p := range a.sc.Ports {
		sp.base = append(sp.base, sp.lanes)
		sp.lanes += len(p.Lanes)
	}
	a.series.spill = sp
	return sp.open
}

func (sp *seriesSpill) repFile(rep int) string {
	return filepath.Join(sp.dir, fmt.Sprintf("series-%d.bin", rep))
}

func (sp *seriesSpill) sumsFile() string { return filepath.Join(sp.dir, "series-sums.bin") }

// open creates replication rep's file.
func (sp *seriesSpill) open(rep int) (border.SeriesSink, error) {
	f, err := os.Create(sp.repFile(rep))
	if err != nil {
		return nil, fmt.Errorf("time series: %w", err)
	}
	return &repSink{sp: sp, f: f}, nil
}

// repSink writes one replication's bins at their places in its file.
type repSink struct {
	sp  *seriesSpill
	f   *os.File
	mu  sync.Mutex
	err error
}

func (s *repSink) Bins(p, lane, first int, bins []ports.Bin) {
	buf := make([]byte, len(bins)*binRecord)
	for i := range bins {
		putBin(buf[i*binRecord:], &bins[i])
	}
	off := (int64(s.sp.base[p]+lane)*int64(s.sp.nbins) + int64(first)) * binRecord
	if _, err := s.f.WriteAt(buf, off); err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = fmt.Errorf("time series: %w", err)
		}
		s.mu.Unlock()
	}
}

func (s *repSink) Close(failed bool) error {
	err := s.f.Close()
	if failed {
		os.Remove(s.f.Name())
	}
	if s.err != nil {
		return s.err
	}
	if err != nil {
		return fmt.Errorf("time series: %w", err)
	}
	return nil
}

// fold adds replication rep's file to the sums, in one pass over both,
// and removes it.
func (sp *seriesSpill) fold(win ports.Window, rep int) {
	if sp.err != nil {
		return
	}
	if err := sp.foldFile(win, rep); err != nil {
		sp.err = fmt.Errorf("time series: %w", err)
	}
}

func (sp *seriesSpill) foldFile(win ports.Window, rep int) error {
	in, err := os.Open(sp.repFile(rep))
	if err != nil {
		return err
	}
	defer in.Close()
	rin := bufio.NewReaderSize(in, 1<<16)
	var rold *bufio.Reader
	if sp.sums {
		old, err := os.Open(sp.sumsFile())
		if err != nil {
			return err
		}
		defer old.Close()
		rold = bufio.NewReaderSize(old, 1<<16)
	}
	next := sp.sumsFile() + ".new"
	out, err := os.Create(next)
	if err != nil {
		return err
	}
	defer out.Close()
	w := bufio.NewWriterSize(out, 1<<16)
	var rb [binRecord]byte
	var sbuf [sumRecord]byte
	var bn ports.Bin
	for lane := 0; lane < sp.lanes; lane++ {
		for b := 0; b < sp.nbins; b++ {
			if _, err := io.ReadFull(rin, rb[:]); err != nil {
				return fmt.Errorf("replication %d's bins: %w", rep, err)
			}
			getBin(rb[:], &bn)
			var sb seriesBin
			if rold != nil {
				if _, err := io.ReadFull(rold, sbuf[:]); err != nil {
					return fmt.Errorf("the sums: %w", err)
				}
				sb.get(sbuf[:])
			}
			sb.add(&bn, binWidth(win, b))
			sb.put(sbuf[:])
			w.Write(sbuf[:])
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	if err := os.Rename(next, sp.sumsFile()); err != nil {
		return err
	}
	sp.sums = true
	in.Close()
	return os.Remove(sp.repFile(rep))
}

// sumsReader reads the sums lane-bin by lane-bin, in the order written.
func (sp *seriesSpill) sumsReader() (next func() (*seriesBin, error), done func(), err error) {
	f, err := os.Open(sp.sumsFile())
	if err != nil {
		return nil, nil, fmt.Errorf("time series: %w", err)
	}
	r := bufio.NewReaderSize(f, 1<<16)
	var buf [sumRecord]byte
	var sb seriesBin
	return func() (*seriesBin, error) {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return nil, fmt.Errorf("time series: the sums: %w", err)
		}
		sb.get(buf[:])
		return &sb, nil
	}, func() { f.Close() }, nil
}

// binWidth is bin b's width in seconds: the last bin is cut at the end of
// the window.
func binWidth(win ports.Window, b int) float64 {
	start := float64(b) * win.BinWidth
	return min(win.BinWidth, win.End-win.Start-start)
}
