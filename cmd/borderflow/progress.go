package main

import (
	"fmt"
	"sync"
	"time"
)

// progress prints "simulated 42% · 3.1 d/s · 12 s left" on standard error
// when it is a terminal and the work has lasted more than a couple of
// seconds; otherwise it prints nothing.
type progress struct {
	a     *app
	off   bool
	what  string
	start time.Time
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(a *app, quiet bool, what string) *progress {
	return &progress{a: a, off: quiet || !a.tty, what: what, start: time.Now()}
}

// update reports done of total units (simulated seconds, or runs).
func (p *progress) update(done, total float64) {
	if p.off || total <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	el := now.Sub(p.start)
	if el < 2*time.Second || now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	frac := done / total
	left := time.Duration(0)
	if frac > 0 {
		left = time.Duration(float64(el) * (1 - frac) / frac)
	}
	rate := done / el.Seconds()
	fmt.Fprintf(p.a.stderr, "\r%s %3.0f%% · %s · %s left   ", p.what, 100*frac, rateText(rate, p.what), left.Round(time.Second))
	p.shown = true
}

func rateText(r float64, what string) string {
	if what == "simulated" {
		return fmt.Sprintf("%.1f sim-days/s", r/86400)
	}
	return fmt.Sprintf("%.1f %s/s", r, what)
}

// done clears the progress line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprintf(p.a.stderr, "\r%80s\r", "")
		p.shown = false
	}
}
