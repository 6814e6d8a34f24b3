package config

import (
	"fmt"

	"github.com/iab-project/iab/internal/retention"
)

// Policy returns the retention policy for one resource (an instance or a
// volume, per kind) of a project on the host with the given role, and the
// JSON path it was taken from. The most specific level wins:
//
//	retention.hosts.<role>.projects.<project>.<kind>.byName.<name>
//	retention.hosts.<role>.projects.<project>.<kind>.default
//	retention.hosts.<role>.projects.<project>.default
//	retention.hosts.<role>.default
//
// A level that is absent or "" falls through to the next. With no policy at
// any level Policy returns the empty policy (prune nothing) and "".
//
// A validated config (from Load or Parse) has only valid policies. Should a
// policy not parse, Policy returns the empty policy with that policy's path:
// it never falls through to a less specific, possibly shorter, policy.
//
// kind must be KindInstances or KindVolumes; anything else is a programming
// error and panics.
func (c *Config) Policy(role, project, kind, name string) (retention.Policy, string) {
	if kind != KindInstances && kind != KindVolumes {
		panic(fmt.Sprintf("config: Policy: unknown kind %q, want %q or %q", kind, KindInstances, KindVolumes))
	}
	rr, ok := c.Retention.Hosts[role]
	if !ok {
		return retention.Policy{}, ""
	}
	rp := key("retention.hosts", role)
	type level struct{ path, text string }
	var levels []level
	if pr, ok := rr.Projects[project]; ok {
		pp := key(field(rp, "projects"), project)
		kr := pr.kind(kind)
		kp := field(pp, kind)
		if s, ok := kr.ByName[name]; ok {
			levels = append(levels, level{key(field(kp, "byName"), name), s})
		}
		levels = append(levels,
			level{field(kp, "default"), kr.Default},
			level{field(pp, "default"), pr.Default})
	}
	levels = append(levels, level{field(rp, "default"), rr.Default})
	for _, l := range levels {
		if l.text == "" {
			continue
		}
		p, err := retention.ParsePolicy(l.text)
		if err != nil {
			return retention.Policy{}, l.path
		}
		return p, l.path
	}
	return retention.Policy{}, ""
}

// kind returns the instances or the volumes part of a project's tree.
func (pr ProjectRetention) kind(kind string) KindRetention {
	if kind == KindVolumes {
		return pr.Volumes
	}
	return pr.Instances
}
