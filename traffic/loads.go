package traffic

import (
	"fmt"

	"borderflow/sim"
)

// Load is contraband riding in one vehicle.
type Load struct {
	Drug        int // index into the scenario's drugs
	Concealment int // index into the scenario's concealment methods
	Org         int // smuggling organisation, -1 for a fixed flow
	Route       int // the organisation's route code (route and planning period, see Org.routeCode), -1 for a fixed flow
	Kg          float64
}

// LoadSource is one stream of loads through one port lane: a fixed flow
// from the scenario or an organisation's route for the current period.
type LoadSource struct {
	Drug, Concealment int
	Org, Route        int
	// PerVehicle is the probability that an arriving vehicle of the lane
	// carries a load from this source: loads per second ÷ vehicles per
	// second. Loads ride inside ordinary traffic, so they do not add to the
	// vehicle count.
	PerVehicle float64
	Kg         sim.Dist
}

// LoadPlan decides which arriving vehicles of one lane carry a load. It
// draws exactly one uniform number per vehicle from the plan's stream
// whatever the plan says, so two policies compared on the same seed see
// the same vehicles loaded as long as their plans agree (common random
// numbers).
type LoadPlan struct {
	sources []LoadSource
	cum     []float64
	kg      *sim.Stream
	pick    *sim.Stream
}

// NewLoadPlan returns an empty plan drawing from the two streams: one
// uniform per vehicle from pick, and the weight of each load from kg.
func NewLoadPlan(pick, kg *sim.Stream) *LoadPlan {
	return &LoadPlan{pick: pick, kg: kg}
}

// Set replaces the plan's sources (at a decision boundary). The total
// probability must not exceed 1.
func (p *LoadPlan) Set(sources []LoadSource) error {
	p.sources = append(p.sources[:0], sources...)
	p.cum = p.cum[:0]
	total := 0.0
	for _, s := range p.sources {
		if s.PerVehicle < 0 {
			return fmt.Errorf("negative load probability %v", s.PerVehicle)
		}
		total += s.PerVehicle
		p.cum = append(p.cum, total)
	}
	if total > 1 {
		return fmt.Errorf("loads would need %.3g loaded vehicles per vehicle (more loads than vehicles)", total)
	}
	return nil
}

// Sources returns the current sources.
func (p *LoadPlan) Sources() []LoadSource { return p.sources }

// Draw decides whether the next arriving vehicle carries a load.
func (p *LoadPlan) Draw() (Load, bool) {
	u := p.pick.Float64()
	n := len(p.cum)
	if n == 0 || u >= p.cum[n-1] {
		return Load{}, false
	}
	i := 0
	for p.cum[i] <= u {
		i++
	}
	s := &p.sources[i]
	return Load{Drug: s.Drug, Concealment: s.Concealment, Org: s.Org, Route: s.Route, Kg: s.Kg.Sample(p.kg)}, true
}
