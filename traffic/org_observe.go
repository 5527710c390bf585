package traffic

import "math"

// What an organisation learns of risk beyond its own loads. Two channels,
// each a signal of *change* at a port read against the organisation's
// own running baseline:
//
//   - Spotters (halcones) watch each lane the organisation uses and see
//     the share of vehicles pulled into secondary in the period, q; the
//     signal is m = q/q̄, with q̄ its running mean (discounted as the
//     beliefs are). A surge that doubles the referral share shows the
//     week it starts, before any own load is lost. Queues enter through
//     the same share: under wait pressure officers refer less (the ports'
//     pressure rule), which spotters see as a lower q.
//   - Announcements: CBP publicises seizures of at least announce_kg. The
//     organisation counts them at each port in the period, N, against its
//     running mean N̄: m = (N+1)/(N̄+1) (the 1 keeps a port with no
//     announcements from swinging on a single one; assumption).
//
// A channel of weight w (observe.spotters, observe.announcements: loads a
// period's reading is worth) multiplies a route's perceived risk by
// m^(w/(w+n)), n the route's own loads whose fate the organisation learnt
// in the period: a signal counts for much on a route the organisation
// barely uses, for little where its own loads already say what is
// happening. The own posterior itself (Belief) holds only the own loads,
// so nothing of a signal lingers once the running mean has caught up with
// it (after about 1/λ periods, by which time the own loads have told the
// same). When nothing changes m is exactly 1, and with both weights 0 the
// perceived risk is the own-loss posterior (TestChannelsOffOwnLossesOnly).
//
// Both readings overstate a surge somewhat: the referral share of all
// vehicles moves more than a loaded vehicle's chance of being referred
// (targeting adds to the random rate), and announcements fall as
// organisations leave a port. They are heuristics of people who watch,
// corrected by the organisation's own loads as these come in.

// laneWatch is the cumulative count of a lane's vehicles seen and pulled
// into secondary at the last decision boundary, and the period's change.
type laneWatch struct {
	seen, pulled   int64
	dSeen, dPulled int64
}

// Watch records, at a decision boundary, how many vehicles lane l of port
// p has seen and pulled into secondary since the start (the border calls
// it for every lane before Plan).
func (g *Organisations) Watch(p, l int, seen, pulled int64) {
	w := &g.watch[p][l]
	w.dSeen, w.dPulled = seen-w.seen, pulled-w.pulled
	w.seen, w.pulled = seen, pulled
}

// running is a running mean discounted like the beliefs.
type running struct {
	mean float64
	set  bool
}

// signal returns x ÷ the running mean (ok false on the first reading or
// when the mean is 0) and then folds x into the mean with weight lambda.
func (m *running) signal(x, lambda float64) (ratio float64, ok bool) {
	if m.set && m.mean > 0 {
		ratio, ok = x/m.mean, true
	}
	if m.set {
		m.mean = (1-lambda)*m.mean + lambda*x
	} else {
		m.mean, m.set = x, true
	}
	return ratio, ok
}

// observeOthers adds the period's spotter and announcement signals to the
// beliefs of o's routes (after the own loads).
func (g *Organisations) observeOthers(o *Org) {
	cfg := o.Cfg
	lambda := cfg.LearningRate
	obs := cfg.Observe
	spot := make(map[[2]int]float64) // lane → q/q̄ this period
	if obs.Spotters > 0 {
		for _, k := range o.lanes {
			w := &g.watch[k[0]][k[1]]
			if w.dSeen <= 0 {
				continue
			}
			if r, ok := o.spotBase[k].signal(float64(w.dPulled)/float64(w.dSeen), lambda); ok {
				spot[k] = r
			}
		}
	}
	ann := make(map[int]float64) // port → (N+1)/(N̄+1)
	if obs.Announcements > 0 {
		for _, p := range o.ports {
			m := &o.annBase[p]
			if m.set {
				ann[p] = (float64(o.announced[p]) + 1) / (m.mean + 1)
			}
			m.signal(float64(o.announced[p]), lambda)
		}
	}
	for p := range o.announced {
		o.announced[p] = 0
	}
	for r, rt := range cfg.Routes {
		f := 1.0
		n := float64(o.news[r])
		if m, ok := spot[[2]int{rt.Port, rt.Lane}]; ok && m > 0 {
			f *= math.Pow(m, obs.Spotters/(obs.Spotters+n))
		}
		if m, ok := ann[rt.Port]; ok {
			f *= math.Pow(m, obs.Announcements/(obs.Announcements+n))
		}
		o.factor[r] = f
	}
}
