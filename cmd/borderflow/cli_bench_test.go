package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The command-line benchmarks of `make bench` run the built binary
// (BORDERFLOW_BIN, set by the Makefile) as a child process, so that peak
// memory is the child's own maximum resident set size (getrusage's
// ru_maxrss) and not the test binary's.

// child runs the binary and returns its wall time and peak RSS in MB.
func child(b *testing.B, args ...string) (time.Duration, float64) {
	wall, rss, _ := childCPU(b, args...)
	return wall, rss
}

// childCPU is child with the child's CPU time (user + system) as well.
func childCPU(b *testing.B, args ...string) (time.Duration, float64, time.Duration) {
	b.Helper()
	bin := os.Getenv("BORDERFLOW_BIN")
	if bin == "" {
		b.Skip("BORDERFLOW_BIN not set: run through `make bench`")
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%v: %v", args, err)
	}
	wall := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return wall, float64(ru.Maxrss) / 1024, cpu // Linux reports kilobytes
}

// BenchmarkSouthwestBorderYear: the whole border (28 ports, 84.5 million
// vehicles) for one simulated year, one replication, and the same for one
// week to compare peak memory (it should not grow with the horizon); then
// the same year without the drivers' response (no diversion, no giving up)
// for what the response costs, as a ratio of the two runs' wall and CPU
// times.
func BenchmarkSouthwestBorderYear(b *testing.B) {
	dir := b.TempDir()
	plain := withoutResponse(b, "southwest-border") // honesty_test.go
	for i := 0; i < b.N; i++ {
		year := filepath.Join(dir, fmt.Sprint("year", i))
		wall, rss, cpu := childCPU(b, "run", "southwest-border", "-no-plots", "-quiet", "-out", year)
		week := filepath.Join(dir, fmt.Sprint("week", i))
		_, rssWeek := child(b, "run", "southwest-border", "-horizon", "7d", "-no-plots", "-quiet", "-out", week)
		wallOff, rssOff, cpuOff := childCPU(b, "run", plain, "-no-plots", "-quiet", "-out", filepath.Join(dir, fmt.Sprint("off", i)))
		var sum struct {
			Events uint64 `json:"events"`
			Total  struct {
				Arrivals map[string]float64 `json:"arrivals"`
			} `json:"total"`
		}
		raw, err := os.ReadFile(filepath.Join(year, "summary.json"))
		if err != nil {
			b.Fatal(err)
		}
		if err := json.Unmarshal(raw, &sum); err != nil {
			b.Fatal(err)
		}
		vehicles := 0.0
		for _, n := range sum.Total.Arrivals {
			vehicles += n
		}
		b.ReportMetric(wall.Seconds(), "wall-s")
		b.ReportMetric(cpu.Seconds(), "cpu-s")
		b.ReportMetric(vehicles/wall.Seconds(), "vehicles/s")
		b.ReportMetric(float64(sum.Events)/wall.Seconds(), "events/s")
		b.ReportMetric(rss, "peak-RSS-MB")
		b.ReportMetric(rssWeek, "week-peak-RSS-MB")
		b.ReportMetric(rss/rssWeek, "RSS-year/week")
		b.ReportMetric(wallOff.Seconds(), "no-response-wall-s")
		b.ReportMetric(cpuOff.Seconds(), "no-response-cpu-s")
		b.ReportMetric(rssOff, "no-response-peak-RSS-MB")
		b.ReportMetric(wall.Seconds()/wallOff.Seconds(), "response-on/off-wall")
		b.ReportMetric(cpu.Seconds()/cpuOff.Seconds(), "response-on/off-cpu")
	}
}

// BenchmarkSouthwestBorderYearHourly: the year of the whole border with
// hourly bins (-set bin=1h: 0.6 million rows of series.csv, where the
// shipped scenario has daily ones), charts included: its CPU and wall
// time, and its peak RSS, which must stay within the bound of a run
// (maxRunRSS, memory_test.go) since the series is written as the ports
// close their bins and charted as it is read.
func BenchmarkSouthwestBorderYearHourly(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, fmt.Sprint("hourly", i))
		wall, rss, cpu := childCPU(b, "run", "southwest-border", "-set", "bin=1h", "-quiet", "-out", out)
		b.ReportMetric(wall.Seconds(), "wall-s")
		b.ReportMetric(cpu.Seconds(), "cpu-s")
		b.ReportMetric(rss, "peak-RSS-MB")
		if rss*(1<<20) > maxRunRSS {
			b.Errorf("peak RSS %.1f MB, above the bound of %.0f MB", rss*(1<<20)/1e6, maxRunRSS/1e6)
		}
	}
}

// BenchmarkSweepSpeedup: a policies sweep of eight replications on
// eagle-pass with one worker and with two; the speed-up is their ratio,
// measured in the same run.
func BenchmarkSweepSpeedup(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		var walls [2]time.Duration
		for w := 1; w <= 2; w++ {
			out := filepath.Join(dir, fmt.Sprint("sweep", i, "w", w))
			walls[w-1], _ = child(b, "sweep", "eagle-pass", "-reps", "8", "-horizon", "14d", "-workers", fmt.Sprint(w),
				"-quiet", "-no-plots", "-out", out)
		}
		b.ReportMetric(walls[0].Seconds(), "s-1-worker")
		b.ReportMetric(walls[1].Seconds(), "s-2-workers")
		b.ReportMetric(walls[0].Seconds()/walls[1].Seconds(), "speed-up")
	}
}
