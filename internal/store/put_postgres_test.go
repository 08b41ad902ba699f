package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/record"
)

// putRowsMeetings add to roomMeetings what they lack: votes (adopted or
// not said, a country listed twice), events around them, references, a
// group spoken for, a speaker without affiliation, a speaker twice in one
// record under two spellings, and a record stored again.
func putRowsMeetings() [][]*record.Meeting {
	yes := true
	group := "G77"
	vote := &record.Meeting{Symbol: "S/PV.9002", Body: "Security Council", Language: "en", Date: "2020-02-03",
		President: &record.Party{Name: "Mr. Dang", Affiliation: &record.Affiliation{Code: "VNM", Kind: "state"}},
		Agenda:    []record.Item{{Number: "1", Title: "Adoption of the agenda"}, {Title: "Non-proliferation"}},
		Speeches: []record.Speech{
			{Seq: 1, Speaker: "The President", Role: "president", Language: "en", Item: 2,
				Affiliation: &record.Affiliation{Code: "VNM", Kind: "state"}, Paragraphs: []string{"The Council will now vote."}},
			{Seq: 2, Speaker: "Lévitte", Title: "Mr.", Role: "member", Language: "fr", OnBehalfOf: &group,
				Affiliation: &record.Affiliation{Code: "FRA", Kind: "state"}, Paragraphs: []string{"We vote for peace.", "Second paragraph."}},
			{Seq: 3, Speaker: "Observer", Role: "other", Language: "en", Paragraphs: []string{"No affiliation here."}},
			{Seq: 4, Speaker: "LEVITTE", Role: "member", Language: "fr",
				Affiliation: &record.Affiliation{Code: "FRA", Kind: "state"}, Paragraphs: []string{"Once more, on peace."}},
			// Someone new, first without accent nor title.
			{Seq: 5, Speaker: "DUPRE", Role: "member", Language: "fr",
				Affiliation: &record.Affiliation{Code: "BEL", Kind: "state"}, Paragraphs: []string{"Belgium speaks."}},
			{Seq: 6, Speaker: "Dupré", Title: "Mr.", Role: "member", Language: "fr",
				Affiliation: &record.Affiliation{Code: "BEL", Kind: "state"}, Paragraphs: []string{"Belgium speaks again."}},
			// Two spellings of one name (package people's variants), both new.
			{Seq: 7, Speaker: "Tchourkine", Role: "member", Language: "ru",
				Affiliation: &record.Affiliation{Code: "RUS", Kind: "state"}, Paragraphs: []string{"Russia speaks."}},
			{Seq: 8, Speaker: "Chourkine", Role: "member", Language: "ru",
				Affiliation: &record.Affiliation{Code: "RUS", Kind: "state"}, Paragraphs: []string{"Russia speaks again."}},
		},
		Events: []record.Event{
			{Type: "opened", Time: "10:05"},
			{Type: "vote", Speech: 1, Vote: &record.Vote{Draft: "S/2020/1", Resolution: "S/RES/2500 (2020)", Method: "show-of-hands",
				InFavour: []string{"FRA", "VNM", "FRA"}, Against: []string{"RUS"}, Abstaining: []string{"CHN"}, Yes: 13, No: 1, Abstain: 1, Adopted: &yes}},
			{Type: "vote", Speech: 2, Vote: &record.Vote{Draft: "S/2020/2", Method: "without-vote"}},
			{Type: "invitation", Speech: 1, Rule: 37},
			{Type: "adjourned", Time: "11:40"},
		},
		References: []record.Reference{{Symbol: "S/2020/1", Text: "S/2020/1", Speech: 1}, {Symbol: "S/RES/2500 (2020)", Text: "resolution 2500 (2020)", Speech: 2}},
	}
	// The same meeting in Chinese: its speeches are linked to the
	// English ones.
	zh := *vote
	zh.Language = "zh"
	zh.Speeches = []record.Speech{
		{Seq: 1, Speaker: "主席", Role: "president", Language: "zh",
			Affiliation: &record.Affiliation{Code: "VNM", Kind: "state"}, Paragraphs: []string{"安理会现在进行表决。"}},
		{Seq: 2, Speaker: "莱维特先生", Role: "member", Language: "fr",
			Affiliation: &record.Affiliation{Code: "FRA", Kind: "state"}, Paragraphs: []string{"我们投票支持和平。", "第二段。"}},
	}
	again := *vote
	again.Speeches = append(slices.Clone(vote.Speeches[:2]), record.Speech{Seq: 3, Speaker: "Ms. New", Role: "member", Language: "en",
		Affiliation: &record.Affiliation{Code: "GBR", Kind: "state"}, Paragraphs: []string{"A new speaker."}})
	again.Events = vote.Events[:2]
	return [][]*record.Meeting{roomMeetings(), {vote, &zh}, {&again}}
}

// TestPutRowsSameOnBothDatabases: PostgreSQL's path for a record's rows
// (arrays in a statement a table) stores what SQLite's (a statement a
// row) does, row for row; the ids aside, which each database numbers.
func TestPutRowsSameOnBothDatabases(t *testing.T) {
	if !onPostgres {
		t.Skip("compares SQLite with PostgreSQL: runs in the PostgreSQL pass")
	}
	ctx := context.Background()
	lite, err := Open(filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg := openTemp(t)
	for _, s := range []*Store{lite, pg} {
		for _, batch := range putRowsMeetings() {
			if _, err := s.PutBatch(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, q := range rowDumps {
		a, b := dumpRows(t, lite, q), dumpRows(t, pg, q)
		if len(a) == 0 {
			t.Errorf("%s: no rows", q)
		}
		if !slices.Equal(a, b) {
			t.Errorf("%s:\nSQLite     %q\nPostgreSQL %q", q, a, b)
		}
	}
	for _, q := range []string{"peace", "vote", "speaker"} {
		ra, err := lite.Search(ctx, Filter{Query: q, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		rb, err := pg.Search(ctx, Filter{Query: q, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if ra.Total == 0 || ra.Total != rb.Total || len(ra.Hits) != len(rb.Hits) {
			t.Fatalf("%s: %d hits on SQLite, %d on PostgreSQL", q, ra.Total, rb.Total)
		}
		for i := range ra.Hits {
			if ha, hb := ra.Hits[i], rb.Hits[i]; ha.Symbol != hb.Symbol || ha.Seq != hb.Seq || ha.Score != hb.Score {
				t.Errorf("%s, hit %d: %s %d %v on SQLite, %s %d %v on PostgreSQL", q, i, ha.Symbol, ha.Seq, ha.Score, hb.Symbol, hb.Seq, hb.Score)
			}
		}
	}
}

// rowDumps read every table a record writes, its ids replaced by what
// they point to, in an order both databases give alike.
var rowDumps = []string{
	`SELECT m.symbol, m.language, m.speeches, m.subject, s.seq, s.speaker, s.role, s.country, s.affiliation_kind,
		CASE WHEN s.national_capacity THEN 1 ELSE 0 END, s.language, s.on_behalf_of, s.item, s.chars, s.words, s.text,
		p.name, p.title, p.affiliation, coalesce(r.key, '-'), coalesce(r.name, '-'), s.chair, s.meta
	FROM speeches s JOIN meetings m ON m.id = s.meeting_id JOIN people p ON p.id = s.person_id
	LEFT JOIN persons r ON r.id = s.person ORDER BY m.symbol, m.language, s.seq`,
	`SELECT name, title, affiliation FROM people ORDER BY name, title, affiliation`,
	`SELECT p.key, p.name, p.name_zh, p.title, p.affiliation, p.office, p.term, p.variant, coalesce(c.key, '-')
	FROM persons p LEFT JOIN persons c ON c.id = p.canonical ORDER BY p.key`,
	`SELECT ma.symbol, ma.language, a.seq, mb.language, b.seq, l.confidence FROM speech_links l
	JOIN speeches a ON a.id = l.speech_id JOIN meetings ma ON ma.id = a.meeting_id
	JOIN speeches b ON b.id = l.other_id JOIN meetings mb ON mb.id = b.meeting_id
	ORDER BY ma.symbol, ma.language, a.seq, mb.language, b.seq`,
	`SELECT m.symbol, m.language, a.idx, a.number, a.title FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
	ORDER BY m.symbol, m.language, a.idx`,
	`SELECT m.symbol, e.idx, e.type, e.speech, e.time, e.rule, coalesce(v.draft, '-'), coalesce(v.resolution, '-'),
		coalesce(v.method, '-'), coalesce(v.yes, -1), coalesce(v.no, -1), coalesce(v.abstain, -1),
		CASE WHEN v.adopted IS NULL THEN '-' WHEN v.adopted THEN 'yes' ELSE 'no' END
	FROM events e JOIN meetings m ON m.id = e.meeting_id LEFT JOIN votes v ON v.event_id = e.id ORDER BY m.symbol, m.language, e.idx`,
	`SELECT m.symbol, e.idx, p.position, p.country FROM vote_positions p JOIN events e ON e.id = p.event_id
	JOIN meetings m ON m.id = e.meeting_id ORDER BY m.symbol, e.idx, p.position, p.country`,
	`SELECT m.symbol, r.speech, r.symbol, r.text FROM refs r JOIN meetings m ON m.id = r.meeting_id ORDER BY m.symbol, r.speech, r.symbol`,
}

func dumpRows(t *testing.T, s *Store, q string) []string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		line := ""
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			line += fmt.Sprintf("%v|", v)
		}
		out = append(out, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSpeechTextLZ4: a writer's session has PostgreSQL compress long
// speeches with lz4 where the server has it.
func TestSpeechTextLZ4(t *testing.T) {
	if !onPostgres {
		t.Skip("PostgreSQL's compression: runs in the PostgreSQL pass")
	}
	s := openTemp(t)
	var lz4 bool
	if err := s.db.QueryRow(`SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = 'default_toast_compression'`).Scan(&lz4); err != nil {
		t.Fatal(err)
	}
	if !lz4 {
		t.Skip("this PostgreSQL server was built without lz4")
	}
	long := strings.Repeat("The Council reaffirms its commitment to peace and security. ", 100)
	m := &record.Meeting{Symbol: "S/PV.9100", Language: "en", Speeches: []record.Speech{
		{Seq: 1, Speaker: "The President", Role: "president", Paragraphs: []string{long}},
		{Seq: 2, Speaker: "The President", Role: "president", Paragraphs: []string{"Short."}},
	}}
	if _, err := s.Put(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	var method string
	if err := s.db.QueryRow(`SELECT coalesce(pg_column_compression(text), '') FROM speeches WHERE seq = 1`).Scan(&method); err != nil {
		t.Fatal(err)
	}
	if method != "lz4" {
		t.Errorf("a long speech's text is compressed with %q, want lz4", method)
	}
	res, err := s.Search(context.Background(), Filter{Query: "reaffirms"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search: %d hits, %v", res.Total, err)
	}
}
