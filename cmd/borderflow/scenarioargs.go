package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"borderflow/scenario"
)

// overrideFlags are the flags that change the scenario — -set PATH=VALUE
// and its shorthands -horizon, -seed and -reps — kept in the order given,
// since later overrides win. They change the scenario's TOML before it is
// decoded, so the loader checks them as it checks the file.
type overrideFlags struct {
	list []scenario.Override
	sets []string // the -set arguments, for summary.json's "overrides"
	reps bool     // -reps was given
}

func (o *overrideFlags) register(fs *flagSet, repsDefault string) {
	fs.Func("set", "change one value of the scenario, PATH=VALUE, with PATH as the loader's messages spell keys and ports also by name: -set horizon=30d, -set 'port[Eagle Pass].lane.truck.booths=12' (repeatable; in order)", func(s string) error {
		ov, err := scenario.ParseSet(s)
		if err != nil {
			return errors.New(strings.TrimPrefix(err.Error(), "-set "+s+": "))
		}
		o.list = append(o.list, ov)
		o.sets = append(o.sets, s)
		return nil
	})
	fs.Func("seed", "master random seed (default: the scenario's); the same as -set seed=N", func(s string) error {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil || n > math.MaxInt64 {
			return fmt.Errorf("want a whole number from 0 to %d (2^63−1), got %q", int64(math.MaxInt64), s)
		}
		o.list = append(o.list, scenario.Override{Arg: "-seed " + s, Path: "seed", Value: int64(n)})
		return nil
	})
	fs.Func("reps", "replications (default: "+repsDefault+"); the same as -set replications=R", func(s string) error {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			return fmt.Errorf("want a whole number of replications, at least 1, got %q", s)
		}
		o.list = append(o.list, scenario.Override{Arg: "-reps " + s, Path: "replications", Value: n})
		o.reps = true
		return nil
	})
	fs.Func("horizon", "simulated time after warm-up, with a unit: 7d, 12h, 365d (default: the scenario's); the same as -set horizon=DURATION", func(s string) error {
		o.list = append(o.list, scenario.Override{Arg: "-horizon " + s, Path: "horizon", Value: s})
		return nil
	})
}

// scenarioArg returns the one scenario argument of a command: Default
// when none is given; "" is refused (an empty variable in a script
// should not silently run the default scenario).
func scenarioArg(cmd string, pos []string) (string, error) {
	switch {
	case len(pos) > 1:
		return "", usagef("%s: want at most one scenario, got %d: %v", cmd, len(pos), pos)
	case len(pos) == 0:
		return scenario.Default, nil
	case strings.TrimSpace(pos[0]) == "":
		return "", usagef("%s: the scenario argument is empty: name a shipped scenario (borderflow scenarios) or a file, or give none for %s", cmd, scenario.Default)
	}
	return pos[0], nil
}

// loadScenario reads the scenario arg names (stopping if ctx is done)
// and decodes it with the overrides. A file that cannot be read is a
// usage error ("borderflow: my.toml: no such file"); a scenario the
// loader refuses is a config error with every problem.
func loadScenario(ctx context.Context, arg string, ovs []scenario.Override) (*scenario.Scenario, error) {
	src, err := scenario.Open(ctx, arg)
	if err != nil {
		return nil, sourceError(err)
	}
	sc, err := src.Decode(ovs...)
	if err != nil {
		if len(ovs) > 0 {
			err = &changedError{err, ovs}
		}
		return nil, &configError{err}
	}
	return sc, nil
}

// changedError is a scenario refused after overrides: the problems, then
// a line saying which changes were made, since a problem between keys
// (a warm-up as long as a -horizon) names the file's key and line.
type changedError struct {
	err error
	ovs []scenario.Override
}

func (e *changedError) Error() string {
	args := make([]string, len(e.ovs))
	for i, o := range e.ovs {
		args[i] = o.Arg
	}
	return fmt.Sprintf("%v\nborderflow: the scenario as changed by %s is refused", e.err, strings.Join(args, ", "))
}

func (e *changedError) Unwrap() error { return e.err }

// sourceError sorts out why a scenario could not be read.
func sourceError(err error) error {
	if errors.Is(err, scenario.ErrInterrupted) {
		return err // exit 1: "borderflow: FILE: interrupted while reading the scenario"
	}
	var e *scenario.Error
	var es scenario.Errors
	if errors.As(err, &es) || (errors.As(err, &e) && e.Line > 0) {
		return &configError{err} // FILE:LINE: KEY: MSG, printed as it is
	}
	// A file that cannot be read, or a name that is neither a shipped
	// scenario nor a file: one line, "borderflow: ..." like every usage
	// error (the unknown name was printed bare).
	return usagef("%v", err)
}

// defaultOut is the name of a run's default output folder: a shipped
// scenario's name, or a file's name without folder and .toml, so that a
// modified copy of a scenario never writes over its original's results.
func defaultOut(sc *scenario.Scenario) string {
	if strings.HasPrefix(sc.Source, "embedded:") || sc.Source == "" {
		return sc.Name
	}
	base := filepath.Base(sc.Source)
	if name := strings.TrimSuffix(base, filepath.Ext(base)); name != "" && scenario.CheckName(name) == nil {
		return name
	}
	return sc.Name
}

// inputFileError is the error of a file a flag names (-budget, -policies):
// one problem of the whole file, such as "no such file", is a usage
// error naming the flag ("borderflow: -budget b.toml: no such file"; it
// was printed bare, unlike a scenario's); problems at lines are printed
// as they are.
func inputFileError(flag string, err error) error {
	var es scenario.Errors
	if errors.As(err, &es) && len(es) == 1 && es[0].Line == 0 {
		return usagef("%s %v", flag, err)
	}
	return &configError{err}
}
