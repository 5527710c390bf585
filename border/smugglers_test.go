package border

import (
	"math"
	"reflect"
	"testing"

	"borderflow/scenario"
	"borderflow/traffic"
)

// smallSurge is surge-eagle-pass with a twentieth of its traffic (the
// organisations' loads ride in fewer vehicles; what a load risks is set
// by the referral and detection rates, not the volume), over a short
// horizon.
func smallSurge(t *testing.T, horizon, warmup float64) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Embedded("surge-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			sc.Ports[p].Lanes[l].Rate /= 20
			sc.Ports[p].Lanes[l].AnnualVolume /= 20
		}
	}
	sc.Horizon, sc.Warmup = horizon, warmup
	return sc
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// TestSmugglersConserve checks every organisation's books on a real run:
// kg attempted = seized + delivered + inside + outsourced, and the ports'
// own counts of the organisations' drugs agree with the books.
func TestSmugglersConserve(t *testing.T) {
	for _, warmup := range []float64{0, scenario.Week} {
		sc := smallSurge(t, 8*scenario.Week, warmup)
		if len(sc.Loads) != 0 {
			t.Fatal("the test wants no fixed flows: the ports' drug counts are then the organisations' alone")
		}
		res, err := Run(sc, 0, Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		g := res.Organisations()
		byDrug := make([]struct{ attempted, seized, delivered float64 }, len(sc.Drugs))
		var loads int64
		for _, o := range g.Orgs {
			tt := o.Totals()
			if !near(tt.Attempted, tt.Seized+tt.Delivered+tt.Inside+tt.Outsourced) {
				t.Errorf("%s: attempted %v ≠ seized %v + delivered %v + inside %v + outsourced %v",
					o.Cfg.Name, tt.Attempted, tt.Seized, tt.Delivered, tt.Inside, tt.Outsourced)
			}
			if !near(tt.Outsourced, tt.OutsideSeized+tt.OutsideToUS+tt.OutsideOther) {
				t.Errorf("%s: outsourced %v ≠ %v + %v + %v", o.Cfg.Name, tt.Outsourced, tt.OutsideSeized, tt.OutsideToUS, tt.OutsideOther)
			}
			if tt.Inside < -1e-6 || tt.Inside > 0.01*tt.AttemptedPorts {
				t.Errorf("%s: %v kg inside at the end of %v kg", o.Cfg.Name, tt.Inside, tt.AttemptedPorts)
			}
			if tt.Capped != 0 || !(tt.Delivered > 0) {
				t.Errorf("%s: %+v", o.Cfg.Name, tt)
			}
			// Loads ride in random vehicles: what the ports drew is the
			// plan only on average (checked where there are many loads).
			if tt.Loads > 300 && math.Abs(tt.AttemptedPorts+tt.Outsourced+tt.Capped-tt.Planned) > 0.15*tt.Planned {
				t.Errorf("%s: drew %v kg at the ports and outsourced %v of %v planned", o.Cfg.Name, tt.AttemptedPorts, tt.Outsourced, tt.Planned)
			}
			d := &byDrug[o.Cfg.Drug]
			d.attempted += tt.AttemptedPorts
			d.seized += tt.Seized
			d.delivered += tt.Delivered
			loads += tt.Loads
		}
		var portLoads int64
		for di := range sc.Drugs {
			var att, sz, del float64
			for _, p := range res.Ports {
				for _, ln := range p.Lanes {
					att += ln.Drugs[di].KgAttempted
					sz += ln.Drugs[di].KgSeized
					del += ln.Drugs[di].KgDelivered
					portLoads += ln.Drugs[di].LoadsAttempted
				}
			}
			d := byDrug[di]
			if !near(att, d.attempted) || !near(sz, d.seized) || !near(del, d.delivered) {
				t.Errorf("warm-up %v, %s: ports count %v/%v/%v kg attempted/seized/delivered, the books %v/%v/%v",
					warmup, sc.Drugs[di].Name, att, sz, del, d.attempted, d.seized, d.delivered)
			}
		}
		if loads != portLoads {
			t.Errorf("warm-up %v: %d loads in the books, %d at the ports", warmup, loads, portLoads)
		}
	}
}

// TestSmugglersSameAnyWorkers: the organisations decide the same whatever
// the number of goroutines that run the ports.
func TestSmugglersSameAnyWorkers(t *testing.T) {
	sc := smallSurge(t, 6*scenario.Week, scenario.Week)
	var books [][]traffic.PeriodBook
	var beliefs [][]traffic.Belief
	for _, w := range []int{1, 4} {
		res, err := Run(sc, 1, Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range res.Organisations().Orgs {
			books = append(books, o.Periods)
			beliefs = append(beliefs, o.Beliefs)
		}
	}
	n := len(books) / 2
	for i := 0; i < n; i++ {
		if !reflect.DeepEqual(books[i], books[n+i]) || !reflect.DeepEqual(beliefs[i], beliefs[n+i]) {
			t.Errorf("organisation %d: 1 worker and 4 workers decide differently", i)
		}
	}
}

// TestSmugglersNeverLosing: where nobody is ever referred, no load is
// lost, and every perceived risk stays at or below its prior (deliveries
// only make a route look safer).
func TestSmugglersNeverLosing(t *testing.T) {
	sc := smallSurge(t, 5*scenario.Week, 0)
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			sc.Ports[p].Lanes[l].Referral = scenario.Referral{}
		}
	}
	sc.Surges = nil
	res, err := Run(sc, 0, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Organisations().Orgs {
		if tt := o.Totals(); tt.Seized != 0 || !(tt.Delivered > 0) {
			t.Fatalf("%s: %+v", o.Cfg.Name, tt)
		}
		for k := range o.Periods {
			for r, risk := range o.Periods[k].Risk {
				b := o.Beliefs[r]
				if prior := b.Alpha / (b.Alpha + b.Beta); risk > prior*(1+1e-12) {
					t.Errorf("%s period %d route %d: perceived risk %v above the prior %v without a loss", o.Cfg.Name, k, r, risk, prior)
				}
			}
		}
	}
}

// TestSmugglersLearnTheirOwnLosses: on a real run the two meth
// organisations, with different routes and hence different seizures, end
// with different beliefs about the routes they share and different shares.
func TestSmugglersLearnTheirOwnLosses(t *testing.T) {
	sc := smallSurge(t, 8*scenario.Week, 0)
	res, err := Run(sc, 0, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	orgs := res.Organisations().Orgs
	x, y := orgs[0], orgs[1] // coahuila-meth, tamaulipas-meth
	if x.Cfg.Name != "coahuila-meth" || y.Cfg.Name != "tamaulipas-meth" {
		t.Fatalf("organisations %s, %s", x.Cfg.Name, y.Cfg.Name)
	}
	// The route both use: Eagle Pass, truck, manifest fraud.
	find := func(o *traffic.Org) int {
		for r, rt := range o.Cfg.Routes {
			if sc.Ports[rt.Port].Name == "Eagle Pass" && sc.Concealments[rt.Concealment] == "manifest_fraud" {
				return r
			}
		}
		t.Fatalf("%s has no Eagle Pass manifest-fraud route", o.Cfg.Name)
		return -1
	}
	rx, ry := find(x), find(y)
	if x.Beliefs[rx] == y.Beliefs[ry] {
		t.Errorf("same beliefs about a route after different histories: %+v", x.Beliefs[rx])
	}
	if b := x.Beliefs[rx]; b.S+b.F == 0 {
		t.Errorf("coahuila-meth learnt nothing of its main route")
	}
}
