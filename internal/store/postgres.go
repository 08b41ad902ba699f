package store

import (
	"context"
	"embed"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/verbatim-un/verbatim/internal/index"
)

// PostgreSQL's copies of the migrations: the same numbers and tables as
// SQLite's (a test checks that there are as many).
//
//go:embed pgmigrations/*.sql
var pgMigrations embed.FS

// IsPostgres reports whether a --db value names a PostgreSQL database
// (postgres://user@host/db) rather than an SQLite file.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Redact returns a --db value fit for messages: a URL's password hidden.
func Redact(db string) string {
	if !IsPostgres(db) {
		return db
	}
	return redact(db)
}

func redact(db string) string {
	if u, err := url.Parse(db); err == nil {
		return u.Redacted()
	}
	return "the PostgreSQL database"
}

// openPostgres opens a PostgreSQL database (pgx), migrating it when
// opened for writing. Writers on any number of machines take one
// advisory lock per transaction; readers never wait for them.
func openPostgres(dsn string, write bool) (*Store, error) {
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", redact(dsn), err)
	}
	var opts []stdlib.OptionOpenDB
	if write {
		opts = append(opts, stdlib.OptionAfterConnect(func(ctx context.Context, c *pgx.Conn) error {
			_, err := c.Exec(ctx, toastLZ4)
			return err
		}))
	}
	db := stdlib.OpenDB(*cfg, opts...)
	db.SetMaxIdleConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", redact(dsn), err)
	}
	s := &Store{db: conn{DB: db, pg: true}, path: redact(dsn), ix: index.New(CacheBytes)}
	if write {
		if err := s.migrate(); err != nil {
			db.Close()
			return nil, err
		}
		return s, nil
	}
	v, err := s.version()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%w: %s: %v (run verbatim ingest first)", ErrNotDatabase, s.path, err)
	}
	if n := latestPG(); v != n {
		db.Close()
		if v > n {
			return nil, fmt.Errorf("%s was written by a newer verbatim (schema %d, this one knows %d)", s.path, v, n)
		}
		return nil, fmt.Errorf("%s was written by an older verbatim (schema %d): open it once for writing (verbatim ingest) to upgrade it", s.path, v)
	}
	if err := s.checkIndexFormat(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// toastLZ4 makes a writer's session compress the values PostgreSQL keeps
// out of line (the speeches' text) with lz4 where the server was built
// with it: on 20,000 speeches its default, pglz, took three to five times
// as long (docs/BENCHMARKS.md), for text 13% smaller. Values written
// either way read alike.
const toastLZ4 = `SELECT set_config('default_toast_compression', 'lz4', false)
	FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)`

func latestPG() int {
	names, _ := pgMigrations.ReadDir("pgmigrations")
	return len(names)
}
