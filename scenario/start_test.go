package scenario

import (
	"os"
	"strings"
	"testing"
	"time"
)

// start is a TOML date or the same as a string; the default is 1 January
// 2024; a time of day, an impossible date or one outside 1900–2199 is
// refused with the key and what was expected.
func TestStartDate(t *testing.T) {
	base, err := os.ReadFile("testdata/good/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse("minimal.toml", base)
	if err != nil || !s.Start.Equal(DefaultStart) {
		t.Fatalf("default start %v, %v", s.Start, err)
	}
	july := time.Date(2024, time.July, 1, 0, 0, 0, 0, time.UTC)
	for _, line := range []string{"start = 2024-07-01", `start = "2024-07-01"`} {
		s, err := Parse("x.toml", []byte(line+"\n"+string(base)))
		if err != nil || !s.Start.Equal(july) {
			t.Errorf("%s: %v, %v", line, s.Start, err)
		}
	}
	for line, want := range map[string]string{
		"start = 2024-07-01T08:00:00": "with a time of day",
		`start = "2024-02-30"`:        `got the string "2024-02-30"`,
		"start = 1850-01-01":          "must be from 1900-01-01 to 2199-12-31",
		"start = 7":                   "expected a date such as start = 2024-07-01",
	} {
		_, err := Parse("x.toml", []byte(line+"\n"+string(base)))
		if err == nil || !strings.Contains(err.Error(), "x.toml:1: start: ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v (want x.toml:1: start: ... %s)", line, err, want)
		}
	}
}
