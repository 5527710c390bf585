package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"borderflow/numfmt"
)

// JSON returns summary.json's bytes: indented, keys in a fixed order, extra
// sections after the standard ones in name order.
func (s *Summary) JSON() ([]byte, error) {
	type plain Summary
	b, err := json.MarshalIndent((*plain)(s), "", "  ")
	if err != nil {
		return nil, err
	}
	if len(s.Extra) == 0 {
		return append(b, '\n'), nil
	}
	names := make([]string, 0, len(s.Extra))
	for k := range s.Extra {
		names = append(names, k)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	buf.Write(b[:len(b)-2]) // drop "\n}"
	for _, k := range names {
		v, err := json.MarshalIndent(s.Extra[k], "  ", "  ")
		if err != nil {
			return nil, fmt.Errorf("summary section %s: %w", k, err)
		}
		fmt.Fprintf(&buf, ",\n  %q: %s", k, v)
	}
	buf.WriteString("\n}\n")
	return buf.Bytes(), nil
}

// num formats a number for the CSV files exactly as summary.json has it
// (numfmt.Exact): counts as integers, everything else at full precision.
func num(x float64) string { return numfmt.Exact(x) }

// flag formats a boolean for the CSV files.
func flag(b bool) string { return strconv.FormatBool(b) }

// laneColumns are ports.csv's figures for one lane, each the mean over
// replications; replications.csv has the headline ones per replication.
var laneColumns = []struct {
	name string
	f    func(c *Class) float64
}{
	{"arrivals", func(c *Class) float64 { return c.Arrivals }},
	{"departures", func(c *Class) float64 { return c.Departures }},
	{"inside_at_end", func(c *Class) float64 { return c.Inside() }},
	{"wait_mean_min", func(c *Class) float64 { return c.Wait.Mean }},
	{"wait_p50_min", func(c *Class) float64 { return c.Wait.P50 }},
	{"wait_p95_min", func(c *Class) float64 { return c.Wait.P95 }},
	{"wait_max_min", func(c *Class) float64 { return c.Wait.Max }},
	{"queue_length_mean", func(c *Class) float64 { return c.QueueMean }},
	{"booths_mean", func(c *Class) float64 { return c.Booths }},
	{"referrals", func(c *Class) float64 { return c.Referrals }},
	{"secondary_inspections", func(c *Class) float64 { return c.Secondary }},
	{"missed_referrals", func(c *Class) float64 { return c.Missed }},
	{"false_alarms", func(c *Class) float64 { return c.FalseAlarms }},
	{"loads_attempted", func(c *Class) float64 { return c.Flow().LoadsAttempted }},
	{"loads_seized", func(c *Class) float64 { return c.Flow().LoadsSeized }},
	{"kg_attempted", func(c *Class) float64 { return c.Flow().KgAttempted }},
	{"kg_seized", func(c *Class) float64 { return c.Flow().KgSeized }},
	{"kg_delivered", func(c *Class) float64 { return c.Flow().KgDelivered }},
	{"interdiction_rate", func(c *Class) float64 { return c.Flow().Rate() }},
	{"delay_vehicle_hours", func(c *Class) float64 { return c.DelayHours }},
	{"delay_cost_usd", func(c *Class) float64 { return c.Cost.Total }},
	{"driver_time_cost_usd", func(c *Class) float64 { return c.Cost.DriverTime }},
}

// PortsCSV writes ports.csv: one row per port × class (the port's lanes
// in scenario order), each figure the mean over replications, then
// whether the lane is unstable.
func (s *Summary) PortsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"port", "state", "class"}
	for _, c := range laneColumns {
		head = append(head, c.name)
	}
	parts := partNames(s.sc)                                                                             // trusted.go: columns appended only with trusted parts
	cw.Write(append(append(append(head, "unstable"), trustedHeader(parts)...), s.checkpointHeader()...)) // checkpoint.go
	sc := s.sc
	for p, pc := range sc.Ports {
		for _, lc := range pc.Lanes {
			rec := []string{pc.Name, pc.State, sc.Classes[lc.Class].Name}
			for _, col := range laneColumns {
				rec = append(rec, num(mean(over(s.measures, func(m *Measures) float64 { return col.f(&m.Ports[p].Classes[lc.Class]) }))))
			}
			rec = append(rec, flag(s.Ports[p].Unstable[sc.Classes[lc.Class].Name]))
			rec = append(rec, s.trustedCells(parts, p, lc.Class)...)
			cw.Write(append(rec, s.checkpointCells(p, lc.Class)...))
		}
	}
	cw.Flush()
	return cw.Error()
}

var drugColumns = []string{"loads_attempted", "loads_seized", "loads_delivered", "kg_attempted", "kg_seized",
	"kg_delivered", "kg_inside", "interdiction_rate"}

func drugRow(x Drug) []string {
	return []string{num(x.LoadsAttempted), num(x.LoadsSeized), num(x.LoadsDelivered),
		num(x.KgAttempted), num(x.KgSeized), num(x.KgDelivered), num(x.KgInside), num(x.InterdictionRate)}
}

// DrugsCSV writes drugs.csv: per port and drug, loads and kilograms
// attempted, seized, delivered and still inside, and the interdiction
// rate (means over replications, as in summary.json). The border's totals
// are in drugs_total.csv, so that summing a column of drugs.csv counts
// each load once.
func (s *Summary) DrugsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(append([]string{"port", "drug"}, drugColumns...))
	for _, p := range s.Ports {
		for _, d := range s.sc.Drugs {
			cw.Write(append([]string{p.Name, d.Name}, drugRow(p.Drugs[d.Name])...))
		}
	}
	cw.Flush()
	return cw.Error()
}

// DrugsTotalCSV writes drugs_total.csv: drugs.csv's columns for the
// whole border, one row per drug.
func (s *Summary) DrugsTotalCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(append([]string{"drug"}, drugColumns...))
	for _, d := range s.sc.Drugs {
		cw.Write(append([]string{d.Name}, drugRow(s.Total.Drugs[d.Name])...))
	}
	cw.Flush()
	return cw.Error()
}

// replicationColumns are replications.csv's headline figures.
var replicationColumns = []string{"arrivals", "departures", "inside_at_end", "wait_mean_min", "wait_p95_min",
	"secondary_inspections", "missed_referrals", "loads_seized", "kg_attempted", "kg_seized", "interdiction_rate",
	"delay_vehicle_hours", "delay_cost_usd", "driver_time_cost_usd"}

// ReplicationsCSV writes replications.csv: one row per replication ×
// port × class with the headline figures of that replication alone, for
// users who do their own statistics.
func (s *Summary) ReplicationsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(append([]string{"replication", "port", "class"}, replicationColumns...))
	var cols []func(c *Class) float64
	for _, name := range replicationColumns {
		for _, c := range laneColumns {
			if c.name == name {
				cols = append(cols, c.f)
			}
		}
	}
	sc := s.sc
	for r, m := range s.measures {
		for p, pc := range sc.Ports {
			for _, lc := range pc.Lanes {
				c := &m.Ports[p].Classes[lc.Class]
				rec := []string{strconv.Itoa(r), pc.Name, sc.Classes[lc.Class].Name}
				for _, f := range cols {
					rec = append(rec, num(f(c)))
				}
				cw.Write(rec)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
