package committee

import (
	"sync/atomic"
	"time"
)

// clock is what Now reads: time.Now, unless a test set another clock.
var clock atomic.Pointer[func() time.Time]

// Now is the time the workflows decide by (deadlines, expiry, reminders). Code that a test
// must be able to move in time reads Now instead of time.Now.
func Now() time.Time {
	if f := clock.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

// SetClock makes Now answer f until the returned restore runs. For tests: the browser journeys
// move the server's clock past a deadline with it.
func SetClock(f func() time.Time) (restore func()) {
	old := clock.Swap(&f)
	return func() { clock.Store(old) }
}

// Offset is a clock that runs d ahead of the real time.
func Offset(d time.Duration) func() time.Time {
	return func() time.Time { return time.Now().Add(d) }
}
