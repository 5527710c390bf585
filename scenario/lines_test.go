package scenario

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestScanKeyLines(t *testing.T) {
	src := `# a comment
name = "x"   # trailing
horizon = "1d"
hours = [
  1, 2,   # two
  3,
]
"quoted key" = 'lit'
note = """
multi
line"""

[class.truck]
value_of_time = 1.0

[[port]]
name = "A"
  [[port.method]]
  name = "m0"
  detect = { a = 0.1, b = 0.2 }
  [[port.method]]
  name = "m1"
  [port.lane.truck]
  booths = 2
  secondary = [{ method = "m0" },
               { method = "m1", only_on_alarm = true }]
  sub.dotted = 3

[[port]]
name = "B"
  [port.lane."big truck"]
  booths = 1
`
	k := ScanKeyLines(src)
	for path, want := range map[string]int{
		"name":                                   2,
		"horizon":                                3,
		"hours":                                  4,
		"hours[2]":                               6,
		"quoted key":                             8,
		"note":                                   9,
		"class.truck":                            13,
		"class.truck.value_of_time":              14,
		"port":                                   16,
		"port[0]":                                16,
		"port[0].name":                           17,
		"port[0].method[0]":                      18,
		"port[0].method[0].detect.b":             20,
		"port[0].method[1].name":                 22,
		"port[0].lane.truck":                     23,
		"port[0].lane.truck.booths":              24,
		"port[0].lane.truck.secondary[0].method": 25,
		"port[0].lane.truck.secondary[1].method": 26,
		"port[0].lane.truck.secondary[1].only_on_alarm": 26,
		"port[0].lane.truck.sub.dotted":                 27,
		"port[1].name":                                  30,
		"port[1].lane.big truck.booths":                 32,
	} {
		if got := k.Line(path); got != want {
			t.Errorf("line(%q) = %d, want %d", path, got, want)
		}
	}
	// Fallback to the nearest recorded ancestor.
	if got := k.Line("port[0].lane.truck.primary_time.mean"); got != 23 {
		t.Errorf("fallback: got %d, want 23", got)
	}
	if got := k.Line("nothing.here"); got != 0 {
		t.Errorf("unknown: got %d", got)
	}
}

// The scanner ends on any input, with work linear in its length: its
// loops make at most a few iterations per byte, over truncated and
// malformed documents, deep nesting (past maxDepth), long runs of one
// character and random byte strings from TOML's punctuation. (The scanner
// runs only on documents the TOML library accepted; this is the guard for
// the rest.)
func TestScanKeyLinesNeverHangs(t *testing.T) {
	inputs := []string{"", "[", "[[", "a", "a =", "a = [", "a = {", `a = "`, "a = '''", `a = """`, "[a.]\n", "= 1", "]]]]", "a = [}", "a = {]", "a = [1,,2]",
		"a = [=]", "a = {b}", "a = {b = }", "a = [{]", "a = {b = [}", `a = "\`, `a = """\`, "a.", "a.\"", "a.'", "'a", "\"a\n= 1", "\r\r\r", "a = [\n#\n", "[[a]]\n[[a.b]]\n[a.b.c]\nd = 1\n"}
	for _, n := range []int{10, 100, 10000} {
		for _, unit := range []string{"[", "{", "a = [", "a = {b = ", "[[a]]\n", "a.", "\"", "'''", `"""`, "=", ",", "]", "}", "\n", "#", "a = [1,", "a = {b = 1,", "a = [[", "a = [{b = ["} {
			inputs = append(inputs, strings.Repeat(unit, n))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := "[]{}=,.\"'#\\ \t\r\nab1"
	for range 2000 {
		b := make([]byte, r.IntN(200))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	worst := 0.0
	for _, src := range inputs {
		_, steps := scanKeyLines(src)
		per := float64(steps) / float64(len(src)+1)
		worst = max(worst, per)
		if per > 3 {
			t.Errorf("%d iterations for %d bytes (%.1f a byte) on %.40q", steps, len(src), per, src)
		}
	}
	t.Logf("%d inputs, at most %.2f loop iterations a byte", len(inputs), worst)
}
