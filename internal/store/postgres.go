package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
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
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", redact(dsn), err)
	}
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

func latestPG() int {
	names, _ := pgMigrations.ReadDir("pgmigrations")
	return len(names)
}
