package report

import (
	"fmt"
	"io"

	"borderflow/border"
	"borderflow/numfmt"
	"borderflow/scenario"
	"borderflow/sim"
)

// Trusted-traveller lanes in the outputs (scenario.TrustedPart,
// ports/trusted.go): for a lane with trusted parts, its traffic split into
// the general part and each trusted part, in summary.json (a port's
// "trusted"), in ports.csv (columns appended after "unstable", only when
// the scenario has parts) and in a table of the run's report. A scenario
// without parts has none of it: its outputs are what they were.

// Part is one part of a lane's traffic in one replication: the general
// traffic (Name scenario.GeneralPart) or one trusted part.
type Part struct {
	Name                        string
	Arrivals, Referrals         float64
	AtGeneral                   float64 // the part's vehicles served at the general booths
	Wait                        Wait    // primary wait, minutes (P50 and Max unset)
	LoadsAttempted, LoadsSeized float64
	KgAttempted, KgSeized       float64
	Booths                      float64 // time-average booths open
}

// measureTrusted fills the classes' Parts of every port and of the
// border (each part summed over ports in port order, its waits from the
// merged tallies and sketches) for the lanes with trusted parts.
func measureTrusted(sc *scenario.Scenario, r *border.Result, m *Measures) {
	type acc struct {
		part   Part
		wait   sim.Tally
		sketch sim.Sketch
	}
	total := make([][]*acc, len(sc.Classes)) // by class, parts in order of first appearance
	find := func(c int, name string) *acc {
		for _, a := range total[c] {
			if a.part.Name == name {
				return a
			}
		}
		a := &acc{part: Part{Name: name}}
		total[c] = append(total[c], a)
		return a
	}
	for p, pc := range sc.Ports {
		for l, lc := range pc.Lanes {
			ls := &r.Ports[p].Lanes[l]
			if len(ls.Parts) == 0 {
				continue
			}
			c := &m.Ports[p].Classes[lc.Class]
			c.Parts = make([]Part, len(ls.Parts))
			for i := range ls.Parts {
				ps := &ls.Parts[i]
				name := scenario.GeneralPart
				if i > 0 {
					name = lc.Trusted[i-1].Name
				}
				c.Parts[i] = Part{
					Name: name, Arrivals: float64(ps.Arrivals), Referrals: float64(ps.Referrals),
					AtGeneral:      float64(ps.AtGeneral),
					Wait:           Wait{Mean: ps.Wait.Mean() / 60, P95: ps.WaitQ.Quantile(0.95) / 60},
					LoadsAttempted: float64(ps.LoadsAttempted), LoadsSeized: float64(ps.LoadsSeized),
					KgAttempted: ps.KgAttempted, KgSeized: ps.KgSeized, Booths: ps.Booths,
				}
				a := find(lc.Class, name)
				x := &c.Parts[i]
				a.part.Arrivals += x.Arrivals
				a.part.Referrals += x.Referrals
				a.part.AtGeneral += x.AtGeneral
				a.part.LoadsAttempted += x.LoadsAttempted
				a.part.LoadsSeized += x.LoadsSeized
				a.part.KgAttempted += x.KgAttempted
				a.part.KgSeized += x.KgSeized
				a.part.Booths += x.Booths
				a.wait.Merge(ps.Wait)
				a.sketch.Merge(&ps.WaitQ)
			}
		}
	}
	for c, parts := range total {
		for _, a := range parts {
			a.part.Wait = Wait{Mean: a.wait.Mean() / 60, P95: a.sketch.Quantile(0.95) / 60}
			m.Total.Classes[c].Parts = append(m.Total.Classes[c].Parts, a.part)
		}
	}
}

// TrustedPart is one part of a lane's traffic in summary.json, means
// over replications.
type TrustedPart struct {
	Arrivals float64 `json:"arrivals"`
	// ShareOfArrivals is the part's arrivals over the lane's (the
	// border's: over the arrivals of the lanes with parts).
	ShareOfArrivals float64     `json:"share_of_arrivals"`
	WaitMinutes     TrustedWait `json:"wait_minutes"`
	Referrals       float64     `json:"referrals"`
	// ReferralRate is referrals over arrivals.
	ReferralRate float64 `json:"referral_rate"`
	// AtGeneralBooths counts the part's vehicles served at the general
	// booths (the overflow rule; 0 for the general part).
	AtGeneralBooths float64 `json:"at_general_booths"`
	BoothsMean      float64 `json:"booths_mean"`
	LoadsAttempted  float64 `json:"loads_attempted"`
	LoadsSeized     float64 `json:"loads_seized"`
	KgAttempted     float64 `json:"kg_attempted"`
	KgSeized        float64 `json:"kg_seized"`
}

// TrustedWait is a part's primary wait, minutes.
type TrustedWait struct {
	Mean float64 `json:"mean"`
	P95  float64 `json:"p95"`
}

// trustedGroup is a port's (or the border's) "trusted": by class, then
// part; nil when no lane of it has parts.
func (s *Summary) trustedGroup(of func(m *Measures) *Group) map[string]map[string]*TrustedPart {
	ms := s.measures
	if len(ms) == 0 {
		return nil
	}
	var out map[string]map[string]*TrustedPart
	g0 := of(ms[0])
	for c, cls := range s.sc.Classes {
		if c >= len(g0.Classes) || len(g0.Classes[c].Parts) == 0 {
			continue
		}
		if out == nil {
			out = map[string]map[string]*TrustedPart{}
		}
		byPart := map[string]*TrustedPart{}
		// The share is of the lanes with parts (the border's: of the
		// ports that have them), not of every lane of the class.
		lane := 0.0
		for i := range g0.Classes[c].Parts {
			lane += mean(over(ms, func(m *Measures) float64 { return of(m).Classes[c].Parts[i].Arrivals }))
		}
		for i, pt := range g0.Classes[c].Parts {
			f := func(get func(x *Part) float64) float64 {
				return mean(over(ms, func(m *Measures) float64 { return get(&of(m).Classes[c].Parts[i]) }))
			}
			tp := &TrustedPart{
				Arrivals:        f(func(x *Part) float64 { return x.Arrivals }),
				WaitMinutes:     TrustedWait{Mean: f(func(x *Part) float64 { return x.Wait.Mean }), P95: f(func(x *Part) float64 { return x.Wait.P95 })},
				Referrals:       f(func(x *Part) float64 { return x.Referrals }),
				AtGeneralBooths: f(func(x *Part) float64 { return x.AtGeneral }),
				BoothsMean:      f(func(x *Part) float64 { return x.Booths }),
				LoadsAttempted:  f(func(x *Part) float64 { return x.LoadsAttempted }),
				LoadsSeized:     f(func(x *Part) float64 { return x.LoadsSeized }),
				KgAttempted:     f(func(x *Part) float64 { return x.KgAttempted }),
				KgSeized:        f(func(x *Part) float64 { return x.KgSeized }),
			}
			tp.ShareOfArrivals = ratio(tp.Arrivals, lane)
			tp.ReferralRate = ratio(tp.Referrals, tp.Arrivals)
			byPart[pt.Name] = tp
		}
		out[cls.Name] = byPart
	}
	return out
}

// partNames are the part names of the scenario's lanes: general first,
// then the trusted parts in the order they first appear (port by port);
// nil when no lane has parts.
func partNames(sc *scenario.Scenario) []string {
	var out []string
	for _, p := range sc.Ports {
		for _, l := range p.Lanes {
			for _, tp := range l.Trusted {
				if out == nil {
					out = []string{scenario.GeneralPart}
				}
				found := false
				for _, n := range out {
					found = found || n == tp.Name
				}
				if !found {
					out = append(out, tp.Name)
				}
			}
		}
	}
	return out
}

// partColumns are the columns ports.csv appends per part name.
var partColumns = []struct {
	name string
	f    func(x *Part) float64
}{
	{"arrivals", func(x *Part) float64 { return x.Arrivals }},
	{"wait_mean_min", func(x *Part) float64 { return x.Wait.Mean }},
	{"wait_p95_min", func(x *Part) float64 { return x.Wait.P95 }},
	{"referrals", func(x *Part) float64 { return x.Referrals }},
}

// trustedHeader is what ports.csv's header gains: NAME_arrivals,
// NAME_wait_mean_min, NAME_wait_p95_min, NAME_referrals for each part name
// (nil without parts).
func trustedHeader(names []string) []string {
	var out []string
	for _, n := range names {
		for _, c := range partColumns {
			out = append(out, n+"_"+c.name)
		}
	}
	return out
}

// trustedCells are one lane's appended cells: its parts' figures (means
// over replications); a lane without parts has all of its traffic in
// general and nothing in the trusted parts (empty cells), and a part the
// lane does not have is empty too.
func (s *Summary) trustedCells(names []string, p, class int) []string {
	var out []string
	ms := s.measures
	for _, n := range names {
		idx := -1
		if len(ms) > 0 {
			for i, x := range ms[0].Ports[p].Classes[class].Parts {
				if x.Name == n {
					idx = i
				}
			}
		}
		for _, col := range partColumns {
			switch {
			case idx >= 0:
				out = append(out, num(mean(over(ms, func(m *Measures) float64 { return col.f(&m.Ports[p].Classes[class].Parts[idx]) }))))
			case n == scenario.GeneralPart:
				c := map[string]func(c *Class) float64{
					"arrivals":      func(c *Class) float64 { return c.Arrivals },
					"wait_mean_min": func(c *Class) float64 { return c.Wait.Mean },
					"wait_p95_min":  func(c *Class) float64 { return c.Wait.P95 },
					"referrals":     func(c *Class) float64 { return c.Referrals },
				}[col.name]
				out = append(out, num(mean(over(ms, func(m *Measures) float64 { return c(&m.Ports[p].Classes[class]) }))))
			default:
				out = append(out, "")
			}
		}
	}
	return out
}

// trustedTable prints the trusted-traveller table of the run's report:
// per port, class and part, arrivals and their share, waits, referrals
// and loads; nothing when no lane has parts.
func (s *Summary) trustedTable(w io.Writer) error {
	rows := append([]Port(nil), s.Ports...)
	if len(s.Ports) > 1 {
		rows = append(rows, s.Total.Port)
	}
	tb := numfmt.Table{Left: 2}
	n := 0
	for _, p := range rows {
		name := p.Name
		for _, c := range s.sc.Classes {
			parts := p.Trusted[c.Name]
			if parts == nil {
				continue
			}
			if n == 0 {
				tb.Row("port", "class", "part", "arrivals", "share %", "wait mean min", "wait p95 min", "referred %", "at general booths", "loads seized", "")
			}
			cls := c.Name
			mark := "" // an unstable lane is marked on each of its rows
			if p.Unstable[c.Name] {
				mark = UnstableMark
			}
			for _, pn := range s.partOrder(parts) {
				x := parts[pn]
				tb.Row(name, cls, pn, numfmt.Grouped(x.Arrivals), fmt.Sprintf("%.1f", 100*x.ShareOfArrivals),
					numfmt.Min(x.WaitMinutes.Mean), numfmt.Min(x.WaitMinutes.P95), fmt.Sprintf("%.2f", 100*x.ReferralRate),
					numfmt.Grouped(x.AtGeneralBooths), numfmt.Grouped(x.LoadsSeized)+"/"+numfmt.Grouped(x.LoadsAttempted), mark)
				name, cls = "", ""
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	fmt.Fprintf(w, "\ntrusted-traveller lanes (general traffic and each trusted part; docs/OUTPUTS.md)\n")
	_, err := tb.WriteTo(w)
	return err
}

// partOrder lists a class's parts in the scenario's order (partNames).
func (s *Summary) partOrder(parts map[string]*TrustedPart) []string {
	var out []string
	for _, n := range partNames(s.sc) {
		if _, ok := parts[n]; ok {
			out = append(out, n)
		}
	}
	return out
}
