package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestPipeHelperProcess is not a test: run as a child by TestSweepIntoClosedPipe,
// it is borderflow with main's signal context and its real standard output.
// After the first finished pair it writes lines to standard output until
// the write fails, which it does only once the reader has gone: the
// sweep's reader closes the pipe while the sweep is running, with no sleep.
func TestPipeHelperProcess(t *testing.T) {
	if os.Getenv("BORDERFLOW_PIPE_HELPER") == "" {
		t.Skip("run by TestSweepIntoClosedPipe")
	}
	ctx, stop := signalContext()
	defer stop()
	sweepAfterRecord = func(done int) {
		if done != 1 {
			return
		}
		for {
			if _, err := os.Stdout.WriteString("first pair finished\n"); err != nil {
				break
			}
		}
		<-ctx.Done() // the SIGPIPE that came with the failed write
	}
	a := &app{stdout: os.Stdout, stderr: os.Stderr}
	args := os.Args
	for i, x := range args {
		if x == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(a.main(ctx, args))
}

// sweep ... | head -1: the closed pipe stops the sweep as Ctrl-C would
// (exit 1, not killed by SIGPIPE), its lock released and its finished
// pairs kept, and -resume finishes it with the bytes of a sweep never
// stopped.
func TestSweepIntoClosedPipe(t *testing.T) {
	if _, err := exec.LookPath("head"); err != nil {
		t.Skip("no head(1)")
	}
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	args := sweepArgs("-workers", "1", "-out", p("piped"))
	script := `"$0" -test.run='^TestPipeHelperProcess$' -- "$@" | head -1; exit "${PIPESTATUS[0]}"`
	cmd := exec.Command("bash", append([]string{"-c", script, os.Args[0]}, args...)...)
	cmd.Env = append(os.Environ(), "BORDERFLOW_PIPE_HELPER=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailure {
		t.Fatalf("sweep | head -1: %v (want exit %d: stopped, not killed by SIGPIPE)\n%s", err, exitFailure, stderr.String())
	}
	if stdout.String() != "first pair finished\n" {
		t.Errorf("head printed %q", stdout.String())
	}
	if !strings.Contains(stderr.String(), "add -resume to continue") {
		t.Errorf("stderr does not say the sweep can be resumed:\n%s", stderr.String())
	}
	if f, err := os.Open(p("piped.partial/lock")); err == nil {
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			t.Errorf("the stopped sweep's lock is still held: %v", err)
		}
		f.Close()
	}
	if _, err := os.Stat(p("piped.partial/pairs.csv")); err != nil {
		t.Fatalf("the stopped sweep kept no finished pairs: %v", err)
	}
	mustSweep(t, sweepArgs("-workers", "1", "-out", p("piped"), "-resume")...)
	mustSweep(t, sweepArgs("-workers", "1", "-out", p("straight"))...)
	sweepSameFolders(t, p("straight"), p("piped"))
	if _, err := os.Stat(p("piped.partial")); err == nil {
		t.Error("the resumed sweep left its .partial folder")
	}
}

// A reader that goes while the ranked table is printed, after the files
// are written: the sweep is whole, so it ends as a finished one (exit 0,
// no .partial left to resume).
func TestSweepTableIntoClosedPipe(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "s")
	a := &app{stdout: closedPipe{}, stderr: &bytes.Buffer{}}
	if code := a.main(context.Background(), sweepArgs("-out", out)); code != exitOK {
		t.Fatalf("exit %d: %s", code, a.stderr)
	}
	if _, err := os.Stat(out + ".partial"); err == nil {
		t.Error("a finished sweep left its .partial folder because its table could not be printed")
	}
	if _, err := os.Stat(filepath.Join(out, "policies.csv")); err != nil {
		t.Error(err)
	}
}

type closedPipe struct{}

func (closedPipe) Write([]byte) (int, error) { return 0, syscall.EPIPE }
