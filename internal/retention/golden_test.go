package retention

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

var goldenNow = time.Date(2026, 11, 28, 3, 20, 0, 0, time.UTC)

// goldenNames: 2016 IAB snapshots every 15 minutes on the quarter hour, the
// newest at 2026-11-28T03:15:00Z and the oldest at 2026-11-07T03:30:00Z; one
// from the future (clock skew); five names IAB does not own.
func goldenNames() []string {
	var names []string
	newest := time.Date(2026, 11, 28, 3, 15, 0, 0, time.UTC)
	for i := 2015; i >= 0; i-- { // oldest first, as Incus lists them
		names = append(names, SnapshotName(newest.Add(-time.Duration(i)*15*time.Minute)))
	}
	return append(names,
		"IAB_20261128-032500", // 5 minutes after now
		"manual-before-upgrade", "iab_20261120-000000", "IAB_20261301-000000",
		"IAB_20261120-000000-copy", "snap0",
	)
}

// Reviewed by eye (counts below match the file headers, each worked out by
// hand first). Weekly buckets start on Thursdays (11-05, -12, -19, -26);
// every file also keeps the future name and the 5 names that are not IAB's.
//
//	policy             kept IAB  which
//	6,1h2d,1d2w,1w3m   66        49 hours 11-26T03:45..11-28T03:15 (ttl cutoff
//	                             11-26T03:20) + 03:00, 02:30, 02:15, 02:00 of the
//	                             newest 6 + 12 days 11-14..11-25 at 23:45 + week
//	                             11-05 via 11-11T23:45 (11-13 is older than 2w)
//	36                 36        03:15 back to 11-27T18:30
//	1h2d               49        the 49 hours above
//	1d1w               8         11-21..11-27 at 23:45, 11-28T03:15
//	15min1d,1d2w       109       all 96 quarters after 11-27T03:20 + 11-14..11-26
//	(empty)            2016      all, "no policy"
//	1min1h             4         02:30, 02:45, 03:00, 03:15 (cutoff 02:20)
//	1h1h               2         02:45, 03:15
//	1w3m               4         11-11T23:45, 11-18T23:45, 11-25T23:45, 11-28T03:15
//	1y10y              1         one 365-day bucket, from 2025-12-18
//	source ∪ target    67        target's 8 are all in source's 66; + the pin
//	                             11-10T05:15
var goldenCases = []struct {
	file     string
	policies []LabeledPolicy
	pinned   map[string]string
}{
	{"6_1h2d_1d2w_1w3m", policies("6,1h2d,1d2w,1w3m"), nil},
	{"36", policies("36"), nil},
	{"1h2d", policies("1h2d"), nil},
	{"1d1w", policies("1d1w"), nil},
	{"15min1d_1d2w", policies("15min1d,1d2w"), nil},
	{"empty", policies(""), nil},
	{"1min1h", policies("1min1h"), nil},
	{"1h1h", policies("1h1h"), nil},
	{"1w3m", policies("1w3m"), nil},
	{"1y10y", policies("1y10y"), nil},
	{"union_source_target", []LabeledPolicy{
		{Label: "source", Policy: mustPolicy("6,1h2d,1d2w,1w3m")},
		{Label: "target", Policy: mustPolicy("1d1w")},
	}, map[string]string{"IAB_20261110-051500": "newest common to both servers"}},
}

func TestGolden(t *testing.T) {
	names := goldenNames()
	for _, gc := range goldenCases {
		t.Run(gc.file, func(t *testing.T) {
			in := Input{Now: goldenNow, Names: names, Policies: gc.policies, Pinned: gc.pinned}
			p := MakePlan(in)
			checkInvariants(t, in, p)
			checkOracle(t, in, p)

			got := goldenText(t, in, p)
			path := filepath.Join("testdata", gc.file+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/retention -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("plan differs from %s; if the change is intended, run with -update and review the diff.\ngot:\n%s", path, got)
			}
		})
	}
}

// goldenText is a header with counts, then the kept entries as WriteTable
// shows them; every other IAB name is removed.
func goldenText(t *testing.T, in Input, p Plan) []byte {
	var b bytes.Buffer
	var texts []string
	for _, lp := range in.Policies {
		texts = append(texts, strings.TrimPrefix(lp.Label+": ", ": ")+fmt.Sprintf("%q", lp.Policy.String()))
	}
	iab := 0
	for _, e := range p.Entries {
		if e.IAB {
			iab++
		}
	}
	fmt.Fprintf(&b, "# policies: %s\n# now: %s\n", strings.Join(texts, ", "), in.Now.Format(time.RFC3339))
	fmt.Fprintf(&b, "# %d names, %d IAB's: keep %d (future %d), remove %d; removed entries are not listed\n",
		len(p.Entries), iab, len(p.Keep()), len(p.Future()), len(p.Remove()))
	kept := Plan{now: p.now}
	for _, e := range p.Entries {
		if e.Keep {
			kept.Entries = append(kept.Entries, e)
		}
	}
	if err := kept.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
