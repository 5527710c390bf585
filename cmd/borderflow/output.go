package main

import (
	"path/filepath"

	"borderflow/scenario"
)

// outFor returns the output folder of a command: out, or out/NAME by
// default, cleaned and checked (cleanOut) before any work is done.
func outFor(out, name string, force bool) (string, error) {
	if out == "" {
		// Guarded here too, whatever loaded the name: the default output
		// must land inside out/.
		if err := scenario.CheckName(name); err != nil {
			return "", usagef("the name %q cannot name the output folder out/NAME: %v (give -out)", name, err)
		}
		out = filepath.Join("out", name)
	}
	return cleanOut(out, force)
}

// stageDone tells the test hook that the output is in place: a signal
// from now on no longer undoes the run.
func stageDone() {
	if stageHook != nil {
		stageHook("done")
	}
}
