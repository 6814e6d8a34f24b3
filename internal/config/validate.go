package config

import (
	"fmt"
	"maps"
	"net"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/iab-project/iab/internal/retention"
)

// Validate checks the config's meaning and returns a *Error listing every
// problem, sorted by path, or nil. An empty project mode counts as push.
// Validate does not modify c.
func (c *Config) Validate() error {
	var ps problems
	c.validateIAB(&ps)
	c.validateHosts(&ps)
	c.validateProjects(&ps)
	c.validateRetention(&ps)
	if len(ps) == 0 {
		return nil
	}
	sortByPath(ps)
	return &Error{Problems: ps}
}

func (c *Config) validateIAB(ps *problems) {
	if u := c.IAB.UUID; u != "" && !isUUID(u) {
		ps.add("iab.uuid", "%q is not a UUID: want 32 hexadecimal digits in groups of 8-4-4-4-12, such as 123e4567-e89b-12d3-a456-426614174000", abbreviate(u))
	}
	if s := c.IAB.HealthchecksURL; s != "" {
		if msg := checkNotifyURL(s); msg != "" {
			ps.add("iab.healthchecksUrl", "%s", msg)
		}
	}
	if s := c.IAB.GotifyURL; s != "" {
		msg := checkNotifyURL(s)
		if msg == "" {
			u, _ := url.Parse(s)
			if u.Query().Get("token") == "" {
				msg = "no token: want the message endpoint with the application token, such as https://gotify.example/message?token=APP_TOKEN"
			}
		}
		if msg != "" {
			ps.add("iab.gotifyUrl", "%s", msg)
		}
	}
}

// isUUID reports whether s has the textual form of a UUID,
// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in hexadecimal digits.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// checkNotifyURL checks a Healthchecks or Gotify URL. These URLs hold secrets
// (a ping key, an app token), so messages never quote them.
func checkNotifyURL(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "not a valid URL: " + urlErr(err)
	case u.Scheme != "http" && u.Scheme != "https":
		if u.Scheme == "" {
			return "no scheme: want an absolute http:// or https:// URL"
		}
		return fmt.Sprintf("scheme is %q: want http or https", u.Scheme)
	case u.Hostname() == "":
		return "no host: want an absolute http:// or https:// URL"
	}
	return ""
}

// urlErr is the reason of a url.Parse error without the URL it quotes.
func urlErr(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

func (c *Config) validateHosts(ps *problems) {
	byRole := map[string][]int{}
	names := map[string]int{}
	for i, h := range c.Hosts {
		p := index("hosts", i)
		if checkSet(ps, field(p, "name"), h.Name) {
			if j, dup := names[h.Name]; dup {
				ps.add(field(p, "name"), "duplicate host name %q (also %s)", h.Name, field(index("hosts", j), "name"))
			} else {
				names[h.Name] = i
			}
		}
		if msg := checkServerURL(h.URL); msg != "" {
			ps.add(field(p, "url"), "%s", msg)
		}
		switch h.Role {
		case RoleSource, RoleTarget:
			byRole[h.Role] = append(byRole[h.Role], i)
		case "":
			ps.add(field(p, "role"), "must be set: source or target")
		default:
			ps.add(field(p, "role"), "unknown role %q: want source or target", h.Role)
		}
	}
	for _, role := range []string{RoleSource, RoleTarget} {
		switch is := byRole[role]; len(is) {
		case 0:
			ps.add("hosts", "no host has role %s: want exactly one source and one target", role)
		case 1:
		default:
			paths := make([]string, len(is))
			for k, i := range is {
				paths[k] = index("hosts", i)
			}
			ps.add("hosts", "%s hosts have role %s: %s; want exactly one", countWord(len(is)), role, strings.Join(paths, ", "))
		}
	}
	if s, t := byRole[RoleSource], byRole[RoleTarget]; len(s) == 1 && len(t) == 1 {
		src, dst := c.Hosts[s[0]].URL, c.Hosts[t[0]].URL
		if a, b := serverKey(src), serverKey(dst); a != "" && a == b {
			ps.add(field(index("hosts", t[0]), "url"), "the target is the same server as the source (%s)", index("hosts", s[0]))
		}
	}
}

func countWord(n int) string {
	if n < len(smallNumbers) {
		return smallNumbers[n]
	}
	return strconv.Itoa(n)
}

var smallNumbers = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// incusPort is the port Incus listens on by default.
const incusPort = "8443"

// checkServerURL checks an Incus server URL: https://HOST[:PORT], nothing
// else.
func checkServerURL(s string) string {
	const want = "want https://HOST:PORT, such as https://incus.example:8443"
	if s == "" {
		return "must be set: " + want
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Sprintf("%q is not a valid URL (%s): %s", s, urlErr(err), want)
	case u.Scheme != "https":
		if u.Scheme == "" || !strings.Contains(s, "://") {
			return fmt.Sprintf("%q has no scheme: %s", s, want)
		}
		return fmt.Sprintf("%q: scheme must be https: %s", s, want)
	case u.Hostname() == "":
		return fmt.Sprintf("%q has no host: %s", s, want)
	case u.User != nil:
		return fmt.Sprintf("%q: a user or password is not allowed: %s", s, want)
	case u.Path != "" && u.Path != "/" || u.RawPath != "":
		return fmt.Sprintf("%q: a path is not allowed: %s", s, want)
	case u.RawQuery != "" || u.ForceQuery:
		return fmt.Sprintf("%q: a query is not allowed: %s", s, want)
	case u.Fragment != "":
		return fmt.Sprintf("%q: a fragment is not allowed: %s", s, want)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Sprintf("%q: port %s is out of range 1-65535", s, p)
		}
	}
	return ""
}

// serverKey identifies the server a valid URL points at ("" if invalid).
func serverKey(s string) string {
	if checkServerURL(s) != "" {
		return ""
	}
	u, _ := url.Parse(s)
	port := u.Port()
	if port == "" {
		port = incusPort
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

func (c *Config) validateProjects(ps *problems) {
	seen := map[string]int{}
	for i, p := range c.Projects {
		pp := index("projects", i)
		np := field(pp, "name")
		if checkSet(ps, np, p.Name) {
			if msg := projectNameProblem(p.Name); msg != "" {
				ps.add(np, "%s", msg)
			} else if j, dup := seen[p.Name]; dup {
				ps.add(np, "duplicate project %q (also %s)", p.Name, field(index("projects", j), "name"))
			} else {
				seen[p.Name] = i
			}
		}
		switch p.Mode {
		case "", ModePush, ModePull, ModeRelay:
		default:
			ps.add(field(pp, "mode"), "unknown mode %q: want push (the default), pull or relay", p.Mode)
		}
		validateInstances(ps, field(pp, "instances"), p.Instances)
		validateVolumes(ps, field(pp, "volumes"), p.Volumes)
	}
}

func validateInstances(ps *problems, path string, instances []Instance) {
	seen := map[string]int{}
	for i, in := range instances {
		ip := index(path, i)
		np := field(ip, "name")
		if checkSet(ps, np, in.Name) {
			if msg := instanceNameProblem(in.Name); msg != "" {
				ps.add(np, "%s", msg)
			} else if j, dup := seen[in.Name]; dup {
				ps.add(np, "duplicate instance %q (also %s)", in.Name, field(index(path, j), "name"))
			} else {
				seen[in.Name] = i
			}
		}
		checkSet(ps, field(ip, "storage"), in.Storage)
		devs := map[string]int{}
		for k, d := range in.ExcludeDevices {
			dp := index(field(ip, "excludeDevices"), k)
			if !checkSet(ps, dp, d) {
				continue
			}
			if j, dup := devs[d]; dup {
				ps.add(dp, "duplicate device %q (also %s)", d, index(field(ip, "excludeDevices"), j))
			} else {
				devs[d] = k
			}
		}
	}
}

func validateVolumes(ps *problems, path string, volumes []Volume) {
	type poolName struct{ pool, name string }
	onSource := map[poolName]int{}
	onTarget := map[poolName]int{}
	for i, v := range volumes {
		vp := index(path, i)
		okName := checkSet(ps, field(vp, "name"), v.Name)
		if okName && strings.Contains(v.Name, "/") {
			ps.add(field(vp, "name"), "volume names cannot contain '/'")
			okName = false
		}
		okPool := checkSet(ps, field(vp, "storage"), v.Storage)
		okTarget := v.TargetStorage == "" || checkSet(ps, field(vp, "targetStorage"), v.TargetStorage)
		if !okName || !okPool || !okTarget {
			continue
		}
		src := poolName{v.Storage, v.Name}
		if j, dup := onSource[src]; dup {
			ps.add(vp, "duplicate volume %s/%s (also %s)", v.Storage, v.Name, index(path, j))
			continue
		}
		onSource[src] = i
		dst := poolName{v.Storage, v.Name}
		if v.TargetStorage != "" {
			dst.pool = v.TargetStorage
		}
		if j, dup := onTarget[dst]; dup {
			ps.add(vp, "copies to the same target volume %s/%s as %s", dst.pool, dst.name, index(path, j))
			continue
		}
		onTarget[dst] = i
	}
}

// checkSet reports a string that is empty or has white space around it, and
// says whether it was fine.
func checkSet(ps *problems, path, s string) bool {
	switch {
	case s == "":
		ps.add(path, "must be set")
	case strings.TrimSpace(s) != s:
		ps.add(path, "%q has white space around it", s)
	default:
		return true
	}
	return false
}

// projectNameProblem applies Incus's rules for project names.
func projectNameProblem(name string) string {
	switch {
	case strings.ContainsAny(name, "/ _'\""):
		return fmt.Sprintf("%q is not a valid Incus project name: it cannot contain '/', spaces, '_' or quotes", name)
	case name == "*" || name == "." || name == "..":
		return fmt.Sprintf("%q is not a valid Incus project name", name)
	}
	return ""
}

// instanceNameProblem applies Incus's rules for instance names: 1 to 63
// ASCII letters, digits and '-', not starting with a digit or '-', not
// ending with '-'.
func instanceNameProblem(name string) string {
	const rule = "instance names are 1 to 63 ASCII letters, digits and '-', starting with a letter and not ending with '-'"
	if len(name) > 63 {
		return fmt.Sprintf("%q is too long: %s", abbreviate(name), rule)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && !isDigit(c) && c != '-' || i == 0 && !letter || i == len(name)-1 && c == '-' {
			return fmt.Sprintf("%q is not a valid instance name: %s", name, rule)
		}
	}
	return ""
}

func (c *Config) validateRetention(ps *problems) {
	for role, rr := range sorted(c.Retention.Hosts) {
		rp := key("retention.hosts", role)
		if role != RoleSource && role != RoleTarget {
			ps.add(rp, "unknown role %q: want source or target", role)
		}
		forEachPolicy(rp, rr, func(path, s string) {
			if _, err := retention.ParsePolicy(s); err != nil {
				ps.add(path, "%v", err)
			}
		})
	}
}

// forEachPolicy calls f with the path and text of every non-empty policy in
// a role's tree, in path order.
func forEachPolicy(rolePath string, rr RoleRetention, f func(path, s string)) {
	visit := func(path, s string) {
		if s != "" {
			f(path, s)
		}
	}
	visit(field(rolePath, "default"), rr.Default)
	for proj, pr := range sorted(rr.Projects) {
		pp := key(field(rolePath, "projects"), proj)
		visit(field(pp, "default"), pr.Default)
		for _, kind := range []string{KindInstances, KindVolumes} {
			kr := pr.kind(kind)
			kp := field(pp, kind)
			visit(field(kp, "default"), kr.Default)
			for name, s := range sorted(kr.ByName) {
				visit(key(field(kp, "byName"), name), s)
			}
		}
	}
}

// sorted iterates over a map in key order.
func sorted[V any](m map[string]V) func(yield func(string, V) bool) {
	return func(yield func(string, V) bool) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

// Warnings lists facts about the config that are legal but probably not
// what its author meant (a retention policy that applies to nothing,
// resources whose snapshots are never pruned, ...), sorted by path. Callers
// show them; they never stop a run.
func (c *Config) Warnings() []Problem {
	var ps problems
	if d := c.IAB.CredDir; d != "" && !filepath.IsAbs(d) {
		ps.add("iab.iabCredDir", "%q is relative: it is resolved against the working directory, not the config file's (under cron or systemd that is rarely what you want)", d)
	}
	if c.IAB.GotifyOnSuccess && c.IAB.GotifyURL == "" {
		ps.add("iab.gotifyOnSuccess", "is true but gotifyUrl is not set: nothing will be sent")
	}
	for _, n := range []struct{ path, url string }{
		{"iab.healthchecksUrl", c.IAB.HealthchecksURL},
		{"iab.gotifyUrl", c.IAB.GotifyURL},
	} {
		if u, err := url.Parse(n.url); err == nil && u.Scheme == "http" {
			ps.add(n.path, "uses http: its secret is sent unencrypted")
		}
	}
	if u, err := url.Parse(c.IAB.GotifyURL); c.IAB.GotifyURL != "" && err == nil && !strings.HasSuffix(u.Path, "/message") {
		ps.add("iab.gotifyUrl", "path does not end in /message, Gotify's endpoint for sending messages")
	}

	if len(c.Projects) == 0 {
		ps.add("projects", "no projects: a run backs up nothing")
	}
	for i, p := range c.Projects {
		if len(p.Instances) == 0 && len(p.Volumes) == 0 {
			ps.add(index("projects", i), "project %q has no instances and no volumes: nothing of it is backed up", p.Name)
		}
	}

	for role, rr := range sorted(c.Retention.Hosts) {
		rp := key("retention.hosts", role)
		for proj, pr := range sorted(rr.Projects) {
			pp := key(field(rp, "projects"), proj)
			p := c.project(proj)
			if p == nil {
				ps.add(pp, "project %q is not in projects: these policies apply to nothing", proj)
				continue
			}
			for name := range sorted(pr.Instances.ByName) {
				if !slices.ContainsFunc(p.Instances, func(in Instance) bool { return in.Name == name }) {
					ps.add(key(field(pp, "instances.byName"), name), "project %q has no instance %q: this policy applies to nothing", proj, name)
				}
			}
			for name := range sorted(pr.Volumes.ByName) {
				if !slices.ContainsFunc(p.Volumes, func(v Volume) bool { return v.Name == name }) {
					ps.add(key(field(pp, "volumes.byName"), name), "project %q has no volume %q: this policy applies to nothing", proj, name)
				}
			}
		}
	}

	// The source's policy decides what is pruned on the source (and, with
	// run --ios-fix, the default, on the target too): resources it does
	// not cover keep every IAB snapshot forever. The target's own policy
	// may be left out on purpose, so its absence is not worth a warning.
	var uncovered []string
	total := 0
	for i, p := range c.Projects {
		pp := index("projects", i)
		for j, in := range p.Instances {
			total++
			if _, from := c.Policy(RoleSource, p.Name, KindInstances, in.Name); from == "" {
				uncovered = append(uncovered, index(field(pp, "instances"), j))
			}
		}
		for j, v := range p.Volumes {
			total++
			if _, from := c.Policy(RoleSource, p.Name, KindVolumes, v.Name); from == "" {
				uncovered = append(uncovered, index(field(pp, "volumes"), j))
			}
		}
	}
	switch {
	case len(uncovered) == 0:
	case len(uncovered) == total:
		ps.add("retention.hosts.source", "no retention policy for the source: IAB snapshots there are never pruned")
	default:
		for _, path := range uncovered {
			ps.add(path, "no retention policy for it on the source: its IAB snapshots there are never pruned")
		}
	}
	sortByPath(ps)
	return ps
}

func (c *Config) project(name string) *Project {
	for i := range c.Projects {
		if c.Projects[i].Name == name {
			return &c.Projects[i]
		}
	}
	return nil
}
