// Command iab backs up one Incus server to another: snapshot, refresh copy, prune.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	// SIGINT/SIGTERM cancel the context; the pipeline restarts anything it
	// stopped before returning, so an interrupted run leaves no instance down.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	env := &environment{
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		now:    time.Now,
	}
	os.Exit(execute(ctx, env, os.Args[1:]))
}
