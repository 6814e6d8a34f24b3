package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/lock"
)

// TestRunBadConfig: configs with an unknown field, two sources, a bad
// policy, an unknown mode or a project missing on the servers exit 2 and
// change nothing on either server.
func TestRunBadConfig(t *testing.T) {
	e := newRunEnv(t)
	src, p := e.lab.Source, e.project
	src.CreateContainer(t, p, "c1", false)
	src.CreateVolume(t, p, PoolDefault, "v1")
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}},
		[]config.Volume{{Name: "v1", Storage: PoolDefault}}, func(c *config.Config) {
			c.Retention.Hosts = map[string]config.RoleRetention{config.RoleSource: {Default: "1d1w"}}
		})
	e.mustRun(t, 0, "run")
	good, err := os.ReadFile(filepath.Join(e.workDir, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	insts, vols := []string{"c1"}, []string{PoolDefault + "/v1"}

	cases := []struct {
		name   string
		edit   func(m map[string]any)
		expect string
	}{
		{"unknown field", func(m map[string]any) { m["retentoin"] = map[string]any{} }, "retentoin"},
		{"two sources", func(m map[string]any) {
			hosts := m["hosts"].([]any)
			hosts[1].(map[string]any)["role"] = "source"
		}, "source"},
		{"bad policy", func(m map[string]any) {
			m["retention"].(map[string]any)["hosts"].(map[string]any)["source"].(map[string]any)["default"] = "1d1x"
		}, "1d1x"},
		{"unknown mode", func(m map[string]any) {
			m["projects"].([]any)[0].(map[string]any)["mode"] = "teleport"
		}, "teleport"},
		{"missing project", func(m map[string]any) {
			projects := m["projects"].([]any)
			m["projects"] = append(projects, map[string]any{
				"name": "nosuchproject", "instances": []any{map[string]any{"name": "x", "storage": PoolDefault}},
			})
		}, "nosuchproject"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(good, &m); err != nil {
				t.Fatal(err)
			}
			tc.edit(m)
			data, _ := json.MarshalIndent(m, "", "  ")
			if err := os.WriteFile(filepath.Join(e.workDir, "config.json"), data, 0o600); err != nil {
				t.Fatal(err)
			}
			before := snapshotState(t, e.lab, p, insts, vols)
			r := e.run(t, "run")
			if r.Code != 2 {
				t.Errorf("exit %d, want 2\nstderr:\n%s", r.Code, r.Stderr)
			}
			mustContain(t, "stderr", r.Stderr, tc.expect)
			assertSameState(t, tc.name, before, snapshotState(t, e.lab, p, insts, vols))
		})
	}
}

// TestRunLockHeld: while another process holds the run lock, a run exits 1
// with a message naming the lock file and the holder's pid, and changes
// nothing.
func TestRunLockHeld(t *testing.T) {
	e := newRunEnv(t)
	src, p := e.lab.Source, e.project
	src.CreateContainer(t, p, "c1", false)
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}}, nil, nil)
	credDir := loadOnboardedConfig(t, e.workDir).IAB.CredDir
	if credDir == "" {
		t.Fatal("onboarded config has no iabCredDir")
	}
	path := filepath.Join(credDir, "iab.lock")
	lk, err := lock.Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	r := e.run(t, "run")
	lk.Release()
	if r.Code != 1 {
		t.Errorf("exit %d while the lock is held, want 1", r.Code)
	}
	mustContain(t, "stderr", r.Stderr, "another iab run holds the lock "+path+" (pid "+strconv.Itoa(os.Getpid())+")")
	if got := src.SnapshotNames(t, p, KindInstance, "c1"); len(got) != 0 {
		t.Errorf("a run that could not take the lock made snapshots: %v", got)
	}
	e.mustRun(t, 0, "run") // released: runs again
}
