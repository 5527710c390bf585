package sweep

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"sort"
	"strconv"

	"borderflow/scenario"
)

// Hash returns the SHA-256, in hex, of a canonical encoding of sc: every
// exported field by name, numbers in their shortest exact form, maps by
// sorted key, and the concrete type of every interface value (so an
// exponential and a constant of the same mean differ). The Source field
// (where the scenario was read from) is left out: the same scenario read
// from two paths hashes the same. Unlike fmt's %#v the encoding holds no
// pointer addresses and no map order, so two machines agree on it.
func Hash(sc *scenario.Scenario) string {
	c := *sc
	c.Source = ""
	var b bytes.Buffer
	canon(&b, reflect.ValueOf(c))
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:])
}

func canon(b *bytes.Buffer, v reflect.Value) {
	switch v.Kind() {
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Slice, reflect.Array:
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			canon(b, v.Index(i))
		}
		b.WriteByte(']')
	case reflect.Map:
		type kv struct {
			k string
			v reflect.Value
		}
		var entries []kv
		it := v.MapRange()
		for it.Next() {
			var kb bytes.Buffer
			canon(&kb, it.Key())
			entries = append(entries, kv{kb.String(), it.Value()})
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].k < entries[j].k })
		b.WriteByte('{')
		for i, e := range entries {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(e.k)
			b.WriteByte(':')
			canon(b, e.v)
		}
		b.WriteByte('}')
	case reflect.Struct:
		t := v.Type()
		b.WriteByte('{')
		for i := 0; i < v.NumField(); i++ {
			if !t.Field(i).IsExported() {
				continue // derived state, such as an empirical table's cumulative weights
			}
			b.WriteString(t.Field(i).Name)
			b.WriteByte(':')
			canon(b, v.Field(i))
			b.WriteByte(';')
		}
		b.WriteByte('}')
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		if v.Kind() == reflect.Interface {
			b.WriteString(v.Elem().Type().String())
		}
		canon(b, v.Elem())
	default:
		b.WriteString("?" + v.Kind().String())
	}
}
