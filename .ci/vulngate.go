//go:build ignore

// vulngate reads govulncheck's JSON output (-format json) on stdin and fails when the code calls
// a vulnerable function that has a fixed version: those must be upgraded. Vulnerabilities
// without a fix, or in code that is never called, are listed but do not fail the build.
//
//	govulncheck -format json ./... | go run .ci/vulngate.go
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

type message struct {
	Config  *json.RawMessage `json:"config"`
	Finding *struct {
		OSV          string `json:"osv"`
		FixedVersion string `json:"fixed_version"`
		Trace        []struct {
			Module   string `json:"module"`
			Version  string `json:"version"`
			Package  string `json:"package"`
			Function string `json:"function"`
		} `json:"trace"`
	} `json:"finding"`
}

func main() {
	dec := json.NewDecoder(os.Stdin)
	failing, noted := map[string]string{}, map[string]string{}
	configured := false
	for {
		var m message
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			fmt.Fprintln(os.Stderr, "vulngate: cannot read govulncheck's output:", err)
			os.Exit(2)
		}
		configured = configured || m.Config != nil
		f := m.Finding
		if f == nil || len(f.Trace) == 0 || f.Trace[0].Function == "" {
			continue // not called from our code
		}
		at := f.Trace[0].Module + "@" + f.Trace[0].Version
		if f.FixedVersion != "" {
			failing[f.OSV] = at + ", fixed in " + f.FixedVersion
		} else {
			noted[f.OSV] = at + ", no fix yet"
		}
	}
	if !configured {
		fmt.Fprintln(os.Stderr, "vulngate: no govulncheck output (it did not run?)")
		os.Exit(2)
	}
	for id, what := range noted {
		fmt.Printf("called, no fix: %s (%s)\n", id, what)
	}
	for id, what := range failing {
		fmt.Printf("CALLED AND FIXED UPSTREAM: %s (%s): upgrade the module\n", id, what)
	}
	if len(failing) > 0 {
		os.Exit(1)
	}
	fmt.Printf("govulncheck: no called vulnerability that has a fix (%d without a fix)\n", len(noted))
}
