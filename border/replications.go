package border

import (
	"fmt"
	"sync"

	"borderflow/bug"
	"borderflow/scenario"
)

// Pool runs job(0) … job(n−1) on up to workers goroutines, one job each at
// a time: the one worker pool of borderflow, used for the replications of
// a run, the (policy, replication) pairs of a sweep, an optimiser's
// replications and the ports of a replication (runPorts). The one other
// set of goroutines is a coupled run's (coupled.go), which keeps its
// helpers across thousands of short windows instead of starting a pool
// for each.
//
// A job reports how far it has come with its progress argument (a
// fraction from 0 to 1); when progress is set, Pool calls it, one call at
// a time, with the jobs done so far, a running job counting by its
// fraction. Once job k fails no job numbered above k is started (those
// running finish; those below k all run, as they were handed out first),
// so the error Pool returns, that of the lowest-numbered job that failed,
// is the same whatever workers is. A closed stop ends the handing out:
// Pool then returns ErrStopped (or a job's error).
func Pool(n, workers int, stop <-chan struct{}, progress func(done float64), job func(i int, progress func(frac float64)) error) error {
	workers = max(1, min(workers, n))
	var (
		mu      sync.Mutex
		failed  = n // the lowest-numbered job that failed (n: none)
		errs    = make([]error, n)
		running = make([]float64, n)
		runSum  float64 // the sum of running, kept as it changes: a job reports every few thousand events
		done    int
	)
	report := func() { // under mu
		if progress == nil {
			return
		}
		progress(float64(done) + max(runSum, 0))
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				mu.Lock()
				skip := i > failed
				mu.Unlock()
				if skip {
					continue // after a failed job: not started
				}
				err := runJob(job, i, func(frac float64) {
					mu.Lock()
					f := min(max(frac, 0), 1)
					runSum += f - running[i]
					running[i] = f
					report()
					mu.Unlock()
				})
				mu.Lock()
				runSum -= running[i]
				running[i] = 0
				errs[i] = err
				if err != nil {
					failed = min(failed, i)
				} else {
					done++
					report()
				}
				mu.Unlock()
			}
		}()
	}
	stopped := false
feed:
	for i := 0; i < n; i++ {
		mu.Lock()
		f := failed
		mu.Unlock()
		if i > f {
			break
		}
		select {
		case jobs <- i:
		case <-stop:
			stopped = true
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	if stopped {
		return ErrStopped
	}
	return nil
}

// RunReplications runs replications 0..n-1 of sc on up to workers
// goroutines (FoldReplications) and returns the results in replication
// order, so the output does not depend on workers. It keeps every result:
// a run folds them instead (report.Accumulator), and this is for tests and
// callers that want them all.
func RunReplications(sc *scenario.Scenario, n, workers int, opt Options) ([]*Result, error) {
	results := make([]*Result, 0, n)
	if err := FoldReplications(sc, n, workers, opt, func(r *Result) { results = append(results, r) }); err != nil {
		return nil, err
	}
	return results, nil
}

// FoldReplications runs replications 0..n-1 of sc on up to workers
// goroutines (Pool: one replication each) and calls fold with each
// result in replication order, one call at a time, as soon as it and
// every lower-numbered one are done; it keeps no result after fold
// returns, so a run holds a few replications at a time instead of all of
// them (a year of eagle-pass is about 1.25 MB of time series a
// replication). Replication i starts only when fewer than ReorderWindow(workers)
// replications are ahead of the next one to fold: a slow replication
// holds at most that many finished ones behind it.
//
// After a replication fails no higher-numbered one is started and none
// from it on is folded; the error returned is that of the lowest-numbered
// replication that failed, whatever workers is. opt.Progress, when set,
// gets the simulated seconds done over all replications and their total.
func FoldReplications(sc *scenario.Scenario, n, workers int, opt Options, fold func(*Result)) error {
	inner := opt
	inner.Workers = 1
	if workers <= 1 || n == 1 {
		inner.Workers = opt.Workers // a single replication may use the cores for its ports
	}
	var progress func(float64)
	if opt.Progress != nil {
		end := WindowOf(sc).End
		progress = func(done float64) { opt.Progress(done*end, end*float64(n)) }
	}
	window := ReorderWindow(workers)
	var (
		mu      sync.Mutex
		next    int                   // the next replication to fold
		pending = map[int]*Result{}   // finished, waiting for a lower-numbered one (at most window)
		failed  bool                  // a replication failed: fold no more, start no more
		moved   = make(chan struct{}) // closed and replaced when next moves or a replication fails
	)
	wake := func() { // under mu
		close(moved)
		moved = make(chan struct{})
	}
	return Pool(n, workers, opt.Stop, progress, func(r int, frac func(float64)) error {
		// The reorder window: wait until r is near enough to the next
		// replication to fold (next itself always is: no deadlock).
		for {
			mu.Lock()
			ok, stop, ch := r < next+window, failed, moved
			mu.Unlock()
			if stop {
				return nil // a lower-numbered replication failed: its error is the pool's
			}
			if ok {
				break
			}
			select {
			case <-ch:
			case <-opt.Stop:
				return ErrStopped
			}
		}
		o := inner
		if opt.Progress != nil {
			o.Progress = func(d, t float64) { frac(d / t) }
		}
		res, err := Run(sc, r, o)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			failed = true
			wake()
			return err
		}
		if failed {
			return nil
		}
		pending[r] = res
		for !failed {
			res, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			fold(res)
			next++
		}
		wake()
		return nil
	})
}

// ReorderWindow is how many replications FoldReplications lets run or wait
// ahead of the next one to fold with the given workers: twice the
// workers, so that a worker that finished its replication need not wait
// for a slower one to start the next (assumption: replications of one
// scenario take about as long as each other).
func ReorderWindow(workers int) int { return 2 * max(workers, 1) }

// runJob runs job i, turning a panic into a bug.Error: a worker's panic
// would otherwise end the process (exit 2, as a usage error) without the
// command line's report; it is reported as the program's fault, exit 3.
func runJob(job func(i int, progress func(frac float64)) error, i int, progress func(frac float64)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(*bug.Error); ok { // raised again from a helper
				err = e
				return
			}
			err = bug.Recovered(fmt.Sprintf("job %d of a worker pool", i), r)
		}
	}()
	return job(i, progress)
}
