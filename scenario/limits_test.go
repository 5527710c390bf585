package scenario

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A million and a half nested arrays, one bracket a line (within the size
// and line limits), overflowed the TOML reader's stack: a crash that no
// recover catches. The depth is counted before the reader sees the text.
func TestDeepNestingRefusedBeforeTheReader(t *testing.T) {
	data := []byte("x = " + strings.Repeat("[\n", 1_500_000))
	_, err := Parse("deep.toml", data)
	if err == nil || !strings.Contains(err.Error(), "deep.toml:65: (nesting): arrays and inline tables nested more than 64 deep") {
		t.Fatalf("got %v", err)
	}
	// Brackets in strings and comments are not nesting.
	ok := "x = \"" + strings.Repeat("[", 100) + "\" # " + strings.Repeat("{", 100) + "\ny = '''\n" + strings.Repeat("[", 100) + "\n'''\n"
	if line, fine := checkNesting([]byte(ok)); !fine {
		t.Errorf("brackets in strings counted, line %d", line)
	}
}

// A file is read with the size limit enforced (infile): /dev/zero grew
// the process to 24 GB, and is now refused as no regular file; a FIFO
// that no one writes, which blocked, is refused at once; a regular file
// over the limit is refused by size.
func TestReadStopsAtTheSizeLimit(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err := Load("/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "/dev/zero: not a regular file (a character device)") {
		t.Fatalf("got %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.toml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(maxFileBytes + 1) // sparse: no 8 MB written
	f.Close()
	if _, err = Load(big); err == nil || !strings.Contains(err.Error(), "(file): more than 8388608 bytes: a scenario is at most 8 MB") {
		t.Fatalf("got %v", err)
	}
	fifo := filepath.Join(t.TempDir(), "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err = Load(fifo); err == nil || !strings.Contains(err.Error(), "not a regular file (a FIFO)") {
		t.Fatalf("got %v", err)
	}
}

// Reading a scenario stops when the context is done, even while a read
// of a pipe blocks (validate <(sleep 30; ...) ignored SIGINT).
func TestReadStopsWhenCancelled(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	// Held open for writing and never written: a read blocks.
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Open(ctx, fifo)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("got %v, want ErrInterrupted", err)
	}
}
