package sweep

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"borderflow/border"
	"borderflow/scenario"
)

// ErrStopped is returned by Run when RunOptions.Stop was closed.
var ErrStopped = border.ErrStopped

// Plan is a sweep ready to run: the scenario transformed by each policy.
type Plan struct {
	// Manifest describes the whole sweep (shard 0 of 1).
	Manifest  Manifest
	scenarios []*scenario.Scenario
}

// NewPlan applies every policy to sc (which it does not change) and
// returns the plan of the sweep called name. The replications and seed
// are sc's.
func NewPlan(name string, sc *scenario.Scenario, policies []Policy) (*Plan, error) {
	if len(policies) == 0 {
		return nil, errors.New("a sweep needs at least one policy")
	}
	if sc.Replications < 1 {
		return nil, fmt.Errorf("a sweep needs at least one replication, got %d", sc.Replications)
	}
	seen := map[string]bool{}
	pl := &Plan{}
	for i := range policies {
		p := &policies[i]
		if p.Name == "" || strings.ContainsAny(p.Name, ",\"\n\r") {
			return nil, fmt.Errorf("policy %d: name %q must be non-empty, without commas, quotes or newlines", i, p.Name)
		}
		if seen[p.Name] {
			return nil, fmt.Errorf("policy %q is defined twice", p.Name)
		}
		seen[p.Name] = true
		c, err := p.Apply(sc)
		if err != nil {
			return nil, err
		}
		pl.scenarios = append(pl.scenarios, c)
	}
	pl.Manifest = Manifest{
		Format: Format, Version: Version(), Build: Build(), Sweep: name,
		Scenario: sc.Name, ScenarioHash: Hash(sc), Seed: sc.Seed, Replications: sc.Replications,
		HorizonHours: sc.Horizon / 3600, WarmupHours: sc.Warmup / 3600,
		Policies: append([]Policy(nil), policies...), Metrics: MetricNames(sc),
		Shard: 0, Shards: 1,
	}
	pl.Manifest.Pairs = pl.Manifest.TotalPairs()
	return pl, nil
}

// Scenario returns the scenario of policy i (read-only).
func (pl *Plan) Scenario(i int) *scenario.Scenario { return pl.scenarios[i] }

// Shard returns the manifest of shard i of n (n = 1: the whole sweep).
func (pl *Plan) Shard(i, n int) Manifest {
	m := pl.Manifest
	m.Shard, m.Shards = i, n
	m.Pairs = m.ShardPairs()
	return m
}

// RunOptions tune Run without changing its numbers.
type RunOptions struct {
	// Workers is the number of pairs run side by side (≤ 1: one).
	Workers int
	// Shard and Shards select the pairs whose index is Shard modulo
	// Shards; Shards ≤ 1 runs every pair.
	Shard, Shards int
	// Done holds pairs already finished (from a journal); they are not run
	// again and are part of the result.
	Done []Record
	// OnRecord, when set, is called with each newly finished pair, one
	// call at a time, in the order they finish. An error stops the run.
	OnRecord func(Record) error
	// Progress, when set, is called with the pairs done (a running pair
	// counts by its simulated time) and the total of the shard.
	Progress func(done float64, total int)
	// Stop, when closed, makes Run return ErrStopped promptly.
	Stop <-chan struct{}
}

// Run runs the pairs of the selected shard that are not Done on a pool of
// goroutines, one replication each (the replication itself on one
// goroutine: border.Options.Workers = 1), and returns every record of the
// shard in pair order. The numbers of a pair depend only on its policy and
// replication, so the records are the same whatever Workers is.
func (pl *Plan) Run(opt RunOptions) ([]Record, error) {
	m := &pl.Manifest
	shard := *m
	shard.Shard, shard.Shards = opt.Shard, max(opt.Shards, 1)
	done := map[int][]float64{}
	for _, r := range opt.Done {
		if !shard.InShard(r.Pair) || r.Pair >= m.TotalPairs() {
			return nil, fmt.Errorf("finished pair %d is not in shard %d/%d", r.Pair, shard.Shard, shard.Shards)
		}
		done[r.Pair] = r.Values
	}
	var todo []int
	total := 0
	for i := 0; i < m.TotalPairs(); i++ {
		if !shard.InShard(i) {
			continue
		}
		total++
		if _, ok := done[i]; !ok {
			todo = append(todo, i)
		}
	}

	workers := max(opt.Workers, 1)
	workers = min(workers, max(len(todo), 1))
	var (
		mu       sync.Mutex
		firstErr error
		running  = make([]float64, workers) // fraction of each worker's current pair
		finished = len(done)
	)
	report := func() {
		if opt.Progress == nil {
			return
		}
		sum := float64(finished)
		for _, f := range running {
			sum += f
		}
		opt.Progress(sum, total)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				mu.Lock()
				failed := firstErr != nil
				mu.Unlock()
				if failed {
					continue // drain: the run is over
				}
				p, rep := m.PairOf(i)
				o := border.Options{Workers: 1, Stop: opt.Stop}
				if opt.Progress != nil {
					o.Progress = func(d, t float64) {
						mu.Lock()
						running[w] = d / t
						report()
						mu.Unlock()
					}
				}
				res, err := border.Run(pl.scenarios[p], rep, o)
				var vals []float64
				if err == nil {
					vals = Measure(pl.scenarios[p], res)
				}
				mu.Lock()
				running[w] = 0
				if err != nil {
					if firstErr == nil {
						if !errors.Is(err, border.ErrStopped) {
							err = fmt.Errorf("policy %s, replication %d: %w", m.Policies[p].Name, rep, err)
						}
						firstErr = err
					}
				} else if firstErr == nil {
					done[i] = vals
					finished++
					if opt.OnRecord != nil {
						if err := opt.OnRecord(Record{Pair: i, Values: vals}); err != nil {
							firstErr = err
						}
					}
					report()
				}
				mu.Unlock()
			}
		}()
	}
	stopped := false
feed:
	for _, i := range todo {
		mu.Lock()
		failed := firstErr != nil
		mu.Unlock()
		if failed {
			break
		}
		select {
		case jobs <- i:
		case <-opt.Stop:
			stopped = true
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if stopped {
		return nil, ErrStopped
	}
	out := make([]Record, 0, len(done))
	for i := 0; i < m.TotalPairs(); i++ {
		if v, ok := done[i]; ok {
			out = append(out, Record{Pair: i, Values: v})
		}
	}
	return out, nil
}
