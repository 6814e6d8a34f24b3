package creds

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// clientCertValidity is how long a generated client certificate is valid.
// Incus checks trust by fingerprint; the long validity only spares operators
// a re-onboarding.
const clientCertValidity = 10 * 365 * 24 * time.Hour

// ClientCert is IAB's client certificate and key.
type ClientCert struct {
	CertPEM     []byte
	KeyPEM      []byte
	Fingerprint string // SHA-256 of the certificate, hex
}

// TLSCertificate parses the pair for crypto/tls.
func (c *ClientCert) TLSCertificate() (tls.Certificate, error) {
	return tls.X509KeyPair(c.CertPEM, c.KeyPEM)
}

// ClientCert loads the client certificate and key. Missing files are an
// error wrapping ErrNotFound.
func (s *Store) ClientCert() (*ClientCert, error) {
	certPath := filepath.Join(s.dir, ClientCertFile)
	keyPath := filepath.Join(s.dir, ClientKeyFile)
	certPEM, err := os.ReadFile(certPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no IAB client certificate in %s (run iab onboard first): %w", s.dir, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read client certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(keyPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("client certificate %s has no key %s (remove both and run iab onboard again): %w", certPath, keyPath, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read client key: %w", err)
	}
	if _, err := tls.X509KeyPair(certPEM, keyPEM); err != nil {
		return nil, fmt.Errorf("client certificate %s and key %s do not form a valid pair: %w", certPath, keyPath, err)
	}
	cert, err := ParseCertPEM(certPEM)
	if err != nil {
		return nil, fmt.Errorf("client certificate %s: %w", certPath, err)
	}
	return &ClientCert{CertPEM: certPEM, KeyPEM: keyPEM, Fingerprint: Fingerprint(cert.Raw)}, nil
}

// EnsureClientCert returns the stored client certificate, generating and
// storing a new one first if there is none (created reports that). commonName
// names the certificate (Incus shows it in `incus config trust list` only if
// no name is given at registration).
func (s *Store) EnsureClientCert(now time.Time, commonName string) (cc *ClientCert, created bool, err error) {
	cc, err = s.ClientCert()
	if err == nil {
		return cc, false, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return nil, false, err
	}
	// A key without a certificate is a leftover: it is replaced, never reused.
	certPEM, keyPEM, err := GenerateClientCert(now, commonName)
	if err != nil {
		return nil, false, err
	}
	// Key first: a certificate is only ever visible next to its key.
	if err := WriteFileAtomic(filepath.Join(s.dir, ClientKeyFile), keyPEM, FileMode); err != nil {
		return nil, false, fmt.Errorf("write client key: %w", err)
	}
	if err := WriteFileAtomic(filepath.Join(s.dir, ClientCertFile), certPEM, FileMode); err != nil {
		return nil, false, fmt.Errorf("write client certificate: %w", err)
	}
	cc, err = s.ClientCert()
	if err != nil {
		return nil, false, err
	}
	return cc, true, nil
}

// GenerateClientCert makes a self-signed ECDSA P-384 client certificate (the
// kind the incus client makes for itself), valid from a minute before now.
func GenerateClientCert(now time.Time, commonName string) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate client key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, fmt.Errorf("generate serial number: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{
			Organization: []string{"Incus Autobackup"},
			CommonName:   commonName,
		},
		NotBefore:             now.Add(-time.Minute),
		NotAfter:              now.Add(clientCertValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("create client certificate: %w", err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("encode client key: %w", err)
	}
	return EncodeCertPEM(der), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), nil
}
