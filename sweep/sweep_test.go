package sweep

import (
	"math"
	"reflect"
	"testing"

	"borderflow/scenario"
	"borderflow/sim"

	"gonum.org/v1/gonum/stat/distuv"
)

// shipped loads an embedded scenario, shortened for tests.
func shipped(t *testing.T, name string, days float64, reps int) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = days * 86400
	if sc.Warmup >= sc.Horizon {
		sc.Warmup = sc.Horizon / 2 // the loader refuses a warm-up as long as the horizon
	}
	sc.Replications = reps
	return sc
}

// trucksOnly turns a shipped scenario into a truck-only test bench: the
// car lanes get no traffic and no loads (cars are nine vehicles in ten, so
// this makes runs ten times cheaper), and the truck loads are multiplied by
// factor and weigh a constant 10 kg, so the interdiction rate is the share
// of loads seized and is measured on enough loads to show a trend. Loads
// ride inside ordinary traffic, so this changes no queue but the few
// alarms the extra loads raise.
func trucksOnly(t *testing.T, sc *scenario.Scenario, factor float64) *scenario.Scenario {
	t.Helper()
	var keep []scenario.LoadFlow
	for _, f := range sc.Loads {
		if sc.Classes[sc.Ports[f.Port].Lanes[f.Lane].Class].Name == "truck" {
			f.LoadsPerYear *= factor
			f.Kg = sim.Constant{Value: 10}
			keep = append(keep, f)
		}
	}
	if len(keep) == 0 {
		t.Fatalf("%s has no truck loads", sc.Name)
	}
	sc.Loads = keep
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			if sc.Classes[sc.Ports[p].Lanes[l].Class].Name != "truck" {
				sc.Ports[p].Lanes[l].Rate = 0
			}
		}
	}
	return sc
}

func run(t *testing.T, name string, sc *scenario.Scenario, ps []Policy) *Results {
	t.Helper()
	pl, err := NewPlan(name, sc, ps)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := pl.Run(RunOptions{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Collect(pl.Manifest, recs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func builtin(t *testing.T, name string) []Policy {
	t.Helper()
	ps, err := Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// Applying every built-in policy leaves the loaded scenario as it was.
func TestApplyLeavesScenarioAlone(t *testing.T) {
	for _, sw := range SweepNames {
		name := "eagle-pass"
		if sw == "imaging" {
			name = "preprimary-eagle-pass" // the imaging sweep needs portals
		}
		sc := shipped(t, name, 2, 1)
		before := Hash(sc)
		ref := sc.Clone()
		for _, p := range builtin(t, sw) {
			c, err := p.Apply(sc)
			if err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			if Hash(c) == before && p.Name != "baseline" {
				// the baseline may equal the scenario; every other policy changes something
				// (and portals-today is preprimary-eagle-pass as shipped)
				if (sw != "volume" || p.Volume != 1) && (sw != "imaging" || p.Name != "portals-today") {
					t.Errorf("%s/%s changed nothing", sw, p.Name)
				}
			}
		}
		if Hash(sc) != before || !reflect.DeepEqual(sc, ref) {
			t.Fatalf("a policy of %s changed the scenario it was applied to", sw)
		}
	}
}

// What each built-in policy does to Eagle Pass.
func TestBuiltinPolicies(t *testing.T) {
	sc := shipped(t, "eagle-pass", 2, 1)
	ps := builtin(t, "policies")
	get := func(name string) *scenario.Scenario {
		for _, p := range ps {
			if p.Name == name {
				c, err := p.Apply(sc)
				if err != nil {
					t.Fatal(err)
				}
				return c
			}
		}
		t.Fatalf("no policy %s", name)
		return nil
	}
	lane := func(c *scenario.Scenario, class string) *scenario.Lane {
		for l := range c.Ports[0].Lanes {
			if c.Classes[c.Ports[0].Lanes[l].Class].Name == class {
				return &c.Ports[0].Lanes[l]
			}
		}
		t.Fatalf("no %s lane", class)
		return nil
	}
	// The baseline is the scenario as run runs it (eagle-pass targets),
	// random-today the random referral at today's rates.
	if base := get("baseline"); Hash(base) != Hash(sc) || !reflect.DeepEqual(base, sc) {
		t.Errorf("baseline changes the scenario: trucks %+v", lane(base, "truck").Referral)
	}
	if r := lane(sc, "truck").Referral; r.TargetHit == 0 {
		t.Errorf("eagle-pass no longer targets (%+v): the baseline check above says less", r)
	}
	base := get("random-today")
	if r := lane(base, "truck").Referral; r != (scenario.Referral{Rate: 0.17}) {
		t.Errorf("random-today trucks: %+v, want random 17%%", r)
	}
	if r := lane(base, "car").Referral; r != (scenario.Referral{Rate: 0.02}) {
		t.Errorf("random-today cars: %+v, want random 2%%", r)
	}
	if r := lane(get("targeted-good"), "truck").Referral; r != (scenario.Referral{TargetHit: 0.5, TargetFalse: 0.02}) {
		t.Errorf("targeted-good: %+v", r)
	}
	if r := lane(get("targeted-poor"), "car").Referral; r != (scenario.Referral{TargetHit: 0.15, TargetFalse: 0.1}) {
		t.Errorf("targeted-poor: %+v", r)
	}
	img := get("truck-imaging-100")
	tl := lane(img, "truck")
	pt := &img.Ports[0]
	if tl.Referral.Rate != 1 || len(tl.Steps) != 2 || pt.Methods[tl.Steps[0].Method].Name != "imaging" ||
		pt.Methods[tl.Steps[1].Method].Name != "unload" || !tl.Steps[1].OnlyOnAlarm {
		t.Errorf("truck-imaging-100: trucks %+v, steps %+v", tl.Referral, tl.Steps)
	}
	if lane(img, "car").Referral.Rate != 0.02 {
		t.Errorf("truck-imaging-100 changed the cars")
	}
	all := get("inspect-everything")
	if lane(all, "car").Referral.Rate != 1 || lane(all, "truck").Referral.Rate != 1 {
		t.Errorf("inspect-everything does not refer everything")
	}
	sg := get("surge")
	if len(sg.Surges) != len(sc.Surges)+1 {
		t.Fatalf("surge: %d surges", len(sg.Surges))
	}
	s := sg.Surges[len(sg.Surges)-1]
	tli := -1
	for l := range sg.Ports[0].Lanes {
		if sg.Classes[sg.Ports[0].Lanes[l].Class].Name == "truck" {
			tli = l
		}
	}
	if s.Port != 0 || s.Start != 0 || s.End != sc.Horizon || s.SecondaryFactor != 2 || s.ReferralRate[tli] != -1 || s.ReferralFactor[tli] != 1.3 {
		t.Errorf("surge: %+v", s)
	}

	// A port without imaging gets one when its trucks are all imaged.
	noImg := sc.Clone()
	noImg.Ports[0].Methods[2].Name = "dogs-again" // hide "imaging"
	p := Policy{Name: "x", Imaging: []string{"truck"}}
	c, err := p.Apply(noImg)
	if err != nil {
		t.Fatal(err)
	}
	m := c.Ports[0].Methods
	if len(m) != len(sc.Ports[0].Methods)+1 || m[len(m)-1].Name != "imaging" || len(m[len(m)-1].Detect) != len(sc.Concealments) {
		t.Errorf("no imaging method added: %+v", m)
	}
}

// The volume factor multiplies traffic and nothing else.
func TestVolumeKeepsCapacity(t *testing.T) {
	sc := shipped(t, "eagle-pass", 2, 1)
	p := Policy{Name: "v", Volume: 2.5}
	c, err := p.Apply(sc)
	if err != nil {
		t.Fatal(err)
	}
	for l := range sc.Ports[0].Lanes {
		a, b := &sc.Ports[0].Lanes[l], &c.Ports[0].Lanes[l]
		if b.Rate != 2.5*a.Rate || b.Booths != a.Booths || b.LotCapacity != a.LotCapacity {
			t.Errorf("lane %d: rate %v→%v, booths or lot changed", l, a.Rate, b.Rate)
		}
	}
	if !reflect.DeepEqual(sc.Ports[0].Methods, c.Ports[0].Methods) || !reflect.DeepEqual(sc.Loads, c.Loads) {
		t.Error("volume changed secondary capacity or the contraband flows")
	}
}

func TestHash(t *testing.T) {
	a := shipped(t, "roma", 2, 3)
	b := shipped(t, "roma", 2, 3)
	b.Source = "somewhere/else/roma.toml"
	if Hash(a) != Hash(b) {
		t.Fatal("the same scenario from another path hashes differently")
	}
	b.Seed++
	if Hash(a) == Hash(b) {
		t.Fatal("another seed, same hash")
	}
	c := shipped(t, "roma", 2, 3)
	c.Ports[0].Lanes[0].PrimaryTime = sim.Constant{Value: c.Ports[0].Lanes[0].PrimaryTime.Mean()}
	if Hash(a) == Hash(c) {
		t.Fatal("another distribution of the same mean, same hash")
	}
}

// Common random numbers: replication r of two close policies sees the same
// vehicles, loads and primary service times, so the paired interval of
// their difference is narrower than the interval from two independent
// samples of the same size. Primary waits are upstream of the referral
// and come out identical (paired half-width 0); the share inspected and
// the delay move together.
//
// Kilograms seized and the interdiction rate pair too: ports draw a
// vehicle's inspection times and alarms from a key the vehicle draws at
// arrival (sim.Stream.Reseed), so a vehicle inspected under both policies
// is inspected with the same luck, whoever else was inspected; before that
// change the two policies' detections were hardly correlated and the
// paired interval of kg seized was no narrower (now about five times).
func TestPairedNarrowerThanUnpaired(t *testing.T) {
	sc := trucksOnly(t, shipped(t, "eagle-pass", 5, 20), 100)
	ps := []Policy{
		{Name: "a", Referral: map[string]float64{"truck": 0.15}},
		{Name: "b", Referral: map[string]float64{"truck": 0.20}},
	}
	res := run(t, "crn", sc, ps)
	asserted := map[string]bool{"wait_mean_min_truck": true, "wait_p95_min_truck": true, mDelayHours: true, "share_inspected_truck": true,
		"kg_seized": true, "interdiction_rate": true}
	for _, name := range res.Manifest.Metrics {
		k := res.metric(name)
		a, b := res.Column(0, k), res.Column(1, k)
		_, plo, phi := sim.PairedCI95(b, a)
		var ta, tb sim.Tally
		for i := range a {
			ta.Add(a[i])
			tb.Add(b[i])
		}
		n := float64(len(a))
		q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: 2*n - 2}.Quantile(0.975)
		unpaired := q * math.Sqrt(ta.Variance()/n+tb.Variance()/n)
		paired := (phi - plo) / 2
		t.Logf("%s: paired half-width %.4g, unpaired %.4g", name, paired, unpaired)
		if asserted[name] && !(paired < 0.8*unpaired) {
			t.Errorf("%s: paired half-width %.4g is not clearly narrower than unpaired %.4g", name, paired, unpaired)
		}
	}
}

// Volume defeats inspection: with capacity fixed, the interdiction rate
// falls as traffic rises. Tolerance: each step may rise by at most 0.01
// (the 95% intervals are about ±0.005–0.015 wide with 10 replications of
// a week), and tripling the traffic must at least halve the rate.
func TestVolumeSweepInterdictionFalls(t *testing.T) {
	sc := trucksOnly(t, shipped(t, "eagle-pass", 7, 10), 200)
	// Every truck waits, as before the response existed: with it, part of
	// the added traffic gives up or waits less and the rate falls less.
	sc.Response = nil
	res := run(t, "volume", sc, builtin(t, "volume"))
	k := res.metric(mInterdiction)
	share := res.metric("share_inspected_truck")
	var rates []float64
	for p, pol := range res.Manifest.Policies {
		m, lo, hi := res.Mean(p, k)
		s, _, _ := res.Mean(p, share)
		t.Logf("volume ×%g: interdiction %.4f [%.4f, %.4f], trucks inspected %.3f", pol.Volume, m, lo, hi, s)
		rates = append(rates, m)
	}
	for i := 1; i < len(rates); i++ {
		if rates[i] > rates[i-1]+0.01 {
			t.Errorf("interdiction rises from %.4f to %.4f between volume ×%g and ×%g",
				rates[i-1], rates[i], VolumeFactors[i-1], VolumeFactors[i])
		}
	}
	if one, three := rates[1], rates[len(rates)-1]; !(three < one/2) {
		t.Errorf("tripling traffic only takes the interdiction rate from %.4f to %.4f", one, three)
	}
	if _, ok := res.Files(); ok != nil {
		t.Fatal(ok)
	}
}

// More referral seizes more until secondary capacity binds. Up to 0.3 each
// step's paired difference must be positive with its whole 95% interval;
// once the lot overflows (missed referrals at 1.0 are ten times those at
// 0.2), each extra point of referral between 0.5 and 1.0 must gain less
// than a quarter of what a point gained between 0 and 0.2.
func TestReferralSweepRisesUntilCapacityBinds(t *testing.T) {
	sc := trucksOnly(t, shipped(t, "eagle-pass", 7, 10), 200)
	res := run(t, "referral", sc, builtin(t, "referral"))
	k := res.metric(mInterdiction)
	missed := res.metric(mMissed)
	idx := map[float64]int{}
	for p, r := range TruckReferrals {
		idx[r] = p
		m, lo, hi := res.Mean(p, k)
		mi, _, _ := res.Mean(p, missed)
		t.Logf("truck referral %g: interdiction %.4f [%.4f, %.4f], missed %.0f", r, m, lo, hi, mi)
	}
	if m, _, _ := res.Mean(idx[0], k); m != 0 {
		t.Errorf("no referral, no targeting, yet interdiction %.4f", m)
	}
	steps := []float64{0, 0.1, 0.2, 0.3}
	for i := 1; i < len(steps); i++ {
		a, b := idx[steps[i-1]], idx[steps[i]]
		d, lo, hi := sim.PairedCI95(res.Column(b, k), res.Column(a, k))
		if !(lo > 0) {
			t.Errorf("referral %g → %g: paired difference %.4f [%.4f, %.4f] is not surely positive", steps[i-1], steps[i], d, lo, hi)
		}
	}
	m02, _, _ := res.Mean(idx[0.2], missed)
	m1, _, _ := res.Mean(idx[1], missed)
	if !(m1 > 10*m02) {
		t.Errorf("capacity never binds: missed referrals %.0f at 0.2, %.0f at 1", m02, m1)
	}
	r0, _, _ := res.Mean(idx[0], k)
	r2, _, _ := res.Mean(idx[0.2], k)
	r5, _, _ := res.Mean(idx[0.5], k)
	r10, _, _ := res.Mean(idx[1], k)
	low, high := (r2-r0)/0.2, (r10-r5)/0.5 // interdiction per unit of referral
	if !(high < low/4) {
		t.Errorf("referral 0.5 → 1 gains %.4f per unit, not less than a quarter of 0 → 0.2's %.4f: capacity does not bind", high, low)
	}
}

// The records of a sweep are the same with 1 and 3 workers, shard by
// shard or whole, and a stopped run resumes to the same records.
func TestRunDeterministicShardedResumed(t *testing.T) {
	sc := shipped(t, "roma", 2, 3)
	pl, err := NewPlan("policies", sc, builtin(t, "policies"))
	if err != nil {
		t.Fatal(err)
	}
	one, err := pl.Run(RunOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	three, err := pl.Run(RunOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, three) {
		t.Fatal("1 and 3 workers give different records")
	}
	var parts []*Part
	for i := 0; i < 4; i++ {
		recs, err := pl.Run(RunOptions{Workers: 2, Shard: i, Shards: 4})
		if err != nil {
			t.Fatal(err)
		}
		m := pl.Shard(i, 4)
		m.Pairs = len(recs)
		parts = append(parts, &Part{Dir: "part" + string(rune('0'+i)), Manifest: &m, Records: recs})
	}
	merged, err := Merge(parts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(merged.Records(), one) {
		t.Fatal("merged shards differ from the whole sweep")
	}

	// Stop after 5 pairs, then resume from what was recorded.
	stop := make(chan struct{})
	var got []Record
	_, err = pl.Run(RunOptions{Workers: 2, Stop: stop, OnRecord: func(r Record) error {
		got = append(got, r)
		if len(got) == 5 {
			close(stop)
		}
		return nil
	}})
	if err != ErrStopped {
		t.Fatalf("stopped run: %v", err)
	}
	if len(got) < 5 || len(got) >= len(one) {
		t.Fatalf("stopped after %d of %d pairs", len(got), len(one))
	}
	resumed, err := pl.Run(RunOptions{Workers: 2, Done: got})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(resumed, one) {
		t.Fatal("resumed records differ")
	}
}

// The exact format reads back to the same float64s.
func TestPairsRoundTrip(t *testing.T) {
	sc := shipped(t, "roma", 1, 2)
	pl, err := NewPlan("policies", sc, builtin(t, "policies"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := pl.Run(RunOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	m := pl.Manifest
	back, err := ParsePairs("pairs.csv", &m, PairsCSV(&m, recs), true)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, recs) {
		t.Fatal("pairs.csv does not read back to the same numbers")
	}
	mm, err := ParseManifest(m.JSON())
	if err != nil {
		t.Fatal(err)
	}
	if err := m.SameSweep(mm); err != nil {
		t.Fatalf("manifest round trip: %v", err)
	}
}
