package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/iab-project/iab/internal/config"
)

// TestCompatRunPrune seeds IAB snapshots at chosen past times plus non-IAB
// ones, and checks after each run that both servers hold exactly the
// expected sets; that the newest common snapshot survives a policy that
// would drop it while the copy cannot refresh (a running target copy,
// which is also a clear error and leaves the target untouched); and that
// non-IAB snapshots are never touched.
func TestCompatRunPrune(t *testing.T) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	now := time.Now()
	old := iabName(now.Add(-40 * 24 * time.Hour))
	d2 := iabName(now.Add(-2 * 24 * time.Hour))
	d1 := iabName(now.Add(-1 * 24 * time.Hour))

	src.CreateContainer(t, p, "c1", false)
	src.CreateVolume(t, p, PoolFast, "v1")
	seedSnapshots(t, src, p, KindInstance, "c1", old)
	seedSnapshots(t, src, p, KindVolume, PoolFast+"/v1", old)
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}},
		[]config.Volume{{Name: "v1", Storage: PoolFast}}, nil)

	// Run 1, no policy: everything is copied, nothing pruned.
	e.mustRun(t, 0, "run")
	s1 := iabSnapshots(src.SnapshotNames(t, p, KindInstance, "c1"))
	if len(s1) != 2 || s1[0] != old {
		t.Fatalf("source c1 after run 1: %v, want %s and this run's", s1, old)
	}
	run1 := s1[1]
	assertSnapshots(t, "target c1 after run 1", dst.SnapshotNames(t, p, KindInstance, "c1"), []string{old, run1})

	// Make `old` the newest common snapshot: drop run 1's everywhere (as
	// an admin), then seed newer ones and non-IAB ones on the source.
	for _, s := range e.lab.Servers() {
		c := s.Admin(t).UseProject(p)
		if err := wait(c.DeleteInstanceSnapshot("c1", run1)); err != nil {
			t.Fatal(err)
		}
		if err := wait(c.DeleteStoragePoolVolumeSnapshot(PoolFast, "custom", "v1", run1)); err != nil {
			t.Fatal(err)
		}
	}
	manual := []string{"manual-before-upgrade", "IAB_not-a-date", "iab_20200101-000000"}
	seedSnapshots(t, src, p, KindInstance, "c1", append([]string{d2, d1}, manual...)...)
	seedSnapshots(t, src, p, KindVolume, PoolFast+"/v1", append([]string{d2, d1}, manual...)...)

	// Keep the newest 3 and one a day for a week: `old` is out by policy.
	policy := func(c *config.Config) {
		c.Retention.Hosts = map[string]config.RoleRetention{
			config.RoleSource: {Default: "3,1d1w"},
			config.RoleTarget: {Default: "1d1w"},
		}
	}
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}},
		[]config.Volume{{Name: "v1", Storage: PoolFast}}, policy)

	// Run 2 with the instance's target copy running: its copy fails
	// clearly, so `old` stays the newest common and survives the policy on
	// the source, and the target instance is not pruned. The volume
	// copies fine and is pruned on both sides.
	dst.SetInstanceState(t, p, "c1", "start")
	r2 := e.mustRun(t, 1, "run")
	mustContain(t, "run 2 output", r2.Stdout+r2.Stderr, "the backup copy is running", "FAILED")
	srcInst := src.SnapshotNames(t, p, KindInstance, "c1")
	run2 := newest(iabSnapshots(srcInst))
	if run2 == d1 {
		t.Fatalf("run 2 made no snapshot: %v", srcInst)
	}
	assertSnapshots(t, "source c1 after run 2", srcInst, append([]string{old, d2, d1, run2}, manual...))
	assertSnapshots(t, "target c1 after run 2 (copy failed: untouched)", dst.SnapshotNames(t, p, KindInstance, "c1"), []string{old})
	if inst := dst.Instance(t, p, "c1"); inst.Status != "Running" {
		t.Errorf("target c1 is %s, want still Running: IAB must not touch a running copy", inst.Status)
	}
	// Volume: copied, then `old` (no longer the newest common) pruned on
	// both; the target never has what the source does not.
	wantV := append([]string{d2, d1, run2}, manual...)
	assertSnapshots(t, "source v1 after run 2", src.SnapshotNames(t, p, KindVolume, PoolFast+"/v1"), wantV)
	assertSnapshots(t, "target v1 after run 2", dst.SnapshotNames(t, p, KindVolume, PoolFast+"/v1"), wantV)

	// Run 3 with the target copy stopped: refresh, then `old` goes on both.
	dst.SetInstanceState(t, p, "c1", "stop")
	e.mustRun(t, 0, "run")
	srcInst = src.SnapshotNames(t, p, KindInstance, "c1")
	run3 := newest(iabSnapshots(srcInst))
	want := append([]string{d2, d1, run2, run3}, manual...)
	assertSnapshots(t, "source c1 after run 3", srcInst, want)
	assertSnapshots(t, "target c1 after run 3", dst.SnapshotNames(t, p, KindInstance, "c1"), want)
	assertBackupCopySafe(t, e.lab, p, "c1")
}

func newest(iab []string) string {
	if len(iab) == 0 {
		return ""
	}
	return iab[len(iab)-1]
}

// TestRunDryRun checks that --dry-run changes nothing on either server
// (full snapshot lists compared) and prints what would be snapshotted and
// copied and the keep/remove plan with reasons; then that --dryRunPrune
// snapshots and copies but deletes nothing.
func TestRunDryRun(t *testing.T) {
	e := newRunEnv(t)
	src, p := e.lab.Source, e.project
	now := time.Now()
	old := iabName(now.Add(-40 * 24 * time.Hour))
	src.CreateContainer(t, p, "c1", true)
	src.CreateVolume(t, p, PoolDefault, "v1")
	seedSnapshots(t, src, p, KindInstance, "c1", old, "manual")
	seedSnapshots(t, src, p, KindVolume, PoolDefault+"/v1", old, "manual")
	insts, vols := []string{"c1"}, []string{PoolDefault + "/v1"}
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}},
		[]config.Volume{{Name: "v1", Storage: PoolDefault}}, nil)
	e.mustRun(t, 0, "run") // target copies exist from here on

	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}},
		[]config.Volume{{Name: "v1", Storage: PoolDefault}}, func(c *config.Config) {
			c.Retention.Hosts = map[string]config.RoleRetention{config.RoleSource: {Default: "1d1w"}}
		})
	before := snapshotState(t, e.lab, p, insts, vols)
	r := e.mustRun(t, 0, "run", "--dry-run")
	assertSameState(t, "--dry-run", before, snapshotState(t, e.lab, p, insts, vols))
	mustContain(t, "--dry-run stdout", r.Stdout,
		"would snapshot instance "+p+"/c1 as IAB_",
		"would snapshot volume "+p+"/default/v1 as IAB_",
		"would copy instance "+p+"/c1", "(refresh, mode push)",
		"would copy volume "+p+"/default/v1",
		"NAME", "ACTION", "REASONS",
		"OK (dry run)")
	// The old snapshot would go on both sides; the manual one is kept.
	for _, line := range strings.Split(r.Stdout, "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && f[0] == old && f[2] != "remove" {
			t.Errorf("plan line for %s: %q, want remove", old, line)
		}
		if len(f) >= 3 && f[0] == "manual" && (f[2] != "keep" || !strings.Contains(line, "not IAB's")) {
			t.Errorf("plan line for manual: %q, want keep (not IAB's)", line)
		}
	}

	// camelCase --dryRunPrune: snapshot and copy happen, deletions don't.
	r = e.mustRun(t, 0, "run", "--dryRunPrune")
	after := snapshotState(t, e.lab, p, insts, vols)
	for k, names := range after {
		if !contains(names, old) || !contains(names, "manual") {
			t.Errorf("--dryRunPrune deleted something from %s: %v", k, names)
		}
		if len(iabSnapshots(names)) != len(iabSnapshots(before[k]))+1 {
			t.Errorf("--dryRunPrune: %s has %v, want one IAB snapshot more than %v", k, names, before[k])
		}
	}
	mustContain(t, "--dryRunPrune stdout", r.Stdout, "remove", "dry-run")

	// camelCase --dryRunCopy: no snapshot, no copy, but the prune is real:
	// `old` goes on both sides, the manual snapshot stays.
	r = e.mustRun(t, 0, "run", "--dryRunCopy")
	mustContain(t, "--dryRunCopy stdout", r.Stdout, "would snapshot", "would copy")
	final := snapshotState(t, e.lab, p, insts, vols)
	for k, names := range final {
		if contains(names, old) || !contains(names, "manual") {
			t.Errorf("--dryRunCopy: %s has %v, want %s pruned and manual kept", k, names, old)
		}
		if got, was := newest(iabSnapshots(names)), newest(iabSnapshots(after[k])); got != was {
			t.Errorf("--dryRunCopy: %s newest IAB snapshot %s, want %s (no new snapshot)", k, got, was)
		}
	}
}

func contains(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}
