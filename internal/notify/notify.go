// Package notify tells the outside world how a run went, so that someone
// notices when backups stop: Healthchecks pings (start, success, failure) and
// Gotify messages (on failure, and on success if asked).
//
// Notifications are best effort. A failed notification is logged as a
// warning and never changes the run's result or exit code. The secrets that
// both services keep in their URLs (a ping key or UUID in the path, an app
// token in the query) never appear in logs.
package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/iab-project/iab/internal/backup"
	"github.com/iab-project/iab/internal/config"
)

// Defaults for a Notifier made by New.
const (
	DefaultTimeout    = 10 * time.Second
	DefaultRetryDelay = 2 * time.Second
)

// Gotify priorities: high enough to alert on a failure, low for success.
const (
	gotifyPriorityFailure = 8
	gotifyPrioritySuccess = 2
)

// Notifier sends the notifications configured in config.IAB. The zero
// value is not usable; use New. Its exported fields may be changed before
// the first call (tests shorten the timeout and replace Sleep).
type Notifier struct {
	// Timeout bounds one HTTP attempt. Each notification gets at most two
	// attempts, RetryDelay apart, so Start and Finish return within
	// 2*Timeout+RetryDelay (Finish sends its notifications concurrently).
	Timeout    time.Duration
	RetryDelay time.Duration
	// Sleep waits d or until ctx is done.
	Sleep func(ctx context.Context, d time.Duration) error

	cfg    config.IAB
	client *http.Client
	log    *slog.Logger
}

// New returns a Notifier for cfg's healthchecksUrl, gotifyUrl and
// gotifyOnSuccess. A nil client means http.DefaultClient, a nil logger
// discards. With no URL configured, every method does nothing.
func New(cfg config.IAB, client *http.Client, logger *slog.Logger) *Notifier {
	if client == nil {
		client = http.DefaultClient
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Notifier{
		Timeout:    DefaultTimeout,
		RetryDelay: DefaultRetryDelay,
		Sleep:      sleep,
		cfg:        cfg,
		client:     client,
		log:        logger,
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Start tells Healthchecks that a run has begun (<url>/start), so that it can
// also alert on runs that never finish.
func (n *Notifier) Start(ctx context.Context) {
	if n.cfg.HealthchecksURL == "" {
		return
	}
	n.send(ctx, "healthchecks start", n.cfg.HealthchecksURL, "/start", "text/plain; charset=utf-8", nil)
}

// Finish reports the run's outcome: Healthchecks gets the plain URL on
// success or <url>/fail on failure, with a summary as the body; Gotify gets a
// message on failure, and on success when gotifyOnSuccess is set.
//
// Finish sends even when ctx is already cancelled (an interrupted run is a
// failure worth reporting); only the per-attempt timeout bounds it.
func (n *Notifier) Finish(ctx context.Context, r backup.Result) {
	ctx = context.WithoutCancel(ctx)
	var wg sync.WaitGroup
	if n.cfg.HealthchecksURL != "" {
		suffix := ""
		if !r.OK() {
			suffix = "/fail"
		}
		body := truncate(Summary(r), MaxBody)
		wg.Go(func() {
			n.send(ctx, "healthchecks", n.cfg.HealthchecksURL, suffix, "text/plain; charset=utf-8", []byte(body))
		})
	}
	if n.cfg.GotifyURL != "" && (!r.OK() || n.cfg.GotifyOnSuccess) {
		body, err := gotifyBody(r)
		if err != nil {
			n.log.Warn("notification not sent", "to", "gotify", "err", err)
		} else {
			wg.Go(func() {
				n.send(ctx, "gotify", n.cfg.GotifyURL, "", "application/json", body)
			})
		}
	}
	wg.Wait()
}

// send POSTs body to rawURL (with suffix appended to its path), retrying
// once. Failures are logged, never returned.
func (n *Notifier) send(ctx context.Context, what, rawURL, suffix, contentType string, body []byte) {
	target, err := withPathSuffix(rawURL, suffix)
	red := newRedactor(rawURL)
	if err != nil {
		n.log.Warn("notification not sent: bad URL", "to", what, "url", red.String())
		return
	}
	logURL := newRedactor(target).String()
	var lastErr error
	for attempt := 1; attempt <= 2; attempt++ {
		if attempt > 1 {
			if err := n.Sleep(ctx, n.RetryDelay); err != nil {
				lastErr = err
				break
			}
		}
		retry, err := n.post(ctx, target, contentType, body)
		if err == nil {
			n.log.Debug("notification sent", "to", what, "url", logURL, "attempt", attempt)
			return
		}
		lastErr = err
		if !retry {
			break
		}
		n.log.Debug("notification attempt failed", "to", what, "url", logURL, "attempt", attempt, "err", red.Clean(err.Error()))
	}
	n.log.Warn("notification failed", "to", what, "url", logURL, "err", red.Clean(lastErr.Error()))
}

// post makes one attempt. retry says whether another attempt could help.
func (n *Notifier) post(ctx context.Context, target, contentType string, body []byte) (retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, n.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return false, stripURL(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("User-Agent", "iab")
	resp, err := n.client.Do(req)
	if err != nil {
		return true, stripURL(err)
	}
	defer resp.Body.Close()
	// Drain a little so the connection can be reused; ignore the content.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	if resp.StatusCode/100 == 2 {
		return false, nil
	}
	err = fmt.Errorf("server answered %s", resp.Status)
	// A 4xx other than "too many requests"/"timeout" will answer the same
	// again (wrong URL, revoked token).
	retry = resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusRequestTimeout
	return retry, err
}

// stripURL drops the URL that net/http puts into its errors: it carries the
// secret. The caller logs the redacted URL next to the error.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("%s: timed out: %w", ue.Op, ue.Err)
		}
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// withPathSuffix appends suffix ("/start", "/fail") to the URL's path,
// keeping any query string.
func withPathSuffix(rawURL, suffix string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", errors.New("unparsable URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", errors.New("not an http(s) URL")
	}
	if suffix != "" {
		u.Path = strings.TrimSuffix(u.Path, "/") + suffix
		if u.RawPath != "" {
			u.RawPath = strings.TrimSuffix(u.RawPath, "/") + suffix
		}
	}
	return u.String(), nil
}
