package config

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a config, found while decoding or
// validating it.
type Problem struct {
	// Path is the JSON path of the offending value, such as
	// "projects[1].instances[0].storage" or
	// "retention.hosts.target.projects.default.volumes.byName.v1". A map key
	// that is not made of letters, digits, '-' and '_' is written quoted in
	// brackets: byName["db.data"]. Path is "" for the document as a whole
	// (a syntax error, an empty file).
	Path    string
	Message string
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Error lists every problem found in a config. Load, Parse and Validate
// return it as a *Error, so that callers can list the problems one by one
// (errors.As).
type Error struct {
	Problems []Problem
	// File is the config file's path when the config came from Load. Error()
	// then prefixes each problem with FILE:LINE:COLUMN, like a compiler.
	File string

	// at maps a problem path to where it is in the file, when known.
	at map[string]position
}

type position struct{ line, col int }

// Error returns one line per problem, "path: message", prefixed with
// "file:line:column: " when the config was read by Load.
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if e.File != "" {
			b.WriteString(e.File)
			if pos, ok := e.at[p.Path]; ok && p.Path != "" {
				fmt.Fprintf(&b, ":%d:%d", pos.line, pos.col)
			}
			b.WriteString(": ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// problems collects Problems under JSON paths.
type problems []Problem

func (ps *problems) add(path, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// sortByPath orders problems by path, comparing array indices as numbers
// (projects[2] before projects[10]). The sort is stable: problems on the same
// path keep the order in which they were found.
func sortByPath(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return comparePaths(a.Path, b.Path) })
}

// sortByOffset orders problems by where they are in the file (off gives the
// byte offset of a path, or of its nearest ancestor present in the file),
// then by path.
func sortByOffset(ps []Problem, off func(path string) int) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := cmp.Compare(off(a.Path), off(b.Path)); c != 0 {
			return c
		}
		return comparePaths(a.Path, b.Path)
	})
}

// comparePaths compares two paths byte by byte, except that runs of digits
// compare by numeric value.
func comparePaths(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			da, db := digitRun(a), digitRun(b)
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitRun(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// Path building. Every path in this package is built with these three, so
// paths from decoding and from validation match.

func field(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

func index(parent string, i int) string {
	return parent + "[" + strconv.Itoa(i) + "]"
}

// key is the path of a map entry: parent.key if key is a plain word,
// parent["key"] otherwise.
func key(parent, k string) string {
	if isPlainKey(k) {
		return field(parent, k)
	}
	return parent + "[" + strconv.Quote(k) + "]"
}

func isPlainKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// ancestors returns the paths enclosing path, innermost first, ending with
// the root "". It parses what field, index and key build.
func ancestors(path string) []string {
	var ends []int // end offset of each segment
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			i++
		case '[':
			if i+1 < len(path) && path[i+1] == '"' {
				q, err := strconv.QuotedPrefix(path[i+1:])
				if err != nil {
					return []string{""} // not built by key; give up
				}
				i += 1 + len(q) + 1 // [ "..." ]
			} else {
				j := strings.IndexByte(path[i:], ']')
				if j < 0 {
					return []string{""}
				}
				i += j + 1
			}
			ends = append(ends, i)
			continue
		default:
			for i < len(path) && path[i] != '.' && path[i] != '[' {
				i++
			}
			ends = append(ends, i)
			continue
		}
	}
	out := make([]string, 0, len(ends))
	for j := len(ends) - 2; j >= 0; j-- {
		out = append(out, path[:ends[j]])
	}
	return append(out, "")
}

// related reports whether one path is the other or encloses it.
func related(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if !strings.HasPrefix(b, a) {
		return false
	}
	return len(a) == len(b) || a == "" || b[len(a)] == '.' || b[len(a)] == '['
}
