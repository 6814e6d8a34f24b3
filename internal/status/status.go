// Package status reports how current IAB's backups are: for each configured
// resource, the newest IAB snapshot on the source and on the target, their
// ages and counts, and whether the target holds the source's newest one.
//
// Build is pure (snapshot names and "now" in, report out); List fetches one
// side's names, with a single request in the usual case. Nothing here
// changes a server.
package status

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/retention"
)

// Kinds of resources, as in backup.KindInstance and backup.KindVolume.
const (
	KindInstance = "instance"
	KindVolume   = "volume"
)

// Resource is one configured instance or custom volume.
type Resource struct {
	Project    string `json:"project"`
	Kind       string `json:"kind"` // KindInstance or KindVolume
	Name       string `json:"name"`
	Pool       string `json:"pool,omitempty"`       // volumes: pool on the source
	TargetPool string `json:"targetPool,omitempty"` // volumes: pool on the target
}

// String names the resource as logs do: "instance default/c1",
// "volume default/fast/data".
func (r Resource) String() string {
	if r.Kind == KindVolume {
		return fmt.Sprintf("%s %s/%s/%s", r.Kind, r.Project, r.Pool, r.Name)
	}
	return fmt.Sprintf("%s %s/%s", r.Kind, r.Project, r.Name)
}

// Listing is one side's snapshot names of a resource, or why they are not
// known.
type Listing struct {
	Names   []string
	Missing bool  // the resource does not exist on that server
	Err     error // the names could not be listed
}

// Input is one resource and what each side holds.
type Input struct {
	Resource
	Source, Target Listing
}

// Side is the state of a resource on one server.
type Side struct {
	Newest     string     `json:"newest,omitempty"`     // newest IAB snapshot
	NewestTime *time.Time `json:"newestTime,omitempty"` // its time (UTC)
	AgeSeconds *int64     `json:"ageSeconds,omitempty"` // now - NewestTime; negative if dated in the future
	Count      int        `json:"count"`                // IAB snapshots
	Missing    bool       `json:"missing,omitempty"`    // the resource does not exist there
	Error      string     `json:"error,omitempty"`      // the snapshots could not be listed
}

// ResourceStatus is the report line of one resource.
type ResourceStatus struct {
	Resource
	Source Side `json:"source"`
	Target Side `json:"target"`
	// Current: the target holds the source's newest IAB snapshot.
	Current bool `json:"current"`
	// Stale (only with a maximum age): the target's newest IAB snapshot is
	// missing, unknown or older than the maximum age. StaleReason says which.
	Stale       bool   `json:"stale"`
	StaleReason string `json:"staleReason,omitempty"`
}

// Report is the status of every configured resource.
type Report struct {
	Now           time.Time        `json:"now"`
	Source        string           `json:"source,omitempty"` // server descriptions, for the header
	Target        string           `json:"target,omitempty"`
	MaxAgeSeconds int64            `json:"maxAgeSeconds,omitempty"` // 0: no maximum age checked
	Resources     []ResourceStatus `json:"resources"`
	OK            bool             `json:"ok"` // nothing stale and every listing succeeded
}

// Build makes the report. maxAge 0 checks no age; otherwise a resource is
// stale when its newest target snapshot is older than maxAge (or missing).
func Build(now time.Time, maxAge time.Duration, in []Input) Report {
	rep := Report{Now: now.UTC(), MaxAgeSeconds: int64(maxAge / time.Second), OK: true, Resources: []ResourceStatus{}}
	for _, i := range in {
		rs := ResourceStatus{
			Resource: i.Resource,
			Source:   side(now, i.Source),
			Target:   side(now, i.Target),
		}
		rs.Current = rs.Source.Newest != "" && i.Target.Err == nil && slices.Contains(i.Target.Names, rs.Source.Newest)
		if maxAge > 0 {
			rs.StaleReason = staleReason(rs.Target, maxAge)
			rs.Stale = rs.StaleReason != ""
		}
		if rs.Stale || rs.Source.Error != "" || rs.Target.Error != "" {
			rep.OK = false
		}
		rep.Resources = append(rep.Resources, rs)
	}
	return rep
}

func side(now time.Time, l Listing) Side {
	s := Side{Missing: l.Missing}
	if l.Err != nil {
		s.Error = oneLine(l.Err.Error())
		return s
	}
	var newest time.Time
	for _, n := range distinct(l.Names) {
		t, ok := retention.ParseSnapshotName(n)
		if !ok {
			continue
		}
		s.Count++
		if s.Newest == "" || t.After(newest) {
			s.Newest, newest = n, t
		}
	}
	if s.Newest != "" {
		age := int64(now.Sub(newest) / time.Second)
		s.NewestTime, s.AgeSeconds = &newest, &age
	}
	return s
}

func staleReason(target Side, maxAge time.Duration) string {
	switch {
	case target.Error != "":
		return "target unknown: " + target.Error
	case target.Missing:
		return "not on the target"
	case target.Newest == "":
		return "no IAB snapshot on the target"
	case time.Duration(*target.AgeSeconds)*time.Second > maxAge:
		return fmt.Sprintf("newest on the target is %s old (max %s)", FormatAge(time.Duration(*target.AgeSeconds)*time.Second), FormatAge(maxAge))
	}
	return ""
}

// Stale returns the stale resources.
func (r Report) Stale() []ResourceStatus {
	var out []ResourceStatus
	for _, rs := range r.Resources {
		if rs.Stale {
			out = append(out, rs)
		}
	}
	return out
}

// WriteJSON writes the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report as a table, then the stale resources and the
// listing errors.
func (r Report) WriteText(w io.Writer) error {
	if r.Source != "" || r.Target != "" {
		fmt.Fprintf(w, "Source: %s\nTarget: %s\n\n", r.Source, r.Target)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RESOURCE\tSOURCE NEWEST\tAGE\tCOUNT\tTARGET NEWEST\tAGE\tCOUNT\tCURRENT")
	for _, rs := range r.Resources {
		sn, sa, sc := sideCells(rs.Source)
		tn, ta, tc := sideCells(rs.Target)
		current := "no"
		if rs.Current {
			current = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", rs.Resource, sn, sa, sc, tn, ta, tc, current)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Resources) == 0 {
		fmt.Fprintln(w, "(no resources configured)")
	}
	var errs []string
	for _, rs := range r.Resources {
		if rs.Source.Error != "" {
			errs = append(errs, fmt.Sprintf("  %s: source: %s", rs.Resource, rs.Source.Error))
		}
		if rs.Target.Error != "" {
			errs = append(errs, fmt.Sprintf("  %s: target: %s", rs.Resource, rs.Target.Error))
		}
	}
	if len(errs) > 0 {
		fmt.Fprintf(w, "\nCould not list:\n%s\n", strings.Join(errs, "\n"))
	}
	if r.MaxAgeSeconds > 0 {
		maxAge := FormatAge(time.Duration(r.MaxAgeSeconds) * time.Second)
		stale := r.Stale()
		if len(stale) == 0 {
			fmt.Fprintf(w, "\nAll %d resources have a target snapshot younger than %s.\n", len(r.Resources), maxAge)
		} else {
			fmt.Fprintf(w, "\nNot backed up within %s (%d of %d):\n", maxAge, len(stale), len(r.Resources))
			for _, rs := range stale {
				fmt.Fprintf(w, "  %s: %s\n", rs.Resource, rs.StaleReason)
			}
		}
	}
	return nil
}

func sideCells(s Side) (newest, age, count string) {
	switch {
	case s.Error != "":
		return "(error)", "-", "-"
	case s.Missing:
		return "(missing)", "-", "-"
	case s.Newest == "":
		return "(none)", "-", "0"
	}
	return s.Newest, FormatAge(time.Duration(*s.AgeSeconds) * time.Second), strconv.Itoa(s.Count)
}

// FormatAge is compact, with at most two adjacent units: "3d4h", "45min",
// "12s", "in 2min" for the future.
func FormatAge(d time.Duration) string {
	if d < 0 {
		return "in " + FormatAge(-max(d, -math.MaxInt64)) // -MinInt64 overflows
	}
	units := []struct {
		name string
		d    time.Duration
	}{{"d", 24 * time.Hour}, {"h", time.Hour}, {"min", time.Minute}, {"s", time.Second}}
	var b strings.Builder
	used := 0
	for _, u := range units {
		n := d / u.d
		if n > 0 && used < 2 {
			fmt.Fprintf(&b, "%d%s", n, u.name)
			d -= n * u.d
			used++
		} else if used > 0 {
			break
		}
	}
	if used == 0 {
		return "0s"
	}
	return b.String()
}

// ParseMaxAge parses a positive duration: Go's syntax ("26h", "90m",
// "1h30m") plus days and weeks ("2d", "1w", "1d12h").
func ParseMaxAge(s string) (time.Duration, error) {
	bad := func(why string) (time.Duration, error) {
		return 0, fmt.Errorf("invalid age %q: %s (want e.g. 26h, 90m, 2d or 1d12h)", s, why)
	}
	if s == "" {
		return bad("empty")
	}
	var total time.Duration
	rest := s
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		j := i
		for j < len(rest) && (rest[j] < '0' || rest[j] > '9') && rest[j] != '.' {
			j++
		}
		num, unit := rest[:i], rest[i:j]
		if num == "" {
			return bad("expected a number")
		}
		var d time.Duration
		switch unit {
		case "d", "w":
			n, err := strconv.ParseUint(num, 10, 32)
			if err != nil {
				return bad("days and weeks must be whole numbers")
			}
			d = time.Duration(n) * 24 * time.Hour
			if unit == "w" {
				d *= 7
			}
		default:
			var err error
			if d, err = time.ParseDuration(num + unit); err != nil {
				return bad(strings.TrimPrefix(err.Error(), "time: "))
			}
		}
		total += d
		if total < 0 {
			return bad("too long")
		}
		rest = rest[j:]
	}
	if total <= 0 {
		return bad("must be greater than zero")
	}
	return total, nil
}

// SnapshotLister is what List needs from a project-scoped Incus client.
type SnapshotLister interface {
	GetInstanceSnapshotNames(instanceName string) ([]string, error)
	GetInstance(name string) (*api.Instance, string, error)
	GetStoragePoolVolumeSnapshotNames(pool string, volumeType string, volumeName string) ([]string, error)
}

// List fetches the snapshot names of r on one side. pool is the volume's
// pool on that side (ignored for instances). A resource that does not exist
// is Missing, not an error.
//
// That is one request, except for an instance without snapshots: Incus
// answers an empty list for an instance that does not exist too, so a
// second request tells the two apart.
func List(c SnapshotLister, r Resource, pool string) Listing {
	var names []string
	var err error
	if r.Kind == KindVolume {
		names, err = c.GetStoragePoolVolumeSnapshotNames(pool, "custom", r.Name)
	} else {
		names, err = c.GetInstanceSnapshotNames(r.Name)
		if err == nil && len(names) == 0 {
			_, _, err = c.GetInstance(r.Name)
		}
	}
	switch {
	case api.StatusErrorCheck(err, http.StatusNotFound):
		return Listing{Missing: true}
	case err != nil:
		return Listing{Err: err}
	}
	for i, n := range names {
		if j := strings.LastIndexByte(n, '/'); j >= 0 {
			names[i] = n[j+1:]
		}
	}
	return Listing{Names: names}
}

func distinct(names []string) []string {
	seen := make(map[string]bool, len(names))
	out := names[:0:0]
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// oneLine folds an error message onto one line for the table and JSON.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
