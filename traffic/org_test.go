package traffic

import (
	"math"
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// testOrgScenario is two ports with one truck lane each (1,000 trucks a
// day) and organisations with three routes: port 0 in two concealments,
// port 1 in one.
func testOrgScenario(orgs int) *scenario.Scenario {
	sc := &scenario.Scenario{
		Name:           "orgs",
		Seed:           1,
		Horizon:        10 * scenario.Week,
		DecisionPeriod: scenario.Week,
		Classes:        []scenario.Class{{Name: "truck"}},
		Drugs:          []scenario.Drug{{Name: "meth", ValuePerKg: 10000}},
		Concealments:   []string{"compartment", "commingled"},
	}
	for _, name := range []string{"A", "B"} {
		sc.Ports = append(sc.Ports, scenario.Port{Name: name, Lanes: []scenario.Lane{{Class: 0, Rate: 1000 / scenario.Day}}})
	}
	for i := 0; i < orgs; i++ {
		sc.Orgs = append(sc.Orgs, scenario.Organisation{
			Name: string(rune('X' + i)), Drug: 0, KgPerPeriod: 700, LoadKg: sim.Constant{Value: 10},
			ValuePerKg: 10000,
			Routes: []scenario.Route{
				{Port: 0, Lane: 0, Concealment: 0, CostPerKg: 1000},
				{Port: 0, Lane: 0, Concealment: 1, CostPerKg: 1200},
				{Port: 1, Lane: 0, Concealment: 0, CostPerKg: 1500},
			},
			Outside:      []scenario.OutsideOption{{Name: "Europe", ValuePerKg: 6000, CostPerKg: 1000, SeizeProb: 0.1}},
			LearningRate: 0.5, PriorAlpha: 1, PriorBeta: 49, LossTolerance: 1, Temperature: 300,
			Observe: scenario.Observation{Spotters: 10, Announcements: 2, AnnounceKg: 45},
		})
	}
	return sc
}

func streamsFor(sc *scenario.Scenario) func(string) *sim.Stream {
	return func(name string) *sim.Stream { return sim.NewStream(sc.Seed, 0, name) }
}

func TestChooseEqualRiskFollowsCosts(t *testing.T) {
	o := &testOrgScenario(1).Orgs[0]
	o.Outside = nil
	c := Choose(o, []float64{0.02, 0.02, 0.02}, nil)
	if c.Outsourced != 0 {
		t.Fatalf("outsourced %v with no outside option", c.Outsourced)
	}
	sum := 0.0
	for _, s := range c.Route {
		sum += s
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Fatalf("shares sum to %v", sum)
	}
	// Equal risk: the logit ratio is exp(-Δcost/T) exactly.
	for _, pair := range [][2]int{{0, 1}, {1, 2}, {0, 2}} {
		a, b := pair[0], pair[1]
		want := math.Exp((o.Routes[b].CostPerKg - o.Routes[a].CostPerKg) / o.Temperature)
		if got := c.Route[a] / c.Route[b]; math.Abs(got/want-1) > 1e-12 {
			t.Errorf("share %d / share %d = %v, want exp(Δcost/T) = %v", a, b, got, want)
		}
	}
	if !(c.Route[0] > c.Route[1] && c.Route[1] > c.Route[2]) {
		t.Errorf("cheaper routes should carry more: %v", c.Route)
	}
}

func TestChooseRiskLowersShareMonotonically(t *testing.T) {
	o := &testOrgScenario(1).Orgs[0]
	o.Outside = nil // isolate the route choice
	prev, prevOthers := 2.0, -1.0
	for _, r0 := range []float64{0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8} {
		c := Choose(o, []float64{r0, 0.02, 0.02}, nil)
		if !(c.Route[0] < prev) {
			t.Errorf("risk %v at route 0: share %v, not below %v at the lower risk", r0, c.Route[0], prev)
		}
		if others := c.Route[1] + c.Route[2]; !(others > prevOthers) {
			t.Errorf("risk %v at route 0: the other routes' share %v did not rise", r0, others)
		} else {
			prevOthers = others
		}
		prev = c.Route[0]
	}
}

// Outsourcing answers pressure: routes and outside options share the
// volume by one logit over expected profit, so the outsourced share rises
// strictly with the ports' risk, and falls when the outside option's own
// learned risk rises.
func TestChooseOutsourcesUnderPressure(t *testing.T) {
	o := &testOrgScenario(1).Orgs[0]
	o.Outside = append(o.Outside, scenario.OutsideOption{Name: "tunnel", ToUS: true, ValuePerKg: 10000, CostPerKg: 2500, SeizeProb: 0.05})
	prev := -1.0
	for _, r := range []float64{0, 0.01, 0.04, 0.05, 0.1, 0.3, 0.6} {
		c := Choose(o, []float64{r, r, r}, []float64{0.1, 0.05})
		if math.Abs(c.ExpectedLoss-r) > 1e-12 {
			t.Fatalf("expected loss %v, want %v", c.ExpectedLoss, r)
		}
		if !(c.Outsourced > prev) {
			t.Errorf("risk %v: outsourced share %v does not rise with the ports' risk (was %v)", r, c.Outsourced, prev)
		}
		prev = c.Outsourced
		sum, out := 0.0, 0.0
		for _, s := range c.Route {
			sum += s
		}
		for _, s := range c.Outside {
			out += s
		}
		if math.Abs(sum+out-1) > 1e-12 || math.Abs(out-c.Outsourced) > 1e-12 {
			t.Errorf("risk %v: routes %v + outside %v ≠ 1", r, sum, out)
		}
		// Same footing: a route and the tunnel compare by expected profit.
		pr := o.ValuePerKg*(1-r) - o.Routes[0].CostPerKg
		po := 10000*(1-0.05) - 2500.0
		if got, want := c.Outside[1]/c.Route[0], math.Exp((po-pr)/o.Temperature); math.Abs(got/want-1) > 1e-9 {
			t.Errorf("risk %v: tunnel/route share %v, want exp(Δprofit/T) %v", r, got, want)
		}
	}
	low := Choose(o, []float64{0.1, 0.1, 0.1}, []float64{0.1, 0.05})
	high := Choose(o, []float64{0.1, 0.1, 0.1}, []float64{0.1, 0.3})
	if !(high.Outside[1] < low.Outside[1]) {
		t.Errorf("the tunnel's share %v at a learned risk of 0.3, %v at 0.05: want lower", high.Outside[1], low.Outside[1])
	}
}

// A loss tolerance below 1 caps the expected loss share at the ports.
func TestChooseLossToleranceCap(t *testing.T) {
	o := &testOrgScenario(1).Orgs[0]
	o.LossTolerance = 0.0473
	for _, r := range []float64{0.01, 0.05, 0.1, 0.3} {
		c := Choose(o, []float64{r, r, r}, []float64{0.1})
		ports := 1 - c.Outsourced
		if got := ports * c.ExpectedLoss; got > o.LossTolerance+1e-12 {
			t.Errorf("risk %v: expected loss at the ports %v of the volume, above the cap", r, got)
		}
		if math.Abs(c.ExpectedLoss-r) > 1e-12 {
			t.Errorf("risk %v: expected loss share at the ports %v", r, c.ExpectedLoss)
		}
	}
}

// Calibrate sets an outside option's cost so that, at the prior beliefs,
// the logit sends it exactly its baseline share.
func TestCalibrateBaselineShare(t *testing.T) {
	sc := testOrgScenario(1)
	o := &sc.Orgs[0]
	o.PriorWeight = 20
	o.Outside = append(o.Outside, scenario.OutsideOption{Name: "crew", ToUS: true, Contract: true, SeizeProb: 0.08, BaselineShare: 0.132})
	for _, ref := range []float64{0.17, 0.5} {
		sc.Ports[0].Lanes[0].Referral.Rate = ref
		c := Calibrate(sc, o)
		pr := priors(sc, c)
		risk := make([]float64, len(pr))
		for r := range pr {
			risk[r] = pr[r].Risk()
		}
		ch := Choose(c, risk, []float64{0.1, 0.08})
		if math.Abs(ch.Outside[1]-0.132) > 1e-9 {
			t.Errorf("referral %v: baseline share %v, want 0.132 (fee %v)", ref, ch.Outside[1], c.Outside[1].CostPerKg)
		}
		if o.Outside[1].CostPerKg != 0 {
			t.Fatal("Calibrate changed the scenario")
		}
	}
}

// run drives organisations for periods as the border does, deciding the
// fate of every planned load with seize(org, route) and counting every
// load as drawn (the ports are not needed).
func run(g *Organisations, periods int, seize func(org, route, period int) bool) {
	for k := 0; k < periods; k++ {
		plan := g.Plan(k, float64(k)*g.period)
		for p := range plan {
			for _, srcs := range plan[p] {
				for _, s := range srcs {
					o := g.Orgs[s.Org]
					r, _ := o.decode(s.Route)
					n := int(math.Round(o.Periods[k].Planned[r] / o.Cfg.LoadKg.Mean()))
					for i := 0; i < n; i++ {
						kg := s.Kg.Sample(nil)
						g.Outcome(p, Load{Org: s.Org, Route: s.Route, Kg: kg}, seize(s.Org, r, k))
					}
				}
			}
		}
	}
	g.Finish(float64(periods) * g.period)
}

// A route whose loads all go through for months looks ever safer: the
// belief falls from its prior towards 0 with the deliveries, and the
// route's share rises; a route with no loads keeps its prior.
func TestQuietRouteLowersBelief(t *testing.T) {
	sc := testOrgScenario(1)
	sc.Horizon = 13 * scenario.Week // a quarter
	sc.Orgs[0].Observe = scenario.Observation{}
	sc.Orgs[0].LearningRate = 0.1
	g := NewOrganisations(sc, streamsFor(sc), 0, sc.Horizon)
	prior := g.Orgs[0].Risks()
	run(g, 13, func(int, int, int) bool { return false })
	o := g.Orgs[0]
	for r, risk := range o.Risks() {
		if !(risk < prior[r]/1.5) || (r == 0 && !(risk < prior[r]/3)) {
			t.Errorf("route %d: perceived risk %v after a quiet quarter, prior %v: want well below", r, risk, prior[r])
		}
	}
	for k := 1; k < len(o.Periods); k++ {
		if !(o.Periods[k].Risk[0] < o.Periods[k-1].Risk[0]) {
			t.Fatalf("period %d: route 0's risk %v did not fall from %v", k, o.Periods[k].Risk[0], o.Periods[k-1].Risk[0])
		}
	}
	if !(o.Periods[len(o.Periods)-1].Choice.Outsourced < o.Periods[0].Choice.Outsourced) {
		t.Errorf("outsourcing did not fall as the ports looked safer")
	}
	var b Belief
	b = Belief{Alpha: 1, Beta: 9}
	for k := 0; k < 50; k++ {
		b.fade(0.3)
	}
	if b.Risk() != 0.1 {
		t.Errorf("an unused route drifted from its prior: %v", b.Risk())
	}
}

func TestDifferentHistoriesDifferentShares(t *testing.T) {
	sc := testOrgScenario(2)
	g := NewOrganisations(sc, streamsFor(sc), 0, sc.Horizon)
	// Organisation 0 loses every fifth load on route 0; organisation 1
	// loses nothing.
	count := 0
	run(g, 6, func(org, route, _ int) bool {
		if org != 0 || route != 0 {
			return false
		}
		count++
		return count%5 == 0
	})
	x, y := g.Orgs[0], g.Orgs[1]
	last := len(x.Periods) - 1
	if !(x.Risks()[0] > y.Risks()[0]) {
		t.Fatalf("risk of route 0: %v (losing) vs %v (not losing)", x.Risks()[0], y.Risks()[0])
	}
	sx, sy := x.Periods[last].Choice.Route, y.Periods[last].Choice.Route
	if !(sx[0] < sy[0]-0.05) {
		t.Errorf("route 0 share: %v (losing) vs %v (not losing), want clearly lower", sx[0], sy[0])
	}
	if !(sx[2] > sy[2]) {
		t.Errorf("route 2 share: %v (losing elsewhere) vs %v, want higher", sx[2], sy[2])
	}
	prior := sc.Orgs[0].PriorAlpha / (sc.Orgs[0].PriorAlpha + sc.Orgs[0].PriorBeta)
	if !(x.Risks()[1] < prior && y.Risks()[1] < prior) {
		t.Errorf("route 1: risks %v and %v after deliveries only, want below the prior %v", x.Risks()[1], y.Risks()[1], prior)
	}
}

// TestBeliefTracksRisk checks that the discounted Beta posterior tracks
// the true seizure probability on quiet and busy routes alike: with
// forgetting λ the evidence holds about loads/λ trials, so the mean of the
// ratio is within a few percent of p (Jensen's inequality biases a ratio
// of sums by about its relative variance, 1/(p·loads/λ)).
func TestBeliefTracksRisk(t *testing.T) {
	s := sim.NewStream(7, 0, "test")
	for _, c := range []struct {
		p       float64
		perWeek int
	}{{0.02, 30}, {0.05, 40}, {0.2, 10}} {
		b := Belief{Alpha: 1e-9, Beta: 1e-9}
		sum, n := 0.0, 0
		for k := 0; k < 100000; k++ {
			lost := 0
			for i := 0; i < c.perWeek; i++ {
				if s.Float64() < c.p {
					lost++
				}
			}
			b.fade(0.05)
			b.observe(float64(c.perWeek), float64(lost))
			if k > 1000 {
				sum += b.Risk()
				n++
			}
		}
		if got := sum / float64(n); math.Abs(got/c.p-1) > 0.04 {
			t.Errorf("p = %v, %d loads a week: mean perceived risk %v", c.p, c.perWeek, got)
		}
	}
}

func TestPlanLoadsPerVehicleAndCap(t *testing.T) {
	sc := testOrgScenario(1)
	sc.Orgs[0].Outside = nil
	g := NewOrganisations(sc, streamsFor(sc), 0, sc.Horizon)
	plan := g.Plan(0, 0)
	o := g.Orgs[0]
	b := &o.Periods[0]
	vehicles := sc.Ports[0].Lanes[0].Rate * scenario.Week
	for _, s := range plan[0][0] {
		r, k := o.decode(s.Route)
		if k != 0 {
			t.Fatalf("route code %d decodes to period %d", s.Route, k)
		}
		want := b.Planned[r] / 10 / vehicles
		if math.Abs(s.PerVehicle-want) > 1e-15 {
			t.Errorf("route %d: %v loads per vehicle, want %v", r, s.PerVehicle, want)
		}
	}
	if b.Capped != 0 || g.Capped != 0 {
		t.Fatalf("capped %v kg at a light load", b.Capped)
	}

	// 70,000 loads a week through lanes of 7,000 trucks a week: capped.
	sc.Orgs[0].KgPerPeriod = 700000
	g = NewOrganisations(sc, streamsFor(sc), 0, sc.Horizon)
	plan = g.Plan(0, 0)
	for p := range plan {
		total := 0.0
		for _, s := range plan[p][0] {
			total += s.PerVehicle
		}
		if total > 1 {
			t.Errorf("port %d: %v loads per vehicle", p, total)
		}
		if math.Abs(total-1) > 1e-6 {
			t.Errorf("port %d: %v loads per vehicle, want the lane full", p, total)
		}
	}
	b = &g.Orgs[0].Periods[0]
	if want := 700000 - 2*vehicles*10; math.Abs(b.Capped-want) > 1e-3 {
		t.Errorf("capped %v kg, want %v", b.Capped, want)
	}
}

func TestOutsideShipmentConserves(t *testing.T) {
	sc := testOrgScenario(1)
	g := NewOrganisations(sc, streamsFor(sc), 0, sc.Horizon)
	o := g.Orgs[0]
	o.Cfg.LoadKg = sim.Uniform{Min: 5, Max: 15}
	lost := o.shipOutside(0, 1000, 0.1)
	if lost < 0 || lost > 1000 {
		t.Fatalf("lost %v of 1000 kg", lost)
	}
	if got := o.shipOutside(0, 1000, 0); got != 0 {
		t.Errorf("lost %v with no risk", got)
	}
	if got := o.shipOutside(0, 1000, 1); math.Abs(got-1000) > 1e-9 {
		t.Errorf("lost %v of 1000 kg with certain loss", got)
	}
	if o.oSeen[0] < 3*1000/15 || o.oLost[0] < 1000/15 {
		t.Errorf("shipments not counted for learning: %d loads, %d lost", o.oSeen[0], o.oLost[0])
	}
}
