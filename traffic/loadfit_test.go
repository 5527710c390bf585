package traffic

import (
	"math"
	"testing"

	"borderflow/sim"
)

// The fit reproduces the office's mean and spread per event, and the
// fitted distribution, sampled as the scenario would, has them too.
func TestFitLoadMix(t *testing.T) {
	bigMean, bigCV := Big(1100, 0.8)
	m, err := FitLoadMix(71, 236, 0.6, 1, bigMean, bigCV, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !(m.Weight > 0 && m.Weight < 0.2 && m.BodyMean > 5 && m.BodyMean < 71) {
		t.Fatalf("fit %+v", m)
	}
	mean, second := m.moments(0.6)
	if math.Abs(mean-71) > 1e-4 || math.Abs(second-(236*236+71*71)) > 1e-3*second {
		t.Errorf("moments %v, %v", mean, second)
	}
	// Sample events: a truck load with the trucks' share of the loads.
	s := sim.NewStream(1, 0, "fit")
	body := sim.LogNormalFromMeanCV(m.BodyMean, m.BodyCV)
	big := sim.LogNormalFromMeanCV(m.BigMean, m.BigCV)
	nt := 0.6 / m.TruckMean()
	pt := nt / (nt + 0.4/m.BodyMean)
	var sum, sum2 float64
	const n = 2000000
	for i := 0; i < n; i++ {
		x := body.Sample(s)
		if s.Float64() < pt && s.Float64() < m.Weight {
			x = big.Sample(s)
		}
		sum += x
		sum2 += x * x
	}
	if got := sum / n; math.Abs(got/71-1) > 0.02 {
		t.Errorf("sampled mean %v", got)
	}
	if sd := math.Sqrt(sum2/n - (sum/n)*(sum/n)); math.Abs(sd/236-1) > 0.1 {
		t.Errorf("sampled sd %v", sd)
	}
	// Little spread: no commercial loads, the ordinary cv is sd/mean.
	m, err = FitLoadMix(10, 5, 0.5, 1, bigMean, bigCV, 0, 0)
	if err != nil || m.Weight != 0 || math.Abs(m.BodyCV-0.5) > 1e-9 || math.Abs(m.Reached-5) > 1e-6 {
		t.Errorf("narrow office: %+v, %v", m, err)
	}
	if _, err := FitLoadMix(10, 5, 0.5, 1, 5, 1, 0, 0); err == nil {
		t.Errorf("commercial loads below the mean accepted")
	}
	if _, err := FitLoadMix(10, 5, 0.5, 1, bigMean, bigCV, 8, 0); err == nil {
		t.Errorf("a car payload below the mean load accepted")
	}
	// Too spread for commercial loads at their largest share: the fit
	// stops there, the ordinary cv kept, and says how far it got.
	m, err = FitLoadMix(71, 2000, 0.6, 1, bigMean, bigCV, 0, 0)
	if err != nil || m.BodyCV != 1 || m.Weight != MaxCommercial || !(m.Reached > 236 && m.Reached < 2000) {
		t.Errorf("wide office: %+v, %v", m, err)
	} else if mean, s2 := m.moments(0.6); math.Abs(mean/71-1) > 1e-6 || math.Abs(math.Sqrt(s2-mean*mean)/m.Reached-1) > 1e-6 {
		t.Errorf("wide office: mean %v, sd %v, reached %v", mean, math.Sqrt(s2-mean*mean), m.Reached)
	}
	// The lognormal tail at its median is one half.
	if p := lognormalTail(math.Exp(0.32), math.Sqrt(math.Expm1(0.64)), 1); math.Abs(p-0.5) > 1e-9 {
		t.Errorf("tail at the median %v", p)
	}
}

// Cut at payloads, the fit still gives the office's mean and spread, and
// the cut distributions, sampled as a scenario samples them
// (sim.Truncated), have the moments the fit computed and nothing above
// the limits.
func TestFitLoadMixPayloads(t *testing.T) {
	bigMean, bigCV := Big(1100, 0.8)
	const carLim, truckLim = 907, 3000
	m, err := FitLoadMix(71, 236, 0.6, 1, bigMean, bigCV, carLim, truckLim)
	if err != nil || math.Abs(m.Reached-236) > 1e-3 {
		t.Fatalf("%+v, %v", m, err)
	}
	free, _ := FitLoadMix(71, 236, 0.6, 1, bigMean, bigCV, 0, 0)
	if !(m.Weight > free.Weight) {
		t.Errorf("cutting the tails should take more commercial loads: %v, uncut %v", m.Weight, free.Weight)
	}
	body := sim.LogNormalFromMeanCV(m.BodyMean, m.BodyCV)
	big := sim.LogNormalFromMeanCV(m.BigMean, m.BigCV)
	car, err := sim.NewTruncated(body, carLim)
	if err != nil {
		t.Fatal(err)
	}
	mix, err := sim.NewMixture([]float64{1 - m.Weight, m.Weight}, []sim.Dist{body, big})
	if err != nil {
		t.Fatal(err)
	}
	truck, err := sim.NewTruncated(mix, truckLim)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(car.Mean()/m.CarMean()-1) > 1e-9 || math.Abs(truck.Mean()/m.TruckMean()-1) > 1e-9 {
		t.Errorf("means: car %v vs %v, truck %v vs %v", car.Mean(), m.CarMean(), truck.Mean(), m.TruckMean())
	}
	s := sim.NewStream(1, 0, "cut")
	const n = 1000000
	for _, c := range []struct {
		name   string
		d      sim.Dist
		lim    float64
		mean   float64
		moment func() (float64, float64)
	}{{"car", car, carLim, m.CarMean(), m.carMoments}, {"truck", truck, truckLim, m.TruckMean(), m.truckMoments}} {
		var sum, sum2, max float64
		for i := 0; i < n; i++ {
			x := c.d.Sample(s)
			sum += x
			sum2 += x * x
			max = math.Max(max, x)
		}
		mean, second := c.moment()
		if max > c.lim {
			t.Errorf("%s: drew %v kg above the %v kg payload", c.name, max, c.lim)
		}
		if got := sum / n; math.Abs(got/mean-1) > 0.02 {
			t.Errorf("%s: sampled mean %v, fit %v", c.name, got, mean)
		}
		if got := sum2 / n; math.Abs(got/second-1) > 0.05 {
			t.Errorf("%s: sampled second moment %v, fit %v", c.name, got, second)
		}
	}
	// The tails: nothing above a payload, and below it the cut share.
	if tr, cr := m.Tail(carLim + 1); cr != 0 || tr <= 0 {
		t.Errorf("tail above the car payload: truck %v, car %v", tr, cr)
	}
	if tr, _ := m.Tail(truckLim + 1); tr != 0 {
		t.Errorf("tail above the truck payload %v", tr)
	}
}
