package buildinfo

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// Version returns the module version and, when the binary was built from
// a repository, its revision (with "+dirty" for uncommitted changes):
// "(devel) 1a2b3c4d5e6f+dirty". Without a build stamp (go run, go test,
// -buildvcs=false) it is "(devel)" for every build.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v, _, _ := version(bi)
	return v
}

func version(bi *debug.BuildInfo) (v, rev string, dirty bool) {
	v = bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if r := rev[:min(12, len(rev))]; r != "" && !strings.Contains(v, r) {
		v += " " + r
		if dirty {
			v += "+dirty"
		}
	}
	return v, rev, dirty
}

// GoVersion returns the version of the Go toolchain that built the
// binary ("go1.22.5"): the standard library's floating-point formatting
// and math functions are part of what a run computes.
func GoVersion() string { return runtime.Version() }

var (
	idOnce sync.Once
	id     string
)

// ID returns the build's identity. A clean build from a repository is
// known by its version and full revision. Otherwise the version says
// nothing ("(devel)" for every build, or a revision with uncommitted
// changes), so the identity adds the module's checksum when the go
// command recorded one (go install module@version), else the SHA-256 of
// the running binary: two builds from different sources then never share
// an identity. The binary is read once per process (about 20 ms).
func ID() string {
	idOnce.Do(func() { id = computeID() })
	return id
}

func computeID() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown " + binaryHash()
	}
	v, rev, dirty := version(bi)
	switch {
	case rev != "" && !dirty:
		return v + " rev:" + rev
	case bi.Main.Sum != "":
		return v + " sum:" + bi.Main.Sum
	default:
		return v + " " + binaryHash()
	}
}

// binaryHash is "bin-sha256:" and the first 16 bytes of the running
// executable's SHA-256, or "bin:unreadable" when it cannot be read (then
// every such build shares one identity: the best that can be done).
func binaryHash() string {
	p, err := os.Executable()
	if err != nil {
		return "bin:unreadable"
	}
	f, err := os.Open(p)
	if err != nil {
		return "bin:unreadable"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "bin:unreadable"
	}
	return "bin-sha256:" + hex.EncodeToString(h.Sum(nil)[:16])
}
