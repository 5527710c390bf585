package scenario

import (
	"errors"
	"strings"
)

// origin is what a scenario was decoded from: its TOML and the overrides
// applied to it, in order.
type origin struct {
	file, source string
	data         []byte
	overrides    []Override
}

// ErrNotFromTOML is returned by With for a scenario built in code.
var ErrNotFromTOML = errors.New("the scenario was not read from TOML, so its keys cannot be set")

// With decodes the scenario again from its TOML, with more overrides after
// the ones it was decoded with: what a sweep policy's `set` list does. The
// result passes every check a file does; a problem at an overridden key
// is reported against the override's Arg.
func (s *Scenario) With(extra ...Override) (*Scenario, error) {
	if s.origin == nil {
		return nil, ErrNotFromTOML
	}
	o := s.origin
	ovs := append(append([]Override(nil), o.overrides...), extra...)
	return parse(o.file, o.source, o.data, ovs)
}

// RunKeys are the top-level keys that say how a scenario is run rather
// than what it models: every policy of a sweep shares them, so that its
// replications pair.
var RunKeys = []string{"name", "seed", "replications", "horizon", "warmup"}

// SetsRunKey reports whether an override's path changes a run key.
func SetsRunKey(path string) (string, bool) {
	head := path
	if i := strings.IndexAny(head, ".["); i >= 0 {
		head = head[:i]
	}
	for _, k := range RunKeys {
		if head == k {
			return k, true
		}
	}
	return "", false
}
