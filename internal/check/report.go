package check

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/iab-project/iab/internal/config"
	"github.com/iab-project/iab/internal/retention"
)

// resolvePolicies lists the effective policy of every configured resource on
// both sides. A refresh copy deletes every target snapshot the source no
// longer has, so the target can only hold what the source holds: IAB prunes
// the source by policy and the target deletes only what is gone from the
// source. With iOSFix the source's policy alone decides (the target's is
// not used); without it the source keeps what either policy keeps, so that
// the target's longer history exists at all.
func resolvePolicies(cfg *config.Config, policies Policies, iOSFix bool) []PolicyLine {
	if policies == nil {
		return nil
	}
	var lines []PolicyLine
	add := func(project, kind, configKind, name string) {
		sp, sFrom := policies.Policy(config.RoleSource, project, configKind, name)
		tp, tFrom := policies.Policy(config.RoleTarget, project, configKind, name)
		src := PolicyLine{Project: project, Kind: kind, Name: name, Side: config.RoleSource, Policy: policyText(sp), From: fromText(sFrom)}
		dst := PolicyLine{Project: project, Kind: kind, Name: name, Side: config.RoleTarget, Policy: src.Policy}
		switch {
		case iOSFix:
			dst.From = "as the source (--ios-fix)"
			if tp.String() != sp.String() {
				dst.From += fmt.Sprintf("; configured %s (%s) is not used", policyText(tp), fromText(tFrom))
			}
		case tp.IsEmpty() && !sp.IsEmpty():
			// No target policy keeps everything, and the source keeps what
			// either policy keeps: nothing is pruned (as pruneplan does).
			src.Policy = policyText(tp)
			src.From = fmt.Sprintf("%s + target's %s (--ios-fix=false: the source also keeps what the target's policy keeps, and no policy keeps everything)", fromText(sFrom), fromText(tFrom))
			dst.Policy = src.Policy
			dst.From = "as the source (a refresh copy keeps only what the source has)"
		case tp.String() != sp.String():
			src.Policy = policyText(sp) + " + " + tp.String()
			src.From = fmt.Sprintf("%s + target's %s (--ios-fix=false: the source also keeps what the target's policy keeps)", fromText(sFrom), fromText(tFrom))
			dst.Policy = src.Policy
			dst.From = "as the source (a refresh copy keeps only what the source has)"
		default:
			dst.From = "as the source (a refresh copy keeps only what the source has)"
		}
		lines = append(lines, src, dst)
	}
	for _, p := range cfg.Projects {
		for _, inst := range p.Instances {
			add(p.Name, KindInstance, config.KindInstances, inst.Name)
		}
		for _, vol := range p.Volumes {
			add(p.Name, KindVolume, config.KindVolumes, vol.Name)
		}
	}
	return lines
}

func fromText(from string) string {
	if from == "" {
		return "no policy configured"
	}
	return from
}

func policyText(p retention.Policy) string {
	if p.IsEmpty() {
		return "(none: prunes nothing)"
	}
	return p.String()
}

// Write prints the report for an operator: servers, retention, warnings,
// problems and a one-line verdict.
func (r *Report) Write(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("Servers:\n")
	for _, s := range r.Servers {
		switch {
		case !s.Connected:
			ew.printf("  %s: NOT connected\n", s.Label)
		case s.Version != "":
			ew.printf("  %s: connected, Incus %s\n", s.Label, s.Version)
		default:
			ew.printf("  %s: connected\n", s.Label)
		}
	}
	if len(r.Policies) > 0 {
		ew.printf("\nRetention (IAB prunes only its own IAB_* snapshots):\n")
		tw := tabwriter.NewWriter(ew, 2, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  PROJECT\tKIND\tNAME\tSIDE\tPOLICY\tFROM\n")
		for _, l := range r.Policies {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", l.Project, l.Kind, l.Name, l.Side, l.Policy, l.From)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(r.Warnings) > 0 {
		ew.printf("\nWarnings (%d):\n", len(r.Warnings))
		for _, p := range r.Warnings {
			ew.printf("  %s\n", p)
		}
	}
	if len(r.Problems) > 0 {
		ew.printf("\nProblems (%d):\n", len(r.Problems))
		for _, p := range r.Problems {
			ew.printf("  %s\n", p)
		}
		ew.printf("\ncheck: FAILED, %d problem(s) found; nothing was changed\n", len(r.Problems))
	} else {
		ew.printf("\ncheck: OK, no problems found; nothing was changed\n")
	}
	return ew.err
}

// errWriter keeps the first write error so printing code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}
