package sweep

import (
	"testing"

	"borderflow/border"
)

// builtinPolicy returns the built-in policy called name of the policies
// sweep.
func builtinPolicy(t *testing.T, name string) Policy {
	t.Helper()
	pols, err := Builtin("policies")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pols {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no built-in policy %q", name)
	return Policy{}
}

// checkEveryOne runs policy p on Eagle Pass (whose pressure rule waves half
// the trucks through after 45 minutes) and checks that every vehicle of
// the classes named got what the policy names: every referral decision
// was "refer", none was waved through or released from a full lot, and
// every referral entered secondary or was still held at its booth.
func checkEveryOne(t *testing.T, p Policy, classes map[string]bool) {
	t.Helper()
	sc := shipped(t, "eagle-pass", 2, 1)
	// No warm-up: under inspect-everything the cars of a warm-up would
	// hold every booth until the window is over.
	sc.Warmup = 0
	c, err := p.Apply(sc)
	if err != nil {
		t.Fatal(err)
	}
	r, err := border.Run(c, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ls := range r.Ports[0].Lanes {
		name := c.Classes[ls.Class].Name
		if !classes[name] && !classes[AllClasses] {
			continue
		}
		s := ls.Shortfall
		if s.Decided < 100 {
			t.Fatalf("%s: only %d %s decisions: the test bench is too small", p.Name, s.Decided, name)
		}
		if ls.Referrals != s.Decided || s.Meant != s.Decided {
			t.Errorf("%s: %d of %d %ss referred (%d meant)", p.Name, ls.Referrals, s.Decided, name, s.Meant)
		}
		if s.Waved != 0 || ls.Missed != 0 {
			t.Errorf("%s: %d %ss waved through, %d released from a full lot", p.Name, s.Waved, name, ls.Missed)
		}
		if ls.Secondary+s.HeldAtEnd != ls.Referrals {
			t.Errorf("%s: %d %s referrals but %d entered secondary and %d are held", p.Name, ls.Referrals, name, ls.Secondary, s.HeldAtEnd)
		}
	}
}

func TestTruckImaging100InspectsEveryTruck(t *testing.T) {
	checkEveryOne(t, builtinPolicy(t, "truck-imaging-100"), map[string]bool{"truck": true})
}

func TestInspectEverythingInspectsEveryVehicle(t *testing.T) {
	checkEveryOne(t, builtinPolicy(t, "inspect-everything"), map[string]bool{AllClasses: true})
}

// Without its overrides the policy falls short, and the shortfall is
// counted with its cause: the pressure rule waves trucks through and the
// lot rule releases them from a full lot.
func TestShortfallHasItsCause(t *testing.T) {
	sc := shipped(t, "eagle-pass", 2, 1)
	p := builtinPolicy(t, "truck-imaging-100")
	p.Pressure, p.Hold = "", nil
	c, err := p.Apply(sc)
	if err != nil {
		t.Fatal(err)
	}
	r, err := border.Run(c, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ls := range r.Ports[0].Lanes {
		if c.Classes[ls.Class].Name != "truck" {
			continue
		}
		s := ls.Shortfall
		if s.Waved == 0 && ls.Missed == 0 {
			t.Fatalf("no truck waved through or released: the test shows nothing (%+v)", s)
		}
		// Every decision the rule meant is a referral or waved through;
		// every referral entered secondary, was released from a full lot
		// or is held.
		if s.Meant != ls.Referrals+s.Waved || ls.Referrals != ls.Secondary+ls.Missed+s.HeldAtEnd {
			t.Errorf("shortfall does not add up: %+v, referrals %d, secondary %d, missed %d", s, ls.Referrals, ls.Secondary, ls.Missed)
		}
		m := Measure(c, r)
		names := MetricNames(c)
		for i, n := range names {
			if n == mWaved && m[i] != float64(s.Waved) {
				t.Errorf("%s = %g, lane says %d", n, m[i], s.Waved)
			}
		}
	}
}

func TestOverridesSayWhatChanges(t *testing.T) {
	if got := builtinPolicy(t, "truck-imaging-100").Overrides(); got != "pressure rule off; lot rule hold (truck); staffing: an imaging method added at ports without one" {
		t.Errorf("truck-imaging-100 overrides %q", got)
	}
	if got := builtinPolicy(t, "baseline").Overrides(); got != "pressure rule kept; lot rule kept; staffing kept" {
		t.Errorf("baseline overrides %q", got)
	}
}
