package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/record"
)

// row is what a cell is computed from: one speech of one meeting.
type row struct {
	n     int // row number, from 1
	m     *record.Meeting
	sp    *record.Speech
	cites []string
	text  string
	count counts
}

// cellFuncs give each column's value; data/columns.tsv gives their order
// (and the two are checked against each other when loaded). Set in init:
// the values use the loaded tables.
var cellFuncs map[string]func(r *row) string

func init() { cellFuncs = cells }

var cells = map[string]func(r *row) string{
	"":                   func(r *row) string { return strconv.Itoa(r.n) },
	"filename":           func(r *row) string { return scdFile(r.m, r.sp.Seq) },
	"date":               func(r *row) string { return r.m.Date },
	"day":                func(r *row) string { return datePart(r.m.Date, 8, 10) },
	"month":              func(r *row) string { return datePart(r.m.Date, 5, 7) },
	"year":               func(r *row) string { return datePart(r.m.Date, 0, 4) },
	"speaker":            func(r *row) string { return speakerName(r.m, r.sp) },
	"speaker_undl":       empty,
	"speaker_country":    empty,
	"country_org":        func(r *row) string { return countryOrg(r.sp) },
	"role":               func(r *row) string { return unRole(r.sp) },
	"participanttype":    func(r *row) string { return participantType(r.sp) },
	"speech_number":      func(r *row) string { return strconv.Itoa(r.sp.Seq) },
	"record_speech":      empty,
	"tokens":             func(r *row) string { return strconv.Itoa(r.count.tokens) },
	"types":              func(r *row) string { return strconv.Itoa(r.count.types) },
	"sentences":          func(r *row) string { return strconv.Itoa(r.count.sentences) },
	"topic":              func(r *row) string { return topic(r.m, r.sp.Item) },
	"agenda_item1":       empty,
	"agenda_item2":       empty,
	"agenda_item3":       empty,
	"agenda_item4":       empty,
	"agenda_item_manual": empty,
	"document_symbol":    func(r *row) string { return r.m.Symbol },
	"meeting_symbol":     func(r *row) string { return baseSymbol(r.m) },
	"speech_format":      empty,
	"record_language":    func(r *row) string { return r.m.Language },
	"country_code":       func(r *row) string { return affil(r.sp).Code },
	"entity_kind":        func(r *row) string { return affil(r.sp).Kind },
	"speaker_role":       func(r *row) string { return r.sp.Role },
	"national_capacity":  func(r *row) string { return strconv.FormatBool(r.sp.NationalCapacity) },
	"spoken_language":    func(r *row) string { return r.sp.Language },
	"on_behalf_of": func(r *row) string {
		if r.sp.OnBehalfOf == nil {
			return ""
		}
		return *r.sp.OnBehalfOf
	},
	"part": func(r *row) string { return strconv.Itoa(r.m.Part) },
	"body": func(r *row) string { return r.m.Body },
	"agenda_item": func(r *row) string {
		if r.sp.Item <= 0 {
			return ""
		}
		return strconv.Itoa(r.sp.Item)
	},
	"agenda_number": func(r *row) string {
		if r.sp.Item <= 0 || r.sp.Item > len(r.m.Agenda) {
			return ""
		}
		return r.m.Agenda[r.sp.Item-1].Number
	},
	"cited_symbols": func(r *row) string { return strings.Join(r.cites, "; ") },
	"label":         func(r *row) string { return oneLine(r.sp.Label) },
	"text":          func(r *row) string { return r.text },
}

func empty(*row) string { return "" }

func affil(sp *record.Speech) record.Affiliation {
	if sp.Affiliation == nil {
		return record.Affiliation{}
	}
	return *sp.Affiliation
}

// datePart cuts a part of YYYY-MM-DD as a number without leading zeros.
func datePart(date string, i, j int) string {
	if len(date) < j {
		return ""
	}
	n, err := strconv.Atoi(date[i:j])
	if err != nil || n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// scdFile is a speech's file name in the Security Council Debates
// corpus's convention: UNSC_2016_SPV.7796_spch001.txt.
func scdFile(m *record.Meeting, seq int) string {
	return fmt.Sprintf("%s_spch%03d.txt", scdBase(m), seq)
}

// scdBase is a meeting's base name in that convention: the organ's
// prefix, the year and the symbol without slashes, spaces or brackets
// (S/PV.8706 (Resumption 1) → SPV.8706Resumption1).
func scdBase(m *record.Meeting) string {
	year := "NA"
	if len(m.Date) >= 4 {
		year = m.Date[:4]
	}
	return bodyOf(m.Symbol).prefix + "_" + year + "_" + scdSymbol(m.Symbol)
}

func scdSymbol(s string) string {
	return strings.NewReplacer("/", "", " ", "", "(", "", ")", "", "_", "").Replace(s)
}

// speakerName is the name as the corpus gives it: with its title, and for
// the President the president's name from the cover page.
func speakerName(m *record.Meeting, sp *record.Speech) string {
	if presides(sp) && m.President != nil && m.President.Name != "" {
		return oneLine(m.President.Name)
	}
	switch {
	case sp.Title == "":
		return sp.Speaker
	case m.Language == "zh":
		return sp.Speaker + sp.Title
	}
	return sp.Title + " " + sp.Speaker
}

// personName is a speaker's name without title, for identifiers; "" when
// the record names only a role ("The President") and no person.
func personName(m *record.Meeting, sp *record.Speech) string {
	if presides(sp) {
		if m.President == nil || m.President.Name == "" {
			return ""
		}
		return stripTitle(m.Language, oneLine(m.President.Name))
	}
	if sp.Title == "" && sp.Role != record.RoleMember && sp.Role != record.RoleNonMember {
		return "" // a role word: The Secretary-General, 秘书长
	}
	return sp.Speaker
}

// presides reports whether a speech is by the presiding officer, named
// by the role ("The President"), also when speaking in national capacity.
func presides(sp *record.Speech) bool {
	return sp.Title == "" && (sp.Role == record.RolePresident || sp.NationalCapacity)
}

func stripTitle(lang, name string) string {
	g, err := grammar.For(lang)
	if err != nil {
		return name
	}
	for _, t := range g.Titles {
		if rest, ok := strings.CutPrefix(name, t+" "); ok {
			return strings.TrimSpace(rest)
		}
		if rest, ok := strings.CutSuffix(name, t); ok && lang == "zh" && rest != "" {
			return rest
		}
	}
	return name
}

// countryOrg names what a speaker represents as the corpus does: the
// English short name, and UN for all United Nations officials.
func countryOrg(sp *record.Speech) string {
	a := affil(sp)
	switch {
	case a.Kind == record.KindUN:
		return "UN"
	case a.Code != "":
		if n := gazetteer.Name(a.Code, "en"); n != "" {
			return n
		}
	}
	return oneLine(a.Name)
}

func unRole(sp *record.Speech) string {
	if sp.Function != "" {
		return oneLine(sp.Function)
	}
	if sp.Role == record.RoleSecretaryGeneral {
		return "Secretary-General"
	}
	return ""
}

func participantType(sp *record.Speech) string {
	switch sp.Role {
	case record.RolePresident:
		return "The President"
	case record.RoleMember:
		return "Mentioned"
	}
	return "Guest"
}

// table writes CSV (RFC 4180: fields with commas, quotes or line breaks
// quoted, quotes doubled, CRLF between records) or TSV (no quoting;
// backslash, tab, line feed and carriage return escaped as \\ \t \n \r).
type table struct {
	w       *bufio.Writer
	tsv     bool
	columns []Column
	n       int
	err     error
	counter counter
}

// newTable writes the header; withText false leaves the text column out
// (the scd layout keeps texts in files).
func newTable(w io.Writer, tsv, withText bool) *table {
	t := &table{w: bufio.NewWriterSize(w, 64<<10), tsv: tsv}
	for _, c := range facts().columns {
		if c.Name == "text" && !withText {
			continue
		}
		t.columns = append(t.columns, c)
	}
	names := make([]string, len(t.columns))
	for i, c := range t.columns {
		names[i] = c.Name
	}
	t.record(names)
	return t
}

func (t *table) reset(w *bufio.Writer, first int) {
	t.w, t.n, t.err = w, first, nil
}

func (t *table) meeting(m *record.Meeting) error {
	cites := citations(m)
	cells := make([]string, len(t.columns))
	for i := range m.Speeches {
		sp := &m.Speeches[i]
		t.n++
		r := row{n: t.n, m: m, sp: sp, cites: cites[sp.Seq], text: strings.Join(sp.Paragraphs, "\n")}
		r.count = t.counter.count(r.text)
		for k, c := range t.columns {
			cells[k] = cellFuncs[c.Name](&r)
		}
		t.record(cells)
	}
	return t.err
}

func (t *table) record(cells []string) {
	if t.err != nil {
		return
	}
	for i, c := range cells {
		if i > 0 {
			if t.tsv {
				t.w.WriteByte('\t')
			} else {
				t.w.WriteByte(',')
			}
		}
		if t.tsv {
			tsvEscaper.WriteString(t.w, c)
		} else {
			writeCSVField(t.w, c)
		}
	}
	if t.tsv {
		_, t.err = t.w.WriteString("\n")
	} else {
		_, t.err = t.w.WriteString("\r\n")
	}
}

func (t *table) close() error {
	if t.err != nil {
		return t.err
	}
	return t.w.Flush()
}

var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// UnescapeTSV reverses the escapes of a TSV field.
func UnescapeTSV(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func writeCSVField(w *bufio.Writer, s string) {
	if !strings.ContainsAny(s, ",\"\r\n") && strings.TrimSpace(s) == s {
		w.WriteString(s)
		return
	}
	w.WriteByte('"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		w.WriteString(s[:i+1])
		w.WriteByte('"')
		s = s[i+1:]
	}
	w.WriteString(s)
	w.WriteByte('"')
}
