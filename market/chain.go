package market

// Chain is the price chain of one drug, USD per kilogram, as the public
// record gives it (data/market_prices.csv, which cites each figure): what
// it costs to make, what a kilogram fetches at the border (the Mexican
// side, where a load is bought or could be sold before it crosses),
// wholesale in the US, and retail.
type Chain struct {
	Drug                                  string
	Production, Border, Wholesale, Retail float64
}

// Chains are the shipped price chains, by drug (data/market_prices.csv;
// TestChainsFromData checks them against it):
//
//   - methamphetamine, 2017: $400/kg to make in Mexican labs ($300–500),
//     $3,500 at the Juárez border, $7,200 wholesale in Albuquerque,
//     $20,000 in New England;
//   - fentanyl (diluted powder, about 7% pure), 2017–2023: $200/kg to make,
//     $3,000 in Mexico, $9,000 in the southwestern US, $18,000 in the
//     Northeast;
//   - cocaine, 2010–2013: $2,200 in Colombia's interior, $16,000 in northern
//     Mexico's border towns, $25,500 wholesale in the US ($24,000–27,000),
//     $90,000 by the gram ($80,000–100,000).
//
// The meth and fentanyl "retail" figures are kilogram prices far from the
// border: lower bounds of retail, so the relative retail effects computed
// from them are upper bounds.
var Chains = map[string]Chain{
	"methamphetamine": {Drug: "methamphetamine", Production: 400, Border: 3500, Wholesale: 7200, Retail: 20000},
	"fentanyl":        {Drug: "fentanyl", Production: 200, Border: 3000, Wholesale: 9000, Retail: 18000},
	"cocaine":         {Drug: "cocaine", Production: 2200, Border: 16000, Wholesale: 25500, Retail: 90000},
}

// PassThrough is the share of an increase in the cost of delivering a
// kilogram across the border that shows in the border price (assumption:
// 1, full pass-through — a competitive trade with constant costs per
// kilogram, where the price follows the cost; none of the sources gives a
// supply elasticity to do better).
const PassThrough = 1.0
