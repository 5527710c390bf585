package scenario

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func sets(t *testing.T, args ...string) []Override {
	t.Helper()
	var out []Override
	for _, a := range args {
		o, err := ParseSet(a)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	return out
}

func decodeWith(t *testing.T, name string, ovs ...Override) (*Scenario, error) {
	t.Helper()
	src, err := Open(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return src.Decode(ovs...)
}

// -set changes one value of the document before it is decoded: paths as
// the loader's messages spell them, ports also by name, values read as
// TOML and as a string when they are not TOML.
func TestSetOverrides(t *testing.T) {
	s, err := decodeWith(t, "eagle-pass", sets(t,
		"horizon=30d",
		"port[Eagle Pass].pressure_factor=1",
		"port[Eagle Pass].lane.truck.booths=12",
		"port[0].lane.car.referral_rate=0.5",
		"seed=42",
		"seed=43", // in order: the last wins
		"description=a study",
	)...)
	if err != nil {
		t.Fatal(err)
	}
	truck := s.Ports[0].Lanes[1]
	if s.Horizon != 30*Day || s.Ports[0].PressureFactor != 1 || truck.Booths[0] != 12 || truck.Booths[23] != 12 ||
		s.Ports[0].Lanes[0].Referral.Rate != 0.5 || s.Seed != 43 || s.Description != "a study" {
		t.Errorf("overrides not applied: horizon %v, pressure %v, booths %v, referral %v, seed %d, %q",
			s.Horizon, s.Ports[0].PressureFactor, truck.Booths, s.Ports[0].Lanes[0].Referral.Rate, s.Seed, s.Description)
	}
	base, _ := decodeWith(t, "eagle-pass")
	if base.Horizon == s.Horizon {
		t.Error("the shipped scenario changed")
	}
}

// A bad path or value is reported like a bad key of the file, naming the
// -set argument instead of a line.
func TestSetMistakes(t *testing.T) {
	cases := []struct {
		set  []string
		want string
	}{
		{[]string{"port[Eagle Pass].lane.truck.booths=four"}, `-set port[Eagle Pass].lane.truck.booths=four: port[0].lane.truck.booths: expected an integer, got the string "four"`},
		{[]string{"port[Eagel Pass].pressure_factor=1"}, `-set port[Eagel Pass].pressure_factor=1: port[Eagel Pass]: no element named "Eagel Pass", did you mean Eagle Pass?`},
		{[]string{"port[3].name=x"}, "-set port[3].name=x: port[3]: out of range: the scenario has 1"}, // the element named once
		{[]string{"port[0].method[0]=[]"}, "-set port[0].method[0]=[]: port[0].method[0]: expected a table like { name = ... }, got an array"},
		{[]string{"port[0].colour=red"}, "-set port[0].colour=red: port[0].colour: unknown key"},
		{[]string{"horizon=0s"}, "-set horizon=0s: horizon: must be positive"},
		{[]string{"horizon=30"}, "-set horizon=30: horizon: a duration needs a unit"},
		{[]string{"port[0].lane.truck.referral_rate=2"}, "-set port[0].lane.truck.referral_rate=2: port[0].lane.truck.referral_rate: must be a probability between 0 and 1, got 2"},
		{[]string{"name=a\xffb"}, "-set name=a\xffb: name: "},
		{[]string{"port[0].state=a\xffb"}, "-set port[0].state=a\xffb: port[0].state: is not valid UTF-8"},
		{[]string{"horizon.x=1"}, "horizon is the string"},
		// a table the override creates is the override's
		{[]string{"port[0].lane.bus.booths=1"}, `-set port[0].lane.bus.booths=1: port[0].lane.bus: unknown class "bus"`},
		// a change that breaks a rule between keys: the file's key is named, with its line
		{[]string{"horizon=1h"}, "eagle-pass.toml:17: warmup: the warm-up (1d) is not shorter than the horizon that follows it (1h)"},
		{[]string{"bin=10s"}, "-set bin=10s: bin: too fine for this scenario"},
		// A number beyond float64 was taken for the string "1e400".
		{[]string{"drug.cocaine.value_per_kg=1e400"}, "-set drug.cocaine.value_per_kg=1e400: drug.cocaine.value_per_kg: expected a number, got the number 1e400, out of range"},
		// A key quoted as TOML quotes one is the key: "horizon" was
		// looked up with its quotes ("unknown key, did you mean horizon?").
		{[]string{`"port"[0]."pressure_factor"=2`}, `port[0].pressure_factor: must be a probability between 0 and 1, got 2`},
		{[]string{`port[0].'pressure_factor'=2`}, `port[0].pressure_factor: must be a probability between 0 and 1, got 2`},
	}
	for _, c := range cases {
		_, err := decodeWith(t, "eagle-pass", sets(t, c.set...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: got %v, want %q", c.set, err, c.want)
		}
	}
	for _, bad := range []string{"horizon", "=1", "port[.x=1", "port]x=1", "a..b=1", "a.=1", `"horizon=1d`, `hor"izon=1d`, `""=1`, `"a"b=1`} {
		if _, err := ParseSet(bad); err == nil {
			t.Errorf("ParseSet(%q) accepted", bad)
		}
	}
	// A quoted key may hold what a bare one cannot.
	s, err := decodeWith(t, "eagle-pass", sets(t, `"horizon" = 30d`, `port[0].lane.'truck'.booths=12`)...)
	if err != nil || s.Horizon != 30*Day || s.Ports[0].Lanes[1].Booths[0] != 12 {
		t.Errorf("quoted keys: %v", err)
	}
}

func TestParseValue(t *testing.T) {
	for in, want := range map[string]any{"12": int64(12), "0.5": 0.5, "true": true, "30d": "30d", `"x y"`: "x y", "Eagle Pass": "Eagle Pass", "": ""} {
		if got := ParseValue(in); got != want {
			t.Errorf("ParseValue(%q) = %#v, want %#v", in, got, want)
		}
	}
	if a, ok := ParseValue("[1, 2]").([]any); !ok || len(a) != 2 {
		t.Errorf("array: %#v", ParseValue("[1, 2]"))
	}
	if _, ok := ParseValue(strings.Repeat("[", 1000)).(string); !ok {
		t.Error("a deep value was given to the TOML reader")
	}
}

// A path that looks like a file is a file: a missing one says so.
func TestOpenMissingFile(t *testing.T) {
	for _, arg := range []string{"my.toml", "dir/eagle-pass"} {
		_, err := Open(context.Background(), arg)
		var e *Error
		if !errors.As(err, &e) || err.Error() != arg+": no such file" {
			t.Errorf("%s: %v", arg, err)
		}
	}
}

// FuzzSet: no -set argument makes the loader panic; it is applied or
// refused with an Error.
func FuzzSet(f *testing.F) {
	for _, s := range []string{"horizon=30d", "port[Eagle Pass].lane.truck.booths=12", "port[0].method[1].detect={}",
		"a[0][1].b=2", "port[x]]=1", "load[7]={}", "port[0]=[]", "surge[0].start=1d", "=", "port[].x=1"} {
		f.Add(s)
	}
	src, err := Open(context.Background(), "eagle-pass")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		o, err := ParseSet(arg)
		if err != nil {
			return
		}
		if _, err := src.Decode(o); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%q: %T %v", arg, err, err)
			}
		}
	})
}
