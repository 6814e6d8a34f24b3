package retention

import (
	"math"
	"slices"
	"testing"
	"time"
)

// checkInvariants checks what must hold for any input, whatever the policy:
// a plan is a partition of the distinct input names, its removals are only
// unprotected IAB snapshots, and applying it leaves nothing more to remove.
func checkInvariants(t *testing.T, in Input, p Plan) {
	t.Helper()
	distinct := map[string]bool{}
	for _, n := range in.Names {
		distinct[n] = true
	}
	keep, remove := p.Keep(), p.Remove()
	seen := map[string]bool{}
	for _, n := range append(slices.Clone(keep), remove...) {
		if seen[n] {
			t.Errorf("%q is listed twice in keep+remove", n)
		}
		if !distinct[n] {
			t.Errorf("%q is in the plan but not in the input", n)
		}
		seen[n] = true
	}
	if len(seen) != len(distinct) {
		t.Errorf("keep+remove cover %d names, input has %d distinct", len(seen), len(distinct))
	}
	if len(p.Entries) != len(distinct) {
		t.Errorf("%d entries for %d distinct names", len(p.Entries), len(distinct))
	}

	// Entries: IAB newest first, then the others sorted by name.
	for i := 1; i < len(p.Entries); i++ {
		a, b := p.Entries[i-1], p.Entries[i]
		switch {
		case a.IAB && b.IAB && !a.Time.After(b.Time),
			!a.IAB && b.IAB,
			!a.IAB && !b.IAB && a.Name >= b.Name:
			t.Errorf("entries %d %q and %d %q out of order", i-1, a.Name, i, b.Name)
		}
	}

	protected := protectedNames(in)
	for _, e := range p.Entries {
		if e.Keep != (len(e.Reasons) > 0) {
			t.Errorf("%s: Keep=%v but reasons %q", e.Name, e.Keep, e.Reasons)
		}
		if e.Keep {
			continue
		}
		if why, ok := protected[e.Name]; ok {
			t.Errorf("%s removed but protected: %s", e.Name, why)
		}
	}
	if len(remove) > 0 && anyEmpty(in.Policies) {
		t.Errorf("an empty policy is given, yet %d removed", len(remove))
	}

	// Applying the plan and planning again removes nothing more.
	again := in
	again.Names = keep
	if more := MakePlan(again).Remove(); len(more) > 0 {
		t.Errorf("not idempotent: after applying, a second plan removes %q", more)
	}
}

func anyEmpty(ps []LabeledPolicy) bool {
	return len(ps) == 0 || slices.ContainsFunc(ps, func(lp LabeledPolicy) bool { return lp.Policy.IsEmpty() })
}

// protectedNames lists, computed independently of MakePlan, the names no
// plan may remove, with why.
func protectedNames(in Input) map[string]string {
	out := map[string]string{}
	var past []time.Time
	for _, n := range in.Names {
		ts, ok := ParseSnapshotName(n)
		switch {
		case !ok:
			out[n] = "not IAB's"
		case ts.After(in.Now):
			out[n] = "future"
		default:
			past = append(past, ts)
		}
		if _, ok := in.Pinned[n]; ok {
			out[n] = "pinned"
		}
	}
	slices.SortFunc(past, func(a, b time.Time) int { return b.Compare(a) })
	past = slices.Compact(past)
	if len(past) > 0 {
		out[SnapshotName(past[0])] = "newest IAB snapshot"
	}
	for _, lp := range in.Policies {
		for _, ts := range past[:min(lp.Policy.KeepNewest, len(past))] {
			out[SnapshotName(ts)] = "one of the newest N"
		}
	}
	return out
}

// oracleKeep is a deliberately naive model of the whole specification:
// quadratic, float bucket arithmetic, no sorting tricks. MakePlan must keep
// exactly what it keeps.
func oracleKeep(in Input) map[string]bool {
	keep := map[string]bool{}
	type snapshot struct {
		name string
		t    time.Time
	}
	var past []snapshot
	seen := map[string]bool{}
	for _, n := range in.Names {
		ts, ok := ParseSnapshotName(n)
		if _, pinned := in.Pinned[n]; !ok || pinned || ts.After(in.Now) {
			keep[n] = true
		}
		if ok && !ts.After(in.Now) && !seen[n] {
			seen[n] = true
			past = append(past, snapshot{n, ts})
		}
	}
	if anyEmpty(in.Policies) {
		for _, s := range past {
			keep[s.name] = true
		}
		return keep
	}
	newerThan := func(a, b snapshot) bool { return a.t.After(b.t) }
	for _, s := range past {
		rank := 0 // how many snapshots are newer
		for _, o := range past {
			if newerThan(o, s) {
				rank++
			}
		}
		if rank == 0 {
			keep[s.name] = true
		}
		for _, lp := range in.Policies {
			if rank < lp.Policy.KeepNewest {
				keep[s.name] = true
			}
			for _, r := range lp.Policy.Rules {
				if in.Now.Sub(s.t) >= r.TTL {
					continue
				}
				bucket := func(x time.Time) float64 {
					return math.Floor(float64(x.Unix()) / r.Period.Seconds())
				}
				alone := true
				for _, o := range past {
					if newerThan(o, s) && bucket(o.t) == bucket(s.t) {
						alone = false
						break
					}
				}
				if alone {
					keep[s.name] = true
				}
			}
		}
	}
	return keep
}

func checkOracle(t *testing.T, in Input, p Plan) {
	t.Helper()
	want := oracleKeep(in)
	for _, e := range p.Entries {
		if e.Keep != want[e.Name] {
			t.Errorf("%s: keep=%v (reasons %q), oracle says %v", e.Name, e.Keep, e.Reasons, want[e.Name])
		}
	}
}
