package remote

import (
	"context"
	"testing"
	"time"
)

func TestZZIdle(t *testing.T) {
	s, err := Connect(context.Background(), "/tmp/onb1/creds", "source", "x", "https://127.0.0.1:18443")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, d := range []time.Duration{30 * time.Second, 100 * time.Second, 200 * time.Second} {
		time.Sleep(d)
		_, _, err := s.GetServer()
		t.Logf("after idle %s: err %v dials %d", d, err, s.Dials())
	}
}
