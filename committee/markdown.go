package committee

import (
	"bytes"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	md       = goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Strikethrough))
	sanitize = func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.RequireNoFollowOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(false)
		return p
	}()
)

// Markdown renders user-written Markdown to sanitised HTML: goldmark renders, bluemonday's UGC
// policy removes anything that could run script or break the layout.
func Markdown(src string) string {
	if src == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return sanitize.Sanitize(src)
	}
	return string(sanitize.SanitizeBytes(buf.Bytes()))
}

// SanitizeHTML cleans HTML written in the dashboard's rich-text editor with the same policy.
func SanitizeHTML(src string) string { return sanitize.Sanitize(src) }
