package scenario

import (
	"reflect"
	"testing"
)

// TestCloneSharesNoSlice walks a clone and its original side by side: no
// slice or map of the clone may share memory with the original, or a
// policy changing one lane would change every policy's scenario.
func TestCloneSharesNoSlice(t *testing.T) {
	sc, err := Embedded("eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	sc.Surges = []Surge{{Port: 0, ExtraBooths: []int{1, 1}, ReferralRate: []float64{-1, 0.5}, SecondaryFactor: 2}}
	c := sc.Clone()
	if !reflect.DeepEqual(sc, c) {
		t.Fatal("the clone differs from the original")
	}
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		switch a.Kind() {
		case reflect.Slice:
			if a.Len() > 0 && a.Pointer() == b.Pointer() {
				t.Errorf("%s: the clone shares the original's slice", path)
			}
			for i := 0; i < a.Len(); i++ {
				walk(path+"[]", a.Index(i), b.Index(i))
			}
		case reflect.Map:
			if a.Len() > 0 && a.Pointer() == b.Pointer() {
				t.Errorf("%s: the clone shares the original's map", path)
			}
		case reflect.Struct:
			for i := 0; i < a.NumField(); i++ {
				walk(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
			}
		}
	}
	walk("Scenario", reflect.ValueOf(*sc), reflect.ValueOf(*c))
}
