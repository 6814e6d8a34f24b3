// Package e2e holds IAB's end-to-end tests. They run against the two-server
// Incus lab that test/lab/lab brings up ("make lab-up"); "make test" does
// everything: unit tests, lab up, these tests, lab down.
//
// Every test starts with
//
//	lab := RequireLab(t)
//
// which skips the test when no lab is up, or fails it when IAB_E2E_REQUIRED=1
// (as in "make test"), so CI can never pass by skipping.
//
// Isolation: each test works in its own project, created with the same name
// on both servers by NewProject and deleted (with everything in it) when the
// test ends. Tests in this package run sequentially (no t.Parallel): they
// share two daemons, and fault tests stop and kill them.
//
// Compatibility tests: tests whose name starts with TestCompat form the core
// scenarios that "make test-compat" runs again for each pair of server
// versions (6.0->7.2, 7.2->6.0, 7.2->7.2). Lab.Source.Version and
// Lab.Target.Version say which versions a test runs against.
package e2e

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	incus "github.com/lxc/incus/v7/client"
)

// DefaultLabEnv is where "test/lab/lab up" writes the lab coordinates when
// IAB_LAB_DIR is not set. IAB_LAB_ENV overrides it.
const DefaultLabEnv = "/var/tmp/iab-lab/lab.env"

// Roles of the two lab servers (LabServer.Role).
const (
	RoleSource = "source"
	RoleTarget = "target"
)

// Lab is a running two-server lab, as described by its lab.env file.
type Lab struct {
	Dir     string // IAB_LAB_DIR: the lab directory
	EnvFile string // the lab.env file this was read from
	Source  *LabServer
	Target  *LabServer
}

// LabServer is one of the lab's Incus daemons.
type LabServer struct {
	Role     string // RoleSource or RoleTarget
	URL      string // HTTPS API, e.g. https://127.0.0.1:18443
	Socket   string // unix socket (root access, no TLS)
	IncusDir string // the daemon's INCUS_DIR; pools live under storage-pools/
	Version  string // "6.0" or "7.2"

	lab *Lab
}

// Servers returns the source and the target, in that order.
func (l *Lab) Servers() []*LabServer { return []*LabServer{l.Source, l.Target} }

var (
	labOnce sync.Once
	labVal  *Lab
	labErr  error
)

// RequireLab returns the lab described by $IAB_LAB_ENV (default
// DefaultLabEnv). Without a lab the test is skipped, unless
// IAB_E2E_REQUIRED=1, in which case it fails.
func RequireLab(t testing.TB) *Lab {
	t.Helper()
	labOnce.Do(func() { labVal, labErr = loadLab() })
	if labErr != nil {
		skipUnlessRequired(t, "no e2e lab (run 'make lab-up'): %v", labErr)
	}
	return labVal
}

// e2eRequired: make test sets IAB_E2E_REQUIRED=1, and CI sets CI=true; in
// either case a test that cannot run fails instead of skipping.
func e2eRequired() bool {
	return os.Getenv("IAB_E2E_REQUIRED") == "1" || os.Getenv("CI") == "true"
}

// skipUnlessRequired skips an e2e test that cannot run here, unless the
// e2e tests are required (e2eRequired), where every skip is a failure.
func skipUnlessRequired(t testing.TB, format string, args ...any) {
	t.Helper()
	if e2eRequired() {
		t.Fatalf("e2e tests are required (IAB_E2E_REQUIRED=1 or CI=true) but this one cannot run: "+format, args...)
	}
	t.Skipf(format, args...)
}

func loadLab() (*Lab, error) {
	path := os.Getenv("IAB_LAB_ENV")
	if path == "" {
		path = DefaultLabEnv
	}
	env, err := readEnvFile(path)
	if err != nil {
		return nil, err
	}
	lab := &Lab{Dir: env["IAB_LAB_DIR"], EnvFile: path}
	if lab.Dir == "" {
		return nil, errorf("%s: IAB_LAB_DIR missing", path)
	}
	for _, role := range []string{RoleSource, RoleTarget} {
		p := "IAB_LAB_" + strings.ToUpper(role) + "_"
		s := &LabServer{
			Role:     role,
			URL:      env[p+"URL"],
			Socket:   env[p+"SOCKET"],
			IncusDir: env[p+"INCUS_DIR"],
			Version:  env[p+"VERSION"],
			lab:      lab,
		}
		if s.URL == "" || s.Socket == "" || s.IncusDir == "" || s.Version == "" {
			return nil, errorf("%s: incomplete %s entries (%sURL, SOCKET, INCUS_DIR, VERSION)", path, role, p)
		}
		if role == RoleSource {
			lab.Source = s
		} else {
			lab.Target = s
		}
	}
	return lab, nil
}

// readEnvFile reads KEY=VALUE lines (no quoting), as the lab script writes.
func readEnvFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, errorf("%s: malformed line %q", path, line)
		}
		env[k] = v
	}
	return env, sc.Err()
}

// Admin returns a root client over the server's unix socket (default
// project; use UseProject for others). Each call connects anew, so it is
// safe after the daemon was restarted.
func (s *LabServer) Admin(t testing.TB) incus.InstanceServer {
	t.Helper()
	c, err := incus.ConnectIncusUnix(s.Socket, nil)
	if err != nil {
		t.Fatalf("%s: connect to %s: %v", s.Role, s.Socket, err)
	}
	return c
}

// LabScript is the path of test/lab/lab in this checkout.
func LabScript() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "lab", "lab")
}

// RunLab runs "test/lab/lab ARGS..." for this lab and fails the test if it
// fails. It returns the combined output.
func (l *Lab) RunLab(t testing.TB, args ...string) string {
	t.Helper()
	out, err := l.runLab(args...)
	if err != nil {
		t.Fatalf("lab %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (l *Lab) runLab(args ...string) (string, error) {
	cmd := exec.Command(LabScript(), args...)
	// The lab script finds the lab by its directory; ports and versions are
	// recorded in the lab itself for start/stop/kill.
	cmd.Env = append(os.Environ(), "IAB_LAB_DIR="+l.Dir)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// StopDaemon shuts the server's daemon down cleanly (its running instances
// stop too). The daemon is started again when the test ends, if the test
// did not do so itself.
func (s *LabServer) StopDaemon(t testing.TB) {
	t.Helper()
	s.lab.RunLab(t, "stop", s.Role)
	s.restartOnCleanup(t)
}

// KillDaemon kills the server's daemon with SIGKILL (running instances keep
// running, as after a crash). The daemon is started again when the test ends,
// if the test did not do so itself.
func (s *LabServer) KillDaemon(t testing.TB) {
	t.Helper()
	s.lab.RunLab(t, "kill", s.Role)
	s.restartOnCleanup(t)
}

// StartDaemon starts the server's daemon (no-op if it runs) and waits until
// it answers API calls.
func (s *LabServer) StartDaemon(t testing.TB) {
	t.Helper()
	s.lab.RunLab(t, "start", s.Role)
	s.waitAPI(t)
}

// DaemonRunning reports whether the server's daemon answers on its socket.
func (s *LabServer) DaemonRunning() bool {
	c, err := incus.ConnectIncusUnix(s.Socket, nil)
	if err != nil {
		return false
	}
	defer c.Disconnect()
	_, _, err = c.GetServer()
	return err == nil
}

func (s *LabServer) restartOnCleanup(t testing.TB) {
	t.Cleanup(func() {
		if s.DaemonRunning() {
			return
		}
		if out, err := s.lab.runLab("start", s.Role); err != nil {
			t.Errorf("restarting %s daemon after test: %v\n%s", s.Role, err, out)
		}
	})
}

// waitAPI waits until the daemon serves API calls ("waitready" in the
// script already waited; this also covers the HTTPS listener).
func (s *LabServer) waitAPI(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !s.DaemonRunning() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: daemon at %s not ready after 60s", s.Role, s.Socket)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
