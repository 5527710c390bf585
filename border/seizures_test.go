package border_test

import (
	"math"
	"strconv"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
	"borderflow/sim"
)

// cbpOFO2023 returns CBP's FY2023 seizures at the southwest border's ports
// of entry (Office of Field Operations) in kg, by drug.
func cbpOFO2023(t *testing.T) map[string]float64 {
	t.Helper()
	rows, col := refCSV(t, "cbp_sw_border_drug_seizures_fy2019_fy2023.csv")
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

// A year of the whole border against the real counts.
//
// Seizures: within 15% of CBP's FY2023 port-of-entry total of the three
// drugs (68,800 kg) and each drug within 25%. The flows were sized from
// field-office seizures with one interdiction rate per drug for every
// port (cmd/genconfigs/gen.go, seizureRate); a year holds a few thousand
// seized loads of widely varying weight (a relative standard error of a
// few percent); FY2023 is one year of a series that moves by tens of
// percent from year to year.
//
// Waits: the mean wait for a primary booth within a factor of two of
// BTS's averages (data/calibration_facts.csv): 15 min for personal vehicles on
// the US–Mexico border (2003–04), 7.3 min for trucks (2004), 21 min for
// trucks at Laredo (2004). The factor of two is wide because the BTS
// figures are twenty years old and count the approach to the booths, and
// because waits are the least constrained part of the model: booths are
// sized by a staffing rule (cmd/genconfigs/gen.go, boothRho), not fitted.
func TestYearAgainstRealCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy (a year of 28 ports): make test runs it in its step without -short")
	}
	cbp := cbpOFO2023(t)
	sc, err := scenario.Embedded("southwest-border")
	if err != nil {
		t.Fatal(err)
	}
	r, err := border.Run(sc, 0, border.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	seized := map[string]float64{}
	waits := map[string]*sim.Tally{"car": {}, "truck": {}, "Laredo truck": {}}
	for _, p := range r.Ports {
		for _, ls := range p.Lanes {
			for d, ds := range ls.Drugs {
				seized[sc.Drugs[d].Name] += ds.KgSeized
			}
			cls := sc.Classes[ls.Class].Name
			waits[cls].Merge(ls.Wait)
			if p.Name == "Laredo" && cls == "truck" {
				waits["Laredo truck"].Merge(ls.Wait)
			}
		}
	}
	var simTotal, cbpTotal float64
	for drug, want := range cbp {
		got := seized[drug]
		simTotal += got
		cbpTotal += want
		t.Logf("%s: %.0f kg seized in a year, CBP FY2023 %.0f kg", drug, got, want)
		if rel := math.Abs(got-want) / want; rel > 0.25 {
			t.Errorf("%s: simulated %.0f kg is %.0f%% off CBP's %.0f kg", drug, got, 100*rel, want)
		}
	}
	t.Logf("total: %.0f kg simulated, CBP %.0f kg", simTotal, cbpTotal)
	if math.Abs(simTotal-cbpTotal)/cbpTotal > 0.15 {
		t.Errorf("total seized %.0f kg a year, CBP FY2023 %.0f kg", simTotal, cbpTotal)
	}
	for what, bts := range map[string]float64{"car": 15, "truck": 7.3, "Laredo truck": 21} {
		got := waits[what].Mean() / 60
		t.Logf("%s: mean primary wait %.1f min, BTS %.1f min", what, got, bts)
		if got < bts/2 || got > 2*bts {
			t.Errorf("%s: mean wait %.1f min is not within a factor of 2 of BTS's %.1f min", what, got, bts)
		}
	}
}
