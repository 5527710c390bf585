package scenario

import (
	"fmt"
	"math"
)

// Limits from what the program can do in memory and time, checked by
// Validate (so a -set or -horizon cannot get past them either). Each is
// far above what a real study needs and far below what exhausts a
// laptop. Measured for this check (borderflow run, one replication, RSS
// by /usr/bin/time, 2 cores):
//
//   - eagle-pass, 10 days, bin 10s (172,800 lane-bins): 73 MB against
//     11 MB with hourly bins, about 360 bytes a lane-bin while the run
//     lasts, and a 15 MB series.csv (88 bytes a row);
//   - surge-eagle-pass, 60 hours after a day's warm-up, decision_period
//     1m (5,040 periods × 37 routes and ports = 186,480): 106 MB and
//     3.5 s, against 41 MB for its whole 270 days with weekly periods.
const (
	// MaxPorts: the US–Mexico border has 28 ports in southwest-border
	// (about 50 crossings counting every bridge); charts rank ports
	// against each other, which grows with the square of their number.
	MaxPorts = 500
	// MaxLaneBins bounds lanes × time-series bins over the horizon: the
	// rows of series.csv, which a run writes as the
	// ports close their bins (a few bins a lane in memory) after keeping
	// each replication's and the sums on disk. A year of southwest-border
	// by the hour is 0.6 million; a year of eagle-pass in 2-minute bins
	// 0.5 million.
	MaxLaneBins = 1e6
	// MaxPeriodWork bounds decision periods × (routes + ports) when there
	// are organisations: at every decision boundary the ports meet, and
	// every organisation re-plans and records each route (routes.csv has
	// a row per period and route). About 110 MB and a few seconds per
	// replication at the limit; a year of weekly periods of the shipped
	// scenarios is under 2,000.
	MaxPeriodWork = 2e5
	// MinDecisionPeriod: organisations decide about loads that take hours
	// to cross; re-planning more often than every hour describes no
	// organisation (the shipped scenarios re-plan weekly) and only
	// multiplies the work.
	MinDecisionPeriod = Hour
	// MinPublishEvery: the published wait is an event at every port each
	// time; CBP publishes about hourly, so a minute is far finer than any
	// source, and bounds the events a horizon's publications cost.
	MinPublishEvery = Minute
)

// LaneBins returns the number of lanes × time-series bins over the
// horizon: what one replication keeps of the time series.
func (s *Scenario) LaneBins() float64 {
	lanes := 0
	for _, p := range s.Ports {
		lanes += len(p.Lanes)
	}
	if !(s.BinWidth > 0) {
		return 0
	}
	return float64(lanes) * math.Ceil(s.Horizon/s.BinWidth)
}

// work checks the limits above.
func (v *validator) work() {
	s := v.s
	if len(s.Ports) > MaxPorts {
		v.errorf("port", "%s", tooManyPorts(len(s.Ports)))
	}
	if s.BinWidth > 0 && s.Horizon > 0 && s.Horizon <= maxHorizon {
		if n := s.LaneBins(); n > MaxLaneBins {
			v.errorf("bin", "too fine for this scenario: %s bins of %s over the horizon × %.0f lane(s) is %.3g lane-bins, at most %g (each is a row of the time series, and kept on disk for every replication being simulated or folded); use a wider bin or a shorter horizon",
				fmt.Sprintf("%.0f", math.Ceil(s.Horizon/s.BinWidth)), FormatDuration(s.BinWidth), n/math.Ceil(s.Horizon/s.BinWidth), n, float64(MaxLaneBins))
		}
	}
	if s.Replans() && s.DecisionPeriod > 0 {
		if s.DecisionPeriod < MinDecisionPeriod {
			v.errorf("decision_period", "must be at least 1h, got %s: organisations re-plan about loads that take hours to cross", FormatDuration(s.DecisionPeriod))
			return
		}
		routes := 0
		for _, o := range s.Orgs {
			routes += len(o.Routes) + len(o.Outside)
		}
		if !s.Market.FixedVolumes {
			routes += len(s.Loads) // each flow's volume is re-set at every period
		}
		periods := math.Ceil((s.Warmup + s.Horizon) / s.DecisionPeriod)
		if w := periods * float64(routes+len(s.Ports)); w > MaxPeriodWork {
			v.errorf("decision_period", "too short for this scenario: %.0f decision periods of %s × (%d routes + %d ports) is %.3g, at most %g (at every period the ports meet and each organisation re-plans and records every route); use a longer decision_period",
				periods, FormatDuration(s.DecisionPeriod), routes, len(s.Ports), w, float64(MaxPeriodWork))
		}
	}
}

func tooManyPorts(n int) string {
	return fmt.Sprintf("%d ports: at most %d (the whole US–Mexico border is 28; charts and rankings grow with the square of the number of ports)", n, MaxPorts)
}
