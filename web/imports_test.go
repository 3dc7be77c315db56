package web_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPagesDoNotImportTheSchema: web/ and views/ reach the value lists and rules through
// committee/, never through the schema package (pb_migrations), directly or through another
// package of the module. Test files may (the fixtures apply the migrations).
func TestPagesDoNotImportTheSchema(t *testing.T) {
	const module, schema = "komitee", "komitee/pb_migrations"
	root := ".."
	// imports lists the module's packages that the non-test files of dir import.
	imports := func(dir string) []string {
		entries, err := os.ReadDir(filepath.Join(root, dir))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, dir, e.Name()), nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if p == module || strings.HasPrefix(p, module+"/") {
					out = append(out, p)
				}
			}
		}
		return out
	}
	var starts []string
	for _, top := range []string{"web", "views"} {
		_ = filepath.WalkDir(filepath.Join(root, top), func(path string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				rel, _ := filepath.Rel(root, path)
				starts = append(starts, module+"/"+filepath.ToSlash(rel))
			}
			return nil
		})
	}
	if len(starts) < 3 {
		t.Fatalf("found only %v", starts)
	}
	for _, start := range starts {
		// Walk the import graph from start; via records how each package was reached.
		via := map[string]string{start: ""}
		queue := []string{start}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			if p == schema {
				chain := p
				for q := via[p]; q != ""; q = via[q] {
					chain = q + " → " + chain
				}
				t.Errorf("%s imports the schema package: %s", start, chain)
				break
			}
			for _, next := range imports(strings.TrimPrefix(p, module+"/")) {
				if _, seen := via[next]; !seen {
					via[next] = p
					queue = append(queue, next)
				}
			}
		}
	}
}
