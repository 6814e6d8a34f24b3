package e2e

import (
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/config"
)

// Fault tests stop or kill the lab's target daemon and start it again
// before they end. Never run them against a lab other people use at the
// same time (see test/lab/lab for a private one).

// TestRunTargetDown: with the target daemon stopped, a run snapshots the
// source, fails (exit 1) and prunes nothing on either side; once the
// target is back, the next run completes.
func TestRunTargetDown(t *testing.T) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	old := iabName(time.Now().Add(-40 * 24 * time.Hour))
	src.CreateContainer(t, p, "c1", false)
	src.CreateVolume(t, p, PoolDefault, "v1")
	seedSnapshots(t, src, p, KindInstance, "c1", old)
	instances := []config.Instance{{Name: "c1", Storage: PoolDefault}}
	volumes := []config.Volume{{Name: "v1", Storage: PoolDefault}}
	e.configure(t, config.ModePush, instances, volumes, nil)
	e.mustRun(t, 0, "run")
	run1 := newest(iabSnapshots(src.SnapshotNames(t, p, KindInstance, "c1")))

	// From now on `old` would be pruned by policy.
	e.configure(t, config.ModePush, instances, volumes, func(c *config.Config) {
		c.Retention.Hosts = map[string]config.RoleRetention{config.RoleSource: {Default: "1d1w"}}
	})
	dst.StopDaemon(t)
	r := e.mustRun(t, 1, "run")
	mustContain(t, "output", r.Stdout, "FAILED")
	mustContain(t, "log", r.Stderr, "the target cannot be used")
	srcNames := src.SnapshotNames(t, p, KindInstance, "c1")
	run2 := newest(iabSnapshots(srcNames))
	if run2 == run1 {
		t.Fatalf("source c1 got no snapshot while the target was down: %v", srcNames)
	}
	assertSnapshots(t, "source c1 (target down: nothing pruned)", srcNames, []string{old, run1, run2})
	if got := iabSnapshots(src.SnapshotNames(t, p, KindVolume, PoolDefault+"/v1")); len(got) != 2 {
		t.Errorf("source v1 IAB snapshots %v, want 2", got)
	}

	dst.StartDaemon(t)
	assertSnapshots(t, "target c1 after the failed run", dst.SnapshotNames(t, p, KindInstance, "c1"), []string{old, run1})
	e.mustRun(t, 0, "run")
	srcNames = src.SnapshotNames(t, p, KindInstance, "c1")
	if contains(srcNames, old) {
		t.Errorf("source c1 still has %s after a successful run with policy 1d1w: %v", old, srcNames)
	}
	assertSnapshots(t, "target c1 after recovery", dst.SnapshotNames(t, p, KindInstance, "c1"), srcNames)
	assertBackupCopySafe(t, e.lab, p, "c1")
}

// TestRunTargetKilledDuringCopy kills the target daemon while a volume's
// copy is in flight: the run exits 1, and after the daemon is back the
// next run completes with every snapshot on the target.
func TestRunTargetKilledDuringCopy(t *testing.T) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	src.CreateVolume(t, p, PoolDefault, "big")
	src.CreateContainer(t, p, "c1", false)
	// Enough data that the copy takes a while.
	path := filepath.Join(src.VolumePath(t, p, PoolDefault, "big", ""), "blob")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(f, rand.Reader, 500<<20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// Pull mode: on this lab a push copy of a volume this size fails with
	// "tls: bad record MAC" between the daemons even without a fault.
	e.configure(t, config.ModePull, []config.Instance{{Name: "c1", Storage: PoolDefault}},
		[]config.Volume{{Name: "big", Storage: PoolDefault}}, nil)

	r, killed := runIABOnLine(t, e.workDir, `msg="copying volume"`, func(*os.Process) {
		time.Sleep(300 * time.Millisecond)
		dst.KillDaemon(t)
	})
	code := r.Code
	t.Logf("run with the target killed -> exit %d\nstdout:\n%s\nstderr:\n%s", code, r.Stdout, r.Stderr)
	if !killed {
		t.Fatal("the run never started copying the volume")
	}
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	dst.StartDaemon(t)
	e.mustRun(t, 0, "run")
	want := src.SnapshotNames(t, p, KindVolume, PoolDefault+"/big")
	if len(iabSnapshots(want)) != 2 {
		t.Errorf("source big snapshots %v, want 2", want)
	}
	assertSnapshots(t, "target big after recovery", dst.SnapshotNames(t, p, KindVolume, PoolDefault+"/big"), want)
	assertSnapshots(t, "target c1 after recovery", dst.SnapshotNames(t, p, KindInstance, "c1"),
		src.SnapshotNames(t, p, KindInstance, "c1"))
	if got := dst.VolumeFileSHA256(t, p, PoolDefault, "big", "", "blob"); got != fileHash(t, path) {
		t.Errorf("target big/blob differs from the source's")
	}
}

func fileHash(t *testing.T, path string) string {
	t.Helper()
	return fileSHA256(t, path)
}

// TestRunTargetRestartKeepsCopyStopped: the backup copy of a running
// container has boot.autostart=false and stays stopped when the target
// daemon restarts.
func TestRunTargetRestartKeepsCopyStopped(t *testing.T) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	src.CreateContainer(t, p, "c1", true)
	sc := src.Admin(t).UseProject(p)
	inst, etag, _ := sc.GetInstance("c1")
	inst.Config["boot.autostart"] = "true"
	if err := wait(sc.UpdateInstance("c1", inst.Writable(), etag)); err != nil {
		t.Fatal(err)
	}
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}}, nil, nil)
	e.mustRun(t, 0, "run")
	e.mustRun(t, 0, "run") // the refresh path updates the config too
	assertBackupCopySafe(t, e.lab, p, "c1")
	dst.StopDaemon(t)
	dst.StartDaemon(t)
	time.Sleep(3 * time.Second) // autostart happens right after start-up
	assertBackupCopySafe(t, e.lab, p, "c1")
	if s := src.Instance(t, p, "c1"); s.Config["boot.autostart"] != "true" {
		t.Errorf("source c1 boot.autostart changed to %q", s.Config["boot.autostart"])
	}
}

// TestRunResourceFaults: a configured instance missing on the source, an
// instance whose profile is missing on the target and one whose backup copy
// runs each fail clearly, and every other resource succeeds.
func TestRunResourceFaults(t *testing.T) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	src.CreateContainer(t, p, "good", false)
	src.CreateVolume(t, p, PoolDefault, "v1")
	src.CreateContainer(t, p, "busy", false)

	// A profile on the source only (the test project uses the default
	// project's profiles).
	prof := "iabp" + randomSuffix(t, 6)
	if err := src.Admin(t).CreateProfile(api.ProfilesPost{Name: prof}); err != nil {
		t.Fatal(err)
	}
	src.CreateContainer(t, p, "profiled", false)
	sc := src.Admin(t).UseProject(p)
	inst, etag, _ := sc.GetInstance("profiled")
	inst.Profiles = append(inst.Profiles, prof)
	if err := wait(sc.UpdateInstance("profiled", inst.Writable(), etag)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = src.PurgeProject(p)
		if err := src.Admin(t).DeleteProfile(prof); err != nil {
			t.Errorf("delete profile %s: %v", prof, err)
		}
	})

	instances := []config.Instance{
		{Name: "missing", Storage: PoolDefault}, {Name: "good", Storage: PoolDefault},
		{Name: "profiled", Storage: PoolDefault}, {Name: "busy", Storage: PoolDefault},
	}
	e.configure(t, config.ModePush, instances, []config.Volume{{Name: "v1", Storage: PoolDefault}}, nil)
	// First make a copy of "busy" and start it on the target.
	e.mustRun(t, 1, "run")
	dst.SetInstanceState(t, p, "busy", "start")

	r := e.mustRun(t, 1, "run")
	out := r.Stdout + r.Stderr
	mustContain(t, "output", out,
		"snapshot "+p+"/missing: source", "not found",
		"profile(s) \""+prof+"\" used by the instance missing",
		"copy "+p+"/busy", "the backup copy is running")
	mustContain(t, "summary", r.Stdout, "FAILED: 5 resource(s), 3 failed")
	for _, ok := range []string{"good"} {
		if got := iabSnapshots(dst.SnapshotNames(t, p, KindInstance, ok)); len(got) != 2 {
			t.Errorf("target %s IAB snapshots %v, want 2 (it must not suffer from the others)", ok, got)
		}
	}
	if got := iabSnapshots(dst.SnapshotNames(t, p, KindVolume, PoolDefault+"/v1")); len(got) != 2 {
		t.Errorf("target v1 IAB snapshots %v, want 2", got)
	}
	if dst.Instance(t, p, "profiled") != nil {
		t.Errorf("target has a copy of profiled although its profile is missing there")
	}
	if s := dst.Instance(t, p, "busy"); s.Status != "Running" {
		t.Errorf("target busy is %s: IAB touched a running copy", s.Status)
	}
}
