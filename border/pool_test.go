package border

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"borderflow/bug"
)

// The pool runs every job once, reports progress up to n, returns the
// error of the lowest-numbered failing job and hands out no job after a
// failure; a closed stop gives ErrStopped.
func TestPool(t *testing.T) {
	var mu sync.Mutex
	ran := make([]int, 20)
	last := 0.0
	err := Pool(20, 3, nil, func(d float64) { last = d }, func(i int, frac func(float64)) error {
		frac(0.5)
		mu.Lock()
		ran[i]++
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range ran {
		if n != 1 {
			t.Errorf("job %d ran %d times", i, n)
		}
	}
	if last != 20 {
		t.Errorf("progress ended at %v, want 20", last)
	}

	// One worker: jobs in order, so the failure of job 3 stops 4 and on.
	var started []int
	err = Pool(10, 1, nil, nil, func(i int, _ func(float64)) error {
		started = append(started, i)
		if i >= 3 {
			return fmt.Errorf("job %d", i)
		}
		return nil
	})
	if err == nil || err.Error() != "job 3" || len(started) != 4 {
		t.Errorf("err %v after jobs %v, want job 3 after 0..3", err, started)
	}

	// Several failing at once: the lowest-numbered error, whatever the
	// order they finish in.
	for w := 1; w <= 4; w++ {
		err = Pool(4, w, nil, nil, func(i int, _ func(float64)) error {
			if i == 0 {
				return nil
			}
			return fmt.Errorf("job %d", i)
		})
		if err == nil || err.Error() != "job 1" {
			t.Errorf("%d workers: %v, want job 1", w, err)
		}
	}

	stop := make(chan struct{})
	close(stop)
	n := 0
	err = Pool(1000, 2, stop, nil, func(i int, _ func(float64)) error { mu.Lock(); n++; mu.Unlock(); return nil })
	if !errors.Is(err, ErrStopped) || n >= 1000 {
		t.Errorf("stopped pool: %v after %d jobs", err, n)
	}
}

// A job's panic ended the process (exit 2, as a usage error, with no
// report); Pool returns it as a bug.Error, which the command line turns
// into exit 3.
func TestPoolRecoversAJobsPanic(t *testing.T) {
	err := Pool(4, 2, nil, nil, func(i int, _ func(float64)) error {
		if i == 2 {
			var m map[int]int
			m[0] = 1
		}
		return nil
	})
	if !bug.Is(err) || !strings.Contains(err.Error(), "job 2 of a worker pool: assignment to entry in nil map") {
		t.Errorf("got %v", err)
	}
}
