package border_test

import (
	"reflect"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// Ports simulated side by side give exactly the results of the sequential
// run: every counter, tally, sketch, bin and histogram of every lane.
// Under -short (the race detector's run) two days instead of three.
func TestParallelPortsIdentical(t *testing.T) {
	for _, name := range []string{"southwest-border", "surge-eagle-pass"} {
		sc, err := scenario.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		sc.Horizon = 3 * scenario.Day
		if testing.Short() {
			sc.Horizon = 2 * scenario.Day
		}
		sc.Warmup = scenario.Day
		seq, err := border.Run(sc, 0, border.Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		par, err := border.Run(sc, 0, border.Options{Workers: 4})
		if err != nil {
			t.Fatal(err)
		}
		if seq.Events != par.Events || seq.Events == 0 {
			t.Errorf("%s: %d events sequentially, %d in parallel", name, seq.Events, par.Events)
		}
		if !reflect.DeepEqual(seq.Ports, par.Ports) {
			t.Errorf("%s: parallel ports differ from the sequential run", name)
		}
	}
}
