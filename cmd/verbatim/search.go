package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/verbatim-un/verbatim/internal/render"
	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

const searchSynopsis = `Usage: verbatim search [--db PATH] [filters] [--json] QUERY

Finds the stored speeches that match QUERY, best first, with a highlighted
snippet. Words and "quoted phrases" must all occur (AND); OR and NOT (or a
leading -) combine terms; a trailing * matches a prefix (terror*). Chinese
needs no spaces: 和平 finds every speech containing 和平, also inside 和平解决.
Traditional characters find simplified text.`

func filterFlags(name, synopsis string, stderr io.Writer) (*flagSetWith, *store.Filter) {
	fs := newFlagSet(name, synopsis, stderr)
	f := &store.Filter{}
	fs.StringVar(&f.Language, "lang", "", "language of the record (zh, en, …)")
	fs.StringVar(&f.Country, "country", "", "speaker's country or organization code (CHN, EU, …)")
	fs.StringVar(&f.Speaker, "speaker", "", "speaker's name (part of it)")
	fs.StringVar(&f.Role, "role", "", "president, member, non-member, briefer, secretary-general, observer, other")
	fs.StringVar(&f.Body, "body", "", "organ: S (Security Council), A (General Assembly), E …")
	fs.StringVar(&f.From, "from", "", "first date, YYYY-MM-DD")
	fs.StringVar(&f.To, "to", "", "last date, YYYY-MM-DD")
	fs.StringVar(&f.Symbol, "symbol", "", "one meeting, e.g. S/PV.7796")
	return &flagSetWith{fs}, f
}

func runSearch(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fsw, f := filterFlags("search", searchSynopsis, stderr)
	fs := fsw.FlagSet
	db := fs.String("db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	asJSON := fs.Bool("json", false, `print {"total": N, "hits": [...]} as JSON`)
	fs.IntVar(&f.Limit, "limit", 20, "number of hits")
	fs.IntVar(&f.Offset, "offset", 0, "hits to skip (paging)")
	words, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	f.Query = joinQuery(words)
	if strings.TrimSpace(f.Query) == "" {
		return fmt.Errorf("%w: no query", errUsage)
	}
	if err := checkDates(f.From, f.To); err != nil {
		return err
	}
	st, err := store.OpenReadOnly(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Search(context.Background(), *f)
	if errors.Is(err, search.ErrQuery) {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	open, close := "**", "**"
	if isTerminal(stdout) {
		open, close = "\033[1;33m", "\033[0m"
	}
	fmt.Fprintf(stdout, "%d speeches\n", res.Total)
	for _, h := range res.Hits {
		fmt.Fprintf(stdout, "\n%s #%d  %s  %s (%s) [%s, %s]\n  %s\n", h.Symbol, h.Seq, h.Date, h.Speaker,
			h.Country, h.Role, h.Language, search.Marked(h.Spans, open, close))
	}
	return nil
}

// joinQuery joins the query's arguments. The shell has already removed
// the quotes of verbatim search "rule of law": an argument with spaces and
// no operators of its own was a phrase.
func joinQuery(args []string) string {
	var parts []string
	for _, a := range args {
		if strings.ContainsAny(a, " \t") && !strings.ContainsAny(a, "\"“”「」*") && !hasOperator(a) {
			a = `"` + a + `"`
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

func hasOperator(s string) bool {
	for _, w := range strings.Fields(s) {
		if w == "OR" || w == "AND" || w == "NOT" || strings.HasPrefix(w, "-") {
			return true
		}
	}
	return false
}

func checkDates(dates ...string) error {
	for _, d := range dates {
		if d == "" {
			continue
		}
		var y, m, day int
		if n, _ := fmt.Sscanf(d, "%4d-%2d-%2d", &y, &m, &day); n != 3 || m < 1 || m > 12 || day < 1 || day > 31 {
			return fmt.Errorf("%w: date %q is not YYYY-MM-DD", errUsage, d)
		}
	}
	return nil
}

const showSynopsis = `Usage: verbatim show [--db PATH] [--lang CODE] [--format md|json|text] SYMBOL

Prints a stored meeting: a readable transcript (md, the default), the
record's JSON, or plain text.`

func runShow(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("show", showSynopsis, stderr)
	db := fs.String("db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	lang := fs.String("lang", "", "language of the record; any when empty")
	format := fs.String("format", "md", "md, json or text")
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one symbol", errUsage)
	}
	switch *format {
	case "md", "json", "text":
	default:
		return fmt.Errorf("%w: unknown format %q", errUsage, *format)
	}
	st, err := store.OpenReadOnly(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := st.Meeting(context.Background(), pos[0], *lang)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return render.JSON(stdout, []*record.Meeting{m}, false)
	case "text":
		return render.Text(stdout, m)
	}
	return render.Markdown(stdout, m)
}

const statsSynopsis = `Usage: verbatim stats [--db PATH] [--by country|role|language|year|body|speaker] [filters] [--json]

Counts the stored speeches, the meetings they are in, and their characters
and words (a Chinese character counts as a word), in total or by a key.`

func runStats(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fsw, f := filterFlags("stats", statsSynopsis, stderr)
	fs := fsw.FlagSet
	db := fs.String("db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	by := fs.String("by", "", "country, role, language, year, body or speaker; totals when empty")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	st, err := store.OpenReadOnly(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := st.Stats(context.Background(), *by, *f)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"by": *by, "rows": rows})
	}
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', tabwriter.AlignRight)
	key := *by
	if key == "" {
		key = "total"
	}
	fmt.Fprintf(tw, "%s\tspeeches\tmeetings\tcharacters\twords\t\n", key)
	for _, r := range rows {
		k := r.Key
		if k == "" {
			k = "—"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", k, r.Speeches, r.Meetings, r.Chars, r.Words)
	}
	return tw.Flush()
}
