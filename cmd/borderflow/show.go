package main

import (
	"context"
	"strings"

	"borderflow/scenario"
)

var cmdShow = &command{
	name:  "show",
	usage: "SCENARIO",
	short: "print a shipped scenario's TOML, to start a study of your own from it",
	run: func(ctx context.Context, a *app, args []string) error {
		fs := newFlags(a, "show", "SCENARIO")
		pos, err := parseArgs(fs, args)
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usagef("show: name one shipped scenario (%s), got %d arguments", strings.Join(scenario.EmbeddedNames(), ", "), len(pos))
		}
		data, err := scenario.ShippedTOML(pos[0])
		if err != nil {
			return usagef("%v", err)
		}
		_, err = a.stdout.Write(data)
		return err
	},
}
