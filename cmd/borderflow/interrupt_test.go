package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Ctrl-C during a run: it stops within a second, says so in one line,
// exits 1, and the earlier output folder is exactly as it was (even with
// -force); no temporary folder is left behind.
func TestRunInterrupted(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "sw")
	os.Mkdir(out, 0o755)
	os.WriteFile(filepath.Join(out, "summary.json"), []byte("earlier run"), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr bytes.Buffer
	a := &app{stdout: &stdout, stderr: &stderr}
	done := make(chan int)
	go func() { done <- a.main(ctx, []string{"run", "southwest-border", "-no-plots", "-force", "-out", out}) }()
	time.Sleep(300 * time.Millisecond)
	cancel()
	start := time.Now()
	var code int
	select {
	case code = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop within 10 s of the interrupt")
	}
	t.Logf("stopped %v after the interrupt", time.Since(start))
	if code != exitFailure || !strings.Contains(stderr.String(), "interrupted") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	if b, _ := os.ReadFile(filepath.Join(out, "summary.json")); string(b) != "earlier run" {
		t.Error("the earlier output was touched")
	}
	entries, _ := os.ReadDir(base)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}
