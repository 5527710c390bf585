package traffic

import (
	"math"
	"testing"

	"borderflow/scenario"
)

// watchedRun drives organisations as run does, and before each plan tells
// them what spotters saw: 7,000 vehicles a period in every lane, of which
// share(port, period) pulled into secondary. It returns, by period and
// route, the organisation 0's own loads and losses.
func watchedRun(g *Organisations, periods int, seize func(org, route, period int) bool, share func(p, k int) float64) (own [][][2]float64) {
	var seen, pulled [2]int64
	for k := 0; k < periods; k++ {
		for p := range g.watch {
			seen[p] += 7000
			pulled[p] += int64(math.Round(7000 * share(p, k)))
			g.Watch(p, 0, seen[p], pulled[p])
		}
		plan := g.Plan(k, float64(k)*g.period)
		row := make([][2]float64, len(g.Orgs[0].Cfg.Routes))
		for p := range plan {
			for _, srcs := range plan[p] {
				for _, s := range srcs {
					o := g.Orgs[s.Org]
					r, _ := o.decode(s.Route)
					n := int(math.Round(o.Periods[k].Planned[r] / o.Cfg.LoadKg.Mean()))
					for i := 0; i < n; i++ {
						lost := seize(s.Org, r, k)
						g.Outcome(p, Load{Org: s.Org, Route: s.Route, Kg: s.Kg.Sample(nil)}, lost)
						if s.Org == 0 {
							row[r][0]++
							if lost {
								row[r][1]++
							}
						}
					}
				}
			}
		}
		own = append(own, row)
	}
	g.Finish(float64(periods) * g.period)
	return own
}

// surgeAtA doubles the share pulled into secondary at port 0 from period
// 4 on (0.17 → 0.34); port 1 stays at 0.17.
func surgeAtA(p, k int) float64 {
	if p == 0 && k >= 4 {
		return 0.34
	}
	return 0.17
}

// With both channels off, the beliefs are exactly the Beta–Bernoulli
// posterior with forgetting of the organisation's own loads, whatever the
// spotters saw and CBP announced.
func TestChannelsOffOwnLossesOnly(t *testing.T) {
	sc := testOrgScenario(1)
	sc.Orgs[0].Observe = scenario.Observation{AnnounceKg: 1}
	g := NewOrganisations(sc, streamsFor(sc), 0, sc.Horizon)
	count := 0
	seize := func(org, r, k int) bool { count++; return r == 0 && count%7 == 0 }
	own := watchedRun(g, 10, seize, surgeAtA)
	o := g.Orgs[0]
	lambda := o.Cfg.LearningRate
	for r := range o.Cfg.Routes {
		b := Belief{Alpha: o.Cfg.PriorAlpha, Beta: o.Cfg.PriorBeta}
		for k := range own {
			b.fade(lambda)
			b.observe(own[k][r][0], own[k][r][1])
			if k+1 < len(o.Periods) && math.Abs(o.Periods[k+1].Risk[r]-b.Risk()) > 1e-15 {
				t.Fatalf("route %d, period %d: perceived risk %v, own-loss posterior %v", r, k+1, o.Periods[k+1].Risk[r], b.Risk())
			}
		}
		if got := o.Risks()[r]; math.Abs(got-b.Risk()) > 1e-15 {
			t.Errorf("route %d: final risk %v, own-loss posterior %v", r, got, b.Risk())
		}
	}
}

// Spotters see a surge the week it starts: with the channel on, the
// routes through the surged port look riskier than with it off (same own
// news: nothing is ever seized), the other port's route does not, and
// the surged port's share falls before any load is lost.
func TestSpottersSeeSurge(t *testing.T) {
	risks := map[bool][]PeriodBook{}
	for _, on := range []bool{false, true} {
		sc := testOrgScenario(1)
		sc.Orgs[0].Observe = scenario.Observation{}
		if on {
			sc.Orgs[0].Observe.Spotters = 10
		}
		g := NewOrganisations(sc, streamsFor(sc), 0, sc.Horizon)
		watchedRun(g, 8, func(int, int, int) bool { return false }, surgeAtA)
		risks[on] = g.Orgs[0].Periods
	}
	off, on := risks[false], risks[true]
	for k := 1; k <= 3; k++ {
		for r := range on[k].Risk {
			if math.Abs(on[k].Risk[r]-off[k].Risk[r]) > 1e-12 {
				t.Errorf("period %d route %d: spotters changed the belief before anything changed (%v vs %v)", k, r, on[k].Risk[r], off[k].Risk[r])
			}
		}
	}
	// Period 4 is planned after spotters saw a period of doubled share:
	// ten pseudo-loads against a route's 20–40 own loads raise its risk by
	// 2^(10/(10+n)), 15–25%.
	k := 4
	for r := 0; r < 2; r++ {
		if !(on[k].Risk[r] > 1.1*off[k].Risk[r]) {
			t.Errorf("route %d at the surged port: risk %v with spotters, %v without", r, on[k].Risk[r], off[k].Risk[r])
		}
	}
	if math.Abs(on[k].Risk[2]-off[k].Risk[2]) > 1e-12 {
		t.Errorf("route 2 at the quiet port: risk %v with spotters, %v without", on[k].Risk[2], off[k].Risk[2])
	}
	if a, b := on[k].Choice.Route, off[k].Choice.Route; !(a[0]+a[1] < b[0]+b[1] && a[2] > b[2]) {
		t.Errorf("shares with spotters %v, without %v: want away from the surged port", on[k].Choice.Route, off[k].Choice.Route)
	}
}

// CBP's announcements of big seizures at a port raise every organisation's
// belief about its routes there, including one that lost nothing itself.
func TestAnnouncementsReachOthers(t *testing.T) {
	for _, w := range []float64{0, 2} {
		sc := testOrgScenario(2)
		for i := range sc.Orgs {
			sc.Orgs[i].Observe = scenario.Observation{Announcements: w, AnnounceKg: 5}
		}
		g := NewOrganisations(sc, streamsFor(sc), 0, sc.Horizon)
		// Organisation 0 loses one load in five on route 0 from period 3.
		count := 0
		watchedRun(g, 6, func(org, r, k int) bool {
			if org != 0 || r != 0 || k < 3 {
				return false
			}
			count++
			return count%5 == 0
		}, func(int, int) float64 { return 0.17 })
		y := g.Orgs[1]
		before, after := y.Periods[3].Risk[0], y.Periods[4].Risk[0]
		if w == 0 && !(after < before) {
			t.Errorf("no announcements: organisation 1's risk rose from %v to %v with no loss of its own", before, after)
		}
		if w > 0 && !(after > before) {
			t.Errorf("announcements on: organisation 1's risk %v → %v after organisation 0's seizures were announced", before, after)
		}
	}
}
