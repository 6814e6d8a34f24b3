package retention

import (
	"testing"
	"time"
)

func TestParseSnapshotName(t *testing.T) {
	valid := map[string]time.Time{
		"IAB_20261128-031500": time.Date(2026, 11, 28, 3, 15, 0, 0, time.UTC),
		"IAB_20240229-235959": time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC), // leap day
		"IAB_19691231-235959": time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC),
		"IAB_00000101-000000": time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		"IAB_99991231-235959": time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
	}
	for name, want := range valid {
		got, ok := ParseSnapshotName(name)
		if !ok || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("ParseSnapshotName(%q) = %v, %v; want %v, true", name, got, ok, want)
		}
	}
	invalid := []string{
		"", "snap0", "IAB_", "manual-before-upgrade",
		"iab_20261128-031500",  // lowercase prefix
		"Iab_20261128-031500",  // mixed case
		"IAB-20261128-031500",  // wrong separator after IAB
		"IAB_20261128_031500",  // wrong date/time separator
		"IAB_20261128T031500",  // ISO separator
		"IAB_20261128-0315",    // short
		"IAB_20261128-031500x", // trailing garbage
		" IAB_20261128-031500", // leading space
		"IAB_20261128-03150 ",  // space in a field
		"IAB_2026112-80315000", // dash misplaced
		"IAB_+0261128-031500",  // sign
		"IAB_20261301-000000",  // month 13
		"IAB_20260001-000000",  // month 0
		"IAB_20261100-000000",  // day 0
		"IAB_20260230-000000",  // 30 February
		"IAB_20260229-000000",  // 2026 is not a leap year
		"IAB_20261128-240000",  // hour 24
		"IAB_20261128-236000",  // minute 60
		"IAB_20261128-235960",  // leap second
		"IAB_20261128-031500.5",
		"IAB_２0261128-031500", // non-ASCII digit
	}
	for _, name := range invalid {
		if got, ok := ParseSnapshotName(name); ok {
			t.Errorf("ParseSnapshotName(%q) = %v, true; want not IAB's", name, got)
		}
	}
}

func TestSnapshotName(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 11, 28, 3, 15, 0, 0, time.UTC), "IAB_20261128-031500"},
		// Always UTC, whatever the location of t.
		{time.Date(2026, 11, 28, 4, 15, 0, 0, berlin), "IAB_20261128-031500"},
		{time.Date(2027, 1, 1, 0, 30, 0, 0, berlin), "IAB_20261231-233000"},
		// Sub-second parts are dropped, not rounded.
		{time.Date(2026, 11, 28, 3, 15, 0, 999999999, time.UTC), "IAB_20261128-031500"},
	}
	for _, tt := range tests {
		got := SnapshotName(tt.t)
		if got != tt.want {
			t.Errorf("SnapshotName(%v) = %q, want %q", tt.t, got, tt.want)
		}
		back, ok := ParseSnapshotName(got)
		if !ok || !back.Equal(tt.t.Truncate(time.Second)) {
			t.Errorf("ParseSnapshotName(%q) = %v, %v; want %v", got, back, ok, tt.t.Truncate(time.Second))
		}
	}
}
