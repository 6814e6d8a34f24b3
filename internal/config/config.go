package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
)

// Kinds of resources, as named in the retention tree
// (retention.hosts.<role>.projects.<project>.<kind>).
const (
	KindInstances = "instances"
	KindVolumes   = "volumes"
)

// Load reads the config file at path and parses it (see Parse). An error
// reading the file names the path; a config that does not parse or validate
// yields a *Error whose lines start with path:line:column.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err) // *PathError names the file
	}
	c, err := Parse(data)
	if e, ok := err.(*Error); ok {
		e.File = path
	}
	return c, err
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Parse decodes a config strictly, applies defaults and validates it. On
// failure it returns a nil *Config and a *Error listing every problem:
//
//   - a syntax error (with line and column), an empty document or data after
//     the top-level object, alone, since nothing else can be trusted then;
//   - otherwise every unknown field, duplicate key and value of the wrong type,
//     together with every problem Validate finds (except those about values
//     that had the wrong type, which would only repeat them).
//
// JSON null is accepted anywhere below the top level and means "not set",
// as with encoding/json.
func Parse(data []byte) (*Config, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	s := checkStructure(data)
	if s.fatal {
		return nil, &Error{Problems: s.problems}
	}
	var c Config
	// The structure check has seen every value; values of the wrong type
	// (already reported) are left at their zero value by Unmarshal.
	_ = json.Unmarshal(data, &c)
	c.setDefaults()

	ps := s.problems
	if err := c.Validate(); err != nil {
		for _, p := range err.(*Error).Problems {
			if !slices.ContainsFunc(s.typeErrs, func(t string) bool { return related(t, p.Path) }) {
				ps = append(ps, p)
			}
		}
	}
	if len(ps) == 0 {
		return &c, nil
	}
	sortByOffset(ps, func(path string) int { return int(s.offset(path)) })
	e := &Error{Problems: ps, at: map[string]position{}}
	for _, p := range ps {
		line, col := s.lineCol(s.offset(p.Path))
		e.at[p.Path] = position{line, col}
	}
	return nil, e
}

// setDefaults fills in what an empty field means.
func (c *Config) setDefaults() {
	for i := range c.Projects {
		if c.Projects[i].Mode == "" {
			c.Projects[i].Mode = ModePush
		}
	}
}

// Source returns the host with role source (the zero Host if there is
// none, which a validated config rules out).
func (c *Config) Source() Host { return c.host(RoleSource) }

// Target returns the host with role target (the zero Host if there is
// none, which a validated config rules out).
func (c *Config) Target() Host { return c.host(RoleTarget) }

func (c *Config) host(role string) Host {
	for _, h := range c.Hosts {
		if h.Role == role {
			return h
		}
	}
	return Host{}
}
