package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/record"
)

// scdColumns are the columns of the Security Council Debates corpus's
// speaker.tsv, in order, as its column dictionary (CORPUS.md) lists them;
// the first is its unnamed row index.
var scdColumns = []string{"", "filename", "date", "day", "month", "year", "speaker", "speaker_undl",
	"speaker_country", "country_org", "role", "participanttype", "speech_number", "record_speech", "tokens",
	"types", "sentences", "topic", "agenda_item1", "agenda_item2", "agenda_item3", "agenda_item4",
	"agenda_item_manual", "document_symbol", "meeting_symbol", "speech_format"}

func fixtures(t *testing.T) []*record.Meeting {
	t.Helper()
	b, err := os.ReadFile("testdata/synthetic.json")
	if err != nil {
		t.Fatal(err)
	}
	var ms []*record.Meeting
	if err := json.Unmarshal(b, &ms); err != nil {
		t.Fatal(err)
	}
	return ms
}

func sourceOf(ms []*record.Meeting) Source {
	return func(yield func(*record.Meeting, error) bool) {
		for _, m := range ms {
			if !yield(m, nil) {
				return
			}
		}
	}
}

func speeches(ms []*record.Meeting) int {
	n := 0
	for _, m := range ms {
		n += len(m.Speeches)
	}
	return n
}

func TestColumns(t *testing.T) {
	var names []string
	for _, c := range Columns() {
		names = append(names, c.Name)
	}
	if len(names) < len(scdColumns) || !slices.Equal(names[:len(scdColumns)], scdColumns) {
		t.Fatalf("the first columns are not the corpus's:\n got %q\nwant %q", names[:min(len(names), len(scdColumns))], scdColumns)
	}
	for _, c := range Columns()[len(scdColumns):] {
		if c.Group != "verbatim" {
			t.Errorf("column %s after the corpus's is in group %s", c.Name, c.Group)
		}
	}
	// docs/exports.md documents every column, in order.
	doc, err := os.ReadFile("../../docs/exports.md")
	if err != nil {
		t.Fatal(err)
	}
	at := 0
	for _, n := range names[1:] {
		i := strings.Index(string(doc[at:]), "| `"+n+"` |")
		if i < 0 {
			t.Errorf("docs/exports.md does not document column %s (after the previous one)", n)
			continue
		}
		at += i
	}
}

// readCSV reads a CSV export strictly: RFC 4180 quoting, the same number
// of fields on every line.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Errorf("CSV does not end with CRLF")
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(Columns())
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not read back: %v", err)
	}
	return recs
}

// strictTSV reads a TSV export strictly: one record a line, the same number
// of fields on every line, escapes undone.
func strictTSV(t *testing.T, b []byte, fields int) [][]string {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\n")) {
		t.Errorf("TSV does not end with a line feed")
	}
	var out [][]string
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if strings.Contains(line, "\r") {
			t.Fatalf("TSV line %d holds a carriage return", i+1)
		}
		f := strings.Split(line, "\t")
		if len(f) != fields {
			t.Fatalf("TSV line %d has %d fields, want %d", i+1, len(f), fields)
		}
		for k := range f {
			f[k] = UnescapeTSV(f[k])
		}
		out = append(out, f)
	}
	return out
}

// checkRows checks that rows (header first) are the speeches of ms, every
// field what the record says.
func checkRows(t *testing.T, name string, rows [][]string, ms []*record.Meeting, withText bool) {
	t.Helper()
	cols := map[string]int{}
	for i, n := range rows[0] {
		cols[n] = i
	}
	if len(rows)-1 != speeches(ms) {
		t.Fatalf("%s: %d rows for %d speeches", name, len(rows)-1, speeches(ms))
	}
	n := 0
	for _, m := range ms {
		for _, sp := range m.Speeches {
			n++
			r := rows[n]
			get := func(c string) string { return r[cols[c]] }
			a := sp.Affiliation
			if a == nil {
				a = &record.Affiliation{}
			}
			behalf := ""
			if sp.OnBehalfOf != nil {
				behalf = *sp.OnBehalfOf
			}
			want := map[string]string{
				"": strconv.Itoa(n), "document_symbol": m.Symbol, "speech_number": strconv.Itoa(sp.Seq),
				"date": m.Date, "record_language": m.Language, "country_code": a.Code, "entity_kind": a.Kind,
				"speaker_role": sp.Role, "national_capacity": strconv.FormatBool(sp.NationalCapacity),
				"spoken_language": sp.Language, "on_behalf_of": behalf, "part": strconv.Itoa(m.Part),
				"body": m.Body, "label": sp.Label, "speaker_undl": "", "agenda_item1": "",
			}
			if withText {
				want["text"] = strings.Join(sp.Paragraphs, "\n")
			}
			for c, w := range want {
				if got := get(c); got != w {
					t.Errorf("%s row %d (%s #%d): %s = %q, want %q", name, n, m.Symbol, sp.Seq, c, got, w)
				}
			}
			if f := get("filename"); !regexp.MustCompile(`^UN(SC|GA)_(\d{4}|NA)_[A-Za-z0-9.]+_spch\d{3}\.txt$`).MatchString(f) {
				t.Errorf("%s row %d: filename %q", name, n, f)
			}
			pt := map[string]string{"president": "The President", "member": "Mentioned"}[sp.Role]
			if pt == "" {
				pt = "Guest"
			}
			if got := get("participanttype"); got != pt {
				t.Errorf("%s row %d: participanttype %q, want %q", name, n, got, pt)
			}
		}
	}
}

func TestTables(t *testing.T) {
	ms := fixtures(t)
	for _, format := range []string{"csv", "tsv"} {
		var buf bytes.Buffer
		st, err := Write(&buf, sourceOf(ms), Options{Format: format})
		if err != nil {
			t.Fatal(err)
		}
		if st.Speeches != speeches(ms) || st.Meetings != len(ms) {
			t.Errorf("%s: stats %+v", format, st)
		}
		var rows [][]string
		if format == "csv" {
			rows = readCSV(t, buf.Bytes())
		} else {
			rows = strictTSV(t, buf.Bytes(), len(Columns()))
		}
		if !slices.Equal(rows[0][:len(scdColumns)], scdColumns) {
			t.Errorf("%s header %q", format, rows[0])
		}
		checkRows(t, format, rows, ms, true)
		// What the table computes from our data, on the fixtures.
		cols := map[string]int{}
		for i, n := range rows[0] {
			cols[n] = i
		}
		for _, c := range []struct {
			row       int
			col, want string
		}{
			{1, "filename", "UNSC_2031_SPV.9999Resumption1_spch001.txt"},
			{1, "speaker", "Ms. Ostvik"},
			{1, "day", "3"},
			{1, "month", "2"},
			{1, "meeting_symbol", "S/PV.9999"},
			{1, "topic", "Threats to international peace & security"},
			{2, "country_org", "UN"},
			{2, "role", "Executive Director, UNICEF"},
			{3, "cited_symbols", "S/RES/2999 (2031); S/2031/17"},
			{3, "country_org", "France"},
			{4, "speaker", "Ms. Ostvik"},
			{4, "participanttype", "Mentioned"},
			{5, "country_org", "Utopia"},
			{5, "topic", `Working methods, "briefly"`},
			{5, "agenda_item", "2"},
			{6, "role", "Secretary-General"},
			{7, "filename", "UNGA_NA_A99PV.12_spch001.txt"},
			{7, "year", ""},
			{8, "speaker", "王明先生"},
			{8, "agenda_number", "110"},
			{8, "country_org", "China"},
			{8, "sentences", "2"},
		} {
			if got := rows[c.row][cols[c.col]]; got != c.want {
				t.Errorf("%s row %d: %s = %q, want %q", format, c.row, c.col, got, c.want)
			}
		}
	}
}

func TestCounts(t *testing.T) {
	for _, c := range []struct {
		text                     string
		tokens, types, sentences int
	}{
		{"", 0, 0, 0},
		{"Peace, peace. Now!", 6, 5, 2},
		{"It costs 3.5 million dollars — the Council's view.", 10, 10, 1},
		{"和平与安全。谢谢", 8, 7, 2},
		{"No end", 2, 2, 1},
	} {
		got := count(c.text)
		if got.tokens != c.tokens || got.types != c.types || got.sentences != c.sentences {
			t.Errorf("%q: %+v, want %d tokens, %d types, %d sentences", c.text, got, c.tokens, c.types, c.sentences)
		}
	}
}

func TestJSONLRoundTrip(t *testing.T) {
	ms := fixtures(t)
	var buf bytes.Buffer
	if _, err := Write(&buf, sourceOf(ms), Options{Format: "jsonl"}); err != nil {
		t.Fatal(err)
	}
	checkJSONL(t, buf.Bytes(), ms)
}

// checkJSONL reads JSON Lines back: the same speeches, speakers, codes
// and text as the records.
func checkJSONL(t *testing.T, b []byte, ms []*record.Meeting) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != speeches(ms) {
		t.Fatalf("%d lines for %d speeches", len(lines), speeches(ms))
	}
	n := 0
	for _, m := range ms {
		for _, sp := range m.Speeches {
			var l Line
			dec := json.NewDecoder(strings.NewReader(lines[n]))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&l); err != nil {
				t.Fatalf("line %d: %v", n+1, err)
			}
			n++
			if l.Symbol != m.Symbol || l.Date != m.Date || l.RecordLanguage != m.Language || l.Body != m.Body {
				t.Errorf("line %d: meeting %s %s %s, want %s %s %s", n, l.Symbol, l.Date, l.RecordLanguage, m.Symbol, m.Date, m.Language)
			}
			want := sp
			if want.Affiliation != nil && *want.Affiliation == (record.Affiliation{}) {
				want.Affiliation = nil
			}
			if want.Paragraphs == nil {
				want.Paragraphs = []string{}
			}
			got := l.Speech()
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if !bytes.Equal(gj, wj) {
				t.Errorf("line %d: speech\n got %s\nwant %s", n, gj, wj)
			}
		}
	}
}

// memSink keeps the files of an export in memory.
type memSink map[string]*bytes.Buffer

func (s memSink) Create(name string) (io.WriteCloser, error) {
	if _, ok := s[name]; ok {
		return nil, fmt.Errorf("%s created twice", name)
	}
	b := &bytes.Buffer{}
	s[name] = b
	return nopCloser{b}, nil
}

func TestSCDLayout(t *testing.T) {
	ms := fixtures(t)[:1]
	dir := t.TempDir()
	st, err := WriteFiles(DirSink(dir), sourceOf(ms), Options{Format: "tsv", Layout: "scd"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != speeches(ms)+2 {
		t.Errorf("%d files", st.Files)
	}
	b, err := os.ReadFile(filepath.Join(dir, "speaker.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := strictTSV(t, b, len(Columns())-1)
	if !slices.Equal(rows[0][:len(scdColumns)], scdColumns) || slices.Contains(rows[0], "text") {
		t.Errorf("speaker.tsv header %q", rows[0])
	}
	checkRows(t, "speaker.tsv", rows, ms, false)
	for i, r := range rows[1:] {
		sp := ms[0].Speeches[i]
		text, err := os.ReadFile(filepath.Join(dir, "speeches", r[1]))
		if err != nil {
			t.Errorf("row %d: %v", i+1, err)
			continue
		}
		want := strings.Join(sp.Paragraphs, "\n") + "\n"
		if sp.Label != "" {
			want = sp.Label + " " + want
		}
		if string(text) != want {
			t.Errorf("%s: %q, want %q", r[1], text, want)
		}
	}
	b, err = os.ReadFile(filepath.Join(dir, "meta.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	meta := strictTSV(t, b, 9)
	if want := []string{"", "basename", "date", "topic", "year", "month", "day", "spv", "num_speeches"}; !slices.Equal(meta[0], want) {
		t.Errorf("meta.tsv header %q", meta[0])
	}
	if want := []string{"1", "UNSC_2031_SPV.9999Resumption1", "2031-02-03", "Threats to international peace & security",
		"2031", "2", "3", "9999Resumption1", "6"}; len(meta) != 2 || !slices.Equal(meta[1], want) {
		t.Errorf("meta.tsv rows %q", meta)
	}
	// The basename joins the speeches to their meeting, as in the corpus.
	if base := regexp.MustCompile(`_spch\d+\.txt$`).ReplaceAllString(rows[1][1], ""); base != meta[1][1] {
		t.Errorf("basename %q does not join %q", meta[1][1], rows[1][1])
	}
	// One language a layout: the corpus's file names have none.
	_, err = WriteFiles(memSink{}, sourceOf(fixtures(t)), Options{Format: "tsv", Layout: "scd"})
	if err == nil || !strings.Contains(err.Error(), "one language") {
		t.Errorf("two languages in one scd layout: %v", err)
	}
}

func TestOptions(t *testing.T) {
	ms := fixtures(t)
	for _, o := range []Options{{Format: "xlsx"}, {Format: "csv", Layout: "scd"}, {Format: "tsv", Layout: "parlamint"}} {
		if _, err := Write(io.Discard, sourceOf(ms), o); !errors.Is(err, ErrFormat) {
			t.Errorf("%+v: %v", o, err)
		}
	}
	for _, f := range []string{"tei", "akn"} {
		if _, err := Write(io.Discard, sourceOf(ms), Options{Format: f}); !errors.Is(err, ErrOneFile) {
			t.Errorf("%s of two meetings to one stream: %v", f, err)
		}
	}
	// A source's error stops the export and is returned.
	bad := errors.New("disk on fire")
	src := func(yield func(*record.Meeting, error) bool) {
		if yield(ms[0], nil) {
			yield(nil, bad)
		}
	}
	if _, err := Write(io.Discard, src, Options{Format: "csv"}); !errors.Is(err, bad) {
		t.Errorf("source error: %v", err)
	}
	// Two records with the same file name are refused, not overwritten.
	if _, err := WriteFiles(memSink{}, sourceOf([]*record.Meeting{ms[0], ms[0]}), Options{Format: "md"}); err == nil {
		t.Error("a record written twice to the same file")
	}
}

func TestTranscripts(t *testing.T) {
	ms := fixtures(t)
	sink := memSink{}
	st, err := WriteFiles(sink, sourceOf(ms), Options{Format: "md"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 2 || sink["S_PV.9999Resumption1-EN.md"] == nil || sink["A_99_PV.12-ZH.md"] == nil {
		t.Fatalf("files %v", sink)
	}
	md := sink["S_PV.9999Resumption1-EN.md"].String()
	for _, want := range []string{"# S/PV.9999 (Resumption 1)", "Thank you, Madam President.", "*The meeting was suspended at 11.30 a.m.*"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	// A meeting narrowed to some speeches keeps no act of the others.
	m := *ms[0]
	m.Speeches = m.Speeches[2:3]
	var buf bytes.Buffer
	if _, err := Write(&buf, sourceOf([]*record.Meeting{&m}), Options{Format: "text"}); err != nil {
		t.Fatal(err)
	}
	if s := buf.String(); !strings.Contains(s, "Durand") || strings.Contains(s, "Quill") {
		t.Errorf("narrowed transcript: %q", s)
	}
}

func TestZip(t *testing.T) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	if _, err := WriteFiles(ZipSink{z}, sourceOf(fixtures(t)), Options{Format: "tei", Date: "2031-03-01"}); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
	}
	if want := []string{"S_PV.9999Resumption1-EN.xml", "A_99_PV.12-ZH.xml", teiRootName}; !slices.Equal(names, want) {
		t.Errorf("zip holds %q, want %q", names, want)
	}
}

// validate runs a validator over files, a batch at a time.
func validate(t *testing.T, format string, files []string) {
	t.Helper()
	var args []string
	var tool string
	switch format {
	case "tei":
		tool = corpus.Tool(t, "jing", "jing")
		corpus.Tool(t, "java", "default-jre-headless")
		args = []string{corpus.StandardsPath(t, "parlamint/ParlaMint-TEI.rng")}
	case "akn":
		tool = corpus.Tool(t, "xmllint", "libxml2-utils")
		args = []string{"--noout", "--schema", corpus.StandardsPath(t, "akn/oasis-akomantoso30.xsd")}
	}
	for len(files) > 0 {
		n := min(len(files), 200)
		out, err := exec.Command(tool, append(args, files[:n]...)...).CombinedOutput()
		if err != nil {
			t.Errorf("%s files do not validate: %v\n%s", format, err, filterJing(out))
		}
		files = files[n:]
	}
}

// filterJing drops the warnings Debian's jing script prints about
// optional jars.
func filterJing(out []byte) string {
	var keep []string
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.Contains(l, "Unable to locate") && strings.TrimSpace(l) != "" {
			keep = append(keep, l)
		}
	}
	if len(keep) > 40 {
		keep = append(keep[:40], "…")
	}
	return strings.Join(keep, "\n")
}

// TestValidatorsReject: the validators the tests rely on do reject an
// invalid file (a test that cannot fail proves nothing).
func TestValidatorsReject(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	m := fixtures(t)[0]
	if _, err := writeTEI(&buf, m, "2031-03-01"); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(buf.String(), `ana="#regular`, `xana="#regular`, 1) // u without ana
	p := filepath.Join(dir, "bad.xml")
	os.WriteFile(p, []byte(bad), 0o644)
	jing := corpus.Tool(t, "jing", "jing")
	if err := exec.Command(jing, corpus.StandardsPath(t, "parlamint/ParlaMint-TEI.rng"), p).Run(); err == nil {
		t.Error("jing accepts a TEI file with an utterance without @ana")
	}
	buf.Reset()
	if err := writeAKN(&buf, m, "2031-03-01"); err != nil {
		t.Fatal(err)
	}
	bad = strings.Replace(buf.String(), "<debateBody>", "<debateBody><nonsense/>", 1)
	os.WriteFile(p, []byte(bad), 0o644)
	xmllint := corpus.Tool(t, "xmllint", "libxml2-utils")
	if err := exec.Command(xmllint, "--noout", "--schema", corpus.StandardsPath(t, "akn/oasis-akomantoso30.xsd"), p).Run(); err == nil {
		t.Error("xmllint accepts an AKN file with an unknown element")
	}
}

// writeXMLFiles exports ms as tei or akn files into a temporary
// directory and returns their paths (the TEI corpus root apart).
func writeXMLFiles(t *testing.T, src Source, format string) (dir string, files []string) {
	t.Helper()
	dir = t.TempDir()
	if _, err := WriteFiles(DirSink(dir), src, Options{Format: format, Date: "2031-03-01"}); err != nil {
		t.Fatal(err)
	}
	files, _ = filepath.Glob(filepath.Join(dir, "*.xml"))
	files = slices.DeleteFunc(files, func(f string) bool { return filepath.Base(f) == teiRootName })
	return dir, files
}

func TestTEI(t *testing.T) {
	ms := fixtures(t)
	dir, files := writeXMLFiles(t, sourceOf(ms), "tei")
	if len(files) != len(ms) {
		t.Fatalf("%d TEI files for %d meetings", len(files), len(ms))
	}
	validate(t, "tei", files)
	checkTEIRoot(t, dir, files, speeches(ms))
	b, _ := os.ReadFile(filepath.Join(dir, "S_PV.9999Resumption1-EN.xml"))
	s := string(b)
	for _, want := range []string{
		`<u xml:id="S_PV.9999Resumption1-EN.u1" who="#p.Ostvik.NOR" ana="#chair #delivery.en">`,
		`<u xml:id="S_PV.9999Resumption1-EN.u2" who="#p.Quill.UNICEF" ana="#guest #delivery.fr">`,
		`<u xml:id="S_PV.9999Resumption1-EN.u3" who="#p.Durand.FRA" ana="#regular #delivery.fr">`,
		`<note type="speaker">Ms. Quill (spoke in French):</note>`,
		`<note type="suspended"><time when="2031-02-03T11:30:00">11:30</time> The meeting was suspended at 11.30 a.m.</note>`,
		`<desc xml:lang="en">Vote on S/2031/18 (recorded): 2 in favour, 1 against, 0 abstaining; adopted as S/RES/2999 (2031)</desc>`,
		`<head>Working methods, "briefly"</head>`,
		`<note type="unclassified">(The speaker continued in Spanish)</note>`,
		`A bell character is not XML.`,
		`xml:lang="en"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("TEI lacks %s", want)
		}
	}
}

// checkTEIRoot checks the corpus root: it includes the files, and every
// speaker they point to is one of its people.
func checkTEIRoot(t *testing.T, dir string, files []string, speeches int) {
	t.Helper()
	root, err := os.ReadFile(filepath.Join(dir, teiRootName))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	var includes []string
	dec := xml.NewDecoder(bytes.NewReader(root))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("corpus root is not XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "id" {
					ids[a.Value] = true
				}
				if se.Name.Local == "include" && a.Name.Local == "href" {
					includes = append(includes, a.Value)
				}
			}
		}
	}
	if len(includes) != len(files) {
		t.Errorf("the root includes %d files, %d were written", len(includes), len(files))
	}
	for _, inc := range includes {
		if _, err := os.Stat(filepath.Join(dir, inc)); err != nil {
			t.Errorf("the root includes %s: %v", inc, err)
		}
	}
	us := 0
	ref := regexp.MustCompile(`(?:who|ana)="([^"]*)"`)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		us += strings.Count(string(b), "<u ")
		for _, m := range ref.FindAllStringSubmatch(string(b), -1) {
			for _, p := range strings.Fields(m[1]) {
				if !ids[strings.TrimPrefix(p, "#")] {
					t.Errorf("%s points to %s, which the root does not define", filepath.Base(f), p)
				}
			}
		}
	}
	if us != speeches {
		t.Errorf("%d utterances for %d speeches", us, speeches)
	}
	if !strings.Contains(string(root), fmt.Sprintf(`quantity="%d"`, speeches)) {
		t.Errorf("the root does not count %d speeches", speeches)
	}
}

func TestAKN(t *testing.T) {
	ms := fixtures(t)
	dir, files := writeXMLFiles(t, sourceOf(ms), "akn")
	if len(files) != len(ms) {
		t.Fatalf("%d AKN files for %d meetings", len(files), len(ms))
	}
	validate(t, "akn", files)
	b, _ := os.ReadFile(filepath.Join(dir, "S_PV.9999Resumption1-EN.akn.xml"))
	s := string(b)
	for _, want := range []string{
		`<FRBRuri value="/akn/un/debate/verbatimRecord/un-sc/2031-02-03/S-PV.9999_(Resumption_1)"/>`,
		`<FRBRuri value="/akn/un/debate/verbatimRecord/un-sc/2031-02-03/S-PV.9999_(Resumption_1)/eng@"/>`,
		`<FRBRlanguage language="eng"/>`,
		`<TLCPerson eId="p.Durand.FRA"`,
		`<TLCOrganization eId="org.FRA" href="/ontology/organization/un/FRA" showAs="France"/>`,
		`<speech eId="dbsect_2__speech_3" by="#p.Durand.FRA" as="#role.member">`,
		`<from>Mr. Durand (France) (spoke in French):</from>`,
		`France voted in favour of <ref href="https://undocs.org/en/S/RES/2999%20%282031%29">resolution 2999 (2031)</ref>, as document <ref href="https://undocs.org/en/S/2031/17">S/2031/17</ref> asked.`,
		`<summary refersTo="#vote">Vote on S/2031/18 (recorded): 2 in favour, 1 against, 0 abstaining; adopted as S/RES/2999 (2031)</summary>`,
		`<debateSection eId="dbsect_3" name="agendaItem">`,
		`<recordedTime time="2031-02-03T12:40:00" type="endEvent">12:40</recordedTime>`,
		`<speech eId="dbsect_3__speech_2" by="#org.UN" as="#role.secretary-general">`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("AKN lacks %s", want)
		}
	}
	b, _ = os.ReadFile(filepath.Join(dir, "A_99_PV.12-ZH.akn.xml"))
	if !strings.Contains(string(b), `<FRBRuri value="/akn/un/debate/verbatimRecord/un-ga/1900-01-01/A-99-PV.12/zho@"/>`) {
		t.Errorf("undated Chinese record's IRI: %s", regexp.MustCompile(`<FRBRuri[^>]*>`).FindAllString(string(b), -1))
	}
}
