package scenario

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"borderflow/configs"
)

// FuzzParse checks that no input makes Parse panic, that what it accepts
// keeps the invariants the model relies on, and that what it refuses is
// reported as Errors naming the file. Seeds: the shipped scenarios and the
// catalogue of bad inputs.
//
//	go test -run XXX -fuzz FuzzParse -fuzztime 10s ./scenario/
func FuzzParse(f *testing.F) {
	entries, _ := fs.ReadDir(configs.FS, ".")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".toml") {
			data, err := configs.FS.ReadFile(e.Name())
			if err != nil {
				f.Fatal(err)
			}
			// Only the small shipped files: with inputs of 10 KB and more the
			// coverage-guided fuzzer stalls after its first few mutations
			// here (68 executions in 10 s, against about 4,000 a second
			// with small seeds); testdata/good/features.toml holds every
			// construct the big files use.
			if len(data) < 5000 {
				f.Add(data)
			}
		}
	}
	for _, pattern := range []string{"testdata/bad/*.toml", "testdata/good/*.toml"} {
		files, _ := filepath.Glob(pattern)
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ScanKeyLines(string(data)) // also on text the TOML reader refuses
		s, err := Parse("fuzz.toml", data)
		if err == nil {
			checkInvariants(t, s)
			return
		}
		var es Errors
		if !errors.As(err, &es) || len(es) == 0 {
			t.Fatalf("error %T is not Errors: %v", err, err)
		}
		for _, e := range es {
			if e.File != "fuzz.toml" || e.Msg == "" || e.Line < 0 {
				t.Fatalf("bad Error %+v", e)
			}
		}
		if n := strings.Count(err.Error(), "\n") + 1; n > maxShown+1 {
			t.Fatalf("%d lines", n)
		}
	})
}
