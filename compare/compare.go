package compare

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"borderflow/infile"
	"borderflow/sim"
)

// maxFileBytes bounds what Read takes from a run's files: a year of the
// whole border writes replications.csv in kilobytes per replication, so a
// file far larger is not a run's.
const maxFileBytes = 256 << 20

// Run is what a run folder says of itself and its replications.
type Run struct {
	Dir          string
	Scenario     string
	Seed         uint64
	Replications int
	HorizonHours float64
	WarmupHours  float64
	// Measures are replications.csv's columns after replication, port
	// and class, in its order.
	Measures []string
	// Lanes are the (port, class) pairs in the order of the file.
	Lanes []Lane
	// values[lane][measure][replication]
	values map[Lane][][]float64
}

// Lane is a port and a vehicle class.
type Lane struct{ Port, Class string }

// NotPaired is the reason two folders cannot be compared.
type NotPaired struct{ Why string }

func (e *NotPaired) Error() string { return e.Why }

// Read reads a run folder's summary.json and replications.csv.
func Read(dir string) (*Run, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: no such folder", dir)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	sumPath := filepath.Join(dir, "summary.json")
	data, err := readBounded(sumPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s has no summary.json: not the output folder of borderflow run", dir)
		}
		return nil, err
	}
	var head struct {
		Scenario     *string  `json:"scenario"`
		Seed         *uint64  `json:"seed"`
		Replications *int     `json:"replications"`
		HorizonHours *float64 `json:"horizon_hours"`
		WarmupHours  *float64 `json:"warmup_hours"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s: %v", sumPath, err)
	}
	if head.Scenario == nil || head.Seed == nil || head.Replications == nil || head.HorizonHours == nil || head.WarmupHours == nil {
		return nil, fmt.Errorf("%s lacks scenario, seed, replications, horizon_hours or warmup_hours: not a run's summary", sumPath)
	}
	r := &Run{Dir: dir, Scenario: *head.Scenario, Seed: *head.Seed, Replications: *head.Replications,
		HorizonHours: *head.HorizonHours, WarmupHours: *head.WarmupHours, values: map[Lane][][]float64{}}
	if r.Replications < 1 {
		return nil, fmt.Errorf("%s: %d replications", sumPath, r.Replications)
	}
	repPath := filepath.Join(dir, "replications.csv")
	data, err = readBounded(repPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s has no replications.csv: not the output folder of borderflow run", dir)
		}
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", repPath, err)
	}
	if len(header) < 4 || header[0] != "replication" || header[1] != "port" || header[2] != "class" {
		return nil, fmt.Errorf("%s: the header must start replication,port,class and name at least one measure", repPath)
	}
	r.Measures = append([]string(nil), header[3:]...)
	seen := map[Lane][]bool{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", repPath, err)
		}
		rep, err := strconv.Atoi(rec[0])
		if err != nil || rep < 0 || rep >= r.Replications {
			return nil, fmt.Errorf("%s:%d: replication %q: want 0 to %d (summary.json's replications)", repPath, line, rec[0], r.Replications-1)
		}
		l := Lane{rec[1], rec[2]}
		vals, ok := r.values[l]
		if !ok {
			vals = make([][]float64, len(r.Measures))
			for i := range vals {
				vals[i] = make([]float64, r.Replications)
			}
			r.values[l] = vals
			seen[l] = make([]bool, r.Replications)
			r.Lanes = append(r.Lanes, l)
		}
		if seen[l][rep] {
			return nil, fmt.Errorf("%s:%d: replication %d of %s %s appears twice", repPath, line, rep, l.Port, l.Class)
		}
		seen[l][rep] = true
		for i, s := range rec[3:] {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || strings.Contains(s, "_") {
				return nil, fmt.Errorf("%s:%d: %s = %q: want a finite number", repPath, line, r.Measures[i], s)
			}
			vals[i][rep] = x
		}
	}
	for _, l := range r.Lanes {
		for rep, ok := range seen[l] {
			if !ok {
				return nil, fmt.Errorf("%s: replication %d of %s %s is missing", repPath, rep, l.Port, l.Class)
			}
		}
	}
	if len(r.Lanes) == 0 {
		return nil, fmt.Errorf("%s holds no replication", repPath)
	}
	return r, nil
}

// readBounded reads a regular file of at most maxFileBytes.
func readBounded(path string) ([]byte, error) {
	// By the rule of every input (infile): a regular file, its size
	// counted while reading (a FIFO blocked os.Open for ever).
	data, err := infile.Read(context.Background(), path, maxFileBytes)
	if errors.Is(err, infile.ErrTooLarge) {
		return nil, fmt.Errorf("%s is larger than %d MB: not a run's file", path, maxFileBytes>>20)
	}
	return data, err
}

// Row is one measure of one lane (or of the border, Port "all").
type Row struct {
	Port, Class, Measure string
	A, B                 float64 // means over replications
	Diff, Lo, Hi         float64 // B − A and its 95% paired interval
	Interval             bool    // false with one replication
}

// Comparison is B against A, measure by measure.
type Comparison struct {
	A, B *Run
	Rows []Row
}

// Pair compares b against a, or says why they do not pair.
func Pair(a, b *Run) (*Comparison, error) {
	var why []string
	if a.Scenario != b.Scenario {
		why = append(why, fmt.Sprintf("different scenarios: %s in %s, %s in %s", a.Scenario, a.Dir, b.Scenario, b.Dir))
	}
	if a.Seed != b.Seed {
		why = append(why, fmt.Sprintf("different seeds: %d and %d (pairs need the same random numbers)", a.Seed, b.Seed))
	}
	if a.Replications != b.Replications {
		why = append(why, fmt.Sprintf("different replications: %d and %d", a.Replications, b.Replications))
	}
	if a.HorizonHours != b.HorizonHours || a.WarmupHours != b.WarmupHours {
		why = append(why, fmt.Sprintf("different horizons: %gh after %gh of warm-up, and %gh after %gh", a.HorizonHours, a.WarmupHours, b.HorizonHours, b.WarmupHours))
	}
	if strings.Join(a.Measures, ",") != strings.Join(b.Measures, ",") {
		why = append(why, "different measures in replications.csv (runs of different borderflow versions?)")
	}
	if len(why) == 0 {
		var only []string
		for _, l := range a.Lanes {
			if _, ok := b.values[l]; !ok {
				only = append(only, fmt.Sprintf("%s %s only in %s", l.Port, l.Class, a.Dir))
			}
		}
		for _, l := range b.Lanes {
			if _, ok := a.values[l]; !ok {
				only = append(only, fmt.Sprintf("%s %s only in %s", l.Port, l.Class, b.Dir))
			}
		}
		if len(only) > 0 {
			why = append(why, "different ports or classes: "+strings.Join(only, "; "))
		}
	}
	if len(why) > 0 {
		return nil, &NotPaired{fmt.Sprintf("%s and %s do not pair: %s", a.Dir, b.Dir, strings.Join(why, "; "))}
	}
	c := &Comparison{A: a, B: b, Rows: totals(a, b)}
	for _, l := range a.Lanes {
		for i, m := range a.Measures {
			c.Rows = append(c.Rows, row(l.Port, l.Class, m, a.values[l][i], b.values[l][i]))
		}
	}
	return c, nil
}

func row(port, class, measure string, a, b []float64) Row {
	r := Row{Port: port, Class: class, Measure: measure, A: mean(a), B: mean(b)}
	r.Diff, r.Lo, r.Hi = sim.PairedCI95(b, a)
	r.Interval = len(a) > 1
	return r
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// totals are the border's rows (Port "all", Class "all"), replication by
// replication: sums of what adds up over lanes, the interdiction rate as
// kg seized over kg attempted and the mean wait weighted by departures (as
// summary.json's totals are); a quantile does not add up and is left out.
func totals(a, b *Run) []Row {
	idx := map[string]int{}
	for i, m := range a.Measures {
		idx[m] = i
	}
	sum := func(r *Run, i int) []float64 {
		out := make([]float64, r.Replications)
		for _, l := range r.Lanes {
			for k, x := range r.values[l][i] {
				out[k] += x
			}
		}
		return out
	}
	weighted := func(r *Run, i, w int) []float64 {
		num := make([]float64, r.Replications)
		den := make([]float64, r.Replications)
		for _, l := range r.Lanes {
			for k := range num {
				num[k] += r.values[l][i][k] * r.values[l][w][k]
				den[k] += r.values[l][w][k]
			}
		}
		for k := range num {
			if den[k] > 0 {
				num[k] /= den[k]
			}
		}
		return num
	}
	var rows []Row
	for i, m := range a.Measures {
		switch {
		case m == "interdiction_rate":
			t, ok1 := idx["kg_seized"]
			at, ok2 := idx["kg_attempted"]
			if !ok1 || !ok2 {
				continue
			}
			ratio := func(r *Run) []float64 {
				num, den := sum(r, t), sum(r, at)
				for k := range num {
					if den[k] > 0 {
						num[k] /= den[k]
					} else {
						num[k] = 0
					}
				}
				return num
			}
			rows = append(rows, row("all", "all", m, ratio(a), ratio(b)))
		case strings.HasPrefix(m, "wait_mean"):
			w, ok := idx["departures"]
			if !ok {
				continue
			}
			rows = append(rows, row("all", "all", m, weighted(a, i, w), weighted(b, i, w)))
		case strings.Contains(m, "p95") || strings.Contains(m, "p50") || strings.Contains(m, "max") ||
			strings.Contains(m, "rate") || strings.Contains(m, "share") || strings.HasPrefix(m, "wait_"):
			// not additive over lanes
		default:
			rows = append(rows, row("all", "all", m, sum(a, i), sum(b, i)))
		}
	}
	return rows
}

// Significant reports whether the row's interval excludes 0.
func (r Row) Significant() bool { return r.Interval && (r.Lo > 0 || r.Hi < 0) }

// Lookup returns the row of a lane's measure.
func (c *Comparison) Lookup(port, class, measure string) (Row, bool) {
	for _, r := range c.Rows {
		if r.Port == port && r.Class == class && r.Measure == measure {
			return r, true
		}
	}
	return Row{}, false
}
