// Package check is IAB's read-only preflight: it connects to both servers
// and verifies that everything the config names exists where a run needs it,
// and shows the retention policy each resource gets on each side. It reports
// every problem it finds, not just the first, and changes nothing.
package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/creds"
	"github.com/iab-project/iab/internal/retention"
	"github.com/lxc/incus/v7/shared/api"
)

// Kinds of resources, as the report names them.
const (
	KindInstance = "instance"
	KindVolume   = "volume"
)

// Policies resolves the retention policy of one resource on one side (kind
// is config.KindInstances or config.KindVolumes) and says where it came from
// (for example "retention.hosts.source.default"). *config.Config implements
// it.
type Policies interface {
	Policy(role, project, kind, name string) (retention.Policy, string)
}

// Connect opens a verified connection to one configured host (pinned
// certificate, client certificate). Its error is reported as is.
type Connect func(ctx context.Context, host config.Host) (Server, error)

// Options tune the preflight.
type Options struct {
	// Extensions are the API extensions both servers must have.
	Extensions []string
	// IOSFix is run's --ios-fix: the target uses the source's policy.
	IOSFix bool
}

// Problem is one thing that would make a run fail. Where names the server
// (`target "backup" (https://...)`), or is empty for problems of the config
// as a whole.
type Problem struct {
	Where string
	What  string
}

func (p Problem) String() string {
	if p.Where == "" {
		return p.What
	}
	return p.Where + ": " + p.What
}

// ServerStatus is what the preflight learned about one server.
type ServerStatus struct {
	Label     string
	Connected bool
	Version   string
}

// PolicyLine is the effective retention of one resource on one side.
type PolicyLine struct {
	Project, Kind, Name string
	Side                string // config.RoleSource or config.RoleTarget
	Policy              string // canonical policy text
	From                string // where it came from, and why
}

// Report is the outcome of a preflight.
type Report struct {
	Servers  []ServerStatus
	Policies []PolicyLine
	Problems []Problem
	// Warnings do not fail the check.
	Warnings []Problem
}

// OK reports whether no problem was found.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Label names a host the way every message does: role, name and URL (in
// the normalized form package remote uses, when it can be normalized).
func Label(h config.Host) string {
	u := h.URL
	if n, err := creds.NormalizeURL(u); err == nil {
		u = n
	}
	return fmt.Sprintf("%s %q (%s)", h.Role, h.Name, u)
}

// side is one connected (or unreachable) server during the preflight.
type side struct {
	host  config.Host
	label string
	srv   Server // nil: not connected
	// pools caches the answer for each pool asked about: nil (it exists)
	// or why not.
	pools map[string]error
	// profiles per project, filled on first use.
	profiles map[string]map[string]bool
	report   *Report
}

func (s *side) problem(format string, args ...any) {
	s.report.Problems = append(s.report.Problems, Problem{Where: s.label, What: fmt.Sprintf(format, args...)})
}

// Run performs the preflight for cfg, which must already be valid (one
// source and one target host). It never returns early: every problem found
// is in the report.
func Run(ctx context.Context, cfg *config.Config, policies Policies, connect Connect, opts Options) *Report {
	rep := &Report{}
	src := open(ctx, rep, cfg, config.RoleSource, connect, opts)
	dst := open(ctx, rep, cfg, config.RoleTarget, connect, opts)

	for _, p := range cfg.Projects {
		srcOK := src.hasProject(p.Name)
		dstOK := dst.hasProject(p.Name)
		for _, inst := range p.Instances {
			checkInstance(src, dst, srcOK, dstOK, p.Name, inst)
		}
		for _, vol := range p.Volumes {
			checkVolume(src, dst, srcOK, dstOK, p.Name, vol)
		}
	}
	rep.Policies = resolvePolicies(cfg, policies, opts.IOSFix)
	return rep
}

// open connects to the host with role and checks its API extensions.
func open(ctx context.Context, rep *Report, cfg *config.Config, role string, connect Connect, opts Options) *side {
	s := &side{report: rep, label: role + " (not configured)", profiles: map[string]map[string]bool{}, pools: map[string]error{}}
	i := slices.IndexFunc(cfg.Hosts, func(h config.Host) bool { return h.Role == role })
	if i < 0 {
		rep.Problems = append(rep.Problems, Problem{What: fmt.Sprintf("no host with role %q in the config", role)})
		return s
	}
	s.host = cfg.Hosts[i]
	s.label = Label(s.host)
	status := ServerStatus{Label: s.label}
	defer func() { rep.Servers = append(rep.Servers, status) }()

	srv, err := connect(ctx, s.host)
	if err != nil {
		s.problem("%s", s.trim(err))
		return s
	}
	s.srv = srv
	status.Connected = true
	status.Version = srv.Version()
	for _, ext := range opts.Extensions {
		if !srv.HasExtension(ext) {
			s.problem("API extension %q missing (IAB needs it; upgrade Incus on this server)", ext)
		}
	}
	return s
}

// hasProject reports whether the server has project; a missing one is a
// problem, reported once (Run asks once per project), and the resources in
// it are then not checked on that server: they would only repeat it.
func (s *side) hasProject(project string) bool {
	if s.srv == nil {
		return false
	}
	if err := s.srv.CheckProject(project); err != nil {
		s.problem("%s", s.trim(err))
		return false
	}
	return true
}

// trim drops the server's name from the front of an error that already
// starts with it (errors from package remote do), since every problem line
// starts with it anyway.
func (s *side) trim(err error) string {
	msg := err.Error()
	raw := fmt.Sprintf("%s %q (%s)", s.host.Role, s.host.Name, s.host.URL)
	for _, l := range []string{s.label, raw} {
		if rest, ok := strings.CutPrefix(msg, l+": "); ok {
			return rest
		}
	}
	return msg
}

// hasPool reports whether pool exists; a missing pool (or one that cannot
// be read) is a problem naming the resource that needs it.
func (s *side) hasPool(pool, neededBy string) bool {
	err, asked := s.pools[pool]
	if !asked {
		err = s.srv.Pool(pool)
		s.pools[pool] = err
	}
	switch {
	case err == nil:
		return true
	case errors.Is(err, ErrNotFound):
		s.problem("storage pool %q not found (needed by %s)", pool, neededBy)
	default:
		s.problem("cannot read storage pool %q (needed by %s): %v", pool, neededBy, err)
	}
	return false
}

func (s *side) profileSet(project string) (map[string]bool, error) {
	if ps, ok := s.profiles[project]; ok {
		return ps, nil
	}
	names, err := s.srv.ProfileNames(project)
	if err != nil {
		return nil, err
	}
	ps := set(names)
	s.profiles[project] = ps
	return ps, nil
}

func checkInstance(src, dst *side, srcOK, dstOK bool, project string, inst config.Instance) {
	what := fmt.Sprintf("project %s instance %s", project, inst.Name)
	var si *api.Instance
	if srcOK {
		var err error
		si, err = src.srv.Instance(project, inst.Name)
		switch {
		case errors.Is(err, ErrNotFound):
			src.problem("instance %q not found in project %q", inst.Name, project)
		case err != nil:
			src.problem("cannot read instance %q in project %q: %v", inst.Name, project, err)
		}
	}
	if !dstOK {
		return
	}

	// The target pool: the configured one, else the pool of the source's
	// root disk, which the copy keeps.
	pool := inst.Storage
	if pool == "" && si != nil {
		pool = rootPool(si)
	}
	if pool != "" {
		dst.hasPool(pool, what)
	}

	if si != nil && len(si.Profiles) > 0 {
		have, err := dst.profileSet(project)
		if err != nil {
			dst.problem("cannot list profiles in project %q: %v", project, err)
		} else {
			for _, prof := range si.Profiles {
				if !have[prof] {
					dst.problem("profile %q not found in project %q (needed by %s, which uses it on the source; the copy would fail)", prof, project, what)
				}
			}
		}
	}

	// An existing backup copy that runs cannot be refreshed.
	ti, err := dst.srv.Instance(project, inst.Name)
	switch {
	case errors.Is(err, ErrNotFound):
		// First run: the copy will be created.
	case err != nil:
		dst.problem("cannot read instance %q in project %q: %v", inst.Name, project, err)
	case ti.StatusCode == api.Running || strings.EqualFold(ti.Status, "Running"):
		dst.problem("the backup copy of %s is running; IAB does not refresh a running copy (stop it on the target: incus stop %s --project %s)", what, inst.Name, project)
	}
}

func checkVolume(src, dst *side, srcOK, dstOK bool, project string, vol config.Volume) {
	what := fmt.Sprintf("project %s volume %s", project, vol.Name)
	if srcOK && vol.Storage != "" && src.hasPool(vol.Storage, what) {
		_, err := src.srv.Volume(project, vol.Storage, vol.Name)
		switch {
		case errors.Is(err, ErrNotFound):
			src.problem("custom volume %q not found in storage pool %q of project %q", vol.Name, vol.Storage, project)
		case err != nil:
			src.problem("cannot read custom volume %q in storage pool %q of project %q: %v", vol.Name, vol.Storage, project, err)
		}
	}
	pool := vol.TargetStorage
	if pool == "" {
		pool = vol.Storage
	}
	if dstOK && pool != "" {
		dst.hasPool(pool, what)
	}
}

// rootPool is the pool of the instance's root disk ("" if it has none).
func rootPool(inst *api.Instance) string {
	for _, devs := range []map[string]map[string]string{inst.Devices, inst.ExpandedDevices} {
		for _, d := range devs {
			if d["type"] == "disk" && d["path"] == "/" && d["pool"] != "" {
				return d["pool"]
			}
		}
	}
	return ""
}

func set(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
