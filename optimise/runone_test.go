package optimise

import (
	"testing"

	"borderflow/bug"
)

// A replication's panic in an evaluating worker ended the process with
// Go's exit 2; it comes back as a bug.Error (exit 3). A scenario built in
// code past the loader's checks (a lane of a class that does not exist)
// makes the model panic.
func TestRunOneRecoversAPanic(t *testing.T) {
	sc := twoPorts()
	sc.Ports[0].Lanes[0].Class = 1000
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panicked through: %v", r)
		}
	}()
	_, err := runOne(sc, 0, nil)
	if !bug.Is(err) {
		t.Errorf("got %v, want a bug.Error", err)
	}
}
