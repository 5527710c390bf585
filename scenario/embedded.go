package scenario

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"borderflow/configs"

	"github.com/BurntSushi/toml"
)

// Default is the scenario `borderflow run` uses when given none.
const Default = "eagle-pass"

// Load reads and checks the scenario in the file at path. Messages name
// the file as given.
func Load(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: readProblem(err)}
	}
	return Parse(path, data)
}

func readProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
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
	return parse(name+".toml", "embedded:"+name, data)
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
// a file. An argument that is neither gives an error listing the shipped
// scenarios.
func Resolve(arg string) (*Scenario, error) {
	if arg == "" {
		arg = Default
	}
	isPath := strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".toml")
	if !isPath {
		if _, err := embeddedData(arg); err == nil {
			return Embedded(arg)
		}
		if _, err := os.Stat(arg); err != nil {
			return nil, unknownScenario(arg)
		}
	}
	if _, err := os.Stat(arg); errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(arg, `/\`) {
		return nil, unknownScenario(arg)
	}
	return Load(arg)
}
