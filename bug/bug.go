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
