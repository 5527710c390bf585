package main

import (
	"os"
	"path/filepath"
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
	if len(gen) != 7 {
		t.Errorf("%d generated configs, want 7", len(gen))
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
// generator.
func TestShippedVolumesMatchBTS(t *testing.T) {
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
	for _, name := range []string{"eagle-pass", "roma", "laredo", "southwest-border", "operation-intercept", "texas-dps-2022", "border-closure"} {
		s, err := scenario.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, p := range s.Ports {
			r, ok := bts[p.Name]
			if !ok {
				t.Errorf("%s: port %q is not in the BTS summary", name, p.Name)
				continue
			}
			seen[p.Name] = true
			got := map[string]float64{}
			for _, l := range p.Lanes {
				got[s.Classes[l.Class].Name] = l.AnnualVolume
			}
			if len(got) != len(p.Lanes) {
				t.Errorf("%s %s: lanes %v", name, p.Name, got)
			}
			for _, class := range []string{"truck", "car"} {
				want := r[class]
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
