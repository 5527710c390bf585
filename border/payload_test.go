package border_test

import (
	"math"
	"strconv"
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
	"borderflow/traffic"
)

// The payloads of docs/SOURCES.md, "Payloads": a half-ton pickup's
// 2,000 lb (the largest personal vehicle) and a five-axle tractor-trailer's
// 25 short tons of legal cargo.
const (
	carPayloadKg   = 2000 * 0.45359237
	truckPayloadKg = 50000 * 0.45359237
)

// records returns data/record_seizures.csv's rows as drug, class, kg and
// date.
type record struct {
	drug, class, date string
	kg                float64
}

func records(t *testing.T) []record {
	t.Helper()
	rows, col := refCSV(t, "record_seizures.csv")
	var out []record
	for _, r := range rows[1:] {
		kg, err := strconv.ParseFloat(r[col["kg"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, record{r[col["drug"]], r[col["class"]], r[col["date"]], kg})
	}
	return out
}

// drawn is one year of a flow's loads drawn directly from its kg
// distribution: no traffic simulated, since only the weights matter here.
func drawLoads(f scenario.LoadFlow, years float64, s *sim.Stream, each func(kg float64)) {
	n := int(math.Round(f.LoadsPerYear * years))
	for i := 0; i < n; i++ {
		each(f.Kg.Sample(s))
	}
}

// seizeProb is the probability that a load of f is seized: its lane's
// baseline risk (traffic.BaselineRisk: random referral or targeting, then
// the secondary sequence), without wait pressure or full lots, which only
// lower it; so the expected seizures below err on the high side.
func seizeProb(sc *scenario.Scenario, f scenario.LoadFlow) float64 {
	return traffic.BaselineRisk(sc, f.Drug, scenario.Route{Port: f.Port, Lane: f.Lane, Concealment: f.Concealment})
}

func southwestBorder(t *testing.T) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Embedded("southwest-border")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// No load is heavier than its vehicle carries: every fixed flow of
// southwest-border is cut at a payload no larger than its class's, and a
// year of its loads, drawn, stays below it. Without the cut (kg.limit),
// the fitted lognormals' tails drew meth loads of tens of tonnes and
// fentanyl car loads of tonnes.
func TestLoadsWithinPayloads(t *testing.T) {
	sc := southwestBorder(t)
	s := sim.NewStream(1, 0, "payloads")
	limits := map[string]float64{"car": carPayloadKg, "truck": truckPayloadKg}
	n := 0
	for _, f := range sc.Loads {
		class := sc.Classes[sc.Ports[f.Port].Lanes[f.Lane].Class].Name
		cut, ok := f.Kg.(*sim.Truncated)
		if !ok {
			t.Fatalf("%s %s %s: kg has no payload limit", sc.Ports[f.Port].Name, class, sc.Drugs[f.Drug].Name)
		}
		if cut.Max > limits[class]+1e-6 {
			t.Errorf("%s %s: limit %v kg above the %s payload %v", sc.Ports[f.Port].Name, class, cut.Max, class, limits[class])
		}
		drawLoads(f, 1, s, func(kg float64) {
			n++
			if kg > cut.Max {
				t.Fatalf("%s %s %s: drew %v kg above the %v kg limit", sc.Ports[f.Port].Name, class, sc.Drugs[f.Drug].Name, kg, cut.Max)
			}
		})
	}
	if n < 10000 {
		t.Fatalf("only %d loads drawn in a year", n)
	}
	// The records fit their vehicles: the 521 kg meth load in a pickup
	// under the car payload, the 5.9 t at Eagle Pass under the truck's.
	for _, r := range records(t) {
		if r.kg > limits[r.class] {
			t.Errorf("record %s %s %s: %v kg above the %s payload %v", r.date, r.drug, r.class, r.kg, r.class, limits[r.class])
		}
	}
}

// Fentanyl car loads of 100 kg or more are no more frequent than the
// records imply: data/record_seizures.csv holds no fentanyl car load at
// all from January 2019 to September 2025 (its largest fentanyl load,
// 115 kg, was in a truck), so CBP should expect to seize at most one such
// load in those six and three-quarter years. The expected seizures a
// year are the loads drawn over 50 years × their baseline seizure
// probability ÷ 50.
func TestFentanylCarLoads(t *testing.T) {
	sc := southwestBorder(t)
	for _, r := range records(t) {
		if r.drug == "fentanyl" && r.class == "car" && r.kg >= 100 {
			t.Fatalf("the records hold a fentanyl car load of %v kg: revise this test's bound", r.kg)
		}
	}
	const years = 50
	s := sim.NewStream(1, 0, "fentanyl cars")
	expected, loads := 0.0, 0
	for _, f := range sc.Loads {
		if sc.Drugs[f.Drug].Name != "fentanyl" || sc.Classes[sc.Ports[f.Port].Lanes[f.Lane].Class].Name != "car" {
			continue
		}
		p := seizeProb(sc, f)
		drawLoads(f, years, s, func(kg float64) {
			loads++
			if kg >= 100 {
				expected += p
			}
		})
	}
	perYear := expected / years
	const span = 6.75 // years, January 2019 to September 2025
	t.Logf("fentanyl car loads: %d drawn over %d years; %.3f seized a year expected at 100 kg or more (bound %.3f)", loads, years, perYear, 1/span)
	if loads == 0 || perYear > 1/span {
		t.Errorf("%.3f fentanyl car loads of 100 kg or more seized a year, more than the records' one in %.2f years", perYear, span)
	}
}

// Meth truck loads of 5.9 t or more are seized about as often as the
// records say: one (Eagle Pass, 13,101 lb, February 2024) in FY2020–FY2025,
// six years; the model's expected rate must be within a factor of two of
// one in six years. Over 1,000 years of meth truck loads drawn directly
// (the simulated traffic does not change the weights, and a load this
// rare needs many years to be counted), each load of 5.9 t or more
// counting its baseline seizure probability.
func TestMethRecordTruckLoads(t *testing.T) {
	sc := southwestBorder(t)
	n := 0
	for _, r := range records(t) {
		if r.drug == "methamphetamine" && r.class == "truck" && r.kg >= 5900 && r.date >= "2019-10-01" && r.date < "2025-10-01" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d meth truck loads of 5.9 t or more in the records for FY2020–FY2025, want the Eagle Pass load", n)
	}
	const years = 1000
	s := sim.NewStream(1, 0, "meth records")
	expected := 0.0
	for _, f := range sc.Loads {
		if sc.Drugs[f.Drug].Name != "methamphetamine" || sc.Classes[sc.Ports[f.Port].Lanes[f.Lane].Class].Name != "truck" {
			continue
		}
		p := seizeProb(sc, f)
		drawLoads(f, years, s, func(kg float64) {
			if kg >= 5900 {
				expected += p
			}
		})
	}
	perYear := expected / years
	want := float64(n) / 6
	t.Logf("meth truck loads of 5.9 t or more: %.3f seized a year expected, the records %.3f", perYear, want)
	if perYear < want/2 || perYear > want*2 {
		t.Errorf("%.3f meth truck loads of 5.9 t or more seized a year, not within a factor of 2 of the records' %.3f", perYear, want)
	}
}
