package scenario

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"borderflow/sim"
)

// checkInvariants checks what the model may rely on in any scenario that
// Parse accepts.
func checkInvariants(t testing.TB, s *Scenario) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s: "+format, append([]any{s.Name}, args...)...)
	}
	if !(s.Horizon > 0) || !(s.Warmup >= 0) || !(s.Warmup < s.Horizon) || !(s.BinWidth > 0) || !(s.DecisionPeriod > 0) {
		fail("times: horizon %v warmup %v bin %v decision %v", s.Horizon, s.Warmup, s.BinWidth, s.DecisionPeriod)
	}
	if s.Replications < 1 || len(s.Ports) == 0 || len(s.Concealments) == 0 {
		fail("replications %d, %d ports, %d concealments", s.Replications, len(s.Ports), len(s.Concealments))
	}
	meanOne := func(x []float64) bool {
		sum := 0.0
		for _, v := range x {
			if !(v >= 0) {
				return false
			}
			sum += v
		}
		return math.Abs(sum/float64(len(x))-1) < 1e-9
	}
	for _, p := range s.Ports {
		if p.PressureFactor < 0 || p.PressureFactor > 1 || p.PressureWait < 0 {
			fail("port %s pressure %v %v", p.Name, p.PressureWait, p.PressureFactor)
		}
		for _, m := range p.Methods {
			if m.Servers < 1 || m.Time == nil || len(m.Detect) != len(s.Concealments) || m.FalseAlarm < 0 || m.FalseAlarm > 1 {
				fail("port %s method %+v", p.Name, m)
			}
			if mean := m.Time.Mean(); !(mean >= 0) || math.IsInf(mean, 0) {
				fail("port %s method %s mean time %v", p.Name, m.Name, mean)
			}
		}
		for li, l := range p.Lanes {
			if l.Class < 0 || l.Class >= len(s.Classes) || (li > 0 && l.Class <= p.Lanes[li-1].Class) {
				fail("port %s lane %d class %d", p.Name, li, l.Class)
			}
			if !(l.Rate >= 0) || math.Abs(l.Rate*365*86400-l.AnnualVolume) > 1e-6*l.AnnualVolume {
				fail("port %s lane %d rate %v volume %v", p.Name, li, l.Rate, l.AnnualVolume)
			}
			monthMean := 0.0
			for m, f := range l.MonthProfile {
				monthMean += f * daysInMonth[m] / 365
			}
			if math.Abs(monthMean-1) > 1e-9 {
				fail("port %s lane %d months %v: weighted mean %v", p.Name, li, l.MonthProfile, monthMean)
			}
			if !meanOne(l.HourProfile[:]) || !meanOne(l.DayProfile[:]) {
				fail("port %s lane %d profiles %v %v", p.Name, li, l.HourProfile, l.DayProfile)
			}
			if l.PrimaryTime == nil {
				fail("port %s lane %d has no primary time", p.Name, li)
			}
			for _, b := range l.Booths {
				if b < 0 {
					fail("port %s lane %d booths %v", p.Name, li, l.Booths)
				}
			}
			for _, st := range l.Steps {
				if st.Method < 0 || st.Method >= len(p.Methods) {
					fail("port %s lane %d step %+v", p.Name, li, st)
				}
			}
			r := l.Referral
			for _, q := range []float64{r.Rate, r.TargetHit, r.TargetFalse} {
				if q < 0 || q > 1 {
					fail("port %s lane %d referral %+v", p.Name, li, r)
				}
			}
		}
	}
	for _, f := range s.Loads {
		if f.Drug < 0 || f.Drug >= len(s.Drugs) || f.Port < 0 || f.Port >= len(s.Ports) ||
			f.Lane < 0 || f.Lane >= len(s.Ports[f.Port].Lanes) || f.Concealment < 0 || f.Concealment >= len(s.Concealments) ||
			f.Kg == nil || !(f.Kg.Mean() > 0) || !(f.LoadsPerYear >= 0) {
			fail("load %+v", f)
		}
	}
	for _, u := range s.Surges {
		if u.Port < 0 || u.Port >= len(s.Ports) || len(u.ExtraBooths) != len(s.Ports[u.Port].Lanes) ||
			len(u.ReferralRate) != len(s.Ports[u.Port].Lanes) || !(u.End > u.Start) || !(u.SecondaryFactor > 0) {
			fail("surge %+v", u)
		}
	}
}

func TestShippedScenarios(t *testing.T) {
	names := EmbeddedNames()
	for _, want := range []string{Default, "eagle-pass", "roma", "laredo", "southwest-border", "operation-intercept", "mmc"} {
		if !slices.Contains(names, want) {
			t.Errorf("no shipped scenario %q in %v", want, names)
		}
	}
	for _, name := range names {
		s, err := Embedded(name)
		if err != nil {
			t.Errorf("%s:\n%v", name, err)
			continue
		}
		checkInvariants(t, s)
		if s.Name != name || s.Source != "embedded:"+name {
			t.Errorf("%s: Name %q, Source %q", name, s.Name, s.Source)
		}
		if d := Describe(name); d == "" || d != s.Description || strings.Contains(d, "\n") {
			t.Errorf("%s: Describe = %q", name, d)
		}
	}
	if Describe("no-such") != "" {
		t.Error("Describe of an unknown scenario is not empty")
	}
}

func TestEaglePass(t *testing.T) {
	s, err := Embedded("eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	if s.Horizon != 365*86400 || s.Warmup != 86400 || s.BinWidth != 3600 || s.DecisionPeriod != 7*86400 {
		t.Errorf("times %v %v %v %v", s.Horizon, s.Warmup, s.BinWidth, s.DecisionPeriod)
	}
	if len(s.Classes) != 2 || s.Classes[0].Name != "car" || s.Classes[1].Name != "truck" {
		t.Fatalf("classes %+v", s.Classes)
	}
	p := s.Ports[0]
	if p.Name != "Eagle Pass" || len(p.Lanes) != 2 {
		t.Fatalf("port %+v", p)
	}
	truck := p.Lanes[1]
	if truck.Class != 1 || truck.AnnualVolume != 256225 || math.Abs(truck.Rate-256225.0/(365*86400)) > 1e-15 {
		t.Errorf("truck lane %v %v", truck.AnnualVolume, truck.Rate)
	}
	if truck.Referral.Rate != 0.17 || p.Lanes[0].Referral.Rate != 0.02 {
		t.Errorf("referral %v %v", truck.Referral.Rate, p.Lanes[0].Referral.Rate)
	}
	if got := truck.PrimaryTime.Mean(); math.Abs(got-90) > 1e-9 {
		t.Errorf("truck primary mean %v", got)
	}
	if len(truck.Steps) != 2 || p.Methods[truck.Steps[0].Method].Name != "imaging" ||
		p.Methods[truck.Steps[1].Method].Name != "unload" || !truck.Steps[1].OnlyOnAlarm {
		t.Errorf("truck steps %+v", truck.Steps)
	}
	// Booths come from a roster within its staff budget (staffing.go),
	// and over a day the officers on duty carry the lane's average load at
	// a utilisation below 1.
	for _, l := range p.Lanes {
		st := l.Staffing
		if st == nil {
			t.Fatalf("%s lane: no staffing roster", s.Classes[l.Class].Name)
		}
		all := 0
		for _, b := range l.Booths {
			all += b
		}
		if st.Used() > st.OfficerHours || float64(all) != st.Used() {
			t.Errorf("%s lane: roster %+v gives booths %v", s.Classes[l.Class].Name, st, l.Booths)
		}
		if rho := l.Rate * 86400 * l.PrimaryTime.Mean() / float64(all*3600); rho < 0.4 || rho > 1 {
			t.Errorf("%s lane: a day's utilisation %.2f", s.Classes[l.Class].Name, rho)
		}
	}
	// About 3.2 million vehicles a year, loads a tiny share of them.
	var vehicles, loads float64
	for _, l := range p.Lanes {
		vehicles += l.AnnualVolume
	}
	for _, f := range s.Loads {
		loads += f.LoadsPerYear
	}
	if vehicles != 256225+2934990 || loads <= 0 || loads > 1e-3*vehicles {
		t.Errorf("vehicles %v, loads %v", vehicles, loads)
	}
}

func TestMMC(t *testing.T) {
	s, err := Embedded("mmc")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Ports) != 1 || len(s.Ports[0].Lanes) != 1 || len(s.Loads) != 0 {
		t.Fatalf("shape: %+v", s)
	}
	l := s.Ports[0].Lanes[0]
	if math.Abs(l.Rate-7.2) > 1e-12 || l.Booths != [24]int{8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8} {
		t.Errorf("rate %v booths %v", l.Rate, l.Booths)
	}
	if e, ok := l.PrimaryTime.(sim.Exponential); !ok || e.Scale != 1 {
		t.Errorf("primary %#v", l.PrimaryTime)
	}
	if len(l.Steps) != 0 || l.LotCapacity != 0 || l.Referral != (Referral{}) {
		t.Errorf("secondary %+v %v %+v", l.Steps, l.LotCapacity, l.Referral)
	}
	for h := range 24 {
		if l.HourProfile[h] != 1 {
			t.Fatalf("profile not flat: %v", l.HourProfile)
		}
	}
	// ρ = λ / (c μ) = 0.9; Erlang C as the file's comment states.
	c, a := 8.0, l.Rate*l.PrimaryTime.Mean()
	if rho := a / c; math.Abs(rho-0.9) > 1e-12 {
		t.Errorf("rho %v", rho)
	}
	sum, term := 0.0, 1.0
	for k := 0.0; k < c; k++ {
		if k > 0 {
			term *= a / k
		}
		sum += term
	}
	last := term * a / c / (1 - a/c)
	pw := last / (sum + last)
	if math.Abs(pw-0.7015) > 5e-4 || math.Abs(pw/0.8-0.8769) > 5e-4 {
		t.Errorf("Erlang C %v, Wq %v: update the comment in configs/mmc.toml", pw, pw/0.8)
	}
}

func TestParseDefaults(t *testing.T) {
	s, err := Load("testdata/good/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, s)
	if s.Name != "tiny" || s.Source != "testdata/good/minimal.toml" || s.Seed != 1 || s.Replications != 1 ||
		s.Warmup != 0 || s.BinWidth != 3600 || s.DecisionPeriod != 7*86400 || !slices.Equal(s.Concealments, DefaultConcealments) {
		t.Errorf("defaults: %+v", s)
	}
	p := s.Ports[0]
	if p.PressureFactor != 1 || p.PressureWait != 0 || len(s.Orgs) != 0 || len(s.Surges) != 0 {
		t.Errorf("port defaults %+v", p)
	}
	if f := s.Loads[0]; f.Concealment != 1 || f.LoadsPerYear != 10 || f.Kg.Mean() != 50 {
		t.Errorf("load %+v", f)
	}
}

func TestParseFeatures(t *testing.T) {
	src := `
name = "features"
seed = 42
replications = 3
horizon = "30d"
warmup = "12h"
bin = "15m"
decision_period = "1w"
concealments = ["trunk", "tank"]

[class.truck]
[class.bus]
value_of_time = 100
[class.car]

[profile.day]
hours = [0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0]

[[port]]
name = "P"
pressure_wait = "1h"
pressure_factor = 0.25

  [[port.method]]
  name = "dog"
  servers = 2
  time = { dist = "gamma", mean = "4m", cv = 0.5 }
  false_alarm = 0.1
  detect = { tank = 0.4, trunk = 0.9 }

  [[port.method]]
  name = "open"
  servers = 1
  time = { dist = "empirical", values = ["10m", "20m"], weights = [3, 1] }
  detect = { trunk = 1, tank = 1 }

  [port.lane.truck]
  daily_volume = 100
  profile = "day"
  booths = [0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0]
  primary_time = { dist = "uniform", min = "1m", max = "2m" }
  referral_rate = 0.1
  target_hit = 0.5
  target_false = 0.01
  lot_capacity = 4
  secondary = [{ method = "dog" }, { method = "open", only_on_alarm = true }]

  [port.lane.car]
  annual_volume = 0

  [port.lane.bus]
  annual_volume = 3650
  profile = { days = [2, 1, 1, 1, 1, 1, 0] }
  booths = 1
  primary_time = { dist = "triangular", min = "1m", mode = "2m", max = "6m" }

[drug.cocaine]
value_per_kg = 1

[[load]]
drug = "cocaine"
port = "P"
class = "bus"
concealment = "tank"
loads_per_year = 2
kg = { dist = "lognormal", mean = 10, cv = 1 }

[[surge]]
port = "P"
start = "1d"
end = "2d"
secondary_factor = 2
extra_booths = { truck = 1 }
referral_rate = { bus = 0.5 }
`
	s, err := Parse("features.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, s)
	if s.Seed != 42 || s.Replications != 3 || s.Horizon != 30*86400 || s.Warmup != 43200 || s.BinWidth != 900 || s.DecisionPeriod != 7*86400 {
		t.Errorf("settings %+v", s)
	}
	if got := []string{s.Classes[0].Name, s.Classes[1].Name, s.Classes[2].Name}; !slices.Equal(got, []string{"bus", "car", "truck"}) || s.Classes[0].ValueOfTime != 100 {
		t.Errorf("classes %+v", s.Classes)
	}
	p := s.Ports[0]
	if p.PressureWait != 3600 || p.PressureFactor != 0.25 {
		t.Errorf("pressure %v %v", p.PressureWait, p.PressureFactor)
	}
	if !slices.Equal(p.Methods[0].Detect, []float64{0.9, 0.4}) {
		t.Errorf("detect by concealment order: %v", p.Methods[0].Detect)
	}
	if g, ok := p.Methods[0].Time.(sim.Gamma); !ok || math.Abs(g.Shape-4) > 1e-12 || math.Abs(g.Mean()-240) > 1e-9 {
		t.Errorf("gamma %#v", p.Methods[0].Time)
	}
	if m := p.Methods[1].Time.Mean(); math.Abs(m-(3*600+1200)/4.0) > 1e-9 {
		t.Errorf("empirical mean %v", m)
	}
	// Lanes in class order: bus, car, truck.
	if len(p.Lanes) != 3 || p.Lanes[0].Class != 0 || p.Lanes[1].Class != 1 || p.Lanes[2].Class != 2 {
		t.Fatalf("lanes %+v", p.Lanes)
	}
	bus, car, truck := p.Lanes[0], p.Lanes[1], p.Lanes[2]
	if truck.AnnualVolume != 36500 || math.Abs(truck.Rate-100.0/86400) > 1e-15 {
		t.Errorf("daily volume: %v %v", truck.AnnualVolume, truck.Rate)
	}
	if truck.HourProfile[0] != 0 || math.Abs(truck.HourProfile[6]-2) > 1e-12 || truck.DayProfile[3] != 1 {
		t.Errorf("named profile %v %v", truck.HourProfile, truck.DayProfile)
	}
	if truck.Booths[6] != 2 || truck.Booths[0] != 0 {
		t.Errorf("booth schedule %v", truck.Booths)
	}
	if truck.Referral != (Referral{0.1, 0.5, 0.01}) || truck.LotCapacity != 4 || len(truck.Steps) != 2 || truck.Steps[1] != (Step{1, true}) {
		t.Errorf("truck secondary %+v %v %+v", truck.Referral, truck.LotCapacity, truck.Steps)
	}
	if math.Abs(bus.DayProfile[0]-2) > 1e-12 || bus.DayProfile[6] != 0 || bus.HourProfile[0] != 1 {
		t.Errorf("inline profile %v %v", bus.DayProfile, bus.HourProfile)
	}
	if car.Rate != 0 || car.PrimaryTime == nil {
		t.Errorf("lane without traffic %+v", car)
	}
	if f := s.Loads[0]; f.Lane != 0 || f.Concealment != 1 || f.Drug != 0 {
		t.Errorf("load %+v", f)
	}
	u := s.Surges[0]
	if u.Start != 86400 || u.End != 172800 || u.SecondaryFactor != 2 ||
		!slices.Equal(u.ExtraBooths, []int{0, 0, 1}) || !slices.Equal(u.ReferralRate, []float64{0.5, -1, -1}) {
		t.Errorf("surge %+v", u)
	}
}

func TestResolve(t *testing.T) {
	s, err := Resolve("")
	if err != nil || s.Name != Default {
		t.Fatalf("default: %v, %v", s, err)
	}
	if s, err := Resolve("roma"); err != nil || s.Name != "roma" {
		t.Errorf("roma: %v", err)
	}
	if s, err := Resolve("testdata/good/minimal.toml"); err != nil || s.Name != "tiny" {
		t.Errorf("file: %v", err)
	}
	_, err = Resolve("eagle-pas")
	if err == nil || !strings.Contains(err.Error(), "did you mean eagle-pass?") || !strings.Contains(err.Error(), "southwest-border") {
		t.Errorf("unknown name: %v", err)
	}
	_, err = Resolve("testdata/none.toml")
	if err == nil || !strings.Contains(err.Error(), "testdata/none.toml: no such file") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Embedded("../go.mod"); err == nil {
		t.Error("Embedded reads outside configs")
	}
	// A bad file's errors come back with the file's path.
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(path, []byte("horizon = 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Resolve(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+":1: horizon: a duration needs a unit") {
		t.Errorf("bad file: %v", err)
	}
}

// The smuggler scenarios reuse southwest-border's generated ports
// unchanged (their surges are separate tables), so the ports cannot drift
// from the data-driven sizing: after editing the generator, copy the
// [[port]] blocks again. Their primary booths are the exception: they keep
// the hourly booth lists southwest-border had before its lanes were
// staffed by shift, because their figures in docs/SCENARIOS.md and the
// optimiser's proof (which spends booths hour by hour) were made with them.
func TestSmugglerScenariosShareGeneratedPorts(t *testing.T) {
	sw, err := Embedded("southwest-border")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Port{}
	for _, p := range sw.Ports {
		byName[p.Name] = p
	}
	for _, name := range []string{"surge-eagle-pass", "crackdown", "south-texas"} {
		s, err := Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Ports {
			if hasTrusted(byName[p.Name]) {
				// The smuggler scenarios keep their ports without
				// trusted-traveller lanes (their figures in the docs and
				// the optimiser's proof were made without them):
				// cmd/genconfigs's TestSmugglerPortsAreGeneratedWithoutTrusted
				// checks those ports against the generator without them.
				continue
			}
			if !reflect.DeepEqual(withoutTrips(WithoutPrimaryBooths(p)), withoutTrips(WithoutPrimaryBooths(byName[p.Name]))) {
				t.Errorf("%s: port %s differs from southwest-border's", name, p.Name)
			}
		}
	}
}

// withoutTrips is p with its lanes' trips left out: southwest-border
// draws each lane's trips net of the drivers its response moves between
// its 28 ports (data/trips_fit.csv), while a scenario of a few ports,
// with nowhere else to divert to, draws BTS's counts (cmd/genconfigs's
// TestSmugglerPortsAreGeneratedWithoutTrusted checks them).
func withoutTrips(p Port) Port {
	p.Lanes = append([]Lane(nil), p.Lanes...)
	for i := range p.Lanes {
		p.Lanes[i].Rate, p.Lanes[i].AnnualVolume = 0, 0
	}
	return p
}

// testdata/good/features.toml uses every section together; it loads and
// keeps the invariants, and its parts land where the model reads them.
func TestFeaturesFile(t *testing.T) {
	s, err := Load("testdata/good/features.toml")
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, s)
	hold := map[string]bool{}
	for _, l := range s.Ports[0].Lanes {
		hold[s.Classes[l.Class].Name] = l.HoldWhenFull
	}
	if len(s.Ports) != 2 || len(s.Orgs) != 1 || len(s.Surges) != 1 || len(s.Loads) != 1 ||
		!hold["truck"] || hold["car"] || s.BinWidth != 7200 ||
		s.Warmup != 6*3600 || len(s.Orgs[0].Routes) != 2 || len(s.Orgs[0].Outside) != 2 {
		t.Errorf("features.toml decoded as %+v", s)
	}
}

// hasTrusted reports whether a lane of p has trusted-traveller parts.
func hasTrusted(p Port) bool {
	for _, l := range p.Lanes {
		if len(l.Trusted) > 0 {
			return true
		}
	}
	return false
}
