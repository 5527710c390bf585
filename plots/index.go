package plots

import (
	"borderflow/report"
	"fmt"
	"html"
	"sort"
	"strings"
)

// The page's style: inline, so that index.html opens from a folder with no
// network and no script.
const pageStyle = `body{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;margin:24px auto;max-width:1240px;color:#222;padding:0 12px}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
p.meta{color:#555;margin-top:0}
table{border-collapse:collapse;font-size:.9em}
th,td{padding:3px 8px;border-bottom:1px solid #e3e3e3;text-align:right;vertical-align:top}
th{background:#f3f3f3}td.name,th.name{text-align:left}
tr.total td{font-weight:bold;border-top:2px solid #999}
figure{margin:1.4em 0}figure img{width:100%;max-width:1200px;border:1px solid #ddd}
figcaption{color:#444;max-width:1000px;margin-top:.3em}
`

func pageHead(b *strings.Builder, title string) {
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
		html.EscapeString(title), pageStyle)
}

// charts writes one figure per chart: the SVG inline-referenced, the PNG
// linked.
func charts(b *strings.Builder, figs []*figure) {
	if len(figs) == 0 {
		return
	}
	b.WriteString("<h2>Charts</h2>\n")
	for _, f := range figs {
		fmt.Fprintf(b, "<figure id=\"%s\">\n<img src=\"%s.svg\" alt=\"%s\">\n<figcaption>%s (<a href=\"%s.png\">PNG</a>)</figcaption>\n</figure>\n",
			f.name, f.name, html.EscapeString(f.title), html.EscapeString(f.caption), f.name)
	}
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
		summaryTable(&b, s)
	}
	charts(&b, figs)
	dataLinks(&b, files, []string{"summary.json", "ports.csv", "hourly.csv", "drugs.csv", "routes.csv"})
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
// the total.
func summaryTable(b *strings.Builder, s *summary) {
	b.WriteString("<h2>Summary</h2>\n<p class=\"meta\">Means over replications; waits are for a primary booth; " +
		"intervals are 95% over replications.</p>\n<table>\n<tr><th class=\"name\">port</th><th class=\"name\">class</th>" +
		"<th>arrivals</th><th>wait mean</th><th>wait p50</th><th>wait p95</th><th>wait max</th><th>secondary</th>" +
		"<th>missed referrals</th><th>loads seized / attempted</th><th>kg seized / attempted</th><th>interdiction</th>" +
		"<th>delay cost</th></tr>\n")
	rows := append([]portSummary(nil), s.Ports...)
	withTotal := len(s.Ports) != 1
	if withTotal {
		t := s.Total
		if t.Name == "" {
			t.Name = "total"
		}
		rows = append(rows, t)
	}
	for i, p := range rows {
		classes := sortedKeys(p.Arrivals)
		n := max(len(classes), 1)
		cls := ""
		if withTotal && i == len(rows)-1 {
			cls = " class=\"total\""
		}
		for j := 0; j < n; j++ {
			fmt.Fprintf(b, "<tr%s>", cls)
			if j == 0 {
				fmt.Fprintf(b, "<td class=\"name\" rowspan=\"%d\">%s</td>", n, html.EscapeString(p.Name))
			}
			if len(classes) == 0 {
				b.WriteString("<td class=\"name\">(no traffic)</td><td></td><td></td><td></td><td></td><td></td>")
			} else {
				c := classes[j]
				w := p.WaitMinutes[c]
				fmt.Fprintf(b, "<td class=\"name\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
					html.EscapeString(c), report.Count(p.Arrivals[c]), report.Minutes(w.Mean), report.Minutes(w.P50), report.Minutes(w.P95), report.Minutes(w.Max))
			}
			if j == 0 {
				fmt.Fprintf(b, "<td rowspan=\"%d\">%s</td><td rowspan=\"%d\">%s</td><td rowspan=\"%d\">%s / %s</td>"+
					"<td rowspan=\"%d\">%s / %s</td><td rowspan=\"%d\">%s</td><td rowspan=\"%d\">%s</td>",
					n, report.Count(p.SecondaryInspections), n, report.Count(p.MissedReferrals),
					n, report.Count(p.LoadsSeized), report.Count(p.LoadsAttempted), n, report.Count(p.KgSeized), report.Count(p.KgAttempted),
					n, withCI(p.InterdictionRate, p.CI95["interdiction_rate"], report.Pct), n, report.USD(p.DelayCostUSD))
			}
			b.WriteString("</tr>\n")
		}
	}
	b.WriteString("</table>\n")
}

// withCI formats x and, when the interval is known, "[lo, hi]" after it.
func withCI(x float64, ci [2]float64, f func(float64) string) string {
	if ci == [2]float64{} {
		return f(x)
	}
	return fmt.Sprintf("%s <small>[%s, %s]</small>", f(x), f(ci[0]), f(ci[1]))
}

// sweepIndex is a sweep folder's index.html: its tables and charts.
func sweepIndex(files map[string][]byte, figs []*figure) []byte {
	var b strings.Builder
	pageHead(&b, "borderflow sweep")
	b.WriteString("<h1>borderflow sweep</h1>\n")
	for _, name := range []string{"volume.csv", "policies.csv"} {
		t, err := readTable(files, name)
		if t == nil || err != nil || len(t.col) == 0 {
			continue
		}
		fmt.Fprintf(&b, "<h2>%s</h2>\n<table>\n<tr>", html.EscapeString(name))
		hs := headers(t)
		for _, h := range hs {
			fmt.Fprintf(&b, "<th>%s</th>", html.EscapeString(h))
		}
		b.WriteString("</tr>\n")
		for i := range t.rows {
			b.WriteString("<tr>")
			for k, h := range hs {
				cls := ""
				if k == 0 {
					cls = " class=\"name\""
				}
				fmt.Fprintf(&b, "<td%s>%s</td>", cls, html.EscapeString(t.str(i, h)))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	charts(&b, figs)
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
