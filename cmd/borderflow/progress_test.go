package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// Progress shows on a terminal once the work has lasted two seconds —
// share done, rate and time left — and clears its line at the end; it
// never shows when standard error is not a terminal or with -quiet.
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	a := &app{stderr: &buf, tty: true}
	p := newProgress(a, false, "simulated")
	p.update(86400, 4*86400) // under two seconds: nothing yet
	if buf.Len() != 0 {
		t.Fatalf("progress before two seconds: %q", buf.String())
	}
	p.start = time.Now().Add(-3 * time.Second)
	p.update(86400, 4*86400)
	line := buf.String()
	for _, want := range []string{"simulated", "25%", "sim-days/s", "left"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress %q lacks %q", line, want)
		}
	}
	p.done()
	if !strings.HasSuffix(buf.String(), "\r") {
		t.Errorf("progress line not cleared: %q", buf.String())
	}
	for _, quiet := range []bool{true, false} {
		var b bytes.Buffer
		q := newProgress(&app{stderr: &b, tty: !quiet}, quiet, "runs")
		if !quiet {
			q = newProgress(&app{stderr: &b, tty: false}, false, "runs")
		}
		q.start = time.Now().Add(-time.Minute)
		q.update(1, 2)
		q.done()
		if b.Len() != 0 {
			t.Errorf("quiet=%v: progress printed %q", quiet, b.String())
		}
	}
}
