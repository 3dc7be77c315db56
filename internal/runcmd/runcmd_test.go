package runcmd

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLine(t *testing.T) {
	wd, _ := os.Getwd()
	def := filepath.Join(wd, "pb_data")
	for _, c := range []struct {
		name       string
		goRun      bool
		argv0, dir string
		want       string
	}{
		{"go run, default directory", true, "/root/.cache/go-build/ab/exe/komitee", def, "go run . serve"},
		{"go run, default directory as typed", true, "/tmp/go-build1/exe/komitee", "pb_data", "go run . serve"},
		{"go run, another directory", true, "/tmp/go-build1/exe/komitee", "/tmp/demo-data", "go run . serve --dir /tmp/demo-data"},
		{"binary in PATH", false, "/usr/local/bin/komitee", "/srv/komitee", "komitee serve --dir /srv/komitee"},
		{"binary in PATH, its own directory", false, "/usr/local/bin/komitee", "/usr/local/bin/pb_data", "komitee serve"},
		{"binary here, renamed", false, "./komitee-1.2", "/tmp/demo data", "./komitee-1.2 serve --dir '/tmp/demo data'"},
	} {
		defaultDir := def
		if !c.goRun {
			defaultDir = filepath.Join(filepath.Dir(c.argv0), "pb_data")
		}
		if got := line(c.goRun, c.argv0, defaultDir, c.dir, []string{"serve"}); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
