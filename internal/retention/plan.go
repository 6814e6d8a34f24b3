package retention

import (
	"cmp"
	"slices"
	"strconv"
	"time"
)

// Reasons that are not tied to one policy.
const (
	reasonFuture   = "future"
	reasonNotIAB   = "not IAB's"
	reasonNoPolicy = "no policy"
	reasonNewest   = "newest IAB snapshot"
	reasonPinned   = "pinned"
)

// LabeledPolicy names a policy so that, when several are planned together,
// each reason says which one kept the snapshot.
type LabeledPolicy struct {
	Label  string
	Policy Policy
}

// Input is everything MakePlan looks at; it never reads the clock.
type Input struct {
	Now   time.Time
	Names []string
	// Policies are united: a snapshot any of them keeps is kept. No policy,
	// or any empty (or invalid) one, means nothing is removed.
	Policies []LabeledPolicy
	// Pinned names are always kept, with reason "pinned: <why>". Pins for
	// names not in Names are ignored.
	Pinned map[string]string
}

// Entry is the decision for one distinct input name.
type Entry struct {
	Name    string
	Time    time.Time // from the name, UTC; zero if not IAB's
	IAB     bool
	Keep    bool
	Reasons []string // why it is kept; empty when removed
}

// Plan holds one entry per distinct input name: IAB snapshots newest first,
// then the other names sorted by name.
type Plan struct {
	Entries []Entry
	now     time.Time // for ages in WriteTable and for Future
}

// Keep returns the names to keep, in plan order.
func (p Plan) Keep() []string { return p.names(func(e Entry) bool { return e.Keep }) }

// Remove returns the names to delete, in plan order. Only IAB names, ever.
func (p Plan) Remove() []string { return p.names(func(e Entry) bool { return !e.Keep && e.IAB }) }

// Future returns IAB names dated after now (clock skew), which are kept and
// deserve a warning.
func (p Plan) Future() []string {
	return p.names(func(e Entry) bool { return e.IAB && e.Time.After(p.now) })
}

func (p Plan) names(match func(Entry) bool) []string {
	n := 0
	for _, e := range p.Entries {
		if match(e) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for _, e := range p.Entries {
		if match(e) {
			out = append(out, e.Name)
		}
	}
	return out
}

// MakePlan decides keep or remove for every distinct name in in.Names.
// See the package documentation for the exact semantics.
func MakePlan(in Input) Plan {
	entries, iabCount := sortedEntries(in.Names)
	nowUnix := in.Now.Unix()

	// IAB entries are newest first, so the future ones are a prefix and the
	// ones eligible for selection ("past") follow.
	future := 0
	for future < iabCount && entries[future].Time.Unix() > nowUnix {
		entries[future].Reasons = append(entries[future].Reasons, reasonFuture)
		future++
	}
	past := entries[future:iabCount]
	for i := iabCount; i < len(entries); i++ {
		entries[i].Reasons = append(entries[i].Reasons, reasonNotIAB)
	}

	policies := in.Policies
	if len(policies) == 0 {
		policies = []LabeledPolicy{{}} // no policy is the empty policy
	}
	for i, lp := range policies {
		prefix := ""
		if len(policies) > 1 {
			prefix = lp.Label
			if prefix == "" {
				prefix = "policy " + strconv.Itoa(i+1)
			}
			prefix += ": "
		}
		selectByPolicy(past, nowUnix, lp.Policy, prefix)
	}

	if len(in.Pinned) > 0 {
		for i := range entries {
			if why, ok := in.Pinned[entries[i].Name]; ok {
				r := reasonPinned
				if why != "" {
					r += ": " + why
				}
				entries[i].Reasons = append(entries[i].Reasons, r)
			}
		}
	}

	// Safety net: whatever the policies say, a run never leaves an instance
	// without its newest real IAB snapshot.
	if len(past) > 0 && len(past[0].Reasons) == 0 {
		past[0].Reasons = append(past[0].Reasons, reasonNewest)
	}

	for i := range entries {
		entries[i].Keep = len(entries[i].Reasons) > 0
	}
	return Plan{Entries: entries, now: in.Now}
}

// sortedEntries turns names into deduplicated entries: IAB ones newest first,
// then the rest by name. It returns how many are IAB's.
func sortedEntries(names []string) ([]Entry, int) {
	// Sort small keys rather than whole entries: with 100k names, moving
	// 72-byte entries around dominated the run time.
	type key struct {
		unix int64
		name string
	}
	iab := make([]key, 0, len(names))
	var other []string
	for _, n := range names {
		if t, ok := ParseSnapshotName(n); ok {
			iab = append(iab, key{t.Unix(), n})
		} else {
			other = append(other, n)
		}
	}
	// An IAB name and its time determine each other, so equal times are
	// duplicate names, side by side after sorting, as with the other names.
	slices.SortFunc(iab, func(a, b key) int { return cmp.Compare(b.unix, a.unix) })
	iab = slices.CompactFunc(iab, func(a, b key) bool { return a.unix == b.unix })
	slices.Sort(other)
	other = slices.Compact(other)

	entries := make([]Entry, 0, len(iab)+len(other))
	for _, k := range iab {
		entries = append(entries, Entry{Name: k.name, Time: time.Unix(k.unix, 0).UTC(), IAB: true})
	}
	for _, n := range other {
		entries = append(entries, Entry{Name: n})
	}
	return entries, len(iab)
}
