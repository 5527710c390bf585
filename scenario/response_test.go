package scenario

import (
	"math"
	"strings"
	"testing"
)

const responseBase = `horizon = "1d"
[class.truck]
value_of_time = 36
[[port]]
name = "Laredo"
  [port.lane.truck]
  daily_volume = 100
  booths = 1
  primary_time = { dist = "constant", value = "60s" }
[[port]]
name = "Eagle Pass"
  [port.lane.truck]
  daily_volume = 100
  booths = 1
  primary_time = { dist = "constant", value = "60s" }
`

func TestResponseSection(t *testing.T) {
	sc, err := Parse("r.toml", []byte(responseBase))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Response != nil {
		t.Fatal("a scenario without [response] must have none")
	}
	sc, err = Parse("r.toml", []byte(responseBase+`[response]
road_factor = 1.25
[response.class.truck]
cancel_cost = 1000
never_divert = 0.3
max_wait = "1d"
[response.coordinates]
"Laredo" = [27.500, -99.507]
"Eagle Pass" = [28.705, -100.512]
`))
	if err != nil {
		t.Fatal(err)
	}
	r := sc.Response
	c := r.Classes[0]
	if !c.Active || c.CancelCost != 1000 || c.NeverDivert != 0.3 || c.Tolerance != 3600 || c.PostponeAfter == nil || c.MaxWait != 86400 {
		t.Errorf("class response %+v", c)
	}
	// Laredo–Eagle Pass: about 167 km in a straight line (haversine on
	// BTS's coordinates); by road (US-277/US-83) about 200 km.
	if d := r.DistanceKm(0, 1); math.Abs(d-167) > 3 {
		t.Errorf("Laredo–Eagle Pass %.1f km, want about 167", d)
	}
	if d := r.DriveSeconds(0, 1, 60) / 3600; math.Abs(d-167*1.25/60) > 0.1 {
		t.Errorf("drive %.2f h", d)
	}
	if g := r.Groups(2); len(g) != 2 {
		t.Errorf("groups %v", g)
	}
	if la := r.Lookahead(r.Groups(2)); math.Abs(la-r.DriveSeconds(0, 1, 60)) > 1e-6 {
		t.Errorf("lookahead %v", la)
	}
}

// A road the scenario gives replaces the straight line times the road
// factor, both ways, for the drive, the groups and the lookahead.
func TestResponseRoads(t *testing.T) {
	sc, err := Parse("r.toml", []byte(responseBase+`[response]
[response.class.truck]
cancel_cost = 1000
[response.coordinates]
"Laredo" = [27.500, -99.507]
"Eagle Pass" = [28.705, -100.512]
[response.roads]
"Eagle Pass" = { "Laredo" = 320 }
`))
	if err != nil {
		t.Fatal(err)
	}
	r := sc.Response
	for _, ab := range [][2]int{{0, 1}, {1, 0}} {
		if km := r.RoadKm(ab[0], ab[1]); km != 320 {
			t.Errorf("road %d→%d: %v km, want the 320 given", ab[0], ab[1], km)
		}
		if h := r.DriveSeconds(ab[0], ab[1], 80) / 3600; math.Abs(h-4) > 1e-9 {
			t.Errorf("drive %d→%d: %v h, want 4", ab[0], ab[1], h)
		}
	}
	if la := r.Lookahead(r.Groups(2)); math.Abs(la-320.0/60*3600) > 1e-6 {
		t.Errorf("lookahead %v s, want the road's 320 km at the trucks' 60 km/h", la)
	}
	c := sc.Clone()
	c.Response.Roads[[2]int{0, 1}] = 500
	if sc.Response.Roads[[2]int{0, 1}] != 320 {
		t.Error("a clone's road changed the original's")
	}
}

func TestResponseSectionErrors(t *testing.T) {
	const coords = "[response.coordinates]\n\"Laredo\" = [27.500, -99.507]\n\"Eagle Pass\" = [28.705, -100.512]\n"
	for _, tc := range []struct{ text, want string }{
		{"[response]\nroad_factr = 1.2\n", "response.road_factr: unknown key, did you mean road_factor?"},
		{"[response.class.truck]\nnever_divert = 0.5\n", "cancel_cost is required"},
		{"[response.class.lorry]\ncancel_cost = 1\n", `unknown class "lorry"`},
		{"[response.coordinates]\n\"Laredoo\" = [27.5, -99.5]\n", `unknown port "Laredoo", did you mean Laredo?`},
		{"[response.coordinates]\n\"Laredo\" = [127.5, -99.5]\n", "latitude must be between -90 and 90"},
		{"[response]\ngroup_within = \"0s\"\n", "group_within: must be at least 1m"},
		{"[response.class.truck]\ncancel_cost = 1\ntolerance = \"3h\"\nmax_wait = \"2h\"\n", "response.class.truck.max_wait: max_wait (2h) must be longer than the tolerance (3h)"},
		{"[response.class.truck]\ncancel_cost = 1\nmax_wait = 24\n", "a duration needs a unit"},
		{coords + "[response.roads]\n\"Laredo\" = { \"Eagle Pas\" = 300 }\n", `response.roads.Laredo.Eagle Pas: unknown port "Eagle Pas", did you mean Eagle Pass?`},
		{coords + "[response.roads]\n\"Laredo\" = { \"Laredo\" = 300 }\n", "a road from Laredo to itself"},
		{coords + "[response.roads]\n\"Laredo\" = { \"Eagle Pass\" = 100 }\n", "100 road km is shorter than the straight line from Laredo to Eagle Pass"},
		{coords + "[response.roads]\n\"Laredo\" = { \"Eagle Pass\" = 300 }\n\"Eagle Pass\" = { \"Laredo\" = 300 }\n", "given twice"},
		{coords + "[response.roads]\n\"Laredo\" = { \"Eagle Pass\" = \"300 km\" }\n", "response.roads.Laredo.Eagle Pass: expected a number"},
		{coords + "[response.roads]\n\"Laredo\" = { \"Eagle Pass\" = -3 }\n", "response.roads.Laredo.Eagle Pass"},
		{coords + "[response.roads]\n\"Laredo\" = 300\n", "response.roads.Laredo: expected a table"},
		{"[response.coordinates]\n\"Laredo\" = [27.5, -99.5]\n[response.roads]\n\"Laredo\" = { \"Eagle Pass\" = 300 }\n", "give both Laredo and Eagle Pass coordinates"},
	} {
		_, err := Parse("r.toml", []byte(responseBase+tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.text, err, tc.want)
		}
	}
}
