package data

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func mustRead(t *testing.T, name string) *Table {
	t.Helper()
	tb, err := Read(name)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func mustCol(t *testing.T, tb *Table, name string) int {
	t.Helper()
	i, err := tb.Col(name)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// Every CSV file here has a row in PROVENANCE.md with its SHA-256.
func TestProvenance(t *testing.T) {
	doc, err := os.ReadFile("PROVENANCE.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{} // file -> sha256
	re := regexp.MustCompile(`(?m)^\| ([^ |]+\.csv) \|.*\| ([0-9a-f]{64}) \|$`)
	for _, m := range re.FindAllStringSubmatch(string(doc), -1) {
		rows[m[1]] = m[2]
	}
	names := Files()
	if len(names) < 7 {
		t.Fatalf("only %d data files: %v", len(names), names)
	}
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		want, ok := rows[name]
		switch {
		case !ok:
			t.Errorf("%s has no row in PROVENANCE.md", name)
		case hex.EncodeToString(sum[:]) != want:
			t.Errorf("%s: sha256 %x, PROVENANCE.md says %s", name, sum, want)
		}
		delete(rows, name)
	}
	for name := range rows {
		t.Errorf("PROVENANCE.md lists %s, which is not here", name)
	}
}

// btsCounts sums the trimmed BTS file by port, measure and date
// ("Jan 2024"); the file holds one row per port, measure and month.
func btsCounts(t *testing.T) map[[3]string]float64 {
	tb := mustRead(t, "Border_Crossing_Entry_Data_US-Mexico.csv")
	cp, cd, cm, cv, cb := mustCol(t, tb, "Port Name"), mustCol(t, tb, "Date"), mustCol(t, tb, "Measure"), mustCol(t, tb, "Value"), mustCol(t, tb, "Border")
	out := map[[3]string]float64{}
	for i, r := range tb.Rows {
		if r[cb] != "US-Mexico Border" {
			t.Fatalf("row %d: border %q", i+2, r[cb])
		}
		if !strings.HasSuffix(r[cd], " 2023") && !strings.HasSuffix(r[cd], " 2024") {
			t.Fatalf("row %d: date %q outside 2023–2024", i+2, r[cd])
		}
		k := [3]string{r[cp], r[cm], r[cd]}
		if _, dup := out[k]; dup {
			t.Fatalf("row %d: a second row for %v", i+2, k)
		}
		v, err := strconv.ParseFloat(r[cv], 64)
		if err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
		out[k] = v
	}
	return out
}

var months = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func yearSum(c map[[3]string]float64, port, measure, year string) float64 {
	s := 0.0
	for _, m := range months {
		s += c[[3]string{port, measure, m + " " + year}]
	}
	return s
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The derived per-port summary's counts are the BTS rows' sums, exactly.
func TestSummaryFromBTS(t *testing.T) {
	c := btsCounts(t)
	tb := mustRead(t, "southwest_ports_summary.csv")
	cn := mustCol(t, tb, "port_name")
	checks := []struct{ col, measure, year string }{
		{"trucks", "Trucks", "2024"},
		{"personal_vehicles", "Personal Vehicles", "2024"},
		{"personal_vehicle_passengers", "Personal Vehicle Passengers", "2024"},
		{"pedestrians", "Pedestrians", "2024"},
		{"buses", "Buses", "2024"},
		{"trucks_2023", "Trucks", "2023"},
		{"personal_vehicles_2023", "Personal Vehicles", "2023"},
	}
	total := make([]float64, len(checks))
	ports := 0
	for _, r := range tb.Rows {
		if strings.HasPrefix(r[cn], "ALL ") {
			for i, ch := range checks {
				if got := num(t, r[mustCol(t, tb, ch.col)]); got != total[i] {
					t.Errorf("%s %s: %.0f, the ports sum to %.0f", r[cn], ch.col, got, total[i])
				}
			}
			continue
		}
		ports++
		for i, ch := range checks {
			want := yearSum(c, r[cn], ch.measure, ch.year)
			total[i] += want
			if got := num(t, r[mustCol(t, tb, ch.col)]); got != want {
				t.Errorf("%s %s: summary %.0f, BTS rows %.0f", r[cn], ch.col, got, want)
			}
		}
	}
	if ports != 28 || total[0] != 7617207 || total[1] != 76884566 {
		t.Errorf("%d ports, %.0f trucks, %.0f personal vehicles; want 28, 7617207, 76884566", ports, total[0], total[1])
	}
}

// The derived monthly file's 2023 and 2024 rows are the BTS rows, and
// every BTS row of those measures is in it.
func TestMonthlyFromBTS(t *testing.T) {
	c := btsCounts(t)
	tb := mustRead(t, "southwest_ports_monthly_2019_2025.csv")
	cn, cy, cm := mustCol(t, tb, "port_name"), mustCol(t, tb, "year"), mustCol(t, tb, "month")
	cols := map[string]string{
		"trucks": "Trucks", "truck_containers_loaded": "Truck Containers Loaded", "truck_containers_empty": "Truck Containers Empty",
		"personal_vehicles": "Personal Vehicles", "personal_vehicle_passengers": "Personal Vehicle Passengers",
		"pedestrians": "Pedestrians", "buses": "Buses",
	}
	seen := map[[3]string]bool{}
	for _, r := range tb.Rows {
		if r[cy] != "2023" && r[cy] != "2024" {
			continue
		}
		m, err := strconv.Atoi(r[cm])
		if err != nil || m < 1 || m > 12 {
			t.Fatalf("bad month %q", r[cm])
		}
		for col, measure := range cols {
			k := [3]string{r[cn], measure, months[m-1] + " " + r[cy]}
			want, ok := c[k]
			seen[k] = ok
			s := r[mustCol(t, tb, col)]
			if !ok && s != "" || ok && num(t, s) != want {
				t.Errorf("%v: monthly %q, BTS %v (present %v)", k, s, want, ok)
			}
		}
	}
	for k := range c {
		for _, measure := range cols {
			if k[1] == measure && !seen[k] {
				t.Errorf("BTS row %v is not in the monthly file", k)
			}
		}
	}
}

// The calibration facts that cite a file of this folder have the value
// that file gives.
func TestFactsFromFiles(t *testing.T) {
	facts := mustRead(t, "calibration_facts.csv")
	cm, cv, cp, cper := mustCol(t, facts, "metric"), mustCol(t, facts, "value"), mustCol(t, facts, "url_or_repo_path"), mustCol(t, facts, "period")
	c := btsCounts(t)
	border := func(measure string) float64 {
		s := 0.0
		for k, v := range c {
			if k[1] == measure && strings.HasSuffix(k[2], " 2024") {
				s += v
			}
		}
		return s
	}
	bts := map[string]float64{
		"US-Mexico incoming trucks, all ports":            border("Trucks"),
		"US-Mexico incoming personal vehicles, all ports": border("Personal Vehicles"),
		"Laredo trucks":                yearSum(c, "Laredo", "Trucks", "2024"),
		"Eagle Pass trucks":            yearSum(c, "Eagle Pass", "Trucks", "2024"),
		"Roma trucks":                  yearSum(c, "Roma", "Trucks", "2024"),
		"Laredo personal vehicles":     yearSum(c, "Laredo", "Personal Vehicles", "2024"),
		"Eagle Pass personal vehicles": yearSum(c, "Eagle Pass", "Personal Vehicles", "2024"),
		"Roma personal vehicles":       yearSum(c, "Roma", "Personal Vehicles", "2024"),
	}
	seiz := mustRead(t, "cbp_sw_border_drug_seizures_fy2019_fy2023.csv")
	sy, sd, so, su := mustCol(t, seiz, "fiscal_year"), mustCol(t, seiz, "drug_type"), mustCol(t, seiz, "ofo_ports_lbs"), mustCol(t, seiz, "usbp_between_ports_lbs")
	ofoUSBP := map[string][2]float64{}
	for _, r := range seiz.Rows {
		if r[sy] == "2023" {
			ofoUSBP[r[sd]] = [2]float64{num(t, r[so]), num(t, r[su])}
		}
	}
	checked := 0
	for _, f := range facts.Rows {
		if !strings.HasPrefix(f[cp], "data/") {
			continue
		}
		file := strings.Fields(f[cp])[0][len("data/"):]
		if _, err := files.Open(file); err != nil {
			t.Errorf("fact %q cites %s, not in data/", f[cm], f[cp])
			continue
		}
		if want, ok := bts[f[cm]]; ok {
			checked++
			if got := num(t, f[cv]); got != want || f[cper] != "CY2024" {
				t.Errorf("%s: fact %v (%s), BTS rows %.0f", f[cm], got, f[cper], want)
			}
		}
		if d, ok := strings.CutPrefix(f[cm], "SW border "); ok && strings.HasSuffix(d, " OFO / USBP") {
			drug := strings.ToUpper(d[:1]) + strings.TrimSuffix(d[1:], " seized OFO / USBP")
			drug = strings.TrimSuffix(drug, " OFO / USBP")
			want, ok := ofoUSBP[drug]
			if !ok {
				t.Errorf("%s: no drug %q in the seizure table", f[cm], drug)
				continue
			}
			checked++
			var a, b float64
			parts := strings.SplitN(f[cv], " / ", 2)
			a = num(t, parts[0])
			b = num(t, strings.Fields(parts[1])[0])
			if a != float64(int(want[0]+0.5)) || b != float64(int(want[1]+0.5)) {
				t.Errorf("%s: fact %v / %v, table %.1f / %.1f", f[cm], a, b, want[0], want[1])
			}
		}
	}
	if checked != len(bts)+3 {
		t.Errorf("checked %d facts, want %d", checked, len(bts)+3)
	}
}

// Read and Col name the file and column they could not find.
func TestReadErrors(t *testing.T) {
	if _, err := Read("nothing.csv"); err == nil || !strings.Contains(err.Error(), "nothing.csv") {
		t.Errorf("missing file: %v", err)
	}
	tb := mustRead(t, "southwest_ports_summary.csv")
	if _, err := tb.Cols("port_name", "no_such_column"); err == nil || !strings.Contains(err.Error(), `data/southwest_ports_summary.csv: no column "no_such_column"`) {
		t.Errorf("missing column: %v", err)
	}
	c, err := tb.Cols("trucks", "port_name")
	if err != nil || tb.Header[c[0]] != "trucks" || tb.Header[c[1]] != "port_name" {
		t.Errorf("Cols = %v, %v", c, err)
	}
}

// port_coordinates.csv is the BTS file's Latitude and Longitude per port.
func TestPortCoordinatesFromBTS(t *testing.T) {
	bts := mustRead(t, "Border_Crossing_Entry_Data_US-Mexico.csv")
	name, lat, lon := mustCol(t, bts, "Port Name"), mustCol(t, bts, "Latitude"), mustCol(t, bts, "Longitude")
	want := map[string][2]string{}
	for _, r := range bts.Rows {
		want[r[name]] = [2]string{r[lat], r[lon]}
	}
	pc := mustRead(t, "port_coordinates.csv")
	pn, pla, plo := mustCol(t, pc, "port_name"), mustCol(t, pc, "latitude"), mustCol(t, pc, "longitude")
	if len(pc.Rows) != len(want) {
		t.Errorf("%d ports, BTS has %d", len(pc.Rows), len(want))
	}
	for _, r := range pc.Rows {
		if w, ok := want[r[pn]]; !ok || w != [2]string{r[pla], r[plo]} {
			t.Errorf("%s: %s, %s; BTS %v", r[pn], r[pla], r[plo], w)
		}
	}
}
