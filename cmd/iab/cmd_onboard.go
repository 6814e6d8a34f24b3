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
		Long: `Onboard connects IAB to the source and the target server.

For each server it checks that the certificate the server presents has the
fingerprint inside the trust token (anything else is refused and nothing is
written), creates IAB's client certificate once (ECDSA P-384, reused later),
registers it with the token, confirms the server now trusts it and pins the
server's certificate by host and port. A server that already trusts IAB needs
no token (and none is used up); a token given is still checked. Without a
URL, the addresses inside the token are tried. Both servers must have the API
extensions IAB needs; missing ones are named.

Credentials go to --iab-cred-dir (default $XDG_CONFIG_HOME/incusAutobackup,
else ~/.config/incusAutobackup; directories 0700, files 0600; a directory
writable by group or others is refused). An initial config.json (both hosts,
no projects yet) is written to --out-config; an existing one is only replaced
with --force (keeping its iab.uuid).

A token restricted to projects (incus config trust add iab --restricted
--projects P) works: IAB then operates only within those projects.`,
		Example: `  # on each server: incus config trust add iab
  iab onboard --source-url https://src.example:8443 --source-token TOKEN1 \
              --target-url https://dst.example:8443 --target-token TOKEN2
  # again later (already trusted: no tokens needed), into /etc/iab
  iab onboard --source-url https://src.example:8443 --target-url https://dst.example:8443 \
              --out-config /etc/iab --force`,
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
