package backup

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWriteSummary(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r := Result{
		Start: start, End: start.Add(95 * time.Second),
		Resources: []ResourceResult{
			{Project: "p", Kind: KindVolume, Name: "v1", Pool: "fast",
				Snapshot:        Step{Status: StepOK, Duration: 300 * time.Millisecond},
				Copy:            Step{Status: StepOK, Duration: 12400 * time.Millisecond},
				Prune:           Step{Status: StepOK, Duration: 100 * time.Millisecond},
				SourceSnapshots: 7, TargetSnapshots: 7, PrunedSource: 2, PrunedTarget: 1},
			{Project: "p", Kind: KindInstance, Name: "c1",
				Snapshot:        Step{Status: StepOK, Duration: time.Second},
				Copy:            Step{Status: StepFailed, Err: errors.New("copy p/c1: boom"), Duration: 2 * time.Second},
				Prune:           Step{Status: StepOK},
				SourceSnapshots: 3, TargetSnapshots: -1},
			{Project: "p", Kind: KindInstance, Name: "gone",
				Snapshot: Step{Status: StepFailed, Err: errors.New("snapshot p/gone: not found")},
				Copy:     Step{Status: StepSkipped}, Prune: Step{Status: StepSkipped},
				SourceSnapshots: -1, TargetSnapshots: -1},
		},
	}
	var b strings.Builder
	if err := WriteSummary(&b, r); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	want := `PROJECT  KIND      NAME     SNAPSHOT     COPY         PRUNE    IAB SNAPSHOTS (SRC/TGT)  TIME
p        volume    fast/v1  ok 0.3s      ok 12.4s     ok 0.1s  7/7 (-2/-1)              12.8s
p        instance  c1       ok 1.0s      FAILED 2.0s  ok 0.0s  3/?                      3.0s
p        instance  gone     FAILED 0.0s  skipped      skipped  ?/?                      0.0s
FAILED: 3 resource(s), 2 failed, in 1m35s
error: copy p/c1: boom
error: snapshot p/gone: not found
`
	if got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}

	b.Reset()
	ok := Result{Start: start, End: start.Add(time.Second), DryRun: true}
	WriteSummary(&b, ok)
	if !strings.Contains(b.String(), "OK (dry run): 0 resource(s), 0 failed, in 1.0s") {
		t.Errorf("dry-run summary: %q", b.String())
	}
	b.Reset()
	WriteSummary(&b, Result{Start: start, End: start, Err: errors.New("source down")})
	if !strings.Contains(b.String(), "FAILED") || !strings.Contains(b.String(), "error: source down") {
		t.Errorf("summary with run error: %q", b.String())
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		-time.Second: "0s", 0: "0.0s", 1234 * time.Millisecond: "1.2s",
		59 * time.Second: "59.0s", 61 * time.Second: "1m01s", 3725 * time.Second: "62m05s",
	} {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%s) = %q, want %q", d, got, want)
		}
	}
}
