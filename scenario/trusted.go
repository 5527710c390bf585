package scenario

import (
	"regexp"

	"borderflow/sim"
)

// TrustedPart is one trusted-traveller programme of a lane: the share of
// the lane's vehicles enrolled in it and the dedicated primary booths they
// use (SENTRI lanes for cars, FAST lanes for trucks; Ready lanes, for
// holders of RFID travel cards, are a middle tier of the same shape). A
// lane's [port.lane.CLASS.trusted.NAME] tables give them
// (docs/SCENARIOS.md, "Trusted-traveller lanes"); a lane without them has
// none and runs as before they existed.
//
// The lane's own booths are then its general booths: the parts' booths
// come on top. Every vehicle of the lane is drawn into a part by the
// shares (the rest are general traffic); a part's vehicle takes its own
// primary time and referral rate wherever it is served. General vehicles
// never use a part's booths (the lanes are for members only).
type TrustedPart struct {
	// Name is the programme's name in the outputs ("sentri", "fast",
	// "ready"); never "general".
	Name string
	// Share is the share of the lane's vehicles enrolled (drawn per
	// vehicle).
	Share float64
	// Booths are the part's dedicated primary booths by hour of day.
	Booths [24]int
	// PrimaryTime is a part's vehicle's primary time (the lane's when the
	// file gives none).
	PrimaryTime sim.Dist
	// ReferralFactor multiplies the random referral rate in force on the
	// lane (the file's, a sweep policy's or a surge's) for the part's
	// vehicles: vetted travellers are referred less. A lane rate of 1
	// (inspect everything) refers every part's vehicles too. Targeting
	// (target_hit, target_false) is the lane's: the officer's information
	// on a load does not depend on the lane it comes in.
	ReferralFactor float64
	// LoadsShare is the share of the lane's contraband loads carried by
	// the part's vehicles (default Share: the organisations recruit
	// enrolled drivers as often as any other; documented cases of
	// SENTRI and FAST drivers smuggling exist, docs/SOURCES.md).
	LoadsShare float64
	// UseGeneral: a part's vehicle may use the general booths when its
	// own would keep it waiting longer (it joins the queue whose expected
	// wait is shorter; its own on a tie). A part whose booths are all
	// closed in an hour sends its vehicles to the general booths whatever
	// UseGeneral says (as SENTRI drivers use the general or Ready lanes
	// when the SENTRI lanes close at night).
	UseGeneral bool
}

// GeneralPart is the name of a lane's traffic outside every trusted part
// in the outputs.
const GeneralPart = "general"

var partName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// trusted reads a lane's optional trusted table: one table per part,
// kept in name order.
func (d *decoder) trusted(t *table, l *Lane) []TrustedPart {
	tt := t.sub("trusted", "{ sentri = { share = 0.3, booths = 5, referral_factor = 0.2 } }")
	if tt == nil {
		return nil
	}
	defer tt.done()
	var out []TrustedPart
	for _, name := range sortedKeys(tt.m) {
		tt.known[name] = true
		pt := d.asTable(tt.at(name), tt.m[name], "[port.lane.car.trusted.sentri]")
		if pt == nil {
			continue
		}
		if !partName.MatchString(name) || name == GeneralPart {
			d.errorf(tt.at(name), "a trusted part needs a lower-case name other than %q (letters, digits, _), e.g. sentri, fast, ready", GeneralPart)
		}
		out = append(out, d.trustedPart(pt, name, l))
	}
	return out
}

func (d *decoder) trustedPart(t *table, name string, l *Lane) TrustedPart {
	defer t.done()
	p := TrustedPart{Name: name}
	if !t.has("share") {
		d.errorf(t.path, "share is required: the share of the lane's vehicles enrolled, e.g. share = 0.3")
	}
	p.Share = t.prob("share", 0)
	if t.has("booths") {
		p.Booths = d.booths(t)
	} else {
		d.errorf(t.path, "booths is required: the part's dedicated primary booths, a number or 24 numbers (hour 0 to 23)")
	}
	p.PrimaryTime = t.dist("primary_time", timeDist, false)
	if p.PrimaryTime == nil {
		p.PrimaryTime = l.PrimaryTime
	}
	p.ReferralFactor = t.number("referral_factor", 1, bounds{lo: 0, hi: 1, unit: "(multiplier of the lane's referral rate)"})
	p.LoadsShare = t.prob("loads_share", p.Share)
	p.UseGeneral = t.boolean("use_general", true)
	return p
}

// trustedLane checks a lane's trusted parts.
func (v *validator) trustedLane(lp string, ln *Lane) {
	share, loads := 0.0, 0.0
	seen := map[string]bool{}
	for i := range ln.Trusted {
		p := &ln.Trusted[i]
		pp := lp + ".trusted." + p.Name
		if !partName.MatchString(p.Name) || p.Name == GeneralPart {
			v.errorf(pp, "a trusted part needs a lower-case name other than %q", GeneralPart)
		}
		if seen[p.Name] {
			v.errorf(pp, "duplicate trusted part %q", p.Name)
		}
		seen[p.Name] = true
		v.prob(pp+".share", p.Share)
		v.prob(pp+".loads_share", p.LoadsShare)
		v.prob(pp+".referral_factor", p.ReferralFactor)
		v.dist(pp+".primary_time", p.PrimaryTime)
		open := 0
		for h, b := range p.Booths {
			if b < 0 || b > maxBooths {
				v.errorf(indexPath(pp+".booths", h), "must be from 0 to %d booths, got %d", maxBooths, b)
			}
			open += b
		}
		if open == 0 && p.Share > 0 && ln.Rate > 0 {
			v.errorf(pp+".booths", "no booth of the part is ever open: give it booths or leave the part out")
		}
		share += p.Share
		loads += p.LoadsShare
	}
	// 1e-9: shares written as decimals that add up to 1.
	if share > 1+1e-9 {
		v.errorf(lp+".trusted", "the parts' shares add up to %v, more than 1", share)
	}
	if loads > 1+1e-9 && share <= 1+1e-9 {
		v.errorf(lp+".trusted", "the parts' loads_share add up to %v, more than 1", loads)
	}
	if len(ln.Trusted) > maxTrustedParts {
		v.errorf(lp+".trusted", "at most %d trusted parts per lane, got %d", maxTrustedParts, len(ln.Trusted))
	}
}

// maxTrustedParts bounds the parts of one lane: SENTRI, Ready and one
// more fit; a vehicle keeps its part in a small integer.
const maxTrustedParts = 8

// PartOf is the part of a vehicle of lane l drawn with uniform u in [0, 1):
// -1 for general traffic, else the index in l.Trusted. A loaded vehicle
// is drawn by the parts' LoadsShare, any other by their Share.
func (l *Lane) PartOf(u float64, loaded bool) int {
	acc := 0.0
	for i := range l.Trusted {
		if loaded {
			acc += l.Trusted[i].LoadsShare
		} else {
			acc += l.Trusted[i].Share
		}
		if u < acc {
			return i
		}
	}
	return -1
}

// PartReferral is the random referral rate of part i's vehicles when
// the lane's rate in force is rate (i = -1: general traffic).
func (l *Lane) PartReferral(i int, rate float64) float64 {
	if i < 0 || rate >= 1 {
		return rate
	}
	return min(1, rate*l.Trusted[i].ReferralFactor) // as math.Min: the product is never NaN or -0 here
}
