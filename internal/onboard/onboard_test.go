package onboard

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/creds"
	"github.com/iab-project/iab/internal/remote"
	"github.com/iab-project/iab/internal/remote/fakeincus"
)

var testNow = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func TestDecodeToken(t *testing.T) {
	good := api.CertificateAddToken{ClientName: "iab", Fingerprint: strings.Repeat("ab", 32), Addresses: []string{"10.0.0.2:8443"}, Secret: "s3cr3t"}
	withExpiry := good
	withExpiry.ExpiresAt = testNow.Add(time.Hour)
	expired := good
	expired.ExpiresAt = testNow.Add(-time.Second)
	noFP := good
	noFP.Fingerprint = ""
	badFP := good
	badFP.Fingerprint = "abc"
	s := good.String()
	cases := []struct {
		name, token, err string
	}{
		{"ok", s, ""},
		{"no expiry", s, ""},
		{"future expiry", withExpiry.String(), ""},
		{"line breaks", s[:20] + "\n " + s[20:] + "\n", ""},
		{"unpadded", strings.TrimRight(s, "="), ""},
		{"expired", expired.String(), "expired at 2026-03-04T05:06:06Z"},
		{"empty", "  ", "empty trust token"},
		{"not base64", "this is not a token!", "not valid base64"},
		{"not JSON", "aGVsbG8gd29ybGQ=", "does not decode"},
		{"no fingerprint", noFP.String(), "lacks fingerprint"},
		{"bad fingerprint", badFP.String(), "not a SHA-256"},
	}
	for _, c := range cases {
		tok, err := DecodeToken(c.token, testNow)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.err == "" && (tok.Fingerprint != good.Fingerprint || tok.Secret != good.Secret):
			t.Errorf("%s: decoded %+v", c.name, tok)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want %q", c.name, err, c.err)
		case err != nil && strings.Contains(err.Error(), "s3cr3t"):
			t.Errorf("%s: error reveals the secret: %v", c.name, err)
		}
	}
}

// env is two fake servers and the directories of one onboarding.
type env struct {
	src, dst *fakeincus.Server
	credDir  string
	outDir   string
	out      bytes.Buffer
}

func newEnv(t *testing.T) *env {
	t.Helper()
	base := t.TempDir()
	return &env{
		src:     fakeincus.New(t, "nas"),
		dst:     fakeincus.New(t, "backup"),
		credDir: filepath.Join(base, "home", ".config", "incusAutobackup"),
		outDir:  filepath.Join(base, "work"),
	}
}

func (e *env) opts(src, dst HostInput) Options {
	return Options{Source: src, Target: dst, CredDir: e.credDir, OutDir: e.outDir, Now: testNow, Out: &e.out, Getenv: func(string) string { return "" }}
}

func (e *env) run(t *testing.T, src, dst HostInput, mod ...func(*Options)) (*Result, error) {
	t.Helper()
	o := e.opts(src, dst)
	for _, m := range mod {
		m(&o)
	}
	return Run(context.Background(), o)
}

func (e *env) fresh() (HostInput, HostInput) {
	return HostInput{URL: e.src.URL, Token: e.src.Token("iab", time.Time{}, nil)},
		HostInput{URL: e.dst.URL, Token: e.dst.Token("iab", time.Time{}, nil)}
}

func (e *env) assertNothingWritten(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(e.credDir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("credential directory was created (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(e.outDir, ConfigFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("config.json was written (%v)", err)
	}
	if len(e.src.Trusted())+len(e.dst.Trusted()) != 0 {
		t.Error("a certificate was registered")
	}
}

func TestRunOnboardsBothAndWritesConfig(t *testing.T) {
	e := newEnv(t)
	src, dst := e.fresh()
	res, err := e.run(t, src, dst)
	if err != nil {
		t.Fatalf("%v\n%s", err, e.out.String())
	}
	if !res.ClientCreated || !res.Source.Registered || !res.Target.Registered {
		t.Errorf("result %+v", res)
	}
	if got := e.src.Trusted(); len(got) != 1 || got[0] != res.ClientFingerprint {
		t.Errorf("source trusts %v, want [%s]", got, res.ClientFingerprint)
	}
	if got := e.dst.Trusted(); len(got) != 1 || got[0] != res.ClientFingerprint {
		t.Errorf("target trusts %v, want [%s]", got, res.ClientFingerprint)
	}
	// config.json loads and says what was onboarded.
	cfg, err := config.Load(res.ConfigPath)
	if err != nil {
		t.Fatalf("config.Load: %v", err)
	}
	if cfg.IAB.CredDir != e.credDir || cfg.IAB.UUID == "" || len(cfg.Projects) != 0 {
		t.Errorf("iab section %+v, projects %v", cfg.IAB, cfg.Projects)
	}
	wantHosts := []config.Host{{Name: "nas", URL: e.src.URL, Role: "source"}, {Name: "backup", URL: e.dst.URL, Role: "target"}}
	if !slices.Equal(cfg.Hosts, wantHosts) {
		t.Errorf("hosts %+v, want %+v", cfg.Hosts, wantHosts)
	}
	// Modes.
	for path, want := range map[string]os.FileMode{
		e.credDir: 0o700,
		filepath.Join(e.credDir, creds.ClientCertFile): 0o600,
		filepath.Join(e.credDir, creds.ClientKeyFile):  0o600,
		filepath.Join(e.credDir, creds.ServersDir):     0o700,
		res.ConfigPath: 0o600,
	} {
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v (err %v), want %04o", path, fi.Mode().Perm(), err, want)
		}
	}
	// The stored material connects.
	for _, h := range []config.Host{cfg.Source(), cfg.Target()} {
		s, err := remote.Connect(context.Background(), cfg.IAB.CredDir, h.Role, h.Name, h.URL)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Trusted() {
			t.Errorf("%s not trusted", s)
		}
		s.Close()
	}
	out := e.out.String()
	for _, want := range []string{"registered IAB's certificate", res.ConfigPath, "iab run --dry-run", "auth: trusted"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRunAgainChangesNothing(t *testing.T) {
	e := newEnv(t)
	src, dst := e.fresh()
	first, err := e.run(t, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	// Without --force the existing config.json is refused before any
	// server is contacted.
	accepted := e.src.Accepted() + e.dst.Accepted()
	_, err = e.run(t, src, dst)
	if err == nil || !IsInputError(err) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second run without --force: %v", err)
	}
	if e.src.Accepted()+e.dst.Accepted() != accepted {
		t.Error("servers were contacted although config.json existed")
	}
	// With --force: the (used) tokens are still checked against the servers'
	// certificates but not needed; nothing is registered twice; the client
	// certificate and the uuid are kept.
	second, err := e.run(t, src, dst, func(o *Options) { o.Force = true })
	if err != nil {
		t.Fatal(err)
	}
	if second.Source.Registered || second.Target.Registered || second.ClientCreated {
		t.Errorf("second run registered or created something: %+v", second)
	}
	if second.ClientFingerprint != first.ClientFingerprint {
		t.Error("client certificate changed")
	}
	if len(e.src.Trusted()) != 1 || len(e.dst.Trusted()) != 1 {
		t.Errorf("trusted certificates: source %d, target %d; want 1 each", len(e.src.Trusted()), len(e.dst.Trusted()))
	}
	// Without tokens: the pins vouch for the servers.
	third, err := e.run(t, HostInput{URL: e.src.URL}, HostInput{URL: e.dst.URL}, func(o *Options) { o.Force = true })
	if err != nil {
		t.Fatal(err)
	}
	c1, _ := config.Load(first.ConfigPath)
	if third.Source.Registered || c1.IAB.UUID == "" {
		t.Errorf("third run: %+v", third)
	}
}

func TestRunTokenFromAnotherServerWritesNothing(t *testing.T) {
	e := newEnv(t)
	_, dst := e.fresh()
	// The source URL leads to a server other than the one that made the
	// token: a man in the middle, or a token pasted for the wrong server.
	mitm := fakeincus.New(t, "mitm")
	src := HostInput{URL: mitm.URL, Token: e.src.Token("iab", time.Time{}, nil)}
	_, err := e.run(t, src, dst)
	if err == nil {
		t.Fatal("onboarded through a server with the wrong certificate")
	}
	for _, want := range []string{"source", mitm.URL, "refusing", mitm.Fingerprint(), e.src.Fingerprint(), "Nothing was written"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if IsInputError(err) {
		t.Error("a refused certificate should be a run-time failure (exit 1)")
	}
	if mitm.Requests != 0 {
		t.Error("a request was sent to the impostor")
	}
	e.assertNothingWritten(t)
}

func TestRunTokenAddresses(t *testing.T) {
	e := newEnv(t)
	closed := fakeincus.New(t, "gone")
	closed.Close()
	other := fakeincus.New(t, "other")
	// No URL: the token's addresses are tried in order; the first that
	// answers with the token's certificate wins.
	src := HostInput{Token: e.src.Token("iab", time.Time{}, nil, closed.Addr, other.Addr, e.src.Addr)}
	dst := HostInput{Token: e.dst.Token("iab", time.Time{}, nil)}
	res, err := e.run(t, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	if res.Source.URL != e.src.URL || res.Target.URL != e.dst.URL {
		t.Errorf("chose %s and %s, want %s and %s", res.Source.URL, res.Target.URL, e.src.URL, e.dst.URL)
	}
	// None answers right: an error listing each address.
	e2 := newEnv(t)
	src = HostInput{Token: e2.src.Token("iab", time.Time{}, nil, closed.Addr, other.Addr)}
	_, err = e2.run(t, src, HostInput{Token: e2.dst.Token("iab", time.Time{}, nil)})
	if err == nil || !strings.Contains(err.Error(), closed.Addr) || !strings.Contains(err.Error(), other.Addr) || !strings.Contains(err.Error(), "--source-url") {
		t.Errorf("no usable address: %v", err)
	}
	e2.assertNothingWritten(t)
}

func TestRunURLDoesNotAnswer(t *testing.T) {
	e := newEnv(t)
	src, dst := e.fresh()
	gone := fakeincus.New(t, "gone")
	gone.Close()
	dst.URL = gone.URL
	_, err := e.run(t, src, dst)
	if err == nil || !strings.Contains(err.Error(), "target "+gone.URL) || !strings.Contains(err.Error(), "cannot connect") {
		t.Errorf("unreachable URL: %v", err)
	}
	e.assertNothingWritten(t)
}

func TestRunInputErrors(t *testing.T) {
	e := newEnv(t)
	expired := e.src.Token("iab", testNow.Add(-time.Minute), nil)
	cases := []struct {
		name     string
		src, dst HostInput
		want     string
	}{
		{"nothing for source", HostInput{}, HostInput{URL: e.dst.URL, Token: "x"}, "--source-token"},
		{"garbled token", HostInput{URL: e.src.URL, Token: "garbage!"}, HostInput{URL: e.dst.URL, Token: e.dst.Token("iab", time.Time{}, nil)}, "source: --source-token: trust token is not valid base64"},
		{"expired token", HostInput{URL: e.src.URL, Token: expired}, HostInput{URL: e.dst.URL, Token: e.dst.Token("iab", time.Time{}, nil)}, "expired"},
		{"no token and no pin", HostInput{URL: e.src.URL}, HostInput{URL: e.dst.URL, Token: e.dst.Token("iab", time.Time{}, nil)}, "--source-token is required"},
		{"bad URL", HostInput{URL: "http://x", Token: e.src.Token("iab", time.Time{}, nil)}, HostInput{URL: e.dst.URL}, "scheme must be https"},
		{"same server", HostInput{URL: e.src.URL, Token: e.src.Token("iab", time.Time{}, nil)}, HostInput{URL: e.src.URL, Token: e.src.Token("iab", time.Time{}, nil)}, "same server"},
	}
	for _, c := range cases {
		_, err := e.run(t, c.src, c.dst)
		if err == nil || !IsInputError(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v (input error %v), want %q", c.name, err, IsInputError(err), c.want)
		}
	}
	if e.src.Accepted()+e.dst.Accepted() != 0 {
		t.Error("servers were contacted despite bad input")
	}
	e.assertNothingWritten(t)
}

func TestRunMissingExtensionRegistersNowhere(t *testing.T) {
	e := newEnv(t)
	e.dst.Exts = slices.DeleteFunc(slices.Clone(e.dst.Exts), func(s string) bool { return s == remote.ExtSnapshotExpiryCreation })
	src, dst := e.fresh()
	_, err := e.run(t, src, dst)
	if err == nil || !strings.Contains(err.Error(), remote.ExtSnapshotExpiryCreation) || !strings.Contains(err.Error(), "target") || !strings.Contains(err.Error(), e.dst.URL) {
		t.Fatalf("missing extension: %v", err)
	}
	if len(e.src.Trusted())+len(e.dst.Trusted()) != 0 {
		t.Error("registered with a server although the other lacks an extension")
	}
}

// Incus 7 hides its API extensions from untrusted clients: onboarding
// checks them right after registering instead.
func TestRunExtensionsHiddenUntilTrusted(t *testing.T) {
	e := newEnv(t)
	e.src.HideExtensionsUntrusted, e.dst.HideExtensionsUntrusted = true, true
	src, dst := e.fresh()
	if _, err := e.run(t, src, dst); err != nil {
		t.Fatalf("onboarding servers that hide extensions until trusted: %v", err)
	}
	if len(e.src.Trusted()) != 1 || len(e.dst.Trusted()) != 1 {
		t.Errorf("trusted certificates: source %d, target %d; want 1 each", len(e.src.Trusted()), len(e.dst.Trusted()))
	}
}

func TestRunHiddenMissingExtensionPinsNothing(t *testing.T) {
	e := newEnv(t)
	e.dst.HideExtensionsUntrusted = true
	e.dst.Exts = slices.DeleteFunc(slices.Clone(e.dst.Exts), func(s string) bool { return s == remote.ExtSnapshotExpiryCreation })
	src, dst := e.fresh()
	_, err := e.run(t, src, dst)
	if err == nil || !strings.Contains(err.Error(), remote.ExtSnapshotExpiryCreation) || !strings.Contains(err.Error(), "nothing was pinned or written") {
		t.Fatalf("missing extension seen only after trust: %v", err)
	}
	if _, statErr := os.Stat(filepath.Join(e.outDir, ConfigFile)); !os.IsNotExist(statErr) {
		t.Errorf("config.json written although the target lacks an extension (stat: %v)", statErr)
	}
}

func TestRunOptionalExtensionReported(t *testing.T) {
	e := newEnv(t)
	e.src.Exts = slices.DeleteFunc(slices.Clone(e.src.Exts), func(s string) bool { return s == remote.ExtCustomVolumeRefreshExcludeOlder })
	src, dst := e.fresh()
	res, err := e.run(t, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Source.MissingOptional, []string{remote.ExtCustomVolumeRefreshExcludeOlder}) || len(res.Target.MissingOptional) != 0 {
		t.Errorf("missing optional: source %v, target %v", res.Source.MissingOptional, res.Target.MissingOptional)
	}
	if !strings.Contains(e.out.String(), remote.ExtCustomVolumeRefreshExcludeOlder) {
		t.Errorf("output does not report it:\n%s", e.out.String())
	}
}

func TestRunSameNamesAndRestrictedToken(t *testing.T) {
	e := newEnv(t)
	e.src.Name, e.dst.Name = "vm", "vm"
	src := HostInput{URL: e.src.URL, Token: e.src.Token("iab", time.Time{}, []string{"prod"})}
	dst := HostInput{URL: e.dst.URL, Token: e.dst.Token("iab", time.Time{}, nil)}
	res, err := e.run(t, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	if res.Source.Name != "vm-source" || res.Target.Name != "vm-target" {
		t.Errorf("names %q, %q", res.Source.Name, res.Target.Name)
	}
	if !res.Source.Restricted || !slices.Equal(res.Source.Projects, []string{"prod"}) || res.Target.Restricted {
		t.Errorf("restriction: %+v / %+v", res.Source, res.Target)
	}
	if _, err := config.Load(res.ConfigPath); err != nil {
		t.Error(err)
	}
}

func TestRunRefusesWritableCredDir(t *testing.T) {
	e := newEnv(t)
	if err := os.MkdirAll(e.credDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(e.credDir, 0o777); err != nil {
		t.Fatal(err)
	}
	src, dst := e.fresh()
	_, err := e.run(t, src, dst)
	if err == nil || !strings.Contains(err.Error(), e.credDir) || !strings.Contains(err.Error(), "0777") {
		t.Errorf("writable cred dir: %v", err)
	}
	if len(e.src.Trusted()) != 0 {
		t.Error("registered despite the refused cred dir")
	}
}

func TestRunDefaultCredDir(t *testing.T) {
	e := newEnv(t)
	xdg := t.TempDir()
	src, dst := e.fresh()
	res, err := e.run(t, src, dst, func(o *Options) {
		o.CredDir = ""
		o.Getenv = func(k string) string {
			if k == "XDG_CONFIG_HOME" {
				return xdg
			}
			return ""
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(xdg, "incusAutobackup"); res.CredDir != want {
		t.Errorf("cred dir %s, want %s", res.CredDir, want)
	}
}

func TestRunUsedTokenRejectedByServer(t *testing.T) {
	e := newEnv(t)
	src, dst := e.fresh()
	// The server no longer knows the token (used or revoked): it refuses
	// the registration; the error says so and what to do.
	forged := api.CertificateAddToken{ClientName: "iab", Fingerprint: e.dst.Fingerprint(), Addresses: []string{e.dst.Addr}, Secret: "unknown"}
	dst.Token = forged.String()
	_, err := e.run(t, src, dst)
	if err == nil || !strings.Contains(err.Error(), "target") || !strings.Contains(err.Error(), "not authorized") || !strings.Contains(err.Error(), "incus config trust add iab") {
		t.Fatalf("rejected token: %v", err)
	}
	if _, err := os.Stat(filepath.Join(e.outDir, ConfigFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Error("config.json written after a failed registration")
	}
	// The source succeeded; a re-run with a new target token completes
	// without needing the (used) source token again.
	res, err := e.run(t, HostInput{URL: e.src.URL}, HostInput{URL: e.dst.URL, Token: e.dst.Token("iab", time.Time{}, nil)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Source.Registered || !res.Target.Registered {
		t.Errorf("re-run: %+v", res)
	}
}
