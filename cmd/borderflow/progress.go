package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"borderflow/scenario"
)

// progress is borderflow's one progress printer, used by run and sweep:
// "simulated 42% · 3.1 sim-days/s · 12s left", or for counted work
// "sweep 37/96 pairs · 2.30 pairs/s · 28s left".
//
// On a terminal it rewrites one line in place (at most every 200 ms, once
// the work has lasted two seconds) and clears it at the end. On a
// standard error that is not a terminal it prints nothing, unless forced
// (-progress: CI logs, batch jobs), when it prints whole lines, at most
// one every 10 s. Quiet (-quiet) silences it everywhere.
type progress struct {
	w     io.Writer
	mode  progressMode
	label string // "simulated", "sweep", …
	unit  string // counted work: its unit ("pairs"); "" for simulated seconds
	base  float64
	start time.Time
	mu    sync.Mutex
	last  time.Time
	shown bool
}

type progressMode int

const (
	progressOff progressMode = iota
	progressTTY              // one line rewritten in place
	progressLog              // whole lines, spaced out
)

// progressOptions are the command line's say on progress.
type progressOptions struct {
	Quiet bool // -quiet: never
	Force bool // -progress: also when standard error is not a terminal
}

// Intervals of the two modes (the log's keeps CI logs short).
const (
	progressDelay   = 2 * time.Second // nothing for work shorter than this
	progressTTYGap  = 200 * time.Millisecond
	progressLogGap  = 10 * time.Second
	progressLogWait = progressLogGap // the first log line after as long
)

func progressModeOf(a *app, opt progressOptions) progressMode {
	switch {
	case opt.Quiet:
		return progressOff
	case a.tty:
		return progressTTY
	case opt.Force:
		return progressLog
	}
	return progressOff
}

// newProgress reports simulated seconds done of a total.
func newProgress(a *app, opt progressOptions, label string) *progress {
	return &progress{w: a.stderr, mode: progressModeOf(a, opt), label: label, start: time.Now()}
}

// newCountProgress reports units of work done ("pairs"); base were done
// before this run started (a resumed sweep) and do not count in the rate.
func newCountProgress(a *app, opt progressOptions, label, unit string, base float64) *progress {
	p := newProgress(a, opt, label)
	p.unit, p.base = unit, base
	return p
}

// update reports done of total (simulated seconds, or units). Counted
// work of no known total (an optimiser's search) passes total 0.
func (p *progress) update(done, total float64) {
	if p.mode == progressOff || (total <= 0 && p.unit == "") {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	el := now.Sub(p.start)
	gap, wait := progressTTYGap, progressDelay
	if p.mode == progressLog {
		gap, wait = progressLogGap, progressLogWait
	}
	if el < wait || now.Sub(p.last) < gap {
		return
	}
	p.last = now
	line := p.text(done, total, el)
	if p.mode == progressLog {
		fmt.Fprintln(p.w, line)
		return
	}
	fmt.Fprintf(p.w, "\r%s   ", line)
	p.shown = true
}

// text is the progress line: how far, how fast, how long still.
func (p *progress) text(done, total float64, el time.Duration) string {
	rate := (done - p.base) / el.Seconds()
	if total <= 0 {
		return fmt.Sprintf("%s %d %s · %.2f %s/s · %s so far", p.label, int(done), p.unit, rate, p.unit, el.Round(time.Second))
	}
	left := "?"
	if rate > 0 {
		left = time.Duration((total - done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	if p.unit == "" {
		return fmt.Sprintf("%s %3.0f%% · %.1f sim-days/s · %s left", p.label, 100*done/total, rate/scenario.Day, left)
	}
	return fmt.Sprintf("%s %d/%d %s · %.2f %s/s · %s left", p.label, int(done), int(total), p.unit, rate, p.unit, left)
}

// done clears the terminal's progress line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprintf(p.w, "\r%80s\r", "")
		p.shown = false
	}
}
