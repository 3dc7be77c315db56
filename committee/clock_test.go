package committee

import (
	"testing"
	"time"
)

func TestClock(t *testing.T) {
	restore := SetClock(Offset(72 * time.Hour))
	if d := time.Until(Now()); d < 71*time.Hour || d > 73*time.Hour {
		t.Fatalf("Now is %v ahead, want 72h", d)
	}
	restore()
	if d := time.Until(Now()); d > time.Second || d < -time.Second {
		t.Fatalf("after restore Now is %v off", d)
	}
}
