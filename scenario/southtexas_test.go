package scenario

import (
	"reflect"
	"testing"
)

// south-texas is surge-eagle-pass without its surge: the same four ports
// (pinned to southwest-border's by TestSmugglerScenariosShareGeneratedPorts)
// and the same organisations, so the policy sweeps meet the smugglers of
// the surge experiment.
func TestSouthTexasIsSurgeEaglePassWithoutSurge(t *testing.T) {
	st, err := Embedded("south-texas")
	if err != nil {
		t.Fatal(err)
	}
	se, err := Embedded("surge-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Surges) != 0 {
		t.Errorf("south-texas has %d surges", len(st.Surges))
	}
	if len(st.Orgs) != 4 || !reflect.DeepEqual(st.Orgs, se.Orgs) {
		t.Errorf("south-texas's organisations differ from surge-eagle-pass's: copy them again")
	}
	if !reflect.DeepEqual(st.Ports, se.Ports) || !reflect.DeepEqual(st.Drugs, se.Drugs) || !reflect.DeepEqual(st.Classes, se.Classes) ||
		len(st.Loads) != 0 || st.DecisionPeriod != se.DecisionPeriod || st.Warmup != se.Warmup {
		t.Errorf("south-texas differs from surge-eagle-pass beyond the surge, name and length")
	}
}
