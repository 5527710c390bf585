// Package market owns the drug market above the routes: the price chain
// of each drug (production, border, wholesale, retail; data/market_prices.csv)
// and what seizures do to it. A seized kilogram costs the trafficker its
// replacement cost at the point of seizure — at a port of entry, the
// border price — so interdiction acts as a tax on crossing (Reuter and
// Kleiman 1986; Caulkins and Reuter on seizures as a cost), and the price
// chain turns that tax into border and retail price effects. It knows
// nothing of ports and queues: it is given the kilograms seized and
// delivered.
package market
