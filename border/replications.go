package border

import (
	"sync"

	"borderflow/scenario"
)

// RunReplications runs replications 0..n-1 of sc on up to workers
// goroutines (one replication each) and returns the results in replication
// order, so the output does not depend on workers. An error does not stop
// the others (only opt.Stop stops handing out replications): every one
// started runs to its end, and the error returned is that of the
// lowest-numbered replication that failed.
func RunReplications(sc *scenario.Scenario, n, workers int, opt Options) ([]*Result, error) {
	if workers < 1 {
		workers = 1
	}
	if workers > n {
		workers = n
	}
	results := make([]*Result, n)
	errs := make([]error, n)
	var mu sync.Mutex
	done := make([]float64, n)
	total := 0.0
	inner := opt
	inner.Workers = 1
	if workers == 1 {
		inner.Workers = opt.Workers // a single replication may use the cores for its ports
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				o := inner
				if opt.Progress != nil {
					o.Progress = func(d, t float64) {
						mu.Lock()
						done[r] = d
						total = t * float64(n)
						sum := 0.0
						for _, x := range done {
							sum += x
						}
						opt.Progress(sum, total)
						mu.Unlock()
					}
				}
				results[r], errs[r] = Run(sc, r, o)
			}
		}()
	}
feed:
	for r := 0; r < n; r++ {
		select {
		case jobs <- r:
		case <-opt.Stop: // a nil Stop never fires
			errs[r] = ErrStopped
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}
