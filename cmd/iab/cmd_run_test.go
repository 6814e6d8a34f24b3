package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/iab-project/iab/internal/backup"
	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/lock"
)

func runTestEnv() (*environment, *bytes.Buffer, *bytes.Buffer) {
	var stdout, stderr bytes.Buffer
	return &environment{
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(string) string { return "" },
		now:    func() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) },
	}, &stdout, &stderr
}

// writeRunConfig writes a valid config whose servers do not exist, with
// its credential directory in dir.
func writeRunConfig(t *testing.T, dir string) string {
	t.Helper()
	cfg := `{
  "iab": {"iabCredDir": "` + filepath.Join(dir, "creds") + `"},
  "hosts": [
    {"name": "src", "url": "https://127.0.0.1:1", "role": "source"},
    {"name": "dst", "url": "https://127.0.0.1:2", "role": "target"}
  ],
  "projects": [{"name": "p", "instances": [{"name": "c1", "storage": "default"}]}],
  "retention": {"hosts": {"source": {"default": "6,1d1w"}}}
}`
	path := filepath.Join(dir, "config.json")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunBadConfigExit2(t *testing.T) {
	dir := t.TempDir()
	env, _, stderr := runTestEnv()
	if code := execute(context.Background(), env, []string{"run", "--config", filepath.Join(dir, "nope.json")}); code != exitUsage {
		t.Errorf("missing config: exit %d, want %d; stderr %s", code, exitUsage, stderr)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"hosts": [], "bogus": 1}`), 0o600)
	env, _, stderr = runTestEnv()
	if code := execute(context.Background(), env, []string{"--config", bad}); code != exitUsage {
		t.Errorf("invalid config: exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr.String(), "bogus") {
		t.Errorf("stderr does not name the unknown field: %s", stderr)
	}
}

func TestRunLockHeldExit1(t *testing.T) {
	dir := t.TempDir()
	path := writeRunConfig(t, dir)
	lockPath := filepath.Join(dir, "creds", lockFile)
	lk, err := lock.Acquire(lockPath)
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Release()
	env, stdout, stderr := runTestEnv()
	if code := execute(context.Background(), env, []string{"run", "--config", path}); code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	want := "another iab run holds the lock " + lockPath + " (pid " + strconv.Itoa(os.Getpid()) + ")"
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q does not contain %q", stderr, want)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q, want nothing", stdout)
	}
}

func TestRunSourceUnusableExit1(t *testing.T) {
	dir := t.TempDir()
	path := writeRunConfig(t, dir)
	env, stdout, _ := runTestEnv()
	if code := execute(context.Background(), env, []string{"run", "--config", path}); code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	if !strings.Contains(stdout.String(), "FAILED") || !strings.Contains(stdout.String(), "error: source") {
		t.Errorf("summary does not report the source failure:\n%s", stdout)
	}
}

func TestResourcesFromConfig(t *testing.T) {
	data, err := os.ReadFile(writeRunConfig(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse([]byte(strings.Replace(string(data),
		`"instances": [{"name": "c1", "storage": "default"}]`,
		`"mode": "pull", "instances": [{"name": "c1", "storage": "fast", "excludeDevices": ["eth0"]}],
		 "volumes": [{"name": "v1", "storage": "default", "targetStorage": "fast"}]`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	rs := resourcesFromConfig(cfg)
	if len(rs) != 2 {
		t.Fatalf("resources %+v", rs)
	}
	in, vol := rs[0], rs[1]
	if in.Kind != backup.KindInstance || in.Project != "p" || in.Name != "c1" || in.Mode != "pull" ||
		in.Storage != "fast" || len(in.ExcludeDevices) != 1 || in.SourcePolicy.String() != "6,1d1w" ||
		!in.TargetPolicy.IsEmpty() || in.SourcePolicyLabel == "" {
		t.Errorf("instance resource %+v", in)
	}
	if vol.Kind != backup.KindVolume || vol.Pool != "default" || vol.TargetPool != "fast" || vol.Name != "v1" {
		t.Errorf("volume resource %+v", vol)
	}
}
