package main

import (
	"context"
	"fmt"
	"strings"

	"borderflow/numfmt"
	"borderflow/scenario"
)

var cmdScenarios = &command{
	name:  "scenarios",
	usage: "",
	short: "list the scenarios built into the binary",
	run: func(ctx context.Context, a *app, args []string) error {
		fs := newFlags(a, "scenarios", "")
		pos, err := parseArgs(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usagef("scenarios takes no arguments")
		}
		for _, n := range scenario.EmbeddedNames() {
			mark := " "
			if n == scenario.Default {
				mark = "*"
			}
			pad := strings.Repeat(" ", 23) // the name's column and its mark
			desc := numfmt.Wrap(scenario.Describe(n), numfmt.MaxWidth-len(pad), "")
			fmt.Fprintf(a.stdout, "%s %-20s %s\n", mark, n, strings.ReplaceAll(desc, "\n", "\n"+pad))
		}
		fmt.Fprintf(a.stdout, "\n* the default: 'borderflow run' runs it\n")
		return nil
	},
}
