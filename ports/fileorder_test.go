package ports

import (
	"testing"

	"borderflow/internal/fileorder"
)

// maxBackRefs is how many names the package may use before the file that
// defines them, in the order doc.go states: a ceiling that only comes
// down.
const maxBackRefs = 1

// The package reads from top to bottom but for at most maxBackRefs names.
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
		t.Logf("back-reference: %v", r)
	}
	if len(refs) > maxBackRefs {
		t.Errorf("%d back-references, at most %d", len(refs), maxBackRefs)
	}
	t.Logf("%d back-references in %d files", len(refs), len(order))
}
