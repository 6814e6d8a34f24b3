// Package fakeincus is a tiny HTTPS server that answers the few Incus API
// calls onboarding and connecting make (GET /1.0, POST /1.0/certificates
// with a trust token, GET /1.0/certificates/FP). Unit tests use it where a
// real server cannot misbehave on cue: a man in the middle, a token from
// another server, a server without some API extension. Everything else is
// tested against the real lab (test/e2e).
package fakeincus

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lxc/incus/v7/shared/api"
)

// Server is a fake Incus server.
type Server struct {
	URL     string            // https://127.0.0.1:PORT
	Addr    string            // 127.0.0.1:PORT
	Cert    *x509.Certificate // the certificate it presents
	CertPEM string
	Name    string   // environment.server_name
	Version string   // environment.server_version
	Exts    []string // api_extensions
	// HideExtensionsUntrusted: like Incus 7, show api_extensions to
	// trusted clients only.
	HideExtensionsUntrusted bool
	Requests                int // requests served (all connections)

	mu       sync.Mutex
	trusted  map[string]api.Certificate // fingerprint -> certificate
	tokens   map[string]tokenInfo       // secret -> token
	srv      *httptest.Server
	accepted int // TCP connections accepted
}

type tokenInfo struct {
	name     string
	projects []string
}

// DefaultExtensions are the extensions a fake server has unless changed.
var DefaultExtensions = []string{
	"container_incremental_copy", "custom_volume_refresh",
	"custom_volume_refresh_exclude_older_snapshots", "snapshot_expiry_creation",
	"custom_volume_snapshot_expiry", "certificate_project",
}

// New starts a fake server on 127.0.0.1 with its own self-signed
// certificate; it is closed when the test ends.
func New(t testing.TB, name string) *Server {
	t.Helper()
	cert, key := selfSigned(t, "root@"+name)
	s := &Server{
		Name:    name,
		Version: "6.0.4",
		Exts:    append([]string(nil), DefaultExtensions...),
		trusted: map[string]api.Certificate{},
		tokens:  map[string]tokenInfo{},
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{{Certificate: [][]byte{cert.Raw}, PrivateKey: key, Leaf: cert}},
		ClientAuth:   tls.RequestClientCert,
		MinVersion:   tls.VersionTLS13,
	}
	s.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.mu.Lock()
			s.accepted++
			s.mu.Unlock()
		}
	}
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.StartTLS()
	t.Cleanup(s.srv.Close)
	s.URL = s.srv.URL
	s.Addr = strings.TrimPrefix(s.srv.URL, "https://")
	s.Cert = cert
	s.CertPEM = pemCert(cert.Raw)
	return s
}

// Close stops the server (it no longer answers).
func (s *Server) Close() { s.srv.Close() }

// Accepted is the number of TCP connections the server accepted.
func (s *Server) Accepted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accepted
}

// Fingerprint is the SHA-256 of the server's certificate.
func (s *Server) Fingerprint() string { return fingerprint(s.Cert.Raw) }

// Trusted returns the fingerprints of the trusted client certificates.
func (s *Server) Trusted() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var fps []string
	for fp := range s.trusted {
		fps = append(fps, fp)
	}
	return fps
}

// Token issues a trust token for a client named name (restricted to
// projects if given), listing addrs (default: the server's own address).
func (s *Server) Token(name string, expires time.Time, projects []string, addrs ...string) string {
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	tok := api.CertificateAddToken{
		ClientName:  name,
		Fingerprint: s.Fingerprint(),
		Addresses:   addrs,
		Secret:      hex.EncodeToString(secret),
		ExpiresAt:   expires,
	}
	if len(tok.Addresses) == 0 {
		tok.Addresses = []string{s.Addr}
	}
	s.mu.Lock()
	s.tokens[tok.Secret] = tokenInfo{name: name, projects: projects}
	s.mu.Unlock()
	return tok.String()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.Requests++
	s.mu.Unlock()
	fp := ""
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
		fp = fingerprint(r.TLS.PeerCertificates[0].Raw)
	}
	s.mu.Lock()
	_, trusted := s.trusted[fp]
	s.mu.Unlock()
	switch {
	case r.Method == http.MethodGet && (r.URL.Path == "/1.0" || r.URL.Path == "/1.0/"):
		auth, exts := "untrusted", s.Exts
		if trusted {
			auth = "trusted"
		} else if s.HideExtensionsUntrusted {
			exts = nil
		}
		reply(w, http.StatusOK, api.Server{
			ServerUntrusted: api.ServerUntrusted{APIExtensions: exts, Auth: auth, APIVersion: "1.0"},
			Environment:     api.ServerEnvironment{ServerName: s.Name, ServerVersion: s.Version, Certificate: s.CertPEM},
		})
	case r.Method == http.MethodPost && r.URL.Path == "/1.0/certificates":
		var req api.CertificatesPost
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || fp == "" {
			fail(w, http.StatusBadRequest, "bad request")
			return
		}
		raw, err := base64.StdEncoding.DecodeString(req.TrustToken)
		var tok api.CertificateAddToken
		if err == nil {
			err = json.Unmarshal(raw, &tok)
		}
		s.mu.Lock()
		info, ok := s.tokens[tok.Secret]
		if err != nil || !ok {
			s.mu.Unlock()
			fail(w, http.StatusForbidden, "not authorized")
			return
		}
		delete(s.tokens, tok.Secret)
		s.trusted[fp] = api.Certificate{
			Fingerprint:    fp,
			CertificatePut: api.CertificatePut{Name: info.name, Type: "client", Restricted: len(info.projects) > 0, Projects: info.projects},
		}
		s.mu.Unlock()
		reply(w, http.StatusOK, map[string]any{})
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/1.0/certificates/"):
		s.mu.Lock()
		c, ok := s.trusted[strings.TrimPrefix(r.URL.Path, "/1.0/certificates/")]
		s.mu.Unlock()
		if !trusted || !ok {
			fail(w, http.StatusNotFound, "not found")
			return
		}
		reply(w, http.StatusOK, c)
	default:
		if !trusted {
			fail(w, http.StatusForbidden, "not authorized")
			return
		}
		fail(w, http.StatusNotFound, "not found")
	}
}

func reply(w http.ResponseWriter, code int, metadata any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"type": "sync", "status": "Success", "status_code": code, "metadata": metadata})
}

func fail(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"type": "error", "error": msg, "error_code": code})
}

func fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

func selfSigned(t testing.TB, cn string) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"fakeincus"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              []string{cn},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

func pemCert(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
