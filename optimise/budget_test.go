package optimise

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"borderflow/scenario"
)

// Budget files are read strictly: each mistake is reported with the file,
// line and key, all at once.
func TestBudgetMistakes(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"unknown key", "objective = \"loads_seized\"\ncolour = 1\n[[resource]]\nkind = \"booths\"\nclass = \"truck\"\ncost = 1\nmin = 0\nmax = 1\n",
			[]string{"b.toml:2: colour: unknown key"}},
		{"misspelled", "[[resource]]\nkind = \"booths\"\nclass = \"truck\"\ncots = 1\nmin = 0\nmax = 1\n",
			[]string{"b.toml:1: resource[0]: cost is required", "b.toml:4: resource[0].cots: unknown key, did you mean cost?"}},
		{"objective", "objective = \"kg\"\n[[resource]]\nkind = \"servers\"\nmethod = \"canine\"\ncost = 1\nmin = 1\nmax = 2\n",
			[]string{`b.toml:1: objective: want "loads_seized", "kg_seized" or "kg_delivered" (minimised), got "kg"`}},
		{"kind", "[[resource]]\nkind = \"officers\"\ncost = 1\nmin = 0\nmax = 1\n",
			[]string{`b.toml:2: resource[0].kind: want "booths", "servers" or "portals", got "officers"`}},
		{"bounds", "[[resource]]\nkind = \"servers\"\nmethod = \"canine\"\ncost = 24\nmin = 3\nmax = 2\n",
			[]string{"b.toml:6: resource[0].max: must be at least min (3), got 2"}},
		{"no resource", "objective = \"kg_seized\"\n", []string{"resource: no resources"}},
		{"limit", "[[resource]]\nkind = \"booths\"\nclass = \"car\"\ncost = 1\nmin = 0\nmax = 1\n[[limit]]\nclass = \"car\"\nstat = \"p99\"\nminutes = 0\n",
			[]string{`b.toml:9: limit[0].stat: want "mean" or "p95", got "p99"`, "b.toml:10: limit[0].minutes: must be positive"}},
		{"float count", "replications = 4.0\n[[resource]]\nkind = \"booths\"\nclass = \"car\"\ncost = 1\nmin = 0\nmax = 1\n",
			[]string{"b.toml:1: replications: expected an integer, got 4 (write it without a decimal point)"}},
		{"shifts", "shifts = [14, 6]\n[[resource]]\nkind = \"booths\"\nclass = \"car\"\ncost = 1\nmin = 0\nmax = 1\n",
			[]string{"b.toml:1: shifts: the hours must be ascending and different"}},
		{"syntax", "objective = \n", []string{"b.toml:1: ", "TOML syntax"}},
		// A scenario given as -budget: each of its keys was unknown.
		{"scenario", "name = \"x\"\nhorizon = \"1d\"\n\n[[port]]\nname = \"P\"\n", []string{"b.toml:4: port: [[port]] tables make a scenario, not a budget file"}},
	}
	for _, c := range cases {
		_, err := ParseBudget("b.toml", []byte(c.src))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: message\n%v\nlacks %q", c.name, err, w)
			}
		}
	}
}

// A mistake is reported once, in the words of a scenario's: a value out
// of range was also reported as the lo it was replaced by (max 10^8
// gave "must be at least min (1), got 0"; a shift at 25 gave "not
// ascending, got [6 0]"), and a bare-number horizon said only "expected a
// string".
func TestBudgetMistakesOnce(t *testing.T) {
	res := "[[resource]]\nkind = \"servers\"\nmethod = \"canine\"\ncost = 1\nmin = 1\nmax = 2\n"
	cases := []struct {
		name, src string
		want      []string
		echo      []string
	}{
		{"max out of range", "[[resource]]\nkind = \"servers\"\nmethod = \"canine\"\ncost = 1\nmin = 1\nmax = 100000000\n",
			[]string{"b.toml:6: resource[0].max: must be between 0 and 10000, got 100000000"}, []string{"must be at least min", "10000 ,"}},
		{"min not a number", "[[resource]]\nkind = \"servers\"\nmethod = \"canine\"\ncost = 1\nmin = \"one\"\nmax = 2\n",
			[]string{`b.toml:5: resource[0].min: expected an integer, got the string "one"`}, []string{"must be at least min", "keeps at least one"}},
		{"shift out of range", "shifts = [6, 25]\n" + res,
			[]string{"b.toml:1: shifts[1]: must be between 0 and 23 (an hour of the day), got 25"}, []string{"ascending"}},
		{"no ports", "[[resource]]\nkind = \"servers\"\nmethod = \"canine\"\nports = []\ncost = 1\nmin = 1\nmax = 2\n",
			[]string{`b.toml:4: resource[0].ports: needs at least one port, such as ["Laredo"] (leave ports out for every port)`}, nil},
		{"no shifts", "shifts = []\n" + res,
			[]string{"b.toml:1: shifts: needs at least one hour a shift starts"}, []string{"got an array"}},
		{"horizon without unit", "horizon = 30\n" + res,
			[]string{`b.toml:1: horizon: a duration needs a unit, e.g. "90s", "45m", "2h" or "7d", not the bare number 30`}, nil},
		{"horizon not a duration", "horizon = true\n" + res,
			[]string{`b.toml:1: horizon: expected a duration string with a unit, e.g. "90s", got true`}, nil},
	}
	for _, c := range cases {
		_, err := ParseBudget("b.toml", []byte(c.src))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: message\n%v\nlacks %q", c.name, err, w)
			}
		}
		for _, e := range c.echo {
			if strings.Contains(err.Error(), e) {
				t.Errorf("%s: message\n%v\nhas the echo %q", c.name, err, e)
			}
		}
	}
}

// Names the scenario lacks are reported against the budget file's lines.
func TestBudgetAgainstScenario(t *testing.T) {
	sc := twoPorts()
	for _, c := range []struct{ src, want string }{
		{"[[resource]]\nkind = \"booths\"\nclass = \"car\"\ncost = 1\nmin = 0\nmax = 1\n", `b.toml:3: resource[0].class: unknown class "car"`},
		{"[[resource]]\nkind = \"booths\"\nclass = \"truck\"\nports = [\"Bigg\"]\ncost = 1\nmin = 0\nmax = 1\n", `b.toml:4: resource[0].ports[0]: unknown port "Bigg", did you mean Big?`},
		{"[[resource]]\nkind = \"servers\"\nmethod = \"canine\"\ncost = 1\nmin = 1\nmax = 2\n", "b.toml:1: resource[0]: no port of scenario two-ports has a method canine"},
		{"[[resource]]\nkind = \"servers\"\nmethod = \"unload\"\ncost = 1\nmin = 1\nmax = 2\n", "the scenario's own allocation (1000) is outside [min, max] = [1, 2]"},
		// One thing moved by two variables: its cost was paid twice and
		// the two were set independently.
		{"[[resource]]\nkind = \"booths\"\nclass = \"truck\"\nports = [\"Big\", \"Big\"]\ncost = 1\nmin = 0\nmax = 1\n", `b.toml:4: resource[0].ports[1]: port "Big" is listed twice (ports[0])`},
		{"[[resource]]\nkind = \"booths\"\nclass = \"truck\"\ncost = 1\nmin = 0\nmax = 1\n\n[[resource]]\nkind = \"booths\"\nclass = \"truck\"\nports = [\"Big\"]\ncost = 2\nmin = 0\nmax = 2\n", "b.toml:8: resource[1]: Big truck booths 06-14 are already moved by resource[0]"},
		// A total nothing fits: the scenario's own allocation, over it, was reported as the best.
		{"total = 1\n[[resource]]\nkind = \"servers\"\nmethod = \"unload\"\ncost = 1\nmin = 1\nmax = 2000\n", "b.toml:1: total: a budget of 1 a day buys no allocation: every resource at its min costs 2"},
	} {
		b, err := ParseBudget("b.toml", []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := NewSpace(sc, b); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

// The shipped budget of south-texas reads and resolves; its default total
// is the cost of the scenario's own allocation.
func TestShippedBudget(t *testing.T) {
	b, err := ReadBudget(context.Background(), "../budgets/south-texas.toml")
	if err != nil {
		t.Fatal(err)
	}
	if b.TotalSet || b.Objective != LoadsSeized || len(b.Resources) != 2 || len(b.Limits) != 2 || !b.Resources[0].Scales {
		t.Errorf("budget %+v", b)
	}
}

// Shifts cover every hour once; booths never go below one where the
// scenario had one open; the cost is the sum of booth-hours and servers.
func TestShiftsAndCost(t *testing.T) {
	for h := 0; h < 24; h++ {
		n := 0
		for s := 0; s < 3; s++ {
			if inShift([]int{6, 14, 22}, s, h) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("hour %d in %d shifts", h, n)
		}
	}
	if boothsAt(2, -5) != 1 || boothsAt(0, -1) != 0 || boothsAt(0, 2) != 2 || boothsAt(3, 1) != 4 {
		t.Error("boothsAt")
	}
	sc := twoPorts()
	b, err := ParseBudget("b.toml", []byte("shifts = [6, 14, 22]\n[[resource]]\nkind = \"booths\"\nclass = \"truck\"\ncost = 2\nmin = -1\nmax = 1\n[[resource]]\nkind = \"servers\"\nmethod = \"unload\"\ncost = 3\nmin = 1\nmax = 2000\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSpace(sc, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Vars) != 2*3+2 {
		t.Fatalf("%d variables, want 6 booth shifts and 2 methods", len(s.Vars))
	}
	base := s.Baseline()
	if want := float64((6+2)*24*2 + 2*1000*3); s.Cost(base) != want || s.Total != want {
		t.Errorf("cost %g, total %g, want %g", s.Cost(base), s.Total, want)
	}
	a := append(Allocation(nil), base...)
	a[0] = 1 // Big, truck, 06-14: +1 booth for 8 hours
	if d := s.Cost(a) - s.Cost(base); d != 8*2 {
		t.Errorf("one more booth for a shift costs %g, want 16", d)
	}
	c := s.Apply(a)
	if c.Ports[0].Lanes[0].Booths[6] != 7 || c.Ports[0].Lanes[0].Booths[5] != 6 || sc.Ports[0].Lanes[0].Booths[6] != 6 {
		t.Error("Apply changed the wrong hours or the scenario itself")
	}
}

// A budget file opening with a million and a half nested arrays crashed
// optimise ("fatal error: stack overflow", 840 MB, beyond recover), and a
// 300 MB comment took 1.5 GB and was accepted. A budget file is now read
// as a scenario is: its nesting counted before the TOML reader recurses,
// its size limited while it is read.
func TestBudgetTextBounded(t *testing.T) {
	deep := "shifts = " + strings.Repeat("[\n", 1_500_000) // one a line: within the line limit
	_, err := ParseBudget("b.toml", []byte(deep))
	if err == nil || !strings.Contains(err.Error(), "b.toml:65: (nesting): arrays and inline tables nested more than 64 deep") {
		t.Errorf("deep: %.200v", err)
	}
	big := filepath.Join(t.TempDir(), "big.toml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("# ")
	f.Truncate(300 << 20) // sparse: a comment of NUL bytes, none written
	f.Close()
	if _, err := ReadBudget(context.Background(), big); err == nil || !strings.Contains(err.Error(), "a scenario is at most 8 MB") {
		t.Errorf("big: %v", err)
	}
}

// A budget's horizon of 1000000d, or one no longer than the scenario's
// warm-up, failed in the first replication: exit 1, blaming the
// scenario's file. Both are now the budget file's mistakes, at its line.
// class = 5 said "class is required" before saying it was no name.
func TestBudgetMessages(t *testing.T) {
	res := "[[resource]]\nkind = \"booths\"\nclass = \"truck\"\ncost = 1\nmin = 0\nmax = 1\n"
	if _, err := ParseBudget("b.toml", []byte("horizon = \"1000000d\"\n"+res)); err == nil || !strings.Contains(err.Error(), "b.toml:1: horizon: must be at most 36500d (a century), got 1000000d") {
		t.Errorf("1000000d: %v", err)
	}
	sc := twoPorts()
	sc.Warmup = 2 * scenario.Day
	b, err := ParseBudget("b.toml", []byte("\nhorizon = \"1d\"\n"+res))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewSpace(sc, b); err == nil || !strings.Contains(err.Error(), "b.toml:2: horizon: scenario two-ports refuses this horizon (1d): warmup: the warm-up (2d) is not shorter than the horizon that follows it (1d)") {
		t.Errorf("horizon within the warm-up: %v", err)
	}
	_, err = ParseBudget("b.toml", []byte(strings.Replace(res, `class = "truck"`, "class = 5", 1)))
	if err == nil || err.Error() != `b.toml:3: resource[0].class: expected the name of a vehicle class, such as "truck", got the integer 5` {
		t.Errorf("class = 5: %v", err)
	}
}

// Apply gives an allocation's portals to the copy it returns: the lane's
// portals and, with scales_share, its share scanned, while the scenario
// the space was built on keeps its own (every allocation starts from it).
func TestApplyPortals(t *testing.T) {
	sc, err := scenario.Embedded("preprimary-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseBudget("b.toml", []byte("[[resource]]\nkind = \"portals\"\nclass = \"truck\"\ncost = 48\nmin = 1\nmax = 4\nscales_share = true\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSpace(sc, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Vars) != 1 {
		t.Fatalf("%d variables, want Eagle Pass's truck portals", len(s.Vars))
	}
	v := s.Vars[0]
	orig := *sc.Ports[v.Port].Lanes[v.Lane].PrePrimary
	c := s.Apply(Allocation{v.Base + 1})
	got := c.Ports[v.Port].Lanes[v.Lane].PrePrimary
	if want := min(1, orig.Share*float64(v.Base+1)/float64(v.Base)); got.Portals != v.Base+1 || got.Share != want {
		t.Errorf("applied: %d portals scanning %v, want %d scanning %v", got.Portals, got.Share, v.Base+1, want)
	}
	if pp := sc.Ports[v.Port].Lanes[v.Lane].PrePrimary; pp.Portals != orig.Portals || pp.Share != orig.Share {
		t.Errorf("Apply changed the scenario itself: %d portals scanning %v, was %d scanning %v", pp.Portals, pp.Share, orig.Portals, orig.Share)
	}
}
