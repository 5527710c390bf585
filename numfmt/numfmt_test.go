package numfmt

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// Exact writes what encoding/json writes, so a CSV value equals the
// summary.json value byte for byte (a count is 2932694, not 2.93269e+06).
func TestExactMatchesJSON(t *testing.T) {
	for _, x := range []float64{0, 1, -1, 2932694, 2932694.3333333335, 1e-7, 3.2e-9, 1e21, 1.5e22, 0.1, 1.0 / 3, 123456789012, -4.25e-12, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		if got := Exact(x); got != string(b) {
			t.Errorf("Exact(%v) = %q, JSON %q", x, got, b)
		}
	}
	if Exact(2932694) != "2932694" {
		t.Errorf("a count is not an integer: %s", Exact(2932694))
	}
	if Exact(math.NaN()) != "" {
		t.Error("NaN not empty")
	}
}

func TestShortFormats(t *testing.T) {
	cases := []struct{ got, want string }{
		{Count(12), "12"}, {Count(3.4), "3.4"}, {Count(456.7), "457"}, {Count(45e3), "45000"}, {Count(450e3), "450k"},
		{Count(12.3e6), "12.3M"}, {Count(-450e3), "-450k"},
		{Minutes(4.44), "4.4 min"}, {Minutes(150), "2.5 h"}, {Min(48.64), "48.6"}, {Min(150.2), "150"},
		{Pct(0.031), "3.1%"}, {USD(812), "$812"}, {USD(45e3), "$45k"}, {USD(8.3e6), "$8.3M"}, {USD(1.25e9), "$1.25B"},
		{USD(-2e6), "-$2.0M"}, {Signed(-3, Count), "-3"}, {Signed(3, Count), "+3"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("%d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func TestColumnFormats(t *testing.T) {
	cases := []struct{ got, want string }{
		{Grouped(7620000), "7,620,000"}, {Grouped(76.9e6), "76,900,000"}, {Grouped(999.6), "1,000"}, {Grouped(12), "12"},
		{Grouped(-1234.4), "-1,234"}, {Grouped(-0.2), "0"}, {Grouped(0), "0"},
		{MoneyFor(812, 45).Name, "$"}, {MoneyFor(3.39e11, 5).Name, "$B"}, {MoneyFor(8.3e6, 1e7).Name, "$M"},
		{MoneyFor(3.39e11).Format(3.39e11), "339"}, {MoneyFor(3.39e11).Format(2.5e9), "2.5"},
		{MoneyFor(1e7).Format(-2.5e6), "-2.5"}, {MoneyFor(500).Format(499.6), "500"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("%d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func TestTable(t *testing.T) {
	var tb Table
	tb.Left = 1
	tb.Row("port", "n", "wait")
	tb.Row("Eagle Pass", "12", "4.4")
	tb.Row()
	tb.Row("Roma", "1,234", "")
	var b strings.Builder
	tb.WriteTo(&b)
	want := "port            n  wait\nEagle Pass     12   4.4\n\nRoma        1,234\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if tb.Width() != 23 {
		t.Errorf("width %d", tb.Width())
	}
}

func TestWrapAndKg(t *testing.T) {
	if got := Wrap("aa bb cc dd", 5, "  "); got != "aa bb\n  cc\n  dd" {
		t.Errorf("wrap %q", got)
	}
	if KgFor(99e3).Name != "kg" || KgFor(1, 2e5).Format(1234567) != "1,235" {
		t.Error("kg scale")
	}
}

// A table wider than MaxWidth is written as blocks of its columns, each
// with the names and the header again; a block leaves out rows with
// nothing in its columns and takes their names down to the next row.
func TestTableSplitsWideTables(t *testing.T) {
	var tb Table
	tb.Left = 2
	long := strings.Repeat("x", 40)
	tb.Row("port", "class", "arrivals "+long, "wait "+long, "secondary "+long, "kg seized")
	tb.Row("Eagle Pass", "car", "20,803", "0.2", "", "")
	tb.Row("", "truck", "1,919", "0.6", "", "")
	tb.Row("", "all", "", "", "772", "2")
	tb.Row()
	tb.Row("Laredo", "car", "9", "1.0", "", "")
	var b strings.Builder
	tb.WriteTo(&b)
	out := b.String()
	blocks := strings.Split(out, "\n\n")
	if len(blocks) < 3 { // two blocks, one of which holds the blank row
		t.Fatalf("not split:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if n := len([]rune(l)); n > MaxWidth {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
	if !strings.Contains(out, "Eagle Pass  all") {
		t.Errorf("the port row of the second block lost its port's name:\n%s", out)
	}
	if strings.Count(out, "port") != 2 {
		t.Errorf("the header is not repeated in each block:\n%s", out)
	}
	var narrow Table
	narrow.Left = 1
	narrow.Row("a", "b")
	narrow.Row("c", "d")
	b.Reset()
	narrow.WriteTo(&b)
	if b.String() != "a  b\nc  d\n" {
		t.Errorf("a narrow table changed: %q", b.String())
	}
}
