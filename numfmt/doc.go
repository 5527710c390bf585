// Package numfmt formats numbers: short forms for tables a person reads
// (the terminal tables, index.html) and the exact form of the CSV files.
// It is a leaf (standard library only), so that plots and sweep can format
// numbers without depending on the model.
package numfmt
