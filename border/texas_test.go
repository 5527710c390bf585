package border_test

import (
	"math"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// texasRecord is CBP's change in truck traffic at the inspected bridges
// during the April 2022 DPS inspections (data/calibration_facts.csv, CBP
// via Overdrive 15 Apr 2022 and via the Herald Banner 14 Apr 2022): the
// model's port names. Hidalgo's is fitted (the DPS teams' share,
// cmd/genconfigs/texas.go); the others are left out of every fit.
var texasRecord = []struct {
	port   string
	drop   float64 // the record's change, a fraction (−0.35: 35% fewer)
	fitted bool
	note   string
}{
	{"Hidalgo", -0.35, true, "Pharr -35%"},
	{"El Paso", -0.30, false, "Bridge of the Americas -30%"},
	{"Laredo Colombia", -0.60, false, "Colombia -60% or more"},
	{"Ysleta", -0.50, false, "Ysleta more than -50%"},
}

// texasRun is one replication of texas-dps-2022 with and without the DPS
// checkpoints (the same seed: the same trucks present), and the daily
// mean wait for Hidalgo's checkpoint.
type texasRun struct {
	drop     map[string]float64 // departures while inspected, with over without, − 1
	peakWait map[string]float64 // the highest daily mean checkpoint wait, hours
	meanWait float64            // Hidalgo's mean checkpoint wait over the window, hours
}

func runTexas(t *testing.T, sc *scenario.Scenario, rep int) texasRun {
	t.Helper()
	with, err := border.Run(sc, rep, border.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	cf := sc.Clone()
	cf.Checkpoints = nil
	without, err := border.Run(cf, rep, border.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	out := texasRun{drop: map[string]float64{}}
	for _, ck := range sc.Checkpoints {
		p := ck.Port
		b0, b1 := int(ck.Start/sc.BinWidth), int(ck.End/sc.BinWidth)
		var dw, dn float64
		for l, ls := range with.Ports[p].Lanes {
			if !ck.Classes[ls.Class] {
				continue
			}
			for b := b0; b < b1 && b < len(ls.Bins); b++ {
				dw += float64(ls.Bins[b].Departures)
				dn += float64(without.Ports[p].Lanes[l].Bins[b].Departures)
			}
			if sc.Ports[p].Name == "Hidalgo" {
				out.meanWait = ls.Checkpoint.Waits.Mean() / 3600
			}
		}
		out.drop[sc.Ports[p].Name] = dw/dn - 1
	}
	out.peakWait = checkpointPeaks(sc, with)
	return out
}

// checkpointPeaks is each checkpointed port's highest daily mean
// checkpoint wait in one replication, hours: the waits that ended each day
// of the window.
func checkpointPeaks(sc *scenario.Scenario, res *border.Result) map[string]float64 {
	peaks := map[string]float64{}
	for _, ck := range sc.Checkpoints {
		p := ck.Port
		name := sc.Ports[p].Name
		for _, ls := range res.Ports[p].Lanes {
			if !ck.Classes[ls.Class] {
				continue
			}
			per := int(scenario.Day / sc.BinWidth)
			for d := 0; d*per < len(ls.Bins); d++ {
				var sum, n float64
				for b := d * per; b < (d+1)*per && b < len(ls.Bins); b++ {
					sum += ls.Bins[b].CheckpointWaitSum
					n += float64(ls.Bins[b].CheckpointWaitN)
				}
				if n > 0 {
					peaks[name] = math.Max(peaks[name], sum/n/3600)
				}
			}
		}
	}
	return peaks
}

// meanCI is the mean of xs and its 95% interval (Student's t).
func meanCI(xs []float64) (m, lo, hi float64) {
	n := float64(len(xs))
	for _, x := range xs {
		m += x
	}
	m /= n
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	tq := map[int]float64{2: 12.71, 3: 4.30, 4: 3.18, 5: 2.78, 6: 2.57, 7: 2.45, 8: 2.36}[len(xs)]
	h := tq * math.Sqrt(ss/(n-1)/n)
	return m, m - h, m + h
}

// texas-dps-2022 against the record: the truck traffic at Pharr (Hidalgo,
// fitted: the teams' share) and at the Bridge of the Americas (El Paso,
// left out) falls by CBP's figures within ±15 points, a tolerance for a
// press release's rounded figures over days of a blockade the model does
// not have; and Hidalgo's daily mean checkpoint wait peaks between 5 h
// (CBP's peak) and 20 h (the City of Pharr's "up to 20 h"); the carriers'
// value of time is fitted to put that peak in the City's 10-12 h.
// Colombia and Ysleta, left out, are logged for docs/VALIDATION.md, where
// Colombia's miss is explained (the model falls about as much as the
// other bridges: half its carriers never divert). Drops are
// paired: with and without the checkpoints on the same seeds, over each
// bridge's inspection days; the means over replications must lie in the
// bands (their intervals are logged for docs/VALIDATION.md).
func TestTexasDPS2022AgainstTheRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy (texas-dps-2022 twice per replication): make test runs it without -short")
	}
	sc, err := scenario.Embedded("texas-dps-2022")
	if err != nil {
		t.Fatal(err)
	}
	const reps = 4
	drops := map[string][]float64{}
	var means []float64
	peaks := map[string][]float64{}
	for rep := 0; rep < reps; rep++ {
		r := runTexas(t, sc, rep)
		for k, v := range r.drop {
			drops[k] = append(drops[k], v)
		}
		for k, v := range r.peakWait {
			peaks[k] = append(peaks[k], v)
		}
		means = append(means, r.meanWait)
	}
	got := map[string]float64{}
	for _, rec := range texasRecord {
		m, lo, hi := meanCI(drops[rec.port])
		got[rec.port] = m
		t.Logf("%-16s record %s: model %+.1f%% [%+.1f, %+.1f] (fitted %v)", rec.port, rec.note, 100*m, 100*lo, 100*hi, rec.fitted)
		if math.IsNaN(m) {
			t.Errorf("%s: no drop measured: the scenario has no checkpoint there", rec.port)
		}
	}
	for _, c := range []struct{ port, rec string }{{"El Paso", "5 h"}, {"Ysleta", "5.5 h"}, {"Laredo Colombia", "5 h"}} {
		m, lo, hi := meanCI(peaks[c.port])
		t.Logf("%s daily mean checkpoint wait, peak (CBP's peak wait %s): %.1f h [%.1f, %.1f]", c.port, c.rec, m, lo, hi)
	}
	pm, plo, phi := meanCI(peaks["Hidalgo"])
	t.Logf("Hidalgo daily mean checkpoint wait, peak (fitted: the City of Pharr's 10-12 h): %.1f h [%.1f, %.1f]", pm, plo, phi)
	mm, mlo, mhi := meanCI(means)
	t.Logf("Hidalgo mean checkpoint wait over the window: %.1f h [%.1f, %.1f]", mm, mlo, mhi)
	for _, port := range []string{"Hidalgo", "El Paso"} {
		for _, rec := range texasRecord {
			if rec.port == port && math.Abs(got[port]-rec.drop) > 0.15 {
				t.Errorf("%s: trucks %+.1f%%, the record %s (±15 points)", port, 100*got[port], rec.note)
			}
		}
	}
	if pm < 5 || pm > 20 {
		t.Errorf("Hidalgo's daily mean checkpoint wait peaks at %.1f h, the record 5 to 20 h", pm)
	}
}

// botaRun is what one replication of texas-dps-2022 says of the Bridge of
// the Americas (El Paso) and Ysleta: the daily mean checkpoint waits'
// peaks, the trucks each diverts to the other, and the trucks El Paso's
// teams inspected.
type botaRun struct {
	peak                       map[string]float64
	ysletaToBOTA, botaToYsleta float64
	inspected                  float64
}

func runBOTA(t *testing.T, sc *scenario.Scenario, rep int) botaRun {
	t.Helper()
	res, err := border.Run(sc, rep, border.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, p := range sc.Ports {
		idx[p.Name] = i
	}
	ep, okE := idx["El Paso"]
	ys, okY := idx["Ysleta"]
	if !okE || !okY {
		t.Fatal("texas-dps-2022 has no El Paso or no Ysleta")
	}
	out := botaRun{peak: checkpointPeaks(sc, res)}
	for _, ls := range res.Ports[ep].Lanes {
		if sc.Classes[ls.Class].Name == "truck" {
			out.botaToYsleta = float64(ls.Response.DivertedTo[ys])
			out.inspected = float64(ls.Checkpoint.Inspected)
		}
	}
	for _, ls := range res.Ports[ys].Lanes {
		if sc.Classes[ls.Class].Name == "truck" {
			out.ysletaToBOTA = float64(ls.Response.DivertedTo[ep])
		}
	}
	return out
}

// The Bridge of the Americas (El Paso) waits for DPS about as long as
// Hidalgo only because the carriers' choice between bridges is sharp (the
// logit's scale, $10, about an hour of a carrier's fitted value of time).
// docs/VALIDATION.md ("texas-dps-2022 against the record") gives the
// figures, and this test keeps them true. Its teams are sized by the same
// rule as every bridge's: without diversion (never_divert = 1) it and
// Hidalgo both queue to about the longest queue a carrier joins
// (max_wait), their peaks within 3 h of each other; so does the scenario.
// At the blunter scale of $100 (ten hours of a carrier's time, the
// former assumption) the choice hardly tells one long wait from a much
// longer one: Ysleta, a much larger bridge a short drive away, then sends
// it more trucks than it sends Ysleta, a quarter or more of those its
// teams inspect, and its peak is at least 1.5 times Hidalgo's. The peaks
// with max_wait lifted are logged too. Means over four replications.
func TestTexasDPS2022BridgeOfTheAmericasWait(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy (texas-dps-2022 four times per replication): make test runs it without -short")
	}
	sc, err := scenario.Embedded("texas-dps-2022")
	if err != nil {
		t.Fatal(err)
	}
	truck := -1
	for i, c := range sc.Classes {
		if c.Name == "truck" {
			truck = i
		}
	}
	if truck < 0 || sc.Response == nil {
		t.Fatal("texas-dps-2022 has no truck response")
	}
	// with is a copy of sc with its truck response changed.
	with := func(change func(*scenario.ClassResponse)) *scenario.Scenario {
		c := sc.Clone()
		change(&c.Response.Classes[truck])
		return c
	}
	noDivert := with(func(cr *scenario.ClassResponse) { cr.NeverDivert = 1 })
	blunt := with(func(cr *scenario.ClassResponse) { cr.Scale = 100 })
	noBound := with(func(cr *scenario.ClassResponse) { cr.MaxWait = 1000 * scenario.Hour })
	const reps = 4
	type stat struct{ hid, ep, ysl, dr, toBOTA, toYsl, share []float64 }
	var base, nd, bl, nb stat
	add := func(s *stat, b botaRun) {
		s.hid = append(s.hid, b.peak["Hidalgo"])
		s.ep = append(s.ep, b.peak["El Paso"])
		s.ysl = append(s.ysl, b.peak["Ysleta"])
		s.dr = append(s.dr, b.peak["Del Rio"])
		s.toBOTA = append(s.toBOTA, b.ysletaToBOTA)
		s.toYsl = append(s.toYsl, b.botaToYsleta)
		s.share = append(s.share, b.ysletaToBOTA/b.inspected)
	}
	for rep := 0; rep < reps; rep++ {
		add(&base, runBOTA(t, sc, rep))
		add(&nd, runBOTA(t, noDivert, rep))
		add(&bl, runBOTA(t, blunt, rep))
		add(&nb, runBOTA(t, noBound, rep))
	}
	mean := func(xs []float64) float64 { m, _, _ := meanCI(xs); return m }
	for _, c := range []struct {
		name string
		s    stat
	}{{"the scenario", base}, {"never_divert = 1", nd}, {"scale = $100", bl}, {"max_wait = 1000 h", nb}} {
		h, hl, hh := meanCI(c.s.hid)
		e, el, eh := meanCI(c.s.ep)
		y, yl, yh := meanCI(c.s.ysl)
		d, dl, dh := meanCI(c.s.dr)
		t.Logf("%-17s peak daily mean checkpoint wait: Hidalgo %.1f h [%.1f, %.1f], El Paso %.1f h [%.1f, %.1f], Ysleta %.1f h [%.1f, %.1f], Del Rio %.1f h [%.1f, %.1f]",
			c.name, h, hl, hh, e, el, eh, y, yl, yh, d, dl, dh)
	}
	t.Logf("trucks diverted Ysleta -> El Paso %.0f, El Paso -> Ysleta %.0f; Ysleta's are %.0f%% of El Paso's checkpoint inspections",
		mean(base.toBOTA), mean(base.toYsl), 100*mean(base.share))

	if d := mean(nd.ep) - mean(nd.hid); math.Abs(d) > 3 {
		t.Errorf("without diversion El Paso's peak is %+.1f h from Hidalgo's: the teams' rule no longer treats them alike", d)
	}
	t.Logf("at scale $100: trucks diverted Ysleta -> El Paso %.0f, El Paso -> Ysleta %.0f; Ysleta's are %.0f%% of El Paso's checkpoint inspections",
		mean(bl.toBOTA), mean(bl.toYsl), 100*mean(bl.share))
	if d := mean(base.ep) - mean(base.hid); math.Abs(d) > 3 {
		t.Errorf("El Paso's peak is %+.1f h from Hidalgo's: the sharp choice no longer keeps them alike; update docs/VALIDATION.md", d)
	}
	if mean(bl.toBOTA) <= mean(bl.toYsl) || mean(bl.share) < 0.25 {
		t.Errorf("at scale $100 Ysleta diverts %.0f trucks to El Paso (%.0f%% of its inspections), El Paso %.0f to Ysleta: docs/VALIDATION.md's reason no longer holds",
			mean(bl.toBOTA), 100*mean(bl.share), mean(bl.toYsl))
	}
	if r := mean(bl.ep) / mean(bl.hid); r < 1.5 {
		t.Errorf("at scale $100 El Paso's peak is %.2f times Hidalgo's: no longer about twice; update docs/VALIDATION.md", r)
	}
}
