package retention

import (
	"testing"
	"time"
)

// benchNames returns n snapshots every 15 minutes (about 2.9 years for
// 100k), oldest first, as Incus lists them.
func benchNames(n int, newest time.Time) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = SnapshotName(newest.Add(-time.Duration(n-1-i) * 15 * time.Minute))
	}
	return names
}

func BenchmarkMakePlan100k(b *testing.B) {
	now := time.Date(2026, 11, 28, 3, 20, 0, 0, time.UTC)
	in := Input{
		Now:      now,
		Names:    benchNames(100_000, now.Add(-5*time.Minute)),
		Policies: policies("6,1h2d,1d2w,1w3m"),
	}
	b.ReportAllocs()
	for b.Loop() {
		p := MakePlan(in)
		if len(p.Remove()) == 0 {
			b.Fatal("nothing removed")
		}
	}
}
