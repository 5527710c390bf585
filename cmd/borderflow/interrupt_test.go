package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// firstWrite is a goroutine-safe writer that closes wrote on the first
// write starting with "\r" (a progress line): the simulation is running.
type firstWrite struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	once  sync.Once
	wrote chan struct{}
}

func (w *firstWrite) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if bytes.HasPrefix(p, []byte("\r")) {
		w.once.Do(func() { close(w.wrote) })
	}
	return w.buf.Write(p)
}

func (w *firstWrite) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// Ctrl-C during a run: the simulation stops where it is (the run never
// reaches its "summarize" stage), says so in one line, exits 1, and the
// earlier output folder is exactly as it was (even with -force); no
// temporary folder is left behind. The interrupt comes once the progress
// line shows that the year of southwest-border is being simulated (a
// terminal is pretended so that progress is printed), not after a sleep.
func TestRunInterrupted(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "sw")
	os.Mkdir(out, 0o755)
	os.WriteFile(filepath.Join(out, "summary.json"), []byte("earlier run"), 0o644)
	markFolder(out)

	var mu sync.Mutex
	var stages []string
	stageHook = func(s string) {
		mu.Lock()
		stages = append(stages, s)
		mu.Unlock()
	}
	t.Cleanup(func() { stageHook = nil })

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout bytes.Buffer
	stderr := &firstWrite{wrote: make(chan struct{})}
	a := &app{stdout: &stdout, stderr: stderr, tty: true}
	done := make(chan int)
	go func() { done <- a.main(ctx, []string{"run", "southwest-border", "-no-plots", "-force", "-out", out}) }()
	var code int
	select {
	case <-stderr.wrote:
		cancel()
		code = <-done
	case code = <-done:
		t.Fatalf("the run ended (exit %d) before it printed progress: %q", code, stderr.String())
	}
	mu.Lock()
	reached := strings.Join(stages, ",")
	mu.Unlock()
	if reached != "simulate" {
		t.Errorf("stages reached %q, want only simulate: the stop was not honoured inside the simulation", reached)
	}
	msg := stderr.String()
	if i := strings.LastIndex(msg, "\r"); i >= 0 {
		msg = msg[i+1:] // after the progress line and its clearing
	}
	if code != exitFailure || !strings.Contains(msg, "interrupted") || strings.Count(msg, "\n") != 1 {
		t.Errorf("exit %d, stderr after progress %q", code, msg)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "summary.json")); string(b) != "earlier run" {
		t.Error("the earlier output was touched")
	}
	entries, _ := os.ReadDir(base)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestHelperProcess is not a test: run as a child by the signal tests, it
// is borderflow with a real SIGINT/SIGTERM context (as in main) whose
// stage hook prints each stage and, at the stage named in
// BORDERFLOW_BLOCK_AT, waits for the signal before going on: the parent
// sends it exactly there, with no sleep.
func TestHelperProcess(t *testing.T) {
	at := os.Getenv("BORDERFLOW_BLOCK_AT")
	if at == "" {
		t.Skip("run by the signal tests")
	}
	ctx, stop := signalContext()
	defer stop()
	stageHook = func(s string) {
		fmt.Printf("stage %s\n", s)
		if s == at {
			<-ctx.Done()
		}
	}
	a := &app{stdout: io.Discard, stderr: os.Stderr}
	args := os.Args
	for i, x := range args {
		if x == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(a.main(ctx, args))
}

// helper starts the child borderflow with args, waits until it reports
// stage at, sends sig and returns its exit code and standard error.
func helper(t *testing.T, at string, sig os.Signal, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "BORDERFLOW_BLOCK_AT="+at)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(pipe)
	reached := false
	for sc.Scan() {
		if sc.Text() == "stage "+at {
			reached = true
			cmd.Process.Signal(sig)
			break
		}
	}
	io.Copy(io.Discard, pipe)
	err = cmd.Wait()
	if !reached {
		t.Fatalf("stage %s never reached: %v, %s", at, err, stderr.String())
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// earlierFolder makes out an earlier run's folder.
func earlierFolder(t *testing.T, out string) {
	t.Helper()
	os.RemoveAll(out)
	os.Mkdir(out, 0o755)
	os.WriteFile(filepath.Join(out, "summary.json"), []byte("earlier run"), 0o644)
	markFolder(out)
}

// An interrupt at any stage before the final rename — simulating,
// summarising, drawing charts, writing, just before the rename — leaves
// the earlier folder untouched and exits 1; after the rename the run is
// complete and exits 0. (Drawing and writing ignored the signal: exit 0
// and the old folder replaced.) The context is cancelled as the stage
// begins, so the stage runs with the interrupt received; the same for a
// sweep's and a merge's stages.
func TestInterruptAtEveryStage(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "ep")
	run := func(at string, args ...string) (int, string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		stageHook = func(s string) {
			if s == at {
				cancel()
			}
		}
		defer func() { stageHook = nil }()
		var stdout, stderr bytes.Buffer
		a := &app{stdout: &stdout, stderr: &stderr}
		return a.main(ctx, args), stderr.String()
	}
	for _, at := range []string{"simulate", "summarize", "charts", "write", "rename", "done"} {
		earlierFolder(t, out)
		code, stderr := run(at, "run", "-horizon", "2d", "-quiet", "-no-plots", "-force", "-out", out)
		b, _ := os.ReadFile(filepath.Join(out, "summary.json"))
		if at == "done" {
			if code != 0 || string(b) == "earlier run" {
				t.Errorf("interrupt after the rename: exit %d, %s; summary replaced: %v", code, stderr, string(b) != "earlier run")
			}
		} else if code != exitFailure || !strings.Contains(stderr, "interrupted") || string(b) != "earlier run" {
			t.Errorf("run interrupted at %s: exit %d, %q; earlier folder untouched: %v", at, code, stderr, string(b) == "earlier run")
		}
		if ents, _ := os.ReadDir(base); len(ents) != 1 {
			t.Errorf("%s: left behind %v", at, ents)
		}
	}
	sweepOut := filepath.Join(base, "sw")
	sweep := []string{"sweep", "roma", "-reps", "2", "-horizon", "2d", "-quiet", "-no-plots", "-out", sweepOut}
	for _, at := range []string{"summarize", "charts", "write", "rename"} {
		code, stderr := run(at, sweep...)
		if _, err := os.Stat(sweepOut); code != exitFailure || !strings.Contains(stderr, "all 14 pairs finished and kept") || err == nil {
			t.Errorf("sweep interrupted at %s: exit %d, %q, output written: %v", at, code, stderr, err == nil)
		}
		sweep = append(sweep, "-resume")
	}
	mustSweep(t, sweep...)
	for _, at := range []string{"charts", "write", "rename"} {
		code, stderr := run(at, "merge", sweepOut, "-out", filepath.Join(base, "m"), "-no-plots")
		if _, err := os.Stat(filepath.Join(base, "m")); code != exitFailure || !strings.Contains(stderr, "interrupted") || err == nil {
			t.Errorf("merge interrupted at %s: exit %d, %q, output written: %v", at, code, stderr, err == nil)
		}
	}
}

// Real SIGINT and SIGTERM, sent to a child borderflow exactly as it
// begins drawing its charts, as it is about to rename its folder into
// place, and after: the earlier folder is untouched and the exit 1, then
// the run is complete and the exit 0.
func TestSignalAtEveryStage(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "ep")
	for _, tc := range []struct {
		at   string
		sig  os.Signal
		code int
	}{
		{"charts", os.Interrupt, exitFailure},
		{"rename", syscall.SIGTERM, exitFailure},
		{"done", os.Interrupt, 0},
	} {
		earlierFolder(t, out)
		args := []string{"run", "-horizon", "2d", "-quiet", "-force", "-out", out}
		if tc.at != "charts" || testing.Short() {
			// Charts are slow under the race detector (make test runs it
			// with -short): there the charts stage is reached without
			// drawing, in full runs the signal comes as drawing begins.
			args = append(args, "-no-plots")
		}
		code, stderr := helper(t, tc.at, tc.sig, args...)
		b, _ := os.ReadFile(filepath.Join(out, "summary.json"))
		if code != tc.code || (string(b) == "earlier run") != (tc.code != 0) {
			t.Errorf("%v at %s: exit %d, %q; earlier folder untouched: %v", tc.sig, tc.at, code, stderr, string(b) == "earlier run")
		}
		if ents, _ := os.ReadDir(base); len(ents) != 1 {
			t.Errorf("%s: left behind %v", tc.at, ents)
		}
	}
}

// A run killed (SIGKILL: no chance to clean up) while writing leaves its
// temporaries beside the output; the next run into the same folder
// removes them, and the earlier folder is as it was until then.
func TestKilledRunCleanedUp(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "ep")
	args := []string{"run", "-horizon", "2d", "-quiet", "-no-plots", "-force", "-out", out}
	mustRun := func() {
		t.Helper()
		if code, _, stderr := borderflow(t, args...); code != 0 {
			t.Fatalf("run: exit %d, %s", code, stderr)
		}
	}
	mustRun()
	before, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	// Killed again and again: each run removes the last one's leftovers,
	// so they never pile up (five SIGKILLs left 129 MB).
	for i := 0; i < 3; i++ {
		if code, _ := helper(t, "rename", os.Kill, args...); code != -1 {
			t.Fatalf("killed run: exit %d", code)
		}
		if ents, _ := os.ReadDir(base); len(ents) != 3 { // ep, the lock file and its .d folder
			t.Fatalf("after kill %d: %v", i+1, ents)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "summary.json")); string(b) != string(before) {
		t.Error("a killed run changed the earlier folder")
	}
	mustRun()
	if ents, _ := os.ReadDir(base); len(ents) != 1 {
		t.Errorf("the next run left the dead runs' temporaries: %v", ents)
	}
}
