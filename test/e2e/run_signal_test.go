package e2e

import (
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

			r, _, sent := runIABSignalOn(t, e.workDir, "stopping instance for its snapshot", 500*time.Millisecond, sig)
			code := r.Code
			stderr := r.Stderr
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
			if !strings.Contains(stderr, "instance started again") && !strings.Contains(stderr, "instance running again") {
				t.Errorf("no restart in the log")
			}
		})
	}
}
