package lock

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestAcquireRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "iab.lock")
	l, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(data)); got != strconv.Itoa(os.Getpid()) {
		t.Errorf("lock file holds %q, want our pid %d", got, os.Getpid())
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	// Released: it can be taken again.
	l2, err := Acquire(path)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
	var nilLock *Lock
	if err := nilLock.Release(); err != nil {
		t.Errorf("nil Release: %v", err)
	}
}

func TestHeldInSameProcess(t *testing.T) {
	// flock locks belong to open file descriptions, so a second open in the
	// same process conflicts just like another process would.
	path := filepath.Join(t.TempDir(), "iab.lock")
	l, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	_, err = Acquire(path)
	var held *HeldError
	if !errors.As(err, &held) || !errors.Is(err, ErrHeld) {
		t.Fatalf("second Acquire: %v, want *HeldError", err)
	}
	want := "another iab run holds the lock " + path + " (pid " + strconv.Itoa(os.Getpid()) + ")"
	if err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
}

// TestHeldByOtherProcess holds the lock from a child process (flock(1)) and
// checks the message names it; a stale pid in the file must not block.
func TestHeldByOtherProcess(t *testing.T) {
	if _, err := exec.LookPath("flock"); err != nil {
		// util-linux is essential on Debian: its absence is a broken machine.
		t.Fatalf("flock(1) not found (util-linux): %v", err)
	}
	path := filepath.Join(t.TempDir(), "iab.lock")
	if err := os.WriteFile(path, []byte("999999\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A stale file with a dead pid is not a lock.
	l, err := Acquire(path)
	if err != nil {
		t.Fatalf("stale lock file blocked: %v", err)
	}
	l.Release()

	cmd := exec.Command("flock", "-n", path, "sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err = Acquire(path)
		if errors.Is(err, ErrHeld) || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !errors.Is(err, ErrHeld) {
		t.Fatalf("Acquire while flock(1) holds it: %v, want ErrHeld", err)
	}
	if !strings.Contains(err.Error(), "another iab run holds the lock "+path) {
		t.Errorf("message %q", err.Error())
	}
}
