package plots

import (
	"fmt"
	"image/color"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// diversion: where the drivers who answered delay went (diversions.csv
// and response.csv, written when the scenario has a [response]): the
// largest flows from port to port, and by port the vehicles that left for
// another port, came from one, put their trip off or gave it up. Skipped
// when the files are missing or nobody diverted, postponed or cancelled.
func (r *run) diversion() (*figure, error) {
	resp, err := readTable(r.files, "response.csv")
	if resp == nil || err != nil || !resp.has("port", "diverted_out", "diverted_in", "postponed", "cancelled") {
		return nil, err
	}
	type acts struct{ out, in, post, canc float64 }
	byPort := map[string]*acts{}
	var ports []string
	total := 0.0
	for i := range resp.rows {
		v, err := resp.nums(i, "diverted_out", "diverted_in", "postponed", "cancelled")
		if err != nil {
			return nil, err
		}
		p := resp.str(i, "port")
		a := byPort[p]
		if a == nil {
			a = &acts{}
			byPort[p] = a
			ports = append(ports, p)
		}
		a.out += v[0]
		a.in += v[1]
		a.post += v[2]
		a.canc += v[3]
		total += v[0] + v[1] + v[2] + v[3]
	}
	if total == 0 {
		return nil, nil
	}
	type flow struct {
		name string
		n    float64
	}
	var flows []flow
	if ft, err := readTable(r.files, "diversions.csv"); err != nil {
		return nil, err
	} else if ft != nil && ft.has("from", "to", "class", "vehicles") {
		for i := range ft.rows {
			n, err := ft.num(i, "vehicles")
			if err != nil {
				return nil, err
			}
			flows = append(flows, flow{fmt.Sprintf("%s→%s (%s)", ft.str(i, "from"), ft.str(i, "to"), ft.str(i, "class")), n})
		}
	}
	sort.SliceStable(flows, func(a, b int) bool { return flows[a].n > flows[b].n })
	if len(flows) > topPorts {
		flows = flows[:topPorts]
	}
	shown, _ := top(ports, func(p string) float64 { a := byPort[p]; return a.out + a.in + a.post + a.canc }, topPorts)

	f := &figure{
		name:  "diversion",
		title: "Traffic that answers delay: diverted, put off, given up",
		note:  "Vehicles, mean per replication. Left: the largest flows from port to port. Right: by port.",
		caption: "Drivers who expected a long wait went to another port, came back later or did not travel. The " +
			"left panel shows who sent how many to whom; the right one each port's vehicles that left, arrived from " +
			"elsewhere, put their trip off or gave it up.",
	}
	var rows []*plot.Plot
	if len(flows) > 0 {
		names := make([]string, len(flows))
		vals := make(plotter.Values, len(flows))
		for i, fl := range flows {
			names[i], vals[i] = fl.name, fl.n
		}
		fp := newCategoryPanel("Largest flows between ports", "vehicles", names)
		b, err := plotter.NewBarChart(vals, min(vg.Length(22), vg.Length(380)/vg.Length(len(names))*0.6))
		if err != nil {
			return nil, err
		}
		b.Color, b.LineStyle.Width = divertOutColour, 0
		fp.Add(b)
		fromZero(fp)
		rows = append(rows, fp)
	}
	pp := newCategoryPanel("By port", "vehicles", shown)
	cols := []color.Color{divertOutColour, divertInColour, postponeColour, cancelColour}
	w := min(vg.Length(12), vg.Length(380)/vg.Length(max(len(shown), 1))*0.18)
	for k, col := range cols {
		vals := make(plotter.Values, len(shown))
		for i, p := range shown {
			a := byPort[p]
			vals[i] = [4]float64{a.out, a.in, a.post, a.canc}[k]
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, err
		}
		b.Color, b.LineStyle.Width = col, 0
		b.Offset = (vg.Length(k) - 1.5) * w
		pp.Add(b)
	}
	fromZero(pp)
	rows = append(rows, pp)
	f.rows = [][]*plot.Plot{rows}
	f.series = 4
	f.add("went to another port", boxThumb{divertOutColour})
	f.add("came from another port", boxThumb{divertInColour})
	f.add("put the trip off", boxThumb{postponeColour})
	f.add("did not travel", boxThumb{cancelColour})
	return f, nil
}

var (
	divertOutColour = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	divertInColour  = color.RGBA{R: 0x8c, G: 0xb8, B: 0xdc, A: 0xff}
	postponeColour  = color.RGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff}
	cancelColour    = color.RGBA{R: 0xc0, G: 0x39, B: 0x2b, A: 0xff}
)
