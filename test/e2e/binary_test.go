package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The e2e tests drive the real iab binary, as cron or systemd would: exit
// codes, stdout and stderr are part of what they check.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// iabBinary builds ./cmd/iab once per test process and returns its path.
func iabBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "iab-e2e-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "iab")
		cmd := exec.Command("go", "build", "-mod=vendor", "-o", binPath, "github.com/iab-project/iab/cmd/iab")
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = errors.New("go build ./cmd/iab: " + err.Error() + "\n" + string(out))
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// iabResult is what one invocation of the binary produced.
type iabResult struct {
	Stdout string
	Stderr string
	Code   int
}

// runIAB runs the iab binary in dir with args and extra environment
// variables (KEY=VALUE), and returns its output and exit code. It fails the
// test only if the binary could not be started or ran past the timeout.
func runIAB(t *testing.T, dir string, env []string, args ...string) iabResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, iabBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	res := finished(t, ctx, cmd.Run(), &stdout, &stderr, redactTokens(args))
	t.Logf("iab %v -> exit %d\nstdout:\n%s\nstderr:\n%s", redactTokens(args), res.Code, res.Stdout, res.Stderr)
	return res
}

// redactTokens hides trust tokens in logged command lines: a token is a
// secret until it is used, and test logs end up in CI output.
func redactTokens(args []string) []string {
	out := make([]string, len(args))
	hide := false
	for i, a := range args {
		switch {
		case hide:
			out[i], hide = "REDACTED", false
		case strings.Contains(strings.ToLower(a), "token="):
			out[i] = a[:strings.Index(a, "=")+1] + "REDACTED"
		default:
			out[i] = a
			hide = strings.HasSuffix(strings.ToLower(a), "token")
		}
	}
	return out
}

// runIABOnLine runs "iab run" in dir and calls action once, as soon as a
// line of its log (stderr) contains match, so that a fault or a signal lands
// at a known point of the run. It reports whether action ran.
func runIABOnLine(t *testing.T, dir, match string, action func(proc *os.Process)) (iabResult, bool) {
	t.Helper()
	// Never the same snapshot second as a previous run.
	now := time.Now()
	time.Sleep(now.Truncate(time.Second).Add(time.Second).Sub(now) + 20*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, iabBinary(t), "run")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acted := false
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		line := sc.Text()
		stderr.WriteString(line + "\n")
		if !acted && strings.Contains(line, match) {
			action(cmd.Process)
			acted = true
		}
	}
	return finished(t, ctx, cmd.Wait(), &stdout, &stderr, []string{"run"}), acted
}

// finished turns the end of an iab process into its result: an exit code
// is a result, anything else (not started, killed at the timeout) fails
// the test.
func finished(t *testing.T, ctx context.Context, err error, stdout, stderr *bytes.Buffer, args []string) iabResult {
	t.Helper()
	res := iabResult{Stdout: stdout.String(), Stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr) && ctx.Err() == nil:
		res.Code = exitErr.ExitCode()
	default:
		t.Fatalf("iab %v: %v\nstdout:\n%s\nstderr:\n%s", args, err, res.Stdout, res.Stderr)
	}
	return res
}
