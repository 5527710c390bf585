package scenario

import (
	"math"

	"borderflow/sim"
)

// Response is how drivers and shippers answer delay, from the [response]
// section (docs/SCENARIOS.md). A scenario without the section has none
// (Scenario.Response is nil) and runs as before it existed: every vehicle
// waits however long the queue.
//
// A driver arriving at a port sees the wait to expect there (the queue
// in front of it over the rate the booths served in the last hour: what a
// published wait time tells) and, when it is above the class's tolerance,
// chooses by a logit on generalised cost among waiting here, driving to
// another port of the scenario (its published wait plus the detour), coming
// back later, or not travelling; a share of drivers never diverts.
type Response struct {
	// RoadFactor is road kilometres per great-circle kilometre between
	// two ports.
	RoadFactor float64
	// GroupWithin: ports closer than this drive time (at the fastest
	// class's speed) are simulated together on one clock, so the lookahead
	// between the groups that run side by side is never zero.
	GroupWithin float64
	// MaxDetour: a port farther than this drive time is not an option.
	MaxDetour float64
	// Classes is by class index; a class with Active false never responds.
	Classes []ClassResponse
	// Coords is by port index: where the port is (BTS latitude and
	// longitude). A port without coordinates neither sends nor receives
	// diverted traffic.
	Coords []Coord
	// Roads are the road kilometres between pairs of ports where the
	// straight line times RoadFactor misleads (a border town whose only
	// paved road into Mexico runs far inland), by the pair's port
	// indices, lower first.
	Roads map[[2]int]float64
	// PublishEvery is how often a port's wait is published to drivers
	// elsewhere (CBP's border wait times are updated about hourly); the
	// published value is the one of the last window boundary at most this
	// old.
	PublishEvery float64
}

// Coord is a point on the map, in degrees.
type Coord struct {
	Lat, Lon float64
	Known    bool
}

// ClassResponse is one vehicle class's answer to delay.
type ClassResponse struct {
	Active bool
	// Tolerance: below this expected wait nobody changes plans (seconds).
	Tolerance float64
	// NeverDivert is the share of drivers who never go to another port
	// (they may still come back later or not travel).
	NeverDivert float64
	// Scale is the logit scale in USD: an option that costs Scale more
	// gets 1/e times the share.
	Scale float64
	// SpeedKmh is the road speed on a detour.
	SpeedKmh float64
	// OwnValueOfTime is what an hour of delay costs the driver or carrier
	// who decides (their time, the truck, fuel, a missed appointment or
	// delivery window, what the shipper charges for lateness), USD per
	// vehicle-hour, drawn once per trip: carriers differ. The choice weighs
	// waits and detours at it. Nil: every trip at the class's value of
	// time (Class.ValueOfTime).
	OwnValueOfTime sim.Dist
	// DetourCostPerKm is what a road kilometre of detour costs the
	// carrier beyond its time (fuel, tyres, repairs), USD.
	DetourCostPerKm float64
	// CargoValueOfTime is what an hour of delay costs the economy beyond
	// the driver's time (Class.ValueOfTime): the cargo's time value,
	// inventory, perishables. USD per vehicle-hour. It prices the delay
	// the run reports, never a driver's choice (OwnValueOfTime is that).
	CargoValueOfTime float64
	// PostponeAfter is how much later a postponed trip comes back.
	PostponeAfter sim.Dist
	// PostponeCost and CancelCost are the costs of coming back later and
	// of not travelling at all, USD per trip.
	PostponeCost, CancelCost float64
	// LostTrade is what a trip not made costs the economy, USD, for the
	// cost of delay in the outputs (CancelCost is the traveller's or
	// shipper's own, in the choice). Default CancelCost.
	LostTrade float64
	// MaxPostpones: a trip postponed this often is cancelled instead.
	MaxPostpones int
	// MaxWait is the longest queue a driver or carrier joins, seconds: a
	// load that would wait longer misses its delivery, so staying (or
	// going to a port that publishes a longer wait) is not an option and
	// the trip is put off, sent elsewhere or given up. 0: no limit (the
	// costs alone decide).
	MaxWait float64
	// Divert: whether this class may go to another port.
	Divert bool
}

// Defaults of the [response] section. Each is an assumption, said why.
const (
	// DefaultRoadFactor: border highways run along the river or the
	// line, so roads are longer than the straight line by about a third
	// (assumption; circuity factors of 1.2–1.4 are usual for regional
	// road networks).
	DefaultRoadFactor = 1.3
	// DefaultGroupWithin: ports less than a quarter of an hour apart
	// (Calexico and Calexico East share their BTS coordinates; Cross
	// Border Xpress is 3 km from Otay Mesa) are one group.
	DefaultGroupWithin = 15 * 60.0
	// DefaultMaxDetour: nobody drives more than six hours to another
	// bridge (assumption: a driver's day is eleven hours, FMCSA).
	DefaultMaxDetour = 6 * Hour
	// DefaultPublishEvery: CBP updates border wait times about hourly.
	DefaultPublishEvery = Hour
	// DefaultMaxPostpones: a trip put off three times is given up.
	DefaultMaxPostpones = 3
)

// response reads the [response] section.
func (d *decoder) response(top *table) {
	rt := top.sub("response", "[response]")
	if rt == nil {
		return
	}
	defer rt.done()
	r := &Response{
		Classes: make([]ClassResponse, len(d.s.Classes)),
		Coords:  make([]Coord, len(d.s.Ports)),
	}
	r.RoadFactor = rt.number("road_factor", DefaultRoadFactor, bounds{lo: 1, hi: 10, unit: "(road km per straight km)"})
	r.GroupWithin, _ = rt.duration("group_within", DefaultGroupWithin)
	r.MaxDetour, _ = rt.duration("max_detour", DefaultMaxDetour)
	r.PublishEvery, _ = rt.duration("publish_every", DefaultPublishEvery)
	if !(r.PublishEvery >= MinPublishEvery) {
		d.errorf(rt.at("publish_every"), "must be at least 1m (CBP publishes its waits about hourly), got %s", FormatDuration(r.PublishEvery))
		r.PublishEvery = DefaultPublishEvery
	}
	if r.GroupWithin < 60 {
		// A window as short as the closest pair of groups: ports closer
		// than a minute would make the run crawl (or never end at 0).
		d.errorf(rt.at("group_within"), "must be at least 1m, got %s", FormatDuration(r.GroupWithin))
	}
	if r.MaxDetour < 0 {
		d.errorf(rt.at("max_detour"), "must not be negative")
	}

	if ct := rt.sub("class", "[response.class.truck]"); ct != nil {
		for _, name := range sortedKeys(ct.m) {
			ct.known[name] = true
			c := d.resolve(ct.at(name), name, "class", d.classIdx)
			t := d.asTable(ct.at(name), ct.m[name], "[response.class.truck]")
			if t == nil {
				continue
			}
			cr := d.classResponse(t)
			if c >= 0 {
				r.Classes[c] = cr
			}
		}
	}
	if pt := rt.sub("coordinates", `{ "Eagle Pass" = [28.705, -100.512] }`); pt != nil {
		for _, name := range sortedKeys(pt.m) {
			pt.known[name] = true
			p := d.resolve(pt.at(name), name, "port", d.portIdx)
			xs, ok := pt.numbers(name, 2, bounds{lo: -180, hi: 180, unit: "degrees"}, "[latitude, longitude]")
			if !ok || p < 0 {
				continue
			}
			if math.Abs(xs[0]) > 90 {
				d.errorf(pt.at(name), "latitude must be between -90 and 90, got %v", xs[0])
				continue
			}
			r.Coords[p] = Coord{Lat: xs[0], Lon: xs[1], Known: true}
		}
	}
	if rd := rt.sub("roads", `{ "Nogales" = { "Sasabe" = 245 } }`); rd != nil {
		d.roads(rd, r)
	}
	d.s.Response = r
}

// roads reads [response.roads]: for a port, the road kilometres to other
// ports, one way for both directions.
func (d *decoder) roads(rd *table, r *Response) {
	defer rd.done()
	for _, from := range sortedKeys(rd.m) {
		rd.known[from] = true
		a := d.resolve(rd.at(from), from, "port", d.portIdx)
		t := d.asTable(rd.at(from), rd.m[from], `{ "Sasabe" = 245 }`)
		if t == nil {
			continue
		}
		for _, to := range sortedKeys(t.m) {
			t.known[to] = true
			b := d.resolve(t.at(to), to, "port", d.portIdx)
			km := d.number(t.at(to), t.m[to], 0, bounds{lo: 0, loOpen: true, hi: 20000, unit: "road km"})
			if a < 0 || b < 0 || !(km > 0) {
				continue
			}
			if a == b {
				d.errorf(t.at(to), "a road from %s to itself: give the road between two ports", from)
				continue
			}
			if !r.Coords[a].Known || !r.Coords[b].Known {
				d.errorf(t.at(to), "give both %s and %s coordinates in [response.coordinates]: a port without them takes no part in diversion", from, to)
				continue
			}
			if straight := r.DistanceKm(a, b); km < straight-1e-9 {
				d.errorf(t.at(to), "%v road km is shorter than the straight line from %s to %s, %.1f km: a road cannot be", km, from, to, straight)
				continue
			}
			k := [2]int{min(a, b), max(a, b)}
			if _, dup := r.Roads[k]; dup {
				d.errorf(t.at(to), "the road between %s and %s is given twice (once is for both directions)", from, to)
				continue
			}
			if r.Roads == nil {
				r.Roads = map[[2]int]float64{}
			}
			r.Roads[k] = km
		}
	}
}

// classResponse reads one [response.class.NAME] table.
func (d *decoder) classResponse(t *table) ClassResponse {
	defer t.done()
	usd := bounds{lo: 0, hi: maxValue, unit: "USD"}
	c := ClassResponse{Active: true, MaxPostpones: DefaultMaxPostpones}
	c.Tolerance, _ = t.duration("tolerance", Hour)
	if mw, set := t.duration("max_wait", 0); set {
		if mw < c.Tolerance || mw <= 0 {
			d.errorf(t.at("max_wait"), "max_wait (%s) must be longer than the tolerance (%s): nobody changes plans below the tolerance", FormatDuration(mw), FormatDuration(c.Tolerance))
		} else {
			c.MaxWait = mw
		}
	}
	c.NeverDivert = t.prob("never_divert", 0)
	c.Scale = t.number("scale", 50, bounds{lo: 0, loOpen: true, hi: maxValue, unit: "USD"})
	c.SpeedKmh = t.number("speed_kmh", 60, bounds{lo: 1, hi: 200, unit: "km/h"})
	c.CargoValueOfTime = t.number("cargo_value_of_time", 0, bounds{lo: 0, hi: maxValueOfTime, unit: "USD per vehicle-hour"})
	c.OwnValueOfTime = t.dist("own_value_of_time", usdDist, false)
	c.DetourCostPerKm = t.number("detour_cost_per_km", 0, bounds{lo: 0, hi: 1000, unit: "USD per road km"})
	c.PostponeCost = t.number("postpone_cost", 0, usd)
	c.CancelCost = t.number("cancel_cost", 0, usd)
	c.LostTrade = t.number("lost_trade", c.CancelCost, usd)
	c.MaxPostpones = int(t.integer("max_postpones", DefaultMaxPostpones, 0, 100, "times"))
	c.Divert = t.boolean("divert", true)
	c.PostponeAfter = t.dist("postpone_after", timeDist, false)
	if c.PostponeAfter == nil {
		// Assumption: a trip put off comes back within the next day.
		c.PostponeAfter = sim.Uniform{Min: 2 * Hour, Max: 24 * Hour}
	}
	if !t.has("cancel_cost") {
		d.errorf(t.path, "cancel_cost is required: what a trip not made costs, USD (it bounds how long anyone waits)")
	}
	return c
}

// DistanceKm is the great-circle distance between ports a and b
// (haversine, mean Earth radius 6371 km), or +Inf when either has no
// coordinates.
func (r *Response) DistanceKm(a, b int) float64 {
	pa, pb := r.Coords[a], r.Coords[b]
	if !pa.Known || !pb.Known {
		return math.Inf(1)
	}
	const rad = math.Pi / 180
	dLat := (pb.Lat - pa.Lat) * rad
	dLon := (pb.Lon - pa.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(pa.Lat*rad)*math.Cos(pb.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * 6371 * math.Asin(math.Min(1, math.Sqrt(h)))
}

// RoadKm is the road from port a to port b: the scenario's road between
// them if it gives one, else RoadFactor times the straight line.
func (r *Response) RoadKm(a, b int) float64 {
	if km, ok := r.Roads[[2]int{min(a, b), max(a, b)}]; ok {
		return km
	}
	return r.DistanceKm(a, b) * r.RoadFactor
}

// DriveSeconds is the drive from port a to port b at speed km/h on the
// road between them (RoadKm).
func (r *Response) DriveSeconds(a, b int, speedKmh float64) float64 {
	return r.RoadKm(a, b) / speedKmh * Hour
}

// FastestKmh is the highest speed of a class that diverts (0: none does).
func (r *Response) FastestKmh() float64 {
	v := 0.0
	for _, c := range r.Classes {
		if c.Active && c.Divert && c.SpeedKmh > v {
			v = c.SpeedKmh
		}
	}
	return v
}

// Groups partitions the ports into groups simulated together: ports
// joined by a drive shorter than GroupWithin (at the fastest speed),
// transitively. Groups are in order of their lowest port; each lists its
// ports in increasing order.
func (r *Response) Groups(nports int) [][]int {
	parent := make([]int, nports)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	v := r.FastestKmh()
	if v > 0 {
		for a := 0; a < nports; a++ {
			for b := a + 1; b < nports; b++ {
				if r.DriveSeconds(a, b, v) < r.GroupWithin {
					ra, rb := find(a), find(b)
					if ra < rb {
						parent[rb] = ra
					} else if rb < ra {
						parent[ra] = rb
					}
				}
			}
		}
	}
	idx := map[int]int{}
	var out [][]int
	for p := 0; p < nports; p++ {
		root := find(p)
		g, ok := idx[root]
		if !ok {
			g = len(out)
			idx[root] = g
			out = append(out, nil)
		}
		out[g] = append(out[g], p)
	}
	return out
}

// Lookahead is the shortest drive between two ports of different groups
// that a diverting class may take (within MaxDetour), at the fastest
// speed: a vehicle sent from one group now reaches another no earlier than
// that. +Inf when nothing couples the groups.
func (r *Response) Lookahead(groups [][]int) float64 {
	v := r.FastestKmh()
	la := math.Inf(1)
	if v <= 0 {
		return la
	}
	for g, ga := range groups {
		for _, gb := range groups[g+1:] {
			for _, a := range ga {
				for _, b := range gb {
					if dt := r.DriveSeconds(a, b, v); dt <= r.MaxDetour && dt < la {
						la = dt
					}
				}
			}
		}
	}
	return la
}
