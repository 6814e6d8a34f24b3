// Package metrics writes a run's outcome as a Prometheus text-format file for
// node_exporter's textfile collector.
//
// The file is rewritten at the end of every run and describes that run only.
// Series:
//
//	iab_run_start_timestamp_seconds, iab_run_end_timestamp_seconds,
//	iab_run_duration_seconds, iab_run_success (0/1), iab_run_dry_run (0/1),
//	iab_run_resources, iab_run_failed_resources
//	iab_resource_success{project,kind,pool,name}                 0/1
//	iab_resource_last_success_timestamp_seconds{project,kind,pool,name}
//	iab_resource_snapshots{project,kind,pool,name,side}          IAB snapshots left
//	iab_resource_pruned_snapshots{project,kind,pool,name,side}   deleted this run
//	iab_resource_step_duration_seconds{project,kind,pool,name,step}
//
// pool is the source pool of a custom volume and empty for instances (two
// volumes of one name in different pools are different resources).
//
// # Last success
//
// The file is overwritten each run and IAB keeps no state between runs, so
// iab_resource_last_success_timestamp_seconds is present only for resources
// that were backed up in this run (snapshot and copy done, no step failed),
// with the run's end time as its value. After a failed run the series is
// absent rather than carrying a stale value forward. "Last success across
// runs" is Prometheus's to compute, which already has the history:
//
//	time() - max_over_time(iab_resource_last_success_timestamp_seconds[30d]) > 26*3600
//
// alerts on a resource with no backup for 26 hours, whether it fails or IAB
// stops running altogether (the max over the window keeps the old value);
// iab_resource_success == 0 alerts on the first failure, and
// time() - iab_run_end_timestamp_seconds on runs that stopped happening.
package metrics

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/iab-project/iab/internal/backup"
)

// WriteFile writes r's metrics to path atomically: into a temporary file in
// the same directory (its name does not end in .prom, so the collector never
// reads it half-written), then renamed over path. The file is world-readable
// (0644) since node_exporter usually runs as another user.
func WriteFile(path string, r backup.Result) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write metrics: %w", err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write metrics %s: %w", path, err)
	}
	if err := Write(f, r); err != nil {
		return fail(err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write metrics %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write metrics %s: %w", path, err)
	}
	return nil
}

// Write writes r's metrics in the Prometheus text format.
func Write(w io.Writer, r backup.Result) error {
	fams := families(r)
	var b strings.Builder
	for _, f := range fams {
		if len(f.samples) == 0 {
			continue
		}
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n", f.name, escapeHelp(f.help), f.name)
		for _, s := range f.samples {
			b.WriteString(f.name)
			if len(s.labels) > 0 {
				b.WriteByte('{')
				for i, l := range s.labels {
					if i > 0 {
						b.WriteByte(',')
					}
					fmt.Fprintf(&b, "%s=\"%s\"", l.name, escapeLabel(l.value))
				}
				b.WriteByte('}')
			}
			b.WriteByte(' ')
			b.WriteString(strconv.FormatFloat(s.value, 'f', -1, 64))
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type label struct{ name, value string }

type sample struct {
	labels []label
	value  float64
}

type family struct {
	name, help string
	samples    []sample
}

func (f *family) add(value float64, labels ...label) {
	f.samples = append(f.samples, sample{labels: labels, value: value})
}

// families builds every family, in a fixed order.
func families(r backup.Result) []*family {
	var (
		start    = &family{name: "iab_run_start_timestamp_seconds", help: "Start of the last IAB run, Unix time."}
		end      = &family{name: "iab_run_end_timestamp_seconds", help: "End of the last IAB run, Unix time."}
		dur      = &family{name: "iab_run_duration_seconds", help: "Duration of the last IAB run."}
		success  = &family{name: "iab_run_success", help: "1 if the last IAB run succeeded (every resource backed up and pruned), else 0."}
		dryRun   = &family{name: "iab_run_dry_run", help: "1 if the last IAB run was a dry run, else 0."}
		count    = &family{name: "iab_run_resources", help: "Resources (instances and custom volumes) handled by the last IAB run."}
		failed   = &family{name: "iab_run_failed_resources", help: "Resources that failed in the last IAB run."}
		resOK    = &family{name: "iab_resource_success", help: "1 if no step (snapshot, copy, prune) of the resource failed in the last IAB run, else 0."}
		lastOK   = &family{name: "iab_resource_last_success_timestamp_seconds", help: "End of the last IAB run, Unix time, for resources snapshotted and copied without failure in that run; absent otherwise. Use max_over_time for the last success across runs."}
		snaps    = &family{name: "iab_resource_snapshots", help: "IAB snapshots of the resource on each side after the last IAB run."}
		pruned   = &family{name: "iab_resource_pruned_snapshots", help: "IAB snapshots of the resource deleted on each side by the last IAB run."}
		stepTime = &family{name: "iab_resource_step_duration_seconds", help: "Time the last IAB run spent on each step of the resource."}
	)
	if !r.Start.IsZero() {
		start.add(unixSeconds(r.Start))
	}
	if !r.End.IsZero() {
		end.add(unixSeconds(r.End))
	}
	if !r.Start.IsZero() && !r.End.IsZero() && !r.End.Before(r.Start) {
		dur.add(r.End.Sub(r.Start).Seconds())
	}
	success.add(boolValue(r.OK()))
	dryRun.add(boolValue(r.DryRun))
	count.add(float64(len(r.Resources)))
	failed.add(float64(len(r.Failed())))

	seen := map[[4]string]bool{}
	for _, res := range r.Resources {
		key := [4]string{res.Project, res.Kind, res.Pool, res.Name}
		if seen[key] {
			continue // a resource listed twice would make the file invalid
		}
		seen[key] = true
		id := []label{{"project", res.Project}, {"kind", res.Kind}, {"pool", res.Pool}, {"name", res.Name}}
		with := func(l label) []label { return append(append([]label(nil), id...), l) }

		resOK.add(boolValue(!res.Failed()), id...)
		if succeeded(r, res) {
			lastOK.add(unixSeconds(r.End), id...)
		}
		if res.SourceSnapshots >= 0 {
			snaps.add(float64(res.SourceSnapshots), with(label{"side", "source"})...)
		}
		if res.TargetSnapshots >= 0 {
			snaps.add(float64(res.TargetSnapshots), with(label{"side", "target"})...)
		}
		pruned.add(float64(res.PrunedSource), with(label{"side", "source"})...)
		pruned.add(float64(res.PrunedTarget), with(label{"side", "target"})...)
		for _, st := range []struct {
			name string
			s    backup.Step
		}{{"snapshot", res.Snapshot}, {"copy", res.Copy}, {"prune", res.Prune}} {
			if st.s.Status == backup.StepOK || st.s.Status == backup.StepFailed {
				stepTime.add(st.s.Duration.Seconds(), with(label{"step", st.name})...)
			}
		}
	}
	return []*family{start, end, dur, success, dryRun, count, failed, resOK, lastOK, snaps, pruned, stepTime}
}

// succeeded reports whether res was really backed up in this run: a
// --dry-run-prune run still snapshots and copies, a --dry-run-copy one does
// not (its steps are StepDryRun).
func succeeded(r backup.Result, res backup.ResourceResult) bool {
	return !r.End.IsZero() && !res.Failed() &&
		res.Snapshot.Status == backup.StepOK && res.Copy.Status == backup.StepOK
}

// unixSeconds keeps millisecond precision, which is plenty for a backup.
func unixSeconds(t time.Time) float64 {
	return float64(t.UnixMilli()) / 1000
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// escapeLabel escapes a label value: backslash, double quote and newline.
func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// escapeHelp escapes HELP text: backslash and newline.
func escapeHelp(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}
