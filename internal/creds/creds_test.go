package creds

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestDefaultDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		env  map[string]string
		want string
		err  bool
	}{
		{map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/home/u"}, "/x/incusAutobackup", false},
		{map[string]string{"HOME": "/home/u"}, "/home/u/.config/incusAutobackup", false},
		{map[string]string{}, "", true},
	}
	for _, c := range cases {
		got, err := DefaultDir(env(c.env))
		if (err != nil) != c.err || got != c.want {
			t.Errorf("DefaultDir(%v) = %q, %v; want %q (error %v)", c.env, got, err, c.want, c.err)
		}
	}
}

func TestCreateModesAndWritableDirRefused(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "a", "creds")
	s, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m := mode(t, dir); m != 0o700 {
		t.Errorf("created dir mode %04o, want 0700", m)
	}
	if _, _, err := s.EnsureClientCert(time.Now(), "iab@test"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{ClientCertFile, ClientKeyFile} {
		if m := mode(t, filepath.Join(dir, f)); m != 0o600 {
			t.Errorf("%s mode %04o, want 0600", f, m)
		}
	}
	for _, bad := range []os.FileMode{0o777, 0o770, 0o702, 0o720} {
		if err := os.Chmod(dir, bad); err != nil {
			t.Fatal(err)
		}
		_, err := Open(dir)
		if err == nil {
			t.Fatalf("Open accepted a dir with mode %04o", bad)
		}
		if !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "writable by group or others") {
			t.Errorf("error for mode %04o does not name dir and cause: %v", bad, err)
		}
		if !strings.Contains(err.Error(), "mode 0"+octal(bad)) {
			t.Errorf("error for mode %04o does not name the mode: %v", bad, err)
		}
	}
	// Readable by others but not writable is accepted (an operator's choice).
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err != nil {
		t.Errorf("Open refused mode 0755: %v", err)
	}
	if _, err := Open(filepath.Join(base, "missing")); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open(missing) = %v, want ErrNotFound", err)
	}
}

func octal(m os.FileMode) string {
	const digits = "01234567"
	p := uint32(m.Perm())
	return string([]byte{digits[(p>>6)&7], digits[(p>>3)&7], digits[p&7]})
}

func TestClientCertCreatedOnceAndReused(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClientCert(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ClientCert on empty store = %v, want ErrNotFound", err)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c1, created, err := s.EnsureClientCert(now, "iab@host")
	if err != nil || !created {
		t.Fatalf("first EnsureClientCert: created=%v err=%v", created, err)
	}
	c2, created, err := s.EnsureClientCert(now.Add(time.Hour), "iab@other")
	if err != nil || created {
		t.Fatalf("second EnsureClientCert: created=%v err=%v", created, err)
	}
	if c1.Fingerprint != c2.Fingerprint || string(c1.KeyPEM) != string(c2.KeyPEM) {
		t.Error("second EnsureClientCert returned a different certificate")
	}
	cert, err := ParseCertPEM(c1.CertPEM)
	if err != nil {
		t.Fatal(err)
	}
	pub, ok := cert.PublicKey.(*ecdsa.PublicKey)
	if !ok || pub.Curve != elliptic.P384() {
		t.Errorf("client key is %T, want ECDSA P-384", cert.PublicKey)
	}
	if cert.Subject.CommonName != "iab@host" || len(cert.ExtKeyUsage) != 1 || cert.ExtKeyUsage[0] != x509.ExtKeyUsageClientAuth {
		t.Errorf("client certificate subject %v, ext key usage %v", cert.Subject, cert.ExtKeyUsage)
	}
	if !cert.NotBefore.Before(now) || cert.NotAfter.Before(now.AddDate(5, 0, 0)) {
		t.Errorf("validity %s .. %s for now %s", cert.NotBefore, cert.NotAfter, now)
	}
	if _, err := c1.TLSCertificate(); err != nil {
		t.Error(err)
	}
}

func TestClientCertMismatchedPairRefused(t *testing.T) {
	s, _ := Create(t.TempDir())
	if _, _, err := s.EnsureClientCert(time.Now(), "a"); err != nil {
		t.Fatal(err)
	}
	_, otherKey, err := GenerateClientCert(time.Now(), "b")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir(), ClientKeyFile), otherKey, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClientCert(); err == nil || !strings.Contains(err.Error(), "valid pair") {
		t.Errorf("mismatched key accepted or unclear error: %v", err)
	}
}

func testCert(t *testing.T, cn string) *x509.Certificate {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn}, NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return c
}

func TestPinsKeyedByHostAndPort(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := testCert(t, "a"), testCert(t, "b"), testCert(t, "c")
	if err := s.SavePin("https://nas.example:8443", a.Raw); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePin("https://NAS.example:9443/", b.Raw); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePin("https://[::1]:8443", c.Raw); err != nil {
		t.Fatal(err)
	}
	for url, want := range map[string]*x509.Certificate{
		"https://nas.example":      a, // default port 8443
		"nas.example:8443":         a,
		"https://nas.example:9443": b,
		"https://[::1]":            c,
	} {
		_, got, err := s.Pin(url)
		if err != nil {
			t.Errorf("Pin(%s): %v", url, err)
			continue
		}
		if Fingerprint(got.Raw) != Fingerprint(want.Raw) {
			t.Errorf("Pin(%s) returned the certificate of %s, want %s", url, got.Subject.CommonName, want.Subject.CommonName)
		}
	}
	if _, _, err := s.Pin("https://nas.example:10443"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Pin of an unknown port = %v, want ErrNotFound", err)
	}
	entries, _ := os.ReadDir(filepath.Join(s.Dir(), ServersDir))
	if len(entries) != 3 {
		t.Errorf("servers/ holds %d files, want 3", len(entries))
	}
	for _, e := range entries {
		if m := mode(t, filepath.Join(s.Dir(), ServersDir, e.Name())); m != 0o600 {
			t.Errorf("%s mode %04o, want 0600", e.Name(), m)
		}
	}
	if m := mode(t, filepath.Join(s.Dir(), ServersDir)); m != 0o700 {
		t.Errorf("servers/ mode %04o, want 0700", m)
	}
	// Re-pinning replaces only that host and port.
	if err := s.SavePin("https://nas.example:9443", c.Raw); err != nil {
		t.Fatal(err)
	}
	_, got, _ := s.Pin("https://nas.example:8443")
	if Fingerprint(got.Raw) != Fingerprint(a.Raw) {
		t.Error("re-pinning port 9443 changed the pin of port 8443")
	}
}

func TestNormalizeURL(t *testing.T) {
	ok := map[string]string{
		"https://10.0.0.2:8443":  "https://10.0.0.2:8443",
		"https://10.0.0.2:8443/": "https://10.0.0.2:8443",
		"10.0.0.2":               "https://10.0.0.2:8443",
		"Host.Example:9000":      "https://host.example:9000",
		"https://[fe80::1]":      "https://[fe80::1]:8443",
		" https://h:1 ":          "https://h:1",
	}
	for in, want := range ok {
		got, err := NormalizeURL(in)
		if err != nil || got != want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "http://h:8443", "https://", "https://h:8443/1.0", "https://u:p@h", "https://h?x=1"} {
		if got, err := NormalizeURL(bad); err == nil {
			t.Errorf("NormalizeURL(%q) = %q, want an error", bad, got)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "config.json")
	if err := WriteFileAtomic(p, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	if string(data) != "two" {
		t.Errorf("content %q, want two", data)
	}
	if m := mode(t, p); m != 0o600 {
		t.Errorf("mode %04o, want 0600", m)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("leftover files: %v", entries)
	}
	// A write that cannot complete leaves the old file alone.
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "sub"), []byte("x"), 0o600); err == nil {
		t.Error("renaming a file over a directory succeeded")
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("failed write left files behind: %v", entries)
	}
}
