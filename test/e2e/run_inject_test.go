package e2e

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	incus "github.com/lxc/incus/v7/client"
	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/backup"
	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/remote"
	"github.com/iab-project/iab/internal/retention"
)

// failingTarget is the real target with one fault: copying the named
// instance fails. A real server cannot fail on cue like this.
type failingTarget struct {
	*remote.Server
	instance string
}

func (f failingTarget) UseProject(name string) incus.InstanceServer {
	return failingCopy{InstanceServer: f.Server.UseProject(name), instance: f.instance}
}

type failingCopy struct {
	incus.InstanceServer
	instance string
}

var errInjected = errors.New("injected copy failure")

func (f failingCopy) CopyInstance(src incus.InstanceServer, inst api.Instance, args *incus.InstanceCopyArgs) (incus.RemoteOperation, error) {
	if inst.Name == f.instance {
		return nil, errInjected
	}
	return f.InstanceServer.CopyInstance(src, inst, args)
}

var _ backup.Server = failingTarget{}

// TestRunCopyOfSecondInstanceFails runs the pipeline in process with the
// copy of the second of three instances failing: the others are copied and
// pruned on both sides; the failed one is pruned on the source only (its
// newest common snapshot pinned) and untouched on the target; the result
// says which one failed and why.
func TestRunCopyOfSecondInstanceFails(t *testing.T) {
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	now := time.Now()
	old := iabName(now.Add(-40 * 24 * time.Hour))
	names := []string{"c1", "c2", "c3"}
	var instances []config.Instance
	for _, n := range names {
		src.CreateContainer(t, p, n, false)
		seedSnapshots(t, src, p, KindInstance, n, old)
		instances = append(instances, config.Instance{Name: n, Storage: PoolDefault})
	}
	e.configure(t, config.ModePush, instances, nil, nil)
	e.mustRun(t, 0, "run") // target copies hold `old` and run 1's snapshot
	run1 := newest(iabSnapshots(src.SnapshotNames(t, p, KindInstance, "c1")))

	cfg := loadOnboardedConfig(t, e.workDir)
	ctx := context.Background()
	source, err := remote.Connect(ctx, cfg.IAB.CredDir, config.RoleSource, cfg.Source().Name, cfg.Source().URL)
	if err != nil {
		t.Fatal(err)
	}
	defer source.Close()
	target, err := remote.Connect(ctx, cfg.IAB.CredDir, config.RoleTarget, cfg.Target().Name, cfg.Target().URL)
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	policy, err := retention.ParsePolicy("1d1w")
	if err != nil {
		t.Fatal(err)
	}
	var resources []backup.Resource
	for _, n := range names {
		resources = append(resources, backup.Resource{Project: p, Kind: backup.KindInstance, Name: n,
			Storage: PoolDefault, SourcePolicy: policy, TargetPolicy: policy})
	}
	time.Sleep(time.Second) // a new second: a new snapshot name
	runNow := time.Now()
	var log strings.Builder
	res := backup.Run(ctx, backup.Job{
		Source: source, Target: failingTarget{Server: target, instance: "c2"},
		Resources: resources, Now: runNow,
		Options: backup.Options{IOSFix: true},
		Log:     slog.New(slog.NewTextHandler(&log, nil)),
	})
	t.Logf("log:\n%s", log.String())
	run2 := retention.SnapshotName(runNow)

	if res.OK() {
		t.Fatal("result OK, want the c2 failure")
	}
	failed := res.Failed()
	if len(failed) != 1 || failed[0].Name != "c2" || !errors.Is(failed[0].Copy.Err, errInjected) {
		t.Fatalf("failed resources %+v, want only c2 with the injected copy error", failed)
	}
	if msg := failed[0].Copy.Err.Error(); !strings.Contains(msg, p+"/c2") {
		t.Errorf("error %q does not name %s/c2", msg, p)
	}
	for _, n := range []string{"c1", "c3"} {
		// 1d1w keeps one a day: run 2's snapshot; run 1's and `old` go.
		assertSnapshots(t, "source "+n, src.SnapshotNames(t, p, KindInstance, n), []string{run2})
		assertSnapshots(t, "target "+n, dst.SnapshotNames(t, p, KindInstance, n), []string{run2})
	}
	// c2: run 1's snapshot is the newest common one and stays on the
	// source; the target is not pruned at all.
	assertSnapshots(t, "source c2", src.SnapshotNames(t, p, KindInstance, "c2"), []string{run1, run2})
	assertSnapshots(t, "target c2", dst.SnapshotNames(t, p, KindInstance, "c2"), []string{old, run1})
}
