// Package pruneplan decides, for one resource, which IAB snapshots to delete
// on the source and on the target after a run's snapshot and copy.
//
// It is pure: "now" and both snapshot lists are passed in, and the result is
// only a decision. It builds on package retention and adds what replication
// demands. An Incus refresh copy deletes target snapshots that the source
// lacks and re-sends source snapshots that the target lacks (on btrfs, with
// RefreshExcludeOlder, it leaves an orphan instead). So the target can only
// hold a subset of the source, and:
//
//   - The source is planned by the retention policy: the source's policy, or
//     with IOSFix off the union of the source's and the target's policies,
//     so that the target's longer history really exists on the source. The
//     newest snapshot common to both servers is pinned: it is the base of the
//     next incremental copy.
//   - The target deletes only IAB snapshots that the source no longer has
//     once its own prune is done. Everything the source keeps stays on the
//     target, so a policy on the target is enforced through the source.
//     The newest common snapshot and the target's newest IAB snapshot are
//     never deleted, nor is any non-IAB snapshot.
//   - The target is not pruned at all when this run's copy failed or its
//     snapshot list is unknown.
//
// TargetRemove assumes every name in SourceRemove really was deleted on the
// source. If some source deletions fail, use TargetRemoveExcept with those
// names so that the target never loses a snapshot the source still has.
package pruneplan

import (
	"slices"
	"time"

	"github.com/iab-project/iab/internal/retention"
)

// Policy labels, as they appear in reasons when two policies are united.
const (
	LabelSource = "source policy"
	LabelTarget = "target policy"
)

// Reasons this package adds to plans.
const (
	ReasonNewestCommon = "newest common to both servers: base of the next incremental copy"
	// ReasonGone is why the target deletes a snapshot. Plans give reasons
	// for keeping only, so it is not in TargetPlan; it is for logs.
	ReasonGone          = "gone from the source"
	ReasonStillOnSource = "still on the source"
	ReasonNewestTarget  = "newest IAB snapshot on the target"
	// Prefixes the source's reasons for a snapshot in the target's plan.
	reasonOnSourcePrefix = "on the source: "
	reasonNotPrunedStart = "target not pruned: "
)

// Why the target is not pruned (Decision.TargetSkipped).
const (
	SkipCopyFailed    = "copy failed this run"
	SkipTargetUnknown = "target unknown"
)

// Input is one resource's state after this run's snapshot and copy.
type Input struct {
	Now           time.Time
	Source        []string         // snapshot names on the source (all, IAB or not), after this run's snapshot+copy
	Target        []string         // names on the target
	TargetKnown   bool             // false: the target could not be listed (unreachable, copy never happened)
	SourcePolicy  retention.Policy // resolved for role source
	TargetPolicy  retention.Policy // resolved for role target
	IOSFix        bool             // true (default): the target uses the source's policy
	CopySucceeded bool             // this run's copy of the resource succeeded
}

// Decision is what to delete on each side, with a plan that gives a reason
// for every snapshot kept.
type Decision struct {
	SourcePlan, TargetPlan     retention.Plan
	SourceRemove, TargetRemove []string
	NewestCommon               string // newest IAB snapshot present on both ("" if none)
	TargetSkipped              string // why the target is not pruned at all ("copy failed this run", "target unknown"), "" otherwise
}

// Decide plans the prune of one resource on both servers. Every name it
// returns for removal is an IAB snapshot name from the matching input list.
func Decide(in Input) Decision {
	var d Decision
	if in.TargetKnown {
		d.NewestCommon = newestCommon(in.Source, in.Target)
	}

	policies := []retention.LabeledPolicy{{Label: LabelSource, Policy: in.SourcePolicy}}
	if !in.IOSFix {
		policies = append(policies, retention.LabeledPolicy{Label: LabelTarget, Policy: in.TargetPolicy})
	}
	var pinned map[string]string
	if d.NewestCommon != "" {
		pinned = map[string]string{d.NewestCommon: ReasonNewestCommon}
	}
	d.SourcePlan = retention.MakePlan(retention.Input{
		Now:      in.Now,
		Names:    in.Source,
		Policies: policies,
		Pinned:   pinned,
	})
	d.SourceRemove = d.SourcePlan.Remove()

	switch {
	case !in.TargetKnown:
		d.TargetSkipped = SkipTargetUnknown
	case !in.CopySucceeded:
		d.TargetSkipped = SkipCopyFailed
	}
	d.TargetPlan = planTarget(in, d)
	d.TargetRemove = d.TargetPlan.Remove()
	return d
}

// TargetRemoveExcept returns TargetRemove without the given names: pass the
// source snapshots whose deletion failed, since the target must never delete
// a snapshot the source still has.
func (d Decision) TargetRemoveExcept(stillOnSource []string) []string {
	var out []string
	for _, name := range d.TargetRemove {
		if !slices.Contains(stillOnSource, name) {
			out = append(out, name)
		}
	}
	return out
}

// planTarget builds the target's plan. It starts from retention's plan with
// no policy, which keeps everything and gives the entries their order, times
// and the reasons for non-IAB and future names, then replaces the reasons of
// the other IAB names with the target's own.
func planTarget(in Input, d Decision) retention.Plan {
	p := retention.MakePlan(retention.Input{Now: in.Now, Names: in.Target})

	// Reasons the source's plan gives for each name it keeps.
	sourceKeeps := make(map[string][]string, len(d.SourcePlan.Entries))
	for _, e := range d.SourcePlan.Entries {
		if e.Keep && e.IAB {
			sourceKeeps[e.Name] = e.Reasons
		}
	}
	newestTarget := newestPast(p, in.Now)

	for i := range p.Entries {
		e := &p.Entries[i]
		var reasons []string
		if !e.IAB || e.Time.After(in.Now) {
			// Retention's own reasons for these ("not IAB's", "future"):
			// kept whatever the policy.
			reasons = slices.Clone(e.Reasons)
		}
		if e.IAB {
			if d.TargetSkipped != "" {
				reasons = append(reasons, reasonNotPrunedStart+d.TargetSkipped)
			}
			why, onSource := sourceKeeps[e.Name]
			if onSource {
				reasons = append(reasons, ReasonStillOnSource)
				for _, r := range why {
					reasons = append(reasons, reasonOnSourcePrefix+r)
				}
			}
			// The source pins it, so its reasons already say so; this
			// only guards against a source plan that did not keep it.
			if e.Name == d.NewestCommon && !onSource {
				reasons = append(reasons, ReasonNewestCommon)
			}
			if e.Name == newestTarget {
				reasons = append(reasons, ReasonNewestTarget)
			}
		}
		e.Reasons = reasons
		e.Keep = len(reasons) > 0
	}
	return p
}

// newestPast returns the newest IAB name in p that is not after now. Plans
// list IAB entries newest first.
func newestPast(p retention.Plan, now time.Time) string {
	for _, e := range p.Entries {
		if e.IAB && !e.Time.After(now) {
			return e.Name
		}
	}
	return ""
}

// newestCommon returns the newest IAB snapshot name present in both lists.
func newestCommon(source, target []string) string {
	onTarget := make(map[string]bool, len(target))
	for _, n := range target {
		onTarget[n] = true
	}
	var best string
	var bestTime time.Time
	for _, n := range source {
		t, ok := retention.ParseSnapshotName(n)
		if !ok || !onTarget[n] {
			continue
		}
		if best == "" || t.After(bestTime) {
			best, bestTime = n, t
		}
	}
	return best
}
