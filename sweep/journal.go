package sweep

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Journal records the pairs of a running sweep as they finish, in a work
// folder beside the output (DIR.partial): manifest.json, then pairs.csv
// with one line appended per finished pair. Lines come in the order pairs
// finish, but each holds exact numbers, so a sweep resumed from the
// journal ends with the same bytes as one never interrupted.
type Journal struct {
	dir string
	mu  sync.Mutex
	f   *os.File
	m   *Manifest
}

// OpenJournal opens the journal in dir for the sweep (or shard) of m.
// With resume, an existing journal of the same sweep and shard is read and
// its finished pairs returned; one of another sweep is an error. Without
// resume, or when there is none, the journal starts empty (replacing any
// earlier one).
func OpenJournal(dir string, m *Manifest, resume bool) (*Journal, []Record, error) {
	if resume {
		if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
			return reopen(dir, m)
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
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

func reopen(dir string, m *Manifest) (*Journal, []Record, error) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, nil, err
	}
	old, err := ParseManifest(data)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot resume from %s: %v", dir, err)
	}
	if err := m.SameSweep(old); err != nil {
		return nil, nil, fmt.Errorf("cannot resume from %s: it holds another sweep: %v (remove it, or run without -resume to start over)", dir, err)
	}
	if old.Shard != m.Shard {
		return nil, nil, fmt.Errorf("cannot resume from %s: it holds shard %d/%d, not %d/%d", dir, old.Shard, old.Shards, m.Shard, m.Shards)
	}
	path := filepath.Join(dir, "pairs.csv")
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	// A line cut short by a crash (no newline at its end) is dropped: its
	// pair runs again.
	if i := bytes.LastIndexByte(data, '\n'); i+1 != len(data) {
		data = data[:i+1]
		if err := os.Truncate(path, int64(len(data))); err != nil {
			return nil, nil, err
		}
	}
	if len(data) == 0 { // cut before the header was written
		data = PairsCSV(m, nil)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, nil, err
		}
	}
	recs, err := ParsePairs(path, m, data, true)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot resume: %v", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	return &Journal{dir: dir, f: f, m: m}, recs, nil
}

// Append records a finished pair. Each line goes out in one write.
func (j *Journal) Append(r Record) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	_, err := j.f.Write(recordLine(j.m, r))
	return err
}

// Close closes the journal, keeping it for a later resume.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}

// Remove closes and deletes the journal once the sweep's output is safely
// written.
func (j *Journal) Remove() error {
	return errors.Join(j.Close(), os.RemoveAll(j.dir))
}

// Dir returns the journal's folder.
func (j *Journal) Dir() string { return j.dir }
