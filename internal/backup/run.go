// Package backup is IAB's pipeline: snapshot every configured resource on
// the source, copy each to the target as an incremental refresh, then prune
// IAB's snapshots on both servers.
//
// Safety rules it keeps:
//   - one failing resource never stops the others;
//   - a snapshot name that already exists is an error, never reused;
//   - an instance IAB stopped is started again right after its snapshot,
//     whatever happened (failure, interrupt);
//   - the target copy never starts by itself (boot.autostart=false, no last
//     power state) and a running target copy is never touched;
//   - a resource whose copy failed is not pruned on the target, a resource
//     whose snapshot failed is not pruned at all, and only IAB snapshots that
//     package pruneplan selects are ever deleted.
package backup

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	incus "github.com/lxc/incus/v7/client"

	"github.com/iab-project/iab/internal/retention"
)

// Server is one connected Incus server as the pipeline uses it; a
// *remote.Server is one. Every call goes through a project's client.
type Server interface {
	// String names the server in messages: role, name and URL.
	String() string
	HasExtension(name string) bool
	UseProject(name string) incus.InstanceServer
}

// extRefreshExcludeOlder lets a refresh send only snapshots newer than the
// newest common one; used only when both servers have it.
const extRefreshExcludeOlder = "custom_volume_refresh_exclude_older_snapshots"

// Options change what a run does.
type Options struct {
	DryRunCopy  bool // no snapshot, no copy: print what would be done
	DryRunPrune bool // no deletion: print the keep/remove plans
	// IOSFix true: the target uses the source's policy; false: the source
	// keeps what either policy keeps.
	IOSFix bool
	// StopInstance stops a running instance for its snapshot and starts it
	// again right after.
	StopInstance bool
	StopTimeout  time.Duration // clean stop timeout (0: DefaultStopTimeout)
	ForceStop    bool          // force the stop when the clean stop times out
}

// DefaultStopTimeout is how long a clean stop may take.
const DefaultStopTimeout = 5 * time.Minute

// Job is one run.
type Job struct {
	Source, Target Server
	// TargetErr, if set, is why the target cannot be used this run
	// (unreachable, lacking API extensions). The source is still
	// snapshotted; every copy fails with this error and nothing is pruned
	// anywhere, since the target's state is unknown. Target may be nil.
	TargetErr  error
	TargetName string // names the target in messages when Target is nil
	Resources  []Resource
	// Now is the run's time, read once: it names the snapshot and ages
	// every existing one.
	Now     time.Time
	Options Options
	Log     *slog.Logger
	// Plan receives what a dry run would do (stdout). Nil: discarded.
	Plan io.Writer
}

// item is one resource's state through the phases.
type item struct {
	Resource
	log *slog.Logger
	res *ResourceResult
}

type runner struct {
	Job
	snapName     string
	excludeOlder bool
	networks     map[string]map[string]bool // target networks by project
}

// Run backs up every resource of job and returns what happened. It never
// stops early for one resource's failure; an interrupt (ctx cancelled) marks
// what is left as failed, after starting again any instance it stopped.
func Run(ctx context.Context, job Job) Result {
	if job.Log == nil {
		job.Log = slog.New(slog.DiscardHandler)
	}
	if job.Plan == nil {
		job.Plan = io.Discard
	}
	if job.Options.StopTimeout <= 0 {
		job.Options.StopTimeout = DefaultStopTimeout
	}
	if job.Target == nil && job.TargetErr == nil {
		job.TargetErr = errors.New("no target server")
	}
	if job.Target != nil {
		job.TargetName = job.Target.String()
	}
	r := &runner{
		Job:      job,
		snapName: retention.SnapshotName(job.Now),
		networks: map[string]map[string]bool{},
	}
	if job.TargetErr == nil {
		r.excludeOlder = job.Source.HasExtension(extRefreshExcludeOlder) && job.Target.HasExtension(extRefreshExcludeOlder)
	}
	result := Result{
		Start:      job.Now,
		SourceName: job.Source.String(),
		TargetName: job.TargetName,
		DryRun:     job.Options.DryRunCopy || job.Options.DryRunPrune,
		Resources:  make([]ResourceResult, len(job.Resources)),
	}
	// Volumes go first in every phase: an instance's disk on a configured
	// volume then finds that volume on the target on the very first run.
	items := make([]*item, len(job.Resources))
	order := make([]int, len(job.Resources))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(kindOrder(job.Resources[a].Kind), kindOrder(job.Resources[b].Kind))
	})
	for i, j := range order {
		res := job.Resources[j]
		result.Resources[i] = ResourceResult{
			Project: res.Project, Kind: res.Kind, Name: res.Name, Pool: res.Pool,
			SourceSnapshots: -1, TargetSnapshots: -1,
		}
		items[i] = &item{Resource: res, log: res.logger(job.Log), res: &result.Resources[i]}
	}

	job.Log.Info("run starting", "snapshot", r.snapName, "source", job.Source.String(), "target", job.TargetName,
		"resources", len(items), "dryRunCopy", job.Options.DryRunCopy, "dryRunPrune", job.Options.DryRunPrune, "iOSfix", job.Options.IOSFix)
	if job.Options.DryRunCopy || job.Options.DryRunPrune {
		fmt.Fprintf(job.Plan, "Dry run at %s (snapshot name %s): nothing is changed where it says \"would\".\n",
			job.Now.UTC().Format(time.RFC3339), r.snapName)
	}

	for _, it := range items {
		r.step(ctx, it, &it.res.Snapshot, "snapshot", r.snapshot)
	}
	for _, it := range items {
		if it.res.Snapshot.Status == StepFailed {
			it.res.Copy = Step{Status: StepSkipped, Detail: "snapshot failed"}
			continue
		}
		if job.TargetErr != nil {
			it.res.Copy = Step{Status: StepFailed, Err: fmt.Errorf("copy %s: %w", it, job.TargetErr)}
			it.log.Error("copy failed", "err", job.TargetErr)
			continue
		}
		r.step(ctx, it, &it.res.Copy, "copy", r.copy)
	}
	for _, it := range items {
		switch {
		case it.res.Snapshot.Status == StepFailed:
			it.res.Prune = Step{Status: StepSkipped, Detail: "snapshot failed"}
			continue
		case job.TargetErr != nil:
			it.res.Prune = Step{Status: StepSkipped, Detail: "target unavailable"}
			continue
		}
		r.step(ctx, it, &it.res.Prune, "prune", r.prune)
	}
	result.End = time.Now()
	return result
}

func kindOrder(kind string) int {
	if kind == KindVolume {
		return 0
	}
	return 1
}

// step runs one phase for one item, timing it and recording its outcome.
// The phase function returns a detail for the summary and sets
// st.Status to StepDryRun or StepSkipped itself when that applies.
func (r *runner) step(ctx context.Context, it *item, st *Step, phase string, f func(context.Context, *item, *Step) (string, error)) {
	if err := ctx.Err(); err != nil {
		*st = Step{Status: StepFailed, Err: fmt.Errorf("%s %s: interrupted before it started: %w", phase, it, err)}
		return
	}
	start := time.Now()
	detail, err := f(ctx, it, st)
	st.Duration = time.Since(start)
	st.Detail = detail
	switch {
	case err != nil:
		st.Status = StepFailed
		st.Err = fmt.Errorf("%s %s: %w", phase, it, err)
		it.log.Error(phase+" failed", "err", err)
	case st.Status == "":
		st.Status = StepOK
		it.log.Info(phase+" done", "detail", detail, "duration", st.Duration.Round(time.Millisecond))
	}
}
