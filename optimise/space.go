package optimise

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"borderflow/scenario"
)

// Variable is one integer the optimiser chooses: the change to the booths
// of one lane in one shift, or the servers of one method, or the portals
// of one lane, at one port.
type Variable struct {
	Resource int // index into Budget.Resources
	Port     int
	Lane     int // booths, portals
	Method   int // servers
	Shift    int // booths
	Base     int // the scenario's value (0 for a booth change)
	Min, Max int
	Name     string // "Laredo truck booths 06-14", for tables
}

// Allocation is a value for every variable of a Space.
type Allocation []int

func (a Allocation) key() string {
	var b strings.Builder
	for i, x := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, x)
	}
	return b.String()
}

// Space is the allocations a budget allows on a scenario.
type Space struct {
	Budget *Budget
	Base   *scenario.Scenario
	Vars   []Variable
	// Total is the budget a day: Budget.Total, or the cost of the
	// scenario's own allocation.
	Total float64
	// Limits are the budget's limits, one per port: a limit without a
	// port becomes one for every port with the class.
	Limits []Limit
}

// NewSpace resolves the budget's resources against the scenario.
func NewSpace(sc *scenario.Scenario, b *Budget) (*Space, error) {
	s := &Space{Budget: b, Base: sc}
	if b.Horizon > 0 {
		// The budget's horizon replaces the scenario's: a horizon the
		// scenario refuses (no longer than its warm-up, bins too fine
		// over it) is the budget file's mistake, named at its line, not
		// a failure of the first replication blamed on the scenario.
		c := sc.Clone()
		c.Horizon = b.Horizon
		if err := c.Validate(); err != nil {
			var msgs []string
			var es scenario.Errors
			if errors.As(err, &es) {
				for _, e := range es {
					msgs = append(msgs, e.Key+": "+e.Msg)
				}
			} else {
				msgs = append(msgs, err.Error())
			}
			return nil, b.errorf("horizon", "scenario %s refuses this horizon (%s): %s", sc.Name, scenario.FormatDuration(b.Horizon), strings.Join(msgs, "; "))
		}
	}
	portIdx := map[string]int{}
	var portNames []string
	for i, p := range sc.Ports {
		portIdx[p.Name] = i
		portNames = append(portNames, p.Name)
	}
	classIdx := map[string]int{}
	var classNames []string
	for i, c := range sc.Classes {
		classIdx[c.Name] = i
		classNames = append(classNames, c.Name)
	}
	// Each thing moved is one variable: a port listed twice, or two
	// resources of the same kind, class or method, made two variables of
	// one count, its cost paid twice and the two set independently.
	movedBy := map[string]string{}
	for ri, r := range b.Resources {
		ports := r.Ports
		listed := map[string]int{}
		for i, name := range ports {
			if _, ok := portIdx[name]; !ok {
				return nil, b.errorf(fmt.Sprintf("%s.ports[%d]", r.path, i), "unknown port %q%s (scenario %s has %s)", name, scenario.DidYouMean(name, portNames), sc.Name, strings.Join(portNames, ", "))
			}
			if j, dup := listed[name]; dup {
				return nil, b.errorf(fmt.Sprintf("%s.ports[%d]", r.path, i), "port %q is listed twice (ports[%d])", name, j)
			}
			listed[name] = i
		}
		if ports == nil {
			ports = portNames
		}
		cls := -1
		if r.Class != "" {
			c, ok := classIdx[r.Class]
			if !ok {
				return nil, b.errorf(r.path+".class", "unknown class %q%s (scenario %s has %s)", r.Class, scenario.DidYouMean(r.Class, classNames), sc.Name, strings.Join(classNames, ", "))
			}
			cls = c
		}
		n := 0
		for _, pname := range ports {
			p := portIdx[pname]
			pt := &sc.Ports[p]
			lane := -1
			for l, ln := range pt.Lanes {
				if ln.Class == cls {
					lane = l
				}
			}
			switch r.Kind {
			case Booths:
				if lane < 0 {
					continue
				}
				for sh := range b.Shifts {
					s.Vars = append(s.Vars, Variable{Resource: ri, Port: p, Lane: lane, Method: -1, Shift: sh, Min: r.Min, Max: r.Max,
						Name: fmt.Sprintf("%s %s booths %s", pname, r.Class, shiftName(b.Shifts, sh))})
					n++
				}
			case Portals:
				if lane < 0 || pt.Lanes[lane].PrePrimary == nil {
					continue
				}
				base := pt.Lanes[lane].PrePrimary.Portals
				s.Vars = append(s.Vars, Variable{Resource: ri, Port: p, Lane: lane, Method: -1, Base: base, Min: r.Min, Max: r.Max,
					Name: fmt.Sprintf("%s %s portals", pname, r.Class)})
				n++
			case Servers:
				m := -1
				for i, mt := range pt.Methods {
					if mt.Name == r.Method {
						m = i
					}
				}
				if m < 0 {
					continue
				}
				s.Vars = append(s.Vars, Variable{Resource: ri, Port: p, Lane: -1, Method: m, Base: pt.Methods[m].Servers, Min: r.Min, Max: r.Max,
					Name: fmt.Sprintf("%s %s servers", pname, r.Method)})
				n++
			}
		}
		for _, v := range s.Vars[len(s.Vars)-n:] {
			key := fmt.Sprintf("%s %d %d %d %d", r.Kind, v.Port, v.Lane, v.Method, v.Shift)
			if prev, dup := movedBy[key]; dup {
				return nil, b.errorf(r.path, "%s are already moved by %s: give each thing one resource", v.Name, prev)
			}
			movedBy[key] = r.path
		}
		if n == 0 {
			what := r.Class + " lane"
			switch r.Kind {
			case Servers:
				what = "method " + r.Method
			case Portals:
				what = r.Class + " lane with pre-primary portals"
			}
			return nil, b.errorf(r.path, "no port of scenario %s has a %s to allocate", sc.Name, what)
		}
	}
	base := s.Baseline()
	for i, v := range s.Vars {
		if base[i] < v.Min || base[i] > v.Max {
			return nil, b.errorf(b.Resources[v.Resource].path, "%s: the scenario's own allocation (%d) is outside [min, max] = [%d, %d]", v.Name, base[i], v.Min, v.Max)
		}
	}
	for _, l := range b.Limits {
		if _, ok := classIdx[l.Class]; !ok {
			return nil, b.errorf(l.path+".class", "unknown class %q%s (scenario %s has %s)", l.Class, scenario.DidYouMean(l.Class, classNames), sc.Name, strings.Join(classNames, ", "))
		}
		if _, ok := portIdx[l.Port]; l.Port != "" && !ok {
			return nil, b.errorf(l.path+".port", "unknown port %q%s (scenario %s has %s)", l.Port, scenario.DidYouMean(l.Port, portNames), sc.Name, strings.Join(portNames, ", "))
		}
		n := 0
		for _, p := range sc.Ports {
			has := false
			for _, ln := range p.Lanes {
				has = has || ln.Class == classIdx[l.Class]
			}
			if has && (l.Port == "" || l.Port == p.Name) {
				pl := l
				pl.Port = p.Name
				s.Limits = append(s.Limits, pl)
				n++
			}
		}
		if n == 0 {
			return nil, b.errorf(l.path, "no port of scenario %s has a %s lane to limit", sc.Name, l.Class)
		}
	}
	s.Total = s.Cost(base)
	if b.TotalSet {
		s.Total = b.Total
		least := make(Allocation, len(s.Vars))
		for i, v := range s.Vars {
			least[i] = v.Min
		}
		// No allocation fits: the search found none and reported the
		// scenario's own, over the budget, as the best.
		if c := s.Cost(least); s.Total < c*(1-1e-9)-1e-9 {
			return nil, b.errorf("total", "a budget of %g a day buys no allocation: every resource at its min costs %g", b.Total, c)
		}
	}
	return s, nil
}

// shiftName is "06-14" for shift i.
func shiftName(starts []int, i int) string {
	end := starts[(i+1)%len(starts)]
	if len(starts) == 1 {
		return "all day"
	}
	return fmt.Sprintf("%02d-%02d", starts[i], end)
}

// inShift reports whether hour h belongs to shift i.
func inShift(starts []int, i, h int) bool {
	if len(starts) == 1 {
		return true
	}
	from, to := starts[i], starts[(i+1)%len(starts)]
	if from < to {
		return h >= from && h < to
	}
	return h >= from || h < to // across midnight
}

// Baseline is the scenario's own allocation.
func (s *Space) Baseline() Allocation {
	a := make(Allocation, len(s.Vars))
	for i, v := range s.Vars {
		a[i] = v.Base
	}
	return a
}

// boothsAt returns the booths of hour h of a lane after a change d: never
// below 1 where the scenario had a booth open (vehicles would wait for
// the next shift: assumption, a port does not close a lane it keeps
// open), never below 0.
func boothsAt(scenarioBooths, d int) int {
	b := scenarioBooths + d
	if scenarioBooths > 0 {
		return max(b, 1)
	}
	return max(b, 0)
}

// Cost is the cost a day of an allocation: of the resources the budget
// lists (what it does not list is not counted).
func (s *Space) Cost(a Allocation) float64 {
	c := 0.0
	for i, v := range s.Vars {
		r := &s.Budget.Resources[v.Resource]
		switch r.Kind {
		case Booths:
			ln := &s.Base.Ports[v.Port].Lanes[v.Lane]
			for h := 0; h < 24; h++ {
				if inShift(s.Budget.Shifts, v.Shift, h) {
					c += float64(boothsAt(ln.Booths[h], a[i])) * r.Cost
				}
			}
		default:
			c += float64(a[i]) * r.Cost
		}
	}
	return c
}

// Within reports whether a is inside every variable's bounds and the
// budget (with a relative slack of 1e-9 for sums of costs).
func (s *Space) Within(a Allocation) bool {
	for i, v := range s.Vars {
		if a[i] < v.Min || a[i] > v.Max {
			return false
		}
	}
	return s.Cost(a) <= s.Total*(1+1e-9)+1e-9
}

// Apply returns the scenario with allocation a (a copy; s.Base is not
// changed).
func (s *Space) Apply(a Allocation) *scenario.Scenario {
	c := s.Base.Clone()
	if s.Budget.Horizon > 0 {
		c.Horizon = s.Budget.Horizon
	}
	for i, v := range s.Vars {
		pt := &c.Ports[v.Port]
		switch s.Budget.Resources[v.Resource].Kind {
		case Booths:
			ln := &pt.Lanes[v.Lane]
			for h := 0; h < 24; h++ {
				if inShift(s.Budget.Shifts, v.Shift, h) {
					ln.Booths[h] = boothsAt(s.Base.Ports[v.Port].Lanes[v.Lane].Booths[h], a[i])
				}
			}
		case Servers:
			pt.Methods[v.Method].Servers = a[i]
			if s.Budget.Resources[v.Resource].Scales && v.Base > 0 {
				f := float64(a[i]) / float64(v.Base)
				for l := range pt.Lanes {
					ln := &pt.Lanes[l]
					if len(ln.Steps) == 0 || ln.Steps[0].Method != v.Method {
						continue
					}
					base := s.Base.Ports[v.Port].Lanes[l]
					ln.Referral.Rate = math.Min(1, base.Referral.Rate*f)
					ln.Referral.TargetHit = math.Min(1, base.Referral.TargetHit*f)
					ln.Referral.TargetFalse = math.Min(1, base.Referral.TargetFalse*f)
					ln.LotCapacity = max(1, int(math.Ceil(float64(base.LotCapacity)*f)))
				}
			}
		case Portals:
			pp := pt.Lanes[v.Lane].PrePrimary
			pp.Portals = a[i]
			if s.Budget.Resources[v.Resource].Scales && v.Base > 0 {
				pp.Share = math.Min(1, s.Base.Ports[v.Port].Lanes[v.Lane].PrePrimary.Share*float64(a[i])/float64(v.Base))
			}
		}
	}
	return c
}

// String writes an allocation as its changes from the baseline.
func (s *Space) String(a Allocation) string {
	var out []string
	for i, v := range s.Vars {
		if a[i] == v.Base {
			continue
		}
		if s.Budget.Resources[v.Resource].Kind == Booths {
			out = append(out, fmt.Sprintf("%s %+d", v.Name, a[i]))
		} else {
			out = append(out, fmt.Sprintf("%s %d→%d", v.Name, v.Base, a[i]))
		}
	}
	if len(out) == 0 {
		return "the scenario's own allocation"
	}
	return strings.Join(out, "; ")
}
