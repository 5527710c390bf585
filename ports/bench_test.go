package ports_test

import (
	"testing"

	"borderflow/border"
)

// BenchmarkPortYear runs one busy truck lane (≈ 3 million trucks a year,
// Laredo's volume) for 30 simulated days and reports vehicles per second.
func BenchmarkPortMonth(b *testing.B) {
	sc := testPort(3026632.0/(365*86400), 10, 0.17, 0.5, 40)
	sc.Horizon = 30 * 86400
	sc.Ports[0].Lanes[0].PrimaryTime = expo(0.85 * 10 / (3026632.0 / (365 * 86400)))
	b.ResetTimer()
	var vehicles, events float64
	for i := 0; i < b.N; i++ {
		r, err := border.Run(sc, i, border.Options{})
		if err != nil {
			b.Fatal(err)
		}
		vehicles += float64(r.Ports[0].Lanes[0].Arrivals)
		events += float64(r.Events)
	}
	b.ReportMetric(vehicles/b.Elapsed().Seconds(), "vehicles/s")
	b.ReportMetric(events/b.Elapsed().Seconds(), "events/s")
}
