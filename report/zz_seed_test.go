package report

import (
	"fmt"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
	"borderflow/traffic"
)

func TestZZSeeds(t *testing.T) {
	for _, v := range [][2]float64{{700, 0.3}, {700, 0.2}, {500, 0.2}, {500, 0.3}} {
		pass, sum := 0, 0.0
		for seed := uint64(2); seed <= 9; seed++ {
			sc, _ := scenario.Embedded("surge-eagle-pass")
			for p := range sc.Ports {
				for l := range sc.Ports[p].Lanes {
					sc.Ports[p].Lanes[l].Rate /= 20
				}
			}
			for i := range sc.Orgs {
				if sc.Orgs[i].Drug == 2 {
					sc.Orgs[i].Temperature = v[0]
					sc.Orgs[i].LearningRate = v[1]
				}
			}
			sc.Seed = seed
			sc.Horizon = 182 * traffic.Day
			res, _ := border.RunReplications(sc, 12, 2, border.Options{})
			d := Displacements(sc, res)[0]
			if d.Balloon.CI95[0] > 0 && d.Surged.Share.Change.CI95[1] < 0 && d.OtherPorts.Change.CI95[0] > 0 {
				pass++
			}
			sum += d.Balloon.CI95[0]
		}
		fmt.Printf("T %v lambda %v: pass %d/8, mean balloon lo %.0f\n", v[0], v[1], pass, sum/8)
	}
}
