package sweep

import (
	"strings"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// A scenario with organisations adds their metrics (outsourcing, kg by
// port) and the market's (price effects by drug) to a sweep's, so that
// paired.csv gives each policy's displacement and price effect against
// the baseline; the values line up with the names.
func TestSmugglerAndMarketMetrics(t *testing.T) {
	sc, err := scenario.Embedded("surge-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			sc.Ports[p].Lanes[l].Rate /= 20
			sc.Ports[p].Lanes[l].AnnualVolume /= 20
		}
	}
	sc.Horizon = 4 * scenario.Week
	sc.Surges = nil
	r, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	names, v := MetricNames(sc), Measure(sc, r)
	if len(names) != len(v) {
		t.Fatalf("%d names, %d values", len(names), len(v))
	}
	got := map[string]float64{}
	for i, n := range names {
		got[n] = v[i]
	}
	if s := got["org_outsourced_share"]; !(s > 0.05 && s < 0.3) {
		t.Errorf("org_outsourced_share %v", s)
	}
	ports := 0.0
	for _, p := range sc.Ports {
		ports += got["org_kg_attempted_"+ColumnSafe(p.Name)]
	}
	if !(ports > 0) || !(got["org_kg_delivered_to_us"] > 0) {
		t.Errorf("kg by port %v, delivered %v", ports, got["org_kg_delivered_to_us"])
	}
	for _, d := range []string{"methamphetamine", "cocaine", "fentanyl"} {
		r, b := got["retail_price_change_pct_"+d], got["border_price_change_pct_"+d]
		if !(b > 0) || !(r < b) {
			t.Errorf("%s: border %v%%, retail %v%%", d, b, r)
		}
	}
	sc.Orgs = nil
	for _, n := range MetricNames(sc) {
		if strings.HasPrefix(n, "org_") {
			t.Errorf("metric %s without organisations", n)
		}
	}
}

// Column names hold no spaces or punctuation, whatever the port's name.
func TestColumnSafe(t *testing.T) {
	for in, want := range map[string]string{"Eagle Pass": "eagle_pass", "Rio Grande City": "rio_grande_city",
		"Otay Mesa - Commercial": "otay_mesa_commercial", "Laredo": "laredo", " San Luis (II) ": "san_luis_ii"} {
		if got := ColumnSafe(in); got != want {
			t.Errorf("ColumnSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
