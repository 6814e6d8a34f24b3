package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// environment is what main provides and tests replace: output streams, the
// process environment and the clock.
type environment struct {
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time
}

// globalOptions are flags that every command accepts.
type globalOptions struct {
	configPath string
	logLevel   logLevelFlag
	logFormat  logFormatFlag
}

func (o *globalOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.configPath, "config", "", "path of config.json (default $IAB_CONFIG, else ./config.json)")
	o.logLevel = "info"
	fs.Var(&o.logLevel, "log-level", "log level: debug, info, warn or error")
	o.logFormat = "text"
	fs.Var(&o.logFormat, "log-format", "log format: text or json")
}

// configFile returns the config path from --config, $IAB_CONFIG or the default.
func (o *globalOptions) configFile(env *environment) string {
	if o.configPath != "" {
		return o.configPath
	}
	if p := env.getenv("IAB_CONFIG"); p != "" {
		return p
	}
	return "config.json"
}

// execute runs the command line args and returns the process exit code.
func execute(ctx context.Context, env *environment, args []string) int {
	root := newRootCommand(env)
	root.SetArgs(args)
	root.SetOut(env.stdout)
	root.SetErr(env.stderr)
	err := root.ExecuteContext(ctx)
	if err != nil && isCobraUsageError(err) {
		err = newUsageError(err)
	}
	reportError(env.stderr, err)
	return exitCode(err)
}

// isCobraUsageError tells flag and argument errors from cobra apart from
// errors returned by our own RunE functions (which are never plain).
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "invalid argument", "flag needs an argument", "accepts ", "requires ", "bad flag syntax", "if any flags in the group"} {
		if strings.HasPrefix(msg, prefix) || strings.Contains(msg, " "+prefix) {
			return true
		}
	}
	return false
}

func newRootCommand(env *environment) *cobra.Command {
	gopts := &globalOptions{}
	runOpts := &runOptions{}

	root := &cobra.Command{
		Use:   "iab",
		Short: "Incus Autobackup: snapshot, replicate and prune Incus instances and volumes",
		Long: `IAB backs up one Incus server (the source) to another (the target).
Each run snapshots the configured instances and custom volumes on the source
(IAB_YYYYMMDD-HHMMSS, UTC), copies them to the target as incremental refresh
copies, and prunes only IAB's own snapshots on both servers by the retention
policy. A bare "iab" is the same as "iab run".

Flags are also accepted in their historical camelCase spelling
(--dryRun, --sourceURL, --iabCredDir, --iOSfix, ...).

` + exitCodesHelp,
		Example: `  iab onboard --source-url https://src:8443 --source-token TOKEN \
              --target-url https://dst:8443 --target-token TOKEN
  iab run --dry-run
  iab`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRun(cmd.Context(), env, gopts, runOpts)
		},
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return newUsageError(err) })
	root.SetGlobalNormalizationFunc(normalizeFlagName)
	gopts.addFlags(root.PersistentFlags())
	// A bare "iab" is "iab run", so the root takes run's flags too.
	runOpts.addFlags(root.Flags())

	root.AddCommand(
		newRunCommand(env, gopts, runOpts),
		newOnboardCommand(env, gopts),
		newVersionCommand(env),
		newStatusCommand(env, gopts),
		newCheckCommand(env, gopts),
		newManCommand(env),
		newCompletionCommand(),
	)
	return root
}

// camelCaseFlags maps the historical camelCase flag spellings to the
// kebab-case names the commands define.
var camelCaseFlags = map[string]string{
	"dryRun":      "dry-run",
	"dryRunCopy":  "dry-run-copy",
	"dryRunPrune": "dry-run-prune",
	"iOSfix":      "ios-fix",
	"sourceURL":   "source-url",
	"sourceToken": "source-token",
	"targetURL":   "target-url",
	"targetToken": "target-token",
	"iabCredDir":  "iab-cred-dir",
	"outConfig":   "out-config",
	"logLevel":    "log-level",
	"logFormat":   "log-format",
	"metricsFile": "metrics-file",
	"maxAge":      "max-age",
}

func normalizeFlagName(_ *pflag.FlagSet, name string) pflag.NormalizedName {
	if kebab, ok := camelCaseFlags[name]; ok {
		return pflag.NormalizedName(kebab)
	}
	return pflag.NormalizedName(name)
}

// logLevelFlag is a pflag.Value so a bad level fails at parse time.
type logLevelFlag string

func (f *logLevelFlag) String() string { return string(*f) }
func (f *logLevelFlag) Type() string   { return "level" }
func (f *logLevelFlag) Set(s string) error {
	switch s {
	case "debug", "info", "warn", "error":
		*f = logLevelFlag(s)
		return nil
	}
	return fmt.Errorf("%q is not a log level (want debug, info, warn or error)", s)
}

// logFormatFlag is a pflag.Value so a bad format fails at parse time.
type logFormatFlag string

func (f *logFormatFlag) String() string { return string(*f) }
func (f *logFormatFlag) Type() string   { return "format" }
func (f *logFormatFlag) Set(s string) error {
	switch s {
	case "text", "json":
		*f = logFormatFlag(s)
		return nil
	}
	return fmt.Errorf("%q is not a log format (want text or json)", s)
}
