package main

import (
	"github.com/spf13/cobra"
)

// newCompletionCommand replaces cobra's default "completion" command (which
// cobra would add by itself) with the same scripts plus the Example and the
// installation hints every IAB command has. The scripts are written to the
// command's output, so they go wherever the caller points stdout.
func newCompletionCommand() *cobra.Command {
	var noDesc bool
	cmd := &cobra.Command{
		Use:   "completion",
		Short: "Print the shell completion script for bash, zsh or fish",
		Long: `Print a script that makes the shell complete iab's commands and flags.
Install it once; new shells pick it up. Bash needs the bash-completion
package.`,
		Example: `  iab completion bash > /etc/bash_completion.d/iab
  iab completion zsh > "${fpath[1]}/_iab"
  iab completion fish > ~/.config/fish/completions/iab.fish`,
		Args:              cobra.NoArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	shells := []struct {
		name, example string
		gen           func(c *cobra.Command) error
	}{
		{"bash", "  source <(iab completion bash)\n  iab completion bash > /etc/bash_completion.d/iab",
			func(c *cobra.Command) error { return c.Root().GenBashCompletionV2(c.OutOrStdout(), !noDesc) }},
		{"zsh", "  iab completion zsh > \"${fpath[1]}/_iab\"",
			func(c *cobra.Command) error {
				if noDesc {
					return c.Root().GenZshCompletionNoDesc(c.OutOrStdout())
				}
				return c.Root().GenZshCompletion(c.OutOrStdout())
			}},
		{"fish", "  iab completion fish > ~/.config/fish/completions/iab.fish",
			func(c *cobra.Command) error { return c.Root().GenFishCompletion(c.OutOrStdout(), !noDesc) }},
	}
	for _, sh := range shells {
		gen := sh.gen
		cmd.AddCommand(&cobra.Command{
			Use:               sh.name,
			Short:             "Print the completion script for " + sh.name,
			Example:           sh.example,
			Args:              cobra.NoArgs,
			ValidArgsFunction: cobra.NoFileCompletions,
			RunE:              func(c *cobra.Command, _ []string) error { return gen(c) },
		})
	}
	cmd.PersistentFlags().BoolVar(&noDesc, "no-descriptions", false, "complete without descriptions")
	return cmd
}
