package ingest

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/verbatim-un/verbatim/internal/store"
)

const fixtures = "../parse/testdata/zh"

func copyFixture(t *testing.T, name, dst string) { writeFixture(t, name, "", dst) }

// writeFixture copies a synthetic record, headed by a symbol line when
// symbol is set (the store keys meetings by symbol).
func writeFixture(t *testing.T, name, symbol, dst string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	if symbol != "" {
		b = append([]byte(symbol+"\n"), b...)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// unreadableFS is a folder tree in which one subfolder cannot be read.
type unreadableFS struct {
	fstest.MapFS
	bad string
}

func (u unreadableFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == u.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.ReadDir(name)
}

func TestWalkSkipsUnreadableFolder(t *testing.T) {
	fsys := unreadableFS{fstest.MapFS{
		"a/one.txt":         {},
		"locked/two.txt":    {},
		"z/three.PDF":       {},
		"z/notes.md":        {},
		"z/deeper/4.txt":    {},
		"locked/deep/5.txt": {},
	}, "locked"}
	var files []string
	var problems []Problem
	walk(fsys, "root", func(p string, named bool) {
		if named {
			t.Errorf("%s: found in a folder but marked named", p)
		}
		files = append(files, p)
	}, func(p Problem) { problems = append(problems, p) })
	want := []string{"root/a/one.txt", "root/z/deeper/4.txt", "root/z/three.PDF"}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Errorf("files %v, want %v", files, want)
	}
	if len(problems) != 1 || problems[0].Path != "root/locked" || !strings.Contains(problems[0].Error(), "permission denied") {
		t.Errorf("problems %v, want one for root/locked saying permission denied", problems)
	}
	if !strings.HasPrefix(problems[0].Error(), `"root/locked"`) {
		t.Errorf("problem %q does not quote its path", problems[0].Error())
	}
}

func TestFileError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}, "no such file"},
		{&fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, "permission denied"},
		{&fs.PathError{Op: "read", Path: "x", Err: errors.New("input/output error")}, "read: input/output error"},
	}
	for _, tt := range tests {
		if got := fileError(tt.err).Error(); got != tt.want {
			t.Errorf("fileError(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestReadFileUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: file permissions do not apply (TestFileError covers the message)")
	}
	p := filepath.Join(t.TempDir(), "locked.txt")
	if err := os.WriteFile(p, []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p); err == nil || err.Error() != "permission denied" {
		t.Errorf("ReadFile of an unreadable file: %v, want permission denied", err)
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, "vote.txt", filepath.Join(dir, "in", "vote.txt"))
	copyFixture(t, "notrecord.txt", filepath.Join(dir, "in", "sub", "notrecord.txt"))
	files, problems, err := Collect([]string{
		filepath.Join(dir, "in"),
		filepath.Join(dir, "in", "vote.txt"), // also named: stays once, named
		filepath.Join(dir, "absent.txt"),
		filepath.Join(dir, "*.none"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || !files[1].Named || files[0].Named {
		t.Errorf("files %+v", files)
	}
	if len(problems) != 2 {
		t.Fatalf("problems %v, want the absent file and the empty glob", problems)
	}
	if _, _, err := Collect([]string{"[bad"}); !errors.Is(err, ErrBadPattern) {
		t.Errorf("bad glob: %v", err)
	}
}

func TestIngester(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, "vote.txt", "S/PV.9001", filepath.Join(dir, "vote.txt"))
	writeFixture(t, "behalf.txt", "S/PV.9002", filepath.Join(dir, "behalf.txt"))
	copyFixture(t, "notrecord.txt", filepath.Join(dir, "found", "notrecord.txt"))
	copyFixture(t, "notrecord.txt", filepath.Join(dir, "named.txt"))
	st, err := store.Open(filepath.Join(dir, "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var outcomes []Outcome
	in := New(context.Background(), st, Options{Jobs: 2, Report: func(o Outcome) { outcomes = append(outcomes, o) }})
	in.Add(filepath.Join(dir, "vote.txt"))
	in.Add(filepath.Join(dir, "behalf.txt"))
	in.AddFile(File{Path: filepath.Join(dir, "found", "notrecord.txt")})
	in.Add(filepath.Join(dir, "named.txt"))
	in.Add(filepath.Join(dir, "absent.txt"))
	sum, err := in.Close()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 2 || sum.Skipped != 1 || sum.Failed != 2 || sum.SkippedWhy["not a meeting record"] != 1 {
		t.Errorf("summary %+v", sum)
	}
	if len(outcomes) != 5 {
		t.Errorf("%d outcomes reported, want 5", len(outcomes))
	}
	for _, o := range outcomes {
		if strings.HasSuffix(o.File, "absent.txt") && (o.Status != Failed || o.Err.Error() != "no such file") {
			t.Errorf("absent file: %+v", o)
		}
	}
	res, err := st.Speeches(context.Background(), store.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != sum.Speeches || res.Total == 0 {
		t.Errorf("store holds %d speeches, ingest stored %d", res.Total, sum.Speeches)
	}
	// Again: every record replaced, none added.
	in = New(context.Background(), st, Options{})
	in.Add(filepath.Join(dir, "vote.txt"))
	if sum, err := in.Close(); err != nil || sum.Replaced != 1 {
		t.Errorf("re-ingest: %+v, %v", sum, err)
	}
}
