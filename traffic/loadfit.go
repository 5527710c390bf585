package traffic

import (
	"fmt"
	"math"
)

// LoadMix is the load-size distribution of one drug at one field office:
// every load is an ordinary one — lognormal with mean BodyMean and
// coefficient of variation BodyCV, tens of kilograms in a compartment, a
// car's cavity, among the cargo — except that in trucks a share Weight of
// the loads are commercial ones, lognormal with mean BigMean and cv BigCV:
// the tonne-scale loads that are the cargo (manifest fraud, as the 5.9 t
// of meth declared as a piglets' drying agent at Eagle Pass), fill it
// (commingled) or look like it (Roma's 1,029 kg of liquid meth in mineral
// water bottles). Cars carry only ordinary loads.
type LoadMix struct {
	BodyMean, BodyCV float64
	Weight           float64
	BigMean, BigCV   float64
	// CarLimit and TruckLimit are the payloads loads are cut at (0: none):
	// the lognormals above are conditioned on being at most the limit
	// (sim.Truncated), so the means and moments here are the cut ones.
	CarLimit, TruckLimit float64
	// Reached is the standard deviation per event the fit reached: the
	// office's, or less when the commercial loads at their largest share
	// cannot spread the events that much (FitLoadMix).
	Reached float64
}

// lognormalBelow returns P(X ≤ m), E[X; X ≤ m] and E[X²; X ≤ m] for a
// lognormal of the given mean and cv; m ≤ 0 means no cut.
func lognormalBelow(mean, cv, m float64) (mass, p1, p2 float64) {
	s2 := math.Log1p(cv * cv)
	mu := math.Log(mean) - s2/2
	e1, e2 := mean, math.Exp(2*mu+2*s2)
	if m <= 0 {
		return 1, e1, e2
	}
	if s2 == 0 {
		if mean <= m {
			return 1, e1, e2
		}
		return 0, 0, 0
	}
	s := math.Sqrt(s2)
	z := (math.Log(m) - mu) / s
	phi := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	return phi(z), e1 * phi(z-s), e2 * phi(z-2*s)
}

// carMoments returns a car load's mean and second moment.
func (m LoadMix) carMoments() (mean, second float64) {
	mass, p1, p2 := lognormalBelow(m.BodyMean, m.BodyCV, m.CarLimit)
	return p1 / mass, p2 / mass
}

// truckMoments returns a truck load's mean and second moment.
func (m LoadMix) truckMoments() (mean, second float64) {
	bm, b1, b2 := lognormalBelow(m.BodyMean, m.BodyCV, m.TruckLimit)
	gm, g1, g2 := lognormalBelow(m.BigMean, m.BigCV, m.TruckLimit)
	mass := (1-m.Weight)*bm + m.Weight*gm
	return ((1-m.Weight)*b1 + m.Weight*g1) / mass, ((1-m.Weight)*b2 + m.Weight*g2) / mass
}

// TruckMean is the mean of a truck load.
func (m LoadMix) TruckMean() float64 { t, _ := m.truckMoments(); return t }

// CarMean is the mean of a car load.
func (m LoadMix) CarMean() float64 { c, _ := m.carMoments(); return c }

// moments returns the mean and the second moment per seizure event when
// the share truckKg of the kilograms goes in trucks and the rest in cars,
// loads of both classes being seized alike (so events split as loads do).
func (m LoadMix) moments(truckKg float64) (mean, second float64) {
	t1, t2 := m.truckMoments()
	c1, c2 := m.carMoments()
	nt := truckKg / t1
	nc := (1 - truckKg) / c1
	return 1 / (nt + nc), (nt*t2 + nc*c2) / (nt + nc)
}

// Big returns the mean and cv of a lognormal with the given median and
// standard deviation of its logarithm.
func Big(median, sigma float64) (mean, cv float64) {
	return median * math.Exp(sigma*sigma/2), math.Sqrt(math.Expm1(sigma * sigma))
}

// MaxCommercial is the largest share of commercial loads among trucks the
// fit allows (assumption: at least half of a drug's truck loads are
// ordinary ones, tens of kilograms in a compartment or among the cargo).
const MaxCommercial = 0.5

// FitLoadMix fits a LoadMix to what CBP's monthly tables give of one drug
// at one field office: the mean kilograms per seizure event, mean, and the
// standard deviation of one event's kilograms, sd. sd comes from the
// months (data/cbp_sw_ofo_monthly_fy2020_fy2023.csv): a month with n
// events of iid loads has Var(kg | n) = n·sd², so
//
//	sd² = Σ_months (kg − n·mean)² ÷ Σ_months n
//
// is a method-of-moments estimate (cmd/genconfigs). The ordinary loads'
// cv (bodyCV), the commercial loads' shape (bigMean, bigCV, from the
// record seizures of data/record_seizures.csv) and the payloads (carLimit,
// truckLimit: every load is cut at its vehicle's) are given; the share of
// commercial loads among trucks and the ordinary loads' mean are solved so
// that the mean and the second moment per event are the office's, with
// truckKg of the kilograms in trucks. When ordinary loads alone are
// already as spread as the office's (sd ≤ their spread), there are no
// commercial loads and the ordinary cv is sd/mean. When even
// MaxCommercial commercial loads cannot spread the events that much (the
// cars' ordinary loads dilute them, and the payloads cut the tails), the
// fit stops there and Reached says how far it got: the spread is not
// forced into the ordinary loads' tail, which would put loads in cars
// that the records never show.
func FitLoadMix(mean, sd, truckKg, bodyCV, bigMean, bigCV, carLimit, truckLimit float64) (LoadMix, error) {
	if !(mean > 0) || !(sd >= 0) || !(truckKg >= 0 && truckKg <= 1) || !(bigMean > mean) {
		return LoadMix{}, fmt.Errorf("load fit: mean %v, sd %v, truck share %v, commercial mean %v: want mean > 0, sd ≥ 0, a share, commercial loads above the mean", mean, sd, truckKg, bigMean)
	}
	if carLimit < 0 || truckLimit < 0 || (carLimit > 0 && carLimit <= mean) || (truckLimit > 0 && truckLimit <= mean) {
		return LoadMix{}, fmt.Errorf("load fit: payloads %v (car) and %v (truck) kg: want them above the mean load %v (0: none)", carLimit, truckLimit, mean)
	}
	target := sd*sd + mean*mean
	base := LoadMix{BodyMean: mean, BodyCV: bodyCV, BigMean: bigMean, BigCV: bigCV, CarLimit: carLimit, TruckLimit: truckLimit}
	reached := func(m LoadMix) LoadMix {
		got, second := m.moments(truckKg)
		m.Reached = math.Sqrt(math.Max(0, second-got*got))
		return m
	}
	// For a weight w, the body mean that gives the office's mean (the mean
	// per event rises with the body mean).
	withMean := func(m LoadMix) LoadMix {
		lo, hi := 0.0, 4*mean
		for i := 0; i < 100; i++ {
			m.BodyMean = (lo + hi) / 2
			if got, _ := m.moments(truckKg); got < mean {
				lo = m.BodyMean
			} else {
				hi = m.BodyMean
			}
		}
		m.BodyMean = (lo + hi) / 2
		return m
	}
	if m := withMean(base); truckKg == 0 || second(m, truckKg) >= target {
		// Ordinary loads alone are spread enough: narrow them to sd.
		lo, hi := 0.0, bodyCV
		for i := 0; i < 100; i++ {
			m.BodyCV = (lo + hi) / 2
			if m = withMean(m); second(m, truckKg) < target {
				lo = m.BodyCV
			} else {
				hi = m.BodyCV
			}
		}
		m.BodyCV = (lo + hi) / 2
		return reached(withMean(m)), nil
	}
	// The second moment rises with the weight.
	at := func(w float64) LoadMix { m := base; m.Weight = w; return withMean(m) }
	if m := at(MaxCommercial); second(m, truckKg) < target {
		return reached(m), nil
	}
	lo, hi := 0.0, MaxCommercial
	for i := 0; i < 100; i++ {
		w := (lo + hi) / 2
		if second(at(w), truckKg) < target {
			lo = w
		} else {
			hi = w
		}
	}
	m := reached(at((lo + hi) / 2))
	if gotMean, gotSecond := m.moments(truckKg); math.Abs(gotMean/mean-1) > 1e-6 || math.Abs(gotSecond/target-1) > 1e-6 {
		return m, fmt.Errorf("load fit: mean %v sd %v not reached (got mean %v, second moment %v of %v)", mean, sd, gotMean, gotSecond, target)
	}
	return m, nil
}

func second(m LoadMix, truckKg float64) float64 { _, s := m.moments(truckKg); return s }

// Tail returns P(X ≥ kg) for a truck load and for a car load, the loads
// cut at their payloads.
func (m LoadMix) Tail(kg float64) (truck, car float64) {
	above := func(mean, cv, lim float64) float64 {
		if lim > 0 && kg > lim {
			return 0
		}
		p := lognormalTail(mean, cv, kg)
		if lim > 0 {
			p -= lognormalTail(mean, cv, lim)
		}
		return p
	}
	cm, _, _ := lognormalBelow(m.BodyMean, m.BodyCV, m.CarLimit)
	car = above(m.BodyMean, m.BodyCV, m.CarLimit) / cm
	bm, _, _ := lognormalBelow(m.BodyMean, m.BodyCV, m.TruckLimit)
	gm, _, _ := lognormalBelow(m.BigMean, m.BigCV, m.TruckLimit)
	truck = ((1-m.Weight)*above(m.BodyMean, m.BodyCV, m.TruckLimit) + m.Weight*above(m.BigMean, m.BigCV, m.TruckLimit)) /
		((1-m.Weight)*bm + m.Weight*gm)
	return truck, car
}

// lognormalTail is P(X ≥ x) for a lognormal of the given mean and cv.
func lognormalTail(mean, cv, x float64) float64 {
	if !(mean > 0) || !(x > 0) {
		return 0
	}
	s2 := math.Log1p(cv * cv)
	mu := math.Log(mean) - s2/2
	return 0.5 * math.Erfc((math.Log(x)-mu)/math.Sqrt(2*s2))
}
