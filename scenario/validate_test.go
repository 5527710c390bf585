package scenario

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// Every shipped scenario passes its own checks.
func TestShippedScenariosValidate(t *testing.T) {
	for _, n := range EmbeddedNames() {
		s, err := Embedded(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

func embedded(t *testing.T, name string) *Scenario {
	t.Helper()
	s, err := Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Validate refuses what code can build and the loader would refuse —
// the values that -horizon, -set or a policy can produce — naming the key
// as the decoder does.
func TestValidateRefusesWhatTheLoaderRefuses(t *testing.T) {
	cases := []struct {
		name     string
		scenario string
		change   func(s *Scenario)
		want     string
	}{
		{"warm-up longer than the horizon", "eagle-pass", func(s *Scenario) { s.Horizon = Hour },
			"eagle-pass.toml: warmup: the warm-up (1d) is not shorter than the horizon that follows it (1h)"},
		{"horizon beyond a century", "roma", func(s *Scenario) { s.Horizon = 1e6 * Day }, "horizon: must be at most 36500d"},
		{"surge after the horizon", "surge-eagle-pass", func(s *Scenario) { s.Horizon, s.Warmup = Day, 0 },
			"surge[0].start: the surge starts at 90d, after the horizon (1d) ends"},
		{"seed above 2^63-1", "eagle-pass", func(s *Scenario) { s.Seed = math.MaxUint64 }, "seed: must be at most 9223372036854775807"},
		{"no replications", "eagle-pass", func(s *Scenario) { s.Replications = 0 }, "replications: must be from 1 to 10000"},
		{"lot without a sequence", "eagle-pass", func(s *Scenario) { s.Ports[0].Lanes[0].Steps = nil },
			"port[0].lane.car.lot_capacity: a secondary lot needs a secondary sequence"},
		{"organisation without routes", "crackdown", func(s *Scenario) { s.Orgs[1].Routes = nil },
			"organisation[1].route: needs at least one route"},
		{"invalid UTF-8", "eagle-pass", func(s *Scenario) { s.Ports[0].Name = "Eagle\xffPass" }, "port[0].name: is not valid UTF-8"},
		{"probability", "eagle-pass", func(s *Scenario) { s.Ports[0].Lanes[1].Referral.Rate = 1.5 },
			"port[0].lane.truck.referral_rate: must be a probability between 0 and 1, got 1.5"},
		{"more loads than vehicles", "eagle-pass", func(s *Scenario) { s.Ports[0].Lanes[1].Rate /= 1e6 },
			"port[0].lane.truck: the loads of this lane need"},
		{"surge lanes", "surge-eagle-pass", func(s *Scenario) { s.Surges[0].ExtraBooths = nil }, "surge[0]: has 0 lanes' settings"},
		{"too many ports", "roma", func(s *Scenario) {
			for len(s.Ports) <= MaxPorts {
				p := s.Ports[0]
				p.Name = strings.Repeat("x", len(s.Ports))
				p.Lanes = nil
				s.Ports = append(s.Ports, p)
			}
		}, "port: 501 ports: at most 500"},
		{"bins of 10 s", "eagle-pass", func(s *Scenario) { s.BinWidth = 10 }, "bin: too fine for this scenario: 3153600 bins of 10s over the horizon × 2 lane(s)"},
		{"decision period of 10 s", "crackdown", func(s *Scenario) { s.DecisionPeriod = 10 }, "decision_period: must be at least 1h, got 10s"},
		{"decision period of 1 ms", "crackdown", func(s *Scenario) { s.DecisionPeriod = 0.001 }, "decision_period: must be at least 1h"},
		{"decision period of an hour", "crackdown", func(s *Scenario) { s.DecisionPeriod = Hour }, "decision_period: too short for this scenario"},
		{"pre-primary share", "preprimary-eagle-pass", func(s *Scenario) {
			for l := range s.Ports[0].Lanes {
				if pp := s.Ports[0].Lanes[l].PrePrimary; pp != nil {
					pp.Share = 2
				}
			}
		}, "preprimary.share: must be a probability between 0 and 1, got 2"},
		{"response per class", "southwest-border", func(s *Scenario) {
			if s.Response == nil {
				s.Response = &Response{}
			}
			s.Response.Classes = nil
		}, "response: has 0 classes"},
		{"method index", "eagle-pass", func(s *Scenario) { s.Ports[0].Lanes[1].Steps[0].Method = 9 }, "port[0].lane.truck.secondary[0].method: method index 9 out of range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := embedded(t, c.scenario)
			c.change(s)
			err := s.Validate()
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("got\n%v\nwant %q", err, c.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Key == "" {
				t.Errorf("not a keyed *Error: %#v", err)
			}
		})
	}
}

// Surges at one port may overlap: they compose.
func TestOverlappingSurgesLoad(t *testing.T) {
	s, err := Load("testdata/good/surge_overlap.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Surges) != 2 || s.Surges[0].Port != s.Surges[1].Port {
		t.Errorf("surges: %+v", s.Surges)
	}
}

// A clone validates as its original does and changing it leaves the
// original valid.
func TestCloneThenValidate(t *testing.T) {
	s := embedded(t, "crackdown")
	c := s.Clone()
	c.Orgs[0].Routes = c.Orgs[0].Routes[:0]
	c.Ports[0].Lanes[0].Booths[3] = -1
	if c.Validate() == nil {
		t.Error("the changed clone passes")
	}
	if err := s.Validate(); err != nil {
		t.Errorf("changing the clone broke the original: %v", err)
	}
}
