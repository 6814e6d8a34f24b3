package e2e

import (
	"testing"

	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/config"
)

// TestRunDevices: devices named in excludeDevices, a NIC on a managed
// network the target lacks and a disk on a custom volume the target lacks
// are dropped from the target copy with a warning naming device and reason;
// the copy succeeds. A disk on a volume IAB backs up in the same run is
// kept (volumes are copied before instances).
func TestRunDevices(t *testing.T) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project

	// A managed bridge on the source only (default project: the test
	// project shares the default project's networks).
	net := "iabn" + randomSuffix(t, 6)
	sa := src.Admin(t)
	err := sa.CreateNetwork(api.NetworksPost{Name: net, Type: "bridge", NetworkPut: api.NetworkPut{
		Config: map[string]string{"ipv4.address": "none", "ipv6.address": "none"},
	}})
	if err != nil {
		t.Fatalf("source: create bridge %s: %v", net, err)
	}
	// Cleanups run last-registered first: this one purges the project
	// (whose instance uses the network) and then deletes the network;
	// NewProject's own cleanup then finds the project gone.
	t.Cleanup(func() {
		if err := src.PurgeProject(p); err != nil {
			t.Errorf("purge: %v", err)
		}
		if err := src.Admin(t).DeleteNetwork(net); err != nil {
			t.Errorf("source: delete network %s: %v", net, err)
		}
	})

	src.CreateVolume(t, p, PoolDefault, "srconly") // not configured: missing on the target
	src.CreateVolume(t, p, PoolDefault, "backedup")
	src.CreateContainer(t, p, "c1", false)
	sc := sa.UseProject(p)
	inst, etag, err := sc.GetInstance("c1")
	if err != nil {
		t.Fatal(err)
	}
	inst.Devices["eth0"] = map[string]string{"type": "nic", "network": net, "name": "eth0"}
	inst.Devices["data"] = map[string]string{"type": "disk", "pool": PoolDefault, "source": "srconly", "path": "/mnt/data"}
	inst.Devices["kept"] = map[string]string{"type": "disk", "pool": PoolDefault, "source": "backedup", "path": "/mnt/kept"}
	inst.Devices["hostdir"] = map[string]string{"type": "disk", "source": "/tmp", "path": "/mnt/host"}
	if err := wait(sc.UpdateInstance("c1", inst.Writable(), etag)); err != nil {
		t.Fatalf("source: add devices to c1: %v", err)
	}

	e.configure(t, config.ModePush,
		[]config.Instance{{Name: "c1", Storage: PoolFast, ExcludeDevices: []string{"hostdir"}}},
		[]config.Volume{{Name: "backedup", Storage: PoolDefault}}, nil)
	r := e.mustRun(t, 0, "run")
	for _, dev := range []struct{ name, reason string }{
		{"hostdir", "listed in excludeDevices"},
		{"eth0", "managed network " + net + " does not exist on the target"},
		{"data", "custom volume default/srconly does not exist on the target"},
	} {
		if indexLine(r.Stderr, "level=WARN", "device dropped from the target copy", "device="+dev.name, dev.reason) < 0 {
			t.Errorf("no warning for dropped device %s (%s) in:\n%s", dev.name, dev.reason, r.Stderr)
		}
	}
	tinst := dst.Instance(t, p, "c1")
	if tinst == nil {
		t.Fatal("target: c1 not copied")
	}
	for _, gone := range []string{"hostdir", "eth0", "data"} {
		if d, ok := tinst.ExpandedDevices[gone]; ok {
			t.Errorf("target c1 still has device %s: %v", gone, d)
		}
	}
	if d := tinst.ExpandedDevices["kept"]; d["source"] != "backedup" {
		t.Errorf("target c1 device kept = %v, want the disk on the backed-up volume", d)
	}
	if pool := tinst.ExpandedDevices["root"]["pool"]; pool != PoolFast {
		t.Errorf("target c1 root pool %q, want %q", pool, PoolFast)
	}
	// The source is unchanged.
	if s := src.Instance(t, p, "c1"); len(s.Devices) != 5 {
		t.Errorf("source c1 devices changed: %v", s.Devices)
	}
	assertBackupCopySafe(t, e.lab, p, "c1")

	// A second run (refresh + config update) keeps the same result.
	e.mustRun(t, 0, "run")
	tinst = dst.Instance(t, p, "c1")
	for _, gone := range []string{"hostdir", "eth0", "data"} {
		if _, ok := tinst.ExpandedDevices[gone]; ok {
			t.Errorf("after refresh: target c1 has device %s again", gone)
		}
	}
	if pool := tinst.ExpandedDevices["root"]["pool"]; pool != PoolFast {
		t.Errorf("after refresh: target c1 root pool %q, want %q", pool, PoolFast)
	}
}
