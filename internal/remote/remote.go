// Package remote is the one place IAB connects to an Incus server: TLS
// against the certificate pinned at onboarding (never system roots, never
// unverified), IAB's client certificate, kept-alive connections and one
// shared event listener per project client, so a run opens a handful of
// connections per server whatever the number of resources.
package remote

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	incus "github.com/lxc/incus/v7/client"
	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/creds"
)

// userAgent is sent with every request.
const userAgent = "iab"

// Server is one connected Incus server. It embeds the v7 client, so every
// client method is available on it; UseProject is overridden to reuse one
// client (and its event listener) per project.
type Server struct {
	Role string // "source" or "target"
	Name string // from config
	URL  string // normalized https://HOST:PORT
	incus.InstanceServer

	info              *api.Server // GetServer at connect time
	clientFingerprint string
	tracker           *connTracker

	mu        sync.Mutex
	projects  map[string]incus.InstanceServer
	listeners []*incus.EventListener
	closed    bool
}

// Params describe a connection to make with ConnectPinned.
type Params struct {
	Role string
	Name string
	URL  string
	// Client is IAB's client certificate; nil connects anonymously (the
	// server then reports auth "untrusted").
	Client *creds.ClientCert
	// Pin is the only server certificate accepted.
	Pin *x509.Certificate
	// AllowUntrusted returns a connection even if the server does not trust
	// the client certificate (onboarding registers it next). Without it an
	// untrusted connection is an error.
	AllowUntrusted bool
}

// Connect builds the client for one configured host: TLS against the pinned
// server certificate only (never system roots, never skipped), the IAB
// client certificate, timeouts on dial and handshake, keep-alive. A pin
// mismatch fails with an error that says so and how to re-onboard
// (`iab onboard ...`); so does a server that no longer trusts IAB.
//
// ctx bounds the connection's whole life: the client keeps it and uses it for
// every later request, so cancelling it aborts whatever the Server is doing.
// Call Close when done.
func Connect(ctx context.Context, credDir string, role, name, url string) (*Server, error) {
	id := describe(role, name, url)
	u, err := creds.NormalizeURL(url)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	id = describe(role, name, u)
	store, err := creds.Open(credDir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	cc, err := store.ClientCert()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	_, pin, err := store.Pin(u)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	return ConnectPinned(ctx, Params{Role: role, Name: name, URL: u, Client: cc, Pin: pin})
}

// ConnectPinned connects with explicit material (onboarding uses it before
// anything is stored). See Connect.
func ConnectPinned(ctx context.Context, p Params) (*Server, error) {
	u, err := creds.NormalizeURL(p.URL)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", describe(p.Role, p.Name, p.URL), err)
	}
	s := &Server{Role: p.Role, Name: p.Name, URL: u, tracker: &connTracker{}, projects: map[string]incus.InstanceServer{}}
	if p.Pin == nil {
		return nil, fmt.Errorf("%s: no pinned server certificate", s)
	}
	var clientCert *tls.Certificate
	args := &incus.ConnectionArgs{
		UserAgent:     userAgent,
		TLSServerCert: string(creds.EncodeCertPEM(p.Pin.Raw)), // also handed to the peer server for pull copies
	}
	if p.Client != nil {
		c, err := p.Client.TLSCertificate()
		if err != nil {
			return nil, fmt.Errorf("%s: client certificate: %w", s, err)
		}
		clientCert = &c
		args.TLSClientCert = string(p.Client.CertPEM)
		args.TLSClientKey = string(p.Client.KeyPEM)
		s.clientFingerprint = p.Client.Fingerprint
	}
	args.TransportWrapper = s.tracker.transportWrapper(pinnedTLSConfig(p.Pin, clientCert))

	is, err := incus.ConnectIncusWithContext(ctx, u, args)
	if err != nil {
		s.tracker.closeAll()
		return nil, s.connectError(err)
	}
	s.InstanceServer = is
	info, _, err := is.GetServer()
	if err != nil {
		s.Close()
		return nil, s.connectError(err)
	}
	s.info = info
	if info.Auth != "trusted" && !p.AllowUntrusted {
		s.Close()
		return nil, fmt.Errorf("%s does not trust IAB's client certificate (fingerprint %s): it was removed or never added; re-onboard with a new token (incus config trust add iab on that server): %s", s, s.clientFingerprint, s.reonboardHint())
	}
	return s, nil
}

// connectError explains a failed connection.
func (s *Server) connectError(err error) error {
	var pm *PinMismatchError
	if errors.As(err, &pm) {
		return fmt.Errorf("%s: %w; if the server's certificate was changed on purpose, re-onboard it: %s", s, pm, s.reonboardHint())
	}
	return fmt.Errorf("%s: cannot connect: %w", s, err)
}

// reonboardHint is the command that re-pins and re-trusts this server.
func (s *Server) reonboardHint() string {
	switch s.Role {
	case "source", "target":
		return fmt.Sprintf("iab onboard --%s-url %s --%s-token TOKEN ... (with --force to rewrite config.json)", s.Role, s.URL, s.Role)
	}
	return fmt.Sprintf("iab onboard with a new token for %s", s.URL)
}

// keepListener opens the client's event listener and keeps it until Close.
// The v7 client shares one events websocket among all operation waits of one
// client value, but closes it (within a minute) once no listener is left, and
// UseProject returns a new client value with its own websocket. Holding one
// listener per project client keeps that websocket open for the whole run. A
// failure (for instance a restricted certificate outside its projects) is
// ignored: operation waits then open their own listener, as the client does.
func (s *Server) keepListener(is incus.InstanceServer) {
	l, err := is.GetEvents()
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		l.Disconnect()
		return
	}
	s.listeners = append(s.listeners, l)
}

// UseProject returns the client for project name: the same one on every call
// for that name, holding one event listener that all its operation waits
// share (the embedded client itself for "default"). Use it for every
// project, "default" included; operations run on the embedded client
// directly work too, but their event websocket is closed and reopened when
// the client has been idle for a minute.
func (s *Server) UseProject(name string) incus.InstanceServer {
	s.mu.Lock()
	if c, ok := s.projects[name]; ok {
		s.mu.Unlock()
		return c
	}
	c := s.InstanceServer
	if name != api.ProjectDefaultName {
		c = s.InstanceServer.UseProject(name)
	}
	s.projects[name] = c
	s.mu.Unlock()
	s.keepListener(c)
	return c
}

// Info is what the server reported when connecting (GetServer).
func (s *Server) Info() *api.Server { return s.info }

// Trusted reports whether the server trusted IAB's client certificate when
// connecting.
func (s *Server) Trusted() bool { return s.info != nil && s.info.Auth == "trusted" }

// ClientFingerprint is the SHA-256 fingerprint of the client certificate
// this connection presents ("" if none).
func (s *Server) ClientFingerprint() string { return s.clientFingerprint }

// HasExtension reports whether the server has API extension name.
func (s *Server) HasExtension(name string) bool {
	return s.info != nil && slices.Contains(s.info.APIExtensions, name)
}

// CheckExtensions returns an error naming every extension in names the
// server lacks, and the server.
func (s *Server) CheckExtensions(names ...string) error {
	var missing []string
	for _, n := range names {
		if !s.HasExtension(n) {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	version := ""
	if s.info != nil && s.info.Environment.ServerVersion != "" {
		version = " (Incus " + s.info.Environment.ServerVersion + ")"
	}
	return fmt.Errorf("%s%s lacks API extension(s) IAB needs: %s", s, version, strings.Join(missing, ", "))
}

// CheckProject checks that project name exists and is accessible with IAB's
// certificate. A certificate restricted to other projects (a restricted trust
// token) gets an error that says so and how to allow the project.
func (s *Server) CheckProject(name string) error {
	_, _, err := s.InstanceServer.GetProject(name)
	switch {
	case err == nil:
		return nil
	case api.StatusErrorCheck(err, http.StatusForbidden):
		return fmt.Errorf("%s: IAB's certificate may not use project %q (%v): it is restricted to other projects; allow this one on that server with: incus config trust edit %.12s (add it to projects)", s, name, err, s.clientFingerprint)
	case api.StatusErrorCheck(err, http.StatusNotFound):
		return fmt.Errorf("%s: project %q does not exist (or IAB's restricted certificate may not see it): %v", s, name, err)
	}
	return fmt.Errorf("%s: project %q: %w", s, name, err)
}

// Dials is the number of TCP connections this Server opened so far
// (requests, event listeners, operation websockets).
func (s *Server) Dials() int { return s.tracker.count() }

// Close disconnects the event listeners and closes every connection the
// Server opened. The Server must not be used afterwards.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	listeners := s.listeners
	s.listeners = nil
	s.mu.Unlock()
	for _, l := range listeners {
		l.Disconnect()
	}
	s.tracker.closeAll()
}

// Disconnect is Close (it overrides the embedded client's Disconnect, which
// leaves the connections open).
func (s *Server) Disconnect() { s.Close() }

// String names the server for messages, e.g. `source "nas" (https://10.0.0.2:8443)`.
func (s *Server) String() string { return describe(s.Role, s.Name, s.URL) }

func describe(role, name, url string) string {
	var parts []string
	if role != "" {
		parts = append(parts, role)
	}
	if name != "" {
		parts = append(parts, fmt.Sprintf("%q", name))
	}
	parts = append(parts, "("+url+")")
	return strings.Join(parts, " ")
}
