package scenario

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	for _, c := range []struct {
		e    Error
		want string
	}{
		{Error{File: "a.toml", Line: 3, Key: "port[2].lane.truck.booths", Msg: "must not be negative"}, "a.toml:3: port[2].lane.truck.booths: must not be negative"},
		{Error{File: "a.toml", Key: "horizon", Msg: "required"}, "a.toml: horizon: required"},
		{Error{File: "a.toml", Line: 7, Msg: "TOML syntax: x"}, "a.toml:7: TOML syntax: x"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestErrorsListIsCapped(t *testing.T) {
	var es Errors
	for i := range 25 {
		es = append(es, &Error{File: "f", Line: i + 1, Msg: fmt.Sprint(i)})
	}
	msg := es.Error()
	if n := strings.Count(msg, "\n") + 1; n != maxShown+1 {
		t.Errorf("%d lines:\n%s", n, msg)
	}
	if !strings.HasSuffix(msg, "f: ... and 16 more problems") {
		t.Errorf("no summary line:\n%s", msg)
	}
	var e *Error
	if !errors.As(error(es), &e) || e.Line != 1 {
		t.Errorf("errors.As found %+v", e)
	}
}

func TestSortByLine(t *testing.T) {
	es := Errors{{Line: 0, Msg: "a"}, {Line: 5, Msg: "b"}, {Line: 2, Msg: "c"}, {Line: 5, Msg: "d"}}
	es.sortByLine()
	var got []string
	for _, e := range es {
		got = append(got, e.Msg)
	}
	if strings.Join(got, "") != "cbda" {
		t.Errorf("order %v", got)
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"booths", "primary_time", "referral_rate", "annual_volume"}
	for word, want := range map[string]string{
		"booth":         "booths",
		"boths":         "booths",
		"Booths":        "booths",
		"anual_volume":  "annual_volume",
		"referal_rate":  "referral_rate",
		"colour":        "",
		"b":             "",
		"primary_times": "primary_time",
	} {
		if got := suggest(word, keys); got != want {
			t.Errorf("suggest(%q) = %q, want %q", word, got, want)
		}
	}
	if d := editDistance("kitten", "sitting", 10); d != 3 {
		t.Errorf("editDistance = %d, want 3", d)
	}
}

// Lines and files far beyond any scenario are refused before the TOML
// reader, whose time grows with the square of a dotted key's depth.
func TestShapeLimits(t *testing.T) {
	_, err := Parse("deep.toml", []byte("name = \"x\"\n"+strings.Repeat("a.", 3000)+"b = 1\n"))
	if err == nil || !strings.Contains(err.Error(), "deep.toml:2: (line): 6005 characters: lines are at most 4096") {
		t.Errorf("got %v", err)
	}
}
