package web

import (
	"testing"

	"komitee/committee"
)

// TestVersionLabelsRenderNoMarkdown: the version lists (page and diff) name versions without
// rendering their text.
func TestVersionLabelsRenderNoMarkdown(t *testing.T) {
	v := versionLabel("de", nil, committee.Version{ID: "v1", Language: "de", Number: 3, Body: "**viel** Text"})
	if v.Body != "" || v.Number != 3 || v.ID != "v1" {
		t.Fatalf("label %+v", v)
	}
}
