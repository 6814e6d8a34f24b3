package retention

import "time"

const (
	namePrefix = "IAB_"
	nameLayout = "20060102-150405"
	nameLen    = len(namePrefix) + len(nameLayout)
)

// SnapshotName returns the IAB snapshot name for t, in UTC, to the second.
// Only years 0000-9999 give names that ParseSnapshotName accepts.
func SnapshotName(t time.Time) string {
	return namePrefix + t.UTC().Format(nameLayout)
}

// ParseSnapshotName reports whether name is an IAB snapshot name, exactly
// IAB_YYYYMMDD-HHMMSS with a valid UTC date and time, and returns that time.
// Anything else (other prefixes, lowercase, extra characters, 31 February)
// is not IAB's.
func ParseSnapshotName(name string) (time.Time, bool) {
	// Hand-parsed rather than time.Parse: it is several times faster, which
	// matters for 100k names, and it accepts exactly the two-digit fields.
	if len(name) != nameLen || name[:len(namePrefix)] != namePrefix {
		return time.Time{}, false
	}
	s := name[len(namePrefix):]
	if s[8] != '-' {
		return time.Time{}, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[4:6])
	day, ok3 := digits(s[6:8])
	hour, ok4 := digits(s[9:11])
	minute, ok5 := digits(s[11:13])
	sec, ok6 := digits(s[13:15])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	// time.Date normalises out-of-range fields (month 13, 30 February,
	// 24:00:00, leap second 60); a name is valid only if nothing moved.
	if t.Year() != year || int(t.Month()) != month || t.Day() != day ||
		t.Hour() != hour || t.Minute() != minute || t.Second() != sec {
		return time.Time{}, false
	}
	return t, true
}

// digits parses a string of ASCII digits only (no sign, no space).
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
