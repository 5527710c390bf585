package sweep

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Record is the metrics of one (policy, replication) pair, in the order of
// the manifest's Metrics.
type Record struct {
	Pair   int
	Values []float64
}

// pairsHeader is pairs.csv's header for the metrics.
func pairsHeader(metrics []string) []string {
	return append([]string{"policy", "replication"}, metrics...)
}

// exact formats a metric so that it reads back to the same float64: a
// resumed or merged sweep then computes from the very numbers a
// single-machine run had, and writes the same bytes.
func exact(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// recordLine returns one pairs.csv line.
func recordLine(m *Manifest, r Record) []byte {
	p, rep := m.PairOf(r.Pair)
	row := []string{m.Policies[p].Name, strconv.Itoa(rep)}
	for _, v := range r.Values {
		row = append(row, exact(v))
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(row)
	w.Flush()
	return b.Bytes()
}

// PairsCSV returns pairs.csv: the header, then one line per record in
// pair order.
func PairsCSV(m *Manifest, recs []Record) []byte {
	sorted := append([]Record(nil), recs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Pair < sorted[j].Pair })
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(pairsHeader(m.Metrics))
	w.Flush()
	for _, r := range sorted {
		b.Write(recordLine(m, r))
	}
	return b.Bytes()
}

// ParsePairs reads pairs.csv written for manifest m. Every line must name
// a policy of m and a replication in range, give every metric, and (with
// strictShard) belong to m's shard; a pair may appear only once; every
// value must be in its metric's range (parseValue). name labels messages.
func ParsePairs(name string, m *Manifest, data []byte, strictShard bool) ([]Record, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	head, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty (no header)", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if want := strings.Join(pairsHeader(m.Metrics), ","); strings.Join(head, ",") != want {
		return nil, fmt.Errorf("%s: header %q does not match the manifest's metrics (%q)", name, strings.Join(head, ","), want)
	}
	policy := map[string]int{}
	for i, p := range m.Policies {
		policy[p.Name] = i
	}
	seen := map[int]bool{}
	var out []Record
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if len(row) != 2+len(m.Metrics) {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", name, line, len(row), 2+len(m.Metrics))
		}
		p, ok := policy[row[0]]
		if !ok {
			return nil, fmt.Errorf("%s:%d: policy %q is not in the manifest", name, line, row[0])
		}
		rep, err := strconv.Atoi(row[1])
		if err != nil || rep < 0 || rep >= m.Replications {
			return nil, fmt.Errorf("%s:%d: replication %q is not between 0 and %d", name, line, row[1], m.Replications-1)
		}
		pair := m.PairIndex(p, rep)
		if seen[pair] {
			return nil, fmt.Errorf("%s:%d: pair (%s, replication %d) appears twice", name, line, row[0], rep)
		}
		if strictShard && !m.InShard(pair) {
			return nil, fmt.Errorf("%s:%d: pair (%s, replication %d) is pair %d, not in shard %d/%d", name, line, row[0], rep, pair, m.Shard, m.Shards)
		}
		seen[pair] = true
		rec := Record{Pair: pair, Values: make([]float64, len(m.Metrics))}
		for k, s := range row[2:] {
			if rec.Values[k], err = parseValue(m.Metrics[k], s); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, line, err)
			}
		}
		out = append(out, rec)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pair < out[j].Pair })
	return out, nil
}
