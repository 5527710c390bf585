package buildinfo

import (
	"runtime/debug"
	"strings"
	"testing"
)

// Without a VCS stamp every build is "(devel)": the identity must then
// carry something that tells builds apart (the binary's hash).
func TestIDWithoutVCSNamesTheBinary(t *testing.T) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build info")
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			t.Skip("stamped build")
		}
	}
	if !strings.Contains(ID(), "bin-sha256:") && !strings.Contains(ID(), "sum:") {
		t.Errorf("ID() = %q: neither a binary hash nor a module sum", ID())
	}
	if ID() == Version() {
		t.Errorf("ID() is just the version %q", ID())
	}
	if ID() != computeID() {
		t.Error("ID not stable within a process")
	}
}

func TestVersionWithRevision(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}
	v, rev, dirty := version(bi)
	if v != "(devel) 0123456789ab+dirty" || rev != "0123456789abcdef0123" || !dirty {
		t.Errorf("version = %q %q %v", v, rev, dirty)
	}
}
