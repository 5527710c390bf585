package plots

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// An SVG names its font, but a browser without that font (Chromium on a
// machine without Liberation Sans or Arial) draws the text in a wider one,
// and a legend laid out for Liberation Sans runs past the chart's edge.
// fitText gives every <text> the width it was laid out with (textLength,
// measured with the font the layout used): the browser then draws the text
// in that width whatever font it has, so nothing is clipped and nothing
// overlaps. Embedding the font instead would add half a megabyte to each
// chart.
var svgText = regexp.MustCompile(`(?s)<text ([^>]*?)style="([^"]*)">([^<]*)</text>`)

var (
	svgSize   = regexp.MustCompile(`font-size:([0-9.]+)px`)
	svgBold   = regexp.MustCompile(`font-weight:bold`)
	svgItalic = regexp.MustCompile(`font-style:italic`)
)

func fitText(svg []byte) []byte {
	return svgText.ReplaceAllFunc(svg, func(m []byte) []byte {
		sub := svgText.FindSubmatch(m)
		attrs, style, content := sub[1], sub[2], sub[3]
		if len(content) == 0 || bytes.Contains(attrs, []byte("textLength=")) {
			return m
		}
		sz := svgSize.FindSubmatch(style)
		if sz == nil {
			return m
		}
		size, err := strconv.ParseFloat(string(sz[1]), 64)
		if err != nil || size <= 0 {
			return m
		}
		f := sans
		if svgBold.Match(style) {
			f.Weight = xfont.WeightBold
		}
		if svgItalic.Match(style) {
			f.Style = xfont.StyleItalic
		}
		face := font.DefaultCache.Lookup(f, vg.Length(size))
		w := face.Width(html.UnescapeString(string(content)))
		if w <= 0 {
			return m
		}
		var b bytes.Buffer
		b.Grow(len(m) + 48)
		b.WriteString("<text ")
		b.Write(attrs)
		fmt.Fprintf(&b, `textLength="%.2f" lengthAdjust="spacingAndGlyphs" style="`, float64(w))
		b.Write(style)
		b.WriteString(`">`)
		b.Write(content)
		b.WriteString("</text>")
		return b.Bytes()
	})
}
