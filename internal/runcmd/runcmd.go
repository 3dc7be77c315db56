// Package runcmd writes the command that runs Komitee again the way it was started this time:
// `go run . serve` for someone who used go run, `komitee serve` (the binary's name) otherwise,
// with --dir only when the data directory is not the default one. The demo and the first-run
// message print it, so that what they suggest can be typed as it stands.
package runcmd

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/pocketbase/pocketbase/tools/osutils"
)

// Line is the command that runs this program with args on dataDir, as it was started now.
func Line(dataDir string, args ...string) string {
	goRun := osutils.IsProbablyGoRun()
	return line(goRun, os.Args[0], defaultDataDir(goRun), dataDir, args)
}

// defaultDataDir is PocketBase's default data directory (pocketbase.NewWithConfig): pb_data in
// the working directory under go run, else beside the binary.
func defaultDataDir(goRun bool) string {
	if goRun {
		wd, _ := os.Getwd()
		return filepath.Join(wd, "pb_data")
	}
	return filepath.Join(filepath.Dir(os.Args[0]), "pb_data")
}

// line builds the command: "go run ." under go run; else the binary's name, or the path it was
// started by when that was relative to here ("./komitee"), which a shell does not find by name.
func line(goRun bool, argv0, defaultDir, dataDir string, args []string) string {
	words := []string{"go", "run", "."}
	if !goRun {
		name := filepath.Base(argv0)
		if strings.HasPrefix(argv0, "./") || strings.HasPrefix(argv0, "../") {
			name = argv0
		}
		words = []string{quote(name)}
	}
	for _, a := range args {
		words = append(words, quote(a))
	}
	if dataDir != "" && !samePath(dataDir, defaultDir) {
		words = append(words, "--dir", quote(dataDir))
	}
	return strings.Join(words, " ")
}

func samePath(a, b string) bool {
	a, errA := filepath.Abs(a)
	b, errB := filepath.Abs(b)
	return errA == nil && errB == nil && a == b
}

// quote puts a word in single quotes when a shell would split or expand it.
func quote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`*?[]{}()<>|&;#~!") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
