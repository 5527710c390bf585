package report

import (
	"bytes"
	"io"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// Summarising one set of replication results 200 times gives one byte
// string for summary.json and every CSV: no figure depends on the order a
// map is ranged over (finishRates summed kilograms over a map of drugs).
func TestResummariseSameBytes(t *testing.T) {
	sc, err := scenario.Embedded("surge-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = 7 * scenario.Day // long enough for loads of every drug at every port
	res, err := border.RunReplications(sc, 2, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	render := func() []byte {
		s := Summarize(sc, res)
		var b bytes.Buffer
		js, err := s.JSON()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(js)
		for _, f := range []func(io.Writer) error{s.PortsCSV, s.DrugsCSV, s.DrugsTotalCSV, s.ReplicationsCSV} {
			if err := f(&b); err != nil {
				t.Fatal(err)
			}
		}
		return b.Bytes()
	}
	want := render()
	for i := 0; i < 200; i++ {
		if got := render(); !bytes.Equal(got, want) {
			t.Fatalf("summary %d differs from the first", i+1)
		}
	}
}
