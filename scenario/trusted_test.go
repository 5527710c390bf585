package scenario

import (
	"strings"
	"testing"
)

// trustedFile is shared with report's test of what a run of it writes.
const trustedFile = "testdata/good/trusted.toml"

// The trusted tables decode in name order with their defaults: the
// lane's primary time, referral factor 1, loads share = share, may use
// the general booths.
func TestTrustedDecodes(t *testing.T) {
	sc, err := Load(trustedFile)
	if err != nil {
		t.Fatal(err)
	}
	ln := &sc.Ports[0].Lanes[0]
	if len(ln.Trusted) != 2 || ln.Trusted[0].Name != "ready" || ln.Trusted[1].Name != "sentri" {
		t.Fatalf("parts %+v, want ready and sentri in name order", ln.Trusted)
	}
	r, s := ln.Trusted[0], ln.Trusted[1]
	if r.Share != 0.25 || r.LoadsShare != 0.25 || r.ReferralFactor != 1 || !r.UseGeneral ||
		r.PrimaryTime.Mean() != 34 || r.Booths[5] != 0 || r.Booths[6] != 1 {
		t.Errorf("ready decoded as %+v", r)
	}
	if s.Share != 0.3 || s.LoadsShare != 0.1 || s.ReferralFactor != 0.2 || s.UseGeneral ||
		s.PrimaryTime.Mean() != 20 || s.Booths[0] != 1 {
		t.Errorf("sentri decoded as %+v", s)
	}
	// Draw by share (loads by loads_share), general past their sum.
	for _, c := range []struct {
		u      float64
		loaded bool
		want   int
	}{{0.1, false, 0}, {0.3, false, 1}, {0.54, false, 1}, {0.56, false, -1}, {0.3, true, 1}, {0.36, true, -1}} {
		if got := ln.PartOf(c.u, c.loaded); got != c.want {
			t.Errorf("PartOf(%v, %v) = %d, want %d", c.u, c.loaded, got, c.want)
		}
	}
	if got := ln.PartReferral(1, 0.02); got != 0.02*0.2 {
		t.Errorf("sentri referral at lane rate 0.02: %v", got)
	}
	if got := ln.PartReferral(1, 1); got != 1 {
		t.Errorf("inspect everything: a sentri car is referred with %v, want 1", got)
	}
	// The clone copies the parts.
	c := sc.Clone()
	c.Ports[0].Lanes[0].Trusted[1].Share = 0.9
	c.Ports[0].Lanes[0].Trusted[1].Booths[3] = 7
	if ln.Trusted[1].Share != 0.3 || ln.Trusted[1].Booths[3] != 1 {
		t.Error("changing a clone's trusted part changed the original")
	}
}

// Validate checks trusted parts changed in code as the decoder does.
func TestValidateTrusted(t *testing.T) {
	sc, err := Load(trustedFile)
	if err != nil {
		t.Fatal(err)
	}
	c := sc.Clone()
	ln := &c.Ports[0].Lanes[0]
	ln.Trusted[1].Share = 0.9
	ln.Trusted[0].ReferralFactor = -1
	ln.Trusted[0].Booths[7] = -3
	ln.Trusted = append(ln.Trusted, TrustedPart{Name: "General", Share: 0, PrimaryTime: ln.PrimaryTime})
	err = c.Validate()
	for _, want := range []string{
		"port[0].lane.car.trusted: the parts' shares add up to 1.15, more than 1",
		"port[0].lane.car.trusted.ready.referral_factor: must be a probability",
		"port[0].lane.car.trusted.ready.booths[7]: must be from 0",
		`port[0].lane.car.trusted.General: a trusted part needs a lower-case name other than "general"`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate: %v\nwant %q", err, want)
		}
	}
}
