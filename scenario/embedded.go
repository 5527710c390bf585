package scenario

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"borderflow/configs"
	"borderflow/infile"

	"github.com/BurntSushi/toml"
)

// Default is the scenario `borderflow run` uses when given none.
const Default = "eagle-pass"

// Load reads and checks the scenario in the file at path. Messages name
// the file as given.
func Load(path string) (*Scenario, error) {
	src, err := openFile(context.Background(), path)
	if err != nil {
		return nil, err
	}
	return src.Decode()
}

// Source is a scenario's TOML text and where it came from, read but not
// yet decoded: what `show` prints, and what overrides change before
// decoding.
type Source struct {
	File    string // the name in messages: the path, or NAME.toml
	Origin  string // Scenario.Source: the path, or "embedded:NAME"
	Shipped bool   // a scenario of the binary, not a file
	Data    []byte
}

// Decode checks the scenario with the overrides applied in order.
func (src *Source) Decode(ovs ...Override) (*Scenario, error) {
	return parse(src.File, src.Origin, src.Data, ovs)
}

// Open reads the scenario an argument names (see Resolve for the
// rules), stopping early when ctx is done. A file is read with the size
// limit enforced while reading, so /dev/zero or a pipe that never ends
// costs no more than a scenario's largest size.
func Open(ctx context.Context, arg string) (*Source, error) {
	if arg == "" {
		arg = Default
	}
	if !isPath(arg) {
		if data, err := embeddedData(arg); err == nil {
			return &Source{File: arg + ".toml", Origin: "embedded:" + arg, Shipped: true, Data: data}, nil
		}
		if _, err := os.Stat(arg); err != nil {
			return nil, unknownScenario(arg)
		}
	}
	return openFile(ctx, arg)
}

// isPath reports whether a scenario argument can only be a file: it has
// a path separator or ends in .toml.
func isPath(arg string) bool {
	return strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".toml")
}

func openFile(ctx context.Context, path string) (*Source, error) {
	data, err := readFile(ctx, path)
	if err != nil {
		return nil, err
	}
	return &Source{File: path, Origin: path, Data: data}, nil
}

// ErrInterrupted is returned when reading a scenario was stopped.
var ErrInterrupted = errors.New("interrupted while reading the scenario")

// readFile reads the file at path by infile's rule: a regular file of at
// most maxFileBytes, read while counting, stopped when ctx is done.
func readFile(ctx context.Context, path string) ([]byte, error) {
	data, err := infile.Read(ctx, path, maxFileBytes)
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, infile.ErrInterrupted):
		return nil, fmt.Errorf("%s: %w", path, ErrInterrupted)
	case errors.Is(err, infile.ErrTooLarge):
		return nil, &Error{File: path, Key: "(file)", Msg: fmt.Sprintf("more than %d bytes: a scenario is at most %d MB", maxFileBytes, maxFileBytes>>20)}
	case errors.Is(err, infile.ErrNotRegular):
		var ie *infile.Error
		errors.As(err, &ie)
		return nil, &Error{File: path, Msg: fmt.Sprintf("not a regular file (%s): borderflow reads its inputs only from regular files", ie.Kind)}
	}
	var ie *infile.Error
	if errors.As(err, &ie) {
		err = ie.Err
	}
	return nil, &Error{File: path, Msg: infile.Problem(err)}
}

// EmbeddedNames returns the names of the scenarios shipped in the binary
// (configs/*.toml), sorted.
func EmbeddedNames() []string {
	entries, err := fs.ReadDir(configs.FS, ".")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".toml") {
			out = append(out, strings.TrimSuffix(n, ".toml"))
		}
	}
	sort.Strings(out)
	return out
}

// Embedded returns the shipped scenario called name, checked. Its Source
// is "embedded:NAME"; messages name the file as NAME.toml.
func Embedded(name string) (*Scenario, error) {
	data, err := embeddedData(name)
	if err != nil {
		return nil, err
	}
	return parse(name+".toml", "embedded:"+name, data, nil)
}

// ShippedTOML returns the text of the shipped scenario called name, as
// `borderflow show` prints it.
func ShippedTOML(name string) ([]byte, error) {
	return embeddedData(name)
}

func embeddedData(name string) ([]byte, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || path.Ext(name) != "" {
		return nil, unknownScenario(name)
	}
	data, err := configs.FS.ReadFile(name + ".toml")
	if err != nil {
		return nil, unknownScenario(name)
	}
	return data, nil
}

func unknownScenario(name string) error {
	list := EmbeddedNames()
	return fmt.Errorf("unknown scenario %q%s: not a shipped scenario (%s) nor a file", name, DidYouMean(name, list), strings.Join(list, ", "))
}

// Describe returns the one-line description of the shipped scenario
// called name (its description key), or "" if there is no such scenario.
// It reads only the top-level keys, so listing every scenario is cheap.
func Describe(name string) string {
	data, err := embeddedData(name)
	if err != nil {
		return ""
	}
	var top struct {
		Description string `toml:"description"`
	}
	if _, err := decodeDescription(data, &top); err != nil {
		return ""
	}
	return top.Description
}

func decodeDescription(data []byte, v any) (md toml.MetaData, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return toml.Decode(string(data), v)
}

// Resolve turns a command-line argument into a scenario: "" is Default;
// a name of a shipped scenario is that scenario; anything else is a file
// path. An argument with a path separator or a .toml extension is always
// a file ("my.toml: no such file" when it is missing). An argument that
// is neither gives an error listing the shipped scenarios.
func Resolve(arg string) (*Scenario, error) {
	src, err := Open(context.Background(), arg)
	if err != nil {
		return nil, err
	}
	return src.Decode()
}
