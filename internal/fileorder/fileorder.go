// Package fileorder checks that a package reads from top to bottom: that
// its files, in the reading order its doc.go states, use only names
// defined in the same file or an earlier one. A use of a name defined in
// a later file is a back-reference, which a reader meets before its
// definition.
package fileorder

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Ref is one back-reference: file uses name, defined in the later file
// DefinedIn.
type Ref struct {
	File, Name, DefinedIn string
}

func (r Ref) String() string { return fmt.Sprintf("%s uses %s (%s)", r.File, r.Name, r.DefinedIn) }

// orderLine is how doc.go states the order: a comment line
// "Files, in reading order: a.go, b.go, ...", which may run on over the
// next comment lines up to a full stop.
var orderLine = regexp.MustCompile(`(?s)Files, in reading order:(.*?)\.\s*(\n//\s*\n|\npackage|$)`)

// Order returns the reading order stated in dir's doc.go.
func Order(dir string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "doc.go"))
	if err != nil {
		return nil, err
	}
	m := orderLine.FindSubmatch(b)
	if m == nil {
		return nil, fmt.Errorf("%s/doc.go states no \"Files, in reading order:\"", dir)
	}
	var files []string
	for _, f := range strings.FieldsFunc(string(m[1]), func(r rune) bool {
		return strings.ContainsRune(" \t\n/,;:()", r)
	}) {
		f = strings.TrimSuffix(f, ".")
		if strings.HasSuffix(f, ".go") && !strings.HasSuffix(f, "_test.go") {
			files = append(files, f)
		}
	}
	return files, nil
}

// BackRefs type-checks the package in dir (its non-test files) and returns
// every back-reference against order, once per (file, name). doc.go comes
// first; any other file the order does not list is an error, so the
// order stays complete.
func BackRefs(dir string, order []string) ([]Ref, error) {
	rank := map[string]int{"doc.go": -1}
	for i, f := range order {
		rank[f] = i
	}
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, p := range pkgs {
		for name, f := range p.Files {
			if _, ok := rank[filepath.Base(name)]; !ok {
				return nil, fmt.Errorf("%s is not in the reading order of %s/doc.go", filepath.Base(name), dir)
			}
			files = append(files, f)
		}
	}
	imp, err := exportImporter(fset, dir)
	if err != nil {
		return nil, err
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check(dir, fset, files, info)
	if err != nil {
		return nil, err
	}
	seen := map[Ref]bool{}
	var refs []Ref
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue
		}
		if _, ok := obj.(*types.TypeName); ok && obj.Parent() == nil {
			continue // a type parameter
		}
		if obj.Parent() != nil && obj.Parent() != pkg.Scope() {
			continue // a local name
		}
		use := filepath.Base(fset.Position(id.Pos()).Filename)
		def := filepath.Base(fset.Position(obj.Pos()).Filename)
		if rank[def] <= rank[use] {
			continue
		}
		r := Ref{File: use, Name: name(obj), DefinedIn: def}
		if !seen[r] {
			seen[r] = true
			refs = append(refs, r)
		}
	}
	sort.Slice(refs, func(i, j int) bool {
		a, b := refs[i], refs[j]
		if a.File != b.File {
			return rank[a.File] < rank[b.File]
		}
		return a.Name < b.Name
	})
	return refs, nil
}

// name is obj's name with its receiver or struct where it has one.
func name(obj types.Object) string {
	if f, ok := obj.(*types.Func); ok {
		if r := f.Signature().Recv(); r != nil {
			t := r.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := t.(*types.Named); ok {
				return n.Obj().Name() + "." + f.Name()
			}
		}
	}
	if v, ok := obj.(*types.Var); ok && v.IsField() {
		return "field " + v.Name()
	}
	return obj.Name()
}

// exportImporter imports the packages dir depends on from the export data
// the go command builds for them (go list -export), as go vet does.
func exportImporter(fset *token.FileSet, dir string) (types.Importer, error) {
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", ".")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export in %s: %w", dir, err)
	}
	export := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			export[path] = file
		}
	}
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := export[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}), nil
}
