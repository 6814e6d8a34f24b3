package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// runOptions are the flags of "iab run" (and of a bare "iab").
type runOptions struct {
	dryRun      bool
	dryRunCopy  bool
	dryRunPrune bool
	iOSFix      bool
	metricsFile string
}

func (o *runOptions) addFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.dryRun, "dry-run", false, "change nothing: same as --dry-run-copy --dry-run-prune; print the plan")
	fs.BoolVar(&o.dryRunCopy, "dry-run-copy", false, "skip snapshot and copy; print what would be snapshotted and copied")
	fs.BoolVar(&o.dryRunPrune, "dry-run-prune", false, "skip deletions; print the keep/remove plan of both servers")
	fs.BoolVar(&o.iOSFix, "ios-fix", true, "the target uses the source's retention policy (false: the source also keeps what the target's policy keeps)")
	fs.StringVar(&o.metricsFile, "metrics-file", "", "write a Prometheus textfile-collector file here at the end of the run")
}

func newRunCommand(env *environment, gopts *globalOptions, opts *runOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Snapshot, copy and prune as configured (the default command)",
		Example: `  iab run
  iab run --dry-run
  iab run --config /etc/iab/config.json --metrics-file /var/lib/node_exporter/iab.prom`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRun(cmd.Context(), env, gopts, opts)
		},
	}
	opts.addFlags(cmd.Flags())
	return cmd
}

func runRun(ctx context.Context, env *environment, gopts *globalOptions, opts *runOptions) error {
	_ = ctx
	_ = newLogger(env, gopts)
	return errors.New("run: not implemented yet")
}
