package data

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoFiles returns the text files of the repository that can cite
// sources (code, configs, docs, scripts), by path from the module root.
func repoFiles(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("..", path)
		if d.IsDir() {
			switch rel {
			case ".git", "bin", "out":
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".toml", ".md", ".sh", ".yaml", ".yml":
		default:
			if d.Name() != "Makefile" && rel != filepath.Join(".ci", "run") {
				return nil
			}
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 50 {
		t.Fatalf("only %d files found from %s", len(out), "..")
	}
	return out
}

// Every citation points at a file in the repository: no code, config or
// doc cites the design notes the project was started from, which live
// outside it (outsideNotes), every name of a data file is written as data/<file> (or is
// a Go string naming it for Read), every docs/… or data/… path cited
// exists, and every fact cited as docs/SOURCES.md, "<fact>" is a row of
// docs/SOURCES.md.
// outsideNotes are the names of the notes and folder beside a developer's
// checkout that a user's clone does not have; spelt in parts so that this
// file, which looks for them, does not itself name them.
var outsideNotes = []string{"DOM" + "AIN.md", "DES" + "IGN.md", "ST" + "YLE.md", "../" + "shared", "/work/" + "shared"}

func TestCitationsInRepository(t *testing.T) {
	files := repoFiles(t)
	sources, ok := files["docs/SOURCES.md"]
	if !ok {
		t.Fatal("no docs/SOURCES.md")
	}
	facts := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\| ([^|]+?) \|`).FindAllStringSubmatch(sources, -1) {
		facts[strings.ToLower(m[1])] = true
	}
	dataFiles := Files()
	path := regexp.MustCompile(`\b(docs|data)/[A-Za-z0-9_.-]+\.(md|csv)\b`)
	fact := regexp.MustCompile(`docs/SOURCES\.md, \\?"([^"\\]+)`)
	self := "data/citations_test.go"
	for name, text := range files {
		if name == self {
			continue
		}
		lines := strings.Split(text, "\n")
		for i, line := range lines {
			at := func(format string, args ...any) {
				t.Helper()
				args = append([]any{name, i + 1}, args...)
				t.Errorf("%s:%d: "+format, args...)
			}
			for _, bad := range outsideNotes {
				if strings.Contains(line, bad) {
					at("cites %s, which is not in the repository (use docs/SOURCES.md or data/)", bad)
				}
			}
			if strings.Contains(line, "shared"+"/data") {
				at("cites the source folder of data/ instead of data/ itself")
			}
			for _, f := range dataFiles {
				if strings.HasPrefix(name, "data/") {
					break // the folder's own files name their neighbours
				}
				for j := strings.Index(line, f); j >= 0; j = next(line, f, j) {
					before := line[:j]
					if !strings.HasSuffix(before, "data/") && !(strings.HasSuffix(name, ".go") && strings.HasSuffix(before, `"`)) {
						at("%s without data/ before it", f)
					}
				}
			}
			for _, p := range path.FindAllString(line, -1) {
				if _, err := os.Stat(filepath.Join("..", p)); err != nil {
					at("cites %s, which does not exist", p)
				}
			}
			for _, m := range fact.FindAllStringSubmatch(line, -1) {
				if !facts[strings.ToLower(m[1])] && !strings.HasPrefix(m[1], "<") {
					at("cites fact %q, not a row of docs/SOURCES.md", m[1])
				}
			}
		}
	}
}

// next returns the index of the next occurrence of f in s after j, or -1.
func next(s, f string, j int) int {
	k := strings.Index(s[j+len(f):], f)
	if k < 0 {
		return -1
	}
	return j + len(f) + k
}
