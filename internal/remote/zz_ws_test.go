package remote

import (
	"context"
	"testing"
	"time"
)

func TestZZWs(t *testing.T) {
	s, err := Connect(context.Background(), "/tmp/onb1/creds", "source", "x", "https://127.0.0.1:18443")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.UseProject("default")
	for i := 0; i < 4; i++ {
		time.Sleep(40 * time.Second)
		s.mu.Lock()
		active := len(s.listeners) > 0 && s.listeners[0].IsActive()
		s.mu.Unlock()
		t.Logf("after %ds: listener active %v dials %d", (i+1)*40, active, s.Dials())
	}
}
