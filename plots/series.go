package plots

import (
	"fmt"
	"gonum.org/v1/plot"
	"math"
	"sort"
	"time"
)

// timeGrid is the time series (series.csv, or an older folder's
// hourly.csv) as a grid: for each port and class, each column's value per
// time bin.
type timeGrid struct {
	start []float64 // bin starts, hours from the start of the statistics window
	width []float64 // bin widths, hours (the last bin may be cut short)
	// ports and classes in the order the file first lists them (the
	// scenario's order).
	ports, classes []string
	cells          map[portClass]map[string][]float64
	// waitWeight is the column that counts the waits of a bin: wait_count
	// (series.csv: the waits that ended in the bin), or departures in an
	// older hourly.csv, which had no count.
	waitWeight string
	// bins is the number of bins in the file. A grid of a long series
	// (gridReader) keeps groups of per bins of binWidth hours instead of
	// bins: start, width and cells are then by group, and cells also hold
	// the weighted sums (sufWidth, sufWaits). per is 1 when it keeps bins.
	bins, per int
	binWidth  float64
	// origin is the calendar time of hour 0 (series.csv's date column, in
	// folders written since it has one); zero when unknown.
	origin time.Time
}

type portClass struct{ port, class string }

// The columns of the time series the charts read.
var seriesCols = [...]string{"arrivals", "departures", "wait_count", "wait_mean_min", "wait_p50_min", "wait_p95_min",
	"queue_length", "referrals", "missed_referrals", "secondary", "seizures", "kg_seized", "lot_occupancy"}

// readSeries reads series.csv (bin_start_hours and bin_hours give each
// bin) or, in a folder written before it, hourly.csv (an hour column of
// bin starts; widths are the steps between them, and horizon — hours, 0
// when unknown — closes the last bin).
func readSeries(files map[string][]byte, horizon float64) (*timeGrid, error) {
	return readSeriesFile(files, "series.csv", horizon)
}

// readSeriesFile is readSeries of the file name in series.csv's columns
// (series-no-response.csv is another); only series.csv falls back on
// hourly.csv.
func readSeriesFile(files map[string][]byte, name string, horizon float64) (*timeGrid, error) {
	return readSeriesFrom(inputs(files, nil), name, horizon)
}

// readSeriesFrom is readSeriesFile of the files open gives. The file is
// read once, row by row (a run's series.csv is tens of megabytes over a
// year of hourly bins). When summary.json's horizon says the charts will
// show groups of bins rather than bins (more bins than maxPoints: axis),
// each row is added to its group as it is read, so the grid holds a few
// hundred points a lane whatever the file's length; otherwise it holds
// every bin.
func readSeriesFrom(open opener, name string, horizon float64) (*timeGrid, error) {
	startCol, widthCol := "bin_start_hours", "bin_hours"
	rc, err := open(name)
	if err != nil {
		return nil, err
	}
	if rc == nil && name != "series.csv" {
		return nil, nil
	}
	if rc == nil {
		name, startCol, widthCol = "hourly.csv", "hour", ""
		if rc, err = open(name); rc == nil || err != nil {
			return nil, err
		}
	}
	defer rc.Close()
	rows, err := newRowReader(rc, name)
	if err != nil || rows == nil {
		return nil, err
	}
	if !rows.has(startCol, "port", "class") || (widthCol != "" && !rows.has(widthCol)) {
		return nil, rows.drain()
	}
	h := &timeGrid{cells: map[portClass]map[string][]float64{}, waitWeight: "departures", per: 1}
	if rows.has("wait_count") {
		h.waitWeight = "wait_count"
	}
	var g *gridReader
	seenPort, seenClass := map[string]bool{}, map[string]bool{}
	var exact []exactRow
	for {
		ok, err := rows.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		x, err := rows.num(startCol)
		if err != nil {
			return nil, err
		}
		w := 0.0
		if widthCol != "" {
			if w, err = rows.num(widthCol); err != nil {
				return nil, err
			}
		}
		if h.origin.IsZero() && rows.has("date") {
			// The first row dates hour 0: its start less its hours.
			if d, err := time.Parse("2006-01-02T15:04", rows.str("date")); err == nil {
				h.origin = d.Add(-time.Duration(math.Round(x*3600)) * time.Second)
			}
		}
		p, c := rows.str("port"), rows.str("class")
		if !seenPort[p] {
			seenPort[p] = true
			h.ports = append(h.ports, p)
		}
		if !seenClass[c] {
			seenClass[c] = true
			h.classes = append(h.classes, c)
		}
		var v [len(seriesCols)]float64
		for i, col := range seriesCols {
			if !rows.has(col) {
				continue
			}
			if v[i], err = rows.num(col); err != nil {
				return nil, err
			}
		}
		if g == nil && exact == nil && widthCol != "" && horizon > 0 && w > 0 {
			if k := groupBins(int(math.Ceil(horizon/w - 1e-9))); k > 1 {
				g = &gridReader{h: h, k: k, w: w}
				h.per, h.binWidth = k, w
			}
		}
		if g != nil {
			if err := g.add(rows, portClass{p, c}, x, w, &v); err != nil {
				return nil, err
			}
			continue
		}
		exact = append(exact, exactRow{key: portClass{p, c}, start: x, width: w, v: v})
	}
	if g != nil {
		return g.finish(), nil
	}
	if len(exact) == 0 {
		return nil, nil
	}
	return h.fromRows(exact, widthCol != "", horizon), nil
}

// exactRow is one row of a series kept whole, bin by bin.
type exactRow struct {
	key          portClass
	start, width float64
	v            [len(seriesCols)]float64
}

// fromRows builds the grid of every bin from the rows: the bins are the
// distinct starts, in order.
func (h *timeGrid) fromRows(rows []exactRow, hasWidth bool, horizon float64) *timeGrid {
	widthOf := map[float64]float64{}
	for _, r := range rows {
		if _, seen := widthOf[r.start]; !seen {
			widthOf[r.start] = 0
			h.start = append(h.start, r.start)
		}
		if hasWidth {
			widthOf[r.start] = max(widthOf[r.start], r.width)
		}
	}
	sort.Float64s(h.start)
	index := make(map[float64]int, len(h.start))
	for i, x := range h.start {
		index[x] = i
	}
	n := len(h.start)
	h.bins = n
	for _, r := range rows {
		m := h.cells[r.key]
		if m == nil {
			m = map[string][]float64{}
			for _, c := range seriesCols {
				m[c] = make([]float64, n)
			}
			h.cells[r.key] = m
		}
		b := index[r.start]
		for i, c := range seriesCols {
			m[c][b] += r.v[i]
		}
	}
	h.width = make([]float64, n)
	if hasWidth {
		for i, x := range h.start {
			h.width[i] = widthOf[x]
			if !(h.width[i] > 0) && i+1 < n {
				h.width[i] = h.start[i+1] - x
			}
			if !(h.width[i] > 0) {
				h.width[i] = 1
			}
		}
		return h
	}
	// hourly.csv: the step between bin starts; the last bin ends at the
	// horizon when summary.json gives it.
	step := 1.0
	if n >= 2 {
		step = math.Inf(1)
		for i := 1; i < n; i++ {
			step = min(step, h.start[i]-h.start[i-1])
		}
	} else if horizon > h.start[0] {
		step = horizon - h.start[0]
	}
	for i := range h.width {
		if i+1 < n {
			h.width[i] = h.start[i+1] - h.start[i]
		} else {
			h.width[i] = step
			if horizon > h.start[i] && horizon-h.start[i] < step {
				h.width[i] = horizon - h.start[i]
			}
		}
	}
	return h
}

// gridReader adds the rows of a long series to groups of k bins of width
// w (hours) as they are read: bin b (start b·w) goes to group b/k. Each
// group keeps each column's sum over its bins and lanes' rows, and the
// sums a chart weights: a level times its bin's width (levelCols), a wait
// times the waits that ended (waitCols).
type gridReader struct {
	h    *timeGrid
	k    int
	w    float64
	seen []uint64 // bins seen, a bit each: a group's width counts each bin once
}

// levelCols are the time averages (level), waitCols the waits (waitMean).
var (
	levelCols = []string{"queue_length", "lot_occupancy"}
	waitCols  = []string{"wait_mean_min", "wait_p50_min", "wait_p95_min"}
)

func (g *gridReader) add(rows *rowReader, key portClass, start, width float64, v *[len(seriesCols)]float64) error {
	h := g.h
	b := int(math.Round(start / g.w))
	if b < 0 || math.Abs(start-float64(b)*g.w) > 1e-6*g.w {
		return fmt.Errorf("%s:%d: bin_start_hours %v is not a whole number of bins of %v hours (the first row's bin_hours) from 0", rows.file, rows.line(), start, g.w)
	}
	cell := b / g.k
	for len(h.start) <= cell {
		h.start = append(h.start, math.Inf(1))
		h.width = append(h.width, 0)
	}
	if b/64 >= len(g.seen) {
		g.seen = append(g.seen, make([]uint64, b/64+1-len(g.seen))...)
	}
	if g.seen[b/64]&(1<<(b%64)) == 0 {
		g.seen[b/64] |= 1 << (b % 64)
		h.bins++
		h.width[cell] += width
		h.start[cell] = min(h.start[cell], start)
	}
	m := h.cells[key]
	if m == nil {
		m = map[string][]float64{}
		h.cells[key] = m
	}
	put := func(col string, x float64) {
		s := m[col]
		for len(s) <= cell {
			s = append(s, 0)
		}
		s[cell] += x
		m[col] = s
	}
	weight := 0.0
	for i, c := range seriesCols {
		put(c, v[i])
		if c == h.waitWeight {
			weight = v[i]
		}
	}
	for i, c := range seriesCols {
		for _, l := range levelCols {
			if c == l {
				put(c+sufWidth, v[i]*width)
			}
		}
		for _, wc := range waitCols {
			if c == wc {
				put(c+sufWaits, v[i]*weight)
			}
		}
	}
	return nil
}

// The suffixes of a group's weighted sums.
const (
	sufWidth = "×width"
	sufWaits = "×waits"
)

// finish drops the groups no row fell in and gives every lane every group.
func (g *gridReader) finish() *timeGrid {
	h := g.h
	var keep []int
	for i, w := range h.width {
		if w > 0 {
			keep = append(keep, i)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	n := len(h.start)
	pick := func(s []float64) []float64 {
		out := make([]float64, len(keep))
		for j, i := range keep {
			if i < len(s) {
				out[j] = s[i]
			}
		}
		return out
	}
	for _, m := range h.cells {
		for c, s := range m {
			m[c] = pick(s)
		}
		for _, c := range seriesCols {
			if m[c] == nil {
				m[c] = make([]float64, len(keep))
			}
		}
	}
	if len(keep) != n {
		h.start, h.width = pick(h.start), pick(h.width)
	}
	return h
}

// end is the end of the last bin, in hours.
func (h *timeGrid) end() float64 { return h.start[len(h.start)-1] + h.width[len(h.width)-1] }

// niceBins are the group sizes (in bins) a long series is averaged over,
// chosen so that groups of hourly bins are hours, days and weeks.
var niceBins = []int{1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 168, 336, 672, 1344, 2016}

// maxPoints bounds the points per series: beyond it a year of hourly bins
// is only ink, and the SVG gets heavy.
const maxPoints = 500

// timeAxis is how a grid's bins are grouped and shown: groups of k bins,
// x in hours or days.
type timeAxis struct {
	groups [][2]int // [first, last+1) bin of each group
	x      []float64
	unit   float64 // hours per x unit (1 or 24)
	label  string
	note   string // "values per 24-hour bin" when grouped
	// origin is the calendar time of x = 0, when known: the axis is then
	// labelled with dates (dateTicks).
	origin time.Time
}

// panel is a chart panel over this time axis: its ticks are dates when
// the series is dated.
func (a timeAxis) panel(title, yLabel string) *plot.Plot {
	p := newPanel(title, a.label, yLabel)
	if !a.origin.IsZero() {
		p.X.Tick.Marker = dateTicks{origin: a.origin, unit: a.unit}
	}
	return p
}

// groupBins is how many bins a point of a time chart stands for when the
// series has n bins: the smallest of niceBins that leaves at most
// maxPoints points (a line with more points than a chart has pixels
// across is only ink).
func groupBins(n int) int {
	for _, c := range niceBins {
		if (n+c-1)/c <= maxPoints {
			return c
		}
	}
	return niceBins[len(niceBins)-1]
}

func (h *timeGrid) axis() timeAxis {
	n := len(h.start)
	k := groupBins(n)
	w := h.width[0] * float64(k)
	if h.per > 1 {
		// Grouped as read: a point per group.
		k, w = 1, h.binWidth*float64(h.per)
	}
	var a timeAxis
	a.unit, a.label = 1, "simulated time (hours after warm-up)"
	if h.end() > 72 {
		a.unit, a.label = 24, "simulated time (days after warm-up)"
	}
	if !h.origin.IsZero() {
		a.origin = h.origin
		a.label = "date (UTC)"
	}
	for i := 0; i < n; i += k {
		j := min(i+k, n)
		a.groups = append(a.groups, [2]int{i, j})
		mid := (h.start[i] + h.start[j-1] + h.width[j-1]) / 2
		a.x = append(a.x, mid/a.unit)
	}
	a.note = fmt.Sprintf("one point per %s", hoursText(w))
	return a
}

func hoursText(w float64) string {
	switch {
	case w >= 24 && math.Mod(w, 24) == 0 && w/24 == 7:
		return "week"
	case w >= 24 && math.Mod(w, 24) == 0:
		if w == 24 {
			return "day"
		}
		return fmt.Sprintf("%g days", w/24)
	case w == 1:
		return "hour"
	case w < 1:
		return fmt.Sprintf("%g minutes", w*60)
	default:
		return fmt.Sprintf("%g hours", w)
	}
}

// selection picks the (port, class) cells a series sums over.
type selection func(portClass) bool

func (h *timeGrid) keys(sel selection) []portClass {
	var ks []portClass
	for _, p := range h.ports {
		for _, c := range h.classes {
			k := portClass{p, c}
			if _, ok := h.cells[k]; ok && sel(k) {
				ks = append(ks, k)
			}
		}
	}
	return ks
}

// rate is a count column summed over the selection and each group of
// bins, per hour.
func (h *timeGrid) rate(a timeAxis, col string, sel selection) []float64 {
	return h.perHour(a, col, sel, false)
}

// level is a time-average column (queue length, lot occupancy) summed
// over the selection and averaged over each group of bins, weighted by
// bin width.
func (h *timeGrid) level(a timeAxis, col string, sel selection) []float64 {
	return h.perHour(a, col, sel, true)
}

// perHour sums col over the selection and each group of bins — each bin's
// value times its width in hours when byWidth — and divides by the
// group's hours.
func (h *timeGrid) perHour(a timeAxis, col string, sel selection, byWidth bool) []float64 {
	ks := h.keys(sel)
	out := make([]float64, len(a.groups))
	for g, r := range a.groups {
		var sum, hours float64
		for b := r[0]; b < r[1]; b++ {
			hours += h.width[b]
			w, c := 1.0, col
			if byWidth && h.per > 1 {
				c = col + sufWidth // the group's sum of value × width
			} else if byWidth {
				w = h.width[b]
			}
			for _, k := range ks {
				sum += h.cells[k][c][b] * w
			}
		}
		if hours > 0 {
			out[g] = sum / hours
		}
	}
	return out
}

// waitMean averages a wait column over the selection and each group of
// bins, weighted by the waits that ended in each bin (wait_count; in an
// older hourly.csv, the vehicles that left). Where no wait ended there is
// no wait to show — not a wait of zero: in a jam no one gets through — and
// the value is NaN, a gap in the line (jammed marks the gaps with a
// queue). Averaging the quantiles of several ports is not the quantile of
// their union: the note on the chart says so.
func (h *timeGrid) waitMean(a timeAxis, col string, sel selection) []float64 {
	ks := h.keys(sel)
	out := make([]float64, len(a.groups))
	for g, r := range a.groups {
		var sum, weight float64
		for b := r[0]; b < r[1]; b++ {
			for _, k := range ks {
				sum += h.weightedWait(k, col, b)
				weight += h.cells[k][h.waitWeight][b]
			}
		}
		out[g] = math.NaN()
		if weight > 0 {
			out[g] = sum / weight
		}
	}
	return out
}

// weightedWait is a wait column of bin b times the waits that ended in it
// (or, in a grid of groups, the group's sum of those products).
func (h *timeGrid) weightedWait(k portClass, col string, b int) float64 {
	if h.per > 1 {
		return h.cells[k][col+sufWaits][b]
	}
	return h.cells[k][col][b] * h.cells[k][h.waitWeight][b]
}

// inside is, for each group of bins, the vehicles of the selection that
// arrived since the window opened and had not left by the group's end
// (arrivals − departures, summed in bin order): every stage's queue —
// primary, secondary, a checkpoint — where queue_length is primary's. It
// leaves out the vehicles already inside when the window opened.
func (h *timeGrid) inside(a timeAxis, sel selection) []float64 {
	ks := h.keys(sel)
	out := make([]float64, len(a.groups))
	cum := 0.0
	for g, r := range a.groups {
		for b := r[0]; b < r[1]; b++ {
			for _, k := range ks {
				cum += h.cells[k]["arrivals"][b] - h.cells[k]["departures"][b]
			}
		}
		out[g] = cum
	}
	return out
}

// meanWait is the mean wait (minutes) of every vehicle of the selection
// that reached a booth over the whole series: wait_mean_min weighted by
// wait_count; NaN when none did.
func (h *timeGrid) meanWait(sel selection) float64 {
	var sum, weight float64
	for _, k := range h.keys(sel) {
		for b, w := range h.cells[k][h.waitWeight] {
			sum += h.weightedWait(k, "wait_mean_min", b)
			weight += w
		}
	}
	if weight == 0 {
		return math.NaN()
	}
	return sum / weight
}

// jammed reports, for each group of bins, whether vehicles queued in the
// selection but none of their waits ended: the wait is unknown (at least
// as long as the group), not zero.
func (h *timeGrid) jammed(a timeAxis, sel selection) []bool {
	queue := h.level(a, "queue_length", sel)
	ks := h.keys(sel)
	out := make([]bool, len(a.groups))
	for g, r := range a.groups {
		var weight float64
		for b := r[0]; b < r[1]; b++ {
			for _, k := range ks {
				weight += h.cells[k][h.waitWeight][b]
			}
		}
		out[g] = weight == 0 && queue[g] > 0
	}
	return out
}

// span is the x extent of group g in axis units.
func (h *timeGrid) span(a timeAxis, g int) (x0, x1 float64) {
	r := a.groups[g]
	return h.start[r[0]] / a.unit, (h.start[r[1]-1] + h.width[r[1]-1]) / a.unit
}

// total sums a column over all bins of the selection.
func (h *timeGrid) total(col string, sel selection) float64 {
	var s float64
	for _, k := range h.keys(sel) {
		for _, v := range h.cells[k][col] {
			s += v
		}
	}
	return s
}

func all(portClass) bool { return true }

func portIs(p string) selection { return func(k portClass) bool { return k.port == p } }

func classIs(c string) selection { return func(k portClass) bool { return k.class == c } }

func portClassIs(p, c string) selection {
	return func(k portClass) bool { return k.port == p && k.class == c }
}

// notIn selects the ports outside a set ("other"), optionally one class.
func notIn(shown []string, class string) selection {
	m := map[string]bool{}
	for _, s := range shown {
		m[s] = true
	}
	return func(k portClass) bool { return !m[k.port] && (class == "" || k.class == class) }
}
