package scenario

// Market is how the drug market above the routes answers price
// (package market; traffic/supply.go): the quantity the US buys follows
// the retail price with each drug's elasticity, and the organisations'
// volumes and the fixed flows follow the quantity bought, a share of the
// gap each decision period.
type Market struct {
	// FixedVolumes keeps every organisation's and every [[load]] flow's
	// volume as configured, whatever the price: supply and demand do not
	// answer price (the model before the market answered). Default false.
	FixedVolumes bool
	// HalfLife is the time in which volumes close half the gap between
	// what they are and what the market buys at the current price
	// (seconds; 0: at once). Default DefaultHalfLife.
	HalfLife float64
}

// DefaultHalfLife is the market's default adjustment half-life, a
// quarter (assumption: buyers and sellers answer a price within months —
// Cunningham and Finlay's meth admissions answered the 1995 precursor
// shock within a few months, and Dave 2008 finds the long-run response
// about twice the year's — docs/SOURCES.md, section Demand and supply).
const DefaultHalfLife = 91 * Day

// market reads the optional [market] table.
func (d *decoder) market(top *table) {
	m := Market{HalfLife: DefaultHalfLife}
	defer func() { d.s.Market = m }()
	mt := top.sub("market", "[market]")
	if mt == nil {
		return
	}
	defer mt.done()
	m.FixedVolumes = mt.boolean("fixed_volumes", false)
	h, ok := mt.duration("half_life", DefaultHalfLife)
	switch {
	case ok && h < 0:
		d.errorf(mt.at("half_life"), "must not be negative (0 adjusts at once)")
	case ok && h > maxHorizon:
		d.errorf(mt.at("half_life"), "must be at most 36500d (a century), got %s", FormatDuration(h))
	case ok:
		m.HalfLife = h
	}
}

// Replans reports whether a run of s meets at decision boundaries:
// organisations re-plan there, and without them the market re-sets the
// fixed flows' volumes there when a surge or a policy can move their cost
// (with fixed_volumes it never does).
func (s *Scenario) Replans() bool {
	return len(s.Orgs) > 0 || (!s.Market.FixedVolumes && len(s.Loads) > 0 && (len(s.Surges) > 0 || s.marketRef != nil))
}

// MarketReference is the scenario whose ports the market's baseline is
// measured on: the volumes as configured are what the market buys when
// the ports work as they do there. It is s itself, unless s is a policy's
// copy of another scenario (SetMarketReference): a sweep's policy changes
// the ports from the start, and the market must see that as a change, not
// as the ordinary practice.
func (s *Scenario) MarketReference() *Scenario {
	if s.marketRef != nil {
		return s.marketRef
	}
	return s
}

// SetMarketReference makes ref's market reference s's.
func (s *Scenario) SetMarketReference(ref *Scenario) {
	if r := ref.MarketReference(); r != s {
		s.marketRef = r
	}
}
