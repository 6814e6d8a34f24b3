package backup

import (
	"maps"
	"slices"
	"strings"
)

// Devices as Incus stores them: name -> key -> value.
type devices = map[string]map[string]string

// droppedDevice is a device the target copy does not get, and why.
type droppedDevice struct {
	Name   string
	Reason string
}

// deviceRefs are the target-side objects an instance's devices depend on.
type deviceRefs struct {
	Networks []string    // managed networks of NICs
	Volumes  [][2]string // {pool, volume} of custom volume disks
}

// isRootDisk reports whether a device is the root disk.
func isRootDisk(d map[string]string) bool {
	return d["type"] == "disk" && d["path"] == "/" && d["source"] == ""
}

// customVolume returns the pool and volume a disk device attaches, if it
// attaches a custom volume.
func customVolume(d map[string]string) (pool, volume string, ok bool) {
	if d["type"] != "disk" || d["pool"] == "" || d["source"] == "" || isRootDisk(d) {
		return "", "", false
	}
	return d["pool"], d["source"], true
}

// referencedObjects lists the managed networks and custom volumes the
// instance's effective devices use, minus the excluded devices.
func referencedObjects(expanded devices, exclude []string) deviceRefs {
	var refs deviceRefs
	for _, name := range slices.Sorted(maps.Keys(expanded)) {
		if slices.Contains(exclude, name) {
			continue
		}
		d := expanded[name]
		if d["type"] == "nic" && d["network"] != "" && !slices.Contains(refs.Networks, d["network"]) {
			refs.Networks = append(refs.Networks, d["network"])
		}
		if pool, vol, ok := customVolume(d); ok {
			refs.Volumes = append(refs.Volumes, [2]string{pool, vol})
		}
	}
	return refs
}

// targetHas says which referenced objects exist on the target.
type targetHas struct {
	Networks map[string]bool
	Volumes  map[[2]string]bool
}

// planDevices returns the local devices of the target copy: the source's
// local devices (local) with
//   - the devices named in exclude removed,
//   - NICs on a managed network and disks on a custom volume that the target
//     lacks removed (with a reason each),
//   - the root disk on rootPool, if set.
//
// A device that comes from a profile (in expanded but not in local) cannot
// be deleted from the copy; it is masked with a local device of type
// "none", which is how Incus removes an inherited device. Inputs are not
// modified.
func planDevices(local, expanded devices, exclude []string, has targetHas, rootPool string) (devices, []droppedDevice) {
	out := make(devices, len(local))
	for name, d := range local {
		out[name] = maps.Clone(d)
	}
	var dropped []droppedDevice
	drop := func(name, reason string) {
		if _, ok := local[name]; ok {
			delete(out, name)
		}
		if _, ok := expanded[name]; ok {
			if _, inLocal := local[name]; !inLocal {
				out[name] = map[string]string{"type": "none"}
			}
		}
		dropped = append(dropped, droppedDevice{Name: name, Reason: reason})
	}
	for _, name := range slices.Sorted(maps.Keys(expanded)) {
		d := expanded[name]
		switch {
		case slices.Contains(exclude, name):
			drop(name, "listed in excludeDevices")
		case d["type"] == "nic" && d["network"] != "" && !has.Networks[d["network"]]:
			drop(name, "managed network "+d["network"]+" does not exist on the target")
		default:
			if pool, vol, ok := customVolume(d); ok && !has.Volumes[[2]string{pool, vol}] {
				drop(name, "custom volume "+pool+"/"+vol+" does not exist on the target")
			}
		}
	}
	if rootPool != "" {
		key := rootDiskKey(local)
		if key == "" {
			// The root disk comes from a profile: override it locally.
			if pk := rootDiskKey(expanded); pk != "" {
				key = pk
				out[key] = maps.Clone(expanded[pk])
			}
		}
		if key != "" {
			out[key]["pool"] = rootPool
		} else {
			out["root"] = map[string]string{"type": "disk", "path": "/", "pool": rootPool}
		}
	}
	return out, dropped
}

// rootDiskKey returns the name of the root disk device, or "".
func rootDiskKey(devs devices) string {
	for _, name := range slices.Sorted(maps.Keys(devs)) {
		if isRootDisk(devs[name]) {
			return name
		}
	}
	return ""
}

// Config keys IAB sets or removes on every target copy so that the backup
// can never start by itself.
const (
	keyAutostart = "boot.autostart"
	keyLastPower = "volatile.last_state.power"
	idmapPrefix  = "volatile.idmap."
)

// targetConfig returns the config a target copy gets on creation: the
// source's, never autostarting, without the last power state (which would
// otherwise start the copy when the target daemon restarts).
func targetConfig(src map[string]string) map[string]string {
	out := maps.Clone(src)
	if out == nil {
		out = map[string]string{}
	}
	delete(out, keyLastPower)
	out[keyAutostart] = "false"
	return out
}

// mergeTargetConfig returns the config to write to an existing target copy
// after a refresh (the server does not update it): the source's as in
// targetConfig, but with the target's own volatile.idmap.* keys, which
// describe how the copy's files are shifted on the target.
func mergeTargetConfig(src, target map[string]string) map[string]string {
	out := targetConfig(src)
	for k := range out {
		if strings.HasPrefix(k, idmapPrefix) {
			delete(out, k)
		}
	}
	for k, v := range target {
		if strings.HasPrefix(k, idmapPrefix) {
			out[k] = v
		}
	}
	return out
}

// mergeTargetDevices returns the devices to write to an existing target
// copy: the planned ones, but with the target's root pool. An existing copy
// stays on the pool it was created on (Incus cannot move a root disk by a
// config update), as `incus copy --refresh` does.
func mergeTargetDevices(planned, target devices) devices {
	out := make(devices, len(planned))
	for name, d := range planned {
		out[name] = maps.Clone(d)
	}
	pk, tk := rootDiskKey(out), rootDiskKey(target)
	if pk != "" && pk == tk && target[tk]["pool"] != "" {
		out[pk]["pool"] = target[tk]["pool"]
	}
	return out
}
