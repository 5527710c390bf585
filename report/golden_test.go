package report_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"borderflow/border"
	"borderflow/report"
	"borderflow/scenario"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current code")

// TestGoldenOutputs is a change detector: ports.csv and series.csv of
// eagle-pass, mmc and roma, one replication 3 days after the warm-up, must
// be the bytes of testdata/golden. It fails on any change of those
// outputs, intended or not; an intended one is recorded with
//
//	go test ./report -run TestGoldenOutputs -update
//
// and the commit says why the outputs moved (git log testdata/golden has
// the history). The three scenarios have no trusted-traveller parts, so
// the files also show that a scenario which does not mention a feature is
// not changed by it.
func TestGoldenOutputs(t *testing.T) {
	for _, name := range []string{"eagle-pass", "mmc", "roma"} {
		sc, err := scenario.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range sc.Ports {
			for _, l := range p.Lanes {
				if len(l.Trusted) > 0 {
					t.Fatalf("%s has trusted parts: choose a scenario without them", name)
				}
			}
		}
		sc.Horizon = 3 * scenario.Day
		r, err := border.Run(sc, 0, border.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sum := report.Summarize(sc, []*border.Result{r})
		var ports, series bytes.Buffer
		if err := sum.PortsCSV(&ports); err != nil {
			t.Fatal(err)
		}
		if err := report.SeriesCSV(&series, sc, []*border.Result{r}); err != nil {
			t.Fatal(err)
		}
		for file, got := range map[string][]byte{name + ".ports.csv": ports.Bytes(), name + ".series.csv": series.Bytes()} {
			path := filepath.Join("testdata", "golden", file)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./report -run TestGoldenOutputs -update writes it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s at %s (an intended change: -update, and say why in the commit)", file, path, firstDiff(got, want))
			}
		}
	}
}

// firstDiff says where got and want part: the line and both versions of it.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n  got  %s\n  want %s", i+1, gl, wl)
		}
	}
	return "the end"
}
