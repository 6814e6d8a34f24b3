package pruneplan

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/iab-project/iab/internal/retention"
)

var randomPolicies = []string{"", "1", "3", "36", "1h2d", "6,1h2d,1d2w,1w3m", "2,1d1w", "1d30d", "1w1y", "12h3d,1m1y"}

// randomInput makes a plausible, and sometimes implausible, state of one
// resource: hourly-ish IAB snapshots over two months, a few future ones,
// non-IAB names, duplicates, and a target that mostly mirrors the source.
func randomInput(t *testing.T, r *rand.Rand) Input {
	var source []string
	for range r.IntN(40) {
		age := time.Duration(r.Int64N(int64(60 * 24 * time.Hour)))
		if r.IntN(15) == 0 {
			age = -time.Duration(r.Int64N(int64(2 * time.Hour))) // clock skew
		}
		source = append(source, retention.SnapshotName(now.Add(-age)))
	}
	for range r.IntN(3) {
		source = append(source, []string{"manual", "before-upgrade", "IAB_x", "iab_20250101-000000", "snap0"}[r.IntN(5)])
	}
	if len(source) > 0 && r.IntN(5) == 0 {
		source = append(source, source[r.IntN(len(source))]) // duplicate
	}
	var target []string
	for _, n := range source {
		if r.IntN(4) != 0 {
			target = append(target, n)
		}
	}
	for range r.IntN(3) { // target-only snapshots: source deleted them, or odd states
		age := time.Duration(r.Int64N(int64(90*24*time.Hour))) - time.Hour
		target = append(target, retention.SnapshotName(now.Add(-age)))
	}
	if r.IntN(3) == 0 {
		target = append(target, "target-manual")
	}
	r.Shuffle(len(source), func(i, j int) { source[i], source[j] = source[j], source[i] })
	r.Shuffle(len(target), func(i, j int) { target[i], target[j] = target[j], target[i] })
	return Input{
		Now:           now,
		Source:        source,
		Target:        target,
		TargetKnown:   r.IntN(6) != 0,
		SourcePolicy:  policy(t, randomPolicies[r.IntN(len(randomPolicies))]),
		TargetPolicy:  policy(t, randomPolicies[r.IntN(len(randomPolicies))]),
		IOSFix:        r.IntN(2) == 0,
		CopySucceeded: r.IntN(5) != 0,
	}
}

func TestDecideProperties(t *testing.T) {
	for seed := uint64(1); seed <= 3000; seed++ {
		r := rand.New(rand.NewPCG(seed, 0x1ab))
		in := randomInput(t, r)
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			d := Decide(in)
			checkInvariants(t, in, d)

			// IOSFix=false keeps a superset of IOSFix=true on the source.
			fixed, unfixed := in, in
			fixed.IOSFix, unfixed.IOSFix = true, false
			keepFixed := Decide(fixed).SourcePlan.Keep()
			keepUnfixed := Decide(unfixed).SourcePlan.Keep()
			for _, n := range keepFixed {
				if !slices.Contains(keepUnfixed, n) {
					t.Errorf("IOSFix=false removes %s on the source, which IOSFix=true keeps", n)
				}
			}

			// Decide never modifies its input.
			before := slices.Clone(in.Source)
			beforeTarget := slices.Clone(in.Target)
			Decide(in)
			if !slices.Equal(before, in.Source) || !slices.Equal(beforeTarget, in.Target) {
				t.Errorf("Decide modified its input")
			}
			if t.Failed() {
				t.Logf("input: %+v", in)
			}
		})
		if t.Failed() {
			break // one failing seed is enough to read
		}
	}
}

// checkInvariants checks what must hold for every input.
func checkInvariants(t *testing.T, in Input, d Decision) {
	t.Helper()
	sourceIAB, sourceNewest := iabNames(in.Source)
	targetIAB, targetNewest := iabNames(in.Target)

	// Removals are IAB names of the matching side.
	for _, n := range d.SourceRemove {
		if !sourceIAB[n] {
			t.Errorf("SourceRemove has %q, not an IAB snapshot on the source", n)
		}
	}
	for _, n := range d.TargetRemove {
		if !targetIAB[n] {
			t.Errorf("TargetRemove has %q, not an IAB snapshot on the target", n)
		}
	}

	// Keep ∪ remove = distinct input, disjoint, on each side; every keep has
	// a reason.
	checkPartition(t, "source", in.Source, d.SourcePlan)
	checkPartition(t, "target", in.Target, d.TargetPlan)
	if !slices.Equal(d.SourceRemove, d.SourcePlan.Remove()) || !slices.Equal(d.TargetRemove, d.TargetPlan.Remove()) {
		t.Errorf("Remove lists differ from their plans")
	}

	// The newest IAB snapshot of either side survives.
	if sourceNewest != "" && slices.Contains(d.SourceRemove, sourceNewest) {
		t.Errorf("source's newest IAB snapshot %s removed", sourceNewest)
	}
	if targetNewest != "" && slices.Contains(d.TargetRemove, targetNewest) {
		t.Errorf("target's newest IAB snapshot %s removed", targetNewest)
	}

	// The newest common snapshot is really that, and survives on both.
	wantCommon := ""
	if in.TargetKnown {
		var best time.Time
		for n := range sourceIAB {
			tm, _ := retention.ParseSnapshotName(n)
			if targetIAB[n] && (wantCommon == "" || tm.After(best)) {
				wantCommon, best = n, tm
			}
		}
	}
	if d.NewestCommon != wantCommon {
		t.Errorf("NewestCommon = %q, want %q", d.NewestCommon, wantCommon)
	}
	if d.NewestCommon != "" && (slices.Contains(d.SourceRemove, d.NewestCommon) || slices.Contains(d.TargetRemove, d.NewestCommon)) {
		t.Errorf("newest common %s removed", d.NewestCommon)
	}

	// The target only loses what the source no longer has after its prune.
	sourceAfter := map[string]bool{}
	for _, n := range d.SourcePlan.Keep() {
		sourceAfter[n] = true
	}
	for _, n := range d.TargetRemove {
		if sourceAfter[n] {
			t.Errorf("TargetRemove has %s, which the source keeps", n)
		}
	}

	// No target prune unless the copy succeeded and the target is known.
	switch {
	case !in.TargetKnown:
		if d.TargetSkipped != SkipTargetUnknown {
			t.Errorf("TargetSkipped = %q with an unknown target", d.TargetSkipped)
		}
	case !in.CopySucceeded:
		if d.TargetSkipped != SkipCopyFailed {
			t.Errorf("TargetSkipped = %q after a failed copy", d.TargetSkipped)
		}
	default:
		if d.TargetSkipped != "" {
			t.Errorf("TargetSkipped = %q after a good copy", d.TargetSkipped)
		}
	}
	if d.TargetSkipped != "" && len(d.TargetRemove) > 0 {
		t.Errorf("target skipped (%s) but TargetRemove = %v", d.TargetSkipped, d.TargetRemove)
	}

	// An empty policy in force prunes nothing on the source.
	if (in.SourcePolicy.IsEmpty() || !in.IOSFix && in.TargetPolicy.IsEmpty()) && len(d.SourceRemove) > 0 {
		t.Errorf("empty policy in force but SourceRemove = %v", d.SourceRemove)
	}

	// Future-dated snapshots are kept on both sides.
	for _, n := range append(slices.Clone(d.SourceRemove), d.TargetRemove...) {
		if tm, _ := retention.ParseSnapshotName(n); tm.After(in.Now) {
			t.Errorf("future snapshot %s removed", n)
		}
	}
}

// iabNames returns the set of IAB names in names and the newest of them.
func iabNames(names []string) (map[string]bool, string) {
	set := map[string]bool{}
	newest := ""
	var newestTime time.Time
	for _, n := range names {
		tm, ok := retention.ParseSnapshotName(n)
		if !ok {
			continue
		}
		set[n] = true
		if newest == "" || tm.After(newestTime) {
			newest, newestTime = n, tm
		}
	}
	return set, newest
}

func checkPartition(t *testing.T, side string, input []string, p retention.Plan) {
	t.Helper()
	distinct := map[string]bool{}
	for _, n := range input {
		distinct[n] = true
	}
	seen := map[string]bool{}
	for _, e := range p.Entries {
		if seen[e.Name] {
			t.Errorf("%s plan lists %s twice", side, e.Name)
		}
		seen[e.Name] = true
		if !distinct[e.Name] {
			t.Errorf("%s plan has %s, not in the input", side, e.Name)
		}
		if e.Keep && len(e.Reasons) == 0 {
			t.Errorf("%s plan keeps %s without a reason", side, e.Name)
		}
		if !e.Keep && !e.IAB {
			t.Errorf("%s plan removes non-IAB %s", side, e.Name)
		}
	}
	if len(seen) != len(distinct) {
		t.Errorf("%s plan has %d names, input has %d distinct", side, len(seen), len(distinct))
	}
	keep, remove := p.Keep(), p.Remove()
	if len(keep)+len(remove) != len(distinct) {
		t.Errorf("%s: keep (%d) + remove (%d) != %d distinct names", side, len(keep), len(remove), len(distinct))
	}
}
