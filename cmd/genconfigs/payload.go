package main

// Payloads: no load is larger than its vehicle can carry. Each class has
// a limit, and a concealment whose space is smaller than the vehicle's
// payload has its own; the fitted load sizes (traffic.FitLoadMix) are cut
// at them and the generated [[load]] distributions carry them as
// kg.limit (sim.Truncated). Sources: docs/SOURCES.md, "Payloads".

// payload is a load limit with its source.
type payload struct {
	kg  float64
	why string
}

const lbPerShortTon = 2000

// classPayload is each class's limit.
var classPayload = map[string]payload{
	// A personal vehicle: the model's cars include pickups, the largest
	// of them (the 521 kg meth load in a pickup's added fuel tank, Eagle
	// Pass 2025, data/record_seizures.csv).
	"car": {2000 * lbToKg, "a half-ton pickup's payload, typically 1,500–2,000 lb (docs/SOURCES.md, \"Payloads\"): the upper end"},
	// A five-axle tractor-trailer at the federal 80,000 lb gross limit.
	"truck": {25 * lbPerShortTon * lbToKg, "a five-axle tractor-trailer's legal cargo, 23–25 short tons at the 80,000 lb federal gross limit (docs/SOURCES.md, \"Payloads\"): the upper end"},
}

// concealPayload is the limit of a concealment whose space is smaller
// than its vehicle's payload, by class and concealment.
var concealPayload = map[[2]string]payload{
	// A compartment built into a trailer's floor or walls is not the
	// cargo space: the largest compartment loads on record are 295 kg
	// (Nogales 2019) and 367 kg (Nogales 2020), data/record_seizures.csv.
	{"truck", "hidden_compartment"}: {2000 * lbToKg, "assumption: a compartment built into a trailer holds no more than a pickup's payload; the largest on record held 367 kg (data/record_seizures.csv)"},
}

// loadLimit returns the payload of a class and concealment.
func loadLimit(class, concealment string) payload {
	if p, ok := concealPayload[[2]string{class, concealment}]; ok {
		return p
	}
	return classPayload[class]
}

// truckLimit is the limit of a drug's truck loads: the smallest of its
// truck concealments' (one load-size fit per drug and office).
func truckLimit(ds drugSpec) payload {
	var out payload
	for _, cs := range ds.truckSplit {
		if p := loadLimit("truck", cs.concealment); out.kg == 0 || p.kg < out.kg {
			out = p
		}
	}
	return out
}

// limitNote is the generated configs' account of the payloads.
func (g *gen) limitNote() {
	g.p("#\n# Payloads (cmd/genconfigs/payload.go): every load is cut at its vehicle's (kg.limit):\n")
	g.p("#   car: %.0f kg, %s\n", classPayload["car"].kg, classPayload["car"].why)
	g.p("#   truck: %.0f kg, %s\n", classPayload["truck"].kg, classPayload["truck"].why)
	for k, p := range concealPayload {
		g.p("#   %s in a %s: %.0f kg, %s\n", k[1], k[0], p.kg, p.why)
	}
}
