package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// errInterrupted is returned when the context was cancelled (SIGINT,
// SIGTERM) before the output was renamed into place.
var errInterrupted = errors.New("interrupted")

// stageHook, when set (by tests), is called as each stage of a command
// begins ("simulate", "summarize", "charts", "write", "rename", "done"),
// so that a test can send its signal at exactly that stage: the stage
// then runs with the signal received, as if it had come in its middle.
var stageHook func(stage string)

// stage marks the start of a stage: it reports errInterrupted if a signal
// arrived during the stages before, and otherwise calls the test hook.
// Every stage checks, and writeOut checks once more just before the
// rename, so a signal at any stage before it leaves the earlier output
// untouched.
func stage(ctx context.Context, name string) error {
	if ctx.Err() != nil {
		return errInterrupted
	}
	if stageHook != nil {
		stageHook(name)
	}
	return nil
}

// cleanOut cleans an output path ("slashnew/" is "slashnew") and refuses,
// before any simulation, every path the run could not end by renaming a
// new folder into: empty, the root, the working directory or a folder that
// contains it, a file, a folder that holds files borderflow did not write
// (with force) or any existing folder (without), and a place whose
// nearest existing folder is not writable. It also removes the stale
// temporary folders of earlier runs into the same path that were killed.
func cleanOut(out string, force bool) (string, error) {
	if strings.TrimSpace(out) == "" {
		return "", usagef("the output folder must not be empty")
	}
	dir := filepath.Clean(out)
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", usagef("output folder %s: %v", out, err)
	}
	if filepath.Dir(abs) == abs {
		return "", usagef("output folder %s is the root of the file system: name a new folder, e.g. -out out/run", out)
	}
	if cwd, err := os.Getwd(); err == nil && contains(abs, cwd) {
		if abs == cwd {
			return "", usagef("output folder %s is the working directory: name a new folder, e.g. -out out/run", out)
		}
		return "", usagef("output folder %s contains the working directory: name a new folder, e.g. -out out/run", out)
	}
	if err := checkParent(dir); err != nil {
		return "", err
	}
	if err := checkReplace(dir, force); err != nil {
		return "", err
	}
	cleanStale(dir)
	return dir, nil
}

// contains reports whether folder a is b or one of b's ancestors, also
// when symbolic links lead from one to the other.
func contains(a, b string) bool {
	within := func(a, b string) bool {
		return a == b || strings.HasPrefix(b, strings.TrimSuffix(a, string(filepath.Separator))+string(filepath.Separator))
	}
	if within(a, b) {
		return true
	}
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && within(ra, rb)
}

// checkReplace refuses an existing dir unless force is set and dir is a
// folder borderflow can prove it wrote (its marker lists exactly the
// files it holds: unproven) or an empty one.
func checkReplace(dir string, force bool) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return usagef("output folder %s: %v", dir, err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		// Replacing the link would leave its folder as it was, and
		// writing through it would replace a folder named elsewhere.
		if t, err := os.Stat(dir); err == nil && t.IsDir() {
			real, _ := filepath.EvalSymlinks(dir)
			return usagef("output %s is a symbolic link to the folder %s: name the folder itself with -out", dir, real)
		}
		return usagef("output %s is a symbolic link, not a folder: choose another -out", dir)
	}
	if !st.IsDir() {
		return usagef("output %s exists and is not a folder", dir)
	}
	if !force {
		return usagef("output folder %s already exists; use -force to replace it or -out to choose another", dir)
	}
	bad, marked, err := unproven(dir)
	if err != nil {
		return usagef("output folder %s: %v", dir, err)
	}
	switch {
	case len(bad) == 0:
		return nil // borderflow's own files, or empty
	case !marked:
		return usagef("-force replaces only a folder borderflow wrote (one whose %s lists its files) or an empty one, and %s holds other files (%s): choose another -out, or remove the folder yourself",
			markerName, dir, nameFiles(bad))
	}
	if list, _ := readMarker(dir); len(list) == 0 {
		return usagef("-force would delete files borderflow cannot prove it wrote in %s: %s (its %s lists no files: made by hand, or by an older borderflow whose marker listed none): move them out of the folder, or choose another -out",
			dir, nameFiles(bad), markerName)
	}
	return usagef("-force would delete files borderflow did not write in %s: %s (not listed in its %s, or changed since): move them out of the folder, or choose another -out",
		dir, nameFiles(bad), markerName)
}

// checkParent refuses dir when the nearest existing folder above it is a
// file or not writable: the run would fail only when writing, after all
// its work.
func checkParent(dir string) error {
	p := filepath.Dir(dir)
	for {
		st, err := os.Stat(p)
		if err == nil {
			if !st.IsDir() {
				return usagef("cannot create output folder %s: %s is a file", dir, p)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return usagef("cannot create output folder %s: %v", dir, err)
		}
		up := filepath.Dir(p)
		if up == p {
			break
		}
		p = up
	}
	probe, err := os.MkdirTemp(p, ".borderflow-probe-")
	if err != nil {
		return usagef("cannot create output folder %s: %s is not writable (%v)", dir, p, errors.Unwrap(err))
	}
	os.Remove(probe)
	return nil
}

// A run writes its output into a temporary folder beside dir, T.d, and
// renames it to dir when every file is written; an existing dir is first
// moved aside to T.old. T (".NAME.borderflow-tmp-PID-RANDOM") is a lock
// file that says what it is (lockText) and that the run holds an
// exclusive flock on while it works, so a run killed by SIGKILL leaves a
// lock file nobody holds: a later run into the same dir knows those
// temporaries are its own and dead, and removes them (cleanStale). A
// temporary is provably a run's only when its name has that exact form
// and its lock file holds lockText: a user's ".notes.tmp-2024" and
// ".notes.tmp-2024.d/" beside -out notes were deleted as leftovers.
// Temporaries whose lock is held belong to a live run and are left
// alone, as is anything else.

// tmpPrefix is the start of the names of dir's temporaries.
func tmpPrefix(dir string) string { return "." + filepath.Base(dir) + ".borderflow-tmp-" }

// lockText starts every lock file's content.
const lockText = "borderflow temporary: a run writing "

// isTempName reports whether name is a lock file name lockTemp makes for
// dir: the prefix, the process id, a dash and CreateTemp's digits.
func isTempName(dir, name string) bool {
	rest, ok := strings.CutPrefix(name, tmpPrefix(dir))
	if !ok {
		return false
	}
	pid, rnd, ok := strings.Cut(rest, "-")
	digits := func(s string) bool {
		return s != "" && strings.Trim(s, "0123456789") == ""
	}
	return ok && digits(pid) && digits(rnd)
}

// lockTemp creates and locks a fresh lock file beside dir.
func lockTemp(dir string) (*os.File, error) {
	for try := 0; ; try++ {
		f, err := os.CreateTemp(filepath.Dir(dir), tmpPrefix(dir)+strconv.Itoa(os.Getpid())+"-*")
		if err != nil {
			return nil, err
		}
		ok, err := flockFile(f, true)
		if err == nil && ok && sameFile(f) {
			if _, err := f.WriteString(lockText + filepath.Base(dir) + " holds a lock on this file while it works\n"); err != nil {
				f.Close()
				os.Remove(f.Name())
				return nil, err
			}
			return f, nil
		}
		f.Close()
		if err != nil {
			os.Remove(f.Name())
			return nil, err
		}
		if try > 100 {
			return nil, fmt.Errorf("cannot lock a temporary folder beside %s", dir)
		}
		// a cleaner took the file between its creation and the lock: try another name
	}
}

// flockFile takes an exclusive flock on f without waiting; false when
// another process holds it.
func flockFile(f *os.File, exclusive bool) (bool, error) {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// sameFile reports whether f's name still names f (no one removed or
// replaced it while f was being locked).
func sameFile(f *os.File) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(f.Name())
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// cleanStale removes the temporaries of dead runs into dir, and puts back
// a folder a dead run had moved aside (T.old) when dir itself is missing.
func cleanStale(dir string) {
	parent := filepath.Dir(dir)
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range ents {
		n := e.Name()
		if !isTempName(dir, n) || !e.Type().IsRegular() {
			continue
		}
		lock := filepath.Join(parent, n)
		f, err := os.Open(lock)
		if err != nil {
			continue
		}
		head := make([]byte, len(lockText))
		if _, err := io.ReadFull(f, head); err != nil || string(head) != lockText {
			f.Close() // not a lock file a run wrote: not ours to remove
			continue
		}
		if ok, _ := flockFile(f, true); ok && sameFile(f) {
			old := lock + ".old"
			if _, err := os.Stat(old); err == nil {
				if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
					os.Rename(old, dir)
				} else {
					os.RemoveAll(old)
				}
			}
			if st, err := os.Lstat(lock + ".d"); err == nil && st.IsDir() {
				os.RemoveAll(lock + ".d")
			}
			os.Remove(lock)
		}
		f.Close()
	}
}

// writeOut writes files, and the marker, into a temporary folder beside
// dir and renames it into place once every file is written: a failed or
// interrupted run leaves any earlier folder as it was. With force an
// existing folder borderflow wrote (or an empty one) is replaced. dir is
// a path cleanOut returned.
func writeOut(ctx context.Context, dir string, force bool, files map[string][]byte) error {
	if err := stage(ctx, "write"); err != nil {
		return err
	}
	// Checked again: the folder may have appeared, or been filled, while
	// the run worked.
	if err := checkReplace(dir, force); err != nil {
		return err
	}
	o, err := openOut(dir, force)
	if err != nil {
		return err
	}
	defer o.close()
	if err := o.writeAll(ctx, files); err != nil {
		return err
	}
	return o.commit(ctx)
}

// outFolder is an output folder being written: the temporary folder
// beside dir (T.d, locked by T as above) that every file of the output is
// written into, as it is made or at the end, and that commit renames to
// dir. Until then nothing of it shows at dir, and close removes it: an
// interrupted or failed command leaves nothing behind, not even the
// folders above dir it created.
type outFolder struct {
	dir, tmp  string
	force     bool
	lock      *os.File
	made      string // the highest folder above dir that openOut created, or ""
	committed bool
}

// scratchName is the folder inside the temporary one for the work files of
// a command (a run's time series on disk): removed before the rename.
const scratchName = ".scratch"

// openOut creates dir's temporary folder (and the folders above dir).
func openOut(dir string, force bool) (*outFolder, error) {
	o := &outFolder{dir: dir, force: force}
	for p := filepath.Dir(dir); ; {
		if _, err := os.Lstat(p); err == nil {
			break
		}
		o.made = p
		up := filepath.Dir(p)
		if up == p {
			break
		}
		p = up
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		o.removeMade()
		return nil, err
	}
	lock, err := lockTemp(dir)
	if err != nil {
		o.removeMade()
		return nil, err
	}
	o.lock, o.tmp = lock, lock.Name()+".d"
	if err := os.Mkdir(o.tmp, 0o755); err != nil {
		o.close()
		return nil, err
	}
	return o, nil
}

// path is where the output file name (slash-separated) is written.
func (o *outFolder) path(name string) string { return filepath.Join(o.tmp, filepath.FromSlash(name)) }

// create creates the output file name, for a file written as it is made.
func (o *outFolder) create(name string) (*os.File, error) {
	p := o.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, o.failed(name, err)
	}
	f, err := os.Create(p)
	if err != nil {
		return nil, o.failed(name, err)
	}
	return f, nil
}

// explain says an error of writing into the hidden temporary folder
// (the time series spilled as the ports close their bins) of the output
// folder instead, as failed does.
func (o *outFolder) explain(err error) error {
	var pe *fs.PathError
	if o == nil || !errors.As(err, &pe) || !strings.Contains(pe.Path, filepath.Base(o.tmp)) {
		return err
	}
	return fmt.Errorf("writing %s: %w (%s untouched)", o.dir, pe.Err, o.dir)
}

// failed is the error of writing the output file name, said of the
// output folder rather than of the hidden temporary one it is written in
// ("write .out.borderflow-tmp-28817-1788602112.d/waits.png: no space left
// on device"): nothing has reached the folder yet.
func (o *outFolder) failed(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("writing %s of %s: %w (%s untouched)", name, o.dir, err, o.dir)
}

// stream writes the output file name with write, through a buffer: a file
// written as it is made rather than held.
func (o *outFolder) stream(name string, write func(io.Writer) error) error {
	f, err := o.create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return o.failed(name, err)
	}
	return nil
}

// open opens an output file written so far (plots.DrawFromContext).
func (o *outFolder) open(name string) (io.ReadCloser, error) { return os.Open(o.path(name)) }

// write writes the output file name whole.
func (o *outFolder) write(name string, b []byte) error {
	p := o.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return o.failed(name, err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		return o.failed(name, err)
	}
	return nil
}

// writeAll writes files, in name order, looking for a signal before each.
func (o *outFolder) writeAll(ctx context.Context, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if ctx.Err() != nil {
			return errInterrupted
		}
		if err := o.write(n, files[n]); err != nil {
			return err
		}
	}
	return nil
}

// scratch returns the folder for the command's work files, created.
func (o *outFolder) scratch() (string, error) {
	p := filepath.Join(o.tmp, scratchName)
	return p, os.MkdirAll(p, 0o755)
}

// commit writes the marker, removes the work files and renames the
// temporary folder into place, replacing an existing dir (which force
// allows: checked again here, as the folder may have appeared, or been
// filled, while the command worked).
func (o *outFolder) commit(ctx context.Context) error {
	if err := checkReplace(o.dir, o.force); err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(o.tmp, scratchName)); err != nil {
		return err
	}
	// The marker lists what is in the folder now, whoever wrote it.
	if err := markFolder(o.tmp); err != nil {
		return err
	}
	if err := stage(ctx, "rename"); err != nil {
		return err
	}
	if ctx.Err() != nil { // the last moment a signal can undo the run
		return errInterrupted
	}
	dir := o.dir
	if _, err := os.Lstat(dir); err == nil {
		old := o.lock.Name() + ".old"
		if err := os.Rename(dir, old); err != nil {
			return err
		}
		if err := os.Rename(o.tmp, dir); err != nil {
			os.Rename(old, dir) // put the user's folder back
			return err
		}
		o.committed = true
		return os.RemoveAll(old)
	}
	if err := os.Rename(o.tmp, dir); err != nil {
		return err
	}
	o.committed = true
	return nil
}

// close removes the temporary folder unless it was committed, and the
// lock file: call it (deferred) once the folder is opened.
func (o *outFolder) close() {
	if o == nil {
		return
	}
	if !o.committed {
		os.RemoveAll(o.tmp)
	}
	if o.lock != nil {
		o.lock.Close()
		os.Remove(o.lock.Name())
	}
	if !o.committed {
		o.removeMade()
	}
}

// removeMade removes the folders above dir that openOut created, if they
// are still empty.
func (o *outFolder) removeMade() {
	if o.made == "" {
		return
	}
	for p := filepath.Dir(o.dir); ; p = filepath.Dir(p) {
		if os.Remove(p) != nil || p == o.made {
			return
		}
	}
}
