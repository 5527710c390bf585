package main

import (
	"fmt"
	"math"
)

// Trusted-traveller lanes of the generated scenarios
// ([port.lane.CLASS.trusted.NAME], docs/SCENARIOS.md): only where a
// source gives the share of a port's traffic in them (docs/SOURCES.md,
// "Trusted-traveller lanes"), in the files whose fileSpec says trusted
// (laredo, southwest-border, texas-dps-2022, border-closure).
// operation-intercept and slowdown-1985 have none: their documented
// figures were made without them. Every other port's lanes have no parts.

// trustedSpec is one trusted part of one port's lane.
type trustedSpec struct {
	port, class, name string
	share             float64
	shareNote         string
	// primaryMean is the part's mean primary time, seconds; primaryNote
	// says where it comes from. The cv is the lane's.
	primaryMean float64
	primaryNote string
	// referralFactor multiplies the lane's random referral rate.
	referralFactor float64
	referralNote   string
}

const (
	// fastPrimary: "FAST truck primary at WTB", 27 s (one observation,
	// CNBC; data/calibration_facts.csv).
	fastPrimary     = 27
	fastPrimaryNote = `"FAST truck primary at WTB" 27 s, a single observation (data/calibration_facts.csv)`
	// readyFaster: "Ready Lane processing speed at El Paso", 30% faster
	// (CBP, 2017); SENTRI members hold the same RFID cards and are vetted
	// besides, so their primary is taken to be as fast (assumption).
	readyFaster = 0.30
	// ctpatFactor: "C-TPAT examination benefit", members 4 to 6 times
	// less likely to be examined (CBP): 1/5, the middle.
	ctpatFactor        = 0.2
	fastReferralNote   = `"C-TPAT examination benefit": members 4-6 times less likely to be examined (CBP 2008), 1/5 (data/calibration_facts.csv)`
	sentriReferralNote = `assumption: vetted like FAST drivers, the same 1/5 ("C-TPAT examination benefit", data/calibration_facts.csv); SENTRI holders were 10% of crossers and under 1% of violators at the California ports in FY2011 (KPBS)`
	loadsNote          = "loads_share left at share (assumption): organisations recruit enrolled drivers as often as others; SENTRI and FAST drivers have been caught smuggling (docs/SOURCES.md, \"Trusted-traveller lanes\")"
)

var carPrimary = laneSpecs[0].primaryMean

var trustedSpecs = []trustedSpec{
	{port: "Laredo", class: "truck", name: "fast", share: 0.24,
		shareNote:   `"FAST trucks at World Trade Bridge" 2,000 a day (Transport Topics 2023) over BTS 2024's 8,292 Laredo trucks a day = 0.24 (WTB handles about 8,000: "World Trade Bridge northbound trucks a day"), data/calibration_facts.csv`,
		primaryMean: fastPrimary, primaryNote: fastPrimaryNote, referralFactor: ctpatFactor, referralNote: fastReferralNote},
	{port: "El Paso", class: "truck", name: "fast", share: 0.15,
		shareNote:   `"FAST share of El Paso truck traffic": the Bridge of the Americas FAST lane takes about 15% of its trucks (El Paso Times via MH&L), data/calibration_facts.csv`,
		primaryMean: fastPrimary, primaryNote: fastPrimaryNote, referralFactor: ctpatFactor, referralNote: fastReferralNote},
	{port: "Ysleta", class: "truck", name: "fast", share: 0.06,
		shareNote:   `"FAST share of El Paso truck traffic": 6% of the Zaragoza bridge's trucks in the FAST lane's trial period (El Paso Times via MH&L), data/calibration_facts.csv`,
		primaryMean: fastPrimary, primaryNote: fastPrimaryNote, referralFactor: ctpatFactor, referralNote: fastReferralNote},
	{port: "San Ysidro", class: "car", name: "sentri", share: 0.30,
		shareNote:   `"SENTRI share of San Ysidro traffic": about 30% of the traffic uses a SENTRI lane (CBP, 2011), data/calibration_facts.csv`,
		primaryMean: carPrimary * (1 - readyFaster), primaryNote: `30% below the car's 34 s: "Ready Lane processing speed at El Paso" (CBP 2017), SENTRI as fast (assumption)`,
		referralFactor: ctpatFactor, referralNote: sentriReferralNote},
	{port: "Otay Mesa", class: "car", name: "ready", share: 0.25,
		shareNote:   `"Ready Lane share at Otay Mesa": 25% of general-lane vehicles took the new Ready lane (CBP, 2011), data/calibration_facts.csv`,
		primaryMean: carPrimary * (1 - readyFaster), primaryNote: `30% below the car's 34 s: "Ready Lane processing speed at El Paso" (CBP 2017; Otay Mesa 2011: 15-20 s faster)`,
		referralFactor: 1, referralNote: "Ready lanes are for RFID card holders, who are not vetted: the lane's rate"},
	{port: "Brownsville", class: "car", name: "sentri", share: 0.15,
		shareNote:   `15% SENTRI (CivilEng 4(1):345-358, 2023; metric "Brownsville DES min arrival rates", data/calibration_facts.csv)`,
		primaryMean: carPrimary * 0.8, primaryNote: `20% below the car's 34 s: Ready lanes ~20% faster at Brownsville (same metric), SENTRI as fast (assumption)`,
		referralFactor: ctpatFactor, referralNote: sentriReferralNote},
}

// trustedOf is the trusted parts the generator gives port's class lane.
func trustedOf(port, class string) []trustedSpec {
	var out []trustedSpec
	for _, t := range trustedSpecs {
		if t.port == port && t.class == class {
			out = append(out, t)
		}
	}
	return out
}

// trustedShare is the share of port's class lane in trusted parts.
func trustedShare(port, class string) float64 {
	s := 0.0
	for _, t := range trustedOf(port, class) {
		s += t.share
	}
	return s
}

// trustedParts writes the lane's [port.lane.CLASS.trusted.NAME] tables:
// each part's booths sized like the lane's (sizeLane) for its share of
// the traffic at its own primary time.
func (g *gen) trustedParts(r portRow, l laneSizing) {
	for _, t := range trustedOf(r.name, l.spec.class) {
		spec := l.spec
		spec.primaryMean, spec.openShare = t.primaryMean, 0
		s := sizeLane(spec, l.annual*t.share, l.monthPeak)
		g.p("\n  [port.lane.%s.trusted.%s]\n", l.spec.class, t.name)
		g.p("  share = %s   # %s\n", num(t.share), t.shareNote)
		g.p("  # booths sized as the lane's for %.2f veh/h × %.3f × hour multiplier × %s s / 3600 / %.2f, at least 1\n",
			s.meanPerHour, s.monthPeak, num(math.Round(t.primaryMean*100)/100), boothRho(l.spec.class))
		g.p("  booths = %s\n", ints(s.booths[:]))
		g.p("  primary_time = { dist = \"lognormal\", mean = \"%ss\", cv = %s }   # %s\n", num(math.Round(t.primaryMean*100)/100), num(l.spec.primaryCV), t.primaryNote)
		g.p("  referral_factor = %s   # %s\n", num(t.referralFactor), t.referralNote)
		g.p("  # %s; use_general left true: a member may take the general booths when they are quicker\n", loadsNote)
	}
}

// generalNote says, in a lane's booth comment, that its booths serve the
// traffic outside its trusted parts (gs of it).
func generalNote(gs float64) string {
	if gs >= 1 {
		return ""
	}
	return fmt.Sprintf(" (the general traffic: %s of the lane outside its trusted parts)", num(math.Round(gs*1000)/1000))
}

// trustedShare is the share of port's class lane in trusted parts in the
// file f (0 when the file has none).
func (f fileSpec) trustedShare(port, class string) float64 {
	if !f.trusted {
		return 0
	}
	return trustedShare(port, class)
}
