package sweep

import (
	"strconv"
	"strings"
)

// source locates a policy in its file, for messages.
type source struct {
	file  string
	lines keyLines
	path  string // policy[2]
}

// keyLines maps a key's path (policy[2].surge.port, as scenario.Error
// writes keys) to its 1-based line. BurntSushi/toml does not export
// positions, so a small scanner finds them: it knows what a policies file
// holds — comments, [[policy]] and [policy.surge] headers, key = value
// lines, strings and arrays that may span lines. Keys inside an inline
// table share the line of the table's key, which line finds as the
// nearest recorded ancestor.
type keyLines map[string]int

// line returns the line of path or of its nearest recorded ancestor, or 0.
func (k keyLines) line(path string) int {
	for path != "" {
		if l, ok := k[path]; ok {
			return l
		}
		if strings.HasSuffix(path, "]") {
			path = path[:strings.LastIndexByte(path, '[')]
			continue
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return 0
		}
		path = path[:i]
	}
	return 0
}

// scanLines records the line of every header and key of a policies file.
func scanLines(src string) keyLines {
	out := keyLines{}
	arrays := map[string]int{} // [[name]] → elements so far
	table := ""
	depth := 0  // open brackets of a value spanning lines
	quote := "" // open multi-line string delimiter
	for n, line := range strings.Split(src, "\n") {
		no := n + 1
		s := strings.TrimSpace(line)
		if quote != "" || depth > 0 {
			depth, quote = scanValue(s, depth, quote)
			continue
		}
		if s == "" || s[0] == '#' {
			continue
		}
		if strings.HasPrefix(s, "[[") {
			name := strings.TrimSpace(strings.SplitN(s[2:], "]]", 2)[0])
			path := strings.Trim(name, `"'`)
			if i := strings.LastIndexByte(name, '.'); i >= 0 {
				path = resolveHeader(name[:i], arrays) + "." + strings.Trim(strings.TrimSpace(name[i+1:]), `"'`)
			}
			out[path] = no
			table = path + "[" + strconv.Itoa(arrays[path]) + "]"
			arrays[path]++
			out[table] = no
			continue
		}
		if s[0] == '[' {
			name := strings.TrimSpace(strings.SplitN(s[1:], "]", 2)[0])
			table = resolveHeader(name, arrays)
			out[table] = no
			continue
		}
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			continue
		}
		key := strings.Trim(strings.TrimSpace(s[:eq]), `"'`)
		path := key
		if table != "" {
			path = table + "." + key
		}
		out[path] = no
		depth, quote = scanValue(strings.TrimSpace(s[eq+1:]), 0, "")
	}
	return out
}

// resolveHeader turns a dotted header into a path, adding the index of
// the current element after a part that names an array of tables.
func resolveHeader(name string, arrays map[string]int) string {
	path := ""
	for _, part := range strings.Split(name, ".") {
		part = strings.Trim(strings.TrimSpace(part), `"'`)
		if path != "" {
			path += "."
		}
		path += part
		if n := arrays[path]; n > 0 {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

// scanValue follows a value's brackets and multi-line strings through one
// line, returning what is still open at its end.
func scanValue(s string, depth int, quote string) (int, string) {
	for i := 0; i < len(s); i++ {
		if quote != "" {
			if strings.HasPrefix(s[i:], quote) {
				i += len(quote) - 1
				quote = ""
			} else if quote == `"""` && s[i] == '\\' {
				i++
			}
			continue
		}
		switch c := s[i]; {
		case strings.HasPrefix(s[i:], `"""`) || strings.HasPrefix(s[i:], `'''`):
			quote = s[i : i+3]
			i += 2
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if c == '"' && s[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case c == '#':
			return depth, quote
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return depth, quote
}
