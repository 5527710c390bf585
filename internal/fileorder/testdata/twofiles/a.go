package twofiles

func A() int { return B + 1 }
