package pruneplan

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iab-project/iab/internal/retention"
)

var now = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)

// hoursAgo returns the IAB snapshot names taken h hours before now, in the
// order given.
func hoursAgo(hs ...int) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = retention.SnapshotName(now.Add(-time.Duration(h) * time.Hour))
	}
	return out
}

func policy(t *testing.T, s string) retention.Policy {
	t.Helper()
	p, err := retention.ParsePolicy(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

func TestDecide(t *testing.T) {
	tests := []struct {
		name          string
		source        []string
		target        []string
		targetUnknown bool
		sourcePolicy  string
		targetPolicy  string
		noIOSFix      bool
		copyFailed    bool

		wantSourceRemove []string
		wantTargetRemove []string
		wantCommon       string
		wantSkipped      string
	}{
		{
			name:             "in sync: both sides drop the same old snapshots",
			source:           hoursAgo(0, 1, 2, 3, 4, 5),
			target:           hoursAgo(0, 1, 2, 3, 4, 5),
			sourcePolicy:     "3",
			wantSourceRemove: hoursAgo(3, 4, 5),
			wantTargetRemove: hoursAgo(3, 4, 5),
			wantCommon:       hoursAgo(0)[0],
		},
		{
			name:   "non-IAB snapshots are never removed on either side",
			source: append(hoursAgo(0, 1, 2), "manual", "IAB_20250101-000000x", "snap0"),
			target: append(hoursAgo(0, 1, 2), "manual", "before-upgrade"),

			sourcePolicy:     "1",
			wantSourceRemove: hoursAgo(1, 2),
			wantTargetRemove: hoursAgo(1, 2),
			wantCommon:       hoursAgo(0)[0],
		},
		{
			name: "copy failed: the newest common snapshot is pinned on the source, the target is left alone",
			// This run's snapshot (0h) never reached the target.
			source:           hoursAgo(0, 1, 2, 3, 4, 5),
			target:           hoursAgo(3, 4, 5),
			sourcePolicy:     "1",
			copyFailed:       true,
			wantSourceRemove: hoursAgo(1, 2, 4, 5),
			wantCommon:       hoursAgo(3)[0],
			wantSkipped:      SkipCopyFailed,
		},
		{
			name:             "target unknown: no common snapshot, the source follows its policy, the target is left alone",
			source:           hoursAgo(0, 1, 2, 3),
			targetUnknown:    true,
			sourcePolicy:     "2",
			wantSourceRemove: hoursAgo(2, 3),
			wantSkipped:      SkipTargetUnknown,
		},
		{
			name: "target unknown even with names given: they are not used",
			// A caller that could not list the target must not make the
			// source pin a stale name.
			source:           hoursAgo(0, 1, 2, 3),
			target:           hoursAgo(3),
			targetUnknown:    true,
			sourcePolicy:     "1",
			wantSourceRemove: hoursAgo(1, 2, 3),
			wantSkipped:      SkipTargetUnknown,
		},
		{
			name:             "iOS fix: the target's own policy is ignored",
			source:           hoursAgo(0, 1, 2, 3, 4),
			target:           hoursAgo(0, 1, 2, 3, 4),
			sourcePolicy:     "4",
			targetPolicy:     "1",
			wantSourceRemove: hoursAgo(4),
			wantTargetRemove: hoursAgo(4),
			wantCommon:       hoursAgo(0)[0],
		},
		{
			name:             "no iOS fix: the source also keeps what the target's longer policy keeps",
			source:           hoursAgo(0, 1, 2, 3, 4, 5),
			target:           hoursAgo(0, 1, 2, 3, 4, 5),
			sourcePolicy:     "2",
			targetPolicy:     "4",
			noIOSFix:         true,
			wantSourceRemove: hoursAgo(4, 5),
			wantTargetRemove: hoursAgo(4, 5),
			wantCommon:       hoursAgo(0)[0],
		},
		{
			name:             "no iOS fix and an empty target policy: nothing is removed anywhere",
			source:           hoursAgo(0, 1, 2, 3),
			target:           hoursAgo(0, 1, 2, 3),
			sourcePolicy:     "1",
			targetPolicy:     "",
			noIOSFix:         true,
			wantCommon:       hoursAgo(0)[0],
			wantSourceRemove: nil,
			wantTargetRemove: nil,
		},
		{
			name:         "empty source policy: nothing is removed anywhere",
			source:       hoursAgo(0, 1, 2, 3),
			target:       hoursAgo(0, 1, 2, 3),
			sourcePolicy: "",
			wantCommon:   hoursAgo(0)[0],
		},
		{
			name: "target snapshots the source lost are removed, except the target's newest",
			// 10h and 20h were deleted on the source by hand; the target's
			// newest (1h) is not on the source either.
			source:           hoursAgo(0, 2, 3),
			target:           hoursAgo(1, 2, 3, 10, 20),
			sourcePolicy:     "10",
			wantTargetRemove: hoursAgo(10, 20),
			wantCommon:       hoursAgo(2)[0],
		},
		{
			name:   "a future-dated target snapshot gone from the source is kept",
			source: hoursAgo(0, 1),
			target: append(hoursAgo(0, 1), retention.SnapshotName(now.Add(time.Hour))),

			sourcePolicy: "5",
			wantCommon:   hoursAgo(0)[0],
		},
		{
			name:             "nothing in common: nothing pinned, the target keeps its newest",
			source:           hoursAgo(0, 1, 2),
			target:           hoursAgo(5, 6),
			sourcePolicy:     "1",
			wantSourceRemove: hoursAgo(1, 2),
			wantTargetRemove: hoursAgo(6),
		},
		{
			name:         "empty lists",
			sourcePolicy: "1",
		},
		{
			name:             "duplicates are one snapshot",
			source:           hoursAgo(0, 0, 1, 1, 2),
			target:           hoursAgo(0, 1, 1, 2, 2),
			sourcePolicy:     "1",
			wantSourceRemove: hoursAgo(1, 2),
			wantTargetRemove: hoursAgo(1, 2),
			wantCommon:       hoursAgo(0)[0],
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{
				Now:           now,
				Source:        tc.source,
				Target:        tc.target,
				TargetKnown:   !tc.targetUnknown,
				SourcePolicy:  policy(t, tc.sourcePolicy),
				TargetPolicy:  policy(t, tc.targetPolicy),
				IOSFix:        !tc.noIOSFix,
				CopySucceeded: !tc.copyFailed,
			}
			d := Decide(in)
			if got, want := sorted(d.SourceRemove), sorted(tc.wantSourceRemove); !slices.Equal(got, want) {
				t.Errorf("SourceRemove = %v, want %v", got, want)
			}
			if got, want := sorted(d.TargetRemove), sorted(tc.wantTargetRemove); !slices.Equal(got, want) {
				t.Errorf("TargetRemove = %v, want %v", got, want)
			}
			if d.NewestCommon != tc.wantCommon {
				t.Errorf("NewestCommon = %q, want %q", d.NewestCommon, tc.wantCommon)
			}
			if d.TargetSkipped != tc.wantSkipped {
				t.Errorf("TargetSkipped = %q, want %q", d.TargetSkipped, tc.wantSkipped)
			}
			checkInvariants(t, in, d)
			if t.Failed() {
				var b strings.Builder
				b.WriteString("source plan:\n")
				_ = d.SourcePlan.WriteTable(&b)
				b.WriteString("target plan:\n")
				_ = d.TargetPlan.WriteTable(&b)
				t.Log(b.String())
			}
		})
	}
}

// TestReasons checks the reasons operators see in dry runs.
func TestReasons(t *testing.T) {
	source := append(hoursAgo(0, 1, 2), "manual")
	target := append(hoursAgo(1, 2, 30), "manual")
	d := Decide(Input{
		Now: now, Source: source, Target: target, TargetKnown: true,
		SourcePolicy: policy(t, "1"), IOSFix: true, CopySucceeded: true,
	})
	reasons := func(p retention.Plan, name string) string {
		for _, e := range p.Entries {
			if e.Name == name {
				return strings.Join(e.Reasons, "; ")
			}
		}
		t.Fatalf("%s not in plan", name)
		return ""
	}
	common := hoursAgo(1)[0]
	if d.NewestCommon != common {
		t.Fatalf("NewestCommon = %q, want %q", d.NewestCommon, common)
	}
	if got := reasons(d.SourcePlan, common); !strings.Contains(got, ReasonNewestCommon) {
		t.Errorf("source reasons for newest common = %q, want %q", got, ReasonNewestCommon)
	}
	got := reasons(d.TargetPlan, common)
	for _, want := range []string{ReasonStillOnSource, "on the source: pinned: " + ReasonNewestCommon, ReasonNewestTarget} {
		if !strings.Contains(got, want) {
			t.Errorf("target reasons for newest common = %q, want %q in it", got, want)
		}
	}
	if got, want := reasons(d.TargetPlan, "manual"), reasons(d.SourcePlan, "manual"); got != want || got == "" {
		t.Errorf("target reasons for manual = %q, want retention's %q", got, want)
	}
	if got, want := sorted(d.TargetRemove), sorted(hoursAgo(2, 30)); !slices.Equal(got, want) {
		t.Errorf("TargetRemove = %v, want %v", got, want)
	}

	d = Decide(Input{
		Now: now, Source: source, Target: target, TargetKnown: true,
		SourcePolicy: policy(t, "1"), IOSFix: true, CopySucceeded: false,
	})
	for _, name := range target {
		if name == "manual" {
			continue
		}
		if got := reasons(d.TargetPlan, name); !strings.Contains(got, "target not pruned: "+SkipCopyFailed) {
			t.Errorf("target reasons for %s after a failed copy = %q, want the skip reason", name, got)
		}
	}
}

func TestTargetRemoveExcept(t *testing.T) {
	d := Decision{TargetRemove: hoursAgo(3, 4, 5)}
	if got, want := d.TargetRemoveExcept(hoursAgo(4)), hoursAgo(3, 5); !slices.Equal(got, want) {
		t.Errorf("TargetRemoveExcept = %v, want %v", got, want)
	}
	if got := d.TargetRemoveExcept(nil); !slices.Equal(got, d.TargetRemove) {
		t.Errorf("TargetRemoveExcept(nil) = %v, want %v", got, d.TargetRemove)
	}
}
