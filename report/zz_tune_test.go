package report

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"borderflow/border"
	"borderflow/scenario"
)

func TestZZTune(t *testing.T) {
	name := os.Getenv("SC")
	sc, err := scenario.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	reps, _ := strconv.Atoi(os.Getenv("REPS"))
	if f, err := strconv.ParseFloat(os.Getenv("SCALE"), 64); err == nil {
		for p := range sc.Ports {
			for l := range sc.Ports[p].Lanes {
				sc.Ports[p].Lanes[l].Rate *= f
			}
		}
	}
	st := time.Now()
	res, err := border.RunReplications(sc, reps, 2, border.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("time", time.Since(st))
	ds := Displacements(sc, res)
	for _, d := range ds {
		fmt.Printf("%s periods %d before %v during %v\n", d.Port, d.Periods, d.BeforeDays, d.DuringDays)
		pc := func(n string, c Change) {
			fmt.Printf("  %-28s before %9.1f during %9.1f change %9.1f [%9.1f %9.1f]\n", n, c.Before.Mean, c.During.Mean, c.Change.Mean, c.Change.CI95[0], c.Change.CI95[1])
		}
		pc("surged kg", d.Surged.KgAttempted)
		pc("surged share", d.Surged.Share)
		pc("surged delivered", d.SurgedDelivery)
		pc("others kg", d.OtherPorts)
		for _, o := range d.Others {
			pc(o.Port+" kg", o.KgAttempted)
			pc(o.Port+" share", o.Share)
		}
		pc("US delivered", d.USDelivered)
		pc("outsourced", d.Outsourced)
		fmt.Printf("  balloon %.1f %v\n", d.Balloon.Mean, d.Balloon.CI95)
	}
	for _, o := range Organisations(sc, res) {
		fmt.Printf("%s att %.0f seized %.0f (%.3f) deliv %.0f outs %.0f share %.3f exploss %.3f\n", o.Name, o.KgAttempted.Mean, o.KgSeized.Mean, o.InterdictionRate.Mean, o.KgDelivered.Mean, o.KgOutsourced.Mean, o.OutsourcedShare.Mean, o.ExpectedLoss.Mean)
		for _, r := range o.Routes {
			fmt.Printf("   %-10s %-5s %-15s kg %8.0f seized %.3f perceived %.3f\n", r.Port, r.Class, r.Concealment, r.KgAttempted, r.SeizedShare, r.PerceivedRisk.Mean)
		}
	}
	_ = json.Marshal
	// per-route seized share before/during/after
	for i := range sc.Orgs {
		cfg := &sc.Orgs[i]
		for r, rt := range cfg.Routes {
			var att, sz [3]float64
			for _, rr := range res {
				o := rr.Organisations().Orgs[i]
				for k := range o.Periods {
					b := &o.Periods[k]
					d := (b.Start - 28*86400) / 86400
					w := 0
					if d >= 91 && d < 182 { w = 1 } else if d >= 182 { w = 2 } else if d < 0 { continue }
					att[w] += b.Attempted[r]
					sz[w] += b.Seized[r]
				}
			}
			fmt.Printf("%s %s/%d/%d: %.3f %.3f %.3f  (kg %.0f %.0f %.0f)\n", cfg.Name, sc.Ports[rt.Port].Name, rt.Lane, rt.Concealment, sz[0]/att[0], sz[1]/att[1], sz[2]/att[2], att[0], att[1], att[2])
		}
	}
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			var ref, mis [3]float64
			for _, rr := range res {
				for b, bn := range rr.Ports[p].Lanes[l].Bins {
					d := float64(b) / 24
					w := 0
					if d >= 90 && d < 180 { w = 1 } else if d >= 180 { w = 2 }
					ref[w] += float64(bn.Referrals)
					mis[w] += float64(bn.Missed)
				}
			}
			fmt.Printf("port %s lane %d missed/referrals %.3f %.3f %.3f\n", sc.Ports[p].Name, l, mis[0]/ref[0], mis[1]/ref[1], mis[2]/ref[2])
		}
	}
}
