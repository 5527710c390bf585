package scenario

import (
	"strings"

	"borderflow/sim"
)

// PrePrimary is a lane's pre-primary scanning stage: drive-through
// portals in front of the booths, and the officers who read the images.
// Since 2020 CBP has moved large-scale non-intrusive inspection from
// secondary to pre-primary: trucks drive through multi-energy portals with
// the driver in the cab, cars through low-energy portals, and the images
// are read by officers while the vehicle goes on to its booth
// (data/calibration_facts.csv, inspection rows: CBP OFO testimony FY2021;
// GAO-26-108767). Keys: docs/SCENARIOS.md, [port.lane.CLASS.preprimary].
type PrePrimary struct {
	// Share is the share of the lane's vehicles sent through a portal
	// (drawn per vehicle).
	Share float64
	// Portals work in parallel; ScanTime is one vehicle's time in a portal.
	Portals  int
	ScanTime sim.Dist
	// Reviewers read images one at a time, ReviewTime each, in the order
	// the vehicles were scanned. An image not read by the time its vehicle
	// has finished primary is unread: the vehicle was scanned but not
	// really inspected.
	Reviewers  int
	ReviewTime sim.Dist
	// WaitForImage is how long a primary officer keeps a scanned vehicle
	// at the booth for its image to be read once the questioning is done;
	// past it the vehicle goes on unread. Reviewers who fall behind thus
	// cost booth time up to this limit, then inspections.
	WaitForImage float64
	// FalseAlarm and Detect (by concealment index) give the probability
	// that a read image raises an alarm. An alarm refers the vehicle to
	// secondary whatever the referral rule says; there it skips the steps
	// that do not run only on alarm (the image was the first look) and
	// goes to the confirming exam.
	FalseAlarm float64
	Detect     []float64
}

// prePrimary reads a lane's optional preprimary table.
func (d *decoder) prePrimary(t *table, steps []Step) *PrePrimary {
	pt := t.sub("preprimary", "{ share = 0.27, portals = 1, ... }")
	if pt == nil {
		return nil
	}
	defer pt.done()
	p := &PrePrimary{}
	if !pt.has("share") {
		d.errorf(pt.path, "share is required: the share of the lane's vehicles scanned at pre-primary, e.g. share = 0.27")
	}
	p.Share = pt.prob("share", 0)
	for _, k := range []string{"portals", "reviewers"} {
		if !pt.has(k) {
			d.errorf(pt.path, "%s is required", k)
		}
	}
	p.Portals = int(pt.integer("portals", 1, 1, maxBooths, "portals"))
	p.ScanTime = pt.dist("scan_time", timeDist, true)
	p.Reviewers = int(pt.integer("reviewers", 1, 1, maxBooths, "officers"))
	p.ReviewTime = pt.dist("review_time", timeDist, true)
	p.WaitForImage, _ = pt.duration("wait_for_image", 0)
	if p.WaitForImage < 0 {
		d.errorf(pt.at("wait_for_image"), "must not be negative")
	}
	p.FalseAlarm = pt.prob("false_alarm", 0)
	p.Detect = d.detectTable(pt, true)
	confirm := false
	for _, s := range steps {
		confirm = confirm || s.OnlyOnAlarm
	}
	if !confirm && !d.lostStep { // a lost step may have been the confirming one
		d.errorf(pt.path, "an image alarm needs a confirming exam: the lane's secondary sequence needs a step with only_on_alarm = true")
	}
	if p.ScanTime == nil {
		p.ScanTime = zeroTime
	}
	if p.ReviewTime == nil {
		p.ReviewTime = zeroTime
	}
	return p
}

// detectTable reads t's detect = { CONCEALMENT = P, ... }, an entry for
// every concealment: a secondary method's, a pre-primary stage's (both
// required) or a checkpoint's (optional: nil when absent).
func (d *decoder) detectTable(t *table, required bool) []float64 {
	dt := t.sub("detect", "{ hidden_compartment = 0.7, ... }")
	if dt == nil && !required && !t.has("detect") {
		return nil
	}
	out := make([]float64, len(d.s.Concealments))
	if dt == nil {
		if !t.has("detect") {
			d.errorf(t.path, "detect is required: P(alarm | load) for every concealment (%s)", strings.Join(d.s.Concealments, ", "))
		}
		return out
	}
	if d.broken["concealment"] {
		dt.knowAll() // the concealments are not known: nor are their entries
		return out
	}
	for i, c := range d.s.Concealments {
		if !dt.has(c) {
			d.errorf(dt.path, "missing detect entry for %s: every concealment needs a detection probability (%s)", c, strings.Join(d.s.Concealments, ", "))
			continue
		}
		out[i] = dt.prob(c, 0)
	}
	for _, k := range sortedKeys(dt.m) {
		if !dt.known[k] {
			dt.known[k] = true
			d.errorf(dt.at(k), "unknown concealment %q%s (defined: %s)", k, DidYouMean(k, d.s.Concealments), oneOf(d.s.Concealments))
		}
	}
	return out
}
