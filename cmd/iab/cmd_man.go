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
	addBuiltinExamples(root)
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

// addBuiltinExamples gives cobra's own "completion" commands the Example
// section every IAB command has, creating them first if cobra has not yet
// (it does so lazily when the command line is executed). The root command
// calls it once the tree is built.
func addBuiltinExamples(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	examples := map[string]string{
		"completion": `  iab completion bash > /etc/bash_completion.d/iab
  iab completion zsh > "${fpath[1]}/_iab"
  iab completion fish > ~/.config/fish/completions/iab.fish`,
		"bash": `  source <(iab completion bash)
  iab completion bash > /etc/bash_completion.d/iab`,
		"zsh":        `  iab completion zsh > "${fpath[1]}/_iab"`,
		"fish":       `  iab completion fish > ~/.config/fish/completions/iab.fish`,
		"powershell": `  iab completion powershell | Out-String | Invoke-Expression`,
	}
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		for _, cc := range append([]*cobra.Command{c}, c.Commands()...) {
			if cc.Example == "" {
				cc.Example = examples[cc.Name()]
			}
		}
	}
}

// walkCommands calls f for c and every command below it.
func walkCommands(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		walkCommands(sub, f)
	}
}
