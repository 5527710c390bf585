package sweep

import (
	"fmt"
	"strings"

	"borderflow/scenario"
)

// The values of Policy.Pressure.
const (
	PressureOff  = "off"
	PressureKeep = "keep" // accepted in a policies file; stored as ""
)

// applyPressure removes the ports' wait-time pressure rule when the policy
// says so.
func (p *Policy) applyPressure(c *scenario.Scenario) error {
	switch p.Pressure {
	case "", PressureKeep:
		return nil
	case PressureOff:
		for i := range c.Ports {
			c.Ports[i].PressureWait = 0
			c.Ports[i].PressureFactor = 1
		}
		return nil
	}
	return p.errorf("pressure", `want "off" or "keep", got %q`, p.Pressure)
}

// Overrides says in words what the policy overrides of the scenario's
// own rules — the pressure rule (refer less after a long primary wait),
// the lot rule (release or hold a referral that finds the lot full) and
// staffing (booths, secondary servers, lots, portals) — so that a reader
// of the table knows what each policy changes and what it leaves.
func (p Policy) Overrides() string {
	var out []string
	if len(p.Set) > 0 {
		out = append(out, "set "+strings.Join(p.Set, ", "))
	}
	if p.Pressure == PressureOff {
		out = append(out, "pressure rule off")
	} else {
		out = append(out, "pressure rule kept")
	}
	if len(p.Hold) > 0 {
		out = append(out, "lot rule hold ("+classList(p.Hold)+")")
	} else {
		out = append(out, "lot rule kept")
	}
	var staff []string
	if p.Surge != nil {
		where := p.Surge.Port
		if where == "" {
			where = "the busiest port"
		}
		s := "surge at " + where
		if p.Surge.Secondary != 0 && p.Surge.Secondary != 1 {
			s += fmt.Sprintf(", secondary × %g", p.Surge.Secondary)
		}
		for _, k := range keys(p.Surge.ExtraBooths) {
			s += fmt.Sprintf(", +%d %s booths", p.Surge.ExtraBooths[k], className(k))
		}
		staff = append(staff, s)
	}
	if len(p.Portals) > 0 {
		staff = append(staff, "pre-primary portals ("+perClass(p.Portals)+")")
	}
	if len(p.Reviewers) > 0 {
		staff = append(staff, "image reviewers ("+perClass(p.Reviewers)+")")
	}
	if len(p.Imaging) > 0 {
		staff = append(staff, "an imaging method added at ports without one")
	}
	if len(staff) == 0 {
		out = append(out, "staffing kept")
	} else {
		out = append(out, "staffing: "+strings.Join(staff, "; "))
	}
	return strings.Join(out, "; ")
}

func classList(c []string) string {
	out := make([]string, len(c))
	for i, n := range c {
		out[i] = className(n)
	}
	return strings.Join(out, ", ")
}

func className(n string) string {
	if n == AllClasses {
		return "every class"
	}
	return n
}

func perClass(m map[string]int) string {
	var out []string
	for _, k := range keys(m) {
		out = append(out, fmt.Sprintf("%s %d", className(k), m[k]))
	}
	return strings.Join(out, ", ")
}

// orgNames lists the scenario's adaptive organisations.
func orgNames(sc *scenario.Scenario) []string {
	var out []string
	for _, o := range sc.Orgs {
		out = append(out, o.Name)
	}
	return out
}

// responseNote says whether a sweep's seizures include the smugglers'
// response to each policy.
func responseNote(m *Manifest) string {
	if n := len(m.Organisations); n > 0 {
		return fmt.Sprintf("kg and loads include the smugglers' response: %d adaptive organisations (%s) re-route against each policy's seizures",
			n, strings.Join(m.Organisations, ", "))
	}
	return "no adaptive smugglers in this scenario: each policy meets the same fixed flows of loads, with no response (south-texas has organisations that respond)"
}
