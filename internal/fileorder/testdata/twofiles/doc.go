// Package twofiles is fileorder's test: a.go uses b.go's B.
//
// Files, in reading order: a.go, b.go.
package twofiles
