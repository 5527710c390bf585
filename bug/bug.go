// Package bug carries a panic recovered inside borderflow as an error:
// the program's fault, not its input's, so the command line exits 3 for
// it (2 is a usage or input error, 1 a failed or interrupted run). A
// reader or a chart that recovers a panic returns Recovered's error, so
// one bad input cannot take a finished simulation down with it, and the
// exit code still tells a script that borderflow, not its input, failed.
package bug

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// Error is a recovered panic.
type Error struct {
	Where string // what panicked, as "the TOML reader" or "chart waits"
	Value any    // what was passed to panic
	Stack []byte // the panicking goroutine's stack
}

func (e *Error) Error() string {
	return fmt.Sprintf("internal error in %s: %v (a bug in borderflow, please report it with the command line)", e.Where, e.Value)
}

// Recovered returns an *Error for r, the value recover returned in
// where's deferred function, with the stack of the panic.
func Recovered(where string, r any) error {
	return &Error{Where: where, Value: r, Stack: debug.Stack()}
}

// Is reports whether err is, or wraps, a recovered panic.
func Is(err error) bool {
	var e *Error
	return errors.As(err, &e)
}
