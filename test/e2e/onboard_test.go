package e2e

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	incus "github.com/lxc/incus/v7/client"
	"github.com/lxc/incus/v7/shared/api"
	localtls "github.com/lxc/incus/v7/shared/tls"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/creds"
	"github.com/iab-project/iab/internal/remote"
)

// onbClientFingerprint is the fingerprint of IAB's client certificate in credDir.
func onbClientFingerprint(t *testing.T, credDir string) string {
	t.Helper()
	store, err := creds.Open(credDir)
	if err != nil {
		t.Fatal(err)
	}
	cc, err := store.ClientCert()
	if err != nil {
		t.Fatal(err)
	}
	return cc.Fingerprint
}

// onbTrustedWith counts the certificates on s with fingerprint fp.
func onbTrustedWith(t *testing.T, s *LabServer, fp string) int {
	t.Helper()
	certs, err := s.Admin(t).GetCertificates()
	if err != nil {
		t.Fatalf("%s: list certificates: %v", s.Role, err)
	}
	n := 0
	for _, c := range certs {
		if c.Fingerprint == fp {
			n++
		}
	}
	return n
}

func onbCertCount(t *testing.T, s *LabServer) int {
	t.Helper()
	certs, err := s.Admin(t).GetCertificates()
	if err != nil {
		t.Fatalf("%s: list certificates: %v", s.Role, err)
	}
	return len(certs)
}

// onbConnectBoth connects to both configured hosts with the stored material.
func onbConnectBoth(t *testing.T, cfg *config.Config) (src, dst *remote.Server) {
	t.Helper()
	var out [2]*remote.Server
	for i, h := range []config.Host{cfg.Source(), cfg.Target()} {
		s, err := remote.Connect(context.Background(), cfg.IAB.CredDir, h.Role, h.Name, h.URL)
		if err != nil {
			t.Fatalf("connect %s: %v", h.Role, err)
		}
		t.Cleanup(s.Close)
		out[i] = s
	}
	return out[0], out[1]
}

func onbFileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestOnboardLabBothTrusted(t *testing.T) {
	lab := RequireLab(t)
	workDir := onboardLab(t, lab)

	cfg, err := config.Load(filepath.Join(workDir, "config.json"))
	if err != nil {
		t.Fatalf("config.Load of the onboarded config.json: %v", err)
	}
	if cfg.IAB.UUID == "" || !filepath.IsAbs(cfg.IAB.CredDir) || len(cfg.Projects) != 0 {
		t.Errorf("iab %+v, projects %v", cfg.IAB, cfg.Projects)
	}
	if cfg.Source().URL != lab.Source.URL || cfg.Target().URL != lab.Target.URL {
		t.Errorf("hosts %+v", cfg.Hosts)
	}
	if cfg.Source().Name == "" || cfg.Source().Name == cfg.Target().Name {
		t.Errorf("host names %q and %q", cfg.Source().Name, cfg.Target().Name)
	}

	src, dst := onbConnectBoth(t, cfg)
	for _, s := range []*remote.Server{src, dst} {
		if !s.Trusted() {
			t.Errorf("%s: not trusted", s)
		}
		if err := s.CheckExtensions(remote.RequiredExtensions...); err != nil {
			t.Error(err)
		}
		// A real authenticated call.
		if _, err := s.GetProjectNames(); err != nil {
			t.Errorf("%s: list projects: %v", s, err)
		}
	}
	fp := onbClientFingerprint(t, cfg.IAB.CredDir)
	for _, s := range lab.Servers() {
		if n := onbTrustedWith(t, s, fp); n != 1 {
			t.Errorf("%s trusts IAB's certificate %d times, want 1", s.Role, n)
		}
	}

	// Modes: credential dirs 0700, credential files 0600, config.json 0600.
	d := cfg.IAB.CredDir
	for path, want := range map[string]os.FileMode{
		d: 0o700, filepath.Join(d, creds.ServersDir): 0o700,
		filepath.Join(d, creds.ClientCertFile): 0o600, filepath.Join(d, creds.ClientKeyFile): 0o600,
		filepath.Join(workDir, "config.json"): 0o600,
	} {
		if got := onbFileMode(t, path); got != want {
			t.Errorf("%s: mode %04o, want %04o", path, got, want)
		}
	}
	entries, err := os.ReadDir(filepath.Join(d, creds.ServersDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if got := onbFileMode(t, filepath.Join(d, creds.ServersDir, e.Name())); got != 0o600 {
			t.Errorf("pin %s: mode %04o, want 0600", e.Name(), got)
		}
	}
}

// The lab's two servers listen on one host with different ports: both pins
// must be kept, each with its own server's certificate.
func TestOnboardLabSameHostDifferentPorts(t *testing.T) {
	lab := RequireLab(t)
	srcHP, _ := creds.HostPort(lab.Source.URL)
	dstHP, _ := creds.HostPort(lab.Target.URL)
	srcHost, _, _ := net.SplitHostPort(srcHP)
	dstHost, _, _ := net.SplitHostPort(dstHP)
	if srcHost != dstHost {
		skipUnlessRequired(t, "lab servers are on different hosts (%s, %s)", srcHP, dstHP)
	}
	workDir := onboardLab(t, lab)
	cfg := loadOnboardedConfig(t, workDir)
	store, err := creds.Open(cfg.IAB.CredDir)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(store.Dir(), creds.ServersDir))
	if len(entries) != 2 {
		t.Fatalf("servers/ holds %d pins, want 2: %v", len(entries), entries)
	}
	for _, s := range lab.Servers() {
		pinPEM, _, err := store.Pin(s.URL)
		if err != nil {
			t.Fatal(err)
		}
		if !onbSamePEM(t, string(pinPEM), s.ServerCertPEM(t)) {
			t.Errorf("%s: pin for %s is not the server's own certificate", s.Role, s.URL)
		}
	}
	src, dst := onbConnectBoth(t, cfg)
	if !src.Trusted() || !dst.Trusted() {
		t.Error("not trusted")
	}
}

func onbSamePEM(t *testing.T, a, b string) bool {
	t.Helper()
	ba, _ := pem.Decode([]byte(a))
	bb, _ := pem.Decode([]byte(b))
	if ba == nil || bb == nil {
		t.Fatalf("not PEM")
	}
	ca, err1 := x509.ParseCertificate(ba.Bytes)
	cb, err2 := x509.ParseCertificate(bb.Bytes)
	if err1 != nil || err2 != nil {
		t.Fatalf("parse: %v %v", err1, err2)
	}
	return ca.Equal(cb)
}

func TestOnboardLabRerunNoDuplicates(t *testing.T) {
	lab := RequireLab(t)
	workDir, credDir := onboardDirs(t)
	if res := onboardLabInto(t, lab, workDir, credDir); res.Code != 0 {
		t.Fatalf("first onboarding: exit %d", res.Code)
	}
	fp := onbClientFingerprint(t, credDir)
	before := [2]int{onbCertCount(t, lab.Source), onbCertCount(t, lab.Target)}
	uuid := loadOnboardedConfig(t, workDir).IAB.UUID

	// Without --force the existing config.json is refused (usage, exit 2).
	res := onboardLabInto(t, lab, workDir, credDir)
	if res.Code != 2 || !strings.Contains(res.Stderr, "already exists") || !strings.Contains(res.Stderr, "--force") {
		t.Errorf("re-run without --force: exit %d, stderr %q", res.Code, res.Stderr)
	}

	// With --force and fresh tokens (camelCase flags, as older docs spell
	// them): succeeds, registers nothing new.
	name := "iab-" + randomSuffix(t, 8)
	res = runIAB(t, workDir, nil, "onboard",
		"--sourceURL", lab.Source.URL, "--sourceToken", lab.Source.TrustToken(t, name),
		"--targetURL", lab.Target.URL, "--targetToken", lab.Target.TrustToken(t, name),
		"--iabCredDir", credDir, "--force")
	if res.Code != 0 || strings.Count(res.Stdout, "already trusted") != 2 {
		t.Fatalf("re-run with --force: exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	// And without tokens: the pins vouch for the servers.
	res = runIAB(t, workDir, nil, "onboard", "--source-url", lab.Source.URL, "--target-url", lab.Target.URL, "--iab-cred-dir", credDir, "--force")
	if res.Code != 0 {
		t.Fatalf("re-run without tokens: exit %d", res.Code)
	}

	if onbClientFingerprint(t, credDir) != fp {
		t.Error("the client certificate was replaced")
	}
	after := [2]int{onbCertCount(t, lab.Source), onbCertCount(t, lab.Target)}
	if after != before {
		t.Errorf("certificates on source/target: %v before, %v after re-runs", before, after)
	}
	for _, s := range lab.Servers() {
		if n := onbTrustedWith(t, s, fp); n != 1 {
			t.Errorf("%s trusts IAB's certificate %d times, want 1", s.Role, n)
		}
	}
	if got := loadOnboardedConfig(t, workDir).IAB.UUID; got != uuid {
		t.Errorf("uuid changed from %s to %s", uuid, got)
	}
	// The unused tokens are still pending: the re-run did not consume them.
	tokens, err := lab.Source.Admin(t).GetOperations()
	if err != nil {
		t.Fatal(err)
	}
	pending := 0
	for _, op := range tokens {
		if op.Class == api.OperationClassToken && op.StatusCode == api.Running {
			if tok, err := op.ToCertificateAddToken(); err == nil && tok.ClientName == name {
				pending++
			}
		}
	}
	if pending != 1 {
		t.Errorf("source: %d pending tokens named %s, want 1 (unused)", pending, name)
	}
}

// A token made by one server, used against the other: refused, nothing
// written, the token not consumed.
func TestOnboardLabTokenForOtherServer(t *testing.T) {
	lab := RequireLab(t)
	workDir, credDir := onboardDirs(t)
	name := "iab-" + randomSuffix(t, 8)
	srcToken := lab.Source.TrustToken(t, name)
	before := [2]int{onbCertCount(t, lab.Source), onbCertCount(t, lab.Target)}
	// Source and target swapped: each token meets the other server.
	res := runIAB(t, workDir, nil, "onboard",
		"--source-url", lab.Target.URL, "--source-token", srcToken,
		"--target-url", lab.Source.URL, "--target-token", lab.Target.TrustToken(t, name),
		"--iab-cred-dir", credDir)
	if res.Code != 1 {
		t.Errorf("exit %d, want 1", res.Code)
	}
	tok, _ := localtls.CertificateTokenDecode(srcToken)
	targetFP, _ := localtls.CertFingerprintStr(lab.Target.ServerCertPEM(t))
	for _, want := range []string{"refusing", lab.Target.URL, tok.Fingerprint, targetFP, "Nothing was written"} {
		if !strings.Contains(res.Stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, res.Stderr)
		}
	}
	onbAssertNotExist(t, credDir)
	onbAssertNotExist(t, filepath.Join(workDir, "config.json"))
	if after := [2]int{onbCertCount(t, lab.Source), onbCertCount(t, lab.Target)}; after != before {
		t.Errorf("certificates on source/target: %v, had %v", after, before)
	}
}

func onbAssertNotExist(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s exists (err %v), want nothing written", path, err)
	}
}

func TestOnboardLabBadTokens(t *testing.T) {
	lab := RequireLab(t)
	name := "iab-" + randomSuffix(t, 8)
	good := lab.Target.TrustToken(t, name)
	expiredTok, err := localtls.CertificateTokenDecode(lab.Source.TrustToken(t, name))
	if err != nil {
		t.Fatal(err)
	}
	expiredTok.ExpiresAt = time.Now().Add(-time.Minute)
	for _, c := range []struct {
		name, token, want string
	}{
		{"expired", expiredTok.String(), "expired at"},
		{"garbled", "eyJub3QiOiJhIHRva2Vu", "does not decode"},
		{"not base64", "%%%not-a-token%%%", "not valid base64"},
	} {
		t.Run(c.name, func(t *testing.T) {
			workDir, credDir := onboardDirs(t)
			res := runIAB(t, workDir, nil, "onboard",
				"--source-url", lab.Source.URL, "--source-token", c.token,
				"--target-url", lab.Target.URL, "--target-token", good,
				"--iab-cred-dir", credDir)
			if res.Code != 2 || !strings.Contains(res.Stderr, "--source-token") || !strings.Contains(res.Stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 naming --source-token and %q", res.Code, res.Stderr, c.want)
			}
			onbAssertNotExist(t, credDir)
		})
	}
	// Usage: a server with neither URL nor token.
	workDir, credDir := onboardDirs(t)
	res := runIAB(t, workDir, nil, "onboard", "--target-url", lab.Target.URL, "--target-token", good, "--iab-cred-dir", credDir)
	if res.Code != 2 || !strings.Contains(res.Stderr, "--source-token") {
		t.Errorf("no source: exit %d, stderr %q", res.Code, res.Stderr)
	}
}

func TestOnboardLabURLDoesNotAnswer(t *testing.T) {
	lab := RequireLab(t)
	// A port nobody listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadURL := "https://" + l.Addr().String()
	l.Close()
	workDir, credDir := onboardDirs(t)
	name := "iab-" + randomSuffix(t, 8)
	res := runIAB(t, workDir, nil, "onboard",
		"--source-url", deadURL, "--source-token", lab.Source.TrustToken(t, name),
		"--target-url", lab.Target.URL, "--target-token", lab.Target.TrustToken(t, name),
		"--iab-cred-dir", credDir)
	if res.Code != 1 || !strings.Contains(res.Stderr, deadURL) || !strings.Contains(res.Stderr, "cannot connect") {
		t.Errorf("exit %d, stderr %q; want exit 1 naming %s", res.Code, res.Stderr, deadURL)
	}
	onbAssertNotExist(t, credDir)
}

// A restricted token: onboarding works, IAB works in the allowed project,
// and another project fails with a clear message.
func TestOnboardLabRestrictedToken(t *testing.T) {
	lab := RequireLab(t)
	allowed := NewProject(t, lab)
	other := NewProject(t, lab)
	lab.Source.CreateContainer(t, allowed, "c1", false)
	lab.Source.CreateContainer(t, other, "c2", false)

	workDir, credDir := onboardDirs(t)
	name := "iab-" + randomSuffix(t, 8)
	res := runIAB(t, workDir, nil, "onboard",
		"--source-url", lab.Source.URL, "--source-token", lab.Source.TrustToken(t, name, allowed),
		"--target-url", lab.Target.URL, "--target-token", lab.Target.TrustToken(t, name, allowed),
		"--iab-cred-dir", credDir)
	if res.Code != 0 {
		t.Fatalf("restricted onboarding: exit %d", res.Code)
	}
	if strings.Count(res.Stdout, "restricted to projects: "+allowed) != 2 {
		t.Errorf("output does not report the restriction:\n%s", res.Stdout)
	}
	cfg, err := config.Load(filepath.Join(workDir, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	src, dst := onbConnectBoth(t, cfg)
	if !src.Trusted() || !dst.Trusted() {
		t.Fatal("not trusted")
	}
	names, err := src.UseProject(allowed).GetInstanceNames(api.InstanceTypeAny)
	if err != nil || len(names) != 1 || names[0] != "c1" {
		t.Errorf("allowed project: instances %v, err %v", names, err)
	}
	if err := src.CheckProject(allowed); err != nil {
		t.Errorf("CheckProject(allowed): %v", err)
	}
	if _, err := dst.UseProject(allowed).GetInstanceNames(api.InstanceTypeAny); err != nil {
		t.Errorf("target, allowed project: %v", err)
	}
	names, err = src.UseProject(other).GetInstanceNames(api.InstanceTypeAny)
	if err == nil {
		t.Errorf("other project listed with a restricted certificate: %v", names)
	} else {
		t.Logf("other project, raw client error: %v", err)
		if !strings.Contains(err.Error(), other) {
			t.Errorf("the client's own error does not name the project: %v", err)
		}
	}
	err = src.CheckProject(other)
	if err == nil {
		t.Fatal("CheckProject(other) passed")
	}
	t.Logf("CheckProject(other): %v", err)
	for _, want := range []string{`source "`, lab.Source.URL, `project "` + other + `"`, "restricted", "incus config trust edit"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("CheckProject error lacks %q: %v", want, err)
		}
	}
	// Nothing was created in the other project.
	if inst := lab.Source.Instance(t, other, "c2"); inst == nil {
		t.Error("c2 vanished")
	}
}

// A server whose certificate no longer matches the pin: a clear error that
// says how to re-onboard.
func TestOnboardLabPinMismatchLater(t *testing.T) {
	lab := RequireLab(t)
	workDir := onboardLab(t, lab)
	cfg := loadOnboardedConfig(t, workDir)
	store, err := creds.Open(cfg.IAB.CredDir)
	if err != nil {
		t.Fatal(err)
	}
	// Pretend the source's certificate changed: its pin now holds the
	// target's certificate.
	_, targetCert, err := store.Pin(lab.Target.URL)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SavePin(lab.Source.URL, targetCert.Raw); err != nil {
		t.Fatal(err)
	}
	_, err = remote.Connect(context.Background(), cfg.IAB.CredDir, "source", cfg.Source().Name, cfg.Source().URL)
	var pm *remote.PinMismatchError
	if !errors.As(err, &pm) {
		t.Fatalf("Connect with a wrong pin: %v, want a *remote.PinMismatchError", err)
	}
	for _, want := range []string{"mismatch", lab.Source.URL, "iab onboard --source-url " + lab.Source.URL} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	// The target still connects.
	s, err := remote.Connect(context.Background(), cfg.IAB.CredDir, "target", cfg.Target().Name, cfg.Target().URL)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Onboarding again without a token refuses the changed certificate.
	res := runIAB(t, workDir, nil, "onboard", "--source-url", lab.Source.URL, "--target-url", lab.Target.URL, "--iab-cred-dir", cfg.IAB.CredDir, "--force")
	if res.Code != 1 || !strings.Contains(res.Stderr, "pinned one is") || !strings.Contains(res.Stderr, "--source-token") {
		t.Errorf("re-onboarding without token: exit %d, stderr %q", res.Code, res.Stderr)
	}
}

// onbCountingTransport counts the TCP connections a plain v7 client opens.
type onbCountingTransport struct {
	t *http.Transport
}

func (c onbCountingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return c.t.RoundTrip(r)
}
func (c onbCountingTransport) Transport() *http.Transport { return c.t }

// A run must not pay a TLS handshake per request: through remote.Connect,
// many requests and operations on a lab server use a handful of connections.
// The same work through a plain v7 client is shown for comparison.
func TestRemoteConnectionReuse(t *testing.T) {
	lab := RequireLab(t)
	p := NewProject(t, lab)
	lab.Source.CreateContainer(t, p, "c1", false)
	lab.Source.CreateVolume(t, p, PoolDefault, "v1")
	cfg := loadOnboardedConfig(t, onboardLab(t, lab))
	src, dst := onbConnectBoth(t, cfg)

	const rounds = 6
	work := func(t *testing.T, srcC, dstC incus.InstanceServer) {
		t.Helper()
		for i := 0; i < rounds; i++ {
			snap := "s" + string(rune('a'+i))
			if _, err := srcC.GetInstances(api.InstanceTypeAny); err != nil {
				t.Fatal(err)
			}
			if _, _, err := srcC.GetInstance("c1"); err != nil {
				t.Fatal(err)
			}
			if err := wait(srcC.CreateInstanceSnapshot("c1", api.InstanceSnapshotsPost{Name: snap})); err != nil {
				t.Fatal(err)
			}
			if err := wait(srcC.CreateStoragePoolVolumeSnapshot(PoolDefault, "custom", "v1", api.StorageVolumeSnapshotsPost{Name: snap})); err != nil {
				t.Fatal(err)
			}
			if _, err := dstC.GetInstanceNames(api.InstanceTypeAny); err != nil {
				t.Fatal(err)
			}
		}
		// Two refresh copies source -> target (operations on both servers).
		for i := 0; i < 2; i++ {
			inst, _, err := srcC.GetInstance("c1")
			if err != nil {
				t.Fatal(err)
			}
			op, err := dstC.CopyInstance(srcC, *inst, &incus.InstanceCopyArgs{Refresh: true, Mode: "push"})
			if err == nil {
				err = op.Wait()
			}
			if err != nil {
				t.Fatalf("copy: %v", err)
			}
		}
		for i := 0; i < rounds; i++ {
			snap := "s" + string(rune('a'+i))
			if err := wait(srcC.DeleteInstanceSnapshot("c1", snap)); err != nil {
				t.Fatal(err)
			}
			if err := wait(srcC.DeleteStoragePoolVolumeSnapshot(PoolDefault, "custom", "v1", snap)); err != nil {
				t.Fatal(err)
			}
		}
	}
	srcBefore, dstBefore := src.Dials(), dst.Dials()
	work(t, src.UseProject(p), dst.UseProject(p))
	srcDials, dstDials := src.Dials(), dst.Dials()
	const requests = rounds*5 + 2*2 + rounds*2
	t.Logf("remote.Connect: ~%d requests and %d operations; source %d connections (%d at connect), target %d connections (%d at connect)",
		requests, rounds*4+2, srcDials, srcBefore, dstDials, dstBefore)
	// Per server: the pooled HTTP connection and the project's event
	// websocket (one spare for a connection the server may close).
	if srcDials > 3 || dstDials > 3 {
		t.Errorf("connections: source %d, target %d; want at most 3 each", srcDials, dstDials)
	}

	// For comparison: the plain v7 client (keep-alive off, a websocket per
	// project client) with the same certificates.
	store, _ := creds.Open(cfg.IAB.CredDir)
	cc, _ := store.ClientCert()
	plain := func(s *LabServer, dials *int) incus.InstanceServer {
		pinPEM, _, err := store.Pin(s.URL)
		if err != nil {
			t.Fatal(err)
		}
		c, err := incus.ConnectIncus(s.URL, &incus.ConnectionArgs{
			TLSServerCert: string(pinPEM), TLSClientCert: string(cc.CertPEM), TLSClientKey: string(cc.KeyPEM),
			TransportWrapper: func(tr *http.Transport) incus.HTTPTransporter {
				dial := tr.DialTLSContext
				tr.DialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
					*dials++
					return dial(ctx, network, addr)
				}
				return onbCountingTransport{t: tr}
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.Disconnect)
		return c
	}
	var plainSrc, plainDst int
	ps, pd := plain(lab.Source, &plainSrc), plain(lab.Target, &plainDst)
	work(t, ps.UseProject(p), pd.UseProject(p))
	t.Logf("plain v7 client, same work: source %d connections, target %d connections", plainSrc, plainDst)
	if plainSrc <= srcDials {
		t.Logf("note: the plain client did not open more connections than remote.Connect")
	}
}
