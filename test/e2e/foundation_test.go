package e2e

// Foundation tests: the lab and the harness work, and the v7 client can
// do over HTTPS what IAB builds on (pinning, trust tokens, instances,
// refresh copies). They use no IAB package on purpose.

import (
	"strings"
	"testing"
	"time"

	incus "github.com/lxc/incus/v7/client"
	"github.com/lxc/incus/v7/shared/api"
)

// TestFoundationTrustAndInstances pins each server's certificate, adds a
// fresh ECDSA P-384 client certificate with a project-restricted trust token
// and uses it to list, create and delete a container.
func TestFoundationTrustAndInstances(t *testing.T) {
	lab := RequireLab(t)
	project := NewProject(t, lab)
	for _, s := range lab.Servers() {
		t.Run(s.Role, func(t *testing.T) {
			cc := NewClientCert(t, "iab-e2e")
			pinned := s.FetchServerCertPEM(t)
			if strings.TrimSpace(pinned) != strings.TrimSpace(s.ServerCertPEM(t)) {
				t.Fatalf("certificate served on %s differs from the daemon's own", s.URL)
			}

			c := s.ConnectTLS(t, pinned, cc)
			srv, _, err := c.GetServer()
			if err != nil {
				t.Fatalf("get server as untrusted client: %v", err)
			}
			if srv.Auth != "untrusted" {
				t.Fatalf("fresh certificate: auth = %q, want untrusted", srv.Auth)
			}

			name := "e2e-" + project
			token := s.TrustToken(t, name, project)
			if err := c.CreateCertificate(api.CertificatesPost{TrustToken: token}); err != nil {
				t.Fatalf("add certificate with trust token: %v", err)
			}

			// A new connection: the old one cached the untrusted server info.
			c = s.ConnectTLS(t, pinned, cc).UseProject(project)
			srv, _, err = c.GetServer()
			if err != nil {
				t.Fatalf("get server as trusted client: %v", err)
			}
			if srv.Auth != "trusted" {
				t.Fatalf("after trust token: auth = %q, want trusted", srv.Auth)
			}
			if !c.HasExtension("certificate_project") {
				t.Fatalf("server lacks API extension certificate_project")
			}

			// A wrong pin must be refused, not silently accepted.
			other := lab.Target
			if s == lab.Target {
				other = lab.Source
			}
			if _, err := incus.ConnectIncus(s.URL, &incus.ConnectionArgs{
				TLSServerCert: other.ServerCertPEM(t), TLSClientCert: cc.CertPEM, TLSClientKey: cc.KeyPEM,
			}); err == nil {
				t.Fatalf("connect with the other server's certificate as pin succeeded")
			}

			insts, err := c.GetInstances(api.InstanceTypeAny)
			if err != nil {
				t.Fatalf("list instances: %v", err)
			}
			if len(insts) != 0 {
				t.Fatalf("new project has %d instances", len(insts))
			}

			req := api.InstancesPost{
				Name:   "c1",
				Type:   api.InstanceTypeContainer,
				Source: api.InstanceSource{Type: "image", Alias: ImageAlias},
			}
			if err := wait(c.CreateInstance(req)); err != nil {
				t.Fatalf("create container: %v", err)
			}
			if err := wait(c.UpdateInstanceState("c1", api.InstanceStatePut{Action: "start", Timeout: -1}, "")); err != nil {
				t.Fatalf("start container: %v", err)
			}
			inst, _, err := c.GetInstance("c1")
			if err != nil || inst.StatusCode != api.Running {
				t.Fatalf("container c1 not running: %v %v", inst, err)
			}
			if err := wait(c.UpdateInstanceState("c1", api.InstanceStatePut{Action: "stop", Force: true, Timeout: -1}, "")); err != nil {
				t.Fatalf("stop container: %v", err)
			}
			if err := wait(c.DeleteInstance("c1")); err != nil {
				t.Fatalf("delete container: %v", err)
			}
			if s.Instance(t, project, "c1") != nil {
				t.Fatalf("container c1 still exists after delete")
			}

			// Restricted to project: the default project is out of reach.
			// (Listing instances there is no test: Incus 7.2 answers an
			// empty list without error, 6.0 refuses.)
			if _, _, err := c.GetProject(api.ProjectDefaultName); err == nil {
				t.Fatalf("restricted certificate could read the default project")
			}
		})
	}
}

// TestFoundationFixtures checks the harness's own helpers: files written
// into containers and volumes (on both pools, running and stopped) read back
// through the host paths, in the live object and in snapshots.
func TestFoundationFixtures(t *testing.T) {
	lab := RequireLab(t)
	project := NewProject(t, lab)
	for _, s := range lab.Servers() {
		t.Run(s.Role, func(t *testing.T) {
			for _, pool := range []string{PoolDefault, PoolFast} {
				for _, running := range []bool{false, true} {
					name := "c-" + pool
					if running {
						name += "-run"
					}
					s.CreateContainerOnPool(t, project, name, pool, running)
					v1, v2 := []byte("one "+name), []byte("two "+name)
					s.WriteInstanceFile(t, project, name, "/root/data", v1)
					s.SnapshotInstance(t, project, name, "snap0")
					s.WriteInstanceFile(t, project, name, "/root/data", v2)
					if got := s.InstanceFileSHA256(t, project, name, "", "/root/data"); got != SHA256(v2) {
						t.Errorf("%s: live file hash %q, want %q", name, got, SHA256(v2))
					}
					if got := s.InstanceFileSHA256(t, project, name, "snap0", "/root/data"); got != SHA256(v1) {
						t.Errorf("%s: snapshot file hash %q, want %q", name, got, SHA256(v1))
					}
					if got := s.InstanceFileSHA256(t, project, name, "", "/root/missing"); got != "" {
						t.Errorf("%s: missing file hash %q, want empty", name, got)
					}
					if got := s.SnapshotNames(t, project, KindInstance, name); strings.Join(got, ",") != "snap0" {
						t.Errorf("%s: snapshots %v, want [snap0]", name, got)
					}
				}

				vol := "v-" + pool
				s.CreateVolume(t, project, pool, vol)
				v1, v2 := []byte("one "+vol), []byte("two "+vol)
				s.WriteVolumeFile(t, project, pool, vol, "dir/data", v1)
				s.SnapshotVolume(t, project, pool, vol, "snap0")
				s.SnapshotVolume(t, project, pool, vol, "snap1")
				s.WriteVolumeFile(t, project, pool, vol, "dir/data", v2)
				if got := s.VolumeFileSHA256(t, project, pool, vol, "", "dir/data"); got != SHA256(v2) {
					t.Errorf("%s: live volume hash %q, want %q", vol, got, SHA256(v2))
				}
				if got := s.VolumeFileSHA256(t, project, pool, vol, "snap0", "dir/data"); got != SHA256(v1) {
					t.Errorf("%s: volume snapshot hash %q, want %q", vol, got, SHA256(v1))
				}
				if got := s.SnapshotNames(t, project, KindVolume, pool+"/"+vol); strings.Join(got, ",") != "snap0,snap1" {
					t.Errorf("%s: snapshots %v, want [snap0 snap1]", vol, got)
				}
			}
			if got := s.SnapshotNames(t, project, KindInstance, "nonexistent"); got != nil {
				t.Errorf("snapshots of missing instance: %v, want nil", got)
			}
		})
	}
}

// TestFoundationBridge runs a container with a NIC on a lab bridge: managed
// on the source, and as a plain host bridge on the target.
func TestFoundationBridge(t *testing.T) {
	lab := RequireLab(t)
	project := NewProject(t, lab)
	br := NewBridge(t, lab, project)
	for _, s := range lab.Servers() {
		nic := map[string]string{"type": "nic", "nictype": "bridged", "parent": br, "name": "eth0"}
		if s == lab.Source {
			nic = map[string]string{"type": "nic", "network": br, "name": "eth0"}
		}
		s.CreateContainer(t, project, "c1", false)
		c := s.Admin(t).UseProject(project)
		inst, etag, err := c.GetInstance("c1")
		if err != nil {
			t.Fatalf("%s: get c1: %v", s.Role, err)
		}
		inst.Devices["eth0"] = nic
		if err := wait(c.UpdateInstance("c1", inst.Writable(), etag)); err != nil {
			t.Fatalf("%s: add NIC on %s: %v", s.Role, br, err)
		}
		s.SetInstanceState(t, project, "c1", "start")
		s.WaitInstanceStatus(t, project, "c1", api.Running, 10*time.Second)
	}
}

// TestFoundationDaemonControl stops, kills and restarts the target daemon
// as fault tests will: a container running on it survives a SIGKILL of the
// daemon, and is running again after a restart in either case.
func TestFoundationDaemonControl(t *testing.T) {
	lab := RequireLab(t)
	project := NewProject(t, lab)
	s := lab.Target
	s.CreateContainer(t, project, "c1", true)

	s.KillDaemon(t)
	if s.DaemonRunning() {
		t.Fatalf("target daemon answers after kill")
	}
	s.StartDaemon(t)
	if inst := s.Instance(t, project, "c1"); inst == nil || inst.StatusCode != api.Running {
		t.Fatalf("c1 after daemon kill and restart: %+v, want running", inst)
	}

	// A clean shutdown stops c1 and records it as running, so the daemon
	// starts it again on start-up (what makes a target copy start unasked).
	s.StopDaemon(t)
	if s.DaemonRunning() {
		t.Fatalf("target daemon answers after stop")
	}
	s.StartDaemon(t)
	s.WaitInstanceStatus(t, project, "c1", api.Running, 30*time.Second)
}

// TestCompatFoundationRefreshCopy copies a container and a custom volume
// with snapshots from source to target over HTTPS with trusted, pinned
// clients, then refreshes them after changes: the copy primitives IAB uses
// work between the lab's server versions.
func TestCompatFoundationRefreshCopy(t *testing.T) {
	lab := RequireLab(t)
	project := NewProject(t, lab)
	src, dst := lab.Source, lab.Target
	t.Logf("source Incus %s, target Incus %s", src.Version, dst.Version)

	for _, s := range lab.Servers() {
		c := s.Admin(t)
		for _, ext := range []string{"container_incremental_copy", "custom_volume_refresh", "custom_volume_refresh_exclude_older_snapshots"} {
			if !c.HasExtension(ext) {
				t.Fatalf("%s (Incus %s) lacks API extension %s", s.Role, s.Version, ext)
			}
		}
	}

	src.CreateContainerOnPool(t, project, "c1", PoolFast, true)
	src.CreateVolume(t, project, PoolDefault, "v1")
	src.WriteInstanceFile(t, project, "c1", "/root/data", []byte("gen1"))
	src.WriteVolumeFile(t, project, PoolDefault, "v1", "data", []byte("gen1"))
	src.SnapshotInstance(t, project, "c1", "s1")
	src.SnapshotVolume(t, project, PoolDefault, "v1", "s1")

	srcC := src.ConnectTrusted(t, "e2e-src-"+project, project).UseProject(project)
	dstC := dst.ConnectTrusted(t, "e2e-dst-"+project, project).UseProject(project)

	copyAll := func(refresh bool) {
		t.Helper()
		inst, _, err := srcC.GetInstance("c1")
		if err != nil {
			t.Fatalf("source: get c1: %v", err)
		}
		op, err := dstC.CopyInstance(srcC, *inst, &incus.InstanceCopyArgs{Refresh: refresh, Mode: "pull"})
		if err == nil {
			err = op.Wait()
		}
		if err != nil {
			t.Fatalf("copy c1 (refresh=%v): %v", refresh, err)
		}
		vol, _, err := srcC.GetStoragePoolVolume(PoolDefault, "custom", "v1")
		if err != nil {
			t.Fatalf("source: get volume v1: %v", err)
		}
		vop, err := dstC.CopyStoragePoolVolume(PoolDefault, srcC, PoolDefault, *vol, &incus.StoragePoolVolumeCopyArgs{
			Name:    vol.Name, // unlike CopyInstance, the target name is not defaulted
			Refresh: refresh, Mode: "pull",
		})
		if err == nil {
			err = vop.Wait()
		}
		if err != nil {
			t.Fatalf("copy volume v1 (refresh=%v): %v", refresh, err)
		}
	}

	copyAll(false)
	start := time.Now()
	src.WriteInstanceFile(t, project, "c1", "/root/data", []byte("gen2"))
	src.WriteVolumeFile(t, project, PoolDefault, "v1", "data", []byte("gen2"))
	src.SnapshotInstance(t, project, "c1", "s2")
	src.SnapshotVolume(t, project, PoolDefault, "v1", "s2")
	copyAll(true)
	t.Logf("refresh took %s", time.Since(start))

	if inst := dst.Instance(t, project, "c1"); inst == nil || inst.StatusCode != api.Stopped {
		t.Fatalf("target c1: %+v, want a stopped copy", inst)
	}
	if got := dst.SnapshotNames(t, project, KindInstance, "c1"); strings.Join(got, ",") != "s1,s2" {
		t.Errorf("target c1 snapshots %v, want [s1 s2]", got)
	}
	if got := dst.SnapshotNames(t, project, KindVolume, PoolDefault+"/v1"); strings.Join(got, ",") != "s1,s2" {
		t.Errorf("target v1 snapshots %v, want [s1 s2]", got)
	}
	for _, c := range []struct{ snap, want string }{{"", "gen2"}, {"s1", "gen1"}, {"s2", "gen2"}} {
		if got := dst.InstanceFileSHA256(t, project, "c1", c.snap, "/root/data"); got != SHA256([]byte(c.want)) {
			t.Errorf("target c1 snapshot %q: data hash %q, want hash of %q", c.snap, got, c.want)
		}
		if got := dst.VolumeFileSHA256(t, project, PoolDefault, "v1", c.snap, "data"); got != SHA256([]byte(c.want)) {
			t.Errorf("target v1 snapshot %q: data hash %q, want hash of %q", c.snap, got, c.want)
		}
	}
}
