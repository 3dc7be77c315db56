package web

import (
	"strings"
	"testing"

	"komitee/internal/runcmd"
)

// TestSetupMessage: the first-run message names the one-time link and the superuser command as
// this program was started (runcmd: go run . or the binary's name, --dir when not the default).
func TestSetupMessage(t *testing.T) {
	cmd := runcmd.Line("/tmp/elsewhere", "superuser", "upsert", "EMAIL", "PASSWORD")
	if !strings.HasSuffix(cmd, "superuser upsert EMAIL PASSWORD --dir /tmp/elsewhere") {
		t.Fatalf("command %q", cmd)
	}
	msg := setupMessage("http://127.0.0.1:8090/setup/abc", cmd)
	if !strings.Contains(msg, "http://127.0.0.1:8090/setup/abc\n") || !strings.Contains(msg, ": "+cmd+"\n") {
		t.Errorf("setup message:\n%s", msg)
	}
}
