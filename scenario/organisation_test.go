package scenario

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// orgBase is a small scenario for [[organisation]] tests: two ports, one
// with trucks and cars, one with trucks only; a car lane without traffic
// at the second.
const orgBase = `name = "orgs"
horizon = "28d"

[class.car]
[class.truck]

[drug.methamphetamine]
value_per_kg = 19700

[drug.cocaine]

[[port]]
name = "Eagle Pass"

  [port.lane.truck]
  annual_volume = 256225
  booths = 2
  primary_time = { dist = "exponential", mean = "90s" }

  [port.lane.car]
  annual_volume = 2934990
  booths = 6
  primary_time = { dist = "exponential", mean = "34s" }

[[port]]
name = "Del Rio"

  [port.lane.truck]
  annual_volume = 75721
  booths = 1
  primary_time = { dist = "exponential", mean = "90s" }

  [port.lane.car]
  annual_volume = 0
`

func TestParseOrganisation(t *testing.T) {
	src := orgBase + `
[[organisation]]
name = "coahuila"
drug = "methamphetamine"
kg_per_period = 1200
load_kg = { dist = "lognormal", mean = 12, cv = 1 }
temperature = 700
learning_rate = 0.3
prior = { alpha = 1, beta = 13 }
loss_tolerance = 0.1282

  [[organisation.route]]
  port = "Eagle Pass"
  class = "truck"
  concealment = "manifest_fraud"
  cost_per_kg = 300

  [[organisation.route]]
  port = "Del Rio"
  class = "truck"
  concealment = "commingled"
  cost_per_kg = 900

  [[organisation.route]]
  port = "Eagle Pass"
  class = "car"
  concealment = "vehicle_cavity"
  cost_per_kg = 1300

  [[organisation.outside]]
  name = "river"
  kind = "between_ports"
  cost_per_kg = 2500
  seize_prob = 0.08

  [[organisation.outside]]
  name = "mexico"
  kind = "market"
  value_per_kg = 6000

[[organisation]]
name = "defaults"
drug = "methamphetamine"
kg_per_period = 100
load_kg = { dist = "constant", value = 10 }
route = [{ port = "Del Rio", class = "truck", concealment = "commingled" }]
`
	s, err := Parse("orgs.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Orgs) != 2 {
		t.Fatalf("%d organisations", len(s.Orgs))
	}
	o := s.Orgs[0]
	if o.Name != "coahuila" || o.Drug != 1 || o.KgPerPeriod != 1200 || o.LoadKg.Mean() != 12 || o.ValuePerKg != 19700 ||
		o.Temperature != 700 || o.LearningRate != 0.3 || o.PriorAlpha != 1 || o.PriorBeta != 13 || o.LossTolerance != 0.1282 {
		t.Errorf("organisation %+v", o)
	}
	if len(o.Routes) != 3 {
		t.Fatalf("routes %+v", o.Routes)
	}
	truck := func(port int) int { // lane index of the truck class at port
		for l, ln := range s.Ports[port].Lanes {
			if s.Classes[ln.Class].Name == "truck" {
				return l
			}
		}
		return -1
	}
	want := Route{Port: 0, Lane: truck(0), Concealment: 2, CostPerKg: 300}
	if o.Routes[0] != want {
		t.Errorf("route 0 %+v, want %+v", o.Routes[0], want)
	}
	if r := o.Routes[1]; r.Port != 1 || r.Lane != truck(1) || s.Concealments[r.Concealment] != "commingled" || r.CostPerKg != 900 {
		t.Errorf("route 1 %+v", r)
	}
	if len(o.Outside) != 2 {
		t.Fatalf("outside %+v", o.Outside)
	}
	if op := o.Outside[0]; op.Name != "river" || !op.ToUS || op.ValuePerKg != 19700 || op.CostPerKg != 2500 || op.SeizeProb != 0.08 {
		t.Errorf("between-ports option %+v (value defaults to the organisation's)", op)
	}
	if op := o.Outside[1]; op.Name != "mexico" || op.ToUS || op.ValuePerKg != 6000 || op.CostPerKg != 0 || op.SeizeProb != 0 {
		t.Errorf("market option %+v", op)
	}
	d := s.Orgs[1]
	if d.Observe != (Observation{Spotters: DefaultSpotters, Announcements: DefaultAnnouncements, AnnounceKg: DefaultAnnounceKg}) || d.PriorWeight != 0 {
		t.Errorf("observation defaults %+v, prior weight %v", d.Observe, d.PriorWeight)
	}
	if d.LearningRate != DefaultLearningRate || d.LossTolerance != DefaultLossTolerance ||
		d.PriorAlpha != DefaultPriorAlpha || d.PriorBeta != DefaultPriorBeta ||
		math.Abs(d.Temperature-DefaultTemperatureShare*19700) > 1e-9 || d.ValuePerKg != 19700 || len(d.Outside) != 0 {
		t.Errorf("defaults %+v", d)
	}
}

func TestParseOrganisationMistakes(t *testing.T) {
	org := func(body string) string {
		return orgBase + `
[[organisation]]
name = "x"
` + body
	}
	const load = `load_kg = { dist = "constant", value = 10 }
`
	const route = `route = [{ port = "Eagle Pass", class = "truck", concealment = "commingled" }]
`
	cases := []struct {
		src  string
		want []string
	}{
		{org(`drug = "methamphetamine"
kg_per_period = 10
` + load + route + `colour = "red"
`), []string{"@colour = \"red\"@organisation[0].colour: unknown key"}},
		{org(`drug = "heroin"
kg_per_period = 10
` + load + route), []string{`@drug = "heroin"@organisation[0].drug: unknown drug "heroin"`}},
		{org(`drug = "methamphetamine"
` + load + route), []string{"organisation[0]: kg_per_period is required"}},
		{org(`drug = "methamphetamine"
kg_per_period = 10
` + route), []string{"organisation[0]: load_kg is required"}},
		{org(`drug = "methamphetamine"
kg_per_period = 10
` + load), []string{"organisation[0]: needs at least one route"}},
		{org(`drug = "cocaine"
kg_per_period = 10
` + load + route), []string{`value_per_kg is required: the drug "cocaine" has no value_per_kg`}},
		{org(`drug = "methamphetamine"
kg_per_period = 10
` + load + `route = [
  { port = "Eagle Pass", class = "truck", concealment = "commingled" },
  { port = "Eagle Pas", class = "truck", concealment = "commingled" },
  { port = "Eagle Pass", class = "truck", concealment = "comingled" },
  { port = "Del Rio", class = "car", concealment = "commingled" },
  { port = "Eagle Pass", class = "truck", concealment = "commingled" },
]
`), []string{
			`@"Eagle Pas"@organisation[0].route[1].port: unknown port "Eagle Pas", did you mean Eagle Pass?`,
			`@"comingled"@organisation[0].route[2].concealment: unknown concealment "comingled", did you mean commingled?`,
			`@port = "Del Rio", class = "car"@organisation[0].route[3].class: the car lane of Del Rio has no traffic to hide loads in`,
			`organisation[0].route[4]: the route Eagle Pass × truck × commingled is listed twice`,
		}},
		{org(`drug = "methamphetamine"
kg_per_period = 10
learning_rate = 1.5
loss_tolerance = -0.1
temperature = -5
prior = { alpha = 0, beta = 10, gamma = 1 }
` + load + route), []string{
			"organisation[0].learning_rate: must be a probability between 0 and 1, got 1.5",
			"organisation[0].loss_tolerance: must not be negative",
			"organisation[0].temperature: must not be negative",
			"organisation[0].prior.alpha: must be positive",
			"organisation[0].prior.gamma: unknown key",
		}},
		{org(`drug = "methamphetamine"
kg_per_period = 10
` + load + route + `  [[organisation.outside]]
  name = "europe"
  kind = "markt"
  [[organisation.outside]]
  name = "asia"
  kind = "market"
  [[organisation.outside]]
  name = "river"
  kind = "between_ports"
  [[organisation.outside]]
  name = "river"
  kind = "between_ports"
`), []string{
			`organisation[0].outside[0].kind: unknown kind "markt", did you mean market?`,
			`organisation[0].outside[1]: value_per_kg is required for a market`,
			`organisation[0].outside[3].name: duplicate outside option "river"`,
		}},
		{org(`drug = "methamphetamine"
kg_per_period = 10
prior = { weight = 20, alpha = 1 }
observe = { spotters = -1, annonce_kg = 45 }
` + load + route + `  [[organisation.outside]]
  name = "crew"
  kind = "contract"
  baseline_share = 0.6
  cost_per_kg = 100
  [[organisation.outside]]
  name = "crew2"
  kind = "contract"
  baseline_share = 0.5
`), []string{
			"organisation[0].prior.weight: give either weight (the mean is each route's baseline risk) or alpha and beta, not both",
			"organisation[0].observe.spotters: must not be negative",
			"organisation[0].observe.annonce_kg: unknown key",
			"organisation[0].outside[0].baseline_share: give either cost_per_kg or baseline_share",
			"organisation[0].outside[1].baseline_share: the organisation's baseline shares add up to 1.1",
		}},
		{orgBase + `
[[organisation]]
name = "x"
drug = "methamphetamine"
kg_per_period = 10
` + load + route + `
[[organisation]]
name = "X"
drug = "methamphetamine"
kg_per_period = 10
` + load + route, []string{`organisation[1].name: duplicate organisation name "X" (already used by organisation[0] as "x": names are compared ignoring case)`}},
	}
	for i, c := range cases {
		_, err := Parse("orgs.toml", []byte(c.src))
		if err == nil {
			t.Errorf("case %d: no error, want %q", i, c.want)
			continue
		}
		for _, w := range c.want {
			// "@TEXT@MSG" wants "orgs.toml:LINE: MSG" with LINE the line
			// holding TEXT: messages carry the line of the key.
			if parts := strings.SplitN(w, "@", 3); len(parts) == 3 {
				line := strings.Count(c.src[:strings.Index(c.src, parts[1])], "\n") + 1
				w = fmt.Sprintf("orgs.toml:%d: %s", line, parts[2])
			}
			if !strings.Contains(err.Error(), w) {
				t.Errorf("case %d: error\n%v\nwant it to contain\n%s", i, err, w)
			}
		}
	}
}

// Priors at equilibrium, observation weights and a contracted crossing
// with a baseline share.
func TestParseOrganisationLearningKeys(t *testing.T) {
	src := orgBase + `
[[organisation]]
name = "x"
drug = "methamphetamine"
kg_per_period = 10
load_kg = { dist = "constant", value = 10 }
prior = { weight = 20 }
observe = { spotters = 0, announcements = 3, announce_kg = 100 }
route = [{ port = "Eagle Pass", class = "truck", concealment = "commingled" }]
  [[organisation.outside]]
  name = "crew"
  kind = "contract"
  baseline_share = 0.132
  seize_prob = 0.08
`
	s, err := Parse("orgs.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	o := s.Orgs[0]
	if o.PriorWeight != 20 || o.Observe != (Observation{Spotters: 0, Announcements: 3, AnnounceKg: 100}) {
		t.Errorf("prior weight %v, observe %+v", o.PriorWeight, o.Observe)
	}
	if op := o.Outside[0]; !op.Contract || !op.ToUS || op.BaselineShare != 0.132 || op.SeizeProb != 0.08 || op.CostPerKg != 0 {
		t.Errorf("contract %+v", op)
	}
}
