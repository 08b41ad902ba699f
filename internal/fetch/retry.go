package fetch

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// backoff is the wait before retry number attempt (0 for the first
// retry): base doubled each time, capped, then jittered into
// [d/2, d) so that clients that failed together do not retry together.
func backoff(attempt int, base, limit time.Duration, rand func() float64) time.Duration {
	d := base
	for i := 0; i < attempt && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	return d/2 + time.Duration(rand()*float64(d/2))
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date. It
// returns false when there is none or it cannot be read.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}
