// Command verbatim-corpus builds a large corpus of meeting records for the
// store's benchmarks by recombining the real speeches of the shared corpus:
//
//	verbatim-corpus --out DIR --speeches N [--seed S] [--lang zh,en] [--format text|db --db PATH]
//
// Search speed depends on how often terms occur and how long speeches are,
// so the speeches keep real text: the Chinese record S/PV.7796, the English
// PDF records and the General Debate statements of the 71st session,
// parsed at run time (the corpus is never copied into the repository).
// Each synthetic meeting gets a symbol no real record has (S/PV.20000+k,
// A/90/PV.k), a date in 1990–2026, a presiding state, speakers with real
// names from the records seated for varied states and organizations, and
// speeches that are real speeches, as printed or with their paragraphs
// shuffled or mixed with another speech's.
//
// --format text writes each meeting as extracted text (wrapped, paginated,
// with running heads and folios) for `verbatim ingest` to read back;
// --format db stores the meetings with store.PutPrepared, in batches as
// ingest does, without any text file.
// Meetings are made one at a time from (seed, index), so the output is the
// same for a seed and memory does not grow with the corpus.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/internal/reflow"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/internal/symbol"
	"github.com/verbatim-un/verbatim/record"
)

const synopsis = `Usage: verbatim-corpus --out DIR --speeches N [--seed S] [--lang zh,en] [--format text|db --db PATH]

Builds a benchmark corpus of N speeches in synthetic meetings made of the real
speeches of the shared corpus ($VERBATIM_CORPUS, else ../shared/corpus).
--format text writes DIR/<lang>/<symbol>-<LANG>.txt as extracted text for
"verbatim ingest"; --format db stores the meetings straight into the database
at PATH. The same seed gives the same corpus.`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	out      string
	speeches int
	seed     uint64
	langs    []string
	format   string
	db       string
	pdf      bool
	quiet    bool
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verbatim-corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintf(fs.Output(), "%s\n\nFlags:\n", synopsis); fs.PrintDefaults() }
	var c config
	var langs string
	fs.StringVar(&c.out, "out", "", "output `DIR` for --format text")
	fs.IntVar(&c.speeches, "speeches", 0, "number of speeches to generate")
	fs.Uint64Var(&c.seed, "seed", 1, "random seed")
	fs.StringVar(&langs, "lang", "zh,en", "record languages, comma-separated")
	fs.StringVar(&c.format, "format", "text", "text (files for verbatim ingest) or db (straight into a database)")
	fs.StringVar(&c.db, "db", "", "database `PATH` for --format db")
	fs.BoolVar(&c.pdf, "pdf", true, "also take English speeches from the PDF records (needs mutool for speed)")
	fs.BoolVar(&c.quiet, "q", false, "no progress lines")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "verbatim-corpus: %s\n", msg)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return usage("unexpected argument " + fs.Arg(0))
	case c.speeches <= 0:
		return usage("--speeches N is required and must be positive")
	case c.format == "text" && c.out == "":
		return usage("--format text needs --out DIR")
	case c.format == "db" && c.db == "":
		return usage("--format db needs --db PATH")
	case c.format != "text" && c.format != "db":
		return usage("--format is text or db")
	}
	for _, l := range strings.Split(langs, ",") {
		l = strings.TrimSpace(l)
		if l != "zh" && l != "en" {
			return usage("--lang takes zh and en")
		}
		if !slices.Contains(c.langs, l) {
			c.langs = append(c.langs, l)
		}
	}
	if err := generate(c, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "verbatim-corpus: %v\n", err)
		return 1
	}
	return 0
}

func generate(c config, stdout, stderr io.Writer) error {
	start := time.Now()
	dir, err := corpus.Dir()
	if err != nil {
		return err
	}
	g, err := newGenerator(dir, c.seed, c.langs, c.pdf, stderr)
	if err != nil {
		return err
	}
	for _, l := range c.langs {
		mt := g.mats[l]
		fmt.Fprintf(stderr, "material %s: %d delegate and %d President turns, %d speaker names (%.1fs)\n",
			l, len(mt.delegate["S"])+len(mt.delegate["A"]), len(mt.president["S"])+len(mt.president["A"]),
			len(mt.people), time.Since(start).Seconds())
	}

	var st *store.Store
	if c.format == "db" {
		if st, err = store.Open(c.db); err != nil {
			return err
		}
		defer st.Close()
	}
	// Making a meeting is cheap next to storing or printing it: one
	// goroutine makes them in order while this one writes.
	type item struct {
		k int
		m *record.Meeting
		p *store.Prepared
	}
	ch := make(chan item, 8)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(ch)
		total := 0
		for k := 0; total < c.speeches; k++ {
			m := g.meeting(k, c.speeches-total)
			total += len(m.Speeches)
			var p *store.Prepared
			if c.format == "db" {
				p = store.Prepare(m) // cut into index terms here, beside the writer
			}
			select {
			case ch <- item{k, m, p}:
			case <-stop:
				return
			}
		}
	}()
	ctx := context.Background()
	var meetings, speeches, chars int
	last := time.Now()
	// The database is written as ingest writes it: up to batchSpeeches
	// speeches a transaction, the index's segments merged between.
	const batchSpeeches = 2000
	var batch []*store.Prepared
	inBatch := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := st.PutPrepared(ctx, batch); err != nil {
			return err
		}
		batch, inBatch = batch[:0], 0
		return st.Compact(ctx)
	}
	for it := range ch {
		m := it.m
		if c.format == "db" {
			batch = append(batch, it.p)
			inBatch += len(m.Speeches)
			if inBatch >= batchSpeeches {
				if err := flush(); err != nil {
					return err
				}
			}
		} else {
			path := filepath.Join(c.out, m.Language, fileName(m))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, []byte(g.print(it.k, m)), 0o644); err != nil {
				return err
			}
		}
		meetings++
		speeches += len(m.Speeches)
		for _, sp := range m.Speeches {
			for _, p := range sp.Paragraphs {
				chars += utf8.RuneCountInString(p)
			}
		}
		if !c.quiet && time.Since(last) > 10*time.Second {
			last = time.Now()
			fmt.Fprintf(stderr, "%d meetings, %d speeches, %.0fs\n", meetings, speeches, time.Since(start).Seconds())
		}
	}
	if c.format == "db" {
		if err := flush(); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "%d meetings, %d speeches, %d characters of speech in %.1fs\n",
		meetings, speeches, chars, time.Since(start).Seconds())
	return nil
}

func fileName(m *record.Meeting) string {
	return strings.ReplaceAll(m.Symbol, "/", "_") + "-" + strings.ToUpper(m.Language) + ".txt"
}

// --- material: the real speeches, names and places ------------------------

type person struct{ name, title string }

type place struct {
	code, name string // name as printed in a label of the record's language
	kind       string // record.KindState | KindOrganization
	observer   bool
}

// material is what one record language offers: prose turns by body,
// speakers' names, and the places a label can name so that the parser
// reads back the same code.
type material struct {
	lang      string
	g         *grammar.Grammar
	president map[string][][]string // body code → President's turns, paragraphs
	delegate  map[string][][]string // body code → other turns
	people    []person
	states    []place // member states
	observers []place // observer states
	orgs      []place
	byCode    map[string]place
}

func (mt *material) turns(kind map[string][][]string, body string) [][]string {
	if t := kind[body]; len(t) > 0 {
		return t
	}
	for _, b := range []string{"S", "A"} {
		if t := kind[b]; len(t) > 0 {
			return t
		}
	}
	return nil
}

func newMaterial(lang string) (*material, error) {
	g, err := grammar.For(lang)
	if err != nil {
		return nil, err
	}
	mt := &material{lang: lang, g: g, president: map[string][][]string{}, delegate: map[string][][]string{},
		byCode: map[string]place{}}
	for _, e := range gazetteer.All() {
		var p place
		switch {
		case e.Kind == gazetteer.State && (e.Status == gazetteer.Member || e.Status == gazetteer.Observer):
			p = place{code: e.Code, kind: record.KindState, observer: e.Status == gazetteer.Observer}
		case e.Kind == gazetteer.Organization && seated[e.Code]:
			p = place{code: e.Code, kind: record.KindOrganization}
		default:
			continue
		}
		// The first name that a label carries back to the same code.
		for _, n := range e.Names[lang] {
			if mt.labelAffil(n) == e.Code {
				p.name = n
				break
			}
		}
		if p.name == "" || !mt.fits(p.name+p.name) {
			continue
		}
		mt.byCode[p.code] = p
		switch {
		case p.kind == record.KindOrganization:
			mt.orgs = append(mt.orgs, p)
		case p.observer:
			mt.observers = append(mt.observers, p)
		default:
			mt.states = append(mt.states, p)
		}
	}
	return mt, nil
}

// Column widths of the printed text: Han records 20–30 cells, English
// 50–60 characters.
const (
	minWidthHan   = 20
	minWidthLatin = 50
)

// fits reports whether a speaker label is printed on at most two lines of
// the narrowest column, wherever the words break: the parser reads a label
// that runs onto a second line, not onto a third.
func (mt *material) fits(label string) bool {
	if mt.lang == "zh" {
		return layout.Width(label, layout.Han) <= 2*minWidthHan-2-2
	}
	return layout.Width(label, layout.Latin) <= 2*minWidthLatin-3-12
}

// seated are the organizations that take a seat and speak themselves; the
// gazetteer's groups of states speak through a state, on their behalf.
var seated = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`EU AU CSTO SCO CIS OSCE NATO ASEAN LAS OIC GCC ECOWAS ECCAS IGAD SADC
		CARICOM OAS ICRC IFRC COE ICC IAEA INTERPOL OIF OPCW`) {
		seated[c] = true
	}
}

// labelAffil returns the code the parser gives to a label naming n.
func (mt *material) labelAffil(n string) string {
	if strings.ContainsAny(n, "()（）") {
		return ""
	}
	var label string
	if mt.lang == "zh" {
		label = "王先生（" + n + "）："
	} else {
		label = "Mr. Smith (" + n + "):"
	}
	l, ok := mt.g.MatchLabel(label)
	if !ok || l.Affil != n {
		return ""
	}
	e, ok := gazetteer.Lookup(mt.lang, n)
	if !ok {
		return ""
	}
	return e.Code
}

// addRecord takes the prose turns and the speakers' names of a parsed
// record.
func (mt *material) addRecord(m *record.Meeting) {
	body, _, _ := strings.Cut(m.Symbol, "/")
	if body != "S" && body != "A" {
		body = "S"
	}
	seen := map[person]bool{}
	for _, p := range mt.people {
		seen[p] = true
	}
	for _, sp := range m.Speeches {
		if sp.Title != "" && sp.Speaker != "" && !seen[person{sp.Speaker, sp.Title}] && mt.nameReads(sp.Speaker, sp.Title) {
			seen[person{sp.Speaker, sp.Title}] = true
			mt.people = append(mt.people, person{sp.Speaker, sp.Title})
		}
		paras := mt.prose(sp.Paragraphs)
		if len(paras) == 0 {
			continue
		}
		if sp.Role == record.RolePresident {
			mt.president[body] = append(mt.president[body], paras)
		} else {
			mt.delegate[body] = append(mt.delegate[body], paras)
		}
	}
}

// nameReads reports whether a label with this name and title parses back
// to them.
func (mt *material) nameReads(name, title string) bool {
	var label string
	if mt.lang == "zh" {
		label = name + title + "（中国）："
	} else {
		label = title + " " + name + " (China):"
	}
	l, ok := mt.g.MatchLabel(label)
	return ok && l.Word == name && l.Title == title && l.Affil != ""
}

// prose keeps the paragraphs that are only speech: no procedural act
// (invitation, vote, floor, national capacity, presiding state, on behalf
// of) that would add events or change who speaks once the paragraph stands
// in another turn, and nothing a line could start with that reads as a
// speaker label. The parser then finds exactly the turns that were made.
func (mt *material) prose(paras []string) []string {
	var out []string
	for _, p := range paras {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if _, ok := mt.g.Procedural(p); ok {
			continue
		}
		if len(mt.g.Acts(p, true, 1)) > 0 {
			continue
		}
		if mt.labelInside(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// labelInside reports whether a line of p, wherever the column breaks it,
// could read as a speaker label: with a colon of its own, or with the
// colon of a label that follows when the layout joins the two ("Mr. X
// (Y), Vice-President, took the Chair." + "The President:").
func (mt *material) labelInside(p string) bool {
	colon := map[string]string{"zh": "：", "en": ":"}[mt.lang]
	hasColon := strings.ContainsAny(p, ":：")
	for i := range p {
		if i > 0 && mt.lang == "en" && p[i-1] != ' ' {
			continue // English lines start at a word
		}
		if hasColon {
			if _, ok := mt.g.MatchLabel(p[i:]); ok {
				return true
			}
		}
		if len(p)-i < grammar.MaxLabel {
			if _, ok := mt.g.MatchLabel(p[i:] + colon); ok {
				return true
			}
		}
	}
	return false
}

// newGenerator reads the material of each language from the shared corpus.
func newGenerator(dir string, seed uint64, langs []string, pdf bool, stderr io.Writer) (*generator, error) {
	gen := &generator{seed: seed, langs: langs, mats: map[string]*material{}}
	for _, lang := range langs {
		mt, err := newMaterial(lang)
		if err != nil {
			return nil, err
		}
		switch lang {
		case "zh":
			f := filepath.Join(dir, "zh", "S_PV.7796-ZH.txt")
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			m, err := ingest.Read(context.Background(), b, ingest.ReadOptions{File: f})
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			mt.addRecord(m)
		case "en":
			if pdf {
				if err := mt.addPDFs(filepath.Join(dir, "en", "pdf"), stderr); err != nil {
					return nil, err
				}
			}
			if err := mt.addDebate(filepath.Join(dir, "en", "general-debate-71")); err != nil {
				return nil, err
			}
		}
		if len(mt.turns(mt.delegate, "S")) == 0 || len(mt.turns(mt.president, "S")) == 0 || len(mt.people) == 0 {
			return nil, fmt.Errorf("no %s speeches found in %s", lang, dir)
		}
		gen.mats[lang] = mt
	}
	return gen, nil
}

// addPDFs parses the English PDF records, on all cores, skipping those
// that fail or whose text layer the parser judges poor.
func (mt *material) addPDFs(dir string, stderr io.Writer) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	ms := make([]*record.Meeting, len(files))
	errs := make([]error, len(files))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	done := make(chan struct{})
	for i, f := range files {
		go func() {
			sem <- struct{}{}
			defer func() { <-sem; done <- struct{}{} }()
			b, err := os.ReadFile(f)
			if err == nil {
				ms[i], err = ingest.Read(context.Background(), b, ingest.ReadOptions{File: f, Lang: "en"})
			}
			errs[i] = err
		}()
	}
	for range files {
		<-done
	}
	for i, m := range ms {
		if errs[i] != nil {
			fmt.Fprintf(stderr, "skipped %s: %v\n", filepath.Base(files[i]), errs[i])
			continue
		}
		if slices.ContainsFunc(m.Warnings, func(w record.Warning) bool { return w.Code == "text-quality" }) {
			fmt.Fprintf(stderr, "skipped %s: poor text layer\n", filepath.Base(files[i]))
			continue
		}
		mt.addRecord(m)
	}
	return nil
}

// addDebate takes the General Debate statements: one paragraph a line.
func (mt *material) addDebate(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		b = bytes.TrimPrefix(b, []byte("\ufeff"))
		paras := mt.prose(strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"))
		if len(paras) > 0 {
			mt.delegate["A"] = append(mt.delegate["A"], paras)
		}
	}
	return nil
}

// --- meetings ---------------------------------------------------------------

type generator struct {
	seed  uint64
	langs []string
	mats  map[string]*material
}

// The permanent members sit in every synthetic Council meeting.
var permanent = []string{"CHN", "FRA", "RUS", "GBR", "USA"}

// deliveryLang is the language a state's delegates usually speak; others
// speak English.
var deliveryLang = func() map[string]string {
	m := map[string]string{"CHN": "zh"}
	for _, c := range strings.Fields("RUS BLR KAZ KGZ TJK UZB TKM ARM AZE") {
		m[c] = "ru"
	}
	for _, c := range strings.Fields("FRA BEL SEN CIV MLI NER BFA TCD CMR GAB COG COD BEN TGO GIN MDG HTI LUX MCO CAF BDI RWA DJI COM") {
		m[c] = "fr"
	}
	for _, c := range strings.Fields("ESP MEX ARG COL CHL PER VEN CUB BOL ECU URY PRY GTM HND SLV NIC CRI PAN DOM GNQ") {
		m[c] = "es"
	}
	for _, c := range strings.Fields("EGY SAU ARE SYR IRQ JOR KWT QAT DZA MAR TUN LBY SDN YEM LBN OMN BHR MRT PSE") {
		m[c] = "ar"
	}
	return m
}()

var (
	zhLangName = map[string]string{"en": "英语", "fr": "法语", "es": "西班牙语", "ru": "俄语", "ar": "阿拉伯语", "zh": "中文"}
	enLangName = map[string]string{"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}
)

// Agenda titles of the kind the Council and the Assembly consider.
var agendaTitles = map[string]map[string][]string{
	"zh": {
		"S": {"联合国与区域和次区域组织在维护国际和平与安全方面的合作", "维护国际和平与安全", "非洲和平与安全",
			"中东局势，包括巴勒斯坦问题", "阿富汗局势", "恐怖行为对国际和平与安全造成的威胁", "儿童与武装冲突",
			"妇女与和平与安全", "武装冲突中保护平民", "建设和平和保持和平"},
		"A": {"一般性辩论", "联合国的加强", "秘书长关于本组织工作的报告", "巴勒斯坦问题", "中东局势",
			"促进和保护人权", "可持续发展", "全面彻底裁军", "国际恐怖主义", "安全理事会席位公平分配和成员数目增加问题"},
	},
	"en": {
		"S": {"Cooperation between the United Nations and regional and subregional organizations in maintaining international peace and security",
			"Maintenance of international peace and security", "Peace and security in Africa",
			"The situation in the Middle East, including the Palestinian question", "The situation in Afghanistan",
			"Threats to international peace and security caused by terrorist acts", "Children and armed conflict",
			"Women and peace and security", "Protection of civilians in armed conflict", "Peacebuilding and sustaining peace"},
		"A": {"General debate", "Strengthening of the United Nations system", "Report of the Secretary-General on the work of the Organization",
			"Question of Palestine", "The situation in the Middle East", "Promotion and protection of human rights",
			"Sustainable development", "General and complete disarmament", "Measures to eliminate international terrorism",
			"Question of equitable representation on and increase in the membership of the Security Council"},
	},
}

var (
	firstDay = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
)

// speaker is one seat in a synthetic meeting.
type speaker struct {
	label    string
	name     string
	title    string
	role     string
	affil    *record.Affiliation
	language string
}

func (g *generator) rng(k int) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, uint64(k)))
}

// meeting makes meeting k with 10–40 speeches, at most limit.
func (g *generator) meeting(k, limit int) *record.Meeting {
	r := g.rng(k)
	lang := g.langs[r.IntN(len(g.langs))]
	mt := g.mats[lang]
	body := "S"
	if r.IntN(2) == 1 {
		body = "A"
	}
	n := min(limit, 10+r.IntN(31))
	m := &record.Meeting{
		Language:   lang,
		Agenda:     []record.Item{},
		Events:     []record.Event{},
		Speeches:   []record.Speech{},
		References: []record.Reference{},
		Warnings:   []record.Warning{},
	}
	if body == "S" {
		m.Symbol, m.Body, m.Meeting = fmt.Sprintf("S/PV.%d", 20000+k), "Security Council", 20000+k
	} else {
		m.Symbol, m.Body, m.Meeting, m.Session = fmt.Sprintf("A/90/PV.%d", k+1), "General Assembly", k+1, "90"
	}
	day := firstDay.AddDate(0, 0, r.IntN(int(lastDay.Sub(firstDay).Hours()/24)+1))
	m.Date = day.Format("2006-01-02")
	openH, openM := []int{10, 10, 15, 15, 9, 11}[r.IntN(6)], 5*r.IntN(12)
	closeH, closeM := openH+1+r.IntN(4), 5*r.IntN(12)
	m.Opened, m.Closed = fmt.Sprintf("%02d:%02d", openH, openM), fmt.Sprintf("%02d:%02d", closeH, closeM)
	title := agendaTitles[lang][body][r.IntN(len(agendaTitles[lang][body]))]
	m.Agenda = append(m.Agenda, record.Item{Title: title, Documents: []string{}})
	m.Events = append(m.Events, record.Event{Type: record.EventOpened, Time: m.Opened, Text: clockText(lang, openH, openM, true)})
	m.Events = append(m.Events, record.Event{Type: record.EventAgendaAdopted, Text: map[string]string{"zh": "议程通过。", "en": "The agenda was adopted."}[lang]})

	// Seats: the presiding state, the members speaking, the states
	// invited under rule 37 (Council only), observers, organizations.
	perm := r.Perm(len(mt.states))
	states := make([]place, 0, len(perm))
	for _, i := range perm {
		states = append(states, mt.states[i])
	}
	var members, invited []place
	if body == "S" {
		var rest []place
		for _, s := range states {
			if slices.Contains(permanent, s.code) {
				members = append(members, s)
			} else {
				rest = append(rest, s)
			}
		}
		members = append(members, rest[:10]...)
		r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
		invited = rest[10 : 10+r.IntN(min(9, n/3+1))]
	} else {
		members = states
	}
	pres := members[0]
	presAffil := &record.Affiliation{Name: gazetteer.Name(pres.code, lang), Code: pres.code, Kind: record.KindState}
	m.President = &record.Party{Affiliation: presAffil}
	seats := map[string]person{}
	if lang == "en" {
		// English records name the President and the Council's members
		// on the cover page.
		who := coverPerson(mt.people[r.IntN(len(mt.people))])
		seats[pres.code] = who
		m.President.Name = who.title + " " + who.name
		if body == "S" {
			for _, p := range members[1:] {
				who := coverPerson(mt.people[r.IntN(len(mt.people))])
				seats[p.code] = who
				m.Members = append(m.Members, record.Member{Country: p.name, Code: p.code, Name: who.title + " " + who.name})
			}
		}
	}
	seat := func(p place, role string) speaker {
		who, ok := seats[p.code]
		if !ok {
			who = mt.people[r.IntN(len(mt.people))]
			seats[p.code] = who
		}
		dl := deliveryLang[p.code]
		if dl == "" || p.kind != record.KindState {
			dl = "en"
		}
		if r.IntN(10) == 0 {
			dl = []string{"en", "fr", "es", "ru", "ar", "zh"}[r.IntN(6)]
		}
		if p.observer {
			role = record.RoleObserver
		}
		if p.kind == record.KindOrganization {
			role = record.RoleObserver
		}
		label := delegateLabel(lang, who, p.name, dl)
		for try := 0; !mt.fits(label) && try < 20; try++ {
			who = mt.people[r.IntN(len(mt.people))]
			seats[p.code] = who
			label = delegateLabel(lang, who, p.name, dl)
		}
		return speaker{label: label, name: who.name, title: who.title, role: role,
			affil: &record.Affiliation{Name: p.name, Code: p.code, Kind: p.kind}, language: dl}
	}
	presLang := deliveryLang[pres.code]
	if presLang == "" {
		presLang = "en"
	}
	president := speaker{label: roleLabel(lang, "president", presLang), name: roleWord(lang, "president"),
		role: record.RolePresident, affil: presAffil, language: presLang}

	var queue []speaker // who speaks, in order
	for _, p := range members[1:] {
		queue = append(queue, seat(p, record.RoleMember))
	}
	for _, p := range invited {
		queue = append(queue, seat(p, record.RoleNonMember))
	}
	cursor := 0
	next := func() speaker {
		switch x := r.IntN(100); {
		case x < 4:
			return speaker{label: roleLabel(lang, "secretary-general", "en"), name: roleWord(lang, "secretary-general"),
				role: record.RoleSecretaryGeneral, affil: unAffil(lang), language: "en"}
		case x < 8 && body == "S":
			return speaker{label: roleLabel(lang, "briefer", "en"), name: roleWord(lang, "briefer"),
				role: record.RoleBriefer, affil: unAffil(lang), language: "en"}
		case x < 12 && len(mt.orgs) > 0:
			return seat(mt.orgs[r.IntN(len(mt.orgs))], record.RoleObserver)
		case x < 15 && len(mt.observers) > 0:
			return seat(mt.observers[r.IntN(len(mt.observers))], record.RoleObserver)
		}
		s := queue[cursor%len(queue)]
		cursor++
		return s
	}

	prevPresident := false
	for seq := 1; seq <= n; seq++ {
		var s speaker
		var paras []string
		switch {
		case seq == 1:
			s = president
			paras = g.opening(r, mt, m, body, pres, invited)
		case !prevPresident && r.IntN(10) < 3:
			s = president
			paras = compose(r, mt.turns(mt.president, body))
		default:
			s = next()
			paras = compose(r, mt.turns(mt.delegate, body))
		}
		prevPresident = s.role == record.RolePresident
		sp := record.Speech{Seq: seq, Speaker: s.name, Title: s.title, Role: s.role, Affiliation: s.affil,
			Language: s.language, Label: s.label, Item: 1, Paragraphs: paras}
		if s.affil != nil {
			a := *s.affil
			sp.Affiliation = &a
		}
		m.Speeches = append(m.Speeches, sp)
		for _, p := range paras {
			for _, ref := range symbol.Find(lang, p) {
				m.References = append(m.References, record.Reference{Symbol: ref.Symbol, Text: ref.Text, Speech: seq})
			}
		}
	}
	m.Events = append(m.Events, record.Event{Type: record.EventAdjourned, After: n, Time: m.Closed,
		Text: clockText(lang, closeH, closeM, false)})
	m.Source = &record.Source{File: fileName(m), Encoding: "utf-8"}
	return m
}

// opening is the President's first turn: in the Council, the rule 37
// invitation and the start of the consideration; in Chinese records, the
// presiding state named (主席国…), which is where the parser finds it; then
// the President's own prose.
func (g *generator) opening(r *rand.Rand, mt *material, m *record.Meeting, body string, pres place, invited []place) []string {
	var paras []string
	if mt.lang == "zh" {
		paras = append(paras, "我谨代表主席国"+pres.name+"欢迎各位出席本次会议。")
	}
	if body == "S" {
		if len(invited) > 0 {
			var names []string
			var invitees []record.Invitee
			for _, p := range invited {
				names = append(names, p.name)
				invitees = append(invitees, record.Invitee{Name: p.name, Code: p.code})
			}
			var text string
			if mt.lang == "zh" {
				text = "根据安理会暂行议事规则第37条，我邀请" + list(names, "、", "和") + "代表参加本次会议。"
			} else {
				text = "In accordance with rule 37 of the Council's provisional rules of procedure, I invite the representatives of " +
					list(names, ", ", " and ") + " to participate in this meeting."
			}
			paras = append(paras, text)
			m.Events = append(m.Events, record.Event{Type: record.EventInvitation, Speech: 1, After: 1, Rule: 37,
				Invitees: invitees, Text: text})
		}
		text := map[string]string{"zh": "安全理事会现在开始审议其议程上的项目。",
			"en": "The Security Council will now begin its consideration of the item on its agenda."}[mt.lang]
		paras = append(paras, text)
		m.Events = append(m.Events, record.Event{Type: record.EventConsideration, Speech: 1, After: 1,
			Item: m.Agenda[0].Title, Text: text})
	}
	own := compose(r, mt.turns(mt.president, body))
	return append(paras, own[:min(len(own), 2)]...)
}

// coverPerson gives a person a title the cover's member lines print.
func coverPerson(p person) person {
	switch p.title {
	case "Mr.", "Mrs.", "Ms.", "Miss", "Sir", "Dame", "Lord", "Dr.":
	default:
		p.title = "Mr."
	}
	return p
}

func list(names []string, sep, last string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], sep) + last + names[len(names)-1]
}

// compose makes a turn's text from real turns: one as printed, or with its
// paragraphs shuffled, or as many paragraphs drawn from it and another.
func compose(r *rand.Rand, turns [][]string) []string {
	a := turns[r.IntN(len(turns))]
	out := slices.Clone(a)
	switch x := r.IntN(10); {
	case x < 4:
	case x < 7:
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	default:
		out = append(out, turns[r.IntN(len(turns))]...)
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		out = out[:len(a)]
	}
	return out
}

func roleWord(lang, role string) string {
	return map[string]map[string]string{
		"zh": {"president": "主席", "secretary-general": "秘书长", "briefer": "常务副秘书长"},
		"en": {"president": "The President", "secretary-general": "The Secretary-General", "briefer": "The Deputy Secretary-General"},
	}[lang][role]
}

func roleLabel(lang, role, spoke string) string {
	w := roleWord(lang, role)
	if spoke == lang {
		return w + map[string]string{"zh": "：", "en": ":"}[lang]
	}
	if lang == "zh" {
		return w + "（以" + zhLangName[spoke] + "发言）："
	}
	return w + " (spoke in " + enLangName[spoke] + "):"
}

func delegateLabel(lang string, who person, where, spoke string) string {
	if lang == "zh" {
		l := who.name + who.title + "（" + where + "）"
		if spoke != "zh" {
			l += "（以" + zhLangName[spoke] + "发言）"
		}
		return l + "："
	}
	l := who.title + " " + who.name + " (" + where + ")"
	if spoke != "en" {
		l += " (spoke in " + enLangName[spoke] + ")"
	}
	return l + ":"
}

func unAffil(lang string) *record.Affiliation {
	return &record.Affiliation{Name: gazetteer.Name("UN", lang), Code: "UN", Kind: record.KindUN}
}

func clockText(lang string, h, min int, open bool) string {
	if lang == "zh" {
		part := "上午"
		hh := h
		if h >= 12 {
			part = "下午"
			if h > 12 {
				hh = h - 12
			}
		}
		t := fmt.Sprintf("%s%d时", part, hh)
		if min > 0 {
			t += fmt.Sprintf("%d分", min)
		}
		if open {
			return t + "开会。"
		}
		return t + "散会。"
	}
	ampm := "a.m."
	hh := h
	if h >= 12 {
		ampm = "p.m."
		if h > 12 {
			hh = h - 12
		}
	}
	t := fmt.Sprintf("%d", hh)
	if min > 0 {
		t += fmt.Sprintf(".%02d", min)
	}
	if open {
		return "The meeting was called to order at " + t + " " + ampm
	}
	return "The meeting rose at " + t + " " + ampm
}

// print renders meeting k as text extracted from a printed record: the
// column width, page length and job number vary by meeting.
func (g *generator) print(k int, m *record.Meeting) string {
	r := rand.New(rand.NewPCG(g.seed^0x9e3779b97f4a7c15, uint64(k)))
	o := reflow.Options{Furniture: true, FormFeed: true, HeadTitle: m.Agenda[0].Title,
		Job: fmt.Sprintf("%s-%05d", m.Date[2:4], r.IntN(100000))}
	if m.Language == "zh" {
		o.Script, o.Width, o.Indent, o.PageLines = layout.Han, float64(minWidthHan+2*r.IntN(6)), 2, 45+r.IntN(26)
	} else {
		o.Script, o.Width, o.Indent, o.PageLines = layout.Latin, float64(minWidthLatin+r.IntN(11)), 3, 55+r.IntN(21)
	}
	if m.Language == "en" {
		// English labels are followed by a space; the record keeps the
		// label without it, as the parser does.
		c := *m
		c.Speeches = slices.Clone(m.Speeches)
		for i := range c.Speeches {
			c.Speeches[i].Label += " "
		}
		return cover(m) + reflow.Print(&c, o)
	}
	return reflow.Print(m, o)
}

// cover prints an English record's cover page: symbol, body, meeting,
// date, place, the President and the members with dot leaders, the agenda.
func cover(m *record.Meeting) string {
	var b strings.Builder
	day, _ := time.Parse("2006-01-02", m.Date)
	h, mi := 0, 0
	fmt.Sscanf(m.Opened, "%d:%d", &h, &mi)
	clock := strings.TrimPrefix(clockText("en", h, mi, true), "The meeting was called to order at ")
	fmt.Fprintf(&b, "United Nations %s\n%s\n%d%s meeting\n%s, %d %s %d, %s\nNew York\nProvisional\n",
		m.Symbol, m.Body, m.Meeting, ordinal(m.Meeting), day.Weekday(), day.Day(), day.Month(), day.Year(), clock)
	leader := func(s string, width int) string {
		n := max(2, (width-len(s))/2)
		return s + strings.Repeat(". ", n)
	}
	fmt.Fprintf(&b, "President: %s(%s)\n", leader(m.President.Name, 60), m.President.Affiliation.Name)
	for i, mem := range m.Members {
		line := leader(mem.Country, 50) + " " + mem.Name
		if i == 0 {
			line = "Members: " + line
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("Agenda\n")
	for _, it := range m.Agenda {
		b.WriteString(it.Title + "\n")
	}
	return b.String()
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}
