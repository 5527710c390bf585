package sweep

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"borderflow/infile"
)

// Journal records the pairs of a running sweep as they finish, in a work
// folder beside the output (DIR.partial): manifest.json, then pairs.csv
// with one line appended per finished pair. Lines come in the order pairs
// finish, but each holds exact numbers, so a sweep resumed from the
// journal ends with the same bytes as one never interrupted.
//
// The journal holds an exclusive flock on DIR.partial/lock while it is
// open: two sweeps (two "sweep -resume" started at once) cannot write one
// journal, the second is refused. The lock dies with its process, so a
// killed sweep never leaves the folder locked.
type Journal struct {
	dir  string
	mu   sync.Mutex
	f    *os.File
	lock *os.File
	m    *Manifest
}

// ErrLocked is returned by OpenJournal when another process holds the
// journal.
var ErrLocked = errors.New("journal in use")

// OpenJournal opens the journal in dir for the sweep (or shard) of m.
// With resume, an existing journal of the same sweep and shard is read and
// its finished pairs returned; one of another sweep is an error. Without
// resume, or when there is none, the journal starts empty (replacing any
// earlier one). A journal's files are read by infile's rule, stopping
// when ctx is done, and its values checked as merge checks a shard's.
func OpenJournal(ctx context.Context, dir string, m *Manifest, resume bool) (*Journal, []Record, error) {
	if err := CheckJournal(dir); err != nil {
		return nil, nil, err
	}
	lock, err := lockJournal(dir)
	if err != nil {
		return nil, nil, err
	}
	j, recs, err := openLocked(ctx, dir, m, resume)
	if err != nil {
		lock.Close()
		return nil, nil, err
	}
	j.lock = lock
	return j, recs, nil
}

// journalFiles are the names a journal's folder may hold: its own files
// and replaceFile's temporary.
var journalFiles = map[string]bool{"lock": true, "manifest.json": true, "pairs.csv": true, "pairs.csv.tmp": true}

// CheckJournal refuses a dir that is not a sweep's journal and would be
// written into and then deleted as one (OUT.partial): a file, a link, or
// a folder holding anything a journal does not. A user's own folder
// named so lost its files to sweep -force, which was told they were "the
// finished pairs of an interrupted sweep". No dir, or an empty one, is
// fine. The error is a MismatchError: the command line's to fix.
func CheckJournal(dir string) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return &MismatchError{fmt.Sprintf("%s is where a sweep keeps its finished pairs, but it is not a folder a sweep made (%s): move it away or choose another -out", dir, kindOf(st.Mode()))}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var foreign []string
	for _, e := range ents {
		if !journalFiles[e.Name()] || !e.Type().IsRegular() {
			foreign = append(foreign, e.Name())
		}
	}
	if len(foreign) > 0 {
		if len(foreign) > 5 {
			foreign = append(foreign[:5], fmt.Sprintf("and %d more", len(foreign)-5))
		}
		return &MismatchError{fmt.Sprintf("%s is where a sweep keeps its finished pairs, but it holds %s, which no sweep writes: borderflow would delete it; move it away or choose another -out", dir, strings.Join(foreign, ", "))}
	}
	return nil
}

// kindOf names a file mode for a message.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a file"
	default:
		return "not a regular folder"
	}
}

// lockJournal creates dir if need be and takes its lock.
func lockJournal(dir string) (*os.File, error) {
	for try := 0; ; try++ {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, "lock")
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, err
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("%w: %s is being written by another borderflow sweep (it holds %s): wait for it to end, or stop it", ErrLocked, dir, path)
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %v", path, err)
		}
		// The holder may have finished and removed the folder between our
		// open and our lock: then the lock is on a removed file.
		a, err1 := f.Stat()
		b, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(a, b) {
			return f, nil
		}
		f.Close()
		if try > 10 {
			return nil, fmt.Errorf("cannot lock %s", path)
		}
	}
}

// InUse returns an ErrLocked error when a running sweep holds the journal
// in dir, and nil otherwise (no journal, or one whose sweep has ended or
// was killed): a sweep about to refuse a journal as an interrupted one's
// says instead that it is running.
func InUse(dir string) error {
	path := filepath.Join(dir, "lock")
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); errors.Is(err, syscall.EWOULDBLOCK) {
		return fmt.Errorf("%w: %s is being written by another borderflow sweep (it holds %s): wait for it to end, or stop it", ErrLocked, dir, path)
	}
	return nil
}

func openLocked(ctx context.Context, dir string, m *Manifest, resume bool) (*Journal, []Record, error) {
	if resume {
		if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
			return reopen(ctx, dir, m)
		}
	}
	for _, n := range []string{"manifest.json", "pairs.csv"} {
		if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), m.JSON(), 0o644); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, "pairs.csv"), os.O_CREATE|os.O_TRUNC|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	j := &Journal{dir: dir, f: f, m: m}
	if _, err := f.Write(PairsCSV(m, nil)); err != nil {
		f.Close()
		return nil, nil, err
	}
	return j, nil, nil
}

// MismatchError is a journal that cannot be resumed by this command: it
// holds another sweep (or shard) than the one asked to resume, or it is
// damaged. The input's fault, not the run's: exit 2.
type MismatchError struct{ Msg string }

func (e *MismatchError) Error() string { return e.Msg }

func reopen(ctx context.Context, dir string, m *Manifest) (*Journal, []Record, error) {
	data, err := infile.Read(ctx, filepath.Join(dir, "manifest.json"), maxManifestBytes)
	if err != nil {
		return nil, nil, err
	}
	old, err := ParseManifest(data)
	if err != nil {
		return nil, nil, &MismatchError{fmt.Sprintf("cannot resume from %s: %v (run without -resume, with -force, to start over)", dir, err)}
	}
	if err := m.SameSweep(old); err != nil {
		return nil, nil, &MismatchError{fmt.Sprintf("cannot resume from %s: it holds another sweep: %v (remove it, or run without -resume to start over)", dir, err)}
	}
	if old.Shard != m.Shard {
		return nil, nil, &MismatchError{fmt.Sprintf("cannot resume from %s: it holds shard %d/%d, not %d/%d", dir, old.Shard, old.Shards, m.Shard, m.Shards)}
	}
	path := filepath.Join(dir, "pairs.csv")
	// A journal may hold a torn last line and lines recorded twice (the
	// same pair finished by two runs): twice a shard's pairs.csv.
	data, err = infile.Read(ctx, path, 2*maxPairsBytes(m))
	if errors.Is(err, infile.ErrTooLarge) {
		return nil, nil, &MismatchError{fmt.Sprintf("cannot resume: %s is longer than twice the %d pairs of its sweep can be: not a journal a sweep wrote (run without -resume, with -force, to start over)", path, m.ShardPairs())}
	}
	if err != nil {
		return nil, nil, err
	}
	// A line cut short by a crash (no newline at its end) is dropped: its
	// pair runs again. A line recorded twice with the same numbers (the
	// same pair finished by two runs) is kept once; the same pair with
	// different numbers is an error (ParsePairs).
	fixed := data
	if i := bytes.LastIndexByte(fixed, '\n'); i+1 != len(fixed) {
		fixed = fixed[:i+1]
	}
	fixed = dropRepeatedLines(fixed)
	if len(fixed) == 0 { // cut before the header was written
		fixed = PairsCSV(m, nil)
	}
	recs, err := ParsePairs(path, m, fixed, true)
	if err != nil {
		// A damaged journal is the input's fault, as a damaged manifest
		// is: exit 2 with the way out, not 1.
		return nil, nil, &MismatchError{fmt.Sprintf("cannot resume: %v (run without -resume, with -force, to start over)", err)}
	}
	if !bytes.Equal(fixed, data) {
		if err := replaceFile(path, fixed); err != nil {
			return nil, nil, err
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	return &Journal{dir: dir, f: f, m: m}, recs, nil
}

// dropRepeatedLines removes every line equal to an earlier one.
func dropRepeatedLines(data []byte) []byte {
	seen := map[string]bool{}
	out := make([]byte, 0, len(data))
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		line := data[:i+1]
		data = data[i+1:]
		if seen[string(line)] {
			continue
		}
		seen[string(line)] = true
		out = append(out, line...)
	}
	return out
}

// replaceFile writes data to path through a temporary file and a rename.
func replaceFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Append records a finished pair. Each line goes out in one write.
func (j *Journal) Append(r Record) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	_, err := j.f.Write(recordLine(j.m, r))
	return err
}

// Close closes the journal, keeping it for a later resume, and releases
// its lock.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	var err error
	if j.f != nil {
		err = j.f.Close()
		j.f = nil
	}
	if j.lock != nil {
		err = errors.Join(err, j.lock.Close())
		j.lock = nil
	}
	return err
}

// Remove deletes the journal once the sweep's output is safely written,
// then closes it (the lock is held until the folder is gone).
func (j *Journal) Remove() error {
	j.mu.Lock()
	err := os.RemoveAll(j.dir)
	j.mu.Unlock()
	return errors.Join(err, j.Close())
}

// Dir returns the journal's folder.
func (j *Journal) Dir() string { return j.dir }
