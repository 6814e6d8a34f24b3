package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iab-project/iab/internal/backup"
	"github.com/iab-project/iab/internal/config"
)

const (
	pingUUID    = "5f4c7a2e-9b1d-4c3e-8f6a-0d2b1e3c4a5f"
	gotifyToken = "AbCdEfGhIjKlMnO"
)

// request is what a fake server saw.
type request struct {
	Method, Path, RawQuery, ContentType string
	Body                                []byte
}

// recorder is a fake Healthchecks or Gotify server. answer decides the
// status of the n-th request (0-based); hang makes it never answer.
type recorder struct {
	mu     sync.Mutex
	reqs   []request
	answer func(n int) int
	hang   bool
	srv    *httptest.Server
}

func newRecorder(t *testing.T) *recorder {
	rec := &recorder{answer: func(int) int { return http.StatusOK }}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		n := len(rec.reqs)
		rec.reqs = append(rec.reqs, request{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), body})
		hang, status := rec.hang, rec.answer(n)
		rec.mu.Unlock()
		if hang {
			<-r.Context().Done() // until the client gives up
			return
		}
		w.WriteHeader(status)
		io.WriteString(w, "OK")
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

func (rec *recorder) requests() []request {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]request(nil), rec.reqs...)
}

// testNotifier returns a Notifier with short timeouts and no real sleeping,
// and the buffer its logs go to (debug level, so every line is checked for
// secrets).
func testNotifier(cfg config.IAB) (*Notifier, *bytes.Buffer, *[]time.Duration) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	n := New(cfg, nil, logger)
	n.Timeout = 200 * time.Millisecond
	var mu sync.Mutex
	var slept []time.Duration
	n.Sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		slept = append(slept, d)
		mu.Unlock()
		return ctx.Err()
	}
	return n, &logs, &slept
}

func okResult() backup.Result {
	start := time.Date(2025, 6, 15, 3, 0, 0, 0, time.UTC)
	return backup.Result{
		Start: start, End: start.Add(90 * time.Second),
		SourceName: "src", TargetName: "dst",
		Resources: []backup.ResourceResult{
			{Project: "default", Kind: backup.KindInstance, Name: "c1",
				Snapshot: backup.Step{Status: backup.StepOK}, Copy: backup.Step{Status: backup.StepOK}, Prune: backup.Step{Status: backup.StepOK}},
			{Project: "default", Kind: backup.KindVolume, Pool: "fast", Name: "data",
				Snapshot: backup.Step{Status: backup.StepOK}, Copy: backup.Step{Status: backup.StepOK}, Prune: backup.Step{Status: backup.StepOK}},
		},
	}
}

func failedResult() backup.Result {
	r := okResult()
	r.Resources[1].Copy = backup.Step{Status: backup.StepFailed, Err: errors.New("Requested profile \"x\" doesn't exist")}
	r.Resources[1].Prune = backup.Step{Status: backup.StepSkipped}
	return r
}

// checkNoSecrets fails if the logs quote a secret.
func checkNoSecrets(t *testing.T, logs string) {
	t.Helper()
	for _, secret := range []string{pingUUID, gotifyToken} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain the secret %q:\n%s", secret, logs)
		}
	}
}

func TestHealthchecksGoodRun(t *testing.T) {
	hc := newRecorder(t)
	n, logs, _ := testNotifier(config.IAB{HealthchecksURL: hc.srv.URL + "/ping/" + pingUUID})
	ctx := context.Background()
	n.Start(ctx)
	n.Finish(ctx, okResult())

	reqs := hc.requests()
	if len(reqs) != 2 {
		t.Fatalf("got %d requests, want start and success: %+v", len(reqs), reqs)
	}
	if reqs[0].Method != http.MethodPost || reqs[0].Path != "/ping/"+pingUUID+"/start" {
		t.Errorf("first request %s %s, want POST /ping/<uuid>/start", reqs[0].Method, reqs[0].Path)
	}
	if reqs[1].Path != "/ping/"+pingUUID {
		t.Errorf("second request %s, want the plain ping URL", reqs[1].Path)
	}
	body := string(reqs[1].Body)
	for _, want := range []string{"IAB run OK: src -> dst", "resources: 2, failed: 0, duration: 1m30s", "instance default/c1", "volume default/fast/data"} {
		if !strings.Contains(body, want) {
			t.Errorf("success body lacks %q:\n%s", want, body)
		}
	}
	if !strings.HasPrefix(reqs[1].ContentType, "text/plain") {
		t.Errorf("Content-Type = %q, want text/plain", reqs[1].ContentType)
	}
	if strings.Contains(logs.String(), "level=WARN") {
		t.Errorf("warnings on a good run:\n%s", logs)
	}
	checkNoSecrets(t, logs.String())
}

func TestHealthchecksFailedRun(t *testing.T) {
	hc := newRecorder(t)
	n, logs, _ := testNotifier(config.IAB{HealthchecksURL: hc.srv.URL + "/ping/" + pingUUID})
	n.Start(context.Background())
	n.Finish(context.Background(), failedResult())

	reqs := hc.requests()
	if len(reqs) != 2 {
		t.Fatalf("got %d requests, want start and fail: %+v", len(reqs), reqs)
	}
	if reqs[1].Path != "/ping/"+pingUUID+"/fail" {
		t.Errorf("second request %s, want /ping/<uuid>/fail", reqs[1].Path)
	}
	body := string(reqs[1].Body)
	for _, want := range []string{"IAB run FAILED", "failed: 1", "FAILED volume default/fast/data", `copy failed: Requested profile "x" doesn't exist`} {
		if !strings.Contains(body, want) {
			t.Errorf("fail body lacks %q:\n%s", want, body)
		}
	}
	checkNoSecrets(t, logs.String())
}

func TestHealthchecksRunError(t *testing.T) {
	// A run that failed before any resource (unreachable server) is a
	// failure too.
	hc := newRecorder(t)
	n, _, _ := testNotifier(config.IAB{HealthchecksURL: hc.srv.URL + "/" + pingUUID + "?create=1"})
	r := backup.Result{SourceName: "src", TargetName: "dst", Err: errors.New("connect target: connection refused")}
	n.Finish(context.Background(), r)
	reqs := hc.requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	if reqs[0].Path != "/"+pingUUID+"/fail" || reqs[0].RawQuery != "create=1" {
		t.Errorf("request %s?%s, want /<uuid>/fail?create=1 (query kept)", reqs[0].Path, reqs[0].RawQuery)
	}
	if !strings.Contains(string(reqs[0].Body), "error: connect target: connection refused") {
		t.Errorf("body lacks the run error:\n%s", reqs[0].Body)
	}
}

func TestGotify(t *testing.T) {
	for _, tc := range []struct {
		name         string
		result       backup.Result
		onSuccess    bool
		wantMessage  bool
		wantPriority int
		wantInTitle  string
		wantInBody   []string
	}{
		{name: "failure", result: failedResult(), wantMessage: true, wantPriority: 8,
			wantInTitle: "src -> dst failed",
			wantInBody:  []string{"2 resources, 1 failed", "volume default/fast/data", `copy failed: Requested profile "x" doesn't exist`}},
		{name: "failure with onSuccess", result: failedResult(), onSuccess: true, wantMessage: true, wantPriority: 8, wantInTitle: "failed"},
		{name: "success", result: okResult()},
		{name: "success with onSuccess", result: okResult(), onSuccess: true, wantMessage: true, wantPriority: 2,
			wantInTitle: "src -> dst succeeded", wantInBody: []string{"2 resources, 0 failed, in 1m30s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newRecorder(t)
			n, logs, _ := testNotifier(config.IAB{GotifyURL: g.srv.URL + "/message?token=" + gotifyToken, GotifyOnSuccess: tc.onSuccess})
			n.Start(context.Background()) // Gotify has no start message
			n.Finish(context.Background(), tc.result)
			reqs := g.requests()
			if !tc.wantMessage {
				if len(reqs) != 0 {
					t.Fatalf("got %d requests, want none", len(reqs))
				}
				return
			}
			if len(reqs) != 1 {
				t.Fatalf("got %d requests, want 1", len(reqs))
			}
			req := reqs[0]
			if req.Path != "/message" || req.RawQuery != "token="+gotifyToken || req.ContentType != "application/json" {
				t.Errorf("request %s?%s (%s), want /message?token=... (application/json)", req.Path, req.RawQuery, req.ContentType)
			}
			var m struct {
				Title    string
				Message  string
				Priority int
			}
			if err := json.Unmarshal(req.Body, &m); err != nil {
				t.Fatalf("body is not JSON: %v\n%s", err, req.Body)
			}
			if m.Priority != tc.wantPriority {
				t.Errorf("priority %d, want %d", m.Priority, tc.wantPriority)
			}
			if !strings.Contains(m.Title, tc.wantInTitle) {
				t.Errorf("title %q lacks %q", m.Title, tc.wantInTitle)
			}
			for _, want := range tc.wantInBody {
				if !strings.Contains(m.Message, want) {
					t.Errorf("message lacks %q:\n%s", want, m.Message)
				}
			}
			checkNoSecrets(t, logs.String())
		})
	}
}

func TestRetry(t *testing.T) {
	for _, tc := range []struct {
		name         string
		statuses     []int
		wantRequests int
		wantWarning  bool
	}{
		{"500 then 200: retried, no warning", []int{500, 200}, 2, false},
		{"always 500: retried once, warning", []int{500, 500, 500}, 2, true},
		{"429 then 200: retried", []int{429, 200}, 2, false},
		{"404: not retried, warning", []int{404, 200}, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hc := newRecorder(t)
			hc.answer = func(n int) int { return tc.statuses[n] }
			g := newRecorder(t)
			g.answer = hc.answer
			n, logs, slept := testNotifier(config.IAB{
				HealthchecksURL: hc.srv.URL + "/" + pingUUID,
				GotifyURL:       g.srv.URL + "/message?token=" + gotifyToken,
			})
			n.Finish(context.Background(), failedResult())
			if got := len(hc.requests()); got != tc.wantRequests {
				t.Errorf("healthchecks got %d requests, want %d", got, tc.wantRequests)
			}
			if got := len(g.requests()); got != tc.wantRequests {
				t.Errorf("gotify got %d requests, want %d", got, tc.wantRequests)
			}
			if got := len(*slept); got != 2*(tc.wantRequests-1) {
				t.Errorf("slept %d times, want %d", got, 2*(tc.wantRequests-1))
			}
			for _, d := range *slept {
				if d != DefaultRetryDelay {
					t.Errorf("slept %s, want the retry delay %s", d, DefaultRetryDelay)
				}
			}
			warned := strings.Count(logs.String(), "level=WARN")
			if tc.wantWarning && warned != 2 || !tc.wantWarning && warned != 0 {
				t.Errorf("%d warnings, want %v:\n%s", warned, tc.wantWarning, logs)
			}
			if tc.wantWarning && !strings.Contains(logs.String(), "server answered") {
				t.Errorf("warning does not give the status:\n%s", logs)
			}
			checkNoSecrets(t, logs.String())
		})
	}
}

// A server that never answers costs at most the timeout budget, and only a
// warning.
func TestHangingServer(t *testing.T) {
	hc := newRecorder(t)
	hc.hang = true
	g := newRecorder(t)
	g.hang = true
	n, logs, _ := testNotifier(config.IAB{
		HealthchecksURL: hc.srv.URL + "/ping/" + pingUUID,
		GotifyURL:       g.srv.URL + "/message?token=" + gotifyToken,
	})
	n.Timeout = 50 * time.Millisecond

	done := make(chan struct{})
	go func() {
		defer close(done)
		n.Start(context.Background())
		n.Finish(context.Background(), failedResult())
	}()
	select {
	case <-done:
	case <-time.After(time.Minute): // only a bound, far above the ~200ms budget
		t.Fatal("Start and Finish did not return")
	}
	if got := len(hc.requests()); got != 4 {
		t.Errorf("healthchecks got %d requests, want 4 (start and fail, each retried)", got)
	}
	if !strings.Contains(logs.String(), "timed out") {
		t.Errorf("no timeout warning:\n%s", logs)
	}
	checkNoSecrets(t, logs.String())
}

// An unreachable server (connection refused) logs a warning without the
// secret that net/http puts into its errors.
func TestUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	n, logs, _ := testNotifier(config.IAB{
		HealthchecksURL: url + "/ping/" + pingUUID,
		GotifyURL:       url + "/message?token=" + gotifyToken,
	})
	n.Start(context.Background())
	n.Finish(context.Background(), failedResult())
	if got := strings.Count(logs.String(), "level=WARN"); got != 3 {
		t.Errorf("%d warnings, want 3:\n%s", got, logs)
	}
	if !strings.Contains(logs.String(), "/ping/REDACTED/fail") || !strings.Contains(logs.String(), "token=REDACTED") {
		t.Errorf("warnings do not name the redacted URLs:\n%s", logs)
	}
	checkNoSecrets(t, logs.String())
}

// An interrupted run (cancelled context) still reports its failure.
func TestFinishAfterCancel(t *testing.T) {
	hc := newRecorder(t)
	n, _, _ := testNotifier(config.IAB{HealthchecksURL: hc.srv.URL + "/" + pingUUID})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := failedResult()
	r.Err = context.Canceled
	n.Finish(ctx, r)
	if reqs := hc.requests(); len(reqs) != 1 || !strings.HasSuffix(reqs[0].Path, "/fail") {
		t.Errorf("requests %+v, want one /fail", reqs)
	}
}

func TestNothingConfigured(t *testing.T) {
	n, logs, _ := testNotifier(config.IAB{})
	n.Start(context.Background())
	n.Finish(context.Background(), failedResult())
	if logs.Len() != 0 {
		t.Errorf("logs without any URL configured:\n%s", logs)
	}
}

func TestBadURL(t *testing.T) {
	n, logs, _ := testNotifier(config.IAB{HealthchecksURL: "ftp://example.com/" + pingUUID})
	n.Start(context.Background())
	if !strings.Contains(logs.String(), "bad URL") {
		t.Errorf("no warning for a bad URL:\n%s", logs)
	}
	checkNoSecrets(t, logs.String())
}

func TestSummaryTruncated(t *testing.T) {
	r := failedResult()
	long := strings.Repeat("é", 300) // multi-byte, so a careless cut breaks UTF-8
	for i := range 200 {
		r.Resources = append(r.Resources, backup.ResourceResult{
			Project: "p", Kind: backup.KindInstance, Name: "c" + strings.Repeat("x", i%7),
			Copy: backup.Step{Status: backup.StepFailed, Err: errors.New(long)},
		})
	}
	hc := newRecorder(t)
	n, _, _ := testNotifier(config.IAB{HealthchecksURL: hc.srv.URL + "/" + pingUUID})
	n.Finish(context.Background(), r)
	reqs := hc.requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	body := string(reqs[0].Body)
	if len(body) > MaxBody {
		t.Errorf("body is %d bytes, want at most %d", len(body), MaxBody)
	}
	if !strings.Contains(body, "[truncated: ") || !strings.HasPrefix(body, "IAB run FAILED") {
		t.Errorf("truncated body does not say so or lost its head:\n%s", body[:200])
	}
	if !strings.HasSuffix(strings.TrimSuffix(body, "\n"), "bytes shown]") {
		t.Errorf("truncation note is not at the end")
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		s   string
		max int
	}{
		{strings.Repeat("a\n", 10000), 1000},
		{strings.Repeat("€", 5000), 999},
		{strings.Repeat("x", 20000), 10000},
		{strings.Repeat("x", 100), 10},
	} {
		got := truncate(tc.s, tc.max)
		if len(got) > tc.max && tc.max >= 60 {
			t.Errorf("truncate to %d gave %d bytes", tc.max, len(got))
		}
		if !strings.Contains(got, "[truncated: ") {
			t.Errorf("truncate to %d does not say so", tc.max)
		}
		if !strings.HasPrefix(tc.s, strings.SplitN(got, "\n[truncated", 2)[0]) {
			t.Errorf("truncate to %d is not a prefix", tc.max)
		}
	}
	if got := truncate("short", 100); got != "short" {
		t.Errorf("truncate changed a short string: %q", got)
	}
}

func TestRedactor(t *testing.T) {
	for _, tc := range []struct{ url, safe string }{
		{"https://hc-ping.com/" + pingUUID, "https://hc-ping.com/REDACTED"},
		{"https://hc-ping.com/" + pingUUID + "/start", "https://hc-ping.com/REDACTED/start"},
		{"https://hc-ping.com/pingkey12345678/iab-backup/fail", "https://hc-ping.com/REDACTED/REDACTED/fail"},
		{"https://hc.example.org/ping/" + pingUUID, "https://hc.example.org/ping/REDACTED"},
		{"https://push.example.org/message?token=" + gotifyToken, "https://push.example.org/message?token=REDACTED"},
		{"https://user:hunter2pw@push.example.org/message", "https://push.example.org/message"},
		{"::not a url " + gotifyToken, "REDACTED"},
	} {
		r := newRedactor(tc.url)
		if got := r.String(); got != tc.safe {
			t.Errorf("redacted %q = %q, want %q", tc.url, got, tc.safe)
		}
		msg := `Post "` + tc.url + `": dial tcp: connection refused`
		cleaned := r.Clean(msg)
		for _, secret := range []string{pingUUID, gotifyToken, "pingkey12345678", "hunter2pw"} {
			if strings.Contains(cleaned, secret) {
				t.Errorf("Clean(%q) = %q keeps %q", msg, cleaned, secret)
			}
		}
	}
}
