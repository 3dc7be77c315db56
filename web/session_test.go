package web

import "testing"

// TestSafeNext keeps redirects after log-in and language switches on this site.
func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/organisations?kind=mso": "/organisations?kind=mso",
		"//evil.example/x":        "/",
		"https://evil.example":    "/",
		"/\\evil.example":         "/",
		"javascript:alert(1)":     "/",
		"":                        "/",
		"organisations":           "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
