package report

import (
	"encoding/csv"
	"io"

	"borderflow/border"
	"borderflow/scenario"
)

// ResponseClass is what one class's drivers did at one port instead of
// waiting, and what the delay cost, means over replications.
type ResponseClass struct {
	Trips       float64 `json:"trips"`
	Arrivals    float64 `json:"arrivals"`
	Cancelled   float64 `json:"cancelled"`
	Postponed   float64 `json:"postponed"`
	Reappeared  float64 `json:"postponed_back"`
	DivertedOut float64 `json:"diverted_out"`
	DivertedIn  float64 `json:"diverted_in"`
	// DivertedTo is DivertedOut by destination port.
	DivertedTo   map[string]float64 `json:"diverted_to,omitempty"`
	Pending      float64            `json:"postponed_pending_at_end"`
	InTransit    float64            `json:"diverted_on_the_road_at_end"`
	Refused      float64            `json:"refused_population_limit"`
	DetourHours  float64            `json:"detour_vehicle_hours"`
	Cost         CostParts          `json:"cost_usd"`
	Unstable     bool               `json:"unstable"`
	InsideAtEnd  float64            `json:"inside_at_end"`
	MeanDailyArr float64            `json:"mean_daily_arrivals"`
	// CheckpointInspected and CheckpointWaitHours: vehicles through a
	// [[checkpoint]]'s inspection and their mean wait for it.
	CheckpointInspected float64 `json:"checkpoint_inspected,omitempty"`
	CheckpointWaitHours float64 `json:"checkpoint_wait_hours_mean,omitempty"`
	ckWait              float64
}

// ResponseSummary is summary.json's "response" section.
type ResponseSummary struct {
	// Ports by port name, then class.
	Ports map[string]map[string]*ResponseClass `json:"ports"`
	// Total by class over the ports.
	Total map[string]*ResponseClass `json:"total"`
	Cost  CostParts                 `json:"cost_usd"`
	// Flows lists the diverted vehicles by origin, destination and class.
	Flows []DiversionFlow `json:"flows,omitempty"`
}

// DiversionFlow is how many vehicles of a class went from one port to
// another.
type DiversionFlow struct {
	From     string  `json:"from"`
	To       string  `json:"to"`
	Class    string  `json:"class"`
	Vehicles float64 `json:"vehicles"`
}

// Responses summarises the drivers' answers to delay; nil when the
// scenario has no response and no lane reached its population limit.
func Responses(sc *scenario.Scenario, results []*border.Result) *ResponseSummary {
	return accumulate(sc, results).Responses()
}

// respAcc folds each replication's response into its lanes' means as it
// comes (every term divided by the replications of the run, added in
// replication order).
type respAcc struct {
	refused bool             // a lane refused vehicles at its population limit
	lanes   []*ResponseClass // by lane, port by port
	flows   [][]float64      // by lane, then destination port: vehicles diverted
}

func (a *respAcc) add(sc *scenario.Scenario, r *border.Result, n float64) {
	if a.lanes == nil {
		for _, pc := range sc.Ports {
			for range pc.Lanes {
				a.lanes = append(a.lanes, &ResponseClass{})
				a.flows = append(a.flows, make([]float64, len(sc.Ports)))
			}
		}
	}
	lane := 0
	for p, pc := range sc.Ports {
		for l := range pc.Lanes {
			rc, flows := a.lanes[lane], a.flows[lane]
			lane++
			ls := &r.Ports[p].Lanes[l]
			s := ls.Response
			a.refused = a.refused || s.Refused > 0
			rc.Trips += float64(s.Trips) / n
			rc.Arrivals += float64(ls.Arrivals) / n
			rc.InsideAtEnd += float64(ls.InsideAtEnd()) / n
			rc.Cancelled += float64(s.Cancelled) / n
			rc.Postponed += float64(s.Postponed) / n
			rc.Reappeared += float64(s.Reappeared) / n
			rc.DivertedOut += float64(s.DivertedOut) / n
			rc.DivertedIn += float64(s.DivertedIn) / n
			rc.Pending += float64(s.PendingAtEnd) / n
			rc.InTransit += float64(s.InTransitAtEnd) / n
			rc.Refused += float64(s.Refused) / n
			rc.DetourHours += s.DetourSeconds / 3600 / n
			rc.CheckpointInspected += float64(ls.Checkpoint.Inspected) / n
			rc.ckWait += ls.Checkpoint.Wait / 3600 / n
			for to, k := range s.DivertedTo {
				if k > 0 {
					flows[to] += float64(k) / n
				}
			}
			c := laneCost(sc, ls)
			c.scale(1 / n)
			rc.Cost.add(c)
		}
	}
}

// summary is Responses of reps folded replications.
func (a *respAcc) summary(sc *scenario.Scenario, reps int) *ResponseSummary {
	on := sc.Response != nil || len(sc.Checkpoints) > 0 || a.refused
	if !on || reps == 0 {
		return nil
	}
	days := sc.Horizon / 86400
	out := &ResponseSummary{Ports: map[string]map[string]*ResponseClass{}, Total: map[string]*ResponseClass{}}
	// Diverted vehicles by origin, destination and class: a port has one
	// lane per class (the loader's [port.lane.CLASS]).
	flows := map[[3]int]float64{}
	lane := 0
	for p, pc := range sc.Ports {
		byClass := map[string]*ResponseClass{}
		for _, lc := range pc.Lanes {
			cls := sc.Classes[lc.Class]
			rc := a.lanes[lane]
			for to, k := range a.flows[lane] {
				if k > 0 {
					flows[[3]int{p, to, lc.Class}] += k
				}
			}
			lane++
			if days > 0 {
				rc.MeanDailyArr = rc.Arrivals / days
			}
			if rc.CheckpointInspected > 0 {
				rc.CheckpointWaitHours = rc.ckWait / rc.CheckpointInspected
			}
			// The overload rule (Unstable); a lane that refused vehicles at its
			// population limit holds three days' arrivals and is caught by it.
			rc.Unstable = rc.Refused > 0 || Unstable(rc.Arrivals, rc.InsideAtEnd, sc.Horizon)
			byClass[cls.Name] = rc
			t := out.Total[cls.Name]
			if t == nil {
				t = &ResponseClass{}
				out.Total[cls.Name] = t
			}
			t.sum(rc)
			out.Cost.add(rc.Cost)
		}
		out.Ports[pc.Name] = byClass
	}
	for p, pc := range sc.Ports {
		for to := range sc.Ports {
			for c, cls := range sc.Classes {
				if k := flows[[3]int{p, to, c}]; k > 0 {
					out.Flows = append(out.Flows, DiversionFlow{From: pc.Name, To: sc.Ports[to].Name, Class: cls.Name, Vehicles: k})
					rc := out.Ports[pc.Name][cls.Name]
					if rc.DivertedTo == nil {
						rc.DivertedTo = map[string]float64{}
					}
					rc.DivertedTo[sc.Ports[to].Name] = k
				}
			}
		}
	}
	for _, t := range out.Total {
		if days > 0 {
			t.MeanDailyArr = t.Arrivals / days
		}
	}
	return out
}

func (t *ResponseClass) sum(o *ResponseClass) {
	t.Trips += o.Trips
	t.Arrivals += o.Arrivals
	t.Cancelled += o.Cancelled
	t.Postponed += o.Postponed
	t.Reappeared += o.Reappeared
	t.DivertedOut += o.DivertedOut
	t.DivertedIn += o.DivertedIn
	t.Pending += o.Pending
	t.InTransit += o.InTransit
	t.Refused += o.Refused
	t.DetourHours += o.DetourHours
	t.CheckpointInspected += o.CheckpointInspected
	t.ckWait += o.ckWait
	if t.CheckpointInspected > 0 {
		t.CheckpointWaitHours = t.ckWait / t.CheckpointInspected
	}
	t.InsideAtEnd += o.InsideAtEnd
	t.Unstable = t.Unstable || o.Unstable
	t.Cost.add(o.Cost)
}

// ResponseCSV writes response.csv: per port and class, what drivers did
// instead of waiting and the cost of delay by part.
func ResponseCSV(w io.Writer, sc *scenario.Scenario, rs *ResponseSummary) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"port", "class", "trips", "arrivals", "cancelled", "postponed", "postponed_back",
		"diverted_out", "diverted_in", "refused_population_limit", "inside_at_end", "unstable", "detour_vehicle_hours",
		"cost_driver_time_usd", "cost_cargo_time_usd", "cost_detour_usd", "cost_postponed_usd", "cost_cancelled_usd", "cost_checkpoint_time_usd", "cost_total_usd"})
	for _, pc := range sc.Ports {
		for _, lc := range pc.Lanes {
			name := sc.Classes[lc.Class].Name
			r := rs.Ports[pc.Name][name]
			u := "false"
			if r.Unstable {
				u = "true"
			}
			rec := []string{pc.Name, name}
			for _, x := range []float64{r.Trips, r.Arrivals, r.Cancelled, r.Postponed, r.Reappeared, r.DivertedOut, r.DivertedIn, r.Refused, r.InsideAtEnd} {
				rec = append(rec, num(x))
			}
			rec = append(rec, u, num(r.DetourHours))
			for _, x := range []float64{r.Cost.DriverTime, r.Cost.CargoTime, r.Cost.Detour, r.Cost.Postponed, r.Cost.Cancelled, r.Cost.Checkpoint, r.Cost.Total} {
				rec = append(rec, num(x))
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}

// DiversionsCSV writes diversions.csv: vehicles diverted from port to
// port by class, means over replications.
func DiversionsCSV(w io.Writer, rs *ResponseSummary) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"from", "to", "class", "vehicles"})
	for _, f := range rs.Flows {
		cw.Write([]string{f.From, f.To, f.Class, num(f.Vehicles)})
	}
	cw.Flush()
	return cw.Error()
}
