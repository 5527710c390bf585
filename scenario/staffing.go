package scenario

import "fmt"

// Staffing is how a port staffs a lane's primary booths: a number of
// primary lanes built, officers who work shifts, and a staff budget of
// officer-hours a day that the shifts must fit in. The booths open in an
// hour are the officers on duty then (one officer to a booth), so queues
// follow demand over the day instead of each hour being staffed for its
// own traffic. A lane's [port.lane.CLASS.staffing] table gives it
// (docs/SCENARIOS.md, "Staffing by shift"); the hourly booths list is the
// other way to write a lane's booths, and the two exclude each other.
type Staffing struct {
	// Lanes is the number of primary lanes built: no more booths are ever
	// open at once.
	Lanes int
	// OfficerHours is the staff budget: the officer-hours a day the
	// shifts may use at the primary booths.
	OfficerHours float64
	Shifts       []Shift
}

// Shift is a tour of duty that starts every day at the same hour.
type Shift struct {
	Start    int // hour of the day, 0 to 23
	Hours    int // length, 1 to 24; a shift may run past midnight
	Officers int // officers on duty at the booths for the whole shift
}

// Booths returns the booths open in each hour of the day: the officers of
// every shift on duty in that hour.
func (s *Staffing) Booths() [24]int {
	var out [24]int
	for _, sh := range s.Shifts {
		for i := 0; i < sh.Hours; i++ {
			out[(sh.Start+i)%24] += sh.Officers
		}
	}
	return out
}

// Used is the officer-hours a day the shifts take.
func (s *Staffing) Used() float64 {
	n := 0
	for _, sh := range s.Shifts {
		n += sh.Hours * sh.Officers
	}
	return float64(n)
}

// maxShifts bounds the shifts of one lane: a roster longer than this is a
// mistake, not a port.
const maxShifts = 96

// staffing reads a lane's optional staffing table; ok says a roster was
// given (then the lane's booths are the roster's).
func (d *decoder) staffing(t *table) (*Staffing, bool) {
	st := t.sub("staffing", `{ lanes = 10, officer_hours = 160, shifts = [{ start = 6, hours = 8, officers = 8 }, { start = 14, hours = 8, officers = 8 }, { start = 22, hours = 8, officers = 4 }] }`)
	if st == nil {
		return nil, false
	}
	defer st.done()
	s := &Staffing{}
	// The roster is checked against lanes and budget only when every key
	// read well: a bad one was taken as 0, and "more than the 0 lanes
	// built" only echoed lanes = -1.
	nerr := len(d.errs)
	if !st.has("lanes") {
		d.errorf(st.path, "lanes is required: the primary lanes built, e.g. lanes = 10")
	}
	s.Lanes = int(st.integer("lanes", 0, 1, maxBooths, "lanes"))
	if !st.has("officer_hours") {
		d.errorf(st.path, "officer_hours is required: the staff budget, officer-hours a day at the primary booths, e.g. officer_hours = 160")
	}
	s.OfficerHours = st.number("officer_hours", 0, bounds{lo: 0, hi: 24 * maxBooths, unit: "officer-hours a day"})
	if !st.has("shifts") {
		d.errorf(st.path, "shifts is required: the roster, e.g. shifts = [{ start = 6, hours = 8, officers = 8 }, ...]")
	}
	shifts := st.tableList("shifts", "[{ start = 6, hours = 8, officers = 8 }]")
	if len(shifts) > maxShifts {
		d.errorf(st.at("shifts"), "at most %d shifts, got %d", maxShifts, len(shifts))
	}
	for _, sh := range shifts {
		for _, k := range []string{"start", "hours", "officers"} {
			if !sh.has(k) {
				d.errorf(sh.path, "%s is required: a shift is { start = HOUR (0 to 23), hours = LENGTH (1 to 24), officers = N }", k)
			}
		}
		s.Shifts = append(s.Shifts, Shift{
			Start:    int(sh.integer("start", 0, 0, 23, "(hour of the day)")),
			Hours:    int(sh.integer("hours", 1, 1, 24, "hours")),
			Officers: int(sh.integer("officers", 0, 0, maxBooths, "officers")),
		})
		sh.done()
	}
	if len(d.errs) > nerr {
		return s, true
	}
	if used := s.Used(); used > s.OfficerHours+1e-9 {
		d.errorf(st.at("shifts"), "the shifts take %s officer-hours a day, over the budget officer_hours = %s", fmtNum(used), fmtNum(s.OfficerHours))
	}
	for h, n := range s.Booths() {
		if n > s.Lanes {
			d.errorf(st.at("shifts"), "%d officers on duty at %02d:00, more than the %d lanes built (lanes = %d)", n, h, s.Lanes, s.Lanes)
			break
		}
	}
	return s, true
}

func fmtNum(x float64) string { return fmt.Sprintf("%g", x) }

// WithoutPrimaryBooths returns p with its lanes' primary booths and
// staffing cleared (a copy: p is unchanged), to compare two ports in
// everything but how their booths are staffed.
func WithoutPrimaryBooths(p Port) Port {
	p.Lanes = append([]Lane(nil), p.Lanes...)
	for i := range p.Lanes {
		p.Lanes[i].Booths = [24]int{}
		p.Lanes[i].Staffing = nil
	}
	return p
}
