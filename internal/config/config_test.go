package config

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/*.want from the current output")

// Every sample config must load.
func TestValidSamples(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.json")
	if len(files) == 0 {
		t.Fatal("no valid samples")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c, err := Load(f)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if err := c.Validate(); err != nil {
				t.Errorf("Validate after Load: %v", err)
			}
			if c.Source().Role != RoleSource || c.Target().Role != RoleTarget {
				t.Errorf("Source() = %+v, Target() = %+v", c.Source(), c.Target())
			}
			for _, p := range c.Projects {
				if p.Mode == "" {
					t.Errorf("project %q: mode not defaulted", p.Name)
				}
			}
		})
	}
}

// Every file in testdata/invalid must fail with exactly the problems listed
// in the .want file next to it: one line per problem, in order, each line a
// prefix of the problem's "path: message" (so a line may stop after the
// path, or after a stable part of a message that another package writes).
// go test -run TestInvalidSamples -update rewrites the .want files in full.
func TestInvalidSamples(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.json")
	if len(files) == 0 {
		t.Fatal("no invalid samples")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c, err := Load(f)
			if err == nil {
				t.Fatalf("Load succeeded: %+v", c)
			}
			if c != nil {
				t.Errorf("Load returned a config with an error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not a *Error: %v", err, err)
			}
			var got []string
			for _, p := range e.Problems {
				got = append(got, p.String())
			}
			wantFile := strings.TrimSuffix(f, ".json") + ".want"
			if *update {
				if err := os.WriteFile(wantFile, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			data, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			want := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
			ok := len(got) == len(want)
			for i := 0; ok && i < len(want); i++ {
				ok = strings.HasPrefix(got[i], want[i]) && want[i] != ""
			}
			if !ok {
				t.Errorf("problems:\n\t%s\nwant (prefixes):\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
			}
		})
	}
}

func TestLoadErrorNamesFileLineColumn(t *testing.T) {
	tests := []struct {
		file string
		want string // a line of Error()
	}{
		{"testdata/invalid/unknown_field_deep.json", `testdata/invalid/unknown_field_deep.json:11:24: projects[0].instances[1].stroage: unknown field (did you mean "storage"?)`},
		{"testdata/invalid/syntax_error.json", `testdata/invalid/syntax_error.json: syntax error at line 4, column 3: invalid character '}' looking for beginning of object key string`},
		{"testdata/invalid/truncated.json", `testdata/invalid/truncated.json: syntax error at line 3, column 19: unexpected end of file`},
		{"testdata/invalid/empty.json", `testdata/invalid/empty.json: empty file`},
		// A missing field is located at the object that lacks it.
		{"testdata/invalid/missing_project_name.json", `testdata/invalid/missing_project_name.json:7:5: projects[0].name: must be set`},
	}
	for _, tt := range tests {
		_, err := Load(tt.file)
		if err == nil {
			t.Errorf("%s: no error", tt.file)
			continue
		}
		if !slices.ContainsFunc(strings.Split(err.Error(), "\n"), func(l string) bool { return strings.HasPrefix(l, tt.want) }) {
			t.Errorf("%s: error\n\t%s\nhas no line starting\n\t%s", tt.file, strings.ReplaceAll(err.Error(), "\n", "\n\t"), tt.want)
		}
	}
}

func TestErrorOnePerLine(t *testing.T) {
	_, err := Parse(readFile(t, "testdata/invalid/all_at_once.json"))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(e.Problems) {
		t.Fatalf("%d lines for %d problems:\n%s", len(lines), len(e.Problems), err)
	}
	for i, p := range e.Problems {
		if lines[i] != p.Path+": "+p.Message {
			t.Errorf("line %d = %q, want %q", i, lines[i], p.Path+": "+p.Message)
		}
	}
}

// What `iab onboard` writes (json.MarshalIndent of a Config with no
// projects yet) must load, with warnings at most.
func TestParseMarshalledConfig(t *testing.T) {
	in := Config{
		IAB: IAB{CredDir: "/root/.config/incusAutobackup", UUID: "0f8fad5b-d9cb-469f-a165-70867728950e"},
		Hosts: []Host{
			{Name: "prod", URL: "https://10.0.0.1:8443", Role: RoleSource},
			{Name: "prod-target", URL: "https://10.0.0.2:8443", Role: RoleTarget},
		},
		Projects:  []Project{},
		Retention: Retention{Hosts: map[string]RoleRetention{}},
	}
	data, err := json.MarshalIndent(in, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse:\n%s\n%v", data, err)
	}
	if !reflect.DeepEqual(*c, in) {
		t.Errorf("Parse = %+v, want %+v", *c, in)
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.json")
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(%q) = %v, want an error naming the file that wraps os.ErrNotExist", path, err)
	}
}

// Values of the wrong type are reported once, not again by validation
// (a name that is a number must not also be "must be set").
func TestWrongTypeNotRepeated(t *testing.T) {
	_, err := Parse(readFile(t, "testdata/invalid/all_at_once.json"))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	n := 0
	for _, p := range e.Problems {
		if p.Path == "projects[0].name" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d problems for projects[0].name, want 1:\n%v", n, err)
	}
}

func TestParseDefaultsAndHosts(t *testing.T) {
	c, err := Load("testdata/valid/modes.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Source(); got.Name != "source-second" {
		t.Errorf("Source() = %+v", got)
	}
	if got := c.Target(); got.Name != "target-first" {
		t.Errorf("Target() = %+v", got)
	}
	c, err = Load("testdata/valid/minimal.json")
	if err != nil {
		t.Fatal(err)
	}
	if m := c.Projects[0].Mode; m != ModePush {
		t.Errorf("default mode = %q, want %q", m, ModePush)
	}
	var empty Config
	if h := empty.Source(); h != (Host{}) {
		t.Errorf("Source() of an empty config = %+v", h)
	}
}

// Validate works on a config built in code: all problems, sorted by path
// with indices in numeric order, and an empty mode means push.
func TestValidateBuiltConfig(t *testing.T) {
	c := &Config{
		Hosts: []Host{
			{Name: "s", URL: "https://s:8443", Role: RoleSource},
			{Name: "t", URL: "https://t:8443", Role: RoleTarget},
		},
	}
	for i := range 12 {
		c.Projects = append(c.Projects, Project{Name: "p" + string(rune('a'+i)), Instances: []Instance{{Name: "c"}}})
	}
	err := c.Validate()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Validate = %v", err)
	}
	var paths []string
	for _, p := range e.Problems {
		paths = append(paths, p.Path)
	}
	want := []string{}
	for i := range 12 {
		want = append(want, index("projects", i)+".instances[0].storage")
	}
	if !slices.Equal(paths, want) {
		t.Errorf("paths:\n%q\nwant\n%q", paths, want)
	}
	for i := range c.Projects {
		c.Projects[i].Instances[0].Storage = "default"
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate = %v", err)
	}
	if c.Projects[0].Mode != "" {
		t.Errorf("Validate modified the config")
	}
}

func TestWarnings(t *testing.T) {
	c, err := Parse([]byte(`{
  "iab": {"iabCredDir": "creds", "gotifyOnSuccess": true, "healthchecksUrl": "http://hc.lan/ping/x"},
  "hosts": [
    {"name": "s", "url": "https://s:8443", "role": "source"},
    {"name": "t", "url": "https://t:8443", "role": "target"}
  ],
  "projects": [
    {"name": "default", "instances": [{"name": "web", "storage": "default"}, {"name": "db", "storage": "default"}]},
    {"name": "empty"}
  ],
  "retention": {"hosts": {
    "source": {"projects": {"default": {"instances": {"byName": {"web": "7"}}}}},
    "target": {"projects": {
      "default": {"instances": {"byName": {"web": "7", "gone": "7"}}, "volumes": {"byName": {"web": "7"}}},
      "other": {"default": "7"}
    }}
  }}
}`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range c.Warnings() {
		got = append(got, w.Path)
	}
	want := []string{
		"iab.gotifyOnSuccess",
		"iab.healthchecksUrl",
		"iab.iabCredDir",
		"projects[0].instances[1]", // db: no policy on the source, web has one
		"projects[1]",              // nothing to back up
		"retention.hosts.target.projects.default.instances.byName.gone",
		"retention.hosts.target.projects.default.volumes.byName.web",
		"retention.hosts.target.projects.other",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings at:\n%q\nwant\n%q\n%v", got, want, c.Warnings())
	}
	c, err = Load("testdata/valid/minimal.json")
	if err != nil {
		t.Fatal(err)
	}
	if w := c.Warnings(); len(w) != 1 || w[0].Path != "retention.hosts.source" {
		t.Errorf("warnings of a config without retention: %v", w)
	}
	ex, err := Load("../../config.json.example")
	if err != nil {
		t.Fatal(err)
	}
	if w := ex.Warnings(); len(w) != 0 {
		t.Errorf("the example has warnings: %v", w)
	}
}

func TestComparePaths(t *testing.T) {
	sortedPaths := []string{
		"",
		"hosts",
		"hosts[2].url",
		"hosts[10].name",
		"iab.uuid",
		"projects[1].instances[9].name",
		"projects[1].instances[10].name",
		"projects[02].name",
		"projects[10]",
	}
	for i := range sortedPaths {
		for j := range sortedPaths {
			got := comparePaths(sortedPaths[i], sortedPaths[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got != want {
				t.Errorf("comparePaths(%q, %q) = %d, want %d", sortedPaths[i], sortedPaths[j], got, want)
			}
		}
	}
}

func TestPathsAndAncestors(t *testing.T) {
	p := key(field(field(key(field("retention.hosts.target", "projects"), "default"), "volumes"), "byName"), `db.data["x"]`)
	if want := `retention.hosts.target.projects.default.volumes.byName["db.data[\"x\"]"]`; p != want {
		t.Fatalf("path = %s, want %s", p, want)
	}
	got := ancestors(p)
	want := []string{
		"retention.hosts.target.projects.default.volumes.byName",
		"retention.hosts.target.projects.default.volumes",
		"retention.hosts.target.projects.default",
		"retention.hosts.target.projects",
		"retention.hosts.target",
		"retention.hosts",
		"retention",
		"",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ancestors:\n%q\nwant\n%q", got, want)
	}
	if got := ancestors("projects[3].instances[0].name"); !slices.Equal(got, []string{"projects[3].instances[0]", "projects[3].instances", "projects[3]", "projects", ""}) {
		t.Errorf("ancestors = %q", got)
	}
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"projects[1]", "projects[1].name", true},
		{"projects[1].name", "projects[1]", true},
		{"projects[1]", "projects[10]", false},
		{"hosts", "hosts[0]", true},
		{"iab.gotifyUrl", "iab.gotifyOnSuccess", false},
		{"", "anything", true},
	} {
		if got := related(tt.a, tt.b); got != tt.want {
			t.Errorf("related(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// The example documents every field: each JSON field of every struct in
// Config appears in it at least once.
func TestExampleShowsEveryField(t *testing.T) {
	var doc any
	if err := json.Unmarshal(readFile(t, "../../config.json.example"), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var walk func(v any, typ reflect.Type)
	walk = func(v any, typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Struct:
			m, _ := v.(map[string]any)
			for _, f := range jsonFields(typ) {
				if fv, ok := m[f.name]; ok {
					seen[typ.Name()+"."+f.name] = true
					walk(fv, f.typ)
				}
			}
		case reflect.Slice:
			a, _ := v.([]any)
			for _, e := range a {
				walk(e, typ.Elem())
			}
		case reflect.Map:
			m, _ := v.(map[string]any)
			for _, e := range m {
				walk(e, typ.Elem())
			}
		}
	}
	walk(doc, configType)
	var all func(typ reflect.Type, done map[reflect.Type]bool)
	all = func(typ reflect.Type, done map[reflect.Type]bool) {
		switch typ.Kind() {
		case reflect.Slice, reflect.Map:
			all(typ.Elem(), done)
		case reflect.Struct:
			if done[typ] {
				return
			}
			done[typ] = true
			for _, f := range jsonFields(typ) {
				if !seen[typ.Name()+"."+f.name] {
					t.Errorf("config.json.example does not show %s.%s", typ.Name(), f.name)
				}
				all(f.typ, done)
			}
		}
	}
	all(configType, map[reflect.Type]bool{})
}

func TestExample(t *testing.T) {
	c, err := Load("../../config.json.example")
	if err != nil {
		t.Fatal(err)
	}
	if c.Source().Name != "prod" || c.Target().Name != "backup" {
		t.Errorf("hosts: source %+v, target %+v", c.Source(), c.Target())
	}
	modes := map[string]string{}
	for _, p := range c.Projects {
		modes[p.Name] = p.Mode
	}
	if modes["default"] != ModePush || modes["customers"] != ModePull {
		t.Errorf("modes = %v", modes)
	}
	tests := []struct {
		role, project, kind, name string
		wantPath, wantPolicy      string
	}{
		{RoleTarget, "default", KindInstances, "db", "retention.hosts.target.projects.default.instances.byName.db", "12,1h2d,1d1m,1w6m"},
		{RoleTarget, "default", KindInstances, "web", "retention.hosts.target.projects.default.default", "6,1d2w,1w3m"},
		{RoleTarget, "default", KindVolumes, "web-data", "retention.hosts.target.projects.default.volumes.byName.web-data", "1d1w"},
		{RoleTarget, "default", KindVolumes, "db-dumps", "retention.hosts.target.projects.default.volumes.default", "6,1d1m"},
		{RoleTarget, "customers", KindInstances, "shop", "retention.hosts.target.projects.customers.instances.default", "6,1d1m,1m1y"},
		{RoleTarget, "customers", KindVolumes, "any", "retention.hosts.target.default", "6,1h2d,1d2w,1w3m"},
		{RoleSource, "default", KindInstances, "db", "retention.hosts.source.default", "6,1h2d"},
		{RoleSource, "customers", KindInstances, "shop", "retention.hosts.source.default", "6,1h2d"},
	}
	for _, tt := range tests {
		p, path := c.Policy(tt.role, tt.project, tt.kind, tt.name)
		if path != tt.wantPath || p.String() != tt.wantPolicy {
			t.Errorf("Policy(%s, %s, %s, %s) = %q from %s, want %q from %s", tt.role, tt.project, tt.kind, tt.name, p, path, tt.wantPolicy, tt.wantPath)
		}
	}
}

const resolutionConfig = `{
  "hosts": [
    {"name": "s", "url": "https://s:8443", "role": "source"},
    {"name": "t", "url": "https://t:8443", "role": "target"}
  ],
  "projects": [{"name": "p", "instances": [{"name": "a", "storage": "x"}]}],
  "retention": {
    "hosts": {
      "source": {
        "default": "",
        "projects": {"p": {"default": "", "instances": {"default": "", "byName": {"a": ""}}}}
      },
      "target": {
        "default": "1",
        "projects": {
          "p": {
            "default": "2",
            "instances": {"default": "3", "byName": {"a": "4", "empty": "", "db.data": "5"}},
            "volumes": {"default": "", "byName": {"a": "6"}}
          },
          "q": {
            "instances": {"byName": {"a": "7"}}
          },
          "r": {
            "default": "",
            "volumes": {"default": "8"}
          }
        }
      }
    }
  }
}`

func TestPolicy(t *testing.T) {
	c, err := Parse([]byte(resolutionConfig))
	if err != nil {
		t.Fatal(err)
	}
	const tp = "retention.hosts.target"
	tests := []struct {
		name                      string
		role, project, kind, item string
		wantPath, wantPolicy      string
	}{
		{"byName", RoleTarget, "p", KindInstances, "a", tp + ".projects.p.instances.byName.a", "4"},
		{"byName needing quotes", RoleTarget, "p", KindInstances, "db.data", tp + `.projects.p.instances.byName["db.data"]`, "5"},
		{"empty byName falls to kind default", RoleTarget, "p", KindInstances, "empty", tp + ".projects.p.instances.default", "3"},
		{"absent byName falls to kind default", RoleTarget, "p", KindInstances, "zzz", tp + ".projects.p.instances.default", "3"},
		{"byName of the other kind does not apply", RoleTarget, "p", KindInstances, "b", tp + ".projects.p.instances.default", "3"},
		{"volume byName", RoleTarget, "p", KindVolumes, "a", tp + ".projects.p.volumes.byName.a", "6"},
		{"empty kind default falls to project default", RoleTarget, "p", KindVolumes, "b", tp + ".projects.p.default", "2"},
		{"absent kind and project default fall to role default", RoleTarget, "q", KindInstances, "b", tp + ".default", "1"},
		{"absent kind falls through", RoleTarget, "q", KindVolumes, "a", tp + ".default", "1"},
		{"empty project default falls to role default", RoleTarget, "r", KindInstances, "a", tp + ".default", "1"},
		{"kind default under an empty project default", RoleTarget, "r", KindVolumes, "a", tp + ".projects.r.volumes.default", "8"},
		{"absent project", RoleTarget, "nope", KindInstances, "a", tp + ".default", "1"},
		{"all levels empty", RoleSource, "p", KindInstances, "a", "", ""},
		{"absent role", "backup", "p", KindInstances, "a", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, path := c.Policy(tt.role, tt.project, tt.kind, tt.item)
			if path != tt.wantPath || p.String() != tt.wantPolicy {
				t.Errorf("Policy(%s, %s, %s, %s) = %q from %q, want %q from %q", tt.role, tt.project, tt.kind, tt.item, p, path, tt.wantPolicy, tt.wantPath)
			}
			if tt.wantPath == "" && !p.IsEmpty() {
				t.Errorf("no policy found but %q is not empty", p)
			}
		})
	}
}

// A policy that does not parse (possible only in a config that was not
// validated) resolves to the empty policy, at its own path: it never falls
// through to a less specific level, which might prune more.
func TestPolicyInvalidDoesNotFallThrough(t *testing.T) {
	c := &Config{Retention: Retention{Hosts: map[string]RoleRetention{
		RoleTarget: {Default: "1", Projects: map[string]ProjectRetention{
			"p": {Instances: KindRetention{ByName: map[string]string{"a": "bogus"}}},
		}},
	}}}
	p, path := c.Policy(RoleTarget, "p", KindInstances, "a")
	if !p.IsEmpty() || path != "retention.hosts.target.projects.p.instances.byName.a" {
		t.Errorf("Policy = %q from %q", p, path)
	}
	if c.Validate() == nil {
		t.Error("Validate accepted a bad policy")
	}
}

func TestPolicyUnknownKindPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	(&Config{}).Policy(RoleTarget, "p", "instance", "a")
}

// Whatever Parse accepts is valid, and survives a round trip through
// json.Marshal (which writes nil slices and maps as null).
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata/valid/*.json", "testdata/invalid/*.json"} {
		files, _ := filepath.Glob(dir)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(resolutionConfig))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Problems) == 0 || c != nil {
				t.Fatalf("Parse error %T %v with config %v", err, err, c)
			}
			_ = err.Error()
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("Parse accepted an invalid config: %v", err)
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := Parse(out)
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(c, c2) {
			t.Fatalf("round trip changed the config:\n%+v\n%+v", c, c2)
		}
		_ = c.Warnings()
	})
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
