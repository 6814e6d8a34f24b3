package notify

import (
	"net/url"
	"slices"
	"strings"
)

// redacted replaces secrets in URLs and in messages that quote them.
const redacted = "REDACTED"

// minSecretLen is the shortest string Clean replaces in free text. Ping keys,
// UUIDs and Gotify tokens are far longer.
const minSecretLen = 4

// publicSegments are path segments that name an endpoint rather than a
// secret, so a redacted URL still says which endpoint was called.
var publicSegments = map[string]bool{
	"":        true,
	"ping":    true,
	"start":   true,
	"fail":    true,
	"log":     true,
	"message": true,
}

// redactor removes the secrets of one URL from log text. Healthchecks URLs
// carry their secret in the path (a UUID, or a ping key and a slug), Gotify
// URLs in the "token" query parameter; the redactor treats every path
// segment, query value and password as secret except a few well-known
// endpoint names, so it needs to know nothing about either service.
type redactor struct {
	safe    string   // the URL with its secrets replaced
	secrets []string // raw and escaped forms, longest first
}

func newRedactor(raw string) redactor {
	u, err := url.Parse(raw)
	if err != nil {
		// Unparsable: nothing of it may be logged.
		return redactor{safe: redacted, secrets: nonEmpty(raw)}
	}
	var secrets []string
	addSecret := func(s string) {
		if s == "" {
			return
		}
		secrets = append(secrets, s, url.PathEscape(s), url.QueryEscape(s))
	}
	segs := strings.Split(u.EscapedPath(), "/")
	for i, seg := range segs {
		plain, err := url.PathUnescape(seg)
		if err != nil {
			plain = seg
		}
		if publicSegments[plain] {
			continue
		}
		addSecret(plain)
		addSecret(seg)
		segs[i] = redacted
	}
	q := u.Query()
	for key, vals := range q {
		for i, v := range vals {
			addSecret(v)
			vals[i] = redacted
		}
		q[key] = vals
	}
	if u.User != nil {
		addSecret(u.User.Username())
		if p, ok := u.User.Password(); ok {
			addSecret(p)
		}
	}
	safe := u.Scheme + "://" + u.Host + strings.Join(segs, "/")
	if len(q) > 0 {
		// Encode escapes REDACTED to itself, and sorts keys: stable logs.
		safe += "?" + q.Encode()
	}
	// Longest first, so a secret that contains another is replaced whole.
	slices.SortFunc(secrets, func(a, b string) int { return len(b) - len(a) })
	return redactor{safe: safe, secrets: secrets}
}

// String returns the URL without its secrets.
func (r redactor) String() string { return r.safe }

// Clean replaces every secret of the URL in s.
func (r redactor) Clean(s string) string {
	for _, sec := range r.secrets {
		// Very short segments are not secrets (a slug like "db"), and
		// replacing them everywhere would garble the message.
		if len(sec) >= minSecretLen {
			s = strings.ReplaceAll(s, sec, redacted)
		}
	}
	return s
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
