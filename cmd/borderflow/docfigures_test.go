package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"borderflow/report"
)

var updateDocs = flag.Bool("update", false, "rewrite the figures docs/SCENARIOS.md quotes from runs")

const (
	figuresBegin = "<!-- figures: go test ./cmd/borderflow -run TestScenarioFigures -update -->"
	figuresEnd   = "<!-- end of figures -->"
)

// TestScenarioFigures: the figures docs/SCENARIOS.md quotes for
// surge-eagle-pass and crackdown are those of `borderflow run NAME` with
// the scenario's own seed and replications (and its counterfactual). The
// test runs both and fails when the doc's block differs from what they
// give; -update rewrites the block.
func TestScenarioFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("runs surge-eagle-pass and crackdown with their counterfactuals")
	}
	if os.Getenv("BORDERFLOW_PROOFS") == "" {
		t.Skip("a long proof (minutes of CPU): run by `make proofs`, which .ci/run runs after make test")
	}
	base := t.TempDir()
	var b strings.Builder
	b.WriteString(figuresBegin + "\n")
	for _, name := range []string{"surge-eagle-pass", "crackdown"} {
		dir := filepath.Join(base, name)
		if code, _, stderr := borderflow(t, "run", name, "-no-plots", "-quiet", "-out", dir); code != 0 {
			t.Fatalf("run %s: exit %d: %s", name, code, stderr)
		}
		js, err := os.ReadFile(filepath.Join(dir, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(figuresOf(t, name, js))
	}
	b.WriteString(figuresEnd)
	path := "../../docs/SCENARIOS.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, figuresBegin), strings.Index(s, figuresEnd)
	if i < 0 || j < i {
		t.Fatalf("docs/SCENARIOS.md has no figures block (%q … %q)", figuresBegin, figuresEnd)
	}
	got := s[i : j+len(figuresEnd)]
	if got == b.String() {
		return
	}
	if *updateDocs {
		if err := os.WriteFile(path, []byte(s[:i]+b.String()+s[j+len(figuresEnd):]), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("docs/SCENARIOS.md figures rewritten")
		return
	}
	t.Errorf("docs/SCENARIOS.md's figures drifted from the runs; rerun with -update. Want:\n%s", b.String())
}

// figuresOf writes the doc's lines for one run's summary.json.
func figuresOf(t *testing.T, name string, js []byte) string {
	t.Helper()
	var s struct {
		Seed         uint64                              `json:"seed"`
		Replications int                                 `json:"replications"`
		Displacement []report.CounterfactualDisplacement `json:"displacement"`
		Market       []report.MarketDrug                 `json:"market"`
	}
	if err := json.Unmarshal(js, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Displacement) == 0 || s.Displacement[0].Method != "counterfactual" {
		t.Fatalf("%s: no displacement against the counterfactual", name)
	}
	kg := func(d report.Paired[report.Policy]) string {
		return fmt.Sprintf("%s kg [%s, %s]", signedKg(d.Difference.Mean), signedKg(d.Difference.CI95[0]), signedKg(d.Difference.CI95[1]))
	}
	pts := func(d report.Paired[report.Policy]) string {
		return fmt.Sprintf("%+.1f points [%+.1f, %+.1f] (from %.1f%%)", 100*d.Difference.Mean, 100*d.Difference.CI95[0], 100*d.Difference.CI95[1], 100*d.Base.Mean)
	}
	var b strings.Builder
	d := s.Displacement[0]
	fmt.Fprintf(&b, "\n`borderflow run %s` (seed %d, %d replications, each against the same seeds without the surges; 95%% intervals of the paired differences), over the %d decision periods from day %.0f to %.0f:\n\n",
		name, s.Seed, s.Replications, d.Periods, d.DuringDays[0], d.DuringDays[1])
	if name == "surge-eagle-pass" {
		fmt.Fprintf(&b, "- kg planned through Eagle Pass: %s; through the other ports: %s", kg(d.Surged.KgPlanned), kg(d.OtherPortsPlanned))
		var parts []string
		for _, o := range d.Others {
			parts = append(parts, fmt.Sprintf("%s %s", o.Port, signedKg(o.KgPlanned.Difference.Mean)))
		}
		fmt.Fprintf(&b, " (%s)\n", strings.Join(parts, ", "))
		fmt.Fprintf(&b, "- balloon share: %.0f%% [%.0f%%, %.0f%%] of Eagle Pass's reduction reappears elsewhere, %.0f%% at the other ports\n",
			100*d.BalloonShare.Mean, 100*d.BalloonShare.CI95[0], 100*d.BalloonShare.CI95[1], 100*d.BalloonSharePorts.Mean)
	} else {
		fmt.Fprintf(&b, "- kg planned through the four ports: %s\n", kg(d.PortsPlanned))
	}
	fmt.Fprintf(&b, "- outsourced share of the volume: %s during, %s in as many periods after\n", pts(d.OutsourcedShare), pts(d.OutsourcedAfter))
	fmt.Fprintf(&b, "- kg delivered to the US: %s; the organisations' own losses: %s\n", kg(d.USDelivered), kg(d.OwnLoss))
	for _, m := range s.Market {
		if m.Counterfactual == nil || m.Counterfactual.USMarket == nil {
			continue
		}
		u := m.Counterfactual.USMarket
		iv := func(x report.Interval) string {
			return fmt.Sprintf("%s [%s, %s]", signedKg(x.Mean), signedKg(x.CI95[0]), signedKg(x.CI95[1]))
		}
		balloon := "none (nothing fell at the surged ports)"
		if b := u.BalloonShare; b != nil {
			balloon = fmt.Sprintf("%.1f%% [%.1f%%, %.1f%%]", 100*b.Mean, 100*b.CI95[0], 100*b.CI95[1])
		}
		fmt.Fprintf(&b, "- %s into the US, whole run: delivered %s kg = baseline %s − extra seized %s − demand-side fall %s − extra held %s − not sent %s kg; quantity bought %+.3f%% [%+.3f%%, %+.3f%%]; balloon share %s\n",
			m.Drug, signedKg(u.KgDelivered.Treated.Mean), signedKg(u.BaselineKg.Mean), iv(u.ExtraSeizedKg), iv(u.DemandFallKg), iv(u.ExtraHeldKg), iv(u.NotSentKg),
			100*u.QuantityDemanded.Difference.Mean, 100*u.QuantityDemanded.Difference.CI95[0], 100*u.QuantityDemanded.Difference.CI95[1], balloon)
	}
	for _, m := range s.Market {
		if m.Drug == "methamphetamine" && m.Counterfactual != nil {
			c := m.Counterfactual
			fmt.Fprintf(&b, "- methamphetamine, whole run: interdiction's tax %.1f%% of the value delivered; border price %+.2f%% and retail %+.2f%% against no interdiction; against the counterfactual, retail %+.3f points [%+.3f, %+.3f]\n",
				100*m.TaxRate.Mean, m.BorderPct.Mean, m.RetailPct.Mean, c.RetailPct.Difference.Mean, c.RetailPct.Difference.CI95[0], c.RetailPct.Difference.CI95[1])
		}
	}
	return b.String()
}

func signedKg(x float64) string {
	s := fmt.Sprintf("%+.0f", x)
	sign, digits := s[:1], s[1:]
	for i := len(digits) - 3; i > 0; i -= 3 {
		digits = digits[:i] + "," + digits[i:]
	}
	if digits == "0" {
		return "0"
	}
	return sign + digits
}
