package plots

import (
	"regexp"
	"strings"
	"testing"
)

// plainCell is a number (or two, "a / b") with no unit of its own, with
// its interval when there is one: the unit is in the column's heading.
var plainCell = regexp.MustCompile(`^-?[0-9][0-9,]*(\.[0-9]+)?( / [0-9][0-9,]*(\.[0-9]+)?)?( <small>\[[0-9,.\-]+, [0-9,.\-]+\]</small>)?$`)

// numberCells returns the text of each <td> that is not a name.
func numberCells(html string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<td(?: rowspan="\d+")?>([^<]*(?:<small>[^<]*</small>)?)(?: <strong[^>]*>UNSTABLE</strong>)?</td>`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// index.html's summary table has one unit a column, named in its heading:
// waits of minutes and of days, costs of dollars and of billions, and
// kilograms of grams and of tonnes still read in the column's unit.
func TestIndexSummaryOneUnitAColumn(t *testing.T) {
	s := &summary{Replications: 2}
	s.Ports = append(s.Ports,
		portSummary{Name: "Laredo", Arrivals: map[string]float64{"car": 1.2e6, "truck": 45}, WaitMinutes: map[string]wait{"car": {Mean: 3000, P50: 2500, P95: 9000, Max: 12000}, "truck": {Mean: 4.4, P95: 12}},
			KgSeized: 250000, KgAttempted: 1.5e6, LoadsSeized: 12, LoadsAttempted: 1500, SecondaryInspections: 45000, DelayCostUSD: 3.4e9,
			InterdictionRate: 0.167, CI95: map[string][2]float64{"interdiction_rate": {0.12, 0.21}}},
		portSummary{Name: "Roma", Arrivals: map[string]float64{"car": 900}, WaitMinutes: map[string]wait{"car": {Mean: 0.5, P95: 2}},
			KgSeized: 3, KgAttempted: 40, DelayCostUSD: 812, InterdictionRate: 0.075})
	s.Total = portSummary{Name: "total", Arrivals: map[string]float64{"car": 1.2e6, "truck": 45}, DelayCostUSD: 3.4e9, KgSeized: 250003, KgAttempted: 1.5e6}
	var b strings.Builder
	summaryTable(&b, s, []string{"Laredo car"})
	out := b.String()
	for _, h := range []string{"<th>wait mean, min</th>", "<th>wait p95, min</th>", "<th>t seized / attempted</th>", "<th>interdiction, %</th>", "<th>delay cost, $M</th>"} {
		if !strings.Contains(out, h) {
			t.Errorf("no heading %s:\n%s", h, out)
		}
	}
	cells := numberCells(out)
	if len(cells) < 20 {
		t.Fatalf("%d number cells:\n%s", len(cells), out)
	}
	for _, c := range cells {
		if !plainCell.MatchString(c) {
			t.Errorf("cell %q carries its own unit (or is not a number)", c)
		}
	}
	for _, want := range []string{"<td>3,000</td>", "<td>4.4</td>", "<td>0.5</td>", "<td rowspan=\"2\">3,400 <strong", "<td rowspan=\"1\">0.0</td>", "<td rowspan=\"2\">250 / 1,500</td>", "<td>1,200,000</td>"} {
		if !strings.Contains(out, want) {
			t.Errorf("no cell %s:\n%s", want, out)
		}
	}
}

// The sweep's ranked policies table likewise.
func TestIndexPolicyTableOneUnitAColumn(t *testing.T) {
	csv := "policy,loads_seized,kg_seized,kg_seized_lo,kg_seized_hi,interdiction_rate,wait_mean_min_truck,wait_mean_min_car,delay_cost_usd,delay_cost_usd_lo,delay_cost_usd_hi\n" +
		"baseline,12,900,800,1000,0.05,4.4,2.1,5e6,4e6,6e6\n" +
		"inspect-everything,1500,240000,230000,250000,0.4,14584,300,3.4e11,3.3e11,3.5e11\n"
	tb, err := readTable(map[string][]byte{"policies.csv": []byte(csv)}, "policies.csv")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	policyTable(&b, tb, []int{1, 0})
	out := b.String()
	for _, h := range []string{"<th>t seized</th>", "<th>truck wait, min</th>", "<th>interdiction, %</th>", "<th>delay cost, $B</th>"} {
		if !strings.Contains(out, h) {
			t.Errorf("no heading %s:\n%s", h, out)
		}
	}
	cells := numberCells(out)
	if len(cells) != 14 {
		t.Fatalf("%d number cells, want 14:\n%s", len(cells), out)
	}
	for _, c := range cells {
		if !plainCell.MatchString(c) {
			t.Errorf("cell %q carries its own unit (or is not a number)", c)
		}
	}
}
