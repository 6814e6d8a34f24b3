package backup

import (
	"context"
	"errors"
	"fmt"
	"strings"

	incus "github.com/lxc/incus/v7/client"

	"github.com/iab-project/iab/internal/pruneplan"
	"github.com/iab-project/iab/internal/retention"
)

// prune deletes the IAB snapshots pruneplan selects, source first.
func (r *runner) prune(ctx context.Context, it *item, st *Step) (string, error) {
	src := r.Source.UseProject(it.Project)
	dst := r.Target.UseProject(it.Project)

	srcNames, err := listSnapshots(src, it, it.Pool)
	if err != nil {
		return "", fmt.Errorf("%s: list snapshots: %w", r.Source, err)
	}
	tgtNames, err := listSnapshots(dst, it, it.targetPool())
	targetKnown := true
	switch {
	case isNotFound(err):
		targetKnown = false
		it.log.Info("no copy on the target: pruning the source only")
	case err != nil:
		// The target's state is unknown: the newest common snapshot cannot
		// be pinned, so nothing is pruned anywhere.
		st.Status = StepSkipped
		it.log.Warn("cannot list the target's snapshots: nothing pruned", "err", err)
		return "target snapshots unknown: nothing pruned", nil
	}
	// A dry-run copy leaves the target as the last run left it, which is
	// consistent with the source: its prune may be planned (and done).
	copyOK := it.res.Copy.Status == StepOK || it.res.Copy.Status == StepDryRun
	if r.plansWouldBeSnapshot(it) {
		// A full dry run plans what the real run would do, and the real run
		// prunes with this run's snapshot on the source (and, after its
		// copy, on the target): leaving it out would let "newest N" keep a
		// snapshot that the real run removes. Only when nothing is deleted:
		// a real prune works on real lists only.
		srcNames = append(srcNames, r.snapName)
		if targetKnown && it.res.Copy.Status == StepDryRun {
			tgtNames = append(tgtNames, r.snapName)
		}
	}

	d := pruneplan.Decide(pruneplan.Input{
		Now:           r.Now,
		Source:        srcNames,
		Target:        tgtNames,
		TargetKnown:   targetKnown,
		SourcePolicy:  it.SourcePolicy,
		TargetPolicy:  it.TargetPolicy,
		IOSFix:        r.Options.IOSFix,
		CopySucceeded: copyOK,
	})
	for _, n := range d.SourcePlan.Future() {
		it.log.Warn("IAB snapshot dated in the future on the source (clock skew?): kept", "snapshot", n)
	}
	if d.TargetSkipped != "" {
		it.log.Info("target not pruned", "why", d.TargetSkipped)
	}
	srcIAB, tgtIAB := countIAB(srcNames), countIAB(tgtNames)

	if r.Options.DryRunPrune {
		st.Status = StepDryRun
		r.writePlans(it, d, targetKnown)
		it.res.SourceSnapshots = srcIAB - len(d.SourceRemove)
		if targetKnown {
			it.res.TargetSnapshots = tgtIAB - len(d.TargetRemove)
		}
		return fmt.Sprintf("would remove %d on source, %d on target", len(d.SourceRemove), len(d.TargetRemove)), nil
	}

	var errs []error
	var failedSource []string
	removedSource := 0
	for _, name := range d.SourceRemove {
		if err := r.deleteSnapshot(ctx, src, it, it.Pool, name); err != nil {
			errs = append(errs, fmt.Errorf("%s: delete snapshot %s: %w", r.Source, name, err))
			failedSource = append(failedSource, name)
			continue
		}
		removedSource++
		it.log.Info("snapshot removed", "server", "source", "snapshot", name)
	}
	// The target never loses a snapshot the source still has.
	removedTarget := 0
	for _, name := range d.TargetRemoveExcept(failedSource) {
		if err := r.deleteSnapshot(ctx, dst, it, it.targetPool(), name); err != nil {
			errs = append(errs, fmt.Errorf("%s: delete snapshot %s: %w", r.Target, name, err))
			continue
		}
		removedTarget++
		it.log.Info("snapshot removed", "server", "target", "snapshot", name)
	}
	it.res.PrunedSource, it.res.PrunedTarget = removedSource, removedTarget
	it.res.SourceSnapshots = srcIAB - removedSource
	if targetKnown {
		it.res.TargetSnapshots = tgtIAB - removedTarget
	}
	detail := fmt.Sprintf("removed %d on source, %d on target", removedSource, removedTarget)
	if d.TargetSkipped != "" {
		detail += " (target not pruned: " + d.TargetSkipped + ")"
	}
	return detail, errors.Join(errs...)
}

// plansWouldBeSnapshot reports whether the prune plan of it includes the
// snapshot this (full) dry run would have created.
func (r *runner) plansWouldBeSnapshot(it *item) bool {
	return r.Options.DryRunCopy && r.Options.DryRunPrune && it.res.Snapshot.Status == StepDryRun
}

// writePlans prints both keep/remove plans of a dry run.
func (r *runner) writePlans(it *item, d pruneplan.Decision, targetKnown bool) {
	if r.plansWouldBeSnapshot(it) {
		fmt.Fprintf(r.Plan, "\n(the plans below include %s, the snapshot this run would create)", r.snapName)
	}
	policy := policyText(it.SourcePolicy, it.SourcePolicyLabel)
	if !r.Options.IOSFix {
		// The source is planned by both policies (see pruneplan): say so,
		// as "iab check --ios-fix=false" does.
		policy += " + target's " + policyText(it.TargetPolicy, it.TargetPolicyLabel) + ", --ios-fix=false"
	}
	fmt.Fprintf(r.Plan, "\nprune plan of %s %s on %s (policy: %s):\n", it.Kind, it, r.Source, policy)
	_ = d.SourcePlan.WriteTable(r.Plan)
	fmt.Fprintf(r.Plan, "prune plan of %s %s on %s", it.Kind, it, r.Target)
	switch {
	case !targetKnown:
		fmt.Fprintf(r.Plan, ": no copy there, nothing to prune\n")
		return
	case d.TargetSkipped != "":
		fmt.Fprintf(r.Plan, " (not pruned: %s):\n", d.TargetSkipped)
	default:
		fmt.Fprintf(r.Plan, " (deletes only what is gone from the source):\n")
	}
	_ = d.TargetPlan.WriteTable(r.Plan)
}

func policyText(p retention.Policy, label string) string {
	s := p.String()
	if s == "" {
		s = `"" (prune nothing)`
	}
	if label != "" {
		s += " from " + label
	}
	return s
}

// listSnapshots returns the snapshot names of a resource in one request.
func listSnapshots(c incus.InstanceServer, it *item, pool string) ([]string, error) {
	var names []string
	if it.Kind == KindVolume {
		snaps, err := c.GetStoragePoolVolumeSnapshots(pool, "custom", it.Name)
		if err != nil {
			return nil, err
		}
		for _, s := range snaps {
			names = append(names, s.Name)
		}
	} else {
		snaps, err := c.GetInstanceSnapshots(it.Name)
		if err != nil {
			return nil, err
		}
		for _, s := range snaps {
			names = append(names, s.Name)
		}
	}
	return baseNames(names), nil
}

// deleteSnapshot deletes one IAB snapshot. It refuses any other name, as a
// last guard under pruneplan's own guarantee.
func (r *runner) deleteSnapshot(ctx context.Context, c incus.InstanceServer, it *item, pool, name string) error {
	if _, ok := retention.ParseSnapshotName(name); !ok || strings.Contains(name, "/") {
		return fmt.Errorf("refusing to delete %q: not an IAB snapshot", name)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: %w", err)
	}
	var op incus.Operation
	var err error
	if it.Kind == KindVolume {
		op, err = c.DeleteStoragePoolVolumeSnapshot(pool, "custom", it.Name, name)
	} else {
		op, err = c.DeleteInstanceSnapshot(it.Name, name)
	}
	if err != nil {
		return err
	}
	return waitOp(ctx, op)
}

func countIAB(names []string) int {
	n := 0
	for _, name := range names {
		if _, ok := retention.ParseSnapshotName(name); ok {
			n++
		}
	}
	return n
}
