package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"borderflow/numfmt"
	"borderflow/report"
)

func init() { figureBlocks["validation"] = validationTable }

// perRep is a figure of each replication from a run's replications.csv:
// f of the rows of (port, class) — port "" for every port, class "" for
// every class — summed per replication.
func (r *runner) perRep(dir, port, class string, f func(row map[string]float64) float64) []float64 {
	r.t.Helper()
	fh, err := os.Open(filepath.Join(dir, "replications.csv"))
	if err != nil {
		r.t.Fatal(err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		r.t.Fatal(err)
	}
	var out []float64
	for _, row := range rows[1:] {
		rep, _ := strconv.Atoi(row[0])
		if (port != "" && row[1] != port) || (class != "" && row[2] != class) {
			continue
		}
		m := map[string]float64{}
		for j, h := range rows[0][3:] {
			m[h], _ = strconv.ParseFloat(row[j+3], 64)
		}
		for len(out) <= rep {
			out = append(out, 0)
		}
		out[rep] += f(m)
	}
	return out
}

// ratioReps is a/b replication by replication.
func ratioReps(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		if b[i] != 0 {
			out[i] = a[i] / b[i]
		}
	}
	return out
}

// withIv formats the mean of xs with its 95% interval (a quantity ≥ 0).
func withIv(xs []float64, f func(float64) string) string {
	m := report.Mean(xs)
	lo, hi, ok := report.CI95(xs, report.NonNegative)
	if !ok {
		return f(m) + " (one replication: no interval)"
	}
	return fmt.Sprintf("%s [%s, %s]", f(m), f(lo), f(hi))
}

func hoursOf(h float64) string { return fmt.Sprintf("%.1f h", h) }
func minsOf(m float64) string  { return fmt.Sprintf("%.1f min", m) }
func usdM(x float64) string    { return fmt.Sprintf("$%sM", numfmt.Grouped(x/1e6)) }

// validationTable is docs/VALIDATION.md's table: each historical episode
// or published measurement beside the model's figure for it.
func validationTable(r *runner) string {
	var b strings.Builder
	b.WriteString("| episode or measurement | the record (source) | the model [95% interval over replications] | command | fitted? |\n|---|---|---|---|---|\n")
	row := func(what, record, model, cmd, fitted string) {
		fmt.Fprintf(&b, "| %s | %s | %s | `bin/borderflow %s` | %s |\n", what, record, model, cmd, fitted)
	}
	cost := func(dir string) []float64 {
		return r.perRep(dir, "", "", func(m map[string]float64) float64 { return m["delay_cost_usd"] })
	}
	perDay := func(xs []float64, days float64) []float64 {
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = x / days
		}
		return out
	}
	inPort := func(dir, port, class string) []float64 {
		h := r.perRep(dir, port, class, func(m map[string]float64) float64 { return m["delay_vehicle_hours"] })
		n := r.perRep(dir, port, class, func(m map[string]float64) float64 { return m["arrivals"] })
		return ratioReps(h, n)
	}

	// Operation Intercept, 1969.
	oi := []string{"run", "operation-intercept", "-reps", "3"}
	dir := r.run(oi...)
	var s struct {
		HorizonHours float64 `json:"horizon_hours"`
		Response     struct {
			Total map[string]struct {
				Trips     float64 `json:"trips"`
				Cancelled float64 `json:"cancelled"`
			} `json:"total"`
		} `json:"response"`
	}
	r.summary(dir, &s)
	trips, lost := 0.0, 0.0
	for _, c := range s.Response.Total {
		trips += c.Trips
		lost += c.Cancelled
	}
	row("Operation Intercept, 21 Sep – 11 Oct 1969: every vehicle from Mexico inspected",
		"crossings nearly shut down; ended after 20 days (Wikipedia, \"Operation Intercept\"; docs/SOURCES.md)",
		fmt.Sprintf("today's south Texas ports for 20 days: cars %s and trucks %s in the port on average; %.0f%% of planned trips not made; whole cost of delay %s a day",
			withIv(inPort(dir, "", "car"), hoursOf), withIv(inPort(dir, "", "truck"), hoursOf), 100*lost/trips, withIv(perDay(cost(dir), s.HorizonHours/24), usdM)),
		strings.Join(oi, " "), "left out (no figure of the episode to fit)")

	// The search of February 1985.
	sd := []string{"run", "slowdown-1985", "-reps", "3"}
	dir = r.run(sd...)
	rows, col := readCSVFile(r.t, filepath.Join(dir, "series.csv"))
	byDay := map[int]float64{}
	for _, rw := range rows[1:] {
		if rw[col["port"]] != "San Ysidro" || rw[col["class"]] != "car" {
			continue
		}
		h, _ := strconv.ParseFloat(rw[col["bin_start_hours"]], 64)
		d, _ := strconv.ParseFloat(rw[col["departures"]], 64)
		byDay[int(h/24)] += d
	}
	during, after := 0.0, 0.0
	for d := 1; d <= 9; d++ {
		during += byDay[d] / 9
	}
	for d := 11; d <= 13; d++ {
		after += byDay[d] / 3
	}
	row("the search of every car after Camarena's kidnapping, 15–24 Feb 1985",
		"San Ysidro: cars waited 7½ h early on Saturday 16 Feb, \"two hours and longer\" later; 19,000 cars crossed that Saturday against 31,000 on a typical one (61%) (LA Times, 17 and 18 Feb 1985; data/calibration_facts.csv)",
		fmt.Sprintf("San Ysidro's cars spend %s in the port during the search; %.0f%% of the cars a day of the days after it cross during it (days 1–9 against 11–13, means over the replications)",
			withIv(inPort(dir, "San Ysidro", "car"), hoursOf), 100*during/after),
		strings.Join(sd, " "), "left out (the search's time is from the 1985 reports; its share of cars is not fitted)")

	// Texas DPS, April 2022.
	tx := []string{"run", "texas-dps-2022", "-reps", "3"}
	dir = r.run(tx...)
	r.summary(dir, &s)
	row("Texas DPS inspections of every truck, 8–15 Apr 2022",
		"$477M a day to Texas (Perryman Group); Pharr trucks 10–12 h on average (City of Pharr); Ysleta 52 min on average (CBP) (data/calibration_facts.csv)",
		fmt.Sprintf("whole cost of delay %s a day; trucks in the port: Hidalgo (Pharr) %s, Ysleta %s",
			withIv(perDay(cost(dir), s.HorizonHours/24), usdM), withIv(inPort(dir, "Hidalgo", "truck"), hoursOf), withIv(inPort(dir, "Ysleta", "truck"), hoursOf)),
		strings.Join(tx, " "), "fitted in part: the trucks' cargo_value_of_time is Perryman's $477M a day spread over the Texas ports' truck-hours (configs/texas-dps-2022.toml), so the cost is not an independent check; the truck booths at Hidalgo and Ysleta are staffed to April 2022's published mean waits (below)")

	// The closure estimate.
	bc := []string{"run", "border-closure", "-reps", "3"}
	dir = r.run(bc...)
	r.summary(dir, &s)
	row("closing the border to trucks and cars",
		"$130B a year, about $356M a day (Russ and Sojourner, Econofact, 2019; data/calibration_facts.csv)",
		fmt.Sprintf("every port closed for 7 days: whole cost of delay %s a day", withIv(perDay(cost(dir), s.HorizonHours/24), usdM)),
		strings.Join(bc, " "), "fitted by construction: a truck trip not made costs lost_trade, the $130B a year over BTS 2024's trucks (configs/border-closure.toml)")

	// BTS volumes (fitted).
	ep := []string{"run", "eagle-pass", "-reps", "20"}
	dir = r.run(ep...)
	arr := func(class string) []float64 {
		return r.perRep(dir, "Eagle Pass", class, func(m map[string]float64) float64 { return m["arrivals"] })
	}
	row("BTS crossings, Eagle Pass, 2024",
		"256,225 trucks and 2,932,000 personal vehicles (BTS Border Crossing Entry Data; data/Border_Crossing_Entry_Data_US-Mexico.csv)",
		fmt.Sprintf("%s trucks, %s personal vehicles in the year", withIv(arr("truck"), numfmt.Grouped), withIv(arr("car"), numfmt.Grouped)),
		strings.Join(ep, " "), "fitted (arrival rates from these counts)")

	// Published waits and CBP's seizures: a year of the whole border.
	sw := []string{"run", "southwest-border", "-reps", "3"}
	dir = r.run(sw...)
	var w struct {
		Ports []report.Port `json:"ports"`
		Total report.Total  `json:"total"`
	}
	r.summary(dir, &w)
	waitIv := func(p report.Port, c string) string {
		ci := p.CI95["wait_minutes."+c+".mean"]
		return fmt.Sprintf("%s [%s, %s]", minsOf(p.WaitMinutes[c].Mean), minsOf(ci[0]), minsOf(ci[1]))
	}
	var laredo report.Port
	for _, p := range w.Ports {
		if p.Name == "Laredo" {
			laredo = p
		}
	}
	row("published waits at primary",
		"US–Mexico personal vehicles 15 min (2003–04), trucks 7.3 min (2004), Laredo trucks 21 min (2004) (BTS; data/calibration_facts.csv)",
		fmt.Sprintf("personal vehicles %s, trucks %s, Laredo trucks %s (mean wait for a primary booth, a year)", waitIv(w.Total.Port, "car"), waitIv(w.Total.Port, "truck"), waitIv(laredo, "truck")),
		strings.Join(sw, " "), "Laredo trucks fitted (their staffing, below); the border-wide averages left out")
	cbp := map[string]float64{}
	rows, col = readCSVFile(r.t, "../../data/cbp_sw_border_drug_seizures_fy2019_fy2023.csv")
	for _, rw := range rows[1:] {
		if rw[col["fiscal_year"]] == "2023" {
			lbs, _ := strconv.ParseFloat(rw[col["ofo_ports_lbs"]], 64)
			cbp[strings.ToLower(rw[col["drug_type"]])] = lbs * 0.45359237
		}
	}
	var model, record []string
	for _, d := range []string{"methamphetamine", "cocaine", "fentanyl"} {
		record = append(record, fmt.Sprintf("%s %s kg", d, numfmt.Grouped(cbp[d])))
		model = append(model, fmt.Sprintf("%s %s kg", d, numfmt.Grouped(w.Total.Drugs[d].KgSeized)))
	}
	ci := w.Total.CI95["kg_seized"]
	row("CBP's seizures at the southwest ports, FY2023",
		strings.Join(record, ", ")+" (CBP, port-of-entry seizures; data/cbp_sw_border_drug_seizures_fy2019_fy2023.csv)",
		fmt.Sprintf("%s (means over the replications); all drugs %s kg [%s, %s]", strings.Join(model, ", "),
			numfmt.Grouped(w.Total.KgSeized), numfmt.Grouped(ci[0]), numfmt.Grouped(ci[1])),
		strings.Join(sw, " "), "fitted (the flows were sized from field-office seizures with one interdiction rate per drug)")
	return b.String()
}
