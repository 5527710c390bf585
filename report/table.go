package report

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"borderflow/numfmt"
)

// Table prints the summary for a terminal: one row per port and class,
// then the port's contraband, then the total.
func (s *Summary) Table(w io.Writer) error {
	fmt.Fprintf(w, "%s — %d replication(s), %.0f h simulated after %.0f h warm-up, seed %d\n\n",
		s.Scenario, s.Replications, s.HorizonHours, s.WarmupHours, s.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "port\tclass\tarrivals\twait mean\twait p95\tsecondary\tmissed\tloads seized\tkg seized\tinterdiction\tdelay cost\t")
	rows := append(append([]Port(nil), s.Ports...), s.Total.Port)
	for i, p := range rows {
		if i == len(rows)-1 && len(s.Ports) > 1 {
			fmt.Fprintln(tw, "\t\t\t\t\t\t\t\t\t\t\t")
		}
		if i == len(rows)-1 && len(s.Ports) == 1 {
			break // the total of one port is the port
		}
		classes := make([]string, 0, len(p.Arrivals))
		for c := range p.Arrivals {
			classes = append(classes, c)
		}
		sort.Strings(classes)
		for j, c := range classes {
			name := ""
			tail := "\t\t\t\t\t\t\t"
			if j == 0 {
				name = p.Name
				tail = fmt.Sprintf("%s\t%s\t%s/%s\t%s/%s\t%s\t%s\t",
					numfmt.Count(p.SecondaryInspections), numfmt.Count(p.MissedReferrals),
					numfmt.Count(p.LoadsSeized), numfmt.Count(p.LoadsAttempted), numfmt.Count(p.KgSeized), numfmt.Count(p.KgAttempted),
					numfmt.Pct(p.InterdictionRate), numfmt.USD(p.DelayCostUSD))
			}
			w := p.WaitMinutes[c]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", name, c, numfmt.Count(p.Arrivals[c]), numfmt.Minutes(w.Mean), numfmt.Minutes(w.P95), tail)
		}
		if len(classes) == 0 {
			fmt.Fprintf(tw, "%s\t(no traffic)\t\t\t\t\t\t\t\t\t\t\n", p.Name)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s events in %.2f s\n", numfmt.Count(float64(s.Events)), s.WallSeconds)
	return nil
}
