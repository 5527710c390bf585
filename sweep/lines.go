package sweep

import "borderflow/scenario"

// source locates a policy in its file, for messages: the line of every key
// comes from the scenario loader's scanner (scenario.ScanKeyLines), which
// knows the same TOML shapes — [[policy]] and [policy.surge] headers, key
// = value lines, inline tables and arrays across lines.
type source struct {
	file  string
	lines scenario.KeyLines
	path  string // policy[2]
}
