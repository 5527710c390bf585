package plots

import (
	"borderflow/numfmt"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
)

// The page's style: inline, so that index.html opens from a folder with no
// network and no script.
const pageStyle = `body{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;margin:24px auto;max-width:1240px;color:#222;padding:0 12px;overflow-wrap:break-word}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
p.meta{color:#555;margin-top:0}
table{border-collapse:collapse;font-size:.9em}
th,td{padding:3px 8px;border-bottom:1px solid #e3e3e3;text-align:right;vertical-align:top}
th{background:#f3f3f3}td.name,th.name{text-align:left}
tr.total td{font-weight:bold;border-top:2px solid #999}
figure{margin:1.4em 0}figure img{width:100%;max-width:1200px;height:auto;border:1px solid #ddd;box-sizing:border-box}
figcaption{color:#444;max-width:1000px;margin-top:.3em}
div.wide{overflow-x:auto;max-width:100%}
dl.headline{display:flex;flex-wrap:wrap;gap:10px 28px;margin:.8em 0}
dl.headline div{min-width:150px}dl.headline dt{color:#555;font-size:.85em}dl.headline dd{margin:0;font-size:1.3em;font-weight:bold}
dl.headline small{font-weight:normal;color:#555;font-size:.7em}
p.warn{background:#fff3cd;border-left:4px solid #d39e00;padding:6px 10px}
`

func pageHead(b *strings.Builder, title string) {
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"+
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
		html.EscapeString(title), pageStyle)
}

// charts writes one figure per chart: the SVG referenced, the PNG linked,
// and the caption's first sentence — what to look at — in bold before the
// rest.
func charts(b *strings.Builder, figs []*figure) {
	if len(figs) == 0 {
		return
	}
	b.WriteString("<h2>Charts</h2>\n")
	for _, f := range figs {
		look, rest := firstSentence(f.caption)
		fmt.Fprintf(b, "<figure id=\"%s\">\n<img src=\"%s.svg\" alt=\"%s\">\n<figcaption><strong>%s</strong> %s (<a href=\"%s.png\">PNG</a>)</figcaption>\n</figure>\n",
			f.name, f.name, html.EscapeString(f.title), html.EscapeString(look), html.EscapeString(rest), f.name)
	}
}

// firstSentence splits a caption after its first sentence.
func firstSentence(s string) (string, string) {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == ':') && s[i+1] == ' ' {
			return s[:i+1], s[i+2:]
		}
	}
	return s, ""
}

// dataLinks lists the input files of the folder that the page can link to.
func dataLinks(b *strings.Builder, files map[string][]byte, names []string) {
	var have []string
	for _, n := range names {
		if _, ok := files[n]; ok {
			have = append(have, n)
		}
	}
	if len(have) == 0 {
		return
	}
	b.WriteString("<h2>Data</h2>\n<ul>\n")
	for _, n := range have {
		fmt.Fprintf(b, "<li><a href=\"%s\">%s</a></li>\n", html.EscapeString(n), html.EscapeString(n))
	}
	b.WriteString("</ul>\n")
}

// runIndex is a run's index.html: the summary table and every chart.
func runIndex(s *summary, files map[string][]byte, figs []*figure) []byte {
	var b strings.Builder
	title := "borderflow run"
	if s != nil && s.Scenario != "" {
		title = "borderflow — " + s.Scenario
	}
	pageHead(&b, title)
	fmt.Fprintf(&b, "<h1>%s</h1>\n", html.EscapeString(title))
	if s != nil {
		if s.Description != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(s.Description))
		}
		fmt.Fprintf(&b, "<p class=\"meta\">%s, %s simulated after %s of warm-up, seed %d.</p>\n",
			plural(s.Replications, "replication", "replications"), hoursSpan(s.HorizonHours), hoursSpan(s.WarmupHours), s.Seed)
		headline(&b, s, files)
	}
	charts(&b, figs)
	if s != nil {
		summaryTable(&b, s, unstableLanes(files["summary.json"]))
		costTable(&b, s)
		marketSection(&b, files["summary.json"]) // market_index.go
		checkpointTable(&b, s)
	}
	if t, err := readTable(files, "displacement.csv"); t != nil && err == nil && len(t.col) > 0 {
		b.WriteString("<h2>Displacement</h2>\n<p class=\"meta\">Each surge against the same seeds without the surges: kilograms planned and attempted by port, " +
			"the balloon share (the surged port's reduction that reappears elsewhere; at the other ports), the outsourced share and the kilograms delivered; " +
			"differences are paired, with their 95% interval (displacement.csv).</p>\n")
		csvTable(&b, t, nil)
	}
	dataLinks(&b, files, []string{"summary.json", "ports.csv", "series.csv", "hourly.csv", "drugs.csv", "routes.csv",
		"response.csv", "diversions.csv", "response-counterfactual.csv", "series-no-response.csv", "displacement.csv"})
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

func hoursSpan(h float64) string {
	if h >= 48 && h == float64(int64(h)) && int64(h)%24 == 0 {
		return fmt.Sprintf("%d days", int64(h)/24)
	}
	return fmt.Sprintf("%s h", trimNum(h))
}

// summaryTable is the terminal table of the run as HTML: one row per port
// and class, the port's inspections and contraband on its first row, then
// the total. An unstable lane ("PORT CLASS" in unstable) is marked on its
// class's row and beside its port's delay cost (and the total's), so that
// a delay cost that grows with the horizon never reads as a plain number.
// tableRows are the rows of the index's tables: a row per port, and the
// total when there is more than one port.
func tableRows(s *summary) []portSummary {
	rows := append([]portSummary(nil), s.Ports...)
	if len(s.Ports) != 1 {
		t := s.Total
		if t.Name == "" {
			t.Name = "total"
		}
		rows = append(rows, t)
	}
	return rows
}

func summaryTable(b *strings.Builder, s *summary, unstable []string) {
	marked := map[string]bool{}
	for _, l := range unstable {
		marked[l] = true
	}
	const mark = " <strong class=\"warn\">UNSTABLE</strong>"
	rows := tableRows(s)
	withTotal := len(s.Ports) != 1
	// One unit a column, named in its heading: waits in minutes, counts
	// and kilograms as whole numbers (kg or t, from the column's largest),
	// dollars in the column's one unit ($, $k, $M or $B).
	var costs, kgs []float64
	for _, p := range rows {
		costs = append(costs, p.DelayCostUSD)
		kgs = append(kgs, p.KgSeized, p.KgAttempted)
	}
	money, kg := numfmt.MoneyFor(costs...), numfmt.KgFor(kgs...)
	pct := func(x float64) string { return fmt.Sprintf("%.1f", 100*x) }
	fmt.Fprintf(b, "<h2>Summary</h2>\n<p class=\"meta\">Means over replications; waits are for a primary booth; "+
		"intervals are 95%% over replications.</p>\n<div class=\"wide\"><table class=\"summary\">\n<tr><th class=\"name\">port</th><th class=\"name\">class</th>"+
		"<th>arrivals</th><th>wait mean, min</th><th>wait p50, min</th><th>wait p95, min</th><th>wait max, min</th><th>secondary</th>"+
		"<th>missed referrals</th><th>loads seized / attempted</th><th>%s seized / attempted</th><th>interdiction, %%</th>"+
		"<th>delay cost, %s</th></tr>\n", kg.Name, html.EscapeString(money.Name))
	for i, p := range rows {
		classes := sortedKeys(p.Arrivals)
		n := max(len(classes), 1)
		total := withTotal && i == len(rows)-1
		portMark := ""
		for _, c := range classes {
			if marked[p.Name+" "+c] || (total && len(unstable) > 0) {
				portMark = mark
			}
		}
		cls := ""
		if withTotal && i == len(rows)-1 {
			cls = " class=\"total\""
		}
		for j := 0; j < n; j++ {
			attr := ""
			if len(classes) > 0 && !(withTotal && i == len(rows)-1) {
				attr = fmt.Sprintf(" data-port=\"%s\" data-class=\"%s\"", html.EscapeString(p.Name), html.EscapeString(classes[j]))
			}
			fmt.Fprintf(b, "<tr%s%s>", cls, attr)
			if j == 0 {
				fmt.Fprintf(b, "<td class=\"name\" rowspan=\"%d\">%s</td>", n, html.EscapeString(p.Name))
			}
			if len(classes) == 0 {
				b.WriteString("<td class=\"name\">(no traffic)</td><td></td><td></td><td></td><td></td><td></td>")
			} else {
				c := classes[j]
				w := p.WaitMinutes[c]
				classMark := ""
				if !total && marked[p.Name+" "+c] {
					classMark = mark
				}
				fmt.Fprintf(b, "<td class=\"name\">%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
					html.EscapeString(c), classMark, numfmt.Grouped(p.Arrivals[c]), numfmt.Min(w.Mean), numfmt.Min(w.P50), numfmt.Min(w.P95), numfmt.Min(w.Max))
			}
			if j == 0 {
				fmt.Fprintf(b, "<td rowspan=\"%d\">%s</td><td rowspan=\"%d\">%s</td><td rowspan=\"%d\">%s / %s</td>"+
					"<td rowspan=\"%d\">%s / %s</td><td rowspan=\"%d\">%s</td><td rowspan=\"%d\">%s</td>",
					n, numfmt.Grouped(p.SecondaryInspections), n, numfmt.Grouped(p.MissedReferrals),
					n, numfmt.Grouped(p.LoadsSeized), numfmt.Grouped(p.LoadsAttempted), n, kg.Format(p.KgSeized), kg.Format(p.KgAttempted),
					n, withCI(p.InterdictionRate, p.CI95["interdiction_rate"], pct), n, money.Format(p.DelayCostUSD)+portMark)
			}
			b.WriteString("</tr>\n")
		}
	}
	b.WriteString("</table></div>\n")
}

// costParts are summary.json's delay_cost_parts_usd keys and their
// headings, in the order report.CostPartKeys gives them.
var costParts = [][2]string{{"driver_time", "driver time"}, {"cargo_time", "cargo time"}, {"checkpoint_time", "checkpoints"},
	{"detour", "detours"}, {"postponed_trips", "trips put off"}, {"cancelled_trips", "trips not made"}}

// costTable is the cost of delay by part, a row per port and the total:
// the parts add up to the summary table's delay cost (absent for a
// summary.json written before the parts were).
func costTable(b *strings.Builder, s *summary) {
	rows := tableRows(s)
	var costs []float64
	for _, p := range rows {
		if p.DelayCostParts == nil {
			return
		}
		costs = append(costs, p.DelayCostUSD)
	}
	money := numfmt.MoneyFor(costs...)
	b.WriteString("<h2>Cost of delay by part</h2>\n<p class=\"meta\">The economy's cost (docs/OUTPUTS.md): time in the port at the drivers' " +
		"and the cargo's value of time, waits at checkpoints, detours, trips put off and trips not made; the parts add up to the delay cost.</p>\n" +
		"<div class=\"wide\"><table class=\"costs\">\n<tr><th class=\"name\">port</th>")
	for _, c := range costParts {
		fmt.Fprintf(b, "<th>%s, %s</th>", c[1], html.EscapeString(money.Name))
	}
	fmt.Fprintf(b, "<th>delay cost, %s</th></tr>\n", html.EscapeString(money.Name))
	for _, p := range rows {
		fmt.Fprintf(b, "<tr data-port=\"%s\"><td class=\"name\">%s</td>", html.EscapeString(p.Name), html.EscapeString(p.Name))
		for _, c := range costParts {
			fmt.Fprintf(b, "<td>%s</td>", money.Format(p.DelayCostParts[c[0]]))
		}
		fmt.Fprintf(b, "<td>%s</td></tr>\n", money.Format(p.DelayCostUSD))
	}
	b.WriteString("</table></div>\n")
}

// checkpointTable lists the checkpoint stages of the run, per port and
// class: the vehicles inspected, their waits in hours (mean, p95, max) and
// the loads seized; nothing when the run has none.
func checkpointTable(b *strings.Builder, s *summary) {
	rows := tableRows(s)
	n := 0
	h := func(min float64) string { return fmt.Sprintf("%.1f", min/60) }
	for _, p := range rows {
		for _, c := range sortedKeys(p.Checkpoint) {
			x := p.Checkpoint[c]
			if n == 0 {
				b.WriteString("<h2>Checkpoints</h2>\n<p class=\"meta\">A stage after the port's own inspection: the waits for it, in hours, " +
					"and the loads it found of those it inspected; means over replications.</p>\n<div class=\"wide\"><table class=\"checkpoints\">\n" +
					"<tr><th class=\"name\">port</th><th class=\"name\">class</th><th class=\"name\">checkpoint</th><th>inspected</th>" +
					"<th>wait mean, h</th><th>wait p95, h</th><th>wait max, h</th><th>loads seized / inspected</th></tr>\n")
			}
			n++
			fmt.Fprintf(b, "<tr data-port=\"%s\" data-class=\"%s\"><td class=\"name\">%s</td><td class=\"name\">%s</td><td class=\"name\">%s</td>"+
				"<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s / %s</td></tr>\n",
				html.EscapeString(p.Name), html.EscapeString(c), html.EscapeString(p.Name), html.EscapeString(c),
				html.EscapeString(strings.Join(x.Names, ", ")), numfmt.Grouped(x.Inspected),
				h(x.WaitMinutes.Mean), h(x.WaitMinutes.P95), h(x.WaitMinutes.Max),
				numfmt.Grouped(x.LoadsSeized), numfmt.Grouped(x.LoadsInspected))
		}
	}
	if n > 0 {
		b.WriteString("</table></div>\n")
	}
}

// withCI formats x and, when the interval is known, "[lo, hi]" after it;
// an interval that is the point itself (every replication gave the same
// figure) is said in words, not as "1 [1, 1]".
func withCI(x float64, ci [2]float64, f func(float64) string) string {
	if ci == [2]float64{} {
		return f(x)
	}
	if ci[0] == ci[1] && ci[0] == x {
		return fmt.Sprintf("%s <small>(every replication)</small>", f(x))
	}
	return fmt.Sprintf("%s <small>[%s, %s]</small>", f(x), f(ci[0]), f(ci[1]))
}

// meanCount formats a count averaged over replications: whole when it is
// whole, else with its decimal (4.5 loads seized on average is not 5).
func meanCount(x float64) string {
	if x == math.Trunc(x) || math.Abs(x) >= 100 {
		return numfmt.Grouped(x)
	}
	return fmt.Sprintf("%.1f", x)
}

// sweepTitle names a sweep by its manifest: which sweep of which scenario,
// and on how many replications.
func sweepTitle(files map[string][]byte) (title, meta string) {
	var m struct {
		Sweep        string  `json:"sweep"`
		Scenario     string  `json:"scenario"`
		Seed         uint64  `json:"seed"`
		Replications int     `json:"replications"`
		HorizonHours float64 `json:"horizon_hours"`
		WarmupHours  float64 `json:"warmup_hours"`
	}
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil || m.Scenario == "" {
		return "borderflow sweep", ""
	}
	return fmt.Sprintf("%s sweep of %s", m.Sweep, m.Scenario),
		fmt.Sprintf("%d replication(s) a policy, %s simulated after %s of warm-up, seed %d",
			m.Replications, spanText(m.HorizonHours), spanText(m.WarmupHours), m.Seed)
}

// spanText is a duration in hours as a reader says it: 720 h is 30 days.
func spanText(h float64) string {
	if h >= 48 && math.Mod(h, 24) == 0 {
		return fmt.Sprintf("%g days", h/24)
	}
	return fmt.Sprintf("%g h", h)
}

// sweepIndex is a sweep folder's index.html: the ranked policies and the
// frontier first (the answer), then the other charts and tables.
func sweepIndex(files map[string][]byte, figs []*figure) []byte {
	var b strings.Builder
	title, meta := sweepTitle(files)
	pageHead(&b, title+" - borderflow")
	fmt.Fprintf(&b, "<h1>%s</h1>\n", html.EscapeString(title))
	if meta != "" {
		fmt.Fprintf(&b, "<p class=\"meta\">%s</p>\n", html.EscapeString(meta))
	}
	var lead, rest []*figure
	for _, f := range figs {
		if f.name == "frontier" {
			lead = append(lead, f)
		} else {
			rest = append(rest, f)
		}
	}
	if t, err := readTable(files, "policies.csv"); t != nil && err == nil && len(t.col) > 0 {
		b.WriteString("<h2>Policies, ranked</h2>\n<p class=\"meta\">Every policy ran on the same random numbers; intervals are 95% over replications " +
			"(the paired differences from the baseline are in paired.csv). Full columns in policies.csv.</p>\n")
		policyTable(&b, t, rankOrder(t))
	}
	charts(&b, append(lead, rest...))
	if t, err := readTable(files, "volume.csv"); t != nil && err == nil && len(t.col) > 0 {
		b.WriteString("<h2>volume.csv</h2>\n")
		csvTable(&b, t, nil)
	}
	var data []string
	for n := range files {
		if strings.HasSuffix(n, ".csv") || strings.HasSuffix(n, ".json") {
			data = append(data, n)
		}
	}
	sort.Strings(data)
	dataLinks(&b, files, data)
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

// rankOrder lists policies.csv's rows as the sweep's table ranks them:
// by its rank column when it has one, else by kilograms seized per dollar
// of the whole cost of delay (delay_cost_usd), highest first (file order
// when neither is there).
func rankOrder(t *table) []int {
	order := make([]int, len(t.rows))
	for i := range order {
		order[i] = i
	}
	key := func(i int) (float64, bool) {
		if t.has("rank") {
			r, err := t.num(i, "rank")
			return r, err == nil
		}
		if t.has("kg_seized", "delay_cost_usd") {
			kg, e1 := t.num(i, "kg_seized")
			h, e2 := t.num(i, "delay_cost_usd")
			if e1 != nil || e2 != nil || h <= 0 {
				return 0, false
			}
			return -kg / h, true
		}
		return float64(i), true
	}
	sort.SliceStable(order, func(a, b int) bool {
		ka, oka := key(order[a])
		kb, okb := key(order[b])
		if !oka || !okb {
			return oka && !okb
		}
		return ka < kb
	})
	return order
}

// policyTable is the ranked policies: the headline columns that
// policies.csv has, each value with its interval when the file gives one.
func policyTable(b *strings.Builder, t *table, order []int) {
	type col struct {
		name, label string
		f           func(float64) string
	}
	// One unit a column, named in its heading, as in the run's summary
	// table: kilograms and dollars in the unit the column's largest value
	// (or interval bound) asks for.
	values := func(c string) []float64 {
		var xs []float64
		for i := range t.rows {
			for _, k := range []string{c, c + "_lo", c + "_hi"} {
				if x, err := t.num(i, k); t.has(k) && err == nil {
					xs = append(xs, x)
				}
			}
		}
		return xs
	}
	kg, money := numfmt.KgFor(values("kg_seized")...), numfmt.MoneyFor(values("delay_cost_usd")...)
	pct := func(x float64) string { return fmt.Sprintf("%.1f", 100*x) }
	var cols []col
	for _, c := range []col{{"loads_seized", "loads seized", meanCount}, {"kg_seized", kg.Name + " seized", kg.Format},
		{"interdiction_rate", "interdiction, %", pct}, {"wait_mean_min_truck", "truck wait, min", numfmt.Min},
		{"wait_mean_min_car", "car wait, min", numfmt.Min}, {"share_inspected_truck", "trucks inspected, %", pct},
		{"delay_cost_usd", "delay cost, " + money.Name, money.Format}, {"unstable", "unstable", nil}} {
		if t.has(c.name) {
			cols = append(cols, c)
		}
	}
	b.WriteString("<div class=\"wide\"><table class=\"policies\">\n<tr><th>rank</th><th class=\"name\">policy</th>")
	for _, c := range cols {
		fmt.Fprintf(b, "<th>%s</th>", html.EscapeString(c.label))
	}
	b.WriteString("</tr>\n")
	for r, i := range order {
		fmt.Fprintf(b, "<tr data-policy=\"%s\"><td>%d</td><td class=\"name\">%s</td>", html.EscapeString(t.str(i, "policy")), r+1, html.EscapeString(t.str(i, "policy")))
		for _, c := range cols {
			fmt.Fprintf(b, "<td>%s</td>", cell(t, i, c.name, c.f))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table></div>\n")
}

// cell formats column c of row i with f, and its interval (columns c_lo
// and c_hi) when the file has one; text as it is when f is nil or the
// value is not a number.
func cell(t *table, i int, c string, f func(float64) string) string {
	x, err := t.num(i, c)
	if f == nil || err != nil {
		return html.EscapeString(t.str(i, c))
	}
	if t.has(c+"_lo", c+"_hi") {
		lo, e1 := t.num(i, c+"_lo")
		hi, e2 := t.num(i, c+"_hi")
		if e1 == nil && e2 == nil {
			return withCI(x, [2]float64{lo, hi}, f)
		}
	}
	return html.EscapeString(f(x))
}

// csvTable writes a CSV table as HTML, rows in the given order (all rows
// in file order when order is nil), inside a box that scrolls sideways on
// a narrow screen so the page itself does not.
func csvTable(b *strings.Builder, t *table, order []int) {
	if order == nil {
		for i := range t.rows {
			order = append(order, i)
		}
	}
	b.WriteString("<div class=\"wide\"><table>\n<tr>")
	hs := headers(t)
	for _, h := range hs {
		fmt.Fprintf(b, "<th>%s</th>", html.EscapeString(h))
	}
	b.WriteString("</tr>\n")
	for _, i := range order {
		b.WriteString("<tr>")
		for k, h := range hs {
			cls := ""
			if k == 0 {
				cls = " class=\"name\""
			}
			fmt.Fprintf(b, "<td%s>%s</td>", cls, html.EscapeString(t.str(i, h)))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table></div>\n")
}
