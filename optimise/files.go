package optimise

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"borderflow/numfmt"
)

func num(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// LimitReport is one wait limit at the baseline and at the best
// allocation, on the fresh replications.
type LimitReport struct {
	Port     string  `json:"port"`
	Class    string  `json:"class"`
	Stat     string  `json:"stat"`
	Minutes  float64 `json:"limit_minutes"`
	Baseline float64 `json:"baseline_minutes"`
	Best     float64 `json:"best_minutes"`
}

// Summary is optimise.json.
type Summary struct {
	Scenario     string     `json:"scenario"`
	Budget       string     `json:"budget_file"`
	Objective    string     `json:"objective"`
	Direction    string     `json:"direction"`
	Total        float64    `json:"budget_total"`
	BaselineCost float64    `json:"baseline_cost"`
	BestCost     float64    `json:"best_cost"`
	Replications int        `json:"replications"`
	Confirm      int        `json:"confirm_replications"`
	Evaluations  int        `json:"evaluations"`
	Simulations  int        `json:"simulations"`
	Stop         string     `json:"stop"`
	Changes      []string   `json:"changes"`
	BaselineMean float64    `json:"baseline_objective"`
	BestMean     float64    `json:"best_objective"`
	Gain         float64    `json:"gain"`
	GainCI95     [2]float64 `json:"gain_ci95"`
	// BaselineDelayCost and BestDelayCost are the whole cost of delay
	// over the horizon (USD, means over the fresh replications), and
	// DelayCostChange best − baseline with its paired 95% interval.
	BaselineDelayCost   float64       `json:"baseline_delay_cost_usd"`
	BestDelayCost       float64       `json:"best_delay_cost_usd"`
	DelayCostChange     float64       `json:"delay_cost_change_usd"`
	DelayCostChangeCI95 [2]float64    `json:"delay_cost_change_usd_ci95"`
	BestFeasible        bool          `json:"best_feasible"`
	BaseFeasible        bool          `json:"baseline_feasible"`
	Limits              []LimitReport `json:"limits"`
	HorizonSeconds      float64       `json:"horizon_seconds"`
	WallSeconds         float64       `json:"wall_seconds"`
}

// Summarise builds optimise.json's content. wall is the run time.
func (r *Result) Summarise(wall float64) *Summary {
	s := r.Space
	b := s.Budget
	dir := "maximise"
	if s.sign() < 0 {
		dir = "minimise"
	}
	h := s.Base.Horizon
	if b.Horizon > 0 {
		h = b.Horizon
	}
	out := &Summary{
		Scenario: s.Base.Name, Budget: b.File, Objective: b.Objective, Direction: dir,
		Total: s.Total, BaselineCost: r.Baseline.Cost, BestCost: r.Best.Cost,
		Replications: b.Replications, Confirm: b.Confirm,
		Evaluations: len(r.Explored) + 2, Simulations: len(r.Explored)*b.Replications + 2*b.Confirm,
		Stop: r.Stop, BaselineMean: r.ConfirmBaseline.Mean(), BestMean: r.ConfirmBest.Mean(),
		Gain: r.Diff, GainCI95: [2]float64{r.Lo, r.Hi},
		BestFeasible: r.ConfirmBest.Violation(s) == 0, BaseFeasible: r.ConfirmBaseline.Violation(s) == 0,
		HorizonSeconds: h, WallSeconds: wall,
	}
	out.BaselineDelayCost, out.BestDelayCost = mean(r.ConfirmBaseline.DelayCost), mean(r.ConfirmBest.DelayCost)
	if d := pairedDiff(r.ConfirmBest.DelayCost, r.ConfirmBaseline.DelayCost); len(d) > 0 {
		out.DelayCostChange, out.DelayCostChangeCI95[0], out.DelayCostChangeCI95[1] = ci(d)
	}
	ch := s.String(r.Best.Allocation)
	out.Changes = strings.Split(ch, "; ")
	for i, l := range s.Limits {
		out.Limits = append(out.Limits, LimitReport{Port: l.Port, Class: l.Class, Stat: l.Stat, Minutes: l.Minutes,
			Baseline: mean(r.ConfirmBaseline.Waits[i]), Best: mean(r.ConfirmBest.Waits[i])})
	}
	return out
}

// Files renders the output folder: optimise.json, explored.csv (every
// allocation scored: the trade-off the search explored) and
// allocation.csv (every variable, the scenario's value and the best).
func (r *Result) Files(wall float64) (map[string][]byte, error) {
	files := map[string][]byte{}
	js, err := json.MarshalIndent(r.Summarise(wall), "", "  ")
	if err != nil {
		return nil, err
	}
	files["optimise.json"] = append(js, '\n')

	s := r.Space
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := []string{"index", "cost", r.Space.Budget.Objective, r.Space.Budget.Objective + "_lo", r.Space.Budget.Objective + "_hi", "worst_wait_ratio", "delay_cost_usd", "feasible", "on_path", "best", "changes"}
	w.Write(head)
	for _, e := range r.Explored {
		m, lo, hi := ci(e.Objective)
		w.Write([]string{strconv.Itoa(e.Index), num(e.Cost), num(m), num(lo), num(hi), num(e.Worst(s)), num(mean(e.DelayCost)),
			strconv.FormatBool(e.Violation(s) == 0), strconv.FormatBool(e.Accepted), strconv.FormatBool(e == r.Best), s.String(e.Allocation)})
	}
	w.Flush()
	files["explored.csv"] = bytes.Clone(b.Bytes())

	b.Reset()
	w = csv.NewWriter(&b)
	w.Write([]string{"variable", "baseline", "best"})
	for i, v := range s.Vars {
		w.Write([]string{v.Name, strconv.Itoa(v.Base), strconv.Itoa(r.Best.Allocation[i])})
	}
	w.Flush()
	files["allocation.csv"] = bytes.Clone(b.Bytes())
	return files, nil
}

// Table prints the result for the terminal.
func (r *Result) Table(w io.Writer, wall float64) error {
	sm := r.Summarise(wall)
	fmt.Fprintf(w, "optimise %s with %s: %s %s, budget %s a day (the scenario's own allocation costs %s)\n",
		sm.Scenario, sm.Budget, sm.Direction, sm.Objective, num(sm.Total), num(sm.BaselineCost))
	stop := "a " + sm.Stop
	if sm.Stop == "evaluation cap" {
		stop = "the " + sm.Stop
	}
	fmt.Fprintf(w, "%d allocations scored × %d replications (common random numbers), stopped at %s; best and baseline then on %d fresh replications; %d simulations in %.1f s\n\n",
		len(r.Explored), sm.Replications, stop, sm.Confirm, sm.Simulations, wall)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tallocation\tcost\t%s\tfeasible\t\n", sm.Objective)
	fmt.Fprintf(tw, "\tbaseline\t%s\t%s\t%v\t\n", num(sm.BaselineCost), num(sm.BaselineMean), sm.BaseFeasible)
	fmt.Fprintf(tw, "\tbest\t%s\t%s\t%v\t\n", num(sm.BestCost), num(sm.BestMean), sm.BestFeasible)
	if err := tw.Flush(); err != nil {
		return err
	}
	better := "better"
	if sm.Direction == "minimise" {
		better = "lower"
	}
	fmt.Fprintf(w, "\nbest − baseline (paired, fresh replications, %s is positive): %s [%s, %s] %s\n", better, num(sm.Gain), num(sm.GainCI95[0]), num(sm.GainCI95[1]), sm.Objective)
	fmt.Fprintf(w, "whole cost of delay over the horizon (docs/OUTPUTS.md): baseline %s, best %s; best − baseline %s [%s, %s]\n",
		numfmt.USD(sm.BaselineDelayCost), numfmt.USD(sm.BestDelayCost), numfmt.Signed(sm.DelayCostChange, numfmt.USD),
		numfmt.Signed(sm.DelayCostChangeCI95[0], numfmt.USD), numfmt.Signed(sm.DelayCostChangeCI95[1], numfmt.USD))
	for _, l := range sm.Limits {
		fmt.Fprintf(w, "  %s %s %s wait ≤ %s min: baseline %.1f, best %.1f\n", l.Port, l.Class, l.Stat, num(l.Minutes), l.Baseline, l.Best)
	}
	fmt.Fprintf(w, "changes:\n")
	for _, c := range sm.Changes {
		fmt.Fprintf(w, "  %s\n", c)
	}
	return nil
}

func ci(x []float64) (m, lo, hi float64) {
	if len(x) < 2 {
		v := mean(x)
		return v, v, v
	}
	return meanCI(x)
}

// pairedDiff is a − b replication by replication (nil when their lengths
// differ).
func pairedDiff(a, b []float64) []float64 {
	if len(a) != len(b) {
		return nil
	}
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	return d
}
