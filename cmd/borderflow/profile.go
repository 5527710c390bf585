package main

import (
	"flag"
	"fmt"
	"io"
	"os"
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

// start begins the CPU profile; the returned stop ends it and writes the
// heap profile. Profile files are the user's own diagnostics, written
// directly (not through the output folder's all-or-nothing write).
func (p *profileFlags) start() (stop func(w io.Writer), err error) {
	var cpu *os.File
	if p.cpu != "" {
		cpu, err = os.Create(p.cpu)
		if err != nil {
			return nil, usagef("-cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, usagef("-cpuprofile: %v", err)
		}
	}
	return func(w io.Writer) {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				fmt.Fprintf(w, "borderflow: -cpuprofile: %v\n", err)
			}
		}
		if p.mem != "" {
			runtime.GC() // the heap as it is, not as the last collection left it
			f, err := os.Create(p.mem)
			if err == nil {
				err = pprof.Lookup("heap").WriteTo(f, 0)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				fmt.Fprintf(w, "borderflow: -memprofile: %v\n", err)
			}
		}
	}, nil
}
