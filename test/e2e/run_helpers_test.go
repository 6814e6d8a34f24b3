package e2e

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/retention"
)

// runEnv is an onboarded work directory and the project a run test owns.
type runEnv struct {
	lab     *Lab
	project string
	workDir string
}

// newRunEnv creates a project on both servers and onboards IAB for it.
func newRunEnv(t *testing.T) *runEnv {
	t.Helper()
	lab := RequireLab(t)
	return &runEnv{lab: lab, project: NewProject(t, lab), workDir: onboardLab(t, lab)}
}

// configure writes config.json with one project (this test's) holding the
// given resources, no retention and stopInstance false; mutate may change
// anything before it is saved.
func (e *runEnv) configure(t *testing.T, mode string, instances []config.Instance, volumes []config.Volume, mutate func(*config.Config)) {
	t.Helper()
	c := loadOnboardedConfig(t, e.workDir)
	c.Projects = []config.Project{{Name: e.project, Mode: mode, Instances: instances, Volumes: volumes}}
	c.Retention = config.Retention{}
	c.IAB.StopInstance = false
	if mutate != nil {
		mutate(c)
	}
	saveOnboardedConfig(t, e.workDir, c)
}

// run runs iab in the work directory. It first waits for the next wall-clock
// second, so that two runs of a test never want the same snapshot name.
func (e *runEnv) run(t *testing.T, args ...string) iabResult {
	t.Helper()
	now := time.Now()
	time.Sleep(now.Truncate(time.Second).Add(time.Second).Sub(now) + 20*time.Millisecond)
	return runIAB(t, e.workDir, nil, args...)
}

// mustRun runs iab and fails the test unless it exits with want.
func (e *runEnv) mustRun(t *testing.T, want int, args ...string) iabResult {
	t.Helper()
	res := e.run(t, args...)
	if res.Code != want {
		t.Fatalf("iab %v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, res.Code, want, res.Stdout, res.Stderr)
	}
	return res
}

// iabSnapshots returns the IAB snapshot names (IAB_YYYYMMDD-HHMMSS) among
// names, sorted (oldest first).
func iabSnapshots(names []string) []string {
	var out []string
	for _, n := range names {
		if _, ok := retention.ParseSnapshotName(n); ok {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// snapshotState lists every snapshot of the given resources on both
// servers: "role kind name" -> sorted names. Instances are named by name,
// volumes by "pool/volume".
func snapshotState(t *testing.T, lab *Lab, project string, instances, volumes []string) map[string][]string {
	t.Helper()
	state := map[string][]string{}
	for _, s := range lab.Servers() {
		for _, n := range instances {
			state[s.Role+" instance "+n] = s.SnapshotNames(t, project, KindInstance, n)
		}
		for _, v := range volumes {
			state[s.Role+" volume "+v] = s.SnapshotNames(t, project, KindVolume, v)
		}
	}
	return state
}

// assertSameState fails if two snapshot states differ.
func assertSameState(t *testing.T, what string, before, after map[string][]string) {
	t.Helper()
	for _, k := range slices.Sorted(maps.Keys(before)) {
		if !slices.Equal(before[k], after[k]) {
			t.Errorf("%s changed %s: before %v, after %v", what, k, before[k], after[k])
		}
	}
}

// assertSnapshots fails unless got equals want (both as sets).
func assertSnapshots(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("%s: snapshots %v, want %v", what, g, w)
	}
}

// assertBackupCopySafe fails unless the target instance is stopped and
// cannot start by itself.
func assertBackupCopySafe(t *testing.T, lab *Lab, project, name string) {
	t.Helper()
	inst := lab.Target.Instance(t, project, name)
	if inst == nil {
		t.Fatalf("target: instance %s/%s missing", project, name)
	}
	if inst.StatusCode != api.Stopped {
		t.Errorf("target copy %s is %s, want Stopped", name, inst.Status)
	}
	if v := inst.Config["boot.autostart"]; v != "false" {
		t.Errorf("target copy %s: boot.autostart=%q, want \"false\"", name, v)
	}
	if v, ok := inst.Config["volatile.last_state.power"]; ok {
		t.Errorf("target copy %s: volatile.last_state.power=%q, want unset", name, v)
	}
}

// seedIAB creates IAB snapshots named for the given times (and any other
// names) on a source instance (kind KindInstance, name) or volume
// (KindVolume, "pool/volume").
func seedSnapshots(t *testing.T, s *LabServer, project, kind, name string, snaps ...string) {
	t.Helper()
	for _, snap := range snaps {
		if kind == KindInstance {
			s.SnapshotInstance(t, project, name, snap)
		} else {
			pool, vol, _ := strings.Cut(name, "/")
			s.SnapshotVolume(t, project, pool, vol, snap)
		}
	}
}

// iabName is the IAB snapshot name for t (as retention.SnapshotName).
func iabName(t time.Time) string {
	return "IAB_" + t.UTC().Format("20060102-150405")
}

// mustContain fails unless s contains every sub.
func mustContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s does not contain %q:\n%s", what, sub, s)
		}
	}
}

func fmtList(names []string) string { return fmt.Sprint(names) }
