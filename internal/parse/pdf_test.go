package parse_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/extract"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/page"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/internal/symbol"
	"github.com/verbatim-un/verbatim/record"
)

// mupdf returns the PDF extractor the golden files were made with,
// skipping the test without it (failing under CI, which installs it).
func mupdf(t testing.TB) extract.Extractor {
	t.Helper()
	path, err := exec.LookPath("mutool")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(extract.ErrNoExtractor)
		}
		t.Skip(extract.ErrNoExtractor)
	}
	return extract.MuPDF{Path: path}
}

func corpusPDFs(t *testing.T) []string {
	t.Helper()
	dir := filepath.Dir(corpus.Path(t, "en/pdf/S_PV.8700-EN.pdf"))
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus PDFs in %s: %v", dir, err)
	}
	return files
}

type pdfCase struct {
	name string    // file name without .pdf
	doc  *page.Doc // the extracted pages
	text string    // their lines, pages ended by form feeds
	m    *record.Meeting
}

// docText is a document's lines in the extractor's order, each page ended
// by a form feed.
func docText(d *page.Doc) string {
	var b strings.Builder
	for _, p := range d.Pages {
		for i := range p.Lines {
			b.WriteString(p.Lines[i].Text())
			b.WriteByte('\n')
		}
		b.WriteByte('\f')
	}
	return b.String()
}

var pdfCache = map[string]pdfCase{}

func parsePDF(t *testing.T, path string) pdfCase {
	t.Helper()
	if c, ok := pdfCache[path]; ok {
		return c
	}
	x := mupdf(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := x.Pages(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ingest.Read(context.Background(), b, ingest.ReadOptions{File: filepath.Base(path), Extractor: x})
	if err != nil {
		t.Fatal(err)
	}
	c := pdfCase{name: strings.TrimSuffix(filepath.Base(path), ".pdf"), doc: d, text: docText(d), m: m}
	pdfCache[path] = c
	return c
}

// symbolFromName reads the symbol a corpus file is named after:
// "S_PV.8706(Resumption1)-EN" → S/PV.8706 (Resumption 1).
func symbolFromName(t *testing.T, name string) string {
	t.Helper()
	s := strings.ReplaceAll(name[:strings.Index(name, "-EN")], "_", "/")
	n, err := symbol.Normalize(s)
	if err != nil {
		t.Fatalf("file name %s: %v", name, err)
	}
	return n
}

var (
	months      = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}
	coverDateRe = regexp.MustCompile(`(?m)^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, )?(\d{1,2}) ([A-Z][a-z]+) (\d{4})(?:, |$)|^\d+(?:st|nd|rd|th) MEETING: (\d{1,2}) ([A-Z]+) (\d{4})$`)
	// A speaker label as a reader finds it: a role or an honorific and a
	// capitalised name, brackets, a colon. Written apart from the grammar
	// so that the two can disagree.
	labelLineRe = regexp.MustCompile(`^(?:The (?:Acting |Temporary )?(?:President|PRESIDENT)|The Secretary-General|The Deputy Secretary-General|(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Monsignor|Archbishop|Cardinal|Sheikh|Dr)\.? \p{Lu}[^:;“”]{0,150}?)(?: \((?:spoke in|interpretation from) [A-Za-z]+\))?:(?:\s|$)`)
	honorificRe = regexp.MustCompile(`^(?:Mr|Mrs|Ms|Miss|Sir|Dame|The)\b`)
)

// coverDate finds the meeting's date in the first lines of the text.
func coverDate(text string) string {
	head := text
	if lines := strings.SplitN(text, "\n", 80); len(lines) == 80 {
		head = strings.Join(lines[:79], "\n")
	}
	m := coverDateRe.FindStringSubmatch(head)
	if m == nil {
		return ""
	}
	d, mo, y := m[1], m[2], m[3]
	if d == "" {
		d, mo, y = m[4], m[5], m[6]
	}
	day, _ := strconv.Atoi(d)
	return fmt.Sprintf("%s-%02d-%02d", y, months[strings.ToLower(mo)], day)
}

// countLabels counts the printed lines that open with a speaker label in
// bold, joining a label broken after its name.
func countLabels(d *page.Doc) int {
	var lines []*page.Line
	for pi := range d.Pages {
		for i := range d.Pages[pi].Lines {
			lines = append(lines, &d.Pages[pi].Lines[i])
		}
	}
	n := 0
	for i, l := range lines {
		if l.BoldPrefix() == 0 {
			continue
		}
		s := strings.TrimSpace(l.Text())
		if honorificRe.MatchString(s) && !strings.Contains(s, ":") && i+1 < len(lines) {
			s += " " + strings.TrimSpace(lines[i+1].Text())
		}
		if m := labelLineRe.FindString(s); m != "" {
			// "Mr. X (Country), Rapporteur …:" has a comma after the
			// brackets; a comma inside a name means a sentence.
			before := m
			if i := strings.Index(m, "("); i >= 0 {
				before = m[:i]
			}
			if !strings.Contains(before, ",") {
				n++
			}
		}
	}
	return n
}

// TestPDFCorpus parses every corpus PDF: the metadata must match the cover,
// the labelled turns must match the labels a reader counts, the 2020
// Security Council records must parse without a warning, and each record
// is compared with its golden summary.
func TestPDFCorpus(t *testing.T) {
	for _, path := range corpusPDFs(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".pdf")
		t.Run(name, func(t *testing.T) {
			c := parsePDF(t, path)
			m := c.m
			if want := symbolFromName(t, name); m.Symbol != want {
				t.Errorf("symbol = %q, want %q (from the cover)", m.Symbol, want)
			}
			sym, _ := symbol.Parse(m.Symbol)
			if m.Meeting != sym.Meeting || m.Meeting == 0 {
				t.Errorf("meeting = %d, want %d", m.Meeting, sym.Meeting)
			}
			if want := coverDate(c.text); m.Date != want || want == "" {
				t.Errorf("date = %q, cover says %q", m.Date, want)
			}
			poor := false
			for _, w := range m.Warnings {
				poor = poor || w.Code == "text-quality"
			}
			labelled := 0
			for _, sp := range m.Speeches {
				if sp.Label != "" {
					labelled++
				}
			}
			// A garbled text layer has labels no reader can count either.
			t.Logf("measure: %d pages, %d speeches (%d labelled), %d bold labels counted, %d warnings", len(c.doc.Pages), len(m.Speeches), labelled, countLabels(c.doc), len(m.Warnings))
			if want := countLabels(c.doc); !poor && labelled != want {
				t.Errorf("%d labelled speeches, %d labels in the text", labelled, want)
			}
			if strings.HasPrefix(name, "S_PV.87") && len(m.Warnings) > 0 {
				t.Errorf("warnings on a 2020 Council record: %+v", m.Warnings)
			}
			checkPDFText(t, m)
			if m.Source == nil || m.Source.Extractor == "" {
				t.Errorf("source does not name the extractor: %+v", m.Source)
			}
			golden(t, "en/"+name+".json", marshal(t, summarize(m)))
		})
	}
}

var (
	// A run of 25 letters or more is words whose spaces were lost:
	// the longest English words in these records have 20 or so.
	runTogetherRe = regexp.MustCompile(`\p{L}{25,}`)
	// A running head: a meeting symbol, a title and a date.
	runningHeadRe = regexp.MustCompile(`[AS]/(?:\d+/)?PV\.\d+(?: \(Resumption \d+\))? .{1,100}? \d{2}/\d{2}/\d{4}`)
)

// checkPDFText: speech text has no words run together, and no page
// furniture or cover notice.
func checkPDFText(t *testing.T, m *record.Meeting) {
	t.Helper()
	for _, sp := range m.Speeches {
		for _, para := range sp.Paragraphs {
			if w := runTogetherRe.FindString(para); w != "" {
				t.Errorf("speech %d: words run together: %q", sp.Seq, w)
			}
			if h := runningHeadRe.FindString(para); h != "" {
				t.Errorf("speech %d: running head in the text: %q", sp.Seq, h)
			}
			if strings.Contains(para, "This record contains the text of speeches") {
				t.Errorf("speech %d: the cover's notice in the text", sp.Seq)
			}
		}
	}
}

// TestOldRecordsWarn: the 1950 record's text layer is a poor scan of an
// English and French edition: it parses, and says so.
func TestOldRecordsWarn(t *testing.T) {
	c := parsePDF(t, corpus.Path(t, "en/pdf/S_PV.492-EN.pdf"))
	var codes []string
	for _, w := range c.m.Warnings {
		codes = append(codes, w.Code)
	}
	if !slices.Contains(codes, "text-quality") {
		t.Errorf("no text-quality warning on S/PV.492: %v", codes)
	}
}

func votesOf(m *record.Meeting) []*record.Vote {
	var out []*record.Vote
	for _, e := range m.Events {
		if e.Type == record.EventVote && e.Vote != nil {
			out = append(out, e.Vote)
		}
	}
	return out
}

// TestCouncilVotes checks the show-of-hands votes state by state.
func TestCouncilVotes(t *testing.T) {
	tests := []struct {
		file                       string
		draft, resolution          string
		inFavour, against, abstain []string
		yes, no, abs               int
	}{
		{"en/pdf/S_PV.8422-EN.pdf", "S/2018/1016", "S/RES/2448 (2018)",
			[]string{"BOL", "CIV", "GNQ", "ETH", "FRA", "KAZ", "KWT", "NLD", "PER", "POL", "SWE", "GBR", "USA"},
			[]string{}, []string{"CHN", "RUS"}, 13, 0, 2},
		{"en/pdf/S_PV.10100-EN.pdf", "S/2026/50", "S/RES/2815 (2026)",
			[]string{"BHR", "CHN", "COL", "COD", "DNK", "FRA", "GRC", "LVA", "LBR", "PAN", "RUS", "GBR", "USA"},
			[]string{}, []string{"PAK", "SOM"}, 13, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			c := parsePDF(t, corpus.Path(t, tt.file))
			votes := votesOf(c.m)
			if len(votes) != 1 {
				t.Fatalf("%d votes, want 1", len(votes))
			}
			v := votes[0]
			if v.Draft != tt.draft || v.Resolution != tt.resolution || v.Method != "show-of-hands" ||
				v.Adopted == nil || !*v.Adopted {
				t.Errorf("vote = draft %q resolution %q method %q adopted %v", v.Draft, v.Resolution, v.Method, v.Adopted)
			}
			if !slices.Equal(v.InFavour, tt.inFavour) || !slices.Equal(v.Against, tt.against) || !slices.Equal(v.Abstaining, tt.abstain) {
				t.Errorf("positions = %v / %v / %v", v.InFavour, v.Against, v.Abstaining)
			}
			if v.Yes != tt.yes || v.No != tt.no || v.Abstain != tt.abs {
				t.Errorf("counts = %d-%d-%d, want %d-%d-%d", v.Yes, v.No, v.Abstain, tt.yes, tt.no, tt.abs)
			}
		})
	}
}

// TestResumedMeeting: a resumption is part k of the same meeting.
func TestResumedMeeting(t *testing.T) {
	c := parsePDF(t, corpus.Path(t, "en/pdf/S_PV.8706(Resumption1)-EN.pdf"))
	if c.m.Symbol != "S/PV.8706 (Resumption 1)" || c.m.Meeting != 8706 || c.m.Part != 1 {
		t.Errorf("symbol %q meeting %d part %d", c.m.Symbol, c.m.Meeting, c.m.Part)
	}
	if c.m.Opened != "10:10" {
		t.Errorf("opened = %q, want the resumption time 10:10", c.m.Opened)
	}
}

// TestAssemblyAdoptions: A/65/PV.71 adopts dozens of texts, with and
// without recorded votes; every recorded vote's announced counts equal
// its lists of states.
func TestAssemblyAdoptions(t *testing.T) {
	c := parsePDF(t, corpus.Path(t, "en/pdf/A_65_PV.71-EN.pdf"))
	votes := votesOf(c.m)
	recorded, withoutVote := 0, 0
	resolutions := map[string]*record.Vote{}
	for _, v := range votes {
		if v.Resolution != "" {
			resolutions[v.Resolution] = v
		}
		switch v.Method {
		case "recorded":
			recorded++
			if v.Yes != len(v.InFavour) || v.No != len(v.Against) || v.Abstain != len(v.Abstaining) {
				t.Errorf("%s %s: announced %d-%d-%d, lists %d-%d-%d", v.Title, v.Resolution,
					v.Yes, v.No, v.Abstain, len(v.InFavour), len(v.Against), len(v.Abstaining))
			}
		case "without-vote":
			withoutVote++
		}
	}
	if recorded != 15 {
		t.Errorf("%d recorded votes, want 15", recorded)
	}
	if withoutVote < 30 {
		t.Errorf("%d adoptions without a vote, want at least 30", withoutVote)
	}
	if v := resolutions["A/RES/65/182"]; v == nil || v.Method != "without-vote" || v.Title != "Draft resolution I" {
		t.Errorf("A/RES/65/182 = %+v", v)
	}
	if v := resolutions["A/RES/65/195"]; v == nil || v.Yes != 123 || v.No != 1 || v.Abstain != 55 {
		t.Errorf("A/RES/65/195 = %+v", v)
	}
}

// summary is what a golden file keeps of a record: structure, codes and
// counts, and a digest of each text instead of the text, so that the
// repository holds no text of the corpus.
type summary struct {
	Symbol, Body, Session, Date, Opened, Closed, Scheduled, Place, Status string
	Meeting, Part                                                         int
	President                                                             string
	Members                                                               []string
	Agenda                                                                []string
	Events                                                                []string
	Speeches                                                              []string
	References                                                            []string
	Warnings                                                              []string
	Unclassified                                                          int
}

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

func summarize(m *record.Meeting) summary {
	s := summary{Symbol: m.Symbol, Body: m.Body, Session: m.Session, Date: m.Date, Opened: m.Opened,
		Closed: m.Closed, Scheduled: m.Scheduled, Place: m.Place, Status: m.Status, Meeting: m.Meeting,
		Part: m.Part, Unclassified: len(m.Unclassified)}
	if m.President != nil {
		s.President = m.President.Name
		if m.President.Affiliation != nil {
			s.President += " " + m.President.Affiliation.Code
		}
	}
	for _, mem := range m.Members {
		s.Members = append(s.Members, mem.Code+" "+mem.Name)
	}
	for _, it := range m.Agenda {
		s.Agenda = append(s.Agenda, fmt.Sprintf("%s title:%s docs:%v", it.Number, digest(it.Title), it.Documents))
	}
	for _, e := range m.Events {
		line := fmt.Sprintf("%s speech:%d after:%d", e.Type, e.Speech, e.After)
		if e.Time != "" {
			line += " time:" + e.Time
		}
		if e.Rule != 0 {
			line += fmt.Sprintf(" rule:%d", e.Rule)
			for _, iv := range e.Invitees {
				line += fmt.Sprintf(" [%s %s]", iv.Name, iv.Code)
			}
		}
		if v := e.Vote; v != nil {
			adopted := "?"
			if v.Adopted != nil {
				adopted = strconv.FormatBool(*v.Adopted)
			}
			line += fmt.Sprintf(" %s draft:%s res:%s %d-%d-%d adopted:%s for:%v against:%v abst:%v",
				v.Method, v.Draft, v.Resolution, v.Yes, v.No, v.Abstain, adopted, v.InFavour, v.Against, v.Abstaining)
		}
		s.Events = append(s.Events, line)
	}
	for _, sp := range m.Speeches {
		code := ""
		if sp.Affiliation != nil {
			code = sp.Affiliation.Code
		}
		behalf := ""
		if sp.OnBehalfOf != nil {
			behalf = " behalf:" + *sp.OnBehalfOf
		}
		national := ""
		if sp.NationalCapacity {
			national = " national"
		}
		text := strings.Join(sp.Paragraphs, "\n")
		s.Speeches = append(s.Speeches, fmt.Sprintf("%d %s %s | %s %s %s%s%s item:%d paras:%d chars:%d text:%s",
			sp.Seq, sp.Title, sp.Speaker, sp.Role, code, sp.Language, national, behalf, sp.Item,
			len(sp.Paragraphs), len([]rune(text)), digest(text)))
	}
	for _, r := range m.References {
		s.References = append(s.References, fmt.Sprintf("%s@%d", r.Symbol, r.Speech))
	}
	for _, w := range m.Warnings {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%s:%d", w.Code, w.Line))
	}
	return s
}

// BenchmarkPDF times a record end to end, and its two stages apart:
// extraction by mutool, and parsing of the styled pages. S/PV.8703 has 21
// pages.
func BenchmarkPDF(b *testing.B) {
	x := mupdf(b)
	for _, name := range []string{"S_PV.8700-EN", "S_PV.8703-EN", "S_PV.8706-EN", "A_65_PV.71-EN"} {
		pdf, err := os.ReadFile(corpus.Path(b, "en/pdf/"+name+".pdf"))
		if err != nil {
			b.Fatal(err)
		}
		d, err := x.Pages(context.Background(), pdf)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("extract/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(pdf)))
			for b.Loop() {
				if _, err := x.Pages(context.Background(), pdf); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("parse/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(docText(d))))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parse.Pages(d, parse.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("total/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(pdf)))
			for b.Loop() {
				if _, err := ingest.Read(context.Background(), pdf, ingest.ReadOptions{Extractor: x}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestFallbackSameRecords: the fallback extractor (pdfium, in the binary)
// gives the records mutool gives on the 2020 Council records: the same
// metadata, speakers, codes, languages, events, votes and text.
func TestFallbackSameRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("pdfium takes seconds to start")
	}
	x := mupdf(t)
	dir := filepath.Dir(corpus.Path(t, "en/pdf/S_PV.8700-EN.pdf"))
	files, err := filepath.Glob(filepath.Join(dir, "S_PV.87*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no 2020 Council records in %s", dir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ingest.Read(context.Background(), b, ingest.ReadOptions{Extractor: x})
			if err != nil {
				t.Fatal(err)
			}
			got, err := ingest.Read(context.Background(), b, ingest.ReadOptions{Extractor: extract.Pdfium{}})
			if err != nil {
				t.Fatal(err)
			}
			if g, w := marshal(t, summarize(got)), marshal(t, summarize(want)); !bytes.Equal(g, w) {
				t.Errorf("summaries differ:\npdfium %s\nmutool %s", g, w)
			}
			for i := range min(len(got.Speeches), len(want.Speeches)) {
				if g, w := got.Speeches[i].Paragraphs, want.Speeches[i].Paragraphs; !slices.Equal(g, w) {
					t.Errorf("speech %d: paragraphs differ:\npdfium %q\nmutool %q", i+1, g, w)
				}
			}
		})
	}
}
