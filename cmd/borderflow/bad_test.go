package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every file of the scenario loader's catalogue of bad inputs, given to
// the command line, exits 2 with a short message naming the file, and
// never a stack trace. (The exact message of each is pinned in
// scenario/bad_test.go.)
func TestBadCatalogueExitCodes(t *testing.T) {
	files, err := filepath.Glob("../../scenario/testdata/bad/*.toml")
	if err != nil || len(files) < 20 {
		t.Fatalf("catalogue: %d files, %v", len(files), err)
	}
	trace := regexp.MustCompile(`goroutine \d+ \[|panic:|\.go:\d+ \+0x`)
	for _, f := range files {
		for _, cmd := range []string{"validate", "run"} {
			code, _, stderr := borderflow(t, cmd, f, "-out", t.TempDir()+"/x")
			if cmd == "validate" {
				code, _, stderr = borderflow(t, cmd, f)
			}
			base := filepath.Base(f)
			if code != exitUsage || !strings.Contains(stderr, base) || trace.MatchString(stderr) {
				t.Errorf("%s %s: exit %d, %q", cmd, base, code, stderr)
			}
			if n := strings.Count(stderr, "\n"); n > 11 {
				t.Errorf("%s %s: %d lines of error", cmd, base, n)
			}
		}
	}
}
