package fileorder

import (
	"slices"
	"testing"
)

// a.go uses b.go's B: one back-reference in the stated order, none in the
// other.
func TestBackRefs(t *testing.T) {
	order, err := Order("testdata/twofiles")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(order, []string{"a.go", "b.go"}) {
		t.Fatalf("order %v, want [a.go b.go]", order)
	}
	refs, err := BackRefs("testdata/twofiles", order)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Ref{File: "a.go", Name: "B", DefinedIn: "b.go"}); len(refs) != 1 || refs[0] != want {
		t.Errorf("back-references %v, want [%v]", refs, want)
	}
	if refs, err := BackRefs("testdata/twofiles", []string{"b.go", "a.go"}); err != nil || len(refs) != 0 {
		t.Errorf("b.go first: %v, %v; want none", refs, err)
	}
	if _, err := BackRefs("testdata/twofiles", []string{"a.go"}); err == nil {
		t.Error("an order without b.go was accepted")
	}
}
