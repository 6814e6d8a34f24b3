package main

import (
	"errors"
	"fmt"
	"io"
)

// Exit codes. Documented in the root command's help; the only place errors
// become numbers is exitCode.
const (
	exitOK      = 0 // everything succeeded
	exitFailure = 1 // a resource failed, a server was unreachable, the lock was held
	exitUsage   = 2 // bad flags or arguments, invalid config: nothing was touched
)

const exitCodesHelp = `Exit codes:
  0  success
  1  the run failed (a resource failed, a server could not be reached, another run holds the lock)
  2  usage or configuration error (nothing was changed on any server)`

// usageError marks errors caused by how IAB was invoked or configured.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// newUsageError wraps err so that it exits with exitUsage.
func newUsageError(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err: err}
}

// usageErrorf formats a usage error.
func usageErrorf(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...)}
}

// errFailed is returned when the work was done but something failed; the
// details were already reported, so only the exit code is left to set.
var errFailed = errors.New("run failed")

func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	default:
		return exitFailure
	}
}

// reportError prints err in one line unless it was already reported.
func reportError(w io.Writer, err error) {
	if err == nil || errors.Is(err, errFailed) {
		return
	}
	fmt.Fprintf(w, "iab: %v\n", err)
}
