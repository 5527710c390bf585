package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The wiring is explicit: help lists the one command table in its order,
// and neither the command nor the border sets anything up from an init
// function (a reader follows runFiles to the charts without grepping).
func TestExplicitWiring(t *testing.T) {
	_, out, _ := borderflow(t, "help")
	at := -1
	for _, c := range commands() {
		i := strings.Index(out, "  "+c.name+" ")
		if i < 0 || i < at {
			t.Errorf("help lists %q out of the table's order:\n%s", c.name, out)
		}
		at = i
	}
	for _, dir := range []string{".", "../../border", "../../report", "../../sweep", "../../plots"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, obj := range af.Decls {
				if fn, ok := obj.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
					t.Errorf("%s: func init", f)
				}
			}
		}
	}
}
