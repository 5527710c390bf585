package main

// This file generates the data-driven shipped scenarios — eagle-pass,
// roma, laredo, southwest-border, operation-intercept, texas-dps-2022,
// border-closure, slowdown-1985 (slowdown.go) — from the
// reference data in data/ and the assumptions below, so that every port
// is sized by the same rules and every number in them can be traced.
// Sources of the facts quoted here: docs/SOURCES.md and
// data/calibration_facts.csv (by metric).

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"borderflow/data"
	"borderflow/scenario"
	"borderflow/traffic"
)

const lbToKg = 0.45359237

// ---- Assumptions (each one is printed into the TOML next to its use) ----

// Peak-hour utilisation the booth and server counts are sized for.
const targetRho = 0.85

// Load sizes (traffic.FitLoadMix): per field office and drug, ordinary
// loads (lognormal, cv bodyCV) in every vehicle and, in trucks only, a
// share of commercial loads (lognormal with the drug's bigMedian and
// bigSigma, from the tonne-scale records of data/record_seizures.csv:
// meth 5,943 kg at Eagle Pass, 2,508, 1,361, 1,100, 1,098 kg at Otay Mesa,
// 1,029 kg of liquid meth at Roma, 668 kg at Roma; cocaine 214 kg at
// Pharr; fentanyl 115 kg at Nogales and 58 kg at Otay Mesa). The share and
// the ordinary loads' mean are fitted to the office's FY2023 mean kg per
// seizure event and the spread of one event's kg, sd = the office's cv
// over FY2020–23 × that mean, the cv from the months
// (data/cbp_sw_ofo_monthly_fy2020_fy2023.csv: a month of n events has
// variance n·sd²). bodyCV is an assumption (ordinary loads vary by about
// their mean); bigSigma 0.8 is about the spread of the logs of the meth
// records (0.7) rounded up, because they are the largest few, not a sample.
const bodyCV = 1.0

// bodyCVOf is a drug's ordinary-load cv: bodyCV, but for fentanyl
// fentanylBodyCV, chosen against data/record_seizures.csv: with cv 1 the
// fitted car loads of Tucson and San Diego (17 and 10 kg an event) would
// have CBP seize a car load of 100 kg or more a few times a year, and the
// records hold none (the largest fentanyl load, 115 kg, was in a truck);
// TestFentanylCarLoads checks it.
func bodyCVOf(ds drugSpec) float64 {
	if ds.csvName == "Fentanyl" {
		return fentanylBodyCV
	}
	return bodyCV
}

const fentanylBodyCV = 0.6

// reachedNote says when the load fit fell short of the office's spread
// (traffic.FitLoadMix).
func reachedNote(l genLoad) string {
	sd := l.cv * l.eventKg
	if l.mix.Reached >= 0.99*sd {
		return ""
	}
	return fmt.Sprintf(", of which the fit reaches sd %.0f (the ordinary loads' cv kept, commercial loads at most %.0f%% of truck loads)", l.mix.Reached, 100*traffic.MaxCommercial)
}

var bigMedian = map[string]float64{"Methamphetamine": 1100, "Cocaine": 200, "Fentanyl": 60}

const bigSigma = 0.84

// Hour-of-day and day-of-week multipliers (the loader normalises them to
// mean 1). Assumptions: trucks cross mostly 08–22 with a midday plateau
// (commercial facilities' working day); cars peak with commuters at 07–08
// and 16–18 and are busiest Friday–Saturday.
var (
	commercialHours = []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 1.9, 2.0, 2.0, 1.9, 1.9, 2.0, 2.0, 1.9, 1.7, 1.4, 1.2, 1.0, 0.8, 0.5, 0.2}
	commercialDays  = []float64{1.15, 1.15, 1.15, 1.15, 1.1, 0.8, 0.5}
	passengerHours  = []float64{0.4, 0.2, 0.15, 0.15, 0.25, 0.6, 1.2, 1.6, 1.5, 1.3, 1.2, 1.2, 1.2, 1.2, 1.3, 1.5, 1.6, 1.6, 1.5, 1.3, 1.1, 0.9, 0.7, 0.5}
	passengerDays   = []float64{0.95, 0.9, 0.9, 0.95, 1.1, 1.15, 1.05}
)

// laneSpec is what a class does at every port.
type laneSpec struct {
	class       string
	profile     string
	hours, days []float64
	primaryMean float64 // s
	primaryCV   float64
	primaryNote string
	// openShare of the vehicles have a compartment opened at primary,
	// which takes openMean seconds on average (0: not modelled).
	openShare, openMean float64
	referral            float64
	referralNote        string
	targetHit           float64
	first, alarm        string // secondary methods: the first step, and the step only on alarm
}

var laneSpecs = []laneSpec{
	{
		class: "car", profile: "passenger", hours: passengerHours, days: passengerDays,
		primaryMean: 34, primaryCV: 0.5, openShare: 0.1, openMean: 70,
		primaryNote: "Villegas, Gurian, Heyman et al., TRR 1942 (2006), El Paso POV primary: 34 s on average, 70 s when a compartment is opened; opened for one car in ten (assumption), so the others take 30 s for the mean to be 34 s; cvs assumption",
		referral:    0.02, referralNote: `"2% POV" historical inspection share (data/calibration_facts.csv, White House via Bloomberg Law 2023)`,
		targetHit: 0.05, first: "canine", alarm: "search",
	},
	{
		class: "truck", profile: "commercial", hours: commercialHours, days: commercialDays,
		primaryMean: 90, primaryCV: 0.6,
		primaryNote: `assumption: 90 s mean, between "FAST truck primary 27 s" (single observation) and Brownsville's 30–45 veh/h per booth (80–120 s), data/calibration_facts.csv; cv assumption`,
		referral:    0.17, referralNote: `"17% cargo" historical inspection share (data/calibration_facts.csv, White House via Bloomberg Law 2023)`,
		targetHit: 0.10, first: "imaging", alarm: "unload",
	},
}

// methodSpec is a secondary inspection method.
type methodSpec struct {
	name           string
	min, mode, max float64 // minutes
	timeNote       string
	falseAlarm     float64
	falseNote      string
	detect         map[string]float64
	detectNote     string
}

var methodSpecs = map[string]methodSpec{
	"imaging": {
		name: "imaging", min: 4, mode: 7, max: 13,
		timeNote:   `mean 8 min: "NII exam ~8 min vs physical up to 120 min" (data/calibration_facts.csv, CBP via Opportimes); drive-through scanners pass ~50 trucks/h, but the exam with image review is what holds a truck`,
		falseAlarm: 0.05, falseNote: "assumption",
		detect:     map[string]float64{"hidden_compartment": 0.7, "commingled": 0.5, "manifest_fraud": 0.3, "liquid_bottles": 0.3, "vehicle_cavity": 0.6},
		detectNote: "assumption: density anomalies show compartments best; drugs that are the declared cargo (manifest fraud, look-alike bottles) look like cargo",
	},
	"unload": {
		name: "unload", min: 60, mode: 90, max: 120,
		timeNote:   `full unload 1–2 h: "physical exam up to 120 min" (data/calibration_facts.csv)`,
		falseAlarm: 0, falseNote: "a physical exam finds nothing where there is nothing",
		detect:     map[string]float64{"hidden_compartment": 0.9, "commingled": 0.9, "manifest_fraud": 0.9, "liquid_bottles": 0.9, "vehicle_cavity": 0.9},
		detectNote: "assumption: unloading and testing misses one load in ten",
	},
	"canine": {
		name: "canine", min: 2, mode: 4, max: 10,
		timeNote:   "assumption: a dog team sweeps a car in a few minutes",
		falseAlarm: 0.22, falseNote: `Jezierski et al. 2014, vehicle exterior search: "22% false alert" (data/calibration_facts.csv)`,
		detect:     map[string]float64{"hidden_compartment": 0.81, "commingled": 0.81, "manifest_fraud": 0.81, "liquid_bottles": 0.5, "vehicle_cavity": 0.81},
		detectNote: "Jezierski et al. 2014, vehicle exterior: 64% correct, 15% miss → 0.64/(0.64+0.15) = 0.81; liquid in sealed bottles 0.5 (assumption)",
	},
	"search": {
		name: "search", min: 15, mode: 30, max: 60,
		timeNote:   "assumption: a physical search of a car after an alert; opening one compartment at primary already takes 70 s (Villegas et al. 2006)",
		falseAlarm: 0, falseNote: "a physical search finds nothing where there is nothing",
		detect:     map[string]float64{"hidden_compartment": 0.9, "commingled": 0.9, "manifest_fraud": 0.9, "liquid_bottles": 0.9, "vehicle_cavity": 0.9},
		detectNote: "assumption: a search misses one load in ten",
	},
}

func (m methodSpec) mean() float64 { return (m.min + m.mode + m.max) / 3 } // minutes

// fieldOffice is the CBP Office of Field Operations field office of each
// port (assumption from CBP's published field office areas), used to
// share out the seizure data, which is by field office.
var fieldOffice = map[string]string{
	"Laredo": "LAREDO", "Hidalgo": "LAREDO", "Brownsville": "LAREDO", "Eagle Pass": "LAREDO",
	"Del Rio": "LAREDO", "Progreso": "LAREDO", "Roma": "LAREDO", "Rio Grande City": "LAREDO",
	"Ysleta": "EL PASO", "El Paso": "EL PASO", "Tornillo": "EL PASO", "Presidio": "EL PASO",
	"Santa Teresa": "EL PASO", "Columbus": "EL PASO", "Boquillas": "EL PASO",
	"Nogales": "TUCSON", "Douglas": "TUCSON", "Naco": "TUCSON", "Lukeville": "TUCSON",
	"Sasabe": "TUCSON", "San Luis": "TUCSON",
	"Otay Mesa": "SAN DIEGO", "San Ysidro": "SAN DIEGO", "Tecate": "SAN DIEGO", "Calexico": "SAN DIEGO",
	"Calexico East": "SAN DIEGO", "Andrade": "SAN DIEGO", "Cross Border Xpress": "SAN DIEGO",
}

// drugSpec says how a drug crosses: the share of its kilograms in trucks
// (the rest in cars) and how truck loads are concealed. Cars carry every
// drug in vehicle cavities. Assumptions after the seizures in
// docs/SOURCES.md: meth and cocaine move in tonnage in tractor-trailers
// (commingled, manifest fraud as at Eagle Pass in Feb 2024, liquid in
// look-alike bottles as at Roma in Mar 2025; cocaine in hidden
// compartments); fentanyl is light and mostly crosses in personal vehicles
// driven by US citizens (Cato FOIA, 80%; data/calibration_facts.csv).
type drugSpec struct {
	name       string
	csvName    string
	truckShare float64
	truckSplit []concealShare
}

type concealShare struct {
	concealment string
	share       float64
}

var drugSpecs = []drugSpec{
	{"cocaine", "Cocaine", 0.5, []concealShare{{"hidden_compartment", 1}}},
	{"fentanyl", "Fentanyl", 0.1, []concealShare{{"hidden_compartment", 1}}},
	{"methamphetamine", "Methamphetamine", 0.6, []concealShare{{"commingled", 0.5}, {"manifest_fraud", 0.3}, {"liquid_bottles", 0.2}}},
}

// ---- Data ----

type portRow struct {
	name, state  string
	trucks, cars float64
	// months holds, by class, the 2024 count of each month
	// (data/southwest_ports_monthly_2019_2025.csv), January first.
	months map[string][12]float64
}

// readPorts returns the 28 ports of data/southwest_ports_summary.csv (BTS
// 2024), without the ALL row, in the file's order (by trucks).
func readPorts() ([]portRow, error) {
	t, err := data.Read("southwest_ports_summary.csv")
	if err != nil {
		return nil, err
	}
	c, err := t.Cols("port_name", "state", "trucks", "personal_vehicles")
	if err != nil {
		return nil, err
	}
	cn, cs, ct, cp := c[0], c[1], c[2], c[3]
	var out []portRow
	for i, r := range t.Rows {
		if strings.HasPrefix(r[cn], "ALL ") {
			continue
		}
		tr, err1 := strconv.ParseFloat(r[ct], 64)
		pv, err2 := strconv.ParseFloat(r[cp], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("data/%s:%d: bad volumes for %s", t.Name, i+2, r[cn])
		}
		out = append(out, portRow{name: r[cn], state: r[cs], trucks: tr, cars: pv, months: map[string][12]float64{}})
	}
	// Monthly counts per day: the seasons of each port and class.
	t, err = data.Read("southwest_ports_monthly_2019_2025.csv")
	if err != nil {
		return nil, err
	}
	c, err = t.Cols("port_name", "year", "month", "days_in_month", "trucks", "personal_vehicles")
	if err != nil {
		return nil, err
	}
	cn, cy, cm, cd := c[0], c[1], c[2], c[3]
	ct, cp = c[4], c[5]
	for _, r := range t.Rows {
		if r[cy] != "2024" {
			continue
		}
		for i := range out {
			if out[i].name != r[cn] {
				continue
			}
			m, _ := strconv.Atoi(r[cm])
			days, _ := strconv.ParseFloat(r[cd], 64)
			for class, col := range map[string]int{"truck": ct, "car": cp} {
				n, err := strconv.ParseFloat(r[col], 64)
				if err != nil || m < 1 || m > 12 || days <= 0 {
					continue // a month without this class
				}
				v := out[i].months[class]
				v[m-1] = n
				out[i].months[class] = v
			}
		}
	}
	return out, nil
}

type seized struct{ lbs, events float64 }

// readLoadCV returns, by field office and drug, the coefficient of
// variation of one seizure event's kilograms: from the months of
// FY2020–23 (data/cbp_sw_ofo_monthly_fy2020_fy2023.csv), each against its
// fiscal year's own mean kg per event μ_y, cv² = Σ ((kg − n·μ_y)/μ_y)² ÷
// Σ n (a month of n iid loads of cv c has variance n·c²·μ_y²). Each
// year's own mean keeps the trend out of the spread (fentanyl's mean kg
// per event more than doubled at Tucson over the four years, which
// measured against one mean made single loads look twice as spread as
// they are); pooling cvs rather than kilograms keeps a load's spread in
// proportion to its mean, as the lognormal loads have it.
func readLoadCV() (map[string]map[string]float64, error) {
	t, err := data.Read("cbp_sw_ofo_monthly_fy2020_fy2023.csv")
	if err != nil {
		return nil, err
	}
	c, err := t.Cols("fiscal_year", "field_office", "drug", "events", "lbs")
	if err != nil {
		return nil, err
	}
	cy, co, cd, cn, cl := c[0], c[1], c[2], c[3], c[4]
	type month struct {
		year  string
		n, kg float64
	}
	by := map[[2]string][]month{}
	var keys [][2]string
	for _, r := range t.Rows {
		n, _ := strconv.ParseFloat(r[cn], 64)
		lbs, _ := strconv.ParseFloat(r[cl], 64)
		k := [2]string{strings.TrimSuffix(r[co], " FIELD OFFICE"), strings.ToUpper(r[cd][:1]) + r[cd][1:]}
		if by[k] == nil {
			keys = append(keys, k)
		}
		by[k] = append(by[k], month{r[cy], n, lbs * lbToKg})
	}
	out := map[string]map[string]float64{}
	for _, k := range keys {
		n, kg := map[string]float64{}, map[string]float64{}
		for _, m := range by[k] {
			n[m.year] += m.n
			kg[m.year] += m.kg
		}
		if n["2023"] == 0 {
			continue
		}
		ss, total := 0.0, 0.0
		for _, m := range by[k] {
			if n[m.year] == 0 {
				continue
			}
			mu := kg[m.year] / n[m.year]
			d := (m.kg - m.n*mu) / mu
			ss += d * d
			total += m.n
		}
		if out[k[0]] == nil {
			out[k[0]] = map[string]float64{}
		}
		out[k[0]][k[1]] = math.Sqrt(ss / total)
	}
	return out, nil
}

// readSeizures returns FY2023 Office of Field Operations seizures by
// field office and drug (data/cbp_sw_border_drug_seizures_by_aor_fy2019_fy2023.csv).
func readSeizures() (map[string]map[string]seized, error) {
	t, err := data.Read("cbp_sw_border_drug_seizures_by_aor_fy2019_fy2023.csv")
	if err != nil {
		return nil, err
	}
	c, err := t.Cols("fiscal_year", "component", "area_of_responsibility", "drug_type", "lbs", "events")
	if err != nil {
		return nil, err
	}
	cy, cc, ca, cd, cl, ce := c[0], c[1], c[2], c[3], c[4], c[5]
	out := map[string]map[string]seized{}
	for _, r := range t.Rows {
		if r[cy] != "2023" || r[cc] != "Office of Field Operations" {
			continue
		}
		fo := strings.TrimSuffix(r[ca], " FIELD OFFICE")
		lbs, _ := strconv.ParseFloat(r[cl], 64)
		ev, _ := strconv.ParseFloat(r[ce], 64)
		if out[fo] == nil {
			out[fo] = map[string]seized{}
		}
		out[fo][r[cd]] = seized{lbs, ev}
	}
	return out, nil
}

// ---- Arithmetic ----

// normalised is x scaled to mean 1, as the loader scales profiles.
func normalised(x []float64) []float64 { return scenario.MeanOne(x) }

// weightedDays2024 returns, for each month of 2024 (a leap year that
// began on a Monday), the sum over its days of the day-of-week multiplier.
func weightedDays2024(days []float64) [12]float64 {
	var w [12]float64
	d := 0
	for m, n := range []int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31} {
		for i := 0; i < n; i++ {
			w[m] += days[d%7]
			d++
		}
	}
	return w
}

// monthPeak is the daily count of the third-busiest month over the
// year's (2024: 366 days), or 1 without complete monthly data: ports are
// staffed for a busy month but not the busiest, so the busiest months queue
// (assumption; staffing for the year's average day let Laredo's truck
// queue grow for weeks in its busy months — a 58 min mean wait — and for
// the busiest month left almost no wait at all).
func monthPeak(counts [12]float64, annual float64) float64 {
	if !allPositive(counts[:]) || annual <= 0 {
		return 1
	}
	perDay := make([]float64, 12)
	for m, n := range counts {
		perDay[m] = n / [12]float64{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	}
	sort.Float64s(perDay)
	return perDay[9] / (annual / 366)
}

func allPositive(x []float64) bool {
	for _, v := range x {
		if !(v > 0) {
			return false
		}
	}
	return true
}

// nums prints numbers as a TOML list: whole numbers from 100 up, else
// four significant digits.
func nums(x []float64) string {
	parts := make([]string, len(x))
	for i, v := range x {
		if v >= 100 {
			parts[i] = strconv.FormatFloat(v, 'f', 0, 64)
		} else {
			parts[i] = strconv.FormatFloat(v, 'g', 4, 64)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func maxOf(x []float64) (float64, int) {
	m, at := x[0], 0
	for i, v := range x {
		if v > m {
			m, at = v, i
		}
	}
	return m, at
}

// boothRho is the utilisation the trusted parts' dedicated booths are
// staffed for in each hour of an average day of a busy month
// (assumption; trusted.go): ports staff for the usual day, not the
// busiest, so queues build on busy days and in peak hours. It was chosen,
// when every booth was sized this way, against BTS's waits
// (data/calibration_facts.csv, "waits" rows). The lanes' own (general)
// booths are staffed by shift within a fitted budget (staffing.go).
func boothRho(class string) float64 {
	if class == "truck" {
		return 0.93
	}
	return 0.98
}

// servers sizes a pool for a peak load (erlangs) at targetRho, at least 1.
func servers(load float64) int {
	return max(1, int(math.Ceil(load/targetRho-1e-9)))
}

// laneSizing is what the generator derives for one lane of one port.
type laneSizing struct {
	spec         laneSpec
	annual       float64
	meanPerHour  float64
	dayPeak      float64
	booths       [24]int
	monthPeak    float64 // a busy month's daily traffic over the year's (see monthPeak)
	peakRate     float64 // vehicles/h in the busiest hour of the busiest day
	peakHour     int
	peakReferred float64 // referrals/h at that peak
	lot          int
}

// sizeLane sizes a lane for its annual volume. monthPeak is a busy
// month's daily traffic over the year's (1 without monthly data): booths
// are staffed for an average day of that month.
func sizeLane(spec laneSpec, annual, monthPeak float64) laneSizing {
	return sizeLaneAt(spec, annual, monthPeak, boothRho(spec.class))
}

// sizeLaneAt is sizeLane with booths staffed for utilisation rho.
func sizeLaneAt(spec laneSpec, annual, monthPeak, rho float64) laneSizing {
	s := laneSizing{spec: spec, annual: annual, meanPerHour: annual / 8760, monthPeak: monthPeak}
	hours, days := normalised(spec.hours), normalised(spec.days)
	s.dayPeak, _ = maxOf(days)
	for h := range s.booths {
		rate := s.meanPerHour * monthPeak * hours[h]
		s.booths[h] = max(1, int(math.Ceil(rate*spec.primaryMean/3600/rho-1e-9)))
	}
	hp, at := maxOf(hours)
	s.peakRate, s.peakHour = s.meanPerHour*monthPeak*hp*s.dayPeak, at
	// P(refer) ≈ the random rate: loads are a tiny share of vehicles.
	s.peakReferred = s.peakRate * spec.referral
	// Lot: room for one peak hour of referrals, at least 5 (assumption).
	s.lot = max(5, int(math.Ceil(s.peakReferred)))
	return s
}

// methodServers sizes the servers of a method from the peak referrals of
// the lane that uses it: every referral for the first step, the first
// step's false alarms for the step on alarm.
func methodServers(s laneSizing, method string) (int, string) {
	first := methodSpecs[s.spec.first]
	rate := s.peakReferred
	what := fmt.Sprintf("%.1f referrals/h at peak", rate)
	if method == s.spec.alarm {
		rate *= first.falseAlarm
		what = fmt.Sprintf("%.1f referrals/h × %.2f alarms", s.peakReferred, first.falseAlarm)
	}
	load := rate * methodSpecs[method].mean() / 60
	n := servers(load)
	return n, fmt.Sprintf("%s × %.1f min = %.2f busy → %d (ρ = %.2f)", what, methodSpecs[method].mean(), load, n, load/float64(n))
}

// ---- Writing ----

type gen struct {
	b       strings.Builder
	ports   []portRow
	seizure map[string]map[string]seized
	loadCV  map[string]map[string]float64 // by field office and drug (readLoadCV)
	flows   map[string]flowRange          // by drug: kg a year through the ports (flows.go)
	flowIn  map[string]flowInputs         // by drug: the flows' inputs (flows.go)
	share   map[string]map[string]float64 // by field office and drug: the office's share of the flow (flows.go)
	detect  map[string]detectFit          // by drug: the fitted targeting (detect.go)
	mixes   map[[2]string]traffic.LoadMix // by field office and drug: the fitted load sizes (one fit each)
	err     error                         // the first thing that could not be generated
	coords  map[string][2]string          // response.go
	staff   *staffFit                     // staffing.go
	trips   map[[2]string]float64         // by port and class: the trips of the whole border's scenarios (trips.go)
}

func (g *gen) p(format string, args ...any) { fmt.Fprintf(&g.b, format, args...) }

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func floats(x []float64) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = num(v)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func ints(x []int) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = strconv.Itoa(v)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func thousands(x float64) string {
	s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

type fileSpec struct {
	name, description string
	intro             []string
	horizon, warmup   string
	warmupNote        string
	start, startNote  string   // the calendar date of the warm-up's first day; "" = the default
	ports             []string // in this order
	referralOverride  float64  // < 0: none
	overrideNote      string
	overrideAsSurge   bool // the override is written as [[surge]]s (intercept.go), not in the lanes
	pressure          bool
	bin, binNote      string // time-series bin; "" = "1h"
	response          bool   // write a [response] section (response.go)
	trusted           bool   // give the ports' lanes their trusted-traveller parts (trusted.go)
	netTrips          bool   // draw data/trips_fit.csv's trips, net of diversion, not BTS's counts (trips.go)
}

func (g *gen) file(f fileSpec) string {
	g.b.Reset()
	g.p("# %s: %s\n#\n", f.name, f.description)
	for _, l := range f.intro {
		g.p("# %s\n", l)
	}
	g.p(`#
# Generated by cmd/genconfigs ("make configs") from the data in data/ and
# the assumptions in cmd/genconfigs/gen.go: edit the generator, not this
# file. Sources: docs/SOURCES.md. Every number says where it comes from;
# "assumption" marks our own choices. Keys: docs/SCENARIOS.md.

`)
	g.p("name = %q\n", f.name)
	g.p("description = %q\n", f.description)
	g.p("seed = 1\nreplications = 1\n")
	g.p("horizon = %q\n", f.horizon)
	g.p("warmup = %q   # %s\n", f.warmup, f.warmupNote)
	if f.start != "" {
		g.p("start = %s   # %s\n", f.start, f.startNote)
	}
	if f.bin == "" {
		g.p("bin = \"1h\"\n")
	} else {
		g.p("bin = %q   # %s\n", f.bin, f.binNote)
	}
	g.p("decision_period = \"7d\"\n")
	g.p("concealments = [%s]   # the model's concealment methods (docs/SOURCES.md, \"Concealment methods\")\n", quoteAll(scenario.DefaultConcealments))
	g.p(`
# Value of delay: Texas A&M Transportation Institute for TxDOT, "Updated
# Estimate of Roadway User Cost for Personal Vehicles and Commercial
# Trucks" (D. Ellis, March 2018), 2017 dollars.
[class.car]
value_of_time = 28.69   # USD per vehicle-hour: $27.39 time (1.5 persons) + $1.30 fuel
[class.truck]
value_of_time = 36.28   # USD per truck-hour: $31.36 driver time + $4.92 fuel; leaves out the cargo's own time value, so a lower bound

# Values per kg: CBP's "estimated street value" in its seizure releases.
[drug.cocaine]
value_per_kg = 29450    # Eagle Pass POE, 25 May 2024: 16.04 lb for $214,294
%s[drug.fentanyl]
value_per_kg = 29000    # Otay Mesa, 2023: about 190 lb of fentanyl pills for $2.5 million
%s[drug.methamphetamine]
value_per_kg = 19700    # Eagle Pass, 18 Feb 2024: 13,101 lb for $117.1 million; Roma, 5 Mar 2025: 2,268.51 lb for $20.3 million gives 19,700 too (docs/SOURCES.md)
%s
# Arrival profiles (assumptions; BTS gives monthly totals only): the loader
# normalises each list to mean 1, so the annual volume is kept.
[profile.commercial]    # trucks: mostly 08-22, Saturday 0.8 and Sunday 0.5 of a weekday
hours = %s
days = %s
[profile.passenger]     # cars: commuter peaks 07-08 and 16-18, busiest Friday-Saturday
hours = %s
days = %s
`, g.hitLine("Cocaine"), g.hitLine("Fentanyl"), g.hitLine("Methamphetamine"),
		floats(commercialHours), floats(commercialDays), floats(passengerHours), floats(passengerDays))

	byName := map[string]portRow{}
	for _, r := range g.ports {
		byName[r.name] = r
	}
	if len(f.ports) > 1 {
		g.notesBlock()
	}
	for _, name := range f.ports {
		g.port(byName[name], f)
	}
	g.loads(f.ports, byName)
	if f.response {
		g.response(f.ports)
	}
	return g.b.String()
}

const (
	targetHitNote   = "assumption: intelligence flags this share of loaded vehicles on top of random selection"
	targetFalseNote = "assumption: the random rate above already is the whole inspection share of clean vehicles"
)

// note is a source comment after a value. Scenarios of several ports
// give the notes once, in notesBlock, instead of after every port.
func (g *gen) note(f fileSpec, text string) string {
	if len(f.ports) > 1 {
		return ""
	}
	return "   # " + text
}

func detectList(m methodSpec) string {
	var d []string
	for _, c := range scenario.DefaultConcealments {
		d = append(d, fmt.Sprintf("%s = %s", c, num(m.detect[c])))
	}
	return strings.Join(d, ", ")
}

// notesBlock states once the sources of the values every port shares.
func (g *gen) notesBlock() {
	g.p("\n# Every port below uses the same inspection parameters; their sources:\n")
	for _, l := range laneSpecs {
		g.p("#   %s primary_time, lognormal mean %s s cv %s: %s\n", l.class, num(l.primaryMean), num(l.primaryCV), l.primaryNote)
		g.p("#   %s referral_rate %s: %s\n", l.class, num(l.referral), l.referralNote)
		g.p("#   %s target_hit %s: %s\n", l.class, num(l.targetHit), targetHitNote)
	}
	g.p("#   target_false 0: %s\n", targetFalseNote)
	for _, name := range []string{"imaging", "unload", "canine", "search"} {
		m := methodSpecs[name]
		g.p("#   method %s, triangular %s/%s/%s min: %s\n", name, num(m.min), num(m.mode), num(m.max), m.timeNote)
		g.p("#   method %s false_alarm %s: %s\n", name, num(m.falseAlarm), m.falseNote)
		g.p("#   method %s detect {%s}: %s\n", name, detectList(m), m.detectNote)
	}
	g.p("# Booths and servers are sized per port by the arithmetic in the comments.\n")
}

func quoteAll(x []string) string {
	q := make([]string, len(x))
	for i, s := range x {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func (g *gen) port(r portRow, f fileSpec) {
	g.p("\n[[port]]\nname = %q\nstate = %q\n", r.name, r.state)
	if r.trucks == 0 && r.cars == 0 {
		g.p("# BTS 2024 counts no trucks and no personal vehicles here: a port with no lanes.\n")
		return
	}
	if f.pressure {
		g.p("pressure_wait = \"45m\"   # assumption: above Eagle Pass's \"normal truck crossing time 34 min\" (FreightWaves 2023, data/calibration_facts.csv)\n")
		g.p("pressure_factor = 0.5    # assumption: past that wait, officers refer half as often\n")
	}
	var lanes []laneSizing
	for _, spec := range laneSpecs {
		annual := r.cars
		if spec.class == "truck" {
			annual = r.trucks
		}
		if annual > 0 {
			mp := monthPeak(r.months[spec.class], annual)
			// Lot and servers are sized for the whole lane; its general
			// booths are staffed by shift for its general traffic
			// (staffing.go, trusted.go).
			lanes = append(lanes, sizeLane(spec, annual, mp))
		}
	}
	// Methods first, then lanes: both belong to the last [[port]].
	for _, l := range lanes {
		for _, mname := range []string{l.spec.first, l.spec.alarm} {
			m := methodSpecs[mname]
			n, why := methodServers(l, mname)
			g.p("\n  [[port.method]]\n  name = %q\n", m.name)
			g.p("  servers = %d   # assumption: sized for ρ ≤ %.2f at peak: %s\n", n, targetRho, why)
			g.p("  time = { dist = \"triangular\", min = \"%sm\", mode = \"%sm\", max = \"%sm\" }%s\n", num(m.min), num(m.mode), num(m.max), g.note(f, m.timeNote))
			g.p("  false_alarm = %s%s\n", num(m.falseAlarm), g.note(f, m.falseNote))
			g.p("  detect = { %s }%s\n", detectList(m), g.note(f, m.detectNote))
		}
	}
	for _, l := range lanes {
		what := "personal vehicles"
		if l.spec.class == "truck" {
			what = "trucks"
		}
		g.p("\n  [port.lane.%s]\n", l.spec.class)
		if n, ok := g.trips[[2]string{r.name, l.spec.class}]; ok && f.netTrips {
			g.p("  # sized and staffed for BTS 2024's %.0f %s (data/southwest_ports_summary.csv), which cross here after the\n", l.annual, what)
			g.p("  # drivers' response; the trips drawn are its own drivers' (data/trips_fit.csv, cmd/genconfigs/trips.go)\n")
			g.p("  annual_volume = %.0f\n", n)
		} else {
			g.p("  annual_volume = %.0f   # BTS 2024 %s, data/southwest_ports_summary.csv\n", l.annual, what)
		}
		g.p("  profile = %q\n", l.spec.profile)
		if m, ok := r.months[l.spec.class]; ok && allPositive(m[:]) {
			w := weightedDays2024(normalised(l.spec.days))
			for i := range m {
				m[i] /= w[i]
			}
			g.p("  # months: BTS 2024 %s of each month (data/southwest_ports_monthly_2019_2025.csv) per day weighted by the\n", what)
			g.p("  # day-of-week profile on 2024's calendar, so that the profile is not counted twice; the loader scales them to mean 1\n")
			g.p("  months = %s\n", nums(m[:]))
		}
		gs := 1 - f.trustedShare(r.name, l.spec.class) // trusted.go
		g.staffingLines(r, l, gs)                      // staffing.go
		if sp := l.spec; sp.openShare > 0 {
			rest := (sp.primaryMean - sp.openShare*sp.openMean) / (1 - sp.openShare)
			g.p("  primary_time = { dist = \"mixture\", of = [{ weight = %s, dist = \"lognormal\", mean = \"%ss\", cv = %s }, { weight = %s, dist = \"lognormal\", mean = \"%ss\", cv = 0.3 }] }%s\n",
				num(1-sp.openShare), num(rest), num(sp.primaryCV), num(sp.openShare), num(sp.openMean), g.note(f, sp.primaryNote))
		} else {
			g.p("  primary_time = { dist = \"lognormal\", mean = \"%ss\", cv = %s }%s\n", num(l.spec.primaryMean), num(l.spec.primaryCV), g.note(f, l.spec.primaryNote))
		}
		if f.referralOverride >= 0 && !f.overrideAsSurge {
			g.p("  referral_rate = %s   # %s\n", num(f.referralOverride), f.overrideNote)
		} else {
			g.p("  referral_rate = %s%s\n", num(l.spec.referral), g.note(f, l.spec.referralNote))
		}
		g.p("  target_hit = %s%s\n", num(l.spec.targetHit), g.note(f, targetHitNote))
		g.p("  target_false = 0%s\n", g.note(f, targetFalseNote))
		g.p("  lot_capacity = %d   # assumption: room for one peak hour of referrals (%.1f/h), at least 5\n", l.lot, l.peakReferred)
		g.p("  secondary = [{ method = %q }, { method = %q, only_on_alarm = true }]\n", l.spec.first, l.spec.alarm)
		if f.referralOverride >= 0 {
			g.p("  when_lot_full = \"hold\"   # inspect everything: no vehicle is waved through, it waits for a place in the lot\n")
		}
		if f.trusted {
			g.trustedParts(r, l) // trusted.go
		}
	}
}

// loads writes the fixed flows of the ports: per field office, the
// drug's flow through the ports (flows.go) × the office's share of it =
// attempted kg; a drug's truck share goes to the office's ports by their
// share of its trucks, the rest by their share of its personal vehicles;
// loads = kg ÷ the office's mean kg per seizure.
func (g *gen) loads(portNames []string, byName map[string]portRow) {
	g.p(`
# Fixed contraband flows. Each drug's flow through the southwest-border
# ports comes from published estimates of US consumption, not from
# seizures (below); it is shared among CBP field offices (assumed mapping
# of ports to offices in cmd/genconfigs/gen.go) by their share of the
# drug's FY2023 Office of Field Operations kg seized
# (data/cbp_sw_border_drug_seizures_by_aor_fy2019_fy2023.csv). A drug's
# truck share (assumption: cocaine 0.5, fentanyl 0.1, meth 0.6) goes to
# the office's ports by their share of its trucks, the rest by their
# share of its personal vehicles (all in vehicle cavities). Load sizes
# per office and drug (traffic.FitLoadMix, cmd/genconfigs/gen.go):
# ordinary loads (lognormal, cv %s) and, in trucks, a share of commercial
# tonne-scale ones, fitted to the office's FY2023 mean kg per event and
# FY2020–23 spread (data/cbp_sw_ofo_monthly_fy2020_fy2023.csv) with the
# records of data/record_seizures.csv; loads_per_year = kg ÷ the class's
# mean load.
`, num(bodyCV))
	g.flowNote()
	g.limitNote()
	for _, l := range g.loadFlows(portNames, byName) {
		g.p("\n[[load]]   # %s FO: %.4f of the %s flow → %s kg tried; %s ÷ %.1f kg a %s load\n",
			officeName(l.office), g.share[l.office][l.drug.csvName], l.drug.name, thousands(l.attempted), l.why, l.meanKg, l.class)
		g.p("drug = %q\nport = %q\nclass = %q\nconcealment = %q\n", l.drug.name, l.port, l.class, l.concealment)
		g.p("loads_per_year = %s\n", num(l.perYear))
		mix := l.mix
		lim := num(math.Floor(loadLimit(l.class, l.concealment).kg))
		if l.class == "truck" && mix.Weight > 0 {
			g.p("# fit: %.1f kg an event, sd %.0f (cv %.2f over FY2020–23)%s; %.2f%% of truck loads commercial\n", l.eventKg, l.cv*l.eventKg, l.cv, reachedNote(l), 100*mix.Weight)
			g.p("kg = { dist = \"mixture\", of = [{ weight = %s, dist = \"lognormal\", mean = %s, cv = %s }, { weight = %s, dist = \"lognormal\", mean = %s, cv = %s }], limit = %s }\n",
				num(1-mix.Weight), num(mix.BodyMean), num(mix.BodyCV), num(mix.Weight), num(mix.BigMean), num(mix.BigCV), lim)
		} else {
			if r := reachedNote(l); r != "" {
				g.p("# fit: %.1f kg an event, sd %.0f (cv %.2f over FY2020–23)%s\n", l.eventKg, l.cv*l.eventKg, l.cv, r)
			}
			g.p("kg = { dist = \"lognormal\", mean = %s, cv = %s, limit = %s }\n", num(mix.BodyMean), num(mix.BodyCV), lim)
		}
	}
}

// genLoad is one fixed flow of a generated scenario: a drug through one
// port's lane in one concealment.
type genLoad struct {
	drug               drugSpec
	port, office       string
	class, concealment string
	attempted          float64 // the office's kg of the drug
	kg                 float64 // this flow's kg
	why                string  // how kg was shared out
	eventKg, cv        float64 // the office's mean kg per seizure event and its cv
	mix                traffic.LoadMix
	meanKg             float64 // a load's mean kg in this class (as printed)
	perYear            float64 // loads a year (as printed)
}

// loadFlows returns the fixed flows of the ports, in the order they are
// written: by port, drug, class and concealment.
func (g *gen) loadFlows(portNames []string, byName map[string]portRow) []genLoad {
	foTrucks, foCars := map[string]float64{}, map[string]float64{}
	for _, r := range g.ports {
		foTrucks[fieldOffice[r.name]] += r.trucks
		foCars[fieldOffice[r.name]] += r.cars
	}
	var out []genLoad
	for _, name := range portNames {
		r := byName[name]
		fo := fieldOffice[name]
		for _, ds := range drugSpecs {
			sz := g.seizure[fo][ds.csvName]
			if sz.events == 0 {
				continue
			}
			meanKg := sz.lbs * lbToKg / sz.events
			attempted := g.flows[ds.csvName].best * g.share[fo][ds.csvName]
			bm, bcv := traffic.Big(bigMedian[ds.csvName], bigSigma)
			cv := g.loadCV[fo][ds.csvName]
			key := [2]string{fo, ds.csvName}
			mix, ok := g.mixes[key]
			if !ok {
				var err error
				mix, err = traffic.FitLoadMix(meanKg, cv*meanKg, ds.truckShare, bodyCVOf(ds), bm, bcv, classPayload["car"].kg, truckLimit(ds).kg)
				if err != nil {
					g.err = fmt.Errorf("load sizes of %s, %s: %w", fo, ds.csvName, err)
					continue
				}
				if g.mixes == nil {
					g.mixes = map[[2]string]traffic.LoadMix{}
				}
				g.mixes[key] = mix
			}
			// As printed: three significant digits.
			mix = traffic.LoadMix{BodyMean: round3(mix.BodyMean), BodyCV: round3(mix.BodyCV),
				Weight: round3(mix.Weight), BigMean: round3(mix.BigMean), BigCV: round3(mix.BigCV),
				CarLimit: mix.CarLimit, TruckLimit: mix.TruckLimit, Reached: mix.Reached}
			base := genLoad{drug: ds, port: name, office: fo, attempted: attempted, eventKg: meanKg, cv: cv, mix: mix}
			var flows []genLoad
			if r.cars > 0 {
				share := r.cars / foCars[fo]
				l := base
				l.class, l.concealment = "car", "vehicle_cavity"
				l.kg = attempted * (1 - ds.truckShare) * share
				l.why = fmt.Sprintf("%s kg × %.1f in cars × %.4f of the office's cars", thousands(attempted), 1-ds.truckShare, share)
				flows = append(flows, l)
			}
			if r.trucks > 0 {
				share := r.trucks / foTrucks[fo]
				for _, cs := range ds.truckSplit {
					l := base
					l.class, l.concealment = "truck", cs.concealment
					l.kg = attempted * ds.truckShare * share * cs.share
					l.why = fmt.Sprintf("%s kg × %.1f in trucks × %.4f of the office's trucks × %s %s", thousands(attempted), ds.truckShare, share, num(cs.share), cs.concealment)
					flows = append(flows, l)
				}
			}
			for _, l := range flows {
				l.meanKg = mix.CarMean()
				if l.class == "truck" {
					l.meanKg = mix.TruckMean()
				}
				l.perYear = math.Round(l.kg/l.meanKg*10) / 10
				if l.perYear > 0 {
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// round3 rounds to three significant digits, as the configs print them.
func round3(x float64) float64 {
	if x == 0 {
		return 0
	}
	p := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}

// officeName writes "SAN DIEGO" as "San Diego".
func officeName(fo string) string {
	words := strings.Fields(strings.ToLower(fo))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// laredoOffice lists the ports of the Laredo field office (south Texas).
var laredoOffice = []string{"Laredo", "Hidalgo", "Brownsville", "Eagle Pass", "Del Rio", "Progreso", "Roma", "Rio Grande City"}

// generate returns the text of each generated scenario, by name.
func generate() (map[string]string, error) {
	g, err := newGen()
	if err != nil {
		return nil, err
	}
	return g.scenarios()
}

// newGen returns the generator of the shipped scenarios: fittedGen's,
// its detection aimed by the simulated year's ratio, with the ports'
// coordinates and the staffing and trips fits.
func newGen() (*gen, error) {
	if err := loadDetectionRatio(); err != nil {
		return nil, err
	}
	g, err := fittedGen()
	if err != nil {
		return nil, err
	}
	if g.coords, err = portCoordinates(); err != nil {
		return nil, err
	}
	if g.staff, err = readStaffFit(); err != nil {
		return nil, err
	}
	if g.trips, err = readTripsFit(); err != nil {
		return nil, err
	}
	return g, nil
}

// scenarios returns the text of each generated scenario, by name.
func (g *gen) scenarios() (map[string]string, error) {
	all := make([]string, len(g.ports))
	for i, r := range g.ports {
		all[i] = r.name
	}
	year := "assumption: one day lets the daily pattern of queues set in"
	out := map[string]string{}
	out["eagle-pass"] = g.file(fileSpec{
		name: "eagle-pass", description: "Eagle Pass, TX, for a year: BTS 2024 trucks and cars, layered secondary inspection, fixed drug flows",
		intro: []string{
			"The default scenario. Eagle Pass is mid-sized (256,225 trucks, 2.93 million",
			"personal vehicles in 2024, BTS) and saw the largest drug load ever stopped",
			"at a US land port: 13,101 lb of meth declared as a piglet drying agent, Feb 2024.",
		},
		horizon: "365d", warmup: "1d", warmupNote: year,
		ports: []string{"Eagle Pass"}, referralOverride: -1, pressure: true, response: true,
	})
	out["roma"] = g.file(fileSpec{
		name: "roma", description: "Roma, TX, for a year: a small port (BTS 2024: 45,862 trucks, 850,594 cars) with fixed drug flows",
		intro: []string{
			"A small Rio Grande Valley port: one truck booth is enough most of the day.",
			"On 5 Mar 2025 a trailer declared as mineral water carried 2,268 lb of liquid",
			"meth in 1,632 bottles here (docs/SOURCES.md): the liquid_bottles flow.",
		},
		horizon: "365d", warmup: "1d", warmupNote: year,
		ports: []string{"Roma"}, referralOverride: -1, pressure: true, response: true,
	})
	out["laredo"] = g.file(fileSpec{
		name: "laredo", description: "Laredo, TX, for a year: 40% of all US-Mexico truck crossings (BTS 2024: 3.03 million trucks)",
		intro: []string{
			"The busiest commercial crossing (World Trade Bridge and Colombia Bridge",
			"together): 3,026,632 trucks and 5,088,431 personal vehicles in 2024 (BTS).",
			"The World Trade Bridge sees about 500 trucks an hour at peak (data/calibration_facts.csv).",
		},
		horizon: "365d", warmup: "1d", warmupNote: year,
		ports: []string{"Laredo"}, referralOverride: -1, pressure: true, response: true, trusted: true,
	})
	out["southwest-border"] = g.file(fileSpec{
		name: "southwest-border", description: "All 28 US-Mexico land ports for a year at BTS 2024 volumes (7.6M trucks, 76.9M cars)",
		intro: []string{
			"Every port of data/southwest_ports_summary.csv (BTS 2024), in its order (by trucks).",
			"A lane whose 2024 count is 0 is left out; Cross Border Xpress (a pedestrian",
			"bridge to Tijuana airport) and Boquillas (pedestrians only) have no lanes.",
			"Each port is sized by the same rules as eagle-pass, roma and laredo, for its",
			"BTS count; each lane draws its own drivers' trips (data/trips_fit.csv), net of",
			"the drivers the response moves between ports, so that it crosses that count.",
		},
		horizon: "365d", warmup: "1d", warmupNote: year,
		ports: all, referralOverride: -1, pressure: true, response: true, netTrips: true, trusted: true,
		bin: "1d", binNote: "daily rows in series.csv: a year of 28 ports hour by hour would hold 490,000 rows and tens of MB of memory; use -horizon 7d or a copy with bin = \"1h\" for hourly detail",
	})
	out["operation-intercept"] = g.file(fileSpec{
		name: "operation-intercept", description: "Operation Intercept (1969) today: every vehicle referred at the 8 ports of the Laredo field office for 20 days",
		intro: []string{
			"In September 1969 Operation Intercept ordered a thorough inspection of every",
			"vehicle crossing the border; it caused massive delays, disrupted trade and",
			"ended after 20 days (docs/SOURCES.md). Here every vehicle at the south Texas ports",
			"(the Laredo field office) is referred to secondary, with the same secondary",
			"capacity as in southwest-border and no pressure relief. A referred vehicle",
			"that finds the lot full waits at its booth for a place (when_lot_full =",
			"\"hold\"), so primary backs up behind secondary as it did in 1969: compare",
			"with southwest-border to see how many loads inspecting everything buys and",
			"what it costs in waits. The operation is a [[surge]] at each port over the",
			"whole horizon, so that a run compares it with the same ports working as",
			"usual on the same random numbers (the counterfactual).",
		},
		horizon: "20d", warmup: "0s", warmupNote: "the operation starts at once, from empty lots",
		ports: laredoOffice, referralOverride: 1, overrideAsSurge: true,
		overrideNote: "Operation Intercept: every vehicle to secondary (replaces the usual rate)",
		pressure:     false,
		response:     true,
	}) + g.interceptSurges(laredoOffice, "20d", 1, "Operation Intercept: every vehicle to secondary (replaces the usual rate)")
	out["texas-dps-2022"] = g.texasDPS() // texas.go
	all = append([]string(nil), all...)
	out["border-closure"] = g.file(fileSpec{
		name: "border-closure", description: "Every US-Mexico port closed to trucks and cars for 7 days, then 14 days open: trips lost, put off and delayed, beside the $130B a year estimate",
		intro: []string{
			"A closure of the whole border was estimated to cost the US about $130 billion a",
			"year (Russ & Sojourner 2019, data/calibration_facts.csv), $356 million a day.",
			"Here every port of southwest-border is closed for 7 days (assumption: change the",
			"checkpoints' end to try another length) and open for 14 more, with the drivers'",
			"response on: summary.json's response section gives the trips not made, put off",
			"and delayed and their cost by part, to set beside that estimate.",
		},
		horizon: "21d", warmup: "1d", warmupNote: "assumption: one day lets the daily pattern of queues set in",
		ports: all, referralOverride: -1, pressure: true, response: true, netTrips: true, trusted: true,
		bin: "1d", binNote: "daily rows in series.csv",
	}) + g.closureCheckpoints(all, "7d")
	out["slowdown-1985"] = g.file(fileSpec{
		name: "slowdown-1985", description: "The Camarena search today: every car searched at every US-Mexico port for 10 days (15-25 February 1985), drivers answering delay",
		intro: []string{
			"After DEA agent Enrique Camarena was kidnapped in Guadalajara on 7 February 1985,",
			"US customs and immigration officers searched the passenger compartment and trunk",
			"of every vehicle entering the United States, at every crossing, from 15 February;",
			"cars waited up to 7½ hours at San Ysidro, which passed 19,000 cars on the Saturday",
			"against 31,000 on a typical one, and the search ended ten days later",
			"(data/calibration_facts.csv, topic slowdown; docs/SCENARIOS.md). Here the ports of",
			"southwest-border at today's traffic, every car through the search for ten days at",
			"the intensity San Ysidro's count gives, then four days open, drivers answering",
			"delay. Reagan's slowdown of cross-border traffic is this search: the sources",
			"found date it to 1985, not 1982 (docs/SCENARIOS.md).",
		},
		horizon: "14d", warmup: "4d",
		warmupNote: "assumption: four days from Monday 1 January let the daily pattern of queues set in and start the search on a Friday, as on 15 February 1985; January's month multipliers stand in for February's",
		ports:      all, referralOverride: -1, pressure: true, response: true, netTrips: true,
	}) + g.camarenaCheckpoints(all)
	if g.err != nil {
		return nil, g.err
	}
	return out, nil
}
