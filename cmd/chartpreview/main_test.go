package main

import (
	"os"
	"path/filepath"
	"testing"
)

// Every case gets its folder, with the files it was drawn from and its
// charts.
func TestPreviewWritesEveryCase(t *testing.T) {
	if testing.Short() {
		t.Skip("draws four sets of charts: not under -short")
	}
	dir := t.TempDir()
	if err := preview(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"one", "two", "many", "sweep"} {
		svgs, _ := filepath.Glob(filepath.Join(dir, name, "*.svg"))
		if len(svgs) == 0 {
			t.Errorf("%s: no chart", name)
		}
		if _, err := os.Stat(filepath.Join(dir, name, "summary.json")); err != nil && name != "sweep" {
			t.Errorf("%s: %v", name, err)
		}
	}
}
