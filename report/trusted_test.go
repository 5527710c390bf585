package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"borderflow/border"
	"borderflow/report"
	"borderflow/scenario"
)

const trustedScenario = `name = "tt"
horizon = "2d"
warmup = "1h"

[class.car]
value_of_time = 20

[drug.methamphetamine]
value_per_kg = 19700

[[port]]
name = "San Ysidro"

  [port.lane.car]
  annual_volume = 2000000
  booths = 2
  primary_time = { dist = "exponential", mean = "34s" }
  referral_rate = 0.1

  [port.lane.car.trusted.sentri]
  share = 0.3
  booths = 1
  primary_time = { dist = "exponential", mean = "24s" }
  referral_factor = 0.2

[[port]]
name = "Tecate"

  [port.lane.car]
  annual_volume = 200000
  booths = 1
  primary_time = { dist = "exponential", mean = "34s" }
  referral_rate = 0.1
`

// summary.json, ports.csv and the table split a lane with trusted parts
// into general traffic and each part; a lane without parts is all
// general; the columns before them are ports.csv's usual ones.
func TestTrustedOutputs(t *testing.T) {
	sc, err := scenario.Parse("tt.toml", []byte(trustedScenario))
	if err != nil {
		t.Fatal(err)
	}
	r, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum := report.Summarize(sc, []*border.Result{r})
	js, err := sum.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Ports []struct {
			Name     string                                    `json:"name"`
			Arrivals map[string]float64                        `json:"arrivals"`
			Trusted  map[string]map[string]*report.TrustedPart `json:"trusted"`
		} `json:"ports"`
		Total struct {
			Trusted map[string]map[string]*report.TrustedPart `json:"trusted"`
		} `json:"total"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	sy := doc.Ports[0]
	g, s := sy.Trusted["car"]["general"], sy.Trusted["car"]["sentri"]
	if g == nil || s == nil {
		t.Fatalf("San Ysidro's trusted: %v", sy.Trusted)
	}
	if g.Arrivals+s.Arrivals != sy.Arrivals["car"] || s.ShareOfArrivals < 0.27 || s.ShareOfArrivals > 0.33 {
		t.Errorf("arrivals: general %v + sentri %v of %v (share %v)", g.Arrivals, s.Arrivals, sy.Arrivals["car"], s.ShareOfArrivals)
	}
	if s.ReferralRate > 0.04 || g.ReferralRate < 0.08 || s.WaitMinutes.Mean >= g.WaitMinutes.Mean || s.BoothsMean != 1 || g.BoothsMean != 2 {
		t.Errorf("general %+v, sentri %+v", *g, *s)
	}
	if doc.Ports[1].Trusted != nil {
		t.Errorf("Tecate has no parts, but trusted = %v", doc.Ports[1].Trusted)
	}
	if tg := doc.Total.Trusted["car"]; tg == nil || tg["sentri"].Arrivals != s.Arrivals || tg["general"].Arrivals != g.Arrivals {
		t.Errorf("the border's trusted: %v (parts of the ports with parts only)", tg)
	} else if math.Abs(tg["sentri"].ShareOfArrivals-s.ShareOfArrivals) > 1e-12 {
		t.Errorf("the border's sentri share %v, San Ysidro's %v: the share is of the lanes with parts", tg["sentri"].ShareOfArrivals, s.ShareOfArrivals)
	}

	var b bytes.Buffer
	if err := sum.PortsCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(rows[0], ",")
	if !strings.HasSuffix(head, ",unstable,general_arrivals,general_wait_mean_min,general_wait_p95_min,general_referrals,sentri_arrivals,sentri_wait_mean_min,sentri_wait_p95_min,sentri_referrals") ||
		!strings.HasPrefix(head, "port,state,class,arrivals,departures,") {
		t.Errorf("ports.csv header %s", head)
	}
	n := len(rows[0])
	if rows[2][n-4] != "" || rows[2][n-8] != rows[2][3] {
		t.Errorf("Tecate's row %v: general = the lane, sentri empty", rows[2])
	}
	var tb bytes.Buffer
	if err := sum.Table(&tb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tb.String(), "trusted-traveller lanes") || !strings.Contains(tb.String(), "sentri") {
		t.Errorf("the table has no trusted-traveller rows:\n%s", tb.String())
	}
}
