package retention

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Rule keeps, among snapshots younger than TTL, the newest one in each
// Period-sized, epoch-aligned bucket.
type Rule struct {
	Period time.Duration
	TTL    time.Duration
}

// String returns the rule in policy syntax, e.g. "1h2d".
func (r Rule) String() string {
	return formatDuration(r.Period) + formatDuration(r.TTL)
}

// Policy is a parsed retention policy. The zero Policy is empty: it prunes
// nothing.
type Policy struct {
	// KeepNewest keeps the newest N IAB snapshots whatever their age.
	KeepNewest int
	// Rules are sorted by period, shortest first; periods are distinct.
	Rules []Rule
}

// IsEmpty reports whether the policy selects nothing, which means: prune
// nothing.
func (p Policy) IsEmpty() bool {
	return p.KeepNewest == 0 && len(p.Rules) == 0
}

// String returns the canonical text: N first, rules by period, each amount
// in the largest unit that divides it exactly ("60min14d" -> "1h2w").
// ParsePolicy(p.String()) gives p back.
func (p Policy) String() string {
	parts := make([]string, 0, len(p.Rules)+1)
	if p.KeepNewest != 0 {
		parts = append(parts, strconv.Itoa(p.KeepNewest))
	}
	for _, r := range p.Rules {
		parts = append(parts, r.String())
	}
	return strings.Join(parts, ",")
}

// unit lengths are fixed: "m" is 30 days and "y" 365 days, never calendar
// months or years. Largest first, which formatDuration relies on.
type unit struct {
	name string
	d    time.Duration
}

var units = []unit{
	{"y", 365 * 24 * time.Hour},
	{"m", 30 * 24 * time.Hour},
	{"w", 7 * 24 * time.Hour},
	{"d", 24 * time.Hour},
	{"h", time.Hour},
	{"min", time.Minute},
	{"s", time.Second},
}

const unitHint = "s, min, h, d, w, m (30 days) or y (365 days)"

// maxYears is the longest duration that fits time.Duration, in whole years.
var maxYears = int64(math.MaxInt64 / int64(units[0].d))

func formatDuration(d time.Duration) string {
	if d > 0 {
		for _, u := range units {
			if d%u.d == 0 {
				return strconv.FormatInt(int64(d/u.d), 10) + u.name
			}
		}
	}
	return d.String() // only reachable for hand-built, invalid rules
}

// ParsePolicy parses "[N,]<period><ttl>[,...]". The empty string is the empty
// policy (prune nothing); a blank or malformed one is an error that quotes
// the offending element, gives its position (1-based) and says what was
// expected.
func ParsePolicy(s string) (Policy, error) {
	var p Policy
	if s == "" {
		return p, nil
	}
	if strings.TrimSpace(s) == "" {
		return p, fmt.Errorf("retention policy %q is blank: want [N,]<period><ttl>[,...] such as \"6,1h2d,1d2w\", or \"\" to prune nothing", s)
	}
	firstElem := map[time.Duration]int{} // period -> position that set it
	elems := strings.Split(s, ",")
	for i, e := range elems {
		pos := i + 1
		n, r, isCount, err := parseElement(e)
		switch {
		case err == nil && isCount && pos != 1:
			err = errors.New("a bare number (keep the newest N) is only allowed as the first element")
		case err == nil && !isCount:
			if prev, dup := firstElem[r.Period]; dup {
				err = fmt.Errorf("period %s already used by element %d %q; use one rule per period", formatDuration(r.Period), prev, elems[prev-1])
			}
		}
		if err != nil {
			return Policy{}, fmt.Errorf("retention policy %q: element %d %q: %w", s, pos, e, err)
		}
		if isCount {
			p.KeepNewest = n
			continue
		}
		firstElem[r.Period] = pos
		p.Rules = append(p.Rules, r)
	}
	slices.SortFunc(p.Rules, func(a, b Rule) int { return compareDuration(a.Period, b.Period) })
	return p, nil
}

func compareDuration(a, b time.Duration) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// parseElement parses one comma-separated element: a bare count or a rule.
func parseElement(e string) (count int, r Rule, isCount bool, err error) {
	switch {
	case e == "":
		return 0, r, false, errors.New("empty element: remove the extra comma")
	case strings.ContainsFunc(e, unicode.IsSpace):
		return 0, r, false, errors.New("whitespace is not allowed: write elements like \"6\" or \"1h2d\" with nothing around them")
	case strings.HasPrefix(e, "-"):
		return 0, r, false, errors.New("negative numbers are not allowed")
	}
	if _, ok := digits(e); ok {
		n, err := strconv.Atoi(e)
		switch {
		case err != nil:
			return 0, r, false, fmt.Errorf("keep-newest count is too large")
		case n == 0:
			return 0, r, false, errors.New("keep-newest count must be at least 1 (leave it out to keep no fixed number)")
		}
		return n, r, true, nil
	}
	period, rest, err := parseQuantity(e, "period")
	if err != nil {
		return 0, r, false, err
	}
	if rest == "" {
		return 0, r, false, fmt.Errorf("missing the ttl after period %q: want <period><ttl> such as \"1h2d\"", e)
	}
	ttl, rest, err := parseQuantity(rest, "ttl")
	if err != nil {
		return 0, r, false, err
	}
	if rest != "" {
		return 0, r, false, fmt.Errorf("unexpected %q after the ttl: want exactly <period><ttl> such as \"1h2d\"", rest)
	}
	if period > ttl {
		return 0, r, false, fmt.Errorf("period %s is longer than ttl %s: the period must not exceed the ttl", formatDuration(period), formatDuration(ttl))
	}
	return 0, Rule{Period: period, TTL: ttl}, false, nil
}

// parseQuantity reads <amount><unit> from the front of s.
func parseQuantity(s, what string) (d time.Duration, rest string, err error) {
	if strings.HasPrefix(s, "-") {
		return 0, "", errors.New("negative numbers are not allowed")
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, "", fmt.Errorf("want a whole number for the %s, found %q", what, s)
	}
	j := i
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	num, unitName := s[:i], s[i:j]
	if unitName == "" {
		if j == len(s) {
			return 0, "", fmt.Errorf("missing the unit after %s %q: want one of %s", what, num, unitHint)
		}
		return 0, "", fmt.Errorf("unexpected %q after %s %q: want a whole number and a unit (%s)", s[j:], what, num, unitHint)
	}
	ui := slices.IndexFunc(units, func(u unit) bool { return u.name == unitName })
	if ui < 0 {
		return 0, "", fmt.Errorf("unknown unit %q in %s %q: want one of %s", unitName, what, s[:j], unitHint)
	}
	u := units[ui].d
	n, perr := strconv.ParseInt(num, 10, 64)
	if perr != nil || n > math.MaxInt64/int64(u) {
		return 0, "", fmt.Errorf("%s %q is too long: at most %dy", what, s[:j], maxYears)
	}
	if n == 0 {
		return 0, "", fmt.Errorf("%s %q must be greater than zero", what, s[:j])
	}
	return time.Duration(n) * u, s[j:], nil
}

func isLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// validate checks a policy that may have been built by hand rather than by
// ParsePolicy, against the same constraints. MakePlan prunes nothing for an
// invalid policy rather than guess.
func (p Policy) validate() error {
	if p.KeepNewest < 0 {
		return fmt.Errorf("keep-newest count %d is negative", p.KeepNewest)
	}
	seen := make(map[time.Duration]bool, len(p.Rules))
	for _, r := range p.Rules {
		switch {
		case r.Period <= 0 || r.TTL <= 0:
			return fmt.Errorf("rule %s: period and ttl must be positive", r)
		case r.Period%time.Second != 0 || r.TTL%time.Second != 0:
			return fmt.Errorf("rule %s: period and ttl must be whole seconds", r)
		case r.Period > r.TTL:
			return fmt.Errorf("rule %s: period is longer than ttl", r)
		case seen[r.Period]:
			return fmt.Errorf("rule %s: period used twice", r)
		}
		seen[r.Period] = true
	}
	return nil
}
