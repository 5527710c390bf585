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
	p := newProgress(a, progressOptions{}, "simulated")
	p.update(86400, 4*86400) // under two seconds: nothing yet
	if buf.Len() != 0 {
		t.Fatalf("progress before two seconds: %q", buf.String())
	}
	p.start = time.Now().Add(-3 * time.Second)
	p.update(86400, 4*86400)
	line := buf.String()
	for _, want := range []string{"\rsimulated", "25%", "sim-days/s", "left"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress %q lacks %q", line, want)
		}
	}
	p.done()
	if !strings.HasSuffix(buf.String(), "\r") {
		t.Errorf("progress line not cleared: %q", buf.String())
	}
	for _, c := range []struct {
		tty bool
		opt progressOptions
	}{{true, progressOptions{Quiet: true}}, {false, progressOptions{}}, {false, progressOptions{Quiet: true, Force: true}}} {
		var b bytes.Buffer
		q := newProgress(&app{stderr: &b, tty: c.tty}, c.opt, "simulated")
		q.start = time.Now().Add(-time.Minute)
		q.update(1, 2)
		q.done()
		if b.Len() != 0 {
			t.Errorf("tty=%v %+v: progress printed %q", c.tty, c.opt, b.String())
		}
	}
}

// Forced on a standard error that is not a terminal (-progress), progress
// prints whole lines, never a carriage return, at most one every 10 s.
func TestProgressForcedLog(t *testing.T) {
	var b bytes.Buffer
	p := newCountProgress(&app{stderr: &b, tty: false}, progressOptions{Force: true}, "sweep", "pairs", 4)
	p.start = time.Now().Add(-5 * time.Second)
	p.update(5, 20) // under 10 s: nothing yet
	if b.Len() != 0 {
		t.Fatalf("log line before 10 s: %q", b.String())
	}
	p.start = time.Now().Add(-20 * time.Second)
	for i := 0; i < 100; i++ { // many updates within the same 10 s
		p.update(8, 20)
	}
	p.done()
	out := b.String()
	if strings.Count(out, "\n") != 1 || strings.Contains(out, "\r") {
		t.Fatalf("want one whole line, got %q", out)
	}
	// 4 of the 8 pairs were done before (resumed): 4 pairs in 20 s.
	for _, want := range []string{"sweep 8/20 pairs", "0.20 pairs/s", "1m0s left"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress %q lacks %q", out, want)
		}
	}
	p.last = time.Now().Add(-11 * time.Second)
	p.update(9, 20)
	if n := strings.Count(b.String(), "\n"); n != 2 {
		t.Errorf("after 10 s more: %d lines, want 2", n)
	}
}

// optimise's search has no known total: its progress counts allocations
// scored and the time so far, and with -progress it prints whole lines off
// a terminal, as run and sweep do.
func TestProgressOpenEnded(t *testing.T) {
	var b bytes.Buffer
	p := newCountProgress(&app{stderr: &b, tty: false}, progressOptions{Force: true}, "optimise", "allocations scored", 0)
	p.start = time.Now().Add(-30 * time.Second)
	p.update(12, 0)
	line := b.String()
	for _, want := range []string{"optimise 12 allocations scored", "so far"} {
		if !strings.Contains(line, want) {
			t.Errorf("open-ended progress %q lacks %q", line, want)
		}
	}
	if strings.Contains(line, "\r") || !strings.HasSuffix(line, "\n") {
		t.Errorf("off a terminal progress must be whole lines: %q", line)
	}
	var q bytes.Buffer
	s := newProgress(&app{stderr: &q, tty: false}, progressOptions{Force: true}, "simulated")
	s.start = p.start
	s.update(5, 0) // simulated time with no total: nothing to say
	if q.Len() != 0 {
		t.Errorf("simulated progress without a total printed %q", q.String())
	}
}
