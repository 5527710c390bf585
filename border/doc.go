// Package border runs one replication of a scenario: it builds every port
// on its own simulation environment, drives them from one smugglers'
// decision boundary to the next (side by side on several goroutines when
// asked — ports interact only at the boundaries, so the numbers do not
// depend on it), lets the organisations re-plan at each boundary, and
// returns the replication's measurements. FoldReplications runs a
// scenario's replications on a pool of workers and hands each result on in
// replication order as soon as it and the ones before it are done.
package border
