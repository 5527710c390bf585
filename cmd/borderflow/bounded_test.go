package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"borderflow/bug"
)

// mainWithin runs the command line and fails the test if it has not
// ended within a minute (the FIFOs below blocked for ever).
func mainWithin(t *testing.T, args ...string) (int, string) {
	t.Helper()
	type result struct {
		code int
		errs string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		a := &app{stdout: &out, stderr: &errb}
		code := a.main(context.Background(), args)
		done <- result{code, errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.errs
	case <-time.After(time.Minute):
		t.Fatalf("%v: still running after a minute", args)
	}
	return 0, ""
}

// Every file the tool reads is read by one rule (package infile): a FIFO
// given as sweep -policies, optimise -budget, merge's manifest.json or
// plot's series.csv blocked for ever, deaf to SIGINT and SIGTERM, and a
// manifest.json or series.csv linked to /dev/zero ran the process out of
// memory ("fatal error: out of memory"). Each is now refused at once,
// exit 2, naming the file.
func TestInputsOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "in.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	// A folder with a FIFO as manifest.json, one with /dev/zero.
	mk := func(name, file, target string, fifo bool) string {
		d := filepath.Join(dir, name)
		os.MkdirAll(d, 0o755)
		p := filepath.Join(d, file)
		if fifo {
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Fatal(err)
			}
		} else if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", fifo}, fifo + ": not a regular file (a FIFO)"},
		{[]string{"sweep", "roma", "-policies", fifo, "-out", filepath.Join(dir, "s")}, fifo + ": not a regular file (a FIFO)"},
		{[]string{"optimise", "roma", "-budget", fifo, "-out", filepath.Join(dir, "o")}, fifo + ": not a regular file (a FIFO)"},
		{[]string{"merge", mk("mf", "manifest.json", "", true), "-out", filepath.Join(dir, "m")}, "manifest.json: not a regular file (a FIFO)"},
		{[]string{"merge", mk("mz", "manifest.json", "/dev/zero", false), "-out", filepath.Join(dir, "m")}, "manifest.json: not a regular file (a character device)"},
		{[]string{"plot", mk("pf", "series.csv", "", true)}, "series.csv: not a regular file (a FIFO)"},
		{[]string{"plot", mk("pz", "series.csv", "/dev/zero", false)}, "series.csv: not a regular file (a character device)"},
	} {
		code, errs := mainWithin(t, c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q", c.args, code, errs)
		}
	}
}

// A panic recovered inside borderflow exited 2, as a usage error does: it
// is the program's fault, not the input's, and now exits 3 with its
// stack, whether it reaches the command line (here, in a stage of run) or
// is recovered by a reader or a chart (bug.Error).
func TestRecoveredPanicExits3(t *testing.T) {
	stageHook = func(s string) {
		if s == "summarize" {
			panic("a test's panic")
		}
	}
	defer func() { stageHook = nil }()
	var stdout, stderr bytes.Buffer
	a := &app{stdout: &stdout, stderr: &stderr}
	code := a.main(context.Background(), []string{"run", "roma", "-horizon", "1d", "-set", "warmup=0s", "-reps", "1", "-quiet", "-no-plots", "-out", filepath.Join(t.TempDir(), "r")})
	if code != exitBug || !strings.Contains(stderr.String(), "internal error in borderflow: a test's panic") || !strings.Contains(stderr.String(), "goroutine") {
		t.Errorf("exit %d, %q", code, stderr.String())
	}
	if code := a.exit(fmt.Errorf("charts: %w", bug.Recovered("chart waits", "no room"))); code != exitBug {
		t.Errorf("a chart's recovered panic: exit %d", code)
	}
}

// A budget's horizon the scenario refuses exited 1 after the search had
// started, blaming the scenario's file: now exit 2 at once, naming the
// budget file and its line.
func TestBudgetHorizonExit2(t *testing.T) {
	dir := t.TempDir()
	for _, h := range []string{"1000000d", "1d"} {
		b := filepath.Join(dir, "b.toml")
		os.WriteFile(b, []byte("horizon = \""+h+"\"\n[[resource]]\nkind = \"booths\"\nclass = \"truck\"\ncost = 1\nmin = 0\nmax = 1\n"), 0o644)
		code, errs := mainWithin(t, "optimise", "eagle-pass", "-budget", b, "-out", filepath.Join(dir, "o"), "-quiet")
		if code != exitUsage || !strings.Contains(errs, b+":1: horizon: ") || strings.Contains(errs, "eagle-pass.toml") {
			t.Errorf("horizon %s: exit %d, %q", h, code, errs)
		}
	}
}
