package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newManCommand(env *environment) *cobra.Command {
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write man pages for iab and every subcommand into DIR",
		Long: `Write one man page per command (iab.1, iab-run.1, iab-check.1, ...) into
DIR, creating it if needed. "make install" puts them into
$(PREFIX)/share/man/man1. Set SOURCE_DATE_EPOCH for a reproducible date.`,
		Example: `  iab man /usr/local/share/man/man1 && mandb -q
  iab man /tmp/iab-man && man -l /tmp/iab-man/iab-check.1`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMan(env, cmd.Root(), args[0])
		},
	}
}

// runMan writes the man pages of root's command tree into dir.
func runMan(env *environment, root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("man: %w", err)
	}
	// No "Auto generated" history section: it carries the date twice.
	walkCommands(root, func(c *cobra.Command) { c.DisableAutoGenTag = true })
	header := &doc.GenManHeader{
		Title:   "IAB",
		Section: "1",
		Source:  versionString(),
		Manual:  "IAB Manual",
	}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("man: %w", err)
	}
	_, err := fmt.Fprintf(env.stdout, "man pages written to %s\n", dir)
	return err
}

// walkCommands calls f for c and every command below it.
func walkCommands(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		walkCommands(sub, f)
	}
}
