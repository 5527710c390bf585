package report

import (
	"borderflow/border"
	"borderflow/scenario"
	"borderflow/traffic"
)

// PortDiff is one port's kilograms: those the organisations planned
// through it (their decision, as in routes.csv) and those the port drew as
// loads (the decision plus the luck of which vehicles carried how much;
// with bulk routes of tonne-scale loads, much noisier).
type PortDiff struct {
	Port        string         `json:"port"`
	KgPlanned   Paired[Policy] `json:"kg_planned"`
	KgAttempted Paired[Policy] `json:"kg_attempted"`
}

// DrugDiff is one drug's kilograms.
type DrugDiff struct {
	Drug            string         `json:"drug"`
	KgAttemptedPort Paired[Policy] `json:"kg_attempted_ports"`
	KgSeized        Paired[Policy] `json:"kg_seized_ports"`
	KgDeliveredToUS Paired[Policy] `json:"kg_delivered_to_us"`
	KgOutsourced    Paired[Policy] `json:"kg_outsourced"`
}

// CounterfactualDisplacement is what one surge did, measured against the
// counterfactual over the decision periods that start during the surge
// (and, for outsourcing, as many periods after it). The balloon share is
// the part of the surged port's reduction that reappears elsewhere: the
// rise of the kilograms planned through the other ports plus the rise of
// the crossings between the ports into the US, ÷ the fall of the
// kilograms planned through the surged port (per replication, then its
// mean and interval); balloon_share_ports counts the other ports alone.
// Planned kilograms are the organisations' decisions; the kilograms the
// ports drew add the luck of the loads (a bulk route's tonne-scale loads
// make them swing by thousands of kg a quarter).
type CounterfactualDisplacement struct {
	Method             string         `json:"method"` // "counterfactual"
	Port               string         `json:"port"`
	StartDay           float64        `json:"start_day"`
	EndDay             float64        `json:"end_day"`
	Periods            int            `json:"periods_compared"`
	DuringDays         [2]float64     `json:"during_days"`
	AfterDays          [2]float64     `json:"after_days"`
	Overlapping        bool           `json:"overlapping_surges,omitempty"`
	Surged             PortDiff       `json:"surged_port"`
	OtherPortsPlanned  Paired[Policy] `json:"other_ports_kg_planned"`
	PortsPlanned       Paired[Policy] `json:"all_ports_kg_planned"`
	OtherPorts         Paired[Policy] `json:"other_ports_kg_attempted"`
	Others             []PortDiff     `json:"other_ports"`
	Drugs              []DrugDiff     `json:"drugs"`
	USDelivered        Paired[Policy] `json:"us_kg_delivered"`
	Outsourced         Paired[Policy] `json:"kg_outsourced"`
	OutsourcedShare    Paired[Policy] `json:"outsourced_share"`
	OutsourcedAfter    Paired[Policy] `json:"outsourced_share_after"`
	OwnLoss            Paired[Policy] `json:"kg_own_loss"`
	BalloonShare       Interval       `json:"balloon_share"`
	BalloonSharePorts  Interval       `json:"balloon_share_ports"`
	SurgedReductionKg  Interval       `json:"surged_port_reduction_kg"`
	ReappearedPortsKg  Interval       `json:"reappeared_other_ports_kg"`
	ReappearedBetweenK Interval       `json:"reappeared_between_ports_kg"`
}

// cfSums are one replication's sums over a set of periods.
type cfSums struct {
	attempted, planned            []float64 // by port
	drugAtt, drugSeized, drugToUS []float64 // by drug
	drugOut                       []float64
	toUS, betweenToUS, outsourced float64
	volume, ownLoss               float64
}

func sumCF(sc *scenario.Scenario, g *traffic.Organisations, from, to int) cfSums {
	nd := len(sc.Drugs)
	s := cfSums{attempted: make([]float64, len(sc.Ports)), planned: make([]float64, len(sc.Ports)), drugAtt: make([]float64, nd), drugSeized: make([]float64, nd),
		drugToUS: make([]float64, nd), drugOut: make([]float64, nd)}
	for _, o := range g.Orgs {
		d := o.Cfg.Drug
		for k := from; k < to && k < len(o.Periods); k++ {
			b := &o.Periods[k]
			s.volume += b.Volume
			for r, rt := range o.Cfg.Routes {
				s.attempted[rt.Port] += b.Attempted[r]
				s.planned[rt.Port] += b.Planned[r]
				s.drugAtt[d] += b.Attempted[r]
				s.drugSeized[d] += b.Seized[r]
				s.drugToUS[d] += b.Delivered[r]
				s.toUS += b.Delivered[r]
				s.ownLoss += b.Seized[r]
			}
			for x, op := range o.Cfg.Outside {
				s.outsourced += b.Outside[x]
				s.drugOut[d] += b.Outside[x]
				if op.ToUS {
					got := b.Outside[x] - b.OutsideSeized[x]
					s.toUS += got
					s.betweenToUS += got
					s.drugToUS[d] += got
				}
				if !op.Contract {
					s.ownLoss += b.OutsideSeized[x]
				}
			}
		}
	}
	return s
}

// CounterfactualDisplacements measures each surge of sc against cf, the
// results of the same scenario and seeds without surges (nil without
// organisations, surges or a counterfactual).
func CounterfactualDisplacements(sc *scenario.Scenario, results, cf []*border.Result) []CounterfactualDisplacement {
	if len(cf) != len(results) {
		return nil
	}
	a := accumulate(sc, results)
	c := a.Counterfactual(sc)
	for _, r := range cf {
		c.Add(r)
	}
	return a.CounterfactualDisplacements()
}

// surgeAfter returns the periods a surge's counterfactual displacement
// compares: the n that start during the surge from period first, and the
// after that follow (at most n; ok false when none start during it).
func surgeAfter(books []traffic.PeriodBook, start, period float64, su scenario.Surge) (first, n, after int, ok bool) {
	a, b := start+su.Start, start+su.End
	first = -1
	for k := range books {
		if books[k].Start >= a-1e-6 && books[k].Start < b-1e-6 && books[k].Length >= period-1e-6 {
			if first < 0 {
				first = k
			}
			n++
		}
	}
	if first < 0 {
		return 0, 0, 0, false
	}
	return first, n, min(n, len(books)-(first+n)), true
}

// counterfactualDisplacements is CounterfactualDisplacements of the
// folded replications of the run (a) and of its counterfactual (c), whose
// sums were taken over a's surge windows.
func counterfactualDisplacements(sc *scenario.Scenario, a, c *orgAcc) []CounterfactualDisplacement {
	if !a.on() || !c.on() || c.reps != a.reps || len(sc.Orgs) == 0 || len(sc.Surges) == 0 {
		return nil
	}
	start, period, books := a.start, a.period, a.books
	var out []CounterfactualDisplacement
	for si, su := range sc.Surges {
		first, n, after, ok := surgeAfter(books, start, period, su)
		if !ok {
			continue
		}
		d := CounterfactualDisplacement{
			Method: "counterfactual", Port: sc.Ports[su.Port].Name, StartDay: su.Start / scenario.Day, EndDay: su.End / scenario.Day, Periods: n,
			DuringDays: [2]float64{(books[first].Start - start) / scenario.Day, (books[first+n-1].Start + period - start) / scenario.Day},
		}
		if after > 0 {
			last := books[first+n+after-1]
			d.AfterDays = [2]float64{(books[first+n].Start - start) / scenario.Day, (last.Start + last.Length - start) / scenario.Day}
		}
		d.Overlapping = overlapping(sc, si)
		pol, cfs := a.cfDuring[si], c.cfDuring[si]
		polA, cfA := a.cfAfter[si], c.cfAfter[si]
		dd := func(f func(cfSums) float64) Paired[Policy] { return paired[Policy](column(pol, f), column(cfs, f)) }
		port := func(p int) PortDiff {
			return PortDiff{Port: sc.Ports[p].Name, KgPlanned: dd(func(s cfSums) float64 { return s.planned[p] }),
				KgAttempted: dd(func(s cfSums) float64 { return s.attempted[p] })}
		}
		d.Surged = port(su.Port)
		others := func(s cfSums) float64 { return sum(s.attempted) - s.attempted[su.Port] }
		d.OtherPorts = dd(others)
		othersPlanned := func(s cfSums) float64 { return sum(s.planned) - s.planned[su.Port] }
		d.OtherPortsPlanned = dd(othersPlanned)
		d.PortsPlanned = dd(func(s cfSums) float64 { return sum(s.planned) })
		for p := range sc.Ports {
			if p != su.Port {
				d.Others = append(d.Others, port(p))
			}
		}
		for di := range sc.Drugs {
			used := false
			for _, o := range sc.Orgs {
				used = used || o.Drug == di
			}
			if !used {
				continue
			}
			d.Drugs = append(d.Drugs, DrugDiff{
				Drug:            sc.Drugs[di].Name,
				KgAttemptedPort: dd(func(s cfSums) float64 { return s.drugAtt[di] }),
				KgSeized:        dd(func(s cfSums) float64 { return s.drugSeized[di] }),
				KgDeliveredToUS: dd(func(s cfSums) float64 { return s.drugToUS[di] }),
				KgOutsourced:    dd(func(s cfSums) float64 { return s.drugOut[di] }),
			})
		}
		d.USDelivered = dd(func(s cfSums) float64 { return s.toUS })
		d.Outsourced = dd(func(s cfSums) float64 { return s.outsourced })
		share := func(s cfSums) float64 { return ratio(s.outsourced, s.volume) }
		d.OutsourcedShare = pairedIn[Policy](column(pol, share), column(cfs, share), Unit)
		if after > 0 {
			d.OutsourcedAfter = pairedIn[Policy](column(polA, share), column(cfA, share), Unit)
		}
		d.OwnLoss = dd(func(s cfSums) float64 { return s.ownLoss })
		red, again, between := make([]float64, len(pol)), make([]float64, len(pol)), make([]float64, len(pol))
		bal, balP := make([]float64, len(pol)), make([]float64, len(pol))
		for j := range pol {
			red[j] = cfs[j].planned[su.Port] - pol[j].planned[su.Port]
			again[j] = othersPlanned(pol[j]) - othersPlanned(cfs[j])
			between[j] = pol[j].betweenToUS - cfs[j].betweenToUS
			bal[j] = ratio(again[j]+between[j], red[j])
			balP[j] = ratio(again[j], red[j])
		}
		d.SurgedReductionKg, d.ReappearedPortsKg, d.ReappearedBetweenK = interval(red), interval(again), interval(between)
		d.BalloonShare, d.BalloonSharePorts = interval(bal), interval(balP)
		out = append(out, d)
	}
	return out
}
