package report

import (
	"bytes"
	"encoding/json"
)

// Paired is a quantity under two conditions that ran on the same random
// numbers (common random numbers: each vehicle keeps its random key), each
// a mean over replications with its 95% interval, and their paired
// difference Treated − Base, replication j against replication j. It is
// the one comparison behind a policy's effect, a surge's displacement and
// the drivers' response; L names the two conditions as summary.json has
// them.
type Paired[L Labels] struct {
	Treated    Interval // the policy; the periods during a surge; the run with the response
	Base       Interval // the counterfactual; the periods before; the run without
	Difference Interval // Treated − Base, paired
}

// Labels names a Paired's three figures in summary.json and gives their
// order there.
type Labels interface {
	keys() pairKeys
}

type pairKeys struct {
	treated, base, difference string
	baseFirst                 bool // summary.json lists Base before Treated
}

// Policy labels a policy against its counterfactual (the same scenario and
// seeds without the policy).
type Policy struct{}

func (Policy) keys() pairKeys { return pairKeys{"policy", "counterfactual", "difference", false} }

// Surge labels the decision periods during a surge against those just
// before it.
type Surge struct{}

func (Surge) keys() pairKeys { return pairKeys{"during", "before", "change", true} }

// Response labels a run with the drivers' response against the same run
// without it.
type Response struct{}

func (Response) keys() pairKeys {
	return pairKeys{"with_response", "without_response", "difference", false}
}

// paired compares treated with base (quantities that are never negative).
func paired[L Labels](treated, base []float64) Paired[L] {
	return pairedIn[L](treated, base, NonNegative)
}

// pairedIn compares treated with base, quantities of range r (a share:
// Unit); the difference may have either sign.
func pairedIn[L Labels](treated, base []float64, r Range) Paired[L] {
	return Paired[L]{
		Treated:    intervalIn(treated, r),
		Base:       intervalIn(base, r),
		Difference: pairedInterval(treated, base),
	}
}

// MarshalJSON writes the three intervals under L's names, in L's order.
func (p Paired[L]) MarshalJSON() ([]byte, error) {
	var l L
	k := l.keys()
	fields := [3]struct {
		key string
		iv  Interval
	}{{k.treated, p.Treated}, {k.base, p.Base}, {k.difference, p.Difference}}
	if k.baseFirst {
		fields[0], fields[1] = fields[1], fields[0]
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(f.key)
		b.Write(key)
		b.WriteByte(':')
		v, err := f.iv.MarshalJSON()
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads what MarshalJSON writes: the three intervals under
// L's names (a reader of summary.json, such as the documentation's
// figures, gets the policy and the counterfactual, not only the
// difference).
func (p *Paired[L]) UnmarshalJSON(b []byte) error {
	var l L
	k := l.keys()
	var m map[string]Interval
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	p.Treated, p.Base, p.Difference = m[k.treated], m[k.base], m[k.difference]
	return nil
}
