package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"github.com/lxc/incus/v7/shared/api"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/iab-project/iab/internal/backup"
	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/lock"
	"github.com/iab-project/iab/internal/metrics"
	"github.com/iab-project/iab/internal/notify"
	"github.com/iab-project/iab/internal/remote"
)

// runOptions are the flags of "iab run" (and of a bare "iab").
type runOptions struct {
	dryRun      bool
	dryRunCopy  bool
	dryRunPrune bool
	iOSFix      bool
	metricsFile string
	stopTimeout time.Duration
	forceStop   bool
}

func (o *runOptions) addFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.dryRun, "dry-run", false, "change nothing: same as --dry-run-copy --dry-run-prune; print the plan")
	fs.BoolVar(&o.dryRunCopy, "dry-run-copy", false, "skip snapshot and copy; print what would be snapshotted and copied")
	fs.BoolVar(&o.dryRunPrune, "dry-run-prune", false, "skip deletions; print the keep/remove plan of both servers")
	fs.BoolVar(&o.iOSFix, "ios-fix", true, "the target uses the source's retention policy (false: the source also keeps what the target's policy keeps)")
	fs.StringVar(&o.metricsFile, "metrics-file", "", "write a Prometheus textfile-collector file here at the end of the run")
	fs.DurationVar(&o.stopTimeout, "stop-timeout", backup.DefaultStopTimeout, "with iab.stopInstance: how long a clean stop of an instance may take before its backup fails")
	fs.BoolVar(&o.forceStop, "force-stop", false, "with iab.stopInstance: force the stop of an instance that did not stop cleanly within --stop-timeout")
}

func newRunCommand(env *environment, gopts *globalOptions, opts *runOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Snapshot, copy and prune as configured (the default command)",
		Long: `Snapshot, copy and prune as configured.

1. Snapshot: every configured volume and instance gets the snapshot
   IAB_YYYYMMDD-HHMMSS (UTC) on the source, with no expiry. With
   iab.stopInstance a running instance is stopped cleanly for it and
   started again right after.
2. Copy: each resource is copied to the target as an incremental refresh.
   The target copy never starts by itself (boot.autostart=false).
3. Prune: IAB snapshots are deleted by the retention policy, on the source
   first, then on the target (only those gone from the source). Other
   snapshots are never touched.

One failing resource does not stop the others. A summary goes to stdout,
logs to stderr. Two runs never overlap (a lock in the credential directory).`,
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

// lockFile is the name of the run lock in the credential directory.
const lockFile = "iab.lock"

func runRun(ctx context.Context, env *environment, gopts *globalOptions, opts *runOptions) error {
	log := newLogger(env, gopts)
	now := env.now()

	// 1. Config: a bad one changes nothing anywhere (exit 2).
	cfg, credDir, err := loadConfig(env, gopts, "")
	if err != nil {
		return err
	}
	for _, w := range cfg.Warnings() {
		log.Warn("config: " + w.String())
	}
	job := backup.Job{
		Resources: resourcesFromConfig(cfg),
		Now:       now,
		Options: backup.Options{
			DryRunCopy:   opts.dryRun || opts.dryRunCopy,
			DryRunPrune:  opts.dryRun || opts.dryRunPrune,
			IOSFix:       opts.iOSFix,
			StopInstance: cfg.IAB.StopInstance,
			StopTimeout:  opts.stopTimeout,
			ForceStop:    opts.forceStop,
		},
		Log:  log,
		Plan: env.stdout,
	}

	// 2. One run at a time.
	lk, err := lock.Acquire(filepath.Join(credDir, lockFile))
	if err != nil {
		return err
	}
	defer lk.Release()

	// Notifications (iab.healthchecksUrl, iab.gotifyUrl) are best effort:
	// they never change the exit code. A dry run of the copy backs nothing
	// up, so it reports nothing. A held lock (above) pings nothing either.
	var notifier *notify.Notifier
	if !job.Options.DryRunCopy {
		notifier = notify.New(cfg.IAB, nil, log)
		notifier.Start(ctx)
	}
	report := func(res backup.Result) {
		if opts.metricsFile != "" {
			if err := metrics.WriteFile(opts.metricsFile, res); err != nil {
				log.Warn("metrics file not written", "err", err)
			}
		}
		if notifier != nil {
			notifier.Finish(ctx, res)
		}
	}

	// 3. Connect and check both servers; 4. run the pipeline.
	res, err := connectAndRun(ctx, log, cfg, credDir, job)
	if err != nil {
		res.Err, res.End = err, env.now()
		report(res)
		return err // usage-class (a project missing): nothing was touched
	}

	// 5. Report: summary, metrics file, notifications.
	if res.Err != nil {
		log.Error("run failed", "err", res.Err)
	}
	if err := backup.WriteSummary(env.stdout, res); err != nil {
		log.Error("writing the summary", "err", err)
	}
	report(res)
	if !res.OK() {
		return errFailed
	}
	return nil
}

// connectAndRun connects to both servers, checks them, and runs the
// pipeline. A source that cannot be used fails the run before anything is
// done (res.Err, exit 1). A target that cannot be used still lets the
// source be snapshotted: its copies fail and nothing is pruned. A project
// missing on a server is returned as a usage error (exit 2), with nothing
// touched.
func connectAndRun(ctx context.Context, log *slog.Logger, cfg *config.Config, credDir string, job backup.Job) (backup.Result, error) {
	res := backup.Result{Start: job.Now, DryRun: job.Options.DryRunCopy || job.Options.DryRunPrune}
	// The client keeps the context it connected with for every later
	// request. An interrupt must not cancel those: after SIGINT/SIGTERM the
	// pipeline still has to start again an instance it stopped and cancel a
	// copy in flight. The pipeline watches ctx itself.
	connCtx := context.WithoutCancel(ctx)
	connect := func(h config.Host) (*remote.Server, error) {
		s, err := remote.Connect(connCtx, credDir, h.Role, h.Name, h.URL)
		if err != nil {
			return nil, err
		}
		if err := s.CheckExtensions(remote.RequiredExtensions...); err != nil {
			s.Close()
			return nil, err
		}
		for _, p := range cfg.Projects {
			if err := checkProject(s, p.Name); err != nil {
				s.Close()
				return nil, err
			}
		}
		log.Debug("connected", "server", s.String())
		return s, nil
	}
	src, err := connect(cfg.Source())
	if err != nil {
		if errors.As(err, new(usageError)) {
			return res, err
		}
		res.Err = err
		res.End = time.Now()
		return res, nil
	}
	defer src.Close()
	res.SourceName = src.String()
	job.Source = src

	dst, err := connect(cfg.Target())
	switch {
	case errors.As(err, new(usageError)):
		return res, err
	case err != nil:
		log.Error("the target cannot be used: snapshotting the source only", "err", err)
		job.TargetErr = err
		job.TargetName = cfg.Target().Name
	default:
		defer dst.Close()
		job.Target = dst
	}
	return backup.Run(ctx, job), nil
}

// checkProject fails with a usage error if the project does not exist on
// the server (or IAB may not use it): the config names something that is
// not there.
func checkProject(s *remote.Server, name string) error {
	_, _, err := s.GetProject(name)
	if err == nil {
		return nil
	}
	if api.StatusErrorCheck(err, http.StatusNotFound, http.StatusForbidden) {
		return newUsageError(fmt.Errorf("config: %w", s.CheckProject(name)))
	}
	return fmt.Errorf("%s: project %q: %w", s, name, err)
}

// resourcesFromConfig lists every configured resource with its policies.
func resourcesFromConfig(cfg *config.Config) []backup.Resource {
	var out []backup.Resource
	for _, p := range cfg.Projects {
		for _, in := range p.Instances {
			r := backup.Resource{
				Project: p.Name, Mode: p.Mode, Kind: backup.KindInstance, Name: in.Name,
				Storage: in.Storage, ExcludeDevices: in.ExcludeDevices,
			}
			r.SourcePolicy, r.SourcePolicyLabel = cfg.Policy(config.RoleSource, p.Name, config.KindInstances, in.Name)
			r.TargetPolicy, r.TargetPolicyLabel = cfg.Policy(config.RoleTarget, p.Name, config.KindInstances, in.Name)
			out = append(out, r)
		}
		for _, v := range p.Volumes {
			r := backup.Resource{
				Project: p.Name, Mode: p.Mode, Kind: backup.KindVolume, Name: v.Name,
				Pool: v.Storage, TargetPool: v.TargetStorage,
			}
			r.SourcePolicy, r.SourcePolicyLabel = cfg.Policy(config.RoleSource, p.Name, config.KindVolumes, v.Name)
			r.TargetPolicy, r.TargetPolicyLabel = cfg.Policy(config.RoleTarget, p.Name, config.KindVolumes, v.Name)
			out = append(out, r)
		}
	}
	return out
}
