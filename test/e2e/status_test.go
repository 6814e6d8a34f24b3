package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/iab-project/iab/internal/config"
)

// statusJSON is the part of `iab status --json` these tests read.
type statusJSON struct {
	OK        bool
	Resources []struct {
		Project, Kind, Name string
		Current, Stale      bool
		StaleReason         string
		Source, Target      struct {
			Newest  string
			Count   int
			Missing bool
		}
	}
}

func parseStatusJSON(t *testing.T, out string) statusJSON {
	t.Helper()
	var s statusJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("iab status --json output does not parse: %v\n%s", err, out)
	}
	return s
}

// TestStatusAfterRun: after a real run, status reports every resource
// current and passes --max-age; the run's metrics file is valid Prometheus
// text with the per-resource series; once the newest target snapshot is
// gone, or a resource was never replicated, --max-age fails naming them.
func TestStatusAfterRun(t *testing.T) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	old := iabName(time.Now().Add(-72 * time.Hour))
	src.CreateContainer(t, p, "c1", false)
	src.CreateVolume(t, p, PoolDefault, "v1")
	seedSnapshots(t, src, p, KindInstance, "c1", old, "manual")
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}},
		[]config.Volume{{Name: "v1", Storage: PoolDefault}}, nil)

	metricsFile := filepath.Join(t.TempDir(), "iab.prom")
	e.mustRun(t, 0, "run", "--metrics-file", metricsFile)
	runSnap := newest(iabSnapshots(src.SnapshotNames(t, p, KindInstance, "c1")))
	if runSnap == old {
		t.Fatalf("the run made no snapshot of c1")
	}

	t.Run("metrics file", func(t *testing.T) {
		checkRunMetrics(t, metricsFile, p)
	})

	c1 := "instance " + p + "/c1"
	v1 := "volume " + p + "/" + PoolDefault + "/v1"

	// Everything current.
	res := e.mustRun(t, 0, "status", "--max-age", "1h")
	mustContain(t, "status", res.Stdout, c1, v1, runSnap, "All 2 resources have a target snapshot younger than 1h")
	for _, line := range strings.Split(res.Stdout, "\n") {
		if strings.HasPrefix(line, c1+" ") || strings.HasPrefix(line, v1+" ") {
			if f := strings.Fields(line); f[len(f)-1] != "yes" {
				t.Errorf("status line not current: %q", line)
			}
		}
	}
	js := parseStatusJSON(t, e.mustRun(t, 0, "status", "--json").Stdout)
	if !js.OK || len(js.Resources) != 2 {
		t.Fatalf("status --json: %+v, want OK with 2 resources", js)
	}
	for _, r := range js.Resources {
		if !r.Current || r.Source.Newest != runSnap || r.Target.Newest != runSnap {
			t.Errorf("status --json %s %s: %+v, want current at %s", r.Kind, r.Name, r, runSnap)
		}
	}
	if r := js.Resources[0]; r.Name != "c1" || r.Source.Count != 2 || r.Target.Count != 2 {
		t.Errorf("status --json c1 counts: source %d target %d, want 2 and 2 (the seeded and the run's; not \"manual\")", r.Source.Count, r.Target.Count)
	}

	// The newest target snapshot of c1 disappears: its newest is now three
	// days old. c2 exists on the source but was never replicated.
	if err := wait(dst.Admin(t).UseProject(p).DeleteInstanceSnapshot("c1", runSnap)); err != nil {
		t.Fatal(err)
	}
	src.CreateContainer(t, p, "c2", false)
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}, {Name: "c2", Storage: PoolDefault}},
		[]config.Volume{{Name: "v1", Storage: PoolDefault}}, nil)
	c2 := "instance " + p + "/c2"

	before := snapshotState(t, e.lab, p, []string{"c1", "c2"}, []string{PoolDefault + "/v1"})
	res = e.mustRun(t, 1, "status", "--max-age", "1h")
	mustContain(t, "status after the loss", res.Stdout,
		"Not backed up within 1h (2 of 3):",
		c1+": newest on the target is 3d old (max 1h)",
		c2+": not on the target")
	if strings.Contains(res.Stdout, v1+":") {
		t.Errorf("status names v1, which is current:\n%s", res.Stdout)
	}
	js = parseStatusJSON(t, e.mustRun(t, 1, "status", "--json", "--max-age", "26h").Stdout)
	stale := map[string]bool{}
	for _, r := range js.Resources {
		stale[r.Name] = r.Stale
		if r.Name == "c1" && (r.Current || r.Target.Newest != old) {
			t.Errorf("status --json c1: %+v, want not current, newest %s", r, old)
		}
		if r.Name == "c2" && !r.Target.Missing {
			t.Errorf("status --json c2: %+v, want missing on the target", r)
		}
	}
	if js.OK || !stale["c1"] || !stale["c2"] || stale["v1"] {
		t.Errorf("status --json --max-age 26h: ok %v stale %v, want c1 and c2 stale", js.OK, stale)
	}
	// Without --max-age status only reports.
	e.mustRun(t, 0, "status")
	// Status is read-only.
	assertSameState(t, "iab status", before, snapshotState(t, e.lab, p, []string{"c1", "c2"}, []string{PoolDefault + "/v1"}))

	// A bad --max-age is a usage error.
	e.mustRun(t, 2, "status", "--max-age", "soon")
}

// checkRunMetrics parses a real run's metrics file and checks the run and
// per-resource series of project p (c1 and v1, both backed up).
func checkRunMetrics(t *testing.T, path, p string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("metrics file: %v", err)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("metrics file does not parse: %v\n%s", err, data)
	}
	get := func(name string, labels map[string]string) (float64, bool) {
		f, ok := fams[name]
		if !ok {
			return 0, false
		}
	next:
		for _, m := range f.GetMetric() {
			have := map[string]string{}
			for _, l := range m.GetLabel() {
				have[l.GetName()] = l.GetValue()
			}
			for k, v := range labels {
				if have[k] != v {
					continue next
				}
			}
			return m.GetGauge().GetValue(), true
		}
		return 0, false
	}
	now := float64(time.Now().Unix())
	for _, name := range []string{"iab_run_start_timestamp_seconds", "iab_run_end_timestamp_seconds"} {
		if v, ok := get(name, nil); !ok || v < now-600 || v > now+5 {
			t.Errorf("%s = %v (present %v), want within the last 10 minutes", name, v, ok)
		}
	}
	for _, tc := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"iab_run_success", nil, 1},
		{"iab_run_resources", nil, 2},
		{"iab_run_failed_resources", nil, 0},
		{"iab_resource_success", map[string]string{"project": p, "kind": "instance", "name": "c1"}, 1},
		{"iab_resource_success", map[string]string{"project": p, "kind": "volume", "pool": PoolDefault, "name": "v1"}, 1},
		{"iab_resource_snapshots", map[string]string{"project": p, "name": "c1", "side": "source"}, 2},
		{"iab_resource_snapshots", map[string]string{"project": p, "name": "c1", "side": "target"}, 2},
		{"iab_resource_snapshots", map[string]string{"project": p, "name": "v1", "side": "target"}, 1},
		{"iab_resource_pruned_snapshots", map[string]string{"project": p, "name": "c1", "side": "source"}, 0},
	} {
		if v, ok := get(tc.name, tc.labels); !ok || v != tc.want {
			t.Errorf("%s%v = %v (present %v), want %v", tc.name, tc.labels, v, ok, tc.want)
		}
	}
	end, _ := get("iab_run_end_timestamp_seconds", nil)
	for _, n := range []string{"c1", "v1"} {
		if v, ok := get("iab_resource_last_success_timestamp_seconds", map[string]string{"project": p, "name": n}); !ok || v != end {
			t.Errorf("last success of %s = %v (present %v), want the run's end %v", n, v, ok, end)
		}
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm() != 0o644 {
		t.Errorf("metrics file mode %v, want 0644", fi.Mode().Perm())
	}
}

// notifyServer is a fake Healthchecks and Gotify server in the test
// process; the iab binary reaches it on loopback.
type notifyServer struct {
	*httptest.Server
	status atomic.Int32
	mu     sync.Mutex
	reqs   []string // "METHOD PATH?QUERY"
	bodies map[string]string
}

func newNotifyServer(t *testing.T) *notifyServer {
	ns := &notifyServer{bodies: map[string]string{}}
	ns.status.Store(http.StatusOK)
	ns.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		key := r.Method + " " + r.URL.Path
		if r.URL.RawQuery != "" {
			key += "?" + r.URL.RawQuery
		}
		ns.mu.Lock()
		ns.reqs = append(ns.reqs, key)
		ns.bodies[key] = string(body)
		ns.mu.Unlock()
		w.WriteHeader(int(ns.status.Load()))
	}))
	t.Cleanup(ns.Close)
	return ns
}

func (ns *notifyServer) take() ([]string, map[string]string) {
	ns.mu.Lock()
	defer ns.mu.Unlock()
	reqs, bodies := ns.reqs, ns.bodies
	ns.reqs, ns.bodies = nil, map[string]string{}
	return reqs, bodies
}

// TestNotifyRealRun: a real run that fails one resource pings Healthchecks
// start and fail (with a summary naming the failure) and sends a Gotify
// message; a good run whose notification server answers 500 still exits 0
// and only warns. Neither the ping key nor the token reaches the output.
// (It lives here with the other monitoring tests.)
func TestNotifyRealRun(t *testing.T) {
	e := newRunEnv(t)
	src, p := e.lab.Source, e.project
	src.CreateContainer(t, p, "c1", false)
	ns := newNotifyServer(t)
	const pingKey = "0c7f3e9a-5b2d-4e8f-9a1c-3d5e7f9b1a2c"
	const token = "AxTok3nSecretValue"
	withNotify := func(c *config.Config) {
		c.IAB.HealthchecksURL = ns.URL + "/ping/" + pingKey
		c.IAB.GotifyURL = ns.URL + "/message?token=" + token
	}
	noSecrets := func(res iabResult) {
		t.Helper()
		for _, secret := range []string{pingKey, token} {
			if strings.Contains(res.Stdout+res.Stderr, secret) {
				t.Errorf("output contains the secret %q", secret)
			}
		}
	}

	// "ghost" does not exist on the source: that resource fails.
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}, {Name: "ghost", Storage: PoolDefault}}, nil, withNotify)
	res := e.mustRun(t, 1, "run")
	noSecrets(res)
	reqs, bodies := ns.take()
	start, fail, gotify := "POST /ping/"+pingKey+"/start", "POST /ping/"+pingKey+"/fail", "POST /message?token="+token
	if len(reqs) != 3 || reqs[0] != start || !slices.Contains(reqs, fail) || !slices.Contains(reqs, gotify) {
		t.Fatalf("requests %v, want start, then fail and the Gotify message", reqs)
	}
	mustContain(t, "fail ping body", bodies[fail], "IAB run FAILED", "failed: 1", "instance "+p+"/ghost", "ok     instance "+p+"/c1")
	var msg struct {
		Title    string
		Message  string
		Priority int
	}
	if err := json.Unmarshal([]byte(bodies[gotify]), &msg); err != nil {
		t.Fatalf("Gotify body: %v\n%s", err, bodies[gotify])
	}
	if msg.Priority < 5 || !strings.Contains(msg.Title, "failed") || !strings.Contains(msg.Message, "instance "+p+"/ghost") {
		t.Errorf("Gotify message %+v, want a high-priority failure naming ghost", msg)
	}

	// A good run, and the server answers 500 to everything: each
	// notification is retried once, warned about, and the run still exits 0.
	e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}}, nil, withNotify)
	ns.status.Store(http.StatusInternalServerError)
	res = e.mustRun(t, 0, "run")
	noSecrets(res)
	reqs, _ = ns.take()
	if want := []string{start, start, "POST /ping/" + pingKey, "POST /ping/" + pingKey}; !slices.Equal(reqs, want) {
		t.Errorf("requests %v, want %v (no Gotify on success)", reqs, want)
	}
	mustContain(t, "run stderr", res.Stderr, "notification failed", "/ping/REDACTED")
}
