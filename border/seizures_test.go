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
	kg, _ := cbpOFO2023Events(t)
	return kg
}

// cbpOFO2023Events returns CBP's FY2023 port-of-entry seizures by drug:
// kg and seizure events.
func cbpOFO2023Events(t *testing.T) (map[string]float64, map[string]float64) {
	t.Helper()
	rows, col := refCSV(t, "cbp_sw_border_drug_seizures_fy2019_fy2023.csv")
	out, events := map[string]float64{}, map[string]float64{}
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
		n, err := strconv.ParseFloat(r[col["ofo_events"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		events[name] = n
	}
	return out, events
}

// A year of the whole border against the real counts.
//
// Seizures: within 15% of CBP's FY2023 port-of-entry total of the three
// drugs (68,800 kg) and each drug within 25%, in kilograms and in seizure
// events. The flows come from consumption estimates (cmd/genconfigs/flows.go)
// and one targeting factor per drug is fitted to CBP's events
// (cmd/genconfigs/detect.go); FY2023 is one year of a series that moves by tens of
// percent from year to year. The kilograms compared are the year's
// expected seizures given the loads seized: each seized load counts the
// mean weight of its flow (every flow of a port, class and drug draws its
// weight from the same distribution, independently of whether it is
// caught). Loads are heavy-tailed (cmd/genconfigs, load sizes: a few
// tonne-scale commercial loads carry a quarter of the meth), so the kg a
// single year happens to seize swing by ±10% with a handful of big loads;
// the expectation given the seized loads is the mean over replications
// without that noise. The drawn kilograms are logged beside it.
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
	_, events := cbpOFO2023Events(t)
	mean := map[[3]int]float64{} // port, lane, drug → mean kg of a load
	for _, f := range sc.Loads {
		k := [3]int{f.Port, f.Lane, f.Drug}
		if m, ok := mean[k]; ok && m != f.Kg.Mean() {
			t.Fatalf("%s: flows of one lane and drug with different load sizes", sc.Ports[f.Port].Name)
		}
		mean[k] = f.Kg.Mean()
	}
	seized, drawn, loads := map[string]float64{}, map[string]float64{}, map[string]float64{}
	waits := map[string]*sim.Tally{"car": {}, "truck": {}, "Laredo truck": {}}
	for p, ps := range r.Ports {
		for l, ls := range ps.Lanes {
			for d, ds := range ls.Drugs {
				name := sc.Drugs[d].Name
				seized[name] += float64(ds.LoadsSeized) * mean[[3]int{p, l, d}]
				drawn[name] += ds.KgSeized
				loads[name] += float64(ds.LoadsSeized)
			}
			p := ps
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
		t.Logf("%s: %.0f kg expected seized in a year (%.0f drawn), CBP FY2023 %.0f kg; %.0f loads, CBP %.0f events", drug, got, drawn[drug], want, loads[drug], events[drug])
		if rel := math.Abs(got-want) / want; rel > 0.25 {
			t.Errorf("%s: simulated %.0f kg is %.0f%% off CBP's %.0f kg", drug, got, 100*rel, want)
		}
		if rel := math.Abs(loads[drug]-events[drug]) / events[drug]; rel > 0.25 {
			t.Errorf("%s: %.0f loads seized, %.0f%% off CBP's %.0f events", drug, loads[drug], 100*rel, events[drug])
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
