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
}

// TruckMean is the mean of a truck load.
func (m LoadMix) TruckMean() float64 { return (1-m.Weight)*m.BodyMean + m.Weight*m.BigMean }

// moments returns the mean and the second moment per seizure event when
// the share truckKg of the kilograms goes in trucks and the rest in cars,
// loads of both classes being seized alike (so events split as loads do).
func (m LoadMix) moments(truckKg float64) (mean, second float64) {
	nt := truckKg / m.TruckMean()
	nc := (1 - truckKg) / m.BodyMean
	body2 := m.BodyMean * m.BodyMean * (1 + m.BodyCV*m.BodyCV)
	big2 := m.BigMean * m.BigMean * (1 + m.BigCV*m.BigCV)
	truck2 := (1-m.Weight)*body2 + m.Weight*big2
	return 1 / (nt + nc), (nt*truck2 + nc*body2) / (nt + nc)
}

// Big returns the mean and cv of a lognormal with the given median and
// standard deviation of its logarithm.
func Big(median, sigma float64) (mean, cv float64) {
	return median * math.Exp(sigma*sigma/2), math.Sqrt(math.Expm1(sigma * sigma))
}

// FitLoadMix fits a LoadMix to what CBP's monthly tables give of one drug
// at one field office: the mean kilograms per seizure event, mean, and the
// standard deviation of one event's kilograms, sd. sd comes from the
// months (data/cbp_sw_ofo_monthly_fy2020_fy2023.csv): a month with n
// events of iid loads has Var(kg | n) = n·sd², so
//
//	sd² = Σ_months (kg − n·mean)² ÷ Σ_months n
//
// is a method-of-moments estimate (cmd/genconfigs). The ordinary loads'
// cv (bodyCV) and the commercial loads' shape (bigMean, bigCV, from the
// record seizures of data/record_seizures.csv) are given; the share of
// commercial loads among trucks and the ordinary loads' mean are solved so
// that the mean and the second moment per event are the office's, with
// truckKg of the kilograms in trucks. When ordinary loads alone are
// already as spread as the office's (sd ≤ bodyCV·mean), there are no
// commercial loads and the ordinary cv is sd/mean. When even the largest
// share of commercial loads cannot spread the events that much (the cars'
// ordinary loads dilute them), the ordinary cv is raised by a quarter at a
// time until it can.
func FitLoadMix(mean, sd, truckKg, bodyCV, bigMean, bigCV float64) (LoadMix, error) {
	var err error
	for i := 0; i < 20; i++ {
		var m LoadMix
		if m, err = fitLoadMix(mean, sd, truckKg, bodyCV, bigMean, bigCV); err == nil {
			return m, nil
		}
		bodyCV *= 1.25
	}
	return LoadMix{}, err
}

func fitLoadMix(mean, sd, truckKg, bodyCV, bigMean, bigCV float64) (LoadMix, error) {
	if !(mean > 0) || !(sd >= 0) || !(truckKg >= 0 && truckKg <= 1) || !(bigMean > mean) {
		return LoadMix{}, fmt.Errorf("load fit: mean %v, sd %v, truck share %v, commercial mean %v: want mean > 0, sd ≥ 0, a share, commercial loads above the mean", mean, sd, truckKg, bigMean)
	}
	target := sd*sd + mean*mean
	base := LoadMix{BodyMean: mean, BodyCV: bodyCV, BigMean: bigMean, BigCV: bigCV}
	if _, s := base.moments(truckKg); s >= target || truckKg == 0 {
		return LoadMix{BodyMean: mean, BodyCV: sd / mean, BigMean: bigMean, BigCV: bigCV}, nil
	}
	// For a weight w, the body mean that gives the office's mean (the mean
	// per event rises with the body mean).
	withMean := func(w float64) LoadMix {
		m := base
		m.Weight = w
		lo, hi := 0.0, mean
		for i := 0; i < 200; i++ {
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
	// The second moment rises with the weight, up to the weight at which
	// the trucks alone carry the mean (the body mean falls to 0).
	lo, hi := 0.0, 1.0
	for i := 0; i < 200; i++ {
		w := (lo + hi) / 2
		m := withMean(w)
		if _, s := m.moments(truckKg); s < target && m.BodyMean > 1e-9*mean {
			lo = w
		} else {
			hi = w
		}
	}
	m := withMean((lo + hi) / 2)
	gotMean, gotSecond := m.moments(truckKg)
	if math.Abs(gotMean/mean-1) > 1e-6 || math.Abs(gotSecond/target-1) > 1e-6 {
		return m, fmt.Errorf("load fit: mean %v sd %v cannot be reached with commercial loads of mean %v (got mean %v, second moment %v of %v)", mean, sd, bigMean, gotMean, gotSecond, target)
	}
	return m, nil
}

// Tail returns P(X ≥ kg) for a truck load and for a car load.
func (m LoadMix) Tail(kg float64) (truck, car float64) {
	car = lognormalTail(m.BodyMean, m.BodyCV, kg)
	return (1-m.Weight)*car + m.Weight*lognormalTail(m.BigMean, m.BigCV, kg), car
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
