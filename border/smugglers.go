package border

import "borderflow/traffic"

// The border's smugglers are the adaptive organisations of package
// traffic (traffic.Organisations), which knows nothing of ports: Run
// tells them what became of each of their loads (in a deterministic
// order: by port, then by the time the load left), asks them to re-plan
// at each decision boundary, and keeps them in Result.Orgs. There is one
// model of smugglers, so the link is a concrete type, not an interface.

// Organisations returns the organisations of a replication, or nil when
// the scenario has none.
func (r *Result) Organisations() *traffic.Organisations { return r.Orgs }
