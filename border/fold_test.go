package border_test

import (
	"errors"
	"reflect"
	"runtime"
	"testing"
	"weak"

	"borderflow/border"
	"borderflow/scenario"
)

// FoldReplications hands the results to fold in replication order,
// whatever the workers, each the same as RunReplications' (which folds
// into a slice), and keeps none of them: once fold has dropped them and
// FoldReplications has returned, a collection reclaims every one.
func TestFoldReplicationsInOrderAndDropped(t *testing.T) {
	sc, err := scenario.Embedded("eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon, sc.Warmup = 12*scenario.Hour, scenario.Hour
	const n = 12
	want, err := border.RunReplications(sc, n, 1, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 3} {
		var order []int
		var weaks []weak.Pointer[border.Result]
		err := border.FoldReplications(sc, n, workers, border.Options{}, func(r *border.Result) {
			order = append(order, r.Replication)
			if !reflect.DeepEqual(r.Ports, want[r.Replication].Ports) || r.Events != want[r.Replication].Events {
				t.Errorf("%d workers: replication %d differs from RunReplications'", workers, r.Replication)
			}
			weaks = append(weaks, weak.Make(r))
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(order, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}) {
			t.Errorf("%d workers: folded in the order %v", workers, order)
		}
		runtime.GC()
		for i, w := range weaks {
			if w.Value() != nil {
				t.Errorf("%d workers: replication %d is still reachable after the fold", workers, i)
			}
		}
	}
}

// A stop ends the fold: the replications folded before it stay folded, the
// ones waiting in the reorder window or started after it are not, and
// FoldReplications returns ErrStopped (a failed replication ends it the
// same way: Run returns ErrStopped when stopped).
func TestFoldReplicationsStops(t *testing.T) {
	sc, err := scenario.Embedded("eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon, sc.Warmup = 6*scenario.Hour, scenario.Hour
	stop := make(chan struct{})
	folded := 0
	err = border.FoldReplications(sc, 8, 2, border.Options{Stop: stop}, func(r *border.Result) {
		folded++
		if r.Replication == 2 {
			close(stop)
		}
	})
	if !errors.Is(err, border.ErrStopped) {
		t.Fatalf("a stopped fold returned %v", err)
	}
	if folded < 3 || folded >= 8 {
		t.Errorf("%d replications folded after a stop at the third", folded)
	}
}
