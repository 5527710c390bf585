package plots

import (
	"context"
	"errors"
	"testing"

	"borderflow/internal/chartsynth"
)

// A signal while the charts are drawn is honoured between charts: once
// ctx is done no further drawing is rendered, and DrawContext returns
// ctx's error and no files.
func TestDrawStopsBetweenCharts(t *testing.T) {
	files := chartsynth.Run(2, 12, true, true, false)
	_, figs, err := buildRun(files)
	if err != nil || len(figs) < 3 {
		t.Fatalf("%d figures, %v", len(figs), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var done []string
	renderers = 1
	afterRender = func(name string) {
		done = append(done, name)
		cancel() // the signal comes while the first drawing is rendered
	}
	t.Cleanup(func() { renderers, afterRender = 0, nil })
	out, err := DrawContext(ctx, files)
	if !errors.Is(err, context.Canceled) || out != nil {
		t.Errorf("DrawContext after the signal: %d files, error %v; want none and context.Canceled", len(out), err)
	}
	if len(done) != 1 {
		t.Errorf("rendered %v after the signal during the first of %d drawings: want that one alone", done, 2*len(figs))
	}
	// Without a signal every drawing is rendered.
	done = nil
	out, err = DrawContext(context.Background(), files)
	if err != nil || len(done) != 2*len(figs) || len(out) != 2*len(figs)+1 {
		t.Errorf("without a signal: %d drawings rendered, %d files, %v", len(done), len(out), err)
	}
}
