package backup

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	incus "github.com/lxc/incus/v7/client"
	"github.com/lxc/incus/v7/shared/api"
)

// copy refreshes the target's copy of one resource from the source.
func (r *runner) copy(ctx context.Context, it *item, st *Step) (string, error) {
	if it.Kind == KindVolume {
		return r.copyVolume(ctx, it, st)
	}
	return r.copyInstance(ctx, it, st)
}

func isNotFound(err error) bool {
	return err != nil && api.StatusErrorCheck(err, http.StatusNotFound)
}

// instanceCopy is a prepared instance copy: everything checked, nothing done.
type instanceCopy struct {
	source  *api.Instance   // as on the source
	put     api.InstancePut // what the target copy gets
	exists  bool            // the target copy exists (refresh, not first copy)
	dropped []droppedDevice
}

// prepareInstance reads both servers and decides what the target copy
// gets. It changes nothing.
func (r *runner) prepareInstance(it *item) (*instanceCopy, error) {
	src := r.Source.UseProject(it.Project)
	dst := r.Target.UseProject(it.Project)
	inst, _, err := src.GetInstance(it.Name)
	if err != nil {
		return nil, fmt.Errorf("%s: get instance: %w", r.Source, err)
	}
	ic := &instanceCopy{source: inst}

	tinst, _, err := dst.GetInstance(it.Name)
	switch {
	case isNotFound(err):
	case err != nil:
		return nil, fmt.Errorf("%s: get instance: %w", r.Target, err)
	case tinst.IsActive():
		return nil, fmt.Errorf("%s: the backup copy is %s (someone started it); IAB does not touch a running copy: stop it on the target and the next run refreshes it", r.Target, strings.ToLower(tinst.Status))
	default:
		ic.exists = true
	}

	profiles, err := dst.GetProfileNames()
	if err != nil {
		return nil, fmt.Errorf("%s: list profiles: %w", r.Target, err)
	}
	var missing []string
	for _, p := range inst.Profiles {
		if !slices.Contains(profiles, p) {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: profile(s) %s used by the instance missing in project %s: create them on the target first (e.g. incus profile copy)", r.Target, quoteAll(missing), it.Project)
	}

	for _, name := range it.ExcludeDevices {
		if _, ok := inst.ExpandedDevices[name]; !ok {
			it.log.Warn("excludeDevices names a device the instance does not have", "device", name)
		}
	}
	has, err := r.targetHas(dst, it, referencedObjects(inst.ExpandedDevices, it.ExcludeDevices))
	if err != nil {
		return nil, err
	}
	devs, dropped := planDevices(inst.Devices, inst.ExpandedDevices, it.ExcludeDevices, has, it.Storage)
	ic.dropped = dropped
	ic.put = inst.Writable()
	ic.put.Devices = devs
	ic.put.Config = targetConfig(inst.Config)
	return ic, nil
}

// targetHas checks which networks and custom volumes the devices need exist
// on the target.
func (r *runner) targetHas(dst incus.InstanceServer, it *item, refs deviceRefs) (targetHas, error) {
	has := targetHas{Networks: map[string]bool{}, Volumes: map[[2]string]bool{}}
	if len(refs.Networks) > 0 {
		nets, ok := r.networks[it.Project]
		if !ok {
			// Only managed networks count: the list also holds the host's
			// interfaces, which a NIC's "network" key cannot name.
			list, err := dst.GetNetworks()
			if err != nil {
				return has, fmt.Errorf("%s: list networks: %w", r.Target, err)
			}
			nets = map[string]bool{}
			for _, n := range list {
				if n.Managed {
					nets[n.Name] = true
				}
			}
			r.networks[it.Project] = nets
		}
		has.Networks = nets
	}
	for _, pv := range refs.Volumes {
		_, _, err := dst.GetStoragePoolVolume(pv[0], "custom", pv[1])
		switch {
		case err == nil:
			has.Volumes[pv] = true
		case isNotFound(err):
		default:
			return has, fmt.Errorf("%s: get volume %s/%s: %w", r.Target, pv[0], pv[1], err)
		}
	}
	return has, nil
}

func (r *runner) copyInstance(ctx context.Context, it *item, st *Step) (string, error) {
	ic, err := r.prepareInstance(it)
	if err != nil {
		if r.Options.DryRunCopy {
			fmt.Fprintf(r.Plan, "would NOT copy instance %s: %v\n", it, err)
		}
		return "", err
	}
	how := "first copy"
	if ic.exists {
		how = "refresh"
	}
	if r.Options.DryRunCopy {
		st.Status = StepDryRun
		fmt.Fprintf(r.Plan, "would copy instance %s to %s (%s, mode %s)\n", it, r.Target, how, it.mode())
		for _, d := range ic.dropped {
			fmt.Fprintf(r.Plan, "  would drop device %s: %s\n", d.Name, d.Reason)
		}
		return "would " + how, nil
	}
	for _, d := range ic.dropped {
		it.log.Warn("device dropped from the target copy", "device", d.Name, "reason", d.Reason)
	}

	src := r.Source.UseProject(it.Project)
	dst := r.Target.UseProject(it.Project)
	inst := *ic.source
	inst.InstancePut = ic.put
	it.log.Info("copying instance", "how", how, "mode", it.mode())
	// Refresh also works when the target copy does not exist yet (then it
	// is a full copy), so first and later copies take the same path.
	op, err := dst.CopyInstance(src, inst, &incus.InstanceCopyArgs{
		Mode:                it.mode(),
		Live:                false,
		InstanceOnly:        false,
		Refresh:             true,
		RefreshExcludeOlder: r.excludeOlder,
	})
	if err == nil {
		err = waitRemote(ctx, op)
	}
	if err != nil {
		return "", fmt.Errorf("copy to %s (%s): %w", r.Target, how, err)
	}
	if err := r.updateTargetInstance(ctx, dst, it, ic); err != nil {
		return "", err
	}
	names, err := dst.GetInstanceSnapshotNames(it.Name)
	if err != nil {
		return "", fmt.Errorf("%s: list snapshots after the copy: %w", r.Target, err)
	}
	if err := r.checkArrived(names, it); err != nil {
		return "", err
	}
	detail := how
	if len(ic.dropped) > 0 {
		detail += fmt.Sprintf(", %d device(s) dropped", len(ic.dropped))
	}
	return detail, nil
}

// updateTargetInstance brings the target copy's config and devices up to
// date with the source's (a refresh does not), keeps what is the target's
// own (volatile.idmap.*, root pool) and makes sure the copy cannot start by
// itself.
func (r *runner) updateTargetInstance(ctx context.Context, dst incus.InstanceServer, it *item, ic *instanceCopy) error {
	tinst, etag, err := dst.GetInstance(it.Name)
	if err != nil {
		return fmt.Errorf("%s: get instance after the copy: %w", r.Target, err)
	}
	put := ic.put
	put.Config = mergeTargetConfig(ic.put.Config, tinst.Config)
	put.Devices = mergeTargetDevices(ic.put.Devices, tinst.Devices)
	op, err := dst.UpdateInstance(it.Name, put, etag)
	if err == nil {
		err = waitOp(ctx, op)
	}
	if err != nil {
		return fmt.Errorf("%s: update config of the copy: %w", r.Target, err)
	}
	return nil
}

// checkArrived fails if this run's snapshot is not on the target after a
// copy that reported success: a backup must never stop silently.
func (r *runner) checkArrived(targetNames []string, it *item) error {
	if slices.Contains(baseNames(targetNames), r.snapName) {
		return nil
	}
	return fmt.Errorf("%s: the copy reported success but snapshot %s is not on the target", r.Target, r.snapName)
}

func (r *runner) copyVolume(ctx context.Context, it *item, st *Step) (string, error) {
	src := r.Source.UseProject(it.Project)
	dst := r.Target.UseProject(it.Project)
	vol, _, err := src.GetStoragePoolVolume(it.Pool, "custom", it.Name)
	if err != nil {
		return "", fmt.Errorf("%s: get volume: %w", r.Source, err)
	}
	tpool := it.targetPool()
	how := "first copy"
	_, _, err = dst.GetStoragePoolVolume(tpool, "custom", it.Name)
	switch {
	case err == nil:
		how = "refresh"
	case !isNotFound(err):
		return "", fmt.Errorf("%s: get volume %s/%s: %w", r.Target, tpool, it.Name, err)
	}
	if r.Options.DryRunCopy {
		st.Status = StepDryRun
		fmt.Fprintf(r.Plan, "would copy volume %s to %s pool %s (%s, mode %s)\n", it, r.Target, tpool, how, it.mode())
		return "would " + how, nil
	}
	it.log.Info("copying volume", "how", how, "mode", it.mode(), "targetPool", tpool)
	op, err := dst.CopyStoragePoolVolume(tpool, src, it.Pool, *vol, &incus.StoragePoolVolumeCopyArgs{
		Name:                it.Name,
		Mode:                it.mode(),
		VolumeOnly:          false,
		Refresh:             true,
		RefreshExcludeOlder: r.excludeOlder,
	})
	if err == nil {
		err = waitRemote(ctx, op)
	}
	if err != nil {
		return "", fmt.Errorf("copy to %s pool %s (%s): %w", r.Target, tpool, how, err)
	}
	names, err := dst.GetStoragePoolVolumeSnapshotNames(tpool, "custom", it.Name)
	if err != nil {
		return "", fmt.Errorf("%s: list snapshots after the copy: %w", r.Target, err)
	}
	return how, r.checkArrived(names, it)
}

// interruptedCopyWait bounds how long an interrupted run waits for a copy in
// progress; systemd's default stop timeout is 90 s.
const interruptedCopyWait = 45 * time.Second

// waitRemote waits for a copy. Incus (6.0.4 and 7.2 seen) refuses to cancel
// a copy in progress, and the client has no target operation to cancel for
// volume copies. So on interrupt IAB asks once, then waits a bounded time
// for the copy's real outcome and says what it saw.
func waitRemote(ctx context.Context, op incus.RemoteOperation) error {
	done := make(chan error, 1)
	go func() { done <- op.Wait() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	_ = op.CancelTarget() // refused today; harmless to ask
	select {
	case err := <-done:
		if err == nil {
			return fmt.Errorf("interrupted (%w); the copy in progress completed", ctx.Err())
		}
		return fmt.Errorf("interrupted (%w); the copy in progress failed: %v", ctx.Err(), err)
	case <-time.After(interruptedCopyWait):
		return fmt.Errorf("interrupted (%w); Incus cannot cancel a copy in progress: it may still be running on the servers (the next run refreshes it)", ctx.Err())
	}
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
