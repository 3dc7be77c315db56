// Package e2e holds the browser journey test: a real headless Chromium drives the real server
// (PocketBase with the pages mounted, on a free port of 127.0.0.1) through first-run setup,
// registration, e-mail verification, an organisation's application, its approval and the
// public directory, and checks every page with axe-core in German and in Arabic at 360 px.
//
// It needs Chromium (/usr/bin/chromium, or $CHROME_PATH) and axe-core:
//
//	npm ci --prefix e2e
//	go test ./e2e/ -run Journey -v
//
// Without them the test skips, or fails when $CI is set.
package e2e
