package twofiles

// B is used by a.go, which comes first.
const B = 1
