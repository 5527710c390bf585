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
	m, err := FitLoadMix(71, 236, 0.6, 1, bigMean, bigCV)
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
	m, err = FitLoadMix(10, 5, 0.5, 1, bigMean, bigCV)
	if err != nil || m.Weight != 0 || m.BodyCV != 0.5 {
		t.Errorf("narrow office: %+v, %v", m, err)
	}
	if _, err := FitLoadMix(10, 5, 0.5, 1, 5, 1); err == nil {
		t.Errorf("commercial loads below the mean accepted")
	}
	// Too spread for commercial loads alone: the ordinary cv rises.
	m, err = FitLoadMix(71, 600, 0.6, 1, bigMean, bigCV)
	if err != nil || !(m.BodyCV > 1) {
		t.Errorf("wide office: %+v, %v", m, err)
	} else if _, s2 := m.moments(0.6); math.Abs(s2/(600*600+71*71)-1) > 1e-6 {
		t.Errorf("wide office: second moment %v", s2)
	}
	// The lognormal tail at its median is one half.
	if p := lognormalTail(math.Exp(0.32), math.Sqrt(math.Expm1(0.64)), 1); math.Abs(p-0.5) > 1e-9 {
		t.Errorf("tail at the median %v", p)
	}
}
