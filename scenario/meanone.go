package scenario

// MeanOne returns a copy of x scaled to mean 1, as the loader scales the
// hour, day and month profiles (the copy is unchanged if x sums to 0). The
// config generator (cmd/genconfigs) uses it to write profiles the loader
// will read back unchanged.
func MeanOne(x []float64) []float64 {
	out := append([]float64(nil), x...)
	normalise(out)
	return out
}
