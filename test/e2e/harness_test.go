package e2e

// Helpers for building test fixtures on the lab servers and for inspecting
// what ended up there. All helpers fail the test (t.Fatalf) on error, with
// the server role and object named in the message.
//
// Storage in the lab: pool "default" (dir) holds the default profile's root
// disk; pool "fast" (btrfs on a loop file) is the second pool. Image "busybox"
// (default project) is the only image; containers run "sleep" as init and
// have no network. A test that wants a managed network uses NewBridge.
import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	incus "github.com/lxc/incus/v7/client"
	"github.com/lxc/incus/v7/shared/api"
)

// Lab storage pools and image.
const (
	PoolDefault = "default" // dir pool; the default profile's root disk
	PoolFast    = "fast"    // btrfs pool on a loop file
	ImageAlias  = "busybox" // in the default project of both servers
)

// Kinds for SnapshotNames.
const (
	KindInstance = "instance"
	KindVolume   = "volume"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// randomSuffix returns n random hex characters.
func randomSuffix(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, (n+1)/2)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("random: %v", err)
	}
	return hex.EncodeToString(b)[:n]
}

// NewProject creates a project named "t-<8 hex>" on both servers, with
// features.images=false and features.profiles=false (so the default
// project's busybox image and default profile apply) and its own storage
// volumes. When the test ends, everything in it (instances with their
// snapshots, custom volumes on all pools with their snapshots) and the
// project itself are deleted on both servers.
func NewProject(t testing.TB, lab *Lab) string {
	t.Helper()
	name := "t-" + randomSuffix(t, 8)
	for _, s := range lab.Servers() {
		s.CreateProject(t, name)
	}
	return name
}

// CreateProject creates one project on this server only (same settings and
// cleanup as NewProject). Use it for projects that must exist on one side.
func (s *LabServer) CreateProject(t testing.TB, name string) {
	t.Helper()
	err := s.Admin(t).CreateProject(api.ProjectsPost{
		Name: name,
		ProjectPut: api.ProjectPut{
			Description: "IAB e2e " + t.Name(),
			Config: map[string]string{
				"features.images":          "false",
				"features.profiles":        "false",
				"features.storage.volumes": "true",
			},
		},
	})
	if err != nil {
		t.Fatalf("%s: create project %s: %v", s.Role, name, err)
	}
	t.Cleanup(func() {
		if err := s.PurgeProject(name); err != nil {
			t.Errorf("%s: cleanup of project %s: %v", s.Role, name, err)
		}
	})
}

// PurgeProject deletes everything in a project and then the project itself.
// A missing project is not an error. It needs a running daemon.
func (s *LabServer) PurgeProject(name string) error {
	root, err := incus.ConnectIncusUnix(s.Socket, nil)
	if err != nil {
		return err
	}
	defer root.Disconnect()
	if _, _, err := root.GetProject(name); err != nil {
		if api.StatusErrorCheck(err, 404) {
			return nil
		}
		return err
	}
	c := root.UseProject(name)
	insts, err := c.GetInstances(api.InstanceTypeAny)
	if err != nil {
		return fmt.Errorf("list instances: %w", err)
	}
	for _, inst := range insts {
		if inst.IsActive() {
			op, err := c.UpdateInstanceState(inst.Name, api.InstanceStatePut{Action: "stop", Force: true, Timeout: -1}, "")
			if err == nil {
				err = op.Wait()
			}
			if err != nil {
				return fmt.Errorf("stop instance %s: %w", inst.Name, err)
			}
		}
		if err := wait(c.DeleteInstance(inst.Name)); err != nil {
			return fmt.Errorf("delete instance %s: %w", inst.Name, err)
		}
	}
	pools, err := root.GetStoragePoolNames()
	if err != nil {
		return fmt.Errorf("list pools: %w", err)
	}
	for _, pool := range pools {
		vols, err := c.GetStoragePoolVolumes(pool)
		if err != nil {
			return fmt.Errorf("list volumes on %s: %w", pool, err)
		}
		for _, v := range vols {
			if v.Type != "custom" || strings.Contains(v.Name, "/") {
				continue
			}
			snaps, err := c.GetStoragePoolVolumeSnapshotNames(pool, "custom", v.Name)
			if err != nil {
				return fmt.Errorf("list snapshots of %s/%s: %w", pool, v.Name, err)
			}
			for _, snap := range snaps {
				if err := wait(c.DeleteStoragePoolVolumeSnapshot(pool, "custom", v.Name, snap)); err != nil {
					return fmt.Errorf("delete snapshot %s/%s/%s: %w", pool, v.Name, snap, err)
				}
			}
			if err := c.DeleteStoragePoolVolume(pool, "custom", v.Name); err != nil {
				return fmt.Errorf("delete volume %s/%s: %w", pool, v.Name, err)
			}
		}
	}
	if err := root.DeleteProject(name); err != nil {
		return fmt.Errorf("delete project: %w", err)
	}
	return nil
}

// wait waits for an operation returned together with err.
func wait(op incus.Operation, err error) error {
	if err != nil {
		return err
	}
	return op.Wait()
}

// CreateContainer creates container name in project from the busybox image,
// with its root disk on the default pool, and starts it when running is true.
func (s *LabServer) CreateContainer(t testing.TB, project, name string, running bool) {
	t.Helper()
	s.CreateContainerOnPool(t, project, name, PoolDefault, running)
}

// CreateContainerOnPool is CreateContainer with the root disk on pool.
func (s *LabServer) CreateContainerOnPool(t testing.TB, project, name, pool string, running bool) {
	t.Helper()
	c := s.Admin(t).UseProject(project)
	req := api.InstancesPost{
		Name:   name,
		Type:   api.InstanceTypeContainer,
		Source: api.InstanceSource{Type: "image", Alias: ImageAlias},
		InstancePut: api.InstancePut{
			Devices: map[string]map[string]string{
				"root": {"type": "disk", "path": "/", "pool": pool},
			},
		},
	}
	if err := wait(c.CreateInstance(req)); err != nil {
		t.Fatalf("%s: create container %s/%s on pool %s: %v", s.Role, project, name, pool, err)
	}
	if running {
		s.SetInstanceState(t, project, name, "start")
	}
}

// SetInstanceState runs a state action ("start", "stop" (forced), "restart")
// on an instance and waits for it.
func (s *LabServer) SetInstanceState(t testing.TB, project, name, action string) {
	t.Helper()
	c := s.Admin(t).UseProject(project)
	req := api.InstanceStatePut{Action: action, Timeout: -1, Force: action != "start"}
	if err := wait(c.UpdateInstanceState(name, req, "")); err != nil {
		t.Fatalf("%s: %s instance %s/%s: %v", s.Role, action, project, name, err)
	}
}

// Instance returns an instance, or nil if it does not exist.
func (s *LabServer) Instance(t testing.TB, project, name string) *api.Instance {
	t.Helper()
	inst, _, err := s.Admin(t).UseProject(project).GetInstance(name)
	if api.StatusErrorCheck(err, 404) {
		return nil
	}
	if err != nil {
		t.Fatalf("%s: get instance %s/%s: %v", s.Role, project, name, err)
	}
	return inst
}

// WaitInstanceStatus waits until an instance has status (api.Running,
// api.Stopped, ...) and fails the test after timeout.
func (s *LabServer) WaitInstanceStatus(t testing.TB, project, name string, status api.StatusCode, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		inst := s.Instance(t, project, name)
		if inst != nil && inst.StatusCode == status {
			return
		}
		if time.Now().After(deadline) {
			got := "missing"
			if inst != nil {
				got = inst.Status
			}
			t.Fatalf("%s: instance %s/%s is %s after %s, want %s", s.Role, project, name, got, timeout, status)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// NewBridge creates a managed bridge "iab<8 hex>" without addresses on the
// source and returns its name. Bridges are host-wide kernel interfaces, so
// the same name cannot be a managed network on the target too (nor in a
// second lab): on the target, the bridge only exists as an unmanaged
// interface. A NIC "network=NAME" therefore works on the source only, while
// "nictype=bridged parent=NAME" works on both servers. When the test ends,
// project is purged on the source (its instances may use the bridge) and
// the bridge is deleted.
func NewBridge(t testing.TB, lab *Lab, project string) string {
	t.Helper()
	s := lab.Source
	name := "iab" + randomSuffix(t, 8)
	err := s.Admin(t).CreateNetwork(api.NetworksPost{
		Name: name,
		Type: "bridge",
		NetworkPut: api.NetworkPut{Config: map[string]string{
			"ipv4.address": "none",
			"ipv6.address": "none",
		}},
	})
	if err != nil {
		t.Fatalf("%s: create bridge %s: %v", s.Role, name, err)
	}
	t.Cleanup(func() {
		if err := s.PurgeProject(project); err != nil {
			t.Errorf("%s: cleanup of project %s before bridge %s: %v", s.Role, project, name, err)
		}
		c, err := incus.ConnectIncusUnix(s.Socket, nil)
		if err == nil {
			defer c.Disconnect()
			err = c.DeleteNetwork(name)
		}
		if err != nil {
			t.Errorf("%s: delete bridge %s: %v", s.Role, name, err)
		}
	})
	return name
}

// CreateVolume creates an empty custom filesystem volume in project on pool.
func (s *LabServer) CreateVolume(t testing.TB, project, pool, name string) {
	t.Helper()
	err := s.Admin(t).UseProject(project).CreateStoragePoolVolume(pool, api.StorageVolumesPost{
		Name: name, Type: "custom", ContentType: "filesystem",
	})
	if err != nil {
		t.Fatalf("%s: create volume %s/%s/%s: %v", s.Role, project, pool, name, err)
	}
}

// SnapshotInstance creates snapshot snap of an instance.
func (s *LabServer) SnapshotInstance(t testing.TB, project, instance, snap string) {
	t.Helper()
	c := s.Admin(t).UseProject(project)
	if err := wait(c.CreateInstanceSnapshot(instance, api.InstanceSnapshotsPost{Name: snap})); err != nil {
		t.Fatalf("%s: snapshot instance %s/%s/%s: %v", s.Role, project, instance, snap, err)
	}
}

// SnapshotVolume creates snapshot snap of a custom volume.
func (s *LabServer) SnapshotVolume(t testing.TB, project, pool, volume, snap string) {
	t.Helper()
	c := s.Admin(t).UseProject(project)
	if err := wait(c.CreateStoragePoolVolumeSnapshot(pool, "custom", volume, api.StorageVolumeSnapshotsPost{Name: snap})); err != nil {
		t.Fatalf("%s: snapshot volume %s/%s/%s/%s: %v", s.Role, project, pool, volume, snap, err)
	}
}

// SnapshotNames lists the snapshot names (without "parent/") of an instance
// (kind KindInstance, name = instance) or of a custom volume (kind
// KindVolume, name = "pool/volume"), sorted. No snapshots, or a missing
// instance or volume, yields nil.
func (s *LabServer) SnapshotNames(t testing.TB, project, kind, name string) []string {
	t.Helper()
	c := s.Admin(t).UseProject(project)
	var names []string
	var err error
	switch kind {
	case KindInstance:
		names, err = c.GetInstanceSnapshotNames(name)
	case KindVolume:
		pool, vol, ok := strings.Cut(name, "/")
		if !ok {
			t.Fatalf("SnapshotNames: volume name %q is not pool/volume", name)
		}
		names, err = c.GetStoragePoolVolumeSnapshotNames(pool, "custom", vol)
	default:
		t.Fatalf("SnapshotNames: unknown kind %q", kind)
	}
	if api.StatusErrorCheck(err, 404) {
		return nil
	}
	if err != nil {
		t.Fatalf("%s: snapshots of %s %s/%s: %v", s.Role, kind, project, name, err)
	}
	if len(names) == 0 {
		return nil
	}
	for i, n := range names {
		// Some servers return full "parent/snap" names.
		if _, after, ok := strings.Cut(n, "/"); ok {
			names[i] = after
		}
	}
	slices.Sort(names)
	return names
}

// WriteInstanceFile writes content to path (absolute, inside the instance)
// through the API, owned by root, mode 0644; parent directories must exist
// (/root, /tmp and /etc do). It works on running and stopped containers.
func (s *LabServer) WriteInstanceFile(t testing.TB, project, instance, path string, content []byte) {
	t.Helper()
	c := s.Admin(t).UseProject(project)
	err := c.CreateInstanceFile(instance, path, incus.InstanceFileArgs{
		Content: bytes.NewReader(content), Mode: 0o644, Type: "file", WriteMode: "overwrite",
	})
	if err != nil {
		t.Fatalf("%s: write %s into instance %s/%s: %v", s.Role, path, project, instance, err)
	}
}

// WriteVolumeFile writes content to path (relative to the volume's root;
// parent directories are created) of a custom volume, through the host.
func (s *LabServer) WriteVolumeFile(t testing.TB, project, pool, volume, path string, content []byte) {
	t.Helper()
	p := filepath.Join(s.VolumePath(t, project, pool, volume, ""), path)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatalf("%s: write into volume %s/%s/%s: %v", s.Role, project, pool, volume, err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatalf("%s: write into volume %s/%s/%s: %v", s.Role, project, pool, volume, err)
	}
}

// InstanceFileSHA256 returns the hex sha256 of file path (absolute, inside
// the instance) in an instance (snapshot "") or in one of its snapshots,
// read through the host. It returns "" if the file does not exist.
func (s *LabServer) InstanceFileSHA256(t testing.TB, project, instance, snapshot, path string) string {
	t.Helper()
	return fileSHA256(t, filepath.Join(s.InstancePath(t, project, instance, snapshot), "rootfs", path))
}

// VolumeFileSHA256 returns the hex sha256 of file path (relative to the
// volume's root) in a custom volume (snapshot "") or one of its snapshots,
// read through the host. It returns "" if the file does not exist.
func (s *LabServer) VolumeFileSHA256(t testing.TB, project, pool, volume, snapshot, path string) string {
	t.Helper()
	return fileSHA256(t, filepath.Join(s.VolumePath(t, project, pool, volume, snapshot), path))
}

// SHA256 returns the hex sha256 of content, to compare with the *SHA256
// helpers.
func SHA256(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

func fileSHA256(t testing.TB, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatalf("hash %s: %v", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatalf("hash %s: %v", path, err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// storageName is how Incus names a project's object on disk: the default
// project's without a prefix for instances, "<project>_<name>" otherwise.
func storageName(project, name string, isInstance bool) string {
	if project == "" || (project == api.ProjectDefaultName && isInstance) {
		return name
	}
	return project + "_" + name
}

// InstancePath returns the host directory of a container (snapshot "") or
// of one of its snapshots: it holds backup.yaml, metadata.yaml and rootfs/.
// The container's root pool is read from the server.
func (s *LabServer) InstancePath(t testing.TB, project, instance, snapshot string) string {
	t.Helper()
	inst := s.Instance(t, project, instance)
	if inst == nil {
		t.Fatalf("%s: instance %s/%s does not exist", s.Role, project, instance)
	}
	pool := inst.ExpandedDevices["root"]["pool"]
	if pool == "" {
		t.Fatalf("%s: instance %s/%s has no root pool", s.Role, project, instance)
	}
	dir := filepath.Join(s.IncusDir, "storage-pools", pool, "containers", storageName(project, instance, true))
	if snapshot != "" {
		dir = filepath.Join(s.IncusDir, "storage-pools", pool, "containers-snapshots", storageName(project, instance, true), snapshot)
	}
	return dir
}

// VolumePath returns the host directory of a custom volume (snapshot "") or
// of one of its snapshots: the volume's root.
func (s *LabServer) VolumePath(t testing.TB, project, pool, volume, snapshot string) string {
	t.Helper()
	if snapshot != "" {
		return filepath.Join(s.IncusDir, "storage-pools", pool, "custom-snapshots", storageName(project, volume, false), snapshot)
	}
	return filepath.Join(s.IncusDir, "storage-pools", pool, "custom", storageName(project, volume, false))
}

// TrustToken returns a trust token for a new client certificate named name.
// With projects, the certificate will be restricted to them. When the test
// ends, the token (if unused) and any certificate named name are removed.
func (s *LabServer) TrustToken(t testing.TB, name string, projects ...string) string {
	t.Helper()
	c := s.Admin(t)
	req := api.CertificatesPost{
		CertificatePut: api.CertificatePut{
			Name:       name,
			Type:       api.CertificateTypeClient,
			Restricted: len(projects) > 0,
			Projects:   projects,
		},
		Token: true,
	}
	op, err := c.CreateCertificateToken(req)
	if err != nil {
		t.Fatalf("%s: create trust token %q: %v", s.Role, name, err)
	}
	opAPI := op.Get()
	token, err := opAPI.ToCertificateAddToken()
	if err != nil {
		t.Fatalf("%s: decode trust token %q: %v", s.Role, name, err)
	}
	t.Cleanup(func() {
		c, err := incus.ConnectIncusUnix(s.Socket, nil)
		if err != nil {
			t.Errorf("%s: cleanup of trust %q: %v", s.Role, name, err)
			return
		}
		defer c.Disconnect()
		_ = c.DeleteOperation(opAPI.ID) // gone once the token was used
		s.deleteCertificates(t, c, name)
	})
	return token.String()
}

func (s *LabServer) deleteCertificates(t testing.TB, c incus.InstanceServer, name string) {
	certs, err := c.GetCertificates()
	if err != nil {
		t.Errorf("%s: list certificates: %v", s.Role, err)
		return
	}
	for _, cert := range certs {
		if cert.Name == name {
			if err := c.DeleteCertificate(cert.Fingerprint); err != nil {
				t.Errorf("%s: delete certificate %q: %v", s.Role, name, err)
			}
		}
	}
}

// ClientCert is a client certificate and key, PEM-encoded.
type ClientCert struct {
	CertPEM string
	KeyPEM  string
}

// NewClientCert generates a self-signed ECDSA P-384 client certificate.
func NewClientCert(t testing.TB, commonName string) ClientCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatalf("generate key: %v", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		t.Fatalf("serial: %v", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: commonName, Organization: []string{"IAB e2e"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatalf("create certificate: %v", err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatalf("marshal key: %v", err)
	}
	return ClientCert{
		CertPEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		KeyPEM:  string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})),
	}
}

// FetchServerCertPEM connects to the server's HTTPS address without
// verification and returns the certificate it presents, PEM-encoded: the
// trust-on-first-use step. Compare it with ServerCertPEM to check the pin.
func (s *LabServer) FetchServerCertPEM(t testing.TB) string {
	t.Helper()
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatalf("%s: parse %s: %v", s.Role, s.URL, err)
	}
	conn, err := tls.Dial("tcp", u.Host, &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // TOFU: the pin is what is being fetched
	if err != nil {
		t.Fatalf("%s: TLS dial %s: %v", s.Role, u.Host, err)
	}
	defer conn.Close()
	certs := conn.ConnectionState().PeerCertificates
	if len(certs) == 0 {
		t.Fatalf("%s: %s presented no certificate", s.Role, u.Host)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certs[0].Raw}))
}

// ServerCertPEM returns the server's certificate as the daemon itself
// reports it over the unix socket (the reference for a pinned certificate).
func (s *LabServer) ServerCertPEM(t testing.TB) string {
	t.Helper()
	srv, _, err := s.Admin(t).GetServer()
	if err != nil {
		t.Fatalf("%s: get server: %v", s.Role, err)
	}
	return srv.Environment.Certificate
}

// ConnectTLS connects over HTTPS with a pinned server certificate and a
// client certificate; trust is not checked.
func (s *LabServer) ConnectTLS(t testing.TB, serverCertPEM string, cc ClientCert) incus.InstanceServer {
	t.Helper()
	c, err := incus.ConnectIncus(s.URL, &incus.ConnectionArgs{
		TLSServerCert: serverCertPEM,
		TLSClientCert: cc.CertPEM,
		TLSClientKey:  cc.KeyPEM,
	})
	if err != nil {
		t.Fatalf("%s: connect to %s: %v", s.Role, s.URL, err)
	}
	return c
}

// ConnectTrusted returns an HTTPS client of the server whose fresh client
// certificate was added with a trust token named name (restricted to
// projects when given). The certificate is removed when the test ends.
func (s *LabServer) ConnectTrusted(t testing.TB, name string, projects ...string) incus.InstanceServer {
	t.Helper()
	cc := NewClientCert(t, name)
	token := s.TrustToken(t, name, projects...)
	c := s.ConnectTLS(t, s.FetchServerCertPEM(t), cc)
	if err := c.CreateCertificate(api.CertificatesPost{TrustToken: token}); err != nil {
		t.Fatalf("%s: add client certificate with trust token: %v", s.Role, err)
	}
	// Reconnect: the connection caches the server info fetched as untrusted.
	c = s.ConnectTLS(t, s.FetchServerCertPEM(t), cc)
	srv, _, err := c.GetServer()
	if err != nil || srv.Auth != "trusted" {
		t.Fatalf("%s: not trusted after adding certificate (auth %q, err %v)", s.Role, srvAuth(srv), err)
	}
	return c
}

func srvAuth(srv *api.Server) string {
	if srv == nil {
		return ""
	}
	return srv.Auth
}
