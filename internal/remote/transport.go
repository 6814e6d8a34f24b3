package remote

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	incus "github.com/lxc/incus/v7/client"

	"github.com/iab-project/iab/internal/creds"
)

// Network timeouts. There is deliberately no overall request timeout: a
// refresh copy may take hours; the run's context bounds everything.
const (
	dialTimeout      = 10 * time.Second
	handshakeTimeout = 10 * time.Second
	tcpKeepAlive     = 30 * time.Second
	// Incus servers close an idle connection after about 30 s (seen on 6.0);
	// closing it first on this side avoids sending a request into a
	// connection the server is closing.
	idleConnTimeout = 20 * time.Second
	maxIdlePerHost  = 16
)

// PinMismatchError is returned when a server presents a certificate other
// than the one pinned for it.
type PinMismatchError struct {
	Addr string // HOST:PORT dialled
	Want string // pinned SHA-256 fingerprint
	Got  string // presented SHA-256 fingerprint
}

func (e *PinMismatchError) Error() string {
	return fmt.Sprintf("server certificate mismatch at %s: it presented a certificate with SHA-256 fingerprint %s, but the pinned one is %s (the server's certificate changed, or something is intercepting the connection)", e.Addr, e.Got, e.Want)
}

// pinnedTLSConfig returns a TLS client config that accepts exactly one server
// certificate. Go's chain and host-name verification is replaced (hence
// InsecureSkipVerify) by VerifyConnection, which compares the SHA-256 of the
// presented leaf certificate with the pin: there is no way through this
// config that accepts a connection without that match. System roots are never
// consulted (RootCAs is an empty pool).
func pinnedTLSConfig(pin *x509.Certificate, client *tls.Certificate) *tls.Config {
	want := creds.Fingerprint(pin.Raw)
	cfg := &tls.Config{
		MinVersion:         tls.VersionTLS13, // as Incus itself (client and server)
		RootCAs:            x509.NewCertPool(),
		InsecureSkipVerify: true, //nolint:gosec // replaced by the exact pin check in VerifyConnection
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("server presented no certificate")
			}
			if got := creds.Fingerprint(cs.PeerCertificates[0].Raw); got != want {
				return &PinMismatchError{Addr: cs.ServerName, Want: want, Got: got}
			}
			return nil
		},
	}
	if client != nil {
		cfg.Certificates = []tls.Certificate{*client}
	}
	return cfg
}

// connTracker opens every TCP connection of one Server, counts them and
// can close them all.
type connTracker struct {
	mu     sync.Mutex
	dials  int
	conns  []net.Conn
	closed bool
}

func (c *connTracker) add(conn net.Conn) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		_ = conn.Close()
		return errors.New("connection closed")
	}
	c.dials++
	c.conns = append(c.conns, conn)
	return nil
}

func (c *connTracker) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dials
}

func (c *connTracker) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for _, conn := range c.conns {
		_ = conn.Close()
	}
	c.conns = nil
}

// dialTCP opens and records one TCP connection.
var dialHook func(string)

func (c *connTracker) dialTCP(ctx context.Context, network, addr string) (net.Conn, error) {
	if dialHook != nil {
		dialHook(addr)
	}
	d := net.Dialer{Timeout: dialTimeout, KeepAlive: tcpKeepAlive}
	conn, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	if err := c.add(conn); err != nil {
		return nil, err
	}
	return conn, nil
}

// dialTLS opens a TCP connection and runs the TLS handshake with cfg (whose
// VerifyConnection enforces the pin).
func (c *connTracker) dialTLS(cfg *tls.Config) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := c.dialTCP(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			_ = conn.Close()
			return nil, err
		}
		cfg := cfg.Clone()
		cfg.ServerName = host
		tlsConn := tls.Client(conn, cfg)
		hctx, cancel := context.WithTimeout(ctx, handshakeTimeout)
		defer cancel()
		if err := tlsConn.HandshakeContext(hctx); err != nil {
			_ = conn.Close()
			var pm *PinMismatchError
			if errors.As(err, &pm) {
				pm.Addr = addr
				return nil, pm
			}
			return nil, fmt.Errorf("TLS handshake with %s: %w", addr, err)
		}
		return tlsConn, nil
	}
}

// wrappedTransport is the incus.HTTPTransporter IAB hands to the client.
type wrappedTransport struct {
	t *http.Transport
}

func (w wrappedTransport) Transport() *http.Transport { return w.t }

// RoundTrip lets the transport keep the connection after every response the
// client closes: the v7 client decodes a JSON response and closes its body
// without reading to EOF, which for a chunked (larger than a few KiB)
// response makes net/http drop the connection, and the next request pays a
// new TCP and TLS handshake.
func (w wrappedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := w.t.RoundTrip(r)
	if err == nil && resp.Body != nil && resp.Body != http.NoBody {
		resp.Body = &drainOnClose{ReadCloser: resp.Body}
	}
	return resp, err
}

// maxDrain bounds what Close reads of an unread body: enough for the rest of
// a JSON response, not a stream (a file or backup download closed early).
const maxDrain = 256 << 10

// drainOnClose reads what is left of a body (up to maxDrain) before closing.
type drainOnClose struct {
	io.ReadCloser
}

func (d *drainOnClose) Close() error {
	_, _ = io.CopyN(io.Discard, d.ReadCloser, maxDrain)
	return d.ReadCloser.Close()
}

// transportWrapper reconfigures the transport the incus client builds: keep
// connections alive (the client disables keep-alive by default, which costs a
// TCP and TLS handshake per request), replace its TLS config and dialers by
// the pinned, counted ones. The websocket dialer of the client (event
// listener, operation websockets) takes its dialers from this transport, so
// every connection goes through the tracker and the pin check.
func (c *connTracker) transportWrapper(cfg *tls.Config) func(*http.Transport) incus.HTTPTransporter {
	return func(t *http.Transport) incus.HTTPTransporter {
		t.DisableKeepAlives = false
		t.MaxIdleConns = 4 * maxIdlePerHost
		t.MaxIdleConnsPerHost = maxIdlePerHost
		t.IdleConnTimeout = idleConnTimeout
		t.TLSHandshakeTimeout = handshakeTimeout
		t.TLSClientConfig = cfg
		t.DialContext = c.dialTCP
		t.DialTLSContext = c.dialTLS(cfg)
		return wrappedTransport{t: t}
	}
}

// FetchCertificate connects to serverURL without trusting anything and
// returns the certificate the server presents. Only onboarding uses it, and
// only to compare the certificate with the fingerprint in a trust token
// before pinning it; no request is sent over this connection.
func FetchCertificate(ctx context.Context, serverURL string) (*x509.Certificate, error) {
	hostPort, err := creds.HostPort(serverURL)
	if err != nil {
		return nil, err
	}
	var leaf *x509.Certificate
	cfg := &tls.Config{
		MinVersion:         tls.VersionTLS13,
		RootCAs:            x509.NewCertPool(),
		InsecureSkipVerify: true, //nolint:gosec // the caller compares the certificate with the token's fingerprint
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("server presented no certificate")
			}
			leaf = cs.PeerCertificates[0]
			return nil
		},
	}
	host, _, _ := net.SplitHostPort(hostPort)
	cfg.ServerName = host
	d := net.Dialer{Timeout: dialTimeout}
	conn, err := d.DialContext(ctx, "tcp", hostPort)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	tlsConn := tls.Client(conn, cfg)
	hctx, cancel := context.WithTimeout(ctx, handshakeTimeout)
	defer cancel()
	if err := tlsConn.HandshakeContext(hctx); err != nil {
		return nil, fmt.Errorf("TLS handshake with %s: %w", hostPort, err)
	}
	_ = tlsConn.Close()
	return leaf, nil
}
