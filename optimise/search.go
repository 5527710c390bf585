package optimise

import (
	"errors"
	"math"
	"sort"

	"borderflow/border"
	"borderflow/sim"
)

// Options tune a search without changing what it finds.
type Options struct {
	// Workers run the replications of one allocation side by side.
	Workers int
	// Stop, when closed, ends the search early with ErrStopped.
	Stop <-chan struct{}
	// Progress, when set, is told the allocations scored so far.
	Progress func(evaluations int)
}

// ErrStopped is returned when Options.Stop was closed.
var ErrStopped = errors.New("optimisation stopped")

// Result is what a search found.
type Result struct {
	Space    *Space
	Baseline *Evaluation // the scenario's own allocation
	Best     *Evaluation
	// Explored holds every allocation scored, in the order scored.
	Explored []*Evaluation
	// Path is the allocations the search moved through, Baseline first.
	Path []*Evaluation
	// Stop says why the search ended: "local optimum" or "evaluation cap".
	Stop string
	// ConfirmBaseline and ConfirmBest are the two allocations scored
	// again on fresh replications (after the search's), for an interval
	// the search's own choices did not flatter.
	ConfirmBaseline, ConfirmBest *Evaluation
	// Diff is the paired mean improvement of the best over the baseline
	// on the fresh replications (in the objective's direction: positive
	// is better), with its 95% interval.
	Diff, Lo, Hi float64
}

// sign is +1 for objectives to maximise, −1 to minimise.
func (s *Space) sign() float64 {
	if s.Budget.Objective == KgDelivered {
		return -1
	}
	return 1
}

// better reports whether c beats x: a smaller wait-limit violation, or
// the same violation (none, usually) and a better paired mean objective.
func (s *Space) better(c, x *Evaluation) bool {
	vc, vx := c.Violation(s), x.Violation(s)
	if vc < vx-1e-9 {
		return true
	}
	if vc > vx+1e-9 {
		return false
	}
	return s.sign()*pairedMean(c.Objective, x.Objective) > 1e-9
}

func pairedMean(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d += a[i] - b[i]
	}
	return d / float64(len(a))
}

// probe is what one unit up or down of a variable did at some incumbent:
// the change of the mean objective and of each limit's ratio.
type probe struct {
	ok     bool // measured (and within the variable's bounds)
	dObj   float64
	dRatio []float64
}

// searcher holds a search's state.
type searcher struct {
	s       *Space
	ev      *evaluator
	opt     Options
	seen    map[string]*Evaluation
	res     *Result
	up, dn  []probe
	capHit  bool
	nScored int
}

// Search runs the optimisation: see the package comment for the method.
func Search(s *Space, opt Options) (*Result, error) {
	b := s.Budget
	sr := &searcher{s: s, opt: opt, seen: map[string]*Evaluation{}, res: &Result{Space: s},
		ev: &evaluator{space: s, first: 0, n: b.Replications, workers: opt.Workers, stop: opt.Stop},
		up: make([]probe, len(s.Vars)), dn: make([]probe, len(s.Vars))}
	x, err := sr.score(s.Baseline())
	if err != nil {
		return nil, err
	}
	x.Accepted = true
	sr.res.Baseline = x
	sr.res.Path = []*Evaluation{x}
	stale := true // probes measured at an earlier incumbent
	if err := sr.probeAll(x); err != nil {
		return nil, err
	}
	stale = false
	for !sr.capHit {
		cands, err := sr.candidates(x)
		if err != nil {
			return nil, err
		}
		var best *Evaluation
		for _, c := range cands {
			if s.better(c, x) && (best == nil || s.better(c, best)) {
				best = c
			}
		}
		if best == nil {
			if !stale || sr.capHit {
				sr.res.Stop = "local optimum"
				break
			}
			// The estimates came from an earlier incumbent: measure
			// again here before giving up.
			if err := sr.probeAll(x); err != nil {
				return nil, err
			}
			stale = false
			continue
		}
		changed := diffVars(x.Allocation, best.Allocation)
		x = best
		x.Accepted = true
		sr.res.Path = append(sr.res.Path, x)
		// Re-measure the variables that moved; the others' probes are
		// kept as estimates (stale) until nothing they suggest helps.
		for _, i := range changed {
			if err := sr.probeVar(x, i); err != nil {
				return nil, err
			}
		}
		stale = len(s.Vars) > len(changed)
	}
	if sr.res.Stop == "" {
		sr.res.Stop = "evaluation cap"
	}
	sr.res.Best = x
	// Fresh replications for the final comparison.
	conf := &evaluator{space: s, first: b.Replications, n: b.Confirm, workers: opt.Workers, stop: opt.Stop}
	cb, err := conf.score(sr.res.Baseline.Allocation)
	if err != nil {
		return nil, stopped(err)
	}
	cx, err := conf.score(x.Allocation)
	if err != nil {
		return nil, stopped(err)
	}
	sr.res.ConfirmBaseline, sr.res.ConfirmBest = cb, cx
	a, c := make([]float64, len(cx.Objective)), make([]float64, len(cb.Objective))
	for i := range a {
		a[i], c[i] = s.sign()*cx.Objective[i], s.sign()*cb.Objective[i]
	}
	sr.res.Diff, sr.res.Lo, sr.res.Hi = sim.PairedCI95(a, c)
	return sr.res, nil
}

func stopped(err error) error {
	if errors.Is(err, border.ErrStopped) {
		return ErrStopped
	}
	return err
}

func diffVars(a, b Allocation) []int {
	var out []int
	for i := range a {
		if a[i] != b[i] {
			out = append(out, i)
		}
	}
	return out
}

// score simulates a (once: allocations are cached by value).
func (sr *searcher) score(a Allocation) (*Evaluation, error) {
	if e, ok := sr.seen[a.key()]; ok {
		return e, nil
	}
	if sr.opt.Stop != nil {
		select {
		case <-sr.opt.Stop:
			return nil, ErrStopped
		default:
		}
	}
	if sr.nScored >= sr.s.Budget.MaxEvaluations {
		sr.capHit = true
		return nil, nil
	}
	e, err := sr.ev.score(a)
	if err != nil {
		return nil, stopped(err)
	}
	e.Index = sr.nScored
	sr.nScored++
	sr.seen[a.key()] = e
	sr.res.Explored = append(sr.res.Explored, e)
	if sr.opt.Progress != nil {
		sr.opt.Progress(sr.nScored)
	}
	return e, nil
}

// probeAll measures one unit up and down of every variable at x.
func (sr *searcher) probeAll(x *Evaluation) error {
	for i := range sr.s.Vars {
		if err := sr.probeVar(x, i); err != nil {
			return err
		}
	}
	return nil
}

func (sr *searcher) probeVar(x *Evaluation, i int) error {
	v := sr.s.Vars[i]
	for _, step := range []int{+1, -1} {
		p := &sr.up[i]
		if step < 0 {
			p = &sr.dn[i]
		}
		*p = probe{}
		a := append(Allocation(nil), x.Allocation...)
		a[i] += step
		if a[i] < v.Min || a[i] > v.Max {
			continue
		}
		e, err := sr.score(a)
		if err != nil {
			return err
		}
		if e == nil {
			return nil // the evaluation cap
		}
		rx, re := x.Ratios(sr.s), e.Ratios(sr.s)
		p.ok = true
		p.dObj = pairedMean(e.Objective, x.Objective)
		p.dRatio = make([]float64, len(rx))
		for k := range rx {
			p.dRatio[k] = re[k] - rx[k]
		}
	}
	return nil
}

// exchange is a move of nUp units up at variable up and nDn down at dn
// (either variable may be −1: a single change), with its estimated
// effect.
type exchange struct {
	up, dn    int
	nUp, nDn  int
	viol, obj float64
}

// candidates returns the scored neighbours of x worth comparing: the
// single changes already probed that keep within the budget, and the most
// promising exchanges by the probes' estimates, simulated.
//
// An exchange moves money from one variable to another. Where their unit
// costs differ it moves as many units as the money allows: one scanner
// (48 officer-hours) less pays for two canine teams (24 each), and one
// scanner more needs two teams less. A one-for-one exchange would leave
// half the money unspent, or not fit the budget, and the search would
// need two steps (two noisy comparisons) for one move. The effect of
// several units is estimated as that many times the one-unit probe
// (assumption: the objective is about linear over a few units; the
// simulation of the move then measures it).
func (sr *searcher) candidates(x *Evaluation) ([]*Evaluation, error) {
	s := sr.s
	rx := x.Ratios(s)
	objX := x.Mean()
	est := func(up, nUp, dn, nDn int) exchange {
		r := append([]float64(nil), rx...)
		o := objX
		for _, q := range []struct {
			p *probe
			n int
		}{{at(sr.up, up), nUp}, {at(sr.dn, dn), nDn}} {
			if q.p == nil {
				continue
			}
			o += float64(q.n) * q.p.dObj
			for k := range r {
				r[k] += float64(q.n) * q.p.dRatio[k]
			}
		}
		v := 0.0
		for _, q := range r {
			v += math.Max(0, q-1)
		}
		return exchange{up, dn, nUp, nDn, v, s.sign() * o}
	}
	// The cost of one unit up or down of each variable at x.
	cost := s.Cost(x.Allocation)
	slack := s.Total - cost
	unitUp, unitDn := make([]float64, len(s.Vars)), make([]float64, len(s.Vars))
	for i := range s.Vars {
		a := append(Allocation(nil), x.Allocation...)
		a[i]++
		unitUp[i] = s.Cost(a) - cost
		a[i] -= 2
		unitDn[i] = cost - s.Cost(a)
	}
	var moves []exchange
	for i := range s.Vars {
		if sr.up[i].ok {
			moves = append(moves, est(i, 1, -1, 0))
		}
		if sr.dn[i].ok {
			moves = append(moves, est(-1, 0, i, 1))
		}
		for j := range s.Vars {
			if i == j || !sr.up[i].ok || !sr.dn[j].ok {
				continue
			}
			moves = append(moves, est(i, 1, j, 1))
			const eps = 1e-9
			if unitUp[i] <= eps || unitDn[j] <= eps {
				continue
			}
			// One up at i needs more than one down at j.
			if nDn := int(math.Ceil((unitUp[i]-slack)/unitDn[j] - eps)); nDn > 1 && x.Allocation[j]-nDn >= s.Vars[j].Min {
				moves = append(moves, est(i, 1, j, nDn))
			}
			// One down at j pays for more than one up at i.
			if nUp := int(math.Floor((slack+unitDn[j])/unitUp[i] + eps)); nUp > 1 {
				nUp = min(nUp, s.Vars[i].Max-x.Allocation[i])
				if nUp > 1 {
					moves = append(moves, est(i, nUp, j, 1))
				}
			}
		}
	}
	// Best estimates first; ties in a fixed order (the variables').
	sort.SliceStable(moves, func(a, b int) bool {
		if math.Abs(moves[a].viol-moves[b].viol) > 1e-9 {
			return moves[a].viol < moves[b].viol
		}
		return moves[a].obj > moves[b].obj
	})
	var out []*Evaluation
	const tries = 4 // exchanges simulated per step
	n := 0
	for _, m := range moves {
		if n >= tries {
			break
		}
		a := append(Allocation(nil), x.Allocation...)
		if m.up >= 0 {
			a[m.up] += m.nUp
		}
		if m.dn >= 0 {
			a[m.dn] -= m.nDn
		}
		if !s.Within(a) {
			continue
		}
		e, err := sr.score(a)
		if err != nil {
			return nil, err
		}
		if e == nil {
			break // the evaluation cap
		}
		out = append(out, e)
		n++
	}
	return out, nil
}

func at(p []probe, i int) *probe {
	if i < 0 {
		return nil
	}
	return &p[i]
}
