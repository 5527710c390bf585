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
			// The loader's "nor a file" would be wrong here: show prints
			// shipped scenarios only, even when a file has the name.
			list := scenario.EmbeddedNames()
			return usagef("show: unknown scenario %q%s: show prints a shipped scenario (%s); a file of your own is already its TOML",
				pos[0], scenario.DidYouMean(pos[0], list), strings.Join(list, ", "))
		}
		_, err = a.stdout.Write(data)
		return err
	},
}
