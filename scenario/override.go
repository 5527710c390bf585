package scenario

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Override is one change to a scenario written on the command line:
// -set PATH=VALUE, or a flag such as -horizon 30d (which is
// horizon="30d"). Overrides change the TOML document before it is
// decoded, so every check of the loader applies to the result as to the
// file; a problem at an overridden key is reported against Arg instead
// of a line of the file.
type Override struct {
	// Arg names the override in messages as the user wrote it:
	// "-set horizon=30d", "-horizon 30d".
	Arg string
	// Path is the key, spelled as the loader's messages spell keys
	// (port[0].lane.truck.booths), with array elements also selected by
	// their name: port[Eagle Pass].pressure_factor.
	Path string
	// Value is a TOML value: string, int64, float64, bool, []any,
	// map[string]any.
	Value any
}

// ParseSet reads a -set argument, PATH=VALUE. VALUE is read as a TOML
// value (12, 0.5, true, [1, 2], { dist = "exponential", mean = "90s" },
// "text"), and as a string when it is not one, so horizon=30d needs no
// quotes.
func ParseSet(arg string) (Override, error) {
	path, value, ok := strings.Cut(arg, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" {
		return Override{}, fmt.Errorf("-set %s: want PATH=VALUE, e.g. -set horizon=30d or -set 'port[Eagle Pass].lane.truck.booths=12'", arg)
	}
	if _, err := parsePath(path); err != nil {
		return Override{}, fmt.Errorf("-set %s: %v", arg, err)
	}
	return Override{Arg: "-set " + arg, Path: path, Value: ParseValue(value)}, nil
}

// ParseValue reads a TOML value, or returns s as a string when it is not
// one (or is too big or too deeply nested to be read as one).
func ParseValue(s string) any {
	t := strings.TrimSpace(s)
	doc := "v = " + t + "\n"
	if t == "" || checkShape("", []byte(doc)) != nil {
		return s
	}
	raw, err := decodeTOML([]byte(doc))
	if err != nil && isIntLiteral(t) {
		return bigInteger(t) // beyond int64: not to be taken for a string
	}
	if _, ferr := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64); err != nil && errors.Is(ferr, strconv.ErrRange) {
		return bigFloat(t) // beyond float64, as 1e400
	}
	if err != nil || len(raw) != 1 {
		return s
	}
	v, ok := raw["v"]
	if !ok {
		return s
	}
	return v
}

// bigInteger is a -set value written as a whole number that TOML's
// integers (int64) cannot hold: -set seed=9223372036854775808 was taken
// for the string "9223372036854775808", and refused as a string.
type bigInteger string

// bigFloat is a -set value written as a number that TOML's floats
// (float64) cannot hold: 1e400 was taken for the string "1e400", and
// refused as "expected a number, got the string".
type bigFloat string

// isIntLiteral reports whether s is a decimal integer as TOML writes one
// (an optional sign, digits, single underscores between them).
func isIntLiteral(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// pathPart is one dotted component of a path: a key and the array
// selectors after it (port[Eagle Pass] is key "port", selector "Eagle
// Pass").
type pathPart struct {
	key  string
	sels []string
}

// parsePath splits PATH into its parts. Brackets may hold any text but
// brackets, so names with dots and spaces need no quoting.
func parsePath(path string) ([]pathPart, error) {
	var parts []pathPart
	i := 0
	for i < len(path) {
		for i < len(path) && path[i] == ' ' {
			i++
		}
		j := i
		var key string
		if i < len(path) && (path[i] == '"' || path[i] == '\'') {
			// A quoted key, as TOML writes one: "Eagle Pass" in
			// response.coordinates."Eagle Pass" was looked up with its
			// quotes; a name may hold a dot.
			k := strings.IndexByte(path[i+1:], path[i])
			if k < 0 {
				return nil, fmt.Errorf("unbalanced %c in %q", path[i], path)
			}
			key = path[i+1 : i+1+k]
			j = i + k + 2
			for j < len(path) && path[j] == ' ' {
				j++
			}
			if key == "" {
				return nil, fmt.Errorf("empty key in %q", path)
			}
		} else {
			for j < len(path) && path[j] != '.' && path[j] != '[' {
				if path[j] == ']' {
					return nil, fmt.Errorf("unbalanced ] in %q", path)
				}
				if path[j] == '"' || path[j] == '\'' {
					return nil, fmt.Errorf("a quote inside the key %q: quote a whole key, e.g. response.coordinates.\"Eagle Pass\"", path)
				}
				j++
			}
			key = strings.TrimSpace(path[i:j])
			if key == "" {
				return nil, fmt.Errorf("empty key in %q", path)
			}
		}
		p := pathPart{key: key}
		for j < len(path) && path[j] == '[' {
			k := strings.IndexByte(path[j:], ']')
			if k < 0 {
				return nil, fmt.Errorf("unbalanced [ in %q", path)
			}
			sel := strings.TrimSpace(path[j+1 : j+k])
			if sel == "" || strings.ContainsRune(sel, '[') {
				return nil, fmt.Errorf("bad selector [%s] in %q: want an index or a name", sel, path)
			}
			p.sels = append(p.sels, sel)
			j += k + 1
		}
		parts = append(parts, p)
		if j < len(path) {
			if path[j] != '.' {
				return nil, fmt.Errorf("want . after %s in %q", path[i:j], path)
			}
			j++
			if j == len(path) {
				return nil, fmt.Errorf("%q ends with a dot", path)
			}
		}
		i = j
	}
	return parts, nil
}

// apply sets the override in the document and returns the path with
// every element selected by index, as the decoder names keys.
func (o Override) apply(doc map[string]any) (string, error) {
	parts, err := parsePath(o.Path)
	if err != nil {
		return "", err
	}
	var cur any = doc
	canon := ""
	for n, p := range parts {
		m, ok := cur.(map[string]any)
		if !ok {
			return "", fmt.Errorf("%s is %s, not a table: it has no key %s", canon, describe(cur), p.key)
		}
		canon = joinPath(canon, p.key)
		last := n == len(parts)-1
		if last && len(p.sels) == 0 {
			m[p.key] = o.Value
			// A lane's booths are given by hour or by a roster: setting
			// one replaces the other (staffing.go).
			if other := map[string]string{"booths": "staffing", "staffing": "booths"}[p.key]; other != "" && strings.Contains(canon, "lane.") {
				delete(m, other)
			}
			return canon, nil
		}
		next, ok := m[p.key]
		if !ok {
			if len(p.sels) > 0 {
				return "", fmt.Errorf("%s: the scenario has no %s to select from", canon, p.key)
			}
			next = map[string]any{}
			m[p.key] = next
		}
		for k, sel := range p.sels {
			elem, i, err := selectElem(canon, next, sel)
			if err != nil {
				return "", err
			}
			canon = indexPath(canon, i)
			if last && k == len(p.sels)-1 {
				if err := setElem(canon, next, i, o.Value); err != nil {
					return "", err
				}
				return canon, nil
			}
			next = elem
		}
		cur = next
	}
	return canon, nil
}

// selectElem picks element sel (an index, or the element whose name is
// sel) of the array v at path.
func selectElem(path string, v any, sel string) (any, int, error) {
	var elems []any
	switch a := v.(type) {
	case []map[string]any:
		for _, e := range a {
			elems = append(elems, e)
		}
	case []any:
		elems = a
	default:
		return nil, 0, fmt.Errorf("%s is %s, not an array: [%s] selects nothing", path, describe(v), sel)
	}
	if i, err := strconv.Atoi(sel); err == nil {
		if i < 0 || i >= len(elems) {
			return nil, 0, fmt.Errorf("%s[%d]: out of range: the scenario has %d (%s[0] to %s[%d])", path, i, len(elems), path, path, len(elems)-1)
		}
		return elems[i], i, nil
	}
	var names []string
	for i, e := range elems {
		if m, ok := e.(map[string]any); ok {
			if name, ok := m["name"].(string); ok {
				if name == sel {
					return e, i, nil
				}
				names = append(names, name)
			}
		}
	}
	return nil, 0, fmt.Errorf("%s[%s]: no element named %q%s (names: %s)", path, sel, sel, DidYouMean(sel, names), oneOf(names))
}

// setElem replaces element i of the array v.
func setElem(path string, v any, i int, value any) error {
	switch a := v.(type) {
	case []map[string]any:
		m, ok := value.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: expected a table like { name = ... }, got %s", path, describe(value))
		}
		a[i] = m
	case []any:
		a[i] = value
	}
	return nil
}
