package plots

import (
	"borderflow/numfmt"
	"encoding/json"
	"fmt"
	"html"
	"sort"
	"strings"
)

// headline is what index.html says first: the answer in a few figures with
// their 95% intervals, and a warning for every lane the run marked
// unstable (queues that did not clear), before any chart.
func headline(b *strings.Builder, s *summary, files map[string][]byte) {
	t := s.Total
	if len(s.Ports) == 1 {
		t = s.Ports[0]
	}
	b.WriteString("<h2>Headline</h2>\n")
	for _, w := range unstableLanes(files["summary.json"]) {
		fmt.Fprintf(b, "<p class=\"warn\"><strong>unstable:</strong> %s — vehicles still queued at the end exceed a quarter "+
			"of a day's arrivals: the queue was still growing, or is hours long, and its waits and delay cost may depend on the horizon, not the port alone.</p>\n", html.EscapeString(w))
	}
	b.WriteString("<dl class=\"headline\">\n")
	item := func(label, value string) {
		fmt.Fprintf(b, "<div><dt>%s</dt><dd>%s</dd></div>\n", html.EscapeString(label), value)
	}
	var arrivals float64
	for _, c := range sortedKeys(t.Arrivals) {
		arrivals += t.Arrivals[c]
	}
	item("vehicles arrived", html.EscapeString(numfmt.Count(arrivals)))
	item("secondary inspections", html.EscapeString(numfmt.Count(t.SecondaryInspections)))
	item("loads seized / arrived", html.EscapeString(numfmt.Count(t.LoadsSeized)+" / "+numfmt.Count(t.LoadsAttempted)))
	item("kg seized", withCI(t.KgSeized, t.CI95["kg_seized"], numfmt.Count))
	item("interdiction (kg)", withCI(t.InterdictionRate, t.CI95["interdiction_rate"], numfmt.Pct))
	for _, c := range sortedKeys(t.WaitMinutes) {
		item(c+" wait, mean", withCI(t.WaitMinutes[c].Mean, t.CI95["wait_minutes."+c+".mean"], numfmt.Minutes))
	}
	item("delay cost", withCI(t.DelayCostUSD, t.CI95["delay_cost_usd"], numfmt.USD))
	b.WriteString("</dl>\n")
	if s.Replications < 2 {
		b.WriteString("<p class=\"meta\">One replication: no intervals (run with -reps 10 or more for them).</p>\n")
	}
}

// unstableLanes reads the unstable marks of summary.json defensively: a
// port's "unstable" may be a boolean or an object {class: boolean}.
func unstableLanes(raw []byte) []string {
	var doc struct {
		Ports []struct {
			Name     string          `json:"name"`
			Unstable json.RawMessage `json:"unstable"`
		} `json:"ports"`
	}
	if json.Unmarshal(raw, &doc) != nil {
		return nil
	}
	var out []string
	for _, p := range doc.Ports {
		var all bool
		if json.Unmarshal(p.Unstable, &all) == nil {
			if all {
				out = append(out, p.Name)
			}
			continue
		}
		var byClass map[string]bool
		if json.Unmarshal(p.Unstable, &byClass) == nil {
			var cs []string
			for c, u := range byClass {
				if u {
					cs = append(cs, c)
				}
			}
			sort.Strings(cs)
			for _, c := range cs {
				out = append(out, p.Name+" "+c)
			}
		}
	}
	return out
}
