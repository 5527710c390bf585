package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// tinySource is a small scenario, read before any test changes folder.
var tinySource, tinyErr = os.ReadFile("../../scenario/testdata/bad/horizon_zero.toml")

// tinyScenario is a day at one small port, with the given name line.
func tinyScenario(t *testing.T, path, name string) {
	t.Helper()
	if tinyErr != nil {
		t.Fatal(tinyErr)
	}
	s := strings.Replace(string(tinySource), `name = "tiny"`, "name = "+name, 1)
	s = strings.Replace(s, `horizon = "0s"`, `horizon = "1d"`+"\nwarmup = \"1h\"", 1)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// stagesSeen records the stages a command reached (stageHook).
func stagesSeen(t *testing.T) *[]string {
	var seen []string
	stageHook = func(s string) { seen = append(seen, s) }
	t.Cleanup(func() { stageHook = nil })
	return &seen
}

// A scenario's name becomes out/NAME: "../../docs" put the output (and
// -force's deletion) in an unrelated folder, "." replaced the whole of
// out/. Both are refused with the file, line and key, and nothing moves.
func TestUnsafeScenarioNameRefused(t *testing.T) {
	base := t.TempDir()
	work := filepath.Join(base, "proj", "work")
	docs := filepath.Join(base, "proj", "docs")
	for _, d := range []string{filepath.Join(work, "out", "earlier"), docs} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(docs, "notes.md"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(work, "out", "earlier", "summary.json"), []byte("earlier"), 0o644)
	t.Chdir(work)
	for _, name := range []string{`"../../docs"`, `"."`, `".."`, `"a/b"`} {
		tinyScenario(t, "s.toml", name)
		code, _, stderr := borderflow(t, "run", "s.toml", "-force", "-quiet", "-no-plots")
		if code != exitUsage || !strings.Contains(stderr, "s.toml:1: name: ") {
			t.Errorf("name = %s: exit %d, %q", name, code, stderr)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(docs, "notes.md")); string(b) != "mine" {
		t.Error("the docs folder was touched")
	}
	if b, _ := os.ReadFile(filepath.Join(work, "out", "earlier", "summary.json")); string(b) != "earlier" {
		t.Error("out/ was touched")
	}
	// The output layer refuses such a name whatever loaded it.
	for _, name := range []string{"../../docs", ".", "..", "/etc", ""} {
		if _, err := outFor("", name, true); err == nil {
			t.Errorf("outFor(%q) accepted", name)
		}
	}
}

// -force replaced any folder: "run proj/my.toml -out proj -force" deleted
// the scenario and the user's notes. It now replaces only a folder
// borderflow wrote (it holds the marker) or an empty one, and refuses the
// rest before simulating.
func TestForceReplacesOnlyOurFolders(t *testing.T) {
	proj := filepath.Join(t.TempDir(), "proj")
	os.Mkdir(proj, 0o755)
	tinyScenario(t, filepath.Join(proj, "my.toml"), `"my"`)
	os.WriteFile(filepath.Join(proj, "notes.txt"), []byte("notes"), 0o644)
	seen := stagesSeen(t)
	code, _, stderr := borderflow(t, "run", filepath.Join(proj, "my.toml"), "-out", proj, "-force", "-quiet", "-no-plots")
	if code != exitUsage || !strings.Contains(stderr, "-force replaces only a folder borderflow wrote") ||
		!strings.Contains(stderr, "(my.toml, notes.txt)") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if len(*seen) != 0 {
		t.Errorf("refused after reaching %v", *seen)
	}
	if b, _ := os.ReadFile(filepath.Join(proj, "notes.txt")); string(b) != "notes" {
		t.Error("notes.txt was touched")
	}
	if _, err := os.Stat(filepath.Join(proj, "my.toml")); err != nil {
		t.Error("the scenario file is gone")
	}

	// An empty folder, and then the folder borderflow wrote, are replaced.
	out := filepath.Join(t.TempDir(), "out")
	os.Mkdir(out, 0o755)
	for i := 0; i < 2; i++ {
		code, _, stderr = borderflow(t, "run", filepath.Join(proj, "my.toml"), "-out", out, "-force", "-quiet", "-no-plots")
		if code != 0 {
			t.Fatalf("run %d into %s: exit %d, %s", i, out, code, stderr)
		}
		if b, _ := os.ReadFile(filepath.Join(out, markerName)); !bytes.HasPrefix(b, []byte(markerHead+"\n")) || !bytes.Contains(b, []byte(` "summary.json"`)) {
			t.Fatalf("run %d wrote no marker listing its files: %s", i, b)
		}
	}
}

// The output path is cleaned and checked before simulating: "slashnew/"
// (shell completion) failed at the rename after the whole run and left an
// empty folder behind; "/" and "." gave raw OS errors.
func TestOutputPathCheckedFirst(t *testing.T) {
	base := t.TempDir()
	t.Chdir(base)
	os.WriteFile("file.txt", []byte("x"), 0o644)
	os.MkdirAll("deep/inside", 0o755)
	for _, tc := range []struct{ out, want string }{
		{"/", "is the root"},
		{".", "is the working directory"},
		{"./", "is the working directory"},
		{base, "is the working directory"},
		{"..", "contains the working directory"},
		{"file.txt", "exists and is not a folder"},
		{"file.txt/sub", "file.txt is a file"},
		{"", "-out is empty"},
	} {
		seen := stagesSeen(t)
		args := []string{"run", "-horizon", "2d", "-no-plots", "-quiet", "-force", "-out", tc.out}
		if tc.out == "" {
			args = []string{"sweep", "roma", "-reps", "2", "-horizon", "2d", "-quiet", "-no-plots", "-out", " "}
		}
		code, _, stderr := borderflow(t, args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || len(*seen) != 0 {
			t.Errorf("-out %q: exit %d after %v, %q; want 2 and %q", tc.out, code, *seen, stderr, tc.want)
		}
	}
	t.Chdir("deep/inside")
	code, _, stderr := borderflow(t, "run", "-horizon", "2d", "-no-plots", "-quiet", "-force", "-out", "../..")
	if code != exitUsage || !strings.Contains(stderr, "contains the working directory") {
		t.Errorf("-out ../..: exit %d, %q", code, stderr)
	}
	t.Chdir(base)

	code, _, stderr = borderflow(t, "run", "-horizon", "2d", "-no-plots", "-quiet", "-out", "slashnew/")
	if code != 0 {
		t.Fatalf("-out slashnew/: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join("slashnew", "summary.json")); err != nil {
		t.Errorf("-out slashnew/ wrote no summary.json: %v", err)
	}
	ents, _ := os.ReadDir(".")
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}

	if os.Geteuid() != 0 { // root writes anywhere
		os.Mkdir("ro", 0o555)
		code, _, stderr = borderflow(t, "run", "-horizon", "2d", "-no-plots", "-quiet", "-out", "ro/new/x")
		if code != exitUsage || !strings.Contains(stderr, "is not writable") {
			t.Errorf("-out ro/new/x: exit %d, %q", code, stderr)
		}
	}
}

// A run killed with SIGKILL leaves its temporaries
// (.NAME.borderflow-tmp-PID-N); the next run into the same folder removes
// those whose lock nobody holds and whose lock file says it is a run's,
// and leaves alone a live run's and anything it cannot tell is its own
// (a user's .ep.tmp-2024 and .ep.tmp-2024.d/ were deleted).
func TestStaleTemporariesCleaned(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "ep")
	// A dead run: its lock file is no longer locked.
	dead, err := lockTemp(out)
	if err != nil {
		t.Fatal(err)
	}
	os.Mkdir(dead.Name()+".d", 0o755)
	os.WriteFile(filepath.Join(dead.Name()+".d", "hourly.csv"), bytes.Repeat([]byte("x"), 1000), 0o644)
	dead.Close()
	// A live run: its lock is held.
	live, err := lockTemp(out)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	os.Mkdir(live.Name()+".d", 0o755)
	// Not identifiable as a run's temporary: no lock file; a user's
	// files named like the temporaries of an older borderflow
	// (.NAME.tmp-*), which were deleted as a killed run's leftovers; a
	// file with a run's name but not a run's content.
	foreign := filepath.Join(base, ".ep.tmp-123456")
	os.Mkdir(foreign, 0o755)
	other := filepath.Join(base, ".other.tmp-1")
	os.WriteFile(other, nil, 0o644)
	notes := filepath.Join(base, ".ep.tmp-2024")
	os.WriteFile(notes, []byte("my notes"), 0o644)
	os.Mkdir(notes+".d", 0o755)
	os.WriteFile(filepath.Join(notes+".d", "draft.md"), []byte("draft"), 0o644)
	named := filepath.Join(base, tmpPrefix(out)+"1-2")
	os.WriteFile(named, []byte("mine"), 0o644)
	os.Mkdir(named+".d", 0o755)

	code, _, stderr := borderflow(t, "run", "-horizon", "2d", "-no-plots", "-quiet", "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, p := range []string{dead.Name(), dead.Name() + ".d"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("stale %s left", filepath.Base(p))
		}
	}
	for _, p := range []string{live.Name(), live.Name() + ".d", foreign, other, notes, notes + ".d/draft.md", named, named + ".d"} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(p), err)
		}
	}

	// A run killed between moving the earlier folder aside and renaming
	// its own into place: the earlier folder is put back.
	dead, err = lockTemp(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(out, dead.Name()+".old"); err != nil {
		t.Fatal(err)
	}
	dead.Close()
	cleanStale(out)
	if _, err := os.Stat(filepath.Join(out, "summary.json")); err != nil {
		t.Errorf("the earlier folder was not put back: %v", err)
	}
}

// -force trusted the marker by its name alone: a run's folder with the
// user's NOTES.md added, a folder with a touched marker, a folder into
// which a run's files (marker and all) were copied beside the user's, and
// a run's folder with an edited summary.json were all replaced. The
// marker now lists what borderflow wrote (SHA-256, size, name), and
// -force refuses a folder holding anything else, naming it.
func TestForceNeedsProof(t *testing.T) {
	base := t.TempDir()
	bf := filepath.Join(base, "bf")
	run := func(out string) (int, string) {
		code, _, stderr := borderflow(t, "run", "roma", "-horizon", "2d", "-reps", "1", "-no-plots", "-quiet", "-force", "-out", out)
		return code, stderr
	}
	if code, stderr := run(bf); code != 0 {
		t.Fatal(stderr)
	}
	if code, stderr := run(bf); code != 0 { // exactly what it wrote: replaced
		t.Fatalf("replacing the run's own folder: %s", stderr)
	}
	os.WriteFile(filepath.Join(bf, "NOTES.md"), []byte("my notes"), 0o644)
	if code, stderr := run(bf); code != exitUsage || !strings.Contains(stderr, "-force would delete files borderflow did not write in "+bf+": NOTES.md") {
		t.Errorf("NOTES.md added: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(bf, "NOTES.md")); string(b) != "my notes" {
		t.Error("NOTES.md lost")
	}
	os.Remove(filepath.Join(bf, "NOTES.md"))
	os.WriteFile(filepath.Join(bf, "summary.json"), []byte("{}"), 0o644)
	if code, stderr := run(bf); code != exitUsage || !strings.Contains(stderr, ": summary.json (not listed") {
		t.Errorf("summary.json edited: exit %d, %q", code, stderr)
	}

	touched := filepath.Join(base, "touched")
	os.Mkdir(touched, 0o755)
	os.WriteFile(filepath.Join(touched, "thesis.tex"), []byte("chapter 1"), 0o644)
	os.WriteFile(filepath.Join(touched, markerName), nil, 0o644)
	if code, stderr := run(touched); code != exitUsage || !strings.Contains(stderr, "thesis.tex (its .borderflow-output lists no files") {
		t.Errorf("touched marker: exit %d, %q", code, stderr)
	}

	copied := filepath.Join(base, "copied")
	os.Mkdir(copied, 0o755)
	os.WriteFile(filepath.Join(copied, "data.xlsx"), []byte("mine"), 0o644)
	run(bf + "2")
	ents, _ := os.ReadDir(bf + "2")
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(bf+"2", e.Name()))
		os.WriteFile(filepath.Join(copied, e.Name()), b, 0o644)
	}
	if code, stderr := run(copied); code != exitUsage || !strings.Contains(stderr, ": data.xlsx (not listed") {
		t.Errorf("copied run files: exit %d, %q", code, stderr)
	}
	for _, p := range []string{filepath.Join(touched, "thesis.tex"), filepath.Join(copied, "data.xlsx")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s lost", p)
		}
	}
}

// An -out that is a symbolic link to a folder was said to exist "and is
// not a folder".
func TestOutSymlinkToFolder(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "real")
	os.Mkdir(real, 0o755)
	link := filepath.Join(base, "link")
	os.Symlink(real, link)
	code, _, stderr := borderflow(t, "run", "roma", "-horizon", "2d", "-no-plots", "-quiet", "-force", "-out", link)
	if code != exitUsage || !strings.Contains(stderr, "output "+link+" is a symbolic link to the folder "+real+": name the folder itself") || strings.Contains(stderr, "is not a folder") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

// An output folder opened before the work (a run writes its time series
// into it as it goes) and closed without its rename leaves nothing: not
// the files written so far, not its work files, not the folders above it
// that it created; committed, it holds the files written and the marker,
// and no work files.
func TestOutFolderLeavesNothingUnlessCommitted(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "new", "deeper", "run")
	o, err := openOut(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.write("series.csv", []byte("x\n")); err != nil {
		t.Fatal(err)
	}
	scratch, err := o.scratch()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(scratch, "series-0.bin"), []byte{1}, 0o644); err != nil {
		t.Fatal(err)
	}
	o.close()
	if ents, _ := os.ReadDir(base); len(ents) != 0 {
		t.Fatalf("left behind: %v", ents)
	}

	o, err = openOut(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer o.close()
	if err := o.stream("series.csv", func(w io.Writer) error { _, err := io.WriteString(w, "x\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if scratch, err = o.scratch(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(scratch, "series-sums.bin"), []byte{1}, 0o644)
	if err := o.commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != markerName+",series.csv" {
		t.Errorf("committed folder holds %v", names)
	}
	o.close()
	if ents, _ := os.ReadDir(filepath.Dir(dir)); len(ents) != 1 {
		t.Errorf("beside the folder: %v", ents)
	}
}

// A write that fails (a full disk) names the output folder and says it
// is untouched, not the hidden temporary folder the output is written in
// ("write .out.borderflow-tmp-28817-1788602112.d/waits.png: no space
// left on device").
func TestWriteErrorsNameTheOutput(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, ".x.borderflow-tmp-1-2.d")
	os.WriteFile(tmp, []byte("a file where the folder should be"), 0o644)
	o := &outFolder{dir: filepath.Join(dir, "x"), tmp: tmp}
	err := o.write("waits.png", []byte("png"))
	want := "writing waits.png of " + o.dir + ": "
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "("+o.dir+" untouched)") || strings.Contains(err.Error(), "borderflow-tmp") {
		t.Errorf("write: %v; want %q… and no temporary name", err, want)
	}
	spill := fmt.Errorf("time series: %w", &fs.PathError{Op: "write", Path: filepath.Join(tmp, ".scratch", "series-0.bin"), Err: syscall.ENOSPC})
	err = o.explain(spill)
	if err == nil || err.Error() != "writing "+o.dir+": no space left on device ("+o.dir+" untouched)" || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("explain: %v", err)
	}
	if other := errors.New("not a write"); o.explain(other) != other {
		t.Error("explain changed an error that is not a write into the folder")
	}
}
