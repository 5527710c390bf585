package infile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadsARegularFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.toml")
	os.WriteFile(p, []byte("x = 1\n"), 0o644)
	b, err := Read(context.Background(), p, 6)
	if err != nil || string(b) != "x = 1\n" {
		t.Fatalf("%q, %v", b, err)
	}
	if _, err := Read(context.Background(), p, 5); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "more than 5 bytes") {
		t.Errorf("6 bytes with a limit of 5: %v", err)
	}
	if _, err := Read(context.Background(), filepath.Join(t.TempDir(), "none"), 5); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

// A FIFO nobody writes would block a read for ever: it is refused at
// once, as is /dev/zero behind a symbolic link (endless) and a folder.
func TestRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "policies.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	zero := filepath.Join(dir, "series.csv")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, kind string }{{fifo, "a FIFO"}, {zero, "a character device"}, {dir, "a folder"}} {
		done := make(chan error, 1)
		go func() { _, err := Read(context.Background(), c.path, 1<<30); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), c.kind) {
				t.Errorf("%s: %v", c.path, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the read blocked", c.path)
		}
	}
}

// The limit is counted while reading, not taken from the file's size: a
// file of /proc says it is empty and is not.
func TestLimitCountedWhileReading(t *testing.T) {
	const p = "/proc/self/maps"
	st, err := os.Stat(p)
	if err != nil || st.Size() != 0 {
		t.Skip("no /proc/self/maps of size 0")
	}
	if _, err := Read(context.Background(), p, 10); !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v", err)
	}
}

// A done context stops the read: before the first byte, and between
// chunks of a long file.
func TestReadStopsWhenCancelled(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(p, make([]byte, 3*chunk), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, p, 1<<30); !errors.Is(err, ErrInterrupted) {
		t.Errorf("got %v", err)
	}
}

// Out of memory is unreachable through Read: what it allocates is bounded
// by the limit, whatever the file's size. A sparse file of 4 GB (nothing
// written) with a limit of 1 MB is refused having allocated almost
// nothing, and a file whose size says 0 (/proc) is read only to the limit.
func TestReadAllocatesWithinTheLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.csv")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(4 << 30); err != nil {
		t.Skip("no sparse files:", err)
	}
	f.Close()
	allocated := func(read func()) uint64 {
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		read()
		runtime.ReadMemStats(&b)
		return b.TotalAlloc - a.TotalAlloc
	}
	if n := allocated(func() {
		if _, err := Read(context.Background(), p, 1<<20); !errors.Is(err, ErrTooLarge) {
			t.Errorf("got %v", err)
		}
	}); n > 1<<20 {
		t.Errorf("4 GB refused after allocating %d bytes", n)
	}
	if st, err := os.Stat("/proc/self/maps"); err == nil && st.Size() == 0 {
		if n := allocated(func() { Read(context.Background(), "/proc/self/maps", 100) }); n > 64<<10 {
			t.Errorf("a 100-byte limit allocated %d bytes", n)
		}
	}
}
