// Package config loads, validates and resolves IAB's config.json.
package config

// Config is the whole config.json. Field names follow existing IAB configs.
type Config struct {
	IAB       IAB       `json:"iab"`
	Hosts     []Host    `json:"hosts"`
	Projects  []Project `json:"projects"`
	Retention Retention `json:"retention"`
}

// IAB holds the tool's own settings.
type IAB struct {
	CredDir         string `json:"iabCredDir"`
	UUID            string `json:"uuid"`
	StopInstance    bool   `json:"stopInstance"`
	HealthchecksURL string `json:"healthchecksUrl"`
	GotifyURL       string `json:"gotifyUrl"`
	GotifyOnSuccess bool   `json:"gotifyOnSuccess"`
}

// Roles a host can have.
const (
	RoleSource = "source"
	RoleTarget = "target"
)

// Host is one Incus server.
type Host struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	Role string `json:"role"`
}

// Copy modes, as in `incus copy --mode`.
const (
	ModePush  = "push"
	ModePull  = "pull"
	ModeRelay = "relay"
)

// Project is one Incus project (same name on both servers) and what to back up in it.
type Project struct {
	Name      string     `json:"name"`
	Mode      string     `json:"mode"` // push (default), pull or relay
	Instances []Instance `json:"instances"`
	Volumes   []Volume   `json:"volumes"`
}

// Instance is a container or VM to back up.
type Instance struct {
	Name           string   `json:"name"`
	Storage        string   `json:"storage"` // target pool for the root disk
	ExcludeDevices []string `json:"excludeDevices"`
}

// Volume is a custom storage volume to back up.
type Volume struct {
	Name          string `json:"name"`
	Storage       string `json:"storage"`       // pool on the source (and target unless TargetStorage)
	TargetStorage string `json:"targetStorage"` // optional pool on the target
}

// Retention maps a host role ("source", "target") to its policies.
type Retention struct {
	Hosts map[string]RoleRetention `json:"hosts"`
}

// RoleRetention is the policy tree of one role.
type RoleRetention struct {
	Default  string                      `json:"default"`
	Projects map[string]ProjectRetention `json:"projects"`
}

// ProjectRetention is the policy tree of one project.
type ProjectRetention struct {
	Default   string        `json:"default"`
	Instances KindRetention `json:"instances"`
	Volumes   KindRetention `json:"volumes"`
}

// KindRetention is the policy tree of instances or volumes in a project.
type KindRetention struct {
	Default string            `json:"default"`
	ByName  map[string]string `json:"byName"`
}
