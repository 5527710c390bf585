package scenario

import (
	"context"
	"fmt"

	"borderflow/bug"
)

// This file exports the strict TOML reading the scenario decoder is
// built on, so that other files of borderflow (sweep's policies files)
// are read by the same machinery with the same limits and messages: the
// text's shape (size, line length, UTF-8, nesting) checked before the
// TOML reader, a syntax error with its line, FILE:LINE: KEY: MSG
// problems with lines from ScanKeyLines, at most maxErrors of them, and
// unknown keys with a "did you mean".

// ReadFile reads a file of TOML as Open reads a scenario file: at most
// the size limit, read while checking it, stopping when ctx is done.
func ReadFile(ctx context.Context, path string) ([]byte, error) { return readFile(ctx, path) }

// CheckText checks the shape of a TOML text before any TOML reader sees
// it, as ReadDoc does: its size, line length, UTF-8 and nesting depth
// (the reader recurses once per level, and Go's stack overflow is a
// crash no recover catches). Problems come back as Errors naming file.
func CheckText(file string, data []byte) error {
	if err := checkShape(file, data); err != nil {
		return Errors{err}
	}
	return nil
}

// Doc is a TOML document read strictly.
type Doc struct {
	d    *decoder
	root map[string]any
}

// ReadDoc checks the shape of data and reads it as TOML; problems come
// back as Errors naming file.
func ReadDoc(file string, data []byte) (*Doc, error) {
	if err := checkShape(file, data); err != nil {
		return nil, Errors{err}
	}
	raw, err := decodeTOML(data)
	if bug.Is(err) {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if err != nil {
		return nil, Errors{syntaxError(file, err)}
	}
	return &Doc{d: &decoder{file: file, lines: ScanKeyLines(string(data))}, root: raw}, nil
}

// Root is the document's top-level table.
func (doc *Doc) Root() map[string]any { return doc.root }

// Lines are the lines of the document's keys.
func (doc *Doc) Lines() KeyLines { return doc.d.lines }

// File is the name the document's problems carry.
func (doc *Doc) File() string { return doc.d.file }

// Errorf records a problem at the key path (dotted, with [i] indices).
func (doc *Doc) Errorf(key, format string, args ...any) { doc.d.errorf(key, format, args...) }

// Err returns the problems found, in the order of their lines, or nil.
func (doc *Doc) Err() error {
	if len(doc.d.errs) == 0 {
		return nil
	}
	doc.d.errs.sortByLine()
	return doc.d.errs
}

// Table starts reading the table m found at path.
func (doc *Doc) Table(path string, m map[string]any) *Table {
	return &Table{doc.d.newTable(path, m)}
}

// Duration reads a duration string ("30d") at path, reporting anything
// else as the scenario decoder does.
func (doc *Doc) Duration(path string, v any) (float64, bool) { return doc.d.duration(path, v) }

// Table is a table being read: every key asked for is known, and Done
// reports the others as unknown keys.
type Table struct{ t *table }

// Get returns the value of key k and marks it known.
func (t *Table) Get(k string) (any, bool) { return t.t.lookup(k) }

// At is the path of key k in the table.
func (t *Table) At(k string) string { return t.t.at(k) }

// Done reports every key no one asked for.
func (t *Table) Done() { t.t.done() }

// DescribeValue names a TOML value for a message: `the string "x"`, `the
// integer 3`, `an array`.
func DescribeValue(v any) string { return describe(v) }
