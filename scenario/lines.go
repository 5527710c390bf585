package scenario

import (
	"strconv"
	"strings"
)

// KeyLines maps the dotted path of every key in a TOML document
// (port[2].lane.truck.booths, the same paths as Error.Key) to the 1-based
// line where it is written. BurntSushi/toml keeps positions only per key
// name, without array indices, and does not export them, so errors about
// values (not syntax) find their line here.
//
// The scanner understands what the shipped scenarios use: comments,
// [table] and [[array]] headers (dotted, with quoted parts), key = value
// lines with dotted keys, inline tables and arrays (also across lines),
// and the four kinds of strings. It runs only on documents the TOML
// library has accepted. Its limit: an array of tables written inline
// (port = [{...}, {...}]) records its elements' keys, but a [table] header
// that extends such an element is not tracked; lookups then fall back to
// the nearest enclosing key that was found (see Line). Package sweep
// uses it for policies files too.
type KeyLines map[string]int

// Line returns the line of path, or of its nearest recorded ancestor
// (port[2].lane.truck, then port[2].lane, port[2], port), or 0.
func (k KeyLines) Line(path string) int {
	for path != "" {
		if l, ok := k[path]; ok {
			return l
		}
		path = parentPath(path)
	}
	return 0
}

// parentPath strips the last component: "[n]" or ".name".
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

func joinPath(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func indexPath(prefix string, i int) string {
	return prefix + "[" + strconv.Itoa(i) + "]"
}

// maxDepth bounds the nesting of inline values the scanner follows.
const maxDepth = 64

type lineScanner struct {
	src   string
	i     int
	line  int
	out   KeyLines
	aot   map[string]int // array-of-tables path (with parent indices) → elements so far
	table string         // path of the current [table] or [[array]] element
	steps int            // loop iterations so far: the work is linear in len(src)
}

// ScanKeyLines returns the line of every key path in src.
func ScanKeyLines(src string) KeyLines {
	k, _ := scanKeyLines(src)
	return k
}

// scanKeyLines is ScanKeyLines that also returns how many iterations its
// loops made (every iteration consumes a byte or ends its loop, so at most
// a few per byte: TestScanKeyLinesNeverHangs checks it).
func scanKeyLines(src string) (KeyLines, int) {
	s := &lineScanner{src: src, line: 1, out: KeyLines{}, aot: map[string]int{}}
	for s.i < len(s.src) {
		s.steps++
		s.skipBlank()
		if s.i >= len(s.src) {
			break
		}
		switch c := s.src[s.i]; c {
		case '\n':
			s.i++
			s.line++
		case '\r':
			s.i++
		case '#':
			s.skipToEOL()
		case '[':
			s.header()
			s.skipToEOL()
		default:
			s.keyValue()
			s.skipToEOL()
		}
	}
	return s.out, s.steps
}

func (s *lineScanner) skipBlank() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// skipSpace skips blanks, newlines and comments (inside arrays).
func (s *lineScanner) skipSpace() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			s.i++
			s.line++
		case '#':
			s.skipToEOL()
		default:
			return
		}
	}
}

// skipToEOL moves to the next newline (not past it).
func (s *lineScanner) skipToEOL() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

func (s *lineScanner) header() {
	line := s.line
	array := strings.HasPrefix(s.src[s.i:], "[[")
	if array {
		s.i += 2
	} else {
		s.i++
	}
	parts, ok := s.key()
	if !ok || len(parts) == 0 {
		return
	}
	if array {
		parent := s.resolve(parts[:len(parts)-1])
		full := joinPath(parent, parts[len(parts)-1])
		n := s.aot[full]
		s.aot[full] = n + 1
		s.table = indexPath(full, n)
		if _, seen := s.out[full]; !seen {
			s.out[full] = line
		}
	} else {
		s.table = s.resolve(parts)
	}
	s.out[s.table] = line
}

// resolve turns header parts into a path, adding the index of the current
// element after each part that names an array of tables.
func (s *lineScanner) resolve(parts []string) string {
	p := ""
	for _, part := range parts {
		p = joinPath(p, part)
		if n, ok := s.aot[p]; ok && n > 0 {
			p = indexPath(p, n-1)
		}
	}
	return p
}

func (s *lineScanner) keyValue() {
	line := s.line
	parts, ok := s.key()
	if !ok || len(parts) == 0 {
		return
	}
	s.skipBlank()
	if s.i >= len(s.src) || s.src[s.i] != '=' {
		return
	}
	s.i++
	path := s.table
	for _, p := range parts {
		path = joinPath(path, p)
	}
	s.out[path] = line
	s.value(path, 0)
}

// key reads a dotted key (bare or quoted parts) and stops after it.
func (s *lineScanner) key() ([]string, bool) {
	var parts []string
	for {
		s.steps++
		s.skipBlank()
		if s.i >= len(s.src) {
			return parts, false
		}
		var part string
		switch s.src[s.i] {
		case '"':
			v, ok := s.basicString()
			if !ok {
				return parts, false
			}
			part = v
		case '\'':
			start := s.i + 1
			end := strings.IndexAny(s.src[start:], "'\n")
			if end < 0 || s.src[start+end] != '\'' {
				return parts, false
			}
			part = s.src[start : start+end]
			s.i = start + end + 1
		default:
			start := s.i
			for s.i < len(s.src) && isBareKeyChar(s.src[s.i]) {
				s.i++
			}
			if s.i == start {
				return parts, false
			}
			part = s.src[start:s.i]
		}
		parts = append(parts, part)
		s.skipBlank()
		if s.i < len(s.src) && s.src[s.i] == '.' {
			s.i++
			continue
		}
		return parts, true
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// basicString reads a one-line "..." string and returns its content with
// the simple escapes undone (enough for key names).
func (s *lineScanner) basicString() (string, bool) {
	s.i++ // opening quote
	var b strings.Builder
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch c {
		case '"':
			s.i++
			return b.String(), true
		case '\n':
			return b.String(), false
		case '\\':
			if s.i+1 < len(s.src) {
				b.WriteByte(s.src[s.i+1])
				s.i += 2
				continue
			}
			s.i++
			return b.String(), false
		default:
			b.WriteByte(c)
			s.i++
		}
	}
	return b.String(), false
}

// value skips one value, recording the keys of inline tables and the
// elements of arrays under path.
func (s *lineScanner) value(path string, depth int) {
	s.skipBlank()
	if s.i >= len(s.src) || depth > maxDepth {
		return
	}
	switch c := s.src[s.i]; {
	case c == '{':
		s.i++
		for {
			s.steps++
			s.skipSpace()
			if s.i >= len(s.src) {
				return
			}
			if s.src[s.i] == '}' {
				s.i++
				return
			}
			line := s.line
			parts, ok := s.key()
			if !ok || len(parts) == 0 {
				return
			}
			s.skipBlank()
			if s.i >= len(s.src) || s.src[s.i] != '=' {
				return
			}
			s.i++
			p := path
			for _, part := range parts {
				p = joinPath(p, part)
			}
			s.out[p] = line
			s.value(p, depth+1)
			s.skipSpace()
			if s.i < len(s.src) && s.src[s.i] == ',' {
				s.i++
				continue
			}
			if s.i < len(s.src) && s.src[s.i] == '}' {
				s.i++
			}
			return
		}
	case c == '[':
		s.i++
		for n := 0; ; n++ {
			s.steps++
			s.skipSpace()
			if s.i >= len(s.src) {
				return
			}
			if s.src[s.i] == ']' {
				s.i++
				return
			}
			p := indexPath(path, n)
			s.out[p] = s.line
			start := s.i
			s.value(p, depth+1)
			s.skipSpace()
			if s.i < len(s.src) && s.src[s.i] == ',' {
				s.i++
				continue
			}
			if s.i < len(s.src) && s.src[s.i] == ']' {
				s.i++
				return
			}
			if s.i == start {
				return // no progress: not a value we understand
			}
		}
	case strings.HasPrefix(s.src[s.i:], `"""`):
		s.multiline(`"""`, true)
	case strings.HasPrefix(s.src[s.i:], `'''`):
		s.multiline(`'''`, false)
	case c == '"':
		s.basicString()
	case c == '\'':
		s.i++
		for s.i < len(s.src) && s.src[s.i] != '\'' && s.src[s.i] != '\n' {
			s.i++
		}
		if s.i < len(s.src) && s.src[s.i] == '\'' {
			s.i++
		}
	default:
		for s.i < len(s.src) && !strings.ContainsRune(",]}\n#\r", rune(s.src[s.i])) {
			s.i++
		}
	}
}

// multiline skips a multi-line string, counting its newlines.
func (s *lineScanner) multiline(delim string, escapes bool) {
	s.i += len(delim)
	for s.i < len(s.src) {
		if escapes && s.src[s.i] == '\\' {
			if s.i+1 < len(s.src) && s.src[s.i+1] == '\n' {
				s.line++
			}
			s.i += 2
			continue
		}
		if strings.HasPrefix(s.src[s.i:], delim) {
			s.i += len(delim)
			// Up to two more quotes may belong to the string's content.
			for k := 0; k < 2 && s.i < len(s.src) && s.src[s.i] == delim[0]; k++ {
				s.i++
			}
			return
		}
		if s.src[s.i] == '\n' {
			s.line++
		}
		s.i++
	}
}
