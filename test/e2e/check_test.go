package e2e

import (
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/creds"
)

// checkEnv is an onboarded work directory with one project on both servers.
type checkEnv struct {
	lab     *Lab
	project string
	workDir string
	credDir string
	hosts   []config.Host
}

func newCheckEnv(t *testing.T) *checkEnv {
	t.Helper()
	lab := RequireLab(t)
	e := &checkEnv{lab: lab, project: NewProject(t, lab), workDir: onboardLab(t, lab)}
	c := loadOnboardedConfig(t, e.workDir)
	e.credDir, e.hosts = c.IAB.CredDir, c.Hosts
	if e.credDir == "" {
		t.Fatal("onboarded config.json has no iab.iabCredDir")
	}
	return e
}

// configure writes config.json with this test's project and a retention
// policy for the source only.
func (e *checkEnv) configure(t *testing.T, instances []config.Instance, volumes []config.Volume) {
	t.Helper()
	c := loadOnboardedConfig(t, e.workDir)
	c.Projects = []config.Project{{Name: e.project, Instances: instances, Volumes: volumes}}
	c.Retention = config.Retention{Hosts: map[string]config.RoleRetention{
		config.RoleSource: {Default: "6,1h2d,1d2w"},
		config.RoleTarget: {Default: "1d2w"},
	}}
	saveOnboardedConfig(t, e.workDir, c)
}

func (e *checkEnv) label(s *LabServer) string {
	for _, h := range e.hosts {
		if h.Role == s.Role {
			return s.Role + ` "` + h.Name + `" (` + s.URL + `)`
		}
	}
	return s.Role
}

func wantLines(t *testing.T, out string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(out, l) {
			t.Errorf("output lacks %q", l)
		}
	}
}

func TestCheckPassesOnAGoodConfig(t *testing.T) {
	e := newCheckEnv(t)
	src := e.lab.Source
	src.CreateContainer(t, e.project, "web", true)
	src.CreateVolume(t, e.project, PoolFast, "data")
	e.configure(t,
		[]config.Instance{{Name: "web", Storage: PoolFast}},
		[]config.Volume{{Name: "data", Storage: PoolFast}})
	before := snapshotState(t, e.lab, e.project, []string{"web"}, []string{PoolFast + "/data"})

	res := runIAB(t, e.workDir, nil, "check")
	if res.Code != 0 {
		t.Fatalf("iab check on a good config: exit %d\n%s\n%s", res.Code, res.Stdout, res.Stderr)
	}
	wantLines(t, res.Stdout,
		e.label(e.lab.Source)+": connected, Incus 6",
		e.label(e.lab.Target)+": connected, Incus 6",
		"check: OK, no problems found",
	)
	// Retention per resource and side; the target follows the source (--ios-fix).
	for _, l := range strings.Split(res.Stdout, "\n") {
		f := strings.Fields(l)
		if len(f) >= 5 && f[0] == e.project {
			if f[4] != "6,1h2d,1d2w" {
				t.Errorf("with --ios-fix every side uses the source's policy; got %q", l)
			}
		}
	}
	wantLines(t, res.Stdout, "as the source (--ios-fix); configured 1d2w (retention.hosts.target.default) is not used")

	res = runIAB(t, e.workDir, nil, "check", "--iOSfix=false")
	if res.Code != 0 {
		t.Fatalf("iab check --iOSfix=false: exit %d", res.Code)
	}
	wantLines(t, res.Stdout, "6,1h2d,1d2w + 1d2w", "--ios-fix=false: the source also keeps what the target's policy keeps")

	// Read-only: no snapshot, no copy.
	assertSameState(t, "iab check", before, snapshotState(t, e.lab, e.project, []string{"web"}, []string{PoolFast + "/data"}))
	if e.lab.Target.Instance(t, e.project, "web") != nil {
		t.Error("iab check created the instance on the target")
	}
}

// One run reports every problem, each naming the object and the server.
func TestCheckReportsMissingObjects(t *testing.T) {
	lab := RequireLab(t)
	// A profile that only the source has, in the default project (test
	// projects use the default project's profiles). Created before the
	// project so that its cleanup runs after the project's.
	profile := "iab-only-src-" + randomSuffix(t, 6)
	if err := lab.Source.Admin(t).CreateProfile(api.ProfilesPost{Name: profile}); err != nil {
		t.Fatalf("source: create profile %s: %v", profile, err)
	}
	t.Cleanup(func() {
		if err := lab.Source.Admin(t).DeleteProfile(profile); err != nil {
			t.Errorf("source: delete profile %s: %v", profile, err)
		}
	})
	e := newCheckEnv(t)
	src := e.lab.Source
	src.CreateContainer(t, e.project, "web", false)
	src.CreateContainer(t, e.project, "app", false)
	inst, etag, err := src.Admin(t).UseProject(e.project).GetInstance("app")
	if err != nil {
		t.Fatal(err)
	}
	inst.Profiles = append(inst.Profiles, profile)
	if err := wait(src.Admin(t).UseProject(e.project).UpdateInstance("app", inst.Writable(), etag)); err != nil {
		t.Fatalf("source: add profile %s to app: %v", profile, err)
	}
	src.CreateVolume(t, e.project, PoolDefault, "data")
	// A backup copy someone started on the target.
	src.CreateContainer(t, e.project, "busy", false)
	e.lab.Target.CreateContainer(t, e.project, "busy", true)
	e.configure(t,
		[]config.Instance{
			{Name: "web", Storage: "fast2"},       // no such pool on the target
			{Name: "app", Storage: PoolDefault},   // uses a profile the target lacks
			{Name: "ghost", Storage: PoolDefault}, // no such instance on the source
			{Name: "busy", Storage: PoolDefault},  // its target copy runs
		},
		[]config.Volume{
			{Name: "data", Storage: PoolDefault, TargetStorage: "slow9"}, // no such target pool
			{Name: "nodata", Storage: PoolFast},                          // no such volume
		})

	res := runIAB(t, e.workDir, nil, "check")
	if res.Code != 1 {
		t.Fatalf("iab check with problems: exit %d, want 1", res.Code)
	}
	s, d := e.label(e.lab.Source), e.label(e.lab.Target)
	p := e.project
	wantLines(t, res.Stdout,
		d+`: storage pool "fast2" not found (needed by project `+p+` instance web)`,
		d+`: profile "`+profile+`" not found in project "`+p+`" (needed by project `+p+` instance app`,
		s+`: instance "ghost" not found in project "`+p+`"`,
		d+`: storage pool "slow9" not found (needed by project `+p+` volume data)`,
		s+`: custom volume "nodata" not found in storage pool "fast" of project "`+p+`"`,
		d+`: the backup copy of project `+p+` instance busy is running`,
		"Problems (6):",
		"check: FAILED, 6 problem(s) found; nothing was changed",
	)
	if strings.Contains(res.Stdout, `instance web`) && strings.Contains(res.Stdout, `profile "default"`) {
		t.Error("the default profile was reported missing")
	}
}

func TestCheckReportsAMissingProject(t *testing.T) {
	e := newCheckEnv(t)
	only := "t-" + randomSuffix(t, 8)
	e.lab.Source.CreateProject(t, only)
	e.lab.Source.CreateContainer(t, only, "web", false)
	c := loadOnboardedConfig(t, e.workDir)
	c.Projects = []config.Project{{Name: only, Instances: []config.Instance{{Name: "web", Storage: PoolDefault}}}}
	saveOnboardedConfig(t, e.workDir, c)

	res := runIAB(t, e.workDir, nil, "check")
	if res.Code != 1 {
		t.Fatalf("exit %d, want 1", res.Code)
	}
	wantLines(t, res.Stdout, e.label(e.lab.Target)+`: project "`+only+`" does not exist`)
}

func TestCheckReportsAPinMismatch(t *testing.T) {
	e := newCheckEnv(t)
	e.lab.Source.CreateContainer(t, e.project, "web", false)
	e.configure(t, []config.Instance{{Name: "web", Storage: PoolDefault}}, nil)

	// Pin the source's certificate for the target: what a replaced target
	// certificate (or an interceptor) looks like to IAB.
	store, err := creds.Open(e.credDir)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(e.lab.Source.ServerCertPEM(t)))
	if block == nil {
		t.Fatal("source certificate is not PEM")
	}
	if err := store.SavePin(e.lab.Target.URL, block.Bytes); err != nil {
		t.Fatal(err)
	}

	res := runIAB(t, e.workDir, nil, "check")
	if res.Code != 1 {
		t.Fatalf("iab check with a wrong pin: exit %d, want 1", res.Code)
	}
	d := e.label(e.lab.Target)
	wantLines(t, res.Stdout,
		d+": server certificate mismatch",
		d+": NOT connected",
		"iab onboard --target-url "+e.lab.Target.URL,
		e.label(e.lab.Source)+": connected",
	)
}

// Needs no lab: the config is refused before any connection.
func TestCheckConfigErrorExits2(t *testing.T) {
	dir := t.TempDir()
	bad := `{"hosts": [{"name": "a", "url": "https://127.0.0.1:1", "role": "source"}], "projets": []}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	res := runIAB(t, dir, nil, "check")
	if res.Code != 2 {
		t.Fatalf("iab check on an invalid config: exit %d, want 2", res.Code)
	}
	if !strings.Contains(res.Stderr, "config.json:1:") || !strings.Contains(res.Stderr, "projets") {
		t.Errorf("config error does not name the file position and the bad field:\n%s", res.Stderr)
	}
	res = runIAB(t, dir, nil, "check", "--config", filepath.Join(dir, "missing.json"))
	if res.Code != 2 {
		t.Errorf("iab check on a missing config: exit %d, want 2", res.Code)
	}
}
