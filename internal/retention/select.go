package retention

import (
	"math"
	"strconv"
	"time"
)

// selectByPolicy adds a reason (prefixed) to every entry of past that p
// keeps. past holds the non-future IAB entries, newest first.
func selectByPolicy(past []Entry, nowUnix int64, p Policy, prefix string) {
	if err := p.validate(); err != nil {
		keepAll(past, prefix+"invalid policy: "+err.Error())
		return
	}
	if p.IsEmpty() {
		keepAll(past, prefix+reasonNoPolicy)
		return
	}
	if n := min(p.KeepNewest, len(past)); n > 0 {
		r := prefix + "newest " + strconv.Itoa(p.KeepNewest)
		for i := range past[:n] {
			past[i].Reasons = append(past[i].Reasons, r)
		}
	}
	for _, r := range p.Rules {
		keepPerBucket(past, nowUnix, r, prefix)
	}
}

func keepAll(entries []Entry, reason string) {
	for i := range entries {
		entries[i].Reasons = append(entries[i].Reasons, reason)
	}
}

// keepPerBucket keeps the newest entry of each epoch-aligned bucket among
// entries younger than the rule's ttl. Entries are newest first, so the
// young ones are a prefix and a bucket's newest is the first one seen.
func keepPerBucket(past []Entry, nowUnix int64, r Rule, prefix string) {
	period := int64(r.Period / time.Second)
	ttl := int64(r.TTL / time.Second)
	// Snapshot times are whole seconds, so age < ttl, i.e. t > now - ttl,
	// is t > floor(now) - ttl even when now has a fraction of a second.
	cutoff := nowUnix - ttl
	if cutoff > nowUnix { // wrapped around: nothing is that old
		cutoff = math.MinInt64
	}
	head := prefix + formatDuration(r.Period) + " bucket "
	tail := " within " + formatDuration(r.TTL)
	var last int64
	for i := range past {
		t := past[i].Time.Unix()
		if t <= cutoff {
			break
		}
		b := floorDiv(t, period)
		if i > 0 && b == last {
			continue
		}
		last = b
		past[i].Reasons = append(past[i].Reasons, head+formatBucket(b*period, period)+tail)
	}
}

// floorDiv rounds towards minus infinity, so buckets before 1970 stay
// aligned too. d > 0.
func floorDiv(n, d int64) int64 {
	q := n / d
	if n%d < 0 {
		q--
	}
	return q
}

// formatBucket shows a bucket's start to the minute, or to the second when
// the period is not whole minutes.
func formatBucket(start, period int64) string {
	layout := "2006-01-02T15:04Z"
	if period%60 != 0 {
		layout = "2006-01-02T15:04:05Z"
	}
	return time.Unix(start, 0).UTC().Format(layout)
}
