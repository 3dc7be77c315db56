// Package demo loads a fictional demo data set: `komitee demo`.
package demo

import (
	"github.com/pocketbase/pocketbase"
	"github.com/spf13/cobra"
)

// Command is the `demo` command.
func Command(app *pocketbase.PocketBase) *cobra.Command {
	return &cobra.Command{Use: "demo", Short: "Load the fictional demo data set", RunE: func(cmd *cobra.Command, args []string) error {
		return nil
	}}
}
