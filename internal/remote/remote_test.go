package remote

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/creds"
	"github.com/iab-project/iab/internal/remote/fakeincus"
)

// setup returns a credential dir whose client certificate the fake server
// trusts and where the fake server's certificate is pinned.
func setup(t *testing.T, f *fakeincus.Server) string {
	t.Helper()
	dir := t.TempDir() + "/creds"
	store, err := creds.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	cc, _, err := store.EnsureClientCert(time.Now(), "iab@test")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SavePin(f.URL, f.Cert.Raw); err != nil {
		t.Fatal(err)
	}
	s, err := ConnectPinned(context.Background(), Params{URL: f.URL, Client: cc, Pin: f.Cert, AllowUntrusted: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Trusted() {
		t.Fatal("fresh certificate already trusted")
	}
	if err := s.CreateCertificate(api.CertificatesPost{TrustToken: f.Token("iab", time.Time{}, nil)}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestConnectTrustedWithPin(t *testing.T) {
	f := fakeincus.New(t, "nas")
	dir := setup(t, f)
	s, err := Connect(context.Background(), dir, "source", "nas", f.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Trusted() {
		t.Error("not trusted")
	}
	if got, want := s.String(), `source "nas" (`+f.URL+`)`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if s.Info().Environment.ServerName != "nas" {
		t.Errorf("server name %q", s.Info().Environment.ServerName)
	}
}

func TestConnectKeepsConnectionsAlive(t *testing.T) {
	f := fakeincus.New(t, "nas")
	dir := setup(t, f)
	before := f.Accepted()
	s, err := Connect(context.Background(), dir, "source", "nas", f.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := s.UseProject("p") // opens (here: tries) the project's event listener
	afterConnect := s.Dials()
	for i := 0; i < 100; i++ {
		if _, _, err := s.GetServer(); err != nil {
			t.Fatal(err)
		}
		if s.UseProject("p") != p {
			t.Fatal("UseProject returned a new client for the same project")
		}
		if _, _, err := p.GetCertificate("x"); err == nil {
			t.Fatal("fake server found certificate x")
		}
	}
	// One connection carries every request (the fake has no /1.0/events:
	// the listener attempts of Connect and UseProject cost a dial each).
	if s.Dials() != afterConnect {
		t.Errorf("100 requests opened %d new connections (after connect: %d)", s.Dials()-afterConnect, afterConnect)
	}
	if got := f.Accepted() - before; got != s.Dials() || got > 3 {
		t.Errorf("server accepted %d connections, client counted %d; want the same, at most 3", got, s.Dials())
	}
	t.Logf("connections for connect + 200 requests: %d", s.Dials())
}

func TestConnectPinMismatch(t *testing.T) {
	f := fakeincus.New(t, "nas")
	dir := setup(t, f)
	other := fakeincus.New(t, "other")
	// The pin of f's address now holds another server's certificate.
	store, _ := creds.Open(dir)
	if err := store.SavePin(f.URL, other.Cert.Raw); err != nil {
		t.Fatal(err)
	}
	requests := f.Requests
	_, err := Connect(context.Background(), dir, "target", "nas", f.URL)
	if err == nil {
		t.Fatal("connected despite a pin mismatch")
	}
	var pm *PinMismatchError
	if !errors.As(err, &pm) {
		t.Errorf("error is not a *PinMismatchError: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{`target "nas"`, f.URL, "mismatch", f.Fingerprint(), "iab onboard --target-url " + f.URL} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q: %s", want, msg)
		}
	}
	if f.Requests != requests {
		t.Error("a request was sent to a server whose certificate did not match the pin")
	}
}

func TestConnectUntrustedFails(t *testing.T) {
	f := fakeincus.New(t, "nas")
	dir := t.TempDir()
	store, _ := creds.Create(dir)
	if _, _, err := store.EnsureClientCert(time.Now(), "x"); err != nil {
		t.Fatal(err)
	}
	if err := store.SavePin(f.URL, f.Cert.Raw); err != nil {
		t.Fatal(err)
	}
	_, err := Connect(context.Background(), dir, "source", "nas", f.URL)
	if err == nil || !strings.Contains(err.Error(), "does not trust") || !strings.Contains(err.Error(), "iab onboard") {
		t.Errorf("untrusted connection: %v", err)
	}
}

func TestConnectMissingMaterial(t *testing.T) {
	f := fakeincus.New(t, "nas")
	dir := setup(t, f)
	// No pin for another port of the same host.
	host, _, _ := strings.Cut(strings.TrimPrefix(f.URL, "https://"), ":")
	other := "https://" + host + ":1"
	if _, err := Connect(context.Background(), dir, "source", "x", other); !errors.Is(err, creds.ErrNotFound) {
		t.Errorf("Connect without pin = %v, want ErrNotFound", err)
	}
	// A group-writable credential directory is refused.
	if err := os.Chmod(dir, 0o770); err != nil {
		t.Fatal(err)
	}
	_, err := Connect(context.Background(), dir, "source", "x", f.URL)
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "0770") {
		t.Errorf("group-writable cred dir: %v", err)
	}
}

func TestConnectDoesNotAnswer(t *testing.T) {
	f := fakeincus.New(t, "nas")
	dir := setup(t, f)
	f.Close()
	_, err := Connect(context.Background(), dir, "source", "nas", f.URL)
	if err == nil || !strings.Contains(err.Error(), f.URL) || !strings.Contains(err.Error(), "cannot connect") {
		t.Errorf("Connect to a closed server: %v", err)
	}
}

func TestCheckExtensions(t *testing.T) {
	f := fakeincus.New(t, "nas")
	f.Exts = []string{ExtContainerIncrementalCopy, ExtCustomVolumeRefresh, ExtCertificateProject}
	dir := setup(t, f)
	s, err := Connect(context.Background(), dir, "target", "nas", f.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.HasExtension(ExtCustomVolumeRefresh) || s.HasExtension(ExtSnapshotExpiryCreation) {
		t.Error("HasExtension wrong")
	}
	err = s.CheckExtensions(RequiredExtensions...)
	if err == nil {
		t.Fatal("missing extensions not reported")
	}
	for _, want := range []string{`target "nas"`, f.URL, ExtSnapshotExpiryCreation, ExtCustomVolumeSnapshotExpiry, "6.0.4"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if strings.Contains(err.Error(), ExtCustomVolumeRefresh+",") {
		t.Errorf("error names a present extension: %v", err)
	}
	if err := s.CheckExtensions(ExtContainerIncrementalCopy); err != nil {
		t.Error(err)
	}
}

func TestFetchCertificate(t *testing.T) {
	f := fakeincus.New(t, "nas")
	c, err := FetchCertificate(context.Background(), f.URL)
	if err != nil {
		t.Fatal(err)
	}
	if creds.Fingerprint(c.Raw) != f.Fingerprint() {
		t.Error("fetched another certificate")
	}
	if f.Requests != 0 {
		t.Error("FetchCertificate sent a request")
	}
}

func TestExtensionLists(t *testing.T) {
	all := append(append([]string(nil), RequiredExtensions...), OptionalExtensions...)
	want := []string{"container_incremental_copy", "custom_volume_refresh", "custom_volume_refresh_exclude_older_snapshots", "snapshot_expiry_creation", "custom_volume_snapshot_expiry", "certificate_project"}
	if len(all) != len(want) {
		t.Fatalf("extensions %v, want %v", all, want)
	}
	for _, w := range want {
		found := 0
		for _, a := range all {
			if a == w {
				found++
			}
		}
		if found != 1 {
			t.Errorf("%s listed %d times", w, found)
		}
	}
	for _, o := range OptionalExtensions {
		if o != ExtCustomVolumeRefreshExcludeOlder {
			t.Errorf("unexpected optional extension %s", o)
		}
	}
}
