package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/iab-project/iab/internal/check"
	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/remote"
)

// checkOptions are the flags of "iab check".
type checkOptions struct {
	iOSFix  bool
	credDir string
}

func (o *checkOptions) addFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.iOSFix, "ios-fix", true, "show retention as a run with this --ios-fix would apply it")
	fs.StringVar(&o.credDir, "iab-cred-dir", "", "credential directory (default: iab.iabCredDir from the config, else $XDG_CONFIG_HOME/incusAutobackup or ~/.config/incusAutobackup)")
}

func newCheckCommand(env *environment, gopts *globalOptions) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the config and both servers without changing anything",
		Long: `Check is a read-only preflight. It loads and validates config.json,
connects to both servers with the pinned certificates, checks their API
extensions, and checks that every configured project, instance, custom
volume, storage pool and profile exists where a run needs it. On the
source: the projects, the instances, the custom volumes and their pools. On
the target: the projects, the storage pool of each instance ("storage",
else the pool of the source instance's root disk) and of each volume
("targetStorage", else "storage"), and every profile a source instance
uses (a refresh copy fails without it).

It prints the retention policy each resource gets on each side and where
it comes from, then every problem found, each naming the server and the
object. Nothing is changed on any server.

Exit status: 0 no problems, 1 problems found (or a server unreachable),
2 the config is invalid.`,
		Example: `  iab check
  iab check --config /etc/iab/config.json
  iab check --ios-fix=false`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd.Context(), env, gopts, opts)
		},
	}
	opts.addFlags(cmd.Flags())
	return cmd
}

func runCheck(ctx context.Context, env *environment, gopts *globalOptions, opts *checkOptions) error {
	cfg, credDir, err := loadConfig(env, gopts, opts.credDir)
	if err != nil {
		return err
	}

	var servers []*remote.Server
	defer func() {
		for _, s := range servers {
			s.Close()
		}
	}()
	connect := func(ctx context.Context, h config.Host) (check.Server, error) {
		s, err := remote.Connect(ctx, credDir, h.Role, h.Name, h.URL)
		if err != nil {
			return nil, err
		}
		servers = append(servers, s)
		return check.FromRemote(s), nil
	}

	rep := check.Run(ctx, cfg, cfg, connect, check.Options{
		Extensions: remote.RequiredExtensions,
		IOSFix:     opts.iOSFix,
	})
	for _, w := range cfg.Warnings() {
		rep.Warnings = append(rep.Warnings, check.Problem{Where: "config " + gopts.configFile(env), What: w.String()})
	}
	fmt.Fprintf(env.stdout, "Config: %s (valid)\nCredentials: %s\n\n", gopts.configFile(env), credDir)
	if err := rep.Write(env.stdout); err != nil {
		return err
	}
	if !rep.OK() {
		return errFailed
	}
	return nil
}
