package border

import (
	"sync"

	"borderflow/scenario"
)

// Pool runs job(0) … job(n−1) on up to workers goroutines, one job each at
// a time: the one worker pool of borderflow, used for the replications of
// a run and the (policy, replication) pairs of a sweep.
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
				err := job(i, func(frac float64) {
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
// goroutines (Pool: one replication each) and returns the results in
// replication order, so the output does not depend on workers. After a
// replication fails no higher-numbered one is started, and the error
// returned is that of the lowest-numbered replication that failed.
// opt.Progress, when set, gets the simulated seconds done over all
// replications and their total.
func RunReplications(sc *scenario.Scenario, n, workers int, opt Options) ([]*Result, error) {
	results := make([]*Result, n)
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
	err := Pool(n, workers, opt.Stop, progress, func(r int, frac func(float64)) error {
		o := inner
		if opt.Progress != nil {
			o.Progress = func(d, t float64) { frac(d / t) }
		}
		res, err := Run(sc, r, o)
		results[r] = res
		return err
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}
