// Package store keeps parsed meetings in an embedded SQLite database
// (modernc.org/sqlite: pure Go, no server to run) and answers the
// questions asked of them: full-text search with filters (package index,
// whose segments live in the same database), one meeting, counts.
//
// A record is stored whole or not at all (one transaction), re-storing a
// record replaces it, and the database runs in WAL mode so that readers
// (search, show, serve) work while an ingest writes.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/index"
	"golang.org/x/sync/singleflight"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is an open database.
type Store struct {
	db       *sql.DB
	path     string
	ix       *index.Index
	results  *resultCache // nil: none
	inflight singleflight.Group
}

// CacheBytes is how much of the full-text index's postings a store keeps
// in memory between searches.
var CacheBytes int64 = 256 << 20

// ErrNotDatabase is returned for a file that exists and is not a Verbatim
// database: it is never written to.
var ErrNotDatabase = errors.New("not a Verbatim database")

// Open opens (creating when absent) the database at path.
func Open(path string) (*Store, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	if err := checkOwner(path); err != nil {
		return nil, err
	}
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, ix: index.New(CacheBytes)}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// OpenReadOnly opens an existing database for reading only.
func OpenReadOnly(path string) (*Store, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s (run verbatim ingest first)", path)
		}
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a database", path)
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, ix: index.New(CacheBytes)}
	v, err := s.version()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrNotDatabase, path, err)
	}
	if v > latest() {
		db.Close()
		return nil, fmt.Errorf("%s was written by a newer verbatim (schema %d, this one knows %d)", path, v, latest())
	}
	if v < latest() {
		db.Close()
		return nil, fmt.Errorf("%s was written by an older verbatim (schema %d): open it once for writing (verbatim ingest) to upgrade it", path, v)
	}
	return s, nil
}

// checkFile refuses a file that is not an SQLite database, before the
// driver could mistake it for an empty one and write over it.
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a directory, not a database", path)
	}
	if st.Size() == 0 {
		return nil
	}
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("%w: %s is not an SQLite file", ErrNotDatabase, path)
	}
	return nil
}

// checkOwner refuses, before anything is written (even the switch to WAL
// mode changes the file), an SQLite database that another application
// made: tables but no verbatim_schema.
func checkOwner(path string) error {
	st, err := os.Stat(path)
	if err != nil || st.Size() == 0 {
		return nil // new database
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var ours, tables int
	if err := db.QueryRow(`SELECT count(*) FILTER (WHERE name = 'verbatim_schema'), count(*) FROM sqlite_master WHERE type = 'table'`).Scan(&ours, &tables); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotDatabase, path, err)
	}
	if ours == 0 && tables > 0 {
		return fmt.Errorf("%w: %s has tables of another application", ErrNotDatabase, path)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the database for tests and tools that read it directly.
func (s *Store) DB() *sql.DB { return s.db }

func latest() int {
	names, _ := migrations.ReadDir("migrations")
	return len(names)
}

func (s *Store) version() (int, error) {
	var v int
	err := s.db.QueryRow(`SELECT version FROM verbatim_schema`).Scan(&v)
	return v, err
}

// migrate applies the embedded migrations the database lacks, each in a
// transaction, numbered by file name (001_init.sql, 002_…).
func (s *Store) migrate() error {
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS verbatim_schema (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotDatabase, s.path, err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM verbatim_schema`).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		// A database with tables of its own is someone else's.
		var tables int
		if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type='table' AND name != 'verbatim_schema'`).Scan(&tables); err != nil {
			return err
		}
		if tables > 0 {
			return fmt.Errorf("%w: %s has tables of another application", ErrNotDatabase, s.path)
		}
		if _, err := s.db.Exec(`INSERT INTO verbatim_schema (version) VALUES (0)`); err != nil {
			return err
		}
	}
	v, err := s.version()
	if err != nil {
		return err
	}
	entries, err := migrations.ReadDir("migrations")
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	if v > len(entries) {
		return fmt.Errorf("%s was written by a newer verbatim (schema %d, this one knows %d)", s.path, v, len(entries))
	}
	for i := v; i < len(entries); i++ {
		name := entries[i].Name()
		num, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil || num != i+1 {
			return fmt.Errorf("migration %s is out of sequence", name)
		}
		sqlText, err := migrations.ReadFile("migrations/" + name)
		if err != nil {
			return err
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(sqlText)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if num == 3 {
			// Persons are resolved in Go, from the stored records.
			if err := resolveStored(ctx, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %s: %w", name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE verbatim_schema SET version = ?`, i+1); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		if num == 2 {
			// The index moved out of FTS5: build it from the speeches.
			if err := s.Reindex(ctx); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
		}
	}
	return nil
}
