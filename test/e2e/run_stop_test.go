package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/iab-project/iab/internal/config"
)

// TestCompatRunStopInstance: with iab.stopInstance a running container is
// stopped (cleanly), snapshotted statelessly and running again before its
// copy begins; a stopped one is left stopped. Without it, a running
// container is copied while running.
func TestCompatRunStopInstance(t *testing.T) {
	e := newRunEnv(t)
	src, p := e.lab.Source, e.project
	src.CreateContainer(t, p, "run1", true)
	src.CreateContainer(t, p, "off1", false)
	instances := []config.Instance{{Name: "run1", Storage: PoolDefault}, {Name: "off1", Storage: PoolDefault}}
	e.configure(t, config.ModePush, instances, nil, func(c *config.Config) { c.IAB.StopInstance = true })
	before := src.Instance(t, p, "run1").LastUsedAt

	r := e.mustRun(t, 0, "run", "--log-format", "json")
	inst := src.Instance(t, p, "run1")
	if inst.Status != "Running" {
		t.Fatalf("source run1 is %s after the run, want Running", inst.Status)
	}
	if !inst.LastUsedAt.After(before) {
		t.Errorf("source run1 last used %s, not after %s: it was not restarted, so not stopped", inst.LastUsedAt, before)
	}
	if s := src.Instance(t, p, "off1"); s.Status != "Stopped" {
		t.Errorf("source off1 is %s, want still Stopped", s.Status)
	}
	snaps, err := src.Admin(t).UseProject(p).GetInstanceSnapshots("run1")
	if err != nil || len(snaps) != 1 {
		t.Fatalf("source run1 snapshots: %v (%v), want one", snaps, err)
	}
	if snaps[0].Stateful {
		t.Errorf("snapshot %s is stateful, want stateless", snaps[0].Name)
	}
	// Order in the log: stop, snapshot, start again, and only then the copy.
	order := []string{`"msg":"stopping instance for its snapshot"`, `"msg":"starting instance again after its snapshot"`,
		`"msg":"instance started again"`, `"msg":"snapshot done"`, `"msg":"copying instance"`}
	pos := -1
	for _, want := range order {
		i := indexLine(r.Stderr, want, `"instance":"run1"`)
		if i < 0 {
			t.Fatalf("log has no %s line for run1:\n%s", want, r.Stderr)
		}
		if i < pos {
			t.Errorf("log line %s comes too early (want order %v):\n%s", want, order, r.Stderr)
		}
		pos = i
	}
	if indexLine(r.Stderr, `"msg":"stopping instance for its snapshot"`, `"instance":"off1"`) >= 0 {
		t.Errorf("IAB stopped off1, which was not running")
	}
	assertBackupCopySafe(t, e.lab, p, "run1")

	// stopInstance false: copied while running, never stopped.
	e.configure(t, config.ModePush, instances, nil, nil)
	before = src.Instance(t, p, "run1").LastUsedAt
	r = e.mustRun(t, 0, "run", "--log-format", "json")
	inst = src.Instance(t, p, "run1")
	if inst.Status != "Running" || !inst.LastUsedAt.Equal(before) {
		t.Errorf("source run1 is %s, last used %s (was %s): want running and never restarted", inst.Status, inst.LastUsedAt, before)
	}
	if strings.Contains(r.Stderr, "stopping instance") {
		t.Errorf("IAB stopped an instance with stopInstance false:\n%s", r.Stderr)
	}
	if got := iabSnapshots(e.lab.Target.SnapshotNames(t, p, KindInstance, "run1")); len(got) != 2 {
		t.Errorf("target run1 IAB snapshots %v, want 2", got)
	}
}

// indexLine returns the byte offset of the first line of log that contains
// all of subs, or -1.
func indexLine(log string, subs ...string) int {
	off := 0
	for _, line := range strings.SplitAfter(log, "\n") {
		all := true
		for _, s := range subs {
			if !strings.Contains(line, s) {
				all = false
				break
			}
		}
		if all {
			return off
		}
		off += len(line)
	}
	return -1
}

// TestRunSnapshotNoExpiry: an instance and a volume with snapshots.expiry
// get IAB snapshots without expiry (on both servers), while a snapshot made
// without IAB inherits the expiry: IAB's retention alone decides.
func TestRunSnapshotNoExpiry(t *testing.T) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	src.CreateContainer(t, p, "c1", false)
	src.CreateVolume(t, p, PoolDefault, "v1")
	sc := src.Admin(t).UseProject(p)
	inst, etag, err := sc.GetInstance("c1")
	if err != nil {
		t.Fatal(err)
	}
	inst.Config["snapshots.expiry"] = "1M" // one minute
	if err := wait(sc.UpdateInstance("c1", inst.Writable(), etag)); err != nil {
		t.Fatal(err)
	}
	vol, etag, err := sc.GetStoragePoolVolume(PoolDefault, "custom", "v1")
	if err != nil {
		t.Fatal(err)
	}
	vol.Config["snapshots.expiry"] = "1M"
	if err := sc.UpdateStoragePoolVolume(PoolDefault, "custom", "v1", vol.Writable(), etag); err != nil {
		t.Fatal(err)
	}
	seedSnapshots(t, src, p, KindInstance, "c1", "plain")
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}},
		[]config.Volume{{Name: "v1", Storage: PoolDefault}}, nil)
	e.mustRun(t, 0, "run")

	for _, s := range e.lab.Servers() {
		c := s.Admin(t).UseProject(p)
		isnaps, err := c.GetInstanceSnapshots("c1")
		if err != nil {
			t.Fatal(err)
		}
		for _, sn := range isnaps {
			iab := strings.HasPrefix(sn.Name, "IAB_")
			if iab && !sn.ExpiresAt.IsZero() {
				t.Errorf("%s: instance snapshot %s expires at %s, want never", s.Role, sn.Name, sn.ExpiresAt)
			}
			if s == src && !iab && sn.ExpiresAt.IsZero() {
				t.Errorf("%s: control snapshot %s has no expiry: the test does not test anything", s.Role, sn.Name)
			}
		}
		vsnaps, err := c.GetStoragePoolVolumeSnapshots(PoolDefault, "custom", "v1")
		if err != nil || len(vsnaps) != 1 {
			t.Fatalf("%s: volume snapshots %v (%v), want one", s.Role, vsnaps, err)
		}
		if e := vsnaps[0].ExpiresAt; e != nil && !e.IsZero() {
			t.Errorf("%s: volume snapshot %s expires at %s, want never", s.Role, vsnaps[0].Name, e)
		}
	}
	_ = dst
	_ = time.Second
}
