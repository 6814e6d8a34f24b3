package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/creds"
)

// loadConfig loads the config named by --config or $IAB_CONFIG (default
// ./config.json) and works out the credential directory: credDirFlag if
// set, else iab.iabCredDir, else the default. Every failure is a usage
// error (exit 2): nothing has touched a server yet.
func loadConfig(env *environment, gopts *globalOptions, credDirFlag string) (*config.Config, string, error) {
	path := gopts.configFile(env)
	cfg, err := config.Load(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, "", usageErrorf("no config file %s (give --config PATH or set IAB_CONFIG; iab onboard writes a first one)", path)
	case err != nil:
		return nil, "", newUsageError(fmt.Errorf("invalid config:\n%w", err))
	}
	credDir := credDirFlag
	if credDir == "" {
		credDir = cfg.IAB.CredDir
	}
	if credDir == "" {
		if credDir, err = creds.DefaultDir(env.getenv); err != nil {
			return nil, "", newUsageError(err)
		}
	}
	return cfg, credDir, nil
}
