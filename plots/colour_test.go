package plots

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/plot/plotter"

	"borderflow/internal/chartsynth"
)

// deltaE is the CIE76 colour difference of two sRGB colours (D65).
func deltaE(a, b color.Color) float64 {
	lab := func(c color.Color) [3]float64 {
		r, g, bl, _ := c.RGBA()
		lin := func(v uint32) float64 {
			x := float64(v) / 65535
			if x <= 0.04045 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		R, G, B := lin(r), lin(g), lin(bl)
		X := (0.4124*R + 0.3576*G + 0.1805*B) / 0.95047
		Y := 0.2126*R + 0.7152*G + 0.0722*B
		Z := (0.0193*R + 0.1192*G + 0.9505*B) / 1.08883
		f := func(t float64) float64 {
			if t > 0.008856 {
				return math.Cbrt(t)
			}
			return 7.787*t + 16.0/116
		}
		return [3]float64{116*f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))}
	}
	p, q := lab(a), lab(b)
	return math.Sqrt((p[0]-q[0])*(p[0]-q[0]) + (p[1]-q[1])*(p[1]-q[1]) + (p[2]-q[2])*(p[2]-q[2]))
}

// minDeltaE is the least distance between any two port colours (and from
// the grey of "other", the black of totals and the white ground).
const minDeltaE = 18

func TestPortColoursDistinct(t *testing.T) {
	others := []color.Color{otherColour, totalColour, color.White}
	for i, a := range portColours {
		for _, b := range append(append([]color.Color(nil), toColors(portColours[i+1:])...), others...) {
			if d := deltaE(a, b); d < minDeltaE {
				t.Errorf("%v and %v: ΔE %.1f < %d", a, b, d, minDeltaE)
			}
		}
	}
}

func toColors(cs []color.RGBA) []color.Color {
	v := make([]color.Color, len(cs))
	for i, c := range cs {
		v[i] = c
	}
	return v
}

// thumbColour is the colour of a legend thumbnail.
func thumbColour(th any) color.Color {
	switch x := th.(type) {
	case boxThumb:
		return x.c
	case markThumb:
		return x.c
	case *plotter.Line:
		return x.LineStyle.Color
	case lookThumb:
		return x.line.Color
	}
	return nil
}

// With 28 ports every chart names at most the eight busiest and "other",
// and the ports it names get colours at least ΔE 18 apart (and apart from
// "other" and the totals), the same port the same colour in every chart;
// the legend stays a narrow column even with a pressure threshold at
// every port.
func TestTwentyEightPorts(t *testing.T) {
	files := chartsynth.Run(28, 48, true, false, true)
	var sum map[string]any
	if err := json.Unmarshal(files["summary.json"], &sum); err != nil {
		t.Fatal(err)
	}
	pw := map[string]float64{}
	for _, p := range chartsynth.PortNames[:28] {
		pw[p] = 45
	}
	sum["pressure_wait_minutes"] = pw
	files["summary.json"], _ = json.Marshal(sum)
	_, figs := layout(t, files)
	colourOf := map[string]color.Color{}
	for _, f := range figs {
		if w := f.legendWidth(); w > px(widthPx)/4 {
			t.Errorf("%s: legend %.0f pt wide, a quarter of the chart is %.0f", f.name, w, px(widthPx)/4)
		}
		section := ""
		var names []string
		var colours []color.Color
		for _, e := range f.legend {
			if e.header {
				section = e.label
				continue
			}
			if !strings.Contains(section, "ort") && !strings.HasPrefix(section, "Route") && f.name != "seizures" {
				continue
			}
			c := thumbColour(e.thumb)
			if e.thumb == nil {
				continue
			}
			if c == nil {
				t.Fatalf("%s: legend %q: thumb %T", f.name, e.label, e.thumb)
			}
			if strings.HasPrefix(e.label, otherName) || e.label == "all ports" {
				continue
			}
			if f.name == "seizures" {
				continue // bars coloured by measure, not port
			}
			if prev, ok := colourOf[e.label]; ok && prev != c {
				t.Errorf("%s: %s is %v here and %v elsewhere", f.name, e.label, c, prev)
			}
			colourOf[e.label] = c
			names = append(names, e.label)
			colours = append(colours, c)
		}
		if len(names) > topPorts {
			t.Errorf("%s names %d ports: %v", f.name, len(names), names)
		}
		for i := range colours {
			for _, o := range append(append([]color.Color(nil), colours[i+1:]...), otherColour, totalColour) {
				if d := deltaE(colours[i], o); d < minDeltaE {
					t.Errorf("%s: %s's colour %v is ΔE %.1f from %v", f.name, names[i], colours[i], d, o)
				}
			}
		}
	}
	if len(colourOf) < topPorts {
		t.Errorf("only %d ports named in all charts", len(colourOf))
	}
	if !bytes.Contains(files["summary.json"], []byte("pressure_wait_minutes")) {
		t.Fatal("no thresholds")
	}
}

// Lines that may coincide — ports with the same empty lot, classes with
// the same wait — are told apart by dash and marker, not colour alone:
// in every legend section of lines, no two share both.
func TestCoincidingLinesToldApart(t *testing.T) {
	_, figs := layout(t, chartsynth.Run(12, 48, false, false, false))
	sweep, err := buildSweep(chartsynth.Sweep())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"waits": "Port", "secondary": "Lot, by port", "volume": "Mean wait"}
	checked := 0
	for _, f := range append(figs, sweep...) {
		sec, ok := want[f.name]
		if !ok {
			continue
		}
		in, seen := "", map[string]string{}
		n := 0
		for _, e := range f.legend {
			if e.header {
				in = e.label
				continue
			}
			if in != sec && !(f.name == "waits" && in == "Class") {
				continue
			}
			l, ok := e.thumb.(lookThumb)
			if !ok {
				t.Errorf("%s, %s: %q is told by colour only (%T)", f.name, in, e.label, e.thumb)
				continue
			}
			k := in + fmt.Sprint(l.line.Dashes, reflect.TypeOf(l.glyph.Shape))
			if o, dup := seen[k]; dup {
				t.Errorf("%s: %q and %q look alike but for colour", f.name, o, e.label)
			}
			seen[k] = e.label
			n++
		}
		if n < 2 {
			t.Errorf("%s: %d lines in %s", f.name, n, sec)
		}
		checked++
	}
	if checked != 3 {
		t.Errorf("checked %d charts", checked)
	}
}

// A panel that leaves ports out says so; one that shows them all (or sums
// the rest as "other") does not.
func TestSubsetOfPortsNamed(t *testing.T) {
	titles := func(nPorts int) map[string]string {
		_, figs := layout(t, chartsynth.Run(nPorts, 24, true, false, false))
		m := map[string]string{}
		for _, f := range figs {
			var s []string
			for _, row := range f.rows {
				for _, p := range row {
					s = append(s, p.Title.Text)
				}
			}
			m[f.name] = strings.Join(s, "|")
		}
		return m
	}
	many := titles(12)
	if !strings.Contains(many["waits"], "the 8 busiest of 12 ports") || !strings.Contains(many["interdiction"], "the 8 of 12 with most kg") {
		t.Errorf("12 ports: waits %q, interdiction %q", many["waits"], many["interdiction"])
	}
	few := titles(3)
	if strings.Contains(few["waits"], " of ") || strings.Contains(few["interdiction"], " of ") {
		t.Errorf("3 ports, all shown: waits %q, interdiction %q", few["waits"], few["interdiction"])
	}
}
