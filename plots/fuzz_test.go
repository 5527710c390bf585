package plots

import (
	"testing"

	"borderflow/internal/chartsynth"
)

// FuzzDraw feeds Draw's layout and SVG drawing mangled run files: they may
// be refused with an error, never with a panic or a hang.
//
//	go test ./plots -run XXX -fuzz FuzzDraw -fuzztime 1m
func FuzzDraw(f *testing.F) {
	files := chartsynth.Run(2, 6, true, true, false)
	routes := []byte("period,day,organisation,port,class,concealment,kg_planned,share\n0,0,o,A,t,c,5,1\n1,7,o,B,t,c,5,1\n")
	f.Add(files["series.csv"][:400], files["summary.json"], routes, files["drugs.csv"])
	f.Fuzz(func(t *testing.T, series, summary, routes, drugs []byte) {
		in := map[string][]byte{"series.csv": series, "summary.json": summary, "routes.csv": routes, "drugs.csv": drugs}
		_, figs, err := buildRun(in)
		if err != nil {
			return
		}
		for _, fg := range figs {
			fg.render("svg") // an error is fine; a panic is not (render recovers gonum's)
		}
	})
}
