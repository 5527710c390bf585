package sweep

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"borderflow/border"
	"borderflow/report"
	"borderflow/scenario"
)

// withSurge is eagle-pass over 5 days after a day's warm-up with a surge
// of its own from day 1 to day 4 that refers 30% of the trucks, pressure
// off and no targeting, so a bin's referral share is the random rate.
func withSurge(t *testing.T) *scenario.Scenario {
	t.Helper()
	sc := shipped(t, "eagle-pass", 5, 1)
	sc.Warmup = scenario.Day
	pt := &sc.Ports[0]
	pt.PressureFactor, pt.PressureWait = 1, 0
	truck := -1
	for l := range pt.Lanes {
		pt.Lanes[l].Referral.TargetHit, pt.Lanes[l].Referral.TargetFalse = 0, 0
		if sc.Classes[pt.Lanes[l].Class].Name == "truck" {
			truck = l
		}
	}
	rates := []float64{-1, -1}
	rates[truck] = 0.3
	sc.Surges = []scenario.Surge{{Port: 0, Start: scenario.Day, End: 4 * scenario.Day,
		ExtraBooths: []int{0, 0}, ReferralRate: rates, SecondaryFactor: 2}}
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	return sc
}

func summaryJSON(t *testing.T, sc *scenario.Scenario) []byte {
	t.Helper()
	r, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum := report.Summarize(sc, []*border.Result{r})
	sum.Events = 0 // a surge that changes nothing still adds its two events
	js, err := sum.JSON()
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// A policy that changes nothing changes nothing: the empty policy, and a
// surge of factor 1 with no extra booths inside the scenario's own surge,
// give the same bytes as the scenario itself.
func TestPolicyChangingNothingChangesNothing(t *testing.T) {
	sc := withSurge(t)
	want := summaryJSON(t, sc)
	for _, p := range []Policy{
		{Name: "nothing"},
		{Name: "idle-surge", Surge: &Surge{Port: "Eagle Pass", Secondary: 1, ReferralFactor: map[string]float64{AllClasses: 1},
			ExtraBooths: map[string]int{AllClasses: 0}, Start: 2 * scenario.Day, End: 3 * scenario.Day}},
		{Name: "idle-surge-across", Surge: &Surge{Secondary: 1, Start: 0.5 * scenario.Day}},
	} {
		c, err := p.Apply(sc)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if got := summaryJSON(t, c); !bytes.Equal(got, want) {
			t.Errorf("%s changed the results", p.Name)
		}
	}
}

// A policy's surge inside the scenario's surge composes with it: its
// referral factor multiplies the scenario surge's rate (0.3 × 2 = 0.6),
// and its end restores the scenario surge's rate, not the port's own.
// The composed scenario gives the same bytes as the scenario written by
// hand with three surges one after the other (0.3, 0.6, 0.3).
func TestPolicySurgeInsideScenarioSurge(t *testing.T) {
	sc := withSurge(t)
	p := Policy{Name: "double", Surge: &Surge{Port: "Eagle Pass", ReferralFactor: map[string]float64{"truck": 2},
		Start: 2 * scenario.Day, End: 3 * scenario.Day}}
	c, err := p.Apply(sc)
	if err != nil {
		t.Fatal(err)
	}
	hand := sc.Clone()
	s := hand.Surges[0]
	mid := s
	mid.ReferralRate = make([]float64, len(s.ReferralRate))
	for l, r := range s.ReferralRate {
		mid.ReferralRate[l] = r
		if r >= 0 {
			mid.ReferralRate[l] = 2 * r
		}
	}
	first, last := s, s
	first.End, mid.Start, mid.End, last.Start = 2*scenario.Day, 2*scenario.Day, 3*scenario.Day, 3*scenario.Day
	hand.Surges = []scenario.Surge{first, mid, last}
	if got, want := summaryJSON(t, c), summaryJSON(t, hand); !bytes.Equal(got, want) {
		t.Error("the policy's surge inside the scenario's does not give the hand-composed results")
	}
	// and the shares of trucks referred are the rates in force
	r, err := border.Run(c, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for l, ls := range r.Ports[0].Lanes {
		if c.Classes[c.Ports[0].Lanes[l].Class].Name != "truck" {
			continue
		}
		share := func(day int) float64 {
			var ref, arr float64
			for b := day * 24; b < day*24+24; b++ {
				ref += float64(ls.Bins[b].Referrals)
				arr += float64(ls.Bins[b].Arrivals)
			}
			return ref / arr
		}
		// about 600 trucks a day: a share's standard error is about 0.02
		for d, w := range []float64{0.17, 0.3, 0.6, 0.3, 0.17} {
			if got := share(d); math.Abs(got-w) > 0.08 {
				t.Errorf("day %d: trucks referred %.3f, want %.2f", d, got, w)
			}
		}
	}
}

// sweep crackdown works: the surge policy at the port with the most
// traffic composes with the crackdown's own surges there.
func TestCrackdownSurgePolicy(t *testing.T) {
	sc, err := scenario.Embedded("crackdown")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range builtin(t, "policies") {
		c, err := p.Apply(sc)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if p.Surge == nil {
			continue
		}
		last := c.Surges[len(c.Surges)-1]
		overlaps := false
		for _, s := range c.Surges[:len(c.Surges)-1] {
			overlaps = overlaps || s.Port == last.Port && s.Start < last.End && last.Start < s.End
		}
		if len(c.Surges) != len(sc.Surges)+1 || !overlaps {
			t.Errorf("%s: %d surges (scenario %d), overlapping the scenario's: %v", p.Name, len(c.Surges), len(sc.Surges), overlaps)
		}
	}
}

func TestCheckPairs(t *testing.T) {
	if err := CheckPairs(10000, 100); err != nil {
		t.Error(err)
	}
	if err := CheckPairs(2_000_000_000, 6); err == nil {
		t.Error("two billion replications accepted")
	}
}

// A policy's surge that starts after the horizon is refused, as a
// scenario's is.
func TestPolicySurgeAfterTheHorizon(t *testing.T) {
	sc := shipped(t, "eagle-pass", 5, 1)
	p := Policy{Name: "late", Surge: &Surge{Port: "Eagle Pass", Secondary: 2, Start: 6 * scenario.Day, End: 9 * scenario.Day}}
	if _, err := p.Apply(sc); err == nil || !strings.Contains(err.Error(), "surge.start: the surge starts at 6d, after the horizon (5d) ends") {
		t.Errorf("got %v", err)
	}
}
