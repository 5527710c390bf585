package plots

import (
	"hash/fnv"
	"image/color"
	"sort"
	"strings"
)

// hex turns "#rrggbb" into a colour.
func hex(s string) color.RGBA {
	var c [3]uint8
	for i := range c {
		c[i] = hexByte(s[1+2*i])<<4 | hexByte(s[2+2*i])
	}
	return color.RGBA{R: c[0], G: c[1], B: c[2], A: 255}
}

func hexByte(b byte) uint8 {
	switch {
	case b >= '0' && b <= '9':
		return b - '0'
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10
	default:
		return b - 'A' + 10
	}
}

// portColours are for ports, in the order they are handed out (busiest
// first): the nine strong colours of Tableau 10 without its grey (a
// qualitative palette designed so that neighbours stay distinguishable),
// then nine of Kelly's colours of maximum contrast (Kelly 1965) and
// Tableau's light tints, each picked greedily to be farthest (CIE76 ΔE)
// from those before it and from the grey of "other", the black of totals
// and the white ground. Any two are at least ΔE 18 apart
// (TestPortColoursDistinct).
var portColours = []color.RGBA{
	hex("#4e79a7"), hex("#f28e2b"), hex("#59a14f"), hex("#e15759"), hex("#b07aa1"),
	hex("#499894"), hex("#b6992d"), hex("#d37295"), hex("#9d7660"),
	hex("#8db600"), hex("#f3c300"), hex("#604e97"), hex("#2b3d26"), hex("#882d17"),
	hex("#ffbe7d"), hex("#a1caf1"), hex("#ff9d9a"), hex("#c2b280"),
}

// otherColour is for "other": the ports beyond the busiest few.
var otherColour = hex("#9e9e9e")

// Fixed colours for the names the shipped scenarios use; other names are
// hashed into the spare colours of the same list.
var (
	classColours = map[string]color.RGBA{
		"truck": hex("#1a237e"), "car": hex("#00897b"), "personal": hex("#00897b"),
		"personal_vehicle": hex("#00897b"), "bus": hex("#8e24aa"), "pedestrian": hex("#795548"),
	}
	classSpare = []color.RGBA{hex("#ad1457"), hex("#ef6c00"), hex("#2e7d32"), hex("#455a64"), hex("#c0ca33")}

	drugColours = map[string]color.RGBA{
		"methamphetamine": hex("#0277bd"), "meth": hex("#0277bd"), "fentanyl": hex("#c62828"),
		"cocaine": hex("#6a1b9a"), "heroin": hex("#ef6c00"), "marijuana": hex("#2e7d32"),
	}
	drugSpare = []color.RGBA{hex("#00838f"), hex("#ad1457"), hex("#5d4037"), hex("#9e9d24"), hex("#37474f")}
)

// Colours of the measures drawn side by side.
var (
	attemptedColour = hex("#a6bddb")
	seizedColour    = hex("#034e7b")
	referralColour  = hex("#1f77b4")
	inspectColour   = hex("#2ca02c")
	missedColour    = hex("#d62728")
	thresholdColour = hex("#d62728")
	surgeColour     = hex("#cfd8dc")
	jamColour       = hex("#f6dada") // bins with a queue and no wait ended: the wait is unknown
	totalColour     = color.RGBA{A: 255}
)

// palette gives each name of a set one colour, keyed by the name: a
// name's hash picks its colour, and a clash moves the later name (in
// sorted order) to the next free colour. The same set of names always
// gets the same colours, whatever order the files list them in.
type palette struct {
	fixed map[string]color.RGBA
	by    map[string]color.RGBA
	spare []color.RGBA
}

func newPalette(colours []color.RGBA, fixed map[string]color.RGBA, names []string) *palette {
	p := &palette{fixed: fixed, by: map[string]color.RGBA{}, spare: colours}
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	used := make([]bool, len(colours))
	for _, c := range fixed {
		for i, x := range colours {
			if x == c {
				used[i] = true
			}
		}
	}
	for _, n := range sorted {
		if _, ok := p.by[n]; ok {
			continue
		}
		if c, ok := fixed[key(n)]; ok {
			p.by[n] = c
			continue
		}
		h := int(hash(n) % uint32(len(colours)))
		i := h
		for k := 0; k < len(colours) && used[i]; k++ {
			i = (i + 1) % len(colours)
		}
		if used[i] {
			i = h // more names than colours: share
		}
		used[i] = true
		p.by[n] = colours[i]
	}
	return p
}

// rankedPalette hands colours out in the order of ranked (the names the
// charts show, busiest first), so that the few ports a chart names get
// the most distinct colours, the same in every chart. Names past the end
// of the list share colours from the start again.
func rankedPalette(colours []color.RGBA, ranked []string) *palette {
	p := &palette{by: map[string]color.RGBA{}, spare: colours}
	for _, n := range ranked {
		if _, ok := p.by[n]; !ok {
			p.by[n] = colours[len(p.by)%len(colours)]
		}
	}
	return p
}

// colour returns name's colour; a name outside the set is hashed.
func (p *palette) colour(name string) color.RGBA {
	if name == otherName {
		return otherColour
	}
	if c, ok := p.by[name]; ok {
		return c
	}
	if c, ok := p.fixed[key(name)]; ok {
		return c
	}
	return p.spare[hash(name)%uint32(len(p.spare))]
}

func key(name string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), " ", "_")
}

func hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}
