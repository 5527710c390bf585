package sweep

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"borderflow/scenario"
)

// A policies file lists the policies of a sweep, each a [[policy]] table
// (docs/POLICIES.md is the user's page);
// the first is the baseline the others are compared with:
//
//	name = "intelligence"          # the sweep's name (default: the file name)
//
//	[[policy]]
//	name = "baseline"
//	referral = { car = 0.02, truck = 0.17 }   # random referral per class, or one number for all
//
//	[[policy]]
//	name = "targeted"
//	description = "targeting replaces random selection"
//	referral = 0
//	target_hit = 0.5               # P(flag | loaded), one number or per class
//	target_false = 0.02            # P(flag | clean)
//
//	[[policy]]
//	name = "intelligence-0.8"
//	target_auc = 0.8               # targeting as a binormal ROC with this area
//	target_rate = { truck = 0.17 } # share of clean vehicles flagged (default: the random rate)
//
//	[[policy]]
//	name = "image-trucks"
//	referral = { car = 0.02 }
//	imaging = ["truck"]            # every truck imaged, unloaded on an alarm
//	hold = ["truck"]               # lot rule: wait at the booth for a place, not waved through
//	pressure = "off"               # pressure rule off: nobody waved through for a long wait
//
//	[[policy]]
//	name = "portals-goal"          # for a scenario with [port.lane.CLASS.preprimary]
//	scan_share = { truck = 0.7, car = 0.4 }   # share scanned at pre-primary portals
//	portals = { truck = 2, car = 3 }
//	reviewers = { truck = 4, car = 6 }        # officers reading images
//
//	[[policy]]
//	name = "more-truck-booths"
//	set = ["port[Eagle Pass].lane.truck.booths = 12"]   # any key -set takes
//
//	[[policy]]
//	name = "double-traffic"
//	volume = 2                     # traffic × 2, capacity and contraband fixed
//
//	[[policy]]
//	name = "surge"
//	[policy.surge]
//	port = "Eagle Pass"            # default: the port with the most traffic
//	secondary = 2                  # × secondary servers and lot places
//	referral = { truck = 1.3 }     # × random referral rate
//	extra_booths = { truck = 2 }   # more primary booths
//	start = "0d"                   # from the end of the warm-up
//	end = "30d"                    # default: the end of the horizon
//
// Policies start from the scenario as loaded (not from the baseline).
// Keys are checked strictly: an unknown key, a wrong type or a value out
// of range is reported as FILE:LINE: KEY: MSG (a scenario.Error), every
// problem at once.

// PolicyFile is a decoded policies file.
type PolicyFile struct {
	Name     string // the sweep's name
	Policies []Policy
}

// ReadPolicies reads a policies file, stopping when ctx is done.
// Problems come back as scenario.Errors.
func ReadPolicies(ctx context.Context, path string) (*PolicyFile, error) {
	// Read as a scenario is: a regular file, the size limit enforced
	// while reading.
	data, err := scenario.ReadFile(ctx, path)
	if err != nil {
		var e *scenario.Error
		if errors.As(err, &e) {
			return nil, scenario.Errors{e}
		}
		return nil, err
	}
	return ParsePolicies(path, data)
}

// ParsePolicies decodes a policies file; file names it in messages and,
// without its folder and extension, is the sweep's default name.
func ParsePolicies(file string, data []byte) (*PolicyFile, error) {
	doc, err := scenario.ReadDoc(file, data)
	if err != nil {
		return nil, err
	}
	d := &fileDecoder{doc: doc, file: file, lines: doc.Lines()}
	raw := doc.Root()
	pf := &PolicyFile{Name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))}
	top := d.table("", raw)
	if v, ok := top.get("name"); ok {
		if s, ok := d.str("name", v); ok {
			if strings.TrimSpace(s) == "" || strings.ContainsAny(s, `/\`) {
				d.errorf("name", "the sweep's name must be a non-empty word without slashes (it names the output folder)")
			} else {
				pf.Name = s
			}
		}
	}
	v, ok := top.get("policy")
	if _, port := raw["port"]; !ok && port {
		// A scenario given as -policies: its every key was unknown.
		return nil, scenario.Errors{{File: file, Line: d.lines.Line("port"), Key: "port",
			Msg: "[[port]] tables make a scenario, not a policies file: give it as the sweep's SCENARIO, and -policies a file of [[policy]] tables (docs/POLICIES.md)"}}
	}
	if !ok {
		d.errorf("", "no policies: add at least one [[policy]] with a name")
	}
	list, isList := v.([]map[string]any)
	if ok && !isList {
		d.errorf("policy", "expected [[policy]] tables, got %s", describe(v))
	}
	seen := map[string]int{}
	for i, m := range list {
		p := d.policy("policy["+strconv.Itoa(i)+"]", m)
		if p.Name != "" {
			if j, dup := seen[p.Name]; dup {
				d.errorf("policy["+strconv.Itoa(i)+"].name", "policy %q is already defined by policy[%d]", p.Name, j)
			}
			seen[p.Name] = i
		}
		pf.Policies = append(pf.Policies, p)
	}
	top.done()
	if err := doc.Err(); err != nil {
		return nil, err
	}
	return pf, nil
}

// fileDecoder reads a policies file with the scenario decoder's strict
// machinery (scenario.Doc: the same limits on the text, one cap on the
// problems, the same unknown-key messages).
type fileDecoder struct {
	doc   *scenario.Doc
	file  string
	lines scenario.KeyLines
}

func (d *fileDecoder) errorf(key, format string, args ...any) { d.doc.Errorf(key, format, args...) }

// ftable is a TOML table whose keys are checked off as they are read.
type ftable struct {
	t    *scenario.Table
	path string
}

func (d *fileDecoder) table(path string, m map[string]any) *ftable {
	return &ftable{t: d.doc.Table(path, m), path: path}
}

func (t *ftable) at(k string) string { return t.t.At(k) }

func (t *ftable) get(k string) (any, bool) { return t.t.Get(k) }

// done reports the keys nobody asked for, suggesting a known one.
func (t *ftable) done() { t.t.Done() }

func describe(v any) string { return scenario.DescribeValue(v) }

func (d *fileDecoder) str(path string, v any) (string, bool) {
	return scenario.ExpectString(d.errorf, path, v)
}

// number: every bound its callers give is finite, so ±Inf was already
// out of range here; ExpectNumber says so in the same words.
func (d *fileDecoder) number(path string, v any, lo, hi float64, what string) (float64, bool) {
	return scenario.ExpectNumber(d.errorf, path, v, lo, hi, what)
}

// perClass reads one number for every class, or a table of numbers by
// class name.
func (d *fileDecoder) perClass(path string, v any, lo, hi float64, what string) map[string]float64 {
	if m, ok := v.(map[string]any); ok {
		out := map[string]float64{}
		for _, k := range keys(m) {
			if x, ok := d.number(path+"."+k, m[k], lo, hi, what); ok {
				out[k] = x
			}
		}
		return out
	}
	if _, ok := v.(string); ok || v == nil {
		d.errorf(path, "expected %s or a table by class such as { truck = ... }, got %s", what, describe(v))
		return nil
	}
	if x, ok := d.number(path, v, lo, hi, what+" (or a table by class)"); ok {
		return map[string]float64{AllClasses: x}
	}
	return nil
}

func (d *fileDecoder) duration(path string, v any) (float64, bool) { return d.doc.Duration(path, v) }

const probability = "a probability between 0 and 1"

// policy reads one [[policy]] table.
func (d *fileDecoder) policy(path string, m map[string]any) Policy {
	t := d.table(path, m)
	defer t.done()
	p := Policy{src: &source{file: d.file, lines: d.lines, path: path}}
	if v, ok := t.get("name"); !ok {
		d.errorf(path, `name is required (name = "baseline")`)
	} else if s, ok := d.str(t.at("name"), v); ok {
		if !goodPolicyName(s) {
			d.errorf(t.at("name"), "a policy name must be non-empty, without commas, quotes, newlines or other control or invisible characters (it is a CSV cell), got %q", s)
		} else {
			p.Name = s
		}
	}
	if v, ok := t.get("description"); ok {
		p.Description, _ = d.str(t.at("description"), v)
	}
	if v, ok := t.get("set"); ok {
		list, isList := v.([]any)
		if !isList {
			d.errorf(t.at("set"), `expected a list of PATH=VALUE strings as -set takes them, such as ["port[Roma].lane.truck.booths=4"], got %s`, describe(v))
		}
		for i, e := range list {
			key := t.at("set") + "[" + strconv.Itoa(i) + "]"
			s, ok := d.str(key, e)
			if !ok {
				continue
			}
			o, err := scenario.ParseSet(s)
			if err != nil {
				d.errorf(key, "%s", strings.TrimPrefix(err.Error(), "-set "+s+": "))
				continue
			}
			if k, run := scenario.SetsRunKey(o.Path); run {
				d.errorf(key, "a policy cannot set %s: every policy of a sweep runs the scenario's %s, so that their replications pair (give it to the sweep: -set %s=...)", k, k, k)
				continue
			}
			p.Set = append(p.Set, s)
		}
	}
	if v, ok := t.get("volume"); ok {
		if x, ok := d.number(t.at("volume"), v, 0, 1000, "a traffic factor between 0 and 1000"); ok {
			if x == 0 {
				d.errorf(t.at("volume"), "must be positive (1 leaves traffic as it is)")
			}
			p.Volume = x
		}
	}
	if v, ok := t.get("referral"); ok {
		p.Referral = d.perClass(t.at("referral"), v, 0, 1, probability)
	}
	if v, ok := t.get("target_hit"); ok {
		p.TargetHit = d.perClass(t.at("target_hit"), v, 0, 1, probability)
	}
	if v, ok := t.get("target_false"); ok {
		p.TargetFalse = d.perClass(t.at("target_false"), v, 0, 1, probability)
	}
	if v, ok := t.get("target_auc"); ok {
		p.TargetAUC = d.perClass(t.at("target_auc"), v, 0.5, 1, "an area under the curve between 0.5 (chance) and 1")
	}
	if v, ok := t.get("target_rate"); ok {
		p.TargetRate = d.perClass(t.at("target_rate"), v, 0, 1, probability)
	}
	if v, ok := t.get("imaging"); ok {
		list, isList := v.([]any)
		if !isList {
			d.errorf(t.at("imaging"), `expected a list of classes such as ["truck"], got %s`, describe(v))
		}
		for i, e := range list {
			if s, ok := d.str(t.at("imaging")+"["+strconv.Itoa(i)+"]", e); ok {
				p.Imaging = append(p.Imaging, s)
			}
		}
	}
	if v, ok := t.get("hold"); ok {
		list, isList := v.([]any)
		if !isList {
			d.errorf(t.at("hold"), `expected a list of classes such as ["truck"] or ["*"], got %s`, describe(v))
		}
		for i, e := range list {
			if s, ok := d.str(t.at("hold")+"["+strconv.Itoa(i)+"]", e); ok {
				p.Hold = append(p.Hold, s)
			}
		}
	}
	if v, ok := t.get("scan_share"); ok {
		p.ScanShare = d.perClass(t.at("scan_share"), v, 0, 1, probability)
	}
	for _, k := range []string{"portals", "reviewers"} {
		v, ok := t.get(k)
		if !ok {
			continue
		}
		m := map[string]int{}
		for c, x := range d.perClass(t.at(k), v, 1, 10000, "a whole number from 1 to 10000") {
			if x != math.Trunc(x) {
				d.errorf(t.at(k), "expected a whole number, got %v", x)
				continue
			}
			m[c] = int(x)
		}
		if k == "portals" {
			p.Portals = m
		} else {
			p.Reviewers = m
		}
	}
	if v, ok := t.get("pressure"); ok {
		if s, ok := d.str(t.at("pressure"), v); ok {
			if s != PressureOff && s != PressureKeep {
				d.errorf(t.at("pressure"), `want "off" (no vehicle is waved through for its wait) or "keep" (the scenario's pressure rule), got %q`, s)
			} else if s == PressureOff {
				p.Pressure = PressureOff
			}
		}
	}
	if v, ok := t.get("surge"); ok {
		sm, isTable := v.(map[string]any)
		if !isTable {
			d.errorf(t.at("surge"), "expected a table ([policy.surge] or surge = { ... }), got %s", describe(v))
		} else {
			p.Surge = d.surge(t.at("surge"), sm)
		}
	}
	return p
}

func (d *fileDecoder) surge(path string, m map[string]any) *Surge {
	t := d.table(path, m)
	defer t.done()
	s := &Surge{}
	if v, ok := t.get("port"); ok {
		s.Port, _ = d.str(t.at("port"), v)
	}
	if v, ok := t.get("secondary"); ok {
		if x, ok := d.number(t.at("secondary"), v, 0, 1000, "a capacity factor between 0 and 1000"); ok {
			if x == 0 {
				d.errorf(t.at("secondary"), "must be positive (1 leaves secondary as it is)")
			}
			s.Secondary = x
		}
	}
	if v, ok := t.get("referral"); ok {
		s.ReferralFactor = d.perClass(t.at("referral"), v, 0, 1000, "a referral factor between 0 and 1000")
	}
	if v, ok := t.get("extra_booths"); ok {
		f := d.perClass(t.at("extra_booths"), v, 0, 10000, "a whole number of booths")
		s.ExtraBooths = map[string]int{}
		for _, k := range keys(f) {
			if f[k] != math.Trunc(f[k]) {
				d.errorf(t.at("extra_booths"), "expected a whole number of booths, got %v", f[k])
			}
			s.ExtraBooths[k] = int(f[k])
		}
	}
	if v, ok := t.get("start"); ok {
		s.Start, _ = d.duration(t.at("start"), v)
	}
	if v, ok := t.get("end"); ok {
		if e, ok := d.duration(t.at("end"), v); ok {
			if e <= s.Start {
				d.errorf(t.at("end"), "the surge must end after it starts")
			}
			s.End = e
		}
	}
	return s
}
