// Package chartsynth makes synthetic run and sweep outputs, shaped as
// report writes them, with numbers made by simple formulas: the plots
// tests know what to expect of them, and cmd/chartpreview draws them to
// look at while working on the charts.
package chartsynth

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
)

// PortNames are the synthetic runs' ports, busiest first.
var PortNames = []string{"Laredo", "Otay Mesa", "Hidalgo", "Eagle Pass", "El Paso", "Nogales",
	"Calexico East", "San Ysidro", "Brownsville", "Del Rio", "Santa Teresa", "Roma",
	"Pharr", "Progreso", "Rio Grande City", "Presidio", "Columbus", "Douglas", "Lukeville", "San Luis",
	"Tecate", "Andrade", "Ysleta", "Tornillo", "Sasabe", "Naco", "Calexico", "Fabens"}

// Drugs are the synthetic runs' drugs.
var Drugs = []string{"methamphetamine", "fentanyl", "cocaine"}

// Num formats x as the synthetic files do.
func Num(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// CSV returns rows as CSV.
func CSV(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	return b.Bytes()
}

// classesAt: San Ysidro takes no trucks.
func classesAt(port string) []string {
	if port == "San Ysidro" {
		return []string{"car"}
	}
	return []string{"truck", "car"}
}

// Run makes the files of a run with nPorts ports over hours hourly
// bins (series.csv). With ci, summary.json has 95% intervals; with pressure, a
// pressure_wait_minutes key; with routes, routes.csv and surges.
func Run(nPorts, hours int, ci, pressure, routes bool) map[string][]byte {
	ports := PortNames[:nPorts]
	files := map[string][]byte{}

	series := [][]string{{"bin_start_hours", "bin_hours", "port", "class", "arrivals", "departures", "wait_count",
		"wait_mean_min", "wait_p50_min", "wait_p95_min", "queue_length", "referrals", "missed_referrals", "secondary", "seizures", "kg_seized", "lot_occupancy"}}
	portsCSV := [][]string{{"port", "state", "class", "arrivals", "departures", "inside_at_end", "wait_mean_min", "wait_p50_min",
		"wait_p95_min", "wait_max_min", "queue_length_mean", "booths_mean", "referrals", "secondary_inspections", "missed_referrals",
		"false_alarms", "loads_attempted", "loads_seized", "kg_attempted", "kg_seized", "kg_delivered", "interdiction_rate",
		"delay_vehicle_hours", "delay_cost_usd"}}
	drugsCSV := [][]string{{"port", "drug", "loads_attempted", "loads_seized", "loads_delivered", "kg_attempted", "kg_seized",
		"kg_delivered", "kg_inside", "interdiction_rate"}}

	type drugNums struct{ la, ls, ka, ks float64 }
	var sumPorts []map[string]any
	totalDrugs := map[string]*drugNums{}
	totalArr := map[string]float64{}
	var totKa, totKs float64
	for pi, port := range ports {
		scale := 1 / float64(pi+1)
		arrivals := map[string]float64{}
		waits := map[string]any{}
		for ci, class := range classesAt(port) {
			base := 100 * scale
			if class == "car" {
				base = 300 * scale
			}
			var total float64
			for h := 0; h < hours; h++ {
				day := 1 + 0.6*math.Sin(2*math.Pi*float64(h)/24)
				a := math.Round(base * day)
				d := math.Round(a * 0.97)
				wait := 5 + 20*day*float64(ci+1)*scale
				total += a
				series = append(series, []string{Num(float64(h)), "1", port, class, Num(a), Num(d), Num(d), Num(wait), Num(0.8 * wait),
					Num(2.5 * wait), Num(a / 20), Num(a * 0.05), Num(a * 0.01 * day), Num(a * 0.04), Num(float64(h % 3)),
					Num(float64(h%3) * 12.5), Num(3 + 2*day)})
			}
			arrivals[class] = total
			totalArr[class] += total
			waits[class] = map[string]float64{"mean": 12 * scale, "p50": 9 * scale, "p95": 40 * scale, "max": 90 * scale}
			portsCSV = append(portsCSV, []string{port, "TX", class, Num(total), Num(total * 0.97), Num(total * 0.03),
				Num(12 * scale), Num(9 * scale), Num(40 * scale), Num(90 * scale), "4", "6", Num(total * 0.05), Num(total * 0.04),
				Num(total * 0.01), "3", "10", "2", "500", "100", "380", "0.2", Num(total / 5), Num(total * 4)})
		}
		drugs := map[string]any{}
		var ka, ks float64
		for di, d := range Drugs {
			x := drugNums{la: 10 * scale, ls: float64(3-di) * scale, ka: 1000 * scale * float64(di+1), ks: 200 * scale * float64(3-di)}
			drugsCSV = append(drugsCSV, []string{port, d, Num(x.la), Num(x.ls), Num(x.la - x.ls), Num(x.ka), Num(x.ks),
				Num(x.ka - x.ks), "0", Num(x.ks / x.ka)})
			drugs[d] = map[string]float64{"loads_attempted": x.la, "loads_seized": x.ls, "kg_attempted": x.ka, "kg_seized": x.ks,
				"interdiction_rate": x.ks / x.ka}
			t := totalDrugs[d]
			if t == nil {
				t = &drugNums{}
				totalDrugs[d] = t
			}
			t.la += x.la
			t.ls += x.ls
			t.ka += x.ka
			t.ks += x.ks
			ka += x.ka
			ks += x.ks
		}
		totKa += ka
		totKs += ks
		p := map[string]any{
			"name": port, "state": "TX", "arrivals": arrivals, "departures": arrivals, "wait_minutes": waits,
			"referrals": 500 * scale, "secondary_inspections": 400 * scale, "missed_referrals": 30 * scale,
			"loads_attempted": 30 * scale, "loads_seized": 6 * scale, "kg_attempted": ka, "kg_seized": ks,
			"interdiction_rate": ks / ka, "delay_cost_usd": 123456 * scale, "drugs": drugs,
		}
		if ci {
			r := ks / ka
			p["ci95"] = map[string][2]float64{"interdiction_rate": {r * 0.8, r * 1.2}, "kg_seized": {ks * 0.8, ks * 1.2}}
		}
		if pressure && pi == 0 {
			p["pressure_wait_minutes"] = 45
		}
		sumPorts = append(sumPorts, p)
	}
	for _, d := range Drugs {
		x := totalDrugs[d]
		drugsCSV = append(drugsCSV, []string{"total", d, Num(x.la), Num(x.ls), Num(x.la - x.ls), Num(x.ka), Num(x.ks),
			Num(x.ka - x.ks), "0", Num(x.ks / x.ka)})
	}
	total := map[string]any{"name": "total", "arrivals": totalArr, "kg_attempted": totKa, "kg_seized": totKs,
		"interdiction_rate": totKs / totKa, "delay_cost_usd": 1e6}
	if ci {
		r := totKs / totKa
		total["ci95"] = map[string][2]float64{"interdiction_rate": {r * 0.9, r * 1.1}}
	}
	sum := map[string]any{
		"scenario": "synthetic", "description": "A made-up run for the chart tests.", "seed": 7,
		"replications": 3, "horizon_hours": hours, "warmup_hours": 24, "ports": sumPorts, "total": total,
		"organisations": []any{map[string]any{"name": "A", "weird": []int{1, 2}}},
		"displacement":  "a section the charts do not know",
	}
	if routes {
		sum["surges"] = []map[string]any{{"port": ports[0], "start_day": 3, "end_day": 5}}
		rows := [][]string{{"period", "day", "organisation", "port", "class", "concealment", "kg_planned", "share"}}
		days := hours / 24
		for d := 0; d < days; d++ {
			for _, org := range []string{"north", "gulf"} {
				for pi, port := range ports {
					w := 100 / float64(pi+1)
					if pi == 0 && d >= 3 && d < 5 {
						w /= 4 // the surge pushes loads away from the first port
					}
					rows = append(rows, []string{strconv.Itoa(d), strconv.Itoa(d), org, port, "truck", "compartment", Num(w), Num(w / 300)})
				}
				rows = append(rows, []string{strconv.Itoa(d), strconv.Itoa(d), org, "Europe (outside)", "", "", "20", "0.05"})
			}
		}
		files["routes.csv"] = CSV(rows)
	}
	js, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		panic(err)
	}
	files["summary.json"] = append(js, '\n')
	files["series.csv"] = CSV(series)
	files["ports.csv"] = CSV(portsCSV)
	files["drugs.csv"] = CSV(drugsCSV)
	return files
}

// Sweep makes a sweep folder's volume.csv and policies.csv.
func Sweep() map[string][]byte {
	vol := [][]string{{"volume_factor", "interdiction_rate", "interdiction_rate_lo", "interdiction_rate_hi",
		"wait_mean_min_truck", "wait_mean_min_car", "share_inspected"}}
	for _, f := range []float64{2, 0.5, 1, 1.5, 3} { // unsorted on purpose
		r := 0.3 / f
		vol = append(vol, []string{Num(f), Num(r), Num(r * 0.8), Num(r * 1.2), Num(10 * f * f), Num(4 * f * f), Num(0.2 / f)})
	}
	pol := [][]string{{"policy", "kg_seized", "kg_seized_lo", "kg_seized_hi", "delay_cost_usd", "delay_cost_usd_lo", "delay_cost_usd_hi"}}
	for i, name := range []string{"baseline", "targeted", "image all trucks", "operation intercept"} {
		k := float64(i + 1)
		pol = append(pol, []string{name, Num(1000 * k), Num(900 * k), Num(1100 * k), Num(2e6 * k * k), Num(1.8e6 * k * k), Num(2.2e6 * k * k)})
	}
	return map[string][]byte{"volume.csv": CSV(vol), "policies.csv": CSV(pol)}
}
