package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// profileFlags are run's and sweep's -cpuprofile and -memprofile: pprof
// files of the whole command, for `go tool pprof` (docs/PERFORMANCE.md
// says how to read them).
type profileFlags struct {
	cpu, mem string
}

func (p *profileFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile of the command to `FILE` (go tool pprof)")
	fs.StringVar(&p.mem, "memprofile", "", "write a heap profile at the end of the command to `FILE` (go tool pprof)")
}

// pprofMagic opens every file pprof writes (a gzipped protocol buffer).
var pprofMagic = []byte{0x1f, 0x8b}

// checkProfilePath refuses a profile path that would destroy something
// of the user's: a folder or device, or an existing file that is not a
// profile (`-cpuprofile my.toml` truncated the scenario it was about to
// read). An earlier profile is replaced, as go test -cpuprofile does.
func checkProfilePath(flagName, path string) error {
	dir := filepath.Dir(path)
	if dst, err := os.Stat(dir); err != nil || !dst.IsDir() {
		return usagef("-%s %s: the folder %s does not exist", flagName, path, dir)
	}
	// The profile is written beside its path first: a folder that takes
	// no file failed only at the end, after a successful run, exit 0.
	probe, err := os.CreateTemp(dir, ".borderflow-probe-*")
	if err != nil {
		return usagef("-%s %s: the folder %s is not writable (%v)", flagName, path, dir, errors.Unwrap(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	st, err := os.Lstat(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return usagef("-%s %s: %v", flagName, path, err)
	}
	if !st.Mode().IsRegular() {
		return usagef("-%s %s: exists and is not a regular file: name a new file, e.g. -%s out/cpu.prof", flagName, path, flagName)
	}
	if st.Size() == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return usagef("-%s %s: %v", flagName, path, err)
	}
	head := make([]byte, len(pprofMagic))
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, pprofMagic) {
		return usagef("-%s %s: the file exists and is not a pprof profile: borderflow would overwrite it; name a new file", flagName, path)
	}
	return nil
}

// start checks both paths and begins the CPU profile into a temporary
// file beside its path. The returned stop ends it and writes the heap
// profile; each is renamed into place only when ok (the command
// succeeded), so that a failed command leaves no profile and replaces
// none, like its other outputs.
func (p *profileFlags) start() (stop func(w io.Writer, ok bool), err error) {
	if p.cpu != "" && p.cpu == p.mem {
		return nil, usagef("-cpuprofile and -memprofile name the same file %s: give each its own", p.cpu)
	}
	for _, c := range []struct{ flag, path string }{{"cpuprofile", p.cpu}, {"memprofile", p.mem}} {
		if c.path != "" {
			if err := checkProfilePath(c.flag, c.path); err != nil {
				return nil, err
			}
		}
	}
	var cpu *os.File
	if p.cpu != "" {
		cpu, err = profileTemp(p.cpu)
		if err != nil {
			return nil, usagef("-cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			os.Remove(cpu.Name())
			return nil, usagef("-cpuprofile: %v", err)
		}
	}
	return func(w io.Writer, ok bool) {
		if cpu != nil {
			pprof.StopCPUProfile()
			err := cpu.Close()
			if !ok {
				os.Remove(cpu.Name())
			} else if err = finishProfile(cpu.Name(), p.cpu, err); err != nil {
				fmt.Fprintf(w, "borderflow: -cpuprofile: %v\n", err)
			}
		}
		if p.mem == "" || !ok {
			return
		}
		runtime.GC() // the heap as it is, not as the last collection left it
		f, err := profileTemp(p.mem)
		if err == nil {
			err = pprof.Lookup("heap").WriteTo(f, 0)
			err = finishProfile(f.Name(), p.mem, closeKeep(f, err))
		}
		if err != nil {
			fmt.Fprintf(w, "borderflow: -memprofile: %v\n", err)
		}
	}, nil
}

// profileTemp creates the hidden file a profile is written to before it
// is renamed to path.
func profileTemp(path string) (*os.File, error) {
	return os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
}

// finishProfile renames the written temporary file to path, or removes
// it when writing it failed (err).
func finishProfile(tmp, path string, err error) error {
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// closeKeep closes f and returns err, or the close's error if err is nil.
func closeKeep(f *os.File, err error) error {
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
