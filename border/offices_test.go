package border_test

import (
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
	"borderflow/sim"
)

// fieldOffice is the CBP field office of a port, as cmd/genconfigs shares
// the flows out (its fieldOffice table, an assumption from CBP's published
// field office areas): California's ports are San Diego's, Arizona's
// Tucson's, New Mexico's and far west Texas's El Paso's, the rest of
// Texas Laredo's.
func fieldOffice(port, state string) string {
	switch {
	case state == "California":
		return "SAN DIEGO"
	case state == "Arizona":
		return "TUCSON"
	case state == "New Mexico":
		return "EL PASO"
	}
	switch port {
	case "El Paso", "Ysleta", "Tornillo", "Presidio", "Boquillas":
		return "EL PASO"
	}
	return "LAREDO"
}

// A year of southwest-border, ten replications, against CBP's FY2023
// port seizures by drug and field office
// (data/cbp_sw_border_drug_seizures_by_aor_fy2019_fy2023.csv).
//
// Events: the mean over replications within ±25% of CBP's events, for
// each drug and office. The targeting factor is fitted to each drug's
// border-wide events (cmd/genconfigs/detect.go) and the flows are shared
// among offices by their kg seized, so what this checks is that one
// factor per drug seizes the offices' events in their proportions (the
// offices' load sizes, traffic, trusted lanes and queues differ).
//
// Kilograms: CBP's FY2023 kg inside the 95% prediction interval of one
// year's kg over the replications (mean ± t₉ · sd · √(1 + 1/10)): FY2023
// is one year, drawn like one replication. Not fitted: the load sizes are
// fitted to kg per event, the totals follow.
//
// The interdiction rate is logged with its interval over the flow range
// (summary.json's interdiction_range). It takes minutes of CPU: it runs
// with BORDERFLOW_PROOFS=1 (make proofs), never under -short.
func TestSeizuresByOffice(t *testing.T) {
	if testing.Short() || os.Getenv("BORDERFLOW_PROOFS") == "" {
		t.Skip("ten years of 28 ports: make proofs runs it (BORDERFLOW_PROOFS=1)")
	}
	sc, err := scenario.Embedded("southwest-border")
	if err != nil {
		t.Fatal(err)
	}
	const reps = 10
	res, err := border.RunReplications(sc, reps, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows, col := refCSV(t, "cbp_sw_border_drug_seizures_by_aor_fy2019_fy2023.csv")
	type key struct{ office, drug string }
	cbpEvents, cbpKg := map[key]float64{}, map[key]float64{}
	for _, r := range rows[1:] {
		if r[col["fiscal_year"]] != "2023" || r[col["component"]] != "Office of Field Operations" {
			continue
		}
		k := key{strings.TrimSuffix(r[col["area_of_responsibility"]], " FIELD OFFICE"), strings.ToLower(r[col["drug_type"]])}
		ev, _ := strconv.ParseFloat(r[col["events"]], 64)
		lbs, _ := strconv.ParseFloat(r[col["lbs"]], 64)
		cbpEvents[k], cbpKg[k] = ev, lbs*0.45359237
	}
	events, kg := map[key][]float64{}, map[key][]float64{}
	seized, tried := map[string][]float64{}, map[string][]float64{}
	for i, r := range res {
		for p, ps := range r.Ports {
			office := fieldOffice(sc.Ports[p].Name, sc.Ports[p].State)
			for _, ls := range ps.Lanes {
				for d, ds := range ls.Drugs {
					k := key{office, sc.Drugs[d].Name}
					for _, m := range []map[key][]float64{events, kg} {
						if len(m[k]) == 0 {
							m[k] = make([]float64, reps)
						}
					}
					events[k][i] += float64(ds.LoadsSeized)
					kg[k][i] += ds.KgSeized
					if len(seized[k.drug]) == 0 {
						seized[k.drug], tried[k.drug] = make([]float64, reps), make([]float64, reps)
					}
					seized[k.drug][i] += ds.KgSeized
					tried[k.drug][i] += ds.KgAttempted
				}
			}
		}
	}
	var keys []key
	for k := range cbpEvents {
		if _, ok := events[k]; ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].drug+keys[i].office < keys[j].drug+keys[j].office })
	if len(keys) != 12 {
		t.Fatalf("%d drug and office pairs, want 12", len(keys))
	}
	const t9 = 2.262 // Student's t, 9 degrees of freedom, 97.5%
	// knownGap names the pairs whose CBP kilograms the flows from their own
	// sources do not reach within the interval: reported, not adjusted away
	// (docs/VALIDATION.md). None today: fentanyl at San Diego was one (its
	// ordinary loads' spread is held down so that 100 kg car loads stay as
	// rare as the record file has them, which narrows its interval); the
	// model's runs now put CBP's figure just inside. Keys are CBP's spelling
	// of its field offices, e.g. {drug: "fentanyl", office: "SAN DIEGO"}.
	knownGap := map[key]bool{}
	for _, k := range keys {
		var ev, w sim.Tally
		for i := 0; i < reps; i++ {
			ev.Add(events[k][i])
			w.Add(kg[k][i])
		}
		half := t9 * w.Std() * math.Sqrt(1+1.0/reps)
		lo, hi := math.Max(0, w.Mean()-half), w.Mean()+half
		t.Logf("%-15s %-9s events %7.1f (CBP %4.0f, %+5.1f%%)   kg %8.0f [%8.0f, %8.0f] (CBP %8.0f)", k.drug, k.office, ev.Mean(), cbpEvents[k], 100*(ev.Mean()/cbpEvents[k]-1), w.Mean(), lo, hi, cbpKg[k])
		if rel := math.Abs(ev.Mean()/cbpEvents[k] - 1); rel > 0.25 {
			t.Errorf("%s at %s: %.1f events seized a year, %.0f%% off CBP's %.0f", k.drug, k.office, ev.Mean(), 100*rel, cbpEvents[k])
		}
		switch c := cbpKg[k]; {
		case (c < lo || c > hi) && knownGap[k]:
			t.Logf("known gap: %s at %s: CBP's %.0f kg outside the model's 95%% interval [%.0f, %.0f]", k.drug, k.office, c, lo, hi)
		case c < lo || c > hi:
			t.Errorf("%s at %s: CBP's %.0f kg outside the model's 95%% interval [%.0f, %.0f]", k.drug, k.office, c, lo, hi)
		case knownGap[k]:
			t.Logf("the known gap at %s for %s has closed: take it out of knownGap and docs/VALIDATION.md", k.office, k.drug)
		}
	}
	for _, d := range sc.Drugs {
		var r sim.Tally
		for i := 0; i < reps; i++ {
			r.Add(seized[d.Name][i] / tried[d.Name][i])
		}
		t.Logf("%s: interdiction %.3f of the flow; over the flow's range [%.3g, %.3g]: %.3f to %.3f", d.Name, r.Mean(), d.FlowRange[0], d.FlowRange[1], r.Mean()/d.FlowRange[1], r.Mean()/d.FlowRange[0])
	}
}
