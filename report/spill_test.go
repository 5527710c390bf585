package report

import (
	"bytes"
	"os"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// series.csv from bins spilled to disk as the ports close them, folded in
// replication order, is byte for byte series.csv from the results kept in
// memory: with several replications on two workers, ports run side by side
// (southwest-border's coupled groups), bins of 20 minutes that do not
// divide the horizon (the last cut) and more bins a lane than a chunk the
// ports hand on at once; and the spill folder holds only the sums after
// the fold.
func TestSpilledSeriesSameBytes(t *testing.T) {
	for _, c := range []struct {
		name    string
		horizon float64
		bin     float64
		reps    int
	}{
		{"eagle-pass", 4*scenario.Day + 50*60, 20 * 60, 3},
		{"southwest-border", 2 * scenario.Day, scenario.Hour, 2},
	} {
		sc, err := scenario.Embedded(c.name)
		if err != nil {
			t.Fatal(err)
		}
		sc.Horizon, sc.BinWidth = c.horizon, c.bin
		res, err := border.RunReplications(sc, c.reps, 2, border.Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := SeriesCSV(&want, sc, res); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		acc := NewAccumulator(sc, c.reps)
		opt := border.Options{Workers: 2, Series: acc.SpillSeries(dir)}
		if err := border.FoldReplications(sc, c.reps, 2, opt, func(r *border.Result) {
			if r.Ports[0].Lanes[0].Bins != nil {
				t.Errorf("%s: replication %d kept its bins", c.name, r.Replication)
			}
			acc.Add(r)
		}); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := acc.SeriesCSV(&got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: spilled series.csv (%d bytes) differs from the kept one (%d bytes)", c.name, got.Len(), want.Len())
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 || ents[0].Name() != "series-sums.bin" {
			t.Errorf("%s: spill folder after the fold: %v", c.name, ents)
		}
	}
}
