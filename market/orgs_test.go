package market

import (
	"testing"

	"borderflow/scenario"
)

// Every shipped organisation values a load at its drug's border price
// (not CBP's retail "street value") and pays its crossing out of it: every
// route costs less per kg than the border price less production.
func TestOrganisationsValueAtBorderPrice(t *testing.T) {
	n := 0
	for _, name := range scenario.EmbeddedNames() {
		sc, err := scenario.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range sc.Orgs {
			n++
			c, ok := Chains[sc.Drugs[o.Drug].Name]
			if !ok {
				t.Fatalf("%s: %s: no price chain for %s", name, o.Name, sc.Drugs[o.Drug].Name)
			}
			if o.ValuePerKg != c.Border {
				t.Errorf("%s: %s values a kg at %v, the border price is %v", name, o.Name, o.ValuePerKg, c.Border)
			}
			for _, r := range o.Routes {
				if !(r.CostPerKg > 0 && r.CostPerKg < c.Border-c.Production) {
					t.Errorf("%s: %s: a route costs %v per kg, not within (0, border − production = %v)", name, o.Name, r.CostPerKg, c.Border-c.Production)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no shipped organisations")
	}
}
