package fetch

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

// fakeClock records waits and moves its time on by them instead of
// sleeping.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

func TestBackoff(t *testing.T) {
	const s = time.Second
	tests := []struct {
		attempt int
		rand    float64
		want    time.Duration
	}{
		{0, 0, s / 2},
		{0, 0.5, 3 * s / 4},
		{1, 0, s},
		{2, 0, 2 * s},
		{3, 0.999999, 8*s - 4*time.Microsecond},
		{5, 0, 15 * s},  // 32 s, capped at 30
		{6, 0, 15 * s},  // the cap, halved by the jitter's floor
		{60, 0, 15 * s}, // no overflow
	}
	for _, tt := range tests {
		got := backoff(tt.attempt, s, 30*s, func() float64 { return tt.rand })
		if got != tt.want {
			t.Errorf("backoff(%d, rand %v) = %v, want %v", tt.attempt, tt.rand, got, tt.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"7", 7 * time.Second, true},
		{" 0 ", 0, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"", 0, false},
		{"-3", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.v != "" {
			h.Set("Retry-After", tt.v)
		}
		got, ok := retryAfter(h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

// TestHostInterval checks that request starts to one host are spaced by
// the interval and that a pause holds them all.
func TestHostInterval(t *testing.T) {
	c := newFakeClock()
	h := newHost("x", 2, time.Second, c)
	ctx := context.Background()
	for range 3 {
		if err := h.acquire(ctx); err != nil {
			t.Fatal(err)
		}
		h.release()
	}
	h.pause(10 * time.Second)
	if err := h.acquire(ctx); err != nil {
		t.Fatal(err)
	}
	h.release()
	want := []time.Duration{time.Second, time.Second, 10 * time.Second}
	if got := c.waits(); !equalDurations(got, want) {
		t.Errorf("waits = %v, want %v", got, want)
	}
	h.block(ErrChallenge)
	if err := h.acquire(ctx); err != ErrChallenge {
		t.Errorf("acquire on a blocked host = %v", err)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
