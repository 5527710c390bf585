package sweep

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"borderflow/buildinfo"
)

// Format names the layout of a part (manifest.json and pairs.csv); a
// reader refuses any other.
// Version 2 added the build's identity and sha256sums.txt: shards of
// version 1 cannot be checked, so they are refused.
const Format = "borderflow-sweep/2"

// Manifest says what a part, a journal or a finished sweep holds: which
// sweep of which scenario, and which pairs (shard i of n). Two parts can
// be merged only if everything but the shard index and the pair count
// agrees. It holds no time stamp or wall time, so a sweep's manifest.json
// has the same bytes on every run.
type Manifest struct {
	Format  string `json:"format"`
	Version string `json:"borderflow_version"`
	// Build is the identity of the binary that ran the sweep
	// (buildinfo.ID): without a VCS stamp every version is "(devel)", so
	// it adds the binary's SHA-256 or the module's checksum. Parts of
	// different builds are not merged: they may compute different numbers.
	Build string `json:"borderflow_build"`
	// GoVersion is the Go toolchain that built the binary
	// (buildinfo.GoVersion).
	GoVersion string `json:"go_version"`
	Sweep     string `json:"sweep"`
	// Scenario is the scenario's name; ScenarioHash the SHA-256 of its
	// canonical encoding after the command-line flags were applied (Hash).
	Scenario     string  `json:"scenario"`
	ScenarioHash string  `json:"scenario_sha256"`
	Seed         uint64  `json:"seed"`
	Replications int     `json:"replications"`
	HorizonHours float64 `json:"horizon_hours"`
	WarmupHours  float64 `json:"warmup_hours"`
	// Overrides are the sweep's -set arguments in order, as summary.json's
	// "overrides" are for a run: what was changed of the named scenario
	// (-seed, -reps and -horizon show in Seed, Replications and
	// HorizonHours). Their effect is in ScenarioHash, which SameSweep
	// compares, so two spellings of the same change may be merged.
	Overrides []string `json:"overrides,omitempty"`
	// Organisations names the scenario's adaptive smuggling
	// organisations: each policy's seizures then include their response.
	Organisations []string `json:"organisations,omitempty"`
	// Policies are the sweep's policies in order; the first is the
	// baseline.
	Policies []Policy `json:"policies"`
	// Metrics are the columns of pairs.csv after policy and replication.
	Metrics []string `json:"metrics"`
	// Shard is this part's index, of Shards; a whole sweep is 0 of 1.
	Shard  int `json:"shard"`
	Shards int `json:"shards"`
	// Pairs is the number of (policy, replication) pairs in the part.
	Pairs int `json:"pairs"`
}

// Version returns the version of the running borderflow
// (buildinfo.Version).
func Version() string { return buildinfo.Version() }

// GoVersion returns the Go toolchain of the running build
// (buildinfo.GoVersion).
func GoVersion() string { return buildinfo.GoVersion() }

// Build returns the identity of the running build (buildinfo.ID).
func Build() string { return buildinfo.ID() }

// TotalPairs is the number of (policy, replication) pairs of the sweep.
func (m *Manifest) TotalPairs() int { return len(m.Policies) * m.Replications }

// PairOf returns the policy and replication of pair i: pairs are numbered
// replication-major, so the first pairs are replication 0 of every policy.
func (m *Manifest) PairOf(i int) (policy, rep int) {
	return i % len(m.Policies), i / len(m.Policies)
}

// PairIndex is the inverse of PairOf.
func (m *Manifest) PairIndex(policy, rep int) int { return rep*len(m.Policies) + policy }

// InShard reports whether pair i belongs to the manifest's shard.
func (m *Manifest) InShard(i int) bool { return m.Shards <= 1 || i%m.Shards == m.Shard }

// ShardPairs is the number of pairs in the manifest's shard.
func (m *Manifest) ShardPairs() int {
	n := 0
	for i := 0; i < m.TotalPairs(); i++ {
		if m.InShard(i) {
			n++
		}
	}
	return n
}

// JSON returns manifest.json's bytes: indented, ending in a newline.
func (m *Manifest) JSON() []byte {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic("sweep: manifest: " + err.Error()) // plain data: cannot fail
	}
	return append(b, '\n')
}

// ParseManifest reads manifest.json.
func ParseManifest(data []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a sweep manifest: %v", err)
	}
	if m.Format != Format {
		return nil, fmt.Errorf("format %q, this borderflow reads %q", m.Format, Format)
	}
	if m.Build == "" {
		return nil, fmt.Errorf("no borderflow_build: the build that wrote it is unknown")
	}
	if len(m.Policies) == 0 || m.Replications < 1 || m.Shards < 1 || m.Shard < 0 || m.Shard >= m.Shards || len(m.Metrics) == 0 {
		return nil, fmt.Errorf("incomplete manifest (policies %d, replications %d, shard %d/%d, metrics %d)",
			len(m.Policies), m.Replications, m.Shard, m.Shards, len(m.Metrics))
	}
	// Bounded as a sweep is, before anything loops over the pairs.
	if err := CheckPairs(m.Replications, len(m.Policies)); err != nil {
		return nil, err
	}
	if m.Pairs < 0 || m.Pairs > m.TotalPairs() {
		return nil, fmt.Errorf("pairs %d: not between 0 and the sweep's %d", m.Pairs, m.TotalPairs())
	}
	return &m, nil
}

// SameSweep returns nil if o describes the same sweep as m (everything
// but the shard index and the pair count), or an error that says what
// differs, m's value first.
func (m *Manifest) SameSweep(o *Manifest) error {
	diff := func(what string, a, b any) error {
		return fmt.Errorf("different %s: %v here, %v there", what, a, b)
	}
	switch {
	case m.Sweep != o.Sweep:
		return diff("sweep", m.Sweep, o.Sweep)
	case m.Scenario != o.Scenario:
		return diff("scenario", m.Scenario, o.Scenario)
	case m.Seed != o.Seed:
		return diff("seed", m.Seed, o.Seed)
	case m.Replications != o.Replications:
		return diff("replications", m.Replications, o.Replications)
	case m.HorizonHours != o.HorizonHours || m.WarmupHours != o.WarmupHours:
		return diff("horizon", fmt.Sprintf("%gh after %gh of warm-up", m.HorizonHours, m.WarmupHours),
			fmt.Sprintf("%gh after %gh", o.HorizonHours, o.WarmupHours))
	case m.ScenarioHash != o.ScenarioHash:
		return fmt.Errorf("different scenario contents: SHA-256 %s… here, %s… there (the scenario file changed between the runs?)",
			short(m.ScenarioHash), short(o.ScenarioHash))
	case !bytes.Equal(policiesJSON(m.Policies), policiesJSON(o.Policies)):
		if a, b := policyNames(m.Policies), policyNames(o.Policies); a != b {
			return diff("policies", a, b)
		}
		for i := range m.Policies {
			if !bytes.Equal(policiesJSON(m.Policies[i:i+1]), policiesJSON(o.Policies[i:i+1])) {
				return fmt.Errorf("different policies: %s is defined differently (%s here, %s there)", m.Policies[i].Name,
					policiesJSON(m.Policies[i:i+1]), policiesJSON(o.Policies[i:i+1]))
			}
		}
		return errors.New("different policies")
	case strings.Join(m.Metrics, ",") != strings.Join(o.Metrics, ","):
		return diff("metrics", strings.Join(m.Metrics, ","), strings.Join(o.Metrics, ","))
	case m.Shards != o.Shards:
		return diff("number of shards", m.Shards, o.Shards)
	case m.Version != o.Version:
		return diff("borderflow version", m.Version, o.Version)
	case m.GoVersion != o.GoVersion:
		return diff("Go version", m.GoVersion, o.GoVersion)
	case m.Build != o.Build:
		return diff("borderflow build", m.Build, o.Build)
	}
	return nil
}

func short(h string) string { return h[:min(12, len(h))] }

func policiesJSON(ps []Policy) []byte {
	b, _ := json.Marshal(ps)
	return b
}

func policyNames(ps []Policy) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	s := strings.Join(names, ", ")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return "[" + s + "]"
}
