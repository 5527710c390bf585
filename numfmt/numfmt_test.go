package numfmt

import (
	"encoding/json"
	"math"
	"testing"
)

// Exact writes what encoding/json writes, so a CSV value equals the
// summary.json value byte for byte (a count is 2932694, not 2.93269e+06).
func TestExactMatchesJSON(t *testing.T) {
	for _, x := range []float64{0, 1, -1, 2932694, 2932694.3333333335, 1e-7, 3.2e-9, 1e21, 1.5e22, 0.1, 1.0 / 3, 123456789012, -4.25e-12, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		if got := Exact(x); got != string(b) {
			t.Errorf("Exact(%v) = %q, JSON %q", x, got, b)
		}
	}
	if Exact(2932694) != "2932694" {
		t.Errorf("a count is not an integer: %s", Exact(2932694))
	}
	if Exact(math.NaN()) != "" {
		t.Error("NaN not empty")
	}
}

func TestShortFormats(t *testing.T) {
	cases := []struct{ got, want string }{
		{Count(12), "12"}, {Count(3.4), "3.4"}, {Count(456.7), "457"}, {Count(45e3), "45000"}, {Count(450e3), "450k"},
		{Count(12.3e6), "12.3M"}, {Count(-450e3), "-450k"},
		{Minutes(4.44), "4.4 min"}, {Minutes(150), "2.5 h"}, {Min(48.64), "48.6"}, {Min(150.2), "150"},
		{Pct(0.031), "3.1%"}, {USD(812), "$812"}, {USD(45e3), "$45k"}, {USD(8.3e6), "$8.3M"}, {USD(1.25e9), "$1.25B"},
		{USD(-2e6), "-$2.0M"}, {Signed(-3, Count), "-3"}, {Signed(3, Count), "+3"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("%d: got %q, want %q", i, c.got, c.want)
		}
	}
}
