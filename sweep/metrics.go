package sweep

import (
	"borderflow/border"
	"borderflow/report"
	"borderflow/scenario"
)

// The metrics a sweep keeps per (policy, replication), all border-wide
// (summed or merged over ports), with the same meaning as in
// summary.json:
//
//	kg_seized              kilograms seized
//	interdiction_rate      kg seized ÷ kg attempted
//	wait_mean_min_CLASS    mean primary wait, minutes, per class
//	wait_p95_min_CLASS     95th percentile of the primary wait, minutes
//	missed_referrals       referrals released uninspected (lot full)
//	delay_vehicle_hours    time in the port (arrival to departure), vehicle-hours
//	delay_cost_usd         the whole cost of delay at the economy's cost:
//	                       the sum of the PART_cost_usd below
//	                       (report.CostParts)
//	share_inspected        vehicles that entered secondary ÷ arrivals
//	share_inspected_CLASS  the same per class
//	loads_seized           loads seized (kg are dominated by a few heavy loads)
//	not_inspected_waved    vehicles the referral rule selected and the
//	                       pressure rule waved through
//	not_inspected_held     referred vehicles still held at a booth for a
//	                       lot place when the window closed
//	                       (lot full and released: missed_referrals)
//	not_inspected_queued   vehicles still before their referral decision
//	                       (primary queue or booth) when the window closed
//	not_inspected_unread   vehicles scanned at pre-primary whose image was
//	                       not read before they finished primary
//	share_scanned          vehicles scanned at pre-primary ÷ arrivals
//	unstable_lanes         lanes overloaded in the replication: vehicles
//	                       inside at the end above 25% of the lane's daily
//	                       arrivals (report.Unstable)
//	unstable_excess        vehicles inside at the end above that level, at
//	                       the lane where the excess is largest (negative:
//	                       the room left below it; report.UnstableExcess).
//	                       Its mean over replications above 0 makes the
//	                       policy unstable (Results.Unstable)
//	driver_time_cost_usd   time in the port at the drivers' value of time
//	cargo_time_cost_usd    the same time at the cargo's value of time
//	checkpoint_time_cost_usd  the wait at checkpoints, driver and cargo
//	detour_cost_usd        diverted vehicles' drive, driver and cargo
//	postponed_trips_cost_usd  trips put off
//	cancelled_trips_cost_usd  trips not made (trade lost)
//
// Classes come trucks first, then the others in scenario order.
const (
	mKgSeized     = "kg_seized"
	mInterdiction = "interdiction_rate"
	mMissed       = "missed_referrals"
	mDelayHours   = "delay_vehicle_hours"
	mDelayCost    = "delay_cost_usd"
	mShare        = "share_inspected"
	mLoadsSeized  = "loads_seized"
	mWaved        = "not_inspected_waved"
	mHeld         = "not_inspected_held"
	mQueued       = "not_inspected_queued"
	mUnread       = "not_inspected_unread"
	mScanned      = "share_scanned"
	mUnstable     = "unstable_lanes"
	mExcess       = "unstable_excess"
)

// classOrder returns the scenario's class indices, "truck" first (the
// class the policies are about), then the others in scenario order.
func classOrder(sc *scenario.Scenario) []int {
	var out []int
	for i, c := range sc.Classes {
		if c.Name == "truck" {
			out = append(out, i)
		}
	}
	for i, c := range sc.Classes {
		if c.Name != "truck" {
			out = append(out, i)
		}
	}
	return out
}

// MetricNames returns the names of the metrics kept for sc, in the order
// of Measure's values.
func MetricNames(sc *scenario.Scenario) []string {
	names := []string{mKgSeized, mInterdiction}
	for _, c := range classOrder(sc) {
		n := sc.Classes[c].Name
		names = append(names, "wait_mean_min_"+n, "wait_p95_min_"+n)
	}
	names = append(names, mMissed, mDelayHours, mDelayCost, mShare)
	for _, c := range classOrder(sc) {
		names = append(names, mShare+"_"+sc.Classes[c].Name)
	}
	names = append(names, mLoadsSeized, mWaved, mHeld, mQueued, mUnread, mScanned, mUnstable, mExcess)
	for _, k := range report.CostPartKeys() {
		names = append(names, k+"_cost_usd")
	}
	names = append(names, orgMetricNames(sc)...) // sweep/orgmetrics.go
	return append(names, marketMetricNames(sc)...)
}

// Measure returns the metrics of one replication of sc, in MetricNames
// order: the border's figures of report.Measure, the same numbers
// summary.json's total is the mean of.
func Measure(sc *scenario.Scenario, r *border.Result) []float64 {
	ms := report.Measure(sc, r)
	t := &ms.Total
	flow := t.Flow()
	v := []float64{flow.KgSeized, flow.Rate()}
	for _, c := range classOrder(sc) {
		v = append(v, t.Classes[c].Wait.Mean, t.Classes[c].Wait.P95)
	}
	arrivals := t.Sum(func(c *report.Class) float64 { return c.Arrivals })
	secondary := t.Sum(func(c *report.Class) float64 { return c.Secondary })
	v = append(v, t.Sum(func(c *report.Class) float64 { return c.Missed }),
		t.Sum(func(c *report.Class) float64 { return c.DelayHours }),
		t.Sum(func(c *report.Class) float64 { return c.Cost.Total }),
		ratio(secondary, arrivals))
	for _, c := range classOrder(sc) {
		v = append(v, ratio(t.Classes[c].Secondary, t.Classes[c].Arrivals))
	}
	v = append(v, flow.LoadsSeized, t.Sum(func(c *report.Class) float64 { return c.Waved }),
		t.Sum(func(c *report.Class) float64 { return c.Held }), t.Sum(func(c *report.Class) float64 { return c.Queued }),
		t.Sum(func(c *report.Class) float64 { return c.PrePrimary[2] }),
		ratio(t.Sum(func(c *report.Class) float64 { return c.PrePrimary[0] }), arrivals),
		unstableLanes(sc, ms), unstableExcess(sc, ms))
	for i := range report.CostPartKeys() {
		v = append(v, t.Sum(func(c *report.Class) float64 { return c.Cost.Parts()[i] }))
	}
	v = append(v, orgMeasure(sc, r)...)
	return append(v, marketMeasure(sc, r)...)
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// unstableExcess is the largest excess over the overload rule's level
// among the lanes of one replication (report.UnstableExcess). The mean over
// replications of a maximum is at least the maximum of the lanes' means,
// so a policy it calls unstable includes every one in which some lane's
// means break the rule, as run applies it (report.Summarize).
func unstableExcess(sc *scenario.Scenario, m *report.Measures) float64 {
	worst, any := 0.0, false
	for p := range m.Ports {
		for c := range m.Ports[p].Classes {
			if l := &m.Ports[p].Classes[c]; l.Present {
				if e := report.UnstableExcess(l.Arrivals, l.Inside(), sc.Horizon); !any || e > worst {
					worst, any = e, true
				}
			}
		}
	}
	return worst
}

// unstableLanes counts the lanes of one replication that report.Unstable
// calls overloaded.
func unstableLanes(sc *scenario.Scenario, m *report.Measures) float64 {
	n := 0.0
	for p := range m.Ports {
		for c := range m.Ports[p].Classes {
			if l := &m.Ports[p].Classes[c]; l.Present && report.Unstable(l.Arrivals, l.Inside(), sc.Horizon) {
				n++
			}
		}
	}
	return n
}
