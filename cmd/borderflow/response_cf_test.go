package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"borderflow/numfmt"
	"borderflow/scenario"
)

// run -response-counterfactual sets Operation Intercept beside the same
// seeds without [response]: without it every vehicle waits and Laredo's
// queues grow (unstable); with it Laredo's car queue stays bounded, and
// its truck queue is no longer than without (carriers weigh their own
// costs, fitted to Texas 2022, and accept waits of hours); the chart of the two
// is drawn and listed in index.html, and the files are the same whatever
// the workers. One day of two replications: the queues without the
// response already hold more than a quarter of a day's arrivals.
func TestRunResponseCounterfactual(t *testing.T) {
	dir := t.TempDir()
	args := []string{"run", "operation-intercept", "-horizon", "1d", "-reps", "2", "-response-counterfactual", "-quiet"}
	code, _, stderr := borderflow(t, append(args, "-workers", "1", "-out", filepath.Join(dir, "w1"))...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "w1")
	for _, n := range []string{"response-waits.png", "response-waits.svg", "series-no-response.csv", "response-counterfactual.csv"} {
		if st, err := os.Stat(filepath.Join(out, n)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", n, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); !bytes.Contains(b, []byte(`<img src="response-waits.svg"`)) ||
		!bytes.Contains(b, []byte(`href="response-counterfactual.csv"`)) {
		t.Error("index.html does not show the response-waits chart or link its table")
	}
	rows, col := readCSVFile(t, filepath.Join(out, "response-counterfactual.csv"))
	if len(rows) < 3 {
		t.Fatalf("response-counterfactual.csv: %d rows", len(rows))
	}
	get := func(r []string, c string) float64 {
		i, ok := col[c]
		if !ok {
			t.Fatalf("response-counterfactual.csv has no column %s", c)
		}
		x, err := strconv.ParseFloat(r[i], 64)
		if err != nil {
			t.Fatalf("%s %s: %q", r[0], c, r[i])
		}
		return x
	}
	found := 0
	for _, r := range rows[1:] {
		if r[0] != "Laredo" {
			continue
		}
		found++
		if r[1] == "truck" {
			if with, without := get(r, "wait_mean_min_with"), get(r, "wait_mean_min_without"); with > without {
				t.Errorf("Laredo truck: mean wait %.0f min with the response, %.0f without: a response never lengthens it", with, without)
			}
			continue
		}
		with, without := get(r, "wait_mean_min_with"), get(r, "wait_mean_min_without")
		if !(without > 1.5*with) || get(r, "wait_mean_min_diff_hi") >= 0 {
			t.Errorf("Laredo %s: mean wait %.0f min with the response, %.0f without (difference up to %g): want it longer without, the interval below 0",
				r[1], with, without, get(r, "wait_mean_min_diff_hi"))
		}
		if get(r, "wait_p95_min_without") <= get(r, "wait_p95_min_with") || get(r, "queue_length_mean_without") <= 2*get(r, "queue_length_mean_with") {
			t.Errorf("Laredo %s: p95 %g/%g, queue %g/%g with/without", r[1], get(r, "wait_p95_min_with"), get(r, "wait_p95_min_without"),
				get(r, "queue_length_mean_with"), get(r, "queue_length_mean_without"))
		}
		if r[col["unstable_with"]] != "false" || r[col["unstable_without"]] != "true" {
			t.Errorf("Laredo %s: unstable with %s, without %s: want bounded with the response and growing without", r[1],
				r[col["unstable_with"]], r[col["unstable_without"]])
		}
	}
	if found != 2 {
		t.Errorf("%d Laredo rows, want car and truck", found)
	}
	m := readSummary(t, out)
	rc, ok := m["response_counterfactual"].(map[string]any)
	if !ok {
		t.Fatal("summary.json has no response_counterfactual")
	}
	if with, without := rc["unstable_lanes_with_response"].(float64), rc["unstable_lanes_without_response"].(float64); without < 10 || with >= without {
		t.Errorf("summary.json response_counterfactual: %g unstable lanes with the response, %g without: want most of the 16 without, fewer with", with, without)
	}
	// The same bytes with two workers.
	if code, _, stderr := borderflow(t, append(args, "-workers", "2", "-no-plots", "-out", filepath.Join(dir, "w2"))...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, n := range []string{"series-no-response.csv", "response-counterfactual.csv"} {
		a, _ := os.ReadFile(filepath.Join(out, n))
		b, _ := os.ReadFile(filepath.Join(dir, "w2", n))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between -workers 1 and 2", n)
		}
	}
}

// readCSVFile reads a CSV file whole: its rows (the header first) and the
// index of each column by name.
func readCSVFile(t *testing.T, path string) ([][]string, map[string]int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %d rows, %v", path, len(rows), err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	return rows, col
}

// Without the flag nothing of it is written; on a scenario without
// [response] the flag is refused before simulating (exit 2).
func TestRunResponseCounterfactualOptIn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ep")
	if code, _, stderr := borderflow(t, "run", "eagle-pass", "-horizon", "2d", "-no-plots", "-quiet", "-out", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, n := range []string{"series-no-response.csv", "response-counterfactual.csv"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s written without -response-counterfactual", n)
		}
	}
	if _, ok := readSummary(t, dir)["response_counterfactual"]; ok {
		t.Error("summary.json has response_counterfactual without the flag")
	}
	code, _, stderr := borderflow(t, "run", "mmc", "-response-counterfactual", "-quiet", "-out", filepath.Join(t.TempDir(), "m"))
	if code != exitUsage || !bytes.Contains([]byte(stderr), []byte("no [response]")) {
		t.Errorf("mmc -response-counterfactual: exit %d, %s", code, stderr)
	}
}

// docs/SCENARIOS.md's figures for Operation Intercept with and without
// the response are what the run gives today (its 20 days, one
// replication, seed 1: about 3 s).
func TestResponseCounterfactualDocFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("20 days of Operation Intercept twice; skipped with -short")
	}
	out := filepath.Join(t.TempDir(), "oi")
	if code, _, stderr := borderflow(t, "run", "operation-intercept", "-response-counterfactual", "-no-plots", "-quiet", "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rc := readSummary(t, out)["response_counterfactual"].(map[string]any)
	var laredo map[string]any
	for _, l := range rc["lanes"].([]any) {
		if m := l.(map[string]any); m["port"] == "Laredo" && m["class"] == "car" {
			laredo = m
		}
	}
	if laredo == nil {
		t.Fatal("no Laredo car lane")
	}
	mean := func(q, side string) float64 {
		return laredo[q].(map[string]any)[side].(map[string]any)["mean"].(float64)
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "SCENARIOS.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(doc)), " ")
	without := rc["unstable_lanes_without_response"].(float64)
	with := rc["unstable_lanes_with_response"].(float64)
	withWord := "none"
	if with > 0 {
		withWord = numfmt.Grouped(with)
	}
	for _, want := range []string{
		fmt.Sprintf("mean car wait at Laredo is %.1f h", mean("wait_mean_min", "with_response")/60),
		fmt.Sprintf("its queue holds about %.0f cars", math.Round(mean("queue_length_mean", "with_response")/5)*5),
		fmt.Sprintf("limit (%s cars)", numfmt.Grouped(mean("inside_at_end", "without_response"))),
		fmt.Sprintf("reach a booth is %.0f h", mean("wait_mean_min", "without_response")/60),
		fmt.Sprintf("%.0f of the 16 lanes are unstable without the response, %s with it", without, withWord),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("docs/SCENARIOS.md does not say %q", want)
		}
	}
	// The response is what keeps the border's lanes from filling up: with
	// it no lane reaches its population limit (the overload rule's level
	// is another matter: a truck queue a day long is a day of arrivals
	// inside), and no lane's trucks wait on average longer than the
	// longest queue a carrier joins (max_wait): carriers put off, divert or
	// give up instead, while without the response Laredo's trucks wait
	// days.
	sc, err := scenario.Embedded("operation-intercept")
	if err != nil {
		t.Fatal(err)
	}
	maxWait := 0.0
	for c, cls := range sc.Classes {
		if cls.Name == "truck" {
			maxWait = sc.Response.Classes[c].MaxWait
		}
	}
	if maxWait <= 0 {
		t.Fatal("operation-intercept's trucks have no max_wait")
	}
	for _, l := range rc["lanes"].([]any) {
		m := l.(map[string]any)
		if m["class"] != "truck" {
			continue
		}
		w := m["wait_mean_min"].(map[string]any)["with_response"].(map[string]any)["mean"].(float64)
		if w*60 > maxWait {
			t.Errorf("%s trucks wait %.0f min with the response, longer than max_wait (%.0f min)", m["port"], w, maxWait/60)
		}
		if m["port"] == "Laredo" {
			if wo := m["wait_mean_min"].(map[string]any)["without_response"].(map[string]any)["mean"].(float64); wo*60 < 2*maxWait {
				t.Errorf("Laredo trucks wait %.0f min without the response: want far beyond max_wait", wo)
			}
		}
	}
	for port, classes := range readSummary(t, out)["response"].(map[string]any)["ports"].(map[string]any) {
		for class, x := range classes.(map[string]any) {
			if r, _ := x.(map[string]any)["refused_population_limit"].(float64); r > 0 {
				t.Errorf("%s %s refuses %v vehicles at the population limit with the response", port, class, r)
			}
		}
	}
}
