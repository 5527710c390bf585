package market

// AtCost is the other reading of the replacement cost: what
// the seized kilogram had cost the organisation to put where it was
// seized — production plus what it had paid for the crossing — rather than
// what a kilogram fetches there (the border price, Of). A vertically
// integrated organisation that makes its own drug loses the first; one
// that could have sold the kilogram at the border loses the second. The
// two bound the effect: at cost it is (production + crossing) ÷ border
// price times Of's.
//
//	Δ = (production + crossing) · seized kg ÷ delivered kg
//
// raises the border price (× PassThrough) and retail by the same dollars.
// crossing is the organisations' mean cost per kg of the crossing (0 where
// no organisation carries the drug: the fixed flows' costs are not known,
// so their replacement cost is production alone).
func AtCost(c Chain, seized, delivered, crossing float64) Effect {
	e := Effect{Drug: c.Drug, KgSeized: seized, KgDelivered: delivered, ReplacementShare: (c.Production + crossing) / c.Retail}
	if !(delivered > 0) || !(seized > 0) {
		return e
	}
	r := seized / delivered
	e.BorderUSD = PassThrough * (c.Production + crossing) * r
	e.RetailUSD = e.BorderUSD
	e.TaxRate = (c.Production + crossing) * r / c.Border
	e.BorderPct = 100 * e.BorderUSD / c.Border
	e.RetailPct = 100 * e.RetailUSD / c.Retail
	return e
}
