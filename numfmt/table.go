package numfmt

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Table is a plain-text table for a terminal: names in the first Left
// columns aligned left, numbers in the others aligned right, two spaces
// between columns, no trailing blanks.
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

// WriteTo writes the table.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, l := range t.lines() {
		k, err := io.WriteString(w, l+"\n")
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
