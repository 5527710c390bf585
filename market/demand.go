package market

import "math"

// Elasticity is the price elasticity of the US demand for one drug: the
// percentage change of the quantity bought for a one per cent change of
// the retail price. Value is the one the model uses; Lo and Hi bound what
// the literature reports (docs/SOURCES.md, section Demand and supply).
type Elasticity struct {
	Drug          string
	Value, Lo, Hi float64
	Source        string
}

// Elasticities are the shipped elasticities, by drug (docs/SOURCES.md):
//
//   - methamphetamine: Cunningham and Finlay (Health Economics 2016) use
//     the US precursor interdictions of 1995 and 1997, supply shocks like a
//     border crackdown, and find −0.13 to −0.21 (treatment admissions) and
//     −0.24 to −0.28 (hospital admissions); the model uses the middle of
//     their range. An identified estimate from a supply shock is what a
//     border policy is; the survey-based estimates Gallet's meta-analysis
//     (Health Economics 2014) pools are larger in absolute value but
//     confounded by the enforcement that moves prices.
//   - cocaine: −0.5, the value the OAS's 2013 review of the economics of
//     drug trafficking gives for cocaine (and cannabis); the range runs
//     from Dave's participation elasticity of arrestees, −0.17 (Journal of
//     Urban Economics 2008; about twice that in the long run), to the
//     National Research Council's upper end, −2.5 (Caulkins 1995).
//   - fentanyl: no estimate exists; heroin's, the opioid it replaced in
//     the same market, −0.3 (OAS 2013), range −0.09 (Dave 2008, arrestees'
//     participation) to −1.5 (Caulkins 1995).
//
// All are inelastic, so a price rise raises what buyers spend: the
// market shrinks by less than the price rises.
var Elasticities = map[string]Elasticity{
	"methamphetamine": {Drug: "methamphetamine", Value: -0.2, Lo: -0.28, Hi: -0.13, Source: "Cunningham and Finlay 2016"},
	"cocaine":         {Drug: "cocaine", Value: -0.5, Lo: -2.5, Hi: -0.17, Source: "OAS 2013; Dave 2008; Caulkins 1995"},
	"fentanyl":        {Drug: "fentanyl", Value: -0.3, Lo: -1.5, Hi: -0.09, Source: "heroin's: OAS 2013; Dave 2008; Caulkins 1995"},
}

// Demanded returns the quantity bought at retail price p as a share of
// the quantity bought at the chain's retail price: constant elasticity,
// (p/R)^e. A price that has no bound (every load seized) sells nothing.
func Demanded(c Chain, e, p float64) float64 {
	if !(p > 0) || !(c.Retail > 0) {
		return 1
	}
	if math.IsInf(p, 1) {
		return 0
	}
	return math.Pow(p/c.Retail, e)
}

// CostPerDelivered is what a kilogram delivered across the border costs
// a trafficker who pays crossing per kilogram sent and loses a share loss
// of what it sends, each lost kilogram worth its replacement cost at the
// border price B: to deliver one kilogram it sends 1/(1−loss), so
//
//	cost = (crossing + B·loss) ÷ (1 − loss)
//
// (with crossing 0 this is Of's Δ = B·s/(1−s)). A loss of 1 has no
// bound: nothing gets through.
func CostPerDelivered(c Chain, crossing, loss float64) float64 {
	if loss >= 1 {
		return math.Inf(1)
	}
	return (crossing + c.Border*loss) / (1 - loss)
}

// Retail is the retail price when the cost of delivering a kilogram
// across the border has moved by dCost from the one the chain's prices
// were observed with: the border price moves by PassThrough·dCost and
// retail by the same dollars (Caulkins and Reuter's additive markups, as
// in Of), never below the production cost.
func Retail(c Chain, dCost float64) float64 {
	return math.Max(c.Production, c.Retail+PassThrough*dCost)
}

// Adjust is one decision period of partial adjustment (Nerlove's rule):
// the volume moves a share theta of the way from where it is to the
// target.
func Adjust(volume, target, theta float64) float64 {
	return volume + theta*(target-volume)
}

// ThetaFor returns the share of the gap a partial adjustment closes in
// one period of length period when half the gap closes in halfLife:
// 1 − 2^(−period/halfLife). A half-life of 0 adjusts at once.
func ThetaFor(period, halfLife float64) float64 {
	if !(halfLife > 0) {
		return 1
	}
	return 1 - math.Exp2(-period/halfLife)
}
