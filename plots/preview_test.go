package plots

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPreview writes the synthetic runs' files and charts to $PREVIEW, to
// look at while working on the drawing:
//
//	PREVIEW=/tmp/charts go test ./plots -run Preview
func TestPreview(t *testing.T) {
	dir := os.Getenv("PREVIEW")
	if dir == "" {
		t.Skip()
	}
	for name, files := range map[string]map[string][]byte{"two": synthRun(2, 7*24, true, true, true), "many": synthRun(12, 30*24, true, true, true), "one": synthRun(1, 24, true, false, false), "sweep": synthSweep()} {
		var out map[string][]byte
		var err error
		if name == "sweep" {
			out, err = DrawSweep(files)
		} else {
			out, err = Draw(files)
		}
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, name), 0o755)
		for n, b := range out {
			os.WriteFile(filepath.Join(dir, name, n), b, 0o644)
		}
		for n, b := range files {
			os.WriteFile(filepath.Join(dir, name, n), b, 0o644)
		}
	}
}
