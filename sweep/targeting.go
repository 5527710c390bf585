package sweep

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"sort"
	"strconv"

	"borderflow/scenario"
)

// TargetingAUCs are the levels of the targeting sweep: from chance (0.5,
// which is random selection at the same rate) to near-perfect
// intelligence. The built-in targeted-poor and targeted-good points are
// AUC 0.569 and 0.927 on this curve (binormalAUC).
var TargetingAUCs = []float64{0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99}

// targetingSweep: targeting of every class at today's referral rates
// (2% of cars, 17% of trucks flagged), intelligence quality varied along
// a binormal ROC.
func targetingSweep() []Policy {
	var out []Policy
	for _, a := range TargetingAUCs {
		p := today()
		p.Name = "auc-" + strconv.FormatFloat(a, 'g', -1, 64)
		p.Description = fmt.Sprintf("targeting with intelligence of AUC %g (binormal ROC) flags 2%% of cars and 17%% of trucks, replacing random selection", a)
		p.TargetAUC = map[string]float64{AllClasses: a}
		p.TargetRate = map[string]float64{"car": TodayCar, "truck": TodayTruck}
		out = append(out, p)
	}
	return out
}

// applyTargeting turns a target_auc into the lane's target_hit and
// target_false, with random referral off.
func (p *Policy) applyTargeting(c *scenario.Scenario) error {
	if len(p.TargetAUC) == 0 {
		if len(p.TargetRate) > 0 {
			return p.errorf("target_rate", "has no effect without target_auc")
		}
		return nil
	}
	classes := map[string]bool{}
	for _, cl := range c.Classes {
		classes[cl.Name] = true
	}
	if err := p.checkClasses("target_auc", keys(p.TargetAUC), classes, c); err != nil {
		return err
	}
	if err := p.checkClasses("target_rate", keys(p.TargetRate), classes, c); err != nil {
		return err
	}
	for i := range c.Ports {
		for l := range c.Ports[i].Lanes {
			ln := &c.Ports[i].Lanes[l]
			name := c.Classes[ln.Class].Name
			auc, ok := lookup(p.TargetAUC, name)
			if !ok {
				continue
			}
			if !(auc >= 0.5 && auc <= 1) {
				return p.errorf("target_auc."+name, "must be an area under the curve between 0.5 and 1, got %v", auc)
			}
			f := ln.Referral.Rate
			if x, ok := lookup(p.TargetRate, name); ok {
				f = x
			}
			ln.Referral = scenario.Referral{Rate: 0, TargetFalse: f, TargetHit: binormalHit(auc, f)}
		}
	}
	return nil
}

// targetingAUC returns the policy's single AUC (the AllClasses entry, or
// the one value every class shares), or NaN.
func (p *Policy) targetingAUC() float64 {
	if len(p.TargetAUC) == 0 {
		return math.NaN()
	}
	a := math.NaN()
	for _, k := range keys(p.TargetAUC) {
		if !math.IsNaN(a) && p.TargetAUC[k] != a {
			return math.NaN()
		}
		a = p.TargetAUC[k]
	}
	return a
}

// isTargetingSweep reports whether at least two policies set a single
// AUC each, all different: targeting.csv then has a row for each.
func (r *Results) isTargetingSweep() bool {
	seen := map[float64]bool{}
	for _, p := range r.Manifest.Policies {
		a := p.targetingAUC()
		if math.IsNaN(a) {
			continue
		}
		if seen[a] {
			return false
		}
		seen[a] = true
	}
	return len(seen) > 1
}

// targetingCSV writes targeting.csv: per policy with an AUC, ascending, the
// interdiction rate, loads and kg seized with their 95% intervals, and the
// share of vehicles inspected.
func (r *Results) targetingCSV() []byte {
	m := &r.Manifest
	var order []int
	for i, p := range m.Policies {
		if !math.IsNaN(p.targetingAUC()) {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return m.Policies[order[i]].targetingAUC() < m.Policies[order[j]].targetingAUC() })
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	metrics := []string{mInterdiction, mLoadsSeized, mKgSeized}
	head := []string{"auc"}
	for _, k := range metrics {
		head = append(head, k, k+"_lo", k+"_hi")
	}
	head = append(head, mShare)
	w.Write(head)
	for _, p := range order {
		row := []string{num(m.Policies[p].targetingAUC())}
		for _, k := range metrics {
			mean, lo, hi := r.Mean(p, r.metric(k))
			row = append(row, num(mean), num(lo), num(hi))
		}
		x, _, _ := r.Mean(p, r.metric(mShare))
		row = append(row, num(x))
		w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}
