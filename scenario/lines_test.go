package scenario

import "testing"

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

func TestScanKeyLinesNeverHangs(t *testing.T) {
	for _, src := range []string{"", "[", "[[", "a", "a =", "a = [", "a = {", `a = "`, "a = '''", `a = """`, "[a.]\n", "= 1", "]]]]", "a = [}", "a = {]", "a = [1,,2]"} {
		ScanKeyLines(src)
	}
}
