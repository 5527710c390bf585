package report

import (
	"fmt"
	"io"
	"math"

	"borderflow/border"
	"borderflow/numfmt"
	"borderflow/scenario"
	"borderflow/sim"
)

// Checkpoints in the outputs (scenario.Checkpoint, ports/checkpoint.go): a
// checkpoint with inspection teams is a stage like primary. Its waits
// (mean, p95, max) per port and class, the vehicles it inspected and the
// loads it seized go into summary.json (a port's "checkpoint", by class),
// ports.csv and series.csv (columns after the others) and a table of the
// run's report. A scenario without staffed checkpoints has none of it:
// its outputs are what they were.

// CheckpointStage is one lane's checkpoint stage in one replication (or
// the border's, summed over ports).
type CheckpointStage struct {
	Present                               bool
	Inspected                             float64
	Wait                                  Wait // minutes, of the waits that ended in the window
	LoadsInspected, LoadsSeized, KgSeized float64
}

// HasCheckpointStages reports whether sc has a checkpoint with inspection
// teams (a closure is not a stage: it has no queue of its own).
func HasCheckpointStages(sc *scenario.Scenario) bool {
	for _, c := range sc.Checkpoints {
		if c.Servers > 0 {
			return true
		}
	}
	return false
}

// measureCheckpoints fills the classes' Checkpoint of every port and of
// the border (waits from the merged tallies and sketches, ports in
// order).
func measureCheckpoints(sc *scenario.Scenario, r *border.Result, m *Measures) {
	if !HasCheckpointStages(sc) {
		return
	}
	waits := make([]sim.Tally, len(sc.Classes))
	sketches := make([]sim.Sketch, len(sc.Classes))
	for p, pc := range sc.Ports {
		for l, lc := range pc.Lanes {
			ck := &r.Ports[p].Lanes[l].Checkpoint
			if ck.WaitQ == nil {
				continue
			}
			st := CheckpointStage{
				Present: true, Inspected: float64(ck.Inspected),
				Wait: Wait{Mean: ck.Waits.Mean() / 60, P50: ck.WaitQ.Quantile(0.5) / 60,
					P95: ck.WaitQ.Quantile(0.95) / 60, Max: ck.Waits.Max() / 60},
				LoadsInspected: float64(ck.LoadsInspected), LoadsSeized: float64(ck.LoadsSeized), KgSeized: ck.KgSeized,
			}
			m.Ports[p].Classes[lc.Class].Checkpoint = st
			t := &m.Total.Classes[lc.Class].Checkpoint
			t.Present = true
			t.Inspected += st.Inspected
			t.LoadsInspected += st.LoadsInspected
			t.LoadsSeized += st.LoadsSeized
			t.KgSeized += st.KgSeized
			waits[lc.Class].Merge(ck.Waits)
			sketches[lc.Class].Merge(ck.WaitQ)
		}
	}
	for c := range m.Total.Classes {
		if t := &m.Total.Classes[c].Checkpoint; t.Present {
			t.Wait = Wait{Mean: waits[c].Mean() / 60, P50: sketches[c].Quantile(0.5) / 60,
				P95: sketches[c].Quantile(0.95) / 60, Max: waits[c].Max() / 60}
		}
	}
}

// CheckpointSummary is one class's checkpoint stage at a port (or at the
// border) in summary.json, means over replications.
type CheckpointSummary struct {
	// Names are the checkpoints that stop the class at the port.
	Names     []string `json:"names"`
	Inspected float64  `json:"inspected"`
	// WaitMinutes are the waits for the checkpoint that ended in the
	// window (mean, p50, p95, max), as wait_minutes are primary's.
	WaitMinutes Wait `json:"wait_minutes"`
	// LoadsInspected are the loaded vehicles a checkpoint with a
	// detection method inspected; LoadsSeized and KgSeized what it found.
	LoadsInspected float64 `json:"loads_inspected"`
	LoadsSeized    float64 `json:"loads_seized"`
	KgSeized       float64 `json:"kg_seized"`
}

// checkpointGroup is a port's (or the border's, port −1) "checkpoint":
// by class; nil without a staffed checkpoint. The mean wait's 95%
// interval goes into ci as "checkpoint.CLASS.wait_minutes.mean".
func (s *Summary) checkpointGroup(port int, of func(m *Measures) *Group, ci map[string][2]float64) map[string]*CheckpointSummary {
	ms := s.measures
	if len(ms) == 0 {
		return nil
	}
	var out map[string]*CheckpointSummary
	g0 := of(ms[0])
	for c, cls := range s.sc.Classes {
		if c >= len(g0.Classes) || !g0.Classes[c].Checkpoint.Present {
			continue
		}
		if out == nil {
			out = map[string]*CheckpointSummary{}
		}
		st := func(f func(x *CheckpointStage) float64) []float64 {
			return over(ms, func(m *Measures) float64 { return f(&of(m).Classes[c].Checkpoint) })
		}
		waitMean := st(func(x *CheckpointStage) float64 { return x.Wait.Mean })
		if lo, hi, ok := CI95(waitMean, NonNegative); ok && ci != nil {
			ci["checkpoint."+cls.Name+".wait_minutes.mean"] = [2]float64{lo, hi}
		}
		out[cls.Name] = &CheckpointSummary{
			Names:     s.checkpointNames(port, c),
			Inspected: mean(st(func(x *CheckpointStage) float64 { return x.Inspected })),
			WaitMinutes: Wait{
				Mean: mean(waitMean),
				P50:  mean(st(func(x *CheckpointStage) float64 { return x.Wait.P50 })),
				P95:  mean(st(func(x *CheckpointStage) float64 { return x.Wait.P95 })),
				Max:  mean(st(func(x *CheckpointStage) float64 { return x.Wait.Max })),
			},
			LoadsInspected: mean(st(func(x *CheckpointStage) float64 { return x.LoadsInspected })),
			LoadsSeized:    mean(st(func(x *CheckpointStage) float64 { return x.LoadsSeized })),
			KgSeized:       mean(st(func(x *CheckpointStage) float64 { return x.KgSeized })),
		}
	}
	return out
}

// checkpoints is checkpointGroup for port p (−1: the border), its
// intervals added to p's.
func (s *Summary) checkpoints(port int, p *Port, of func(m *Measures) *Group) map[string]*CheckpointSummary {
	ci := map[string][2]float64{}
	out := s.checkpointGroup(port, of, ci)
	if len(ci) > 0 {
		if p.CI95 == nil {
			p.CI95 = map[string][2]float64{}
		}
		for k, v := range ci {
			p.CI95[k] = v
		}
	}
	return out
}

// checkpointNames are the names of the staffed checkpoints that stop
// class c at port (every port for −1), each once, in scenario order.
func (s *Summary) checkpointNames(port, c int) []string {
	names := []string{}
	for _, ck := range s.sc.Checkpoints {
		if ck.Servers == 0 || !ck.Classes[c] || (port >= 0 && ck.Port != port) {
			continue
		}
		seen := false
		for _, n := range names {
			seen = seen || n == ck.Name
		}
		if !seen {
			names = append(names, ck.Name)
		}
	}
	return names
}

// checkpointColumns are ports.csv's checkpoint columns, appended when the
// scenario has a staffed checkpoint (empty for a lane without one).
var checkpointColumns = []struct {
	name string
	f    func(x *CheckpointStage) float64
}{
	{"checkpoint_inspected", func(x *CheckpointStage) float64 { return x.Inspected }},
	{"checkpoint_wait_mean_min", func(x *CheckpointStage) float64 { return x.Wait.Mean }},
	{"checkpoint_wait_p95_min", func(x *CheckpointStage) float64 { return x.Wait.P95 }},
	{"checkpoint_wait_max_min", func(x *CheckpointStage) float64 { return x.Wait.Max }},
	{"checkpoint_loads_seized", func(x *CheckpointStage) float64 { return x.LoadsSeized }},
}

func (s *Summary) checkpointHeader() []string {
	if !HasCheckpointStages(s.sc) {
		return nil
	}
	var h []string
	for _, c := range checkpointColumns {
		h = append(h, c.name)
	}
	return h
}

func (s *Summary) checkpointCells(p, class int) []string {
	if !HasCheckpointStages(s.sc) {
		return nil
	}
	out := make([]string, len(checkpointColumns))
	if len(s.measures) == 0 || !s.measures[0].Ports[p].Classes[class].Checkpoint.Present {
		return out
	}
	for i, col := range checkpointColumns {
		out[i] = num(mean(over(s.measures, func(m *Measures) float64 { return col.f(&m.Ports[p].Classes[class].Checkpoint) })))
	}
	return out
}

// checkpointTable prints the checkpoint stages: per port and class, the
// vehicles inspected, their waits in hours (a checkpoint's queue runs to
// hours where primary's runs to minutes) and the loads seized.
func (s *Summary) checkpointTable(w io.Writer) error {
	rows := append([]Port(nil), s.Ports...)
	if len(s.Ports) > 1 {
		rows = append(rows, s.Total.Port)
	}
	tb := numfmt.Table{Left: 2}
	n := 0
	hours := func(min float64) string { return fmt.Sprintf("%.1f", min/60) }
	for _, p := range rows {
		name := p.Name
		for _, c := range s.sc.Classes {
			x := p.Checkpoint[c.Name]
			if x == nil {
				continue
			}
			if n == 0 {
				tb.Row("port", "class", "inspected", "wait mean h", "wait p95 h", "wait max h", "loads seized", "")
			}
			mark := ""
			if p.Unstable[c.Name] {
				mark = UnstableMark
			}
			mean := hours(x.WaitMinutes.Mean)
			if iv, ok := p.CI95["checkpoint."+c.Name+".wait_minutes.mean"]; ok && !math.IsNaN(iv[0]) {
				mean += " [" + hours(iv[0]) + ", " + hours(iv[1]) + "]"
			}
			tb.Row(name, c.Name, numfmt.Grouped(x.Inspected), mean, hours(x.WaitMinutes.P95), hours(x.WaitMinutes.Max),
				numfmt.Grouped(x.LoadsSeized)+"/"+numfmt.Grouped(x.LoadsInspected), mark)
			name = ""
			n++
		}
	}
	if n == 0 {
		return nil
	}
	fmt.Fprintf(w, "\ncheckpoints (a stage after the port's inspection: its waits; loads found of those inspected; docs/OUTPUTS.md)\n")
	_, err := tb.WriteTo(w)
	return err
}
