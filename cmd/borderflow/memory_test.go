package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// maxRunRSS bounds the peak resident memory of a run, whatever its
// horizon and bins: the time series is written as the ports close their
// bins and charted as it is read, so nothing a run holds grows with the
// horizon.
const maxRunRSS = 100e6

// Two long runs, each in a child process whose peak resident set size the
// kernel reports (getrusage's ru_maxrss: the process's own memory, not a
// soft limit the runtime aims at): a year of slowdown-1985 by the hour,
// charts included (a 45 MB series.csv, read back for the charts), and ten
// years of eagle-pass by the hour. Both stay within maxRunRSS; before the
// series was streamed they took 285 and 157 MB. The series files are
// checked to be as long as their horizon says, so the bound is not met by
// writing less.
func TestRunMemoryFlatInHorizon(t *testing.T) {
	if testing.Short() {
		t.Skip("a year of slowdown-1985 and ten years of eagle-pass by the hour: not under -short")
	}
	dir := t.TempDir()
	for _, c := range []struct {
		name   string
		args   []string
		rows   int // series.csv's rows: lanes × bins
		charts bool
	}{
		{"slowdown-1985", []string{"-horizon", "365d"}, 48 * 365 * 24, true},
		{"eagle-pass", []string{"-horizon", "3650d", "-set", "bin=1h", "-no-plots"}, 2 * 3650 * 24, false},
	} {
		out := filepath.Join(dir, c.name)
		args := append(append([]string{"-test.run=^TestHelperProcess$", "--", "run", c.name}, c.args...), "-quiet", "-out", out)
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "BORDERFLOW_BLOCK_AT=never") // TestHelperProcess: borderflow itself
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s %v: %v\n%s", c.name, c.args, err, stderr.String())
		}
		rss := float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) * 1024 // Linux reports kilobytes
		series, err := os.ReadFile(filepath.Join(out, "series.csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows := bytes.Count(series, []byte("\n")) - 1
		_, err = os.Stat(filepath.Join(out, "throughput.png"))
		t.Logf("%s %v: peak RSS %.1f MB, series.csv %.1f MB (%d rows)", c.name, c.args, rss/1e6, float64(len(series))/1e6, rows)
		if rows < c.rows {
			t.Errorf("%s: series.csv has %d rows, want at least %d", c.name, rows, c.rows)
		}
		if c.charts && err != nil {
			t.Errorf("%s: no charts: %v", c.name, err)
		}
		if rss > maxRunRSS {
			t.Errorf("%s %v: peak RSS %.1f MB, at most %.0f MB", c.name, c.args, rss/1e6, maxRunRSS/1e6)
		}
	}
}
