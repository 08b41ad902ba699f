package export

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Column is one column of the CSV and TSV exports.
type Column struct {
	Name    string // header cell ("" for the row index)
	Group   string // scd or verbatim
	Meaning string
}

type body struct {
	prefix, akn, name string
}

type language struct {
	iso3, name string
}

type tables struct {
	columns   []Column
	bodies    map[string]body
	languages map[string]language
}

var (
	loadOnce sync.Once
	loaded   tables
)

// facts returns the embedded tables, checked once: a malformed file is a
// programming error, found by the first test that exports anything.
func facts() tables {
	loadOnce.Do(func() {
		var err error
		if loaded, err = loadTables(); err != nil {
			panic("export: " + err.Error())
		}
	})
	return loaded
}

// Columns lists the columns of the CSV and TSV exports, in order.
func Columns() []Column { return append([]Column(nil), facts().columns...) }

var (
	columnName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	iso1       = regexp.MustCompile(`^[a-z]{2}$`)
	iso3       = regexp.MustCompile(`^[a-z]{3}$`)
)

func loadTables() (tables, error) {
	var t tables
	err := readTSV("columns.tsv", 3, func(f []string) error {
		c := Column{Name: f[0], Group: f[1], Meaning: f[2]}
		if c.Name == "(index)" {
			if len(t.columns) != 0 {
				return fmt.Errorf("(index) must be the first column")
			}
			c.Name = ""
		} else if !columnName.MatchString(c.Name) {
			return fmt.Errorf("bad column name %q", c.Name)
		}
		if c.Group != "scd" && c.Group != "verbatim" {
			return fmt.Errorf("column %s: group %q is neither scd nor verbatim", c.Name, c.Group)
		}
		if n := len(t.columns); n > 0 && t.columns[n-1].Group == "verbatim" && c.Group == "scd" {
			return fmt.Errorf("column %s: the corpus's columns come first", c.Name)
		}
		for _, o := range t.columns {
			if o.Name == c.Name {
				return fmt.Errorf("column %s twice", c.Name)
			}
		}
		if _, ok := cellFuncs[c.Name]; !ok {
			return fmt.Errorf("column %s has no value", c.Name)
		}
		t.columns = append(t.columns, c)
		return nil
	})
	if err != nil {
		return t, err
	}
	if len(t.columns) != len(cellFuncs) {
		return t, fmt.Errorf("%d columns listed, %d have values", len(t.columns), len(cellFuncs))
	}
	t.bodies = map[string]body{}
	if err := readTSV("bodies.tsv", 4, func(f []string) error {
		if _, dup := t.bodies[f[0]]; dup || f[0] == "" || f[1] == "" || f[2] == "" || f[3] == "" {
			return fmt.Errorf("bad or repeated body %q", f[0])
		}
		t.bodies[f[0]] = body{prefix: f[1], akn: f[2], name: f[3]}
		return nil
	}); err != nil {
		return t, err
	}
	t.languages = map[string]language{}
	err = readTSV("languages.tsv", 3, func(f []string) error {
		if _, dup := t.languages[f[0]]; dup || !iso1.MatchString(f[0]) || !iso3.MatchString(f[1]) || f[2] == "" {
			return fmt.Errorf("bad or repeated language %q", f[0])
		}
		t.languages[f[0]] = language{iso3: f[1], name: f[2]}
		return nil
	})
	return t, err
}

// readTSV calls fn with the fields of each line that is neither blank nor
// a comment; every line must have n fields.
func readTSV(name string, n int, fn func([]string) error) error {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return err
	}
	for i, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != n {
			return fmt.Errorf("data/%s:%d: %d fields, want %d", name, i+1, len(f), n)
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("data/%s:%d: %w", name, i+1, err)
		}
	}
	return nil
}

// bodyOf returns the organ of a symbol ("S/PV.7796" → the Council); an
// unknown organ gets a prefix made of its code.
func bodyOf(symbol string) body {
	code, _, _ := strings.Cut(symbol, "/")
	if b, ok := facts().bodies[code]; ok {
		return b
	}
	code = safeName(code)
	if code == "" {
		code = "X"
	}
	return body{prefix: "UN" + code, akn: "un-" + strings.ToLower(code)}
}

// lang3 returns the ISO 639-2/T code of an ISO 639-1 one ("" when unknown).
func lang3(code string) string { return facts().languages[code].iso3 }

// langName returns a language's English name, or its code when unknown.
func langName(code string) string {
	if l, ok := facts().languages[code]; ok {
		return l.name
	}
	return code
}
