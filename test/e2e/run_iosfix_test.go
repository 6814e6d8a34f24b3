package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/iab-project/iab/internal/config"
)

// iosFixSeed is a set of IAB snapshot names at chosen past times, placed
// relative to UTC midnight so that which daily bucket each falls in, and
// whether it is younger than a week, never depends on the time of day.
type iosFixSeed struct {
	old    string // 10 days ago, 12:00: older than a week
	d6, d3 string // 6 and 3 days ago, 12:00: alone in their day
	y1, y2 string // yesterday 02:00 and 20:00: y2 is that day's newest
}

func (s iosFixSeed) all() []string { return []string{s.old, s.d6, s.d3, s.y1, s.y2} }

func newIOSFixSeed(now time.Time) iosFixSeed {
	d0 := now.UTC().Truncate(24 * time.Hour) // today 00:00 UTC
	at := func(days, hours int) string {
		return iabName(d0.Add(-time.Duration(days)*24*time.Hour + time.Duration(hours)*time.Hour))
	}
	return iosFixSeed{old: at(10, 12), d6: at(6, 12), d3: at(3, 12), y1: at(1, 2), y2: at(1, 20)}
}

// avoidMidnight waits if UTC midnight is less than 3 minutes away: the
// expectations below assume that every run of a test falls in one day.
func avoidMidnight(t *testing.T) {
	t.Helper()
	now := time.Now().UTC()
	if left := now.Truncate(24 * time.Hour).Add(24 * time.Hour).Sub(now); left < 3*time.Minute {
		t.Logf("waiting %s for UTC midnight to pass", left+5*time.Second)
		time.Sleep(left + 5*time.Second)
	}
}

// iosFixPolicies: the source keeps only its newest 2, the target wants one
// a day for a week.
func iosFixPolicies(c *config.Config) {
	c.Retention.Hosts = map[string]config.RoleRetention{
		config.RoleSource: {Default: "2"},
		config.RoleTarget: {Default: "1d1w"},
	}
}

// TestRunIOSFixFalse: with --iOSfix=false (and its kebab-case spelling
// --ios-fix=false) a source policy shorter than the target's keeps on the
// source what either policy keeps, and the target holds exactly what the
// source holds. With the default (iOSfix true) the same seeding keeps only
// what the source policy keeps, on both servers. The dry-run plans show
// which policy keeps what.
func TestRunIOSFixFalse(t *testing.T) {
	avoidMidnight(t)
	e := newRunEnv(t)
	src, dst, p := e.lab.Source, e.lab.Target, e.project
	seed := newIOSFixSeed(time.Now())

	// Resources for iOSfix=false (c1, v1) and for the default (c2, v2),
	// all seeded alike.
	for _, n := range []string{"c1", "c2"} {
		src.CreateContainer(t, p, n, false)
		seedSnapshots(t, src, p, KindInstance, n, append(seed.all(), "manual")...)
	}
	for _, n := range []string{"v1", "v2"} {
		src.CreateVolume(t, p, PoolFast, n)
		seedSnapshots(t, src, p, KindVolume, PoolFast+"/"+n, append(seed.all(), "manual")...)
	}
	configure := func(inst, vol string) {
		e.configure(t, config.ModePush, []config.Instance{{Name: inst, Storage: PoolDefault}},
			[]config.Volume{{Name: vol, Storage: PoolFast}}, iosFixPolicies)
	}
	type res struct{ kind, name string }
	resources := func(inst, vol string) []res {
		return []res{{KindInstance, inst}, {KindVolume, PoolFast + "/" + vol}}
	}
	// check asserts the exact snapshot set of a resource on both servers.
	check := func(when string, r res, want []string) {
		t.Helper()
		assertSnapshots(t, "source "+r.name+" "+when, src.SnapshotNames(t, p, r.kind, r.name), want)
		assertSnapshots(t, "target "+r.name+" "+when, dst.SnapshotNames(t, p, r.kind, r.name), want)
	}
	// runSnapshot is the IAB snapshot a run made: the newest on the source.
	runSnapshot := func(r res, prev string) string {
		t.Helper()
		s := newest(iabSnapshots(src.SnapshotNames(t, p, r.kind, r.name)))
		if s == "" || s == prev || s <= seed.y2 {
			t.Fatalf("%s: the run made no snapshot (newest %q)", r.name, s)
		}
		return s
	}

	// --- iOSfix=false on c1 and v1.
	configure("c1", "v1")

	// Dry run before any copy: the plan includes the snapshot the run
	// would create, so "newest 2" is that one and y2, as in the real run;
	// the target's one-a-day keeps y2, d3 and d6. y1 and old go.
	r := e.mustRun(t, 0, "run", "--dryRun", "--iOSfix=false")
	mustContain(t, "dry run", r.Stdout, "the snapshot this run would create")
	plans := parsePlans(t, r.Stdout)
	for _, rs := range []string{"instance " + p + "/c1", "volume " + p + "/" + PoolFast + "/v1"} {
		sp := plans.get(t, rs, "source")
		sp.want(t, seed.y2, "keep", "source policy: newest 2", "target policy: 1d bucket ", " within 1w")
		sp.want(t, seed.y1, "remove")
		for _, n := range []string{seed.d3, seed.d6} {
			sp.want(t, n, "keep", "target policy: 1d bucket ")
			sp.wantNot(t, n, "source policy")
		}
		sp.want(t, seed.old, "remove")
		sp.want(t, "manual", "keep", "not IAB's")
		mustContain(t, "dry run", plans.header(t, rs, "target"), "no copy there")
		mustContain(t, "dry run", sp.header,
			"(policy: 2 from retention.hosts.source.default + target's 1d1w from retention.hosts.target.default, --ios-fix=false)")
	}
	// The same dry run with the default iOSfix: one policy, no labels,
	// and d3, d6 would go too.
	r = e.mustRun(t, 0, "run", "--dryRun")
	plans = parsePlans(t, r.Stdout)
	for _, rs := range []string{"instance " + p + "/c1", "volume " + p + "/" + PoolFast + "/v1"} {
		sp := plans.get(t, rs, "source")
		mustContain(t, "dry run", sp.header, "(policy: 2 from retention.hosts.source.default)")
		sp.want(t, seed.y2, "keep", "newest 2")
		sp.wantNot(t, seed.y2, "policy:")
		for _, n := range []string{seed.y1, seed.d3, seed.d6, seed.old} {
			sp.want(t, n, "remove")
		}
	}
	for _, rr := range resources("c1", "v1") {
		assertSnapshots(t, "source "+rr.name+" after the dry runs", src.SnapshotNames(t, p, rr.kind, rr.name), append(seed.all(), "manual"))
		assertSnapshots(t, "target "+rr.name+" after the dry runs", dst.SnapshotNames(t, p, rr.kind, rr.name), nil)
	}

	// Run 1 (camelCase flag): the source keeps the union, newest 2 (the
	// run's and y2) and one a day (the run's, y2, d3, d6); y1 and old go.
	// The target gets everything, then loses what the source lost.
	e.mustRun(t, 0, "run", "--iOSfix=false")
	run1 := map[string]string{}
	for _, rr := range resources("c1", "v1") {
		run1[rr.name] = runSnapshot(rr, "")
		check("after run 1 (iOSfix=false)", rr, []string{seed.d6, seed.d3, seed.y2, run1[rr.name], "manual"})
	}

	// Dry run after run 1: the target's plan says why each snapshot stays
	// (the source has it, and which policy keeps it there). The snapshot
	// the run would create and run 1's are the newest 2 now, so y2 stays
	// by the target's policy alone.
	r = e.mustRun(t, 0, "run", "--dryRun", "--iOSfix=false")
	plans = parsePlans(t, r.Stdout)
	for rs, name := range map[string]string{"instance " + p + "/c1": "c1", "volume " + p + "/" + PoolFast + "/v1": PoolFast + "/v1"} {
		tp := plans.get(t, rs, "target")
		tp.want(t, seed.d3, "keep", "still on the source", "on the source: target policy: 1d bucket ")
		tp.want(t, seed.y2, "keep", "on the source: target policy: 1d bucket ")
		tp.want(t, run1[name], "keep", "on the source: source policy: newest 2")
		mustContain(t, "dry run after run 1", plans.header(t, rs, "target"), "deletes only what is gone from the source")
	}

	// Run 2 (kebab-case flag): nothing is out of both policies yet, so
	// nothing goes; the target mirrors the source.
	e.mustRun(t, 0, "run", "--ios-fix=false")
	for _, rr := range resources("c1", "v1") {
		run2 := runSnapshot(rr, run1[rr.name])
		check("after run 2 (iOSfix=false)", rr, []string{seed.d6, seed.d3, seed.y2, run1[rr.name], run2, "manual"})
	}

	// --- The default (iOSfix true) on c2 and v2, seeded alike: the source
	// policy alone decides, and the target follows.
	configure("c2", "v2")
	e.mustRun(t, 0, "run")
	run1 = map[string]string{}
	for _, rr := range resources("c2", "v2") {
		run1[rr.name] = runSnapshot(rr, "")
		check("after run 1 (iOSfix=true)", rr, []string{seed.y2, run1[rr.name], "manual"})
	}
	e.mustRun(t, 0, "run")
	for _, rr := range resources("c2", "v2") {
		run2 := runSnapshot(rr, run1[rr.name])
		check("after run 2 (iOSfix=true)", rr, []string{run1[rr.name], run2, "manual"})
	}
	for _, n := range []string{"c1", "c2"} {
		assertBackupCopySafe(t, e.lab, p, n)
	}
}

// plans holds the prune-plan tables of a dry run's stdout, keyed by
// "<kind> <resource> <role>", e.g. "volume p/fast/v1 source".
type plans map[string]*planTable

type planTable struct {
	key    string
	header string
	lines  map[string]string // snapshot name -> its table line
}

// parsePlans reads the "prune plan of <kind> <resource> on <role> ...:"
// sections of a dry run's output.
func parsePlans(t *testing.T, stdout string) plans {
	t.Helper()
	out := plans{}
	var cur *planTable
	for _, line := range strings.Split(stdout, "\n") {
		if rest, ok := strings.CutPrefix(line, "prune plan of "); ok {
			f := strings.Fields(rest)
			if len(f) < 4 || f[2] != "on" {
				t.Fatalf("unexpected plan header %q", line)
			}
			cur = &planTable{key: f[0] + " " + f[1] + " " + f[3], header: line, lines: map[string]string{}}
			out[cur.key] = cur
			continue
		}
		f := strings.Fields(line)
		if cur == nil || len(f) == 0 {
			cur = nil
			continue
		}
		if f[0] != "NAME" {
			cur.lines[f[0]] = line
		}
	}
	return out
}

func (ps plans) get(t *testing.T, resource, role string) *planTable {
	t.Helper()
	p, ok := ps[resource+" "+role]
	if !ok {
		t.Fatalf("no prune plan of %s on %s in the output", resource, role)
	}
	return p
}

func (ps plans) header(t *testing.T, resource, role string) string {
	t.Helper()
	return ps.get(t, resource, role).header
}

// want fails unless the plan has a line for name with this action (keep or
// remove) that contains every sub.
func (p *planTable) want(t *testing.T, name, action string, subs ...string) {
	t.Helper()
	line, ok := p.lines[name]
	if !ok {
		t.Errorf("plan %s has no line for %s", p.key, name)
		return
	}
	if f := strings.Fields(line); len(f) < 3 || f[2] != action {
		t.Errorf("plan %s: %q, want %s", p.key, line, action)
	}
	mustContain(t, "plan "+p.key+" line", line, subs...)
}

// wantNot fails if the plan's line for name contains sub.
func (p *planTable) wantNot(t *testing.T, name, sub string) {
	t.Helper()
	if strings.Contains(p.lines[name], sub) {
		t.Errorf("plan %s: %q contains %q", p.key, p.lines[name], sub)
	}
}
