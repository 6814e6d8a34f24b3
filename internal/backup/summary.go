package backup

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// WriteSummary prints one line per resource (snapshot, copy and prune
// outcome with durations), a total, and every error in full.
func WriteSummary(w io.Writer, r Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROJECT\tKIND\tNAME\tSNAPSHOT\tCOPY\tPRUNE\tIAB SNAPSHOTS (SRC/TGT)\tTIME")
	for _, res := range r.Resources {
		name := res.Name
		if res.Kind == KindVolume {
			name = res.Pool + "/" + res.Name
		}
		total := res.Snapshot.Duration + res.Copy.Duration + res.Prune.Duration
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", res.Project, res.Kind, name,
			stepCell(res.Snapshot), stepCell(res.Copy), stepCell(res.Prune), countsCell(res), formatDuration(total))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	failed := r.Failed()
	status := "OK"
	switch {
	case r.Err != nil:
		status = "FAILED"
	case len(failed) > 0:
		status = "FAILED"
	case r.DryRun:
		status = "OK (dry run)"
	}
	fmt.Fprintf(w, "%s: %d resource(s), %d failed, in %s\n", status, len(r.Resources), len(failed), formatDuration(r.End.Sub(r.Start)))
	if r.Err != nil {
		fmt.Fprintf(w, "error: %v\n", r.Err)
	}
	for _, res := range failed {
		for _, st := range []Step{res.Snapshot, res.Copy, res.Prune} {
			if st.Status == StepFailed && st.Err != nil {
				fmt.Fprintf(w, "error: %v\n", st.Err)
			}
		}
	}
	return nil
}

// stepCell is "ok 1.2s", "failed", "skipped" or "dry-run", plus a short
// detail for prune.
func stepCell(st Step) string {
	switch st.Status {
	case "":
		return "-"
	case StepOK:
		return "ok " + formatDuration(st.Duration)
	case StepFailed:
		return "FAILED " + formatDuration(st.Duration)
	}
	return st.Status
}

func countsCell(res ResourceResult) string {
	s := count(res.SourceSnapshots) + "/" + count(res.TargetSnapshots)
	if res.PrunedSource > 0 || res.PrunedTarget > 0 {
		s += fmt.Sprintf(" (-%d/-%d)", res.PrunedSource, res.PrunedTarget)
	}
	return s
}

func count(n int) string {
	if n < 0 {
		return "?"
	}
	return fmt.Sprint(n)
}

// formatDuration rounds for people: 0.3s, 12.4s, 3m05s.
func formatDuration(d time.Duration) string {
	switch {
	case d < 0:
		return "0s"
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
