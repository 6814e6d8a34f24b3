// Package retention decides which IAB snapshots to keep and which to remove.
//
// It is pure: "now" is passed in, inputs are never modified, and a plan only
// ever removes names it was given that IAB owns. Pruning deletes data, so
// every doubt resolves to "keep".
//
// # Policy grammar
//
//	[N,]<period><ttl>[,<period><ttl>...]     e.g. "6,1h2d,1d2w,1w3m", "36", "1h2d"
//
// N keeps the newest N IAB snapshots whatever their age. Each rule keeps, for
// snapshots younger than ttl, the newest snapshot in each period-sized bucket.
// Amounts are whole positive numbers; units are s, min, h, d, w, m (30 days)
// and y (365 days): fixed lengths, never calendar months or years. A period
// may equal but not exceed its ttl; periods are distinct. Parsing is strict:
// no spaces, lowercase units. An empty policy prunes nothing.
//
// # Edges
//
//   - Buckets are aligned to the Unix epoch in UTC: bucket k of a rule covers
//     [k*period, (k+1)*period). A snapshot exactly on a boundary belongs to the
//     bucket that starts there. Weekly buckets therefore start on Thursdays
//     00:00 UTC (1970-01-01 was a Thursday); "m" and "y" buckets are 30 and
//     365 days from the epoch, not calendar months or years. Time zones and
//     daylight saving never matter.
//   - "Younger than ttl" means age < ttl, with age = now - snapshot time. A
//     snapshot exactly ttl old is no longer kept by that rule.
//   - A snapshot whose time is after now (clock skew) is "future": kept, and
//     left out of every selection, so it neither counts towards N nor hides
//     the real newest snapshot of its bucket.
//   - The kept set is the union of independent selections: the newest N, and
//     each rule over all (non-future) IAB snapshots.
//   - Names are a set: a name given twice yields one entry.
//   - The newest non-future IAB snapshot is always kept, even when every
//     snapshot is older than every ttl.
//
// # Reasons
//
// Every kept entry says why: "newest 6", "1h bucket 2026-11-28T03:00Z within
// 2d" (the bucket's start, UTC), "no policy", "future", "not IAB's",
// "pinned: <why>", "newest IAB snapshot". With several policies, the reasons
// that come from a policy start with its label: "source: newest 6".
package retention
