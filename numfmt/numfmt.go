package numfmt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Count formats a count: 12, 3.4, 456, 45k, 1.2M.
func Count(x float64) string {
	if x < 0 {
		return "-" + Count(-x)
	}
	switch {
	case x >= 10e6:
		return fmt.Sprintf("%.1fM", x/1e6)
	case x >= 100e3:
		return fmt.Sprintf("%.0fk", x/1e3)
	case x >= 100 || x == math.Trunc(x):
		return fmt.Sprintf("%.0f", x)
	default:
		return fmt.Sprintf("%.1f", x)
	}
}

// Minutes formats a wait given in minutes: "4.4 min", or hours past two.
// Tables that put several waits in one column use Min instead, so that
// the column has one unit.
func Minutes(m float64) string {
	if m >= 120 {
		return fmt.Sprintf("%.1f h", m/60)
	}
	return fmt.Sprintf("%.1f min", m)
}

// Min formats minutes without a unit (the column heading gives it):
// one decimal below 100, none above.
func Min(m float64) string {
	if math.Abs(m) >= 1000 {
		return Grouped(m)
	}
	if math.Abs(m) >= 100 {
		return fmt.Sprintf("%.0f", m)
	}
	return fmt.Sprintf("%.1f", m)
}

// Pct formats a share as a percentage: 0.031 → "3.1%".
func Pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// USD formats dollars: $812, $45k, $8.3M, $1.25B.
func USD(x float64) string {
	if x < 0 {
		return "-" + USD(-x)
	}
	switch {
	case x >= 1e9:
		return fmt.Sprintf("$%.2fB", x/1e9)
	case x >= 1e6:
		return fmt.Sprintf("$%.1fM", x/1e6)
	case x >= 1e3:
		return fmt.Sprintf("$%.0fk", x/1e3)
	default:
		return fmt.Sprintf("$%.0f", x)
	}
}

// Signed puts a plain ASCII sign before f(|x|): "+12", "-3.4k".
func Signed(x float64, f func(float64) string) string {
	if x < 0 {
		return "-" + f(-x)
	}
	return "+" + f(x)
}

// Exact formats a number for a CSV file exactly as encoding/json writes it
// in summary.json: the shortest decimal that reads back as the same
// float64, without an exponent between 1e-6 and 1e21 (so a count is an
// integer: 2932694, not 2.93269e+06). NaN and infinities, which JSON
// cannot hold, are written as empty fields.
func Exact(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	abs := math.Abs(x)
	f := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		f = 'e'
	}
	s := strconv.FormatFloat(x, f, -1, 64)
	if f == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		n := len(s)
		if n >= 4 && s[n-4] == 'e' && s[n-3] == '-' && s[n-2] == '0' {
			s = s[:n-2] + s[n-1:]
		}
	}
	return s
}

// Int formats a whole count for a CSV file.
func Int(n int64) string { return strconv.FormatInt(n, 10) }

// Grouped formats a count or a quantity as a whole number with thousands
// separators: 7,620,000, the same unit on every row of a column (not
// 76.9M beside 7620k). Negative numbers take a plain ASCII minus.
func Grouped(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "?"
	}
	neg := x < 0
	s := strconv.FormatFloat(math.Abs(math.Round(x)), 'f', 0, 64)
	var b []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	if neg && s != "0" {
		return "-" + string(b)
	}
	return string(b)
}

// Money is one unit of dollars for a whole column, chosen from the
// column's largest value so that its numbers stay short: $, $k, $M, $B.
type Money struct {
	Name string  // "$", "$k", "$M", "$B": for the column heading
	Div  float64 // dollars per unit
}

// MoneyFor picks the unit of a column holding xs.
func MoneyFor(xs ...float64) Money {
	m := 0.0
	for _, x := range xs {
		if !math.IsNaN(x) {
			m = math.Max(m, math.Abs(x))
		}
	}
	switch {
	case m >= 10e9:
		return Money{"$B", 1e9}
	case m >= 10e6:
		return Money{"$M", 1e6}
	case m >= 10e3:
		return Money{"$k", 1e3}
	}
	return Money{"$", 1}
}

// Format writes x in the unit, with thousands separators; one decimal
// below 100 units so that small values keep a digit.
func (u Money) Format(x float64) string {
	v := x / u.Div
	if math.Abs(v) < 100 && u.Div > 1 {
		if v < 0 {
			return "-" + strconv.FormatFloat(-v, 'f', 1, 64)
		}
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return Grouped(v)
}

// KgFor picks the unit of a column of kilograms holding xs: kg, or
// tonnes ("t") from 100,000 kg, so that the column stays narrow.
func KgFor(xs ...float64) Money {
	for _, x := range xs {
		if math.Abs(x) >= 100e3 {
			return Money{"t", 1e3}
		}
	}
	return Money{"kg", 1}
}

// Wrap breaks text into lines of at most width characters at spaces;
// lines after the first start with indent.
func Wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		n := utf8.RuneCountInString(word)
		switch {
		case i == 0:
		case line+1+n > width:
			b.WriteString("\n" + indent)
			line = utf8.RuneCountInString(indent)
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += n
	}
	return b.String()
}
