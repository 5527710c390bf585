package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"borderflow/bug"
	"borderflow/infile"
	"borderflow/plots"
)

// addCharts draws charts from files with draw (plots.DrawContext for a
// run, plots.DrawSweepContext for a sweep) and adds them to files. A
// signal while drawing stops it between charts: errInterrupted.
func addCharts(ctx context.Context, files map[string][]byte, draw func(context.Context, map[string][]byte) (map[string][]byte, error)) error {
	out, err := draw(ctx, files)
	if ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	for name, b := range out {
		files[name] = b
	}
	return nil
}

const plotUsage = "DIR [-out NEW] [-quiet]"

var cmdPlot = &command{
	name:  "plot",
	usage: plotUsage,
	short: "redraw the charts and index.html of a run's (or a sweep's) output folder from its files",
	run:   runPlot,
}

// The files a run's charts are drawn from, and a sweep's.
var (
	plotRunFiles   = []string{"summary.json", "series.csv", "hourly.csv", "ports.csv", "drugs.csv", "routes.csv", "routes-counterfactual.csv", "response.csv", "diversions.csv", "series-no-response.csv", "response-counterfactual.csv", "displacement.csv"}
	plotSweepFiles = []string{"policies.csv", "volume.csv", "paired.csv", "manifest.json"}
)

func runPlot(ctx context.Context, a *app, args []string) error {
	fs := newFlags(a, "plot", plotUsage)
	quiet := fs.Bool("quiet", false, "do not list the files written")
	newOut := fs.String("out", "", "draw into this new folder (with copies of the files read) instead of DIR")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("plot: name one output folder (borderflow plot DIR), got %d arguments", len(pos))
	}
	dir := pos[0]
	if st, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return usagef("plot: %s: no such folder", dir)
	} else if err != nil {
		return usagef("plot: %v", err)
	} else if !st.IsDir() {
		return usagef("plot: %s is not a folder", dir)
	}
	if *newOut == "" {
		// Checked before drawing, so that a folder plot cannot write
		// into is a usage error with a way out, not a failure at the
		// first chart naming a temporary file.
		probe, err := os.CreateTemp(dir, ".borderflow-probe-*")
		if err != nil {
			return usagef("plot: cannot write into %s (%v): give -out NEW to draw into a new folder", dir, errors.Unwrap(err))
		}
		probe.Close()
		os.Remove(probe.Name())
	}
	files, err := readInputs(ctx, dir, append(append([]string(nil), plotRunFiles...), plotSweepFiles...))
	if err != nil {
		return err
	}
	if err := checkHeaders(dir, files); err != nil {
		return err
	}
	draw := plots.DrawContext
	_, series := files["series.csv"]
	_, hourly := files["hourly.csv"]
	_, policies := files["policies.csv"]
	_, volume := files["volume.csv"]
	switch {
	case !series && !hourly && (policies || volume):
		draw = plots.DrawSweepContext
	case !has(files, plotRunFiles) && isShard(dir):
		return usagef("plot: %s is a shard of a sweep (pairs.csv, manifest.json): merge the shards first (borderflow merge DIR...), then plot the merged folder", dir)
	case len(files) == 0 || !has(files, plotRunFiles):
		return usagef("plot: %s holds none of the files charts are drawn from (%s, or a sweep's policies.csv and volume.csv)",
			dir, strings.Join(plotRunFiles, ", "))
	}
	// Drawing works in memory on the files just read: an error is theirs
	// (a corrupt or cut file), a bad input, exit 2.
	out, err := draw(ctx, files)
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted while drawing: %s untouched", dir)
	}
	if bug.Is(err) {
		return err // exit 3: drawing, not the files, failed
	}
	if err != nil {
		return usagef("plot %s: %v", dir, err)
	}
	names := make([]string, 0, len(out))
	for n := range out {
		names = append(names, n)
	}
	sort.Strings(names)
	if *newOut != "" {
		return plotInto(ctx, a, *newOut, files, out, *quiet)
	}
	// plot writes only into a folder borderflow made (its marker), and
	// over none of its files but those the marker lists: it overwrote a
	// user's own index.html or waits.png in any folder that held a
	// summary.json. A chart borderflow wrote is redrawn whatever it holds
	// now (a damaged chart is what plot is for).
	list, marked := readMarker(dir)
	if !marked {
		return usagef("plot: %s was not written by borderflow (it has no %s), and plot writes only into a folder borderflow made: give -out NEW to draw into a new folder", dir, markerName)
	}
	var clash []string
	for _, n := range names {
		st, err := os.Lstat(filepath.Join(dir, n))
		if err != nil {
			continue // a new file
		}
		if _, ok := list[n]; !ok || !st.Mode().IsRegular() {
			clash = append(clash, n)
		}
	}
	if len(clash) > 0 {
		return usagef("plot: %s holds %s, which borderflow did not write there (its %s does not list it): plot would overwrite it; give -out NEW to draw into a new folder", dir, nameFiles(clash), markerName)
	}
	// Every chart is written beside its place first and renamed only when
	// all are: a full disk or a signal halfway left some charts redrawn
	// and others not.
	temps := map[string]string{}
	removeTemps := func() {
		for _, tmp := range temps {
			os.Remove(tmp)
		}
	}
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			removeTemps()
			return fmt.Errorf("interrupted while drawing: %s untouched", dir)
		}
		tmp, err := writeTemp(filepath.Join(dir, n), out[n])
		if err == nil {
			temps[n] = tmp
			if plotWriteHook != nil {
				err = plotWriteHook(n)
			}
		}
		if err != nil {
			removeTemps()
			return fmt.Errorf("%w (%s untouched)", err, dir)
		}
	}
	if ctx.Err() != nil {
		removeTemps()
		return fmt.Errorf("interrupted while drawing: %s untouched", dir)
	}
	for _, n := range names {
		if err := os.Rename(temps[n], filepath.Join(dir, n)); err != nil {
			removeTemps()
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, n), err)
		}
		delete(temps, n)
	}
	if err := markFiles(dir, list, names); err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(a.stdout, "wrote %d files to %s: %s\n", len(names), dir, strings.Join(names, ", "))
	}
	return nil
}

// plotInto writes the charts drawn, with the files they were drawn from,
// into a new folder as a run writes its output (writeOut: whole or not
// at all, with its marker).
func plotInto(ctx context.Context, a *app, out string, inputs, charts map[string][]byte, quiet bool) error {
	// plot has no -force: the output folder's own refusal told users to
	// give one.
	if st, err := os.Lstat(out); err == nil && st.IsDir() {
		return usagef("plot: -out %s already exists: -out names a new folder (plot never replaces one); remove it or choose another", out)
	}
	dir, err := cleanOut(out, false)
	if err != nil {
		return err
	}
	all := map[string][]byte{}
	for n, b := range inputs {
		all[n] = b
	}
	for n, b := range charts {
		all[n] = b
	}
	if err := writeOut(ctx, dir, false, all); err != nil {
		if errors.Is(err, errInterrupted) {
			return fmt.Errorf("interrupted: nothing written")
		}
		return err
	}
	if !quiet {
		fmt.Fprintf(a.stdout, "wrote %d files to %s\n", len(all), dir)
	}
	return nil
}

// plotKeyColumn is a column the header of each CSV file plot reads
// always has, as borderflow writes it.
var plotKeyColumn = map[string]string{
	"series.csv": "port", "hourly.csv": "port", "series-no-response.csv": "port", "ports.csv": "port",
	"drugs.csv": "port", "routes.csv": "port", "routes-counterfactual.csv": "port", "response.csv": "port",
	"response-counterfactual.csv": "port", "displacement.csv": "port", "diversions.csv": "from",
	"policies.csv": "policy", "paired.csv": "policy", "volume.csv": "volume_factor",
}

// checkHeaders refuses a CSV file that is empty or whose header lacks its
// key column: the charts skip a file without the columns they draw from
// (an older folder's), so a series.csv emptied or overwritten by
// something else was drawn as no charts at all, exit 0.
func checkHeaders(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		key, ok := plotKeyColumn[n]
		if !ok {
			continue
		}
		line, _, _ := bytes.Cut(files[n], []byte("\n"))
		if len(bytes.TrimSpace(line)) == 0 {
			return usagef("plot: %s: the file is empty or starts with an empty line, where borderflow writes a header row: it was cut short or replaced", filepath.Join(dir, n))
		}
		head, err := csv.NewReader(bytes.NewReader(line)).Read()
		if err != nil {
			return usagef("plot: %s:1: the header row is not CSV: %v", filepath.Join(dir, n), err)
		}
		found := false
		for _, h := range head {
			found = found || strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) == key
		}
		if !found {
			return usagef("plot: %s:1: the header has no %s column: not the file borderflow writes there", filepath.Join(dir, n), key)
		}
	}
	return nil
}

// isShard reports whether dir looks like the output of sweep -shard: its
// pairs and manifest, and no table of policies.
func isShard(dir string) bool {
	for _, n := range []string{"pairs.csv", "manifest.json"} {
		if st, err := os.Stat(filepath.Join(dir, n)); err != nil || !st.Mode().IsRegular() {
			return false
		}
	}
	_, err := os.Stat(filepath.Join(dir, "policies.csv"))
	return err != nil
}

func has(files map[string][]byte, names []string) bool {
	for _, n := range names {
		if _, ok := files[n]; ok {
			return true
		}
	}
	return false
}

// maxPlotInput bounds each file plot reads: the largest a run writes is
// series.csv, a row per lane-bin, at most scenario.MaxLaneBins rows; the
// bound leaves room for rows of a couple of hundred bytes.
const maxPlotInput = 256 << 20

// readInputs reads those of names that exist in dir, by infile's rule (a
// regular file, read within maxPlotInput, stopped when ctx is done): a
// FIFO blocked plot for ever, and /dev/zero ran it out of memory.
func readInputs(ctx context.Context, dir string, names []string) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, n := range names {
		b, err := infile.Read(ctx, filepath.Join(dir, n), maxPlotInput)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if errors.Is(err, infile.ErrInterrupted) {
			return nil, fmt.Errorf("plot: %w", err)
		}
		if err != nil {
			return nil, usagef("plot: %v", err)
		}
		files[n] = b
	}
	return files, nil
}

// writeAtomic replaces path with data: written to a temporary file beside
// it and renamed, so a reader (a browser showing index.html) never sees a
// half-written chart.
func writeAtomic(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// plotWriteHook, when set (by tests), is called after each chart plot
// redraws in place is written beside its place; an error it returns is
// taken for a failed write (a full disk).
var plotWriteHook func(name string) error

// writeTemp writes data to a new hidden file beside path, to be renamed
// to it, and returns its name; on an error nothing is left.
func writeTemp(path string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	return tmp, nil
}

// unwrapPath is the error under a *fs.PathError, whose path (a temporary
// file's) says nothing to the user.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
