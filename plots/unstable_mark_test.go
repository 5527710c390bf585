package plots

import (
	"strings"
	"testing"
)

// index.html's summary table marks an unstable lane on its class row and
// beside its port's delay cost and the total's; a stable port stays plain.
func TestIndexMarksUnstableDelayCost(t *testing.T) {
	s := &summary{Replications: 1}
	for _, name := range []string{"Laredo", "Roma"} {
		s.Ports = append(s.Ports, portSummary{Name: name, Arrivals: map[string]float64{"car": 10, "truck": 5},
			WaitMinutes: map[string]wait{"car": {}, "truck": {}}, DelayCostUSD: 3.39e11})
	}
	s.Total = portSummary{Name: "total", Arrivals: map[string]float64{"car": 20}, DelayCostUSD: 6.78e11}
	var b strings.Builder
	summaryTable(&b, s, []string{"Laredo truck"})
	var laredo, roma, total, truck int
	for _, l := range strings.Split(b.String(), "\n") {
		has := strings.Contains(l, "UNSTABLE")
		switch {
		case strings.Contains(l, ">Laredo<") && has:
			laredo++
		case strings.Contains(l, ">Roma<") && has:
			roma++
		case strings.Contains(l, ">total<") && has:
			total++
		case strings.Contains(l, ">truck UNSTABLE") || strings.Contains(l, ">truck <strong"):
			truck++
		}
	}
	if laredo != 1 || roma != 0 || total != 1 || truck != 1 {
		t.Errorf("marks: Laredo %d, Roma %d, total %d, truck row %d\n%s", laredo, roma, total, truck, b.String())
	}
}
