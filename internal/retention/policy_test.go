package retention

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

const day = 24 * time.Hour

func TestParsePolicy(t *testing.T) {
	tests := []struct {
		in        string
		want      Policy
		canonical string
	}{
		{"", Policy{}, ""},
		{"6,1h2d,1d2w,1w3m", Policy{KeepNewest: 6, Rules: []Rule{
			{time.Hour, 2 * day}, {day, 14 * day}, {7 * day, 90 * day},
		}}, "6,1h2d,1d2w,1w3m"},
		{"36", Policy{KeepNewest: 36}, "36"},
		{"1h2d", Policy{Rules: []Rule{{time.Hour, 2 * day}}}, "1h2d"},
		{"1d1w", Policy{Rules: []Rule{{day, 7 * day}}}, "1d1w"},
		{"15min1d,1d2w", Policy{Rules: []Rule{{15 * time.Minute, day}, {day, 14 * day}}}, "15min1d,1d2w"},
		// "m" is months and "min" minutes.
		{"1min1h", Policy{Rules: []Rule{{time.Minute, time.Hour}}}, "1min1h"},
		{"5min2d", Policy{Rules: []Rule{{5 * time.Minute, 2 * day}}}, "5min2d"},
		{"1d1m", Policy{Rules: []Rule{{day, 30 * day}}}, "1d1m"},
		{"1m1y", Policy{Rules: []Rule{{30 * day, 365 * day}}}, "1m1y"},
		{"30s5min", Policy{Rules: []Rule{{30 * time.Second, 5 * time.Minute}}}, "30s5min"},
		// Period equal to ttl is allowed: one bucket's worth, at most two kept.
		{"1d1d", Policy{Rules: []Rule{{day, day}}}, "1d1d"},
		// Rules are sorted by period; amounts shown in the largest exact unit.
		{"1d2w,1h2d", Policy{Rules: []Rule{{time.Hour, 2 * day}, {day, 14 * day}}}, "1h2d,1d2w"},
		{"60min14d", Policy{Rules: []Rule{{time.Hour, 14 * day}}}, "1h2w"},
		{"24h365d", Policy{Rules: []Rule{{day, 365 * day}}}, "1d1y"},
		{"06,01h02d", Policy{KeepNewest: 6, Rules: []Rule{{time.Hour, 2 * day}}}, "6,1h2d"},
		// The longest ttl that fits time.Duration.
		{"1d292y", Policy{Rules: []Rule{{day, 292 * 365 * day}}}, "1d292y"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParsePolicy(tt.in)
			if err != nil {
				t.Fatalf("ParsePolicy(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParsePolicy(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if s := got.String(); s != tt.canonical {
				t.Errorf("String() = %q, want %q", s, tt.canonical)
			}
			again, err := ParsePolicy(got.String())
			if err != nil || !reflect.DeepEqual(again, got) {
				t.Errorf("ParsePolicy(String()) = %#v, %v; want %#v", again, err, got)
			}
			if got.IsEmpty() != (tt.in == "") {
				t.Errorf("IsEmpty() = %v", got.IsEmpty())
			}
		})
	}
}

func TestParsePolicyErrors(t *testing.T) {
	tests := []struct {
		in   string
		want []string // substrings of the message, besides the quoted policy
	}{
		{" ", []string{"is blank", "want [N,]<period><ttl>"}},
		{"\t\n", []string{"is blank"}},
		{"6,,1h2d", []string{`element 2 ""`, "empty element"}},
		{",6", []string{`element 1 ""`, "empty element"}},
		{"6,", []string{`element 2 ""`, "empty element"}},
		{"1x2d", []string{`element 1 "1x2d"`, `unknown unit "x"`, "want one of s, min, h, d, w, m (30 days) or y (365 days)"}},
		{"1h2q", []string{`unknown unit "q" in ttl "2q"`}},
		{"1H2D", []string{`unknown unit "H"`}},
		{"1mins1h", []string{`unknown unit "mins"`}},
		{"1h2dx", []string{`unknown unit "dx"`}},
		{"0h2d", []string{`element 1 "0h2d"`, `period "0h" must be greater than zero`}},
		{"1h0d", []string{`ttl "0d" must be greater than zero`}},
		{"0", []string{`element 1 "0"`, "must be at least 1"}},
		{"0,1h2d", []string{`element 1 "0"`, "must be at least 1"}},
		{"1d1h", []string{`element 1 "1d1h"`, "period 1d is longer than ttl 1h"}},
		{"1m1w", []string{"period 1m is longer than ttl 1w"}},
		{"1h2d,6", []string{`element 2 "6"`, "only allowed as the first element"}},
		{"6,7", []string{`element 2 "7"`, "only allowed as the first element"}},
		{"1h2d,1h3d", []string{`element 2 "1h3d"`, `period 1h already used by element 1 "1h2d"`}},
		{"6,60min2d,1h3d", []string{`element 3 "1h3d"`, `period 1h already used by element 2 "60min2d"`}},
		{" 6,1h2d", []string{`element 1 " 6"`, "whitespace is not allowed"}},
		{"6, 1h2d", []string{`element 2 " 1h2d"`, "whitespace is not allowed"}},
		{"6,1h2d ", []string{`element 2 "1h2d "`, "whitespace is not allowed"}},
		{"-6", []string{`element 1 "-6"`, "negative numbers are not allowed"}},
		{"-1h2d", []string{"negative numbers are not allowed"}},
		{"1h-2d", []string{`element 1 "1h-2d"`, "negative numbers are not allowed"}},
		{"99999999999y", []string{`element 1 "99999999999y"`, `period "99999999999y" is too long: at most 292y`}},
		{"1d99999999999y", []string{`ttl "99999999999y" is too long`}},
		{"1d293y", []string{`ttl "293y" is too long`}},
		{"1d99999999999999999999999s", []string{"is too long"}},
		{"99999999999999999999", []string{"keep-newest count is too large"}},
		{"1h2d3", []string{`unexpected "3" after the ttl`, `want exactly <period><ttl>`}},
		{"1h2d!", []string{`unexpected "!" after the ttl`}},
		{"1h", []string{`element 1 "1h"`, `missing the ttl`}},
		{"h2d", []string{`want a whole number for the period, found "h2d"`}},
		{"1.5h2d", []string{`unexpected ".5h2d" after period "1"`}},
		{"1h2", []string{`missing the unit after ttl "2"`}},
		{"6;1h2d", []string{`element 1 "6;1h2d"`, `unexpected ";1h2d"`}},
		{"+6", []string{`want a whole number for the period, found "+6"`}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := ParsePolicy(tt.in)
			if err == nil {
				t.Fatalf("ParsePolicy(%q) = %v, want an error", tt.in, p)
			}
			msg := err.Error()
			for _, w := range append([]string{`retention policy "` + strings.ReplaceAll(strings.ReplaceAll(tt.in, "\t", `\t`), "\n", `\n`) + `"`}, tt.want...) {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			if !reflect.DeepEqual(p, Policy{}) {
				t.Errorf("a failed parse returned %#v, want the zero Policy", p)
			}
		})
	}
}

func TestPolicyStringHandBuilt(t *testing.T) {
	p := Policy{KeepNewest: 2, Rules: []Rule{{90 * time.Second, 36 * time.Hour}}}
	if got, want := p.String(), "2,90s36h"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
