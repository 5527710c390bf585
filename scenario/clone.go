package scenario

import "reflect"

// Clone returns a deep copy of s: every slice, array and map is copied,
// so a caller (a sweep's policy, a test) can change lanes, methods and
// surges without touching the scenario others start from. Distributions
// (sim.Dist values and pointers) are shared: the model only reads them.
//
// It walks the struct by reflection so that a field added to the
// scenario later is copied too; TestCloneSharesNoSlice checks that no
// slice of the copy aliases the original.
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
	return v // scalars; pointers, interfaces and funcs are shared
}
