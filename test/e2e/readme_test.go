package e2e

import (
	"bytes"
	"context"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	incus "github.com/lxc/incus/v7/client"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/creds"
)

// The README walk-through, executed in the lab: every command the README
// shows for onboarding, checking, running, monitoring, restoring and
// troubleshooting is run here with the lab's addresses filled in, and the
// test first checks that the command (with the README's placeholders) is
// really in README.md, so the two cannot drift apart silently.

// README placeholders and what the lab puts in their place.
const (
	readmeSourceURL = "https://192.168.1.10:8443"
	readmeTargetURL = "https://192.168.1.20:8443"
	readmeProject   = "homelab"
	readmeCredDir   = "/root/.config/incusAutobackup"
	readmeUUID      = "5f0c6d1e-8a4b-4c1e-9a57-2f0e4b6a9c3d"
	readmeSnapshot  = "IAB_20261128-030000"
	readmeBinary    = "/usr/local/bin/iab"
)

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func readREADME(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatalf("README.md: %v", err)
	}
	return string(data)
}

// mustMention fails the test unless the README shows text verbatim.
func mustMention(t *testing.T, readme, text string) {
	t.Helper()
	if !strings.Contains(readme, text) {
		t.Errorf("README.md does not show %q, which the walk-through runs", text)
	}
}

// readmeConfig returns the JSON block after <!-- readme-test:config -->.
func readmeConfig(t *testing.T, readme string) string {
	t.Helper()
	_, after, ok := strings.Cut(readme, "<!-- readme-test:config -->")
	if !ok {
		t.Fatal("README.md has no <!-- readme-test:config --> marker")
	}
	_, after, ok = strings.Cut(after, "```json\n")
	if !ok {
		t.Fatal("no ```json block after the readme-test:config marker")
	}
	block, _, ok := strings.Cut(after, "```")
	if !ok {
		t.Fatal("unterminated ```json block")
	}
	return block
}

// incusCLI runs the incus client against one lab server (through its
// INCUS_DIR, as "incus" on that host would), with the client configuration
// in conf. It fails the test if the command fails.
func incusCLI(t *testing.T, s *LabServer, conf string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "incus", args...)
	cmd.Env = append(os.Environ(), "INCUS_DIR="+s.IncusDir, "INCUS_CONF="+conf)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	t.Logf("%s: incus %s\n%s%s", s.Role, strings.Join(args, " "), stdout.String(), stderr.String())
	if err != nil {
		t.Fatalf("%s: incus %s: %v\n%s", s.Role, strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// forgetCertificates removes the certificates named name from s when the
// test ends (tokens made with the incus CLI are not tracked by the harness).
func forgetCertificates(t *testing.T, s *LabServer, name string) {
	t.Cleanup(func() {
		c, err := incus.ConnectIncusUnix(s.Socket, nil)
		if err != nil {
			t.Errorf("%s: cleanup of trust %q: %v", s.Role, name, err)
			return
		}
		defer c.Disconnect()
		s.deleteCertificates(t, c, name)
	})
}

// lastLine is the last non-empty line of s (the token incus prints).
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func TestReadmeWalkthrough(t *testing.T) {
	readme := readREADME(t)
	lab := RequireLab(t)
	src, dst := lab.Source, lab.Target
	base := t.TempDir()
	conf := filepath.Join(base, "incus-client") // the incus client's own config
	workDir := filepath.Join(base, "etc-iab")   // stands for /etc/iab
	xdg := filepath.Join(base, "xdg")           // so the default credential directory is ours
	credDir := filepath.Join(xdg, "incusAutobackup")
	for _, d := range []string{conf, workDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"XDG_CONFIG_HOME=" + xdg}
	iab := func(args ...string) iabResult {
		t.Helper()
		// Snapshot names have one-second resolution.
		time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second + 20*time.Millisecond)))
		return runIAB(t, workDir, env, args...)
	}

	// --- Build, run ------------------------------------------------------
	mustMention(t, readme, "make build && ./iab --help")
	if res := iab("--help"); res.Code != 0 || !strings.Contains(res.Stdout, "Exit codes") {
		t.Errorf("iab --help: exit %d, exit codes listed: %v", res.Code, strings.Contains(res.Stdout, "Exit codes"))
	}

	// --- Onboarding ------------------------------------------------------
	project := "t-" + randomSuffix(t, 8)
	src.CreateProject(t, project)
	createProject := "incus project create homelab -c features.images=false -c features.profiles=false"
	mustMention(t, readme, createProject)
	t.Cleanup(func() {
		if err := dst.PurgeProject(project); err != nil {
			t.Errorf("target: cleanup of project %s: %v", project, err)
		}
	})
	incusCLI(t, dst, conf, strings.Fields(strings.TrimPrefix(strings.ReplaceAll(createProject, readmeProject, project), "incus "))...)

	// What the README's config backs up.
	src.CreateContainer(t, project, "web", true)
	src.CreateContainerOnPool(t, project, "db", PoolFast, false)
	src.CreateVolume(t, project, PoolFast, "photos")
	src.WriteInstanceFile(t, project, "web", "/root/data.txt", []byte("version 1\n"))

	mustMention(t, readme, "incus config trust add iab --restricted --projects homelab")
	certName := "iab-" + randomSuffix(t, 8)
	var tokens []string
	for _, s := range lab.Servers() {
		forgetCertificates(t, s, certName)
		out := incusCLI(t, s, conf, "config", "trust", "add", certName, "--restricted", "--projects", project, "-q")
		tokens = append(tokens, lastLine(out))
	}

	mustMention(t, readme, "iab onboard --source-url https://192.168.1.10:8443 --source-token <SOURCE_TOKEN> \\\n            --target-url https://192.168.1.20:8443 --target-token <TARGET_TOKEN> \\\n            --out-config /etc/iab")
	res := iab("onboard", "--source-url", src.URL, "--source-token", tokens[0],
		"--target-url", dst.URL, "--target-token", tokens[1], "--out-config", workDir)
	if res.Code != 0 {
		t.Fatalf("iab onboard as in the README: exit %d\n%s", res.Code, res.Stderr)
	}
	onboarded := loadOnboardedConfig(t, workDir)
	if onboarded.IAB.CredDir != credDir {
		t.Errorf("onboarded iabCredDir %q, want the default %q", onboarded.IAB.CredDir, credDir)
	}
	for _, f := range []string{"client.crt", "client.key", "servers"} {
		if _, err := os.Stat(filepath.Join(credDir, f)); err != nil {
			t.Errorf("README says onboarding writes %s: %v", f, err)
		}
	}
	if res := iab("onboard", "--source-url", src.URL, "--target-url", dst.URL, "--out-config", workDir); res.Code == 0 || !strings.Contains(res.Stderr, "--force") {
		t.Errorf("README says onboard refuses to overwrite config.json without --force: exit %d, %s", res.Code, res.Stderr)
	}

	// --- The README's config ----------------------------------------------
	cfgText := readmeConfig(t, readme)
	for old, repl := range map[string]string{
		readmeSourceURL:     src.URL,
		readmeTargetURL:     dst.URL,
		`"` + readmeCredDir: `"` + credDir,
		readmeUUID:          onboarded.IAB.UUID,
		`"` + readmeProject: `"` + project,
	} {
		if !strings.Contains(cfgText, old) {
			t.Fatalf("the README's config no longer contains %q", old)
		}
		cfgText = strings.ReplaceAll(cfgText, old, repl)
	}
	cfgPath := filepath.Join(workDir, "config.json")
	if err := os.WriteFile(cfgPath, []byte(cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(cfgPath); err != nil {
		t.Fatalf("the README's config does not load: %v", err)
	}

	// --- check, dry run -----------------------------------------------------
	mustMention(t, readme, "cd /etc/iab\niab check\niab run --dryRun")
	if res := iab("check"); res.Code != 0 {
		t.Fatalf("iab check on the README's config: exit %d\n%s", res.Code, res.Stdout)
	} else {
		for _, w := range []string{"retention.hosts.source.projects." + project + ".volumes.byName.photos", "check: OK"} {
			if !strings.Contains(res.Stdout, w) {
				t.Errorf("iab check output lacks %q (the README's retention example)", w)
			}
		}
		// The worked example: photos keeps 3,1d1w on the source.
		found := false
		for _, l := range strings.Split(res.Stdout, "\n") {
			f := strings.Fields(l)
			if len(f) >= 5 && f[1] == "volume" && f[2] == "photos" && f[3] == "source" {
				found = f[4] == "3,1d1w"
			}
		}
		if !found {
			t.Errorf("iab check does not show 3,1d1w for volume photos on the source, as the README's worked example says")
		}
	}
	before := snapshotState(t, lab, project, []string{"web", "db"}, []string{PoolFast + "/photos"})
	if res := iab("run", "--dryRun"); res.Code != 0 {
		t.Errorf("iab run --dryRun: exit %d", res.Code)
	} else {
		for _, w := range []string{"prune plan of instance " + project + "/web on source", "NAME", "AGE", "ACTION", "REASONS"} {
			if !strings.Contains(res.Stdout, w) {
				t.Errorf("dry-run output lacks %q (the README's plan excerpt)", w)
			}
		}
	}
	assertSameState(t, "iab run --dryRun", before, snapshotState(t, lab, project, []string{"web", "db"}, []string{PoolFast + "/photos"}))

	// --- run, as cron runs it ---------------------------------------------
	cronLine := "30 3 * * * root /usr/local/bin/iab --config /etc/iab/config.json run >>/var/log/iab.log 2>&1"
	mustMention(t, readme, cronLine)
	res = runIABAt(t, "/", env, "--config", cfgPath, "run")
	if res.Code != 0 {
		t.Fatalf("iab --config %s run: exit %d\n%s", cfgPath, res.Code, res.Stderr)
	}
	first := iabSnapshots(src.SnapshotNames(t, project, KindInstance, "web"))
	if len(first) != 1 {
		t.Fatalf("source web has IAB snapshots %v after the first run, want 1", first)
	}
	snap := first[0]
	for what, names := range map[string][]string{
		"target instance web":          dst.SnapshotNames(t, project, KindInstance, "web"),
		"target instance db":           dst.SnapshotNames(t, project, KindInstance, "db"),
		"target volume default/photos": dst.SnapshotNames(t, project, KindVolume, PoolDefault+"/photos"),
	} {
		assertSnapshots(t, what, iabSnapshots(names), []string{snap})
	}

	// --- a second run, status, metrics ------------------------------------
	src.WriteInstanceFile(t, project, "web", "/root/data.txt", []byte("version 2\n"))
	mustMention(t, readme, "iab run --metrics-file /var/lib/node_exporter/textfile_collector/iab.prom")
	prom := filepath.Join(base, "iab.prom")
	if res := iab("run", "--metrics-file", prom); res.Code != 0 {
		t.Errorf("iab run --metrics-file: exit %d", res.Code)
	}
	if data, err := os.ReadFile(prom); err != nil || !strings.Contains(string(data), "iab_run_success 1") {
		t.Errorf("metrics file: %v\n%s", err, data)
	}
	mustMention(t, readme, "iab status\niab status --max-age 26h")
	if res := iab("status"); res.Code != 0 || !strings.Contains(res.Stdout, "yes") {
		t.Errorf("iab status: exit %d\n%s", res.Code, res.Stdout)
	}
	if res := iab("status", "--max-age", "26h"); res.Code != 0 {
		t.Errorf("iab status --max-age 26h right after a run: exit %d", res.Code)
	}

	// --- Restoring ----------------------------------------------------------
	// Roll back in place on the source.
	for _, line := range []string{
		"incus snapshot list web --project homelab",
		"incus snapshot restore web IAB_20261128-030000 --project homelab",
		"incus storage volume snapshot restore fast photos IAB_20261128-030000 --project homelab",
	} {
		mustMention(t, readme, line)
		incusCLI(t, src, conf, readmeArgs(line, project, snap)...)
	}
	if got := src.InstanceFileSHA256(t, project, "web", "", "/root/data.txt"); got != SHA256([]byte("version 1\n")) {
		t.Errorf("after incus snapshot restore, web's data is not version 1")
	}

	// Copy back from the target through an incus remote.
	restoreCert := "restore-" + randomSuffix(t, 6)
	forgetCertificates(t, dst, restoreCert)
	mustMention(t, readme, "`incus config trust add restore`")
	token := lastLine(incusCLI(t, dst, conf, "config", "trust", "add", restoreCert, "-q"))
	for _, line := range []string{
		"incus remote add backup <TOKEN>",
		"incus snapshot list backup:web --project homelab",
		"incus copy backup:web/IAB_20261128-030000 web-restored --project homelab --target-project homelab",
		"incus start web-restored --project homelab",
		"incus storage volume copy backup:default/photos/IAB_20261128-030000 fast/photos-restored --project homelab --target-project homelab",
	} {
		mustMention(t, readme, line)
		args := readmeArgs(line, project, snap)
		for i, a := range args {
			if a == "<TOKEN>" {
				args[i] = token
			}
		}
		incusCLI(t, src, conf, args...)
	}
	if got := src.InstanceFileSHA256(t, project, "web-restored", "", "/root/data.txt"); got != SHA256([]byte("version 1\n")) {
		t.Errorf("web-restored (from %s on the target) does not hold version 1", snap)
	}
	if _, _, err := src.Admin(t).UseProject(project).GetStoragePoolVolume(PoolFast, "custom", "photos-restored"); err != nil {
		t.Errorf("source: restored volume photos-restored: %v", err)
	}

	// Start a backup on the target under a new name.
	for _, line := range []string{
		"incus copy web web-live --project homelab",
		"incus start web-live --project homelab",
	} {
		mustMention(t, readme, line)
		incusCLI(t, dst, conf, readmeArgs(line, project, snap)...)
	}
	if inst := dst.Instance(t, project, "web"); inst == nil || inst.IsActive() {
		t.Error("target: the backup copy web must exist and stay stopped")
	}

	// --- Troubleshooting: certificate mismatch, re-onboard -----------------
	store, err := creds.Open(credDir)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(src.ServerCertPEM(t)))
	if err := store.SavePin(dst.URL, block.Bytes); err != nil {
		t.Fatal(err)
	}
	mustMention(t, readme, "`server certificate mismatch at HOST:PORT`")
	if res := iab("check"); res.Code != 1 || !strings.Contains(res.Stdout, "server certificate mismatch at") {
		t.Errorf("iab check with a replaced target certificate: exit %d\n%s", res.Code, res.Stdout)
	}
	mustMention(t, readme, "iab onboard --source-url https://192.168.1.10:8443 \\\n            --target-url https://192.168.1.20:8443 --target-token <TARGET_TOKEN> \\\n            --out-config /tmp/iab-reonboard")
	reonboard := filepath.Join(base, "iab-reonboard")
	if err := os.Mkdir(reonboard, 0o700); err != nil {
		t.Fatal(err)
	}
	newToken := dst.TrustToken(t, "iab-re-"+randomSuffix(t, 6), project)
	if res := iab("onboard", "--source-url", src.URL, "--target-url", dst.URL, "--target-token", newToken, "--out-config", reonboard); res.Code != 0 {
		t.Errorf("re-onboarding the target: exit %d\n%s", res.Code, res.Stderr)
	}
	if res := iab("check"); res.Code != 0 {
		t.Errorf("iab check after re-onboarding: exit %d\n%s", res.Code, res.Stdout)
	}
}

// runIABAt runs the binary in dir (for commands that name their config).
func runIABAt(t *testing.T, dir string, env []string, args ...string) iabResult {
	t.Helper()
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second + 20*time.Millisecond)))
	return runIAB(t, dir, env, args...)
}

// readmeArgs turns a README command line ("incus ...") into the arguments of
// incus for the lab: the README's project and snapshot name replaced.
func readmeArgs(line, project, snapshot string) []string {
	line = strings.ReplaceAll(line, readmeSnapshot, snapshot)
	args := strings.Fields(strings.TrimPrefix(line, "incus "))
	for i, a := range args {
		if a == readmeProject {
			args[i] = project
		}
	}
	return args
}

// make install into a staging directory, as the README shows it, and the
// timer enabled there the way systemctl would on a real system.
func TestReadmeInstall(t *testing.T) {
	for _, tool := range []string{"make", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			skipUnlessRequired(t, "%s not found", tool)
		}
	}
	readme := readREADME(t)
	mustMention(t, readme, "make install DESTDIR=/tmp/stage")
	stage := t.TempDir()
	cmd := exec.Command("make", "install", "DESTDIR="+stage)
	cmd.Dir = repoRoot(t)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make install DESTDIR=%s: %v\n%s", stage, err, out)
	}
	for _, f := range []string{
		"usr/local/bin/iab",
		"usr/local/share/man/man1/iab.1",
		"usr/local/share/man/man1/iab-run.1",
		"usr/local/share/man/man1/iab-check.1",
		"usr/local/lib/systemd/system/iab.service",
		"usr/local/lib/systemd/system/iab.timer",
		"etc/iab",
	} {
		if _, err := os.Stat(filepath.Join(stage, f)); err != nil {
			t.Errorf("make install did not install %s: %v", f, err)
		}
	}
	unit, _ := os.ReadFile(filepath.Join(stage, "usr/local/lib/systemd/system/iab.service"))
	if !strings.Contains(string(unit), "ExecStart="+readmeBinary+" run") {
		t.Errorf("installed iab.service does not run %s", readmeBinary)
	}

	mustMention(t, readme, "systemctl enable --now iab.timer")
	if _, err := exec.LookPath("systemctl"); err != nil {
		t.Log("systemctl not found: enabling the timer not tried")
		return
	}
	cmd = exec.Command("systemctl", "--root="+stage, "enable", "iab.timer")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("systemctl --root enable iab.timer: %v\n%s", err, out)
	}
	link := filepath.Join(stage, "etc/systemd/system/timers.target.wants/iab.timer")
	if _, err := os.Lstat(link); err != nil {
		t.Errorf("enabling the timer made no %s: %v", link, err)
	}
}
