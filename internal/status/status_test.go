package status

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/retention"
)

var now = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)

func ago(d time.Duration) string { return retention.SnapshotName(now.Add(-d)) }

var (
	c1   = Resource{Project: "default", Kind: KindInstance, Name: "c1"}
	c2   = Resource{Project: "default", Kind: KindInstance, Name: "c2"}
	data = Resource{Project: "web", Kind: KindVolume, Name: "data", Pool: "fast", TargetPool: "slow"}
	gone = Resource{Project: "default", Kind: KindInstance, Name: "new"}
	down = Resource{Project: "default", Kind: KindInstance, Name: "down"}
)

func inputs() []Input {
	return []Input{
		// Current: the target holds the source's newest.
		{Resource: c1,
			Source: Listing{Names: []string{ago(time.Hour), ago(25 * time.Hour), "manual", ago(49 * time.Hour)}},
			Target: Listing{Names: []string{ago(25 * time.Hour), ago(time.Hour), "manual"}}},
		// Behind: the last copy failed; the target's newest is 30h old.
		{Resource: c2,
			Source: Listing{Names: []string{ago(time.Hour), ago(30 * time.Hour)}},
			Target: Listing{Names: []string{ago(30 * time.Hour)}}},
		// Current volume.
		{Resource: data,
			Source: Listing{Names: []string{ago(2 * time.Hour)}},
			Target: Listing{Names: []string{ago(2 * time.Hour)}}},
		// Never replicated.
		{Resource: gone,
			Source: Listing{Names: []string{ago(time.Minute)}},
			Target: Listing{Missing: true}},
		// Target could not be asked.
		{Resource: down,
			Source: Listing{Names: []string{ago(time.Minute)}},
			Target: Listing{Err: errors.New("connection\nrefused")}},
	}
}

func TestBuild(t *testing.T) {
	rep := Build(now, 26*time.Hour, inputs())
	if rep.OK {
		t.Errorf("OK with stale resources")
	}
	byName := map[string]ResourceStatus{}
	for _, rs := range rep.Resources {
		byName[rs.Name] = rs
	}
	for _, tc := range []struct {
		name        string
		current     bool
		stale       bool
		reason      string
		srcNewest   string
		srcCount    int
		tgtNewest   string
		tgtCount    int
		tgtAgeHours int64
	}{
		{name: "c1", current: true, srcNewest: ago(time.Hour), srcCount: 3, tgtNewest: ago(time.Hour), tgtCount: 2, tgtAgeHours: 1},
		{name: "c2", stale: true, reason: "newest on the target is 1d6h old (max 1d2h)", srcNewest: ago(time.Hour), srcCount: 2, tgtNewest: ago(30 * time.Hour), tgtCount: 1, tgtAgeHours: 30},
		{name: "data", current: true, srcNewest: ago(2 * time.Hour), srcCount: 1, tgtNewest: ago(2 * time.Hour), tgtCount: 1, tgtAgeHours: 2},
		{name: "new", stale: true, reason: "not on the target", srcNewest: ago(time.Minute), srcCount: 1},
		{name: "down", stale: true, reason: "target unknown: connection refused", srcNewest: ago(time.Minute), srcCount: 1},
	} {
		rs, ok := byName[tc.name]
		if !ok {
			t.Errorf("%s not in the report", tc.name)
			continue
		}
		if rs.Current != tc.current || rs.Stale != tc.stale || rs.StaleReason != tc.reason {
			t.Errorf("%s: current %v stale %v (%q), want %v %v (%q)", tc.name, rs.Current, rs.Stale, rs.StaleReason, tc.current, tc.stale, tc.reason)
		}
		if rs.Source.Newest != tc.srcNewest || rs.Source.Count != tc.srcCount {
			t.Errorf("%s: source %s x%d, want %s x%d", tc.name, rs.Source.Newest, rs.Source.Count, tc.srcNewest, tc.srcCount)
		}
		if rs.Target.Newest != tc.tgtNewest || rs.Target.Count != tc.tgtCount {
			t.Errorf("%s: target %s x%d, want %s x%d", tc.name, rs.Target.Newest, rs.Target.Count, tc.tgtNewest, tc.tgtCount)
		}
		if tc.tgtNewest != "" && (rs.Target.AgeSeconds == nil || *rs.Target.AgeSeconds != tc.tgtAgeHours*3600) {
			t.Errorf("%s: target age %v, want %dh", tc.name, rs.Target.AgeSeconds, tc.tgtAgeHours)
		}
	}
	var stale []string
	for _, rs := range rep.Stale() {
		stale = append(stale, rs.Name)
	}
	if got := strings.Join(stale, ","); got != "c2,new,down" {
		t.Errorf("Stale() = %s, want c2,new,down", got)
	}
}

func TestBuildWithoutMaxAge(t *testing.T) {
	// Without a maximum age nothing is stale; only a listing error is not OK.
	in := inputs()
	rep := Build(now, 0, in[:4])
	if !rep.OK || len(rep.Stale()) != 0 {
		t.Errorf("OK %v, stale %d: want OK and nothing stale without --max-age", rep.OK, len(rep.Stale()))
	}
	if rep := Build(now, 0, in); rep.OK {
		t.Errorf("OK despite a listing error")
	}
}

func TestBuildEdges(t *testing.T) {
	exactly := Build(now, 2*time.Hour, []Input{{Resource: c1,
		Source: Listing{Names: []string{ago(2 * time.Hour)}},
		Target: Listing{Names: []string{ago(2 * time.Hour)}}}})
	if !exactly.OK {
		t.Errorf("a snapshot exactly max-age old is stale: %+v", exactly.Resources[0])
	}
	none := Build(now, time.Hour, []Input{{Resource: c1,
		Source: Listing{Names: []string{"manual"}},
		Target: Listing{Names: []string{"manual"}}}})
	if rs := none.Resources[0]; rs.Current || !rs.Stale || rs.StaleReason != "no IAB snapshot on the target" {
		t.Errorf("no IAB snapshots: %+v", rs)
	}
	future := Build(now, time.Hour, []Input{{Resource: c1,
		Source: Listing{Names: []string{ago(-5 * time.Minute)}},
		Target: Listing{Names: []string{ago(-5 * time.Minute), ago(-5 * time.Minute)}}}})
	if rs := future.Resources[0]; !rs.Current || rs.Stale || *rs.Target.AgeSeconds != -300 || rs.Target.Count != 1 {
		t.Errorf("future snapshot: %+v", rs)
	}
	if empty := Build(now, time.Hour, nil); !empty.OK || empty.Resources == nil {
		t.Errorf("no resources: %+v", empty)
	}
}

func TestWriteText(t *testing.T) {
	rep := Build(now, 26*time.Hour, inputs())
	rep.Source, rep.Target = "source src (https://127.0.0.1:8443)", "target dst (https://127.0.0.1:8444)"
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Source: source src (https://127.0.0.1:8443)",
		"RESOURCE", "CURRENT",
		"instance default/c1", "volume web/fast/data",
		ago(time.Hour) + "  1h ",
		"(missing)", "(error)",
		"Could not list:\n  instance default/down: target: connection refused",
		"Not backed up within 1d2h (3 of 5):",
		"  instance default/c2: newest on the target is 1d6h old (max 1d2h)",
		"  instance default/new: not on the target",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	lines := strings.Split(out, "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "instance default/c1 ") && !strings.HasSuffix(strings.TrimSpace(l), "yes") {
			t.Errorf("c1 is not shown current: %q", l)
		}
		if strings.HasPrefix(l, "instance default/c2 ") && !strings.HasSuffix(strings.TrimSpace(l), "no") {
			t.Errorf("c2 is not shown behind: %q", l)
		}
	}

	ok := Build(now, 26*time.Hour, inputs()[:1])
	b.Reset()
	if err := ok.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "All 1 resources have a target snapshot younger than 1d2h.") {
		t.Errorf("all-good text:\n%s", b.String())
	}
}

func TestWriteJSON(t *testing.T) {
	rep := Build(now, 26*time.Hour, inputs())
	var b bytes.Buffer
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Now           time.Time
		MaxAgeSeconds int64
		OK            bool
		Resources     []struct {
			Project, Kind, Name, Pool, TargetPool string
			Current, Stale                        bool
			StaleReason                           string
			Source, Target                        struct {
				Newest     string
				NewestTime *time.Time
				AgeSeconds *int64
				Count      int
				Missing    bool
				Error      string
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, b.String())
	}
	if !back.Now.Equal(now) || back.MaxAgeSeconds != 26*3600 || back.OK || len(back.Resources) != 5 {
		t.Errorf("top level: %+v", back)
	}
	r0 := back.Resources[0]
	if r0.Name != "c1" || !r0.Current || r0.Target.Newest != ago(time.Hour) || *r0.Target.AgeSeconds != 3600 || !r0.Target.NewestTime.Equal(now.Add(-time.Hour)) {
		t.Errorf("c1: %+v", r0)
	}
	if r2 := back.Resources[2]; r2.Pool != "fast" || r2.TargetPool != "slow" || r2.Kind != "volume" {
		t.Errorf("data: %+v", r2)
	}
	if r3 := back.Resources[3]; !r3.Target.Missing || r3.Target.NewestTime != nil || !r3.Stale {
		t.Errorf("new: %+v", r3)
	}
	if r4 := back.Resources[4]; r4.Target.Error != "connection refused" {
		t.Errorf("down: %+v", r4)
	}
}

func TestParseMaxAge(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"26h", 26 * time.Hour},
		{"90m", 90 * time.Minute},
		{"1h30m", 90 * time.Minute},
		{"1.5h", 90 * time.Minute},
		{"2d", 48 * time.Hour},
		{"1d12h", 36 * time.Hour},
		{"1w", 7 * 24 * time.Hour},
		{"1w1d", 8 * 24 * time.Hour},
		{"45s", 45 * time.Second},
	} {
		got, err := ParseMaxAge(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseMaxAge(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "0", "0h", "-1h", "5", "5x", "1.5d", "d", "1d 2h", "h1", "999999999999d", "1e3h"} {
		if got, err := ParseMaxAge(in); err == nil {
			t.Errorf("ParseMaxAge(%q) = %v, want an error", in, got)
		} else if !strings.Contains(err.Error(), "want e.g.") {
			t.Errorf("ParseMaxAge(%q) error %q gives no example", in, err)
		}
	}
}

func TestFormatAge(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{500 * time.Millisecond, "0s"},
		{12 * time.Second, "12s"},
		{45 * time.Minute, "45min"},
		{26 * time.Hour, "1d2h"},
		{3*24*time.Hour + 10*time.Second, "3d"},
		{-2 * time.Minute, "in 2min"},
		{time.Duration(-1 << 63), "in 106751d23h"},
	} {
		if got := FormatAge(tc.d); got != tc.want {
			t.Errorf("FormatAge(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// fakeLister answers like an Incus project client.
type fakeLister struct {
	names   []string
	err     error
	missing bool // the instance does not exist (its snapshot list is empty)
	calls   []string
}

func (f *fakeLister) GetInstanceSnapshotNames(name string) ([]string, error) {
	f.calls = append(f.calls, "instance "+name)
	return f.names, f.err
}

func (f *fakeLister) GetInstance(name string) (*api.Instance, string, error) {
	f.calls = append(f.calls, "get instance "+name)
	if f.missing {
		return nil, "", api.StatusErrorf(http.StatusNotFound, "Instance not found")
	}
	return &api.Instance{Name: name}, "", nil
}

func (f *fakeLister) GetStoragePoolVolumeSnapshotNames(pool, volType, name string) ([]string, error) {
	f.calls = append(f.calls, "volume "+pool+"/"+volType+"/"+name)
	return f.names, f.err
}

func TestList(t *testing.T) {
	f := &fakeLister{names: []string{"c1/" + ago(time.Hour), ago(2 * time.Hour)}}
	l := List(f, c1, "")
	if l.Err != nil || l.Missing || len(l.Names) != 2 || l.Names[0] != ago(time.Hour) {
		t.Errorf("instance listing %+v", l)
	}
	if len(f.calls) != 1 {
		t.Errorf("listing with snapshots made calls %v, want one", f.calls)
	}
	f.calls = nil
	List(f, data, "slow")
	if len(f.calls) != 1 || f.calls[0] != "volume slow/custom/data" {
		t.Errorf("volume listing made calls %v, want one on slow/custom/data", f.calls)
	}

	f = &fakeLister{err: api.StatusErrorf(http.StatusNotFound, "Storage pool volume not found")}
	if l := List(f, data, "slow"); !l.Missing || l.Err != nil {
		t.Errorf("404 gave %+v, want Missing", l)
	}
	// Incus lists no snapshots for an instance that does not exist.
	f = &fakeLister{missing: true}
	if l := List(f, c1, ""); !l.Missing || l.Err != nil {
		t.Errorf("missing instance gave %+v, want Missing", l)
	}
	f = &fakeLister{}
	if l := List(f, c1, ""); l.Missing || l.Err != nil || len(l.Names) != 0 {
		t.Errorf("instance without snapshots gave %+v, want an empty listing", l)
	}
	if len(f.calls) != 2 {
		t.Errorf("instance without snapshots made calls %v, want the list and a lookup", f.calls)
	}
	f = &fakeLister{err: errors.New("connection reset")}
	if l := List(f, c1, ""); l.Missing || l.Err == nil {
		t.Errorf("error gave %+v, want Err", l)
	}
}
