package main

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"borderflow/data"
	"borderflow/scenario"
)

// The committed configs/*.toml are byte for byte what the generator makes
// from data/ (regenerated in memory here), and each parses.
func TestShippedConfigsUpToDate(t *testing.T) {
	gen, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	if len(gen) != 8 {
		t.Errorf("%d generated configs, want 8", len(gen))
	}
	names := make([]string, 0, len(gen))
	for name := range gen {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join("..", "..", "configs", name+".toml")
		have, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run: make configs)", path, err)
		}
		if string(have) != gen[name] {
			t.Errorf("%s differs from what cmd/genconfigs generates: edit the generator and run make configs", path)
		}
		if _, err := scenario.Parse(name+".toml", []byte(gen[name])); err != nil {
			t.Errorf("generated %s does not parse:\n%v", name, err)
		}
	}
}

// write replaces the files whole and leaves no temporary file behind.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.toml"), []byte("old, longer text"), 0o644)
	if err := write(dir, map[string]string{"a": "new", "b": "bee"}); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	var got []string
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		got = append(got, e.Name()+"="+string(b))
	}
	if strings.Join(got, " ") != "a.toml=new b.toml=bee" {
		t.Errorf("folder holds %v", got)
	}
	if err := write(filepath.Join(dir, "missing"), map[string]string{"a": "x"}); err == nil {
		t.Error("writing into a missing folder: no error")
	}
}

// TestShippedVolumesMatchBTS checks every port's annual volumes in the
// data-driven shipped scenarios (as embedded in the binary) against BTS
// 2024, read from data/southwest_ports_summary.csv independently of the
// generator; in the scenarios of the whole border with the drivers'
// response (netTrips), against the trips of data/trips_fit.csv, net of
// the drivers the response moves (trips.go), which TestYearAgainstRealCounts
// (border) checks cross BTS's counts.
func TestShippedVolumesMatchBTS(t *testing.T) {
	netTrips := map[string]bool{"southwest-border": true, "border-closure": true, "slowdown-1985": true}
	trips, err := readTripsFit()
	if err != nil {
		t.Fatal(err)
	}
	tb, err := data.Read("southwest_ports_summary.csv")
	if err != nil {
		t.Fatal(err)
	}
	c, err := tb.Cols("port_name", "trucks", "personal_vehicles")
	if err != nil {
		t.Fatal(err)
	}
	cn, ct, cp := c[0], c[1], c[2]
	bts := map[string]map[string]float64{}
	for _, r := range tb.Rows {
		if strings.HasPrefix(r[cn], "ALL ") {
			continue
		}
		tr, err1 := strconv.ParseFloat(r[ct], 64)
		pv, err2 := strconv.ParseFloat(r[cp], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: bad volumes", r[cn])
		}
		bts[r[cn]] = map[string]float64{"truck": tr, "car": pv}
	}
	if len(bts) != 28 {
		t.Fatalf("%d ports in the summary, want 28", len(bts))
	}
	for _, name := range []string{"eagle-pass", "roma", "laredo", "southwest-border", "operation-intercept", "texas-dps-2022", "border-closure", "slowdown-1985"} {
		s, err := scenario.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		// texas-dps-2022 splits BTS's Laredo into the World Trade Bridge
		// and the Colombia bridge (texas.go): together they are Laredo.
		colombia := map[string]float64{}
		for _, p := range s.Ports {
			if p.Name == colombiaPort {
				for _, l := range p.Lanes {
					colombia[s.Classes[l.Class].Name] += l.AnnualVolume
				}
			}
		}
		for _, p := range s.Ports {
			if p.Name == colombiaPort {
				continue
			}
			r, ok := bts[p.Name]
			if !ok {
				t.Errorf("%s: port %q is not in the BTS summary", name, p.Name)
				continue
			}
			seen[p.Name] = true
			got := map[string]float64{}
			for _, l := range p.Lanes {
				got[s.Classes[l.Class].Name] = l.AnnualVolume
				if p.Name == "Laredo" {
					got[s.Classes[l.Class].Name] += colombia[s.Classes[l.Class].Name]
				}
			}
			if len(got) != len(p.Lanes) {
				t.Errorf("%s %s: lanes %v", name, p.Name, got)
			}
			for _, class := range []string{"truck", "car"} {
				want := r[class]
				if n, ok := trips[[2]string{p.Name, class}]; ok && netTrips[name] {
					want = n
				} else if want > 0 && netTrips[name] {
					t.Errorf("%s %s %s: no row in data/trips_fit.csv", name, p.Name, class)
				}
				v, has := got[class]
				switch {
				case want == 0 && has:
					t.Errorf("%s %s: a %s lane with no BTS traffic", name, p.Name, class)
				case want > 0 && v != want:
					t.Errorf("%s %s %s: %v vehicles a year, BTS 2024 says %v", name, p.Name, class, v, want)
				}
			}
		}
		if name == "southwest-border" && len(seen) != 28 {
			t.Errorf("southwest-border has %d of the 28 ports", len(seen))
		}
	}
}

// slowdown-1985 stops every car, and no truck, at every port with cars for
// the ten days of the Camarena search, each checkpoint passing 19/31 of
// the port's mean daily cars (BTS 2024) at 109 s a car, the search
// starting on a Friday as on 15 February 1985.
func TestSlowdown1985Checkpoints(t *testing.T) {
	s, err := scenario.Embedded("slowdown-1985")
	if err != nil {
		t.Fatal(err)
	}
	if s.Response == nil {
		t.Error("slowdown-1985 has no [response]")
	}
	if day := int(s.Warmup / scenario.Day); day%7 != 4 || s.Warmup != float64(day)*scenario.Day {
		t.Errorf("the window opens on day %g, weekday %d (0 = Monday): want a Friday", s.Warmup/scenario.Day, day%7)
	}
	car, truck := -1, -1
	for i, c := range s.Classes {
		switch c.Name {
		case "car":
			car = i
		case "truck":
			truck = i
		}
	}
	stopped := map[int]scenario.Checkpoint{}
	for _, c := range s.Checkpoints {
		if !c.Classes[car] || c.Classes[truck] {
			t.Errorf("%s: classes %v, want cars alone", s.Ports[c.Port].Name, c.Classes)
		}
		if _, dup := stopped[c.Port]; dup {
			t.Errorf("%s: two checkpoints", s.Ports[c.Port].Name)
		}
		stopped[c.Port] = c
	}
	bts := map[string]float64{}
	ports, err := readPorts()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ports {
		bts[r.name] = r.cars
	}
	want := camarenaSaturday / camarenaTypicalSaturday
	for p, pc := range s.Ports {
		cars := bts[pc.Name] // the port's crossings, not the trips it draws (trips.go)
		c, ok := stopped[p]
		if cars == 0 {
			if ok {
				t.Errorf("%s: a checkpoint at a port without cars", pc.Name)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: cars not searched", pc.Name)
			continue
		}
		if c.Start != 0 || c.End != 10*scenario.Day || math.Abs(c.Time.Mean()-camarenaSeconds) > 0.5 {
			t.Errorf("%s: %g–%g d, %g s a car; want 0–10 d, %.0f s", pc.Name, c.Start/scenario.Day, c.End/scenario.Day, c.Time.Mean(), camarenaSeconds)
		}
		exact := want * cars / 365 * camarenaSeconds / 86400
		if math.Abs(float64(c.Servers)-exact) > 0.5 && !(c.Servers == 1 && exact < 1) {
			t.Errorf("%s: %d teams, want %.2f rounded", pc.Name, c.Servers, exact)
		}
	}
	if len(stopped) < 25 {
		t.Errorf("%d ports searched, want every port with cars (26)", len(stopped))
	}
}

// The smuggler scenarios (surge-eagle-pass, crackdown, south-texas) copy
// southwest-border's [[port]] blocks but keep them without
// trusted-traveller lanes (docs/SCENARIOS.md, trusted parts) and at BTS's
// counts (four ports, with nowhere else to divert to: trips.go): their
// ports are what the generator makes without the parts and the net
// trips, so they cannot drift from the data either. Their primary
// booths are left out of the comparison (scenario's
// TestSmugglerScenariosShareGeneratedPorts says why).
func TestSmugglerPortsAreGeneratedWithoutTrusted(t *testing.T) {
	saved := trustedSpecs
	trustedSpecs = nil
	tripsOverride = map[[2]string]float64{} // BTS's counts: a few ports, nowhere else to divert to (trips.go)
	gen, err := generate()
	trustedSpecs, tripsOverride = saved, nil
	if err != nil {
		t.Fatal(err)
	}
	sw, err := scenario.Parse("southwest-border.toml", []byte(gen["southwest-border"]))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]scenario.Port{}
	for _, p := range sw.Ports {
		byName[p.Name] = p
	}
	checked := 0
	for _, name := range []string{"surge-eagle-pass", "crackdown", "south-texas"} {
		s, err := scenario.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Ports {
			checked++
			if !reflect.DeepEqual(scenario.WithoutPrimaryBooths(p), scenario.WithoutPrimaryBooths(byName[p.Name])) {
				t.Errorf("%s: port %s differs from southwest-border's without trusted lanes, at BTS's counts", name, p.Name)
			}
		}
	}
	if checked == 0 {
		t.Error("no port in the smuggler scenarios")
	}
}
