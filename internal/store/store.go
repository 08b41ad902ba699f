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
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim-un/verbatim/internal/index"
	"golang.org/x/sync/singleflight"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is an open database.
type Store struct {
	db       conn
	path     string
	file     os.FileInfo // the file opened, to notice it deleted or replaced
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

// Open opens (creating when absent) the database at path, or the
// PostgreSQL database a postgres:// URL names.
func Open(path string) (*Store, error) {
	if IsPostgres(path) {
		return openPostgres(path, true)
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	if err := checkOwner(path); err != nil {
		return nil, err
	}
	dsn := fileURI(path) + "?_pragma=busy_timeout(600000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{db: conn{DB: db}, path: path, ix: index.New(CacheBytes)}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	s.file, _ = os.Stat(path)
	return s, nil
}

// OpenReadOnly opens an existing database for reading only.
func OpenReadOnly(path string) (*Store, error) {
	if IsPostgres(path) {
		return openPostgres(path, false)
	}
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
	dsn := fileURI(path) + "?mode=ro&_pragma=busy_timeout(10000)&_pragma=query_only(1)"
	if !writable(filepath.Dir(path)) {
		// SQLite reads a WAL database through a shared-memory file next
		// to it, which a read-only folder cannot hold; nobody can write
		// the database there either, so it is read as the file it is,
		// unless a write-ahead log holds part of it.
		if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
			return nil, fmt.Errorf("%s is in a read-only folder with unfinished writes in %s-wal: open it once where it can be written", path, path)
		}
		dsn += "&immutable=1"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{db: conn{DB: db}, path: path, ix: index.New(CacheBytes)}
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
	if err := s.checkIndexFormat(); err != nil {
		db.Close()
		return nil, err
	}
	s.file = st
	return s, nil
}

// fileURI makes a path an SQLite URI filename: a path with '#' or '?'
// (a test's folder "seed0#01") would otherwise open the file named by the
// part before it.
func fileURI(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
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
	// Another process may be creating or migrating the database: wait
	// for it, as the writer does, rather than take "busy" for "not ours".
	db, err := sql.Open("sqlite", fileURI(path)+"?mode=ro&_pragma=busy_timeout(600000)")
	if err != nil {
		return err
	}
	defer db.Close()
	var ours, tables int
	// SQLite answers "busy" without waiting in a few states of another
	// connection (switching the journal to WAL, recovering the WAL), so
	// a busy answer is asked again.
	for wait, deadline := time.Millisecond, time.Now().Add(busyWait); ; wait = min(2*wait, 100*time.Millisecond) {
		err = db.QueryRow(`SELECT count(*) FILTER (WHERE name = 'verbatim_schema'), count(*) FROM sqlite_master WHERE type = 'table'`).Scan(&ours, &tables)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(wait)
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotDatabase, path, err)
	}
	if ours == 0 && tables > 0 {
		return fmt.Errorf("%w: %s has tables of another application", ErrNotDatabase, path)
	}
	return nil
}

// busyWait is how long a store waits for another process's write.
const busyWait = 10 * time.Minute

// isBusy tells SQLite's "busy" and "locked" answers (another connection
// holds the lock) from real errors.
func isBusy(err error) bool {
	var c interface{ Code() int }
	if errors.As(err, &c) {
		switch c.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return true
		}
	}
	return false
}

// ErrGone: the database file the store opened was deleted or replaced.
var ErrGone = errors.New("database gone")

// Health reports whether the store still answers from the database it
// opened: the file is still the one opened, and it can be read.
func (s *Store) Health(ctx context.Context) error {
	if s.file != nil {
		fi, err := os.Stat(s.path)
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: %s was deleted", ErrGone, s.path)
		}
		if err != nil {
			return err
		}
		if !os.SameFile(fi, s.file) {
			return fmt.Errorf("%w: %s was replaced by another file; restart to serve it", ErrGone, s.path)
		}
	}
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM verbatim_schema`).Scan(&v); err != nil {
		return fmt.Errorf("database %s: %w", s.path, err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the database for tests and tools that read it directly.
func (s *Store) DB() *sql.DB { return s.db.DB }

func latest() int {
	names, _ := migrations.ReadDir("migrations")
	return len(names)
}

// migrations returns the store's migrations: SQLite's, or PostgreSQL's
// copies of them (the same numbers, the same tables).
func (s *Store) migrations() (embed.FS, string) {
	if s.db.pg {
		return pgMigrations, "pgmigrations"
	}
	return migrations, "migrations"
}

// checkIndexFormat refuses, read-only, an index this build cannot read.
func (s *Store) checkIndexFormat() error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	err = index.CheckFormat(ctx, ixTx{tx})
	if err == nil {
		err = indexLayout(ctx, tx)
	}
	if err != nil {
		if errors.Is(err, index.ErrFormat) {
			return fmt.Errorf("%s has a full-text index of an older format: open it once for writing (verbatim ingest) to rebuild it", s.path)
		}
		return err
	}
	return nil
}

func (s *Store) version() (int, error) {
	var v int
	err := s.db.QueryRow(`SELECT version FROM verbatim_schema`).Scan(&v)
	return v, err
}

// migrateFault, set by tests, interrupts a migration before it commits.
var migrateFault func() error

// migrateUpTo, set by tests, stops the migrations at that schema (0: all)
// to make a database of an older one.
var migrateUpTo int

// migrate applies the embedded migrations the database lacks, numbered
// by file name (001_init.sql, 002_…), groups the persons again when the
// variant rules changed, and rebuilds a full-text index of an older
// format or layout: all in one transaction that holds the write lock from
// its start, so that two processes opening a new database do not both
// migrate it, and a migration cut short (a kill, a full disk) leaves the
// database as it was, to be migrated again by the next open.
func (s *Store) migrate() error {
	ctx := context.Background()
	const create = `CREATE TABLE IF NOT EXISTS verbatim_schema (version INTEGER NOT NULL)`
	if !s.db.pg {
		if _, err := s.db.ExecContext(ctx, create); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrNotDatabase, s.path, err)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.db.pg {
		// The advisory lock first: PostgreSQL's DDL is transactional, so
		// a second process waits here and then finds the schema made.
		if err := lockWriter(ctx, tx); err != nil {
			return fmt.Errorf("taking the write lock: %w", err)
		}
		if _, err := tx.ExecContext(ctx, create); err != nil {
			return err
		}
	} else if _, err := tx.ExecContext(ctx, `DELETE FROM verbatim_schema WHERE 0`); err != nil {
		return fmt.Errorf("taking the write lock: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM verbatim_schema`).Scan(&n); err != nil {
		return err
	}
	if n == 0 && !s.db.pg {
		// A database with tables of its own is someone else's.
		var tables int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type='table' AND name != 'verbatim_schema'`).Scan(&tables); err != nil {
			return err
		}
		if tables > 0 {
			return fmt.Errorf("%w: %s has tables of another application", ErrNotDatabase, s.path)
		}
	}
	if n == 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO verbatim_schema (version) VALUES (0)`); err != nil {
			return err
		}
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT version FROM verbatim_schema`).Scan(&v); err != nil {
		return err
	}
	mfs, dir := s.migrations()
	entries, err := mfs.ReadDir(dir)
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	if migrateUpTo > 0 && migrateUpTo < len(entries) {
		entries = entries[:migrateUpTo]
	}
	if v > len(entries) {
		return fmt.Errorf("%s was written by a newer verbatim (schema %d, this one knows %d)", s.path, v, len(entries))
	}
	applied := map[int]bool{}
	for i := v; i < len(entries); i++ {
		name := entries[i].Name()
		num, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil || num != i+1 {
			return fmt.Errorf("migration %s is out of sequence", name)
		}
		sqlText, err := mfs.ReadFile(dir + "/" + name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(sqlText)); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		applied[num] = true
	}
	// What migrations leave to Go runs once the tables are all there.
	if applied[3] {
		// Persons are resolved in Go, from the stored records.
		if err := resolveStored(ctx, tx); err != nil {
			return fmt.Errorf("migration 003: %w", err)
		}
	}
	if applied[5] {
		// Links between language versions are computed in Go, from the
		// stored records.
		if err := linkStored(ctx, tx); err != nil {
			return fmt.Errorf("migration 005: %w", err)
		}
	}
	// Persons grouped by their spellings' variants (004), and across
	// scripts by aligned speeches (005), again when the rules change.
	regroup := applied[4] || applied[5]
	if !regroup && len(entries) >= 4 {
		if regroup, err = personRulesChanged(ctx, tx); err != nil {
			return err
		}
	}
	if regroup {
		if err := groupPersons(ctx, tx); err != nil {
			return fmt.Errorf("grouping persons: %w", err)
		}
		if len(entries) >= 5 {
			if err := linkAcrossScripts(ctx, tx, 0); err != nil {
				return fmt.Errorf("linking persons across scripts: %w", err)
			}
		}
	}
	// The index moved out of FTS5 (002, SQLite only), or its documents
	// gained columns (004): built again from the speeches.
	reindex := applied[2] && !s.db.pg || applied[4]
	if !reindex {
		err := index.CheckFormat(ctx, ixTx{tx})
		if err == nil {
			err = indexLayout(ctx, tx)
		}
		if errors.Is(err, index.ErrFormat) {
			reindex = true // written by an older verbatim
		} else if err != nil {
			return fmt.Errorf("full-text index: %w", err)
		}
	}
	if reindex {
		if err := reindexTx(ctx, tx); err != nil {
			return fmt.Errorf("rebuilding the full-text index: %w", err)
		}
	}
	if v == len(entries) && !reindex && !regroup {
		return nil
	}
	if migrateFault != nil {
		if err := migrateFault(); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE verbatim_schema SET version = ?`, len(entries)); err != nil {
		return err
	}
	return tx.Commit()
}
