package border_test

import (
	"math"
	"strconv"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
	"borderflow/traffic"
)

// cbpOFO2023 returns CBP's FY2023 seizures at the southwest border's ports
// of entry (Office of Field Operations) in kg, by drug.
func cbpOFO2023(t *testing.T) map[string]float64 {
	t.Helper()
	rows, col := sharedCSV(t, "cbp_sw_border_drug_seizures_fy2019_fy2023.csv")
	out := map[string]float64{}
	names := map[string]string{"Cocaine": "cocaine", "Fentanyl": "fentanyl", "Methamphetamine": "methamphetamine"}
	for _, r := range rows[1:] {
		name, ok := names[r[col["drug_type"]]]
		if !ok || r[col["fiscal_year"]] != "2023" {
			continue
		}
		lbs, err := strconv.ParseFloat(r[col["ofo_ports_lbs"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = lbs * 0.45359237
	}
	return out
}

// Seizures against the real counts: 120 simulated days of the whole border,
// scaled to a year, seize within 20% of CBP's FY2023 port-of-entry total
// of the three drugs (68,800 kg), and each drug within 35%.
// The tolerances: 120 days hold about a thousand seized loads of widely
// varying weight (a relative standard error near 10%), the flows were
// sized from field-office totals with one interdiction rate per drug for
// every port (scenario/gen_test.go, seizureRate), and FY2023 is one
// year of a series that moves by tens of percent from year to year.
func TestSeizuresMatchCBP(t *testing.T) {
	cbp := cbpOFO2023(t)
	sc, err := scenario.Embedded("southwest-border")
	if err != nil {
		t.Fatal(err)
	}
	const days = 120
	sc.Horizon = days * traffic.Day
	r, err := border.Run(sc, 0, border.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	seized := map[string]float64{}
	for _, p := range r.Ports {
		for _, ls := range p.Lanes {
			for d, ds := range ls.Drugs {
				seized[sc.Drugs[d].Name] += ds.KgSeized * 365 / days
			}
		}
	}
	var simTotal, cbpTotal float64
	for drug, want := range cbp {
		got := seized[drug]
		simTotal += got
		cbpTotal += want
		t.Logf("%s: %.0f kg a year simulated, CBP FY2023 %.0f kg", drug, got, want)
		if rel := math.Abs(got-want) / want; rel > 0.35 {
			t.Errorf("%s: simulated %.0f kg is %.0f%% off CBP's %.0f kg", drug, got, 100*rel, want)
		}
	}
	t.Logf("total: %.0f kg simulated, CBP %.0f kg", simTotal, cbpTotal)
	if math.Abs(simTotal-cbpTotal)/cbpTotal > 0.20 {
		t.Errorf("total seized %.0f kg a year, CBP FY2023 %.0f kg", simTotal, cbpTotal)
	}
}
