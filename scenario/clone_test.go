package scenario

import (
	"reflect"
	"testing"
	"time"

	"borderflow/sim"
)

var distType = reflect.TypeOf((*sim.Dist)(nil)).Elem()

// cloneShares are the fields of the scenario's own types that Clone
// leaves shared on purpose, with the reason; every other field that can
// hold a reference is copied.
var cloneShares = map[string]string{
	"Scenario.marketRef": "another scenario, the one the market is measured against: referred to, not owned",
	"Scenario.origin":    "the TOML the scenario was read from: With reads it, nothing changes it",
}

// opaque are the types of other packages a scenario holds by value whose
// insides Clone does not walk: a time.Time's location is never changed.
var opaque = map[reflect.Type]bool{reflect.TypeOf(time.Time{}): true}

// TestCloneCopiesEveryType walks the Scenario type, not a value, so that
// a field added later is checked even when no scenario sets it: Clone
// copies pointers, slices, maps and arrays by reflection, and shares
// only distributions (immutable once built) and the fields of
// cloneShares. A function, channel or other interface field, or an
// unexported field that holds a reference, would be shared by the clone
// without anyone deciding so.
func TestCloneCopiesEveryType(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(path string, ty reflect.Type)
	walk = func(path string, ty reflect.Type) {
		switch ty.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(path+"[]", ty.Elem())
		case reflect.Map:
			walk(path+"{key}", ty.Key())
			walk(path+"{}", ty.Elem())
		case reflect.Interface:
			if ty != distType {
				t.Errorf("%s: an interface (%s) the clone would share", path, ty)
			}
		case reflect.Func, reflect.Chan, reflect.UnsafePointer:
			t.Errorf("%s: a %s the clone would share", path, ty.Kind())
		case reflect.Struct:
			if seen[ty] || opaque[ty] {
				return
			}
			seen[ty] = true
			if ty.PkgPath() != reflect.TypeOf(Scenario{}).PkgPath() {
				t.Errorf("%s: %s is another package's type: Clone cannot copy its unexported fields (add it to opaque if they never change)", path, ty)
				return
			}
			for i := 0; i < ty.NumField(); i++ {
				f := ty.Field(i)
				name := ty.Name() + "." + f.Name
				if !f.IsExported() {
					if _, ok := cloneShares[name]; !ok && holdsReference(f.Type, map[reflect.Type]bool{}) {
						t.Errorf("%s.%s: an unexported field holding a reference, which Clone shares (copy it, or add it to cloneShares with the reason)", path, f.Name)
					}
					continue
				}
				walk(path+"."+f.Name, f.Type)
			}
		}
	}
	walk("Scenario", reflect.TypeOf(Scenario{}))
}

// holdsReference reports whether a value of type ty can share memory
// with a copy made by assignment.
func holdsReference(ty reflect.Type, seen map[reflect.Type]bool) bool {
	switch ty.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return true
	case reflect.Array:
		return holdsReference(ty.Elem(), seen)
	case reflect.Struct:
		if seen[ty] {
			return false
		}
		seen[ty] = true
		for i := 0; i < ty.NumField(); i++ {
			if holdsReference(ty.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// fill sets every exported field reachable from v to something not
// zero: pointers to a new value, slices of two elements, maps of one
// entry, distributions to a constant. Recursive types stop at depth.
func fill(v reflect.Value, depth int) {
	if depth > 8 {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(depth + 1))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(depth + 1))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(depth) + 0.5)
	case reflect.String:
		v.SetString("x")
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), depth+1)
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), depth+1)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1)
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Interface:
		if v.Type() == distType {
			v.Set(reflect.ValueOf(sim.Constant{Value: 1}))
		}
	case reflect.Struct:
		if opaque[v.Type()] {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	}
}

// checkNoAlias walks a clone and its original side by side and reports
// every pointer, slice or map of the clone that shares memory with the
// original's. Distributions and unexported fields are left out: the
// first are shared on purpose, the second checked by type above.
func checkNoAlias(t *testing.T, a, b reflect.Value) int {
	t.Helper()
	n := 0
	shared := map[string]bool{} // each path reported once
	report := func(path, what string) {
		if !shared[path] {
			shared[path] = true
			t.Errorf("%s: the clone shares the original's %s", path, what)
		}
	}
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		switch a.Kind() {
		case reflect.Pointer:
			if a.IsNil() {
				return
			}
			n++
			if a.Pointer() == b.Pointer() {
				report(path, "pointer")
			}
			walk(path, a.Elem(), b.Elem())
		case reflect.Slice:
			if a.Cap() == 0 {
				return
			}
			n++
			if a.Pointer() == b.Pointer() {
				report(path, "slice")
			}
			for i := 0; i < a.Len(); i++ {
				walk(path+"[]", a.Index(i), b.Index(i))
			}
		case reflect.Array:
			for i := 0; i < a.Len(); i++ {
				walk(path+"[]", a.Index(i), b.Index(i))
			}
		case reflect.Map:
			if a.IsNil() {
				return
			}
			n++
			if a.Pointer() == b.Pointer() {
				report(path, "map")
			}
			it := a.MapRange()
			for it.Next() {
				walk(path+"{}", it.Value(), b.MapIndex(it.Key()))
			}
		case reflect.Struct:
			for i := 0; i < a.NumField(); i++ {
				if f := a.Type().Field(i); f.IsExported() {
					walk(path+"."+f.Name, a.Field(i), b.Field(i))
				}
			}
		}
	}
	walk("Scenario", a, b)
	return n
}

// TestCloneSharesNothing clones a scenario with every field set (by
// fill, so a field added later is set too) and a shipped scenario, and
// checks that the clone equals its original and shares no pointer, slice
// or map with it: a sweep's policy or a test changing the clone's lanes,
// response or staffing must not change the scenario others start from.
func TestCloneSharesNothing(t *testing.T) {
	full := &Scenario{}
	fill(reflect.ValueOf(full).Elem(), 0)
	texas, err := Embedded("texas-dps-2022")
	if err != nil {
		t.Fatal(err)
	}
	pp, err := Embedded("preprimary-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range []*Scenario{full, texas, pp} {
		c := sc.Clone()
		if !reflect.DeepEqual(sc, c) {
			t.Fatalf("%s: the clone differs from the original", sc.Name)
		}
		if n := checkNoAlias(t, reflect.ValueOf(sc).Elem(), reflect.ValueOf(c).Elem()); n == 0 {
			t.Errorf("%s: nothing to compare", sc.Name)
		}
	}
}

// Changing a clone's response (what border's Texas tests and a sweep
// policy do) leaves the original's alone.
func TestCloneOwnsItsResponse(t *testing.T) {
	sc, err := Embedded("texas-dps-2022")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Response == nil || len(sc.Response.Classes) == 0 || len(sc.Response.Coords) == 0 {
		t.Fatal("texas-dps-2022 has no response")
	}
	scale, lat, road := sc.Response.Classes[0].Scale, sc.Response.Coords[0].Lat, sc.Response.RoadFactor
	c := sc.Clone()
	c.Response.Classes[0].Scale = scale + 100
	c.Response.Coords[0].Lat = lat + 1
	c.Response.RoadFactor = road + 1
	if sc.Response.Classes[0].Scale != scale || sc.Response.Coords[0].Lat != lat || sc.Response.RoadFactor != road {
		t.Error("changing the clone's response changed the original's")
	}
}
