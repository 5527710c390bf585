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

// trustedScenario is shared with scenario's tests of how the trusted
// parts decode: one fixture, in the package that owns the format.
const trustedScenario = "../scenario/testdata/good/trusted.toml"

// summary.json, ports.csv and the table split a lane with trusted parts
// into general traffic and each part, in name order; a lane without parts
// is all general; the columns before them are ports.csv's usual ones.
func TestTrustedOutputs(t *testing.T) {
	sc, err := scenario.Load(trustedScenario)
	if err != nil {
		t.Fatal(err)
	}
	res, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum := report.Summarize(sc, []*border.Result{res})
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
	g, r, s := sy.Trusted["car"]["general"], sy.Trusted["car"]["ready"], sy.Trusted["car"]["sentri"]
	if g == nil || r == nil || s == nil {
		t.Fatalf("San Ysidro's trusted: %v", sy.Trusted)
	}
	if g.Arrivals+r.Arrivals+s.Arrivals != sy.Arrivals["car"] || s.ShareOfArrivals < 0.27 || s.ShareOfArrivals > 0.33 ||
		r.ShareOfArrivals < 0.22 || r.ShareOfArrivals > 0.28 {
		t.Errorf("arrivals: general %v + ready %v + sentri %v of %v (shares %v, %v)",
			g.Arrivals, r.Arrivals, s.Arrivals, sy.Arrivals["car"], r.ShareOfArrivals, s.ShareOfArrivals)
	}
	if s.ReferralRate > 0.04 || g.ReferralRate < 0.08 || s.WaitMinutes.Mean >= g.WaitMinutes.Mean || s.BoothsMean != 1 || g.BoothsMean != 2 {
		t.Errorf("general %+v, sentri %+v", *g, *s)
	}
	if s.AtGeneralBooths != 0 || r.AtGeneralBooths == 0 || g.AtGeneralBooths != 0 {
		t.Errorf("at the general booths: sentri %v (use_general = false), ready %v (its booths close at night), general %v",
			s.AtGeneralBooths, r.AtGeneralBooths, g.AtGeneralBooths)
	}
	if doc.Ports[1].Trusted != nil {
		t.Errorf("Tecate has no parts, but trusted = %v", doc.Ports[1].Trusted)
	}
	if tg := doc.Total.Trusted["car"]; tg == nil || tg["sentri"].Arrivals != s.Arrivals || tg["ready"].Arrivals != r.Arrivals || tg["general"].Arrivals != g.Arrivals {
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
	if !strings.HasSuffix(head, ",unstable,general_arrivals,general_wait_mean_min,general_wait_p95_min,general_referrals,"+
		"ready_arrivals,ready_wait_mean_min,ready_wait_p95_min,ready_referrals,sentri_arrivals,sentri_wait_mean_min,sentri_wait_p95_min,sentri_referrals") ||
		!strings.HasPrefix(head, "port,state,class,arrivals,departures,") {
		t.Errorf("ports.csv header %s", head)
	}
	n := len(rows[0])
	if rows[2][n-4] != "" || rows[2][n-8] != "" || rows[2][n-12] != rows[2][3] {
		t.Errorf("Tecate's row %v: general = the lane, ready and sentri empty", rows[2])
	}
	var tb bytes.Buffer
	if err := sum.Table(&tb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tb.String(), "trusted-traveller lanes") || !strings.Contains(tb.String(), "sentri") {
		t.Errorf("the table has no trusted-traveller rows:\n%s", tb.String())
	}
}
