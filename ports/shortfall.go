package ports

// Shortfall counts, for one lane, the vehicles that the lane's referral
// rule (random selection and targeting, before any wait-time pressure)
// meant to send to secondary and that were not inspected, by cause. A
// policy that names 100% inspection must show zeros here, or the report
// says how many it missed and why.
type Shortfall struct {
	// Decided is the number of vehicles whose primary inspection ended
	// (each got a referral decision).
	Decided int64
	// Meant is the number the rule selected: Referrals + Waved.
	Meant int64
	// Waved were selected but waved through because their primary wait
	// was above the port's pressure_wait (pressure_factor < 1).
	Waved int64
	// HeldAtEnd were referred and still waiting at their booth for a
	// place in the full lot when the window closed (when_lot_full = "hold").
	HeldAtEnd int64
	// QueuedAtEnd were still before their referral decision (in the
	// primary queue or at a booth) when the window closed: under a policy
	// that refers every vehicle they are the rest of its shortfall.
	QueuedAtEnd int64
	// Lot full (released uninspected) is LaneStats.Missed; images that
	// nobody read in time are PrePrimary.Unread.
}
