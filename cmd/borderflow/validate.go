package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"borderflow/scenario"
)

var cmdValidate = &command{
	name:  "validate",
	usage: "FILE|SCENARIO...",
	short: "check scenarios without running them",
	run: func(ctx context.Context, a *app, args []string) error {
		fs := newFlags(a, "validate", "FILE|SCENARIO...")
		pos, err := parseArgs(fs, args)
		if err != nil {
			return err
		}
		if len(pos) == 0 {
			return usagef("validate: name a scenario file (or an embedded scenario)")
		}
		// Every argument is checked and reported, good or bad; the exit
		// code is 2 if any is bad.
		bad := 0
		for _, name := range pos {
			if strings.TrimSpace(name) == "" {
				fmt.Fprintf(a.stderr, "borderflow: validate: an empty argument is not a scenario\n")
				bad++
				continue
			}
			sc, err := loadScenario(ctx, name, nil)
			if err != nil {
				if !isUsage(err) {
					return err // interrupted: stop at once
				}
				a.exit(err)
				bad++
				continue
			}
			fmt.Fprintf(a.stdout, "%s: ok — %d ports, %d lanes, %d load flows, %d organisations, %d surges; %s after %s warm-up, %d replication(s)\n",
				name, len(sc.Ports), lanes(sc), len(sc.Loads), len(sc.Orgs), len(sc.Surges),
				scenario.FormatDuration(sc.Horizon), scenario.FormatDuration(sc.Warmup), sc.Replications)
		}
		if bad > 0 {
			return &reportedError{fmt.Sprintf("validate: %d of %d scenarios have problems", bad, len(pos))}
		}
		return nil
	},
}

// isUsage reports whether err is a usage or scenario error (exit code 2).
func isUsage(err error) bool {
	var ue *usageError
	var ce *configError
	return errors.As(err, &ue) || errors.As(err, &ce)
}

// lanes counts the port lanes (port × vehicle class) of a scenario.
func lanes(sc *scenario.Scenario) int {
	n := 0
	for _, p := range sc.Ports {
		n += len(p.Lanes)
	}
	return n
}
