package backup

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	incus "github.com/lxc/incus/v7/client"
	"github.com/lxc/incus/v7/shared/api"
)

// noExpiry is the "expires_at" IAB gives its snapshots. Without it the
// server applies the instance's or volume's snapshots.expiry, and the
// snapshot would vanish behind the retention policy's back. The zero time
// means "never" (checked on Incus 6.0 for both kinds).
var noExpiry = time.Time{}

// snapshot creates this run's snapshot of one resource on the source.
func (r *runner) snapshot(ctx context.Context, it *item, st *Step) (string, error) {
	if r.Options.DryRunCopy {
		st.Status = StepDryRun
		what := "would snapshot"
		if it.Kind == KindInstance && r.Options.StopInstance {
			what += " (stopping it first if it runs)"
		}
		fmt.Fprintf(r.Plan, "%s %s %s as %s\n", what, it.Kind, it, r.snapName)
		return "would create " + r.snapName, nil
	}
	c := r.Source.UseProject(it.Project)
	if it.Kind == KindVolume {
		return r.snapName, r.snapshotVolume(ctx, c, it)
	}
	return r.snapName, r.snapshotInstance(ctx, c, it)
}

func (r *runner) snapshotVolume(ctx context.Context, c incus.InstanceServer, it *item) error {
	names, err := c.GetStoragePoolVolumeSnapshotNames(it.Pool, "custom", it.Name)
	if err != nil {
		return fmt.Errorf("%s: list snapshots of volume %s: %w", r.Source, it, err)
	}
	if err := r.checkNewName(names); err != nil {
		return err
	}
	op, err := c.CreateStoragePoolVolumeSnapshot(it.Pool, "custom", it.Name, api.StorageVolumeSnapshotsPost{
		Name:      r.snapName,
		ExpiresAt: &noExpiry,
	})
	if err == nil {
		err = waitOp(ctx, op)
	}
	if err != nil {
		return fmt.Errorf("%s: create snapshot %s: %w", r.Source, r.snapName, err)
	}
	return nil
}

// checkNewName fails if this run's snapshot name is already taken.
func (r *runner) checkNewName(existing []string) error {
	if slices.Contains(baseNames(existing), r.snapName) {
		return fmt.Errorf("%s: snapshot %s already exists; IAB never reuses or overwrites a snapshot (did another run start in the same second, or is the clock wrong?)", r.Source, r.snapName)
	}
	return nil
}

func (r *runner) snapshotInstance(ctx context.Context, c incus.InstanceServer, it *item) (err error) {
	inst, _, err := c.GetInstance(it.Name)
	if err != nil {
		return fmt.Errorf("%s: get instance: %w", r.Source, err)
	}
	names, err := c.GetInstanceSnapshotNames(it.Name)
	if err != nil {
		return fmt.Errorf("%s: list snapshots: %w", r.Source, err)
	}
	if err := r.checkNewName(names); err != nil {
		return err
	}
	if r.Options.StopInstance && inst.StatusCode == api.Running {
		// Whatever happens from here on (stop or snapshot failing, the run
		// being interrupted), the instance is started again before this
		// function returns, with a context that no interrupt cancels.
		defer func() {
			if rerr := r.restart(context.WithoutCancel(ctx), c, it); rerr != nil {
				err = errors.Join(err, rerr)
			}
		}()
		it.log.Info("stopping instance for its snapshot", "timeout", r.Options.StopTimeout)
		if err := r.stop(ctx, c, it); err != nil {
			return err
		}
	}
	op, err := c.CreateInstanceSnapshot(it.Name, api.InstanceSnapshotsPost{
		Name:      r.snapName,
		Stateful:  false,
		ExpiresAt: &noExpiry,
	})
	if err == nil {
		done := waitChan(op)
		var finished bool
		finished, err = waitDone(ctx, done)
		if !finished {
			// Interrupted: let the server finish the snapshot before the
			// deferred restart competes with it for the instance.
			wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
			_, _ = waitDone(wctx, done)
			cancel()
		}
	}
	if err != nil {
		return fmt.Errorf("%s: create snapshot %s: %w", r.Source, r.snapName, err)
	}
	return nil
}

// stop stops an instance cleanly within the stop timeout; with ForceStop it
// then forces it, otherwise it fails.
func (r *runner) stop(ctx context.Context, c incus.InstanceServer, it *item) error {
	timeout := r.Options.StopTimeout
	op, err := c.UpdateInstanceState(it.Name, api.InstanceStatePut{Action: "stop", Timeout: int(timeout.Seconds()), Force: false}, "")
	if err == nil {
		done := waitChan(op)
		wctx, cancel := context.WithTimeout(ctx, timeout+time.Minute)
		var finished bool
		finished, err = waitDone(wctx, done)
		cancel()
		if !finished && ctx.Err() != nil {
			// Interrupted: the stop goes on in the server. Wait for it to
			// end, or it would undo the restart that follows.
			it.log.Warn("interrupted while the instance stops: waiting for the stop to end before starting it again")
			wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout+time.Minute)
			_, _ = waitDone(wctx, done)
			cancel()
			return fmt.Errorf("%s: stop instance: interrupted: %w", r.Source, ctx.Err())
		}
	}
	if err == nil {
		return nil
	}
	if !r.Options.ForceStop {
		return fmt.Errorf("%s: instance did not stop cleanly within %s (%w); not snapshotting it. Raise --stop-timeout, or allow --force-stop", r.Source, timeout, err)
	}
	it.log.Warn("clean stop failed, forcing the stop (--force-stop)", "err", err)
	if ferr := setState(ctx, c, it.Name, api.InstanceStatePut{Action: "stop", Timeout: -1, Force: true}, time.Minute); ferr != nil {
		return fmt.Errorf("%s: forced stop of instance after a failed clean stop (%v): %w", r.Source, err, ferr)
	}
	return nil
}

// restart makes sure an instance IAB stopped (or tried to stop) runs again.
// It waits for a stop in progress to end, and retries the start a few
// times: an instance left stopped by a backup tool is an outage.
func (r *runner) restart(ctx context.Context, c incus.InstanceServer, it *item) error {
	deadline := time.Now().Add(r.Options.StopTimeout + 2*time.Minute)
	var lastErr error
	for attempt := 0; ; attempt++ {
		state, _, err := c.GetInstanceState(it.Name)
		switch {
		case err != nil:
			lastErr = err
		case state.StatusCode == api.Running:
			if attempt > 0 || lastErr != nil {
				it.log.Info("instance started again")
			} else {
				it.log.Info("instance running again")
			}
			return nil
		case state.StatusCode == api.Stopped:
			it.log.Info("starting instance again after its snapshot")
			lastErr = setState(ctx, c, it.Name, api.InstanceStatePut{Action: "start", Timeout: -1}, 2*time.Minute)
			if lastErr == nil {
				it.log.Info("instance started again")
				return nil
			}
		default:
			lastErr = fmt.Errorf("instance is %s", state.Status)
		}
		if time.Now().After(deadline) {
			it.log.Error("IAB stopped this instance and could not start it again: START IT BY HAND", "err", lastErr)
			return fmt.Errorf("%s: IAB stopped the instance and could not start it again (start it by hand): %w", r.Source, lastErr)
		}
		time.Sleep(2 * time.Second)
	}
}

// setState runs a state change and waits for it at most limit.
func setState(ctx context.Context, c incus.InstanceServer, name string, req api.InstanceStatePut, limit time.Duration) error {
	op, err := c.UpdateInstanceState(name, req, "")
	if err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	return waitOp(wctx, op)
}

// waitOp waits for an operation or for ctx. Unlike the client's
// WaitContext it never cancels the operation in the server: a stop,
// snapshot or deletion that was started is let finish, and IAB acts on
// its real outcome.
func waitOp(ctx context.Context, op incus.Operation) error {
	_, err := waitDone(ctx, waitChan(op))
	return err
}

// waitChan delivers the operation's result once it ends.
func waitChan(op incus.Operation) <-chan error {
	done := make(chan error, 1)
	go func() { done <- op.Wait() }()
	return done
}

// waitDone waits for done or ctx; finished reports which came first.
func waitDone(ctx context.Context, done <-chan error) (finished bool, err error) {
	select {
	case err := <-done:
		return true, err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// baseNames strips "parent/" from snapshot names (some calls return full
// names, volume snapshots in particular).
func baseNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		if j := strings.LastIndexByte(n, '/'); j >= 0 {
			n = n[j+1:]
		}
		out[i] = n
	}
	return out
}
