package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/iab-project/iab/internal/config"
)

// onboardLab runs the real `iab onboard` against both lab servers with fresh
// trust tokens (named "iab-<hex>"; the certificates are removed from the
// servers when the test ends), a temporary credential directory and a
// temporary work directory, and returns the work directory. It holds
// config.json (hosts "…-source"/"…-target" or the servers' names, no
// projects, empty retention) ready for the caller to fill in with
// loadOnboardedConfig/saveOnboardedConfig; run iab there with
// runIAB(t, workDir, nil, "run", ...) and it finds config.json by default.
func onboardLab(t *testing.T, lab *Lab) (workDir string) {
	t.Helper()
	workDir, credDir := onboardDirs(t)
	res := onboardLabInto(t, lab, workDir, credDir)
	if res.Code != 0 {
		t.Fatalf("iab onboard against the lab failed (exit %d)\nstdout:\n%s\nstderr:\n%s", res.Code, res.Stdout, res.Stderr)
	}
	return workDir
}

// onboardDirs returns a fresh work directory and the (not yet existing)
// credential directory onboardLab uses.
func onboardDirs(t *testing.T) (workDir, credDir string) {
	t.Helper()
	base := t.TempDir()
	workDir = filepath.Join(base, "work")
	if err := os.Mkdir(workDir, 0o755); err != nil {
		t.Fatal(err)
	}
	return workDir, filepath.Join(base, "creds")
}

// onboardLabInto runs `iab onboard` with fresh tokens for both lab servers,
// writing config.json into workDir and credentials into credDir, plus any
// extra arguments, and returns what the binary did.
func onboardLabInto(t *testing.T, lab *Lab, workDir, credDir string, extra ...string) iabResult {
	t.Helper()
	name := "iab-" + randomSuffix(t, 8)
	args := []string{
		"onboard",
		"--source-url", lab.Source.URL, "--source-token", lab.Source.TrustToken(t, name),
		"--target-url", lab.Target.URL, "--target-token", lab.Target.TrustToken(t, name),
		"--iab-cred-dir", credDir,
	}
	return runIAB(t, workDir, nil, append(args, extra...)...)
}

// loadOnboardedConfig reads workDir/config.json without validating it (an
// onboarded config has no projects yet).
func loadOnboardedConfig(t *testing.T, workDir string) *config.Config {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(workDir, "config.json"))
	if err != nil {
		t.Fatalf("read config.json: %v", err)
	}
	var c config.Config
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("decode %s/config.json: %v", workDir, err)
	}
	return &c
}

// saveOnboardedConfig writes c to workDir/config.json.
func saveOnboardedConfig(t *testing.T, workDir string, c *config.Config) {
	t.Helper()
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		t.Fatalf("encode config: %v", err)
	}
	if err := os.WriteFile(filepath.Join(workDir, "config.json"), append(data, '\n'), 0o600); err != nil {
		t.Fatalf("write config.json: %v", err)
	}
}
