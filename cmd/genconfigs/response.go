package main

import (
	"fmt"
	"math"

	"borderflow/data"
	"borderflow/scenario"
)

// The [response] section of the generated scenarios: how drivers and
// shippers answer delay (docs/SCENARIOS.md, "[response]"). Every value is
// sourced or marked "assumption" with its reason, in the TOML next to it.

// Facts the response uses (data/calibration_facts.csv).
const (
	// closureCostPerYear: "Border closure cost to the US", Russ &
	// Sojourner (Econofact, 2019).
	closureCostPerYear = 130e9
	// trucks2024: "US-Mexico incoming trucks, all ports", BTS CY2024.
	trucks2024 = 7617207
	// perrymanPerDay: "Economic cost of the April 2022 Texas truck
	// inspections", Perryman Group.
	perrymanPerDay = 477e6
)

// truckOwnValueMean is the mean of the carriers' own value of an hour of
// delay, USD per truck-hour: fitted to the City of Pharr's average wait in
// April 2022 (texas-dps-2022, docs/VALIDATION.md).
const truckOwnValueMean = 10

// portCoordinates reads data/port_coordinates.csv (BTS latitude and
// longitude per port).
func portCoordinates() (map[string][2]string, error) {
	t, err := data.Read("port_coordinates.csv")
	if err != nil {
		return nil, err
	}
	n, err := t.Col("port_name")
	if err != nil {
		return nil, err
	}
	la, err := t.Col("latitude")
	if err != nil {
		return nil, err
	}
	lo, err := t.Col("longitude")
	if err != nil {
		return nil, err
	}
	out := map[string][2]string{}
	for _, r := range t.Rows {
		out[r[n]] = [2]string{r[la], r[lo]}
	}
	return out, nil
}

// response writes the [response] section for the given ports.
func (g *gen) response(ports []string) {
	truckCancel := closureCostPerYear / trucks2024
	texas := 0.0
	for _, r := range g.ports {
		if r.state == "Texas" {
			texas += r.trucks
		}
	}
	texasPerDay := texas / 365
	cargo := math.Round(perrymanPerDay/texasPerDay/24/10) * 10
	g.p(`
# How traffic answers delay (docs/SCENARIOS.md, "[response]"): a driver
# who expects a wait above the tolerance weighs waiting, another port,
# coming back later and not travelling by their cost.
[response]
road_factor = %v     # assumption: roads along the border are about a third longer than the straight line
group_within = "15m"  # ports closer than this drive run on one clock (Calexico and Calexico East share BTS coordinates)
max_detour = "6h"     # assumption: nobody drives more than six hours to another bridge
publish_every = "1h"  # CBP updates its border wait times about hourly

[response.class.truck]
tolerance = "3h"      # assumption: about three times the normal crossing, 30-40 min (Perryman piece) and 42-63 min monthly means at BOTA/Pharr (FHWA 2012); ">2 h during the Nov 2023 disruption" at Eagle Pass (FreightWaves), data/calibration_facts.csv
never_divert = 0.5    # assumption: half the carriers are tied to a bridge (broker, warehouse, FAST lane, permits)
scale = 10            # assumption: USD, about an hour of a carrier's time at the fitted mean value of time: the carriers' spread is in their drawn values of time, and the logit only blurs choices within about an hour's cost (at $100, ten hours, carriers chose between bridges nearly blind to their waits: docs/VALIDATION.md)
speed_kmh = 60        # assumption: loaded trucks on two-lane border highways
# What the carrier who decides bears, not what the economy loses. Most
# trucks in the northbound queue are cross-border transfer (drayage) trucks
# paid by the move: "as little as $50, taking a load both ways", a round
# trip of eight hours "if they're lucky" (Overdrive 2009), about $6 an hour;
# a long-haul truck costs its carrier $90.7 an hour (ATRI 2023 update:
# $2.251 a mile in 2022, at the 40.3 mph its fuel cost per hour and per mile
# imply); TTI's driver time and fuel is $36.28. Carriers differ, so a value
# per trip drawn from a lognormal (cv 1: assumption). Its mean is fitted to
# the City of Pharr's average wait of 10-12 h in April 2022
# (docs/VALIDATION.md): it lands near the transfer trucks' $6 an hour.
own_value_of_time = { dist = "lognormal", mean = %s, cv = 1 }
detour_cost_per_km = 0.55   # ATRI 2023 update, 2022 costs per mile: fuel $0.641 + repair and maintenance $0.196 + tyres $0.045 = $0.882 a mile, $0.55 a km
# cargo_value_of_time prices the delay the run reports, never a carrier's
# choice: Perryman's $477 million a day for the April 2022 Texas
# inspections (data/calibration_facts.csv) over the Texas ports' %.0f
# trucks a day (BTS 2024, data/southwest_ports_summary.csv) and 24 hours: the
# cost of each truck-hour if every truck lost a day. An upper bound: it
# includes the knock-on effects on the economy, not only the shipper's
# inventory and perishables.
cargo_value_of_time = %.0f
cancel_cost = 2000    # assumption: what giving a load up costs the carrier and its customer: the move, the charge for a missed delivery, produce that spoils (about 4%% of the City of Pharr's $45,421 average produce load)
lost_trade = %.0f     # Russ & Sojourner's $130B a year for closing the border over BTS 2024's 7,617,207 trucks (data/calibration_facts.csv): the trade a truck trip not made takes away, in the cost of delay (all of the closure's cost put on trucks: an upper bound)
postpone_cost = 600   # assumption: a load a shift or a day late: a missed appointment rescheduled, the lateness charge (about 1.3%% of the City of Pharr's average produce load); the load waits for a quieter hour
postpone_after = { dist = "uniform", min = "4h", max = "24h" }   # assumption: the next shift or the next day
max_postpones = 1     # assumption: a load put off once goes or is given up
max_wait = "24h"      # assumption: a load that would queue more than a day misses its delivery day, so no carrier joins such a queue; the City of Pharr's longest wait in April 2022, up to 20 h (data/calibration_facts.csv), is within it

[response.class.car]
tolerance = "2h"      # assumption: San Ysidro's peaks run to hours and people still wait; BTS's average car wait at the US-Mexico gateways was 15 min, San Ysidro's 36 min (2003-04, data/calibration_facts.csv)
never_divert = 0.3    # assumption: commuters and shoppers tied to one city
scale = 10            # assumption: USD
speed_kmh = 80        # assumption
cargo_value_of_time = 0
cancel_cost = 70      # assumption: a shopping or family trip's worth to the travellers, about two and a half hours of their time (value_of_time)
postpone_cost = 65    # assumption: over two hours of their time
postpone_after = { dist = "uniform", min = "2h", max = "12h" }   # assumption: later the same day
max_postpones = 1     # assumption: a trip put off once is made or given up

[response.coordinates]   # BTS latitude and longitude per port, data/port_coordinates.csv
`, roadFactor, num(truckOwnValueMean), texasPerDay, cargo, truckCancel)
	for _, name := range ports {
		c, ok := g.coords[name]
		if !ok {
			panic(fmt.Sprintf("genconfigs: no coordinates for %s in data/port_coordinates.csv", name))
		}
		g.p("%q = [%s, %s]\n", name, c[0], c[1])
	}
	in := map[string]bool{}
	for _, name := range ports {
		in[name] = true
	}
	first := true
	for _, r := range roads {
		if !in[r.from] || !in[r.to] {
			continue
		}
		if first {
			g.p("\n[response.roads]   # road km where the straight line times road_factor misleads (docs/SOURCES.md, \"Road from Nogales to Sasabe\")\n")
			first = false
		}
		g.p("%q = { %q = %.0f }   # %s\n", r.from, r.to, r.km(), r.note)
	}
}

// road is a route between two ports that the road factor over their
// straight line misses: legs through waypoints, each the road factor
// times its straight line unless a source gives its length.
type road struct {
	from, to string
	legs     []roadLeg
	note     string
}

// roadLeg is one leg of a road, from (lat, lon) to (lat, lon); km is its
// published length, 0 for the road factor times the straight line.
type roadLeg struct {
	a, b [2]float64
	km   float64
}

func (r road) km() float64 {
	sum := 0.0
	for _, l := range r.legs {
		if l.km > 0 {
			sum += l.km
			continue
		}
		sum += greatCircleKm(l.a, l.b) * roadFactor
	}
	return sum
}

// roadFactor is the [response] road_factor the generator writes (its
// default).
const roadFactor = scenario.DefaultRoadFactor

// greatCircleKm is the straight line the model measures between two
// points (scenario.Response.DistanceKm).
func greatCircleKm(a, b [2]float64) float64 {
	r := scenario.Response{Coords: []scenario.Coord{{Lat: a[0], Lon: a[1], Known: true}, {Lat: b[0], Lon: b[1], Known: true}}}
	return r.DistanceKm(0, 1)
}

// Waypoints (degrees): BTS's port coordinates (data/port_coordinates.csv)
// and the Sonoran towns the roads run through (docs/SOURCES.md, "Road from Nogales to Sasabe").
var (
	nogalesBTS = [2]float64{31.333, -110.943}
	sasabeBTS  = [2]float64{31.483, -111.544}
	magdalena  = [2]float64{30.629, -110.965} // Magdalena de Kino, Sonora
	saric      = [2]float64{31.100, -111.367} // Sáric, Sonora
)

// roads are the routes the generated scenarios give in [response.roads].
// From Nogales a driver reaches El Sásabe only inland: no road runs along
// the line, and the one road from El Sásabe into Mexico goes 33.5 miles
// south to Sáric (Arizona Daily Star, 5 July 2008); from Sáric paved
// roads lead to Magdalena de Kino, on Federal Highway 15 south of
// Nogales. With the straight line instead (77 km, under an hour), the
// drivers Nogales sent to a port of 27 cars a day were four times its
// count.
var roads = []road{{
	from: "Nogales", to: "Sasabe",
	legs: []roadLeg{{a: nogalesBTS, b: magdalena}, {a: magdalena, b: saric}, {a: saric, b: sasabeBTS, km: 33.5 * 1.609344}},
	note: "through Magdalena de Kino and Sáric: the road from El Sásabe into Mexico runs 33.5 miles south to Sáric (Arizona Daily Star, 2008); the other legs road_factor times the straight line",
}}

// closureCheckpoints writes a closure of every port for days.
func (g *gen) closureCheckpoints(ports []string, days string) string {
	g.b.Reset()
	g.p("\n# Every port closed to trucks and cars for %s (a checkpoint with no servers:\n", days)
	g.p("# the booths shut, drivers told when they reopen).\n")
	for _, n := range ports {
		g.p("\n[[checkpoint]]\nname = \"closure\"\nport = %q\nstart = \"0d\"\nend = %q\n", n, days)
	}
	return g.b.String()
}

// texasPorts are the Texas ports of the data, in its order.
func (g *gen) texasPorts() []string {
	var out []string
	for _, r := range g.ports {
		if r.state == "Texas" {
			out = append(out, r.name)
		}
	}
	return out
}
