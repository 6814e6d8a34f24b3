// Package lock keeps two IAB runs from overlapping: an exclusive, non-blocking
// flock on a file that also records the holder's pid for the error message.
//
// The lock belongs to the open file description, so it is released when the
// process exits, however it exits; a stale file left behind by a killed run
// never blocks the next one.
package lock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrHeld is wrapped by the error Acquire returns when another process holds
// the lock.
var ErrHeld = errors.New("lock held by another process")

// HeldError says who holds the lock.
type HeldError struct {
	Path string
	PID  int // 0 if the holder's pid could not be read
}

func (e *HeldError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("another iab run holds the lock %s (pid %d)", e.Path, e.PID)
	}
	return fmt.Sprintf("another iab run holds the lock %s", e.Path)
}

// Is makes errors.Is(err, ErrHeld) true for a *HeldError.
func (e *HeldError) Is(target error) bool { return target == ErrHeld }

// Lock is a held lock; Release lets it go.
type Lock struct {
	f *os.File
}

// Acquire takes the lock at path without waiting, creating the file and its
// directory if needed. If another process holds it, the error is a *HeldError.
func Acquire(path string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := flock(f); err != nil {
		pid := readPID(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &HeldError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	// Record our pid for whoever finds the lock held. A failure here only
	// makes that message less precise, never the lock less exclusive.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

func flock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// Release unlocks. The file stays (removing it would race with a process
// that just opened it). Release on a nil Lock is a no-op.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the only descriptor drops the flock
	l.f = nil
	return err
}
