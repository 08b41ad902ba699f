package gazetteer

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
)

//go:embed data/*.txt
var dataFS embed.FS

// parseFS parses every data file, in name order.
func parseFS() ([]Entry, error) {
	paths, err := fs.Glob(dataFS, "data/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var all []Entry
	for _, p := range paths {
		b, err := dataFS.ReadFile(p)
		if err != nil {
			return nil, err
		}
		es, err := parse(p, string(b))
		if err != nil {
			return nil, err
		}
		all = append(all, es...)
	}
	return all, nil
}

var (
	codeRE  = regexp.MustCompile(`^[A-Z][A-Z0-9]*$`)
	stateRE = regexp.MustCompile(`^[A-Z]{3}$`)
)

// parse reads one data file. An entry is a header line "CODE kind [status]"
// followed by one line per language, "lang: name | name | ...". Lines starting
// with # are comments. Every problem is reported with its line.
func parse(file, text string) ([]Entry, error) {
	var (
		entries []Entry
		errs    []string
		cur     *Entry
	)
	langOK := map[string]bool{}
	for _, l := range Languages {
		langOK[l] = true
	}
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("%s:%d: ", file, line)+fmt.Sprintf(format, args...))
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if lang, rest, ok := strings.Cut(line, ":"); ok && len(lang) == 2 && strings.ToLower(lang) == lang {
			if cur == nil {
				fail(n, "names before any entry header")
				continue
			}
			if !langOK[lang] {
				fail(n, "unknown language %q", lang)
				continue
			}
			if _, dup := cur.Names[lang]; dup {
				fail(n, "%s: second %s line", cur.Code, lang)
				continue
			}
			var names []string
			for _, nm := range strings.Split(rest, "|") {
				nm = strings.TrimSpace(nm)
				if nm == "" {
					fail(n, "%s: empty %s name", cur.Code, lang)
					continue
				}
				names = append(names, nm)
			}
			cur.Names[lang] = names
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 || len(f) > 3 {
			fail(n, "want \"CODE kind [status]\" or \"lang: names\", got %q", line)
			continue
		}
		e := Entry{Code: f[0], Kind: Kind(f[1]), Names: map[string][]string{}}
		if len(f) == 3 {
			e.Status = f[2]
		}
		if !codeRE.MatchString(e.Code) {
			fail(n, "bad code %q", e.Code)
		}
		switch e.Kind {
		case State:
			if !stateRE.MatchString(e.Code) {
				fail(n, "state code %q is not three capital letters", e.Code)
			}
			if e.Status != Member && e.Status != Observer && e.Status != Former {
				fail(n, "%s: state status %q is not member, observer or former", e.Code, e.Status)
			}
		case Organization, UN:
			if e.Status != "" {
				fail(n, "%s: status %q on a %s", e.Code, e.Status, e.Kind)
			}
		default:
			fail(n, "%s: unknown kind %q", e.Code, e.Kind)
		}
		entries = append(entries, e)
		cur = &entries[len(entries)-1]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	for _, e := range entries {
		for _, l := range []string{"zh", "en"} {
			if len(e.Names[l]) == 0 {
				errs = append(errs, fmt.Sprintf("%s: %s has no %s name", file, e.Code, l))
			}
		}
	}
	if len(errs) > 0 {
		return nil, listError(errs)
	}
	return entries, nil
}
