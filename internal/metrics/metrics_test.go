package metrics

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/iab-project/iab/internal/backup"
)

var (
	start = time.Date(2025, 6, 15, 3, 0, 0, 250_000_000, time.UTC)
	end   = start.Add(95 * time.Second)
)

func ok() backup.Step { return backup.Step{Status: backup.StepOK, Duration: 2 * time.Second} }

func result() backup.Result {
	return backup.Result{
		Start: start, End: end, SourceName: "src", TargetName: "dst",
		Resources: []backup.ResourceResult{
			{Project: "default", Kind: backup.KindInstance, Name: "c1",
				Snapshot: ok(), Copy: ok(), Prune: ok(),
				SourceSnapshots: 12, TargetSnapshots: 11, PrunedSource: 2, PrunedTarget: 1},
			{Project: "web", Kind: backup.KindVolume, Pool: "fast", Name: "data",
				Snapshot: ok(), Copy: backup.Step{Status: backup.StepFailed, Err: errors.New("boom")}, Prune: backup.Step{Status: backup.StepSkipped},
				SourceSnapshots: 3, TargetSnapshots: -1},
			// Label values that need escaping.
			{Project: `we"ird\proj`, Kind: backup.KindInstance, Name: "line\nbreak",
				Snapshot: ok(), Copy: ok(), Prune: ok(), SourceSnapshots: 1, TargetSnapshots: 1},
		},
	}
}

// parsedSample is one sample of a parsed family.
type parsedSample struct {
	labels map[string]string
	value  float64
}

// parse checks that out is valid Prometheus text, with HELP and gauge TYPE
// for every family, and returns the samples by family name.
func parse(t *testing.T, out []byte) map[string][]parsedSample {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, out)
	}
	parsed := map[string][]parsedSample{}
	for name, f := range fams {
		if f.GetHelp() == "" {
			t.Errorf("%s has no HELP", name)
		}
		if got := f.GetType().String(); got != "GAUGE" {
			t.Errorf("%s is %s, want GAUGE", name, got)
		}
		for _, m := range f.GetMetric() {
			s := parsedSample{labels: map[string]string{}, value: m.GetGauge().GetValue()}
			for _, lp := range m.GetLabel() {
				s.labels[lp.GetName()] = lp.GetValue()
			}
			parsed[name] = append(parsed[name], s)
		}
	}
	return parsed
}

// value returns the value of the sample of family name whose labels include
// want, and whether there is one.
func value(t *testing.T, fams map[string][]parsedSample, name string, want map[string]string) (float64, bool) {
	t.Helper()
	var found []float64
	for _, s := range fams[name] {
		match := true
		for k, v := range want {
			if s.labels[k] != v {
				match = false
			}
		}
		if match {
			found = append(found, s.value)
		}
	}
	switch len(found) {
	case 0:
		return 0, false
	case 1:
		return found[0], true
	}
	t.Fatalf("%s%v matches %d samples", name, want, len(found))
	return 0, false
}

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, result()); err != nil {
		t.Fatal(err)
	}
	fams := parse(t, buf.Bytes())
	c1 := map[string]string{"project": "default", "kind": "instance", "pool": "", "name": "c1"}
	data := map[string]string{"project": "web", "kind": "volume", "pool": "fast", "name": "data"}
	weird := map[string]string{"project": `we"ird\proj`, "kind": "instance", "name": "line\nbreak"}
	side := func(l map[string]string, s string) map[string]string {
		out := map[string]string{"side": s}
		for k, v := range l {
			out[k] = v
		}
		return out
	}

	for _, tc := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"iab_run_start_timestamp_seconds", nil, float64(start.UnixMilli()) / 1000},
		{"iab_run_end_timestamp_seconds", nil, float64(end.UnixMilli()) / 1000},
		{"iab_run_duration_seconds", nil, 95},
		{"iab_run_success", nil, 0},
		{"iab_run_dry_run", nil, 0},
		{"iab_run_resources", nil, 3},
		{"iab_run_failed_resources", nil, 1},
		{"iab_resource_success", c1, 1},
		{"iab_resource_success", data, 0},
		{"iab_resource_success", weird, 1},
		{"iab_resource_last_success_timestamp_seconds", c1, float64(end.UnixMilli()) / 1000},
		{"iab_resource_last_success_timestamp_seconds", weird, float64(end.UnixMilli()) / 1000},
		{"iab_resource_snapshots", side(c1, "source"), 12},
		{"iab_resource_snapshots", side(c1, "target"), 11},
		{"iab_resource_snapshots", side(data, "source"), 3},
		{"iab_resource_pruned_snapshots", side(c1, "source"), 2},
		{"iab_resource_pruned_snapshots", side(c1, "target"), 1},
		{"iab_resource_pruned_snapshots", side(data, "target"), 0},
		{"iab_resource_step_duration_seconds", map[string]string{"name": "c1", "step": "copy"}, 2},
	} {
		got, ok := value(t, fams, tc.name, tc.labels)
		if !ok {
			t.Errorf("no sample %s%v", tc.name, tc.labels)
			continue
		}
		if got != tc.want {
			t.Errorf("%s%v = %v, want %v", tc.name, tc.labels, got, tc.want)
		}
	}

	// Absent series: no last success for the failed volume, no target count
	// when the target is unknown, no duration for a skipped step.
	for _, tc := range []struct {
		name   string
		labels map[string]string
	}{
		{"iab_resource_last_success_timestamp_seconds", data},
		{"iab_resource_snapshots", side(data, "target")},
		{"iab_resource_step_duration_seconds", map[string]string{"name": "data", "step": "prune"}},
	} {
		if v, ok := value(t, fams, tc.name, tc.labels); ok {
			t.Errorf("%s%v = %v, want no sample", tc.name, tc.labels, v)
		}
	}
}

func TestWriteSuccessAndDryRun(t *testing.T) {
	r := result()
	r.Resources = r.Resources[:1]
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	fams := parse(t, buf.Bytes())
	if v, _ := value(t, fams, "iab_run_success", nil); v != 1 {
		t.Errorf("iab_run_success = %v, want 1", v)
	}

	// --dry-run-prune snapshots and copies for real: a success.
	r.DryRun = true
	r.Resources[0].Prune.Status = backup.StepDryRun
	buf.Reset()
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	fams = parse(t, buf.Bytes())
	if _, ok := value(t, fams, "iab_resource_last_success_timestamp_seconds", map[string]string{"name": "c1"}); !ok {
		t.Errorf("--dry-run-prune run has no last success")
	}

	// A dry run of the copy backs nothing up: no last success, and it says
	// it was dry.
	r.Resources[0].Snapshot.Status = backup.StepDryRun
	r.Resources[0].Copy.Status = backup.StepDryRun
	buf.Reset()
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	fams = parse(t, buf.Bytes())
	if v, _ := value(t, fams, "iab_run_dry_run", nil); v != 1 {
		t.Errorf("iab_run_dry_run = %v, want 1", v)
	}
	if _, ok := fams["iab_resource_last_success_timestamp_seconds"]; ok {
		t.Errorf("dry run has a last success")
	}
}

// A run that failed before any resource still writes a valid file.
func TestWriteRunError(t *testing.T) {
	r := backup.Result{Start: start, End: end, Err: errors.New("connect: refused")}
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	fams := parse(t, buf.Bytes())
	if v, _ := value(t, fams, "iab_run_success", nil); v != 0 {
		t.Errorf("iab_run_success = %v, want 0", v)
	}
	if v, _ := value(t, fams, "iab_run_resources", nil); v != 0 {
		t.Errorf("iab_run_resources = %v, want 0", v)
	}
}

// A resource listed twice must not produce duplicate series, which the
// textfile collector rejects.
func TestWriteDuplicateResource(t *testing.T) {
	r := result()
	r.Resources = append(r.Resources, r.Resources[0])
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	fams := parse(t, buf.Bytes())
	// value fails the test if two samples match.
	value(t, fams, "iab_resource_success", map[string]string{"name": "c1"})
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "iab.prom")
	if err := os.WriteFile(path, []byte("old content"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, result()); err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parse(t, out)
	if strings.Contains(string(out), "old content") {
		t.Errorf("old content kept")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only iab.prom (temp file left behind)", names)
	}
}

func TestWriteFileMissingDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "iab.prom")
	err := WriteFile(path, result())
	if err == nil {
		t.Fatal("WriteFile into a missing directory succeeded")
	}
	if !strings.Contains(err.Error(), "write metrics") {
		t.Errorf("error %q does not say what failed", err)
	}
}
