package report

import (
	"encoding/csv"
	"io"

	"borderflow/scenario"
)

// This file sets a run with the drivers' response ([response]: diverting,
// putting trips off, not travelling) beside the same scenario and seeds
// without it (run -response-counterfactual): every vehicle then waits
// however long the queue. The two runs draw the same arrivals and loads
// (common random numbers: each vehicle keeps its random key), so the
// difference, replication by replication, is the response's doing.

// ResponseLaneEffect is one lane's (port and class) or one class's over
// the border (port "total") waits and queue with and without the response.
// Arrivals are the vehicles that came to the port: with the response,
// fewer where drivers went elsewhere or stayed home, more where they came
// from elsewhere. Waits are of the vehicles that reached a booth; without
// the response the vehicles still queued at the end (inside_at_end) waited
// longer still. HoursInPort is the vehicle-hours in the port (to the end
// of the window for those still inside) per vehicle that arrived: every
// stage, a checkpoint's queue too, where the waits are primary's alone.
// Unstable is the overload rule (Unstable) on each run.
type ResponseLaneEffect struct {
	Port            string           `json:"port"`
	Class           string           `json:"class"`
	Arrivals        Paired[Response] `json:"arrivals"`
	InsideAtEnd     Paired[Response] `json:"inside_at_end"`
	QueueMean       Paired[Response] `json:"queue_length_mean"`
	WaitMean        Paired[Response] `json:"wait_mean_min"`
	WaitP95         Paired[Response] `json:"wait_p95_min"`
	DelayHours      Paired[Response] `json:"delay_vehicle_hours"`
	HoursInPort     Paired[Response] `json:"hours_in_port_mean"`
	UnstableWith    bool             `json:"unstable_with_response"`
	UnstableWithout bool             `json:"unstable_without_response"`
}

// ResponseEffect is summary.json's response_counterfactual section.
// DelayCostUSD is the whole cost of delay (delay_cost_usd: time in the
// ports, cargo time, detours, trips put off and not made), valued at the
// same economy's costs in both runs.
type ResponseEffect struct {
	Method            string               `json:"method"`
	Lanes             []ResponseLaneEffect `json:"lanes"`
	DelayVehicleHours Paired[Response]     `json:"delay_vehicle_hours"`
	DelayCostUSD      Paired[Response]     `json:"delay_cost_usd"`
	UnstableWith      int                  `json:"unstable_lanes_with_response"`
	UnstableWithout   int                  `json:"unstable_lanes_without_response"`
}

// ResponseEffects compares with, the measures of a run's replications,
// against without, those of the same scenario and seeds without its
// [response] (nil when either is empty or their numbers differ).
func ResponseEffects(sc *scenario.Scenario, with, without []*Measures) *ResponseEffect {
	if len(with) == 0 || len(with) != len(without) {
		return nil
	}
	e := &ResponseEffect{Method: "counterfactual: the same scenario and seeds without [response]"}
	lane := func(name string, of func(m *Measures) *Group) {
		for c, cls := range sc.Classes {
			if !of(with[0]).Classes[c].Present {
				continue
			}
			ww := func(f func(c *Class) float64) Paired[Response] {
				g := func(m *Measures) float64 { return f(&of(m).Classes[c]) }
				return paired[Response](column(with, g), column(without, g))
			}
			l := ResponseLaneEffect{
				Port: name, Class: cls.Name,
				Arrivals:    ww(func(c *Class) float64 { return c.Arrivals }),
				InsideAtEnd: ww(func(c *Class) float64 { return c.Inside() }),
				QueueMean:   ww(func(c *Class) float64 { return c.QueueMean }),
				WaitMean:    ww(func(c *Class) float64 { return c.Wait.Mean }),
				WaitP95:     ww(func(c *Class) float64 { return c.Wait.P95 }),
				DelayHours:  ww(func(c *Class) float64 { return c.DelayHours }),
				HoursInPort: ww(func(c *Class) float64 { return ratio(c.DelayHours, c.Arrivals) }),
			}
			l.UnstableWith = Unstable(l.Arrivals.Treated.Mean, l.InsideAtEnd.Treated.Mean, sc.Horizon)
			l.UnstableWithout = Unstable(l.Arrivals.Base.Mean, l.InsideAtEnd.Base.Mean, sc.Horizon)
			if name != "total" {
				e.UnstableWith += int(b2f(l.UnstableWith))
				e.UnstableWithout += int(b2f(l.UnstableWithout))
			}
			e.Lanes = append(e.Lanes, l)
		}
	}
	for p, pc := range sc.Ports {
		lane(pc.Name, func(m *Measures) *Group { return &m.Ports[p] })
	}
	if len(sc.Ports) > 1 {
		lane("total", func(m *Measures) *Group { return &m.Total })
	}
	total := func(f func(c *Class) float64) Paired[Response] {
		g := func(m *Measures) float64 { return m.Total.Sum(f) }
		return paired[Response](column(with, g), column(without, g))
	}
	e.DelayVehicleHours = total(func(c *Class) float64 { return c.DelayHours })
	e.DelayCostUSD = total(func(c *Class) float64 { return c.Cost.Total })
	return e
}

// responseEffectQuantities are the quantities of
// response-counterfactual.csv, in its column order.
var responseEffectQuantities = []string{"arrivals", "inside_at_end", "queue_length_mean", "wait_mean_min", "wait_p95_min", "delay_vehicle_hours", "hours_in_port_mean"}

// ResponseEffectCSV writes response-counterfactual.csv: one row per lane
// (and per class over the border, port "total"), in the scenario's order:
// port, class, then for each quantity Q: Q_with, Q_without, Q_diff,
// Q_diff_lo, Q_diff_hi (empty bounds below two replications); last,
// unstable_with and unstable_without.
func ResponseEffectCSV(w io.Writer, e *ResponseEffect) error {
	cw := csv.NewWriter(w)
	head := []string{"port", "class"}
	for _, q := range responseEffectQuantities {
		head = append(head, q+"_with", q+"_without", q+"_diff", q+"_diff_lo", q+"_diff_hi")
	}
	cw.Write(append(head, "unstable_with", "unstable_without"))
	bound := func(iv Interval, i int) string {
		if iv.none {
			return ""
		}
		return num(iv.CI95[i])
	}
	for _, l := range e.Lanes {
		row := []string{l.Port, l.Class}
		for _, q := range []Paired[Response]{l.Arrivals, l.InsideAtEnd, l.QueueMean, l.WaitMean, l.WaitP95, l.DelayHours, l.HoursInPort} {
			row = append(row, num(q.Treated.Mean), num(q.Base.Mean), num(q.Difference.Mean), bound(q.Difference, 0), bound(q.Difference, 1))
		}
		cw.Write(append(row, flag(l.UnstableWith), flag(l.UnstableWithout)))
	}
	cw.Flush()
	return cw.Error()
}
