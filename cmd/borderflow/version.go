package main

import (
	"context"
	"fmt"
	"runtime"

	"borderflow/buildinfo"
)

var cmdVersion = &command{
	name:  "version",
	usage: "",
	short: "print the build: module version, VCS revision, Go version",
	run: func(ctx context.Context, a *app, args []string) error {
		fs := newFlags(a, "version", "")
		pos, err := parseArgs(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usagef("version takes no arguments")
		}
		fmt.Fprint(a.stdout, versionText())
		return nil
	},
}

// versionText is what `borderflow version` prints: the module version
// with the VCS revision (buildinfo.Version), the build's identity (what
// a sweep's manifest records and merge compares) and the Go version.
func versionText() string {
	return fmt.Sprintf("borderflow %s\nbuild %s\n%s %s/%s\n", buildinfo.Version(), buildinfo.ID(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
