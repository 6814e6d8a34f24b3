package e2e

import (
	"testing"

	"github.com/iab-project/iab/internal/config"
)

// testFirstAndIncremental: run 1 creates the target copies with this run's
// snapshot; run 2 transfers incrementally (the target keeps the first
// snapshot and gains the second); the data in every snapshot is the data
// of its time.
func testFirstAndIncremental(t *testing.T, mode string) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	src.CreateContainer(t, p, "c1", true)
	src.CreateContainerOnPool(t, p, "c2", PoolFast, false)
	src.CreateVolume(t, p, PoolDefault, "vdir")
	src.CreateVolume(t, p, PoolFast, "vbtr")
	e.configure(t, mode,
		[]config.Instance{{Name: "c1", Storage: PoolDefault}, {Name: "c2", Storage: PoolDefault}},
		[]config.Volume{{Name: "vdir", Storage: PoolDefault}, {Name: "vbtr", Storage: PoolFast, TargetStorage: PoolDefault}},
		nil)

	src.WriteInstanceFile(t, p, "c1", "/root/data", []byte("gen1"))
	src.WriteVolumeFile(t, p, PoolDefault, "vdir", "data", []byte("gen1"))
	src.WriteVolumeFile(t, p, PoolFast, "vbtr", "data", []byte("gen1"))
	r1 := e.mustRun(t, 0, "run")
	mustContain(t, "run 1 summary", r1.Stdout, "c1", "c2", "vdir", "vbtr", "OK: 4 resource(s), 0 failed")

	s1 := iabSnapshots(src.SnapshotNames(t, p, KindInstance, "c1"))
	if len(s1) != 1 {
		t.Fatalf("source c1 after run 1: IAB snapshots %v, want one", s1)
	}
	assertSnapshots(t, "target c1 after run 1", dst.SnapshotNames(t, p, KindInstance, "c1"), s1)
	assertSnapshots(t, "target c2 after run 1", dst.SnapshotNames(t, p, KindInstance, "c2"), s1)
	assertSnapshots(t, "target vdir after run 1", dst.SnapshotNames(t, p, KindVolume, PoolDefault+"/vdir"), s1)
	assertSnapshots(t, "target vbtr (on default) after run 1", dst.SnapshotNames(t, p, KindVolume, PoolDefault+"/vbtr"), s1)
	for _, n := range []string{"c1", "c2"} {
		assertBackupCopySafe(t, e.lab, p, n)
	}
	if pool := dst.Instance(t, p, "c2").ExpandedDevices["root"]["pool"]; pool != PoolDefault {
		t.Errorf("target c2 root pool %q, want %q (storage)", pool, PoolDefault)
	}
	if inst := src.Instance(t, p, "c1"); inst.Status != "Running" {
		t.Errorf("source c1 is %s after run 1, want Running (stopInstance false)", inst.Status)
	}

	src.WriteInstanceFile(t, p, "c1", "/root/data", []byte("gen2"))
	src.WriteVolumeFile(t, p, PoolDefault, "vdir", "data", []byte("gen2"))
	src.WriteVolumeFile(t, p, PoolFast, "vbtr", "data", []byte("gen2"))
	e.mustRun(t, 0, "run")
	s12 := iabSnapshots(src.SnapshotNames(t, p, KindInstance, "c1"))
	if len(s12) != 2 || s12[0] != s1[0] {
		t.Fatalf("source c1 after run 2: IAB snapshots %v, want %s and a newer one", s12, s1[0])
	}
	assertSnapshots(t, "target c1 after run 2", dst.SnapshotNames(t, p, KindInstance, "c1"), s12)
	assertSnapshots(t, "target c2 after run 2", dst.SnapshotNames(t, p, KindInstance, "c2"), s12)
	assertSnapshots(t, "target vdir after run 2", dst.SnapshotNames(t, p, KindVolume, PoolDefault+"/vdir"), s12)
	assertSnapshots(t, "target vbtr after run 2", dst.SnapshotNames(t, p, KindVolume, PoolDefault+"/vbtr"), s12)
	for _, n := range []string{"c1", "c2"} {
		assertBackupCopySafe(t, e.lab, p, n)
	}
	for i, want := range []string{"gen1", "gen2"} {
		snap := s12[i]
		if got := dst.InstanceFileSHA256(t, p, "c1", snap, "/root/data"); got != SHA256([]byte(want)) {
			t.Errorf("target c1@%s: /root/data hash %s, want that of %q", snap, got, want)
		}
		if got := dst.VolumeFileSHA256(t, p, PoolDefault, "vdir", snap, "data"); got != SHA256([]byte(want)) {
			t.Errorf("target vdir@%s: data hash %s, want that of %q", snap, got, want)
		}
		if got := dst.VolumeFileSHA256(t, p, PoolDefault, "vbtr", snap, "data"); got != SHA256([]byte(want)) {
			t.Errorf("target vbtr@%s: data hash %s, want that of %q", snap, got, want)
		}
	}
}

func TestCompatRunPush(t *testing.T)  { testFirstAndIncremental(t, config.ModePush) }
func TestCompatRunPull(t *testing.T)  { testFirstAndIncremental(t, config.ModePull) }
func TestCompatRunRelay(t *testing.T) { testFirstAndIncremental(t, config.ModeRelay) }
