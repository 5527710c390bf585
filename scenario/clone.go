package scenario

import "reflect"

// Clone returns a deep copy of s: every pointer, slice, array and map is
// copied (the response, staffing rosters, pre-primary stages, trusted
// parts, checkpoints), so a caller (a sweep's policy, the optimiser, a
// test) can change any of them without touching the scenario others
// start from.
//
// Distributions (sim.Dist) are shared: their constructors precompute
// tables from the parameters, so one is never changed in place but
// replaced. So are the unexported market reference (another scenario,
// referred to) and the TOML the scenario was read from (read by With).
//
// It walks the struct by reflection so that a field added to the
// scenario later is copied too; TestCloneCopiesEveryType checks that the
// scenario's types hold nothing else by reference, and
// TestCloneSharesNothing that a clone of a scenario with every field set
// shares no memory with it.
func (s *Scenario) Clone() *Scenario {
	c := deepCopy(reflect.ValueOf(*s)).Interface().(Scenario)
	return &c
}

func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Array:
		c := reflect.New(v.Type()).Elem()
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		it := v.MapRange()
		for it.Next() {
			c.SetMapIndex(it.Key(), deepCopy(it.Value()))
		}
		return c
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(deepCopy(v.Elem()))
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for i := 0; i < v.NumField(); i++ {
			if f := c.Field(i); f.CanSet() {
				f.Set(deepCopy(v.Field(i)))
			}
		}
		return c
	}
	return v // scalars and strings; interfaces (distributions) are shared
}
