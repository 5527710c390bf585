package bug

import (
	"fmt"
	"strings"
	"testing"
)

func TestRecovered(t *testing.T) {
	f := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = Recovered("the test", r)
			}
		}()
		var m map[string]int
		m["x"] = 1 // a nil-map write panics
		return nil
	}
	err := fmt.Errorf("reading x.toml: %w", f())
	if !Is(err) || !strings.Contains(err.Error(), "internal error in the test: assignment to entry in nil map") {
		t.Errorf("got %v", err)
	}
	if Is(fmt.Errorf("plain")) {
		t.Error("a plain error is a bug")
	}
}
