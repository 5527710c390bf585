package border

// SetHelperFault makes every coupled run call f at the start of each
// worker's work in every window (nil: none), for the tests of a helper's
// panic.
func SetHelperFault(f func(w int)) { helperFault = f }
