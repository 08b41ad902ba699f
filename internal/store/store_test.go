package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/record"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(tempDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func sample(t *testing.T) *record.Meeting {
	t.Helper()
	b, err := os.ReadFile(corpus.Path(t, "zh/S_PV.7796-ZH.txt"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := parse.Text(string(b), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSearchChineseRecall: a Chinese query finds exactly the speeches whose
// text contains it, also inside longer words; a lone character too.
func TestSearchChineseRecall(t *testing.T) {
	s := openTemp(t)
	m := sample(t)
	ctx := context.Background()
	if _, err := s.Put(ctx, m); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"和平", "恐怖主义", "联合国", "安全", "区域组织", "集体安全条约组织", "合作", "阿富汗",
		"上合", "发言", "维护国际和平与安全", "独联体", "和", "会", "美", "俄"} {
		want := 0
		for _, sp := range m.Speeches {
			if strings.Contains(strings.Join(sp.Paragraphs, "\n"), q) {
				want++
			}
		}
		res, err := s.Search(ctx, Filter{Query: q, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want || len(res.Hits) != min(want, 100) {
			t.Errorf("%s: total %d, hits %d; %d speeches contain it", q, res.Total, len(res.Hits), want)
		}
		for _, h := range res.Hits {
			if !strings.Contains(h.Snippet, "<mark>") {
				t.Errorf("%s: snippet without a highlight: %q", q, h.Snippet)
			}
		}
	}
}

func TestSearchFilters(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.Put(ctx, sample(t)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		f     Filter
		total int
	}{
		{Filter{Query: "恐怖主义", Country: "CHN"}, 1},
		{Filter{Query: "恐怖主义", Country: "chn", Language: "zh", Body: "S", Symbol: "S/PV.7796"}, 1},
		{Filter{Query: "恐怖主义", Country: "CHN", Language: "en"}, 0},
		{Filter{Query: "恐怖主义", Role: "briefer"}, 3},
		{Filter{Query: "恐怖主义", Speaker: "阿利莫夫"}, 1},
		{Filter{Query: "恐怖主义", From: "2016-10-28", To: "2016-10-28"}, -1},
		{Filter{Query: "恐怖主义", From: "2016-10-29"}, 0},
		{Filter{Query: "恐怖主义 NOT 阿富汗"}, -1},
	}
	all, err := s.Search(ctx, Filter{Query: "恐怖主义"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, tt.f)
		if err != nil {
			t.Fatalf("%+v: %v", tt.f, err)
		}
		want := tt.total
		if want == -1 {
			want = all.Total
			if strings.Contains(tt.f.Query, "NOT") {
				want = -2
			}
		}
		switch {
		case want == -2:
			if res.Total >= all.Total || res.Total == 0 {
				t.Errorf("%+v: total %d, want fewer than %d", tt.f, res.Total, all.Total)
			}
		case res.Total != want:
			t.Errorf("%+v: total %d, want %d", tt.f, res.Total, want)
		}
	}
}

// TestPutReplaces: storing a record again replaces it; nothing doubles.
func TestPutReplaces(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	m := sample(t)
	for i, want := range []bool{false, true, true} {
		r, err := s.Put(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		if r.Replaced != want || r.Speeches != len(m.Speeches) {
			t.Errorf("put %d: %+v", i, r)
		}
	}
	var meetings, speeches, fts int
	s.DB().QueryRow(`SELECT count(*) FROM meetings`).Scan(&meetings)
	s.DB().QueryRow(`SELECT count(*) FROM speeches`).Scan(&speeches)
	res, _ := s.Search(ctx, Filter{Query: "和平"})
	fts = res.Total
	if meetings != 1 || speeches != len(m.Speeches) || fts != 26 {
		t.Errorf("after three puts: %d meetings, %d speeches, 和平 in %d", meetings, speeches, fts)
	}
	got, err := s.Meeting(ctx, "S/PV.7796", "")
	if err != nil {
		t.Fatal(err)
	}
	// The stored record reads back as parsed, text included.
	a, _ := json.Marshal(m)
	b, _ := json.Marshal(got)
	if string(a) != string(b) {
		t.Errorf("the record read back differs from the one stored (%d vs %d bytes)", len(b), len(a))
	}
	if _, err := s.Meeting(ctx, "S/PV.1", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing meeting: %v", err)
	}
	if _, err := s.Put(ctx, &record.Meeting{}); !errors.Is(err, ErrNoSymbol) {
		t.Errorf("record without symbol: %v", err)
	}
}

// TestOpenRefusesOtherFiles: a file that is not a Verbatim database gives
// a clear error and is left as it was.
func TestOpenRefusesOtherFiles(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("my notes, not a database\n"), 0o644)
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE accounts (id INTEGER)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, p := range []string{text, other} {
		before, _ := os.ReadFile(p)
		if _, err := Open(p); !errors.Is(err, ErrNotDatabase) {
			t.Errorf("Open(%s) = %v, want ErrNotDatabase", p, err)
		}
		if _, err := OpenReadOnly(p); err == nil {
			t.Errorf("OpenReadOnly(%s) succeeded", p)
		}
		after, _ := os.ReadFile(p)
		if string(before) != string(after) {
			t.Errorf("%s was changed", p)
		}
	}
	if _, err := OpenReadOnly(filepath.Join(dir, "absent.db")); err == nil || !strings.Contains(err.Error(), "ingest") {
		t.Errorf("absent database: %v", err)
	}
	if _, err := Open(dir); err == nil {
		t.Error("a directory opened as a database")
	}
}

// TestReadersDuringWrites: searches run while another connection writes.
func TestReadersDuringWrites(t *testing.T) {
	path := tempDB(t)
	w, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	m := sample(t)
	ctx := context.Background()
	if _, err := w.Put(ctx, m); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 10; i++ {
			c := *m
			c.Symbol = "S/PV." + string(rune('1'+i)) + "000"
			if _, err := w.Put(ctx, &c); err != nil {
				errs <- err
			}
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 30; i++ {
			res, err := r.Search(ctx, Filter{Query: "和平"})
			if err != nil {
				errs <- err
				continue
			}
			if res.Total%26 != 0 {
				errs <- errors.New("a reader saw a record half written")
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestStats(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	m := sample(t)
	s.Put(ctx, m)
	// With the chair's procedural turns, every speech is counted and the
	// presiding state leads; without them (the default), they are not.
	rows, err := s.Stats(ctx, "country", Filter{IncludeChair: true})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, r := range rows {
		total += r.Speeches
	}
	if total != len(m.Speeches) || rows[0].Key != "RUS" {
		t.Errorf("by country: %+v", rows[:3])
	}
	chair := 0
	for _, sp := range m.Speeches {
		if sp.Role == record.RolePresident && !sp.NationalCapacity {
			chair++
		}
	}
	if rows, err = s.Stats(ctx, "country", Filter{}); err != nil {
		t.Fatal(err)
	}
	without := 0
	for _, r := range rows {
		without += r.Speeches
	}
	if chair == 0 || without != len(m.Speeches)-chair {
		t.Errorf("by country without the chair: %d of %d speeches, %d chair turns", without, len(m.Speeches), chair)
	}
	if _, err := s.Stats(ctx, "colour", Filter{}); err == nil {
		t.Error("unknown key accepted")
	}
	if res, err := s.Check(ctx, true); err != nil || len(res) > 0 {
		t.Errorf("check: %q %v", res, err)
	}
}

// TestOpenPathWithURICharacters: a folder named with '#' or '?' (a
// subtest's "seed0#01") holds the database, not a file named by the part
// of the path before them.
func TestOpenPathWithURICharacters(t *testing.T) {
	sqliteOnly(t)
	ctx := context.Background()
	for _, name := range []string{"a#01", "b?x=1", "c%41"} {
		dir := filepath.Join(t.TempDir(), name)
		os.Mkdir(dir, 0o755)
		path := filepath.Join(dir, "v.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Put(ctx, synthetic(1, 2, "council")); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		r, err := OpenReadOnly(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.Search(ctx, Filter{Query: "council"})
		r.Close()
		if err != nil || res.Total != 2 {
			t.Errorf("%s: %+v %v", name, res, err)
		}
	}
}
