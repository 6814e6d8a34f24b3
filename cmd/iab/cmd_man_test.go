package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

func testEnv() (*environment, *bytes.Buffer, *bytes.Buffer) {
	var stdout, stderr bytes.Buffer
	return &environment{
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(string) string { return "" },
		now:    time.Now,
	}, &stdout, &stderr
}

// fullTree is the command tree as a user sees it: with the operator
// commands (added here too until root.go wires them, harmlessly after) and
// cobra's help command.
func fullTree(env *environment) *cobra.Command {
	root := newRootCommand(env)
	have := map[string]bool{}
	for _, c := range root.Commands() {
		have[c.Name()] = true
	}
	if !have["man"] {
		root.AddCommand(newManCommand(env))
	}
	if !have["check"] {
		root.AddCommand(newCheckCommand(env, &globalOptions{}))
	}
	if !have["completion"] {
		root.AddCommand(newCompletionCommand())
	}
	root.InitDefaultHelpCmd()
	return root
}

func TestEveryCommandHasAnExample(t *testing.T) {
	env, _, _ := testEnv()
	n := 0
	walkCommands(fullTree(env), func(c *cobra.Command) {
		n++
		if c.Name() == "help" && c.Parent() == c.Root() {
			return // cobra's builtin help
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%q has no Example", c.CommandPath())
		}
	})
	if n < 8 {
		t.Errorf("walked only %d commands", n)
	}
}

func TestManPagesForEveryCommand(t *testing.T) {
	env, stdout, _ := testEnv()
	root := fullTree(env)
	dir := filepath.Join(t.TempDir(), "man1")
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01: reproducible date
	if err := runMan(env, root, dir); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), dir) {
		t.Errorf("stdout does not name the directory: %q", stdout.String())
	}
	walkCommands(root, func(c *cobra.Command) {
		if !c.IsAvailableCommand() && c != root {
			return
		}
		name := strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", c.CommandPath(), err)
			return
		}
		page := string(data)
		if !strings.Contains(page, `.TH "IAB" "1" "Jan 2026"`) {
			t.Errorf("%s: unexpected header:\n%.200s", name, page)
		}
		if c.Example == "" {
			return
		}
		if !strings.Contains(page, "EXAMPLE") {
			t.Errorf("%s has no EXAMPLE section", name)
		}
		// roff escapes '-' as '\-': compare the first example line so.
		first := strings.TrimSpace(strings.SplitN(c.Example, "\n", 2)[0])
		if !strings.Contains(page, strings.ReplaceAll(first, "-", `\-`)) && !strings.Contains(page, first) {
			t.Errorf("%s lacks its example %q", name, first)
		}
	})
	for _, want := range []string{"iab.1", "iab-run.1", "iab-check.1", "iab-man.1", "iab-onboard.1", "iab-completion-bash.1"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}
	root1, _ := os.ReadFile(filepath.Join(dir, "iab.1"))
	if !strings.Contains(string(root1), "Exit codes") {
		t.Error("iab.1 does not document the exit codes")
	}
}

func TestManNeedsADirectory(t *testing.T) {
	env, _, stderr := testEnv()
	if code := execute(context.Background(), env, []string{"man"}); code != exitUsage {
		t.Errorf("iab man without DIR: exit %d, want %d (stderr %q)", code, exitUsage, stderr.String())
	}
}

// The completion command works and knows IAB's subcommands and flags.
func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		env, stdout, stderr := testEnv()
		root := fullTree(env)
		root.SetArgs([]string{"completion", shell})
		root.SetOut(env.stdout)
		root.SetErr(env.stderr)
		if err := root.Execute(); err != nil {
			t.Fatalf("completion %s: %v: %s", shell, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), "iab") || stdout.Len() < 500 {
			t.Errorf("completion %s: implausible script (%d bytes)", shell, stdout.Len())
		}
	}
	// What the shells ask at TAB: subcommands of "iab ".
	env, stdout, _ := testEnv()
	execute(context.Background(), env, []string{"__complete", ""})
	for _, want := range []string{"run", "onboard", "version", "completion"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("completion of subcommands lacks %q:\n%s", want, stdout.String())
		}
	}
	// Flags, in kebab-case.
	env, stdout, _ = testEnv()
	execute(context.Background(), env, []string{"__complete", "run", "--dry"})
	if !strings.Contains(stdout.String(), "--dry-run") {
		t.Errorf("completion of run flags lacks --dry-run:\n%s", stdout.String())
	}
}

// Through execute, as main runs it: the script goes to env.stdout, not to
// the process's stdout.
func TestCompletionThroughExecute(t *testing.T) {
	env, stdout, stderr := testEnv()
	if code := execute(context.Background(), env, []string{"completion", "bash"}); code != exitOK {
		t.Fatalf("iab completion bash: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "__start_iab") {
		t.Errorf("iab completion bash did not write its script to stdout (%d bytes)", stdout.Len())
	}
}
