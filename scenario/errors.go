package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a scenario file: where it is and what was
// expected there. It prints on one line as
//
//	FILE:LINE: KEY: MSG
//
// where LINE is left out when unknown (0) and KEY when the problem is not
// tied to a key (a syntax error before any key, an unreadable file).
//
// Key is a dotted path into the document with zero-based indices for
// arrays, as jq writes them: port[2].lane.truck.booths is the booths of
// the truck lane of the third [[port]].
type Error struct {
	File string
	Line int    // 1-based; 0 if unknown
	Key  string // dotted path, e.g. port[2].lane.truck.booths
	Msg  string // what was expected
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxShown is how many problems Errors.Error prints before summing up the
// rest: a scenario with a systematic mistake (say every duration written
// as a bare number) would otherwise bury the terminal.
const maxShown = 9

// Errors is every problem found in one scenario, in the order of their
// lines. Parse returns it when there is at least one. errors.As finds the
// first *Error through Unwrap.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i == maxShown {
			fmt.Fprintf(&b, "\n%s: ... and %d more problems", e.File, len(es)-maxShown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the problems one by one, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// sortByLine orders problems by line, those without a line last, keeping
// the order of discovery among equals.
func (es Errors) sortByLine() {
	// A command line's own problems (-set port=1: the value is no list
	// of ports) come first: they are the cause of the file's problems
	// after them, and were hidden behind "... and N more problems".
	fromArgs := func(e *Error) bool { return strings.HasPrefix(e.File, "-") }
	sort.SliceStable(es, func(i, j int) bool {
		if ai, aj := fromArgs(es[i]), fromArgs(es[j]); ai != aj {
			return ai
		}
		li, lj := es[i].Line, es[j].Line
		if li == 0 || lj == 0 {
			return li != 0 && lj == 0
		}
		return li < lj
	})
}

// suggest returns the candidate closest to word by edit distance if it is
// within 2 edits (and closer than the word's own length, so that "a" does
// not suggest "w"), or "". Ties go to the first candidate in sorted order.
// Case is ignored: "eagle pass" suggests "Eagle Pass".
func suggest(word string, candidates []string) string {
	best, bestD := "", 3
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	lw := strings.ToLower(word)
	for _, c := range sorted {
		if c == word {
			continue
		}
		d := editDistance(lw, strings.ToLower(c), bestD)
		if d < bestD && d < len([]rune(word)) {
			best, bestD = c, d
		}
	}
	return best
}

// DidYouMean returns ", did you mean X?" for the candidate closest to
// word (edit distance ≤ 2, case ignored), or "".
func DidYouMean(word string, candidates []string) string {
	if s := suggest(word, candidates); s != "" {
		return ", did you mean " + s + "?"
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b (insertions,
// deletions and substitutions of runes), or any value ≥ limit once it is
// known to reach limit. Long words are cut off early so an absurd key
// costs no more than a short one.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	if len(ra) > 64 || len(rb) > 64 {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// names lists the keys of a name → index map, sorted, for messages.
func names(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// oneOf formats a list of allowed names for a message.
func oneOf(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
