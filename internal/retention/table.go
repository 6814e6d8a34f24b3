package retention

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteTable writes the plan as an aligned table for dry runs and logs:
// NAME, AGE, ACTION (keep or remove) and REASONS.
func (p Plan) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tAGE\tACTION\tREASONS")
	for _, e := range p.Entries {
		age, action, reasons := "-", "remove", "-"
		if e.IAB {
			age = formatAge(p.now.Sub(e.Time))
		}
		if e.Keep {
			action = "keep"
			reasons = strings.Join(e.Reasons, "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Name, age, action, reasons)
	}
	return tw.Flush()
}

// formatAge is compact and uses the policy units, at most two of them
// ("3d4h", "45min", "in 2min" for the future).
func formatAge(d time.Duration) string {
	if d < 0 {
		// time.Time.Sub saturates, and -minDuration would still be negative.
		return "in " + formatAge(max(-d, -(d+1)))
	}
	parts := []unit{{"d", 24 * time.Hour}, {"h", time.Hour}, {"min", time.Minute}, {"s", time.Second}}
	var b strings.Builder
	used := 0
	for _, u := range parts {
		if n := d / u.d; n > 0 && used < 2 {
			fmt.Fprintf(&b, "%d%s", n, u.name)
			d -= n * u.d
			used++
		} else if used > 0 {
			break // keep the two units adjacent: "3d4h", never "3d10s"
		}
	}
	if used == 0 {
		return "0s"
	}
	return b.String()
}
