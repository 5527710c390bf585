package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
	"borderflow/sim"
)

// runs caches the runs of these tests (Summarize and the writers only
// read results), so that each scenario is simulated once.
var runs = map[string]struct {
	sc  *scenario.Scenario
	res []*border.Result
}{}

func runDays(t *testing.T, name string, days float64, reps int) (*scenario.Scenario, []*border.Result) {
	t.Helper()
	key := fmt.Sprint(name, days, reps)
	if r, ok := runs[key]; ok {
		return r.sc, r.res
	}
	sc, res := simulate(t, name, days, reps)
	runs[key] = struct {
		sc  *scenario.Scenario
		res []*border.Result
	}{sc, res}
	return sc, res
}

func simulate(t *testing.T, name string, days float64, reps int) (*scenario.Scenario, []*border.Result) {
	t.Helper()
	sc, err := scenario.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = days * scenario.Day
	res, err := border.RunReplications(sc, reps, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sc, res
}

func readCSV(t *testing.T, f func(w *bytes.Buffer) error) []map[string]string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func jsonNum(x float64) string {
	b, _ := json.Marshal(x)
	return string(b)
}

// One replication: no interval anywhere (not "+15.2 [+15.2, +15.2]"); two:
// the headline figures carry theirs, in summary.json and in the table.
func TestIntervalsOnlyFromTwoReplications(t *testing.T) {
	sc, res := runDays(t, "laredo", 1, 2)
	one := Summarize(sc, res[:1])
	js, _ := one.JSON()
	if bytes.Contains(js, []byte("ci95")) {
		t.Error("summary.json of one replication has ci95")
	}
	var tb bytes.Buffer
	one.Table(&tb)
	if strings.Contains(tb.String(), "[") || !strings.Contains(tb.String(), "no intervals") {
		t.Errorf("table of one replication shows intervals:\n%s", tb.String())
	}
	two := Summarize(sc, res)
	tb.Reset()
	two.Table(&tb)
	for _, k := range []string{"kg_seized", "interdiction_rate", "delay_cost_usd", "wait_minutes.truck.mean"} {
		if _, ok := two.Ports[0].CI95[k]; !ok {
			t.Errorf("two replications: no ci95[%s]", k)
		}
	}
	// The wait, kg seized, interdiction and delay cost cells: 4 intervals
	// on the all row, 1 per class row.
	if n := strings.Count(tb.String(), "["); n < 4+len(two.Ports[0].Arrivals) {
		t.Errorf("table of two replications shows %d intervals:\n%s", n, tb.String())
	}
}

// Interval bounds respect the quantity's range: the Student-t interval of
// a non-negative quantity with a wide spread goes below 0, of a rate
// below 0 or above 1; CI95's do not, and still hold the mean.
func TestIntervalBoundsInRange(t *testing.T) {
	for _, c := range []struct {
		xs []float64
		r  Range
	}{
		{[]float64{0, 100}, NonNegative}, {[]float64{0, 3, 90}, NonNegative},
		{[]float64{0.01, 0.6}, Unit}, {[]float64{0.9, 0.99, 0.5}, Unit}, {[]float64{0, 0.036}, Unit},
	} {
		_, tlo, thi := sim.MeanCI95(c.xs)
		if tlo >= 0 && (c.r != Unit || thi <= 1) {
			t.Fatalf("%v: the plain t interval [%v, %v] was already in range: a useless case", c.xs, tlo, thi)
		}
		lo, hi, ok := CI95(c.xs, c.r)
		m := mean(c.xs)
		if !ok || lo < 0 || (c.r == Unit && hi > 1) || !(lo <= m && m <= hi) {
			t.Errorf("%v (range %d): [%v, %v] around %v", c.xs, c.r, lo, hi, m)
		}
	}
	// Narrow spread: the log-odds interval is the ordinary one, nearly.
	xs := []float64{0.30, 0.31, 0.29, 0.30, 0.305}
	_, tlo, thi := sim.MeanCI95(xs)
	lo, hi, _ := CI95(xs, Unit)
	if math.Abs(lo-tlo) > 0.002 || math.Abs(hi-thi) > 0.002 {
		t.Errorf("narrow: logit [%v, %v], t [%v, %v]", lo, hi, tlo, thi)
	}
	if lo, hi, _ := CI95([]float64{0.2, 0.2}, Unit); lo != 0.2 || hi != 0.2 {
		t.Errorf("equal rates: [%v, %v]", lo, hi)
	}
	if _, _, ok := CI95([]float64{3}, NonNegative); ok {
		t.Error("an interval from one value")
	}
	// And in a real summary: every bound ≥ 0, rates within [0, 1].
	sc, res := runDays(t, "surge-eagle-pass", 3, 3)
	s := Summarize(sc, res[:2])
	for _, p := range append(s.Ports, s.Total.Port) {
		for k, ci := range p.CI95 {
			if ci[0] < 0 || ci[0] > ci[1] || (k == "interdiction_rate" && ci[1] > 1) {
				t.Errorf("%s ci95[%s] = %v", p.Name, k, ci)
			}
		}
	}
}

// A CSV value is the summary.json value, byte for byte (2932694, not
// 2.93269e+06); kilograms inside are never negative nor rounding residue.
func TestCSVEqualsJSON(t *testing.T) {
	sc, res := runDays(t, "surge-eagle-pass", 3, 3)
	s := Summarize(sc, res[:2])
	byName := map[string]Port{}
	for _, p := range s.Ports {
		byName[p.Name] = p
	}
	ports := readCSV(t, func(b *bytes.Buffer) error { return s.PortsCSV(b) })
	if len(ports) == 0 {
		t.Fatal("empty ports.csv")
	}
	for _, r := range ports {
		p, c := byName[r["port"]], r["class"]
		for col, want := range map[string]float64{"arrivals": p.Arrivals[c], "departures": p.Departures[c],
			"inside_at_end": p.InsideAtEnd[c], "wait_mean_min": p.WaitMinutes[c].Mean, "wait_p95_min": p.WaitMinutes[c].P95,
			"queue_length_mean": p.QueueLength[c]} {
			if r[col] != jsonNum(want) {
				t.Errorf("ports.csv %s %s %s = %s, summary.json %s", r["port"], c, col, r[col], jsonNum(want))
			}
		}
		if strings.ContainsAny(r["arrivals"]+r["referrals"]+r["secondary_inspections"], "e.") && len(res) == 1 {
			t.Errorf("a count is not an integer: %v", r)
		}
	}
	check := func(file string, rows []map[string]string, drug func(r map[string]string) Drug) {
		for _, r := range rows {
			d := drug(r)
			for col, want := range map[string]float64{"loads_attempted": d.LoadsAttempted, "kg_attempted": d.KgAttempted,
				"kg_seized": d.KgSeized, "kg_inside": d.KgInside, "interdiction_rate": d.InterdictionRate} {
				if r[col] != jsonNum(want) {
					t.Errorf("%s %v %s = %s, summary.json %s", file, r["port"], col, r[col], jsonNum(want))
				}
			}
			in, _ := strconv.ParseFloat(r["kg_inside"], 64)
			att, _ := strconv.ParseFloat(r["kg_attempted"], 64)
			if in < 0 || (in > 0 && in < 1e-9*att) {
				t.Errorf("%s: kg_inside %s (attempted %s): residue", file, r["kg_inside"], r["kg_attempted"])
			}
		}
	}
	drugs := readCSV(t, func(b *bytes.Buffer) error { return s.DrugsCSV(b) })
	check("drugs.csv", drugs, func(r map[string]string) Drug { return byName[r["port"]].Drugs[r["drug"]] })
	check("drugs_total.csv", readCSV(t, func(b *bytes.Buffer) error { return s.DrugsTotalCSV(b) }),
		func(r map[string]string) Drug { return s.Total.Drugs[r["drug"]] })
	if s.Total.KgInside < 0 {
		t.Errorf("total kg_inside %v", s.Total.KgInside)
	}
}

// drugs.csv holds ports only (a group-by counts each load once); the
// border's totals are drugs_total.csv, which the ports' rows add up to.
func TestDrugTotalsInTheirOwnFile(t *testing.T) {
	sc, res := runDays(t, "surge-eagle-pass", 3, 3)
	s := Summarize(sc, res[:1])
	drugs := readCSV(t, func(b *bytes.Buffer) error { return s.DrugsCSV(b) })
	sum := map[string]float64{}
	for _, r := range drugs {
		if r["port"] == "total" || r["port"] == "" {
			t.Fatalf("drugs.csv has a total row: %v", r)
		}
		x, _ := strconv.ParseFloat(r["kg_attempted"], 64)
		sum[r["drug"]] += x
	}
	if len(drugs) != len(sc.Ports)*len(sc.Drugs) {
		t.Errorf("drugs.csv: %d rows, want %d", len(drugs), len(sc.Ports)*len(sc.Drugs))
	}
	tot := readCSV(t, func(b *bytes.Buffer) error { return s.DrugsTotalCSV(b) })
	if len(tot) != len(sc.Drugs) {
		t.Fatalf("drugs_total.csv: %d rows", len(tot))
	}
	for _, r := range tot {
		x, _ := strconv.ParseFloat(r["kg_attempted"], 64)
		if math.Abs(x-sum[r["drug"]]) > 1e-9*x {
			t.Errorf("%s: total %v, ports add to %v", r["drug"], x, sum[r["drug"]])
		}
	}
}

// replications.csv: one row per replication × port × class, whose means
// are ports.csv's figures exactly.
func TestReplicationsCSV(t *testing.T) {
	sc, res := runDays(t, "surge-eagle-pass", 3, 3)
	s := Summarize(sc, res)
	reps := readCSV(t, func(b *bytes.Buffer) error { return s.ReplicationsCSV(b) })
	lanes := 0
	for _, p := range sc.Ports {
		lanes += len(p.Lanes)
	}
	if len(reps) != 3*lanes {
		t.Fatalf("%d rows, want %d", len(reps), 3*lanes)
	}
	sums := map[string][]float64{}
	for _, r := range reps {
		for _, col := range replicationColumns {
			x, err := strconv.ParseFloat(r[col], 64)
			if err != nil {
				t.Fatalf("%s: %v", col, err)
			}
			sums[r["port"]+"/"+r["class"]+"/"+col] = append(sums[r["port"]+"/"+r["class"]+"/"+col], x)
		}
	}
	for _, r := range readCSV(t, func(b *bytes.Buffer) error { return s.PortsCSV(b) }) {
		for _, col := range replicationColumns {
			if got := jsonNum(mean(sums[r["port"]+"/"+r["class"]+"/"+col])); got != r[col] {
				t.Errorf("%s %s %s: mean of replications %s, ports.csv %s", r["port"], r["class"], col, got, r[col])
			}
		}
	}
}

// Overload is visible: with every vehicle referred, Laredo's queues grow
// without bound; its lanes are unstable in summary.json, ports.csv, the
// table (on the class rows and on the port row that carries the delay
// cost) and the warnings. Eagle Pass as shipped is stable.
func TestUnstableLanes(t *testing.T) {
	if !Unstable(2000, 251, 2*scenario.Day) || Unstable(2000, 250, 2*scenario.Day) {
		t.Error("the rule: inside > 25% of mean daily arrivals")
	}
	// The excess over the rule's level: inside − 25% of the daily
	// arrivals, linear, so the mean of replications' excesses is the
	// excess of their means (how a sweep applies the rule on means).
	if e := UnstableExcess(2000, 251, 2*scenario.Day); e != 1 {
		t.Errorf("excess %v, want 1", e)
	}
	a, b := UnstableExcess(1800, 200, 2*scenario.Day), UnstableExcess(2200, 310, 2*scenario.Day)
	if m := UnstableExcess(2000, 255, 2*scenario.Day); math.Abs((a+b)/2-m) > 1e-12 {
		t.Errorf("mean of excesses %v, excess of means %v", (a+b)/2, m)
	}
	// Operation Intercept as it ran before traffic answered delay: every
	// vehicle waits, and the queues grow for the whole run.
	sc, err := scenario.Embedded("operation-intercept")
	if err != nil {
		t.Fatal(err)
	}
	sc.Response = nil
	sc.Horizon = 2 * scenario.Day
	res, err := border.RunReplications(sc, 1, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(sc, res)
	p := s.Ports[0]
	if !p.Unstable["car"] || !p.Unstable["truck"] || !s.Total.Unstable {
		t.Fatalf("%s unstable %v, total %v", p.Name, p.Unstable, s.Total.Unstable)
	}
	js, _ := s.JSON()
	var doc struct {
		Ports []struct {
			Unstable map[string]bool `json:"unstable"`
		} `json:"ports"`
		Total struct {
			Unstable bool `json:"unstable"`
		} `json:"total"`
	}
	if err := json.Unmarshal(js, &doc); err != nil || !doc.Ports[0].Unstable["car"] || !doc.Total.Unstable {
		t.Errorf("summary.json: %v %+v", err, doc)
	}
	for _, r := range readCSV(t, func(b *bytes.Buffer) error { return s.PortsCSV(b) }) {
		if r["port"] == p.Name && r["unstable"] != "true" {
			t.Errorf("ports.csv: %v", r)
		}
	}
	var tb bytes.Buffer
	s.Table(&tb)
	for _, l := range strings.Split(tb.String(), "\n") {
		if strings.HasPrefix(l, p.Name+" ") && !strings.Contains(l, UnstableMark) {
			t.Errorf("no mark on %q", l)
		}
	}
	w := s.UnstableWarnings()
	if len(w) == 0 || !strings.HasPrefix(w[0], p.Name+" car is unstable") {
		t.Errorf("warnings %q", w)
	}
	// Every port row with a delay cost from an unstable lane has the mark.
	for _, q := range s.Ports {
		if q.Unstable["car"] || q.Unstable["truck"] {
			found := false
			for _, l := range strings.Split(tb.String(), "\n") {
				if strings.HasPrefix(l, q.Name+" ") && strings.Contains(l, UnstableMark) && strings.Contains(l, numFmtCost(s, q)) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: delay cost without the mark", q.Name)
			}
		}
	}

	sc, res = runDays(t, "eagle-pass", 2, 1)
	s = Summarize(sc, res)
	tb.Reset()
	s.Table(&tb)
	if s.Total.Unstable || s.Ports[0].Unstable["truck"] || strings.Contains(tb.String(), UnstableMark) || len(s.UnstableWarnings()) > 0 {
		t.Errorf("eagle-pass unstable:\n%s", tb.String())
	}
}

// numFmtCost is a port's delay cost as the table writes it.
func numFmtCost(s *Summary, p Port) string {
	var costs []float64
	for _, q := range append(s.Ports, s.Total.Port) {
		costs = append(costs, q.DelayCostUSD)
	}
	return moneyFor(costs).Format(p.DelayCostUSD)
}

// The terminal table: per-class figures on the class rows, per-port ones
// on the port's "all" row; one unit per column (no "48.6 min" beside
// "2.0 h", no "76.9M" beside "7620k"), and a plain ASCII minus.
func TestTableLayout(t *testing.T) {
	sc, res := runDays(t, "surge-eagle-pass", 3, 3)
	s := Summarize(sc, res[:2])
	var tb bytes.Buffer
	s.Table(&tb)
	out := tb.String()
	if strings.Contains(out, "−") || strings.Contains(out, "—") {
		t.Error("non-ASCII minus or dash")
	}
	mixed := regexp.MustCompile(`\d (min|h)\b|\d[kMB]\b`)
	inPorts, seenPortRow := false, false
	for _, l := range strings.Split(out, "\n") {
		if mixed.MatchString(l) && !strings.Contains(l, "events in") && !strings.Contains(l, "replication(s)") && !strings.Contains(l, "wait mean min") {
			t.Errorf("a unit inside a cell: %q", l)
		}
		f := strings.Fields(l)
		cls := ""
		switch {
		case len(f) > 1 && (f[1] == "car" || f[1] == "truck"):
			cls = f[1]
		case len(f) > 0 && (f[0] == "car" || f[0] == "truck"):
			cls = f[0]
		}
		if cls != "" && strings.Contains(l, "/") {
			t.Errorf("port figures on a %s row: %q", cls, l)
		}
		if inPorts && len(f) > 0 && !strings.Contains(l, "/") {
			t.Errorf("no port figures on the port row: %q", l)
		}
		if strings.HasPrefix(l, "port ") {
			inPorts = strings.Contains(l, "secondary")
		} else if len(f) == 0 {
			inPorts = inPorts && !seenPortRow
		} else if inPorts {
			seenPortRow = true
		}
	}
	if !seenPortRow {
		t.Errorf("no table of the ports' figures:\n%s", out)
	}
	if !strings.Contains(out, "wait mean min") || !strings.Contains(out, "delay cost $") {
		t.Errorf("units not in the headings:\n%s", out)
	}
}

// The organisations' figures follow the same rules: no interval from one
// replication; from two, kilograms' bounds ≥ 0 and shares' within [0, 1].
func TestOrgIntervals(t *testing.T) {
	sc, res := runDays(t, "surge-eagle-pass", 3, 3)
	res = res[:2]
	one, _ := json.Marshal(Organisations(sc, res[:1]))
	if bytes.Contains(one, []byte("ci95")) || !bytes.Contains(one, []byte(`"mean"`)) {
		t.Errorf("one replication: %.300s", one)
	}
	for _, o := range Organisations(sc, res) {
		for name, iv := range map[string]Interval{"kg_seized": o.KgSeized, "kg_attempted": o.KgAttempted, "kg_inside": o.KgInside,
			"outsourced_share": o.OutsourcedShare, "interdiction_rate": o.InterdictionRate} {
			if iv.none || iv.CI95[0] < 0 || iv.CI95[0] > iv.Mean || iv.Mean > iv.CI95[1] ||
				(strings.Contains(name, "share") || strings.Contains(name, "rate")) && iv.CI95[1] > 1 {
				t.Errorf("%s %s: %+v", o.Name, name, iv)
			}
		}
	}
}
