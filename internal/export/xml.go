package export

import (
	"bufio"
	"io"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// xmlWriter writes indented XML, escaping text and attribute values and
// dropping the characters XML 1.0 does not allow; it counts the elements
// it writes (TEI's tagsDecl lists them).
type xmlWriter struct {
	w      *bufio.Writer
	depth  int
	counts map[string]int
	order  []string
}

func newXML(w io.Writer) *xmlWriter {
	return &xmlWriter{w: bufio.NewWriterSize(w, 64<<10), counts: map[string]int{}}
}

func (x *xmlWriter) indent() {
	x.w.WriteByte('\n')
	for range x.depth {
		x.w.WriteString("  ")
	}
}

func (x *xmlWriter) count(name string) {
	if x.counts[name] == 0 {
		x.order = append(x.order, name)
	}
	x.counts[name]++
}

// start writes <name a="v" …>; attributes with an empty value are left
// out.
func (x *xmlWriter) start(name string, attrs ...string) {
	x.indent()
	x.tag(name, attrs)
	x.w.WriteByte('>')
	x.depth++
}

func (x *xmlWriter) tag(name string, attrs []string) {
	x.count(name)
	x.w.WriteByte('<')
	x.w.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		x.w.WriteByte(' ')
		x.w.WriteString(attrs[i])
		x.w.WriteString(`="`)
		writeEscaped(x.w, attrs[i+1], true)
		x.w.WriteByte('"')
	}
}

func (x *xmlWriter) end(name string) {
	x.depth--
	x.indent()
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteByte('>')
}

// leaf writes <name …>text</name> on one line.
func (x *xmlWriter) leaf(name, text string, attrs ...string) {
	x.indent()
	x.tag(name, attrs)
	if text == "" {
		x.w.WriteString("/>")
		return
	}
	x.w.WriteByte('>')
	writeEscaped(x.w, text, false)
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteByte('>')
}

// inline writes an element inside a line of text (no indentation).
func (x *xmlWriter) inline(name, text string, attrs ...string) {
	x.tag(name, attrs)
	x.w.WriteByte('>')
	writeEscaped(x.w, text, false)
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteByte('>')
}

// text writes escaped text where the writer stands.
func (x *xmlWriter) text(s string) { writeEscaped(x.w, s, false) }

func (x *xmlWriter) raw(s string) { x.w.WriteString(s) }

func (x *xmlWriter) flush() error { return x.w.Flush() }

// writeEscaped writes s escaped for XML text (attr false) or an attribute
// value, copying runs of plain bytes whole.
func writeEscaped(w interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
}, s string, attr bool) {
	plain := 0 // start of the run not yet written
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		size := 1
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '"' && attr:
			rep = "&quot;"
		case (c == '\n' || c == '\t' || c == '\r') && attr:
			rep = " "
		case c == '\n' || c == '\t':
			i++
			continue
		case c < 0x20:
			rep = "" // not allowed in XML 1.0: dropped
		case c < utf8.RuneSelf:
			i++
			continue
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if xmlChar(r) {
				i += size
				continue
			}
			rep = ""
		}
		w.WriteString(s[plain:i])
		w.WriteString(rep)
		i += size
		plain = i
	}
	w.WriteString(s[plain:])
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		(r >= 0x20 && r <= 0xD7FF && r != utf8.RuneError) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// xmlID makes an identifier (an XML NCName) from a name: its letters and
// digits, nothing else.
func xmlID(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// undocs is the document's address at the UN's document system.
func undocs(lang, symbol string) string {
	parts := strings.Split(symbol, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	if lang == "" {
		lang = "en"
	}
	return "https://undocs.org/" + lang + "/" + strings.Join(parts, "/")
}
