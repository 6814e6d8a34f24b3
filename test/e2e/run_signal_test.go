package e2e

import (
	"bufio"
	"bytes"
	"context"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/iab-project/iab/internal/config"
)

// TestRunInterruptedDuringStop sends SIGINT (and, for the other case,
// SIGTERM) to a run while it stops an instance for its snapshot (iab.stopInstance):
// the run exits 1 and the instance is running again, never left stopped.
func TestRunInterruptedDuringStop(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			e := newRunEnv(t)
			src, p := e.lab.Source, e.project
			src.CreateContainer(t, p, "c1", true)
			e.configure(t, config.ModePush, []config.Instance{{Name: "c1", Storage: PoolDefault}}, nil,
				func(c *config.Config) { c.IAB.StopInstance = true })

			time.Sleep(time.Second)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, iabBinary(t), "run")
			cmd.Dir = e.workDir
			var stdout, stderr bytes.Buffer
			cmd.Stdout = &stdout
			pipe, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sent := false
			sc := bufio.NewScanner(pipe)
			for sc.Scan() {
				line := sc.Text()
				stderr.WriteString(line + "\n")
				if !sent && strings.Contains(line, "stopping instance for its snapshot") {
					time.Sleep(500 * time.Millisecond) // the stop is under way
					if err := cmd.Process.Signal(sig); err != nil {
						t.Fatal(err)
					}
					sent = true
				}
			}
			err = cmd.Wait()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			t.Logf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
			if !sent {
				t.Fatal("the run never stopped the instance")
			}
			if code != 1 {
				t.Errorf("exit %d after %s, want 1", code, sig)
			}
			if inst := src.Instance(t, p, "c1"); inst.Status != "Running" {
				t.Errorf("source c1 is %s after the interrupted run, want Running", inst.Status)
			}
			// A stop still under way in the server would stop it later.
			time.Sleep(10 * time.Second)
			if inst := src.Instance(t, p, "c1"); inst.Status != "Running" {
				t.Errorf("source c1 is %s 10s after the interrupted run, want Running", inst.Status)
			}
			if !strings.Contains(stderr.String(), "instance started again") && !strings.Contains(stderr.String(), "instance running again") {
				t.Errorf("no restart in the log")
			}
		})
	}
}
