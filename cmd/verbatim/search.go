package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/verbatim-un/verbatim/internal/render"
	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/internal/server"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

const searchSynopsis = `Usage: verbatim search [--db PATH] [filters] [--json] QUERY

Finds the stored speeches that match QUERY, best first, with a highlighted
snippet. Words and "quoted phrases" must all occur (AND); OR and NOT (or a
leading -) combine terms; a trailing * matches a prefix (terror*). Chinese
needs no spaces: 和平 finds every speech containing 和平, also inside 和平解决.
Traditional characters find simplified text.`

// addFilterFlags declares the filters that search, stats and export
// share.
func addFilterFlags(cmd *cobra.Command, f *store.Filter) {
	fl := cmd.Flags()
	fl.StringVar(&f.Language, "lang", "", "language of the record (zh, en, …)")
	fl.StringVar(&f.Delivery, "language", "", "language the speech was delivered in (zh, en, …)")
	fl.StringVar(&f.Country, "country", "", "speaker's country or organization: code (CHN, EU) or name in any of the six languages (China, 中国)")
	fl.StringVar(&f.Person, "person", "", "a person's id (verbatim stats --by person)")
	fl.BoolVar(&f.IncludeChair, "include-chair", false, "count the chair's procedural turns for their country")
	fl.StringVar(&f.Speaker, "speaker", "", "speaker's name (part of it)")
	fl.StringVar(&f.Role, "role", "", "president, member, non-member, briefer, secretary-general, observer, other")
	fl.StringVar(&f.Body, "body", "", "organ: S (Security Council), A (General Assembly), E …")
	fl.StringVar(&f.From, "from", "", "first date, YYYY-MM-DD")
	fl.StringVar(&f.To, "to", "", "last date, YYYY-MM-DD")
	fl.StringVar(&f.Symbol, "symbol", "", "one meeting, e.g. S/PV.7796")
}

type searchFlags struct {
	db     string
	asJSON bool
	filter store.Filter
}

func searchCommand(c *cli) *cobra.Command {
	f := &searchFlags{}
	cmd := &cobra.Command{
		Use:   "search [flags] QUERY",
		Short: "Full-text search of the stored speeches, with filters",
		Long: `Finds the stored speeches that match QUERY, best first, with a highlighted
snippet. Words and "quoted phrases" must all occur (AND); OR and NOT (or a
leading -) combine terms; a trailing * matches a prefix (terror*). Chinese
needs no spaces: 和平 finds every speech containing 和平, also inside 和平解决.
Traditional characters find simplified text.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runSearch(c, f, args) },
	}
	addFilterFlags(cmd, &f.filter)
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	fl.BoolVar(&f.asJSON, "json", false, `print {"total": N, "hits": [...]} as JSON`)
	fl.IntVar(&f.filter.Limit, "limit", 20, "number of hits")
	fl.IntVar(&f.filter.Offset, "offset", 0, "hits to skip (paging)")
	return cmd
}

func runSearch(c *cli, sf *searchFlags, words []string) error {
	f := &sf.filter
	stdout := c.stdout
	f.Query = joinQuery(words)
	if strings.TrimSpace(f.Query) == "" {
		return usageError("no query")
	}
	if err := checkFilter(f); err != nil {
		return err
	}
	st, err := store.OpenReadOnly(sf.db)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Search(context.Background(), *f)
	if errors.Is(err, search.ErrQuery) {
		return usageError("%v", err)
	}
	if err != nil {
		return err
	}
	if sf.asJSON {
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
		fmt.Fprintf(stdout, "\n%s #%d  %s  %s (%s) [%s, %s]\n", h.Symbol, h.Seq, h.Date, h.Speaker,
			h.Country, h.Role, h.Language)
		if h.Subject != "" {
			fmt.Fprintf(stdout, "  %s\n", h.Subject)
		}
		fmt.Fprintf(stdout, "  %s\n", search.Marked(h.Spans, open, close))
		if len(h.Versions) > 0 {
			var vs []string
			for _, v := range h.Versions {
				vs = append(vs, fmt.Sprintf("%s #%d", v.Lang, v.Seq))
			}
			fmt.Fprintf(stdout, "  also in %s\n", strings.Join(vs, ", "))
		}
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

// checkFilter checks a filter exactly as the API does (server.CheckFilter):
// the same ranges, roles, dates and country names, reported against the
// flag of the same name.
func checkFilter(f *store.Filter) error {
	return flagError(server.CheckFilter(f))
}

// flagError turns the API's parameter error into a usage error naming
// the flag.
func flagError(err error) error {
	var pe *server.ParamError
	if errors.As(err, &pe) {
		name := strings.ReplaceAll(pe.Param, "_", "-")
		if name == "q" {
			return usageError("query: %s", pe.Msg)
		}
		return usageError("--%s: %s", name, pe.Msg)
	}
	return err
}

type showFlags struct{ db, lang, format string }

func showCommand(c *cli) *cobra.Command {
	var f showFlags
	cmd := &cobra.Command{
		Use:   "show [flags] SYMBOL",
		Short: "Print a stored meeting",
		Long: `Prints a stored meeting: a readable transcript (md, the default), the
record's JSON, or plain text.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runShow(c, f, args) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	fl.StringVar(&f.lang, "lang", "", "language of the record; any when empty")
	fl.StringVar(&f.format, "format", "md", "md, json or text")
	return cmd
}

func runShow(c *cli, f showFlags, pos []string) error {
	stdout := c.stdout
	if len(pos) != 1 {
		return usageError("want one symbol")
	}
	format := &f.format
	switch *format {
	case "md", "json", "text":
	default:
		return usageError("unknown format %q (want md, json or text)", *format)
	}
	st, err := store.OpenReadOnly(f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := st.Meeting(context.Background(), pos[0], f.lang)
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

type statsFlags struct {
	db, by string
	asJSON bool
	filter store.Filter
}

func statsCommand(c *cli) *cobra.Command {
	f := &statsFlags{}
	cmd := &cobra.Command{
		Use:   "stats [flags]",
		Short: "Count stored speeches by country, role, language, year or person",
		Long: `Counts the stored speeches, the meetings they are in, and their characters
and words (a Chinese character counts as a word), in total or by a key.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runStats(c, f) },
	}
	addFilterFlags(cmd, &f.filter)
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	fl.StringVar(&f.by, "by", "", "country, role, language (of delivery), year, body, speaker (as printed) or person; totals when empty. By country, the chair's procedural turns are left out unless --include-chair")
	fl.BoolVar(&f.asJSON, "json", false, "print JSON")
	return cmd
}

func runStats(c *cli, sf *statsFlags) error {
	stdout := c.stdout
	f, db, by, asJSON := &sf.filter, &sf.db, &sf.by, &sf.asJSON
	known := false
	for _, k := range server.StatsKeys {
		known = known || k == *by
	}
	if !known {
		return usageError("--by: cannot count by %q (%s)", *by, strings.Join(server.StatsKeys[1:], ", "))
	}
	f.Limit = 1 // counts are not paged; the rest is checked as the API does
	if err := checkFilter(f); err != nil {
		return err
	}
	st, err := store.OpenReadOnly(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := st.Stats(context.Background(), *by, *f)
	if err != nil {
		return err
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
		if r.Name != "" {
			k = r.Name + " [" + r.Key + "]"
		}
		if k == "" {
			k = "—"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", k, r.Speeches, r.Meetings, r.Chars, r.Words)
	}
	return tw.Flush()
}
