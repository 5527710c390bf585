package data

import (
	"embed"
	"encoding/csv"
	"fmt"
)

//go:embed *.csv
var files embed.FS

// Table is a CSV file of this folder: its header and its records.
type Table struct {
	Name   string
	Header []string
	Rows   [][]string
	col    map[string]int
}

// Read parses the CSV file name (e.g. "southwest_ports_summary.csv").
func Read(name string) (*Table, error) {
	f, err := files.Open(name)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", name, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("data/%s: empty", name)
	}
	t := &Table{Name: name, Header: rows[0], Rows: rows[1:], col: map[string]int{}}
	for i, h := range t.Header {
		t.col[h] = i
	}
	return t, nil
}

// Col returns the index of the column called name.
func (t *Table) Col(name string) (int, error) {
	i, ok := t.col[name]
	if !ok {
		return -1, fmt.Errorf("data/%s: no column %q", t.Name, name)
	}
	return i, nil
}

// Cols returns the indexes of the columns called names, in that order.
func (t *Table) Cols(names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, name := range names {
		var err error
		if out[i], err = t.Col(name); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Files lists the CSV files of this folder.
func Files() []string {
	ents, _ := files.ReadDir(".")
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}
