package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// File is one file to ingest.
type File struct {
	Path string
	// Named is true for a file the user named (or matched by a glob), false
	// for one found by walking a folder: a found file that is no record is
	// skipped, a named one fails.
	Named bool
}

// Problem is a path that could not be read while collecting; the rest is
// ingested all the same.
type Problem struct {
	Path string
	Err  error
}

func (p Problem) Error() string { return fmt.Sprintf("%q: %v", p.Path, p.Err) }

// ErrBadPattern is returned for a glob that cannot be parsed.
var ErrBadPattern = errors.New("bad pattern")

// Collect expands globs and folders (recursively, *.pdf and *.txt) into
// the files to ingest, sorted and without duplicates. A path that does not
// exist, or a folder or file that cannot be read, is a Problem: it is
// reported and the rest is collected. Only a malformed glob is an error.
func Collect(paths []string) ([]File, []Problem, error) {
	seen := map[string]int{}
	var out []File
	var problems []Problem
	add := func(f string, named bool) {
		if i, ok := seen[f]; ok {
			out[i].Named = out[i].Named || named
			return
		}
		seen[f] = len(out)
		out = append(out, File{Path: f, Named: named})
	}
	for _, p := range paths {
		matches := []string{p}
		if strings.ContainsAny(p, "*?[") {
			m, err := filepath.Glob(p)
			if err != nil {
				return nil, nil, fmt.Errorf("%w %q", ErrBadPattern, p)
			}
			if len(m) == 0 {
				problems = append(problems, Problem{p, errors.New("no file matches")})
			}
			matches = m
		}
		for _, m := range matches {
			st, err := os.Stat(m)
			if err != nil {
				problems = append(problems, Problem{m, fileError(err)})
				continue
			}
			if !st.IsDir() {
				add(m, true)
				continue
			}
			walk(os.DirFS(m), m, add, func(p Problem) { problems = append(problems, p) })
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, problems, nil
}

// walk adds the *.pdf and *.txt files under root (fsys is root's file
// system: a test can hand in one with unreadable folders, which root —
// the user CI runs as — cannot otherwise meet).
func walk(fsys fs.FS, root string, add func(string, bool), problem func(Problem)) {
	_ = fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err != nil {
			// An unreadable folder is reported and skipped; its
			// siblings are still walked.
			problem(Problem{path, fileError(err)})
			if d != nil && d.IsDir() && rel != "." {
				return fs.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(rel))
		if !d.IsDir() && (ext == ".pdf" || ext == ".txt") {
			add(path, false)
		}
		return nil
	})
}
