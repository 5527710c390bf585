package plots

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
)

// Every text of an SVG chart carries the width it was laid out with, so a
// browser with another font draws it in that width (no clipped legend).
func TestSVGTextKeepsItsWidth(t *testing.T) {
	in := []byte(`<svg><text x="8" y="-4" transform="scale(1, -1)"
	style="font-family:'Liberation Sans',Arial;font-variant:normal;font-weight:bold;font-style:normal;font-size:15px">Waits &amp; queues</text>
<text x="9" y="-5" style="font-family:'Liberation Sans';font-weight:normal;font-style:normal;font-size:10px">inspect-everything</text></svg>`)
	out := string(fitText(in))
	re := regexp.MustCompile(`textLength="([0-9.]+)" lengthAdjust="spacingAndGlyphs"`)
	got := re.FindAllStringSubmatch(out, -1)
	if len(got) != 2 {
		t.Fatalf("%d texts fitted, want 2:\n%s", len(got), out)
	}
	bold := sans
	bold.Weight = xfont.WeightBold
	f1, f2 := font.DefaultCache.Lookup(bold, 15), font.DefaultCache.Lookup(sans, 10)
	want := []float64{float64(f1.Width("Waits & queues")), float64(f2.Width("inspect-everything"))}
	for i, g := range got {
		w, _ := strconv.ParseFloat(g[1], 64)
		if w <= 0 || w-want[i] > 0.01 || want[i]-w > 0.01 {
			t.Errorf("text %d: textLength %v, measured %v", i, w, want[i])
		}
	}
	if !strings.Contains(out, ">Waits &amp; queues</text>") || !strings.Contains(out, `transform="scale(1, -1)"`) {
		t.Errorf("the text or its attributes changed:\n%s", out)
	}
	if again := fitText([]byte(out)); string(again) != out {
		t.Error("fitting twice changes the SVG")
	}
}

// Every chart a run draws has its texts fitted.
func TestChartsFitTheirText(t *testing.T) {
	_, out, figs := drawAll(t)
	for _, f := range figs {
		svg := out[f.name+".svg"]
		n, fitted := strings.Count(string(svg), "<text "), strings.Count(string(svg), "textLength=")
		if n == 0 || fitted != n {
			t.Errorf("%s.svg: %d of %d texts fitted", f.name, fitted, n)
		}
	}
}
