package plots

import "testing"

// Odd but valid inputs draw without error: one bin, one row, no ports,
// all zeros.
func TestEdgeInputs(t *testing.T) {
	for name, files := range map[string]map[string][]byte{
		"one hourly row":    {"hourly.csv": []byte("hour,port,class,arrivals,departures\n0,A,truck,0,0\n")},
		"one series row":    {"series.csv": []byte("bin_start_hours,bin_hours,port,class,arrivals,queue_length\n0,0.25,A,truck,0,3\n")},
		"zero-width bin":    {"series.csv": []byte("bin_start_hours,bin_hours,port,class,arrivals\n0,0,A,truck,1\n2,0,A,truck,1\n")},
		"empty summary":     {"summary.json": []byte(`{"scenario":"x","ports":[],"total":{"name":"total"}}`)},
		"summary, no drugs": {"summary.json": []byte(`{"ports":[{"name":"A","arrivals":{"truck":3}}],"total":{}}`)},
		"drugs all zero":    {"drugs.csv": []byte("port,drug,kg_attempted,kg_seized\nA,meth,0,0\ntotal,meth,0,0\n")},
		"one route row":     {"routes.csv": []byte("period,day,organisation,port,class,concealment,kg_planned,share\n0,0,o,A,truck,c,0,0\n")},
		"odd surges":        {"routes.csv": []byte("day,port,share\n0,A,1\n7,B,1\n"), "summary.json": []byte(`{"surges":"soon","pressure_wait_minutes":{"A":30}}`)},
		"header only":       {"hourly.csv": []byte("hour,port,class\n"), "drugs.csv": []byte("port,drug\n")},
	} {
		out, figs := layout(t, files)
		svgs(t, name, figs)
		checkRefs(t, files, out)
	}
	for name, files := range map[string]map[string][]byte{
		"one volume":    {"volume.csv": []byte("volume_factor,interdiction_rate\n1,0\n")},
		"zero policies": {"policies.csv": []byte("policy,kg_seized,delay_cost_usd\na,0,0\nb,0,0\n")},
	} {
		figs, err := buildSweep(files)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		svgs(t, name, figs)
	}
}

// svgs draws the figures as SVG only: the drawing code is the same for
// PNG, and rasterizing is slow under the race detector.
func svgs(t *testing.T, name string, figs []*figure) {
	t.Helper()
	for _, f := range figs {
		if _, err := f.render("svg"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
