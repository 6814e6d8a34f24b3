package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// structure is what checkStructure learnt about a document.
type structure struct {
	problems  problems
	typeErrs  []string         // paths of values with the wrong type
	offsets   map[string]int64 // path -> byte offset where its value starts
	fatal     bool             // the document could not be walked at all
	data      []byte
	dec       *json.Decoder
	lineStart []int // lazily built: offsets at which lines start
}

var configType = reflect.TypeFor[Config]()

// checkStructure walks the JSON document token by token against the shape of
// Config and reports, all at once and by JSON path, every unknown field,
// duplicate key and value of the wrong type; encoding/json stops at the
// first of these. It also records where each value starts, for line:column
// in messages.
//
// A syntax error (including data after the top-level object) or an empty
// document ends the check: the result then holds that one problem and fatal
// is set.
func checkStructure(data []byte) *structure {
	s := &structure{offsets: map[string]int64{}, data: data}
	if len(bytes.TrimLeft(data, " \t\r\n")) == 0 {
		s.problems.add("", "empty file: want a JSON object with iab, hosts, projects and retention")
		s.fatal = true
		return s
	}
	// encoding/json's own syntax check gives exact offsets (the decoder's
	// Token does not) and rejects data after the top-level value.
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		s.syntax(err)
		return s
	}
	s.dec = json.NewDecoder(bytes.NewReader(data))
	s.dec.UseNumber()
	if err := s.value("", configType); err != nil {
		s.syntax(err) // not expected after the check above
	}
	return s
}

// syntax replaces all problems by the syntax error err.
func (s *structure) syntax(err error) {
	msg := err.Error()
	// The end of the input: just past its last non-blank byte.
	off := int64(len(bytes.TrimRight(s.data, " \t\r\n")))
	var se *json.SyntaxError
	if errors.As(err, &se) && !strings.Contains(msg, "unexpected end of JSON input") {
		off = max(se.Offset-1, 0) // Offset counts the offending byte
	} else if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of file"
	}
	line, col := s.lineCol(off)
	s.problems = problems{{Message: fmt.Sprintf("syntax error at line %d, column %d: %s", line, col, msg)}}
	s.fatal = true
}

// next returns the offset of the next token: the decoder's offset past any
// white space and the ',' or ':' before the token.
func (s *structure) next() int64 {
	off := s.dec.InputOffset()
	for off < int64(len(s.data)) && strings.IndexByte(" \t\r\n,:", s.data[off]) >= 0 {
		off++
	}
	return off
}

// value checks the value at path against type t. It returns only errors
// that end the walk (syntax errors); mismatches are recorded as problems.
func (s *structure) value(path string, t reflect.Type) error {
	start := s.next()
	tok, err := s.dec.Token()
	if err != nil {
		return err
	}
	if _, ok := s.offsets[path]; !ok { // object members are located at their key
		s.offsets[path] = start
	}
	if tok == nil {
		// null leaves the zero value, as with encoding/json: a config
		// written by json.Marshal has "excludeDevices": null and the like.
		if path == "" {
			s.typeError(path, t, tok)
		}
		return nil
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := tok.(string); ok {
			return nil
		}
	case reflect.Bool:
		if _, ok := tok.(bool); ok {
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if n, ok := tok.(json.Number); ok {
			if err := checkNumber(n, t); err != nil {
				s.problems.add(path, "%v", err)
				s.typeErrs = append(s.typeErrs, path)
			}
			return nil
		}
	case reflect.Interface:
		return s.skip(tok)
	case reflect.Slice:
		if tok == json.Delim('[') {
			for i := 0; s.dec.More(); i++ {
				if err := s.value(index(path, i), t.Elem()); err != nil {
					return err
				}
			}
			_, err := s.dec.Token() // ]
			return err
		}
	case reflect.Map:
		if tok == json.Delim('{') && t.Key().Kind() == reflect.String {
			return s.object(path, func(k string) (string, reflect.Type, bool) {
				return key(path, k), t.Elem(), true
			})
		}
	case reflect.Struct:
		if tok == json.Delim('{') {
			fields := jsonFields(t)
			return s.object(path, func(k string) (string, reflect.Type, bool) {
				if i := slices.IndexFunc(fields, func(f jsonField) bool { return f.name == k }); i >= 0 {
					return field(path, k), fields[i].typ, true
				}
				s.problems.add(key(path, k), "unknown field%s", suggest(k, fields))
				return key(path, k), nil, false
			})
		}
	}
	s.typeError(path, t, tok)
	return s.skip(tok)
}

// object walks the members of an object whose '{' has been read. member
// maps a key to the member's path and type, or reports it unknown.
func (s *structure) object(path string, member func(k string) (string, reflect.Type, bool)) error {
	seen := map[string]bool{}
	for s.dec.More() {
		start := s.next()
		tok, err := s.dec.Token()
		if err != nil {
			return err
		}
		k, ok := tok.(string)
		if !ok { // unreachable: the decoder only returns strings as keys
			return fmt.Errorf("object key is %T", tok)
		}
		p, t, known := member(k)
		s.offsets[p] = start // a repeated key is located at its last occurrence
		if seen[k] {
			s.problems.add(p, "duplicate key: %q appears more than once in this object", k)
		}
		seen[k] = true
		if !known {
			tok, err := s.dec.Token()
			if err != nil {
				return err
			}
			if err := s.skip(tok); err != nil {
				return err
			}
			continue
		}
		if err := s.value(p, t); err != nil {
			return err
		}
	}
	_, err := s.dec.Token() // }
	return err
}

// skip consumes the rest of a value whose first token is tok.
func (s *structure) skip(tok json.Token) error {
	if tok != json.Delim('{') && tok != json.Delim('[') {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := s.dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

func (s *structure) typeError(path string, t reflect.Type, tok json.Token) {
	if path == "" {
		s.problems.add(path, "the config must be a JSON object, got %s", tokenKind(tok))
	} else {
		s.problems.add(path, "want %s, got %s", jsonKind(t), tokenKind(tok))
	}
	s.typeErrs = append(s.typeErrs, path)
}

// lineCol turns a byte offset into a 1-based line and column (in
// characters).
func (s *structure) lineCol(off int64) (line, col int) {
	if s.lineStart == nil {
		s.lineStart = []int{0}
		for i, c := range s.data {
			if c == '\n' {
				s.lineStart = append(s.lineStart, i+1)
			}
		}
	}
	o := int(min(max(off, 0), int64(len(s.data))))
	i, found := slices.BinarySearch(s.lineStart, o)
	if !found {
		i--
	}
	return i + 1, utf8.RuneCount(s.data[s.lineStart[i]:o]) + 1
}

// offset returns where path's value starts in the file, or, for a value that
// is absent, where its nearest enclosing value starts.
func (s *structure) offset(path string) int64 {
	if off, ok := s.offsets[path]; ok {
		return off
	}
	for _, a := range ancestors(path) {
		if off, ok := s.offsets[a]; ok {
			return off
		}
	}
	return 0
}

type jsonField struct {
	name string
	typ  reflect.Type
}

// jsonFields lists the JSON members of struct type t, in declaration order.
func jsonFields(t reflect.Type) []jsonField {
	var fs []jsonField
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fs = append(fs, jsonField{name, f.Type})
	}
	return fs
}

// suggest returns a hint for an unknown field k: the known field it most
// likely misspells, or the list of known fields.
func suggest(k string, fields []jsonField) string {
	best, bestDist := "", 3 // at most 2 edits away
	for _, f := range fields {
		if strings.EqualFold(f.name, k) {
			return fmt.Sprintf(" (did you mean %q? names are case-sensitive)", f.name)
		}
		if d := editDistance(strings.ToLower(k), strings.ToLower(f.name)); d < bestDist {
			best, bestDist = f.name, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return " (known fields: " + strings.Join(names, ", ") + ")"
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func checkNumber(n json.Number, t reflect.Type) error {
	var err error
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		_, err = strconv.ParseFloat(string(n), t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		_, err = strconv.ParseUint(string(n), 10, t.Bits())
	default:
		_, err = strconv.ParseInt(string(n), 10, t.Bits())
	}
	if err != nil {
		return fmt.Errorf("want %s, got %s", jsonKind(t), n)
	}
	return nil
}

// jsonKind names what JSON value Go type t decodes from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a value"
}

// tokenKind names the JSON value that starts with tok.
func tokenKind(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("a string (%s)", abbreviate(strconv.Quote(v)))
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		return "a number (" + abbreviate(string(v)) + ")"
	case json.Delim:
		if v == '[' {
			return "an array"
		}
		return "an object"
	}
	return fmt.Sprintf("%T", tok)
}

func abbreviate(s string) string {
	const maxLen = 40
	if utf8.RuneCountInString(s) <= maxLen {
		return s
	}
	r := []rune(s)
	return string(r[:maxLen-1]) + "…"
}
