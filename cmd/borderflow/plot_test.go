package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"borderflow/plots"
)

// readDir reads every file of dir by name.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// A run draws its charts; "plot DIR" redraws them from the run's files to
// the same bytes, replacing each file and leaving no temporary behind.
func TestPlotRedrawsARun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	code, _, stderr := borderflow(t, "run", "-horizon", "2d", "-out", dir, "-quiet")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	before := readDir(t, dir)
	for _, n := range []string{"throughput.png", "throughput.svg", "waits.png", "secondary.png", "seizures.png",
		"interdiction.png", "index.html"} {
		if _, ok := before[n]; !ok {
			t.Errorf("run wrote no %s", n)
		}
	}
	// Spoil the charts: plot must replace them.
	for n := range before {
		if strings.HasSuffix(n, ".png") || strings.HasSuffix(n, ".svg") || n == "index.html" {
			if err := os.WriteFile(filepath.Join(dir, n), []byte("stale"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	code, out, stderr := borderflow(t, "plot", dir)
	if code != 0 {
		t.Fatalf("plot: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "throughput.png") {
		t.Errorf("plot output %q does not list the charts", out)
	}
	after := readDir(t, dir)
	if len(after) != len(before) {
		t.Errorf("%d files after plot, %d before (a temporary left behind?)", len(after), len(before))
	}
	for n, b := range before {
		if !bytes.Equal(after[n], b) {
			t.Errorf("%s: plot drew different bytes from run", n)
		}
	}
}

// "plot DIR" on a folder of run files writes exactly what plots.Draw
// returns for them. (Only the files of the contraband and route charts:
// rendering is slow under the race detector, and the run test above
// covers the time charts.)
func TestPlotMatchesDraw(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "plots", "testdata", "run")
	in := map[string][]byte{}
	for _, n := range []string{"summary.json", "drugs.csv", "routes.csv"} {
		b, err := os.ReadFile(filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		in[n] = b
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	markFolder(dir) // a folder borderflow wrote: plot writes only into one
	want, err := plots.Draw(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"seizures.png", "interdiction.svg", "routes.png", "index.html"} {
		if _, ok := want[n]; !ok {
			t.Errorf("plots.Draw drew no %s from testdata/run", n)
		}
	}
	code, _, stderr := borderflow(t, "plot", "-quiet", dir)
	if code != 0 {
		t.Fatalf("plot: exit %d: %s", code, stderr)
	}
	got := readDir(t, dir)
	for n, b := range want {
		if !bytes.Equal(got[n], b) {
			t.Errorf("%s differs from plots.Draw's", n)
		}
	}
	if len(got) != len(in)+len(want)+1 {
		t.Errorf("%d files, want %d inputs + %d charts + the marker", len(got), len(in), len(want))
	}
}

// A sweep's folder (policies.csv, no hourly.csv) gets the sweep's charts.
func TestPlotSweepFolder(t *testing.T) {
	dir := t.TempDir()
	pol := "policy,kg_seized,kg_seized_lo,kg_seized_hi,delay_cost_usd,delay_cost_usd_lo,delay_cost_usd_hi\n" +
		"baseline,100,90,110,1000,900,1100\nimage-all-trucks,150,140,160,5000,4000,6000\n"
	if err := os.WriteFile(filepath.Join(dir, "policies.csv"), []byte(pol), 0o644); err != nil {
		t.Fatal(err)
	}
	markFolder(dir)
	code, _, stderr := borderflow(t, "plot", dir, "-quiet")
	if code != 0 {
		t.Fatalf("plot: exit %d: %s", code, stderr)
	}
	got := readDir(t, dir)
	var names []string
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	if strings.Join(names, ",") != ".borderflow-output,frontier.png,frontier.svg,index.html,policies.csv" {
		t.Errorf("files %v", names)
	}
}

func TestPlotUsageErrors(t *testing.T) {
	empty := t.TempDir()
	for _, args := range [][]string{
		{"plot"},
		{"plot", empty, empty},
		{"plot", filepath.Join(empty, "missing")},
		{"plot", empty}, // no run files
	} {
		if code, _, stderr := borderflow(t, args...); code != exitUsage || stderr == "" {
			t.Errorf("%v: exit %d (%q), want %d with a message", args, code, stderr, exitUsage)
		}
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "hourly.csv"), []byte("hour,port,class,arrivals\n0,A,truck,many\n"), 0o644)
	if code, _, stderr := borderflow(t, "plot", bad); code != exitUsage || !strings.Contains(stderr, "hourly.csv:2") {
		t.Errorf("bad hourly.csv: exit %d, %q", code, stderr)
	}
}

// "plot DIR" reads series.csv, and still an old folder's hourly.csv.
func TestPlotReadsSeriesAndOldHourly(t *testing.T) {
	for _, c := range []struct{ src, file string }{{"run", "series.csv"}, {"oldrun", "hourly.csv"}} {
		dir := t.TempDir()
		b, err := os.ReadFile(filepath.Join("..", "..", "plots", "testdata", c.src, c.file))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, c.file), b, 0o644); err != nil {
			t.Fatal(err)
		}
		markFolder(dir)
		if code, _, stderr := borderflow(t, "plot", "-quiet", dir); code != 0 {
			t.Fatalf("plot %s: exit %d: %s", c.file, code, stderr)
		}
		got := readDir(t, dir)
		for _, n := range []string{"throughput.svg", "waits.svg", "secondary.svg", "index.html"} {
			if _, ok := got[n]; !ok {
				t.Errorf("plot of a folder with %s drew no %s", c.file, n)
			}
		}
		if !bytes.Contains(got["index.html"], []byte(`href="`+c.file+`"`)) {
			t.Errorf("index.html does not link %s", c.file)
		}
	}
}

// plot DIR wrote index.html and the charts into any folder with a
// summary.json, over the user's own index.html or waits.png. It now
// writes only into a folder borderflow made, over files its marker
// lists, or (-out) into a new folder.
func TestPlotOnlyIntoOurFolders(t *testing.T) {
	base := t.TempDir()
	run := filepath.Join(base, "run")
	if code, _, stderr := borderflow(t, "run", "roma", "-horizon", "2d", "-reps", "1", "-no-plots", "-quiet", "-out", run); code != 0 {
		t.Fatal(stderr)
	}
	// The user's own folder, with a run's files copied in, no marker.
	mine := filepath.Join(base, "mine")
	os.Mkdir(mine, 0o755)
	for _, n := range []string{"summary.json", "series.csv", "ports.csv"} {
		b, _ := os.ReadFile(filepath.Join(run, n))
		os.WriteFile(filepath.Join(mine, n), b, 0o644)
	}
	os.WriteFile(filepath.Join(mine, "index.html"), []byte("my page"), 0o644)
	code, _, stderr := borderflow(t, "plot", mine, "-quiet")
	if code != exitUsage || !strings.Contains(stderr, "was not written by borderflow") {
		t.Errorf("plot into the user's folder: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(mine, "index.html")); string(b) != "my page" {
		t.Error("the user's index.html was overwritten")
	}
	// The same, drawn into a new folder.
	fresh := filepath.Join(base, "fresh")
	if code, _, stderr := borderflow(t, "plot", mine, "-out", fresh, "-quiet"); code != 0 {
		t.Fatalf("plot -out: exit %d, %s", code, stderr)
	}
	for _, n := range []string{"index.html", "waits.png", "summary.json", markerName} {
		if _, err := os.Stat(filepath.Join(fresh, n)); err != nil {
			t.Errorf("plot -out wrote no %s", n)
		}
	}
	// borderflow's folder with the user's waits.png beside its files.
	os.WriteFile(filepath.Join(run, "waits.png"), []byte("my chart"), 0o644)
	code, _, stderr = borderflow(t, "plot", run, "-quiet")
	if code != exitUsage || !strings.Contains(stderr, "holds waits.png, which borderflow did not write there") {
		t.Errorf("plot over the user's waits.png: exit %d, %q", code, stderr)
	}
	os.Remove(filepath.Join(run, "waits.png"))
	// Without it, plot draws, and lists its charts in the marker: -force
	// then replaces the folder.
	if code, _, stderr := borderflow(t, "plot", run, "-quiet"); code != 0 {
		t.Fatalf("plot: exit %d, %s", code, stderr)
	}
	if code, _, stderr := borderflow(t, "run", "roma", "-horizon", "2d", "-reps", "1", "-no-plots", "-quiet", "-force", "-out", run); code != 0 {
		t.Errorf("-force after plot: exit %d, %s", code, stderr)
	}
}
