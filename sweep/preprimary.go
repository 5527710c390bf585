package sweep

import (
	"borderflow/scenario"
)

// applyPrePrimary sets the pre-primary share scanned, portals and
// reviewers of the lanes of the classes the policy names, in c (the
// policy's own copy of the scenario).
func (p *Policy) applyPrePrimary(c *scenario.Scenario) error {
	if len(p.ScanShare) == 0 && len(p.Portals) == 0 && len(p.Reviewers) == 0 {
		return nil
	}
	for _, k := range []string{"scan_share", "portals", "reviewers"} {
		var names []string
		switch k {
		case "scan_share":
			names = keys(p.ScanShare)
		case "portals":
			names = keys(p.Portals)
		default:
			names = keys(p.Reviewers)
		}
		classes := map[string]bool{}
		for _, cl := range c.Classes {
			classes[cl.Name] = true
		}
		if err := p.checkClasses(k, names, classes, c); err != nil {
			return err
		}
	}
	changed := 0
	for i := range c.Ports {
		pt := &c.Ports[i]
		for l := range pt.Lanes {
			ln := &pt.Lanes[l]
			name := c.Classes[ln.Class].Name
			share, sOK := lookup(p.ScanShare, name)
			portals, pOK := lookup(p.Portals, name)
			reviewers, rOK := lookup(p.Reviewers, name)
			if !sOK && !pOK && !rOK {
				continue
			}
			if ln.PrePrimary == nil {
				if (!sOK || share == 0) && !pOK && !rOK {
					continue // nothing to scan here: the share is 0 anyway
				}
				if p.builtin {
					continue
				}
				return p.errorf("scan_share."+name, "port %s has no pre-primary portals for %s (add [port.lane.%s.preprimary] to the scenario)", pt.Name, name, name)
			}
			pp := ln.PrePrimary
			if sOK {
				if share < 0 || share > 1 {
					return p.errorf("scan_share."+name, "must be a share between 0 and 1, got %v", share)
				}
				pp.Share = share
			}
			if pOK {
				if portals < 1 {
					return p.errorf("portals."+name, "must be at least 1, got %d", portals)
				}
				pp.Portals = portals
			}
			if rOK {
				if reviewers < 1 {
					return p.errorf("reviewers."+name, "must be at least 1, got %d", reviewers)
				}
				pp.Reviewers = reviewers
			}
			changed++
		}
	}
	if changed == 0 {
		for _, x := range p.ScanShare {
			if x > 0 {
				return p.errorf("scan_share", "scenario %s has no pre-primary portals (no [port.lane.CLASS.preprimary]); preprimary-eagle-pass has them", c.Name)
			}
		}
	}
	return nil
}
