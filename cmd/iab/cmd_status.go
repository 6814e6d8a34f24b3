package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/remote"
	"github.com/iab-project/iab/internal/status"
)

// statusOptions are the flags of "iab status".
type statusOptions struct {
	maxAge  maxAgeFlag
	json    bool
	credDir string
}

func (o *statusOptions) addFlags(fs *pflag.FlagSet) {
	fs.Var(&o.maxAge, "max-age", "exit 1 if any resource's newest snapshot on the target is older than this (e.g. 26h, 90m, 2d) or missing")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.StringVar(&o.credDir, "iab-cred-dir", "", "credential directory (default: iab.iabCredDir from the config, else $XDG_CONFIG_HOME/incusAutobackup or ~/.config/incusAutobackup)")
}

// maxAgeFlag is a pflag.Value so a bad duration fails at parse time.
type maxAgeFlag time.Duration

func (f *maxAgeFlag) String() string {
	if *f == 0 {
		return ""
	}
	return status.FormatAge(time.Duration(*f))
}
func (f *maxAgeFlag) Type() string { return "duration" }
func (f *maxAgeFlag) Set(s string) error {
	d, err := status.ParseMaxAge(s)
	if err != nil {
		return err
	}
	*f = maxAgeFlag(d)
	return nil
}

func newStatusCommand(env *environment, gopts *globalOptions) *cobra.Command {
	opts := &statusOptions{}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show how current the backups are (read-only)",
		Long: `Status lists, for every configured instance and custom volume, the newest
IAB snapshot on the source and on the target, its age, how many IAB
snapshots each side holds, and whether the target is current (holds the
source's newest IAB snapshot). It sends one request per resource and
server and changes nothing.

With --max-age it is a check for cron or monitoring: it exits 1, naming
them, if any resource's newest snapshot on the target is older than the
given age or missing.

Exit status: 0 all listed (and, with --max-age, all recent enough);
1 a resource is stale or a server could not be asked; 2 the config or a
flag is invalid.`,
		Example: `  iab status
  iab status --max-age 26h
  iab status --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runStatus(cmd.Context(), env, gopts, opts)
		},
	}
	opts.addFlags(cmd.Flags())
	return cmd
}

func runStatus(ctx context.Context, env *environment, gopts *globalOptions, opts *statusOptions) error {
	log := newLogger(env, gopts)
	cfg, credDir, err := loadConfig(env, gopts, opts.credDir)
	if err != nil {
		return err
	}

	// A server that cannot be reached makes its column an error (the full
	// error is logged once); the other side is still reported.
	var names [2]string
	var servers [2]*remote.Server
	var connErr [2]error
	for i, h := range []config.Host{cfg.Source(), cfg.Target()} {
		names[i] = fmt.Sprintf("%s %q (%s)", h.Role, h.Name, h.URL)
		s, err := remote.Connect(ctx, credDir, h.Role, h.Name, h.URL)
		if err != nil {
			log.Error("cannot connect", "err", err)
			connErr[i] = fmt.Errorf("%s not connected", h.Role)
			continue
		}
		defer s.Close()
		servers[i], names[i] = s, s.String()
	}
	list := func(i int, r status.Resource, pool string) status.Listing {
		if servers[i] == nil {
			return status.Listing{Err: connErr[i]}
		}
		// The embedded client's UseProject: listing needs no event listener.
		return status.List(servers[i].InstanceServer.UseProject(r.Project), r, pool)
	}

	var in []status.Input
	for _, r := range statusResources(cfg) {
		targetPool := r.Pool
		if r.TargetPool != "" {
			targetPool = r.TargetPool
		}
		in = append(in, status.Input{
			Resource: r,
			Source:   list(0, r, r.Pool),
			Target:   list(1, r, targetPool),
		})
	}
	rep := status.Build(env.now(), time.Duration(opts.maxAge), in)
	rep.Source, rep.Target = names[0], names[1]

	if opts.json {
		err = rep.WriteJSON(env.stdout)
	} else {
		err = rep.WriteText(env.stdout)
	}
	if err != nil {
		return err
	}
	if !rep.OK {
		return errFailed
	}
	return nil
}

// statusResources lists the configured resources in config order.
func statusResources(cfg *config.Config) []status.Resource {
	var out []status.Resource
	for _, p := range cfg.Projects {
		for _, in := range p.Instances {
			out = append(out, status.Resource{Project: p.Name, Kind: status.KindInstance, Name: in.Name})
		}
		for _, v := range p.Volumes {
			out = append(out, status.Resource{Project: p.Name, Kind: status.KindVolume, Name: v.Name, Pool: v.Storage, TargetPool: v.TargetStorage})
		}
	}
	return out
}
