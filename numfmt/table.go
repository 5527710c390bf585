package numfmt

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Table is a plain-text table for a terminal: names in the first Left
// columns aligned left, numbers in the others aligned right, two spaces
// between columns, no trailing blanks. Its first row is the header. A table
// wider than MaxWidth is written as blocks of its columns, one under the
// other (see WriteTo).
type Table struct {
	Left int
	rows [][]string
}

// Row adds a row (a nil row is a blank line).
func (t *Table) Row(cells ...string) { t.rows = append(t.rows, cells) }

// Width is the widest line the table writes, in characters.
func (t *Table) Width() int {
	w := 0
	for _, l := range t.lines() {
		w = max(w, utf8.RuneCountInString(l))
	}
	return w
}

func (t *Table) lines() []string {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	out := make([]string, 0, len(t.rows))
	for _, r := range t.rows {
		var b strings.Builder
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i < t.Left {
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	return out
}

// MaxWidth is the widest line a table writes, when its columns allow: a
// terminal of 120 columns shows it without wrapping.
const MaxWidth = 120

// WriteTo writes the table. One wider than MaxWidth is written as blocks
// of its columns, separated by a blank line, each with the name columns
// and the header again; a block leaves out the rows that have nothing in
// its columns (a class row in a block of port figures), and the names of
// the rows it leaves out go down to the next row it keeps, so that each
// row still says what it is.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for bi, b := range t.blocks() {
		if bi > 0 {
			k, err := io.WriteString(w, "\n")
			n += int64(k)
			if err != nil {
				return n, err
			}
		}
		for _, l := range b.lines() {
			k, err := io.WriteString(w, l+"\n")
			n += int64(k)
			if err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// blocks splits the table's value columns into groups that fit MaxWidth
// beside the name columns.
func (t *Table) blocks() []*Table {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	if len(widths) <= t.Left+1 || t.Width() <= MaxWidth {
		return []*Table{t}
	}
	base := 0
	for _, wd := range widths[:t.Left] {
		base += wd + 2
	}
	var groups [][]int
	cur, used := []int(nil), base
	for j := t.Left; j < len(widths); j++ {
		if len(cur) > 0 && used+widths[j] > MaxWidth {
			groups = append(groups, cur)
			cur, used = nil, base
		}
		cur = append(cur, j)
		used += widths[j] + 2
	}
	groups = append(groups, cur)
	cell := func(r []string, i int) string {
		if i < len(r) {
			return r[i]
		}
		return ""
	}
	var out []*Table
	for _, g := range groups {
		b := &Table{Left: t.Left}
		carry := make([]string, t.Left)
		for ri, r := range t.rows {
			if r == nil {
				b.Row()
				continue
			}
			row := make([]string, 0, t.Left+len(g))
			for i := 0; i < t.Left; i++ {
				row = append(row, cell(r, i))
			}
			empty := true
			for _, j := range g {
				c := cell(r, j)
				empty = empty && c == ""
				row = append(row, c)
			}
			if ri > 0 && empty {
				for i := range carry {
					if c := cell(r, i); c != "" {
						carry[i] = c
					}
				}
				continue
			}
			for i := range carry {
				if row[i] == "" {
					row[i] = carry[i]
				}
				carry[i] = ""
			}
			b.Row(row...)
		}
		out = append(out, b)
	}
	return out
}
