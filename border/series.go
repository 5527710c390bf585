package border

import "borderflow/ports"

// SeriesSink takes one replication's time series as its ports close their
// bins (Options.Series), so that a run holds a few bins a lane instead of
// its whole horizon's.
type SeriesSink interface {
	// Bins takes bins first, first+1, … of lane lane of port p
	// (ports.BinSink): the calls for one lane come in bin order, every bin
	// once, and calls for different ports may come at once from the
	// goroutines that run them. bins is reused after the call.
	Bins(p, lane, first int, bins []ports.Bin)
	// Close ends the replication's series, once, when its run ends
	// (failed: it did not finish); an error fails the run.
	Close(failed bool) error
}

// streamSeries hands every port's bins to sink.
func streamSeries(pts []*ports.Port, sink SeriesSink) {
	for i, pt := range pts {
		pt.StreamBins(func(lane, first int, bins []ports.Bin) { sink.Bins(i, lane, first, bins) })
	}
}

// DiscardSeries is an Options.Series for runs whose time series no output
// reads (a counterfactual): their bins are dropped as they close.
func DiscardSeries(int) (SeriesSink, error) { return discard{}, nil }

type discard struct{}

func (discard) Bins(int, int, int, []ports.Bin) {}
func (discard) Close(bool) error                { return nil }
