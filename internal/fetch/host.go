package fetch

import (
	"context"
	"sync"
	"time"
)

// host keeps the politeness owed to one server: at most perHost requests
// at a time, request starts at least interval apart, a pause the server
// asked for (Retry-After) respected by every request, and a stop for the
// rest of the run once it answers with a bot challenge.
type host struct {
	name     string
	clock    Clock
	interval time.Duration
	slots    chan struct{}

	mu      sync.Mutex
	next    time.Time // earliest start of the next request
	blocked error     // set once the host challenged us
}

func newHost(name string, perHost int, interval time.Duration, clock Clock) *host {
	return &host{name: name, clock: clock, interval: interval, slots: make(chan struct{}, max(1, perHost))}
}

// acquire waits for a slot and for the host's next start time; release
// must follow.
func (h *host) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	h.mu.Lock()
	if h.blocked != nil {
		h.mu.Unlock()
		<-h.slots
		return h.blocked
	}
	now := h.clock.Now()
	start := now
	if h.next.After(start) {
		start = h.next
	}
	h.next = start.Add(h.interval)
	h.mu.Unlock()
	if wait := start.Sub(now); wait > 0 {
		if err := h.clock.Sleep(ctx, wait); err != nil {
			<-h.slots
			return err
		}
	}
	return nil
}

func (h *host) release() { <-h.slots }

// pause holds every request to the host until now+d, as a 429 or 503 with
// Retry-After asks.
func (h *host) pause(d time.Duration) {
	h.mu.Lock()
	if t := h.clock.Now().Add(d); t.After(h.next) {
		h.next = t
	}
	h.mu.Unlock()
}

// block stops the host for the rest of the run; it reports whether this
// call was the first to do so.
func (h *host) block(err error) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.blocked != nil {
		return false
	}
	h.blocked = err
	return true
}

func (h *host) err() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.blocked
}
