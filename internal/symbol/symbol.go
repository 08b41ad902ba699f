// Package symbol parses and normalises United Nations document symbols
// (S/PV.7796, A/RES/69/10, S/RES/1267 (1999), ...) and finds references to
// documents in the running text of meeting records.
//
// The vocabulary of the symbol grammar (bodies, series words, the words that
// mark meeting records, resolutions and presidential statements) and the
// per-language reference patterns are embedded data files under data/, so
// supporting a new body or language is a data change.
package symbol

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is what a symbol designates, as far as the symbol itself tells.
type Kind int

const (
	// Document is any symbol that is not one of the kinds below.
	Document Kind = iota
	// Meeting is a verbatim or summary record: S/PV.7796, E/2016/SR.5.
	Meeting
	// Resolution is an adopted resolution: S/RES/1267 (1999), A/RES/69/10.
	Resolution
	// Statement is a presidential statement: S/PRST/2016/12.
	Statement
)

func (k Kind) String() string {
	switch k {
	case Document:
		return "document"
	case Meeting:
		return "meeting record"
	case Resolution:
		return "resolution"
	case Statement:
		return "presidential statement"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Symbol is a parsed document symbol. Body, Series and Qualifier make up
// the canonical form that String prints; the other fields are read from
// them by Parse for convenience and are zero when the symbol does not
// carry them.
type Symbol struct {
	// Body is the first segment: "S", "A", "E", "ST", ...
	Body string
	// Series holds the remaining slash-separated segments in canonical
	// spelling: ["C.1", "71", "PV.3"] for A/C.1/71/PV.3.
	Series []string
	// Qualifier is the bracketed suffix without brackets: "Resumption 1",
	// "1999" in S/RES/1267 (1999), "V" in A/RES/377 (V).
	Qualifier string

	Kind Kind
	// Session is a session that is not a year: "71" in A/71/PV.40 and
	// A/71/L.5, "69" in A/RES/69/10, "ES-10", or the Roman numeral of an
	// old resolution such as A/RES/377 (V).
	Session string
	// Year is a year the symbol carries: 2016 in S/2016/867, E/RES/2016/4,
	// S/PRST/2016/12 and E/2016/SR.5; 1999 in S/RES/1267 (1999).
	Year int
	// Number is the resolution, statement or document number: 1267 in
	// S/RES/1267 (1999), 10 in A/RES/69/10, 12 in S/PRST/2016/12, 867 in
	// S/2016/867.
	Number int
	// Meeting is the meeting number of a meeting record (7796 in S/PV.7796).
	Meeting int
	// Part is the resumption part of a meeting record: 1 in
	// S/PV.8706 (Resumption 1).
	Part int
}

// String returns the canonical printed form, or "" for the zero Symbol.
func (s Symbol) String() string {
	if s.Body == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(s.Body)
	for _, p := range s.Series {
		b.WriteByte('/')
		b.WriteString(p)
	}
	if s.Qualifier != "" {
		b.WriteString(" (")
		b.WriteString(s.Qualifier)
		b.WriteByte(')')
	}
	return b.String()
}

// Error reports why a string is not a document symbol.
type Error struct {
	Input string // the string given to Parse
	Msg   string // what is wrong with it
}

func (e *Error) Error() string {
	in := e.Input
	if len(in) > 60 {
		in = in[:60] + "..."
	}
	return fmt.Sprintf("symbol %q: %s", in, e.Msg)
}

// maxLen bounds the input; real symbols are well under 60 bytes.
const maxLen = 200

// Normalize returns the canonical form of a printed symbol.
func Normalize(s string) (string, error) {
	sym, err := Parse(s)
	if err != nil {
		return "", err
	}
	return sym.String(), nil
}

// Parse reads a document symbol as printed. It accepts full-width forms
// (Ｓ／ＰＶ．７７９６, （１９９９）), odd spacing around slashes, dots and
// brackets, and any letter case, and returns the symbol in canonical form.
func Parse(s string) (Symbol, error) {
	fail := func(format string, args ...any) (Symbol, error) {
		return Symbol{}, &Error{Input: s, Msg: fmt.Sprintf(format, args...)}
	}
	if len(s) > maxLen {
		return fail("longer than %d bytes", maxLen)
	}
	if !utf8.ValidString(s) {
		return fail("not valid UTF-8")
	}
	f := strings.Join(strings.Fields(foldString(s)), " ")
	if f == "" {
		return fail("empty")
	}

	main, qual := f, ""
	if strings.HasSuffix(f, ")") {
		i := strings.LastIndexByte(f, '(')
		if i < 0 {
			return fail("unbalanced bracket")
		}
		main, qual = strings.TrimSpace(f[:i]), strings.TrimSpace(f[i+1:len(f)-1])
		if qual == "" {
			return fail("empty brackets")
		}
	}
	if strings.ContainsAny(main, "()") || strings.ContainsAny(qual, "()") {
		return fail("unexpected bracket")
	}
	main = tighten(main)
	if strings.Contains(main, " ") {
		return fail("unexpected space")
	}
	fields := strings.Split(main, "/")
	if len(fields) < 2 {
		return fail(`no "/"`)
	}
	body := strings.ToUpper(fields[0])
	if body == "" {
		return fail("missing body before the first /")
	}
	if !grammar.bodies[body] {
		return fail("unknown body %q", fields[0])
	}

	segs := make([]segment, 0, len(fields)-1)
	for _, fl := range fields[1:] {
		if fl == "" {
			return fail("empty segment")
		}
		sg, msg := lexSegment(fl)
		if msg != "" {
			return fail("%s", msg)
		}
		segs = append(segs, sg)
	}

	sym := Symbol{Body: body, Series: make([]string, len(segs))}
	for i, sg := range segs {
		sym.Series[i] = sg.text
	}
	if msg := sym.interpret(segs, qual); msg != "" {
		return fail("%s", msg)
	}
	return sym, nil
}

// tighten removes the spaces that print layout puts around slashes, dots
// and hyphens ("S / PV. 7796"); any other space is an error.
func tighten(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			prev, next := byte(0), byte(0)
			if i > 0 {
				prev = s[i-1]
			}
			if i+1 < len(s) {
				next = s[i+1]
			}
			if strings.IndexByte("/.-", prev) >= 0 || strings.IndexByte("/.-", next) >= 0 {
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// segment is one lexed series segment: digits ("2016"), a word ("RES"), or
// a word joined by '.' or '-' to a tail ("PV.7796", "C.1", "WG.II",
// "ES-10").
type segment struct {
	text   string // canonical spelling
	raw    string // as given, for messages
	word   string // canonical word; "" for a number
	sep    byte   // '.', '-' or 0
	tail   string
	number bool
}

// Limits keep lexing bounded and numbers within int.
const (
	maxWord   = 12
	maxTail   = 10
	maxNumber = 9
)

// lexSegment returns the segment or a message saying what is wrong.
func lexSegment(p string) (segment, string) {
	if isDigits(p) {
		if len(p) > maxNumber {
			return segment{}, fmt.Sprintf("number %q too long", p)
		}
		return segment{text: p, raw: p, number: true}, ""
	}
	i := 0
	for i < len(p) && isLetter(p[i]) {
		i++
	}
	if i == 0 || i > maxWord {
		return segment{}, fmt.Sprintf("invalid segment %q", p)
	}
	w := strings.ToUpper(p[:i])
	if c, ok := grammar.words[w]; ok {
		w = c
	}
	sg := segment{word: w, text: w, raw: p}
	if i == len(p) {
		return sg, ""
	}
	sg.sep, sg.tail = p[i], p[i+1:]
	switch {
	case sg.tail == "":
		return segment{}, fmt.Sprintf("segment %q ends with %q", p, sg.sep)
	case len(sg.tail) > maxTail:
		return segment{}, fmt.Sprintf("invalid segment %q", p)
	case sg.sep == '.' && (isDigits(sg.tail) || isLetters(sg.tail)):
		sg.tail = strings.ToUpper(sg.tail)
	case sg.sep == '-' && isDigits(sg.tail) && grammar.special[w]:
	default:
		return segment{}, fmt.Sprintf("invalid segment %q", p)
	}
	sg.text = w + string(sg.sep) + sg.tail
	return sg, ""
}

func (sg segment) isSpecialSession() bool { return sg.sep == '-' }

// isYear reports a four-digit number segment; UN symbols use years only
// from 1946 on, and earlier four-digit numbers are document numbers.
func (sg segment) isYear() bool { return sg.number && len(sg.text) == 4 && sg.text >= "1946" }

// isSession reports a session segment other than a year: "71", "ES-10".
func (sg segment) isSession() bool {
	return sg.number && len(sg.text) <= 3 || sg.isSpecialSession()
}

// interpret fills the derived fields from the segments and the bracketed
// qualifier, and returns a message when they do not fit together.
func (s *Symbol) interpret(segs []segment, qual string) string {
	role := -1
	for i, sg := range segs {
		if grammar.meeting[sg.word] || grammar.resolution[sg.word] && sg.sep == 0 || grammar.statement[sg.word] && sg.sep == 0 {
			role = i
			break
		}
	}
	var msg string
	qualUsed := false
	switch {
	case role >= 0 && grammar.meeting[segs[role].word]:
		msg, qualUsed = s.meetingRecord(segs, role, qual)
	case role >= 0 && grammar.resolution[segs[role].word]:
		msg, qualUsed = s.resolution(segs, role, qual)
	case role >= 0:
		msg = s.statement(segs, role)
	default:
		msg = s.document(segs)
	}
	if msg != "" {
		return msg
	}
	if qual != "" && !qualUsed {
		return fmt.Sprintf("unexpected (%s) after a %s symbol", qual, s.Kind)
	}
	return ""
}

func (s *Symbol) meetingRecord(segs []segment, i int, qual string) (string, bool) {
	s.Kind = Meeting
	sg := segs[i]
	if sg.sep != '.' {
		return fmt.Sprintf("%s without a meeting number", sg.word), false
	}
	if !isDigits(sg.tail) {
		return fmt.Sprintf("meeting number %q is not numeric", sg.tail), false
	}
	s.Meeting, _ = strconv.Atoi(sg.tail)
	if i > 0 {
		switch prev := segs[i-1]; {
		case prev.isYear():
			s.Year, _ = strconv.Atoi(prev.text)
		case prev.isSession():
			s.Session = prev.text
		}
	}
	if msg := checkTail(segs[i+1:]); msg != "" {
		return msg, false
	}
	if qual == "" {
		return "", false
	}
	n, ok := resumption(qual)
	if !ok {
		return fmt.Sprintf("unexpected (%s) after a meeting record; want (%s n)", qual, grammar.resumption), false
	}
	s.Part = n
	s.Qualifier = grammar.resumption + " " + strconv.Itoa(n)
	return "", true
}

func (s *Symbol) resolution(segs []segment, i int, qual string) (string, bool) {
	s.Kind = Resolution
	rest := segs[i+1:]
	if len(rest) == 0 {
		return "resolution number missing", false
	}
	a := rest[0]
	if len(rest) >= 2 && rest[1].number && (a.isSpecialSession() || a.number) {
		// A/RES/69/10, A/RES/ES-10/15, E/RES/2016/4: session or year, then
		// number.
		if a.isYear() {
			s.Year, _ = strconv.Atoi(a.text)
		} else if a.isSession() {
			s.Session = a.text
		} else {
			return fmt.Sprintf("%q is neither a session nor a year", a.raw), false
		}
		s.Number, _ = strconv.Atoi(rest[1].text)
		return checkTail(rest[2:]), false
	}
	if !a.number {
		return fmt.Sprintf("resolution number %q is not numeric", a.raw), false
	}
	// S/RES/1267 (1999), A/RES/377 (V): the year or session is bracketed.
	s.Number, _ = strconv.Atoi(a.text)
	if msg := checkTail(rest[1:]); msg != "" {
		return msg, false
	}
	switch {
	case qual == "":
		return "", false
	case isDigits(qual) && len(qual) == 4:
		s.Year, _ = strconv.Atoi(qual)
		s.Qualifier = qual
	case romanValue(strings.ToUpper(qual)) > 0:
		s.Session = strings.ToUpper(qual)
		s.Qualifier = s.Session
	default:
		return fmt.Sprintf("unexpected (%s) after a resolution; want a year or a Roman session number", qual), false
	}
	return "", true
}

func (s *Symbol) statement(segs []segment, i int) string {
	s.Kind = Statement
	rest := segs[i+1:]
	if len(rest) < 2 || !rest[0].isYear() || !rest[1].number {
		return fmt.Sprintf("%s needs a year and a number", segs[i].word)
	}
	s.Year, _ = strconv.Atoi(rest[0].text)
	s.Number, _ = strconv.Atoi(rest[1].text)
	return checkTail(rest[2:])
}

func (s *Symbol) document(segs []segment) string {
	s.Kind = Document
	hasNumber := false
	for i, sg := range segs {
		if sg.number || isDigits(sg.tail) {
			hasNumber = true
		}
		switch {
		case s.Year == 0 && s.Session == "" && sg.isYear():
			s.Year, _ = strconv.Atoi(sg.text)
			if i+1 < len(segs) && segs[i+1].number {
				s.Number, _ = strconv.Atoi(segs[i+1].text)
			}
		case s.Year == 0 && s.Session == "" && sg.isSession():
			s.Session = sg.text
		}
	}
	// Every document symbol carries a number somewhere; without one the
	// string is a series name ("ST/SGB") or ordinary text ("A/B").
	if !hasNumber {
		return "no number in symbol"
	}
	return ""
}

// checkTail accepts what may follow the identifying part of a meeting
// record, resolution or statement: revision suffixes such as /Corr.1.
func checkTail(segs []segment) string {
	for _, sg := range segs {
		if !grammar.modifier[sg.word] || sg.sep != '.' || !isDigits(sg.tail) {
			return fmt.Sprintf("unexpected segment %q", sg.raw)
		}
	}
	return ""
}

// resumption reads "Resumption 1", "resumption1" and the like.
func resumption(q string) (int, bool) {
	w := grammar.resumption
	if len(q) <= len(w) || !strings.EqualFold(q[:len(w)], w) {
		return 0, false
	}
	n := strings.TrimSpace(q[len(w):])
	if !isDigits(n) || len(n) > 2 {
		return 0, false
	}
	v, _ := strconv.Atoi(n)
	return v, v > 0
}

// romanValue returns the value of an upper-case Roman numeral in standard
// form, or 0. Old General Assembly resolutions name their session this way.
func romanValue(s string) int {
	if s == "" || len(s) > 12 {
		return 0
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v := romanDigit(s[i])
		if v == 0 {
			return 0
		}
		if i+1 < len(s) && romanDigit(s[i+1]) > v {
			total -= v
		} else {
			total += v
		}
	}
	// Reject non-standard spellings such as IIII or VX by round-tripping.
	if total <= 0 || total >= 400 || toRoman(total) != s {
		return 0
	}
	return total
}

func romanDigit(c byte) int {
	switch c {
	case 'I':
		return 1
	case 'V':
		return 5
	case 'X':
		return 10
	case 'L':
		return 50
	case 'C':
		return 100
	}
	return 0
}

func toRoman(n int) string {
	steps := []struct {
		v int
		s string
	}{{100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}
	var b strings.Builder
	for _, st := range steps {
		for n >= st.v {
			b.WriteString(st.s)
			n -= st.v
		}
	}
	return b.String()
}
