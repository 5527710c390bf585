package border_test

import (
	"errors"
	"testing"
	"time"

	"borderflow/border"
	"borderflow/scenario"
)

// A stop is seen within a few thousand events, not at the end of a
// simulated day: on a lane this busy (the M/M/8 check, 622,080 vehicles
// and about two million events a day) a day was 6.5–12 s of wall time
// between Ctrl-C and the exit. The stop channel is closed at the first
// progress report, which comes with the first look at it: that must be
// within the first simulated hour, and the run must end there with
// ErrStopped.
func TestStopWithinEvents(t *testing.T) {
	sc, err := scenario.Embedded("mmc")
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var first, last float64
	reports := 0
	_, err = border.Run(sc, 0, border.Options{Workers: 1, Stop: stop, Progress: func(done, total float64) {
		reports++
		if reports == 1 {
			first = done
			close(stop)
		}
		last = done
	}})
	if !errors.Is(err, border.ErrStopped) {
		t.Fatalf("err = %v, want ErrStopped", err)
	}
	if first <= 0 || first > scenario.Hour {
		t.Errorf("first look at the stop channel after %.0f simulated seconds, want within the first hour", first)
	}
	if reports != 1 || last != first {
		t.Errorf("%d progress reports (to %.0f s) after the stop", reports-1, last)
	}
}

// BenchmarkStopCheck measures what looking at the stop channel every
// stopEvery events costs: the busy lane for six simulated hours without a
// stop channel (one RunUntil per day) and with one, alternated in one run
// so that both see the same machine; "ratio" is with/without.
func BenchmarkStopCheck(b *testing.B) {
	sc, err := scenario.Embedded("mmc")
	if err != nil {
		b.Fatal(err)
	}
	sc.Horizon = 6 * scenario.Hour
	stop := make(chan struct{})
	var with, without time.Duration
	run := func(opt border.Options) time.Duration {
		t0 := time.Now()
		if _, err := border.Run(sc, 0, opt); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	i := 0
	for b.Loop() {
		// Each first in turn: the second of a pair may pay for the
		// first's garbage.
		if i%2 == 0 {
			without += run(border.Options{Workers: 1})
			with += run(border.Options{Workers: 1, Stop: stop})
		} else {
			with += run(border.Options{Workers: 1, Stop: stop})
			without += run(border.Options{Workers: 1})
		}
		i++
	}
	b.ReportMetric(float64(without.Nanoseconds())/float64(b.N), "ns/run-without")
	b.ReportMetric(float64(with.Nanoseconds())/float64(b.N), "ns/run-with")
	b.ReportMetric(float64(with)/float64(without), "ratio")
}
