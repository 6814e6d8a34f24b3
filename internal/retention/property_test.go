package retention

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

const propertyIterations = 2000

// genPolicyText returns a random valid policy text; sometimes empty.
func genPolicyText(r *rand.Rand) string {
	if r.IntN(10) == 0 {
		return ""
	}
	var parts []string
	if r.IntN(2) == 0 {
		parts = append(parts, fmt.Sprint(1+r.IntN(12)))
	}
	used := map[time.Duration]bool{}
	for range r.IntN(4) {
		u := units[r.IntN(len(units))]
		amount := 1 + r.IntN(4)
		period := time.Duration(amount) * u.d
		if used[period] || period > 50*365*day {
			continue
		}
		used[period] = true
		ttlUnit := units[r.IntN(len(units))]
		ttlAmount := int(period/ttlUnit.d) + 1 + r.IntN(30)
		if time.Duration(ttlAmount)*ttlUnit.d < period { // ttl must be >= period
			ttlAmount++
		}
		parts = append(parts, fmt.Sprintf("%d%s%d%s", amount, u.name, ttlAmount, ttlUnit.name))
	}
	if len(parts) == 0 {
		return "1"
	}
	return strings.Join(parts, ",")
}

// genInput builds snapshots the way they occur: regular runs with jitter,
// plus gaps, bursts, clock skew, duplicates, pins and foreign names.
func genInput(r *rand.Rand) Input {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	if r.IntN(8) == 0 {
		now = time.Unix(0, 0) // buckets across 1970 need floor division
	}
	now = now.Add(time.Duration(r.Int64N(int64(400 * day)))).
		Add(time.Duration(r.IntN(3)) * time.Duration(r.Int64N(int64(time.Second))))
	aligned := r.IntN(2) == 0
	if aligned {
		// Snapshots exactly on boundaries and exactly ttl old.
		now = now.Truncate(time.Hour)
	}
	var names []string
	steps := []time.Duration{time.Second, time.Minute, 15 * time.Minute, time.Hour, 6 * time.Hour, day, 7 * day}
	step := steps[r.IntN(len(steps))]
	ts := now.Add(time.Duration(r.Int64N(int64(2*time.Hour))) - time.Hour) // may start in the future
	if aligned {
		ts = now.Add(time.Duration(r.IntN(3)-1) * step)
	}
	for range r.IntN(150) {
		names = append(names, SnapshotName(ts))
		ts = ts.Add(-step)
		if !aligned {
			ts = ts.Add(-time.Duration(r.Int64N(int64(step/2 + 1))))
		}
		if r.IntN(30) == 0 {
			ts = ts.Add(-time.Duration(r.Int64N(int64(60 * day)))) // a gap
		}
	}
	for range r.IntN(5) {
		switch r.IntN(4) {
		case 0:
			names = append(names, SnapshotName(now.Add(time.Duration(r.Int64N(int64(day))))))
		case 1:
			names = append(names, "manual-"+fmt.Sprint(r.IntN(5)))
		case 2:
			names = append(names, "iab_"+SnapshotName(now)[4:])
		case 3:
			names = append(names, "IAB_20261301-000000")
		}
	}
	for range r.IntN(4) {
		if len(names) > 0 {
			names = append(names, names[r.IntN(len(names))])
		}
	}
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })

	var pinned map[string]string
	if len(names) > 0 && r.IntN(2) == 0 {
		pinned = map[string]string{}
		for range 1 + r.IntN(3) {
			pinned[names[r.IntN(len(names))]] = "test pin"
		}
		pinned["IAB_20000101-000000"] = "absent"
	}
	var pols []LabeledPolicy
	for i := range 1 + r.IntN(2) {
		pols = append(pols, LabeledPolicy{Label: fmt.Sprint("p", i), Policy: mustPolicy(genPolicyText(r))})
	}
	return Input{Now: now, Names: names, Policies: pols, Pinned: pinned}
}

func TestPropertiesInvariantsAndOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var removed, kept, future int // to see that the generator exercises something
	for i := range propertyIterations {
		in := genInput(r)
		namesBefore := slices.Clone(in.Names)
		pinnedBefore := maps.Clone(in.Pinned)
		policiesBefore := fmt.Sprint(in.Policies)

		p := MakePlan(in)

		if !slices.Equal(in.Names, namesBefore) || !maps.Equal(in.Pinned, pinnedBefore) || fmt.Sprint(in.Policies) != policiesBefore {
			t.Fatalf("iteration %d: MakePlan modified its input", i)
		}
		checkInvariants(t, in, p)
		checkOracle(t, in, p)
		removed += len(p.Remove())
		kept += len(p.Keep())
		future += len(p.Future())

		// The input order does not matter.
		shuffled := in
		shuffled.Names = slices.Clone(in.Names)
		r.Shuffle(len(shuffled.Names), func(i, j int) {
			shuffled.Names[i], shuffled.Names[j] = shuffled.Names[j], shuffled.Names[i]
		})
		if !reflect.DeepEqual(MakePlan(shuffled), p) {
			t.Errorf("iteration %d: shuffled input gives a different plan", i)
		}
		if t.Failed() {
			t.Fatalf("iteration %d failed: now %v, policies %v, %d names", i, in.Now, in.Policies, len(in.Names))
		}
	}
	t.Logf("%d kept, %d removed, %d future", kept, removed, future)
	if removed < kept/10 || future == 0 {
		t.Errorf("the generator is too tame: %d kept, %d removed, %d future", kept, removed, future)
	}
}

// More rules or a larger N can only keep more. (The empty policy is the
// exception by design: it keeps everything, so it is not a base here.)
func TestPropertyAddingRulesNeverRemovesMore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range propertyIterations {
		in := genInput(r)
		in.Policies = in.Policies[:1]
		base := in.Policies[0].Policy
		extra := mustPolicy(genPolicyText(r))
		if base.IsEmpty() || extra.IsEmpty() {
			continue
		}
		bigger := Policy{KeepNewest: max(base.KeepNewest, extra.KeepNewest)}
		bigger.Rules = slices.Clone(base.Rules)
		for _, rule := range extra.Rules {
			if !slices.ContainsFunc(bigger.Rules, func(b Rule) bool { return b.Period == rule.Period }) {
				bigger.Rules = append(bigger.Rules, rule)
			}
		}
		before := MakePlan(in).Remove()
		in.Policies = []LabeledPolicy{{Policy: bigger}}
		after := MakePlan(in).Remove()
		for _, n := range after {
			if !slices.Contains(before, n) {
				t.Fatalf("iteration %d: %s + %s removes %s, which %s kept", i, base, extra, n, base)
			}
		}
	}
}

// Planning with two policies keeps exactly what either keeps alone.
func TestPropertyUnionOfPolicies(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range propertyIterations {
		in := genInput(r)
		a := LabeledPolicy{Label: "source", Policy: mustPolicy(genPolicyText(r))}
		b := LabeledPolicy{Label: "target", Policy: mustPolicy(genPolicyText(r))}
		in.Policies = []LabeledPolicy{a}
		keepA := MakePlan(in).Keep()
		in.Policies = []LabeledPolicy{b}
		keepB := MakePlan(in).Keep()
		in.Policies = []LabeledPolicy{a, b}
		both := MakePlan(in).Keep()
		want := map[string]bool{}
		for _, n := range append(keepA, keepB...) {
			want[n] = true
		}
		if len(both) != len(want) {
			t.Fatalf("iteration %d: %s ∪ %s keeps %d, want %d", i, a.Policy, b.Policy, len(both), len(want))
		}
		for _, n := range both {
			if !want[n] {
				t.Fatalf("iteration %d: %s ∪ %s keeps %s, neither alone does", i, a.Policy, b.Policy, n)
			}
		}
	}
}
