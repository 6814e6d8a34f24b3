// Package creds is IAB's credential store: the client certificate and key IAB
// presents to both Incus servers, and one pinned server certificate per
// server, keyed by host and port.
//
// Layout of a credential directory (directories 0700, files 0600):
//
//	client.crt                 IAB's client certificate (PEM)
//	client.key                 its private key (PEM, ECDSA P-384)
//	servers/HOST_PORT.crt      the pinned certificate of the server at HOST:PORT
//
// A directory that is writable by group or others is refused: whoever can
// write there could swap a pin or the key.
package creds

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// File and directory names inside a credential directory.
const (
	ClientCertFile = "client.crt"
	ClientKeyFile  = "client.key"
	ServersDir     = "servers"
)

// DefaultPort is Incus's default HTTPS port, used when a URL has none.
const DefaultPort = "8443"

// Modes IAB creates its files and directories with.
const (
	DirMode  fs.FileMode = 0o700
	FileMode fs.FileMode = 0o600
)

// ErrNotFound is returned (wrapped) when a credential file does not exist.
var ErrNotFound = errors.New("not found")

// DefaultDir returns $XDG_CONFIG_HOME/incusAutobackup, or
// $HOME/.config/incusAutobackup when XDG_CONFIG_HOME is unset.
func DefaultDir(getenv func(string) string) (string, error) {
	if x := getenv("XDG_CONFIG_HOME"); x != "" {
		return filepath.Join(x, "incusAutobackup"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("cannot find the default credential directory: neither $XDG_CONFIG_HOME nor $HOME is set (pass --iab-cred-dir)")
	}
	return filepath.Join(home, ".config", "incusAutobackup"), nil
}

// Store is an opened credential directory.
type Store struct {
	dir string
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// Open opens an existing credential directory. It fails if the directory is
// missing, is not a directory, or is writable by group or others.
func Open(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("credential directory: empty path")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("credential directory %s: %w", dir, err)
	}
	if err := checkDir(abs); err != nil {
		return nil, err
	}
	return &Store{dir: abs}, nil
}

// Create opens dir, creating it (and missing parents) with mode 0700 first
// if it does not exist. An existing directory must pass the same checks as
// in Open.
func Create(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("credential directory: empty path")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("credential directory %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, DirMode); err != nil {
		return nil, fmt.Errorf("create credential directory %s: %w", abs, err)
	}
	return Open(abs)
}

// checkDir refuses a path that is not a directory or that group or others
// can write to.
func checkDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("credential directory %s does not exist (run iab onboard first): %w", dir, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("credential directory %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("credential directory %s is not a directory", dir)
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Errorf("credential directory %s has mode %04o: it must not be writable by group or others (fix: chmod 700 %s)", dir, perm, dir)
	}
	return nil
}

// Fingerprint is the lower-case hex SHA-256 of a DER certificate, as Incus
// prints it.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// ParseCertPEM returns the first certificate in a PEM block.
func ParseCertPEM(data []byte) (*x509.Certificate, error) {
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, errors.New("no PEM CERTIFICATE block")
	}
	return x509.ParseCertificate(block.Bytes)
}

// EncodeCertPEM encodes a DER certificate as PEM.
func EncodeCertPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// NormalizeURL turns what a user or a config gives as a server address into
// https://HOST:PORT: the scheme must be https (or absent), the port defaults
// to 8443, and path, query and trailing slash are refused or dropped.
func NormalizeURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", errors.New("empty server URL")
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("server URL %q: %w", raw, err)
	}
	if u.Scheme != "https" {
		return "", fmt.Errorf("server URL %q: scheme must be https", raw)
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("server URL %q: no host", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return "", fmt.Errorf("server URL %q: want https://HOST[:PORT] only", raw)
	}
	port := u.Port()
	if port == "" {
		port = DefaultPort
	}
	return "https://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port), nil
}

// HostPort returns the HOST:PORT a server URL points at (port 8443 if none),
// the key under which its certificate is pinned.
func HostPort(serverURL string) (string, error) {
	n, err := NormalizeURL(serverURL)
	if err != nil {
		return "", err
	}
	return strings.TrimPrefix(n, "https://"), nil
}

// pinFile maps HOST:PORT to a file name. Characters other than lower-case
// letters, digits, '.' and '-' (for instance the colons of an IPv6 address)
// are percent-encoded, so distinct host/port pairs never share a file.
func pinFile(hostPort string) (string, error) {
	host, port, err := net.SplitHostPort(hostPort)
	if err != nil {
		return "", fmt.Errorf("pin key %q: %w", hostPort, err)
	}
	if host == "" || port == "" {
		return "", fmt.Errorf("pin key %q: want HOST:PORT", hostPort)
	}
	var b strings.Builder
	for _, c := range []byte(strings.ToLower(host)) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '-':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	for _, c := range port {
		if c < '0' || c > '9' {
			return "", fmt.Errorf("pin key %q: port is not a number", hostPort)
		}
	}
	return b.String() + "_" + port + ".crt", nil
}

// PinPath is where the certificate pinned for serverURL lives.
func (s *Store) PinPath(serverURL string) (string, error) {
	hp, err := HostPort(serverURL)
	if err != nil {
		return "", err
	}
	name, err := pinFile(hp)
	if err != nil {
		return "", err
	}
	return filepath.Join(s.dir, ServersDir, name), nil
}

// Pin returns the pinned certificate (PEM) of the server at serverURL. A
// missing pin is an error wrapping ErrNotFound.
func (s *Store) Pin(serverURL string) ([]byte, *x509.Certificate, error) {
	p, err := s.PinPath(serverURL)
	if err != nil {
		return nil, nil, err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("no pinned certificate for %s in %s (onboard it with iab onboard): %w", serverURL, s.dir, ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read pinned certificate for %s: %w", serverURL, err)
	}
	cert, err := ParseCertPEM(data)
	if err != nil {
		return nil, nil, fmt.Errorf("pinned certificate %s: %w", p, err)
	}
	return data, cert, nil
}

// SavePin pins the DER certificate der for the server at serverURL,
// replacing any earlier pin for the same host and port.
func (s *Store) SavePin(serverURL string, der []byte) error {
	if _, err := x509.ParseCertificate(der); err != nil {
		return fmt.Errorf("pin certificate for %s: %w", serverURL, err)
	}
	p, err := s.PinPath(serverURL)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), DirMode); err != nil {
		return fmt.Errorf("pin certificate for %s: %w", serverURL, err)
	}
	if err := checkDir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := WriteFileAtomic(p, EncodeCertPEM(der), FileMode); err != nil {
		return fmt.Errorf("pin certificate for %s: %w", serverURL, err)
	}
	return nil
}

// WriteFileAtomic writes data to path through a temporary file in the same
// directory that is synced and renamed over path, so readers see either the
// old or the new content, never a partial file.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	// Make the rename durable; failure here is not worth failing over.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
