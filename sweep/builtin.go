package sweep

import (
	"fmt"
	"strconv"
	"strings"
)

// Today's random referral rates: about 2% of personal vehicles and 17% of
// trucks were scanned before the 2022 scanner build-up ("Historical
// inspection share", White House fact sheet via Bloomberg Law, 2023; CBP
// testimony gives <2% and ~15% for FY2021 — data/calibration_facts.csv).
// Every built-in sweep starts from them, so its policies differ from one
// another only in what they change.
const (
	TodayCar   = 0.02
	TodayTruck = 0.17
)

// Targeting with good and poor intelligence. These are assumptions, not
// measurements: good intelligence flags half the loaded vehicles and 2%
// of the clean ones; poor intelligence flags 15% of the loaded and 10% of
// the clean — no better than chance at truck rates. Targeting replaces
// random selection (random rate 0).
const (
	GoodHit, GoodFalse = 0.5, 0.02
	PoorHit, PoorFalse = 0.15, 0.1
)

// SweepNames lists the built-in sweeps, the default first.
var SweepNames = []string{"policies", "volume", "referral", "imaging", "targeting"}

// VolumeFactors and TruckReferrals are the levels of the volume and
// referral sweeps.
var (
	VolumeFactors  = []float64{0.5, 1, 1.5, 2, 2.5, 3}
	TruckReferrals = []float64{0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0}
)

// today returns random referral at today's rates for cars and trucks
// (other classes keep the scenario's rates) and no targeting.
func today() Policy {
	return Policy{
		builtin:     true,
		Referral:    map[string]float64{"car": TodayCar, "truck": TodayTruck},
		TargetHit:   map[string]float64{AllClasses: 0},
		TargetFalse: map[string]float64{AllClasses: 0},
	}
}

// Builtin returns the policies of a built-in sweep:
//
//   - policies: baseline (the scenario as run runs it: its own referral
//     rates and targeting, so that it seizes what run does on the same
//     seeds), random-today (random referral at today's rates, no
//     targeting: where the other policies start from), targeted-good,
//     targeted-poor, truck-imaging-100 (every truck imaged, unloaded on an
//     alarm; lot rule hold, pressure rule off), inspect-everything
//     (referral 1 for every class; lot rule hold, pressure rule off) and surge
//     (double secondary capacity and 30% more truck referrals over the
//     whole horizon at the port with the most traffic);
//   - volume: today's referral with traffic × 0.5, 1, 1.5, 2, 2.5 and 3,
//     capacity and contraband fixed;
//   - referral: truck referral 0, 0.1, 0.2, 0.3, 0.5, 0.75 and 1, cars at
//     today's rate;
//   - imaging: legacy secondary imaging against pre-primary portals, at
//     FY2024's scanning shares and at CBP's goal (imagingSweep), for a
//     scenario with portals such as preprimary-eagle-pass;
//   - targeting: targeting at today's rates with intelligence of AUC 0.5
//     (chance) to 0.99 on a binormal ROC (targetingSweep).
func Builtin(name string) ([]Policy, error) {
	switch name {
	case "policies":
		// The baseline changes nothing: the scenario as `borderflow run`
		// runs it, on the same seeds.
		base := Policy{builtin: true, Name: "baseline",
			Description: "the scenario as run runs it: its own referral rates and targeting"}

		random := today()
		random.Name = "random-today"
		random.Description = "random referral at today's rates, no targeting: 2% of cars, 17% of trucks"

		good := today()
		good.Name = "targeted-good"
		good.Description = fmt.Sprintf("targeting replaces random selection; good intelligence (assumed): flags %g of loaded, %g of clean vehicles", GoodHit, GoodFalse)
		good.Referral = map[string]float64{AllClasses: 0}
		good.TargetHit = map[string]float64{AllClasses: GoodHit}
		good.TargetFalse = map[string]float64{AllClasses: GoodFalse}

		poor := good
		poor.Name = "targeted-poor"
		poor.Description = fmt.Sprintf("targeting replaces random selection; poor intelligence (assumed): flags %g of loaded, %g of clean vehicles", PoorHit, PoorFalse)
		poor.TargetHit = map[string]float64{AllClasses: PoorHit}
		poor.TargetFalse = map[string]float64{AllClasses: PoorFalse}

		img := today()
		img.Name = "truck-imaging-100"
		img.Description = "every truck imaged, fully unloaded only on an alarm; trucks wait at the booth for a place in the lot and none is waved through for its wait; cars at today's rate"
		img.Imaging = []string{"truck"}
		// Every truck means every truck: none released when the lot is
		// full (lot rule), none waved through after a long wait
		// (pressure rule).
		img.Hold = []string{"truck"}
		img.Pressure = PressureOff

		all := today()
		all.Name = "inspect-everything"
		all.Description = "every vehicle of every class referred to secondary, waiting at the booth for a place in the lot, none waved through (Operation Intercept, 1969)"
		all.Referral = map[string]float64{AllClasses: 1}
		all.Hold = []string{AllClasses} // as in 1969: traffic waits for the inspectors
		all.Pressure = PressureOff

		surge := today()
		surge.Name = "surge"
		surge.Description = "double secondary capacity and 30% more truck referrals, whole horizon, at the port with the most traffic"
		surge.Surge = &Surge{Secondary: 2, ReferralFactor: map[string]float64{"truck": 1.3}}
		return []Policy{base, random, good, poor, img, all, surge}, nil
	case "volume":
		var out []Policy
		for _, f := range VolumeFactors {
			p := today()
			p.Name = "volume-" + strconv.FormatFloat(f, 'g', -1, 64)
			p.Description = fmt.Sprintf("traffic × %g, capacity and contraband fixed, today's referral rates", f)
			p.Volume = f
			out = append(out, p)
		}
		return out, nil
	case "referral":
		var out []Policy
		for _, r := range TruckReferrals {
			p := today()
			p.Name = "truck-referral-" + strconv.FormatFloat(r, 'g', -1, 64)
			p.Description = fmt.Sprintf("random truck referral %g, cars at today's rate", r)
			p.Referral = map[string]float64{"car": TodayCar, "truck": r}
			out = append(out, p)
		}
		return out, nil
	}
	switch name {
	case "imaging":
		return imagingSweep(), nil
	case "targeting":
		return targetingSweep(), nil
	}
	return nil, fmt.Errorf("unknown sweep %q: the built-in sweeps are %s (or give -policies FILE)", name, strings.Join(SweepNames, ", "))
}

// Scanning shares of vehicles by large-scale NII: FY2024 (GAO testimony,
// "POV 2%->8%; commercial 16%->27%") and CBP's goal ("40% POV and >70%
// commercial", CBP OFO testimony on FY2021) — data/calibration_facts.csv,
// inspection_rate and inspection rows.
const (
	ScanTodayCar, ScanTodayTruck = 0.08, 0.27
	ScanGoalCar, ScanGoalTruck   = 0.40, 0.70
)

// Portals and reviewers for the goal shares at Eagle Pass's peak hour
// (630.6 cars/h, 70.8 trucks/h: configs/eagle-pass.toml), sized like the
// scenario's for ρ ≤ 0.75: trucks 70.8 × 0.7 = 49.6/h × 72 s = 0.99
// portals busy → 2, × 3 min = 2.48 reviewers busy → 4; cars 630.6 × 0.4 =
// 252/h × 30 s = 2.1 → 3 portals, × 1 min = 4.2 → 6 reviewers. The scan
// and review times are the scenario's (CBP's 50 trucks/h a portal; review
// times are assumptions).
var (
	goalPortals   = map[string]int{"car": 3, "truck": 2}
	goalReviewers = map[string]int{"car": 6, "truck": 4}
)

// imagingSweep ranks legacy secondary imaging against pre-primary portals.
// Every policy keeps the scenario's targeting and car referral; what
// differs is where trucks (and cars) are scanned and how many:
//
//   - legacy-secondary (the baseline): no portals; 27% of trucks sent at
//     random to the scanners in secondary (today's share, the legacy way);
//   - portals-today: portals scan 27% of trucks and 8% of cars, no random
//     truck referral (an image alarm or targeting refers);
//   - legacy-goal: no portals; 70% of trucks to the scanners in secondary;
//   - portals-goal: portals scan 70% of trucks and 40% of cars, with the
//     portals and reviewers the goal needs;
//   - portals-goal-reviewers-today: the goal's shares and portals with
//     today's reviewers, who fall behind: images go unread.
func imagingSweep() []Policy {
	legacy := func(name, desc string, truck float64) Policy {
		return Policy{builtin: true, Name: name, Description: desc,
			ScanShare: map[string]float64{AllClasses: 0},
			Referral:  map[string]float64{"truck": truck}}
	}
	portals := func(name, desc string, car, truck float64) Policy {
		return Policy{builtin: true, Name: name, Description: desc,
			ScanShare: map[string]float64{"car": car, "truck": truck},
			Referral:  map[string]float64{"truck": 0}}
	}
	goal := portals("portals-goal", fmt.Sprintf("pre-primary portals scan %g of trucks and %g of cars (CBP's goal), with the portals and reviewers it needs", ScanGoalTruck, ScanGoalCar), ScanGoalCar, ScanGoalTruck)
	goal.Portals, goal.Reviewers = goalPortals, goalReviewers
	few := goal
	few.Name = "portals-goal-reviewers-today"
	few.Description = "the goal's shares and portals with the scenario's reviewers: images go unread"
	few.Reviewers = nil
	return []Policy{
		legacy("legacy-secondary", fmt.Sprintf("no portals; %g of trucks sent at random to the legacy scanners in secondary (FY2024's share)", ScanTodayTruck), ScanTodayTruck),
		portals("portals-today", fmt.Sprintf("pre-primary portals scan %g of trucks and %g of cars (FY2024), no random truck referral", ScanTodayTruck, ScanTodayCar), ScanTodayCar, ScanTodayTruck),
		legacy("legacy-goal", fmt.Sprintf("no portals; %g of trucks sent to the legacy scanners in secondary (CBP's goal share)", ScanGoalTruck), ScanGoalTruck),
		goal,
		few,
	}
}
