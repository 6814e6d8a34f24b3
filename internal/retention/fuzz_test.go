package retention

import (
	"encoding/binary"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func FuzzParsePolicy(f *testing.F) {
	for _, s := range []string{"", "6,1h2d,1d2w,1w3m", "36", "1h2d", "1min1h", "5min2d", "6,,1h2d", " ", "99999999999y", "1d1h", "1h2d,6", "1h2d,60min3d", "-6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePolicy(s)
		if err != nil {
			if !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Errorf("error %q does not quote the policy", err)
			}
			if !reflect.DeepEqual(p, Policy{}) {
				t.Errorf("error with a non-zero policy %#v", p)
			}
			return
		}
		if err := p.validate(); err != nil {
			t.Errorf("ParsePolicy(%q) accepted an invalid policy: %v", s, err)
		}
		if p.IsEmpty() != (s == "") {
			t.Errorf("ParsePolicy(%q).IsEmpty() = %v", s, p.IsEmpty())
		}
		canonical := p.String()
		again, err := ParsePolicy(canonical)
		if err != nil || !reflect.DeepEqual(again, p) {
			t.Errorf("ParsePolicy(%q) = %#v, %v; want %#v (from %q)", canonical, again, err, p, s)
		}
		if again.String() != canonical {
			t.Errorf("String() not stable: %q then %q", canonical, again.String())
		}
	})
}

// FuzzMakePlan plans snapshots at the given ages (4 bytes each, signed
// seconds; negative is the future) plus raw names, one per line, against
// one or two policies, pinning every pinEvery-th name.
func FuzzMakePlan(f *testing.F) {
	f.Add("6,1h2d,1d2w,1w3m", ages(0, 900, 3600, 7200, 86400, 86401, -60), "manual\nIAB_20261301-000000", int64(1795838400), "", uint8(3))
	f.Add("1h1d", ages(3600, 3599, 86400, 86399, 0, 0), "", int64(1795838400), "1d1w", uint8(0))
	f.Add("", ages(1, 2, 3), "iab_20261128-120000", int64(0), "1s1s", uint8(1))
	f.Fuzz(func(t *testing.T, policy string, ageBytes []byte, extra string, nowUnix int64, policy2 string, pinEvery uint8) {
		p1, err := ParsePolicy(policy)
		if err != nil {
			return
		}
		// The oracle is quadratic: cap the names so that no input hangs.
		const maxNames = 300
		if len(ageBytes) > 4*maxNames {
			ageBytes = ageBytes[:4*maxNames]
		}
		now := time.Unix(nowUnix, 0)
		var names []string
		for b := ageBytes; len(b) >= 4; b = b[4:] {
			age := int32(binary.BigEndian.Uint32(b))
			names = append(names, SnapshotName(now.Add(-time.Duration(age)*time.Second)))
		}
		if extra != "" {
			lines := strings.Split(extra, "\n")
			names = append(names, lines[:min(len(lines), maxNames)]...)
		}
		in := Input{Now: now, Names: names, Policies: []LabeledPolicy{{Label: "one", Policy: p1}}}
		if p2, err := ParsePolicy(policy2); err == nil && policy2 != "" {
			in.Policies = append(in.Policies, LabeledPolicy{Label: "two", Policy: p2})
		}
		if pinEvery > 0 {
			in.Pinned = map[string]string{}
			for i := 0; i < len(names); i += int(pinEvery) {
				in.Pinned[names[i]] = "fuzz"
			}
		}
		p := MakePlan(in)
		checkInvariants(t, in, p)
		checkOracle(t, in, p)
		if err := p.WriteTable(discard{}); err != nil {
			t.Error(err)
		}
	})
}

func FuzzParseSnapshotName(f *testing.F) {
	for _, s := range []string{"IAB_20261128-031500", "IAB_20260229-000000", "iab_20261128-031500", "IAB_20261128-235960", "IAB_00000101-000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseSnapshotName(s)
		// The slow, obvious definition: time.Parse, and the name must be
		// exactly what SnapshotName would write for that time.
		want, err := time.Parse(nameLayout, strings.TrimPrefix(s, namePrefix))
		wantOK := err == nil && strings.HasPrefix(s, namePrefix) && SnapshotName(want) == s
		if ok != wantOK || ok && !got.Equal(want) {
			t.Errorf("ParseSnapshotName(%q) = %v, %v; want %v, %v", s, got, ok, want, wantOK)
		}
		if ok && SnapshotName(got) != s {
			t.Errorf("SnapshotName(ParseSnapshotName(%q)) = %q", s, SnapshotName(got))
		}
	})
}

// ages encodes ages in seconds as FuzzMakePlan reads them.
func ages(secs ...int32) []byte {
	var b []byte
	for _, s := range secs {
		b = binary.BigEndian.AppendUint32(b, uint32(s))
	}
	return b
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
