package backup

import (
	"fmt"
	"log/slog"

	"github.com/iab-project/iab/internal/retention"
)

// Resource is one configured instance or custom volume, with everything the
// pipeline needs to back it up: where it lives, where it goes and which
// retention policies apply on each side.
type Resource struct {
	Project string
	Mode    string // copy mode: push, pull or relay ("" = push)
	Kind    string // KindInstance or KindVolume
	Name    string

	// Instances.
	Storage        string   // target pool of the root disk ("" = as on the source)
	ExcludeDevices []string // devices the target copy does not get

	// Volumes.
	Pool       string // pool on the source
	TargetPool string // pool on the target ("" = Pool)

	SourcePolicy, TargetPolicy retention.Policy
	// Policy labels for plans and logs, e.g. the policy text and where it
	// was configured.
	SourcePolicyLabel, TargetPolicyLabel string
}

// String is the resource's identity in messages: "project/instance" or
// "project/pool/volume".
func (r Resource) String() string {
	if r.Kind == KindVolume {
		return fmt.Sprintf("%s/%s/%s", r.Project, r.Pool, r.Name)
	}
	return r.Project + "/" + r.Name
}

// targetPool is the pool of a volume on the target.
func (r Resource) targetPool() string {
	if r.TargetPool != "" {
		return r.TargetPool
	}
	return r.Pool
}

// logger returns log with the resource's identity on every line.
func (r Resource) logger(log *slog.Logger) *slog.Logger {
	if r.Kind == KindVolume {
		return log.With("project", r.Project, "pool", r.Pool, "volume", r.Name)
	}
	return log.With("project", r.Project, "instance", r.Name)
}

// mode returns the copy mode, push by default.
func (r Resource) mode() string {
	if r.Mode == "" {
		return "push"
	}
	return r.Mode
}
