package store

import (
	"context"
	"database/sql"
	"regexp"
	"strconv"
	"strings"
)

// The store writes its SQL once, with ? placeholders, in the dialect
// SQLite and PostgreSQL share; for PostgreSQL, conn and tx number the
// placeholders ($1, $2 …) and make LIKE ignore case, as SQLite's does.
type conn struct {
	*sql.DB
	pg bool
}

type tx struct {
	*sql.Tx
	pg bool
}

func rebind(pg bool, q string) string {
	if !pg {
		return q
	}
	var b strings.Builder
	n := 0
	quoted := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	out := strings.ReplaceAll(b.String(), " LIKE ", " ILIKE ")
	// SQLite's functions the reading room's queries use, in PostgreSQL's
	// words: a JSON array of ids, a list of distinct values, a length in
	// bytes.
	out = jsonEach.ReplaceAllString(out, "SELECT value::bigint FROM json_array_elements_text($1::json)")
	out = groupConcat.ReplaceAllString(out, "string_agg(DISTINCT $1, ',')")
	return byteLength.ReplaceAllString(out, "octet_length($1)")
}

var (
	jsonEach    = regexp.MustCompile(`SELECT value FROM json_each\((\$\d+)\)`)
	groupConcat = regexp.MustCompile(`group_concat\(DISTINCT ([\w.]+)\)`)
	byteLength  = regexp.MustCompile(`length\(CAST\(([\w.]+) AS BLOB\)\)`)
)

func (c conn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.DB.ExecContext(ctx, rebind(c.pg, q), args...)
}

func (c conn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.DB.QueryContext(ctx, rebind(c.pg, q), args...)
}

func (c conn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return c.DB.QueryRowContext(ctx, rebind(c.pg, q), args...)
}

func (c conn) QueryRow(q string, args ...any) *sql.Row {
	return c.QueryRowContext(context.Background(), q, args...)
}

func (c conn) Exec(q string, args ...any) (sql.Result, error) {
	return c.ExecContext(context.Background(), q, args...)
}

// BeginTx starts a transaction; a read-only one sees one snapshot of the
// database in PostgreSQL too (repeatable read), as SQLite's always does,
// so that the index and the rows it points to agree.
func (c conn) BeginTx(ctx context.Context, opts *sql.TxOptions) (tx, error) {
	if c.pg && opts != nil && opts.ReadOnly {
		opts = &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
	}
	t, err := c.DB.BeginTx(ctx, opts)
	return tx{t, c.pg}, err
}

func (t tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(ctx, rebind(t.pg, q), args...)
}

func (t tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(ctx, rebind(t.pg, q), args...)
}

func (t tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(ctx, rebind(t.pg, q), args...)
}

func (t tx) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return t.Tx.PrepareContext(ctx, rebind(t.pg, q))
}
