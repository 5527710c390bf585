package ports_test

import (
	"math"
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// portalPort is testPort with every referral left to a pre-primary image:
// no random referral, one load in five vehicles, portals scanning share of
// the trucks.
func portalPort(share float64, reviewers int, review, waitForImage float64) *scenario.Scenario {
	sc := testPort(1.0/100, 2, 0, 0.8, 50)
	sc.Loads[0].LoadsPerYear = sc.Ports[0].Lanes[0].AnnualVolume * 0.2
	sc.Ports[0].Methods[1].Time = expo(600) // unloads keep up
	sc.Ports[0].Lanes[0].PrePrimary = &scenario.PrePrimary{
		Share: share, Portals: 2, ScanTime: expo(30),
		Reviewers: reviewers, ReviewTime: sim.Constant{Value: review}, WaitForImage: waitForImage,
		FalseAlarm: 0.05, Detect: []float64{0.6},
	}
	return sc
}

// within checks that x/n is p within four binomial standard deviations.
func within(t *testing.T, what string, x, n int64, p float64) {
	t.Helper()
	if n < 100 {
		t.Fatalf("%s: only %d trials", what, n)
	}
	got := float64(x) / float64(n)
	if sd := math.Sqrt(p * (1 - p) / float64(n)); math.Abs(got-p) > 4*sd {
		t.Errorf("%s: %.4f of %d, want %.3f ± %.4f", what, got, n, p, 4*sd)
	}
}

// Portals scan the share asked for; with reviewers to spare every image is
// read; alarms come at the detection and false-alarm rates; every alarm,
// and nothing else, refers a vehicle; referred vehicles skip the imaging
// step (the portal imaged them) and go to the unload that confirms.
func TestPrePrimaryScansDetectsAndRefers(t *testing.T) {
	r := run(t, portalPort(0.5, 5, 10, 600))
	ls := &r.Ports[0].Lanes[0]
	pp := ls.PrePrimary
	within(t, "share scanned", pp.Scanned, ls.Arrivals, 0.5)
	if pp.Unread != 0 {
		t.Errorf("%d images unread with reviewers to spare", pp.Unread)
	}
	tot := ls.Totals()
	// Loads are one vehicle in five; half of them scanned, each image
	// of a load alarms with probability 0.6.
	within(t, "loads alarmed of loaded images", pp.LoadsAlarmed, (pp.Read*int64(tot.LoadsAttempted))/ls.Arrivals, 0.6)
	clean := pp.Read - (pp.Read*int64(tot.LoadsAttempted))/ls.Arrivals
	within(t, "false alarms of clean images", pp.FalseAlarms, clean, 0.05)
	if pp.Alarms != pp.LoadsAlarmed+pp.FalseAlarms || ls.Referrals != pp.Alarms {
		t.Errorf("alarms %d (%d loads, %d false), referrals %d: every alarm and nothing else refers", pp.Alarms, pp.LoadsAlarmed, pp.FalseAlarms, ls.Referrals)
	}
	// (up to two unloads, one per server, may still run at the end)
	if ls.Inspections[0] != 0 || ls.Inspections[1] > ls.Secondary || ls.Inspections[1] < ls.Secondary-2 {
		t.Errorf("inspections %v for %d in secondary: image alarms go straight to the unload", ls.Inspections, ls.Secondary)
	}
	if tot.LoadsSeized > pp.LoadsAlarmed || tot.LoadsSeized < pp.LoadsAlarmed-ls.InsideAtEnd() {
		t.Errorf("%d loads seized of %d alarmed (unload finds every load)", tot.LoadsSeized, pp.LoadsAlarmed)
	}
}

// Reviewers who cannot keep up leave images unread: with a 5-minute read
// and a minute or two between the portal and the end of primary, an image
// is read in time only if the vehicle waits at its booth for it.
func TestPrePrimaryUnreadWhenReviewersFallBehind(t *testing.T) {
	r := run(t, portalPort(0.5, 1, 300, 0))
	pp := r.Ports[0].Lanes[0].PrePrimary
	if pp.Unread < 9*pp.Read || pp.Scanned < 1000 {
		t.Errorf("%d unread, %d read of %d scanned: the reviewers cannot read a 5-minute image in time", pp.Unread, pp.Read, pp.Scanned)
	}
	// Waiting at the booth for the image: reviewers at 0.5 × 300/100 =
	// 1.5 images a minute of work for one reviewer fall behind anyway;
	// with three (ρ = 0.5) they read nearly every image.
	r = run(t, portalPort(0.5, 3, 300, 3600))
	pp = r.Ports[0].Lanes[0].PrePrimary
	if pp.Unread > pp.Scanned/100 {
		t.Errorf("%d unread of %d scanned with three reviewers and an hour's patience", pp.Unread, pp.Scanned)
	}
}
