package onboard

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lxc/incus/v7/shared/api"
)

// DecodeToken decodes a trust token as printed by `incus config trust add`
// (base64 of JSON) and checks that it is complete and, if it has an expiry,
// not expired at now. Errors never repeat the token's secret.
func DecodeToken(token string, now time.Time) (*api.CertificateAddToken, error) {
	s := strings.Join(strings.Fields(token), "") // tolerate line breaks from copy and paste
	if s == "" {
		return nil, errors.New("empty trust token")
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		// Some tools strip the padding.
		if raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "=")); err != nil {
			return nil, errors.New("trust token is not valid base64 (copy the whole line printed by: incus config trust add iab)")
		}
	}
	var t api.CertificateAddToken
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if err := dec.Decode(&t); err != nil {
		return nil, errors.New("trust token does not decode to a certificate add token (is it a trust token from: incus config trust add iab?)")
	}
	var missing []string
	if t.Fingerprint == "" {
		missing = append(missing, "fingerprint")
	}
	if t.Secret == "" {
		missing = append(missing, "secret")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("trust token lacks %s (is it a trust token from: incus config trust add iab?)", strings.Join(missing, " and "))
	}
	t.Fingerprint = strings.ToLower(t.Fingerprint)
	if b, err := hex.DecodeString(t.Fingerprint); err != nil || len(b) != 32 {
		return nil, fmt.Errorf("trust token's server fingerprint %q is not a SHA-256 hex digest", t.Fingerprint)
	}
	if !t.ExpiresAt.IsZero() && !now.Before(t.ExpiresAt) {
		return nil, fmt.Errorf("trust token for %q expired at %s (now %s): create a new one with: incus config trust add %s", t.ClientName, t.ExpiresAt.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), t.ClientName)
	}
	return &t, nil
}
