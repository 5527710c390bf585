package sim

import (
	"testing"

	"borderflow/internal/fileorder"
)

// The kernel reads from top to bottom: in the order doc.go states, no file
// uses a name defined in a later one.
func TestFileOrder(t *testing.T) {
	order, err := fileorder.Order(".")
	if err != nil {
		t.Fatal(err)
	}
	refs, err := fileorder.BackRefs(".", order)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range refs {
		t.Errorf("back-reference: %v", r)
	}
	t.Logf("%d back-references in %d files", len(refs), len(order))
}
