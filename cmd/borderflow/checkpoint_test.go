package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A checkpoint's waits are in every output of a run: the terminal table
// (its checkpoint table, in hours), summary.json (a port's checkpoint, by
// class: mean, p95, max), ports.csv and series.csv (the checkpoint
// columns) and index.html (its Checkpoints table), each the same figure.
// Four days of texas-dps-2022: the DPS checkpoints open on the third.
func TestRunShowsCheckpointWaits(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tx")
	code, out, stderr := borderflow(t, "run", "texas-dps-2022", "-horizon", "4d", "-out", dir, "-quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	m := readSummary(t, dir)
	var ck map[string]any
	for _, p := range m["ports"].([]any) {
		if p := p.(map[string]any); p["name"] == "Hidalgo" {
			c, _ := p["checkpoint"].(map[string]any)
			ck, _ = c["truck"].(map[string]any)
		}
	}
	if ck == nil {
		t.Fatal("summary.json: Hidalgo has no checkpoint.truck")
	}
	w := ck["wait_minutes"].(map[string]any)
	mean, p95, max := w["mean"].(float64), w["p95"].(float64), w["max"].(float64)
	if !(mean > 60 && p95 >= mean && max >= p95) {
		t.Errorf("Hidalgo's checkpoint waits: mean %v, p95 %v, max %v minutes", mean, p95, max)
	}
	hours := fmt.Sprintf("%.1f", mean/60)

	// The table: a row for Hidalgo's trucks with the mean in hours.
	i := strings.Index(out, "\ncheckpoints (")
	if i < 0 {
		t.Fatalf("the table has no checkpoint table:\n%s", out)
	}
	found := false
	for _, line := range strings.Split(out[i:], "\n") {
		if f := strings.Fields(line); len(f) > 3 && f[0] == "Hidalgo" && f[1] == "truck" {
			found = f[3] == hours
		}
	}
	if !found {
		t.Errorf("the checkpoint table has no Hidalgo truck row with a mean wait of %s h:\n%s", hours, out[i:])
	}

	// series.csv: Hidalgo's trucks have hours with checkpoint waits.
	rows := readCSV(t, filepath.Join(dir, "series.csv"))
	col := map[string]int{}
	for j, h := range rows[0] {
		col[h] = j
	}
	waited := 0
	for _, r := range rows[1:] {
		if r[col["port"]] == "Hidalgo" && r[col["class"]] == "truck" && r[col["checkpoint_wait_mean_min"]] != "" {
			if x, err := strconv.ParseFloat(r[col["checkpoint_wait_mean_min"]], 64); err == nil && x > 0 {
				waited++
			}
		}
	}
	if waited < 24 {
		t.Errorf("series.csv: %d hours of Hidalgo truck checkpoint waits, want a day's at least", waited)
	}

	// ports.csv: the same mean.
	rows = readCSV(t, filepath.Join(dir, "ports.csv"))
	col = map[string]int{}
	for j, h := range rows[0] {
		col[h] = j
	}
	j, ok := col["checkpoint_wait_mean_min"]
	if !ok {
		t.Fatalf("ports.csv has no checkpoint_wait_mean_min: %v", rows[0])
	}
	for _, r := range rows[1:] {
		if r[0] == "Hidalgo" && r[col["class"]] == "truck" {
			if x, _ := strconv.ParseFloat(r[j], 64); x != mean {
				t.Errorf("ports.csv: Hidalgo truck checkpoint wait %v, summary.json %v", r[j], mean)
			}
		}
	}

	// index.html: the Checkpoints table's row for Hidalgo's trucks.
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	k := strings.Index(s, "<table class=\"checkpoints\">")
	if k < 0 {
		t.Fatal("index.html has no checkpoints table")
	}
	row := s[k:]
	row = row[strings.Index(row, "data-port=\"Hidalgo\" data-class=\"truck\""):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, "<td>"+hours+"</td>") {
		t.Errorf("index.html's Hidalgo truck checkpoint row lacks the mean %s h: %s", hours, row)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
