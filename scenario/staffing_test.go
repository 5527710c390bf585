package scenario

import (
	"strconv"
	"strings"
	"testing"
)

// A roster's booths are the officers on duty in each hour, shifts that
// run past midnight included, and the lane keeps the roster it came from.
func TestStaffingRosterGivesBooths(t *testing.T) {
	src := `name = "tiny"
horizon = "1d"
[class.car]
value_of_time = 20
[[port]]
name = "San Ysidro"
  [port.lane.car]
  annual_volume = 100000
  primary_time = { dist = "exponential", mean = "34s" }
  [port.lane.car.staffing]
  lanes = 9
  officer_hours = 150
  shifts = [{ start = 6, hours = 8, officers = 5 }, { start = 10, hours = 8, officers = 4 }, { start = 22, hours = 8, officers = 2 }]
`
	s, err := Parse("tiny.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ln := s.Ports[0].Lanes[0]
	want := [24]int{2, 2, 2, 2, 2, 2, 5, 5, 5, 5, 9, 9, 9, 9, 4, 4, 4, 4, 0, 0, 0, 0, 2, 2}
	if ln.Booths != want {
		t.Errorf("booths %v, want %v", ln.Booths, want)
	}
	if ln.Staffing == nil || ln.Staffing.Lanes != 9 || ln.Staffing.OfficerHours != 150 || ln.Staffing.Used() != 88 {
		t.Errorf("staffing %+v", ln.Staffing)
	}
	// The same lane with its booths by hour runs the same schedule.
	var b strings.Builder
	for h, n := range want {
		if h > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(n))
	}
	old := src[:strings.Index(src, "  [port.lane.car.staffing]")] + "  booths = [" + b.String() + "]\n"
	s2, err := Parse("tiny.toml", []byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if s2.Ports[0].Lanes[0].Booths != want || s2.Ports[0].Lanes[0].Staffing != nil {
		t.Errorf("booths by hour: %v", s2.Ports[0].Lanes[0].Booths)
	}
}
