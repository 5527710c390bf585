package compare

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"

	"borderflow/numfmt"
)

// CSV is compare.csv: one row per port, class and measure (the border's
// rows with port and class "all"), A's and B's means, B − A and its 95%
// paired interval (empty with one replication), and B − A relative to A
// (empty when A is 0).
func (c *Comparison) CSV() []byte {
	var b bytes.Buffer
	b.WriteString("port,class,measure,a_mean,b_mean,difference,difference_lo,difference_hi,relative_change\n")
	for _, r := range c.Rows {
		lo, hi := "", ""
		if r.Interval {
			lo, hi = numfmt.Exact(r.Lo), numfmt.Exact(r.Hi)
		}
		rel := ""
		if r.A != 0 {
			rel = numfmt.Exact(r.Diff / r.A)
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s,%s\n", csvField(r.Port), csvField(r.Class), r.Measure,
			numfmt.Exact(r.A), numfmt.Exact(r.B), numfmt.Exact(r.Diff), lo, hi, rel)
	}
	return b.Bytes()
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// formatter picks a measure's format from its name, as the run table
// formats the same columns.
func formatter(measure string) func(float64) string {
	switch {
	case strings.Contains(measure, "rate") || strings.Contains(measure, "share"):
		return numfmt.Pct
	case strings.Contains(measure, "_min"):
		return numfmt.Min
	case strings.Contains(measure, "usd"):
		return numfmt.USD
	}
	return numfmt.Count
}

func (r Row) cells() (a, b, diff, interval string) {
	f := formatter(r.Measure)
	a, b, diff = f(r.A), f(r.B), numfmt.Signed(r.Diff, f)
	if r.Interval {
		interval = "[" + numfmt.Signed(r.Lo, f) + ", " + numfmt.Signed(r.Hi, f) + "]"
	}
	return
}

// Heading says what was compared.
func (c *Comparison) Heading() string {
	return fmt.Sprintf("%s, seed %d, %d replication(s), %gh simulated after %gh warm-up\nA = %s\nB = %s",
		c.A.Scenario, c.A.Seed, c.A.Replications, c.A.HorizonHours, c.A.WarmupHours, c.A.Dir, c.B.Dir)
}

// lanesShownWhole: with this many lanes or fewer the table shows every
// lane's rows; with more, only those whose interval excludes 0.
const lanesShownWhole = 4

// Table writes the comparison for a terminal: the border's rows, then each
// lane's (with many lanes, only the differences whose interval excludes
// 0; compare.csv has every row). Measures equal in both runs are left out.
func (c *Comparison) Table(w io.Writer) error {
	var t numfmt.Table
	t.Left = 3
	t.Row("port", "class", "measure", "A", "B", "B - A", "95% interval")
	equal, hidden := 0, 0
	whole := len(c.A.Lanes) <= lanesShownWhole
	for _, r := range c.Rows {
		if r.A == r.B && (!r.Interval || (r.Lo == 0 && r.Hi == 0)) {
			equal++
			continue
		}
		if r.Port != "all" && !whole && !r.Significant() {
			hidden++
			continue
		}
		a, b, d, iv := r.cells()
		t.Row(r.Port, r.Class, r.Measure, a, b, d, iv)
	}
	if _, err := fmt.Fprintf(w, "compare %s\n\n", c.Heading()); err != nil {
		return err
	}
	if _, err := t.WriteTo(w); err != nil {
		return err
	}
	var notes []string
	if equal > 0 {
		notes = append(notes, fmt.Sprintf("%d rows the same in A and B left out", equal))
	}
	if hidden > 0 {
		notes = append(notes, fmt.Sprintf("%d lane rows whose interval contains 0 left out", hidden))
	}
	if c.A.Replications < 2 {
		notes = append(notes, "one replication: no intervals (run both with -reps 2 or more)")
	}
	if len(notes) > 0 {
		_, err := fmt.Fprintf(w, "\n%s; every row is in compare.csv\n", strings.Join(notes, "; "))
		return err
	}
	return nil
}

var page = template.Must(template.New("compare").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>compare {{.Scenario}}: B − A</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 70rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #ddd; }
td.n { text-align: right; }
tr.sig td { font-weight: 600; }
caption { text-align: left; margin-bottom: 0.5rem; }
.scroll { overflow-x: auto; }
</style>
</head>
<body>
<h1>{{.Scenario}}: B − A</h1>
<p>A = <code>{{.A}}</code><br>B = <code>{{.B}}</code></p>
<p>Seed {{.Seed}}, {{.Reps}} replication(s) of {{.Horizon}} h after {{.Warmup}} h of warm-up, the same
random numbers in both (common random numbers), so each difference is paired replication by
replication; the interval is the 95% paired-t interval of the mean difference. Rows in bold have an
interval that excludes 0. The border's rows (all, all) add the lanes up replication by replication.</p>
<div class="scroll">
<table>
<thead><tr><th>port</th><th>class</th><th>measure</th><th>A</th><th>B</th><th>B − A</th><th>95% interval</th></tr></thead>
<tbody>
{{range .Rows}}<tr{{if .Sig}} class="sig"{{end}}><td>{{.Port}}</td><td>{{.Class}}</td><td>{{.Measure}}</td><td class="n">{{.A}}</td><td class="n">{{.B}}</td><td class="n">{{.Diff}}</td><td class="n">{{.Interval}}</td></tr>
{{end}}</tbody>
</table>
</div>
<p>Every row, with exact figures: <a href="compare.csv">compare.csv</a>.</p>
</body>
</html>
`))

// HTML is compare.html: the whole comparison as a page.
func (c *Comparison) HTML() ([]byte, error) {
	type hrow struct {
		Port, Class, Measure, A, B, Diff, Interval string
		Sig                                        bool
	}
	var rows []hrow
	for _, r := range c.Rows {
		a, b, d, iv := r.cells()
		rows = append(rows, hrow{r.Port, r.Class, r.Measure, a, b, d, iv, r.Significant()})
	}
	var buf bytes.Buffer
	err := page.Execute(&buf, map[string]any{
		"Scenario": c.A.Scenario, "A": c.A.Dir, "B": c.B.Dir, "Seed": c.A.Seed, "Reps": c.A.Replications,
		"Horizon": c.A.HorizonHours, "Warmup": c.A.WarmupHours, "Rows": rows,
	})
	return buf.Bytes(), err
}
