package backup

import "time"

// Kinds of resources IAB backs up.
const (
	KindInstance = "instance"
	KindVolume   = "volume"
)

// Step outcomes.
const (
	StepOK      = "ok"
	StepFailed  = "failed"
	StepSkipped = "skipped" // not attempted (an earlier step failed, or nothing to do)
	StepDryRun  = "dry-run" // planned only
)

// Step is the outcome of one phase (snapshot, copy, prune) for one resource.
type Step struct {
	Status   string
	Err      error
	Duration time.Duration
	Detail   string // e.g. the snapshot name, "3 removed on source, 2 on target"
}

// ResourceResult is everything one run did to one resource.
type ResourceResult struct {
	Project string
	Kind    string // KindInstance or KindVolume
	Name    string
	Pool    string // volumes: source pool

	Snapshot Step
	Copy     Step
	Prune    Step

	SourceSnapshots int // IAB snapshots on the source after the run (-1: unknown)
	TargetSnapshots int // IAB snapshots on the target after the run (-1: unknown)
	PrunedSource    int
	PrunedTarget    int
}

// Failed reports whether any step of the resource failed.
func (r ResourceResult) Failed() bool {
	return r.Snapshot.Status == StepFailed || r.Copy.Status == StepFailed || r.Prune.Status == StepFailed
}

// Result is the outcome of one run; notifications, metrics and the summary
// are made from it.
type Result struct {
	Start      time.Time
	End        time.Time
	SourceName string
	TargetName string
	DryRun     bool
	Err        error // a failure before any resource was handled (connection, preflight)
	Resources  []ResourceResult
}

// Failed returns the resources that failed.
func (r Result) Failed() []ResourceResult {
	var failed []ResourceResult
	for _, res := range r.Resources {
		if res.Failed() {
			failed = append(failed, res)
		}
	}
	return failed
}

// OK reports whether the whole run succeeded.
func (r Result) OK() bool {
	return r.Err == nil && len(r.Failed()) == 0
}
