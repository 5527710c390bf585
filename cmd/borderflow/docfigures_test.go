package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"borderflow/numfmt"
)

var updateDocs = flag.Bool("update", false, "rewrite the figure blocks of README.md and docs/ from fresh runs (make figures)")

// A figure block in README.md or docs/*.md:
//
//	<!-- figures NAME: make figures writes this block; make proofs checks it -->
//	... text and tables written by figureBlocks[NAME] from runs ...
//	<!-- end of figures NAME -->
//
// Every model figure the documents quote sits in such a block (timings
// and hardware measurements, which carry their date and machine, do not),
// so a figure cannot go stale: TestDocFigures runs what each block says
// and fails when the block differs; `make figures` (this test with
// -update) rewrites the blocks instead.
const (
	blockOpen  = "<!-- figures "
	blockTail  = ": make figures writes this block; make proofs checks it -->"
	blockClose = "<!-- end of figures "
)

// docFiles are the documents that may hold figure blocks.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"../../README.md"}
	more, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(more)
	return append(files, more...)
}

// block is one figure block of a document: text[start:end] is the whole
// block, markers included.
type block struct {
	file, name string
	start, end int
}

// findBlocks lists the figure blocks of text, or says what is malformed.
func findBlocks(file, text string) ([]block, error) {
	var out []block
	at := 0
	for {
		i := strings.Index(text[at:], blockOpen)
		if i < 0 {
			break
		}
		i += at
		line := text[i:]
		if k := strings.IndexByte(line, '\n'); k >= 0 {
			line = line[:k]
		}
		if !strings.HasSuffix(line, blockTail) {
			return nil, fmt.Errorf("%s: figure block %q does not end its first line with %q", file, line, blockTail)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(line, blockOpen), blockTail)
		end := blockClose + name + " -->"
		j := strings.Index(text[i:], end)
		if j < 0 {
			return nil, fmt.Errorf("%s: figure block %s has no %q", file, name, end)
		}
		out = append(out, block{file: file, name: name, start: i, end: i + j + len(end)})
		at = i + j + len(end)
	}
	return out, nil
}

// render is a block's text for name and content.
func render(name, content string) string {
	return blockOpen + name + blockTail + "\n" + strings.TrimRight(content, "\n") + "\n" + blockClose + name + " -->"
}

// TestFigureBlocksKnown (quick): every figure block of the documents is
// well formed, has a generator, and appears once; every generator has its
// block.
func TestFigureBlocksKnown(t *testing.T) {
	seen := map[string]string{}
	for _, f := range docFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bs, err := findBlocks(f, string(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range bs {
			if _, ok := figureBlocks[x.name]; !ok {
				t.Errorf("%s: figure block %s has no generator in figureBlocks", f, x.name)
			}
			if prev, ok := seen[x.name]; ok {
				t.Errorf("figure block %s in %s and %s", x.name, prev, f)
			}
			seen[x.name] = f
		}
	}
	for name := range figureBlocks {
		if _, ok := seen[name]; !ok {
			t.Errorf("generator %s has no block in README.md or docs/", name)
		}
	}
}

// TestDocFigures regenerates every figure block from the runs it names
// and fails when a document's block differs (make proofs); with -update it
// rewrites them (make figures). BORDERFLOW_FIGURES=NAME,NAME limits it to
// those blocks.
func TestDocFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the scenarios and sweeps the documents quote")
	}
	if os.Getenv("BORDERFLOW_PROOFS") == "" {
		t.Skip("a long proof (minutes of CPU): make proofs checks, make figures rewrites")
	}
	only := map[string]bool{}
	for _, n := range strings.Split(os.Getenv("BORDERFLOW_FIGURES"), ",") {
		if n != "" {
			only[n] = true
		}
	}
	r := &runner{t: t, base: t.TempDir(), dirs: map[string]string{}, out: map[string]string{}}
	for _, f := range docFiles(t) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		bs, err := findBlocks(f, text)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		at, changed := 0, false
		for _, x := range bs {
			gen := figureBlocks[x.name]
			if gen == nil || (len(only) > 0 && !only[x.name]) {
				continue
			}
			want := render(x.name, gen(r))
			got := text[x.start:x.end]
			b.WriteString(text[at:x.start])
			b.WriteString(want)
			at = x.end
			if got != want {
				changed = true
				if !*updateDocs {
					t.Errorf("%s: figure block %s differs from the runs (make figures rewrites it). Want:\n%s\n\ngot:\n%s", f, x.name, want, got)
				}
			}
		}
		b.WriteString(text[at:])
		if changed && *updateDocs {
			if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: figure blocks rewritten", f)
		}
	}
}

// runner runs the commands the blocks quote once each and keeps their
// output folders and standard output.
type runner struct {
	t    *testing.T
	base string
	dirs map[string]string // command line → output folder
	out  map[string]string // command line → standard output
}

// run runs `borderflow ARGS -out DIR` (ARGS as the documents quote them)
// and returns the folder; the same command runs once.
func (r *runner) run(args ...string) string {
	r.t.Helper()
	key := strings.Join(args, " ")
	if d, ok := r.dirs[key]; ok {
		return d
	}
	d := filepath.Join(r.base, strconv.Itoa(len(r.dirs)))
	full := append(append([]string(nil), args...), "-out", d)
	if args[0] == "run" {
		full = append(full, "-no-plots")
	}
	code, stdout, stderr := borderflow(r.t, full...)
	if code != 0 {
		r.t.Fatalf("borderflow %s: exit %d: %s", key, code, stderr)
	}
	r.dirs[key], r.out[key] = d, stdout
	return d
}

// stdout is the standard output of a command run by run.
func (r *runner) stdout(args ...string) string {
	r.run(args...)
	return r.out[strings.Join(args, " ")]
}

// summary reads a run's summary.json into v.
func (r *runner) summary(dir string, v any) {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		r.t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		r.t.Fatal(err)
	}
}

// csvTable is a CSV file read by column name.
type csvTable struct {
	t    *testing.T
	file string
	rows [][]string
	col  map[string]int
}

func (r *runner) csv(dir, name string) *csvTable {
	rows, col := readCSVFile(r.t, filepath.Join(dir, name))
	return &csvTable{t: r.t, file: name, rows: rows[1:], col: col}
}

// row is the index of the row whose first column is key.
func (c *csvTable) row(key string) int {
	for i, r := range c.rows {
		if r[0] == key {
			return i
		}
	}
	c.t.Fatalf("%s has no row %s", c.file, key)
	return -1
}

// num is column name of row i (NaN when empty).
func (c *csvTable) num(i int, name string) float64 {
	j, ok := c.col[name]
	if !ok {
		c.t.Fatalf("%s has no column %s", c.file, name)
	}
	if c.rows[i][j] == "" {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(c.rows[i][j], 64)
	if err != nil {
		c.t.Fatalf("%s: %s: %v", c.file, name, err)
	}
	return x
}

// iv is column name of row i with its interval: "x [lo, hi]" by f.
func (c *csvTable) iv(i int, name string, f func(float64) string) string {
	x, lo, hi := c.num(i, name), c.num(i, name+"_lo"), c.num(i, name+"_hi")
	if math.IsNaN(lo) {
		return f(x)
	}
	return fmt.Sprintf("%s [%s, %s]", f(x), f(lo), f(hi))
}

// signedPct formats a percentage with its sign: +1.3%.
func signedPct(x float64) string {
	return numfmt.Signed(x, func(v float64) string { return fmt.Sprintf("%.1f", v) })
}

// pct1 formats a share as a percentage with one decimal, without the sign.
func pct1(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// figureBlocks are the generators of the documents' figure blocks, by
// name (docfigures_*.go in this folder's tests).
var figureBlocks = map[string]func(r *runner) string{}
