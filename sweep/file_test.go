package sweep

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"borderflow/scenario"
)

const goodFile = `# policies to compare at Eagle Pass
name = "intel"

[[policy]]
name = "baseline"
referral = { car = 0.02, truck = 0.17 }
target_hit = 0
target_false = 0

[[policy]]
name = "targeted"
description = """targeting
replaces random selection"""
referral = 0
target_hit = { truck = 0.5, car = 0.3 }
target_false = 0.02

[[policy]]
name = "image-trucks"
imaging = [
  "truck",
]

[[policy]]
name = "double"
volume = 2

[[policy]]
name = "surge"
  [policy.surge]
  port = "Eagle Pass"
  secondary = 2
  referral = { truck = 1.3 }
  extra_booths = 1
  start = "1d"
  end = "2d"
`

func TestParsePolicies(t *testing.T) {
	pf, err := ParsePolicies("intel.toml", []byte(goodFile))
	if err != nil {
		t.Fatal(err)
	}
	if pf.Name != "intel" || len(pf.Policies) != 5 {
		t.Fatalf("name %q, %d policies", pf.Name, len(pf.Policies))
	}
	p := pf.Policies[1]
	if p.Referral[AllClasses] != 0 || p.TargetHit["truck"] != 0.5 || p.TargetHit["car"] != 0.3 || p.TargetFalse[AllClasses] != 0.02 {
		t.Errorf("targeted: %+v", p)
	}
	if s := pf.Policies[4].Surge; s == nil || s.Port != "Eagle Pass" || s.Secondary != 2 || s.ReferralFactor["truck"] != 1.3 ||
		s.ExtraBooths[AllClasses] != 1 || s.Start != 86400 || s.End != 2*86400 {
		t.Errorf("surge: %+v", s)
	}
	sc := shipped(t, "eagle-pass", 3, 2)
	pl, err := NewPlan(pf.Name, sc, pf.Policies)
	if err != nil {
		t.Fatal(err)
	}
	if tl := pl.Scenario(1).Ports[0].Lanes[1]; tl.Referral != (scenario.Referral{TargetHit: 0.5, TargetFalse: 0.02}) {
		t.Errorf("targeted trucks: %+v", tl.Referral)
	}
	if s := pl.Scenario(4).Surges; len(s) != 1 || s[0].Start != 86400 || s[0].End != 2*86400 || s[0].ExtraBooths[0] != 1 {
		t.Errorf("surge: %+v", s)
	}
}

// Every mistake comes back with its file, line and key.
func TestPolicyFileErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"[[policy]]\nname = \"a\"\nreferal = 0.1\n", "bad.toml:3: policy[0].referal: unknown key, did you mean referral?"},
		{"[[policy]]\nname = \"a\"\n\n[[policy]]\nname = \"b\"\nreferral = 1.5\n", "bad.toml:6: policy[1].referral: expected a probability between 0 and 1 (or a table by class), got 1.5"},
		{"[[policy]]\nname = \"a\"\nreferral = { truck = \"high\" }\n", "bad.toml:3: policy[0].referral.truck: expected a probability between 0 and 1, got the string \"high\""},
		{"[[policy]]\nname = \"a\"\n[[policy]]\nname = \"a\"\n", "bad.toml:4: policy[1].name: policy \"a\" is already defined by policy[0]"},
		{"[[policy]]\nvolume = 2\n", "bad.toml:1: policy[0]: name is required"},
		{"[[policy]]\nname = \"a\"\nvolume = 0\n", "bad.toml:3: policy[0].volume: must be positive"},
		{"[[policy]]\nname = \"a\"\n[policy.surge]\nend = 30\n", "bad.toml:4: policy[0].surge.end: a duration needs a unit"},
		{"[[policy]]\nname = \"a\"\n[policy.surge]\nstart = \"2d\"\nend = \"1d\"\n", "bad.toml:5: policy[0].surge.end: the surge must end after it starts"},
		{"[[policy]]\nname = \"a\"\nimaging = \"truck\"\n", "bad.toml:3: policy[0].imaging: expected a list of classes"},
		{"name = \"x\"\n", "bad.toml: no policies"},
		{"[[policy]]\nname = \"a\"\nvolume = [\n", "bad.toml:3: policy.volume: TOML syntax"},
		// A tab or carriage return passed the file's check and failed the
		// plan's, without a line; a NUL or a bidi override passed both.
		{"[[policy]]\nname = \"a\\tb\"\n", `bad.toml:2: policy[0].name: a policy name must be non-empty, without commas, quotes, newlines or other control or invisible characters (it is a CSV cell), got "a\tb"`},
		{"[[policy]]\nname = \"a\\u202eb\"\n", `got "a\u202eb"`},
		// A scenario given as -policies: each of its keys was unknown.
		{"name = \"x\"\nhorizon = \"1d\"\n\n[[port]]\nname = \"P\"\n", "bad.toml:4: port: [[port]] tables make a scenario, not a policies file"},
	} {
		_, err := ParsePolicies("bad.toml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.src, err, tc.want)
			continue
		}
		var se *scenario.Error
		if !errors.As(err, &se) {
			t.Errorf("%q: %T is not a scenario.Error", tc.src, err)
		}
	}
}

// Names that only the scenario can check are reported when the policies
// are applied, still with their line.
func TestPolicyFileUnknownNames(t *testing.T) {
	sc := shipped(t, "eagle-pass", 2, 1)
	for _, tc := range []struct{ src, want string }{
		{"[[policy]]\nname = \"a\"\n\n[[policy]]\nname = \"b\"\nreferral = { lorry = 0.5 }\n",
			`x.toml:6: policy[1].referral.lorry: unknown class "lorry": scenario eagle-pass has "car", "truck"`},
		{"[[policy]]\nname = \"a\"\nimaging = [\"bus\"]\n", `x.toml:3: policy[0].imaging: unknown class "bus"`},
		{"[[policy]]\nname = \"a\"\n[policy.surge]\nport = \"Laredo\"\n", `x.toml:4: policy[0].surge.port: unknown port "Laredo": scenario eagle-pass has "Eagle Pass"`},
	} {
		pf, err := ParsePolicies("x.toml", []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		_, err = NewPlan(pf.Name, sc, pf.Policies)
		var se *scenario.Error
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.As(err, &se) {
			t.Errorf("got %v, want %s", err, tc.want)
		}
	}
}

// The scenario loader's line scanner finds the keys of a policies file.
func TestScanLines(t *testing.T) {
	k := scenario.ScanKeyLines(goodFile)
	for path, want := range map[string]int{
		"name":                 2,
		"policy[0]":            4,
		"policy[0].referral":   6,
		"policy[1].name":       11,
		"policy[1].referral":   14,
		"policy[2].imaging":    20,
		"policy[3].volume":     26,
		"policy[4].surge":      30,
		"policy[4].surge.port": 31,
		"policy[4].surge.end":  36,
	} {
		if got := k.Line(path); got != want {
			t.Errorf("%s: line %d, want %d", path, got, want)
		}
	}
	if got := k.Line("policy[0].referral.truck"); got != 6 {
		t.Errorf("an inline table's key: line %d, want its table's 6", got)
	}
}

// A policies file is read by the scenario loader's strict machinery: the
// same limits on the text (nesting before the TOML reader, UTF-8), and
// one cap on the problems (sweep's own reader stopped at 100, the
// loader at 200).
func TestPolicyFileSharesTheLoadersReader(t *testing.T) {
	_, err := ParsePolicies("deep.toml", []byte("x = "+strings.Repeat("[\n", 100000)))
	if err == nil || !strings.Contains(err.Error(), "deep.toml:65: (nesting)") {
		t.Errorf("deep nesting: %v", err)
	}
	var b strings.Builder
	b.WriteString("[[policy]]\nname = \"a\"\n")
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	_, err = ParsePolicies("many.toml", []byte(b.String()))
	var es scenario.Errors
	if !errors.As(err, &es) {
		t.Fatalf("got %v", err)
	}
	_, serr := scenario.Parse("many.toml", []byte(strings.Repeat("[[port]]\nname = 1\ncolour = 2\n", 400)))
	var ses scenario.Errors
	errors.As(serr, &ses)
	if len(es) != len(ses) || len(es) < 150 {
		t.Errorf("policies file stops at %d problems, a scenario at %d", len(es), len(ses))
	}
}

// A policies file is read by the rule of every input (infile): /dev/zero
// and a FIFO (which blocked for ever, deaf to SIGINT) are refused as no
// regular files, and a cancelled read stops.
func TestReadPoliciesOnlyRegularFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	if _, err := ReadPolicies(context.Background(), "/dev/zero"); err == nil || !strings.Contains(err.Error(), "not a regular file (a character device)") {
		t.Errorf("got %v", err)
	}
	fifo := filepath.Join(t.TempDir(), "policies.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	if _, err := ReadPolicies(context.Background(), fifo); err == nil || !strings.Contains(err.Error(), "not a regular file (a FIFO)") {
		t.Errorf("got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadPolicies(ctx, "testdata/none.toml"); !errors.Is(err, scenario.ErrInterrupted) {
		t.Errorf("cancelled: %v", err)
	}
}
