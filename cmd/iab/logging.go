package main

import (
	"log/slog"
)

// newLogger builds the run's logger from --log-level and --log-format. Logs go
// to stderr so that plans and summaries on stdout stay clean.
func newLogger(env *environment, gopts *globalOptions) *slog.Logger {
	var level slog.Level
	switch gopts.logLevel {
	case "debug":
		level = slog.LevelDebug
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	default:
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if gopts.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(env.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(env.stderr, opts))
}
