package notify

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/iab-project/iab/internal/backup"
)

// MaxBody is the largest notification body sent, in bytes. Healthchecks
// keeps only the first 10 KB of a ping body; a longer summary is cut at a
// line boundary with a note saying so.
const MaxBody = 10_000

// Summary is a plain-text report of a run: outcome, counts, duration, one
// line per resource, and the errors of the failed ones.
func Summary(r backup.Result) string {
	var b strings.Builder
	outcome := "OK"
	if !r.OK() {
		outcome = "FAILED"
	}
	failed := r.Failed()
	fmt.Fprintf(&b, "IAB run %s: %s -> %s\n", outcome, orUnknown(r.SourceName), orUnknown(r.TargetName))
	if r.DryRun {
		b.WriteString("dry run: nothing was changed\n")
	}
	fmt.Fprintf(&b, "resources: %d, failed: %d, duration: %s\n", len(r.Resources), len(failed), duration(r))
	if r.Err != nil {
		fmt.Fprintf(&b, "error: %v\n", r.Err)
	}
	for _, res := range r.Resources {
		status := "ok"
		if res.Failed() {
			status = "FAILED"
		}
		fmt.Fprintf(&b, "%-6s %s\n", status, resourceID(res))
		for _, f := range failedSteps(res) {
			fmt.Fprintf(&b, "       %s\n", f)
		}
	}
	return b.String()
}

// failedSteps describes each failed step of res: "copy failed: <error>".
func failedSteps(res backup.ResourceResult) []string {
	var out []string
	for _, step := range []struct {
		name string
		s    backup.Step
	}{{"snapshot", res.Snapshot}, {"copy", res.Copy}, {"prune", res.Prune}} {
		if step.s.Status == backup.StepFailed {
			out = append(out, step.name+" failed: "+errText(step.s.Err))
		}
	}
	return out
}

// resourceID names a resource the way logs do: "instance default/c1",
// "volume default/pool/data".
func resourceID(res backup.ResourceResult) string {
	if res.Kind == backup.KindVolume && res.Pool != "" {
		return fmt.Sprintf("%s %s/%s/%s", res.Kind, res.Project, res.Pool, res.Name)
	}
	return fmt.Sprintf("%s %s/%s", res.Kind, res.Project, res.Name)
}

func duration(r backup.Result) string {
	if r.Start.IsZero() || r.End.IsZero() || r.End.Before(r.Start) {
		return "unknown"
	}
	return r.End.Sub(r.Start).Round(time.Second).String()
}

func errText(err error) string {
	if err == nil {
		return "(no error message)"
	}
	// One line per error keeps the summary readable.
	return strings.Join(strings.Fields(err.Error()), " ")
}

func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

// truncate cuts s to at most max bytes, at a line boundary where possible and
// never inside a UTF-8 sequence, and says how much was left out.
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	const note = "\n[truncated: %d of %d bytes shown]\n"
	// The longest the note can be: the shown count has at most as many
	// digits as the total.
	keep := max - len(fmt.Sprintf(note, len(s), len(s)))
	if keep < 0 {
		keep = 0
	}
	cut := s[:keep]
	if i := strings.LastIndexByte(cut, '\n'); i > keep/2 {
		cut = cut[:i]
	}
	for len(cut) > 0 && !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	return cut + fmt.Sprintf(note, len(cut), len(s))
}

// gotifyMessage is the body of Gotify's POST /message.
type gotifyMessage struct {
	Title    string `json:"title"`
	Message  string `json:"message"`
	Priority int    `json:"priority"`
}

func gotifyBody(r backup.Result) ([]byte, error) {
	m := gotifyMessage{
		Title:    fmt.Sprintf("IAB backup %s -> %s failed", orUnknown(r.SourceName), orUnknown(r.TargetName)),
		Message:  truncate(gotifyText(r), MaxBody),
		Priority: gotifyPriorityFailure,
	}
	if r.OK() {
		m.Title = fmt.Sprintf("IAB backup %s -> %s succeeded", orUnknown(r.SourceName), orUnknown(r.TargetName))
		m.Priority = gotifyPrioritySuccess
	}
	return json.Marshal(m)
}

// gotifyText lists only what went wrong on a failure (the phone screen is
// small), and the counts on success.
func gotifyText(r backup.Result) string {
	var b strings.Builder
	failed := r.Failed()
	fmt.Fprintf(&b, "%d resources, %d failed, in %s\n", len(r.Resources), len(failed), duration(r))
	if r.Err != nil {
		fmt.Fprintf(&b, "error: %s\n", errText(r.Err))
	}
	for _, res := range failed {
		fmt.Fprintf(&b, "%s:\n", resourceID(res))
		for _, f := range failedSteps(res) {
			fmt.Fprintf(&b, "  %s\n", f)
		}
	}
	return b.String()
}
