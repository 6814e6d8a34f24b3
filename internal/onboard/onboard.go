// Package onboard implements `iab onboard`: verify both servers against
// their trust tokens, create IAB's client certificate once, register it with
// the tokens, pin the servers' certificates and write an initial config.json.
package onboard

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/creds"
	"github.com/iab-project/iab/internal/remote"
)

// ConfigFile is the name of the config file onboarding writes.
const ConfigFile = "config.json"

// HostInput is what the operator gave for one server.
type HostInput struct {
	URL   string // may be empty: the token's addresses are tried
	Token string // may be empty if the server already trusts IAB
}

// Options are the inputs of Run.
type Options struct {
	Source  HostInput
	Target  HostInput
	CredDir string // "" = creds.DefaultDir
	OutDir  string // directory for config.json; "" = current directory
	Force   bool   // overwrite an existing config.json
	Now     time.Time
	Getenv  func(string) string
	Out     io.Writer // progress and the closing summary
}

// HostResult is what onboarding did for one server.
type HostResult struct {
	Role        string
	Name        string // config name (the server's server_name, made unique)
	URL         string
	Fingerprint string // pinned server certificate
	Registered  bool   // false: the server already trusted IAB's certificate
	Restricted  bool   // the certificate is limited to Projects
	Projects    []string
	Version     string // Incus server version
	// MissingOptional are optional API extensions the server lacks.
	MissingOptional []string
}

// Result is what Run did.
type Result struct {
	CredDir           string
	ClientFingerprint string
	ClientCreated     bool
	ConfigPath        string
	Source, Target    HostResult
}

// inputError marks errors in what the operator passed (bad or missing
// tokens, URLs, an existing config.json): nothing was changed anywhere.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

func inputErrorf(format string, args ...any) error {
	return &inputError{err: fmt.Errorf(format, args...)}
}

// IsInputError reports whether err is about the operator's input (flags,
// tokens, an existing config.json) rather than a failure at run time.
func IsInputError(err error) bool {
	var ie *inputError
	return errors.As(err, &ie)
}

// host is the state of one server during onboarding.
type host struct {
	role  string
	in    HostInput
	token *api.CertificateAddToken
	url   string            // chosen URL (normalized)
	cert  *x509.Certificate // the certificate to pin
	srv   *remote.Server
	res   HostResult
	// extChecked: the API extensions were checked (an untrusted client may
	// not see them).
	extChecked bool
}

func (h *host) flag(suffix string) string { return "--" + h.role + "-" + suffix }

// Run onboards both servers. On a pin mismatch (a man in the middle, or a
// token from another server) it fails before writing anything.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	hosts := []*host{
		{role: config.RoleSource, in: opts.Source},
		{role: config.RoleTarget, in: opts.Target},
	}

	// 1. Input, without touching the network or the disk.
	for _, h := range hosts {
		if err := h.checkInput(opts.Now); err != nil {
			return nil, err
		}
	}
	if a, b := hosts[0].in.URL, hosts[1].in.URL; a != "" && b != "" {
		na, _ := creds.HostPort(a)
		nb, _ := creds.HostPort(b)
		if na == nb {
			return nil, inputErrorf("--source-url and --target-url are the same server (%s): IAB backs up one server to another", na)
		}
	}
	credDir := opts.CredDir
	if credDir == "" {
		d, err := creds.DefaultDir(opts.Getenv)
		if err != nil {
			return nil, inputErrorf("%v", err)
		}
		credDir = d
	}
	credDir, err := filepath.Abs(credDir)
	if err != nil {
		return nil, inputErrorf("credential directory %s: %v", credDir, err)
	}
	var store *creds.Store
	switch s, err := creds.Open(credDir); {
	case err == nil:
		store = s
	case errors.Is(err, creds.ErrNotFound):
	default:
		return nil, inputErrorf("%v", err)
	}
	outDir := opts.OutDir
	if outDir == "" {
		outDir = "."
	}
	configPath, err := filepath.Abs(filepath.Join(outDir, ConfigFile))
	if err != nil {
		return nil, inputErrorf("config path: %v", err)
	}
	if _, err := os.Lstat(configPath); err == nil && !opts.Force {
		return nil, inputErrorf("%s already exists: not overwriting it (pass --force to replace it, or --out-config DIR to write elsewhere)", configPath)
	}
	for _, h := range hosts {
		if h.token == nil {
			// Without a token only an earlier pin can vouch for the server.
			if store == nil {
				return nil, inputErrorf("%s: %s is required (no credential directory %s from an earlier onboarding)", h.role, h.flag("token"), credDir)
			}
			if _, _, err := store.Pin(h.in.URL); err != nil {
				return nil, inputErrorf("%s: %s is required: %v", h.role, h.flag("token"), err)
			}
		}
	}

	// 2. Find each server and check its certificate against the token (or
	// the earlier pin). Nothing is written before both passed.
	for _, h := range hosts {
		if err := h.locate(ctx, store); err != nil {
			return nil, err
		}
		fmt.Fprintf(opts.Out, "%s: %s presents certificate %s, which matches %s\n", h.role, h.url, creds.Fingerprint(h.cert.Raw), h.vouchedBy())
	}
	if hosts[0].url == hosts[1].url {
		return nil, inputErrorf("source and target are the same server (%s): IAB backs up one server to another", hosts[0].url)
	}
	if creds.Fingerprint(hosts[0].cert.Raw) == creds.Fingerprint(hosts[1].cert.Raw) {
		return nil, inputErrorf("source (%s) and target (%s) present the same certificate: they are the same Incus server (or cluster); IAB backs up one server to another", hosts[0].url, hosts[1].url)
	}

	// 3. IAB's client certificate, created once.
	if store == nil {
		if store, err = creds.Create(credDir); err != nil {
			return nil, err
		}
		fmt.Fprintf(opts.Out, "created credential directory %s\n", store.Dir())
	}
	hostname, _ := os.Hostname()
	cc, created, err := store.EnsureClientCert(opts.Now, "iab@"+hostname)
	if err != nil {
		return nil, err
	}
	if created {
		fmt.Fprintf(opts.Out, "created IAB client certificate %s (fingerprint %s)\n", filepath.Join(store.Dir(), creds.ClientCertFile), cc.Fingerprint)
	} else {
		fmt.Fprintf(opts.Out, "using IAB client certificate %s (fingerprint %s)\n", filepath.Join(store.Dir(), creds.ClientCertFile), cc.Fingerprint)
	}

	// 4. Connect with the certificate to pin; check the API extensions of
	// both servers before registering with either.
	defer func() {
		for _, h := range hosts {
			if h.srv != nil {
				h.srv.Close()
			}
		}
	}()
	for _, h := range hosts {
		h.srv, err = remote.ConnectPinned(ctx, remote.Params{Role: h.role, URL: h.url, Client: cc, Pin: h.cert, AllowUntrusted: true})
		if err != nil {
			return nil, err
		}
		// Incus 7 shows its API extensions only to trusted clients; such a
		// server is checked right after registering, before anything is
		// pinned or written.
		if h.srv.Trusted() || len(h.srv.Info().APIExtensions) > 0 {
			if err := h.checkExtensions(); err != nil {
				return nil, err
			}
		}
	}

	// 5. Register where needed, then confirm trust on a fresh connection and
	// pin the certificate.
	for _, h := range hosts {
		if err := h.trust(ctx, cc); err != nil {
			return nil, err
		}
		if !h.extChecked {
			if err := h.checkExtensions(); err != nil {
				return nil, fmt.Errorf("%w (IAB's certificate is now trusted there, but nothing was pinned or written)", err)
			}
		}
		if err := store.SavePin(h.url, h.cert.Raw); err != nil {
			return nil, fmt.Errorf("%s: %w", h.srv, err)
		}
		p, _ := store.PinPath(h.url)
		fmt.Fprintf(opts.Out, "%s: pinned its certificate in %s\n", h.srv, p)
	}

	// 6. config.json.
	names := uniqueNames(hosts)
	for i, h := range hosts {
		h.res.Role, h.res.Name, h.res.URL = h.role, names[i], h.url
		h.res.Fingerprint = creds.Fingerprint(h.cert.Raw)
		h.res.Version = h.srv.Info().Environment.ServerVersion
	}
	id, kept := existingUUID(configPath)
	if !kept {
		id = uuid.NewString()
	}
	cfg := config.Config{
		IAB: config.IAB{CredDir: store.Dir(), UUID: id},
		Hosts: []config.Host{
			{Name: hosts[0].res.Name, URL: hosts[0].url, Role: config.RoleSource},
			{Name: hosts[1].res.Name, URL: hosts[1].url, Role: config.RoleTarget},
		},
		Projects:  []config.Project{},
		Retention: config.Retention{Hosts: map[string]config.RoleRetention{}},
	}
	if err := writeConfig(configPath, &cfg); err != nil {
		return nil, err
	}
	if kept {
		fmt.Fprintf(opts.Out, "kept iab.uuid %s of the config.json replaced (--force)\n", id)
	}

	res := &Result{
		CredDir:           store.Dir(),
		ClientFingerprint: cc.Fingerprint,
		ClientCreated:     created,
		ConfigPath:        configPath,
		Source:            hosts[0].res,
		Target:            hosts[1].res,
	}
	printSummary(opts.Out, res)
	return res, nil
}

// checkInput decodes the token and normalizes the URL.
func (h *host) checkInput(now time.Time) error {
	if h.in.URL == "" && h.in.Token == "" {
		return inputErrorf("%s: give %s (from: incus config trust add iab on the %s server), and %s unless the token's addresses are reachable", h.role, h.flag("token"), h.role, h.flag("url"))
	}
	if h.in.URL != "" {
		u, err := creds.NormalizeURL(h.in.URL)
		if err != nil {
			return inputErrorf("%s: %s: %v", h.role, h.flag("url"), err)
		}
		h.in.URL = u
	}
	if h.in.Token != "" {
		t, err := DecodeToken(h.in.Token, now)
		if err != nil {
			return inputErrorf("%s: %s: %v", h.role, h.flag("token"), err)
		}
		h.token = t
		if h.in.URL == "" && len(t.Addresses) == 0 {
			return inputErrorf("%s: the token lists no server address: give %s", h.role, h.flag("url"))
		}
	}
	return nil
}

func (h *host) vouchedBy() string {
	if h.token != nil {
		return "the trust token"
	}
	return "the certificate pinned earlier"
}

// locate picks the URL and checks the certificate the server presents
// against the token's fingerprint (or the stored pin when no token).
func (h *host) locate(ctx context.Context, store *creds.Store) error {
	candidates := []string{h.in.URL}
	if h.in.URL == "" {
		candidates = nil
		for _, a := range h.token.Addresses {
			u, err := creds.NormalizeURL(a)
			if err == nil && !slices.Contains(candidates, u) {
				candidates = append(candidates, u)
			}
		}
		if len(candidates) == 0 {
			return inputErrorf("%s: the token's addresses %v are not usable: give %s", h.role, h.token.Addresses, h.flag("url"))
		}
	}
	want := ""
	if h.token != nil {
		want = h.token.Fingerprint
	} else {
		_, pin, err := store.Pin(h.in.URL)
		if err != nil {
			return err
		}
		want = creds.Fingerprint(pin.Raw)
	}
	var tried []string
	for _, u := range candidates {
		cert, err := remote.FetchCertificate(ctx, u)
		if err != nil {
			if len(candidates) == 1 {
				return fmt.Errorf("%s %s: cannot connect: %w", h.role, u, err)
			}
			tried = append(tried, fmt.Sprintf("%s: %v", u, err))
			continue
		}
		got := creds.Fingerprint(cert.Raw)
		if got != want {
			mismatch := h.mismatch(u, got, want)
			if h.in.URL != "" {
				return mismatch
			}
			tried = append(tried, mismatch.Error())
			continue
		}
		h.url, h.cert = u, cert
		return nil
	}
	return fmt.Errorf("%s: no address in the token answered with the token's server certificate (give %s):\n  %s", h.role, h.flag("url"), strings.Join(tried, "\n  "))
}

func (h *host) mismatch(u, got, want string) error {
	if h.token != nil {
		return fmt.Errorf("%s %s: refusing: the server presents a certificate with SHA-256 fingerprint %s, but the trust token was issued by the server with fingerprint %s; this is another server than the one that made the token, or something is intercepting the connection. Nothing was written", h.role, u, got, want)
	}
	return fmt.Errorf("%s %s: refusing: the server presents a certificate with SHA-256 fingerprint %s, but the pinned one is %s; if the server's certificate changed on purpose, onboard it again with a new token (%s). Nothing was written", h.role, u, got, want, h.flag("token"))
}

// trust registers the client certificate with the token if the server does
// not trust it yet, then reconnects and requires auth "trusted".
// checkExtensions checks the API extensions IAB depends on and notes the
// optional ones the server lacks.
func (h *host) checkExtensions() error {
	if err := h.srv.CheckExtensions(remote.RequiredExtensions...); err != nil {
		return err
	}
	for _, e := range remote.OptionalExtensions {
		if !h.srv.HasExtension(e) {
			h.res.MissingOptional = append(h.res.MissingOptional, e)
		}
	}
	h.extChecked = true
	return nil
}

func (h *host) trust(ctx context.Context, cc *creds.ClientCert) error {
	if !h.srv.Trusted() {
		if h.token == nil {
			return inputErrorf("%s does not trust IAB's client certificate (fingerprint %s): give %s (from: incus config trust add iab on that server)", h.srv, cc.Fingerprint, h.flag("token"))
		}
		if err := register(h.srv, h.in.Token); err != nil {
			return fmt.Errorf("%s: registering IAB's client certificate with the trust token failed: %w (a token works once and may expire or be revoked: create a new one with: incus config trust add iab)", h.srv, err)
		}
		h.res.Registered = true
		h.srv.Close()
		srv, err := remote.ConnectPinned(ctx, remote.Params{Role: h.role, URL: h.url, Client: cc, Pin: h.cert})
		if err != nil {
			h.srv = nil
			return fmt.Errorf("after registering with the trust token: %w", err)
		}
		h.srv = srv
	}
	// A restricted certificate sees only its projects. Best effort: some
	// servers do not show a restricted client its own certificate.
	if c, _, err := h.srv.GetCertificate(cc.Fingerprint); err == nil {
		h.res.Restricted, h.res.Projects = c.Restricted, c.Projects
	}
	return nil
}

// register adds the connection's client certificate with a trust token
// (the full token string, as `incus remote add` sends it).
func register(srv *remote.Server, token string) error {
	return srv.CreateCertificate(api.CertificatesPost{
		CertificatePut: api.CertificatePut{Type: api.CertificateTypeClient},
		TrustToken:     token,
	})
}

// uniqueNames returns the config names of the hosts: each server's own
// server_name (else its host), with the role appended when both are equal.
func uniqueNames(hosts []*host) []string {
	names := make([]string, len(hosts))
	for i, h := range hosts {
		n := ""
		if info := h.srv.Info(); info != nil {
			n = info.Environment.ServerName
		}
		if n == "" {
			hp, _ := creds.HostPort(h.url)
			n, _, _ = net.SplitHostPort(hp)
		}
		names[i] = n
	}
	if names[0] == names[1] {
		for i, h := range hosts {
			names[i] += "-" + h.role
		}
	}
	return names
}

// existingUUID returns iab.uuid of the config.json at path if there is one
// and it is a valid UUID: replacing a config with --force keeps the
// installation's identity.
func existingUUID(path string) (string, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	var c struct {
		IAB struct {
			UUID string `json:"uuid"`
		} `json:"iab"`
	}
	if json.Unmarshal(data, &c) != nil {
		return "", false
	}
	u, err := uuid.Parse(c.IAB.UUID)
	if err != nil {
		return "", false
	}
	return u.String(), true
}

// writeConfig writes cfg atomically, creating the directory if needed.
func writeConfig(path string, cfg *config.Config) error {
	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return fmt.Errorf("encode config: %w", err)
	}
	data = append(data, '\n')
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := creds.WriteFileAtomic(path, data, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func printSummary(w io.Writer, r *Result) {
	fmt.Fprintln(w)
	for _, h := range []HostResult{r.Source, r.Target} {
		what := "registered IAB's certificate"
		if !h.Registered {
			what = "already trusted IAB's certificate (nothing changed)"
		}
		fmt.Fprintf(w, "%s %q (%s, Incus %s): %s; auth: trusted\n", h.Role, h.Name, h.URL, h.Version, what)
		if h.Restricted {
			fmt.Fprintf(w, "  restricted to projects: %s (IAB can only back up these)\n", strings.Join(h.Projects, ", "))
		}
		for _, e := range h.MissingOptional {
			fmt.Fprintf(w, "  note: optional API extension %s missing\n", e)
		}
	}
	fmt.Fprintf(w, "credentials: %s\n", r.CredDir)
	fmt.Fprintf(w, "wrote %s\n\n", r.ConfigPath)
	fmt.Fprintf(w, "Next:\n")
	fmt.Fprintf(w, "  1. edit %s: add the projects, instances and volumes to back up, and the retention policies\n", r.ConfigPath)
	fmt.Fprintf(w, "  2. check the plan: iab run --dry-run --config %s\n", r.ConfigPath)
	fmt.Fprintf(w, "  3. run it: iab run --config %s (for instance from cron or a systemd timer)\n", r.ConfigPath)
}
