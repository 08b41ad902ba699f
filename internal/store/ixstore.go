package store

import (
	"context"
	"fmt"

	"github.com/verbatim-un/verbatim/internal/index"
)

// ixTx keeps the full-text index's segments in the tables ix_segments,
// ix_chunks (a chunk's id is segment<<24 | n) and ix_deleted, inside
// one transaction of the database (index.Storage).
type ixTx struct {
	tx tx
}

func chunkID(seg int64, n int) int64 { return seg<<24 | int64(n) }

func (t ixTx) Segments(ctx context.Context) ([]index.SegmentInfo, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id, docs, tokens, bytes FROM ix_segments ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []index.SegmentInfo
	for rows.Next() {
		var s index.SegmentInfo
		if err := rows.Scan(&s.ID, &s.Docs, &s.Tokens, &s.Bytes); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (t ixTx) SegmentBlobs(ctx context.Context, id int64) (dict, cols []byte, err error) {
	err = t.tx.QueryRowContext(ctx, `SELECT dict, meta FROM ix_segments WHERE id = ?`, id).Scan(&dict, &cols)
	return dict, cols, err
}

func (t ixTx) Chunk(ctx context.Context, seg int64, n int) ([]byte, error) {
	var b []byte
	err := t.tx.QueryRowContext(ctx, `SELECT data FROM ix_chunks WHERE id = ?`, chunkID(seg, n)).Scan(&b)
	return b, err
}

func (t ixTx) Tombstones(ctx context.Context) ([]index.Tombstone, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT speech, before FROM ix_deleted`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []index.Tombstone
	for rows.Next() {
		var ts index.Tombstone
		if err := rows.Scan(&ts.ID, &ts.Before); err != nil {
			return nil, err
		}
		out = append(out, ts)
	}
	return out, rows.Err()
}

// NewSegmentID: the next AUTOINCREMENT value; the writer holds the
// database's only write lock until it has used it.
func (t ixTx) NewSegmentID(ctx context.Context) (int64, error) {
	var id int64
	if t.tx.pg {
		// Writers hold the advisory lock: ids follow commits.
		err := t.tx.QueryRowContext(ctx, `SELECT nextval(pg_get_serial_sequence('ix_segments', 'id'))`).Scan(&id)
		return id, err
	}
	err := t.tx.QueryRowContext(ctx, `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'ix_segments'), 0) + 1`).Scan(&id)
	return id, err
}

func (t ixTx) PutChunk(ctx context.Context, seg int64, n int, data []byte) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO ix_chunks (id, data) VALUES (?, ?)`, chunkID(seg, n), data)
	return err
}

func (t ixTx) PutSegment(ctx context.Context, s index.SegmentInfo, dict, cols []byte) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO ix_segments (id, docs, tokens, bytes, dict, meta) VALUES (?, ?, ?, ?, ?, ?)`,
		s.ID, s.Docs, s.Tokens, s.Bytes, dict, cols)
	return err
}

func (t ixTx) PutTombstones(ctx context.Context, ts []index.Tombstone) error {
	st, err := t.tx.PrepareContext(ctx, `INSERT INTO ix_deleted (speech, before) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, x := range ts {
		if _, err := st.ExecContext(ctx, x.ID, x.Before); err != nil {
			return err
		}
	}
	return nil
}

func (t ixTx) DeleteSegment(ctx context.Context, id int64) error {
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM ix_segments WHERE id = ?`, id); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(ctx, `DELETE FROM ix_chunks WHERE id >= ? AND id < ?`, chunkID(id, 0), chunkID(id+1, 0))
	return err
}

func (t ixTx) DeleteTombstones(ctx context.Context, before int64) error {
	_, err := t.tx.ExecContext(ctx, `DELETE FROM ix_deleted WHERE before <= ?`, before)
	return err
}

// Update runs fn in a write transaction that holds the database's write
// lock from its start (index.DB): merges read the segments they replace.
func (s *Store) Update(ctx context.Context, fn func(index.Storage) error) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(ixTx{tx}); err != nil {
		return err
	}
	return tx.Commit()
}

// begin starts a write transaction and takes the write lock at once.
func (s *Store) begin(ctx context.Context) (tx, error) {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return t, err
	}
	if err := lockWriter(ctx, t); err != nil {
		t.Rollback()
		return t, fmt.Errorf("taking the write lock: %w", err)
	}
	return t, nil
}

// writerLock is the PostgreSQL advisory lock that one writer at a time
// holds, whichever process or machine it runs on ("vb" "ix").
const writerLock = 0x7662_6978

// lockWriter takes the database's write lock for the transaction: in
// SQLite by writing (nothing) at once, waiting as busy_timeout says; in
// PostgreSQL the advisory lock, released at commit or rollback.
func lockWriter(ctx context.Context, t tx) error {
	if t.pg {
		_, err := t.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(writerLock))
		return err
	}
	_, err := t.ExecContext(ctx, `DELETE FROM ix_deleted WHERE 0`)
	return err
}

// Columns of the index's documents: what the store's filters ask. Adding
// one changes what the store writes but not the index's bytes: a
// migration rebuilds the index, and Open rebuilds one whose segments have
// other columns (indexLayout).
const (
	kwLanguage = iota // the record's language
	kwCountry         // the speaker's affiliation code
	kwRole
	kwBody     // body code: S, A, E
	kwBodyName // the organ's name
	kwDelivery // the language the speech was delivered in
	keywordColumns
)

const (
	refMeeting = iota // meetings.id
	refSpeaker        // people.id: the speaker's label as printed
	refPerson         // persons.id: who speaks (0: the record does not say)
	refColumns
)

// indexed is what the index holds of a speech.
type indexed struct {
	speech, meeting, speaker, person int64
	date                             int32
	language, country, role          string
	body, bodyName, delivery         string
}

// doc maps a speech onto the index's columns.
func (x indexed) doc() index.Doc {
	kw := make([]string, keywordColumns)
	kw[kwLanguage], kw[kwCountry], kw[kwRole], kw[kwBody], kw[kwBodyName], kw[kwDelivery] =
		x.language, x.country, x.role, x.body, x.bodyName, x.delivery
	refs := make([]int64, refColumns)
	refs[refMeeting], refs[refSpeaker], refs[refPerson] = x.meeting, x.speaker, x.person
	return index.Doc{ID: x.speech, Date: x.date, Keywords: kw, Refs: refs}
}

// indexLayout tells whether the index's segments have the columns this
// build writes: ErrFormat when they do not, so that the index is rebuilt.
func indexLayout(ctx context.Context, tx tx) error {
	kw, refs, err := index.Columns(ctx, ixTx{tx})
	if err != nil || kw < 0 {
		return err
	}
	if kw != keywordColumns || refs != refColumns {
		return fmt.Errorf("%w: documents of %d keyword and %d id columns, this build writes %d and %d",
			index.ErrFormat, kw, refs, keywordColumns, refColumns)
	}
	return nil
}
