package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/retention"
	"github.com/lxc/incus/v7/shared/api"
)

// fakeServer is an in-memory Server. Only failure cases a real server cannot
// produce on cue use it; the real behaviour is covered by test/e2e.
type fakeServer struct {
	label      string
	version    string
	extensions map[string]bool
	projects   []string
	projErr    map[string]error
	pools      []string
	instances  map[string]*api.Instance // "project/name"
	profiles   map[string][]string      // project -> names
	volumes    map[string]bool          // "project/pool/name"
	listErr    error
}

var _ Server = (*fakeServer)(nil)

func (f *fakeServer) Version() string               { return f.version }
func (f *fakeServer) HasExtension(name string) bool { return f.extensions[name] }
func (f *fakeServer) CheckProject(name string) error {
	if slices.Contains(f.projects, name) {
		return nil
	}
	return fmt.Errorf("%s: project %q does not exist or IAB's certificate may not use it", f.label, name)
}
func (f *fakeServer) Pool(name string) error {
	if f.listErr != nil {
		return f.listErr
	}
	if slices.Contains(f.pools, name) {
		return nil
	}
	return fmt.Errorf("pool: %w", ErrNotFound)
}
func (f *fakeServer) Instance(project, name string) (*api.Instance, error) {
	if i, ok := f.instances[project+"/"+name]; ok {
		return i, nil
	}
	return nil, fmt.Errorf("instance: %w", ErrNotFound)
}
func (f *fakeServer) ProfileNames(project string) ([]string, error) {
	return f.profiles[project], nil
}
func (f *fakeServer) Volume(project, pool, name string) (*api.StorageVolume, error) {
	if f.volumes[project+"/"+pool+"/"+name] {
		return &api.StorageVolume{Name: name}, nil
	}
	return nil, fmt.Errorf("volume: %w", ErrNotFound)
}

var allExt = []string{"container_incremental_copy", "custom_volume_refresh"}

func goodServers() (src, dst *fakeServer) {
	ext := func() map[string]bool {
		return map[string]bool{"container_incremental_copy": true, "custom_volume_refresh": true}
	}
	src = &fakeServer{
		label:      `source "main" (https://src:8443)`,
		version:    "6.0.4",
		extensions: ext(),
		projects:   []string{"default", "p1"},
		pools:      []string{"default", "fast"},
		instances: map[string]*api.Instance{
			"p1/web": {Name: "web", InstancePut: api.InstancePut{Profiles: []string{"default", "web"}}, StatusCode: api.Running,
				ExpandedDevices: map[string]map[string]string{"root": {"type": "disk", "path": "/", "pool": "fast"}}},
			"p1/db": {Name: "db", InstancePut: api.InstancePut{Profiles: []string{"default"}}},
		},
		profiles: map[string][]string{"p1": {"default", "web"}},
		volumes:  map[string]bool{"p1/default/data": true},
	}
	dst = &fakeServer{
		label:      `target "backup" (https://dst:8443)`,
		version:    "7.2",
		extensions: ext(),
		projects:   []string{"default", "p1"},
		pools:      []string{"default", "fast", "backup"},
		instances:  map[string]*api.Instance{},
		profiles:   map[string][]string{"p1": {"default", "web"}},
	}
	return src, dst
}

func testConfig() *config.Config {
	return &config.Config{
		Hosts: []config.Host{
			{Name: "main", URL: "https://src:8443", Role: config.RoleSource},
			{Name: "backup", URL: "https://dst:8443", Role: config.RoleTarget},
		},
		Projects: []config.Project{{
			Name: "p1",
			Instances: []config.Instance{
				{Name: "web"},                   // target pool: the source's root pool "fast"
				{Name: "db", Storage: "backup"}, // explicit target pool
			},
			Volumes: []config.Volume{{Name: "data", Storage: "default", TargetStorage: "backup"}},
		}},
	}
}

// fixedPolicies gives every resource the same policy per role.
type fixedPolicies map[string]string

func (f fixedPolicies) Policy(role, _, _, _ string) (retention.Policy, string) {
	if f[role] == "" {
		return retention.Policy{}, ""
	}
	p, err := retention.ParsePolicy(f[role])
	if err != nil {
		panic(err)
	}
	return p, "retention.hosts." + role + ".default"
}

func connectTo(src, dst Server, errs map[string]error) Connect {
	return func(_ context.Context, h config.Host) (Server, error) {
		if err := errs[h.Role]; err != nil {
			return nil, err
		}
		if h.Role == config.RoleSource {
			return src, nil
		}
		return dst, nil
	}
}

func run(t *testing.T, cfg *config.Config, connect Connect, opts Options) (*Report, string) {
	t.Helper()
	pol := fixedPolicies{config.RoleSource: "6,1h2d,1d2w", config.RoleTarget: "1d2w,1w3m"}
	rep := Run(context.Background(), cfg, pol, connect, opts)
	var buf bytes.Buffer
	if err := rep.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return rep, buf.String()
}

func TestGoodConfigPasses(t *testing.T) {
	src, dst := goodServers()
	rep, out := run(t, testConfig(), connectTo(src, dst, nil), Options{Extensions: allExt, IOSFix: true})
	if !rep.OK() {
		t.Fatalf("problems on a good setup:\n%s", out)
	}
	for _, want := range []string{
		`source "main" (https://src:8443): connected, Incus 6.0.4`,
		`target "backup" (https://dst:8443): connected, Incus 7.2`,
		"check: OK",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestReportsEveryProblemWithObjectAndServer(t *testing.T) {
	src, dst := goodServers()
	delete(src.instances, "p1/db")                  // missing instance on the source
	dst.pools = []string{"default"}                 // "fast" and "backup" missing on the target
	dst.profiles["p1"] = []string{"default"}        // profile "web" missing on the target
	delete(dst.extensions, "custom_volume_refresh") // missing extension on the target
	src.volumes = nil                               // missing volume on the source
	cfg := testConfig()
	cfg.Projects = append(cfg.Projects, config.Project{Name: "gone", Instances: []config.Instance{{Name: "x"}}})

	rep, out := run(t, cfg, connectTo(src, dst, nil), Options{Extensions: allExt, IOSFix: true})
	want := []string{
		`target "backup" (https://dst:8443): API extension "custom_volume_refresh" missing`,
		`source "main" (https://src:8443): instance "db" not found in project "p1"`,
		`target "backup" (https://dst:8443): storage pool "fast" not found (needed by project p1 instance web)`,
		`target "backup" (https://dst:8443): profile "web" not found in project "p1" (needed by project p1 instance web`,
		`target "backup" (https://dst:8443): storage pool "backup" not found (needed by project p1 instance db)`,
		`source "main" (https://src:8443): custom volume "data" not found in storage pool "default" of project "p1"`,
		`target "backup" (https://dst:8443): storage pool "backup" not found (needed by project p1 volume data)`,
		`source "main" (https://src:8443): project "gone" does not exist or IAB's certificate may not use it`,
		`target "backup" (https://dst:8443): project "gone" does not exist or IAB's certificate may not use it`,
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q", w)
		}
	}
	if len(rep.Problems) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(rep.Problems), len(want), out)
	}
	if !strings.Contains(out, "check: FAILED, 9 problem(s) found") {
		t.Errorf("no verdict line:\n%s", out)
	}
}

func TestConnectionFailureIsReportedAndOtherSideStillChecked(t *testing.T) {
	src, dst := goodServers()
	delete(src.instances, "p1/web")
	pinErr := errors.New(`target "backup" (https://dst:8443): server certificate mismatch at dst:8443`)
	rep, out := run(t, testConfig(), connectTo(src, dst, map[string]error{config.RoleTarget: pinErr}), Options{IOSFix: true})
	if rep.OK() {
		t.Fatal("a connection failure passed")
	}
	for _, w := range []string{
		`target "backup" (https://dst:8443): server certificate mismatch at dst:8443`,
		`target "backup" (https://dst:8443): NOT connected`,
		`source "main" (https://src:8443): instance "web" not found in project "p1"`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestReadFailureIsAProblem(t *testing.T) {
	src, dst := goodServers()
	dst.listErr = errors.New("forbidden")
	rep, out := run(t, testConfig(), connectTo(src, dst, nil), Options{IOSFix: true})
	if rep.OK() || !strings.Contains(out, `target "backup" (https://dst:8443): cannot read storage pool "fast" (needed by project p1 instance web): forbidden`) {
		t.Errorf("list failure not reported:\n%s", out)
	}
}

func TestRunningTargetCopyIsAProblem(t *testing.T) {
	src, dst := goodServers()
	dst.instances["p1/web"] = &api.Instance{Name: "web", Status: "Running", StatusCode: api.Running}
	dst.instances["p1/db"] = &api.Instance{Name: "db", Status: "Stopped", StatusCode: api.Stopped}
	rep, out := run(t, testConfig(), connectTo(src, dst, nil), Options{IOSFix: true})
	if len(rep.Problems) != 1 || !strings.Contains(out, `target "backup" (https://dst:8443): the backup copy of project p1 instance web is running`) {
		t.Errorf("want exactly the running copy reported:\n%s", out)
	}
}

func TestPoliciesWithAndWithoutIOSFix(t *testing.T) {
	src, dst := goodServers()
	rep, out := run(t, testConfig(), connectTo(src, dst, nil), Options{IOSFix: true})
	if len(rep.Policies) != 6 {
		t.Fatalf("%d policy lines, want 6 (3 resources x 2 sides):\n%s", len(rep.Policies), out)
	}
	for _, l := range rep.Policies {
		if l.Policy != "6,1h2d,1d2w" {
			t.Errorf("with --ios-fix %s %s %s uses %s, want the source's policy", l.Side, l.Kind, l.Name, l.Policy)
		}
	}
	if !strings.Contains(out, "as the source (--ios-fix); configured 1d2w,1w3m (retention.hosts.target.default) is not used") {
		t.Errorf("--ios-fix not explained:\n%s", out)
	}

	rep, out = run(t, testConfig(), connectTo(src, dst, nil), Options{IOSFix: false})
	for _, l := range rep.Policies {
		if l.Policy != "6,1h2d,1d2w + 1d2w,1w3m" {
			t.Errorf("without --ios-fix %s %s keeps by %s, want both policies", l.Side, l.Name, l.Policy)
		}
	}
	if !strings.Contains(out, "retention.hosts.source.default + target's retention.hosts.target.default (--ios-fix=false: the source also keeps what the target's policy keeps)") {
		t.Errorf("--ios-fix=false not explained:\n%s", out)
	}
}

func TestNoPolicyIsShown(t *testing.T) {
	src, dst := goodServers()
	rep := Run(context.Background(), testConfig(), fixedPolicies{config.RoleSource: "", config.RoleTarget: ""}, connectTo(src, dst, nil), Options{IOSFix: true})
	for _, l := range rep.Policies {
		if l.Policy != "(none: prunes nothing)" {
			t.Errorf("%s %s: policy %q, want none", l.Side, l.Name, l.Policy)
		}
	}
}

// With --ios-fix=false the source keeps what either policy keeps; no
// target policy keeps everything, so check must not promise pruning that
// run (pruneplan) will not do.
func TestNoTargetPolicyWithoutIOSFixPrunesNothing(t *testing.T) {
	src, dst := goodServers()
	rep := Run(context.Background(), testConfig(), fixedPolicies{config.RoleSource: "2", config.RoleTarget: ""}, connectTo(src, dst, nil), Options{IOSFix: false})
	if len(rep.Policies) == 0 {
		t.Fatal("no policy lines")
	}
	for _, l := range rep.Policies {
		if l.Policy != "(none: prunes nothing)" {
			t.Errorf("%s %s: policy %q, want none (the empty target policy keeps everything)", l.Side, l.Name, l.Policy)
		}
	}
}

func TestRootPool(t *testing.T) {
	inst := &api.Instance{
		InstancePut:     api.InstancePut{Devices: map[string]map[string]string{"data": {"type": "disk", "path": "/data", "pool": "x"}}},
		ExpandedDevices: map[string]map[string]string{"root": {"type": "disk", "path": "/", "pool": "fast"}},
	}
	if got := rootPool(inst); got != "fast" {
		t.Errorf("rootPool = %q, want fast", got)
	}
	inst.Devices["root"] = map[string]string{"type": "disk", "path": "/", "pool": "local"}
	if got := rootPool(inst); got != "local" {
		t.Errorf("rootPool with a local root device = %q, want local", got)
	}
}
