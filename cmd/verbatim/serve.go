package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-un/verbatim/internal/server"
	"github.com/verbatim-un/verbatim/internal/store"
)

type serveFlags struct {
	db, addr string
	quiet    bool
	cache    int
}

func serveCommand(c *cli) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the stored records over HTTP: a JSON API and web pages",
		Long: `Serves the stored records: a JSON API under /api/ (described at
/api/openapi.yaml) and web pages to read meetings, search speeches and see
countries. Read-only. Recent search results are kept (--cache) and served
again until an ingest changes the index. Stops gracefully on Ctrl-C or
SIGTERM.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runServe(c, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "log errors only")
	fl.IntVar(&f.cache, "cache", 1000, "search results kept for repeated searches (0: none)")
	return cmd
}

func runServe(c *cli, f serveFlags) error {
	stdout, stderr := c.stdout, c.stderr
	db, addr, quiet, cache := &f.db, &f.addr, &f.quiet, &f.cache
	if *cache < 0 {
		return usageError("--cache must be 0 or more")
	}
	st, err := store.OpenReadOnly(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	st.CacheResults(*cache)
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelError
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	h, err := server.New(st, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go watchHealth(ctx, st, log, 5*time.Second)
	fmt.Fprintf(stdout, "serving %s on http://%s/\n", store.Redact(*db), ln.Addr())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// watchHealth logs when the database stops answering (its file deleted or
// replaced, its disk gone) and when it answers again: /readyz says the
// same to a load balancer.
func watchHealth(ctx context.Context, st *store.Store, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	var last error
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := st.Health(ctx)
		switch {
		case err != nil && (last == nil || err.Error() != last.Error()):
			log.Error("database unavailable", "error", err.Error())
		case err == nil && last != nil:
			log.Info("database available again")
		}
		last = err
	}
}
