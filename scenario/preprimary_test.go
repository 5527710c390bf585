package scenario

import (
	"reflect"
	"strings"
	"testing"
)

// preprimary-eagle-pass is eagle-pass (generated from the data) with
// portals: its port must stay eagle-pass's but for the preprimary tables
// and the random truck referral the portals replace.
func TestPrePrimaryEaglePassIsEaglePass(t *testing.T) {
	ep, err := Embedded("eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	pp, err := Embedded("preprimary-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	if len(pp.Ports) != 1 || !reflect.DeepEqual(pp.Loads, ep.Loads) || !reflect.DeepEqual(pp.Classes, ep.Classes) || !reflect.DeepEqual(pp.Drugs, ep.Drugs) {
		t.Fatalf("preprimary-eagle-pass differs from eagle-pass beyond its port")
	}
	shares := map[string]float64{}
	port := pp.Ports[0]
	port.Lanes = append([]Lane(nil), port.Lanes...)
	for l := range port.Lanes {
		ln := &port.Lanes[l]
		name := pp.Classes[ln.Class].Name
		if ln.PrePrimary == nil {
			t.Fatalf("the %s lane has no pre-primary stage", name)
		}
		shares[name] = ln.PrePrimary.Share
		ln.PrePrimary = nil
		if name == "truck" {
			if ln.Referral.Rate != 0 {
				t.Errorf("truck referral_rate %g: the portals replace random referral", ln.Referral.Rate)
			}
			ln.Referral.Rate = ep.Ports[0].Lanes[l].Referral.Rate
		}
	}
	// Its booths are the hourly lists eagle-pass had before its lanes were
	// staffed by shift (TestSmugglerScenariosShareGeneratedPorts says why
	// shipped studies keep them).
	if !reflect.DeepEqual(WithoutPrimaryBooths(port), WithoutPrimaryBooths(ep.Ports[0])) {
		t.Errorf("the port differs from eagle-pass's beyond the preprimary tables and the truck referral rate")
	}
	// FY2024 shares (GAO testimony, data/calibration_facts.csv).
	if shares["car"] != 0.08 || shares["truck"] != 0.27 {
		t.Errorf("shares scanned %v, want cars 0.08 and trucks 0.27 (FY2024)", shares)
	}
}

func TestPrePrimaryDecodes(t *testing.T) {
	pp, err := Embedded("preprimary-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	for _, ln := range pp.Ports[0].Lanes {
		p := ln.PrePrimary
		if pp.Classes[ln.Class].Name != "truck" {
			continue
		}
		if p.Portals != 1 || p.Reviewers != 2 || p.WaitForImage != 300 || p.FalseAlarm != 0.05 ||
			len(p.Detect) != len(pp.Concealments) || p.Detect[0] != 0.7 {
			t.Errorf("truck pre-primary decoded as %+v", *p)
		}
		if m := p.ScanTime.Mean(); m != 72 {
			t.Errorf("scan time mean %g s, want 72 (3600 s / 50 trucks an hour)", m)
		}
	}
}

// Validate checks the pre-primary stage of a scenario changed in code (a
// policy, the optimiser), as the decoder does for a file.
func TestValidatePrePrimary(t *testing.T) {
	pp, err := Embedded("preprimary-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	c := pp.Clone()
	p := c.Ports[0].Lanes[1].PrePrimary
	p.Portals, p.Share = 0, 1.5
	err = c.Validate()
	if err == nil || !strings.Contains(err.Error(), "port[0].lane.truck.preprimary.portals: must be from 1") ||
		!strings.Contains(err.Error(), "port[0].lane.truck.preprimary.share") {
		t.Errorf("Validate: %v", err)
	}
	if err := pp.Validate(); err != nil {
		t.Errorf("the shipped scenario: %v", err)
	}
}
