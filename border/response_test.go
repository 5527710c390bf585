package border_test

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"borderflow/border"
	"borderflow/bug"
	"borderflow/ports"
	"borderflow/scenario"
)

// stripResponse zeroes what only the response counts, so that runs with
// and without it can be compared field by field.
func stripResponse(ps []border.PortResult) []border.PortResult {
	out := make([]border.PortResult, len(ps))
	for i, p := range ps {
		out[i] = p
		out[i].Lanes = append([]ports.LaneStats(nil), p.Lanes...)
		for l := range out[i].Lanes {
			out[i].Lanes[l].Response = ports.ResponseStats{}
		}
	}
	return out
}

// A response that nobody takes up (a tolerance beyond reach) changes no number: it draws
// from its own streams only, and the coupled runner (windows, groups,
// published waits) gives what the independent ports give. So a scenario
// without the section, which never enters that code, runs as before.
func TestResponseNobodyRespondsUnchanged(t *testing.T) {
	sc, err := scenario.Embedded("operation-intercept")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = 2 * scenario.Day
	if testing.Short() {
		sc.Horizon = scenario.Day / 2
	}
	sc.Response = nil // as the scenario was before it had one
	base, err := border.Run(sc, 0, border.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := &scenario.Response{RoadFactor: 1.3, GroupWithin: 15 * 60, MaxDetour: 6 * 3600, PublishEvery: 3600,
		Classes: make([]scenario.ClassResponse, len(sc.Classes)), Coords: make([]scenario.Coord, len(sc.Ports))}
	for c := range r.Classes {
		r.Classes[c] = scenario.ClassResponse{Active: true, NeverDivert: 1, Tolerance: 1e9, Scale: 10, SpeedKmh: 60, Divert: true,
			CancelCost: 1, MaxPostpones: 3}
	}
	for p := range r.Coords {
		// A line of ports 40 km apart, two of them side by side.
		r.Coords[p] = scenario.Coord{Lat: 27, Lon: -99 + 0.4*float64(p/2*2), Known: true}
	}
	sc.Response = r
	if g := r.Groups(len(sc.Ports)); len(g) != (len(sc.Ports)+1)/2 {
		t.Fatalf("%d groups of %d ports, want pairs", len(g), len(sc.Ports))
	}
	with, err := border.Run(sc, 0, border.Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(stripResponse(with.Ports), base.Ports) {
		t.Fatal("a response nobody takes up changed the results")
	}
	trips := int64(0)
	for _, p := range with.Ports {
		for _, l := range p.Lanes {
			trips += l.Response.Trips
			if l.Response.Trips != l.Arrivals {
				t.Errorf("%s: %d trips, %d arrivals: nobody should have gone elsewhere", p.Name, l.Response.Trips, l.Arrivals)
			}
		}
	}
	if trips == 0 {
		t.Fatal("no trips counted")
	}
}

// twoPorts is a scenario of ports A and B (and C when three) with one
// truck lane each, 1 km apart times spacing, flat Poisson traffic.
func responseScenario(t *testing.T, nports int, spacingDeg float64, laneA, lanes, response string) *scenario.Scenario {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "name = \"response-test\"\nhorizon = \"20d\"\nwarmup = \"0s\"\nbin = \"1d\"\n[class.truck]\nvalue_of_time = 36\n")
	coords := "[response.coordinates]\n"
	for i := 0; i < nports; i++ {
		name := string(rune('A' + i))
		lane := lanes
		if i == 0 && laneA != "" {
			lane = laneA
		}
		fmt.Fprintf(&b, "[[port]]\nname = %q\n  [[port.method]]\n  name = \"unload\"\n  servers = 2\n  time = { dist = \"constant\", value = \"1h\" }\n  detect = { hidden_compartment = 0.9, commingled = 0.9, manifest_fraud = 0.9, liquid_bottles = 0.9, vehicle_cavity = 0.9 }\n  [port.lane.truck]\n%s\n", name, lane)
		coords += fmt.Sprintf("%q = [27.0, %v]\n", name, -99+spacingDeg*float64(i))
	}
	b.WriteString(response)
	if strings.Contains(response, "[response]") {
		b.WriteString(coords)
	}
	sc, err := scenario.Parse("response-test.toml", []byte(b.String()))
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return sc
}

// Giving up against queueing theory: with c booths, exponential service
// and a tolerance of 0, a driver joins only when nobody waits (the wait it
// can expect is 0) and otherwise does not travel (cancel costs nothing,
// postponing is not allowed). That is M/M/c/c+1: the share of trips
// cancelled is the probability that an arrival finds c+1 vehicles
// (PASTA), p(c+1) = p(c)·a/c with p(n) ∝ aⁿ/n! for n ≤ c.
func TestGivingUpIsMMcK(t *testing.T) {
	const c, a = 3, 3.0 // booths, offered load in erlangs (λ/μ)
	lane := fmt.Sprintf("  daily_volume = %v\n  booths = %d\n  primary_time = { dist = \"exponential\", mean = \"10m\" }\n", a*24*6, c)
	resp := "[response]\n[response.class.truck]\ntolerance = \"0s\"\ncancel_cost = 0\npostpone_cost = 1e8\nmax_postpones = 0\nscale = 0.001\ndivert = false\n"
	sc := responseScenario(t, 1, 0, "", lane, resp)
	if testing.Short() {
		sc.Horizon = 5 * scenario.Day
	} else {
		sc.Horizon = 60 * scenario.Day
	}
	res, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls := res.Ports[0].Lanes[0]
	p := make([]float64, c+2)
	term, sum := 1.0, 0.0
	for n := 0; n <= c; n++ {
		p[n] = term
		sum += term
		term *= a / float64(n+1)
	}
	p[c+1] = p[c] * a / c
	sum += p[c+1]
	want := p[c+1] / sum
	got := float64(ls.Response.Cancelled) / float64(ls.Response.Trips)
	tol := 0.02
	if testing.Short() {
		tol = 0.05
	}
	t.Logf("%d trips, cancelled share %.4f, theory %.4f", ls.Response.Trips, got, want)
	if math.Abs(got-want) > tol {
		t.Errorf("cancelled share %.4f, M/M/%d/%d gives %.4f (±%v)", got, c, c+1, want, tol)
	}
	if ls.Response.Trips != ls.Arrivals+ls.Response.Cancelled {
		t.Errorf("trips %d ≠ arrivals %d + cancelled %d", ls.Response.Trips, ls.Arrivals, ls.Response.Cancelled)
	}
	if ls.Wait.Max() > 0 && ls.QueueMax > 1 {
		t.Errorf("queue reached %v: a driver joins only an empty queue", ls.QueueMax)
	}
}

// checkBooks checks the identities every lane keeps with a response and
// a warm-up of 0: each presentation (a new trip, a postponed one back, a
// diverted one arriving) is joined, cancelled, postponed or diverted; each postponed trip came back or is pending; each diverted
// vehicle arrived or is on the road.
func checkBooks(t *testing.T, res *border.Result) (arrivals, cancelled, pending int64) {
	t.Helper()
	var out, in, transit int64
	for _, p := range res.Ports {
		for _, l := range p.Lanes {
			r := l.Response
			if r.Trips+r.Reappeared+r.DivertedIn != l.Arrivals+r.Cancelled+r.Postponed+r.DivertedOut {
				t.Errorf("%s: trips %d + back %d + diverted in %d ≠ joined %d + cancelled %d + postponed %d + diverted out %d",
					p.Name, r.Trips, r.Reappeared, r.DivertedIn, l.Arrivals, r.Cancelled, r.Postponed, r.DivertedOut)
			}
			if r.Postponed != r.Reappeared+r.PendingAtEnd {
				t.Errorf("%s: postponed %d ≠ back %d + pending %d", p.Name, r.Postponed, r.Reappeared, r.PendingAtEnd)
			}
			sumTo := int64(0)
			for _, n := range r.DivertedTo {
				sumTo += n
			}
			if sumTo != r.DivertedOut {
				t.Errorf("%s: diverted by destination sum to %d, not %d", p.Name, sumTo, r.DivertedOut)
			}
			out += r.DivertedOut
			in += r.DivertedIn
			transit += r.InTransitAtEnd
			arrivals += l.Arrivals
			cancelled += r.Cancelled
			pending += r.PendingAtEnd + r.InTransitAtEnd
		}
	}
	if out != in+transit {
		t.Errorf("diverted out %d ≠ in %d + on the road %d", out, in, transit)
	}
	return arrivals, cancelled, pending
}

// The trucks of three ports 40 km apart; the first inspects every truck
// (an hour's unload, two docks, a truck waits at its booth for a place).
const (
	normalTruckLane = "  daily_volume = 400\n  booths = 2\n  primary_time = { dist = \"lognormal\", mean = \"90s\", cv = 0.6 }\n  referral_rate = 0.01\n  lot_capacity = 5\n  secondary = [{ method = \"unload\" }]\n"
	inspectAllLane  = "  daily_volume = 400\n  booths = 2\n  primary_time = { dist = \"lognormal\", mean = \"90s\", cv = 0.6 }\n  referral_rate = 1\n  lot_capacity = 5\n  secondary = [{ method = \"unload\" }]\n  when_lot_full = \"hold\"\n"
	truckResponse   = `[response]
[response.class.truck]
tolerance = "1h"
never_divert = 0.2
scale = 100
speed_kmh = 60
cargo_value_of_time = 50
postpone_cost = 400
cancel_cost = 3000
`
)

// Inspecting every truck at one port sends trucks to its neighbours:
// their truck arrivals rise over the baseline on the same seed, while the
// trips (the same vehicles, common random numbers) are conserved: over all
// ports, arrivals + cancelled + still pending is the same number.
func TestInspectOnePortRaisesNeighbours(t *testing.T) {
	base := responseScenario(t, 3, 0.4, "", normalTruckLane, truckResponse)
	pol := responseScenario(t, 3, 0.4, inspectAllLane, normalTruckLane, truckResponse)
	if testing.Short() {
		base.Horizon, pol.Horizon = 4*scenario.Day, 4*scenario.Day
	}
	rb, err := border.Run(base, 0, border.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	rp, err := border.Run(pol, 0, border.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	ab, cb, pb := checkBooks(t, rb)
	ap, cp, pp := checkBooks(t, rp)
	if ab+cb+pb != ap+cp+pp {
		t.Errorf("arrivals+cancelled+pending: baseline %d, policy %d", ab+cb+pb, ap+cp+pp)
	}
	tb, tp := int64(0), int64(0)
	for i := range rb.Ports {
		tb += rb.Ports[i].Lanes[0].Response.Trips
		tp += rp.Ports[i].Lanes[0].Response.Trips
	}
	if tb != tp {
		t.Errorf("trips: baseline %d, policy %d (the same vehicles should present)", tb, tp)
	}
	for i := 1; i < 3; i++ {
		b, p := rb.Ports[i].Lanes[0], rp.Ports[i].Lanes[0]
		if p.Arrivals <= b.Arrivals || p.Response.DivertedIn == 0 {
			t.Errorf("port %s: %d truck arrivals with the policy at A, %d without (diverted in %d)",
				rb.Ports[i].Name, p.Arrivals, b.Arrivals, p.Response.DivertedIn)
		}
	}
	a := rp.Ports[0].Lanes[0]
	if a.Response.DivertedOut == 0 {
		t.Error("nobody left A")
	}
	if a.Response.DivertedTo[1] <= a.Response.DivertedTo[2] {
		t.Errorf("A sent %d to its neighbour B and %d to C, twice as far: the nearer should get more", a.Response.DivertedTo[1], a.Response.DivertedTo[2])
	}
	// The queue at A stays bounded: the wait anyone can expect is bounded
	// by the cost of not travelling.
	if inside := a.InsideAtEnd(); float64(inside) > 0.25*400 {
		t.Errorf("%d trucks inside A at the end, more than a quarter of a day's arrivals", inside)
	}
	t.Logf("A: %d arrivals, %d diverted (%v), %d postponed, %d cancelled, mean wait %.1f h; B %d→%d, C %d→%d arrivals",
		a.Arrivals, a.Response.DivertedOut, a.Response.DivertedTo, a.Response.Postponed, a.Response.Cancelled, a.Wait.Mean()/3600,
		rb.Ports[1].Lanes[0].Arrivals, rp.Ports[1].Lanes[0].Arrivals, rb.Ports[2].Lanes[0].Arrivals, rp.Ports[2].Lanes[0].Arrivals)
}

// Diverting ports run side by side in windows give exactly the
// sequential numbers, whatever the workers.
func TestCoupledParallelIdentical(t *testing.T) {
	sc := responseScenario(t, 4, 0.3, inspectAllLane, normalTruckLane, truckResponse)
	sc.Horizon = 3 * scenario.Day
	seq, err := border.Run(sc, 0, border.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 8} {
		par, err := border.Run(sc, 0, border.Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(seq.Ports, par.Ports) || seq.Events != par.Events {
			t.Errorf("%d workers: results differ from the sequential run", w)
		}
	}
	moved := int64(0)
	for _, p := range seq.Ports {
		moved += p.Lanes[0].Response.DivertedIn
	}
	if moved == 0 {
		t.Error("no vehicle was diverted: the test shows nothing")
	}
}

// Without a response, an overloaded lane stops growing at its population
// limit (three days of its arrivals) and counts the vehicles it refused.
func TestPopulationLimit(t *testing.T) {
	sc := responseScenario(t, 1, 0, "", inspectAllLane, "")
	res, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls := res.Ports[0].Lanes[0]
	limit := int64(ports.PopulationLimitDays * 400)
	if in := ls.InsideAtEnd(); in > limit || in < limit-50 {
		t.Errorf("%d inside at the end, want just under the limit %d", in, limit)
	}
	if ls.Response.Refused < 20*400-limit-20*60 {
		t.Errorf("%d refused of %d trucks, with a capacity of 48 a day", ls.Response.Refused, 20*400)
	}
	if ls.Arrivals+ls.Response.Refused < 7500 {
		t.Errorf("arrivals %d + refused %d: the trucks are not all accounted for", ls.Arrivals, ls.Response.Refused)
	}
}

// A checkpoint every truck passes (two teams, an hour a truck, days 2 to
// 7) lets 48 trucks a day through while it lasts; a closure (days 12 to
// 14) lets none through, and the trucks that wait through it leave after
// it reopens.
func TestCheckpointAndClosure(t *testing.T) {
	ck := `[[checkpoint]]
name = "state inspection"
port = "A"
classes = ["truck"]
start = "2d"
end = "7d"
servers = 2
time = { dist = "constant", value = "1h" }
[[checkpoint]]
name = "closure"
port = "A"
start = "12d"
end = "14d"
`
	sc := responseScenario(t, 1, 0, "", normalTruckLane, ck)
	res, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls := res.Ports[0].Lanes[0]
	if got := ls.Checkpoint.Inspected; got < 5*48-10 || got > 5*48+2 {
		t.Errorf("%d trucks inspected at the checkpoint in 5 days at 48 a day", got)
	}
	for d := 3; d < 7; d++ {
		if dep := ls.Bins[d].Departures; dep < 40 || dep > 50 {
			t.Errorf("day %d: %d departures, the checkpoint passes 48 a day", d, dep)
		}
	}
	for d := 12; d < 14; d++ {
		if dep := ls.Bins[d].Departures; dep > 5 { // those that had passed primary before it closed
			t.Errorf("day %d: %d departures while the port is closed", d, dep)
		}
	}
	if ls.Bins[14].Departures < 400 {
		t.Errorf("day 14: %d departures: the waiting trucks should go when it reopens", ls.Bins[14].Departures)
	}
}

// With the response, drivers facing a closure put their trips off or give
// them up instead of queueing for days.
func TestClosureWithResponse(t *testing.T) {
	ck := "[[checkpoint]]\nname = \"closure\"\nport = \"A\"\nstart = \"5d\"\nend = \"8d\"\n"
	sc := responseScenario(t, 1, 0, "", normalTruckLane, truckResponse+ck)
	sc.Horizon = 12 * scenario.Day
	res, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls := res.Ports[0].Lanes[0]
	r := ls.Response
	lost := float64(r.Cancelled+r.Postponed) / (3 * 400)
	if lost < 0.5 {
		t.Errorf("cancelled %d, postponed %d in a 3-day closure of 400 trucks a day", r.Cancelled, r.Postponed)
	}
	checkBooks(t, res)
	t.Logf("closure: %d cancelled, %d postponed, %d back, mean wait %.1f h", r.Cancelled, r.Postponed, r.Reappeared, ls.Wait.Mean()/3600)
}

// A panic on one of the coupled run's helper goroutines comes back as the
// replications' error, a bug.Error naming the helper, instead of ending
// the process with a stack trace; the run's other goroutines stop.
func TestCoupledHelperPanicReported(t *testing.T) {
	sc := responseScenario(t, 4, 0.3, inspectAllLane, normalTruckLane, truckResponse)
	sc.Horizon = scenario.Day
	border.SetHelperFault(func(w int) {
		if w == 1 {
			panic("injected fault")
		}
	})
	defer border.SetHelperFault(nil)
	_, err := border.RunReplications(sc, 2, 1, border.Options{Workers: 2})
	if err == nil || !bug.Is(err) || !strings.Contains(err.Error(), "a coupled run's helper") || !strings.Contains(err.Error(), "injected fault") {
		t.Fatalf("err = %v, want the helper's panic as a bug.Error", err)
	}
}
