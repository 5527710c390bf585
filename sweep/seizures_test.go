package sweep

import (
	"bytes"
	"strings"
	"testing"
)

// The terminal table shows loads seized with their interval beside kg,
// and the paired differences of both.
func TestTableShowsLoadsBesideKg(t *testing.T) {
	sc := trucksOnly(t, shipped(t, "eagle-pass", 2, 3), 100)
	res := run(t, "loads", sc, []Policy{
		{Name: "a", Referral: map[string]float64{"truck": 0.1}},
		{Name: "b", Referral: map[string]float64{"truck": 0.3}},
	})
	var b bytes.Buffer
	if err := res.Table(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	i := strings.Index(out, "policy  kg seized")
	if i < 0 || !strings.Contains(out[i:], "loads seized") || !strings.Contains(out[i:], "diff loads") {
		t.Fatalf("no seizures table with loads:\n%s", out)
	}
	lines := strings.Split(out[i:], "\n")
	if len(lines) < 3 || strings.Count(lines[2], "+/-") != 4 {
		t.Errorf("policy b's row should give kg, loads and both differences with intervals: %q", lines[2])
	}
}
