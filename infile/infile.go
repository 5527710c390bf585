package infile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// The reasons Read refuses a file, for errors.Is.
var (
	ErrNotRegular  = errors.New("not a regular file")
	ErrTooLarge    = errors.New("too large")
	ErrInterrupted = errors.New("interrupted while reading")
)

// Error is a file Read refused or could not read.
type Error struct {
	Path  string
	Limit int64 // the size limit, for ErrTooLarge
	Kind  string
	Err   error // ErrNotRegular, ErrTooLarge, ErrInterrupted or the system's error
}

func (e *Error) Error() string {
	switch {
	case errors.Is(e.Err, ErrNotRegular):
		return fmt.Sprintf("%s: not a regular file (%s): borderflow reads its inputs only from regular files", e.Path, e.Kind)
	case errors.Is(e.Err, ErrTooLarge):
		return fmt.Sprintf("%s: more than %d bytes, the most this file may hold", e.Path, e.Limit)
	case errors.Is(e.Err, ErrInterrupted):
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Path, Problem(e.Err))
}

func (e *Error) Unwrap() error { return e.Err }

// Problem says in a few words why a file could not be opened or read.
func Problem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// chunk is how much is read between two looks at the context: small
// enough that a signal stops a read of the largest allowed file at once.
const chunk = 1 << 20

// Read returns the contents of the regular file at path, at most limit
// bytes: a longer file is refused (ErrTooLarge) once limit+1 bytes have
// been read, whatever its size says. A FIFO, a device, a socket or a
// folder is refused (ErrNotRegular) without blocking: the file is opened
// non-blocking and its type checked on the open descriptor, so a FIFO
// swapped in after a check cannot get past it. A done ctx stops the read
// (ErrInterrupted).
func Read(ctx context.Context, path string, limit int64) ([]byte, error) {
	if ctx.Err() != nil {
		return nil, &Error{Path: path, Err: ErrInterrupted}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	if !st.Mode().IsRegular() {
		return nil, &Error{Path: path, Kind: kind(st.Mode()), Err: ErrNotRegular}
	}
	size := st.Size()
	if size > limit {
		return nil, &Error{Path: path, Limit: limit, Err: ErrTooLarge}
	}
	buf := make([]byte, 0, size+1)
	for {
		if ctx.Err() != nil {
			return nil, &Error{Path: path, Err: ErrInterrupted}
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		want := min(cap(buf)-len(buf), chunk, int(limit+1-int64(len(buf))))
		n, err := f.Read(buf[len(buf) : len(buf)+want])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &Error{Path: path, Limit: limit, Err: ErrTooLarge}
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, &Error{Path: path, Err: err}
		}
	}
}

// kind names a file type that is not regular.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "type " + m.Type().String()
}
