package plots

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
)

// table is a CSV file with a header row, read as strings; numbers are
// parsed on demand so that a column a chart does not use cannot break it.
type table struct {
	file string
	col  map[string]int
	rows [][]string
}

// readTable parses a CSV file. A missing file gives (nil, nil): every
// chart is drawn from whichever files are present.
func readTable(files map[string][]byte, name string) (*table, error) {
	b, ok := files[name]
	if !ok {
		return nil, nil
	}
	// Every CSV a run writes ends with a newline: one that does not was
	// cut short, and its last row would be charted as if whole.
	if len(b) > 0 && b[len(b)-1] != '\n' {
		return nil, fmt.Errorf("%s:%d: the file ends in the middle of a line: it was cut short", name, bytes.Count(b, []byte("\n"))+1)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	t := &table{file: name, col: map[string]int{}}
	if len(recs) == 0 {
		return t, nil
	}
	for i, h := range recs[0] {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := t.col[h]; !dup {
			t.col[h] = i
		}
	}
	t.rows = recs[1:]
	return t, nil
}

// has reports whether every named column is present.
func (t *table) has(cols ...string) bool {
	if t == nil {
		return false
	}
	for _, c := range cols {
		if _, ok := t.col[c]; !ok {
			return false
		}
	}
	return true
}

// str returns row i's value in column c ("" when absent).
func (t *table) str(i int, c string) string {
	j, ok := t.col[c]
	if !ok || j >= len(t.rows[i]) {
		return ""
	}
	return strings.TrimSpace(t.rows[i][j])
}

// num returns row i's number in column c (cellNum).
func (t *table) num(i int, c string) (float64, error) {
	return cellNum(t.file, i+2, c, t.str(i, c))
}

// cellNum reads the cell s of a file's line in column c. An empty cell is
// 0; a value that is not a number, or not a finite one, or beyond
// maxValue is an error naming the file, line and column. (-inf was read
// as 0 while 1e308 was refused: no run writes either, so both are
// refused.)
func cellNum(file string, line int, c, s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%s:%d: column %s: %q is not a number", file, line, c, s)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%s:%d: column %s: %s is not a finite number (no run writes one)", file, line, c, s)
	}
	if math.Abs(x) > maxValue {
		return 0, fmt.Errorf("%s:%d: column %s: %s is too large to chart (%s)", file, line, c, s, maxValueWhy)
	}
	return x, nil
}

// opener opens an input file: (nil, nil) when there is none.
type opener func(name string) (io.ReadCloser, error)

// inputs opens the files in files and, for those not in it, what open
// gives (nil: none; an error satisfying errors.Is(err, fs.ErrNotExist)
// is a missing file).
func inputs(files map[string][]byte, open func(name string) (io.ReadCloser, error)) opener {
	return func(name string) (io.ReadCloser, error) {
		if b, ok := files[name]; ok {
			return io.NopCloser(bytes.NewReader(b)), nil
		}
		if open == nil {
			return nil, nil
		}
		rc, err := open(name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return rc, nil
	}
}

// rowReader reads a CSV file with a header row one row at a time (a long
// series.csv is not held whole): the cells of the current row by column
// name, as readTable's table gives them.
type rowReader struct {
	file string
	col  map[string]int
	rec  []string
	rows int // rows read, the header not counted
	tail *tailReader
	csv  *csv.Reader
}

// tailReader remembers how many lines it passed on and their last byte.
type tailReader struct {
	r     io.Reader
	lines int
	last  byte
}

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		t.lines += bytes.Count(p[:n], []byte("\n"))
		t.last = p[n-1]
	}
	return n, err
}

// newRowReader reads the header; nil for an empty file.
func newRowReader(r io.Reader, name string) (*rowReader, error) {
	t := &tailReader{r: r}
	rr := &rowReader{file: name, col: map[string]int{}, tail: t, csv: csv.NewReader(t)}
	rr.csv.FieldsPerRecord = -1
	rr.csv.ReuseRecord = true
	head, err := rr.csv.Read()
	if err == io.EOF {
		return nil, rr.cut()
	}
	if err != nil {
		return nil, rr.fail(err)
	}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := rr.col[h]; !dup {
			rr.col[h] = i
		}
	}
	return rr, nil
}

// next reads the next row: false at the end of the file.
func (r *rowReader) next() (bool, error) {
	rec, err := r.csv.Read()
	if err == io.EOF {
		return false, r.cut()
	}
	if err != nil {
		return false, r.fail(err)
	}
	r.rec = rec
	r.rows++
	return true, nil
}

// drain reads the rest of the file, for its errors.
func (r *rowReader) drain() error {
	for {
		ok, err := r.next()
		if !ok || err != nil {
			return err
		}
	}
}

// cut is the error of a file that does not end with a newline (every CSV
// a run writes does): it was cut short, and its last row would be charted
// as if whole.
func (r *rowReader) cut() error {
	if r.tail.lines == 0 && r.tail.last == 0 {
		return nil // empty
	}
	if r.tail.last != '\n' {
		return fmt.Errorf("%s:%d: the file ends in the middle of a line: it was cut short", r.file, r.tail.lines+1)
	}
	return nil
}

// fail is the error of a row the CSV reader refused: the file cut short
// when it was (a cut quoted cell is refused before the end is seen).
func (r *rowReader) fail(err error) error {
	if _, rerr := io.Copy(io.Discard, r.tail); rerr == nil {
		if cerr := r.cut(); cerr != nil {
			return cerr
		}
	}
	return fmt.Errorf("%s: %v", r.file, err)
}

// line is the current row's line in the file (rows of one line each).
func (r *rowReader) line() int { return r.rows + 1 }

func (r *rowReader) has(cols ...string) bool {
	for _, c := range cols {
		if _, ok := r.col[c]; !ok {
			return false
		}
	}
	return true
}

// str returns the current row's value in column c ("" when absent).
func (r *rowReader) str(c string) string {
	j, ok := r.col[c]
	if !ok || j >= len(r.rec) {
		return ""
	}
	return strings.TrimSpace(r.rec[j])
}

// num returns the current row's number in column c (cellNum).
func (r *rowReader) num(c string) (float64, error) {
	return cellNum(r.file, r.line(), c, r.str(c))
}

// maxValue bounds the numbers the charts read: a larger number is a
// corrupt file, and sums of a million such numbers stay finite (10^308
// overflowed to "plotter: infinite data point", with no file or line).
// Costs are the largest numbers a run writes, and the scenario's bounds
// keep them under it for any run that finishes: a lane holds at most
// three days of its mean arrivals, so an arrival adds of the order of 72
// vehicle-hours of delay at most, at most 1e6 USD each (value_of_time),
// and a trip not made costs at most 1e9 USD; 1e20 then takes 1e11
// arrivals. A lower bound failed valid runs of an overloaded lane at
// their charts, after the whole simulation.
const maxValue = 1e20

const maxValueWhy = "at most 1e20: larger than any count, wait or cost a run writes"

// checkMagnitudes refuses a number in summary.json beyond maxValue (the
// seed, an identifier, is not charted), naming its key.
func checkMagnitudes(path string, v any) error {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "seed" {
				continue
			}
			p := k
			if path != "" {
				p = path + "." + k
			}
			if err := checkMagnitudes(p, x[k]); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range x {
			if err := checkMagnitudes(fmt.Sprintf("%s[%d]", path, i), e); err != nil {
				return err
			}
		}
	case json.Number:
		if f, err := x.Float64(); err != nil || math.Abs(f) > maxValue {
			return fmt.Errorf("summary.json: %s: %s is too large to chart (%s)", path, x, maxValueWhy)
		}
	}
	return nil
}

// nums reads the named columns of row i.
func (t *table) nums(i int, cols ...string) ([]float64, error) {
	v := make([]float64, len(cols))
	for k, c := range cols {
		x, err := t.num(i, c)
		if err != nil {
			return nil, err
		}
		v[k] = x
	}
	return v, nil
}

// wait is a wait-time summary in minutes (summary.json).
type wait struct {
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P95  float64 `json:"p95"`
	Max  float64 `json:"max"`
}

// drug is one drug's numbers in summary.json.
type drug struct {
	LoadsAttempted   float64 `json:"loads_attempted"`
	LoadsSeized      float64 `json:"loads_seized"`
	KgAttempted      float64 `json:"kg_attempted"`
	KgSeized         float64 `json:"kg_seized"`
	KgDelivered      float64 `json:"kg_delivered"`
	InterdictionRate float64 `json:"interdiction_rate"`
}

// portSummary is a port's (or the total's) entry in summary.json: the
// fields the charts and the index page read. Unknown fields are ignored.
type portSummary struct {
	Name                 string                `json:"name"`
	State                string                `json:"state"`
	Arrivals             map[string]float64    `json:"arrivals"`
	Departures           map[string]float64    `json:"departures"`
	WaitMinutes          map[string]wait       `json:"wait_minutes"`
	Referrals            float64               `json:"referrals"`
	SecondaryInspections float64               `json:"secondary_inspections"`
	MissedReferrals      float64               `json:"missed_referrals"`
	LoadsAttempted       float64               `json:"loads_attempted"`
	LoadsSeized          float64               `json:"loads_seized"`
	KgAttempted          float64               `json:"kg_attempted"`
	KgSeized             float64               `json:"kg_seized"`
	KgDelivered          float64               `json:"kg_delivered"`
	InterdictionRate     float64               `json:"interdiction_rate"`
	DelayVehicleHours    float64               `json:"delay_vehicle_hours"`
	DelayCostUSD         float64               `json:"delay_cost_usd"`
	DelayCostParts       map[string]float64    `json:"delay_cost_parts_usd"`
	Drugs                map[string]drug       `json:"drugs"`
	CI95                 map[string][2]float64 `json:"ci95"`
	// PressureWait is the port's wait-pressure threshold in minutes, when
	// the summary carries one (json.RawMessage: read defensively).
	PressureWait json.RawMessage `json:"pressure_wait_minutes"`
	// Checkpoint is each class's checkpoint stage, when the run has one.
	Checkpoint map[string]checkpointStage `json:"checkpoint"`
}

// checkpointStage is a class's checkpoint stage at a port in
// summary.json: its waits in minutes and what it seized.
type checkpointStage struct {
	Names          []string `json:"names"`
	Inspected      float64  `json:"inspected"`
	WaitMinutes    wait     `json:"wait_minutes"`
	LoadsInspected float64  `json:"loads_inspected"`
	LoadsSeized    float64  `json:"loads_seized"`
}

// surge is a staff surge at one port, in days from the start of the
// statistics window.
type surge struct {
	Port     string  `json:"port"`
	StartDay float64 `json:"start_day"`
	EndDay   float64 `json:"end_day"`
}

// summary is what the charts read of summary.json.
type summary struct {
	Scenario     string        `json:"scenario"`
	Description  string        `json:"description"`
	Seed         uint64        `json:"seed"`
	Replications int           `json:"replications"`
	HorizonHours float64       `json:"horizon_hours"`
	WarmupHours  float64       `json:"warmup_hours"`
	Ports        []portSummary `json:"ports"`
	Total        portSummary   `json:"total"`

	// Sections other parts of the model add, read defensively: a shape
	// the charts do not know is ignored, never an error.
	PressureRaw json.RawMessage `json:"pressure_wait_minutes"`
	SurgesRaw   json.RawMessage `json:"surges"`

	surges   []surge
	pressure map[string]float64 // port name (or "" for all ports) → minutes
}

// readSummary parses summary.json; a missing file gives (nil, nil).
func readSummary(files map[string][]byte) (*summary, error) {
	b, ok := files["summary.json"]
	if !ok {
		return nil, nil
	}
	s := &summary{}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("summary.json: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err == nil {
		if err := checkMagnitudes("", raw); err != nil {
			return nil, err
		}
	}
	if len(s.SurgesRaw) > 0 {
		var ss []surge
		if json.Unmarshal(s.SurgesRaw, &ss) == nil {
			for _, x := range ss {
				if x.EndDay > x.StartDay && finite(x.StartDay) && finite(x.EndDay) {
					s.surges = append(s.surges, x)
				}
			}
		}
	}
	s.pressure = map[string]float64{}
	addPressure(s.pressure, "", s.PressureRaw)
	for _, p := range s.Ports {
		addPressure(s.pressure, p.Name, p.PressureWait)
	}
	return s, nil
}

// addPressure reads a pressure threshold given as a number (for one port,
// or for all when port is "") or as an object {port: minutes}. Zero means
// off and is dropped.
func addPressure(m map[string]float64, port string, raw json.RawMessage) {
	if len(raw) == 0 {
		return
	}
	var x float64
	if json.Unmarshal(raw, &x) == nil {
		if x > 0 && finite(x) {
			m[port] = x
		}
		return
	}
	var byPort map[string]float64
	if json.Unmarshal(raw, &byPort) == nil {
		for k, v := range byPort {
			if v > 0 && finite(v) {
				m[k] = v
			}
		}
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
