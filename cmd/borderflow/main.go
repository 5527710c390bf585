// Command borderflow simulates the US–Mexico border's ports of entry from
// TOML scenarios: vehicles, inspection, contraband and the smugglers who
// adapt. Run "borderflow help" for the subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"borderflow/bug"
)

// Exit codes: one exit path maps errors to them (as restic does).
const (
	exitOK      = 0
	exitFailure = 1 // the run failed or was interrupted
	exitUsage   = 2 // bad command line or bad scenario
	// exitBug is a panic recovered inside borderflow (bug.Error): the
	// program's fault, not the input's. Go's own fatal errors (stack
	// overflow, out of memory) exit 2 and cannot be caught, so the
	// readers' bounds (infile, scenario's shape check) keep inputs from
	// reaching them.
	exitBug = 3
)

// command is one subcommand, in the manner of cmd/go's base.Command.
type command struct {
	name  string
	usage string // after "borderflow NAME "
	short string
	run   func(ctx context.Context, app *app, args []string) error
}

// app carries what commands share: the output streams and whether stderr
// is a terminal (for progress).
type app struct {
	stdout, stderr io.Writer
	tty            bool
}

// usageError is a command-line mistake: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// reportedError is a usage error whose details are already printed: it
// adds one summing-up line, exit code 2.
type reportedError struct{ msg string }

func (e *reportedError) Error() string { return e.msg }

// configError wraps a scenario that does not load: exit code 2.
type configError struct{ err error }

func (e *configError) Error() string { return e.err.Error() }
func (e *configError) Unwrap() error { return e.err }

// commands is the one table of subcommands, in the order help lists
// them. It is a function, not a variable, so that a command may refer to
// the table (help does) without an initialisation cycle.
func commands() []*command {
	return []*command{cmdRun, cmdCompare, cmdSweep, cmdMerge, cmdPlot, cmdOptimise, cmdValidate, cmdScenarios, cmdShow, cmdVersion}
}

func main() {
	// The heap is a few MB of long-lived model state and almost no garbage
	// (nothing is allocated per vehicle or event), so collecting at 50%
	// growth instead of 100% costs no measurable time and trims the peak
	// memory of long runs (docs/PERFORMANCE.md).
	debug.SetGCPercent(50)
	ctx, stop := signalContext()
	defer stop()
	st, _ := os.Stderr.Stat()
	a := &app{stdout: os.Stdout, stderr: os.Stderr, tty: st != nil && st.Mode()&os.ModeCharDevice != 0}
	code := a.main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// signalContext is cancelled by SIGINT, SIGTERM and SIGPIPE. A reader of
// the output that has gone (sweep ... | head) then stops the work as
// Ctrl-C does, leaving a sweep resumable, where Go's default would kill
// the process in the middle of a write, its lock and journal left behind;
// later writes to the closed pipe fail with EPIPE instead.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGPIPE)
}

// main runs the command line args and returns the exit code. A panic in
// the command's goroutine is reported as a bug, exit 3, with its stack.
func (a *app) main(ctx context.Context, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			code = a.exit(bug.Recovered("borderflow", r))
		}
	}()
	if len(args) == 0 {
		args = []string{"run"}
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		return a.help(ctx, args[1:])
	}
	if name == "-version" || name == "--version" {
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			return a.exit(c.run(ctx, a, args[1:]))
		}
	}
	fmt.Fprintf(a.stderr, "borderflow: unknown command %q\nRun 'borderflow help' for usage.\n", name)
	return exitUsage
}

func (a *app) exit(err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var ue *usageError
	var ce *configError
	var re *reportedError
	var be *bug.Error
	switch {
	case errors.As(err, &be):
		fmt.Fprintf(a.stderr, "borderflow: %v\n%s", err, be.Stack)
		return exitBug
	case errors.As(err, &re):
		fmt.Fprintf(a.stderr, "borderflow: %v\n", err)
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(a.stderr, "borderflow: %v\n", err)
		return exitUsage
	case errors.As(err, &ce):
		fmt.Fprintf(a.stderr, "%v\n", err)
		return exitUsage
	default:
		fmt.Fprintf(a.stderr, "borderflow: %v\n", err)
		return exitFailure
	}
}

// help prints the commands, or one command's usage and flags; a command
// that does not exist, or more than one, is a usage error.
func (a *app) help(ctx context.Context, args []string) int {
	if len(args) > 1 {
		fmt.Fprintf(a.stderr, "borderflow: help takes one command, got %d: %v\n", len(args), args)
		return exitUsage
	}
	if len(args) == 1 {
		for _, c := range commands() {
			if c.name == args[0] {
				fmt.Fprintf(a.stdout, "%s\n\n", c.short)
				c.run(ctx, a, []string{"-h"})
				return exitOK
			}
		}
		fmt.Fprintf(a.stderr, "borderflow: help: unknown command %q\nRun 'borderflow help' for the commands.\n", args[0])
		return exitUsage
	}
	fmt.Fprintf(a.stdout, "borderflow simulates vehicles, inspection and smuggling at the US–Mexico ports of entry.\n\n")
	fmt.Fprintf(a.stdout, "usage: borderflow <command> [arguments]\n\ncommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(a.stdout, "  %-10s %s\n", c.name, c.short)
	}
	fmt.Fprintf(a.stdout, "\nWith no command, borderflow runs the default scenario.\nRun 'borderflow help <command>' for a command's flags.\n")
	return exitOK
}

// flagSet is a command's flags with its usage line and where -h prints.
type flagSet struct {
	*flag.FlagSet
	usage string
	help  io.Writer
}

// newFlags returns a flag set whose errors come back as usage errors.
func newFlags(a *app, name, usage string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package's own messages are silenced: parseArgs reports a
	// mistake once, in our words, and -h prints the usage and every flag.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, usage: strings.TrimSpace("usage: borderflow " + name + " " + usage), help: a.stdout}
}

// checkEmpty refuses a string flag given an empty value (-out "",
// -policies "$UNSET"): left out, each means its default (out/NAME, the
// built-in policies, every shard), so an empty variable in a script
// silently ran something the user did not ask for.
func (fs *flagSet) checkEmpty() error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok || err != nil {
			return
		}
		if v, isString := g.Get().(string); isString && strings.TrimSpace(v) == "" {
			err = usagef("%s: -%s is empty: give a value, or leave the flag out for its default\n%s (borderflow %s -h for the flags)", fs.Name(), f.Name, fs.usage, fs.Name())
		}
	})
	return err
}

// parseArgs parses flags that may come before or after the positional
// arguments ("run eagle-pass -seed 3" as well as "run -seed 3 eagle-pass").
func parseArgs(fs *flagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(fs.help, "%s\n", fs.usage)
				n := 0
				fs.VisitAll(func(*flag.Flag) { n++ })
				if n > 0 { // no empty heading for a command without flags
					fmt.Fprintf(fs.help, "\nflags:\n")
					fs.SetOutput(fs.help)
					fs.PrintDefaults()
					fs.SetOutput(io.Discard)
				}
				return nil, err
			}
			msg := err.Error()
			if strings.HasPrefix(msg, "invalid boolean value") {
				// The flag package ends it with a bare "parse error".
				msg = strings.TrimSuffix(msg, ": parse error") + ": want true or false (or the flag alone, for true)"
			}
			return nil, usagef("%s: %s\n%s (borderflow %s -h for the flags)", fs.Name(), msg, fs.usage, fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, fs.checkEmpty()
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), fs.checkEmpty()
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// workersValue is a -workers flag: the flag package's own integer flag
// said only "parse error" for -workers x.
type workersValue int

func (w *workersValue) String() string { return strconv.Itoa(int(*w)) }

func (w *workersValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("want a whole number of workers (goroutines side by side), at least 1, got %q", s)
	}
	*w = workersValue(n)
	return nil
}

// workersVar defines a -workers flag stored in p.
func workersVar(fs *flagSet, p *int, usage string) {
	fs.Var((*workersValue)(p), "workers", usage)
}
