package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/iab-project/iab/internal/onboard"
)

// onboardOptions are the flags of "iab onboard".
type onboardOptions struct {
	sourceURL   string
	sourceToken string
	targetURL   string
	targetToken string
	credDir     string
	outConfig   string
	force       bool
}

func (o *onboardOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.sourceURL, "source-url", "", "HTTPS URL of the source server (default: the first address in the token that answers)")
	fs.StringVar(&o.sourceToken, "source-token", "", "trust token for the source (from: incus config trust add iab)")
	fs.StringVar(&o.targetURL, "target-url", "", "HTTPS URL of the target server (default: the first address in the token that answers)")
	fs.StringVar(&o.targetToken, "target-token", "", "trust token for the target (from: incus config trust add iab)")
	fs.StringVar(&o.credDir, "iab-cred-dir", "", "credential directory (default $XDG_CONFIG_HOME/incusAutobackup or ~/.config/incusAutobackup)")
	fs.StringVar(&o.outConfig, "out-config", ".", "directory to write the initial config.json to")
	fs.BoolVar(&o.force, "force", false, "overwrite an existing config.json")
}

func newOnboardCommand(env *environment, gopts *globalOptions) *cobra.Command {
	opts := &onboardOptions{}
	cmd := &cobra.Command{
		Use:   "onboard",
		Short: "Trust both servers with tokens, pin their certificates and write a config.json",
		Example: `  # on each server: incus config trust add iab
  iab onboard --source-url https://src.example:8443 --source-token TOKEN1 \
              --target-url https://dst.example:8443 --target-token TOKEN2`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runOnboard(cmd.Context(), env, gopts, opts)
		},
	}
	opts.addFlags(cmd.Flags())
	return cmd
}

func runOnboard(ctx context.Context, env *environment, gopts *globalOptions, opts *onboardOptions) error {
	_ = gopts // onboarding prints to stdout; it has no log output of its own
	_, err := onboard.Run(ctx, onboard.Options{
		Source:  onboard.HostInput{URL: opts.sourceURL, Token: opts.sourceToken},
		Target:  onboard.HostInput{URL: opts.targetURL, Token: opts.targetToken},
		CredDir: opts.credDir,
		OutDir:  opts.outConfig,
		Force:   opts.force,
		Now:     env.now(),
		Getenv:  env.getenv,
		Out:     env.stdout,
	})
	if err != nil {
		if onboard.IsInputError(err) {
			return newUsageError(fmt.Errorf("onboard: %w", err))
		}
		return fmt.Errorf("onboard: %w", err)
	}
	return nil
}
