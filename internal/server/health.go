package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/verbatim-un/verbatim/internal/store"
)

// healthChecker is a store that can tell whether it still answers; the
// server asks it when it can (store.Reader does not require it).
type healthChecker interface {
	Health(ctx context.Context) error
}

// health answers /healthz (live: 503 only when the database the process
// opened is gone, which a restart mends) and /readyz (ready: 503 whenever
// the database cannot answer).
func (s *Server) health(ready bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		ok := func() {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Write([]byte(`{"status":"ok"}` + "\n"))
		}
		hc, can := s.st.(healthChecker)
		if !can {
			ok()
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		err := hc.Health(ctx)
		if err == nil || !ready && !errors.Is(err, store.ErrGone) {
			ok()
			return
		}
		s.log.Error("database", "error", err.Error(), "path", r.URL.Path)
		writeError(w, http.StatusServiceUnavailable, err.Error(), "")
	}
}
