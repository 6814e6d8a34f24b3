package backup

import (
	"maps"
	"reflect"
	"testing"
)

func TestPlanDevices(t *testing.T) {
	profileRoot := map[string]string{"type": "disk", "path": "/", "pool": "default"}
	local := devices{
		"eth0":  {"type": "nic", "network": "srcnet", "name": "eth0"},
		"eth1":  {"type": "nic", "network": "shared", "name": "eth1"},
		"phys":  {"type": "nic", "nictype": "macvlan", "parent": "eno1"},
		"data":  {"type": "disk", "pool": "default", "source": "gone", "path": "/data"},
		"kept":  {"type": "disk", "pool": "fast", "source": "there", "path": "/kept"},
		"host":  {"type": "disk", "source": "/srv", "path": "/srv"},
		"gpu":   {"type": "gpu"},
		"proxy": {"type": "proxy", "listen": "tcp:0.0.0.0:80", "connect": "tcp:127.0.0.1:80"},
	}
	expanded := maps.Clone(local)
	expanded["root"] = profileRoot
	expanded["profnic"] = map[string]string{"type": "nic", "network": "srcnet"}
	expanded["profdisk"] = map[string]string{"type": "disk", "source": "/opt", "path": "/opt"}
	has := targetHas{
		Networks: map[string]bool{"shared": true},
		Volumes:  map[[2]string]bool{{"fast", "there"}: true},
	}
	localBefore := deepCopy(local)
	expandedBefore := deepCopy(expanded)

	got, dropped := planDevices(local, expanded, []string{"gpu", "profdisk", "nosuch"}, has, "fast")

	want := devices{
		"eth1":     local["eth1"],
		"phys":     local["phys"],
		"kept":     local["kept"],
		"host":     local["host"],
		"proxy":    local["proxy"],
		"profnic":  {"type": "none"},                              // masks the profile's NIC
		"profdisk": {"type": "none"},                              // masks the excluded profile device
		"root":     {"type": "disk", "path": "/", "pool": "fast"}, // local override of the profile's root
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("devices:\n got %v\nwant %v", got, want)
	}
	wantDropped := []droppedDevice{
		{"data", "custom volume default/gone does not exist on the target"},
		{"eth0", "managed network srcnet does not exist on the target"},
		{"gpu", "listed in excludeDevices"},
		{"profdisk", "listed in excludeDevices"},
		{"profnic", "managed network srcnet does not exist on the target"},
	}
	if !reflect.DeepEqual(dropped, wantDropped) {
		t.Errorf("dropped:\n got %v\nwant %v", dropped, wantDropped)
	}
	if !reflect.DeepEqual(local, localBefore) || !reflect.DeepEqual(expanded, expandedBefore) {
		t.Error("planDevices modified its input")
	}
	// The profile's root disk itself is untouched.
	if profileRoot["pool"] != "default" {
		t.Error("profile root changed")
	}
}

func TestPlanDevicesLocalRoot(t *testing.T) {
	local := devices{"root": {"type": "disk", "path": "/", "pool": "default", "size": "10GiB"}}
	got, dropped := planDevices(local, local, nil, targetHas{}, "fast")
	if len(dropped) != 0 {
		t.Errorf("dropped %v", dropped)
	}
	if want := (devices{"root": {"type": "disk", "path": "/", "pool": "fast", "size": "10GiB"}}); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if local["root"]["pool"] != "default" {
		t.Error("input modified")
	}
	// No storage configured: the root disk stays as it is.
	got, _ = planDevices(local, local, nil, targetHas{}, "")
	if !reflect.DeepEqual(got, local) {
		t.Errorf("without storage: got %v, want %v", got, local)
	}
}

func TestReferencedObjects(t *testing.T) {
	expanded := devices{
		"a":    {"type": "nic", "network": "n1"},
		"b":    {"type": "nic", "network": "n1"},
		"c":    {"type": "nic", "network": "n2"},
		"x":    {"type": "nic", "network": "excluded"},
		"v":    {"type": "disk", "pool": "p", "source": "vol", "path": "/v"},
		"root": {"type": "disk", "pool": "p", "path": "/"},
		"host": {"type": "disk", "source": "/srv", "path": "/srv"},
	}
	got := referencedObjects(expanded, []string{"x"})
	want := deviceRefs{Networks: []string{"n1", "n2"}, Volumes: [][2]string{{"p", "vol"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestTargetConfig(t *testing.T) {
	src := map[string]string{
		"boot.autostart":            "true",
		"volatile.last_state.power": "RUNNING",
		"limits.cpu":                "2",
		"volatile.idmap.next":       "src-next",
		"volatile.idmap.base":       "0",
		"volatile.eth0.hwaddr":      "00:16:3e:00:00:01",
	}
	first := targetConfig(src)
	if first["boot.autostart"] != "false" || first["limits.cpu"] != "2" {
		t.Errorf("targetConfig: %v", first)
	}
	if _, ok := first["volatile.last_state.power"]; ok {
		t.Errorf("targetConfig kept the last power state: %v", first)
	}
	if src["boot.autostart"] != "true" {
		t.Error("targetConfig modified its input")
	}
	if got := targetConfig(nil); got["boot.autostart"] != "false" {
		t.Errorf("targetConfig(nil) = %v", got)
	}

	target := map[string]string{
		"volatile.idmap.next":       "tgt-next",
		"volatile.idmap.current":    "tgt-current",
		"volatile.last_state.power": "STOPPED",
		"limits.cpu":                "1",
		"user.stale":                "x",
	}
	merged := mergeTargetConfig(src, target)
	want := map[string]string{
		"boot.autostart":         "false",
		"limits.cpu":             "2",        // source config wins
		"volatile.idmap.next":    "tgt-next", // the target's own idmap
		"volatile.idmap.current": "tgt-current",
		"volatile.eth0.hwaddr":   "00:16:3e:00:00:01",
	}
	if !reflect.DeepEqual(merged, want) {
		t.Errorf("mergeTargetConfig:\n got %v\nwant %v", merged, want)
	}
}

func TestMergeTargetDevices(t *testing.T) {
	planned := devices{"root": {"type": "disk", "path": "/", "pool": "fast"}, "eth1": {"type": "nic", "network": "n"}}
	target := devices{"root": {"type": "disk", "path": "/", "pool": "default"}}
	got := mergeTargetDevices(planned, target)
	if got["root"]["pool"] != "default" {
		t.Errorf("root pool %q, want the target's (an existing copy keeps its pool)", got["root"]["pool"])
	}
	if planned["root"]["pool"] != "fast" {
		t.Error("input modified")
	}
	if !reflect.DeepEqual(got["eth1"], planned["eth1"]) {
		t.Errorf("eth1 %v", got["eth1"])
	}
}

func deepCopy(d devices) devices {
	out := devices{}
	for k, v := range d {
		out[k] = maps.Clone(v)
	}
	return out
}
