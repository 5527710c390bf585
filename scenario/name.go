package scenario

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CheckName returns nil if name can name an output folder: the default
// output of a run is out/NAME, so a name is one safe path component —
// not empty, not "." or "..", no slash or backslash, no control
// character, no invisible formatting character (Unicode's Cf: the
// bidirectional overrides and isolates, zero-width joiners, which make a
// listing show another name than the folder has), valid UTF-8, at most 200 bytes (file systems allow 255, and
// the temporary folder beside it adds a few). "../../docs" or "." would
// put the output outside out/ or replace out/ itself.
func CheckName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("must not be empty")
	case name == "." || name == "..":
		return fmt.Errorf("%q cannot name an output folder: use letters, digits and dashes", name)
	case strings.ContainsAny(name, `/\`):
		return fmt.Errorf("%q contains a slash: the name is one folder name (out/NAME), e.g. %q", name,
			strings.Trim(strings.NewReplacer("/", "-", `\`, "-").Replace(name), ".-"))
	case !utf8.ValidString(name):
		return fmt.Errorf("%q is not valid UTF-8", name)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("%q contains a control character", name)
	case strings.IndexFunc(name, isFormat) >= 0:
		r, _ := utf8.DecodeRuneInString(name[strings.IndexFunc(name, isFormat):])
		return fmt.Errorf("%q contains the invisible formatting character U+%04X (such as a right-to-left override, which shows a name other than the folder's): use letters, digits and dashes", name, r)
	case len(name) > 200:
		return fmt.Errorf("is %d bytes long, at most 200 (it names a folder)", len(name))
	}
	return nil
}

// isFormat reports whether r is an invisible formatting character
// (Unicode category Cf).
func isFormat(r rune) bool { return unicode.Is(unicode.Cf, r) }

// nameChars says what is wrong with the characters of a name of a port,
// method, class, drug or other thing of a scenario, or "": a control
// character (a NUL, tab or newline) or an invisible formatting character
// would be printed as it is into tables, CSV files and the terminal
// (a NUL was, in "did you mean Eagle\x00Pass?").
func nameChars(name string) string {
	if i := strings.IndexFunc(name, unicode.IsControl); i >= 0 {
		return fmt.Sprintf("%q contains a control character", name)
	}
	if i := strings.IndexFunc(name, isFormat); i >= 0 {
		r, _ := utf8.DecodeRuneInString(name[i:])
		return fmt.Sprintf("%q contains the invisible formatting character U+%04X", name, r)
	}
	return ""
}
