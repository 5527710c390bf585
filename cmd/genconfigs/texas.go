package main

import (
	"math"
)

// texas-dps-2022: the April 2022 Texas DPS truck inspections, rebuilt from
// the record (data/calibration_facts.csv, topic policy; docs/VALIDATION.md
// says which figures were fitted and which were left out to check).

// colombiaPort is the Laredo–Colombia Solidarity bridge, split from BTS's
// Laredo port so that it can be inspected on its own, as it was: DPS
// inspected at Colombia and not at the World Trade Bridge.
const colombiaPort = "Laredo Colombia"

// colombiaPerMonth: "around 20,000 commercial vehicles have crossed that
// bridge per month" over the two years before April 2022 (City of Laredo
// via the Texas Tribune, 13 Apr 2022, data/calibration_facts.csv); taken
// as northbound trucks (assumption: the statistic does not say).
const colombiaPerMonth = 20000.0

// colombiaCoords: the bridge's latitude and longitude (Wikipedia,
// "Laredo–Colombia Solidarity International Bridge", 27.699716,
// -99.745646), 33 km up the river from BTS's Laredo point.
var colombiaCoords = [2]string{"27.700", "-99.746"}

// dpsStop is one port DPS inspected and when the inspections there
// ended: each Mexican state's agreement with the Governor ended them at
// its bridges "effective immediately" (data/calibration_facts.csv):
// Nuevo León on Wednesday 13 April (Colombia), Chihuahua and Coahuila on
// Thursday 14 April (El Paso's Bridge of the Americas, Ysleta, Eagle
// Pass, Del Rio), Tamaulipas on Friday 15 April (Pharr at Hidalgo,
// Brownsville). The end is from 6 April 00:00, the window's start, at
// 15:00 of that day (assumption: the agreements were announced in the
// afternoon).
type dpsStop struct {
	port, end, why string
}

// dpsStops: CBP's release of 15 April names Pharr, Colombia, Bridge of the
// Americas and Ysleta; "at least four international bridges" (Texas
// Tribune). Eagle Pass, Del Rio and Brownsville are the other commercial
// bridges from Coahuila and Tamaulipas, where the inspections went on
// until those states' agreements (assumption: no count of their traffic
// was published). The World Trade Bridge (BTS's Laredo without Colombia),
// Progreso, Roma, Rio Grande City, Tornillo and Presidio are left open.
var dpsStops = []dpsStop{
	{"Hidalgo", "9d15h", "Pharr-Reynosa; Tamaulipas's agreement, Fri 15 Apr"},
	{colombiaPort, "7d15h", "Nuevo León's agreement, Wed 13 Apr"},
	{"El Paso", "8d15h", "Bridge of the Americas; Chihuahua's agreement, Thu 14 Apr"},
	{"Ysleta", "8d15h", "Ysleta-Zaragoza; Chihuahua's agreement, Thu 14 Apr"},
	{"Eagle Pass", "8d15h", "Coahuila's agreement, Thu 14 Apr"},
	{"Del Rio", "8d15h", "Coahuila's agreement, Thu 14 Apr"},
	{"Brownsville", "9d15h", "Tamaulipas's agreement, Fri 15 Apr"},
}

// dpsStart: the inspections began on Friday 8 April ("These inspections
// started last Friday", KGNS 14 Apr 2022; CBP: waits spiked "since April
// 8"), two days after the window opens on Wednesday 6 April.
const dpsStart = "2d"

// dpsPassShare is the share of a port's mean daily trucks (BTS 2024) that
// its DPS teams could inspect in a day at 52.5 min a truck. No count of
// troopers or inspection lanes per bridge was published, so it is fitted
// at one port, Hidalgo (Pharr's truck traffic −35% in CBP's release), and
// the same rule sets the teams of the other ports, where the drops are
// checked (docs/VALIDATION.md; the fit: TestTexasDPS2022AgainstTheRecord).
const dpsPassShare = 0.72

// texasDPS writes texas-dps-2022.
func (g *gen) texasDPS() string {
	saved := g.ports
	defer func() { g.ports = saved }()
	var ports []portRow
	for _, r := range saved {
		if r.name != "Laredo" {
			ports = append(ports, r)
			continue
		}
		share := colombiaPerMonth * 12 / r.trucks
		wtb, col := r, portRow{name: colombiaPort, state: r.state, trucks: r.trucks * share, months: map[string][12]float64{}}
		wtb.trucks = r.trucks * (1 - share)
		wtb.months = map[string][12]float64{}
		for class, m := range r.months {
			wtb.months[class] = m
		}
		if m, ok := r.months["truck"]; ok {
			var a, b [12]float64
			for i := range m {
				a[i], b[i] = m[i]*(1-share), m[i]*share
			}
			wtb.months["truck"], col.months["truck"] = a, b
		}
		ports = append(ports, wtb, col)
	}
	g.ports = ports
	g.coords[colombiaPort] = colombiaCoords
	fieldOffice[colombiaPort] = fieldOffice["Laredo"]
	return g.file(fileSpec{
		name: "texas-dps-2022", description: "Texas DPS inspects every northbound truck at seven Texas bridges, 45-60 min each, from 8 April 2022 until each Mexican state's agreement (13-15 April); the other Texas ports open to diversion",
		intro: []string{
			"On 6 April 2022 the Governor of Texas ordered state troopers to inspect every",
			"northbound truck after CBP; from 8 April each inspection took 45-60 minutes,",
			"trucks queued for hours to days, drivers blockaded the Pharr bridge and traffic",
			"shifted to other bridges; the inspections ended bridge by bridge as each Mexican",
			"state signed an agreement, Nuevo León on the 13th, Chihuahua and Coahuila on the",
			"14th, Tamaulipas on the 15th (data/calibration_facts.csv). Here the Texas ports",
			"of southwest-border, with Laredo's Colombia bridge apart from the World Trade",
			"Bridge, from Wednesday 6 April to Saturday 16 April, drivers and carriers",
			"answering delay on their own costs. CBP's record: trucks -35% at Pharr, -30% at",
			"the Bridge of the Americas, -60% or more at Colombia, peak waits of 5-5.5 h;",
			"docs/VALIDATION.md sets the model beside it. The calendar is April 2022's (BTS",
			"2024's April traffic, 2022's weekdays).",
		},
		horizon: "11d", warmup: "2d", warmupNote: "assumption: two days let the daily pattern of queues set in",
		start: "2022-04-04", startNote: "Monday 4 April 2022: after the warm-up the window opens on Wednesday 6 April, the day of the order",
		ports: g.texasPorts(), referralOverride: -1, pressure: true, response: true, trusted: true,
	}) + g.dpsCheckpoints()
}

// dpsCheckpoints writes one [[checkpoint]] per inspected bridge: every
// truck, 45–60 min each, from dpsStart to the state's agreement, with
// teams for dpsPassShare of the port's mean daily trucks.
func (g *gen) dpsCheckpoints() string {
	g.b.Reset()
	trucks := map[string]float64{}
	for _, r := range g.ports {
		trucks[r.name] = r.trucks
	}
	const meanMin = 52.5 // uniform 45–60 min
	g.p("\n# Texas DPS inspected every northbound truck after CBP at the bridges below,\n")
	g.p("# 45-60 min a truck (data/calibration_facts.csv, KRGV 12 Apr 2022), round the clock.\n")
	g.p("# Teams: no count of troopers or lanes per bridge was published, so the teams pass\n")
	g.p("# %s of the port's mean daily trucks (BTS 2024), a share fitted at Hidalgo to CBP's\n", num(dpsPassShare))
	g.p("# -35%% at Pharr and checked at the others (docs/VALIDATION.md). DPS's own count\n")
	g.p("# (5,110 trucks inspected by 13 April) is not used: CBP's traffic figures contradict it.\n")
	for _, s := range dpsStops {
		perDay := trucks[s.port] / 365
		k := int(math.Max(1, math.Round(dpsPassShare*perDay*meanMin/(24*60))))
		g.p("\n[[checkpoint]]\nname = \"Texas DPS\"\nport = %q\nclasses = [\"truck\"]\n", s.port)
		g.p("start = %q   # Fri 8 April 2022\nend = %q   # %s\n", dpsStart, s.end, s.why)
		g.p("servers = %d   # %s × %.0f trucks a day × 52.5 min / 1440 min\n", k, num(dpsPassShare), perDay)
		g.p("time = { dist = \"uniform\", min = \"45m\", max = \"60m\" }   # DPS, 45-60 min a truck\n")
	}
	return g.b.String()
}
