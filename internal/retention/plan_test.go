package retention

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // DST tests need real zones on any machine
)

// at parses an RFC 3339 time, for readable tables.
func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// snap is the IAB name of an RFC 3339 time.
func snap(s string) string { return SnapshotName(at(s)) }

func mustPolicy(s string) Policy {
	p, err := ParsePolicy(s)
	if err != nil {
		panic(err)
	}
	return p
}

// policies builds unlabeled policies from their texts.
func policies(texts ...string) []LabeledPolicy {
	var out []LabeledPolicy
	for _, s := range texts {
		out = append(out, LabeledPolicy{Policy: mustPolicy(s)})
	}
	return out
}

// decisions maps each name to its reasons; no reasons means removed.
type decisions map[string][]string

func checkPlan(t *testing.T, p Plan, want decisions) {
	t.Helper()
	got := decisions{}
	for _, e := range p.Entries {
		if _, dup := got[e.Name]; dup {
			t.Errorf("%s: two entries", e.Name)
		}
		got[e.Name] = e.Reasons
		if e.Keep != (len(e.Reasons) > 0) {
			t.Errorf("%s: Keep=%v with reasons %q", e.Name, e.Keep, e.Reasons)
		}
	}
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: missing from the plan", name)
		case len(w) == 0 && len(g) > 0:
			t.Errorf("%s: kept %q, want removed", name, g)
		case !slices.Equal(g, w):
			t.Errorf("%s: reasons %q, want %q", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: unexpected entry", name)
		}
	}
}

func TestMakePlan(t *testing.T) {
	tests := []struct {
		name     string
		now      string
		names    []string
		policies []LabeledPolicy
		pinned   map[string]string
		want     decisions
	}{
		{
			name:     "empty policy prunes nothing",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T11:00:00Z"), snap("2025-01-01T00:00:00Z"), "manual"},
			policies: policies(""),
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"no policy"},
				snap("2025-01-01T00:00:00Z"): {"no policy"},
				"manual":                     {"not IAB's"},
			},
		},
		{
			name:  "no policies given prunes nothing",
			now:   "2026-11-28T12:00:00Z",
			names: []string{snap("2026-11-28T11:00:00Z"), snap("2025-01-01T00:00:00Z")},
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"no policy"},
				snap("2025-01-01T00:00:00Z"): {"no policy"},
			},
		},
		{
			name:     "no names",
			now:      "2026-11-28T12:00:00Z",
			policies: policies("6,1h2d"),
			want:     decisions{},
		},
		{
			// 10:00:00 opens bucket 10; were buckets (09:00, 10:00] instead,
			// it would be bucket 9's newest and 09:59:59 would go.
			name:     "a snapshot on a boundary belongs to the bucket starting there",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T10:00:00Z"), snap("2026-11-28T09:59:59Z"), snap("2026-11-28T09:00:00Z")},
			policies: policies("1h1d"),
			want: decisions{
				snap("2026-11-28T10:00:00Z"): {"1h bucket 2026-11-28T10:00Z within 1d"},
				snap("2026-11-28T09:59:59Z"): {"1h bucket 2026-11-28T09:00Z within 1d"},
				snap("2026-11-28T09:00:00Z"): nil,
			},
		},
		{
			name:     "newest in its bucket wins, older ones in it go",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T10:00:00Z"), snap("2026-11-28T10:30:00Z"), snap("2026-11-28T10:59:59Z"), snap("2026-11-28T11:00:00Z")},
			policies: policies("1h1d"),
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"1h bucket 2026-11-28T11:00Z within 1d"},
				snap("2026-11-28T10:59:59Z"): {"1h bucket 2026-11-28T10:00Z within 1d"},
				snap("2026-11-28T10:30:00Z"): nil,
				snap("2026-11-28T10:00:00Z"): nil,
			},
		},
		{
			name:     "age exactly ttl is no longer kept",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T11:00:00Z"), snap("2026-11-27T12:00:00Z"), snap("2026-11-27T11:59:59Z")},
			policies: policies("1h1d"),
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"1h bucket 2026-11-28T11:00Z within 1d"},
				snap("2026-11-27T12:00:00Z"): nil,
				snap("2026-11-27T11:59:59Z"): nil,
			},
		},
		{
			name:     "one second younger than ttl is kept",
			now:      "2026-11-28T11:59:59Z",
			names:    []string{snap("2026-11-28T11:00:00Z"), snap("2026-11-27T12:00:00Z"), snap("2026-11-27T11:59:59Z")},
			policies: policies("1h1d"),
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"1h bucket 2026-11-28T11:00Z within 1d"},
				snap("2026-11-27T12:00:00Z"): {"1h bucket 2026-11-27T12:00Z within 1d"},
				snap("2026-11-27T11:59:59Z"): nil,
			},
		},
		{
			name:     "fractional now: age 1d plus half a second is past ttl",
			now:      "2026-11-28T12:00:00.5Z",
			names:    []string{snap("2026-11-28T11:00:00Z"), snap("2026-11-27T12:00:00Z")},
			policies: policies("1h1d"),
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"1h bucket 2026-11-28T11:00Z within 1d"},
				snap("2026-11-27T12:00:00Z"): nil,
			},
		},
		{
			name:     "fractional now: age 1d minus half a second is within ttl",
			now:      "2026-11-28T11:59:59.5Z",
			names:    []string{snap("2026-11-28T11:00:00Z"), snap("2026-11-27T12:00:00Z")},
			policies: policies("1h1d"),
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"1h bucket 2026-11-28T11:00Z within 1d"},
				snap("2026-11-27T12:00:00Z"): {"1h bucket 2026-11-27T12:00Z within 1d"},
			},
		},
		{
			name:     "a snapshot taken at now is not future",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T12:00:00Z")},
			policies: policies("1h1d"),
			want:     decisions{snap("2026-11-28T12:00:00Z"): {"1h bucket 2026-11-28T12:00Z within 1d"}},
		},
		{
			name:     "period equal to ttl",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T11:00:00Z"), snap("2026-11-27T23:00:00Z"), snap("2026-11-27T13:00:00Z"), snap("2026-11-27T11:00:00Z")},
			policies: policies("1d1d"),
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"1d bucket 2026-11-28T00:00Z within 1d"},
				snap("2026-11-27T23:00:00Z"): {"1d bucket 2026-11-27T00:00Z within 1d"},
				snap("2026-11-27T13:00:00Z"): nil,
				snap("2026-11-27T11:00:00Z"): nil,
			},
		},
		{
			name:     "everything older than every ttl keeps the newest",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-25T10:00:00Z"), snap("2026-11-25T11:00:00Z"), snap("2026-11-24T11:00:00Z")},
			policies: policies("1h1d,1d2d"),
			want: decisions{
				snap("2026-11-25T11:00:00Z"): {"newest IAB snapshot"},
				snap("2026-11-25T10:00:00Z"): nil,
				snap("2026-11-24T11:00:00Z"): nil,
			},
		},
		{
			name:     "keep newest N whatever their age",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2025-01-03T00:00:00Z"), snap("2025-01-02T00:00:00Z"), snap("2025-01-01T00:00:00Z")},
			policies: policies("2,1h1d"),
			want: decisions{
				snap("2025-01-03T00:00:00Z"): {"newest 2"},
				snap("2025-01-02T00:00:00Z"): {"newest 2"},
				snap("2025-01-01T00:00:00Z"): nil,
			},
		},
		{
			name:     "keep newest N larger than the list",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2025-01-02T00:00:00Z"), snap("2025-01-01T00:00:00Z")},
			policies: policies("36"),
			want: decisions{
				snap("2025-01-02T00:00:00Z"): {"newest 36"},
				snap("2025-01-01T00:00:00Z"): {"newest 36"},
			},
		},
		{
			// 11:30 is both among the newest 1 and its bucket's newest; the
			// rule does not look for a second snapshot in bucket 11.
			name:     "newest N still counts as its bucket's newest",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T11:30:00Z"), snap("2026-11-28T11:10:00Z"), snap("2026-11-28T10:10:00Z")},
			policies: policies("1,1h1d"),
			want: decisions{
				snap("2026-11-28T11:30:00Z"): {"newest 1", "1h bucket 2026-11-28T11:00Z within 1d"},
				snap("2026-11-28T11:10:00Z"): nil,
				snap("2026-11-28T10:10:00Z"): {"1h bucket 2026-11-28T10:00Z within 1d"},
			},
		},
		{
			name:     "newest N and rules are a union",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T11:50:00Z"), snap("2026-11-28T11:40:00Z"), snap("2026-11-28T11:30:00Z"), snap("2026-11-28T11:20:00Z"), snap("2026-11-28T10:50:00Z")},
			policies: policies("3,1h1d"),
			want: decisions{
				snap("2026-11-28T11:50:00Z"): {"newest 3", "1h bucket 2026-11-28T11:00Z within 1d"},
				snap("2026-11-28T11:40:00Z"): {"newest 3"},
				snap("2026-11-28T11:30:00Z"): {"newest 3"},
				snap("2026-11-28T11:20:00Z"): nil,
				snap("2026-11-28T10:50:00Z"): {"1h bucket 2026-11-28T10:00Z within 1d"},
			},
		},
		{
			// 12:40 is after now: kept, and kept out of the selection, so
			// 12:05 stays bucket 12's newest and the "newest 1".
			name:     "future snapshots are kept and do not displace real ones",
			now:      "2026-11-28T12:10:00Z",
			names:    []string{snap("2026-11-28T12:40:00Z"), snap("2026-11-28T12:05:00Z"), snap("2026-11-28T12:00:00Z"), snap("2027-01-01T00:00:00Z")},
			policies: policies("1,1h1d"),
			want: decisions{
				snap("2027-01-01T00:00:00Z"): {"future"},
				snap("2026-11-28T12:40:00Z"): {"future"},
				snap("2026-11-28T12:05:00Z"): {"newest 1", "1h bucket 2026-11-28T12:00Z within 1d"},
				snap("2026-11-28T12:00:00Z"): nil,
			},
		},
		{
			name:     "future snapshots do not stand in for the newest real one",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T12:00:01Z"), snap("2026-11-20T00:00:00Z"), snap("2026-11-19T00:00:00Z")},
			policies: policies("1h1d"),
			want: decisions{
				snap("2026-11-28T12:00:01Z"): {"future"},
				snap("2026-11-20T00:00:00Z"): {"newest IAB snapshot"},
				snap("2026-11-19T00:00:00Z"): nil,
			},
		},
		{
			name: "names IAB does not own are kept",
			now:  "2026-11-28T12:00:00Z",
			names: []string{
				snap("2026-11-28T11:00:00Z"), snap("2026-11-20T00:00:00Z"),
				"manual", "iab_20261120-000000", "IAB_20261120-0000", "IAB_20261301-000000", "IAB_20261120-000000 ", "",
			},
			policies: policies("1h1d"),
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"1h bucket 2026-11-28T11:00Z within 1d"},
				snap("2026-11-20T00:00:00Z"): nil,
				"manual":                     {"not IAB's"},
				"iab_20261120-000000":        {"not IAB's"},
				"IAB_20261120-0000":          {"not IAB's"},
				"IAB_20261301-000000":        {"not IAB's"},
				"IAB_20261120-000000 ":       {"not IAB's"},
				"":                           {"not IAB's"},
			},
		},
		{
			name:     "pins are kept; pins for absent names are ignored",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T11:00:00Z"), snap("2026-11-20T00:00:00Z"), snap("2026-11-19T00:00:00Z"), snap("2026-11-18T00:00:00Z"), "manual"},
			policies: policies("1h1d"),
			pinned: map[string]string{
				snap("2026-11-20T00:00:00Z"): "newest common to both servers",
				snap("2026-11-19T00:00:00Z"): "",
				snap("2026-11-28T11:00:00Z"): "being copied",
				"manual":                     "operator",
				snap("2020-01-01T00:00:00Z"): "not on this server",
			},
			want: decisions{
				snap("2026-11-28T11:00:00Z"): {"1h bucket 2026-11-28T11:00Z within 1d", "pinned: being copied"},
				snap("2026-11-20T00:00:00Z"): {"pinned: newest common to both servers"},
				snap("2026-11-19T00:00:00Z"): {"pinned"},
				snap("2026-11-18T00:00:00Z"): nil,
				"manual":                     {"not IAB's", "pinned: operator"},
			},
		},
		{
			name:  "two labeled policies: union, reasons prefixed",
			now:   "2026-11-28T12:00:00Z",
			names: []string{snap("2026-11-28T11:30:00Z"), snap("2026-11-28T10:30:00Z"), snap("2026-11-27T23:00:00Z"), snap("2026-11-27T22:00:00Z"), snap("2026-11-26T23:00:00Z"), snap("2026-11-20T00:00:00Z")},
			policies: []LabeledPolicy{
				{Label: "source", Policy: mustPolicy("1h1d")},
				{Label: "target", Policy: mustPolicy("1d1w")},
			},
			want: decisions{
				snap("2026-11-28T11:30:00Z"): {"source: 1h bucket 2026-11-28T11:00Z within 1d", "target: 1d bucket 2026-11-28T00:00Z within 1w"},
				snap("2026-11-28T10:30:00Z"): {"source: 1h bucket 2026-11-28T10:00Z within 1d"},
				snap("2026-11-27T23:00:00Z"): {"source: 1h bucket 2026-11-27T23:00Z within 1d", "target: 1d bucket 2026-11-27T00:00Z within 1w"},
				snap("2026-11-27T22:00:00Z"): {"source: 1h bucket 2026-11-27T22:00Z within 1d"},
				snap("2026-11-26T23:00:00Z"): {"target: 1d bucket 2026-11-26T00:00Z within 1w"},
				snap("2026-11-20T00:00:00Z"): nil,
			},
		},
		{
			name:  "two policies, one empty: nothing removed",
			now:   "2026-11-28T12:00:00Z",
			names: []string{snap("2026-11-28T11:30:00Z"), snap("2026-11-20T00:00:00Z")},
			policies: []LabeledPolicy{
				{Label: "source", Policy: mustPolicy("1h1d")},
				{Label: "target", Policy: mustPolicy("")},
			},
			want: decisions{
				snap("2026-11-28T11:30:00Z"): {"source: 1h bucket 2026-11-28T11:00Z within 1d", "target: no policy"},
				snap("2026-11-20T00:00:00Z"): {"target: no policy"},
			},
		},
		{
			name:  "unlabeled policies are numbered",
			now:   "2026-11-28T12:00:00Z",
			names: []string{snap("2026-11-28T11:30:00Z")},
			policies: []LabeledPolicy{
				{Policy: mustPolicy("1")},
				{Policy: mustPolicy("1h1d")},
			},
			want: decisions{
				snap("2026-11-28T11:30:00Z"): {"policy 1: newest 1", "policy 2: 1h bucket 2026-11-28T11:00Z within 1d"},
			},
		},
		{
			name:     "a hand-built invalid policy prunes nothing",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T11:30:00Z"), snap("2026-11-20T00:00:00Z")},
			policies: []LabeledPolicy{{Policy: Policy{Rules: []Rule{{Period: 0, TTL: time.Hour}}}}},
			want: decisions{
				snap("2026-11-28T11:30:00Z"): {"invalid policy: rule 0s1h: period and ttl must be positive"},
				snap("2026-11-20T00:00:00Z"): {"invalid policy: rule 0s1h: period and ttl must be positive"},
			},
		},
		{
			name:     "duplicate names collapse into one entry",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T11:30:00Z"), "manual", snap("2026-11-28T11:10:00Z"), snap("2026-11-28T11:30:00Z"), "manual", snap("2026-11-28T11:10:00Z")},
			policies: policies("1h1d"),
			want: decisions{
				snap("2026-11-28T11:30:00Z"): {"1h bucket 2026-11-28T11:00Z within 1d"},
				snap("2026-11-28T11:10:00Z"): nil,
				"manual":                     {"not IAB's"},
			},
		},
		{
			name:     "buckets before 1970 stay aligned",
			now:      "1970-01-01T00:30:00Z",
			names:    []string{snap("1970-01-01T00:10:00Z"), snap("1969-12-31T23:59:59Z"), snap("1969-12-31T23:00:00Z"), snap("1969-12-31T22:59:59Z")},
			policies: policies("1h1d"),
			want: decisions{
				snap("1970-01-01T00:10:00Z"): {"1h bucket 1970-01-01T00:00Z within 1d"},
				snap("1969-12-31T23:59:59Z"): {"1h bucket 1969-12-31T23:00Z within 1d"},
				snap("1969-12-31T23:00:00Z"): nil,
				snap("1969-12-31T22:59:59Z"): {"1h bucket 1969-12-31T22:00Z within 1d"},
			},
		},
		{
			name:     "sub-minute periods show seconds",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-28T11:59:50Z"), snap("2026-11-28T11:59:40Z"), snap("2026-11-28T11:59:35Z")},
			policies: policies("15s1min"),
			want: decisions{
				snap("2026-11-28T11:59:50Z"): {"15s bucket 2026-11-28T11:59:45Z within 1min"},
				snap("2026-11-28T11:59:40Z"): {"15s bucket 2026-11-28T11:59:30Z within 1min"},
				snap("2026-11-28T11:59:35Z"): nil,
			},
		},
		{
			// 2026-11-26 is a Thursday: weekly buckets start on Thursdays
			// (1970-01-01 was one), not on calendar weeks.
			name:     "weeks are epoch-aligned, starting Thursday 00:00 UTC",
			now:      "2026-11-28T12:00:00Z",
			names:    []string{snap("2026-11-26T00:00:00Z"), snap("2026-11-25T23:59:59Z"), snap("2026-11-23T00:00:00Z")},
			policies: policies("1w1m"),
			want: decisions{
				snap("2026-11-26T00:00:00Z"): {"1w bucket 2026-11-26T00:00Z within 1m"},
				snap("2026-11-25T23:59:59Z"): {"1w bucket 2026-11-19T00:00Z within 1m"},
				snap("2026-11-23T00:00:00Z"): nil,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Now: at(tt.now), Names: tt.names, Policies: tt.policies, Pinned: tt.pinned}
			p := MakePlan(in)
			checkPlan(t, p, tt.want)
			checkInvariants(t, in, p)
		})
	}
}

// A run reads "now" in whatever zone the host has; bucket boundaries and
// ages must not move with it, not even across a DST change.
func TestMakePlanIgnoresZonesAndDST(t *testing.T) {
	var names []string
	// US DST ends on 2026-11-01 at 06:00 UTC; EU DST ended on 2026-10-25.
	for ts := at("2026-10-31T12:00:00Z"); ts.Before(at("2026-11-01T12:00:00Z")); ts = ts.Add(15 * time.Minute) {
		names = append(names, SnapshotName(ts))
	}
	now := at("2026-11-01T12:00:00Z")
	in := Input{Now: now, Names: names, Policies: policies("1h1d")}
	utc := MakePlan(in)
	for _, zone := range []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		in.Now = now.In(loc)
		if got := MakePlan(in); !reflect.DeepEqual(got.Entries, utc.Entries) {
			t.Errorf("now in %s: plan differs from the plan with now in UTC", zone)
		}
	}
	// 24 hourly buckets, each kept by its :45 snapshot, each named in UTC.
	keep := utc.Keep()
	if len(keep) != 24 {
		t.Fatalf("kept %d, want 24 (one per UTC hour): %v", len(keep), keep)
	}
	for _, e := range utc.Entries {
		if e.Keep != (e.Time.Minute() == 45) {
			t.Errorf("%s: keep=%v", e.Name, e.Keep)
		}
		if e.Keep && !strings.Contains(e.Reasons[0], e.Time.Format("2006-01-02T15")+":00Z") {
			t.Errorf("%s: reason %q does not name its UTC hour", e.Name, e.Reasons[0])
		}
	}
}

func TestPlanOrderAndAccessors(t *testing.T) {
	in := Input{
		Now: at("2026-11-28T12:00:00Z"),
		Names: []string{
			"zeta", snap("2026-11-28T10:30:00Z"), snap("2026-11-28T13:00:00Z"), "alpha",
			snap("2026-11-28T11:30:00Z"), snap("2026-11-28T11:10:00Z"),
		},
		Policies: policies("1h1d"),
	}
	p := MakePlan(in)
	var order []string
	for _, e := range p.Entries {
		order = append(order, e.Name)
	}
	wantOrder := []string{
		snap("2026-11-28T13:00:00Z"), snap("2026-11-28T11:30:00Z"), snap("2026-11-28T11:10:00Z"),
		snap("2026-11-28T10:30:00Z"), "alpha", "zeta",
	}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("entries %q, want %q", order, wantOrder)
	}
	if got, want := p.Keep(), []string{snap("2026-11-28T13:00:00Z"), snap("2026-11-28T11:30:00Z"), snap("2026-11-28T10:30:00Z"), "alpha", "zeta"}; !slices.Equal(got, want) {
		t.Errorf("Keep() = %q, want %q", got, want)
	}
	if got, want := p.Remove(), []string{snap("2026-11-28T11:10:00Z")}; !slices.Equal(got, want) {
		t.Errorf("Remove() = %q, want %q", got, want)
	}
	if got, want := p.Future(), []string{snap("2026-11-28T13:00:00Z")}; !slices.Equal(got, want) {
		t.Errorf("Future() = %q, want %q", got, want)
	}
	// The order of the input does not matter.
	slices.Reverse(in.Names)
	if again := MakePlan(in); !reflect.DeepEqual(again, p) {
		t.Errorf("reversed input gives a different plan")
	}
}

func TestWriteTable(t *testing.T) {
	p := MakePlan(Input{
		Now:      at("2026-11-28T12:00:00Z"),
		Names:    []string{snap("2026-11-28T12:02:00Z"), snap("2026-11-28T11:30:00Z"), snap("2026-11-28T11:10:00Z"), snap("2026-11-25T09:15:30Z"), "manual"},
		Policies: policies("1,1h1d"),
		Pinned:   map[string]string{snap("2026-11-25T09:15:30Z"): "newest common to both servers"},
	})
	var b strings.Builder
	if err := p.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	want := `NAME                 AGE      ACTION  REASONS
IAB_20261128-120200  in 2min  keep    future
IAB_20261128-113000  30min    keep    newest 1; 1h bucket 2026-11-28T11:00Z within 1d
IAB_20261128-111000  50min    remove  -
IAB_20261125-091530  3d2h     keep    pinned: newest common to both servers
manual               -        keep    not IAB's
`
	if b.String() != want {
		t.Errorf("WriteTable:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestFormatAge(t *testing.T) {
	tests := map[time.Duration]string{
		0:                             "0s",
		500 * time.Millisecond:        "0s",
		42 * time.Second:              "42s",
		3*time.Minute + 5*time.Second: "3min5s",
		time.Hour:                     "1h",
		26*time.Hour + 59*time.Minute: "1d2h",
		3*day + 10*time.Second:        "3d",
		400 * day:                     "400d",
		-2 * time.Minute:              "in 2min",
		time.Duration(-1 << 63):       "in 106751d23h",
		time.Duration(1<<63 - 1):      "106751d23h",
	}
	for d, want := range tests {
		if got := formatAge(d); got != want {
			t.Errorf("formatAge(%v) = %q, want %q", d, got, want)
		}
	}
}
