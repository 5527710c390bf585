// Package buildinfo says which build of borderflow is running: its
// version and an identity that differs between any two builds that could
// compute different numbers. A sweep's shards record the identity, and
// merge refuses shards of different builds.
package buildinfo
