package sweep

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

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
		if !goodPolicyName(p.Name) {
			return nil, fmt.Errorf("policy %d: name %q must be non-empty, without commas, quotes, newlines or other control or invisible characters", i, p.Name)
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
		Format: Format, Version: Version(), Build: Build(), GoVersion: GoVersion(), Sweep: name,
		Scenario: sc.Name, ScenarioHash: Hash(sc), Seed: sc.Seed, Replications: sc.Replications,
		HorizonHours: sc.Horizon / scenario.Hour, WarmupHours: sc.Warmup / scenario.Hour,
		Organisations: orgNames(sc),
		Policies:      append([]Policy(nil), policies...), Metrics: MetricNames(sc),
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

	// The pool hands out the pairs to do; each is one replication on one
	// goroutine. done is written under mu (OnRecord is called one record
	// at a time, in the order pairs finish).
	var mu sync.Mutex
	var progress func(float64)
	if opt.Progress != nil {
		base := float64(len(done))
		progress = func(d float64) { opt.Progress(base+d, total) }
	}
	err := border.Pool(len(todo), opt.Workers, opt.Stop, progress, func(j int, frac func(float64)) error {
		i := todo[j]
		p, rep := m.PairOf(i)
		o := border.Options{Workers: 1, Stop: opt.Stop, Series: border.DiscardSeries} // a sweep writes no time series
		if opt.Progress != nil {
			o.Progress = func(d, t float64) { frac(d / t) }
		}
		res, err := border.Run(pl.scenarios[p], rep, o)
		if err != nil {
			if !errors.Is(err, border.ErrStopped) {
				err = fmt.Errorf("policy %s, replication %d: %w", m.Policies[p].Name, rep, err)
			}
			return err
		}
		vals := Measure(pl.scenarios[p], res)
		mu.Lock()
		defer mu.Unlock()
		done[i] = vals
		if opt.OnRecord != nil {
			return opt.OnRecord(Record{Pair: i, Values: vals})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Record, 0, len(done))
	for i := 0; i < m.TotalPairs(); i++ {
		if v, ok := done[i]; ok {
			out = append(out, Record{Pair: i, Values: v})
		}
	}
	return out, nil
}

// goodPolicyName reports whether name can be a policy's: a CSV cell
// written unquoted and a row of the terminal's tables, so not empty and
// without commas, quotes, control characters (a tab or carriage return
// passed the file's check and failed the plan's, without a line) or
// invisible formatting ones.
func goodPolicyName(name string) bool {
	return strings.TrimSpace(name) != "" && !strings.ContainsAny(name, ",\"") &&
		strings.IndexFunc(name, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) < 0
}
