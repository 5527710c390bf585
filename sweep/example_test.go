package sweep_test

import (
	"fmt"

	"borderflow/sweep"
)

// The built-in policies sweep: the first policy is the baseline every
// other is compared with.
func ExampleBuiltin() {
	policies, err := sweep.Builtin("policies")
	if err != nil {
		panic(err)
	}
	for _, p := range policies {
		fmt.Println(p.Name)
	}
	// Output:
	// baseline
	// random-today
	// targeted-good
	// targeted-poor
	// truck-imaging-100
	// inspect-everything
	// surge
}

// A sweep from a policies file: parse it, apply it to a scenario with
// NewPlan, run it with Plan.Run and render its files with Collect and
// Results.Files.
func ExampleParsePolicies() {
	pf, err := sweep.ParsePolicies("intel.toml", []byte(`
[[policy]]
name = "random"
referral = { truck = 0.17, car = 0.02 }

[[policy]]
name = "targeted"
referral = 0
target_hit = 0.5
target_false = 0.02
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(pf.Name, len(pf.Policies), pf.Policies[1].TargetHit[sweep.AllClasses])
	// Output:
	// intel 2 0.5
}
