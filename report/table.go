package report

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
)

// Table prints the summary for a terminal: one row per port and class,
// then the port's contraband, then the total.
func (s *Summary) Table(w io.Writer) error {
	fmt.Fprintf(w, "%s — %d replication(s), %.0f h simulated after %.0f h warm-up, seed %d\n\n",
		s.Scenario, s.Replications, s.HorizonHours, s.WarmupHours, s.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "port\tclass\tarrivals\twait mean\twait p95\tsecondary\tmissed\tloads seized\tkg seized\tinterdiction\tdelay cost\t")
	rows := append(append([]Port(nil), s.Ports...), s.Total)
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
					count(p.SecondaryInspections), count(p.MissedReferrals),
					count(p.LoadsSeized), count(p.LoadsAttempted), count(p.KgSeized), count(p.KgAttempted),
					pct(p.InterdictionRate), usd(p.DelayCostUSD))
			}
			w := p.WaitMinutes[c]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", name, c, count(p.Arrivals[c]), minutes(w.Mean), minutes(w.P95), tail)
		}
		if len(classes) == 0 {
			fmt.Fprintf(tw, "%s\t(no traffic)\t\t\t\t\t\t\t\t\t\t\n", p.Name)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s events in %.2f s\n", count(float64(s.Events)), s.WallSeconds)
	return nil
}

func count(x float64) string {
	switch {
	case x >= 10e6:
		return fmt.Sprintf("%.1fM", x/1e6)
	case x >= 100e3:
		return fmt.Sprintf("%.0fk", x/1e3)
	case x >= 100 || x == float64(int64(x)):
		return fmt.Sprintf("%.0f", x)
	default:
		return fmt.Sprintf("%.1f", x)
	}
}

func minutes(m float64) string {
	if m >= 120 {
		return fmt.Sprintf("%.1f h", m/60)
	}
	return fmt.Sprintf("%.1f min", m)
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

func usd(x float64) string {
	switch {
	case x >= 1e9:
		return fmt.Sprintf("$%.2fB", x/1e9)
	case x >= 1e6:
		return fmt.Sprintf("$%.1fM", x/1e6)
	case x >= 1e3:
		return fmt.Sprintf("$%.0fk", x/1e3)
	default:
		return fmt.Sprintf("$%.0f", x)
	}
}
