package market

import "math"

// Effect is what interdiction does to one drug's prices in one run.
//
// The rule. To deliver a kilogram across, an organisation must send
// 1/(1−s) kilograms when a share s of what it sends is seized, each worth
// the border price B (its replacement cost at the point of seizure). So
// seizures add
//
//	Δ = B · s/(1 − s) = B · seized kg ÷ delivered kg
//
// to the cost of each kilogram delivered: the effective tax rate of
// interdiction is τ = replacement cost of the seizures ÷ value delivered =
// s/(1−s). The border price on the US side rises by PassThrough · Δ; the
// chain passes that increase down as the same dollars per kilogram (the
// additive model of Caulkins and Reuter: distributors inside the country
// add their own costs and risk premium, which seizures at the border do
// not change), so the retail price rises by the same Δ, a much smaller
// share of the retail price: Δ/R against Δ/B. That is why record
// seizures can sit beside low street prices — the replacement cost of a
// seized kilogram (B) is a small share of retail (B/R, 17% for meth).
type Effect struct {
	Drug        string
	KgSeized    float64
	KgDelivered float64
	// TaxRate is τ = seized × B ÷ (delivered × B).
	TaxRate float64
	// BorderUSD and RetailUSD are the price increases, USD per kg, against
	// the same market without interdiction; BorderPct and RetailPct the
	// same as a share of the chain's border and retail prices (the chain's
	// prices are today's, with today's interdiction: the shares are read
	// against them).
	BorderUSD, BorderPct float64
	RetailUSD, RetailPct float64
	// ReplacementShare is B/R: the replacement cost of a seized kilogram as
	// a share of its retail price.
	ReplacementShare float64
}

// Of returns the effect of seizing seized kilograms of the drug of c while
// delivered kilograms got through.
func Of(c Chain, seized, delivered float64) Effect {
	e := Effect{Drug: c.Drug, KgSeized: seized, KgDelivered: delivered, ReplacementShare: c.Border / c.Retail}
	if !(delivered > 0) || !(seized > 0) {
		return e
	}
	e.TaxRate = seized / delivered
	e.BorderUSD = PassThrough * c.Border * e.TaxRate
	e.RetailUSD = e.BorderUSD
	e.BorderPct = 100 * e.BorderUSD / c.Border
	e.RetailPct = 100 * e.RetailUSD / c.Retail
	return e
}

// SeizedShareFor returns the share of the flow that must be seized for
// the retail price of c to rise by pct percent (the inverse of Of):
// s/(1−s) = pct% × R / B.
func SeizedShareFor(c Chain, pct float64) float64 {
	x := pct / 100 * c.Retail / (PassThrough * c.Border)
	if math.IsInf(x, 1) {
		return 1
	}
	return x / (1 + x)
}
