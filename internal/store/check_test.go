package store

import (
	"context"
	"strings"
	"testing"
)

// TestCheckFindsDamage: each kind of damage is reported, and a sound
// database has nothing to report.
func TestCheckFindsDamage(t *testing.T) {
	sqliteOnly(t) // the damage is done in SQLite's SQL
	ctx := context.Background()
	tests := []struct {
		name   string
		damage string // SQL run on the database
		want   string // in the first problem
	}{
		{"sound", ``, ""},
		{"chunk byte flipped", `UPDATE ix_chunks SET data = substr(data, 1, 20) || x'ff' || substr(data, 22) WHERE id = (SELECT min(id) FROM ix_chunks)`, "checksum"},
		{"dictionary byte flipped", `UPDATE ix_segments SET dict = substr(dict, 1, 4) || x'7f' || substr(dict, 6) WHERE id = (SELECT min(id) FROM ix_segments)`, "checksum"},
		{"segment lost", `DELETE FROM ix_segments WHERE id = (SELECT min(id) FROM ix_segments)`, "not in the full-text index"},
		{"speech not indexed", `INSERT INTO speeches (meeting_id, seq, speaker, role, country, chars, words, text)
			SELECT meeting_id, 99, 'x', 'member', 'CHN', 1, 1, 'x' FROM speeches LIMIT 1`, "not in the full-text index"},
		{"speech indexed twice", `INSERT INTO ix_chunks (id, data) SELECT (100 << 24) | (id & 16777215), data FROM ix_chunks WHERE id >> 24 = (SELECT max(id) FROM ix_segments);
			INSERT INTO ix_segments (id, docs, tokens, bytes, dict, meta) SELECT 100, docs, tokens, bytes, dict, meta FROM ix_segments WHERE id = (SELECT max(id) FROM ix_segments)`, "more than once"},
		{"speech gone", `DELETE FROM speeches WHERE id = (SELECT max(id) FROM speeches)`, "not stored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			for i := range 3 {
				if _, err := s.Put(ctx, synthetic(i, 4, "council")); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Put(ctx, synthetic(1, 3, "assembly")); err != nil { // a replaced record: tombstones
				t.Fatal(err)
			}
			if tt.damage != "" {
				if _, err := s.db.Exec(tt.damage); err != nil {
					t.Fatal(err)
				}
			}
			for _, full := range []bool{false, true} {
				got, err := s.Check(ctx, full)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case tt.damage == "" && len(got) > 0:
					t.Errorf("sound database: %q", got)
				case tt.damage != "" && len(got) == 0:
					if full || !strings.Contains(tt.name, "chunk") { // the quick check reads no postings
						t.Errorf("full %v: nothing found", full)
					}
				case len(got) > 0 && !strings.Contains(got[0], tt.want):
					t.Errorf("full %v: %q, want %q", full, got, tt.want)
				}
			}
		})
	}
}
